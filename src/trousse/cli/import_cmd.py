"""`trousse import tickets FILE --from TOOL`: a ticketing tool's export as records of the kit."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n


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
