"""Options shared by several commands, read without typer (the entry point's direct ``check``
uses them before any command line is built; :mod:`trousse.cli.common` re-exports them)."""

from __future__ import annotations

import datetime as dt

from trousse import i18n
from trousse.cli.warm import AS_OF_RANGE
from trousse.errors import ConfigError


def parse_as_of(value: str | None) -> dt.date | None:
    """The --as-of date, or a :class:`ConfigError`."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(i18n.t("opt.bad_date", value=value)) from None
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        first, last = (i18n.longdate(d, i18n.language()) for d in AS_OF_RANGE)
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
