"""A kit's repository cannot escape the runner's safety by the shape of a name, lead git to
another repository, or make trousse wait for ever: a filter driver whose name holds "=", a
``.git`` file or link naming a git folder elsewhere, a ``core.worktree`` elsewhere, a FIFO where
git reads its attributes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import git
from hostile_support import assert_clean_exit, committed_kit, markers_left, payload, trousse


def test_a_filter_driver_named_with_an_equals_sign_does_not_run(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    markers = tmp_path / "markers"
    script = payload(tmp_path, markers)
    git(kit, "config", "filter.a=b.clean", f"{script} filter-clean")
    git(kit, "config", "filter.a=b.smudge", f"{script} filter-smudge")
    git(kit, "config", "filter.a=b.required", "true")
    (kit / ".gitattributes").write_text("*.yml filter=a=b\n*.md filter=a=b\n", encoding="utf-8")
    (kit / "trousse.yml").touch()  # the work tree differs from HEAD: `git status` looks at the files
    # trousse never runs it, with its caches or without...
    for _ in range(2):
        assert_clean_exit(trousse("check", str(kit)), 0, 1)
    assert_clean_exit(trousse("evidence", str(kit), "--format", "json"), 0, 1)
    assert markers_left(markers) == []
    # ...where plain git does (so the test can fail).
    subprocess.run(["git", "status"], cwd=kit, capture_output=True, check=False)
    assert "filter-clean" in markers_left(markers)


@pytest.mark.parametrize("shape", ["gitfile", "symlink"])
def test_a_git_folder_outside_the_kit_is_refused_plainly(tmp_path: Path, shape: str) -> None:
    other = committed_kit(tmp_path / "other")
    kit = tmp_path / "received"
    shutil.copytree(other, kit, ignore=shutil.ignore_patterns(".git"))
    if shape == "gitfile":
        (kit / ".git").write_text(f"gitdir: {other / '.git'}\n", encoding="utf-8")
    else:
        (kit / ".git").symlink_to(other / ".git")
    before = sorted(p.name for p in (other / ".git").iterdir())
    for args in (("check", "--format", "json"), ("evidence", "--format", "json"), ("report", "matrix", "-o", "-")):
        run = trousse(
            *args[:2] if args[0] == "report" else args[:1], str(kit), *args[2 if args[0] == "report" else 1 :]
        )
        assert_clean_exit(run, 2)
        assert "TROUSSE_ALLOW_LINKED_GIT_DIR" in run.err and str(other / ".git") in run.err, run.err
    assert sorted(p.name for p in (other / ".git").iterdir()) == before  # no cache written there
    # One's own worktree: allowed when asked.
    run = trousse("check", str(kit), "--format", "json", env={"TROUSSE_ALLOW_LINKED_GIT_DIR": "1"})
    assert_clean_exit(run, 0, 1)


def test_a_linked_worktree_inside_the_kit_folder_is_read(tmp_path: Path) -> None:
    """A .git file naming a git folder inside the kit's own folder is not refused."""
    kit = committed_kit(tmp_path)
    (kit / ".git").rename(kit / ".repo")
    (kit / ".git").write_text("gitdir: .repo\n", encoding="utf-8")
    (kit / ".gitignore").write_text(".repo/\n", encoding="utf-8")
    assert_clean_exit(trousse("check", str(kit), "--format", "json"), 0, 1)


def test_a_work_tree_configured_elsewhere_is_not_a_crash(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    git(kit, "config", "core.worktree", str(victim))
    for command in ("check", "evidence"):
        assert_clean_exit(trousse(command, str(kit), "--format", "json"), 0, 1, 2)
    assert list(victim.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_where_git_reads_attributes_stops_with_a_plain_message(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    os.mkfifo(kit / ".gitattributes")
    run = trousse("check", str(kit), "--format", "json", env={"TROUSSE_GIT_TIMEOUT": "2"}, timeout=50)
    # Some git versions open the FIFO and wait for a writer: trousse's timeout stops git and says how to
    # raise it (exit 2). Others never open a non-regular attributes file: the check then runs as usual.
    # Either way it ends promptly, without a traceback.
    assert_clean_exit(run, 1, 2)
    if run.code == 2:
        assert "TROUSSE_GIT_TIMEOUT" in run.err, run.err
    else:
        assert json.loads(run.out)["findings"], run.out
    assert run.seconds < 40
