"""The tests' fork server (tests/forkserver.py) gives what a genuine ``python -m trousse`` gives.

:func:`conftest.cli` forks each command from a server that has only imported trousse. Here a
sample of commands runs both ways, a genuine subprocess (``fresh=True``) and a forked child, and
their exit codes, stdout and stderr are compared byte for byte; then the server's edges: an
environment it cannot give, a child that runs too long, a server that dies.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import forkserver
import pytest
from conftest import clean_kit_files, cli, commit_all, report_kit_files, write_files


@pytest.fixture
def kits(tmp_path: Path) -> dict[str, Path]:
    clean = write_files(tmp_path / "clean", clean_kit_files("fr"))
    commit_all(clean, "kit", date="2026-03-14T10:00:00+01:00")
    broken = clean_kit_files("en")
    broken["records/inc/INC-2026-0002.yml"] = "id: [unclosed\n"
    broken["processes/INC.md"] = broken["processes/INC.md"].replace("owner: RGS", "owner: NOBODY")
    broken_root = write_files(tmp_path / "broken", broken)
    report = write_files(tmp_path / "report", report_kit_files("fr"))
    commit_all(report, "kit", date="2026-10-03T10:00:00+02:00")
    return {"clean": clean, "broken": broken_root, "report": report, "empty": tmp_path}


SAMPLE = [
    ("empty", ["--version"]),
    ("empty", ["--help"]),
    ("empty", ["--lang", "fr", "check", "--help"]),
    ("empty", ["no-such-command"]),
    ("empty", ["check", "--format", "nope"]),
    ("empty", ["rules"]),
    ("empty", ["rules", "YML001", "--lang", "fr"]),
    ("empty", ["standards"]),
    ("empty", ["init", "kit-without-lang"]),  # stdin is not a terminal: "missing option: --lang"
    ("empty", ["check"]),  # no kit here: exit 2
    ("clean", ["check"]),  # the kit of the working directory, in its language
    ("clean", ["check", ".", "--format", "json"]),
    ("broken", ["check"]),
    ("broken", ["check", "--format", "github"]),
    ("broken", ["check", "--format", "junit"]),
    ("clean", ["evidence", "."]),
    ("report", ["readiness", "."]),
    ("report", ["report", "audit", ".", "--audit", "AUD-2026-01", "-o", "-"]),
    ("report", ["report", "matrix", ".", "-o", "-", "--lang", "en"]),
]


def _fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty cache folder, at the same path each time (its path may show in no output, but
    the two ways must not share their entries)."""
    cache = tmp_path / "cache"
    if cache.exists():
        shutil.rmtree(cache)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))


def _same(genuine: subprocess.CompletedProcess[str], forked: subprocess.CompletedProcess[str], what: object) -> None:
    assert (forked.returncode, forked.stdout, forked.stderr) == (genuine.returncode, genuine.stdout, genuine.stderr), (
        what
    )
    assert forked.args == genuine.args


@pytest.mark.parametrize(("where", "args"), SAMPLE, ids=[" ".join(args) for _, args in SAMPLE])
def test_a_forked_command_is_the_genuine_command_byte_for_byte(
    kits: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, args: list[str]
) -> None:
    monkeypatch.delenv(forkserver.SUBPROCESS_ENV, raising=False)
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    genuine = cli(*args, cwd=kits[where], raw=True, fresh=True)
    _same(genuine, cli(*args, cwd=kits[where], raw=True), args)


@pytest.mark.parametrize(
    ("where", "args"),
    [("clean", ["check"]), ("broken", ["check", ".", "--format", "json"]), ("clean", ["evidence", "."])],
)
def test_the_caches_answer_a_forked_command_as_a_genuine_one(
    kits: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, args: list[str]
) -> None:
    """Cold (caches written), then warm (answered from them): the same both ways."""
    monkeypatch.delenv(forkserver.SUBPROCESS_ENV, raising=False)
    runs = {}
    for fresh in (True, False):
        _fresh_cache(tmp_path, monkeypatch)
        runs[fresh] = [cli(*args, cwd=kits[where], raw=True, fresh=fresh) for _ in range(2)]
    for genuine, forked in zip(runs[True], runs[False], strict=True):
        _same(genuine, forked, args)


def test_the_forked_command_writes_what_the_genuine_one_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same commit dates: the same first commit, whose id the command prints
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-03-14T10:00:00+01:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-03-14T10:00:00+01:00")
    made = {}
    for fresh in (True, False):
        kit = tmp_path / f"kit-{fresh}"
        proc = cli("init", str(kit), "-s", "iso20000-1-2018", "--lang", "fr", "--org", "Acme", raw=True, fresh=fresh)
        assert proc.returncode == 0, proc.stderr
        made[fresh] = {
            p.relative_to(kit).as_posix(): p.read_bytes()
            for p in sorted(kit.rglob("*"))
            if p.is_file() and ".git" not in p.parts
        }
        made[fresh]["<stdout>"] = proc.stdout.replace(str(kit), "KIT").encode()
    assert made[True] == made[False]


def test_an_environment_the_server_cannot_give_runs_a_genuine_subprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    cli("--version")  # the server is up
    assert forkserver._SERVER.usable_for(dict(os.environ))
    for var, value in (("LANG", "fr_FR.UTF-8"), ("PYTHONIOENCODING", "latin-1"), ("LC_ALL", "C"), ("TZ", "Asia/Tokyo")):
        assert not forkserver._SERVER.usable_for({**os.environ, var: value}), var
    # a variable read while the server imported the modules (typer reads TYPER_USE_RICH then)
    assert "TYPER_USE_RICH" in forkserver._SERVER.read_at_import
    assert not forkserver._SERVER.usable_for({**os.environ, "TYPER_USE_RICH": "0"})
    # and such a call gives what the genuine command gives
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert cli("rules", "--help", raw=True).stdout == cli("rules", "--help", raw=True, fresh=True).stdout


def test_a_child_that_runs_too_long_is_killed_and_said(kits: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    cli("--version")
    kit = kits["report"]
    with pytest.raises(subprocess.TimeoutExpired, match="timed out after"):
        forkserver.run_trousse(["report", "audit", str(kit), "--audit", "AUD-2026-01", "-o", "-"], timeout=0.01)
    # the server goes on
    assert cli("--version").returncode == 0


def test_a_server_that_dies_fails_the_call_and_is_started_again(
    kits: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    cli("--version")
    server = forkserver._SERVER.proc
    assert server is not None
    # killed while a command runs: the call says so
    timer = threading.Timer(0.05, os.kill, (server.pid, signal.SIGKILL))
    timer.start()
    try:
        with pytest.raises(forkserver.ForkServerError, match="fork server died"):
            forkserver.run_trousse(["report", "audit", str(kits["report"]), "--audit", "AUD-2026-01", "-o", "-"])
    finally:
        timer.cancel()
    # killed between two calls: the next call starts another one
    cli("--version")
    server = forkserver._SERVER.proc
    assert server is not None
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    time.sleep(0.1)
    assert cli("--version").returncode == 0
    assert forkserver._SERVER.proc is not None and forkserver._SERVER.proc.pid != server.pid
