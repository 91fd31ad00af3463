"""`trousse init DIR`: scaffold a new kit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from trousse import i18n
from trousse.cli import completion
from trousse.errors import ConfigError

if TYPE_CHECKING:
    from trousse.scaffold import InitOptions

T = TypeVar("T")


def shipped_pack_ids() -> list[str]:
    """The shipped standards' ids (as trousse.packs.shipped_pack_ids, without importing the models)."""
    from trousse.resources import standards_dir

    return sorted(p.stem for p in standards_dir().glob("*.yml"))


def _interactive() -> bool:
    """Whether questions can be asked: stdin and stdout are terminals (either may be closed)."""
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


class _Aborted(Exception):
    """Ctrl-C or end of input at a question."""


def _ask(question: str, check: Callable[[str], tuple[T | None, str | None]], default: str | None = None) -> T | None:
    """Ask until ``check`` accepts the answer (it returns the value, or a message to show before
    asking again)."""
    while True:
        try:
            answer = typer.prompt(question, default=default, show_default=default is not None and default != "")
        except (typer.Abort, EOFError, KeyboardInterrupt):
            raise _Aborted from None
        value, problem = check(str(answer).strip())
        if problem is None:
            return value
        typer.echo(problem, err=True)


def _check_lang(answer: str) -> tuple[str | None, str | None]:
    if answer in i18n.LANGUAGES:
        return answer, None
    return None, i18n.t("initc.again.lang", value=answer)


def _check_standards(answer: str) -> tuple[list[str] | None, str | None]:
    known = shipped_pack_ids()
    chosen = [s for s in answer.replace(",", " ").split() if s]
    unknown = [s for s in chosen if s not in known]
    if chosen and not unknown:
        return chosen, None
    return None, i18n.t("initc.again.standard", value=", ".join(unknown) or answer, known=", ".join(known))


def _check_org(answer: str) -> tuple[str | None, str | None]:
    return (answer, None) if answer else (None, i18n.t("initc.again.org"))


def _check_people(answer: str) -> tuple[int | None, str | None]:
    if not answer:
        return None, None
    if answer.isdigit() and int(answer) >= 1:
        return int(answer), None
    return None, i18n.t("initc.again.people", value=answer)


def add(app: typer.Typer) -> None:
    """Declare ``trousse init``."""
    known = ", ".join(shipped_pack_ids())

    @app.command("init", help=i18n.t("initc.help"))
    def init_command(
        directory: Path = typer.Argument(..., help=i18n.t("initc.dir"), metavar="DIR"),
        standard: list[str] | None = typer.Option(
            None,
            "--standard",
            "-s",
            help=i18n.t("initc.standard", known=known),
            metavar="ID",
            autocompletion=completion.standard_ids,
        ),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("initc.lang"), metavar="fr|en"),
        org: str | None = typer.Option(None, "--org", help=i18n.t("initc.org"), metavar="NAME"),
        people: int | None = typer.Option(None, "--people", help=i18n.t("initc.people"), metavar="N"),
        no_git: bool = typer.Option(False, "--no-git", help=i18n.t("initc.git")),
        force: bool = typer.Option(False, "--force", help=i18n.t("initc.force")),
        pre_commit: bool = typer.Option(False, "--pre-commit", help=i18n.t("initc.pre_commit")),
    ) -> None:
        raise typer.Exit(run(directory, standard, lang, org, people, no_git, force, pre_commit))


def run(
    directory: Path,
    standard: list[str] | None,
    lang: str | None,
    org: str | None,
    people: int | None,
    no_git: bool,
    force: bool,
    pre_commit: bool = False,
) -> int:
    """Ask what is missing (on a terminal), create the kit, say what was done; the exit code."""
    from trousse.scaffold import run_init

    try:
        opts = _options(directory, standard, lang, org, people, no_git, force)
        opts.pre_commit = pre_commit
        result = run_init(opts)
    except (_Aborted, KeyboardInterrupt, EOFError, typer.Abort):
        # Nothing is written before the questions end, and run_init removes a half-written kit.
        typer.echo("", err=True)
        typer.echo(i18n.t("initc.aborted"), err=True)
        return 130
    typer.echo(i18n.t("initc.done", root=result.root, count=len(result.files)))
    if result.commit:
        typer.echo(i18n.t("initc.committed", commit=result.commit[:12]))
    elif result.inside_existing_repo:
        typer.echo(i18n.t("initc.in_repo"))
    typer.echo(i18n.t("initc.next", root=result.root))
    return 0


def _options(
    directory: Path,
    standard: list[str] | None,
    lang: str | None,
    org: str | None,
    people: int | None,
    no_git: bool,
    force: bool,
) -> InitOptions:
    """The options, with the missing ones asked on a terminal (each re-asked until usable)."""
    known = ", ".join(shipped_pack_ids())
    asking = _interactive()
    if lang is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--lang fr|en"))
        # The kit's language; the messages keep the language decided for this run.
        lang = _ask(i18n.t("initc.ask.lang"), _check_lang, default=i18n.language())
    if not standard:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option=f"--standard ({known})"))
        standard = _ask(i18n.t("initc.ask.standard", known=known), _check_standards, default=shipped_pack_ids()[0])
    if org is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--org NAME"))
        org = _ask(i18n.t("initc.ask.org"), _check_org)
    if people is None and asking:
        people = _ask(i18n.t("initc.ask.people"), _check_people, default="")
    from trousse.scaffold import InitOptions

    return InitOptions(directory, list(standard or []), str(lang), str(org), people, git=not no_git, force=force)
