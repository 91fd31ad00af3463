"""Start-up: `--version` and `--help` import only what they need (no pydantic, jinja2, YAML reader,
rich or git), and the copies of core constants the CLI keeps to stay light agree with the core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_kit_files, commit_all, git, write_files

# Run the real entry point in a fresh interpreter, then list what it imported.
RUNNER = """
import io, json, sys
from contextlib import redirect_stdout
from trousse.cli.app import run
with redirect_stdout(io.StringIO()) as out:
    code = run(ARGS)
sys.stderr.write(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""

HEAVY = ("pydantic", "jinja2", "ruamel", "git", "rich", "yaml", "trousse.models", "trousse.loader", "trousse.gitio")


def imported(*args: str, env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER.replace("ARGS", repr(list(args)))],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(proc.stderr)


def heavy(modules: list[str], forbidden: tuple[str, ...] = HEAVY) -> list[str]:
    return [m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden)]


@pytest.mark.parametrize(
    ("args", "lang"), [(["--version"], "C"), (["--help"], "C"), (["--help"], "fr_FR.UTF-8"), (["-h"], "C")]
)
def test_version_and_help_import_nothing_heavy(args: list[str], lang: str) -> None:
    result = imported(*args, env={"LANG": lang})
    assert result["code"] == 0
    assert "trousse" in result["out"]
    assert heavy(result["modules"]) == []


def test_version_does_not_import_typer() -> None:
    result = imported("--version")
    assert result["out"].startswith("trousse ")
    assert heavy(result["modules"], ("typer", "click")) == []


def test_command_help_imports_no_core_module() -> None:
    # typer itself may use pydantic to convert option values; trousse's models, YAML reader,
    # templates, rich and git still wait until a command runs.
    result = imported("check", "--help")
    assert result["code"] == 0 and "--format" in result["out"]
    assert heavy(result["modules"], ("jinja2", "ruamel", "git", "rich", "trousse.models", "trousse.loader")) == []


def test_the_cli_copies_of_core_constants_agree() -> None:
    from trousse.check.formats import FORMATS
    from trousse.cli import check_cmd, init_cmd, report_cmd
    from trousse.packs import shipped_pack_ids
    from trousse.reports import KINDS

    assert check_cmd.FORMATS == FORMATS
    assert report_cmd.KINDS == KINDS
    assert init_cmd.shipped_pack_ids() == shipped_pack_ids()


def _committed_kit(tmp_path: Path) -> Path:
    kit = write_files(tmp_path / "kit", clean_kit_files())
    git(kit, "init", "-q")
    commit_all(kit, "start", date="2026-03-02T10:00:00+01:00")
    return kit


def test_check_reads_git_without_gitpython(tmp_path: Path) -> None:
    # Reading runs git through gitio's own runner: a cold check never pays GitPython's import.
    kit = _committed_kit(tmp_path)
    result = imported("check", str(kit), "--format", "json", env={"TROUSSE_NO_CACHE": "1"})
    assert result["code"] in (0, 1) and "trousse.gitio" in result["modules"]
    assert heavy(result["modules"], ("git",)) == []


def test_a_commit_goes_through_gitpython(tmp_path: Path) -> None:
    # Writing (init's first commit, new --commit, upgrade) runs git through GitPython's runner.
    kit = _committed_kit(tmp_path)
    (kit / "records").mkdir(exist_ok=True)
    (kit / "records" / "note.md").write_text("note\n", encoding="utf-8")
    (kit / "other.md").write_text("staged, not committed\n", encoding="utf-8")
    git(kit, "add", "other.md")
    code = (
        "import json, sys; from pathlib import Path; from trousse import gitio; "
        f"c = gitio.commit_only(Path({str(kit)!r}), 'note', ['records/note.md']); "
        "print(json.dumps([c, 'git' in sys.modules]))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    commit, used = json.loads(proc.stdout)
    assert used is True
    assert git(kit, "rev-parse", "HEAD").strip() == commit
    assert git(kit, "show", "--name-only", "--format=", "HEAD").split() == ["records/note.md"]
    assert git(kit, "diff", "--cached", "--name-only").split() == ["other.md"]  # left as it was
