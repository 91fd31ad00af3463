"""The evidence trail: each record dated by git, each process's history, the kit's readiness.

Definitions (kit-format.md, "Evidence: what git proves"): a record's *evidence date* is the
committer date, in the committer's own time zone, of the earliest commit reachable from HEAD
that added it, renames followed. A record whose declared ``date`` lies before its evidence date
by more than the tolerance is *back-filled*; one whose declared date lies after it is
*future-dated*; neither counts as proof, nor does a record not committed (yet, or as of
``--as-of``), nor one that fails its schema (listed as *uncounted*, with the reason). A process
meets its minimum history on a day when its evidence goes back far enough with no silence
longer than allowed in the window (:mod:`~trousse.evidence.periods`). Signed records altered
after their signature are listed (:mod:`~trousse.evidence.integrity`), and so is the
certification cycle (:mod:`~trousse.evidence.certification`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trousse import i18n
from trousse.errors import GitError, TrousseError
from trousse.evidence import certification, integrity, lineage
from trousse.evidence.dates import local_day
from trousse.evidence.history import History, Version, explicitly_watched, replay, rewatch
from trousse.evidence.model import Evidence, ProgressFactory, RecordEvidence, RecordStatus, Repository, Uncounted
from trousse.evidence.periods import build_processes
from trousse.evidence.readiness import assess
from trousse.inventory import glob_regex
from trousse.models.common import Period

if TYPE_CHECKING:
    from trousse.kit import Kit
    from trousse.models import KitConfig


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


def _tracker(globs: list[str]) -> Callable[[str], bool]:
    """``_tracked``, and the records trousse.yml's ``locations`` finds elsewhere."""
    if not globs:
        return _tracked
    patterns = [glob_regex(g) for g in globs]

    def tracked(path: str) -> bool:
        if _tracked(path):
            return True
        name = path.rsplit("/", 1)[-1].lower()
        if not name.endswith((".yml", ".yaml", ".md")) or name in ("readme.md", "lisezmoi.md"):
            return False
        return any(p.fullmatch(path) for p in patterns)

    return tracked


def read_history(
    kit_root: Path,
    cutoff: dt.date | None,
    snapshot: str | None = None,
    kit: Kit | None = None,
    later: list[Callable[[], None]] | None = None,
) -> tuple[Repository, History | None]:
    """Replay the history of the repository around ``kit_root`` up to HEAD, or with ``--as-of`` up
    to the commit the kit was read from (``snapshot``), so that paths are those of that commit
    (cached by that commit under .git/). With ``kit``, the same pass keeps the revisions of its
    documents and evidence sources and confirms its records' ``formerly`` claims. With ``later``,
    the save of a history just replayed is appended to it instead of done (for another process)."""
    from trousse import gitio

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

    head = snapshot or info.head
    watched = lineage.watched(kit, prefix) if kit is not None else frozenset()
    claims = lineage.claims(kit) if kit is not None else []
    globs = list(kit.config.locations.records) if kit is not None else []
    asked = hashlib.sha1("\0".join([*sorted(watched), "", *claims, "", *globs]).encode()).hexdigest()  # noqa: S324 - a cache key
    key = (head, prefix, asked, cutoff)
    cached = cache.load_history(info.git_dir, key, History)
    if isinstance(cached, History):
        return Repository.OK, cached
    early = _EARLY.pop(str(root), None)
    display = None
    try:
        hist = early.result(head, prefix, cutoff, watched, claims, globs) if early is not None else None
        if hist is None:
            display = _progress_factory(lambda: gitio.count_commits(top, head)) if _progress_factory else None
            hist = replay(
                gitio.log_tokens(top, head),
                head,
                prefix,
                cutoff,
                _tracker(globs),
                display.update if display else None,
                watched,
                claims,
            )
    except gitio.GitCommandError as exc:
        lines = str(exc.stderr or exc).strip().splitlines() or [""]
        raise GitError(i18n.t("evd.git_failed", error=lines[-1])) from None
    finally:
        if display is not None:
            display.close()
    if later is not None:
        later.append(partial(cache.save_history, info.git_dir, key, hist))
    else:
        cache.save_history(info.git_dir, key, hist)
    return Repository.OK, hist


# Histories read ahead of compute() (:func:`read_ahead`), by what compute() asks read_history.
_AHEAD: dict[tuple[str, dt.date | None, str | None], tuple[Repository, History | None]] = {}


def _cutoff(as_of: dt.date, as_of_given: bool) -> dt.date | None:
    return as_of if as_of_given else None


def read_ahead(kit: Kit, as_of: dt.date, as_of_given: bool = False) -> list[Callable[[], None]]:
    """Read now the history :func:`compute` will read for ``kit`` and keep it for it; return the
    saves left to do (the check engine has a child process write them: :mod:`trousse.check.apart`).
    Any problem is left for :func:`compute` to meet again and report (nothing is kept then)."""
    later: list[Callable[[], None]] = []
    cutoff = _cutoff(as_of, as_of_given)
    try:
        got = read_history(kit.root, cutoff, kit.snapshot, kit, later)
    except Exception:  # noqa: BLE001 - compute() reads it again and reports the problem in its place
        return []
    _AHEAD[(str(kit.root), cutoff, kit.snapshot)] = got
    return later


