"""Pieces every report context uses: the header, names of things, links, bar charts."""

from __future__ import annotations

import datetime as dt
import posixpath

from trousse import __version__
from trousse.i18n import pick
from trousse.kit import Kit
from trousse.reports.labels import label
from trousse.reports.model import Bar, BarChart, KindCount, Link, Meta, NamedRef, StandardRef


def make_meta(kit: Kit, kind: str, lang: str, as_of: dt.date, kit_href: str | None) -> Meta:
    """The header of a report of ``kind``."""
    return Meta(
        kind=kind,
        title=label(kind, lang),
        lang=lang,
        organisation=kit.config.organisation.name,
        scope=kit.config.scope,
        as_of=as_of,
        version=__version__,
        standards=[StandardRef(p.id, pick(p.title, lang), p.edition) for p in kit.standards()],
        kit_href=kit_href,
    )


def process_name(kit: Kit, process_id: str | None, lang: str) -> str:
    """A process's name, its id when the kit does not describe it, or "no process"."""
    if process_id is None:
        return label("no_process", lang)
    proc = kit.process(process_id)
    if proc is not None:
        return proc.name
    for pack in kit.standards():
        for pdef in pack.processes:
            if pdef.id == process_id:
                return pick(pdef.name, lang)
    return process_id


def process_ref(kit: Kit, process_id: str, lang: str) -> NamedRef:
    """A process id with its name."""
    return NamedRef(process_id, process_name(kit, process_id, lang))


def clause_title(kit: Kit, ref: str | None, lang: str) -> str:
    """The title of ``pack-id:number`` (or of a bare number in the kit's first standard)."""
    if not ref:
        return ""
    pack_id, _, number = ref.rpartition(":")
    packs = [kit.packs[pack_id]] if pack_id in kit.packs else kit.standards()
    for pack in packs:
        clause = pack.clause(number)
        if clause is not None:
            return pick(clause.title, lang)
    return ""


def role_holders(kit: Kit, role_id: str) -> tuple[str, list[str]]:
    """A role's name and the names of the people holding it."""
    role = kit.role(role_id)
    if role is None:
        return role_id, []
    return role.name, [h.name for h in role.holders]


def link(kit: Kit, path: str, kit_href: str | None) -> Link:
    """A link to a kit file, relative to the report's folder (None when it cannot be linked)."""
    clean = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    inside = not clean.startswith("../") and clean != ".."
    exists = inside and kit.exists(clean, file_only=True)
    href = posixpath.join(kit_href, clean) if (kit_href is not None and inside) else None
    return Link(path=path, href=href, exists=exists)


TONES = {
    "major-nc": "bad",
    "minor-nc": "warn",
    "observation": "info",
    "strength": "ok",
    "opportunity": "neutral",
    "open": "warn",
    "done": "info",
    "verified": "ok",
    "cancelled": "neutral",
    "overdue": "bad",
}


def bar_chart(chart_id: str, title: str, counts: list[KindCount]) -> BarChart:
    """A horizontal bar chart of ``counts`` with the geometry computed here, so that templates
    only draw rectangles and text (and stay simple to override)."""
    label_w, bar_max, row_h, gap, top = 230, 300, 22, 8, 6
    peak = max((c.count for c in counts), default=0)
    bars = []
    for i, c in enumerate(counts):
        width = 0.0 if peak == 0 else round(bar_max * c.count / peak, 1)
        y = top + i * (row_h + gap)
        bars.append(Bar(c.label, c.count, label_w, y, width, row_h, TONES.get(c.kind, "neutral")))
    height = top * 2 + len(counts) * (row_h + gap)
    return BarChart(chart_id, title, label_w + bar_max + 50, height, bars if peak else [])
