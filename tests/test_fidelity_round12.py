"""Issue 17, twelfth round: no bare year in the demo's prose.

The demo moves every date of the example kit so that its history ends on the day it is built: a
full date, a month with its year and an id's year move, a bare year ("en 2026", "début 2027") does
not. Built on 2027-05-31, the kit said "une coupure en 2026 (INC-2026-0013)" of an incident dated
2027, "prévue début 2027" next to its own schedule "juillet 2027 à août 2027". The example's prose
now names the record or says it without a year.

Allowed: a year before the kit's first record (facts from before the SMS began: a certificate
earned, a contract signed, an act of law, which stay true whatever the build day, since the demo
only moves the history later), and the edition of a standard after a colon (ISO/IEC 20000-1:2018)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import demo_kit

from trousse.yamlio import load_plain

DAY = dt.date(2027, 5, 31)
MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# A year not part of an id or a date (no "-" or word character around it) nor an edition (":2018").
YEAR = re.compile(r"(?<![-\w/.:])(20\d\d)(?![-\w/])")
AFTER_MONTH = re.compile(rf"\b(?:{MONTHS})\s+$", re.IGNORECASE)
FOLDERS = ("documents", "processes", "records")


@pytest.fixture(scope="module", params=["fr", "en"])
def kit(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_kit(tmp_path_factory.mktemp(request.param), request.param, DAY)


def _first_year(root: Path) -> int:
    years = []
    for path in (root / "records").rglob("*.yml"):
        data = load_plain(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("date"):
            years.append(int(str(data["date"])[:4]))
    return min(years)


def bare_years(text: str, before: int) -> list[str]:
    """Each bare year of ``text`` from ``before`` on, with some context."""
    out = []
    for m in YEAR.finditer(text):
        if AFTER_MONTH.search(text[max(0, m.start() - 20) : m.start()]) or int(m[1]) < before:
            continue
        out.append(text[max(0, m.start() - 50) : m.end() + 10].replace("\n", " "))
    return out


def test_the_scanner_sees_a_bare_year_and_lets_dates_ids_and_months_pass() -> None:
    assert bare_years("une coupure en 2026 (INC-2026-0013).", 2026) == ["une coupure en 2026 (INC-2026"]
    assert bare_years("Four objectives for 2027, each", 2026)
    silent = "une coupure (INC-2026-0013) du 2027-01-01, en janvier\n2027, ISO/IEC 20000-1:2018, signé en 2024"
    assert bare_years(silent, 2026) == []


def test_no_bare_year_in_documents_processes_or_records(kit: Path) -> None:
    first = _first_year(kit)
    assert first >= 2026  # built on 2027-05-31, the history has moved later, never earlier
    found = []
    for folder in FOLDERS:
        for path in sorted((kit / folder).rglob("*")):
            if path.suffix in (".md", ".yml") and path.is_file():
                for hit in bare_years(path.read_text(encoding="utf-8"), first):
                    found.append(f"{path.relative_to(kit).as_posix()}: {hit}")
    assert found == []


def test_the_plan_points_to_its_schedule_and_the_supplier_register_names_the_outage(kit: Path) -> None:
    docs = kit / "documents"
    plan = (docs / "service-management-plan.md").read_text(encoding="utf-8")
    register = (docs / "supplier-register.md").read_text(encoding="utf-8")
    assert "calendrier ci-dessous" in plan or "schedule below" in plan
    assert "coupure (INC-2026-0013)" in register or "outage (INC-2026-0013)" in register


# Seasons and ordinal quarters name a time of year that the demo's move leaves behind (review 17h):
# "audit à blanc en automne" of a mock audit built into April. Recurring words ("chaque trimestre",
# "quarterly") are not dates and pass.
SEASONS = re.compile(
    r"\b(?:en été|l'été|d'été|en automne|à l'automne|d'automne|au printemps|de printemps|en hiver|d'hiver|"
    r"(?:premier|deuxième|second|troisième|quatrième) trimestre|"
    r"in (?:the )?(?:summer|autumn|spring|winter)|by (?:summer|autumn|spring|winter)|"
    r"(?:summer|autumn|spring|winter) (?:rota|training|audit)|"
    r"(?:first|second|third|fourth)[ -]quarter)\b",
    re.IGNORECASE,
)


def test_no_season_or_ordinal_quarter_in_documents_processes_or_records(kit: Path) -> None:
    found = []
    for folder in FOLDERS:
        for path in sorted((kit / folder).rglob("*")):
            if path.suffix in (".md", ".yml") and path.is_file():
                text = " ".join(path.read_text(encoding="utf-8").replace("\u2019", "'").split())
                found += [f"{path.relative_to(kit).as_posix()}: {m.group(0)}" for m in SEASONS.finditer(text)]
    assert found == []
