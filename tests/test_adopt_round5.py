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


# ---------------------------------------------------------------- N6: priorities from a stated table only
PRIORITIES = (
    "id,title,date,type,service,requester,priority\n"
    "1,Mail down,2026-11-02,incident,SVC-1,Bob Roy,urgent-ish\n"
    "2,Disk full,2026-11-03,incident,SVC-1,Bob Roy,not urgent\n"
    "3,Printer,2026-11-04,incident,SVC-1,Bob Roy,Urgent\n"
    "4,Slow page,2026-11-04,incident,SVC-1,Bob Roy,2 normal\n"
    "5,Typo,2026-11-04,incident,SVC-1,Bob Roy,Very low\n"
    "6,Upgrade mail,2026-11-05,change,hosting,Ann Lee,\n"
)


def _ticket_kit(tmp_path: Path, export: str) -> Path:
    from conftest import clean_kit_files  # noqa: PLC0415

    root = tmp_path / "kit"
    files = clean_kit_files("en")
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[iso20000-1-2018]")
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "kit", date="2026-11-01T10:00:00+01:00")
    (tmp_path / "export.csv").write_text(export, encoding="utf-8")
    return root


def _record(root: Path, rid: str) -> str:
    return (root / f"records/tickets/CSV-{rid}.yml").read_text(encoding="utf-8")


def test_priorities_are_whole_values_of_the_table_never_substrings(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path, PRIORITIES)
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root))
    assert out.returncode == 0, out.stderr
    assert "priority:" not in _record(root, "1")  # "urgent-ish" is no value of the table
    assert "priority:" not in _record(root, "2")  # "not urgent" is not urgent
    assert "priority: P1\n" in _record(root, "3")
    assert "priority: P3\n" in _record(root, "4")  # Zammad's "2 normal": the word decides
    assert "priority: P4\n" in _record(root, "5")
    said = [ln for ln in plain(out.stdout).splitlines() if "cannot read as P1 to P5" in ln]
    assert len(said) == 1 and "1 'urgent-ish'" in said[0] and "2 'not urgent'" in said[0], out.stdout


def test_a_change_tickets_service_is_kept_and_named_when_the_catalogue_lacks_it(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path, PRIORITIES)
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root))
    assert out.returncode == 0, out.stderr
    assert "services:\n  - hosting\n" in _record(root, "6"), _record(root, "6")
    lines = [ln for ln in plain(out.stdout).splitlines() if "not in services/catalogue.yml" in ln]
    assert len(lines) == 1 and "hosting" in lines[0], out.stdout
    mapped = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root), "--service", "hosting=SVC-1")
    assert "services:\n  - SVC-1\n" in _record(root, "6")
    assert "not in services/catalogue.yml" not in mapped.stdout, mapped.stdout


# ---------------------------------------------------------------- N7: --lang on every command
def _commands(*group: str) -> list[tuple[str, ...]]:
    """Every command of ``trousse GROUP`` (a group's own commands, recursively), read from --help."""
    out = cli(*group, "--help")
    assert out.returncode == 0, out.stderr
    lines = plain(out.stdout).replace("│", " ").splitlines()
    start = next((i for i, ln in enumerate(lines) if "Commands" in ln and not ln.startswith("Usage")), None)
    if start is None:
        return [group]
    names = [ln.split()[0] for ln in lines[start + 1 :] if ln.startswith("  ") and ln.split()]
    return [c for n in names if n.isalpha() for c in _commands(*group, n)]


def test_every_command_takes_lang() -> None:
    commands = _commands()
    assert ("import", "tickets") in commands and ("check",) in commands, commands
    for command in commands:
        out = cli(*command, "--help")
        assert "--lang" in out.stdout, (command, out.stdout)


def test_import_tickets_takes_lang(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path, PRIORITIES)
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--from", "csv", "--kit", str(root), "--lang", "fr")
    assert out.returncode == 0, out.stderr
    assert "tickets ajoutés : 6" in plain(out.stdout), out.stdout
    bad = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root), "--lang", "de")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr


