"""One command asks git once which repository holds the kit and what differs from HEAD
(trousse.answers): counted with git's own trace on a real `check`; outside the command's scope, and
after trousse writes to the repository, the answers are asked again."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import clean_kit_files, commit_all, git, write_files
from forkserver import run_trousse

from trousse import gitio
from trousse.answers import remembering
from trousse.inventory import changed_files


def _git_commands(kit: Path, tmp_path: Path) -> list[str]:
    """The git commands a cold `check --format json` on ``kit`` runs, as git's trace lists them."""
    trace = tmp_path / "trace.txt"
    env = {**os.environ, "GIT_TRACE": str(trace)}
    proc = run_trousse(["check", str(kit), "--format", "json"], env=env)
    assert proc.returncode in (0, 1), proc.stderr
    lines = trace.read_text(encoding="utf-8").splitlines()
    return [line.split("trace: built-in: git ", 1)[1] for line in lines if "trace: built-in: git " in line]


def test_a_check_asks_git_each_question_once(tmp_path: Path) -> None:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-03-02T10:00:00+01:00")
    commands = _git_commands(kit, tmp_path)
    asked = [c.split()[0] + (" " + c.split()[1] if c.startswith("rev-parse") else "") for c in commands]
    assert asked.count("rev-parse --show-toplevel") == 1, commands
    assert asked.count("rev-parse") == 0 and "rev-parse -q" not in asked, commands  # one rev-parse answers all
    assert asked.count("status") == 1, commands
    assert "version" not in asked, commands  # git ran: it can be run
    # 21 before the answers were kept for the command, 9 before one rev-parse answered all: the
    # filter drivers, rev-parse, status, the index's marks and the attributes that convert files
    # (what status cannot vouch for), log, ls-files, cat-file
    assert len(commands) <= 8, commands


def test_one_rev_parse_answers_in_an_empty_repository_and_in_a_subfolder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    kit = repo / "quality" / "kit"
    kit.mkdir(parents=True)
    git(repo, "init", "-q")
    info = gitio.repo_info(kit)
    assert info is not None and info.head is None and info.prefix == "quality/kit/" and not info.shallow
    assert info.toplevel.resolve() == repo.resolve() and info.git_dir.resolve() == (repo / ".git").resolve()
    (kit / "a.md").write_text("x\n", encoding="utf-8")
    first = commit_all(repo, "first", date="2026-03-02T10:00:00+01:00")
    at_kit, at_top = gitio.repo_info(kit), gitio.repo_info(repo)
    assert at_kit is not None and at_kit.head == first and at_kit.prefix == "quality/kit/"
    assert at_top is not None and at_top.head == first and at_top.prefix == ""
    (kit / "b.md").write_text("y\n", encoding="utf-8")
    assert gitio.dirty_paths(kit) == ["b.md"]  # relative to the kit, through the prefix rev-parse gave
    # a file the index marks assume-unchanged, in a folder named like the kit's own path: edited,
    # it is a change (git status says nothing of it), kit-relative
    inner = kit / "quality" / "kit" / "c.md"
    inner.parent.mkdir(parents=True)
    inner.write_text("c\n", encoding="utf-8")
    commit_all(repo, "second", date="2026-03-03T10:00:00+01:00")
    git(repo, "update-index", "--assume-unchanged", "quality/kit/quality/kit/c.md")
    inner.write_text("changed\n", encoding="utf-8")
    assert gitio.dirty_paths(kit) == []  # b.md committed with it; c.md unseen by git status
    assert changed_files(kit) == ["quality/kit/c.md"]
    outside = tmp_path / "outside"
    outside.mkdir()
    assert gitio.repo_info(outside) is None


def test_outside_a_command_each_call_asks_git_again(tmp_path: Path) -> None:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    first = commit_all(kit, "kit", date="2026-03-02T10:00:00+01:00")
    info = gitio.repo_info(kit)
    assert info is not None and info.head == first
    (kit / "note.md").write_text("x\n", encoding="utf-8")
    second = commit_all(kit, "note", date="2026-03-03T10:00:00+01:00")
    again = gitio.repo_info(kit)
    assert again is not None and again.head == second != first


def test_within_a_command_a_write_by_trousse_forgets_the_answers(tmp_path: Path) -> None:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    first = commit_all(kit, "kit", date="2026-03-02T10:00:00+01:00")
    with remembering():
        assert gitio.dirty_paths(kit) == []
        (kit / "note.md").write_text("x\n", encoding="utf-8")
        assert gitio.dirty_paths(kit) == [], "kept for the command: asked once"
        info = gitio.repo_info(kit)
        assert info is not None and info.head == first
        second = gitio.commit_paths(kit, "note", ["note.md"])  # trousse writes: the answers are forgotten
        info = gitio.repo_info(kit)
        assert info is not None and info.head == second != first
        assert gitio.dirty_paths(kit) == []
        (kit / "other.md").write_text("y\n", encoding="utf-8")
        git(kit, "add", "other.md")
        assert gitio.dirty_paths(kit) == []  # git run by someone else: not seen until the next command
    assert gitio.dirty_paths(kit) == ["other.md"]
