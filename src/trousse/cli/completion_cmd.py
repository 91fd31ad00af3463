"""`trousse completion SHELL`: the shell completion script (declared in :mod:`trousse.cli.completion`,
beside the functions that complete the kit's ids)."""

from __future__ import annotations

from trousse.cli.completion import add

__all__ = ["add"]
