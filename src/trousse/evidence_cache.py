"""Caches under ``.git/trousse/``: the replayed history (keyed by HEAD's commit id) and parsed
files (keyed by their git blob id, so an unchanged file is never parsed twice).

Both live inside the repository's git folder: never committed, never pushed, and dropped with
the clone. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from trousse import __version__


def _code_version() -> str:
    # The parser's own file date too, so that a changed parser (even unreleased) drops old entries.
    try:
        return str(Path(__file__).with_name("yamlio.py").stat().st_mtime_ns)
    except OSError:
        return "0"


VERSION = f"{__version__}:1:{_code_version()}"
_DISABLE = "TROUSSE_NO_CACHE"


def enabled() -> bool:
    """False when the environment variable TROUSSE_NO_CACHE is set (benchmarks, debugging)."""
    return not os.environ.get(_DISABLE)


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError,
            TypeError, IndexError):
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
