"""Completion of the values commands do not declare themselves: --format, --lang, `new KIND`,
--from-finding (bash, zsh and fish ask the same way)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_completion import ROOT, _complete, _values

from trousse.check.formats import FORMATS as CHECK_FORMATS
from trousse.cli.completion import _FORMATS
from trousse.reports.render import FORMATS as REPORT_FORMATS


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("v") / "fr"
    shutil.copytree(ROOT / "examples" / "fr", target)
    return target


def test_the_format_lists_are_the_commands_own() -> None:
    assert _FORMATS["check"] == CHECK_FORMATS and _FORMATS["report"] == REPORT_FORMATS


def test_format_and_lang(kit: Path) -> None:
    assert _values(kit, "trousse check --format ") == list(CHECK_FORMATS)
    assert _values(kit, "trousse check --format s") == ["sarif"]
    assert _values(kit, "trousse report audit --format d") == ["docx"]
    assert _values(kit, "trousse evidence --format ") == ["text", "json"]
    assert _values(kit, "trousse check --lang ") == ["fr", "en"]
    assert _values(kit, "trousse new audit --lang e") == ["en"]


def test_new_kinds_and_finding_ids_from_the_kit(kit: Path) -> None:
    kinds = _values(kit, "trousse new ")
    assert kinds[:2] == ["audit", "action"] and "nonconformity" in kinds
    findings = _values(kit, "trousse new nonconformity --from-finding ")
    assert findings and all(f.startswith("AUD-") for f in findings)
    assert _values(kit, f"trousse new nonconformity --from-finding {findings[0][:-1]}")[0] == findings[0]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_get_the_same_values(kit: Path, shell: str) -> None:
    lines = _complete(kit, shell, "trousse check --lang ")
    assert any("fr" in line for line in lines) and any("en" in line for line in lines), lines
