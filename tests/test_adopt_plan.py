"""trousse adopt --plan (issue 15, part 1): the plan a consultant saved and edited is what gets
written, in a real git repository, through the real command line; applying it again changes
nothing; a plan that names what is not there is refused before anything is written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import cli, git, plan_repo, write_files
from test_adopters import HANDBOOK_POLICY, HANDBOOK_SECURITY, _commit, _snapshot
from test_evidence_support import run_cli

OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")
SMP = "policies/service-management-policy.md"
SEC = "policies/information-security-policy.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = plan_repo(
        tmp_path,
        {
            SMP: HANDBOOK_POLICY,
            SEC: HANDBOOK_SECURITY,
            "notes/continuity.md": "# Business continuity\n\nWho to call when the office burns.\n",
            "README.md": "# Our handbook\n",
        },
    )
    return root


def _adopt(root: Path, *extra: str) -> Any:
    return cli("adopt", str(root), *OPTIONS, *extra)


def _plan(root: Path) -> dict[str, Any]:
    out = _adopt(root, "--dry-run", "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def _front(root: Path, name: str) -> str:
    text = (root / name).read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return text.split("---\n", 2)[1]


def test_edited_plan_is_honoured_and_a_second_run_changes_nothing(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    before = _snapshot(repo)
    plan = _plan(repo)
    docs = {d["path"]: d for d in plan["documents"]}
    assert set(docs) == {SMP, SEC}  # notes/continuity.md: no type recognised from its name
    # The consultant's edits: the policy also covers the service management plan and was approved on
    # the footer's date; Jane Doe is the service management lead; the continuity notes are the
    # continuity plan; the security policy is left out of the kit for now.
    docs[SMP]["artefacts"] = ["sms-policy", "service-management-plan"]
    docs[SMP]["approved_on"] = "2026-03-15"
    del docs[SEC]
    docs["notes/continuity.md"] = {
        "path": "notes/continuity.md",
        "artefacts": "continuity-plan",
        "owner": "Jane Doe",
        "version": "0.1",  # the notes give none: adopt invents none, the consultant gives it
    }
    plan["documents"] = list(docs.values())
    plan["roles"] = {"Jane Doe": "RGS"}
    edited = tmp_path / "adopt-plan.json"
    edited.write_text(json.dumps(plan, indent=2), encoding="utf-8")

    out = _adopt(repo, "--plan", str(edited))
    assert out.returncode == 0, out.stderr
    after = _snapshot(repo)
    assert after[SEC] == before[SEC]  # removed from the plan: left alone
    assert after[SMP].endswith(before[SMP])  # the body byte for byte, under the new front matter
    smp = _front(repo, SMP)
    assert "artefact: sms-policy\nartefacts:\n  - service-management-plan\n" in smp
    assert "approved_on: 2026-03-15\n" in smp and "owner: RGS\n" in smp and "approved_by: D\n" in smp
    notes = _front(repo, "notes/continuity.md")
    assert "artefact: continuity-plan\n" in notes and "owner: RGS\n" in notes  # the role table applied
    config = (repo / "trousse.yml").read_text(encoding="utf-8")
    assert "  documents:\n    - policies/service-management-policy.md\n    - notes/continuity.md\n" in config

    again = _adopt(repo, "--plan", str(edited))
    assert again.returncode == 0, again.stderr
    assert _snapshot(repo) == after, "a second run of the same plan changed files"
    assert "Nothing to write" in again.stdout

    # A plan made afresh from the adopted files proposes what was written (and the security policy
    # again): applying it changes nothing of what the edited plan wrote.
    fresh = _plan(repo)
    assert {d["path"]: d["artefacts"] for d in fresh["documents"]}[SMP] == ["sms-policy", "service-management-plan"]
    assert _adopt(repo).returncode == 0
    kept = (SEC, "trousse.yml")
    assert {k: v for k, v in _snapshot(repo).items() if k not in kept} == {
        k: v for k, v in after.items() if k not in kept
    }

    _commit(repo, "2026-11-20T10:00:00+01:00")
    code, text, err = run_cli(capsys, "check", str(repo), "--format", "json", "--as-of", "2026-11-23")
    assert code in (0, 1), err
    findings = json.loads(text)["findings"]
    # the example catalogue adopt adds names no SLA: the template SLA is not written for an adopter
    assert [f for f in findings if f["rule"] == "REF006"] == [], findings
    mine = [f for f in findings if f["path"] in (SMP, "notes/continuity.md")]
    assert [f for f in mine if f["rule"][:3] in ("YML", "SCH", "REF")] == [], mine


def test_edit_after_applying_replaces_the_values_and_adds_the_location(repo: Path, tmp_path: Path) -> None:
    assert _adopt(repo).returncode == 0  # applied once as proposed
    assert "owner: Jane Doe\n" in _front(repo, SEC)
    plan = _plan(repo)
    docs = {d["path"]: d for d in plan["documents"]}
    assert docs[SEC]["owner"] == "Jane Doe" and plan["people"] == {"Jane Doe": None}  # a person, not an unknown role
    plan["people"] = {"Jane Doe": "RGS"}
    docs[SEC]["version"] = "2.1"
    plan["documents"].append({"path": "notes/continuity.md", "artefacts": ["continuity-plan"], "owner": "D"})
    edited = tmp_path / "adopt-plan.json"
    edited.write_text(json.dumps(plan), encoding="utf-8")
    config_before = (repo / "trousse.yml").read_text(encoding="utf-8")
    out = _adopt(repo, "--plan", str(edited))
    assert out.returncode == 0, out.stderr
    sec = _front(repo, SEC)
    assert sec.startswith("title: Information Security Policy\nowner: RGS\nclassification: internal\n"), sec
    assert "version: '2.1'\n" in sec and "2.0" not in sec
    config = (repo / "trousse.yml").read_text(encoding="utf-8")
    assert config.startswith(config_before.split("locations:")[0])  # the rest of trousse.yml kept
    assert "    - notes/continuity.md\n" in config
    snap = _snapshot(repo)
    assert _adopt(repo, "--plan", str(edited)).returncode == 0
    assert _snapshot(repo) == snap


@pytest.mark.parametrize(
    ("path", "words"),
    [("../elsewhere/policy.md", "stay inside"), ("/etc/policy.md", "stay inside"), ("policies/gone.md", "not a file")],
)
def test_plan_naming_what_is_not_there_writes_nothing(repo: Path, tmp_path: Path, path: str, words: str) -> None:
    plan = _plan(repo)
    plan["documents"].append({"path": path, "artefacts": ["sms-policy"]})
    edited = tmp_path / "adopt-plan.json"
    edited.write_text(json.dumps(plan), encoding="utf-8")
    before = _snapshot(repo)
    out = _adopt(repo, "--plan", str(edited))
    assert out.returncode == 2 and words in out.stderr and path in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert _snapshot(repo) == before


def test_dry_run_text_says_how_to_edit_the_plan(repo: Path) -> None:
    out = _adopt(repo, "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "--dry-run --format json" in out.stdout and "--plan adopt-plan.json" in out.stdout


# ---------------------------------------------------------------- what a real handbook holds

HTML_HISTORY = """\
# **Information Security Policy**

