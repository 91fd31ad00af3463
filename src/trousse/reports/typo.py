"""Typography of the reports' text: long dates, and French spacing and apostrophes.

French outputs put a narrow no-break space (U+202F) before « : ; ? ! » and inside « guillemets »,
and generated French text uses the typographic apostrophe (’). The spacing applies to kit data
too (it is applied to every value a template prints); the apostrophe only to trousse's own words.
"""

from __future__ import annotations

import datetime as dt
import re

NNBSP = "\u202f"

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

# A space (plain or no-break) before a high punctuation sign that ends a word group: "a :" but
# not "https://" nor "10:30" (no space there), nor "::" in code.
_BEFORE_PUNCT = re.compile(r"[ \u00a0\u202f]+([:;?!])(?=\s|$|[»)\]<*_|])")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=[A-Za-zÀ-ÿ])'(?=[A-Za-zÀ-ÿ])")


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


def french_spacing(text: str) -> str:
    """``text`` with narrow no-break spaces before ``: ; ? !`` (where a space was written) and
    inside « guillemets »."""
    if not text:
        return text
    text = _BEFORE_PUNCT.sub(NNBSP + r"\1", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    return _CLOSE_QUOTE.sub(NNBSP + "»", text)


def french_apostrophes(text: str) -> str:
    """Straight apostrophes between letters turned typographic (l'audit → l’audit)."""
    return _APOSTROPHE.sub("’", text)
