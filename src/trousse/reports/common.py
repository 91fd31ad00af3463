"""Pieces every report context uses: the header, names of things, links, bar charts."""

from __future__ import annotations

import datetime as dt
import posixpath

from trousse import __version__
from trousse.i18n import pack_text
from trousse.inventory import changed_files
from trousse.kit import Kit
from trousse.reports.labels import label
from trousse.reports.model import Bar, BarChart, KindCount, Link, Meta, NamedRef, StandardRef
from trousse.reports.typo import AsWritten, longdate


def head_commit(kit: Kit) -> str | None:
    """The commit a report shows: the one read with ``--as-of``, else HEAD (None outside git or
    before the first commit)."""
    if kit.snapshot is not None:
        return kit.snapshot
    if kit.inventory is not None and kit.inventory.repo is not None:
        return kit.inventory.repo.head
    return None


def has_uncommitted(kit: Kit) -> bool:
    """Whether the kit was read from a work tree with changes not yet committed (rendered reports
    under ``reports/`` aside)."""
    if kit.snapshot is not None or kit.inventory is None or kit.inventory.repo is None:
        return False
    changed = changed_files(kit.root) or []
    return any(not p.startswith("reports/") for p in changed)


def make_meta(
    kit: Kit,
    kind: str,
    lang: str,
    as_of: dt.date,
    kit_href: str | None,
    doc_version: str | None = None,
    subtitle: str | None = None,
) -> Meta:
    """The header of a report of ``kind``, with the identity line every page repeats."""
    commit = head_commit(kit)
    short = commit[:12] if commit else None
    dirty = has_uncommitted(kit)
    title = label(kind, lang)
    parts = [kit.config.organisation.name, f"{title} {subtitle}" if subtitle else title]
    parts.append(label("identity_as_of", lang, date=longdate(as_of, lang)))
    parts.append(label("identity_commit", lang, commit=short) if short else label("identity_no_commit", lang))
    if dirty:
        parts[-1] += f" ({label('identity_uncommitted', lang)})"
    parts.append(label("identity_version", lang, version=doc_version or f"trousse {__version__}"))
    return Meta(
        kind=kind,
        title=title,
        lang=lang,
        organisation=kit.config.organisation.name,
        scope=kit.config.scope,
        as_of=as_of,
        version=__version__,
        standards=[StandardRef(p.id, pack_text(p.title, lang), p.edition) for p in kit.standards()],
        kit_href=kit_href,
        commit=short,
        uncommitted=dirty,
        doc_version=doc_version,
        identity=" · ".join(parts),
        identity_parts=(" · ".join(parts[:2]), " · ".join(parts[2:4]), parts[4]),
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
                return pack_text(pdef.name, lang)
    return process_id


def process_ref(kit: Kit, process_id: str, lang: str) -> NamedRef:
    """A process id with its name."""
    return NamedRef(process_id, process_name(kit, process_id, lang))


def iso_text(text: str, lang: str) -> str:
    """:func:`trousse.i18n.pack_text` (ISO/CEI in French, ISO/IEC in English), under the name the
    review inputs use."""
    return pack_text(text, lang)


def clause_label(kit: Kit, ref: str | None, lang: str) -> str:
    """A clause reference as a reader writes it: ``iso20000-1-2018:7.2`` becomes ``ISO/CEI
    20000-1:2018, 7.2`` (the pack's short name, then the number); a bare number stays as it is,
    a whole pack gives its short name."""
    if not ref:
        return ""
    pack_id, sep, number = ref.rpartition(":")
    if not sep and ref in kit.packs:
        return pack_text(kit.packs[ref].short or ref, lang)
    pack = kit.packs.get(pack_id) if sep else None
    if pack is None:
        return ref
    return f"{pack_text(pack.short or pack.id, lang)}, {number}"


def role_name(kit: Kit, role_id: str | None, lang: str) -> str:
    """A role's name in the report's language: the standard pack's name when it defines the role
    (packs carry both languages), else the kit's own name, else the id as written."""
    if not role_id:
        return ""
    for pack in kit.standards():
        for rdef in pack.roles:
            if rdef.id == role_id:
                return pack_text(rdef.name, lang)
    role = kit.role(role_id)
    return role.name if role is not None else role_id


def clause_title(kit: Kit, ref: str | None, lang: str) -> str:
    """The title of ``pack-id:number`` (or of a bare number in the kit's first standard)."""
    if not ref:
        return ""
    pack_id, _, number = ref.rpartition(":")
    packs = [kit.packs[pack_id]] if pack_id in kit.packs else kit.standards()
    for pack in packs:
        clause = pack.clause(number)
        if clause is not None:
            return pack_text(clause.title, lang)
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
    # printed as written: French typography must not change a file's name
    return Link(path=AsWritten(path), href=None if href is None else AsWritten(href), exists=exists)


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
