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
from html.parser import HTMLParser
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
    "effective from": "effective_on",
    "effective": "effective_on",
    "in force from": "effective_on",
    "date d'effet": "effective_on",
    "en vigueur le": "effective_on",
    "date d'entree en vigueur": "effective_on",
    "review cycle": "review_every",
    "review frequency": "review_every",
    "review period": "review_every",
    "frequence de revue": "review_every",
    "periodicite de revue": "review_every",
    "cycle de revue": "review_every",
    "review every": "review_every",
    "reviewed every": "review_every",
    "revue tous les": "review_every",
    "revise tous les": "review_every",
    # "Review: every 6 months" is a cycle, "Review: 2024-05-01" a review: told by the value
    "review": "review",
    "revue": "review",
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
# Words that only say what the document is ("**Policy Owner:**", "Propriétaire du document").
_QUALIFIERS = ("policy ", "document ", "procedure ", "plan ", "standard ")
_OF_DOCUMENT = (" du document", " de la politique", " de la procedure", " of the document", " of the policy")


def label_fields(label: str) -> list[str]:
    """The fields a label names: ``Owner``, ``Policy Owner``, ``Propriétaire du document``; a label
    joining two (``Policy Owner & Approver``) names both."""
    text = fold(label).strip()
    if text in LABELS:
        return [LABELS[text]]
    out: list[str] = []
    for part in re.split(r"\s*(?:&|/|\band\b|\bet\b)\s*", text):
        part = part.strip()
        for q in _QUALIFIERS:
            if part.startswith(q) and part[len(q) :] in LABELS:
                part = part[len(q) :]
        for q in _OF_DOCUMENT:
            if part.endswith(q) and part[: -len(q)] in LABELS:
                part = part[: -len(q)]
        if part not in LABELS:
            return []
        out.append(LABELS[part])
    return out


FIELDS = ("id", "title", "owner", "version", "approved_by", "approved_on", "reviewed_on", "review_every")
EXTRA = ("effective_on", "next_review", "classification")

_KEY_CHARS = re.compile(r"[A-Za-zÀ-ÿ' ]{2,40}")


# The three label forms are read with string operations, never with a regular expression whose
# quantifiers overlap: a padded row of a wide Markdown table made such a pattern backtrack for
# seconds per line (minutes on a real handbook).
def _bold(line: str) -> tuple[str, str] | None:
    """``**Label:** value`` (or ``- **Label**: value``): (label, value)."""
    text = line.strip()
    if text[:2] in ("- ", "* ", "+ "):
        text = text[2:].lstrip()
    if not text.startswith("**"):
        return None
    end = text.find("**", 2)
    if end < 3 or end > 120:
        return None
    key = text[2:end].strip().rstrip(":").strip()
    value = text[end + 2 :].strip().lstrip(":").strip().rstrip("\\").strip()
    if not value and ":" in key:  # "**Owner: Head of Security**": the value inside the bold
        key, value = (p.strip() for p in key.split(":", 1))
    if not key or len(key) > 40 or "*" in key or not value:
        return None
    return key, value


def _table(line: str) -> tuple[str, str] | None:
    """A two-column table row ``| Label | value |``: (label, value)."""
    text = line.strip()
    if len(text) < 5 or text[0] != "|" or text[-1] != "|":
        return None
    cells = text[1:-1].split("|")
    if len(cells) != 2:
        return None
    key = cells[0].strip().lstrip("*").rstrip().rstrip(":").rstrip().rstrip("*").rstrip().rstrip(":").strip()
    value = cells[1].strip()
    if not key or len(key) > 40 or "*" in key or not value:
        return None
    return key, value


def _plain(line: str) -> tuple[str, str] | None:
    """``Label: value`` (a space after the colon): (label, value)."""
    text = line.strip()
    cut = text.find(":")
    if cut < 2 or cut > 40 or text[cut + 1 : cut + 2] not in (" ", "\t"):
        return None
    key = text[:cut].rstrip()
    value = text[cut + 1 :].strip()
    if not _KEY_CHARS.fullmatch(key) or not value:
        return None
    return key, value


# A sentence of prose that says who approved the document and when, in either order:
# "Approved on 12 March 2025 by Jane Doe." / "Approuvé le 12 mars 2025 par Jeanne Dupont." /
# "Approved by the Board on 2025-03-12". Read with string operations on the folded line (no
# quantifiers that overlap), only on lines short enough to be a footer's sentence.
_APPROVED = ("approved", "approuve", "approuvee", "valide", "validee")
_ON = ("on", "le")
_BY = ("by", "par")


