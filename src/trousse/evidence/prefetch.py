"""Start reading the git history early, on the core that start-up leaves idle.

``check`` and ``evidence`` read HEAD's whole history once (:func:`trousse.gitio.log_tokens`), after
the kit is loaded. git's own walk of the history (about a quarter of a cold ``check`` on a kit of
10,000 records) does not depend on the kit's files, so it is started as soon as the command knows
the kit's folder: git walks the history while trousse imports its modules and reads the kit.

Nothing is started when the history saved under ``.git/trousse/`` is already that of HEAD (the
replay is then read from the cache), with ``--as-of`` (the commit read is known only later), in a
shallow clone or an empty repository. This is an optimisation only: whatever goes wrong here is
left for the history reader to meet and report in its own words.
"""

from __future__ import annotations

from pathlib import Path


def start(kit: Path | None) -> None:
    """Start the ``git log`` of the repository around the kit found at or above ``kit``."""
    from trousse import cache, gitio  # noqa: PLC0415
    from trousse.inventory import find_root  # noqa: PLC0415

    try:
        root = find_root(kit)
        if not gitio.git_available():
            return
        info = gitio.repo_info(root)
        if info is None or info.head is None or info.shallow:
            return
        if cache.history_saved_for(info.git_dir, info.head):
            return
        gitio.prefetch_log(info.toplevel, info.head)
    except Exception:  # noqa: BLE001 - an optimisation: the reader reports any problem itself
        return
