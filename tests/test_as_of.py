"""--as-of is a true point in time: the kit is read as committed on that day (the tree of the last
commit of HEAD's first-parent history whose committer date, in its own time zone, is on or before
it), checked against an independent reading of the same repository with raw git log and git show."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import RECORD, clean_kit_files, git, write_files
from forkserver import run_trousse

DAYS = ["2026-01-10", "2026-02-15", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-30", "2026-11-23"]
AUDIT = """\
id: AUD-2026-01
kind: internal
date: 2026-06-01
auditors: [{name: Luc Roy, role: RGS}]
scope: [INC]
findings: []
"""


def _commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose kit lives in ``kit/``: a broken record fixed later, a record added on
    a branch dated before its merge, a configuration changed late in the evening west of UTC,
    an audit written later, and an uncommitted edit in the work tree."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    files = clean_kit_files("en")
    files["records/inc/INC-2026-0001.yml"] = RECORD.replace("priority: P2", "priority: urgent")
    write_files(repo / "kit", files)
    _commit(repo, "kit", "2026-01-10T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "side")
    write_files(repo / "kit", {"records/inc/INC-2026-0003.yml": RECORD.replace("0001", "0003")})
    _commit(repo, "on a branch", "2026-02-10T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    write_files(repo / "kit", {"records/inc/INC-2026-0001.yml": RECORD})
    _commit(repo, "fix", "2026-03-01T10:00:00+00:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-04-01T10:00:00+00:00")
    config = repo / "kit" / "trousse.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    _commit(repo, "french", "2026-05-01T23:30:00-05:00")  # 2 May in UTC, 1 May where it was made
    write_files(repo / "kit", {"audits/AUD-2026-01.yml": AUDIT})
    _commit(repo, "audit", "2026-06-01T10:00:00+02:00")
    (repo / "kit" / "records" / "inc" / "INC-2026-0001.yml").write_text("id: [ broken, not committed\n")
    return repo


def _expected_commit(repo: Path, day: str) -> str | None:
    """Independently: walk ``git log --first-parent`` and keep the first commit whose committer
    date, as written in its own time zone (%cI), is on or before ``day``."""
    for line in git(repo, "log", "--first-parent", "--format=%H %cI", "HEAD").splitlines():
        commit, when = line.split(" ")
        if when[:10] <= day:
            return commit
    return None


def _check(repo: Path, day: str) -> dict:
    proc = run_trousse(
        ["check", str(repo / "kit"), "--format", "json", "--as-of", day],
    )
    assert proc.returncode in (0, 1), proc.stderr
    data: dict = json.loads(proc.stdout)
    return data


@pytest.mark.parametrize("day", DAYS)
def test_as_of_reads_the_commit_git_log_and_git_show_give(repo: Path, day: str) -> None:
    commit = _expected_commit(repo, day)
    assert commit is not None
    data = _check(repo, day)
    assert data["summary"]["snapshot"] == commit
    # The files of that commit, from git itself.
    records = {
        p[len("kit/") :]
        for p in git(repo, "ls-tree", "-r", "--name-only", commit, "--", "kit/records/").splitlines()
        if p.endswith(".yml")
    }
    evidence = run_trousse(
        ["evidence", str(repo / "kit"), "--format", "json", "--as-of", day],
    )
    # Their content, from git show: the record is broken exactly when it was broken in that commit.
    committed = git(repo, "show", f"{commit}:kit/records/inc/INC-2026-0001.yml")
    if "urgent" in committed:  # fails its schema that day: not counted as evidence
        records.discard("records/inc/INC-2026-0001.yml")
    assert {r["path"] for r in json.loads(evidence.stdout)["records"]} == records
    broken = [f for f in data["findings"] if f["path"] == "records/inc/INC-2026-0001.yml" and f["rule"][:3] != "EVD"]
    assert [f["rule"] for f in broken] == (["SCH001"] if "urgent" in committed else [])
    # The configuration of that day (the language changed on 1 May, local time).
    language = "fr" if "language: fr" in git(repo, "show", f"{commit}:kit/trousse.yml") else "en"
    assert data["summary"]["language"] == language
    # An audit written later does not exist for that run.
    audit = run_trousse(
        ["report", "audit", str(repo / "kit"), "--audit", "AUD-2026-01"] + ["--as-of", day, "-o", "-"],
    )
    has_audit = "kit/audits/AUD-2026-01.yml" in git(repo, "ls-tree", "-r", "--name-only", commit).splitlines()
    assert (audit.returncode == 0) == has_audit, audit.stderr


def test_the_work_tree_is_read_without_as_of(repo: Path) -> None:
    proc = run_trousse(
        ["check", str(repo / "kit"), "--format", "json"],
    )
    data = json.loads(proc.stdout)
    assert data["summary"]["snapshot"] is None
    assert ("YML001", "records/inc/INC-2026-0001.yml") in [(f["rule"], f["path"]) for f in data["findings"]]


def test_no_commit_on_or_before_the_day_is_exit_2(repo: Path) -> None:
    for command in ("check", "evidence"):
        proc = run_trousse(
            [command, str(repo / "kit"), "--as-of", "2026-01-09"],
        )
        assert proc.returncode == 2 and proc.stdout == ""
        assert len(proc.stderr.splitlines()) == 1 and "2026-01-09" in proc.stderr and "Traceback" not in proc.stderr


def test_the_commit_is_read_in_one_pass(repo: Path, tmp_path: Path) -> None:
    """git runs a fixed number of times whatever the number of files: one ls-tree and at most two
    cat-file streams (the configuration, then the rest), never one call per file; the entry point
    reads that day's configuration once, for the language."""
    real = shutil.which("git")
    assert real
    shim = tmp_path / "bin"
    shim.mkdir()
    log = tmp_path / "git.log"
    (shim / "git").write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n', encoding="utf-8")
    (shim / "git").chmod(stat.S_IRWXU)
    for i in range(40):
        write_files(repo / "kit", {f"records/inc/INC-2026-{100 + i}.yml": RECORD.replace("0001", str(100 + i))})
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", "more", date="2026-07-01T10:00:00+00:00")
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "TROUSSE_NO_CACHE": "1"}
    proc = run_trousse(
        ["check", str(repo / "kit"), "--format", "json", "--as-of", "2026-07-02"],
        env=env,
    )
    assert proc.returncode in (0, 1), proc.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    # each line is git's arguments: the safety options (-c ...) first, then the command
    assert sum(" cat-file " in f" {c} " for c in calls) <= 2, calls
    assert sum(" ls-tree " in f" {c} " for c in calls) == 1, calls
    # One `git show`: the entry point reads that day's trousse.yml for the language of the run.
    shows = [c for c in calls if " show " in f" {c} "]
    assert len(shows) == 1 and shows[0].endswith(":kit/trousse.yml"), calls
    # The commit of that day is looked up once: the entry point and the reader share the answer.
    assert sum(" --first-parent " in f" {c} " for c in calls) == 1, calls
    assert len(calls) < 20, calls
