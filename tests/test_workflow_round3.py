"""Issue 13, third review: the calendar plans what a fresh kit must do, an unfilled form fulfils
nothing, one series of management reviews, ACT001's words, an editor that fails, no git identity,
review inputs citing only the kit's standards, and small things of ``new``."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from conftest import git, plain

from trousse.demo import run_demo

DAY = dt.date(2026, 6, 15)


def _demo(tmp_path: Path, lang: str = "fr") -> Path:
    root = tmp_path / f"demo-{lang}"
    run_demo(root, lang, today=DAY)
    return root


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "trousse", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    proc.stdout, proc.stderr = plain(proc.stdout), plain(proc.stderr)
    return proc


def _on_terminal(root: Path, *args: str, env: dict[str, str]) -> tuple[int, str]:
    """``trousse ARGS`` with stdin and stdout on a pseudo-terminal (as typed by a user)."""
    main, side = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "trousse", *args],
            cwd=root,
            stdin=side,
            stdout=side,
            stderr=subprocess.PIPE,
            env={**os.environ, **env},
            timeout=120,
        )
    finally:
        os.close(side)
    out = b""
    try:
        while chunk := os.read(main, 65536):
            out += chunk
    except OSError:
        pass
    os.close(main)
    return proc.returncode, plain(proc.stderr.decode("utf-8") + out.decode("utf-8", "replace"))


def _status(root: Path) -> str:
    return git(root, "status", "--porcelain", "--untracked-files=all")


def test_an_editor_that_fails_means_no_commit_and_the_file_stays(tmp_path: Path) -> None:
    root = _demo(tmp_path, "en")
    head = git(root, "rev-parse", "HEAD")
    code, out = _on_terminal(root, "new", "change", "--commit", env={"EDITOR": "false", "VISUAL": ""})
    assert code == 2, out
    assert "Traceback" not in out and "nothing is committed" in out
    assert git(root, "rev-parse", "HEAD") == head
    status = _status(root).splitlines()
    assert len(status) == 1 and status[0].startswith("?? records/"), status  # there, untracked
    assert status[0][3:] in out


def test_an_editor_that_succeeds_still_commits(tmp_path: Path) -> None:
    root = _demo(tmp_path, "en")
    head = git(root, "rev-parse", "HEAD")
    code, out = _on_terminal(root, "new", "change", "--commit", env={"EDITOR": "true", "VISUAL": ""})
    assert code == 0, out
    assert git(root, "rev-parse", "HEAD") != head and _status(root) == ""


def test_without_a_git_identity_one_translated_line_and_nothing_staged(tmp_path: Path) -> None:
    root = _demo(tmp_path, "fr")
    (Path(os.environ["HOME"]) / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    head = git(root, "rev-parse", "HEAD")
    proc = _run(root, "new", "problem", "--commit", "--no-edit")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "git ne sait pas qui vous êtes" in lines[0] and "user.name" in lines[0] and "user.email" in lines[0]
    assert "Please tell me" not in proc.stderr
    assert git(root, "rev-parse", "HEAD") == head
    assert git(root, "diff", "--cached", "--name-only") == ""  # nothing staged
    assert _status(root).startswith("?? records/")
