"""Options and helpers shared by several commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from trousse import i18n
from trousse.cli.plain import check_lang as check_lang
from trousse.cli.plain import parse_as_of as parse_as_of
from trousse.cli.plain import use_jobs as use_jobs

if TYPE_CHECKING:
    from trousse.cache import ResultCache


def lang_option() -> Any:
    """The ``--lang`` option, its help in the language of this run."""
    return typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en")


def as_of_option() -> Any:
    """The ``--as-of`` option, its help in the language of this run."""
    return typer.Option(None, "--as-of", help=i18n.t("opt.as_of"), metavar="YYYY-MM-DD")


def kit_argument() -> Any:
    """The optional ``KIT`` argument."""
    return typer.Argument(None, help=i18n.t("opt.kit"), metavar="KIT", show_default=False)


def __getattr__(name: str) -> Any:
    # The options as constants, for command modules written before help texts were built per run.
    if name == "LangOption":
        return lang_option()
    if name == "AsOfOption":
        return as_of_option()
    raise AttributeError(name)


def replay_cached(kit: Path | None, command: str, options: dict[str, Any]) -> ResultCache | None:
    """When the output is not a terminal, look the command's result up in the result cache: a hit
    is written out and ends the command; otherwise return the entry to fill (None: no caching)."""
    from trousse.cli.warm import lookup  # noqa: PLC0415

    cache, hit = lookup(kit, command, options)
    if hit is not None:
        sys.stdout.write(hit[0])
        raise typer.Exit(hit[1])
    return cache


def jobs_option() -> Any:
    """The ``--jobs N`` option of the commands that read a whole kit (check, evidence)."""
    return typer.Option(None, "--jobs", "-j", help=i18n.t("opt.jobs"), metavar="N", show_default=False)
