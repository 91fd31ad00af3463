"""The history's ``git log`` is started early (trousse.evidence.prefetch, gitio.prefetch_log) and
read once: one ``git log`` per cold run, none when the saved history is already HEAD's, the same
findings either way, and a plain message when git does not answer in time (issue 16).

git itself says which commands it ran: ``GIT_TRACE`` names every git process in a file."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import clean_kit_files, commit_all, write_files
from forkserver import run_trousse


def _run(kit: Path, trace: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_trousse(
        ["check", str(kit), "--format", "json", *extra], env={**os.environ, "GIT_TRACE": str(trace), **(env or {})}
    )


def _logs(trace: Path) -> int:
    """How many history walks (``git log`` with the replay's options) the trace file records."""
    if not trace.exists():
        return 0
    lines = trace.read_text(encoding="utf-8", errors="replace").splitlines()
    return sum(1 for line in lines if "built-in: git" in line and " log " in line and "--topo-order" in line)


def _any_logs(trace: Path) -> int:
    """How many ``git log`` of any kind the trace file records (the calendar's kit start, a
    document's revisions...: all of it must come from the one history walk)."""
    if not trace.exists():
        return 0
    lines = trace.read_text(encoding="utf-8", errors="replace").splitlines()
    return sum(1 for line in lines if "built-in: git" in line and " log " in line)


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "kit", clean_kit_files())
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    (root / "README.md").write_text("# Kit\n", encoding="utf-8")
    commit_all(root, "readme", date="2026-04-15T10:00:00+00:00")
    return root


def test_a_cold_check_walks_the_history_once_and_a_saved_history_not_at_all(kit: Path, tmp_path: Path) -> None:
    first = _run(kit, tmp_path / "t1")
    assert first.returncode in (0, 1), first.stderr
    assert _logs(tmp_path / "t1") == 1
    assert _any_logs(tmp_path / "t1") == 1  # no other git log (CAL rules' kit start comes from the walk)
    # Another language: the result cache misses, the saved history (HEAD's) is read instead of git.
    second = _run(kit, tmp_path / "t2", "--lang", "en")
    assert second.returncode == first.returncode, second.stderr
    assert _logs(tmp_path / "t2") == 0
    assert _any_logs(tmp_path / "t2") == 0
    assert [f["rule"] for f in json.loads(second.stdout)["findings"]] == [
        f["rule"] for f in json.loads(first.stdout)["findings"]
    ]


def test_a_new_commit_walks_the_history_again_and_finds_the_same_as_without_any_cache(
    kit: Path, tmp_path: Path
) -> None:
    assert _run(kit, tmp_path / "t1").returncode in (0, 1)
    (kit / "README.md").write_text("# Kit\n\nMore.\n", encoding="utf-8")
    commit_all(kit, "more", date="2026-05-15T10:00:00+00:00")
    cached = _run(kit, tmp_path / "t2")
    assert _logs(tmp_path / "t2") == 1  # the saved history is an older HEAD's
    fresh = _run(kit, tmp_path / "t3", env={"TROUSSE_NO_CACHE": "1"})
    assert _logs(tmp_path / "t3") == 1
    assert cached.returncode == fresh.returncode
    assert json.loads(cached.stdout) == json.loads(fresh.stdout)


def test_with_as_of_the_history_is_read_as_before(kit: Path, tmp_path: Path) -> None:
    run = _run(kit, tmp_path / "t1", "--as-of", "2026-04-20")
    assert run.returncode in (0, 1), run.stderr
    assert _logs(tmp_path / "t1") == 1  # not started early (the commit read is known later), read once


def test_fast_check_starts_no_history_walk(kit: Path, tmp_path: Path) -> None:
    run = _run(kit, tmp_path / "t1", "--fast")
    assert run.returncode in (0, 1), run.stderr
    assert _logs(tmp_path / "t1") == 0
