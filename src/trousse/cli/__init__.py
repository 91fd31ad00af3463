"""The command line. Only this package imports typer and rich.

Each command lives in its own module (``*_cmd.py``) with an ``add(app)`` function that declares it;
the command parses its options, calls one core function, prints its result and returns an exit
code. :func:`main` decides the language, builds the application in it and runs it: a
:class:`TrousseError` is one plain line and exit 2; anything else is a bug, logged to a file, exit 3.
"""

from __future__ import annotations

from trousse.cli.app import main, run

__all__ = ["main", "run"]
