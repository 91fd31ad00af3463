"""A ``check`` (or ``evidence``) whose result is in the result cache is answered before typer builds the command line
(trousse.cli.warm): the same bytes and exit code as the run that saved it, without importing typer
or pydantic; anything else goes through the full command line (issue 16: warm check at most 0.1x)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_kit_files, commit_all, write_files


def _trousse(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "kit", clean_kit_files())
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


@pytest.mark.parametrize(
    "options",
    [("--format", "json"), ("-f", "sarif", "--strict"), ("--format=text", "--lang", "en"), ("--as-of", "2026-04-01")],
)
def test_a_saved_result_is_answered_without_building_the_command_line(kit: Path, options: tuple[str, ...]) -> None:
    first = _trousse("-m", "trousse", "check", str(kit), *options)
    assert first.returncode in (0, 1), first.stderr
    again = _trousse("-X", "importtime", "-m", "trousse", "check", str(kit), *options)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    imported = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if "|" in line}
    assert "typer" not in imported and "pydantic" not in imported, sorted(imported)[:20]


@pytest.mark.parametrize(
    "options", [("--format", "json"), ("--records", "--lang", "en"), ("-f", "json", "--as-of", "2026-04-01")]
)
def test_a_saved_evidence_is_answered_the_same_way(kit: Path, options: tuple[str, ...]) -> None:
    first = _trousse("-m", "trousse", "evidence", str(kit), *options)
    assert first.returncode in (0, 1), first.stderr
    again = _trousse("-X", "importtime", "-m", "trousse", "evidence", str(kit), *options)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    imported = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if "|" in line}
    assert "typer" not in imported and "pydantic" not in imported


def test_a_changed_kit_or_an_unknown_option_goes_through_the_full_command_line(kit: Path) -> None:
    first = _trousse("-m", "trousse", "check", str(kit), "--format", "json")
    assert first.returncode in (0, 1), first.stderr
    bad = _trousse("-m", "trousse", "check", str(kit), "--format", "nope")
    assert bad.returncode == 2 and "nope" in bad.stderr
    helped = _trousse("-m", "trousse", "check", "--help")
    assert helped.returncode == 0 and "--format" in helped.stdout
    (kit / "records").mkdir(exist_ok=True)
    (kit / "records" / "note.yml").write_text("id: [unclosed\n", encoding="utf-8")
    changed = _trousse("-X", "importtime", "-m", "trousse", "check", str(kit), "--format", "json")
    assert changed.returncode == 1 and "YML001" in changed.stdout
    # computed again (a plain check runs without typer's command line: tests/test_direct_check.py)
    assert any(line.rstrip().endswith("| trousse.check.engine") for line in changed.stderr.splitlines())
