"""Issue 15, fifth review (542b1e4): one message per field adopt leaves to fill, Markdown records
never proposed as documents, ticket priorities read from a stated table only, --lang on every
command, the accepted id headers of a tool, CMP003 naming folders once, a past next_review overdue.
Real CLI, real git repositories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import cli, git, plain, plan_repo, write_files
from test_adopt_round4 import ADOPT, POLICY_BODY, SLA_BODY


def _dry(root: Path, *extra: str) -> Any:
    out = cli("adopt", str(root), *ADOPT, "--dry-run", *extra)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) if "json" in extra else plain(out.stdout)


# ---------------------------------------------------------------- N1: one message per gap
def test_text_output_says_the_approver_is_missing_not_the_version(tmp_path: Path) -> None:
    body = POLICY_BODY.replace("**Approved by:** Jane Doe\n", "")
    root = plan_repo(tmp_path, {"docs/service-management-policy.md": body, "docs/sla.md": SLA_BODY})
    lines = [ln for ln in _dry(root).splitlines() if ln.startswith("docs/service-management-policy.md:")]
    assert any("no approver found" in ln and "'approved_by'" in ln for ln in lines), lines
    assert not any("no version found" in ln for ln in lines), lines  # it has a version: 1.0
    fr = cli("adopt", str(root), *ADOPT[:2], "--lang", "fr", "--org", "Acme", "--dry-run")
    assert "aucun approbateur trouvé" in plain(fr.stdout), fr.stdout


# ---------------------------------------------------------------- N2: records are never document candidates
INCIDENT = """\
---
id: INC-2025-001
artefact: incident-record
date: 2025-10-12
title: Database outage
status: closed
---
# Outage 12 Oct

Database down 2h.
"""
BREACH = "# Service level agreement breach\n\nOwner: Service Manager. Version 1.0.\n"


def test_markdown_records_are_never_proposed_and_a_plan_naming_one_is_refused(tmp_path: Path) -> None:
    files = {
        "docs/service-management-policy.md": POLICY_BODY,
        "incidents/2025-10-12-outage.md": INCIDENT,  # a record by its front matter
        "legacy/sla-breach.md": BREACH,  # a record by trousse.yml's locations.records
    }
    root = plan_repo(tmp_path, files)
    before = _dry(root, "--format", "json")
    assert "legacy/sla-breach.md" in {d["path"] for d in before["documents"]}  # no kit yet: words only
    write_files(root, {"trousse.yml": "trousse: 1\nlanguage: en\nlocations:\n  records: [legacy/*.md]\n"})
    plan = _dry(root, "--format", "json")
    paths = {d["path"] for d in plan["documents"]}
    assert paths == {"docs/service-management-policy.md"}, paths
    assert not [c for c in plan["conflicts"] if c["path"] != "docs/service-management-policy.md"]
    assert not [g for g in plan["to_fill"] if g["path"] != "docs/service-management-policy.md"]
    skipped = {s["path"]: s["why"] for s in plan["skipped"]}
    assert skipped["incidents/2025-10-12-outage.md"] == "record"
    assert skipped["legacy/sla-breach.md"] == "record"
    assert "2 Markdown files are records of the kit" in _dry(root)
    # the plan passed back as it is applies; a record put in it is refused plainly, nothing written
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    ok = cli("adopt", str(root), *ADOPT, "--plan", str(tmp_path / "plan.json"), "--dry-run")
    assert ok.returncode == 0, ok.stderr
    plan["documents"].append({"path": "incidents/2025-10-12-outage.md", "artefacts": ["sla"]})
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    bad = cli("adopt", str(root), *ADOPT, "--plan", str(tmp_path / "plan.json"))
    assert bad.returncode == 2, bad.stdout
    err = plain(bad.stderr).strip()
    assert "incidents/2025-10-12-outage.md is a record of the kit" in err and "Traceback" not in err, err
    assert len(err.splitlines()) == 1
    assert "artefact: incident-record" in (root / "incidents/2025-10-12-outage.md").read_text(encoding="utf-8")
    assert git(root, "status", "--porcelain").strip() == "?? trousse.yml"
