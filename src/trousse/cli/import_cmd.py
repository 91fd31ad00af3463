"""`trousse import tickets FILE --from TOOL`: a ticketing tool's export as records of the kit."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "importc.help": (
            "Importe des données d'autres outils dans la trousse.",
            "Import data from other tools into the kit.",
        ),
        "importc.tickets": (
            "Transforme l'export CSV d'un outil de tickets (csv, glpi, itop, zammad, jira) en fiches d'incident, de "
            "demande et de changement sous records/tickets/, en gardant l'identifiant et les dates de l'outil. "
            "Lancé chaque jour (en CI), il construit des preuves que git date ; des tickets importés longtemps après "
            "coup restent datés par leur outil et ne comptent pas (EVD013).",
            "Turn a ticketing tool's CSV export (csv, glpi, itop, zammad, jira) into incident, request and change "
            "records under records/tickets/, keeping the tool's id and dates. Run every day (in CI), it builds "
            "evidence git dates; tickets imported long after the fact stay dated by their tool and do not count "
            "(EVD013).",
        ),
        "importc.file": ("Le fichier exporté (CSV).", "The exported file (CSV)."),
        "importc.from": ("L'outil : csv, glpi, itop, zammad ou jira.", "The tool: csv, glpi, itop, zammad or jira."),
        "importc.kit": ("Dossier de la trousse (par défaut : ici).", "Folder of the kit (default: here)."),
        "importc.done": (
            "tickets ajoutés : {added} ; mis à jour : {updated} ; inchangés : {unchanged} ; committez records/tickets/ "
            "(git add, git commit)",
            "tickets added: {added}; updated: {updated}; unchanged: {unchanged}; commit records/tickets/ "
            "(git add, git commit)",
        ),
    }
)


def add(app: typer.Typer) -> None:
    """Declare ``trousse import tickets`` on ``app``."""
    sub = typer.Typer(help=i18n.t("importc.help"), no_args_is_help=True)
    app.add_typer(sub, name="import")

    @sub.command("tickets", help=i18n.t("importc.tickets"))
    def tickets_command(
        file: Path = typer.Argument(..., help=i18n.t("importc.file"), metavar="FILE"),
        tool: str = typer.Option("csv", "--from", help=i18n.t("importc.from"), metavar="TOOL"),
        kit: Path = typer.Option(Path("."), "--kit", help=i18n.t("importc.kit"), metavar="DIR"),
    ) -> None:
        from trousse.adopt.tickets import import_tickets  # noqa: PLC0415
        from trousse.loader import load_kit  # noqa: PLC0415

        loaded = load_kit(kit)
        fields = {a.id: {f.id for f in a.fields} for a in loaded.artefacts.values() if a.kind == "record"}
        result = import_tickets(loaded.root, file, tool, fields)
        typer.echo(
            i18n.t("importc.done", added=len(result.added), updated=len(result.updated), unchanged=result.unchanged)
        )
        raise typer.Exit(0)
