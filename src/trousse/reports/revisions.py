"""The revision history of the kit's controlled documents, as git records it (kit-format.md,
"Adopters": each commit that adds or changes a controlled document is one of its revisions). The
register report shows it under its table, in every format."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from trousse.kit import Kit


@dataclass(frozen=True)
class RevisionView:
    """One commit that added or changed a document."""

    date: dt.date
    commit: str  # the first 12 hex digits
    author: str
    version: str = ""  # the front matter's version in that commit ("" when it declares none)


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
    versions = _versions_by_commit(kit, ev.history, set(by_path))
    out = []
    for de in ev.documents:
        doc = by_path.get(de.path)
        if doc is None:
            continue
        said = versions.get(de.path, {})
        late = de.changed_after_approval
        out.append(
            DocumentHistory(
                doc.id,
                doc.title,
                doc.file,
                doc.version,
                doc.approved_on,
                [RevisionView(r.date, r.commit[:12], r.author, said.get(r.commit, "")) for r in de.revisions],
                RevisionView(late.date, late.commit[:12], late.author) if late else None,
            )
        )
    return History(True, sorted(out, key=lambda d: (d.id, d.path)))


_VERSION = re.compile(rb"^version:[ \t]*[\"']?([^\"'#\r\n]*?)[\"']?[ \t]*(?:#.*)?$", re.M)


def _versions_by_commit(kit: Kit, hist: object, paths: set[str]) -> dict[str, dict[str, str]]:
    """Document path -> {commit -> the ``version`` its front matter declared in that commit}, read
    from the blobs the history pass recorded (one ``git cat-file`` call)."""
    from trousse import gitio  # noqa: PLC0415 - reads git

    revisions = getattr(hist, "revisions", None) or {}
    wanted = {path: revisions.get(path, []) for path in paths}
    info = gitio.repo_info(kit.root)
    if info is None or not any(wanted.values()):
        return {}
    blobs = gitio.read_blobs(info.toplevel, [v.blob for versions in wanted.values() for v in versions])
    out: dict[str, dict[str, str]] = {}
    for path, versions in wanted.items():
        for v in versions:
            raw = blobs.get(v.blob, b"")
            head = raw.split(b"\n---", 1)[0] if raw.startswith(b"---") else b""
            m = _VERSION.search(head)
            out.setdefault(path, {})[v.commit] = m.group(1).decode("utf-8", "replace").strip() if m else ""
    return out
