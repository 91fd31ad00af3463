"""``trousse evidence --format json``: a process's ``months`` counts its records month by month,
not the distinct days they fall on (issue 15 review: REL summed to 59 against 61 records). Real
git repository, the real command line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from test_adopters import adopter  # noqa: F401 - the adopter's repository, as a fixture
from test_evidence_support import run_cli


def test_months_count_records_not_days(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:  # noqa: F811
    code, text, err = run_cli(capsys, "evidence", str(adopter), "--format", "json", "--as-of", "2026-11-23")
    assert code in (0, 1), err
    data = json.loads(text)
    for proc in data["processes"]:
        counted = Counter(
            r["evidence_date"][:7]
            for r in data["records"]
            if r["process"] == proc["id"] and r["status"] == "ok"  # counted: proven by git
        )
        assert proc["months"] == dict(counted), proc["id"]
    inc = {p["id"]: p for p in data["processes"]}["INC"]
    ok = [r for r in data["records"] if r["process"] == "INC" and r["status"] == "ok"]
    assert sum(inc["months"].values()) == inc["records"] == len(ok)
    assert len({r["evidence_date"] for r in ok}) < len(ok)  # two records of one day: both count


def test_a_merge_does_not_count_a_living_source_change_twice(
    capsys: pytest.CaptureFixture[str],
    adopter: Path,  # noqa: F811
) -> None:
    """The dashboard regenerated on a branch, merged with --no-ff after other work on the main
    line: the branch's commit is the evidence; the merge brings nothing new to the dashboard and
    counts no second time (as raw ``git log --follow`` lists it: once)."""
    from conftest import git, write_files
    from test_adopters import DASHBOARD, _changes

    repo = adopter.parent
    main = git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "june-report")
    write_files(adopter, {"reports/dashboard.md": DASHBOARD + "May: 99.7%\nJune: 99.8%\n"})
    git(repo, "commit", "-qam", "June report", date="2026-07-01T09:00:00+02:00")
    git(repo, "checkout", "-q", main)
    write_files(adopter, {"notes.txt": "other work\n"})
    git(repo, "add", "--all")
    git(repo, "commit", "-qm", "other work", date="2026-07-02T09:00:00+02:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge the June report", "june-report", date="2026-07-03T09:00:00+02:00")
    code, text, err = run_cli(capsys, "evidence", str(adopter), "--format", "json", "--as-of", "2026-11-23")
    assert code in (0, 1), err
    pieces = sorted((r for r in json.loads(text)["records"] if r["kind"] == "source"), key=lambda r: r["evidence_date"])
    raw = _changes(repo, "kit/reports/dashboard.md")
    assert raw[-1][1] == "2026-07-01"
    assert [(r["commit"], r["evidence_date"]) for r in pieces] == raw
