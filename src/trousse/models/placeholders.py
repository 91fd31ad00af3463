"""What a form leaves to fill: a person "First Last", a title ending "to complete", a date
"YYYY-MM-DD". Recognised whatever the typography the text went through (French typography puts a
narrow no-break space before a colon and curly apostrophes), so that a form written by ``trousse
new`` and one typed by hand are judged alike. Pure functions: no I/O."""

from __future__ import annotations

import re
from typing import Any

PLACEHOLDER_PEOPLE = ("First Last", "Prénom Nom")
PLACEHOLDER_DATES = ("YYYY-MM-DD", "AAAA-MM-JJ")
# How a form's title ends until someone writes the real one ("Incident record: to complete").
_ENDING = re.compile(r"\s?:\s?(?:to complete|à compléter)$", re.IGNORECASE)
# What every placeholder holds, whatever its spaces: one scan turns away the other values.
_MARKS = re.compile(r"First|Prénom|YYYY|AAAA|compl[eé]t", re.IGNORECASE)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2019": "'", "\u2018": "'"})


def plain_text(text: str) -> str:
    """``text`` with no-break spaces as spaces and curly apostrophes as straight ones."""
    return text.translate(_SPACES)


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` (or one item of a list) is what a form leaves to fill: a person written
    "First Last" / "Prénom Nom", a title ending "to complete" / "à compléter", or a date written
    "YYYY-MM-DD" / "AAAA-MM-JJ"; any kind of space or apostrophe."""
    items = value if isinstance(value, list) else (value,)
    for v in items:
        if not isinstance(v, str) or not _MARKS.search(v):  # most values: rejected by one scan
            continue
        text = " ".join(plain_text(v).split())
        if text in PLACEHOLDER_PEOPLE or text in PLACEHOLDER_DATES or _ENDING.search(text):
            return True
    return False
