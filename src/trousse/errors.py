"""Exit codes and the errors a user can fix.

A :class:`TrousseError` is something the user can act on: the CLI prints its message on one line
and exits with :data:`EXIT_USAGE`. Any other exception is a bug: exit :data:`EXIT_BUG`.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_PIPE = 141  # standard output closed early (128 + SIGPIPE, as a program the pipe stopped)


class TrousseError(Exception):
    """An error the user can fix. ``message`` is already in the user's language."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"


class KitNotFound(TrousseError):
    """No trousse.yml in the folder or any of its parents."""


class ConfigError(TrousseError):
    """trousse.yml or a command-line value cannot be used."""


class WouldOverwrite(TrousseError):
    """A command would write over a file the user already has."""


class GitError(TrousseError):
    """The git repository cannot be read as evidence (shallow clone, broken repository...)."""


class MissingExtra(TrousseError):
    """An optional dependency is not installed."""
