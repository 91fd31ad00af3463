"""What an adopter's history already proves (kit-format.md, "Adopters").

Everything here reads the one :class:`~trousse.evidence.history.History` pass: no git call.

- *Tolerance per type*: :func:`tolerance_of` gives the back-dating tolerance of an artefact type.
- *Lineage and attachments*: :func:`first_evidence` gives a record's evidence origin, the earliest
  of its own first commit, its confirmed ``formerly`` file's and its attachments'.
- *Living sources*: :func:`source_records` turns each commit of a declared source file into one
  piece of evidence of its artefact type.
- *Document control*: :func:`documents` gives each controlled document its introduction, its
  revisions, and whether its declared approval or review is back-dated or outdated by a change.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trousse.evidence.dates import add_period, local_day
from trousse.evidence.history import History, Origin
from trousse.evidence.integrity import located
from trousse.evidence.model import DocumentEvidence, RecordEvidence, RecordStatus, Revision
from trousse.models.common import Located, Period

if TYPE_CHECKING:
    from trousse.kit import Kit
    from trousse.models import Document, RecordBase


def tolerance_of(kit: Kit, artefact: str, default: Period) -> Period:
    """The back-dating tolerance of ``artefact``: trousse.yml's ``evidence.per_artefact``, else the
    type's own, else ``default`` (the kit's)."""
    per = kit.config.evidence.per_artefact.get(artefact)
    if per is not None and per.backdating_tolerance is not None:
        return per.backdating_tolerance
    art = kit.artefacts.get(artefact)
    if art is not None and art.backdating_tolerance is not None:
        return art.backdating_tolerance
    return default


class LooseDocument:
    """A controlled document whose front matter fails its schema (no owner, say): what document
    control needs of it, read leniently, so that a back-dated approval is still caught."""

    def __init__(self, file: str, data: dict[str, Any], parsed: Any, types: list[str]) -> None:
        self.file = file
        self.id = data["id"] if isinstance(data.get("id"), str) else file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        self.types = types
        self.status = data["status"] if isinstance(data.get("status"), str) else ""
        self.approved_on = _day(data.get("approved_on"))
        self.reviewed_on = _day(data.get("reviewed_on"))
        # DOC001 asks only for what is absent (a value present but unreadable is the schema's finding)
        self.given = {k for k in ("approved_by", "approved_on", "review_every") if data.get(k) not in (None, "")}
        self.review_every = _period(data.get("review_every"))
        self._loc = Located(file, parsed, ())

    def last_review(self, day: dt.date) -> dt.date | None:
        """The day its review period runs from, as :meth:`trousse.models.Document.last_review`."""
        dates = [d for d in (self.approved_on, self.reviewed_on) if d is not None and d <= day]
        if self.approved_on is not None and self.approved_on > day:
            return self.approved_on
        return max(dates, default=None)

    def where(self, *path: str | int) -> tuple[str, int, int]:
        """(file, line, column) of the field at ``path``."""
        return self._loc.where(*path)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _period(value: Any) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except (ValueError, TypeError):
        return None


def loose_documents(kit: Kit) -> list[LooseDocument]:
    """The kit's Markdown files that failed their schema yet declare a document type (``artefact``,
    and ``artefacts``) the kit knows: document control reads their dates anyway."""
    out = []
    for name in sorted(kit.broken):
        parsed = kit.files.get(name)
        data = getattr(parsed, "data", None)
        if not name.endswith(".md") or not isinstance(data, dict):
            continue
        more = data.get("artefacts")
        declared = [data.get("artefact"), *(more if isinstance(more, list) else [])]
        types = [a for a in dict.fromkeys(declared) if isinstance(a, str) and a in kit.artefacts]
        if types and kit.artefacts[types[0]].kind == "document":
            out.append(LooseDocument(name, data, parsed, types))
    return out


def watched(kit: Kit, prefix: str) -> frozenset[str]:
    """Repository-relative paths whose every revision the history pass keeps: the kit's controlled
    documents (those failing their schema too), its declared evidence sources and the signed
    records found through ``locations``."""
    paths = {d.file for d in kit.documents} | {d.file for d in loose_documents(kit)}
    paths |= {s.path.strip("/") for s in kit.config.evidence.sources}
    paths |= located(kit)  # signed records found through locations: EVD009 compares their versions
    return frozenset(prefix + p for p in paths if p and p != "?")


def claims(kit: Kit) -> list[str]:
    """The ``formerly`` claims of the kit's records, sorted (the history pass confirms them)."""
    return sorted({r.formerly for r in kit.records if r.formerly})


