"""Adopters (issue 15): a repository that already kept its management system in git, built here the
way such repositories look (a handbook outside the kit, a report regenerated in place, incident
reports with PDFs, a Markdown report rewritten as YAML, documents approved before they were
committed), and every date trousse gives checked against raw ``git log`` output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import git, write_files
from test_evidence_support import run_cli

PACK = """\
id: adopt-pack
title: {fr: Norme d'essai, en: Test standard}
edition: "2026"
processes:
  - {id: INC, name: {fr: Incidents, en: Incidents}}
  - {id: SLM, name: {fr: Niveaux de service, en: Service levels}}
artefacts:
  - {id: incident-record, kind: record, name: Incident, process: INC, cadence: event}
  - {id: post-incident-review, kind: record, name: Post-incident review, process: INC, cadence: event,
     backdating_tolerance: 21 days}
  - {id: service-report, kind: record, name: Service report, process: SLM, cadence: monthly}
  - {id: sms-policy, kind: document, name: Policy}
"""

CONFIG = """\
trousse: 1
organisation: {{name: Acme, people: 3}}
language: en
standards: [adopt-pack]
evidence:
  minimum_history: 3 months
  backdating_tolerance: 7 days
{extra}"""

POLICY = """\
---
id: POL-001
title: Policy
artefact: sms-policy
version: "1.0"
status: approved
owner: RGS
approved_by: D
approved_on: {approved}
---
Policy body.
"""


DASHBOARD = "# Dashboard\n\n" + "".join(f"- Service {n}: availability, incidents, changes.\n" for n in range(12)) + "\n"


def _commit(repo: Path, when: str) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "--allow-empty", "-m", f"at {when}", date=when)
    return git(repo, "rev-parse", "HEAD").strip()


def _first_added(repo: Path, path: str) -> str:
    """The committer day of the commit that first added ``path`` (raw git log, renames followed)."""
    out = git(repo, "log", "--follow", "--diff-filter=A", "--format=%cI", "--", path).split()
    return out[-1][:10]


def _changes(repo: Path, path: str) -> list[tuple[str, str]]:
    """(commit, committer day) of every commit that changed ``path``, oldest first (raw git log)."""
    out = git(repo, "log", "--follow", "--format=%H %cI", "--", path).splitlines()  # --follow ignores --reverse
    return [(line.split()[0], line.split()[1][:10]) for line in reversed(out)]


def _evidence(capsys: pytest.CaptureFixture[str], root: Path, as_of: str = "2026-11-23") -> dict[str, Any]:
    code, out, err = run_cli(capsys, "evidence", str(root), "--format", "json", "--as-of", as_of)
    assert code in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    return data


def _check(capsys: pytest.CaptureFixture[str], root: Path, as_of: str = "2026-11-23") -> list[dict[str, Any]]:
    code, out, err = run_cli(capsys, "check", str(root), "--format", "json", "--as-of", as_of)
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["rule"].startswith("EVD")]


def _record(rid: str, artefact: str, date: str, extra: str = "") -> str:
    return f"id: {rid}\nartefact: {artefact}\ndate: {date}\ntitle: {rid}\n{extra}"


@pytest.fixture
def adopter(tmp_path: Path) -> Path:
    """The repository: the kit in ``kit/``, a handbook and an old incident folder beside it."""
    repo = tmp_path / "repo"
    kit = repo / "kit"
    git(repo.parent, "init", "-q", str(repo))
    # 2026-01: the organisation's old folders, before trousse
    write_files(
        repo,
        {
            "handbook/incidents/2026-01-10-outage.yml": _record("INC-1", "incident-record", "2026-01-10"),
            "handbook/reports/2026-01.md": "# Service report January\n\nAll targets met.\n",
        },
    )
    january = _commit(repo, "2026-01-12T09:00:00+01:00")
    write_files(repo, {"handbook/dashboard.md": DASHBOARD + "February: 99.9%\n"})
    _commit(repo, "2026-02-03T09:00:00+01:00")
    write_files(repo, {"handbook/dashboard.md": DASHBOARD + "March: 99.8%\n"})
    _commit(repo, "2026-03-02T09:00:00+01:00")
    # 2026-04: trousse adopted; the kit is added, the old files brought in
    write_files(
        kit,
        {
            "trousse.yml": CONFIG.format(extra="  sources: [{path: reports/dashboard.md, artefact: service-report}]\n"),
            "standards/adopt-pack.yml": PACK,
            "documents/POL-001.md": POLICY.format(approved="2025-06-01"),
        },
    )
    (kit / "records/inc").mkdir(parents=True)
    (kit / "reports").mkdir(parents=True)
    git(repo, "mv", "handbook/incidents/2026-01-10-outage.yml", "kit/records/inc/INC-1.yml")
    git(repo, "mv", "handbook/dashboard.md", "kit/reports/dashboard.md")
    write_files(kit, {"reports/dashboard.md": DASHBOARD + "April: 99.9%\n"})
    write_files(kit, {"records/inc/pdf/INC-2-review.pdf": "%PDF-1.4 review of INC-2\n"})
    _commit(repo, "2026-04-01T09:00:00+02:00")
    # the January report rewritten as YAML, claiming its former self
    git(repo, "rm", "-q", "handbook/reports/2026-01.md")
    write_files(
        kit,
        {
            "records/slm/REP-2026-01.yml": _record(
                "REP-2026-01",
                "service-report",
                "2026-01-12",
                # the commit that wrote the January report: formerly takes that commit's date
                f"formerly: handbook/reports/2026-01.md@{january[:8]}\n",
            ),
            # a review whose PDF was committed on 2026-04-01: dated by it
            "records/inc/PIR-2.yml": _record(
                "PIR-2", "post-incident-review", "2026-03-28", "attachments: [records/inc/pdf/INC-2-review.pdf]\n"
            ),
            # a post-incident review written 18 days after the incident: within its type's 21 days
            "records/inc/PIR-5.yml": _record("PIR-5", "post-incident-review", "2026-03-30"),
            # an incident record 18 days late: beyond the kit's 7 days
            "records/inc/INC-6.yml": _record("INC-6", "incident-record", "2026-03-30"),
            # an incident typed today about the past, honestly: recorded_on says when it was written
            "records/inc/INC-3.yml": _record("INC-3", "incident-record", "2026-02-20", "recorded_on: 2026-04-17\n"),
            # the same, without recorded_on: back-filled
            "records/inc/INC-4.yml": _record("INC-4", "incident-record", "2026-02-20"),
        },
    )
    _commit(repo, "2026-04-17T09:00:00+02:00")
    write_files(kit, {"reports/dashboard.md": DASHBOARD + "May: 99.7%\n"})
    _commit(repo, "2026-05-04T09:00:00+02:00")
    write_files(kit, {"documents/POL-001.md": POLICY.format(approved="2025-06-01") + "A change.\n"})
    _commit(repo, "2026-06-08T09:00:00+02:00")
    return kit


def test_moved_in_from_outside_the_kit_keeps_its_date(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:
    repo = adopter.parent
    recs = {r["path"]: r for r in _evidence(capsys, adopter)["records"]}
    assert recs["records/inc/INC-1.yml"]["evidence_date"] == _first_added(repo, "kit/records/inc/INC-1.yml")
    assert recs["records/inc/INC-1.yml"]["evidence_date"] == "2026-01-12"
    assert recs["records/inc/INC-1.yml"]["status"] == "ok"


def test_living_source_counts_every_commit(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:
    repo = adopter.parent
    data = _evidence(capsys, adopter)
    pieces = sorted((r for r in data["records"] if r["kind"] == "source"), key=lambda r: r["evidence_date"])
    raw = _changes(repo, "kit/reports/dashboard.md")
    assert [(r["commit"], r["evidence_date"]) for r in pieces] == raw
    assert [d for _, d in raw] == ["2026-02-03", "2026-03-02", "2026-04-01", "2026-05-04"]
    assert {r["artefact"] for r in pieces} == {"service-report"}
    assert all(r["status"] == "ok" and r["path"] == "reports/dashboard.md" for r in pieces)
    slm = {p["id"]: p for p in data["processes"]}["SLM"]
    assert slm["first_evidence"] == "2026-01-12"  # REP-2026-01, by its former file
    assert slm["months"] == {"2026-01": 1, "2026-02": 1, "2026-03": 1, "2026-04": 1, "2026-05": 1}
    gaps = [g["period"] for g in slm["empty_periods"]]
    assert gaps == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]  # the dashboard stopped in May


def test_attachment_dates_its_record(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:
    repo = adopter.parent
    pir = {r["path"]: r for r in _evidence(capsys, adopter)["records"]}["records/inc/PIR-2.yml"]
    assert pir["evidence_date"] == _first_added(repo, "kit/records/inc/pdf/INC-2-review.pdf") == "2026-04-01"
    assert _first_added(repo, "kit/records/inc/PIR-2.yml") == "2026-04-17"
    assert pir["lineage"] == "attachment:records/inc/pdf/INC-2-review.pdf"
    assert pir["status"] == "ok"


def test_tolerance_per_type_and_recorded_on(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:
    repo = adopter.parent
    recs = {r["path"]: r for r in _evidence(capsys, adopter)["records"]}
    written = _first_added(repo, "kit/records/inc/PIR-5.yml")
    assert written == "2026-04-17"
    assert recs["records/inc/PIR-5.yml"]["evidence_date"] == written
    assert recs["records/inc/PIR-5.yml"]["status"] == "ok"  # 18 days, its type allows 21
    assert recs["records/inc/PIR-5.yml"]["backdating_tolerance"] == "21 days"
    assert recs["records/inc/INC-6.yml"]["status"] == "back-filled"  # 18 days, the kit allows 7
    assert recs["records/inc/INC-3.yml"]["status"] == "ok"  # written on the day it was committed
    assert recs["records/inc/INC-3.yml"]["recorded_on"] == written
    assert recs["records/inc/INC-4.yml"]["status"] == "back-filled"  # typed today about the past
    found = {(f["rule"], f["path"]) for f in _check(capsys, adopter)}
    assert ("EVD005", "records/inc/INC-4.yml") in found
    assert ("EVD005", "records/inc/INC-6.yml") in found
    assert ("EVD005", "records/inc/PIR-5.yml") not in found
    assert ("EVD005", "records/inc/INC-3.yml") not in found


def test_document_control_from_git(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:
    repo = adopter.parent
    doc = {d["path"]: d for d in _evidence(capsys, adopter)["documents"]}["documents/POL-001.md"]
    raw = _changes(repo, "kit/documents/POL-001.md")
    assert [(r["commit"], r["date"]) for r in doc["revisions"]] == raw
    assert doc["introduced_on"] == raw[0][1] == "2026-04-01"
    assert doc["last_changed_on"] == raw[-1][1] == "2026-06-08"
    assert doc["backdated"] == ["approved_on"]  # approved 2025-06-01, committed 2026-04-01
    found = [(f["rule"], f["path"]) for f in _check(capsys, adopter) if f["path"].startswith("documents/")]
    # the back-dated approval, and the body changed since the document came in (issue 15, review 3)
    assert sorted(found) == [("EVD010", "documents/POL-001.md"), ("EVD011", "documents/POL-001.md")]


def test_formerly_keeps_the_date_of_the_reformatted_record(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:
    repo = adopter.parent
    rep = {r["path"]: r for r in _evidence(capsys, adopter)["records"]}["records/slm/REP-2026-01.yml"]
    assert rep["evidence_date"] == _first_added(repo, "handbook/reports/2026-01.md") == "2026-01-12"
    assert rep["lineage"].startswith("formerly:handbook/reports/2026-01.md@")
    assert rep["status"] == "ok"
    assert [f for f in _check(capsys, adopter) if f["rule"] == "EVD012"] == []


# ---------------------------------------------------------------- part 2: files where they are


def test_documents_and_records_where_they_live(tmp_path: Path) -> None:
    from conftest import POLICY, RECORD, check_json, clean_kit_files

    files = clean_kit_files("en")
    del files["documents/POL-001.md"], files["records/inc/INC-2026-0001.yml"]
    files["trousse.yml"] += (
        "locations: {documents: [handbook/policies/*.md], records: ['handbook/incidents/**/*.yml']}\n"
        "extensions: {fields: [classification]}\n"
    )
    files["handbook/policies/service-policy.md"] = POLICY.replace(
        "artefact: sms-policy\n",
        "artefact: sms-policy\nartefacts: [sms-policy]\nx-wiki-page: 12\nclassification: internal\n",
    )
    files["handbook/incidents/2026/INC-1.yml"] = RECORD + "x-ticket: 4711\n"
    files["handbook/incidents/2026/INC-2.yml"] = RECORD.replace("INC-2026-0001", "INC-2026-0002").replace("P2", "P9")
    files["handbook/notes/other.md"] = "# Not a controlled document\n"
    write_files(tmp_path, files)
    code, data = check_json(tmp_path)
    found = [(f["rule"], f["path"]) for f in data["findings"] if f["rule"][:3] in ("YML", "SCH", "REF", "CMP", "DOC")]
    # the only finding names the real file: the P9 priority of INC-2 (no schema error for own fields,
    # the policy found where it is counts for the required sms-policy: no CMP finding)
    assert found == [("SCH001", "handbook/incidents/2026/INC-2.yml")], found
    assert code == 1


def test_own_fields_without_declaration_are_schema_errors(tmp_path: Path) -> None:
    from conftest import POLICY, check_json, clean_kit_files

    files = clean_kit_files("en")
    files["documents/POL-001.md"] = POLICY.replace("version:", "classification: internal\nx-page: 3\nversion:")
    write_files(tmp_path, files)
    _, data = check_json(tmp_path)
    found = [(f["rule"], f["path"], f["line"]) for f in data["findings"] if f["rule"].startswith("SCH")]
    assert [x[1:] for x in found] == [("documents/POL-001.md", 5)], found  # classification: not declared; x-page is


# ---------------------------------------------------------------- part 1: trousse adopt

HANDBOOK_POLICY = """\
# Service Management Policy

**Owner:** Service management lead
**Version:** 1.2
**Approved by:** Director
**Approval date:** 14 March 2026
**Review cycle:** Annually

The policy, as the organisation wrote it.

---
| Approval date | 2026-03-15 |
"""

HANDBOOK_SECURITY = """\
---
title: Information Security Policy
owner: Jane Doe
classification: internal
---
# Information Security Policy

| Version | 2.0 |
| Next review | 01/09/2027 |
"""


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def _adopt(root: Path, *extra: str) -> Any:
    from conftest import cli

    out = cli("adopt", str(root), "--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme", *extra)
    assert out.returncode == 0, out.stderr
    return out


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    repo = tmp_path / "handbook"
    write_files(
        repo,
        {
            "policies/service-management-policy.md": HANDBOOK_POLICY,
            "policies/information-security-policy.md": HANDBOOK_SECURITY,
            "notes/team.md": "# Team notes\n",
            "README.md": "# Our handbook\n",
            ".gitignore": "*.tmp\n",
        },
    )
    git(tmp_path, "init", "-q", str(repo))
    _commit(repo, "2026-03-16T10:00:00+01:00")
    return repo


def test_adopt_dry_run_plan(handbook: Path) -> None:
    before = _snapshot(handbook)
    plan = json.loads(_adopt(handbook, "--dry-run", "--format", "json").stdout)
    assert _snapshot(handbook) == before  # --dry-run writes nothing
    docs = {d["path"]: d for d in plan["documents"]}
    assert set(docs) == {"policies/service-management-policy.md", "policies/information-security-policy.md"}
    smp = docs["policies/service-management-policy.md"]
    assert {k: smp[k] for k in ("artefacts", "owner", "version", "approved_on", "review_every")} == {
        "artefacts": ["sms-policy"],
        "owner": "RGS",
        "version": "1.2",
        "approved_on": "2026-03-14",
        "review_every": "12 months",
    }
    assert smp["approved_by"] == "D"
    sec = docs["policies/information-security-policy.md"]
    assert sec["artefacts"] == ["information-security-policy"] and sec["version"] == "2.0"
    assert sec["next_review"] == "2027-09-01"
    assert plan["conflicts"] == [
        {
            "path": "policies/service-management-policy.md",
            "field": "approved_on",
            "values": ["2026-03-14", "2026-03-15"],
        }
    ]
    assert "sms-policy" not in plan["unmapped_required"] and "risk-register" in plan["unmapped_required"]
    assert plan["people"] == {"Jane Doe": None} and plan["roles"] == {}


def test_adopt_writes_front_matter_only_and_twice_changes_nothing(
    capsys: pytest.CaptureFixture[str], handbook: Path
) -> None:
    before = _snapshot(handbook)
    _adopt(handbook)
    after = _snapshot(handbook)
    assert set(before) <= set(after)  # nothing moved, renamed or deleted
    for name in ("README.md", "notes/team.md"):
        assert after[name] == before[name]  # kept as they were
    # the organisation's .gitignore is kept, line for line, with the kit's missing lines appended
    assert after[".gitignore"].startswith(before[".gitignore"]) and after[".gitignore"].endswith(b"\n/reports/\n")
    smp = after["policies/service-management-policy.md"]
    assert smp.startswith(b"---\n") and smp.endswith(before["policies/service-management-policy.md"])
    sec = after["policies/information-security-policy.md"]
    old_body = before["policies/information-security-policy.md"].split(b"---\n", 2)[2]
    assert sec.endswith(b"---\n" + old_body)  # existing front matter kept, keys added, body unchanged
    assert sec.startswith(b"---\ntitle: Information Security Policy\nowner: Jane Doe\nclassification: internal\n")
    assert (handbook / "trousse.yml").is_file() and (handbook / "processes/INC.md").is_file()
    assert not (handbook / "documents").exists()  # no template stands in for the adopter's documents
    out = _adopt(handbook)
    assert _snapshot(handbook) == after, "a second run changed files"
    assert "already adopted" in out.stdout  # a plain re-run only proposes (changes go through --plan)
    _commit(handbook, "2026-11-20T10:00:00+01:00")
    findings = _check(capsys, handbook, "2026-11-23")
    # approved two days before its first commit (within tolerance); the front matter adopt wrote is
    # not a new version of its text: no evidence finding on the adopter's documents
    assert [f for f in findings if f["path"].startswith("policies/")] == []
    policy = handbook / "policies/service-management-policy.md"
    policy.write_bytes(policy.read_bytes() + b"A paragraph added without approval.\n")
    _commit(handbook, "2026-11-25T10:00:00+01:00")
    findings = _check(capsys, handbook, "2026-11-26")
    where = [(f["rule"], f["path"], f["line"]) for f in findings if f["path"].startswith("policies/")]
    assert where == [("EVD011", "policies/service-management-policy.md", 9)]  # its approved_on line, the real file


# ---------------------------------------------------------------- part 6: tickets

GLPI = (
    "ID;Titre;Type;Priorité;Statut;Date d'ouverture;Date de clôture;Catégorie;Demandeur - Demandeur\n"
    "4711;Panne messagerie;Incident;5;Clos;14-03-2026 09:12;14-03-2026 11:40;Messagerie;Marie\n"
    "4712;Nouveau poste;Demande;3;En cours (Attribué);19-11-2026 10:00;;Postes;Paul\n"
)
JIRA = (
    "Summary,Issue key,Issue Type,Priority,Status,Created,Resolved,Reporter\n"
    "Upgrade database,OPS-12,Change,High,Done,18/Nov/26 10:22 AM,19/Nov/26 4:00 PM,Luc\n"
)


def test_import_tickets_keeps_source_ids_and_dates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from conftest import clean_kit_files, cli

    from trousse.packs import shipped_packs

    root = tmp_path / "kit"
    files = clean_kit_files("en")
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[test-pack, iso20000-1-2018]")
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    _commit(root, "2026-03-01T10:00:00+01:00")
    (tmp_path / "glpi.csv").write_text(GLPI, encoding="utf-8")
    (tmp_path / "jira.csv").write_text(JIRA, encoding="utf-8")
    out = cli("import", "tickets", str(tmp_path / "glpi.csv"), "--from", "glpi", "--kit", str(root))
    assert out.returncode == 0, out.stderr
    out = cli("import", "tickets", str(tmp_path / "jira.csv"), "--from", "jira", "--kit", str(root))
    assert out.returncode == 0, out.stderr
    _commit(root, "2026-11-20T10:00:00+01:00")  # the first import: tickets of November and one of March
    again = cli("import", "tickets", str(tmp_path / "glpi.csv"), "--from", "glpi", "--kit", str(root))
    assert "nothing new" in again.stdout and "2 tickets" in again.stdout  # a daily run rewrites nothing
    assert "records/tickets/" not in again.stdout  # and does not ask to commit what did not change
    text = (root / "records/tickets/GLPI-4711.yml").read_text(encoding="utf-8")
    assert "source_system: glpi\nsource_id: '4711'\n" in text and "date: 2026-03-14\n" in text
    assert "priority: P1\n" in text and "resolved_on: 2026-03-14\n" in text
    assert "status:" not in text  # only the fields the kit's incident type declares (the test pack's)
    jira = (root / "records/tickets/JIRA-OPS-12.yml").read_text(encoding="utf-8")
    assert (
        "artefact: change-record\n" in jira and "date: 2026-11-18\n" in jira and "implemented_on: 2026-11-19\n" in jira
    )
    assert shipped_packs()["iso20000-1-2018"]
    recs = {r["path"]: r for r in _evidence(capsys, root)["records"]}
    committed = _first_added(root, "records/tickets/GLPI-4711.yml")
    assert committed == "2026-11-20"
    late = recs["records/tickets/GLPI-4711.yml"]
    assert (late["evidence_date"], late["status"], late["accepted"]) == (committed, "source-dated", False)
    assert recs["records/tickets/GLPI-4712.yml"]["status"] == "ok"  # opened the day before: git dates it
    assert recs["records/tickets/JIRA-OPS-12.yml"]["status"] == "ok"
    found = {(f["rule"], f["path"]) for f in _check(capsys, root)}
    assert ("EVD013", "records/tickets/GLPI-4711.yml") in found
    assert not any(r == "EVD005" and p.startswith("records/tickets/") for r, p in found)
    # the kit accepts source-dated evidence: it counts, and the readiness verdict says so
    config = root / "trousse.yml"
    config.write_text(config.read_text(encoding="utf-8") + "evidence: {accept_source_dated: true}\n", encoding="utf-8")
    _commit(root, "2026-11-21T10:00:00+01:00")
    data = _evidence(capsys, root)
    late = {r["path"]: r for r in data["records"]}["records/tickets/GLPI-4711.yml"]
    assert late["accepted"] is True
    inc = {p["id"]: p for p in data["processes"]}["INC"]
    assert inc["first_evidence"] == "2026-03-14"
    history = {c["id"]: c for c in data["kit"]["conditions"]}["history"]
    assert any("accept_source_dated" in n for n in history["notes"])
    assert ("EVD013", "records/tickets/GLPI-4711.yml") not in {(f["rule"], f["path"]) for f in _check(capsys, root)}