# ---------------------------------------------------------------- N9: the headers accepted for a missing column
def test_a_missing_id_column_names_the_headers_accepted(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path, "ticket,title,created_at\n42,Mail down,2026-11-02\n")
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--from", "zammad", "--kit", str(root))
    assert out.returncode == 2, out.stdout
    err = out.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "has no id column expected for --from zammad" in err and "one of 'number', '#'" in err, err
    fr = cli("import", "tickets", str(tmp_path / "export.csv"), "--from", "zammad", "--kit", str(root), "--lang", "fr")
    assert "l'un des suivants : 'number', '#'" in plain(fr.stderr), fr.stderr


# ---------------------------------------------------------------- N8: CMP003 names the folders once
def test_cmp003_names_each_folder_of_the_locations_once(tmp_path: Path) -> None:
    from conftest import check_json  # noqa: PLC0415

    files = {
        "docs/service-management-policy.md": POLICY_BODY,
        "docs/sla.md": SLA_BODY,
        "policies/security/information-security-policy.md": POLICY_BODY.replace(
            "Service Management Policy", "Information Security Policy"
        ),
    }
    root = plan_repo(tmp_path, files)
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    assert "docs/sla.md" in (root / "trousse.yml").read_text(encoding="utf-8")  # listed file by file
    _, data = check_json(root)
    cmp = [f["message"] for f in data["findings"] if f["rule"] == "CMP003" and "locations" in f["message"]]
    assert cmp, data["findings"]
    for message in cmp:
        assert "(locations in trousse.yml: docs/, policies/security/)" in message, message
        assert "sla.md" not in message and message.count("docs/") == 1, message


# ---------------------------------------------------------------- N4: a past next_review is overdue
def _doc002(root: Path, as_of: str) -> list[dict[str, Any]]:
    from conftest import check_json  # noqa: PLC0415

    _, data = check_json(root, "--as-of", as_of)
    return [f for f in data["findings"] if f["rule"] == "DOC002" and f["path"] == "docs/sla.md"]


def test_a_past_next_review_kept_by_adopt_is_overdue(tmp_path: Path) -> None:
    sla = SLA_BODY.replace(
        "| Approval date | 2025-09-01 |\n", "| Approval date | 2025-09-01 |\n| Next review | 2026-05-01 |\n"
    )
    root = plan_repo(tmp_path, {"docs/service-management-policy.md": POLICY_BODY, "docs/sla.md": sla})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    text = (root / "docs/sla.md").read_text(encoding="utf-8")
    assert "next_review: 2026-05-01" in text and "review_every" not in text.split("---")[1], text
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    late = _doc002(root, "2026-06-01")
    assert len(late) == 1 and "was due for review on 2026-05-01 (its next_review)" in late[0]["message"], late
    assert late[0]["line"] > 1  # on the next_review line
    assert _doc002(root, "2026-04-01") == []  # not yet due
    # the review written down (reviewed_on after next_review): no longer overdue
    write_files(
        root,
        {"docs/sla.md": text.replace("next_review: 2026-05-01", "next_review: 2026-05-01\nreviewed_on: 2026-05-10")},
    )
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "reviewed", date="2026-05-11T10:00:00+01:00")
    assert _doc002(root, "2026-06-01") == []


# ---------------------------------------------------------------- N5: evidence --records by date
def test_evidence_records_lists_a_sources_commits_by_date(tmp_path: Path) -> None:
    from test_adopt_round4 import _source_kit  # noqa: PLC0415

    repo, _ = _source_kit(tmp_path)
    for month in ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08"):
        write_files(repo, {"reports/monthly.md": f"# Service report\n\nPeriod {month}: all targets met.\n"})
        git(repo, "add", "--all")
        git(repo, "commit", "-q", "-m", f"at {month}", date=f"{month}-27T10:00:00+01:00")
    out = cli("evidence", str(repo), "--records", "--as-of", "2026-11-23")
    assert out.returncode in (0, 1), out.stderr
    rows = [ln.split() for ln in out.stdout.splitlines() if ln.startswith("reports/monthly.md ")]
    days = [next(w for w in row if w[:2] == "20" and len(w) == 10) for row in rows]
    assert len(days) == 8 and days == sorted(days), days
