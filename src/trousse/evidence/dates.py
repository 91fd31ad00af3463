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
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # a kit date near year 1 or 9999: the calendar's edge
        return dt.date.max if months > 0 else dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_period(day: dt.date, period: Period, times: int = 1) -> dt.date:
    """``day`` plus ``period`` (``times`` times; negative to go back)."""
    n = period.count * times
    if period.unit in ("days", "weeks"):
        try:
            return day + dt.timedelta(**{period.unit: n})
        except OverflowError:  # past the calendar's edge (year 1 or 9999)
            return dt.date.max if n > 0 else dt.date.min
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


# ---------------------------------------------------------------- calendar periods
# A period of a cadence is numbered: months as year*12 + month-1, quarters as year*4 + q-1,
# years as the year. Numbers make "consecutive" and "every period between" plain arithmetic.

CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


def period_index(day: dt.date, cadence: str) -> int:
    """The number of the ``cadence`` period (monthly, quarterly, yearly) that holds ``day``."""
    months = CADENCE_MONTHS[cadence]
    return (day.year * 12 + day.month - 1) // months


def period_start(index: int, cadence: str) -> dt.date:
    """First day of period number ``index``."""
    year, month0 = divmod(index * CADENCE_MONTHS[cadence], 12)
    return dt.date(year, month0 + 1, 1)


def period_end(index: int, cadence: str) -> dt.date:
    """Last day of period number ``index``."""
    return period_start(index + 1, cadence) - dt.timedelta(days=1)


def period_label(index: int, cadence: str) -> str:
    """``2026-07``, ``2026-Q3`` or ``2026``."""
    start = period_start(index, cadence)
    if cadence == "monthly":
        return f"{start.year}-{start.month:02d}"
    if cadence == "quarterly":
        return quarter_label(start)
    return str(start.year)


def last_complete_period(as_of: dt.date, cadence: str) -> int:
    """The number of the last period that has fully ended on ``as_of`` (its last day is past;
    on the last day itself the period is still open)."""
    return period_index(as_of, cadence) - 1


def local_day(iso: str) -> dt.date:
    """The calendar day of a git ISO 8601 date in its own time zone (23:30 -05:00 stays that day)."""
    return dt.date.fromisoformat(iso[:10])


def iso_or_none(day: dt.date | None) -> str | None:
    """``day`` as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


def days_between(start: dt.date, end: dt.date) -> int:
    """Whole days from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
    return max(0, (end - start).days)
