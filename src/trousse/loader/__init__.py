"""Read a whole kit once (:mod:`trousse.loader.read`): configuration, packs, roles, processes,
documents, records, audits...

The package itself imports nothing heavy, so that :mod:`trousse.loader.early` can start the workers
that compose a large kit's files before the command imports the schemas and the rules; its names
are those of :mod:`trousse.loader.read`, imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trousse.loader.read import YAML_RULES, load_kit, read_config

__all__ = ["YAML_RULES", "load_kit", "read_config"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from trousse.loader import read  # noqa: PLC0415 - the schemas, on first use

        return getattr(read, name)
    raise AttributeError(f"module 'trousse.loader' has no attribute {name!r}")
