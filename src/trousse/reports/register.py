"""The register of documented information (``trousse report register``): the master list an
auditor asks for at stage 1. One row per item a targeted standard's pack lists under
``documented_information`` — clause, short title, the kit's files, their version, approval, next
review, and a status: missing, template not adapted, draft, approved, overdue (documents), kept or
form only (records), or not applicable with the kit's written justification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from trousse import i18n
from trousse.evidence.adaptation import not_adapted, process_not_adapted
from trousse.evidence.dates import add_period
from trousse.i18n import pack_text
from trousse.kit import Kit
from trousse.models import Document
from trousse.models.pack import DocumentedInfoDef, Pack
from trousse.reports.revisions import History, document_history

# Statuses from worst to best (an item with several documents takes its best one).
STATUSES = ("missing", "template", "draft", "overdue", "approved")
RECORD_STATUSES = ("form-only", "kept")


@dataclass(frozen=True)
class FileView:
    """One kit file answering an item: a document (with its control data) or a note on records."""

    path: str
    text: str = ""  # for records: "N record(s), the latest: ID"; for a form: "form PATH"
    version: str = ""
    approved_by: str = ""
    approved_on: dt.date | None = None
    next_review: dt.date | None = None
    status: str = ""
    approval: str = ""  # in words when the date is missing ("approved, date missing"), else empty


@dataclass
class RegisterRow:
    """One item of the register."""

    pack: str
    id: str
    clause: str
    title: str
    kind: str
    required: bool
    status: str
    files: list[FileView] = field(default_factory=list)
    justification: str = ""


@dataclass
class RegisterReport:
    """The register: its rows, the count of rows per status, and the revision history of the
    controlled documents (from git)."""

    rows: list[RegisterRow]
    counts: dict[str, int]
    history: History = field(default_factory=lambda: History(False))


def document_status(kit: Kit, doc: Document, as_of: dt.date) -> str:
    """A document's status in the register: template (not adapted), draft, overdue or approved."""
    if not_adapted(kit, doc):
        return "template"
    if doc.status != "approved" or doc.approved_on is None or doc.approved_on > as_of:
        return "draft"
    if doc.review_every is not None and add_period(doc.last_review(as_of) or doc.approved_on, doc.review_every) < as_of:
        return "overdue"  # counted as DOC002 counts: from the later of approved_on and reviewed_on
    return "approved"


def _doc_view(kit: Kit, doc: Document, as_of: dt.date, lang: str) -> FileView:
    since = doc.last_review(as_of) or doc.approved_on
    nxt = add_period(since, doc.review_every) if since and doc.review_every else None
    undated = doc.approved_by and doc.approved_on is None
    return FileView(
        path=doc.file,
        version=doc.version,
        approved_by=doc.approved_by or "",
        approved_on=doc.approved_on,
        next_review=nxt,
        status=document_status(kit, doc, as_of),
        approval=i18n.t("rpt.reg.approved_undated", _lang=lang, who=doc.approved_by) if undated else "",
    )


def item_row(kit: Kit, pack: Pack, item: DocumentedInfoDef, as_of: dt.date, lang: str) -> RegisterRow:
    """The register row of one item: its files and its status."""
    arts = set(item.artefacts)
    docs = sorted((d for d in kit.documents if d.artefact in arts and d.status != "obsolete"), key=lambda d: d.file)
    views = [_doc_view(kit, d, as_of, lang) for d in docs]
    records = sorted((r for r in kit.records if r.artefact in arts), key=lambda r: (r.date, r.id))
    if records:
        text = pack_text(i18n.t("rpt.reg.records", _lang=lang, count=len(records), last=records[-1].id), lang)
        views.append(FileView(path=records[-1].file, text=text, status="kept"))
    forms = [f"templates/records/{a}.yml" for a in item.artefacts if kit.exists(f"templates/records/{a}.yml", True)]
    if not records:
        views += [
            FileView(path=f, text=pack_text(i18n.t("rpt.reg.form", _lang=lang, path=f), lang), status="form-only")
            for f in forms
        ]
    doc_status = max((v.status for v in views if v.status in STATUSES), key=STATUSES.index, default="missing")
    if item.kind == "record" and records:
        status = "kept"
    elif docs:
        status = doc_status
    elif item.kind == "record" and forms:
        status = "form-only"
    else:
        status = "missing"
    if item.kind == "document" and "process-map" in arts:
        views += _process_views(kit, lang)  # the map's row lists the descriptions too (20000-1 7.5.4)
    why = kit.config.not_applicable.get(item.id, "").strip()
    if why and status not in ("approved", "kept"):  # one answer with CMP003, CMP004 and DOC007
        status = "not-applicable"
        views = [replace(v, status="not-applicable") for v in views]  # each file's line says so too
    return RegisterRow(
        pack=pack_text(pack.short, lang) or pack_text(pack.title, lang),
        id=item.id,
        clause=item.clause,
        title=pack_text(item.title, lang),
        kind=item.kind,
        required=item.required,
        status=status,
        files=views,
        justification=why,
    )


