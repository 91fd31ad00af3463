"""Where trousse's shipped data lives: the kit templates and standard packs (``kit-templates``)
and the example kits (``examples``).

Both are found through :func:`importlib.resources.files` on the ``trousse`` package: a wheel
ships them inside the package (``trousse/kit-templates``, ``trousse/examples``). A source checkout
or an editable install has them at the top of the source tree instead, beside ``src/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def _shipped(name: str) -> Path:
    """The shipped folder ``name`` as a real folder on disk (imports are local: start-up)."""
    from importlib.resources import files

    package = files("trousse")
    inside = package / name
    if inside.is_dir():
        if isinstance(inside, Path):
            return inside
        # A package imported from a zip: the folder is extracted once, for this process.
        import atexit
        from contextlib import ExitStack
        from importlib.resources import as_file

        stack = ExitStack()
        atexit.register(stack.close)
        return stack.enter_context(as_file(inside))  # pragma: no cover - zip imports only
    # A source checkout or an editable install: src/trousse -> the top of the tree.
    source = Path(str(package)).resolve().parents[1] / name
    if source.is_dir():
        return source
    raise RuntimeError(f"{name} not found: the trousse installation is incomplete")


@lru_cache(maxsize=1)
def templates_root() -> Path:
    """The ``kit-templates`` folder."""
    return _shipped("kit-templates")


def standards_dir() -> Path:
    """The shipped standard packs."""
    return templates_root() / "standards"


@lru_cache(maxsize=1)
def examples_root() -> Path:
    """The ``examples`` folder (one example kit per language)."""
    return _shipped("examples")
