"""What a kit is made of: its root (the folder holding ``trousse.yml``) and its files.

Every part that lists the kit's files (the loader, the caches' keys, the audit pack, the evidence
replay) asks this module, so that they all agree.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from trousse import i18n
from trousse.errors import KitNotFound

CONFIG = "trousse.yml"
NOT_KIT_FILES = ("readme.md", "lisezmoi.md")  # folder notes, never read as kit content


def find_root(start: Path | None = None) -> Path:
    """The kit root: the nearest folder at or above ``start`` holding trousse.yml."""
    start = (start or Path.cwd()).absolute()
    if not start.exists():
        raise KitNotFound(i18n.t("kit.no_dir", where=str(start)))
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder
    raise KitNotFound(i18n.t("kit.not_found", where=str(start)))


def rel(root: Path, path: Path) -> str:
    """Kit-relative path with forward slashes (string work: it runs once per file of the kit)."""
    base, full = str(root), str(path)
    if full.startswith(base) and full[len(base) : len(base) + 1] == os.sep:
        return full[len(base) + 1 :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def walk(root: Path, folder: str, suffixes: tuple[str, ...], recursive: bool) -> Iterator[Path]:
    base = root / folder
    if not base.is_dir():
        return
    if not recursive:
        for p in sorted(base.iterdir()):
            if p.is_file() and p.suffix in suffixes and not p.name.startswith("."):
                if p.name.lower() not in NOT_KIT_FILES:
                    yield p
        return
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower() in NOT_KIT_FILES:
                continue
            if os.path.splitext(name)[1] in suffixes:
                yield Path(dirpath) / name
