"""`trousse demo DIR`: build the example kit as a git repository with a back-dated history."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "democ.help": (
            "Construit dans DIR la trousse d'exemple (une société de services informatiques de 12 personnes) "
            "comme un dépôt git dont les commits portent les dates des enregistrements, jusqu'à aujourd'hui. "
            "DIR doit être nouveau ou vide ; si l'écriture échoue en route, rien n'est laissé.",
            "Build in DIR the example kit (a 12-person IT service firm) as a git repository whose commits "
            "carry the records' dates, up to today. DIR must be new or empty; if writing fails on the way, "
            "nothing is left behind.",
        ),
        "democ.dir": ("Dossier de la trousse d'exemple.", "Folder of the example kit."),
        "democ.lang": (
            "Langue de l'exemple : fr ou en (par défaut : celle des messages).",
            "Language of the example: fr or en (default: the messages').",
        ),
        "democ.done": (
            "Trousse d'exemple créée dans {root} : {count} fichiers, {commits} commits du {first} au {last}.",
            "Example kit created in {root}: {count} files, {commits} commits from {first} to {last}.",
        ),
        "democ.people": ("Auteurs : {people}.", "Authors: {people}."),
        "democ.next": (
            "Ensuite : trousse check {root} ; trousse evidence {root} ; trousse report readiness {root}",
            "Next: trousse check {root}; trousse evidence {root}; trousse report readiness {root}",
        ),
    }
)


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
                first=result.first.isoformat(),
                last=result.last.isoformat(),
            )
        )
        typer.echo(i18n.t("democ.people", people=", ".join(result.people)))
        typer.echo(i18n.t("democ.next", root=result.root))
        raise typer.Exit(0)