The policy, as the organisation wrote it.

<table>
  <tr>
   <td><strong>Version</strong>
   </td>
   <td><strong>Date</strong>
   </td>
   <td><strong>Description</strong>
   </td>
   <td><strong>Author</strong>
   </td>
   <td><strong>Approved by</strong>
   </td>
  </tr>
  <tr>
   <td>1.0
   </td>
   <td>23-Jan-2022
   </td>
   <td>First Version
   </td>
   <td>Feroz Salam
   </td>
   <td>Diego Comas
   </td>
  </tr>
  <tr>
   <td>1.1
   </td>
   <td>27-Jul-2022
   </td>
   <td>Review and amendments
   </td>
   <td>Dora Neumeier
   </td>
   <td>Dora Neumeier
   </td>
  </tr>
</table>
"""

MARKDOWN_HISTORY = """\
# Service Management Policy

Body.

| Version | Date | Comments | Author |
|---------|------|----------|--------|
| 1.0 | 2023-01-10 | First version | Ann Lee |
| 2.0 | 5 Sept. 2023 | Head of Security annual review/approval | Bob Stone |
| 2.0 | 2024-09-02 | Annual review - no changes | Ann Lee |
"""


def test_revision_history_tables_give_version_approval_and_review(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    write_files(root, {"policies/information-security-policy.md": HTML_HISTORY, SMP: MARKDOWN_HISTORY})
    git(tmp_path, "init", "-q", str(root))
    docs = {d["path"]: d for d in _plan(root)["documents"]}
    sec = docs["policies/information-security-policy.md"]
    assert sec["title"] == "Information Security Policy"  # without the heading's bold markers
    assert (sec["version"], sec["approved_on"], sec["approved_by"]) == ("1.1", "2022-07-27", "Dora Neumeier")
    smp = docs[SMP]
    assert (smp["version"], smp["approved_on"], smp["approved_by"], smp["reviewed_on"]) == (
        "2.0",
        "2023-09-05",
        "Bob Stone",
        "2024-09-02",
    )
    assert smp["review_every"] == "12 months" and sec["review_every"] is None  # "annual review" rows


def test_wide_padded_tables_are_read_in_seconds(tmp_path: Path) -> None:
    """Rows of a wide table padded with spaces (as editors align them) made the former patterns
    backtrack for seconds per row: fifty of them took minutes. The whole dry run must finish well
    within the timeout."""
    pad = " " * 200
    rows = "".join(f"| Term {n}{pad}| Meaning {n}{pad}| Note{pad}|\n" for n in range(50))
    root = tmp_path / "handbook"
    write_files(root, {SMP: "# Service Management Policy\n\n**Owner:** Director\n\n" + rows})
    git(tmp_path, "init", "-q", str(root))
    out = subprocess.run(
        [sys.executable, "-m", "trousse", "adopt", str(root), *OPTIONS, "--dry-run", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUTF8": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["documents"][0]["owner"] == "D"
