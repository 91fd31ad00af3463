"""Issue 17, eighth round: the demo's history is sound on every day, not only at its end.

`check --as-of` on the 15th and the last day of each month finds no error but the kinds of record
the firm has not yet had the occasion to keep (CMP004); process descriptions say how the firm works,
never what happened later; the service reports count the incident records of their month; the
held management reviews fill the form's per-input fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import check_json, demo_kit

from trousse.demo import ANCHOR


def _first_record_of_each_kind(root: Path) -> dict[str, dt.date]:
    """artefact type -> the day of the kit's first record of that type."""
    first: dict[str, dt.date] = {}
    for path in sorted((root / "records").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        art = re.search(r"^artefact:\s*(\S+)", text, re.M)
        day = re.search(r"^date:\s*[\"']?(\d{4}-\d{2}-\d{2})", text, re.M)
        if art and day:
            when = dt.date.fromisoformat(day[1])
            first[art[1]] = min(first.get(art[1], when), when)
    return first


def _days() -> list[dt.date]:
    """The 15th and the last day of each month from June to the kit's last month."""
    days = []
    for month in range(6, ANCHOR.month + 1):
        days.append(dt.date(2026, month, 15))
        days.append(dt.date(2026, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(2026, 12, 31))
    return [d for d in days if d <= ANCHOR]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_as_of_mid_and_end_of_each_month_finds_no_error(tmp_path: Path, lang: str) -> None:
    """`check --as-of` on the 15th and the last day of each month from June: no finding at error
    severity, but CMP004 for a kind of record whose first one in the kit comes after that day (a
    firm two weeks old has held no audit yet)."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    first = _first_record_of_each_kind(root)
    bad = []
    for day in _days():
        _, data = check_json(root, "--as-of", day.isoformat())
        for f in data["findings"]:
            if f["severity"] != "error":
                continue
            if f["rule"] == "CMP004":
                kind = re.search(r"\(([a-z-]+)\)", f["message"])
                if kind and kind[1] in first and first[kind[1]] > day:
                    continue
            bad.append((day.isoformat(), f["rule"], f["path"], f["message"][:120]))
    assert not bad, "\n".join(map(str, bad))
