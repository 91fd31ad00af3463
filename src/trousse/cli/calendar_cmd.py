"""`trousse calendar [KIT]`: what is due, done and missed (placeholder until written)."""

from __future__ import annotations

import typer


def add(app: typer.Typer) -> None:
    """Declare ``trousse calendar`` on ``app``."""
