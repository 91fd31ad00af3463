"""trousse: a very small organisation's management system kept as code in git."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata on first use only: importing
    # importlib.metadata costs more than the rest of `trousse --help` together.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("trousse")
        except PackageNotFoundError:  # running from a source tree that was not installed
            value = "0.0.0+source"
        globals()["__version__"] = value
        return value
    raise AttributeError(name)