def _days(period: Period) -> int:
    """Days ``period`` lasts from a fixed day (to compare tolerances)."""
    probe = dt.date(2001, 1, 31)
    return (add_period(probe, period) - probe).days


def _stamp(origin: Origin) -> float:
    return dt.datetime.fromisoformat(origin[1]).timestamp()


def claimed_path(claim: str) -> str:
    """The past file a ``formerly: <path>@<commit>`` claim names."""
    return claim.rpartition("@")[0].strip().lstrip("./")


def _attachment(att: str) -> str:
    return att.strip().lstrip("./")


def claim_holders(kit: Kit, hist: History, named_at_creation: Callable[[RecordBase, str], bool]) -> dict[str, str]:
    """Which record each past file dates (its path -> the record's file; a ``formerly`` path is
    repository-relative, an attachment ``attachment:`` + its kit path). A past file dates one
    record only, the first committed of those that claim it (then by file name); every other
    claimant gains nothing from it (EVD012). An attachment is a claim only when it is earlier than
    the record and the record named it in the commit that added it (``named_at_creation``): one
    committed before and attached later (an old image named today) dates nothing."""
    claimants: list[tuple[float, str, str]] = []
    for r in kit.records:
        own = hist.alive.get(r.file)
        if own is None:
            continue
        if r.formerly and r.formerly in hist.formerly:
            claimants.append((_stamp(own), r.file, claimed_path(r.formerly)))
        for att in r.attachments:
            origin = hist.alive.get(_attachment(att))
            if origin is None:
                continue
            if origin[0] == own[0] or (_stamp(origin) < _stamp(own) and named_at_creation(r, _attachment(att))):
                claimants.append((_stamp(own), r.file, "attachment:" + _attachment(att)))
    same = past_files(kit, hist)
    holders: dict[str, str] = {}
    for _, file, path in sorted(claimants):
        holders.setdefault(same.get(path, path), file)
    # every path of one past file (before and after a git mv) names its holder
    for path, first in same.items():
        if first in holders:
            holders[path] = holders[first]
    return holders


def past_files(kit: Kit, hist: History) -> dict[str, str]:
    """The repository paths the kit's confirmed ``formerly`` claims name, each to one path standing
    for its past file: one path named at several commits is one file, and so are two paths whose
    claims were written by the same commit under the same file name (a folder moved with git mv,
    named before and after the move), and two paths whose file was first added at the same path
    (one file, renamed and edited between the commits named)."""
    paths = sorted({claimed_path(c) for c in claims(kit) if c in hist.formerly})
    parent = {p: p for p in paths}

    def root(p: str) -> str:
        while parent[p] != p:
            p = parent[p]
        return p

    first: dict[tuple[str, str], str] = {}
    for claim in claims(kit):
        origin = hist.formerly.get(claim)
        if origin is None:
            continue
        path = claimed_path(claim)
        keys = [(origin[0], path.rsplit("/", 1)[-1])]
        born = hist.formerly_born.get(claim)
        if born:  # one file however renamed or edited between the commits the claims name
            keys.append(("born", born))
        for key in keys:
            other = first.setdefault(key, path)
            a, b = sorted((root(path), root(other)))
            parent[b] = a
    return {p: root(p) for p in paths}


def claimed_lost(kit: Kit, hist: History) -> set[str]:
    """The kit paths of deleted files (``hist.lost``) that a confirmed ``formerly`` claim continues:
    the file the claim names, or the same file after a git mv (same content-writing commit, same
    file name). Their deletion loses nothing (no EVD007)."""
    named: set[str] = set()
    written: set[tuple[str, str]] = set()
    for claim in claims(kit):
        origin = hist.formerly.get(claim)
        if origin is None:
            continue
        path = claimed_path(claim)
        named.add(path)
        written.add((origin[0], path.rsplit("/", 1)[-1]))
    out = set()
    for path, loss in hist.lost.items():
        name = path.rsplit("/", 1)[-1]
        if hist.prefix + path in named or (loss.origin is not None and (loss.origin[0], name) in written):
            out.add(path)
    return out


