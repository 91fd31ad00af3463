"""HEAD's history in one pass: when each path of the kit came to exist, and what was lost.

The stream of :func:`trousse.gitio.log_tokens` (oldest first, topological order) is replayed
once: an add gives a path its *origin* (the commit that added it, its committer date and
author); a rename moves the origin to the new path, so a moved record keeps its date; a delete
turns the origin into *lost evidence*. Commits on a branch come before the merge that brings
them in, so a record added on a branch keeps the date of its own commit: when the merge shows
the same path again (its diff against the first parent), the earlier origin is kept.

With a cut-off date (``--as-of``), paths are still those of HEAD (a record renamed since keeps its
origin), an origin after the cut-off means "not yet committed then", and only deletions made by
commits on or before that day (committer date, in its own time zone) are lost evidence.

Ordinary git work loses no evidence (kit-format.md, "Evidence"): paths are followed across the
whole repository, so moving the kit into a subfolder of its repository, or out of one, with
``git mv`` keeps every origin; a deleted file's content (its blob id) keeps its origin, so a file
added back with identical content (a restore, a revert) gets its first date back.

Paths in ``audits/``, ``actions/`` or ``records/`` folders also keep the blob id of each of their
versions, so that signed records can be compared version by version (:mod:`~trousse.evidence.
integrity`) without a second pass; only paths changed after they were added are kept.

The same pass keeps what adopters' histories prove (kit-format.md, "Adopters"): every commit that
adds or changes a *watched* file (a controlled document, a living evidence source: ``watched``
paths, and every Markdown file outside the record folders, so that a document renamed on its way
into the kit keeps its earlier revisions) as its *revisions*; and, for each ``formerly:
<path>@<commit>`` a record declares, the origin that path had once that commit was replayed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from trousse.evidence.dates import local_day
from trousse.inventory import CONFIG

# An origin: (commit id, committer date ISO 8601 with its offset, author name).
Origin = tuple[str, str, str]

# Out-of-order tolerance: clocks of two machines may disagree by a few minutes; an hour more
# than that is a sign of a rewritten or back-dated history.
SKEW = 3600


def _stamp(iso: str) -> float:
    return dt.datetime.fromisoformat(iso).timestamp()


@dataclass
class Loss:
    """A path deleted from history (and not added back): lost evidence."""

    path: str
    commit: str
    when: str
    origin: Origin | None


@dataclass
class Disorder:
    """A commit dated before one of its parents."""

    commit: str
    when: str
    parent: str
    parent_when: str


@dataclass
class Version:
    """One committed version of a file: the commit, its committer date and author, the blob id."""

    commit: str
    when: str
    author: str
    blob: str


@dataclass
class History:
    """What one pass over HEAD's history found, for the paths under the kit's folder."""

    head: str | None
    prefix: str
    cutoff: dt.date | None
    commits: int = 0
    alive: dict[str, Origin] = field(default_factory=dict)  # kit-relative path at HEAD -> origin
    lost: dict[str, Loss] = field(default_factory=dict)
    disorder: list[Disorder] = field(default_factory=list)
    first_commit: str | None = None  # ISO date of the earliest replayed commit
    # ISO date of the earliest replayed commit that adds the kit's trousse.yml (the kit's start: an
    # adopted repository's older history is not the kit's); None when no replayed commit adds it
    kit_born: str | None = None
    # kit-relative path at HEAD -> its versions, oldest first (only files of audits/, actions/ and
    # records/ folders changed after they were added: the candidates for a signed-record check)
    versions: dict[str, list[Version]] = field(default_factory=dict)
    # kit-relative path at HEAD -> every commit that added or changed it, oldest first (watched
    # files: documents and evidence sources)
    revisions: dict[str, list[Version]] = field(default_factory=dict)
    # "<path>@<commit>" asked by a record's ``formerly`` -> the origin of that repository path as of
    # that commit (absent: history does not confirm it)
    formerly: dict[str, Origin] = field(default_factory=dict)
    # the same claims -> the repository path the claimed file had when it was first added (the same
    # for two claims of one file however it was renamed or edited between the commits they name)
    formerly_born: dict[str, str] = field(default_factory=dict)


class _State:
    """Paths alive after the commits replayed so far (repository-relative), with the evidence
    deleted on the way and the origins of deleted contents (by blob id)."""

    def __init__(self, tracked: Callable[[str], bool]) -> None:
        self.alive: dict[str, Origin] = {}
        self.lost: dict[str, Loss] = {}
        self.buried: dict[str, Origin] = {}  # blob id of a deleted file -> its origin
        self.tracked = tracked

    def add(self, path: str, origin: Origin, blob: str = "") -> None:
        earlier = self.buried.get(blob) if blob else None
        if earlier is not None and _stamp(earlier[1]) < _stamp(origin[1]):
            origin = earlier  # identical content added back: its first date
        old = self.alive.get(path)
        if old is None or _stamp(origin[1]) < _stamp(old[1]):
            self.alive[path] = origin
        self.lost.pop(path, None)

    def delete(self, path: str, commit: str, when: str, blob: str = "") -> None:
        origin = self.alive.pop(path, None)
        if origin is None:
            return
        if blob:
            known = self.buried.get(blob)
            if known is None or _stamp(origin[1]) < _stamp(known[1]):
                self.buried[blob] = origin
        if self.tracked(path):
            self.lost[path] = Loss(path, commit, when, origin)

    def rename(self, src: str, dst: str, origin: Origin, blob: str) -> None:
        moved = self.alive.pop(src, None)
        self.add(dst, moved or origin, blob)
        if moved is not None and self.tracked(src) and not self.tracked(dst):
            self.lost[src] = Loss(src, origin[0], origin[1], moved)


_VERSIONED = ("audits", "actions", "records")
_VERSIONED_SUFFIXES = (".yml", ".yaml", ".md")


def _versioned(path: str) -> bool:
    """Whether ``path`` may be a signed record, audit or action (its versions are kept)."""
    if not path.endswith(_VERSIONED_SUFFIXES):
        return False
    return _versioned_folder(path.rpartition("/")[0])


@functools.lru_cache(maxsize=4096)
def _versioned_folder(folder: str) -> bool:
    # one answer per folder: a kit's records share a few hundred folders
    return any(part in _VERSIONED for part in folder.split("/"))


def _revised(path: str, watched: frozenset[str]) -> bool:
    """Whether every change of ``path`` (repository-relative) is kept as a revision."""
    if path in watched:
        return True
    return path.endswith(".md") and not _versioned(path)


class _Lineage:
    """The ``formerly`` claims to confirm: ``<path>@<commit>``, looked up once that commit is replayed
    (a commit id may be abbreviated: it is matched on its first characters)."""

    def __init__(self, claims: Iterable[str]) -> None:
        self.wanted: dict[str, list[tuple[str, str]]] = {}  # commit prefix -> [(claim, path)]
        for claim in claims:
            path, _, ref = claim.rpartition("@")
            if path and ref:
                self.wanted.setdefault(ref.lower(), []).append((claim, path))
        self.lengths = sorted({len(k) for k in self.wanted})
        self.found: dict[str, Origin] = {}
        # path -> the commit that wrote its present content (kept only when there are claims)
        self.written: dict[str, Origin] = {}
        # path -> the path its file had when first added (followed through renames; only with claims)
        self.born: dict[str, str] = {}
        self.born_of: dict[str, str] = {}  # claim -> that first path

    def changed(self, path: str, origin: Origin) -> None:
        """``path`` added or modified by ``origin``'s commit."""
        if self.lengths:
            self.written[path] = origin
            self.born.setdefault(path, path)

    def moved(self, src: str, dst: str, origin: Origin, same: bool, rename: bool) -> None:
        """``src`` renamed (or copied) to ``dst``; ``same``: without a change of content."""
        if self.lengths:
            before = self.written.pop(src, None) if rename else self.written.get(src)
            self.written[dst] = before if same and before is not None else origin
            self.born[dst] = self.born.pop(src, src) if rename else dst

    def gone(self, path: str) -> None:
        if self.lengths:
            self.written.pop(path, None)
            self.born.pop(path, None)

    def settle(self, commit: str, when: str, author: str, alive: dict[str, Origin]) -> None:
        """``commit`` is fully replayed: confirm the claims that name it (the file is there at that
        commit), each dated by the commit that wrote the file's content as it stood then (a living
        report named at its May commit is May's; a file added once and named later keeps its add)."""
        for n in self.lengths:
            for claim, path in self.wanted.get(commit[:n], ()):
                origin = alive.get(path)
                if origin is not None:
                    self.found[claim] = self.written.get(path, origin)
                    self.born_of[claim] = self.born.get(path, path)


