"""Context of the traceability matrix: clauses × processes for each targeted standard, and the
mappings (C/P/N) from those standards to others."""

from __future__ import annotations

from trousse.i18n import pack_text
from trousse.kit import Kit
from trousse.models import Pack
from trousse.reports.common import process_ref
from trousse.reports.labels import label
from trousse.reports.model import (
    ClauseRow,
    KindCount,
    MappingRow,
    MappingTable,
    MatrixReport,
    StandardMatrix,
)


def _claims(kit: Kit, pack: Pack) -> dict[str, set[str]]:
    """Process id → the clause numbers of ``pack`` it answers: those the kit's process lists,
    and those the pack itself assigns to a process the kit describes."""
    kit_ids = {p.id for p in kit.processes}
    claims: dict[str, set[str]] = {pid: set() for pid in kit_ids}
    single = len(kit.config.standards) == 1
    for proc in kit.processes:
        for ref in proc.clauses:
            pack_id, sep, number = ref.rpartition(":")
            if pack_id == pack.id or (not sep and single):
                claims[proc.id].add(number)
    for pdef in pack.processes:
        if pdef.id in kit_ids:
            claims[pdef.id].update(pdef.clauses)
    for clause in pack.clauses:
        if clause.process in kit_ids:
            claims[clause.process].add(clause.number)
    return claims


def _answers(numbers: set[str], clause: str) -> bool:
    """A process answers a clause it names, or one of the clause's sub-clauses."""
    return clause in numbers or any(n.startswith(clause + ".") for n in numbers)


def _standard(kit: Kit, pack: Pack, lang: str) -> StandardMatrix:
    claims = _claims(kit, pack)
    processes = [process_ref(kit, pid, lang) for pid in sorted(claims)]
    rows = []
    for clause in pack.clauses:
        cells = [_answers(claims[p.id], clause.number) for p in processes]
        rows.append(
            ClauseRow(clause.number, pack_text(clause.title, lang), clause.number.count("."), cells, any(cells))
        )
    title = f"{pack_text(pack.title, lang)} ({pack.edition})"
    return StandardMatrix(pack.id, title, processes, rows, [r for r in rows if not r.covered], _name(pack, lang))


def _mapping(kit: Kit, pack: Pack, index: int, lang: str) -> MappingTable:
    mapping = pack.mappings[index]
    target = kit.packs.get(mapping.target)
    rows = []
    for e in mapping.entries:
        src = pack.clause(e.source)
        tgt = target.clause(e.target) if (target is not None and e.target) else None
        rows.append(
            MappingRow(
                e.source,
                pack_text(src.title, lang) if src else "",
                e.target,
                pack_text(tgt.title, lang) if tgt else "",
                e.coverage,
                pack_text(e.note, lang),
            )
        )
    counts = [KindCount(c, label(f"c.{c}", lang), sum(1 for r in rows if r.coverage == c)) for c in ("C", "P", "N")]
    title = pack_text(mapping.title, lang) or (pack_text(target.title, lang) if target else mapping.target)
    target_name = _name(target, lang) if target is not None else mapping.target
    return MappingTable(_name(pack, lang), target_name, title, rows, counts)


def _activities(pack: Pack, index: int, lang: str) -> MappingTable:
    """An activity-level coverage table of the pack's route (the seed's Annexe D), shown as one
    more mapping: the route's activities against a reference's practices."""
    table = pack.activity_coverage[index]
    rows = [
        MappingRow(
            c.activity,
            pack_text(c.title, lang),
            pack_text(c.practice, lang) or None,
            "",
            c.coverage,
            pack_text(c.note, lang),
        )
        for c in table.cells
    ]
    counts = [KindCount(c, label(f"c.{c}", lang), sum(1 for r in rows if r.coverage == c)) for c in ("C", "P", "N")]
    source = pack.route.process if pack.route else pack.id
    title = pack_text(table.title, lang) or table.reference
    return MappingTable(source, title, title, rows, counts)


def build_matrix(kit: Kit, lang: str) -> MatrixReport:
    """The matrix's context: a matrix per targeted standard, then its clause-level mappings and
    the activity-level coverage of its certification route (one table per reference)."""
    standards = [_standard(kit, pack, lang) for pack in kit.standards()]
    mappings = [_mapping(kit, pack, i, lang) for pack in kit.standards() for i in range(len(pack.mappings))]
    seen: set[tuple[str, str]] = set()
    for pack in kit.standards():
        for i, table in enumerate(pack.activity_coverage):
            key = (pack.route.process if pack.route else pack.id, table.reference)
            if key not in seen:  # both ISO/IEC 20000-1 editions carry the same Annexe D
                seen.add(key)
                mappings.append(_activities(pack, i, lang))
    return MatrixReport(standards, mappings)


def _name(pack: Pack, lang: str) -> str:
    """A standard's name where a reader expects it (ISO 9001:2015), never its raw pack id."""
    return pack_text(pack.short, lang) or pack_text(pack.title, lang) or pack.id