def first_evidence(
    rec: RecordBase, hist: History, holders: dict[str, str] | None = None
) -> tuple[Origin | None, str | None]:
    """The origin that dates ``rec`` and what gave it when not its own first commit
    (``formerly:<claim>`` or ``attachment:<path>``): a confirmed claim dates it by the commit it
    names, an attachment by its first commit, each only when ``holders`` (:func:`claim_holders`)
    gives that past file to this record. A claim history does not confirm gives nothing."""
    own = hist.alive.get(rec.file)
    if own is None:  # not committed: a former file does not make it evidence
        return None, None
    best, why = own, None
    if rec.formerly:
        earlier = hist.formerly.get(rec.formerly)
        mine = holders is None or holders.get(claimed_path(rec.formerly)) == rec.file
        if earlier is not None and mine and _stamp(earlier) < _stamp(best):
            best, why = earlier, f"formerly:{rec.formerly}"
    for att in rec.attachments:
        origin = hist.alive.get(_attachment(att))
        held = holders is not None and holders.get("attachment:" + _attachment(att)) == rec.file
        if origin is not None and held and _stamp(origin) < _stamp(best):
            best, why = origin, f"attachment:{att}"
    return best, why


def judge(declared: dt.date, recorded: dt.date | None, evidence: dt.date, tolerance: Period) -> RecordStatus:
    """A committed record's status from its declared dates: future-dated when the event or its
    writing is after the commit; back-filled when its writing (``recorded_on``, else the event)
    is before the commit by more than the tolerance."""
    if declared > evidence or (recorded is not None and recorded > evidence):
        return RecordStatus.FUTURE
    written = recorded if recorded is not None else declared
    if written < add_period(evidence, tolerance, -1):
        return RecordStatus.BACKFILLED
    return RecordStatus.OK


def _in_cut(when: str, hist: History) -> bool:
    return hist.cutoff is None or local_day(when) <= hist.cutoff


def source_records(kit: Kit, hist: History) -> list[RecordEvidence]:
    """One piece of evidence per commit of each declared living source (by that commit's day). A
    merge that brings in a version a branch already committed (the same blob as the revision before
    it) adds nothing: the branch's commit is the evidence, as ``git log --follow`` lists it."""
    out = []
    for src in kit.config.evidence.sources:
        path = src.path.strip("/")
        art = kit.artefacts.get(src.artefact)
        process = art.process if art is not None else None
        previous: str | None = None
        for v in hist.revisions.get(path, []):
            seen, previous = previous, v.blob
            if not _in_cut(v.when, hist) or v.blob == seen:
                continue
            day = local_day(v.when)
            out.append(
                RecordEvidence(
                    path, f"{path}@{v.commit[:10]}", src.artefact, process, day, day, v.commit, v.author,
                    RecordStatus.OK, None, kind="source",
                )
            )  # fmt: skip
    return out


def documents(kit: Kit, hist: History, default: Period) -> list[DocumentEvidence]:
    """Each controlled document with its revisions and the document-control judgement, by path."""
    out = []
    docs: list[Document | LooseDocument] = [*kit.documents, *loose_documents(kit)]
    for doc in docs:
        tolerance = max((tolerance_of(kit, t, default) for t in doc.types), key=_days)
        revs = [
            Revision(v.commit, local_day(v.when), v.author)
            for v in hist.revisions.get(doc.file, [])
            if _in_cut(v.when, hist)
        ]
        origin = hist.alive.get(doc.file)
        introduced = local_day(origin[1]) if origin is not None and _in_cut(origin[1], hist) else None
        de = DocumentEvidence(
            doc.file, doc.id, introduced, doc.approved_on, doc.reviewed_on, tolerance, doc.status, revs, source=doc
        )
        if introduced is not None:
            limit = add_period(introduced, tolerance, -1)
            de.backdated = [
                k for k, d in (("approved_on", doc.approved_on), ("reviewed_on", doc.reviewed_on)) if d and d < limit
            ]
        out.append(de)
    return sorted(out, key=lambda d: (d.path, d.id))


