"""`trousse schema [KIT] [-o DIR]`: write the JSON Schemas of the kit's files for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n


def add(app: typer.Typer) -> None:
    """Declare ``trousse schema`` on ``app``."""

    @app.command("schema", help=i18n.t("schemac.help"))
    def schema_command(
        kit: Path | None = typer.Argument(None, help=i18n.t("opt.kit"), metavar="KIT", show_default=False),
        out: Path | None = typer.Option(None, "--output", "-o", help=i18n.t("schemac.out"), metavar="DIR"),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
    ) -> None:
        from trousse.cli.common import check_lang  # noqa: PLC0415 - lazy start-up
        from trousse.schemas import SCHEMA_DIR, schemas_of_kit, write_schemas  # noqa: PLC0415

        lang = check_lang(lang)
        root, texts = schemas_of_kit(kit, lang)
        folder = out if out is not None else root / SCHEMA_DIR
        changed = write_schemas(folder, texts, kit_root=root if out is None else None)
        typer.echo(i18n.t("schemac.done", count=len(texts), where=folder, changed=len(changed)))
        raise typer.Exit(0)
