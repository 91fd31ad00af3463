"""`trousse import tickets FILE --from TOOL`: a ticketing tool's export as records of the kit."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n
from trousse.cli.common import check_lang, lang_option


def add(app: typer.Typer) -> None:
    """Declare ``trousse import tickets`` on ``app``."""
    sub = typer.Typer(help=i18n.t("importc.help"), no_args_is_help=True)
    app.add_typer(sub, name="import")

    @sub.command("tickets", help=i18n.t("importc.tickets"))
    def tickets_command(
        file: Path = typer.Argument(..., help=i18n.t("importc.file"), metavar="FILE"),
        tool: str = typer.Option("csv", "--from", help=i18n.t("importc.from"), metavar="TOOL"),
        kit: Path = typer.Option(Path("."), "--kit", help=i18n.t("importc.kit"), metavar="DIR"),
        service: list[str] | None = typer.Option(None, "--service", help=i18n.t("importc.service"), metavar="VALUE=ID"),
        lang: str | None = lang_option(),
    ) -> None:
        from trousse.adopt.tickets import import_tickets, readable_headers, service_map  # noqa: PLC0415

        check_lang(lang)  # the entry point made it the language of the messages
        from trousse.loader import load_kit  # noqa: PLC0415

        loaded = load_kit(kit)
        fields = {a.id: {f.id for f in a.fields} for a in loaded.artefacts.values() if a.kind == "record"}
        mapping = service_map(list(service or []))
        known = {s.id for s in loaded.catalogue.services} if loaded.catalogue is not None else None
        result = import_tickets(loaded.root, file, tool, fields, mapping, known)
        key = "importc.done" if result.added or result.updated else "importc.nothing_new"
        typer.echo(i18n.t(key, added=len(result.added), updated=len(result.updated), unchanged=result.unchanged))
        if result.ignored:
            typer.echo(
                i18n.t(
                    "importc.ignored", count=len(result.ignored), columns=", ".join(result.ignored), tool=tool,
                    known=readable_headers(tool),
                )
            )  # fmt: skip
        if result.no_service:
            shown = ", ".join(result.no_service[:3]) + (", ..." if len(result.no_service) > 3 else "")
            typer.echo(i18n.t("importc.no_service", count=len(result.no_service), files=shown))
        if result.bad_priority:
            shown = "; ".join(f"{tid} '{value}' ({file})" for tid, value, file in result.bad_priority)
            typer.echo(i18n.t("importc.priority", count=len(result.bad_priority), tickets=shown))
        if result.unmapped:
            values = ", ".join(result.unmapped)
            typer.echo(i18n.t("importc.unmapped", count=len(result.unmapped), values=values, first=result.unmapped[0]))
        raise typer.Exit(0)
