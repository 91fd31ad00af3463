"""Reading and parsing a large kit's files on every core.

A kit of thousands of records spends most of a cold ``check`` composing YAML, one file after
another, in one process. Here the files are handed, in slices of the sorted list, to a pool of
worker processes: each reads its files (the same checks as :meth:`Inventory.read`), decodes them,
composes them with libyaml and encodes them for the parse cache; the parent takes the slices back
in the order it gave them and validates each file against its schema while the workers go on.
Whatever a worker finds (a file that is a link, too large, not UTF-8, not valid YAML) comes back
as the same problem the single-process reader raises, so the findings, their order and every
byte of the output are the same with or without the pool.

A worker runs no code of the kit: it only reads bytes and composes YAML (no tags construct
objects: :mod:`trousse.yamlio`). The pool is started only for a kit with at least
:data:`THRESHOLD` files to parse (a small kit stays in one process: starting workers costs more
than it saves) and only when more than one job is allowed: ``--jobs N`` on ``check`` and
``evidence``, else the environment variable ``TROUSSE_JOBS``, else the number of cores the
process may use. ``--jobs 1`` (or ``TROUSSE_JOBS=1``) never starts one.

Workers run at a lower priority than the parent (:data:`WORKER_NICE`): the history's replay in the
parent, and the ``git log`` that feeds it, go first. Workers are started by ``fork`` where the
system has it and the process runs a single thread (nothing to copy but memory, and the parse cache
already read is shared for free), else by ``spawn``: the worker function and everything it
receives are plain, importable and picklable.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trousse import i18n
from trousse.cache import ParseCache, json_text
from trousse.inventory import FileProblem, Inventory, blob_id
from trousse.yamlio import Parsed, YamlProblem, parse_markdown, parse_yaml, read_text

if TYPE_CHECKING:  # multiprocessing is imported only when a pool starts (start-up time)
    from concurrent.futures import Executor, Future

# Below this many files to parse, one process is as fast or faster. Measured on 2 cores with the
# bench's kits (load_kit, cold, median of 5): the pool costs about 0.05 s of CPU (fork, sending the
# values back), saves nothing at 200 or 400 records, breaks even near 800, saves a fifth of load_kit's
# time at 1,600 and over a quarter at 10,000 (machine shared, load 5 to 11): a kit under 1,000 files
# stays in one process, so the start-up of a small kit does not change.
THRESHOLD = 1000
# Files per slice: large enough that sending a slice costs little, small enough that the parent
# validates the first slices while the workers compose the next ones.
SLICE = 250
_ENV = "TROUSSE_JOBS"
# Workers run this much below normal priority. While they compose the files, the parent process
# validates what they send and replays the git history that the single ``git log`` streams: on a
# large history that stream is the longest task of all, and on two cores it ran at half speed beside
# the workers, leaving the second core idle at the end while the replay finished. Lower-priority
# workers take the CPU the others leave: 100,000 records / 200,000 commits, 2 cores, cold check
# 22.0 s -> 20.7 s (nice 10: 20.9 s); 10,000 records, no difference beyond the noise.
WORKER_NICE = 5

_jobs: list[int] = []  # set by the command line (--jobs); else the environment, else the cores


def set_jobs(jobs: int | None) -> None:
    """Use at most ``jobs`` processes to read the kit (``None``: the default); 1 disables the pool."""
    _jobs.clear()
    if jobs is not None:
        _jobs.append(max(1, jobs))


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def jobs() -> int:
    """How many processes may read the kit: ``--jobs``, else ``TROUSSE_JOBS``, else the cores."""
    if _jobs:
        return _jobs[0]
    raw = os.environ.get(_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return cores()


# ---------------------------------------------------------------- inside a worker
# What a worker sends back for one file, as plain tuples (pickled by the pool):
#   ("ok", parsed, key, encoded)  parsed; ``encoded`` is its parse-cache entry (as JSON text from a
#                                 worker), ``parsed`` itself when the parent encodes it at its save
#                                 (ParseCache.defer), None when it came from the cache (or it is off)
#   ("file", kind, detail, size, limit)            a FileProblem
#   ("yaml", kind value, message, line, column)    a YamlProblem
Result = tuple[Any, ...]

_state: dict[str, Any] = {}


def _init(
    root: str, limit: int, lang: str, entries: dict[str, Any] | None, cache_on: bool, defer: bool = False
) -> None:
    """Set up a worker: the kit's folder, the file size limit, the message language and the parse
    cache's entries (None under fork: the parent's are inherited with its memory); ``defer``: the
    parent encodes the cache's entries when it saves them (the workers send the files only)."""
    i18n.set_language(lang)
    if hasattr(os, "nice"):  # below the git log and this process's parent (WORKER_NICE)
        try:
            os.nice(WORKER_NICE)
        except OSError:
            pass
    _state["inventory"] = Inventory(Path(root), ())
    _state["limit"] = limit
    _state["cache_on"] = cache_on
    _state["defer"] = defer
    if entries is not None:
        _state["entries"] = entries


