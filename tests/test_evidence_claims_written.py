"""``formerly: <path>@<commit>`` dates a record by the commit that wrote the claimed file's content
as it stood at the named commit (issue 15, third review): a one-off incident note added in July and
named at the commit just before its conversion keeps July; a living report named at its May
commit is May's (tests/test_evidence_claims.py); a pure rename keeps the content's date."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git, write_files
from test_adopters import CONFIG, PACK, _check, _commit, _evidence, _record


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    kit = repo / "kit"
    git(repo.parent, "init", "-q", str(repo))
    write_files(kit, {"trousse.yml": CONFIG.format(extra=""), "standards/adopt-pack.yml": PACK})
    write_files(repo, {"incidents/2025-07-15-dns.md": "# DNS outage\n\nResolved the same day.\n"})
    _commit(repo, "2025-07-15T18:00:00+02:00")  # the note is written on the day
    write_files(repo, {"handbook/other.md": "# Other\n"})
    _commit(repo, "2025-09-01T10:00:00+02:00")
    (repo / "incidents/2025").mkdir()
    git(repo, "mv", "incidents/2025-07-15-dns.md", "incidents/2025/2025-07-15-dns.md")
    _commit(repo, "2025-10-03T10:00:00+02:00")  # moved, unchanged: the commit a converter names
    named = git(repo, "rev-parse", "HEAD").strip()[:10]
    claim = f"formerly: incidents/2025/2025-07-15-dns.md@{named}\n"
    write_files(
        kit, {"records/inc/INC-2025-0007.yml": _record("INC-2025-0007", "incident-record", "2025-07-15", claim)}
    )
    git(repo, "rm", "-q", "incidents/2025/2025-07-15-dns.md")
    _commit(repo, "2026-11-10T10:00:00+01:00")  # converted to YAML, the note removed
    return kit


def test_a_note_named_after_a_move_keeps_the_day_it_was_written(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    rec = {r["id"]: r for r in _evidence(capsys, repo)["records"]}["INC-2025-0007"]
    assert rec["evidence_date"] == "2025-07-15"  # not 2025-10-03, the commit named; not 2026-11-10
    assert rec["status"] == "ok"


def test_one_file_renamed_and_edited_between_two_claims_dates_one_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    kit = repo / "kit"
    git(repo.parent, "init", "-q", str(repo))
    write_files(kit, {"trousse.yml": CONFIG.format(extra=""), "standards/adopt-pack.yml": PACK})
    body = "".join(f"- {n}: the mail server did not answer; users were told by phone.\n" for n in range(12))
    write_files(repo, {"notes/outage.md": "# Outage\n\n" + body})
    _commit(repo, "2025-03-10T10:00:00+01:00")
    first = git(repo, "rev-parse", "HEAD").strip()[:10]
    (repo / "notes/2025").mkdir()
    git(repo, "mv", "notes/outage.md", "notes/2025/outage-march.md")
    edited = "# Outage in March\n\n" + body + "Root cause found.\n"  # renamed and edited: git sees R0xx
    (repo / "notes/2025/outage-march.md").write_text(edited, encoding="utf-8")
    _commit(repo, "2025-04-02T10:00:00+02:00")
    second = git(repo, "rev-parse", "HEAD").strip()[:10]
    write_files(
        kit,
        {
            "records/inc/INC-2025-0001.yml": _record(
                "INC-2025-0001", "incident-record", "2025-03-10", f"formerly: notes/outage.md@{first}\n"
            ),
        },
    )
    _commit(repo, "2026-11-10T10:00:00+01:00")
    write_files(
        kit,
        {
            "records/inc/INC-2025-0002.yml": _record(
                "INC-2025-0002", "incident-record", "2025-04-02", f"formerly: notes/2025/outage-march.md@{second}\n"
            ),
        },
    )
    _commit(repo, "2026-11-11T10:00:00+01:00")
    found = {(f["rule"], f["path"]) for f in _check(capsys, kit)}
    assert ("EVD012", "records/inc/INC-2025-0002.yml") in found  # the same past file, claimed again
    assert ("EVD012", "records/inc/INC-2025-0001.yml") not in found