class _Early:
    """A history replayed in a thread while the kit is still being read (a large kit, read by the
    loader's worker processes, which leave this process waiting): with what the kit's files will
    ask (the paths it watches, its ``formerly`` claims) guessed from trousse.yml alone. The guess
    is used only when the kit read agrees with it; otherwise the history is replayed as usual."""

    def __init__(self, top: Path, head: str, prefix: str, globs: list[str], watched: frozenset[str]) -> None:
        import threading  # noqa: PLC0415

        self.head, self.prefix, self.globs, self.watched = head, prefix, globs, watched
        self.every_revision: dict[str, list[Version]] = {}
        self.hist: History | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(top,), name="trousse-history", daemon=True)
        self.thread.start()

    def _run(self, top: Path) -> None:
        from trousse import gitio  # noqa: PLC0415

        try:
            self.hist = replay(
                gitio.log_tokens(top, self.head),
                self.head,
                self.prefix,
                None,
                _tracker(self.globs),
                None,
                self.watched,
                (),
                self.every_revision,
            )
        except BaseException as exc:  # noqa: BLE001 - met again (and reported) by the caller
            self.error = exc

    def result(
        self,
        head: str,
        prefix: str,
        cutoff: dt.date | None,
        watched: frozenset[str],
        claims: list[str],
        globs: list[str],
    ) -> History | None:
        """The history, when the kit read asks what was guessed; None to replay it as usual. git's
        own failures (it failed, or did not answer in time) are raised: replaying again would meet
        them again."""
        from trousse import gitio  # noqa: PLC0415

        self.thread.join()
        if isinstance(self.error, (gitio.GitCommandError, TrousseError)):
            raise self.error
        if (
            self.error is not None
            or self.hist is None
            or (head, prefix, cutoff, globs) != (self.head, self.prefix, None, self.globs)
            or claims
            or explicitly_watched(watched) != explicitly_watched(self.watched)
        ):
            return None
        return rewatch(self.hist, self.every_revision, watched)


_EARLY: dict[str, _Early] = {}


def settle() -> None:
    """Wait until a history replayed early (:func:`replay_early`) is done: this process then runs
    one thread again (the check engine forks a child after it: :mod:`trousse.check.apart`)."""
    for early in list(_EARLY.values()):
        early.thread.join()


def replay_early(kit_root: Path, config: KitConfig) -> None:
    """Start replaying the history of the kit at ``kit_root`` in a thread, now (:class:`_Early`), when
    it is not already saved for HEAD. Called by the loader once its worker processes are started
    (a process must not be forked once threads run). Anything unusual is left to :func:`read_history`."""
    from trousse import cache, gitio  # noqa: PLC0415

    if config.locations.records:  # signed records found through locations are watched: known later
        return
    try:
        info = gitio.repo_info(kit_root)
        if info is None or info.head is None or info.shallow or cache.history_saved_for(info.git_dir, info.head):
            return
        root = kit_root.resolve()
        top = info.toplevel.resolve()
        prefix = "" if root == top else root.relative_to(top).as_posix() + "/"
    except Exception:  # noqa: BLE001 - read_history meets (and reports) the same problem
        return
    sources = {s.path.strip("/") for s in config.evidence.sources}
    watched = frozenset(prefix + s for s in sources if s and s != "?")
    _EARLY[str(root)] = _Early(top, info.head, prefix, [], watched)


def date_records(
    kit: Kit, hist: History, tolerance: Period, holders: dict[str, str] | None = None
) -> list[RecordEvidence]:
    """Each record of the kit with its evidence date and status, sorted by path; ``holders``: which
    record each claimed past file dates (:func:`lineage.claim_holders`, computed when not given)."""
    out = []
    if holders is None:
        holders = lineage.claim_holders(kit, hist, _named_at_creation(kit, hist))
    for rec in kit.records:
        origin, why = lineage.first_evidence(rec, hist, holders)
        evidence = local_day(origin[1]) if origin else None
        own = lineage.tolerance_of(kit, rec.artefact, tolerance)
        if origin is None or evidence is None:
            status = RecordStatus.UNCOMMITTED
        elif hist.cutoff is not None and evidence > hist.cutoff:
            status, evidence, origin = RecordStatus.LATER, None, None
        else:
            status = lineage.judge(rec.date, rec.recorded_on, evidence, own)
            if status == RecordStatus.BACKFILLED and rec.source_system:
                status = RecordStatus.SOURCE_DATED  # imported late: its ticketing tool dates it, not git
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
                recorded=rec.recorded_on,
                tolerance=own if own is not tolerance else None,
                lineage=why if origin is not None else None,
                accepted=status == RecordStatus.SOURCE_DATED and kit.config.evidence.accept_source_dated,
            )
        )
    # a source's commit that a record's confirmed claim continues counts once: as that record
    claims = [(r.lineage or "", r.commit) for r in out]
    taken = {(lineage.claimed_path(why[9:]), commit) for why, commit in claims if why.startswith("formerly:")}
    out += [s for s in lineage.source_records(kit, hist) if (hist.prefix + s.path, s.commit) not in taken]
    return sorted(out, key=lambda r: (r.path, r.id))


