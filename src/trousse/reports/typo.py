"""Typography of the reports' text: long dates, and French spacing and apostrophes.

French outputs put a narrow no-break space (U+202F) before « : ; ? ! » and inside « guillemets »,
and use the typographic apostrophe (’) between letters. Both apply to every text a French report
prints, trousse's words and the kit's alike, in every format (md, html, pdf, docx, xlsx): a reader
sees one typography, not « Plan d’actions » beside « Tenir l'objectif ». Only a file's path or a
link is printed exactly as written (:class:`AsWritten`), so that it still names the file.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

# One set of rules for trousse's French, in messages and in reports (kept in i18n, the lowest layer).
from trousse import i18n
from trousse.i18n import NNBSP, french_apostrophes, french_spacing, french_typography

__all__ = [
    "NNBSP",
    "AsWritten",
    "french_apostrophes",
    "french_spacing",
    "longdate",
    "month_name",
    "prose_dates",
    "typeset",
]


class AsWritten(str):
    """A text printed exactly as written, without French typography: a kit file's path, a link."""

    __slots__ = ()


# One word holding a slash: a path or an address ("records/l'audit.md", "https://...").
_PATH_LIKE = re.compile(r"\S*/\S*")
# In HTML already escaped (a paragraph, a macro's output): an apostrophe between letters, as
# written or as an entity, in the text between tags; the text of <code> (a path) stays as it is.
_HTML_PARTS = re.compile(r"(<code\b.*?</code>|<[^>]*>)|([^<]+)", re.S | re.I)
_HTML_APOSTROPHE = re.compile(r"(?<=[A-Za-zÀ-ÿ])(?:'|&#39;|&#x27;)(?=[A-Za-zÀ-ÿ])")


def _markup_apostrophes(html: str) -> str:
    def part(m: re.Match[str]) -> str:
        return m.group(1) if m.group(1) is not None else _HTML_APOSTROPHE.sub("’", m.group(2))

    return _HTML_PARTS.sub(part, html)


def typeset(value: str) -> str:
    """``value`` with French typography (spacing and apostrophes), as a French report prints any
    text; a :class:`AsWritten` value, or one word holding a slash (a path, an address), is left as
    it is. Markup stays Markup (its tags untouched)."""
    if isinstance(value, AsWritten) or _PATH_LIKE.fullmatch(value):
        return value
    if isinstance(value, Markup):
        return Markup(_markup_apostrophes(french_spacing(str(value))))
    return french_typography(value)


def longdate(value: dt.date | None, lang: str) -> str:
    """``23 novembre 2026`` (``1er`` on the first) or ``23 November 2026`` (:func:`trousse.i18n.longdate`)."""
    return i18n.longdate(value, lang)


_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")


def prose_dates(text: str, lang: str) -> str:
    """A sentence written elsewhere (a readiness remark) with its ISO dates in words, as
    :func:`longdate` writes them; an identifier (``AUD-2026-02-F1``) is left alone."""

    def spelt(m: re.Match[str]) -> str:
        try:
            return longdate(dt.date(int(m[1]), int(m[2]), int(m[3])), lang)
        except ValueError:  # not a real day: as written
            return m[0]

    return _ISO_DATE.sub(spelt, text)


def month_name(month: int, lang: str) -> str:
    """The name of a month (1-12)."""
    return i18n.MONTHS["fr" if lang == "fr" else "en"][month - 1]
