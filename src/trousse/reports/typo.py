"""Typography of the reports' text: long dates, and French spacing and apostrophes.

French outputs put a narrow no-break space (U+202F) before « : ; ? ! » and inside « guillemets »,
and generated French text uses the typographic apostrophe (’). The spacing applies to kit data
too (it is applied to every value a template prints); the apostrophe only to trousse's own words.
"""

from __future__ import annotations

import datetime as dt

# One set of rules for trousse's French, in messages and in reports (kept in i18n, the lowest layer).
from trousse.i18n import NNBSP, french_apostrophes, french_spacing

__all__ = ["NNBSP", "french_apostrophes", "french_spacing", "longdate", "month_name"]

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def longdate(value: dt.date | None, lang: str) -> str:
    """``23 novembre 2026`` (``1er`` on the first) or ``23 November 2026``."""
    if value is None:
        return ""
    months = _MONTHS["fr" if lang == "fr" else "en"]
    day = "1er" if (lang == "fr" and value.day == 1) else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


def month_name(month: int, lang: str) -> str:
    """The name of a month (1-12)."""
    return _MONTHS["fr" if lang == "fr" else "en"][month - 1]
