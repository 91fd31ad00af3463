"""A cache of whole command results (``check``, ``evidence``) under ``.git/trousse/results/``.

A result is reused only when nothing it depends on has changed: the HEAD commit (which fixes every
committed file by its blob id), the blob ids of the files that differ from HEAD or are untracked,
the day and options of the run, the language, and trousse's own code and packs. Outside a git
repository, or with TROUSSE_NO_CACHE set, nothing is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from trousse import __version__, gitio
from trousse.evidence_cache import _read, _write, blob_id, enabled
from trousse.resources import templates_root

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
        info = gitio.repo_info(root)
        if info is None or info.head is None or info.shallow:
            return cls(None, "")
        dirty = gitio.dirty_paths(root)
        if dirty is None:
            return cls(None, "")
        h = hashlib.sha1()  # noqa: S324 - a cache key
        h.update(json.dumps([command, options, info.head, str(root.resolve()), _code_stamp()],
                            sort_keys=True, default=str).encode())
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
    from trousse.loader import find_root

    try:
        return find_root(start)
    except TrousseError:
        return None


def today_key() -> str:
    """The day that stands for 'today' in a key (results without --as-of change every day)."""
    import datetime as dt

    return dt.date.today().isoformat() + os.environ.get("TZ", "")
