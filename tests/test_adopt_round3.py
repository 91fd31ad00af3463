"""Issue 15, third review round: what a fresh install still tripped on. Real git repositories with
chosen dates, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, git, write_files

from trousse.evidence.model import RecordStatus

ROOT = Path(__file__).resolve().parents[1]

GLPI = (
    "ID;Titre;Type;Priorité;Statut;Date d'ouverture;Date de clôture;Catégorie;Demandeur - Demandeur\n"
    "4711;Panne messagerie;Incident;5;Clos;14-03-2026 09:12;14-03-2026 11:40;Messagerie;Marie\n"
)


def _commit(root: Path, when: str, message: str = "work") -> None:
    git(root, "add", "--all")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=when)


def _ticket_kit(tmp_path: Path, lang: str = "en") -> Path:
    root = tmp_path / "kit"
    files = clean_kit_files(lang)
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[iso20000-1-2018]")
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    _commit(root, "2026-03-01T10:00:00+01:00", "kit")
    (tmp_path / "glpi.csv").write_text(GLPI, encoding="utf-8")
    return root


# ---------------------------------------------------------------- 1. evidence --records, source-dated


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "dated by its ticketing tool"),
        ("fr", "daté par l'outil de tickets"),
    ],
)
def test_records_list_shows_a_source_dated_ticket(tmp_path: Path, lang: str, words: str) -> None:
    root = _ticket_kit(tmp_path, lang)
    out = cli("import", "tickets", str(tmp_path / "glpi.csv"), "--from", "glpi", "--kit", str(root))
    assert out.returncode == 0, out.stderr
    _commit(root, "2026-11-20T10:00:00+01:00", "import")  # March's ticket committed in November
    out = cli("evidence", str(root), "--records", "--as-of", "2026-11-21", "--lang", lang)
    assert out.returncode in (0, 1), out.stderr  # no crash (it was exit 3, a missing message)
    line = next(ln for ln in out.stdout.splitlines() if "GLPI-4711" in ln)
    assert words in line, out.stdout


def test_every_record_status_has_its_message() -> None:
    for lang in ("en", "fr"):
        catalogue = json.loads((ROOT / f"src/trousse/locales/{lang}.json").read_text(encoding="utf-8"))
        missing = [s.value for s in RecordStatus if f"status.{s.value}" not in catalogue]
        assert missing == [], (lang, missing)


# ---------------------------------------------------------------- 2. formerly: claims


@pytest.fixture
def converted(tmp_path: Path) -> Path:
    """A kit at the top of its repository whose incident notes (Markdown, found through
    ``locations``) were moved to a yearly folder, then converted to YAML records and removed."""
    from test_adopters import CONFIG, PACK, _commit, _record

    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    config = CONFIG.format(extra="locations:\n  records: ['incidents/*.md', 'incidents/*/*.md']\n")
    write_files(repo, {"trousse.yml": config, "standards/adopt-pack.yml": PACK})
    write_files(repo, {"incidents/2025-07-15-dns.md": "# DNS outage\n\nResolved the same day.\n"})
    added = _commit(repo, "2025-07-15T18:00:00+02:00")
    (repo / "incidents/2025").mkdir()
    git(repo, "mv", "incidents/2025-07-15-dns.md", "incidents/2025/2025-07-15-dns.md")
    moved = _commit(repo, "2025-09-01T10:00:00+02:00")
    write_files(
        repo,
        {
            "records/inc/INC-2025-0005.yml": _record(
                "INC-2025-0005", "incident-record", "2025-07-15", f"formerly: incidents/2025-07-15-dns.md@{added[:9]}\n"
            ),
        },
    )
    git(repo, "rm", "-q", "incidents/2025/2025-07-15-dns.md")
    _commit(repo, "2025-11-10T10:00:00+01:00")  # converted to YAML, the note removed
    write_files(
        repo,
        {
            "records/inc/INC-2025-0007.yml": _record(
                "INC-2025-0007",
                "incident-record",
                "2025-07-15",
                f"formerly: incidents/2025/2025-07-15-dns.md@{moved[:9]}\n",
            ),
        },
    )
    _commit(repo, "2025-11-12T10:00:00+01:00")  # the same note claimed again, by its path after the move
    return repo


def test_a_converted_note_is_not_lost_and_dates_one_record(capsys: pytest.CaptureFixture[str], converted: Path) -> None:
    from test_adopters import _check, _evidence

    recs = {r["id"]: r for r in _evidence(capsys, converted, "2025-11-20")["records"]}
    assert (recs["INC-2025-0005"]["evidence_date"], recs["INC-2025-0005"]["status"]) == ("2025-07-15", "ok")
    assert recs["INC-2025-0007"]["status"] == "back-filled"  # the note dates INC-2025-0005 only
    found = [(f["rule"], f["path"]) for f in _check(capsys, converted, "2025-11-20")]
    assert not [f for f in found if f[0] == "EVD007"], found  # the note lives on in INC-2025-0005
    assert ("EVD012", "records/inc/INC-2025-0007.yml") in found, found  # the same file, claimed twice
    assert ("EVD012", "records/inc/INC-2025-0005.yml") not in found, found


def test_a_note_deleted_without_a_claim_is_still_lost(capsys: pytest.CaptureFixture[str], converted: Path) -> None:
    from test_adopters import _check, _commit

    (converted / "records/inc/INC-2025-0005.yml").unlink()
    (converted / "records/inc/INC-2025-0007.yml").unlink()
    _commit(converted, "2025-11-13T10:00:00+01:00")
    found = [(f["rule"], f["path"]) for f in _check(capsys, converted, "2025-11-20")]
    assert ("EVD007", "incidents/2025/2025-07-15-dns.md") in found, found


# ---------------------------------------------------------------- 3. document control, whatever the schema says

UNOWNED = """\
---
id: POL-001
title: Policy
artefact: sms-policy
version: "1.0"
status: approved
approved_by: D
approved_on: 2024-05-01
review_every: 1 year
---
Policy body.
"""


def _policy_repo(tmp_path: Path, policy: str, when: str) -> Path:
    from test_adopters import CONFIG, PACK, _commit

    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    write_files(repo, {"trousse.yml": CONFIG.format(extra=""), "standards/adopt-pack.yml": PACK})
    write_files(repo, {"documents/policy.md": policy})
    _commit(repo, when)
    return repo


def _findings(root: Path, as_of: str) -> list[tuple[str, str, int]]:
    out = cli("check", str(root), "--format", "json", "--as-of", as_of)
    assert out.returncode in (0, 1), out.stderr
    return [(f["rule"], f["path"], f["line"]) for f in json.loads(out.stdout)["findings"]]


def test_a_document_without_owner_is_still_due_for_review(tmp_path: Path) -> None:
    repo = _policy_repo(tmp_path, UNOWNED, "2024-05-02T10:00:00+02:00")
    found = _findings(repo, "2026-11-23")
    assert "SCH002" in [r for r, p, _ in found if p == "documents/policy.md"], found  # no owner
    assert ("DOC002", "documents/policy.md", 8) in found, found  # due 2025-05-01, its approved_on line
    assert not [f for f in found if f[0] in ("DOC001", "DOC003")], found  # approval and period are given


def test_a_document_without_owner_nor_approval_says_what_is_missing(tmp_path: Path) -> None:
    policy = UNOWNED.replace("approved_by: D\n", "").replace("review_every: 1 year\n", "")
    repo = _policy_repo(tmp_path, policy, "2024-05-02T10:00:00+02:00")
    found = _findings(repo, "2026-11-23")
    assert ("DOC001", "documents/policy.md", 6) in found, found  # its status line
    assert ("DOC003", "documents/policy.md", 6) in found, found
    assert not [f for f in found if f[0] == "DOC002"], found  # no period: nothing to count


def test_a_back_dated_approval_and_a_later_change_are_both_reported(tmp_path: Path) -> None:
    from test_adopters import POLICY, _commit

    repo = _policy_repo(tmp_path, POLICY.format(approved="2026-01-05"), "2026-03-02T10:00:00+01:00")
    policy = repo / "documents/policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "A paragraph added without approval.\n", encoding="utf-8")
    _commit(repo, "2026-06-01T10:00:00+02:00")
    found = _findings(repo, "2026-11-23")
    assert ("EVD010", "documents/policy.md", 9) in found, found  # approved before it came into git
    assert ("EVD011", "documents/policy.md", 9) in found, found  # and changed since, unapproved


def test_a_change_within_the_tolerance_of_a_back_dated_approval_is_not_reported(tmp_path: Path) -> None:
    from test_adopters import POLICY, _commit

    repo = _policy_repo(tmp_path, POLICY.format(approved="2026-01-05"), "2026-03-02T10:00:00+01:00")
    policy = repo / "documents/policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "A typo fixed on arrival.\n", encoding="utf-8")
    _commit(repo, "2026-03-05T10:00:00+01:00")  # 3 days after it came in (tolerance 7 days)
    found = _findings(repo, "2026-11-23")
    assert ("EVD010", "documents/policy.md", 9) in found, found
    assert not [f for f in found if f[0] == "EVD011"], found


# ---------------------------------------------------------------- 4. a tracked reports/ is never ignored

ADOPT = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")


@pytest.mark.parametrize("own_ignore", [True, False])
def test_adopt_never_ignores_a_folder_the_repository_tracks(tmp_path: Path, own_ignore: bool) -> None:
    from conftest import plan_repo
    from test_adopt_round2 import SECURITY

    files = {"policies/policy-02.md": SECURITY, "reports/2026-02-availability.md": "# February\n\n99.9%\n"}
    if own_ignore:
        files[".gitignore"] = "*.tmp\n"
    root = plan_repo(tmp_path, files)
    out = cli("adopt", str(root), *ADOPT)
    assert out.returncode == 0, out.stderr
    ignore = root / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else []
    assert "/reports/" not in lines, lines
    if own_ignore:
        assert lines == ["*.tmp"]  # nothing else the kit needs: the file is left as it was
    (root / "reports/2026-03-availability.md").write_text("# March\n\n99.8%\n", encoding="utf-8")
    assert "reports/2026-03-availability.md" in git(root, "status", "--porcelain", "--untracked-files=all")
    again = cli("adopt", str(root), *ADOPT)  # a second run still leaves it alone
    assert again.returncode == 0, again.stderr
    assert "/reports/" not in (ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else [])


def test_adopt_still_ignores_reports_when_the_repository_has_none(tmp_path: Path) -> None:
    from conftest import plan_repo
    from test_adopt_round2 import SECURITY

    root = plan_repo(tmp_path, {"policies/policy-02.md": SECURITY})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    assert "/reports/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------- 5. ticket import

GLPI_EN = (
    "ID,Title,Status,Opening date,Type,Category,Priority,Requester,Solve date,Entity\n"
    "101,Printer down,Closed,2026-02-10 09:00,Incident,Hardware,High,Bob Smith,2026-02-10 11:00,Root\n"
)


def _import(tmp_path: Path, root: Path, text: str, *extra: str) -> str:
    export = tmp_path / "export.csv"
    export.write_text(text, encoding="utf-8")
    out = cli("import", "tickets", str(export), "--from", "glpi", "--kit", str(root), *extra)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_import_says_which_columns_it_did_not_read(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path)
    out = _import(tmp_path, root, GLPI_EN)
    assert "this column of the export is not read: Entity;" in out, out
    assert "'closing date'" in out  # the header to use instead
    text = (root / "records/tickets/GLPI-101.yml").read_text(encoding="utf-8")
    assert "resolved_on: 2026-02-10\n" in text  # GLPI's "Solve date" is its closing date


def test_reimport_never_removes_a_value_the_new_export_does_not_give(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path)
    _import(tmp_path, root, GLPI_EN)
    record = root / "records/tickets/GLPI-101.yml"
    record.write_text(record.read_text(encoding="utf-8") + "resolution: Toner replaced\n", encoding="utf-8")
    # a later export without the solve date, the priority and the status columns
    out = _import(
        tmp_path, root, "ID,Title,Opening date,Type,Category\n101,Printer down,2026-02-10,Incident,Hardware\n"
    )
    assert "nothing new" in out, out
    text = record.read_text(encoding="utf-8")
    assert "resolved_on: 2026-02-10\n" in text and "priority: P2\n" in text and "status: closed\n" in text, text
    assert "resolution: Toner replaced\n" in text  # what the user wrote stays
    # a value the export does give replaces the old one
    _import(tmp_path, root, GLPI_EN.replace("High", "Low").replace("2026-02-10 11:00", "2026-02-11 08:00"))
    text = record.read_text(encoding="utf-8")
    assert "priority: P4\n" in text and "resolved_on: 2026-02-11\n" in text, text


def test_a_ticket_without_service_gets_none_and_is_said(tmp_path: Path) -> None:
    root = _ticket_kit(tmp_path)
    out = _import(tmp_path, root, GLPI_EN.replace(",Hardware,", ",,"))
    text = (root / "records/tickets/GLPI-101.yml").read_text(encoding="utf-8")
    assert "service:" not in text, text  # no '?' standing in for it
    assert "1 ticket has no service in the export" in out and "records/tickets/GLPI-101.yml" in out, out
    _commit(root, "2026-02-10T18:00:00+01:00", "import")
    found = _findings(root, "2026-02-11")
    assert ("REF011", "records/tickets/GLPI-101.yml") not in [(r, p) for r, p, _ in found]
    assert "records/tickets/GLPI-101.yml" in [p for r, p, _ in found if r.startswith("SCH")], found


@pytest.mark.parametrize(("lang", "words"), [("en", "there is no such file"), ("fr", "ce fichier n'existe pas")])
def test_an_unreadable_export_is_said_in_plain_words(tmp_path: Path, lang: str, words: str) -> None:
    root = _ticket_kit(tmp_path, lang)
    out = cli("import", "tickets", str(tmp_path / "missing.csv"), "--from", "glpi", "--kit", str(root))
    assert out.returncode == 2, out.stderr
    assert words in out.stderr and "Errno" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- 6. adopt: no git, review cycles, extra fields, nulls

CONTROLLED = """\
# Security Policy

