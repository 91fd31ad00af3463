"""`trousse init DIR`: scaffold a new kit."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from trousse import i18n
from trousse.errors import ConfigError


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _pack_ids() -> list[str]:
    """The shipped standards' ids (as trousse.packs.shipped_pack_ids, without importing the models)."""
    from trousse.resources import standards_dir

    return sorted(p.stem for p in standards_dir().glob("*.yml"))


def add(app: typer.Typer) -> None:
    """Declare ``trousse init``."""
    known = ", ".join(_pack_ids())

    @app.command("init", help=i18n.t("initc.help"))
    def init_command(
        directory: Path = typer.Argument(..., help=i18n.t("initc.dir"), metavar="DIR"),
        standard: list[str] | None = typer.Option(
            None, "--standard", "-s", help=i18n.t("initc.standard", known=known), metavar="ID"
        ),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("initc.lang"), metavar="fr|en"),
        org: str | None = typer.Option(None, "--org", help=i18n.t("initc.org"), metavar="NAME"),
        people: int | None = typer.Option(None, "--people", help=i18n.t("initc.people"), metavar="N"),
        no_git: bool = typer.Option(False, "--no-git", help=i18n.t("initc.git")),
    ) -> None:
        run(directory, standard, lang, org, people, no_git)
        raise typer.Exit(0)


def run(
    directory: Path, standard: list[str] | None, lang: str | None, org: str | None, people: int | None, no_git: bool
) -> None:
    """Ask what is missing (on a terminal), create the kit, say what was done."""
    ids = _pack_ids()
    known = ", ".join(ids)
    asking = _interactive()
    if lang is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--lang fr|en"))
        # The kit's language; the messages keep the language decided for this run.
        lang = typer.prompt(i18n.t("initc.ask.lang"), default=i18n.language())
    if not standard:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option=f"--standard ({known})"))
        answer = typer.prompt(i18n.t("initc.ask.standard", known=known), default=ids[0])
        standard = [s.strip() for s in answer.replace(",", " ").split() if s.strip()]
    if org is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--org NAME"))
        org = typer.prompt(i18n.t("initc.ask.org"))
    if people is None and asking:
        answer = typer.prompt(i18n.t("initc.ask.people"), default="", show_default=False)
        people = int(answer) if answer.strip().isdigit() else None
    from trousse.scaffold import InitOptions, run_init

    result = run_init(InitOptions(directory, list(standard), lang, org, people, git=not no_git))
    typer.echo(i18n.t("initc.done", root=result.root, count=len(result.files)))
    if result.commit:
        typer.echo(i18n.t("initc.committed", commit=result.commit[:12]))
    elif result.inside_existing_repo:
        typer.echo(i18n.t("initc.in_repo"))
    typer.echo(i18n.t("initc.next", root=result.root))
