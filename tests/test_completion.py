"""Shell completion: the scripts for bash, zsh and fish, and the kit's values offered on Tab."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli

ROOT = Path(__file__).resolve().parents[1]


def _complete(cwd: Path, shell: str, words: str) -> list[str]:
    """What trousse answers the shell's completion request for the command line ``words``."""
    env = {**os.environ, "_TROUSSE_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        parts = words.split(" ")
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    argv = [sys.executable, "-m", "trousse"]  # the real entry point, as the shell calls it
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split("\n")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("c") / "fr"
    shutil.copytree(ROOT / "examples" / "fr", target)
    return target


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_scripts(shell: str) -> None:
    proc = cli("completion", shell)
    assert proc.returncode == 0
    assert f"_TROUSSE_COMPLETE=complete_{shell}" in proc.stdout


def test_unknown_shell_is_one_line() -> None:
    proc = cli("completion", "tcsh", "--lang", "en")
    assert proc.returncode == 2 and "bash, zsh or fish" in proc.stderr


def test_audit_ids_from_the_kit(kit: Path) -> None:
    audits = sorted(p.stem for p in (kit / "audits").glob("*.yml"))
    got = _complete(kit, "bash", "trousse report audit --audit ")
    assert [g for g in got if g] == audits and audits


def test_report_kinds_and_rule_ids(kit: Path) -> None:
    assert [g for g in _complete(kit, "bash", "trousse report a") if g] == ["audit", "action-plan"]
    rules = [g for g in _complete(kit, "bash", "trousse rules REF00") if g]
    assert "REF001" in rules and all(r.startswith("REF00") for r in rules)


def test_standard_ids_in_fish_and_zsh(kit: Path) -> None:
    fish = [g for g in _complete(kit, "fish", "trousse standards iso") if g]
    assert "iso9001-2015" in [f.split("\t")[0] for f in fish]
    zsh = "\n".join(_complete(kit, "zsh", "trousse init x --standard nf"))
    assert "nf-en-15838" in zsh


def test_process_ids(kit: Path) -> None:
    import click  # noqa: PLC0415

    from trousse.cli import completion  # noqa: PLC0415

    ctx = click.Context(click.Command("x"))
    ctx.params["kit"] = str(kit)
    got = [v for v, _h in completion.process_ids(ctx, "")]
    assert got == sorted(p.stem for p in (kit / "processes").glob("*.md")) and got
    ctx.params["kit"] = "/nonexistent-folder"
    assert completion.process_ids(ctx, "") == []
