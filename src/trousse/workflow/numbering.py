"""The next free id in a kit's numbering (``INC-2026-0043``), that never reuses a number.

A number is taken when any file of the kit's history bore it: the ids of the kit as it stands,
the names of its files in the work tree (even uncommitted or unreadable), every path that git
history ever added, renamed or deleted, and the ids written in the files it deleted. A record
renamed or deleted keeps its number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from trousse import gitio
from trousse.kit import Kit

FOLDERS = ("records", "audits", "actions")


_DELETED_ID = re.compile(r"^-id:\s*[\"']?([^\s\"'#]+)", re.MULTILINE)


def _history_names(root: Path) -> set[str]:
    """The stems of every file git history ever held under the kit's record folders, and the ids
    written inside every file it deleted (a record renamed ``panne.yml`` and then deleted keeps
    its id: the name alone does not tell it)."""
    try:
        out = gitio.run(root, "log", "--all", "--format=", "--name-only", "--no-renames", "--", *FOLDERS)
        gone = gitio.run(root, "log", "--all", "--format=", "-p", "--no-renames", "--diff-filter=D", "--", *FOLDERS)
    except gitio.GitCommandError:  # no repository, or no commit yet
        return set()
    names = {PurePosixPath(line).stem for line in out.splitlines() if line.strip()}
    return names | set(_DELETED_ID.findall(gone))


def taken_ids(kit: Kit) -> set[str]:
    """Every id the kit uses or ever used (see the module docstring)."""
    ids: set[str] = {r.id for r in kit.records} | {a.id for a in kit.actions} | {a.id for a in kit.audits}
    ids |= {f.id for a in kit.audits for f in a.findings}
    for folder in FOLDERS:
        base = kit.root / folder
        if base.is_dir():
            ids |= {p.stem for p in base.rglob("*") if p.is_file()}
    return ids | _history_names(kit.root)


def placeholder_parts(placeholder: str) -> tuple[str, int]:
    """The prefix and the number width of a form's id placeholder (``INC-YYYY-NNNN``)."""
    m = re.match(r"^(.*?)-(?:YYYY|AAAA)-(N+)$", placeholder.strip().strip("\"'"))
    if m:
        return m[1], len(m[2])
    head = placeholder.split("-")[0].strip().strip("\"'")
    return (head or "REC"), 4


_NUMBERED = re.compile(r"^(.+)-(\d{4})-(\d+)$")


def kit_prefix(ids: Iterable[str]) -> str | None:
    """The prefix most of ``ids`` are numbered under (``RDD`` for ``RDD-2026-0001``...), None when
    none is numbered PREFIX-YEAR-N: the kit's own numbering of a type wins over its form's."""
    prefixes = Counter(m[1] for i in ids if (m := _NUMBERED.match(i)))
    return prefixes.most_common(1)[0][0] if prefixes else None


def next_id(taken: set[str], prefix: str, year: int, width: int) -> str:
    """The next free ``PREFIX-YEAR-NNNN``: one more than the highest number ever used that year,
    written as wide as the kit's existing ids of that prefix (else ``width``)."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d{{4}})-(\d+)$")
    numbers = [int(m[2]) for i in taken if (m := pattern.match(i)) and int(m[1]) == year]
    widths = Counter(len(m[2]) for i in taken if (m := pattern.match(i)))
    if widths:
        width = widths.most_common(1)[0][0]
    return f"{prefix}-{year}-{(max(numbers, default=0) + 1):0{width}d}"
