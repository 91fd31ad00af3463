"""Nothing in the kit runs code: a repository whose configuration, attributes and hooks name
programs (fsmonitor, hooks, external diff, textconv, clean/smudge filters, pager, credential
helper, gpg, editor) is checked, dated and reported without any of them running; init and demo
commit without running hooks; a repository owned by another user is read without changing
anyone's git configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import git
from hostile_support import assert_clean_exit, committed_kit, markers_left, payload, trousse

HOOKS = (
    "pre-commit",
    "prepare-commit-msg",
    "commit-msg",
    "post-commit",
    "post-checkout",
    "post-index-change",
    "reference-transaction",
    "pre-auto-gc",
    "post-rewrite",
    "fsmonitor-watchman",
)


def _hostile_config(script: Path, hooks: Path) -> str:
    def cmd(name: str) -> str:
        return f'"{script} {name}"'

    return (
        "[core]\n"
        f"\tfsmonitor = {cmd('fsmonitor')}\n"
        f"\tpager = {cmd('pager')}\n"
        f"\thooksPath = {hooks}\n"
        f"\teditor = {cmd('editor')}\n"
        f"\taskPass = {cmd('askpass')}\n"
        "[diff]\n"
        f"\texternal = {cmd('diff-external')}\n"
        '[diff "evil"]\n'
        f"\ttextconv = {cmd('textconv')}\n"
        f"\tcommand = {cmd('diff-command')}\n"
        '[filter "evil"]\n'
        f"\tclean = {cmd('filter-clean')}\n"
        f"\tsmudge = {cmd('filter-smudge')}\n"
        "\trequired = true\n"
        "[credential]\n"
        f"\thelper = {cmd('credential')}\n"
        "[gpg]\n"
        f"\tprogram = {cmd('gpg')}\n"
        "[log]\n"
        "\tshowSignature = true\n"
        "[commit]\n"
        "\tgpgSign = true\n"
        "[pager]\n"
        f"\tlog = {cmd('pager-log')}\n"
        f"\tstatus = {cmd('pager-status')}\n"
        "[gc]\n"
        "\tauto = 1\n"
        "\tautoDetach = false\n"
    )


def _hooks(folder: Path, script: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in HOOKS:
        hook = folder / name
        hook.write_text(f'#!/bin/sh\n"{script}" hook-{name}\nexit 0\n', encoding="utf-8")
        hook.chmod(0o755)
    return folder


def _arm(kit: Path, root: Path) -> Path:
    """Make ``kit``'s repository hostile; return the markers folder."""
    markers = root / "markers"
    script = payload(root, markers)
    hooks = _hooks(root / "evil-hooks", script)
    _hooks(kit / ".git" / "hooks", script)
    with (kit / ".git" / "config").open("a", encoding="utf-8") as f:
        f.write(_hostile_config(script, hooks))
    (kit / ".git" / "info").mkdir(exist_ok=True)
    (kit / ".git" / "info" / "attributes").write_text("* diff=evil filter=evil\n", encoding="utf-8")
    (kit / ".gitattributes").write_text("*.yml diff=evil filter=evil\n*.md diff=evil filter=evil\n", encoding="utf-8")
    # The work tree differs from HEAD, so that `git status` has files to look at (and filters to run).
    record = kit / "records" / "inc" / "INC-2026-0001.yml"
    record.write_text(record.read_text(encoding="utf-8") + "notes: modifiée\n", encoding="utf-8")
    return markers


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    kit = committed_kit(tmp_path)
    return kit, _arm(kit, tmp_path)


