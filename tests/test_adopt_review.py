"""Issue 15, third round: what a fresh reviewer found adopting a real handbook (sourcegraph/handbook),
each pinned on a small synthetic handbook in a real git repository, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import POLICY, check_json, clean_kit_files, cli, commit_all, git, plan_repo, write_files

OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")


# ---------------------------------------------------------------- document control without the schema


@pytest.mark.parametrize(
    ("front", "fires"),
    [
        ("approved_on: 2025-01-10\n", True),  # no owner (schema fails) and approved before it existed
        ("approved_on: 2026-03-12\n", False),  # no owner, approved when it was committed
    ],
)
def test_back_dated_approval_is_caught_even_when_the_schema_fails(tmp_path: Path, front: str, fires: bool) -> None:
    files = clean_kit_files("en")
    files["documents/POL-002.md"] = (
        POLICY.replace("id: POL-001", "id: POL-002")
        .replace("owner: RGS\n", "")
        .replace("approved_on: 2026-09-14\n", front)
    )
    write_files(tmp_path, files)
    commit_all(tmp_path, "kit", date="2026-03-14T10:00:00+01:00")
    assert git(tmp_path, "log", "--diff-filter=A", "--format=%cs", "--", "documents/POL-002.md").strip() == "2026-03-14"
    _, data = check_json(tmp_path, "--as-of", "2026-03-20")
    mine = [(f["rule"], f["line"]) for f in data["findings"] if f["path"] == "documents/POL-002.md"]
    assert any(r == "SCH002" for r, _ in mine), mine  # the schema error stays reported
    evd = [f for f in data["findings"] if f["rule"] == "EVD010" and f["path"] == "documents/POL-002.md"]
    if fires:
        assert len(evd) == 1 and evd[0]["line"] == front_line(files["documents/POL-002.md"]), evd
        assert "2025-01-10" in evd[0]["message"] and "2026-03-14" in evd[0]["message"]
    else:
        assert evd == []


def front_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("approved_on:"))


# ---------------------------------------------------------------- the plan: why, hand-added entries, YAML

CONTINUITY = "# Business Continuity and Disaster Recovery Policy\n\n**Policy Owner:** Director\n\nWhat we do.\n"
THIRD_PARTY = "# Third Party Management Policy\n\n**Effective Date:** Feb 1, 2022\n\nVendors we trust.\n"


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    return plan_repo(
        tmp_path,
        {
            "policies/business-continuity-policy.md": CONTINUITY,
            "policies/third-party-management-policy.md": THIRD_PARTY,
            "team/benefits.md": "# Benefits\n",
        },
    )


def _dry(root: Path, *extra: str) -> Any:
    return cli("adopt", str(root), *OPTIONS, "--dry-run", *extra)


def test_the_plan_says_why_each_file_was_or_was_not_proposed(handbook: Path) -> None:
    out = _dry(handbook, "--format", "json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    docs = {d["path"]: d for d in plan["documents"]}
    # a business continuity and disaster recovery policy serves as the continuity plan
    bcp = docs["policies/business-continuity-policy.md"]
    assert bcp["artefacts"] == ["continuity-plan"] and bcp["why"] == "words", bcp
    assert bcp["matched"] == ["continuity", "plan"] and bcp["owner"] == "D"
    skipped = {s["path"]: s for s in plan["skipped"]}
    assert skipped["policies/third-party-management-policy.md"] == {
        "path": "policies/third-party-management-policy.md",
        "why": "no-type",
        "nearest": "supplier-contract",  # a third party is a supplier; "contract" is what it lacks
        "missing": ["contract"],
    }
    assert skipped["team/benefits.md"] == {"path": "team/benefits.md", "why": "no-type"}
    assert "continuity-plan" not in plan["unmapped_required"]
    text = _dry(handbook)
    assert text.returncode == 0, text.stderr
    assert "continuity-plan (the words continuity, plan); owner D" in text.stdout, text.stdout
    assert (
        "not proposed: policies/third-party-management-policy.md: the nearest type, supplier-contract, would also"
        ' need the word contract; if it serves as one, add it to the plan with "artefacts": ["supplier-contract"]'
    ) in text.stdout, text.stdout
    assert "2 other Markdown files were not proposed" in text.stdout
    assert "required document type with no candidate: Supplier contract (supplier-contract)" in text.stdout


def test_an_entry_added_by_hand_keeps_what_its_document_says(handbook: Path, tmp_path: Path) -> None:
    """Found on the real handbook: an entry added as {path, artefacts} was written with its path as
    title, version 1.0 and no effective date; the required type it now covers was still listed
    as having no candidate."""
    plan = json.loads(_dry(handbook, "--format", "json").stdout)
    path = "policies/third-party-management-policy.md"
    plan["documents"].append({"path": path, "artefacts": ["supplier-contract"], "owner": "RGS"})
    edited = tmp_path / "plan.json"
    edited.write_text(json.dumps(plan), encoding="utf-8")
    out = cli("adopt", str(handbook), *OPTIONS, "--plan", str(edited))
    assert out.returncode == 0, out.stderr
    assert "Supplier contract (supplier-contract)" not in out.stdout, out.stdout
    assert "supplier-contract (given by the plan); owner RGS" in out.stdout, out.stdout
    front = (handbook / path).read_text(encoding="utf-8").split("---\n")[1]
    assert "title: Third Party Management Policy\n" in front, front
    assert "artefact: supplier-contract\n" in front and "owner: RGS\n" in front
    assert (handbook / path).read_text(encoding="utf-8").endswith(THIRD_PARTY)


YAML_PLAN = """\
documents:
  - path: policies/business-continuity-policy.md
    artefacts: [continuity-plan]
    owner: RGS
    approved_on: 2024-02-01
roles: {}
"""


def test_a_yaml_plan_is_applied_like_its_json(handbook: Path, tmp_path: Path) -> None:
    edited = tmp_path / "plan.yml"
    edited.write_text(YAML_PLAN, encoding="utf-8")
    out = cli("adopt", str(handbook), *OPTIONS, "--plan", str(edited))
    assert out.returncode == 0, out.stderr
    front = (handbook / "policies/business-continuity-policy.md").read_text(encoding="utf-8")
    assert "approved_on: 2024-02-01\n" in front and "status: approved\n" in front, front
    assert front.endswith(CONTINUITY)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (YAML_PLAN.replace("2024-02-01", "yesterday"), "line 5, column 18, entry 1 of 'documents'"),
        (YAML_PLAN.replace("owner: RGS", "onwer: RGS"), "line 4, column 5"),
        (YAML_PLAN.replace("roles: {}", "roles: {Jane: NOBODY}"), "line 6, column 15"),
        (YAML_PLAN.replace("    owner: RGS\n", "    owner: 'RGS\n"), "not valid YAML (line 4"),
        ("- a\n- b\n", "'documents' list"),
    ],
)
def test_a_bad_yaml_plan_is_one_plain_line_with_its_place(
    handbook: Path, tmp_path: Path, text: str, words: str
) -> None:
    before = (handbook / "policies/business-continuity-policy.md").read_bytes()
    edited = tmp_path / "plan.yaml"
    edited.write_text(text, encoding="utf-8")
    out = cli("adopt", str(handbook), *OPTIONS, "--plan", str(edited))
    err = out.stderr.strip()
    assert out.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert words in err and "nothing was written" in err, err
    assert (handbook / "policies/business-continuity-policy.md").read_bytes() == before
    assert not (handbook / "trousse.yml").exists()
