"""Periods, dates and the YAML reader's positions."""

from __future__ import annotations

import datetime as dt

import pytest

from trousse.evidence.dates import add_months, add_period
from trousse.loader import YAML_RULES
from trousse.models.common import Period
from trousse.yamlio import YamlProblem, parse_markdown, parse_yaml


@pytest.mark.parametrize(
    "text,count,unit,consecutive",
    [
        ("3 months", 3, "months", False),
        ("3 mois", 3, "months", False),
        ("7 days", 7, "days", False),
        ("7 jours", 7, "days", False),
        ("2 consecutive quarters", 2, "quarters", True),
        ("2 trimestres consécutifs", 2, "quarters", True),
        ("1 year", 1, "years", False),
        ("2 weeks", 2, "weeks", False),
    ],
)
def test_period_parse_round_trip(text: str, count: int, unit: str, consecutive: bool) -> None:
    p = Period.parse(text)
    assert (p.count, p.unit, p.consecutive) == (count, unit, consecutive)
    assert Period.parse(str(p)) == p
    assert Period.parse(p.text("fr")) == p


@pytest.mark.parametrize("text", ["three months", "3", "3 fortnights", "2 consecutive months", "", "months 3"])
def test_period_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_calendar_months() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_period(dt.date(2026, 3, 14), Period.parse("2 consecutive quarters")) == dt.date(2026, 9, 14)


def test_positions_of_values_keys_and_front_matter() -> None:
    parsed = parse_yaml("id: X\nlist:\n  - a\n  - {b: 1}\n")
    assert parsed.where(("id",)) == (1, 5)
    assert parsed.where(("list", 1, "b")) == (4, 9)
    assert parsed.where_key(("list",)) == (2, 1)
    assert parsed.where(("missing", "deeper")) == (1, 1)
    md = parse_markdown("---\nid: INC\nowner: RGS\n---\n# Body\n")
    assert md.where(("owner",)) == (3, 8) and md.body == "# Body\n"


def test_flow_list_with_colons_is_read() -> None:
    assert parse_yaml("clauses: [iso20000-1-2018:8.6.1, iso9001-2015:8.7]\n").data["clauses"][1] == "iso9001-2015:8.7"


@pytest.mark.parametrize(
    "text,code,line",
    [
        ("a: 1\n b: 2\n", "YML001", 2),
        ("a: 1\na: 2\n", "YML002", 2),
        ("- 1\n", "YML003", 1),
        ("a: 1\n---\nb: 2\n", "YML003", 3),
    ],
)
def test_yaml_problems_are_located(text: str, code: str, line: int) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert (YAML_RULES[info.value.kind], info.value.line) == (code, line)
