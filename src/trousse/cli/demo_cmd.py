"""`trousse demo DIR`: build the example kit as a git repository with a back-dated history."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n


def add(app: typer.Typer) -> None:
    """Declare ``trousse demo``."""

    @app.command("demo", help=i18n.t("democ.help"))
    def demo_command(
        directory: Path = typer.Argument(..., help=i18n.t("democ.dir"), metavar="DIR"),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("democ.lang"), metavar="fr|en"),
    ) -> None:
        # --lang is the example's language; the entry point made it the messages' language too.
        language = lang or i18n.language()
        from trousse.demo import run_demo

        result = run_demo(directory, language)
        typer.echo(
            i18n.t(
                "democ.done",
                root=result.root,
                count=len(result.files),
                commits=result.commits,
                first=i18n.longdate(result.first, language),
                last=i18n.longdate(result.last, language),
            )
        )
        typer.echo(i18n.t("democ.people", people=", ".join(result.people)))
        typer.echo(i18n.t("democ.next", root=result.root))
        raise typer.Exit(0)