def parse_one(inventory: Inventory, name: str, raw: bytes | None, limit: int, cache: ParseCache | None) -> Result:
    """Read (unless ``raw`` is given), decode and compose one file; what :data:`Result` says."""
    suffix = os.path.splitext(name)[1]
    try:
        if raw is None:
            raw = inventory.read(name, limit)
        key = blob_id(raw) + suffix if cache is not None else ""
        parsed = cache.get(key) if cache is not None else None
        if parsed is not None:
            return ("ok", parsed, key, None)
        text = read_text(raw)
        parsed = parse_markdown(text) if suffix == ".md" else parse_yaml(text)
    except FileProblem as exc:
        return ("file", exc.kind, exc.detail, exc.size, exc.limit)
    except YamlProblem as exc:
        return ("yaml", exc.kind.value, exc.message, exc.line, exc.column)
    encoded = cache.encode(parsed) if cache is not None else None
    return ("ok", parsed, key, encoded)


def parse_slice(names: list[str], raws: list[bytes | None] | None = None) -> list[Result]:
    """The worker's task: one :data:`Result` per file of ``names``, in that order."""
    inventory: Inventory = _state["inventory"]
    limit: int = _state["limit"]
    cache = ParseCache.shared(_state.get("entries"), _state.get("defer", False)) if _state["cache_on"] else None
    if raws is None:
        results = [parse_one(inventory, name, None, limit, cache) for name in names]
    else:
        results = [parse_one(inventory, name, raw, limit, cache) for name, raw in zip(names, raws, strict=True)]
    return [_light(result) for result in results]


def _light(result: Result) -> Result:
    """A worker's result as sent to the parent: a file just composed and encoded for the parse cache
    goes back with its positions as the entry's flat list instead of its tables of paths, which the
    parent rebuilds only for a file a finding names (:class:`Parsed`), and with its cache entry as
    JSON text (one string to send, and nothing left to encode in the parent)."""
    if result[0] != "ok" or result[3] is None or type(result[3]) is Parsed:  # nothing encoded here
        return result
    _ok, parsed, key, encoded = result
    # the entry as JSON text: one string to send, written as it is by the parent (ParseCache.save)
    return ("ok", Parsed.from_flat(parsed.data, encoded[1], parsed.body, parsed.body_line), key, json_text(encoded))


# ---------------------------------------------------------------- in the parent
def _context() -> Any:
    """fork when the system has it and no other thread runs (forking threads can deadlock),
    else spawn."""
    import multiprocessing  # noqa: PLC0415

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Pool:
    """Workers composing the files of one kit load; :meth:`results` yields them in order."""

    def __init__(self, root: Path, limit: int, workers: int, cache: ParseCache | None) -> None:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        ctx = _context()
        fork = ctx.get_start_method() == "fork"
        cache_on = cache is not None and cache.git_dir is not None
        entries = cache.raw if cache_on and cache is not None else {}
        if fork:  # inherited: set here, in the parent, before the workers are forked
            _state["entries"] = entries
        self.executor: Executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_init,
            initargs=(
                str(root),
                limit,
                i18n.language(),
                None if fork else entries,
                cache_on,
                cache is not None and cache.defer,
            ),
        )
        self.workers = workers
        self.futures: list[tuple[list[str], Future[list[Result]]]] = []

    def submit(self, names: list[str], raws: list[bytes | None] | None = None) -> None:
        """Queue ``names`` (with their bytes when already read: a commit's blobs), in slices."""
        # At least four slices per worker, so that none waits while another finishes a long one.
        size = max(25, min(SLICE, -(-len(names) // (4 * self.workers))))
        for start in range(0, len(names), size):
            part = names[start : start + size]
            got = raws[start : start + size] if raws is not None else None
            try:
                future = self.executor.submit(parse_slice, part, got)
            except RuntimeError:  # a worker died already (killed, out of memory): the rest is read here
                return
            self.futures.append((part, future))

    def results(self) -> Iterator[tuple[str, Result]]:
        """Every file queued, with its result, in the order queued."""
        for names, future in self.futures:
            yield from zip(names, future.result(), strict=True)

    def close(self) -> None:
        """Stop the workers (at once when the load failed half-way)."""
        for _names, future in self.futures:
            future.cancel()
        self.executor.shutdown(wait=True, cancel_futures=True)
        _state.pop("entries", None)


def start(root: Path, names: list[str], limit: int, cache: ParseCache | None) -> Pool | None:
    """A pool composing ``names`` when the kit is large enough and more than one job is allowed."""
    workers = jobs()
    if workers < 2 or len(names) < THRESHOLD:
        return None
    try:
        pool = Pool(root, limit, workers, cache)
    except (OSError, ValueError, NotImplementedError):  # no processes here: read in one
        return None
    pool.submit(names)
    return pool


def as_parsed(result: Result) -> Parsed:
    """The Parsed value of an ``"ok"`` result."""
    parsed: Parsed = result[1]
    return parsed