def _prose(line: str) -> list[tuple[str, str]]:
    """``[("approved_on", day), ("approved_by", name)]`` from an approval sentence, else []."""
    text = line.strip().strip("*_>-# ").strip()
    if not 10 <= len(text) <= 160:
        return []
    words = text.split()
    folded = [fold(w).strip(",.;:()*_") for w in words]
    if not folded or folded[0] not in _APPROVED or len(words) < 4:
        return []
    parts: dict[str, str] = {}
    i = 1
    while i < len(words) - 1:
        marker = folded[i]
        if marker not in _ON and marker not in _BY:
            return []
        j = i + 1
        while j < len(words) and folded[j] not in _ON + _BY:
            j += 1
        chunk = " ".join(words[i + 1 : j]).strip().rstrip(".;,").strip().strip("*_").strip()
        key = "approved_on" if marker in _ON else "approved_by"
        if not chunk or key in parts:
            return []
        parts[key] = chunk
        i = j
    day = norm_date(parts.get("approved_on", ""))
    if "approved_on" in parts and day is None:
        return []
    out = [("approved_on", day)] if day else []
    return out + ([("approved_by", parts["approved_by"])] if "approved_by" in parts else [])


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
    "every year": "12 months",
    "each year": "12 months",
    "once a year": "12 months",
    "every two years": "24 months",
    "every six months": "6 months",
    "every quarter": "3 months",
    "every month": "1 month",
    "tous les ans": "12 months",
    "chaque annee": "12 months",
    "une fois par an": "12 months",
    "tous les deux ans": "24 months",
    "tous les six mois": "6 months",
    "tous les trimestres": "3 months",
    "tous les mois": "1 month",
}


def fold(text: str) -> str:
    """Lowercase without accents (labels and words are compared this way)."""
    norm = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in norm if not unicodedata.combining(c))


def _month(word: str) -> int:
    """The month a name or its abbreviation (three letters at least: Jan, Sept, févr) names; 0 when
    none or several."""
    if word in MONTHS:
        return MONTHS[word]
    found = {n for name, n in MONTHS.items() if len(word) >= 3 and name.startswith(word)}
    return found.pop() if len(found) == 1 else 0