def test_the_payloads_are_live(hostile: tuple[Path, Path]) -> None:
    """Plain git, run the usual way in the same repository, runs them: the test below can fail."""
    kit, markers = hostile
    env = {**os.environ, "GIT_PAGER": ""}
    # A tracked file whose content is unchanged but whose time is not the index's: git must read it
    # again to compare, through the clean filter (a file of another size is seen as changed without
    # it, and a racily clean one only within the second of the commit: on a loaded machine, never).
    same = kit / "trousse.yml"
    later = same.stat().st_mtime + 10
    os.utime(same, (later, later))
    subprocess.run(["git", "status"], cwd=kit, env=env, capture_output=True, check=False)
    subprocess.run(["git", "log", "-p", "-1"], cwd=kit, env=env, capture_output=True, check=False)
    ran = markers_left(markers)
    assert "fsmonitor" in ran and "filter-clean" in ran, ran


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (("check",), ("--format", "json", "--as-of", "2026-11-23")),
        (("check",), ("--format", "text")),
        (("evidence",), ("--format", "json", "--records", "--as-of", "2026-11-23")),
        (("report", "readiness"), ("--as-of", "2026-11-23")),
        (("report", "audit"), ("--audit", "AUD-2026-01", "--format", "html")),
        (("report", "pack"), ("--as-of", "2026-11-23")),
    ],
    ids=["check-json", "check-text", "evidence", "readiness", "audit", "pack"],
)
def test_no_payload_runs(hostile: tuple[Path, Path], command: tuple[str, ...], options: tuple[str, ...]) -> None:
    kit, markers = hostile
    run = trousse(*command, str(kit), *options)
    assert_clean_exit(run, 0, 1)
    assert markers_left(markers) == []
    if command == ("evidence",):
        # The history was read through all of it: the record committed in March is dated.
        data = json.loads(run.out)
        assert data["repository"] == "ok"
        assert any(r["evidence_date"] == "2026-03-15" for r in data["records"]), data["records"][:3]


def test_no_payload_runs_twice_with_cache(hostile: tuple[Path, Path]) -> None:
    """The second run reads the caches under .git/trousse: still nothing runs."""
    kit, markers = hostile
    for _ in range(2):
        assert_clean_exit(trousse("check", str(kit), "--format", "json"), 0, 1)
    assert markers_left(markers) == []


def _hostile_global(tmp_path: Path) -> Path:
    """The user's own git configuration names hooks (through core.hooksPath) and a template
    folder whose hooks a new repository would copy."""
    markers = tmp_path / "markers"
    script = payload(tmp_path, markers)
    hooks = _hooks(tmp_path / "global-hooks", script)
    template = tmp_path / "template"
    _hooks(template / "hooks", script)
    gitconfig = Path(os.environ["GIT_CONFIG_GLOBAL"])
    gitconfig.write_text(
        gitconfig.read_text(encoding="utf-8") + f'[core]\n\thooksPath = {hooks}\n\tfsmonitor = "{script} fsmonitor"\n'
        f'[init]\n\ttemplateDir = {template}\n[commit]\n\tgpgSign = true\n[gpg]\n\tprogram = "{script} gpg"\n',
        encoding="utf-8",
    )
    return markers


def test_init_commits_without_running_hooks(tmp_path: Path) -> None:
    markers = _hostile_global(tmp_path)
    kit = tmp_path / "new-kit"
    run = trousse("init", str(kit), "--standard", "iso20000-1-2018", "--lang", "fr", "--org", "Acme")
    assert_clean_exit(run, 0)
    assert git(kit, "log", "--format=%s").strip()  # the first commit exists
    assert markers_left(markers) == []


def test_demo_commits_without_running_hooks(tmp_path: Path) -> None:
    markers = _hostile_global(tmp_path)
    run = trousse("demo", str(tmp_path / "demo"), "--lang", "en")
    assert_clean_exit(run, 0)
    assert markers_left(markers) == []


def test_init_inside_a_hostile_repository(hostile: tuple[Path, Path]) -> None:
    kit, markers = hostile
    run = trousse("init", str(kit / "sub"), "--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")
    assert_clean_exit(run, 0)
    assert markers_left(markers) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the kit away")
def test_repository_of_another_user_is_read_without_changing_git_config(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    gitconfig = Path(os.environ["GIT_CONFIG_GLOBAL"])
    before = gitconfig.read_text(encoding="utf-8")
    shutil.chown(tmp_path, "nobody")
    for dirpath, dirnames, filenames in os.walk(tmp_path):
        for name in dirnames + filenames:
            os.lchown(Path(dirpath) / name, 65534, -1)
    # Plain git refuses it ("dubious ownership"): the repository is really someone else's.
    refused = subprocess.run(["git", "status"], cwd=kit, capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "dubious ownership" in refused.stderr
    run = trousse("evidence", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert_clean_exit(run, 0, 1)
    assert json.loads(run.out)["repository"] == "ok"
    assert gitconfig.read_text(encoding="utf-8") == before
