"""trousse adopt, second review on the real handbook (issue 15): day-first dates with dashes, index
pages, people in the role table, no invented version, a dry run that checks what apply checks, a
document removed from the plan, the repository's .gitignore. Real git repositories, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import check_json, cli, git, plan_repo

OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")

# The business continuity policy's revision table as the handbook keeps it: dashes, two-digit years,
# and a typo row (2002 between two rows of 2022).
CONTINUITY = """# Business Continuity and Disaster Recovery Policy

Keep the service running.

**Policy Owner:** Security Engineering Manager

<table>
  <tr><td><strong>Version</strong></td><td><strong>Date</strong></td>
   <td><strong>Author/Reviewer</strong></td><td><strong>Comments</strong></td></tr>
  <tr><td>1.0</td><td>24-Jan-2022</td><td>Diego Comas</td><td>First Version</td></tr>
  <tr><td>2.0</td><td>26-07-2002</td><td>Dora Neumeier</td><td>Updates after annual BC Plan testing</td></tr>
  <tr><td>2.0</td><td>26-07-22</td><td>Diego Comas</td><td>Reviewed &amp; Approved</td></tr>
  <tr><td>2.0</td><td>31-05-23</td><td>Dora Neumeier</td><td>Annual review</td></tr>
</table>
"""
INDEX = """# Information Security Policies

- [Acceptable use policy](acceptable-use-policy.md)
- [Business continuity plan](business-continuity-policy.md)
- [Information security policy](information-security-policy.md)
- [Secure development policy](secure-development-policy.md)

## Guidelines

