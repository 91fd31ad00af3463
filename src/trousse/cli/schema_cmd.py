"""`trousse schema [KIT] [-o DIR]`: write the JSON Schemas of the kit's files for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "schemac.help": (
            "Écrit les schémas JSON (draft 2020-12) des fichiers de la trousse, tirés des mêmes modèles et normes que "
            "« trousse check », pour la complétion et les erreurs dans l'éditeur (extension YAML). Par défaut dans "
            ".trousse/schemas/, que .vscode/settings.json relie aux fichiers.",
            "Write the JSON Schemas (draft 2020-12) of the kit's files, from the same models and standards as "
            "'trousse check', for completion and errors in the editor (YAML extension). By default into "
            ".trousse/schemas/, which .vscode/settings.json maps to the files.",
        ),
        "schemac.out": (
            "Dossier où écrire les schémas (par défaut : .trousse/schemas dans la trousse).",
            "Folder to write the schemas into (default: .trousse/schemas in the kit).",
        ),
        "schemac.done": (
            "{count} schémas dans {where} ({changed} modifiés). Ouvrez la trousse dans l'éditeur avec l'extension YAML.",
            "{count} schemas in {where} ({changed} changed). Open the kit in the editor with the YAML extension.",
        ),
    }
)


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
        changed = write_schemas(folder, texts)
        typer.echo(i18n.t("schemac.done", count=len(texts), where=folder, changed=len(changed)))
        raise typer.Exit(0)
