"""`trousse_version` in trousse.yml is a version CI can install (`pip install trousse==X`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import cli, plain

from trousse import __version__

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _kit(tmp_path: Path, version: str) -> Path:
    kit = tmp_path / "kit"
    shutil.copytree(EXAMPLES / "fr", kit)
    config = kit / "trousse.yml"
    text = re.sub(r"(?m)^trousse_version: .*$", f"trousse_version: {version}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    return kit


@pytest.mark.parametrize("version", ["latest", "v1", "*"])
def test_a_value_pip_cannot_install_is_refused_plainly(tmp_path: Path, version: str) -> None:
    proc = cli("check", str(_kit(tmp_path, f'"{version}"')), "--fast", "--lang", "fr")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = plain(proc.stderr)
    assert "trousse_version" in line and "numéro de version de trousse" in line, line
    assert "minuscules reliés par des tirets" not in line


@pytest.mark.parametrize("version", [__version__, "1.2.0rc1", "2!1.0"])
def test_a_version_number_is_accepted(tmp_path: Path, version: str) -> None:
    proc = cli("check", str(_kit(tmp_path, f'"{version}"')), "--fast", "--lang", "fr")
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "trousse_version" not in proc.stderr
