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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from trousse.evidence.dates import local_day

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


class _State:
    """Paths alive after the commits replayed so far, with the evidence deleted on the way."""

    def __init__(self, tracked: Callable[[str], bool]) -> None:
        self.alive: dict[str, Origin] = {}
        self.lost: dict[str, Loss] = {}
        self.tracked = tracked

    def add(self, path: str, origin: Origin) -> None:
        old = self.alive.get(path)
        if old is None or _stamp(origin[1]) < _stamp(old[1]):
            self.alive[path] = origin
        self.lost.pop(path, None)

    def delete(self, path: str, commit: str, when: str) -> None:
        origin = self.alive.pop(path, None)
        if origin is not None and self.tracked(path):
            self.lost[path] = Loss(path, commit, when, origin)

    def rename(self, src: str, dst: str, commit: str, when: str, origin: Origin) -> None:
        moved = self.alive.pop(src, None)
        self.add(dst, moved or origin)
        if moved is not None and self.tracked(src) and not self.tracked(dst):
            self.lost[src] = Loss(src, commit, when, moved)


def replay(
    tokens: Iterable[bytes],
    head: str | None,
    prefix: str,
    cutoff: dt.date | None,
    tracked: Callable[[str], bool],
    progress: Callable[[int], None] | None = None,
) -> History:
    """Replay the ``git log`` token stream; keep paths under ``prefix`` (repository-relative,
    ending with ``/``, or empty), made kit-relative. ``tracked`` says which kit paths are
    evidence whose deletion counts as lost."""
    cut = len(prefix)
    full = _State(tracked)  # every commit: what HEAD holds
    then = _State(tracked) if cutoff is not None else full  # commits up to the cut-off
    dates: dict[str, tuple[float, str]] = {}
    hist = History(head, prefix, cutoff)
    commit, when, author = "", "", ""
    in_cut = True
    pending: list[str] = []  # a change's status waiting for its path(s)
    paths: list[str] = []
    for token in tokens:
        if token[:1] == b"\n":
            token = token[1:]
        if token[:1] == b"\x1e":
            head_part, when, author = token[1:].decode("utf-8", "surrogateescape").split("\x1f")
            ids = head_part.split(" ")
            commit = ids[0]
            stamp = _stamp(when)
            dates[commit] = (stamp, when)
            in_cut = cutoff is None or local_day(when) <= cutoff
            hist.commits += 1
            if in_cut:
                if hist.first_commit is None or stamp < _stamp(hist.first_commit):
                    hist.first_commit = when
                for parent in ids[1:]:
                    known = dates.get(parent)
                    if known is not None and stamp < known[0] - SKEW:
                        hist.disorder.append(Disorder(commit, when, parent, known[1]))
            if progress is not None and hist.commits % 2000 == 0:
                progress(hist.commits)
            continue
        if token[:1] == b":":
            status = token.rsplit(b" ", 1)[-1].decode("ascii")
            pending = [status]
            paths = []
            continue
        if not pending:
            continue
        paths.append(token.decode("utf-8", "surrogateescape"))
        status = pending[0]
        kind = status[:1]
        if kind in ("R", "C") and len(paths) < 2:
            continue
        pending = []
        origin: Origin = (commit, when, author)
        states = (full,) if not in_cut or then is full else (full, then)
        if kind in ("R", "C"):
            src, dst = paths
            src_in, dst_in = src.startswith(prefix), dst.startswith(prefix)
            for st in states:
                if kind == "R" and src_in and dst_in:
                    st.rename(src[cut:], dst[cut:], commit, when, origin)
                    continue
                if kind == "R" and src_in:
                    st.delete(src[cut:], commit, when)
                if dst_in:
                    st.add(dst[cut:], origin)
            continue
        path = paths[0]
        if not path.startswith(prefix):
            continue
        for st in states:
            if kind == "A":
                st.add(path[cut:], origin)
            elif kind == "D":
                st.delete(path[cut:], commit, when)
            elif path[cut:] not in st.alive:  # modified but never seen added (grafted history)
                st.add(path[cut:], origin)
    if progress is not None:
        progress(hist.commits)
    hist.alive = full.alive  # HEAD's paths; with a cut-off, origins after it are "not yet"
    hist.lost = then.lost
    return hist
