"""The command line. Only this package imports typer.

Each command lives in its own module, parses its options, calls one core function, prints its
result and returns an exit code. :func:`main` wraps them all: a :class:`TrousseError` is one plain
line and exit 2; anything else is a bug, logged to a file, exit 3.
"""

from __future__ import annotations

import sys

from trousse.cli.app import app, early_language, main

__all__ = ["app", "main", "early_language"]

# Registration of the commands (each module adds its own to `app`).
from trousse.cli import check_cmd, rules_cmd  # noqa: E402,F401

# One module per command; a module that is not there yet is skipped.
for _optional in ("init_cmd", "evidence_cmd", "report_cmd", "demo_cmd", "standards_cmd", "readiness_cmd"):
    try:
        __import__(f"trousse.cli.{_optional}")
    except ModuleNotFoundError as _exc:  # a command not written yet
        if _exc.name != f"trousse.cli.{_optional}":
            raise
del sys

from trousse.cli import verify_cmd  # noqa: E402 - the add(app) form

verify_cmd.add(app)
