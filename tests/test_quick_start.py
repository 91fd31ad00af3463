"""The README's quick start is what CI runs: its test command is `.ci/run`'s last line, exactly."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_has_two_commands_the_demo_and_the_tests() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert "trousse demo" in commands[0] and "trousse check" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == _quick_start()[1]


def test_ci_checks_the_habits_on_every_python_folder() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for tool in ("ruff check", "ruff format --check"):
        line = next(line for line in ci.splitlines() if tool in line)
        for folder in ("src", "tests", "bench", "tools"):
            assert f" {folder}" in line, (tool, folder)
