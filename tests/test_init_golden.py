"""Every kit `init` renders, pinned byte for byte: each shipped pack and all of them at once, in
both languages, with and without a head count, and an organisation name full of quotes.

The fixture holds one SHA-256 per rendered file. It was first captured from the code before the
kit files moved from Python strings into ``kit-templates/`` (commit ef38d00), so this test proves
the move changed no byte. When a shipped template changes on purpose, regenerate it with
``TROUSSE_UPDATE_GOLDEN=1 python -m pytest tests/test_init_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from trousse import __version__
from trousse.packs import shipped_pack_ids
from trousse.scaffold import InitOptions, plan_kit

FIXTURE = Path(__file__).parent / "fixtures" / "init-kits.json"
TODAY = dt.date(2026, 3, 2)
ODD_ORG = 'L\'Atelier "Zéro" \\ Fils & Cie'


def cases() -> dict[str, InitOptions]:
    """Name -> the options of one rendered kit."""
    out: dict[str, InitOptions] = {}
    for lang in ("fr", "en"):
        for pack in shipped_pack_ids():
            out[f"{pack}/{lang}"] = InitOptions(Path("k"), [pack], lang, "Services Acme", 12, today=TODAY)
        out[f"all/{lang}"] = InitOptions(Path("k"), list(shipped_pack_ids()), lang, "Acme", None, today=TODAY)
        out[f"odd-org/{lang}"] = InitOptions(Path("k"), [shipped_pack_ids()[-1]], lang, ODD_ORG, 3, today=TODAY)
    return out


def digest(files: dict[str, str]) -> dict[str, str]:
    """One hash per file; trousse's version (in the CI files) is masked so a release changes none."""
    return {
        name: hashlib.sha256(text.replace(__version__, "VERSION").encode("utf-8")).hexdigest()
        for name, text in files.items()
    }


def rendered() -> dict[str, dict[str, str]]:
    return {name: digest(plan_kit(opts)) for name, opts in cases().items()}


def test_the_fixture_holds_every_case() -> None:
    if os.environ.get("TROUSSE_UPDATE_GOLDEN") == "1":
        FIXTURE.write_text(json.dumps(rendered(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip("fixture rewritten")
    want = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert sorted(cases()) == sorted(want)


# One test per rendered kit (each renders one kit: they run in parallel).
@pytest.mark.parametrize("case", sorted(cases()))
def test_rendered_kits_are_byte_identical_to_the_fixture(case: str) -> None:
    if os.environ.get("TROUSSE_UPDATE_GOLDEN") == "1":
        pytest.skip("the fixture is being rewritten (test_the_fixture_holds_every_case)")
    want = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert case in want
    got = digest(plan_kit(cases()[case]))
    missing = sorted(set(want[case]) - set(got))
    extra = sorted(set(got) - set(want[case]))
    changed = sorted(n for n in set(want[case]) & set(got) if want[case][n] != got[n])
    assert (missing, extra, changed) == ([], [], []), case