def uncounted(kit: Kit) -> list[Uncounted]:
    """Record and audit files that could not be read as their kind, with the first reason given
    (a YML or SCH finding), sorted by path: they are not counted as evidence."""
    reasons: dict[str, tuple[str, str]] = {}
    for f in sorted(kit.findings, key=lambda f: (f.path, f.line, f.column)):
        if f.path in kit.broken and f.path not in reasons:
            reasons[f.path] = (f.message, f.rule)
    out = []
    elsewhere = [glob_regex(g) for g in kit.config.locations.records]
    for path in sorted(kit.broken):
        if not path.startswith(("records/", "audits/")) and not any(p.fullmatch(path) for p in elsewhere):
            continue
        parsed = kit.files.get(path)
        art_id = parsed.data.get("artefact") if parsed is not None and isinstance(parsed.data, dict) else None
        art = kit.artefacts.get(art_id) if isinstance(art_id, str) else None
        process = (
            parsed.data.get("process") if parsed is not None and isinstance(parsed.data.get("process"), str) else None
        ) or (art.process if art is not None else None)
        if path.startswith("audits/"):
            process = None
        message, rule = reasons.get(path, ("", ""))
        out.append(Uncounted(path, message, process, rule or None))
    return out


def _toplevel(kit_root: Path, prefix: str) -> Path:
    top = kit_root.resolve()
    for _ in prefix.strip("/").split("/") if prefix else ():
        top = top.parent
    return top


def _named_at_creation(kit: Kit, hist: History) -> Callable[[Any, str], bool]:
    """Whether a record named an attachment in the commit that added it (its text at that commit,
    read from git only for a record whose attachment is older than itself)."""
    top = _toplevel(kit.root, hist.prefix)

    def named(rec: Any, att: str) -> bool:
        own = hist.alive.get(rec.file)
        if own is None:
            return False
        from trousse import gitio  # noqa: PLC0415 - only for an attachment older than its record

        try:
            text = gitio.run(top, "show", f"{own[0]}:{hist.prefix}{rec.file}")
        except (GitError, gitio.GitCommandError):  # not at that path then (moved in): not named there
            return False
        return att in text

    return named


def _read_blobs(top: Path, oids: list[str]) -> dict[str, bytes]:
    from trousse import gitio  # noqa: PLC0415 - only when a document changed after its approval

    return gitio.read_blobs(top, oids)


def compute(kit: Kit, as_of: dt.date, as_of_given: bool = False) -> Evidence:
    """The kit's evidence on ``as_of``; with ``as_of_given``, only commits made by that day count."""
    minimum, tolerance = policy(kit)
    cutoff = _cutoff(as_of, as_of_given)
    ahead = _AHEAD.pop((str(kit.root), cutoff, kit.snapshot), None)
    state, hist = ahead if ahead is not None else read_history(kit.root, cutoff, kit.snapshot, kit)
    ev = Evidence(as_of, minimum, tolerance, state, hist)
    ev.uncounted = uncounted(kit)
    ev.certification = certification.cycle(kit, as_of)
    if hist is None:
        return ev
    ev.claim_holders = lineage.claim_holders(kit, hist, _named_at_creation(kit, hist))
    ev.records = date_records(kit, hist, tolerance, ev.claim_holders)
    ev.documents = lineage.documents(kit, hist, tolerance)
    try:
        top = _toplevel(kit.root, hist.prefix)
        lineage.changed_after_approval(ev.documents, hist, lambda oids: _read_blobs(top, oids))
        if hist.versions or hist.revisions:  # revisions: signed records found through locations
            ev.integrity = integrity.check(kit, hist, top)
    except Exception as exc:  # a git failure while reading blobs: the same plain message as the log
        from trousse import gitio  # noqa: PLC0415

        if not isinstance(exc, gitio.GitCommandError):
            raise
        lines = str(exc.stderr or exc).strip().splitlines() or [""]
        raise GitError(i18n.t("evd.git_failed", error=lines[-1])) from None
    ev.processes = build_processes(kit, ev.records, as_of, minimum, tolerance)
    ev.kit = assess(kit, ev)
    return ev


def run_evidence(start: Path | None = None, *, lang: str | None = None, as_of: dt.date | None = None) -> Evidence:
    """``trousse evidence``: load the kit found at or above ``start`` and date its evidence.
    Without a git repository the evidence cannot be established: a :class:`GitError` (exit 2)."""
    from trousse.loader import load_kit  # noqa: PLC0415 - only the command reads a kit

    kit = load_kit(start, lang, as_of, replay_early if as_of is None else None)
    ev = compute(kit, as_of or dt.date.today(), as_of is not None)
    if not ev.available:
        raise GitError(i18n.t("evd.cmd_not_repo" if ev.repository == Repository.NOT_A_REPO else "evd.cmd_no_git"))
    return ev
