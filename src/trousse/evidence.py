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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from trousse import i18n
from trousse.dates import add_period
from trousse.errors import GitError
from trousse.evidence_history import History, local_day, replay
from trousse.evidence_periods import KitReadiness, ProcessEvidence, build_processes
from trousse.models.common import Period

if TYPE_CHECKING:
    from trousse.loader import Kit
    from trousse.rules.registry import Context

i18n.register(
    {
        "evd.shallow": (
            "la trousse est dans un clone git superficiel (shallow) : son historique est incomplet et ne peut "
            "pas dater les preuves ; récupérez tout l'historique (git fetch --unshallow, ou fetch-depth: 0 "
            "dans GitHub Actions, GIT_DEPTH: 0 dans GitLab CI)",
            "the kit is in a shallow git clone: its history is incomplete and cannot date evidence; fetch the "
            "full history (git fetch --unshallow, or fetch-depth: 0 in GitHub Actions, GIT_DEPTH: 0 in GitLab CI)",
        ),
        "evd.cmd_not_repo": (
            "la trousse n'est pas dans un dépôt git : aucune preuve ne peut être datée ; lancez « git init » "
            "puis committez la trousse",
            "the kit is not inside a git repository: no evidence can be dated; run 'git init' and commit the kit",
        ),
        "evd.cmd_no_git": ("git n'est pas installé : aucune preuve ne peut être datée ; installez git",
                           "git is not installed: no evidence can be dated; install git"),
        "evd.git_failed": ("git n'a pas pu lire l'historique : {error}", "git could not read the history: {error}"),
    }
)

DEFAULT_MINIMUM = Period(3, "months")
DEFAULT_TOLERANCE = Period(7, "days")

# Record statuses. Only "ok" records count as proof.
OK, UNCOMMITTED, LATER, BACKFILLED, FUTURE = "ok", "uncommitted", "not-yet", "back-filled", "future-dated"


class Progress(Protocol):
    """A progress display for the history pass (the CLI draws it; core code never prints)."""

    def update(self, done: int) -> None: ...
    def close(self) -> None: ...


ProgressFactory = Callable[[Callable[[], int]], Progress]
_progress_factory: ProgressFactory | None = None


def set_progress(factory: ProgressFactory | None) -> None:
    """Install how to show progress while history is read: ``factory(total)`` gets a function
    that counts the commits (called only if a display is shown) and returns a :class:`Progress`."""
    global _progress_factory
    _progress_factory = factory


@dataclass
class RecordEvidence:
    """One record and what git proves about it."""

    path: str
    id: str
    artefact: str
    process: str | None
    declared: dt.date
    evidence: dt.date | None
    commit: str | None
    author: str | None
    status: str
    source: Any = field(default=None, repr=False, compare=False)  # the record model

    @property
    def where(self) -> tuple[str, int, int]:
        """File, line and column of the declared date (looked up only for a finding)."""
        where: tuple[str, int, int] = self.source.where("date") if self.source is not None else (self.path, 1, 1)
        return where

    def as_dict(self) -> dict[str, Any]:
        """The contract's keys, then ours."""
        return {
            "path": self.path, "id": self.id, "process": self.process,
            "declared_date": self.declared.isoformat(),
            "evidence_date": self.evidence.isoformat() if self.evidence else None,
            "commit": self.commit, "author": self.author, "artefact": self.artefact,
            "status": self.status,
        }