def _parse_change(token: bytes) -> tuple[str, str, str]:
    """``:<mode> <mode> <blob> <blob> <status>`` -> (status, source blob, destination blob)."""
    parts = token[1:].decode("ascii", "replace").split(" ")
    if len(parts) < 5:
        return parts[-1], "", ""
    return parts[4], parts[2].strip("0") and parts[2], parts[3].strip("0") and parts[3]


def replay(
    tokens: Iterable[bytes],
    head: str | None,
    prefix: str,
    cutoff: dt.date | None,
    tracked: Callable[[str], bool],
    progress: Callable[[int], None] | None = None,
    watched: frozenset[str] = frozenset(),
    formerly: Iterable[str] = (),
    every_revision: dict[str, list[Version]] | None = None,
) -> History:
    """Replay the ``git log`` token stream; keep paths under ``prefix`` (repository-relative,
    ending with ``/``, or empty), made kit-relative. ``tracked`` says which kit paths are
    evidence whose deletion counts as lost; ``watched`` (repository-relative) the files whose every
    revision is kept; ``formerly`` the ``<path>@<commit>`` claims to confirm; ``every_revision``,
    when given, receives every revision kept before they are narrowed to ``watched`` (:func:`rewatch`)."""
    cut = len(prefix)
    lineage = _Lineage(formerly)
    revisions: dict[str, list[Version]] = {}

    def in_kit(path: str) -> bool:
        return path.startswith(prefix) and tracked(path[cut:])

    full = _State(in_kit)  # every commit: what HEAD holds
    then = _State(in_kit) if cutoff is not None else full  # commits up to the cut-off
    versions: dict[str, list[Version]] = {}
    dates: dict[str, tuple[float, str]] = {}
    hist = History(head, prefix, cutoff)
    commit, when, author = "", "", ""
    in_cut = True
    first_stamp = 0.0  # the stamp of hist.first_commit
    pending: tuple[str, str, str] | None = None  # a change waiting for its path(s)
    paths: list[str] = []
    config = prefix + CONFIG
    born_stamp = 0.0  # the stamp of hist.kit_born
    for token in tokens:
        if token[:1] == b"\n":
            token = token[1:]
        if token[:1] == b"\x1e":
            if lineage.lengths and commit:
                lineage.settle(commit, when, author, full.alive)
            head_part, when, author = token[1:].decode("utf-8", "surrogateescape").split("\x1f")
            ids = head_part.split(" ")
            commit = ids[0]
            stamp = _stamp(when)
            dates[commit] = (stamp, when)
            in_cut = cutoff is None or local_day(when) <= cutoff
            hist.commits += 1
            if in_cut:
                if hist.first_commit is None or stamp < first_stamp:
                    hist.first_commit, first_stamp = when, stamp
                for parent in ids[1:]:
                    known = dates.get(parent)
                    if known is not None and stamp < known[0] - SKEW:
                        hist.disorder.append(Disorder(commit, when, parent, known[1]))
            if progress is not None and hist.commits % 2000 == 0:
                progress(hist.commits)
            continue
        if token[:1] == b":":
            pending = _parse_change(token)
            paths = []
            continue
        if pending is None:
            continue
        paths.append(token.decode("utf-8", "surrogateescape"))
        status, old_blob, new_blob = pending
        kind = status[:1]
        if kind in ("R", "C") and len(paths) < 2:
            continue
        pending = None
        origin: Origin = (commit, when, author)
        states = (full,) if not in_cut or then is full else (full, then)
        added = paths[-1] if kind in ("A", "R", "C") else ""
        if added == config and in_cut:
            stamp = dates[commit][0]
            if hist.kit_born is None or stamp < born_stamp:
                hist.kit_born, born_stamp = when, stamp
        if kind in ("R", "C"):
            src, dst = paths
            for st in states:
                if kind == "R":
                    st.rename(src, dst, origin, new_blob)
                else:
                    st.add(dst, origin, new_blob)
            lineage.moved(src, dst, origin, bool(new_blob) and old_blob == new_blob, kind == "R")
            kept = versions.pop(src, []) if kind == "R" else []
            if _versioned(dst):
                versions[dst] = [*kept, Version(commit, when, author, new_blob)]
            earlier = revisions.pop(src, None) if kind == "R" else None
            if earlier is not None or _revised(dst, watched):
                revisions[dst] = [*(earlier or ()), Version(commit, when, author, new_blob)]
            continue
        path = paths[0]
        for st in states:
            if kind == "A":
                st.add(path, origin, new_blob)
            elif kind == "D":
                st.delete(path, commit, when, old_blob)
            elif path not in st.alive:  # modified but never seen added (grafted history)
                st.add(path, origin, new_blob)
        if kind == "D":
            versions.pop(path, None)
            revisions.pop(path, None)
            lineage.gone(path)
            continue
        lineage.changed(path, origin)
        if _versioned(path):
            if new_blob:
                versions.setdefault(path, []).append(Version(commit, when, author, new_blob))
        elif _revised(path, watched) or path in revisions:
            revisions.setdefault(path, []).append(Version(commit, when, author, new_blob))
    if lineage.lengths and commit:
        lineage.settle(commit, when, author, full.alive)
    hist.formerly = lineage.found
    hist.formerly_born = lineage.born_of
    if progress is not None:
        progress(hist.commits)
    # HEAD's paths under the kit's folder; with a cut-off, origins after it are "not yet"
    hist.alive = {p[cut:]: o for p, o in full.alive.items() if p.startswith(prefix)}
    hist.lost = {p[cut:]: Loss(p[cut:], x.commit, x.when, x.origin) for p, x in then.lost.items()}
    hist.versions = {p[cut:]: v for p, v in versions.items() if p.startswith(prefix) and len(v) > 1 and p in full.alive}
    hist.revisions = {p[cut:]: v for p, v in revisions.items() if p in watched and p in full.alive}
    if every_revision is not None:  # before they are narrowed to the watched paths
        every_revision.update(revisions)
    return hist


def explicitly_watched(watched: Iterable[str]) -> frozenset[str]:
    """The paths of ``watched`` that change what a replay keeps: the others (Markdown files outside
    the record, audit and action folders) have every revision kept whether watched or not."""
    return frozenset(p for p in watched if not (p.endswith(".md") and not _versioned(p)))


def rewatch(hist: History, every_revision: dict[str, list[Version]], watched: frozenset[str]) -> History:
    """``hist``, replayed with the same :func:`explicitly_watched` paths as ``watched`` and
    ``every_revision`` given, with the revisions of the paths of ``watched`` (repository-relative)."""
    cut = len(hist.prefix)
    hist.revisions = {p[cut:]: v for p, v in every_revision.items() if p in watched and p[cut:] in hist.alive}
    return hist