def _process_views(kit: Kit, lang: str) -> list[FileView]:
    """The process descriptions (processes/*.md) as one line of the processes' row: the folder,
    how many, how many approved, and their ids. One line, not one per file: a 20000-1 kit has 25
    descriptions, which would make this row longer than the rest of its register; the ids are
    enough to ask for any of them. A process the kit excludes is left out, as CMP001 leaves it.
    Its status is a document's: ``template`` while one description is still the shipped text."""
    waived = kit.excluded_processes()
    procs = sorted((p for p in kit.processes if p.id not in waived and p.status != "obsolete"), key=lambda p: p.id)
    if not procs:
        return []
    approved = sum(p.status == "approved" for p in procs)
    folder = procs[0].file.rsplit("/", 1)[0] + "/" if "/" in procs[0].file else "processes/"
    text = i18n.t(
        "rpt.reg.processes",
        _lang=lang,
        count=len(procs),
        folder=folder,
        approved=approved,
        ids=", ".join(p.id for p in procs),
    )
    # As a document's: template text (DOC006's reasons, whatever the status) first, then not approved.
    if any(process_not_adapted(kit, p) for p in procs):
        status = "template"
    else:
        status = "approved" if approved == len(procs) else "draft"
    return [FileView(path=folder, text=pack_text(text, lang), status=status)]


def _clause_key(clause: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a clause number: numbers as numbers, and a list letter ("8.1 e)") right after
    its clause, before the clause's subclauses."""
    number, _, letter = clause.strip().partition(" ")
    key = [(0, int(p)) if p.isdigit() else (2, p) for p in number.split(".")]
    if letter:
        key.append((1, letter))
    return tuple(key)


def build_register(kit: Kit, lang: str, as_of: dt.date) -> RegisterReport:
    """The register of the kit's targeted standards, by pack then clause, and the documents'
    revision history."""
    rows: list[RegisterRow] = []
    packs = kit.standards()
    waived = kit.excluded_processes()
    excluded: list[RegisterRow] = []
    for pack in packs:
        items = sorted(pack.documented_information, key=lambda i: _clause_key(i.clause))
        rows += [item_row(kit, pack, item, as_of, lang) for item in items]
        for pdef in pack.processes:
            ids = waived.pop(pdef.id, None)
            if ids is not None:
                excluded.append(_excluded_row(kit, pack, pdef.id, pack_text(pdef.name, lang), ids, lang))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    for row in excluded:  # after its pack's last item, not counted: its items are
        at = max((i for i, r in enumerate(rows) if r.pack == row.pack), default=len(rows) - 1)
        rows.insert(at + 1, row)
    return RegisterReport(rows, counts, document_history(kit, as_of))


def _excluded_row(kit: Kit, pack: Pack, pid: str, name: str, ids: list[str], lang: str) -> RegisterRow:
    """A process wholly excluded (every required register item of it declared not applicable, as
    ISO 9001 4.3 allows for design): one row that says so, with the reason written for its first
    item, so that the register shows the exclusion and not only its items."""
    items = [i for i in pack.documented_information if i.id in ids]
    clauses = sorted({i.clause.split()[0] for i in items}, key=_clause_key)
    return RegisterRow(
        pack=pack_text(pack.short, lang) or pack_text(pack.title, lang),
        id=pid,
        clause=", ".join(clauses),
        title=pack_text(i18n.t("rpt.reg.excluded", _lang=lang, process=pid, name=name, items=", ".join(ids)), lang),
        kind="process",  # a process, not a document or record: and no longer required
        required=False,
        status="not-applicable",
        justification=kit.config.not_applicable.get(ids[0], "").strip(),
    )
