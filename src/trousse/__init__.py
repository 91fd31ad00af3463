"""trousse: a very small organisation's management system kept as code in git."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("trousse")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
