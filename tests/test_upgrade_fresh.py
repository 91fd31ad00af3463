"""A kit fresh from ``init`` or ``demo`` upgrades to "nothing to do" with the same trousse: no file
merged, none written, the working tree as clean as it was (issue 14: a fresh demo "upgraded" six of
its own files, because the demo moved the dates of ``.trousse/base`` with the kit's, so the base no
longer matched what upgrade renders from the answers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import cli, commit_all, git

from trousse.demo import ANCHOR, run_demo


def _upgrade_changes_nothing(kit: Path) -> None:
    before = git(kit, "status", "--porcelain")
    proc = cli("upgrade", str(kit), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "Already up to date" in proc.stdout, proc.stdout
    assert git(kit, "status", "--porcelain") == before


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fresh_demo_upgrades_to_nothing_whatever_its_day(tmp_path: Path, lang: str) -> None:
    # A day months away from the examples' anchor: every date of the kit moves, not the base.
    day = dt.date(ANCHOR.year + 1, 3, 9)
    kit = tmp_path / "demo"
    run_demo(kit, lang, today=day)
    assert git(kit, "status", "--porcelain") == ""
    _upgrade_changes_nothing(kit)


@pytest.mark.parametrize(("standard", "lang"), [("iso20000-1-2018", "fr"), ("iso9001-2015", "en")])
def test_fresh_init_kit_upgrades_to_nothing(tmp_path: Path, standard: str, lang: str) -> None:
    kit = tmp_path / "kit"
    made = cli("init", str(kit), "--standard", standard, "--lang", lang, "--org", "Acme")
    assert made.returncode == 0, made.stderr
    if not (kit / ".git").exists() or git(kit, "status", "--porcelain"):
        commit_all(kit, "init")
    _upgrade_changes_nothing(kit)
