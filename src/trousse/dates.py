"""Calendar arithmetic: periods added to dates the way people count them."""

from __future__ import annotations

import calendar
import datetime as dt

from trousse.models.common import Period


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the day is clamped to the month's end
    (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_period(day: dt.date, period: Period, times: int = 1) -> dt.date:
    """``day`` plus ``period`` (``times`` times; negative to go back)."""
    n = period.count * times
    if period.unit == "days":
        return day + dt.timedelta(days=n)
    if period.unit == "weeks":
        return day + dt.timedelta(weeks=n)
    if period.unit == "months":
        return add_months(day, n)
    if period.unit == "quarters":
        return add_months(day, 3 * n)
    return add_months(day, 12 * n)


def quarter_start(day: dt.date) -> dt.date:
    """First day of the calendar quarter holding ``day``."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(day: dt.date) -> str:
    """``2026-Q3``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date; ValueError otherwise."""
    return dt.date.fromisoformat(text.strip())
