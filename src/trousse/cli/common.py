"""Options and helpers shared by several commands."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from trousse import i18n
from trousse.cli.warm import AS_OF_RANGE
from trousse.errors import ConfigError

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


def parse_as_of(value: str | None) -> dt.date | None:
    """The --as-of date, or a :class:`ConfigError`."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(i18n.t("opt.bad_date", value=value)) from None
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        first, last = (d.isoformat() for d in AS_OF_RANGE)
        raise ConfigError(i18n.t("opt.date_range", value=value, first=first, last=last))
    return day


def check_lang(value: str | None) -> str:
    """The language of this run's output: the --lang value (fr or en; a :class:`ConfigError`
    otherwise), which the entry point has already made the language of the messages, else the
    language it decided. Commands hand it down so that every output speaks the messages' language."""
    if value is None:
        return i18n.language()
    if value not in i18n.LANGUAGES:
        raise ConfigError(i18n.t("opt.bad_lang", value=value))
    return value


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


def use_jobs(value: str | None) -> None:
    """Make ``--jobs`` the number of processes that read the kit (:mod:`trousse.loader.pool`); a
    value that is not a whole number of at least 1 is a :class:`ConfigError`."""
    if value is None:
        return
    text = value.strip()
    if not text.isdigit() or int(text) < 1:
        raise ConfigError(i18n.t("opt.bad_jobs", value=value))
    from trousse.loader.pool import set_jobs

    set_jobs(int(text))
