"""Caches under ``.git/trousse/``: the replayed history (keyed by HEAD's commit id) and parsed
files (keyed by their git blob id, so an unchanged file is never parsed twice).

Both live inside the repository's git folder: never committed, never pushed, and dropped with
the clone. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from trousse import __version__
from trousse.resources import templates_root


def _code_version() -> str:
    # The parser's own file date too, so that a changed parser (even unreleased) drops old entries.
    try:
        return str(Path(__file__).with_name("yamlio.py").stat().st_mtime_ns)
    except OSError:
        return "0"


VERSION = f"{__version__}:2:{_code_version()}"  # 2: History.versions
_DISABLE = "TROUSSE_NO_CACHE"


def enabled() -> bool:
    """False when the environment variable TROUSSE_NO_CACHE is set (benchmarks, debugging)."""
    return not os.environ.get(_DISABLE)


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError, IndexError):
        return None


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return


def load_history(git_dir: Path, key: tuple[object, ...]) -> Any:
    """The history saved for ``key`` (HEAD, kit folder, cut-off), or None."""
    if not enabled():
        return None
    name = "history-asof.pickle" if key[-1] is not None else "history.pickle"
    got = _read(git_dir / "trousse" / name)
    if isinstance(got, tuple) and len(got) == 2 and got[0] == (VERSION, *key):
        return got[1]
    return None


def save_history(git_dir: Path, key: tuple[object, ...], history: Any) -> None:
    """Save the history replayed for ``key``."""
    if not enabled():
        return
    name = "history-asof.pickle" if key[-1] is not None else "history.pickle"
    _write(git_dir / "trousse" / name, ((VERSION, *key), history))


def blob_id(raw: bytes) -> str:
    """The git blob id of a file's bytes (what ``git hash-object`` prints)."""
    h = hashlib.sha1(b"blob %d\0" % len(raw))  # noqa: S324 - git's own content address
    h.update(raw)
    return h.hexdigest()


def find_git_dir(start: Path) -> Path | None:
    """The git folder of the repository around ``start``, found without running git."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            try:
                line = dot.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            if line.startswith("gitdir:"):
                target = Path(line[7:].strip())
                return target if target.is_absolute() else (folder / target).resolve()
            return None
    return None


class ParseCache:
    """Parsed files by blob id, read once when the kit is loaded and saved back if it grew."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        if path is not None:
            got = _read(path)
            if isinstance(got, tuple) and len(got) == 2 and got[0] == VERSION:
                self.entries = got[1]

    @classmethod
    def for_kit(cls, root: Path) -> ParseCache:
        """The cache of the repository around ``root`` (a no-op cache outside git)."""
        git_dir = find_git_dir(root) if enabled() else None
        return cls(git_dir / "trousse" / "parse.pickle" if git_dir is not None else None)

    def get(self, key: str) -> Any:
        """The parsed value saved under ``key``, or None."""
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` for ``key``."""
        self.used[key] = value

    def save(self) -> None:
        """Write the entries used by this load (dropping those of files that are gone)."""
        if self.path is None or self.used.keys() == self.entries.keys():
            return
        _write(self.path, (VERSION, self.used))


# ---------------------------------------------------------------- whole command results
# A result is reused only when nothing it depends on has changed: the HEAD commit (which fixes every
# committed file by its blob id), the blob ids of the files that differ from HEAD or are untracked,
# the day and options of the run, the language, and trousse's own code and packs.

_KEEP = 8  # results kept per command: a few days, formats and languages


def _code_stamp() -> str:
    """trousse's version and the dates of its code and shipped packs: a changed install drops
    old results even when its version number did not move."""
    h = hashlib.sha1(__version__.encode())  # noqa: S324 - a cache key, not a security check
    for folder, pattern in ((Path(__file__).parent, "**/*.py"), (templates_root() / "standards", "*.yml")):
        for p in sorted(folder.glob(pattern)):
            try:
                st = p.stat()
            except OSError:
                continue
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


class ResultCache:
    """The cached result of one command run on one kit, with the key it was looked up by."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key

    @classmethod
    def open(cls, root: Path, command: str, options: dict[str, Any]) -> ResultCache:
        """The cache entry for ``command`` with ``options`` on the kit at ``root``."""
        if not enabled():
            return cls(None, "")
        from trousse import gitio  # noqa: PLC0415 - git only when a cache is used

        info = gitio.repo_info(root)
        if info is None or info.head is None or info.shallow:
            return cls(None, "")
        dirty = gitio.dirty_paths(root)
        if dirty is None:
            return cls(None, "")
        h = hashlib.sha1()  # noqa: S324 - a cache key
        h.update(
            json.dumps(
                [command, options, info.head, str(root.resolve()), _code_stamp()], sort_keys=True, default=str
            ).encode()
        )
        for name in dirty:
            try:
                raw = (root / name).read_bytes()
            except OSError:  # deleted in the work tree
                raw = b"\0deleted"
            h.update(f"{name}\0{blob_id(raw)}\0".encode())
        return cls(info.git_dir / "trousse" / "results" / f"{command}.pickle", h.hexdigest())

    def get(self) -> Any:
        """The saved result for this key, or None."""
        if self.path is None:
            return None
        got = _read(self.path)
        if isinstance(got, dict):
            return got.get(self.key)
        return None

    def put(self, value: Any) -> None:
        """Save ``value`` for this key (keeping a few recent keys of the same command)."""
        if self.path is None:
            return
        got = _read(self.path)
        entries = got if isinstance(got, dict) else {}
        entries.pop(self.key, None)
        entries[self.key] = value
        while len(entries) > _KEEP:
            entries.pop(next(iter(entries)))
        _write(self.path, entries)


def kit_root_for_cache(start: Path | None) -> Path | None:
    """The kit root for a cache lookup (None when there is no kit: the command reports it)."""
    from trousse.errors import TrousseError
    from trousse.inventory import find_root

    try:
        return find_root(start)
    except TrousseError:
        return None


def today_key() -> str:
    """The day that stands for 'today' in a key (results without --as-of change every day)."""
    import datetime as dt

    return dt.date.today().isoformat() + os.environ.get("TZ", "")
