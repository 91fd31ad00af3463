"""A plain ``check`` runs without building typer's command line (trousse.cli.app._direct): the same
bytes, messages and exit codes as through the command line (forced here with ``--``, which only the
command line reads), without importing typer or click (issue 8 part 4: cold check CPU)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_kit_files, commit_all, write_files


def _trousse(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROUSSE_NO_CACHE": "1"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd, check=False)


def _imported(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if "|" in line}


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    files = clean_kit_files()
    files["records/incidents/INC-2026-0001.yml"] = "artefact: incident-record\nid: INC-2026-0001\n"
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


@pytest.mark.parametrize(
    "options",
    [("--format", "json"), ("-f", "sarif", "--strict"), ("--format=text", "--lang", "fr"), ("--fast",), ()],
)
def test_a_plain_check_runs_without_the_command_line_and_says_the_same(kit: Path, options: tuple[str, ...]) -> None:
    direct = _trousse("-X", "importtime", "-m", "trousse", "check", str(kit), *options)
    full = _trousse("-m", "trousse", "check", *options, "--", str(kit))
    assert direct.returncode == 1, direct.stderr[-2000:]  # the record misses its required fields
    assert (direct.returncode, direct.stdout) == (full.returncode, full.stdout)
    imported = _imported(direct.stderr)
    assert "typer" not in imported and "click" not in imported


@pytest.mark.parametrize(
    "options",
    [
        ("--format", "xml"),
        ("--as-of", "2026-13-01"),
        ("--as-of", "1900-01-01"),
        ("--jobs", "0"),
        ("--lang", "de"),
    ],
)
def test_bad_values_get_the_command_lines_message_and_exit_2(kit: Path, options: tuple[str, ...]) -> None:
    direct = _trousse("-m", "trousse", "check", str(kit), *options)
    full = _trousse("-m", "trousse", "check", *options, "--", str(kit))
    assert direct.returncode == full.returncode == 2
    assert direct.stderr == full.stderr and direct.stderr.startswith("trousse: ")
    assert "Traceback" not in direct.stderr


def test_anything_else_goes_through_the_command_line(kit: Path, tmp_path: Path) -> None:
    helped = _trousse("-X", "importtime", "-m", "trousse", "check", "--help")
    assert helped.returncode == 0 and "typer" in _imported(helped.stderr)
    unknown = _trousse("-m", "trousse", "check", str(kit), "--nope")
    assert unknown.returncode == 2 and "--nope" in unknown.stderr
    missing = _trousse("-m", "trousse", "check", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "nowhere" in missing.stderr and "Traceback" not in missing.stderr