@dataclass
class Evidence:
    """The evidence of a kit as it stands on ``as_of``."""

    as_of: dt.date
    minimum: Period
    tolerance: Period
    repository: str | None  # "ok", or why evidence cannot be established: "not-a-repo", "no-git"
    history: History | None = None
    records: list[RecordEvidence] = field(default_factory=list)
    processes: list[ProcessEvidence] = field(default_factory=list)
    kit: KitReadiness | None = None

    @property
    def available(self) -> bool:
        """Whether git history could date the records."""
        return self.repository == "ok"

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``trousse evidence`` (contract keys first; stable order)."""
        hist = self.history
        return {
            "as_of": self.as_of.isoformat(),
            "minimum_history": str(self.minimum),
            "backdating_tolerance": str(self.tolerance),
            "repository": self.repository,
            "head": hist.head if hist else None,
            "commits": hist.commits if hist else 0,
            "kit": self.kit.as_dict() if self.kit else None,
            "processes": [p.as_dict() for p in self.processes],
            "records": [r.as_dict() for r in self.records],
            "lost": [{"path": x.path, "commit": x.commit, "date": local_day(x.when).isoformat(),
                      "added_on": local_day(x.origin[1]).isoformat() if x.origin else None}
                     for x in sorted(hist.lost.values(), key=lambda x: x.path)] if hist else [],
            "out_of_order": [{"commit": d.commit, "date": d.when, "parent": d.parent,
                              "parent_date": d.parent_when} for d in hist.disorder] if hist else [],
        }


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


def read_history(kit_root: Path, cutoff: dt.date | None) -> tuple[str, History | None]:
    """Replay the history of the repository around ``kit_root`` (cached by HEAD under .git/)."""
    try:
        from trousse import gitio
    except ImportError:  # gitpython refuses to load without a git executable
        return "no-git", None
    if not gitio.git_available():
        return "no-git", None
    info = gitio.repo_info(kit_root)
    if info is None:
        return "not-a-repo", None
    if info.shallow:
        raise GitError(i18n.t("evd.shallow"))
    root = kit_root.resolve()
    top = info.toplevel.resolve()
    prefix = "" if root == top else root.relative_to(top).as_posix() + "/"
    if info.head is None:
        return "ok", History(None, prefix, cutoff)
    from trousse import evidence_cache

    key = (info.head, prefix, cutoff)
    cached = evidence_cache.load_history(info.git_dir, key)
    if isinstance(cached, History):
        return "ok", cached
    display = _progress_factory(lambda: gitio.count_commits(top, info.head or "HEAD")) if _progress_factory else None
    try:
        hist = replay(gitio.log_tokens(top, info.head), info.head, prefix, cutoff, _tracked,
                      display.update if display else None)
    except gitio.GitCommandError as exc:
        lines = str(exc.stderr or exc).strip().splitlines() or [""]
        raise GitError(i18n.t("evd.git_failed", error=lines[-1])) from None
    finally:
        if display is not None:
            display.close()
    evidence_cache.save_history(info.git_dir, key, hist)
    return "ok", hist


def date_records(kit: Kit, hist: History, tolerance: Period) -> list[RecordEvidence]:
    """Each record of the kit with its evidence date and status, sorted by path."""
    out = []
    for rec in kit.records:
        origin = hist.alive.get(rec.file)
        evidence = local_day(origin[1]) if origin else None
        if origin is None:
            status = UNCOMMITTED
        elif hist.cutoff is not None and evidence > hist.cutoff:  # type: ignore[operator]
            status, evidence, origin = LATER, None, None
        elif rec.date > evidence:  # type: ignore[operator]
            status = FUTURE
        elif rec.date < add_period(evidence, tolerance, -1):  # type: ignore[arg-type]
            status = BACKFILLED
        else:
            status = OK
        out.append(RecordEvidence(
            rec.file, rec.id, rec.artefact, kit.record_process(rec), rec.date, evidence,
            origin[0] if origin else None, origin[2] if origin else None, status, rec,
        ))
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


def compute_for_context(ctx: Context) -> Evidence:
    """The evidence a rule context asks for (``ctx.evidence``)."""
    return compute(ctx.kit, ctx.as_of, ctx.as_of_given)


def run_evidence(start: Path | None = None, *, lang: str | None = None, as_of: dt.date | None = None) -> Evidence:
    """``trousse evidence``: load the kit found at or above ``start`` and date its evidence.
    Without a git repository the evidence cannot be established: a :class:`GitError` (exit 2)."""
    from trousse.loader import load_kit

    kit = load_kit(start, lang)
    ev = compute(kit, as_of or dt.date.today(), as_of is not None)
    if not ev.available:
        raise GitError(i18n.t("evd.cmd_not_repo" if ev.repository == "not-a-repo" else "evd.cmd_no_git"))
    return ev