def _body(raw: bytes) -> bytes:
    """A Markdown file's text after its front matter (all of it when it has none)."""
    if raw.startswith(b"---"):
        lines = raw.splitlines(keepends=True)
        for i in range(1, len(lines)):
            if lines[i].rstrip(b"\r\n").rstrip() in (b"---", b"..."):
                return b"".join(lines[i + 1 :])
    return raw


# A revision history table's header: a date column beside a version or comment column.
_DATE_HEADS = {"date", "date of change", "revision date", "date de revision", "date de modification"}
_REV_HEADS = {
    "version", "revision", "rev", "rev.", "v", "edition", "indice", "comment", "comments", "description",
    "change", "changes", "summary", "notes", "commentaire", "commentaires", "modification", "modifications",
    "nature de la modification", "objet",
}  # fmt: skip
_HTML_TABLE = re.compile(rb"<table\b.*?(?:</table\s*>|\Z)", re.S | re.I)
_HTML_HEAD = re.compile(rb"<tr\b.*?(?=<tr\b|</table|\Z)", re.S | re.I)
_HTML_CELL = re.compile(rb"<t[hd]\b[^>]*>(.*?)(?=<t[hd]\b|</tr|\Z)", re.S | re.I)
_TAG = re.compile(rb"<[^>]{0,200}>")


def _heads(cells: list[bytes]) -> bool:
    words = {unicodedata.normalize("NFKD", c.decode("utf-8", "replace")).encode("ascii", "ignore").decode().lower()
             .strip().strip(" *_:`").strip() for c in cells}  # fmt: skip
    return bool(words & _DATE_HEADS) and bool(words & _REV_HEADS)


def _without_revision_tables(body: bytes) -> bytes:
    """``body`` without its revision history tables (Markdown pipe tables and HTML tables whose
    header names a date and a version or comment column): a change confined to them (the row that
    records the approval, a corrected name) is not a change of the document's content."""

    def html(m: re.Match[bytes]) -> bytes:
        head = _HTML_HEAD.search(m[0])
        cells = [_TAG.sub(b"", c) for c in _HTML_CELL.findall(head[0])] if head else []
        return b"" if _heads(cells) else m[0]

    if b"<table" in body.lower():
        body = _HTML_TABLE.sub(html, body)
    out: list[bytes] = []
    table: list[bytes] = []
    for line in [*body.splitlines(keepends=True), b""]:
        if line.strip().startswith(b"|"):
            table.append(line)
            continue
        if table and not _heads(table[0].strip().strip(b"|").split(b"|")):
            out += table
        table = []
        out.append(line)
    return b"".join(out)


def changed_after_approval(
    docs: list[DocumentEvidence], hist: History, read_blobs: Callable[[list[str]], dict[str, bytes]]
) -> None:
    """Mark each approved document whose text (its body: a change of its front matter alone, such as
    the one ``trousse adopt`` writes, or of its revision history table alone, is not a new version) changed in a commit later than its
    ``approved_on`` plus its tolerance. The blobs of those few candidates are read in one call."""
    candidates: list[tuple[DocumentEvidence, list[tuple[Revision, str, str]]]] = []
    for de in docs:
        if de.status != "approved" or de.approved is None:
            continue
        versions = [v for v in hist.revisions.get(de.path, []) if _in_cut(v.when, hist)]
        # a back-dated approval (EVD010) is at best as old as the document's arrival in git
        approved = max(de.approved, de.introduced) if de.introduced is not None else de.approved
        after = add_period(approved, de.tolerance)
        late = [
            (Revision(v.commit, local_day(v.when), v.author), versions[i - 1].blob, v.blob)
            for i, v in enumerate(versions)
            if i > 0 and local_day(v.when) > after and v.blob != versions[i - 1].blob
        ]
        if late:
            candidates.append((de, late))
    if not candidates:
        return
    blobs = read_blobs([b for _, late in candidates for _, old, new in late for b in (old, new)])
    for de, late in candidates:
        for rev, old, new in reversed(late):
            if (
                old not in blobs
                or new not in blobs
                or _without_revision_tables(_body(blobs[old])) != _without_revision_tables(_body(blobs[new]))
            ):
                de.changed_after_approval = rev
                break
