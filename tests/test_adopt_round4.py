"""Issue 15, fourth review on the handbook and a small repository: a commit counted twice through
a ``formerly`` claim on an evidence source, tickets' priorities and closed dates, an unanchored
``reports/`` in .gitignore, and a re-run of ``adopt --dry-run`` after its own plan was applied. Real
CLI, real git repositories with dated commits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import cli, git, write_files

PACK = """\
id: adopt-pack
title: {fr: Norme d'essai, en: Test standard}
edition: "2026"
processes:
  - {id: SLM, name: {fr: Niveaux de service, en: Service levels}}
artefacts:
  - {id: service-report, kind: record, name: Service report, process: SLM, cadence: monthly}
"""

CONFIG = """\
trousse: 1
organisation: {name: Acme, people: 3}
language: en
standards: [adopt-pack]
evidence:
  minimum_history: 3 months
  backdating_tolerance: 7 days
  sources: [{path: reports/monthly.md, artefact: service-report}]
"""


def _commit(repo: Path, when: str) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", f"at {when}", date=when)
    return git(repo, "rev-parse", "HEAD").strip()


def _evidence(root: Path, as_of: str = "2026-11-23") -> dict[str, Any]:
    proc = cli("evidence", str(root), "--format", "json", "--as-of", as_of)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def _source_kit(tmp_path: Path) -> tuple[Path, list[str]]:
    """A kit whose monthly report, a declared evidence source, was committed in three months."""
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    write_files(repo, {"trousse.yml": CONFIG, "standards/adopt-pack.yml": PACK})
    commits = []
    for month in ("2026-01", "2026-02", "2026-03"):
        write_files(repo, {"reports/monthly.md": f"# Service report\n\nPeriod {month}: all targets met.\n"})
        commits.append(_commit(repo, f"{month}-27T10:00:00+01:00"))
    return repo, commits


def test_claim_on_a_source_commit_counts_once(tmp_path: Path) -> None:
    repo, commits = _source_kit(tmp_path)
    before = _evidence(repo)["records"]
    assert sorted(r["evidence_date"] for r in before) == ["2026-01-27", "2026-02-27", "2026-03-27"]
    # February's report rewritten as YAML, claiming the source's February commit
    write_files(
        repo,
        {
            "records/slm/REP-2026-02.yml": (
                "id: REP-2026-02\nartefact: service-report\ndate: 2026-02-27\ntitle: February\n"
                f"formerly: reports/monthly.md@{commits[1][:7]}\n"
            )
        },
    )
    _commit(repo, "2026-11-20T10:00:00+01:00")
    after = _evidence(repo)["records"]
    days = sorted(r["evidence_date"] for r in after)
    assert days == ["2026-01-27", "2026-02-27", "2026-03-27"], after  # February once, not twice
    feb = next(r for r in after if r["evidence_date"] == "2026-02-27")
    assert feb["path"] == "records/slm/REP-2026-02.yml"  # the record carries it, dated by the claim
    assert feb["status"] == "ok"
    raw = git(repo, "log", "-1", "--format=%cI", commits[1]).strip()[:10]
    assert feb["evidence_date"] == raw


def test_claim_on_a_file_that_is_no_source_still_counts(tmp_path: Path) -> None:
    repo, commits = _source_kit(tmp_path)
    write_files(repo, {"old/report.md": "# Old report\n"})
    old = _commit(repo, "2026-04-27T10:00:00+01:00")
    write_files(
        repo,
        {
            "records/slm/REP-2026-04.yml": (
                "id: REP-2026-04\nartefact: service-report\ndate: 2026-04-27\ntitle: April\n"
                f"formerly: old/report.md@{old[:7]}\n"
            )
        },
    )
    _commit(repo, "2026-11-20T10:00:00+01:00")
    days = sorted(r["evidence_date"] for r in _evidence(repo)["records"])
    assert days == ["2026-01-27", "2026-02-27", "2026-03-27", "2026-04-27"]


# ---------------------------------------------------------------- B2: tickets' priority and closed date
TICKETS = (
    "id,title,date,type,closed,service,requester,priority\n"
    "T-1,Mail down,2026-11-02,incident,2026-11-02,SVC-1,Bob Roy,P1\n"
    "T-2,Disk full,2026-11-03,incident,,SVC-1,Bob Roy,P2\n"
    "T-4,Printer,2026-11-04,incident,,SVC-1,Bob Roy,P5\n"
    "T-5,Odd one,2026-11-05,incident,,SVC-1,Bob Roy,whenever\n"
    "T-3,New account,2026-11-10,request,2026-11-11,SVC-1,Eve Lin,3\n"
)


def _ticket_kit(tmp_path: Path) -> Path:
    from conftest import clean_kit_files  # noqa: PLC0415

    root = tmp_path / "kit"
    files = clean_kit_files("en")
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[iso20000-1-2018]")
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    _commit(root, "2026-11-01T10:00:00+01:00")
    (tmp_path / "export.csv").write_text(TICKETS, encoding="utf-8")
    return root


def _field(root: Path, rid: str, key: str) -> str | None:
    for line in (root / f"records/tickets/CSV-{rid}.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{key}:"):
            return line.split(":", 1)[1].strip()
    return None


def test_tickets_priority_p1_to_p5_and_closed_without_status(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path)
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root))
    assert out.returncode == 0, out.stderr
    assert _field(root, "T-1", "priority") == "P1"
    assert _field(root, "T-2", "priority") == "P2"
    assert _field(root, "T-4", "priority") == "P4"  # P5, the lowest of five, is the kit's lowest
    assert _field(root, "T-3", "priority") is None  # a request's type has no priority field
    # a closed date and no status column: closed, never "open" beside resolved_on
    assert _field(root, "T-1", "status") == "closed"
    assert _field(root, "T-1", "resolved_on") == "2026-11-02"
    assert _field(root, "T-3", "status") == "closed"
    assert _field(root, "T-2", "status") == "open"  # no closed date: still open
    # a value it cannot read is not guessed: left out, and said for that ticket
    assert _field(root, "T-5", "priority") is None
    lines = [ln for ln in out.stdout.splitlines() if "whenever" in ln]
    assert len(lines) == 1 and "T-5" in lines[0] and "records/tickets/CSV-T-5.yml" in lines[0], out.stdout
    assert "P1, P2, P3 or P4" in lines[0]
    assert "T-1" not in lines[0] and "T-4" not in lines[0]


# ---------------------------------------------------------------- B3: an anchored /reports/ in .gitignore
ADOPT = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")


def _ignored(root: Path, path: str) -> bool:
    """Whether git ignores ``path`` (raw ``git check-ignore``)."""
    import subprocess  # noqa: PLC0415

    return subprocess.run(["git", "check-ignore", "-q", path], cwd=root, check=False).returncode == 0


def test_adopt_ignores_only_the_top_reports_folder(tmp_path: Path) -> None:
    from conftest import plan_repo  # noqa: PLC0415
    from test_adopt_round2 import SECURITY  # noqa: PLC0415

    root = plan_repo(tmp_path, {"policies/policy-02.md": SECURITY})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    assert "/reports/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert _ignored(root, "reports/audit-2026.html")  # rendered reports: not kept
    # records of a type kept under records/reports/ are the kit's: git must see them
    write_files(root, {"records/reports/REP-2026-01.yml": "id: REP-2026-01\n"})
    assert not _ignored(root, "records/reports/REP-2026-01.yml")
    assert "records/reports/REP-2026-01.yml" in git(root, "status", "--porcelain", "--untracked-files=all")


def test_adopt_writes_no_ignore_line_hiding_a_file_the_kit_reads(tmp_path: Path) -> None:
    from conftest import plan_repo  # noqa: PLC0415
    from test_adopt_round2 import SECURITY  # noqa: PLC0415

    files = {"policies/policy-02.md": SECURITY, "records/reports/REP-2026-01.yml": "id: REP-2026-01\n"}
    root = plan_repo(tmp_path, {**files, ".gitignore": "*.tmp\n"})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    names = git(root, "ls-files", "--cached", "--others").splitlines()
    hidden = [n for n in names if _ignored(root, n)]
    assert hidden == [], hidden
    write_files(root, {"records/reports/REP-2026-02.yml": "id: REP-2026-02\n", "documents/x/reports/a.md": "# A\n"})
    assert not _ignored(root, "records/reports/REP-2026-02.yml")
    assert not _ignored(root, "documents/x/reports/a.md")


# ---------------------------------------------------------------- B5: a re-run after the plan was applied
POLICY_BODY = """\
# Service Management Policy

**Owner:** Service Manager
**Version:** 1.0
**Approved by:** Jane Doe
**Approved on:** 2025-09-01
**Review cycle:** annual

We deliver hosting services to our customers and manage them under ISO/IEC 20000-1.
"""

SLA_BODY = """\
# Service level agreement

| Field | Value |
|---|---|
| Owner | Service Manager |
| Version | 1.1 |
| Approval date | 2025-09-01 |

Availability 99.5 %.
"""


def _dry(root: Path) -> dict[str, Any]:
    out = cli("adopt", str(root), *ADOPT, "--dry-run", "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def test_rerun_after_applying_a_mapped_plan_sees_no_conflict(tmp_path: Path) -> None:
    from conftest import plan_repo  # noqa: PLC0415

    root = plan_repo(tmp_path, {"docs/service-management-policy.md": POLICY_BODY, "docs/sla.md": SLA_BODY})
    plan = _dry(root)
    assert plan["conflicts"] == []
    assert plan["roles"] == {"Service Manager": None} and plan["people"] == {"Jane Doe": None}
    plan["roles"], plan["people"] = {"Service Manager": "RGS"}, {"Jane Doe": "D"}
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    out = cli("adopt", str(root), *ADOPT, "--plan", str(tmp_path / "plan.json"))
    assert out.returncode == 0, out.stderr
    text = (root / "docs/service-management-policy.md").read_text(encoding="utf-8")
    assert "owner: RGS\n" in text and "approved_by: D\n" in text
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    again = _dry(root)
    assert again["conflicts"] == [], again["conflicts"]  # RGS was written from "Service Manager"
    assert again["roles"] == {"Service Manager": "RGS"} and again["people"] == {"Jane Doe": "D"}
    text_out = cli("adopt", str(root), *ADOPT, "--dry-run")
    assert "disagrees" not in text_out.stdout and "unknown role" not in text_out.stdout, text_out.stdout
    # applying again changes nothing
    cli("adopt", str(root), *ADOPT)
    assert git(root, "status", "--porcelain") == ""


def test_a_real_disagreement_is_still_a_conflict_after_applying(tmp_path: Path) -> None:
    from conftest import plan_repo  # noqa: PLC0415

    root = plan_repo(tmp_path, {"docs/service-management-policy.md": POLICY_BODY})
    plan = _dry(root)
    plan["roles"], plan["people"] = {"Service Manager": "RGS"}, {"Jane Doe": "D"}
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    assert cli("adopt", str(root), *ADOPT, "--plan", str(tmp_path / "plan.json")).returncode == 0
    doc = root / "docs/service-management-policy.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("owner: RGS", "owner: DIR"), encoding="utf-8")
    conflicts = _dry(root)["conflicts"]
    assert [(c["field"], c["values"]) for c in conflicts] == [("owner", ["DIR", "Service Manager"])], conflicts


# ---------------------------------------------------------------- minors: to_fill, CMP003 with locations
def test_to_fill_names_a_missing_approver(tmp_path: Path) -> None:
    from conftest import plan_repo  # noqa: PLC0415

    body = POLICY_BODY.replace("**Approved by:** Jane Doe\n", "")
    root = plan_repo(tmp_path, {"docs/service-management-policy.md": body, "docs/sla.md": SLA_BODY})
    gaps = {(g["path"], g["field"]) for g in _dry(root)["to_fill"]}
    assert ("docs/service-management-policy.md", "approved_by") in gaps
    root2 = plan_repo(tmp_path / "two", {"docs/service-management-policy.md": POLICY_BODY})
    assert [g for g in _dry(root2)["to_fill"] if g["field"] == "approved_by"] == []


def test_cmp003_names_the_kits_document_locations(tmp_path: Path) -> None:
    from conftest import check_json, plan_repo  # noqa: PLC0415

    root = plan_repo(tmp_path, {"docs/service-management-policy.md": POLICY_BODY})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    _, data = check_json(root)
    cmp = [f for f in data["findings"] if f["rule"] == "CMP003" and "(sla)" in f["message"]]
    assert cmp, data["findings"]
    assert "locations in trousse.yml: docs/)" in cmp[0]["message"], cmp[0]


def test_generic_csv_columns_are_in_the_help() -> None:
    out = cli("import", "tickets", "--help")
    assert out.returncode == 0
    words = " ".join(out.stdout.replace("│", " ").split())
    for column in ("id, title and date", "closed", "requester", "priority (P1 to P5)", "status"):
        assert column in words, words


def test_readiness_says_each_missing_document_once(tmp_path: Path) -> None:
    from conftest import plan_repo  # noqa: PLC0415

    root = plan_repo(tmp_path, {"docs/service-management-policy.md": POLICY_BODY})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    out = cli("report", "readiness", str(root), "-o", str(tmp_path / "ready.md"))
    assert out.returncode in (0, 1), out.stderr
    # every line that gives the documents' detail (the condition's row, and its blocker under the verdict)
    rows = [
        ln
        for ln in (tmp_path / "ready.md").read_text(encoding="utf-8").splitlines()
        if "missing: information-security-policy" in ln
    ]
    assert rows
    for row in rows:
        for what in ("missing: information-security-policy;", "missing: risk-register;", "missing: capacity-plan;"):
            assert row.count(what) == 1, row


def test_records_text_says_an_accepted_source_dated_ticket_counts(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path)
    config = root / "trousse.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "evidence: {accept_source_dated: true}\n", encoding="utf-8")
    assert cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root)).returncode == 0
    _commit(root, "2026-11-28T10:00:00+01:00")  # weeks after T-1 was opened: dated by its tool
    out = cli("evidence", str(root), "--records", "--as-of", "2026-11-28")
    assert out.returncode in (0, 1), out.stderr
    words = " ".join(out.stdout.replace("│", " ").split())
    assert "counted, since trousse.yml accepts source-dated evidence" in words, out.stdout
