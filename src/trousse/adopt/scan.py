"""Read what an adopter's Markdown documents already say about themselves.

Pure text work (no file access): front matter, "**Owner:** X" lines, two-column tables
(``| Owner | X |``), in a header or a footer; each value normalised (dates as ISO days, review
cycles as periods); the same field given twice with different values is a *conflict*.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# label (lowercase, accents removed) -> field
LABELS = {
    "owner": "owner",
    "document owner": "owner",
    "proprietaire": "owner",
    "responsable": "owner",
    "responsable du document": "owner",
    "version": "version",
    "revision": "version",
    "approver": "approved_by",
    "approved by": "approved_by",
    "approuve par": "approved_by",
    "approbateur": "approved_by",
    "approval date": "approved_on",
    "approved on": "approved_on",
    "date approved": "approved_on",
    "date of approval": "approved_on",
    "date d'approbation": "approved_on",
    "approuve le": "approved_on",
    "effective date": "effective_on",
    "date d'effet": "effective_on",
    "en vigueur le": "effective_on",
    "date d'entree en vigueur": "effective_on",
    "review cycle": "review_every",
    "review frequency": "review_every",
    "review period": "review_every",
    "frequence de revue": "review_every",
    "periodicite de revue": "review_every",
    "cycle de revue": "review_every",
    "next review": "next_review",
    "next review date": "next_review",
    "prochaine revue": "next_review",
    "last reviewed": "reviewed_on",
    "last review": "reviewed_on",
    "derniere revue": "reviewed_on",
    "classification": "classification",
    "confidentialite": "classification",
    "id": "id",
    "reference": "id",
    "document id": "id",
    "title": "title",
    "titre": "title",
}
FIELDS = ("id", "title", "owner", "version", "approved_by", "approved_on", "reviewed_on", "review_every")
EXTRA = ("effective_on", "next_review", "classification")

_BOLD = re.compile(r"^\s*(?:[-*+]\s+)?\*\*(?P<k>[^*\n]{1,40}?)\s*:?\s*\*\*\s*:?\s*(?P<v>[^\n]+?)\s*$")
_TABLE = re.compile(r"^\s*\|\s*\**(?P<k>[^|*\n]{1,40}?)\**\s*:?\s*\|\s*(?P<v>[^|\n]+?)\s*\|\s*$")
_PLAIN = re.compile(r"^\s*(?P<k>[A-Za-zÀ-ÿ' ]{2,40}?)\s*:\s+(?P<v>[^\n]+?)\s*$")
_HEADING = re.compile(r"^#\s+(?P<t>.+?)\s*#*\s*$", re.M)

MONTHS = {
    **{m: i + 1 for i, m in enumerate("january february march april may june july august september october november december".split())},
    **{m: i + 1 for i, m in enumerate("janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split())},
}  # fmt: skip
CYCLES = {
    "annual": "12 months",
    "annually": "12 months",
    "yearly": "12 months",
    "annuel": "12 months",
    "annuelle": "12 months",
    "quarterly": "3 months",
    "trimestriel": "3 months",
    "trimestrielle": "3 months",
    "monthly": "1 month",
    "mensuel": "1 month",
    "mensuelle": "1 month",
    "semi-annual": "6 months",
    "semestriel": "6 months",
    "semestrielle": "6 months",
    "biennial": "24 months",
}


def fold(text: str) -> str:
    """Lowercase without accents (labels and words are compared this way)."""
    norm = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in norm if not unicodedata.combining(c))


def norm_date(value: str) -> str | None:
    """An ISO day from ``2026-03-14``, ``14/03/2026`` (day first), ``14 March 2026``, ``March 14, 2026``."""
    v = fold(value).strip().strip("*_ ")
    if m := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", v):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})", v):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif (m := re.match(r"^(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})", v)) and m[2] in MONTHS:
        d, mo, y = int(m[1]), MONTHS[m[2]], int(m[3])
    elif (m := re.match(r"^([a-z]+)\s+(\d{1,2}),?\s+(\d{4})", v)) and m[1] in MONTHS:
        d, mo, y = int(m[2]), MONTHS[m[1]], int(m[3])
    else:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def norm_cycle(value: str) -> str | None:
    """A review cycle as a period: ``annually`` -> ``12 months``, ``every 2 years`` -> ``24 months``."""
    v = fold(value).strip().strip("*_ .")
    if v in CYCLES:
        return CYCLES[v]
    if m := re.search(r"(\d+)\s*(month|mois|year|an|annee|week|semaine|day|jour)", v):
        n, unit = int(m[1]), m[2]
        if unit in ("year", "an", "annee"):
            return f"{12 * n} months"
        if unit in ("week", "semaine"):
            return f"{n} {'week' if n == 1 else 'weeks'}"
        if unit in ("day", "jour"):
            return f"{n} {'day' if n == 1 else 'days'}"
        return f"{n} {'month' if n == 1 else 'months'}"
    return None


def _value(key: str, raw: str) -> str | None:
    raw = raw.strip().strip("*_`").strip()
    if not raw:
        return None
    if key in ("approved_on", "reviewed_on", "effective_on", "next_review"):
        return norm_date(raw)
    if key == "review_every":
        return norm_cycle(raw)
    return raw


@dataclass
class Found:
    """What one document says about itself: field -> values in the order met (with where)."""

    values: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # field -> [(value, where)]
    front: dict[str, Any] = field(default_factory=dict)  # its existing front matter, if any
    has_front: bool = False

    def add(self, key: str, value: str | None, where: str) -> None:
        if value is not None:
            self.values.setdefault(key, []).append((value, where))

    def first(self, key: str) -> str | None:
        got = self.values.get(key)
        return got[0][0] if got else None

    def conflicts(self) -> list[tuple[str, list[str]]]:
        """Fields given with different values: (field, the distinct values)."""
        out = []
        for key, got in sorted(self.values.items()):
            distinct = list(dict.fromkeys(v for v, _ in got))
            if len(distinct) > 1:
                out.append((key, distinct))
        return out


def read_lines(found: Found, body: str) -> None:
    """Labelled values of ``body``: bold labels, two-column tables, plain ``Label: value`` lines
    whose label is known; in the header (first third) or the footer."""
    lines = body.splitlines()
    cut = max(1, len(lines) // 3)
    for i, line in enumerate(lines):
        where = "header" if i < cut else "footer"
        for rx in (_BOLD, _TABLE, _PLAIN):
            m = rx.match(line)
            if m is None:
                continue
            key = LABELS.get(fold(m["k"]).strip())
            if key is not None:
                found.add(key, _value(key, m["v"]), where)
                break
    if (m := _HEADING.search(body)) is not None:
        found.add("title", m["t"].strip(), "heading")


def words(text: str) -> set[str]:
    """The words of a path or title, folded."""
    return {w for w in re.split(r"[^a-z0-9]+", fold(text)) if w}


_STOP = {"de", "des", "du", "la", "le", "les", "d", "l", "et", "of", "the", "and", "a", "for", "pour", "avec"}
_SYNONYMS = {"sms": {"service", "management"}, "sla": {"service", "level", "agreement"}}


def _needed(text: str) -> set[str]:
    out: set[str] = set()
    for w in words(text) - _STOP:
        out |= _SYNONYMS.get(w, {w})
    return out


def match_types(path: str, title: str, types: list[tuple[str, list[str]]]) -> list[str]:
    """The document artefact types whose id or one of whose names has all its words in the
    document's path and title (``types``: id and names); best first (most words matched)."""
    have = words(path) | words(title)
    for w in list(have):
        have |= _SYNONYMS.get(w, set())
    scored = []
    for art_id, names in types:
        best = 0
        for text in (art_id.replace("-", " "), *names):
            need = _needed(text)
            if need and need <= have:
                best = max(best, len(need))
        if best:
            scored.append((-best, art_id))
    return [a for _, a in sorted(scored)]