- [Data sharing](data-sharing.md)
"""
SECURITY = "# Security Policy\n\n**Owner:** Security Engineering Manager\n\nWe protect data.\n"


def _plan(root: Path, *extra: str) -> dict[str, Any]:
    out = cli("adopt", str(root), *OPTIONS, "--dry-run", "--format", "json", *extra)
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def _save(tmp_path: Path, plan: dict[str, Any], name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def test_dashed_day_first_dates_are_read_and_a_typo_row_is_no_conflict(tmp_path: Path) -> None:
    root = plan_repo(tmp_path, {"policies/business-continuity-policy.md": CONTINUITY})
    plan = _plan(root)
    doc = {d["path"]: d for d in plan["documents"]}["policies/business-continuity-policy.md"]
    assert (doc["version"], doc["approved_on"], doc["reviewed_on"], doc["status"]) == (
        "2.0",
        "2022-07-26",
        "2023-05-31",
        "approved",
    )
    assert doc["approved_by"] == "Diego Comas" and doc["review_every"] == "12 months"
    assert plan["conflicts"] == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("26-07-2022", "2022-07-26"),
        ("26-07-22", "2022-07-26"),
        ("26/07/22", "2022-07-26"),
        ("2022-07-26", "2022-07-26"),
    ],
)
def test_revision_dates_in_every_day_first_form(tmp_path: Path, text: str, day: str) -> None:
    policy = f"# Release policy\n\n| Version | Date | Comments |\n|---|---|---|\n| 1.0 | {text} | Approved |\n"
    root = plan_repo(tmp_path, {"policies/release-policy.md": policy})
    doc = _plan(root)["documents"][0]
    assert (doc["version"], doc["approved_on"]) == ("1.0", day)


def test_an_index_page_is_not_proposed_and_security_policy_is_mapped(tmp_path: Path) -> None:
    root = plan_repo(tmp_path, {"policies/index.md": INDEX, "policies/policy-02.md": SECURITY})
    plan = _plan(root)
    docs = {d["path"]: d["artefacts"] for d in plan["documents"]}
    assert docs == {"policies/policy-02.md": ["information-security-policy"]}
    assert {"path": "policies/index.md", "why": "listing"} in plan["skipped"]
    text = cli("adopt", str(root), *OPTIONS, "--dry-run")
    assert "not proposed: policies/index.md: an index page (mostly links to other pages)" in text.stdout, text.stdout
    assert "other Markdown file" not in text.stdout  # the index is not counted as "no type fits"


def test_people_are_listed_as_people_and_mapped_to_the_role_they_hold(tmp_path: Path) -> None:
    root = plan_repo(tmp_path, {"policies/business-continuity-policy.md": CONTINUITY})
    plan = _plan(root)
    assert plan["roles"] == {"Security Engineering Manager": None}
    assert plan["people"] == {"Diego Comas": None}
    text = cli("adopt", str(root), *OPTIONS, "--dry-run").stdout
    assert "unknown role: 'Diego Comas'" not in text
    assert "'Diego Comas' is a person's name: give the role id they hold in the plan's 'people' table" in text
    plan["roles"] = {"Security Engineering Manager": "RGS"}
    plan["people"] = {"Diego Comas": "D"}
    out = cli("adopt", str(root), *OPTIONS, "--plan", str(_save(tmp_path, plan)))
    assert out.returncode == 0, out.stderr
    front = (root / "policies/business-continuity-policy.md").read_text(encoding="utf-8").split("---\n")[1]
    assert "owner: RGS\n" in front and "approved_by: D\n" in front
    plan["people"] = {"Diego Comas": "NOBODY"}
    bad = cli("adopt", str(root), *OPTIONS, "--plan", str(_save(tmp_path, plan)))
    assert bad.returncode == 2 and "'people' entry 'Diego Comas'" in bad.stderr, bad.stderr


def test_no_version_is_invented(tmp_path: Path) -> None:
    root = plan_repo(tmp_path, {"policies/policy-02.md": SECURITY})
    plan = _plan(root)
    assert plan["documents"][0]["version"] is None
    assert {"path": "policies/policy-02.md", "field": "version"} in plan["to_fill"]
    out = cli("adopt", str(root), *OPTIONS)
    assert out.returncode == 0, out.stderr
    assert "policies/policy-02.md: no version found; give it as 'version' in the plan" in out.stdout, out.stdout
    front = (root / "policies/policy-02.md").read_text(encoding="utf-8").split("---\n")[1]
    assert "version" not in front and "artefact: information-security-policy\n" in front


@pytest.mark.parametrize("path", ["policies/gone.md", "package.json"])
def test_a_dry_run_refuses_what_apply_refuses(tmp_path: Path, path: str) -> None:
    root = plan_repo(tmp_path, {"policies/policy-02.md": SECURITY, "package.json": "{}\n"})
    plan = _plan(root)
    plan["documents"].append({"path": path, "artefacts": ["sms-policy"]})
    saved = _save(tmp_path, plan)
    dry = cli("adopt", str(root), *OPTIONS, "--plan", str(saved), "--dry-run")
    real = cli("adopt", str(root), *OPTIONS, "--plan", str(saved))
    assert (dry.returncode, real.returncode) == (2, 2), (dry.stdout, real.stdout)
    assert dry.stderr.strip() == real.stderr.strip() and path in dry.stderr
    assert not (root / "trousse.yml").exists()


def test_a_document_in_the_plan_is_not_also_not_proposed(tmp_path: Path) -> None:
    root = plan_repo(tmp_path, {"releases/procedure.md": "# Release procedure\n\nShip on Mondays.\n"})
    plan = _plan(root)
    assert [s["path"] for s in plan["skipped"]] == ["releases/procedure.md"]
    plan["documents"].append({"path": "releases/procedure.md", "artefacts": ["release-policy"], "version": "1"})
    out = cli("adopt", str(root), *OPTIONS, "--plan", str(_save(tmp_path, plan)), "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "releases/procedure.md: release-policy (given by the plan)" in out.stdout
    assert "not proposed: releases/procedure.md" not in out.stdout and "not proposed" not in out.stdout


def test_a_document_removed_from_the_plan_leaves_the_kit(tmp_path: Path) -> None:
    root = plan_repo(
        tmp_path,
        {"policies/policy-02.md": SECURITY, "policies/business-continuity-policy.md": CONTINUITY},
    )
    body = (root / "policies/policy-02.md").read_bytes()
    plan = _plan(root)
    for d in plan["documents"]:
        d["version"] = d["version"] or "1"
    plan["roles"] = {"Security Engineering Manager": "RGS"}
    plan["people"] = {"Diego Comas": "D"}
    assert cli("adopt", str(root), *OPTIONS, "--plan", str(_save(tmp_path, plan))).returncode == 0
    assert "policies/policy-02.md" in (root / "trousse.yml").read_text(encoding="utf-8")
    plan["documents"] = [d for d in plan["documents"] if d["path"] != "policies/policy-02.md"]
    out = cli("adopt", str(root), *OPTIONS, "--plan", str(_save(tmp_path, plan, "second.json")))
    assert out.returncode == 0, out.stderr
    config = (root / "trousse.yml").read_text(encoding="utf-8")
    assert "policies/policy-02.md" not in config and "policies/business-continuity-policy.md" in config
    assert (root / "policies/policy-02.md").read_bytes() == body  # as it was before adoption
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    _, data = check_json(root)
    assert [f for f in data["findings"] if f["path"] == "policies/policy-02.md"] == []


def test_the_kits_gitignore_lines_are_appended(tmp_path: Path) -> None:
    root = plan_repo(tmp_path, {"policies/policy-02.md": SECURITY, ".gitignore": "node_modules/\n*.tmp"})
    assert cli("adopt", str(root), *OPTIONS).returncode == 0
    text = (root / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("node_modules/\n*.tmp\n") and text.endswith("\n/reports/\n"), text
    assert cli("adopt", str(root), *OPTIONS, "--plan", str(_save(tmp_path, _plan(root)))).returncode == 0
    assert (root / ".gitignore").read_text(encoding="utf-8") == text  # appended once only
