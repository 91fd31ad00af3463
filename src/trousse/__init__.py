"""trousse: a very small organisation's management system kept as code in git."""

# The one place the version is written (pyproject.toml reads it from here): importing
# importlib.metadata to ask the installed package would cost more than the rest of `--version`.
__version__ = "0.1.0"

__all__ = ["__version__"]
