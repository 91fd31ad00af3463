"""The evidence trail: each record dated by git, each process's history, the kit's readiness.

Definitions (kit-format.md, "Evidence: what git proves"): a record's *evidence date* is the
committer date, in the committer's own time zone, of the earliest commit reachable from HEAD
that added it, renames followed. A record whose declared ``date`` lies before its evidence date
by more than the tolerance is *back-filled*; one whose declared date lies after it is
*future-dated*; neither counts as proof, nor does a record not committed (yet, or as of
``--as-of``). A process's history runs from its first evidence date to the as-of date; it meets
the minimum when that span reaches the minimum history with no empty period, in the window, for
its record types with a monthly, quarterly or yearly cadence.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.errors import GitError
from trousse.evidence.dates import add_period, local_day
from trousse.evidence.history import History, replay
from trousse.evidence.model import Evidence, ProgressFactory, RecordEvidence, RecordStatus, Repository
from trousse.evidence.periods import build_processes
from trousse.models.common import Period

if TYPE_CHECKING:
    from trousse.kit import Kit


DEFAULT_MINIMUM = Period(3, "months")
DEFAULT_TOLERANCE = Period(7, "days")

_progress_factory: ProgressFactory | None = None


def set_progress(factory: ProgressFactory | None) -> None:
    """Install how to show progress while history is read: ``factory(total)`` gets a function
    that counts the commits (called only if a display is shown) and returns a :class:`Progress`."""
    global _progress_factory
    _progress_factory = factory


def policy(kit: Kit) -> tuple[Period, Period]:
    """Minimum history and back-dating tolerance: trousse.yml, else the targeted packs'
    defaults (the first that says), else 3 months and 7 days."""
    minimum = kit.config.evidence.minimum_history
    tolerance = kit.config.evidence.backdating_tolerance
    for pack in kit.standards():
        minimum = minimum or pack.defaults.evidence.minimum_history
        tolerance = tolerance or pack.defaults.evidence.backdating_tolerance
    return minimum or DEFAULT_MINIMUM, tolerance or DEFAULT_TOLERANCE


def _tracked(path: str) -> bool:
    """Kit paths whose deletion is lost evidence: records and audits."""
    if not (path.startswith("records/") or path.startswith("audits/")):
        return False
    name = path.rsplit("/", 1)[-1].lower()
    return name.endswith((".yml", ".yaml", ".md")) and name not in ("readme.md", "lisezmoi.md")


def read_history(kit_root: Path, cutoff: dt.date | None) -> tuple[Repository, History | None]:
    """Replay the history of the repository around ``kit_root`` (cached by HEAD under .git/)."""
    try:
        from trousse import gitio
    except ImportError:  # gitpython refuses to load without a git executable
        return Repository.NO_GIT, None
    if not gitio.git_available():
        return Repository.NO_GIT, None
    info = gitio.repo_info(kit_root)
    if info is None:
        return Repository.NOT_A_REPO, None
    if info.shallow:
        raise GitError(i18n.t("evd.shallow"))
    root = kit_root.resolve()
    top = info.toplevel.resolve()
    prefix = "" if root == top else root.relative_to(top).as_posix() + "/"
    if info.head is None:
        return Repository.OK, History(None, prefix, cutoff)
    from trousse import cache

    key = (info.head, prefix, cutoff)
    cached = cache.load_history(info.git_dir, key)
    if isinstance(cached, History):
        return Repository.OK, cached
    display = _progress_factory(lambda: gitio.count_commits(top, info.head or "HEAD")) if _progress_factory else None
    try:
        hist = replay(
            gitio.log_tokens(top, info.head), info.head, prefix, cutoff, _tracked, display.update if display else None
        )
    except gitio.GitCommandError as exc:
        lines = str(exc.stderr or exc).strip().splitlines() or [""]
        raise GitError(i18n.t("evd.git_failed", error=lines[-1])) from None
    finally:
        if display is not None:
            display.close()
    cache.save_history(info.git_dir, key, hist)
    return Repository.OK, hist


def date_records(kit: Kit, hist: History, tolerance: Period) -> list[RecordEvidence]:
    """Each record of the kit with its evidence date and status, sorted by path."""
    out = []
    for rec in kit.records:
        origin = hist.alive.get(rec.file)
        evidence = local_day(origin[1]) if origin else None
        if origin is None:
            status = RecordStatus.UNCOMMITTED
        elif hist.cutoff is not None and evidence > hist.cutoff:  # type: ignore[operator]
            status, evidence, origin = RecordStatus.LATER, None, None
        elif rec.date > evidence:  # type: ignore[operator]
            status = RecordStatus.FUTURE
        elif rec.date < add_period(evidence, tolerance, -1):  # type: ignore[arg-type]
            status = RecordStatus.BACKFILLED
        else:
            status = RecordStatus.OK
        out.append(
            RecordEvidence(
                rec.file,
                rec.id,
                rec.artefact,
                kit.record_process(rec),
                rec.date,
                evidence,
                origin[0] if origin else None,
                origin[2] if origin else None,
                status,
                rec,
            )
        )
    return sorted(out, key=lambda r: (r.path, r.id))


def compute(kit: Kit, as_of: dt.date, as_of_given: bool = False) -> Evidence:
    """The kit's evidence on ``as_of``; with ``as_of_given``, only commits made by that day count."""
    minimum, tolerance = policy(kit)
    state, hist = read_history(kit.root, as_of if as_of_given else None)
    ev = Evidence(as_of, minimum, tolerance, state, hist)
    if hist is None:
        return ev
    ev.records = date_records(kit, hist, tolerance)
    audits = []
    for audit in kit.audits:
        origin = hist.alive.get(audit.file)
        if audit.kind == "internal" and origin is not None and audit.date <= as_of:
            on_record = max(audit.date, local_day(origin[1]))
            if on_record <= as_of:
                audits.append(on_record)
    ev.processes, ev.kit = build_processes(kit, ev.records, audits, as_of, minimum)
    return ev


def run_evidence(start: Path | None = None, *, lang: str | None = None, as_of: dt.date | None = None) -> Evidence:
    """``trousse evidence``: load the kit found at or above ``start`` and date its evidence.
    Without a git repository the evidence cannot be established: a :class:`GitError` (exit 2)."""
    from trousse.loader import load_kit  # noqa: PLC0415 - only the command reads a kit

    kit = load_kit(start, lang)
    ev = compute(kit, as_of or dt.date.today(), as_of is not None)
    if not ev.available:
        raise GitError(i18n.t("evd.cmd_not_repo" if ev.repository == Repository.NOT_A_REPO else "evd.cmd_no_git"))
    return ev
