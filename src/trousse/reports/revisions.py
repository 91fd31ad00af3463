"""The revision history of the kit's controlled documents, as git records it (kit-format.md,
"Adopters": each commit that adds or changes a controlled document is one of its revisions). The
register report shows it under its table, in every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from trousse.kit import Kit


@dataclass(frozen=True)
class RevisionView:
    """One commit that added or changed a document."""

    date: dt.date
    commit: str  # the first 10 hex digits
    author: str


@dataclass(frozen=True)
class DocumentHistory:
    """A controlled document and its revisions, oldest first."""

    id: str
    title: str
    path: str
    version: str
    approved_on: dt.date | None
    revisions: list[RevisionView] = field(default_factory=list)
    changed_after_approval: RevisionView | None = None  # changed after its approval, not approved again


@dataclass(frozen=True)
class History:
    """The history of every controlled document; ``available`` is False outside git."""

    available: bool
    documents: list[DocumentHistory] = field(default_factory=list)


def document_history(kit: Kit, as_of: dt.date, as_of_given: bool = True) -> History:
    """Each controlled document of the kit (not obsolete), by id, with the commits made by ``as_of``
    that added or changed it (one history pass, cached like ``trousse evidence``)."""
    from trousse.evidence.compute import compute  # noqa: PLC0415 - reads git

    ev = compute(kit, as_of, as_of_given)
    if not ev.available:
        return History(False)
    by_path = {d.file: d for d in kit.documents if d.status != "obsolete"}
    out = []
    for de in ev.documents:
        doc = by_path.get(de.path)
        if doc is None:
            continue
        late = de.changed_after_approval
        out.append(
            DocumentHistory(
                doc.id,
                doc.title,
                doc.file,
                doc.version,
                doc.approved_on,
                [RevisionView(r.date, r.commit[:12], r.author) for r in de.revisions],
                RevisionView(late.date, late.commit[:12], late.author) if late else None,
            )
        )
    return History(True, sorted(out, key=lambda d: (d.id, d.path)))