**Owner:** Security Engineering Manager
**Approved on:** 2026-01-10
**Review:** every 6 months
**Next review:** 2026-07-10
**Classification:** Internal
**Effective date:** 2026-01-15

We protect data.
"""


def _front(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


def test_adopt_outside_git_says_evidence_needs_git(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    write_files(root, {"policies/security-policy.md": CONTROLLED})
    out = cli("adopt", str(root), *ADOPT)
    assert out.returncode == 0, out.stderr
    said = [ln for ln in out.stdout.splitlines() if "not in a git repository" in ln]
    assert len(said) == 1 and "git init" in said[0], out.stdout
    inside = plan_repo_of(tmp_path / "other", {"policies/security-policy.md": CONTROLLED})
    assert "not in a git repository" not in cli("adopt", str(inside), *ADOPT).stdout


def plan_repo_of(where: Path, files: dict[str, str]) -> Path:
    from conftest import plan_repo

    where.mkdir()
    return plan_repo(where, files)


@pytest.mark.parametrize(
    ("line", "cycle"),
    [
        ("Review every: 2 years", "24 months"),
        ("**Review:** every 6 months", "6 months"),
        ("**Revue :** tous les ans", "12 months"),
    ],
)
def test_review_cycles_as_people_write_them(tmp_path: Path, line: str, cycle: str) -> None:
    from test_adopt_round2 import _plan

    text = f"# Security Policy\n\n**Owner:** Security Engineering Manager\n\n{line}\n\nWe protect data.\n"
    root = plan_repo_of(tmp_path / "r", {"policies/security-policy.md": text})
    doc = _plan(root)["documents"][0]
    assert doc["review_every"] == cycle, doc


def test_a_review_label_with_a_date_is_the_last_review(tmp_path: Path) -> None:
    from test_adopt_round2 import _plan

    text = (
        "# Security Policy\n\n**Owner:** Security Engineering Manager\n\n**Review:** 2026-02-01\n\nWe protect data.\n"
    )
    root = plan_repo_of(tmp_path / "r", {"policies/security-policy.md": text})
    doc = _plan(root)["documents"][0]
    assert doc.get("reviewed_on") == "2026-02-01" and doc.get("review_every") is None, doc


def test_fields_the_plan_reads_are_written(tmp_path: Path) -> None:
    root = plan_repo_of(tmp_path / "r", {"policies/security-policy.md": CONTROLLED})
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    front = _front(root / "policies/security-policy.md")
    for kv in (
        "next_review: 2026-07-10",
        "classification: Internal",
        "effective_on: 2026-01-15",
        "review_every: 6 months",
    ):
        assert kv in front.splitlines(), front
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopted", date="2026-03-17T10:00:00+01:00")
    found = _findings(root, "2026-03-18")
    assert not [f for f in found if f[1] == "policies/security-policy.md" and f[0] == "SCH003"], found  # accepted
    before = (root / "policies/security-policy.md").read_bytes()
    assert cli("adopt", str(root), *ADOPT).returncode == 0  # a second run changes nothing
    assert (root / "policies/security-policy.md").read_bytes() == before


def test_a_null_in_an_edited_plan_takes_the_value_out(tmp_path: Path) -> None:
    from test_adopt_round2 import _plan, _save

    root = plan_repo_of(
        tmp_path / "r",
        {
            "policies/security-policy.md": CONTROLLED.replace(
                "**Review:** every", "**Last review:** 2026-02-01\n**Review:** every"
            )
        },
    )
    assert cli("adopt", str(root), *ADOPT).returncode == 0
    policy = root / "policies/security-policy.md"
    assert "reviewed_on: 2026-02-01" in _front(policy).splitlines()
    body = policy.read_text(encoding="utf-8").split("---\n", 2)[2]
    plan = _plan(root)
    (doc,) = plan["documents"]
    assert doc["reviewed_on"] == "2026-02-01"
    doc["reviewed_on"] = None
    doc["classification"] = None
    out = cli("adopt", str(root), *ADOPT, "--plan", str(_save(tmp_path, plan)))
    assert out.returncode == 0, out.stderr
    front = _front(policy).splitlines()
    assert not [ln for ln in front if ln.startswith(("reviewed_on", "classification"))], front
    assert "approved_on: 2026-01-10" in front and "next_review: 2026-07-10" in front
    assert policy.read_text(encoding="utf-8").split("---\n", 2)[2] == body  # the body untouched