def norm_date(value: str) -> str | None:
    """An ISO day from ``2026-03-14``, ``14/03/2026`` or ``14-03-26`` (day first; a two-digit year
    is of this century), ``14 March 2026``, ``March 14, 2026``."""
    v = fold(value).strip().strip("*_ ")
    if m := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", v):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.match(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)", v):  # day first: 26-07-2022, 26/07/22
        d, mo, y = int(m[1]), int(m[3]), int(m[4]) + (2000 if len(m[4]) == 2 else 0)
    elif (m := re.match(r"^(\d{1,2})(?:er|st|nd|rd|th)?[\s-]+([a-z]+)\.?[\s-]+(\d{4})", v)) and _month(m[2]):
        d, mo, y = int(m[1]), _month(m[2]), int(m[3])
    elif (m := re.match(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", v)) and _month(m[1]):
        d, mo, y = int(m[2]), _month(m[1]), int(m[3])
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
        prose = _prose(line)
        for key, value in prose:
            found.add(key, value, where)
        if prose:
            continue
        for reader in (_bold, _table, _plain):
            got = reader(line)
            if got is None or (reader is _table and fold(got[1]).strip(" *_:") in _HEADERS):
                continue  # a table's header row (| Version | Date |) is no value
            keys = label_fields(got[0])
            for key in keys:
                if key == "review":  # a cycle, else the day of a review
                    cycle = _value("review_every", got[1])
                    found.add(
                        *(("review_every", cycle) if cycle else ("reviewed_on", _value("reviewed_on", got[1]))), where
                    )
                    continue
                found.add(key, _value(key, got[1]), where)
            if keys:
                break
    if (m := _HEADING.search(body)) is not None:
        found.add("title", m["t"].strip().strip("*_").strip(), "heading")
    read_revisions(found, body)


# A revision history table: its columns, by header (folded).
_COLUMNS = {
    "version": ("version", "revision", "rev", "rev.", "v", "edition", "indice"),
    "date": ("date", "date of change", "revision date", "date de revision", "le"),
    "comment": ("comment", "comments", "description", "change", "changes", "summary", "notes", "commentaire",
                "commentaires", "modification", "modifications", "nature de la modification", "objet"),
    "author": ("author", "author/reviewer", "by", "name", "editor", "reviewer", "auteur", "par", "nom", "redacteur"),
    "approver": ("approver", "approved by", "approval", "approbateur", "approuve par", "valide par"),
}  # fmt: skip
_HEADERS = {w for words in _COLUMNS.values() for w in words} | {"value", "valeur", "field", "champ"}


def _tables(body: str) -> list[list[list[str]]]:
    """The tables of ``body`` as rows of cell texts: Markdown pipe tables and HTML tables."""
    out: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in [*body.splitlines(), ""]:
        text = line.strip()
        if text.startswith("|") and text.endswith("|") and len(text) > 1:
            cells = [c.strip() for c in text[1:-1].split("|")]
            if not all(set(c) <= set("-: ") for c in cells):  # the header's separator row
                rows.append(cells)
        elif rows:
            out.append(rows)
            rows = []
    if "<tr" in body.lower():
        reader = _HtmlTables()
        reader.feed(body)
        reader.close()
        out += [t for t in reader.tables if t]
    return out


class _HtmlTables(HTMLParser):
    """The HTML tables of a page as rows of cell texts, read as a browser does: a cell ends at the
    next ``<td>``/``<th>``, at the end of its row or table even when its ``</td>`` is missing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []  # tables being read (a table inside a cell too)
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row and self._stack:
            self._stack[-1].append(self._row)
        self._row = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._end_row()
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self._stack:
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self._stack:
            self._end_row()
            self.tables.append(self._stack.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def close(self) -> None:
        super().close()
        while self._stack:  # a table never closed: what was read of it still counts
            self._end_row()
            self.tables.append(self._stack.pop())


def _cell(row: list[str], col: dict[str, int | None], name: str) -> str | None:
    i = col[name]
    return (row[i].strip(" *_`") or None) if i is not None and i < len(row) else None


def in_order(dated: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """A revision table's dated rows without the typos: a row whose date lies outside the dates of
    its two neighbours, when they agree with the table's order (oldest or newest first), is a slip
    of the pen (``26-07-2002`` between 2022's rows) and says nothing."""
    days = [d for d, _ in dated]
    rising = sum(a < b for a, b in zip(days, days[1:], strict=False)) >= sum(
        a > b for a, b in zip(days, days[1:], strict=False)
    )
    keys = days if rising else days[::-1]
    slips = {
        i for i in range(1, len(keys) - 1) if keys[i - 1] <= keys[i + 1] and not keys[i - 1] <= keys[i] <= keys[i + 1]
    }
    if not rising:
        slips = {len(keys) - 1 - i for i in slips}
    return [d for i, d in enumerate(dated) if i not in slips]


def read_revisions(found: Found, body: str) -> None:
    """A revision history table (columns version, date, comment, author: Markdown or HTML, as
    handbooks keep them): the version of its latest row, and the latest approval and review it
    records (a row whose comment speaks of approving or reviewing) with who did it."""
    for rows in _tables(body):
        if len(rows) < 2:
            continue
        header = [fold(c).strip(" *_:") for c in rows[0]]
        col = {name: next((i for i, h in enumerate(header) if h in words), None) for name, words in _COLUMNS.items()}
        if col["date"] is None or (col["version"] is None and col["comment"] is None):
            continue
        dated = []
        for row in rows[1:]:
            day = norm_date(row[col["date"]]) if col["date"] < len(row) else None
            if day is not None:
                dated.append((day, row))
        dated = in_order(dated)
        if not dated:
            continue
        where = "revision history"

        latest = max(dated, key=lambda d: d[0])
        found.add("version", _cell(latest[1], col, "version"), where)
        approved = [(day, row) for day, row in dated if _cell(row, col, "approver")]
        if approved:  # an "Approved by" column: each row names who approved that version
            day, row = max(approved, key=lambda d: d[0])
            found.add("approved_on", day, where)
            found.add("approved_by", _cell(row, col, "approver"), where)
        comments = [fold(_cell(row, col, "comment") or "") for _, row in dated]
        if any(m in c for c in comments for m in ("annual", "yearly", "annuel")):
            found.add("review_every", "12 months", where)  # "Annual review" rows: a yearly cycle
        for key, marks in (
            ("approved_on", ("approv", "approuv", "valid", "sign")),
            ("reviewed_on", ("review", "revue")),
        ):
            if key == "approved_on" and approved:
                continue
            rows_with = [
                (day, row) for day, row in dated if any(m in fold(_cell(row, col, "comment") or "") for m in marks)
            ]
            if rows_with:
                day, row = max(rows_with, key=lambda d: d[0])
                found.add(key, day, where)
                if key == "approved_on":
                    found.add("approved_by", _cell(row, col, "author"), where)
