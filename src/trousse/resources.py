"""Where the shipped kit templates and standard packs live (inside the wheel, or the source tree)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def templates_root() -> Path:
    """The ``kit-templates`` folder: shipped inside the package, or at the top of a source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "kit-templates", here.parents[1] / "kit-templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("kit-templates not found: the trousse installation is incomplete")


def standards_dir() -> Path:
    """The shipped standard packs."""
    return templates_root() / "standards"


@lru_cache(maxsize=1)
def examples_root() -> Path:
    """The ``examples`` folder (one example kit per language): shipped inside the package, or at
    the top of a source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "examples", here.parents[1] / "examples"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("examples not found: the trousse installation is incomplete")
