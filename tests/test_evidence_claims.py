"""Lineage and attachment claims (issue 15, second review): ``formerly`` takes the date of the commit
it names, a past file dates one record only (another claim is EVD012), and an attachment dates a
record only when the record named it in the commit that added it. Dates asserted against raw git."""

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
    write_files(repo, {"content/reports/index.md": "# Report\n\nFirst draft.\n"})
    _commit(repo, "2019-11-08T10:00:00+01:00")  # the page is first added
    write_files(repo, {"content/reports/index.md": "# Report\n\nThe May report.\n"})
    _commit(repo, "2020-05-04T10:00:00+02:00")
    named = git(repo, "rev-parse", "HEAD").strip()[:7]  # the commit the records name
    write_files(repo, {"kit/records/inc/old.png": "PNG", "kit/records/inc/review.pdf": "%PDF"})
    _commit(repo, "2021-08-13T10:00:00+02:00")
    claim = f"formerly: content/reports/index.md@{named}\n"
    write_files(
        kit,
        {
            "records/slm/REP-A.yml": _record("REP-A", "service-report", "2020-05-04", claim),
            # a review written today about May 2021, naming its PDF from the start
            "records/inc/PIR-1.yml": _record(
                "PIR-1", "post-incident-review", "2021-08-12", "attachments: [records/inc/review.pdf]\n"
            ),
            # an incident typed today, the old image attached only afterwards
            "records/inc/INC-9.yml": _record("INC-9", "incident-record", "2021-08-13"),
        },
    )
    _commit(repo, "2026-11-10T10:00:00+01:00")
    write_files(
        kit,
        {
            "records/slm/REP-B.yml": _record("REP-B", "service-report", "2020-05-04", claim),
            "records/inc/INC-9.yml": _record(
                "INC-9", "incident-record", "2021-08-13", "attachments: [records/inc/old.png]\n"
            ),
            "records/inc/PIR-2.yml": _record(
                "PIR-2", "post-incident-review", "2021-08-12", "attachments: [records/inc/review.pdf]\n"
            ),
        },
    )
    _commit(repo, "2026-11-11T10:00:00+01:00")
    return kit


def _day(repo: Path, ref: str) -> str:
    return git(repo, "log", "-1", "--format=%cI", ref).strip()[:10]


def test_formerly_takes_the_named_commit_and_dates_one_record(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    recs = {r["id"]: r for r in _evidence(capsys, repo)["records"]}
    named = git(repo.parent, "log", "-1", "--format=%h", "HEAD~3").strip()
    assert recs["REP-A"]["evidence_date"] == _day(repo.parent, named) == "2020-05-04"  # not 2019-11-08
    assert recs["REP-A"]["status"] == "ok"
    assert recs["REP-B"]["evidence_date"] == "2026-11-11" and recs["REP-B"]["status"] != "ok"
    found = {(f["rule"], f["path"]) for f in _check(capsys, repo)}
    assert ("EVD012", "records/slm/REP-B.yml") in found
    assert ("EVD012", "records/slm/REP-A.yml") not in found


def test_an_attachment_dates_only_the_record_that_named_it_first(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    recs = {r["id"]: r for r in _evidence(capsys, repo)["records"]}
    assert recs["PIR-1"]["evidence_date"] == "2021-08-13"  # named at its creation: dated by the PDF
    assert recs["INC-9"]["evidence_date"] == "2026-11-10"  # the image was attached later: nothing
    assert recs["INC-9"]["status"] != "ok"
    assert recs["PIR-2"]["evidence_date"] == "2026-11-11"  # the PDF already dates PIR-1
    found = {(f["rule"], f["path"]) for f in _check(capsys, repo)}
    assert ("EVD012", "records/inc/PIR-2.yml") in found and ("EVD012", "records/inc/PIR-1.yml") not in found
