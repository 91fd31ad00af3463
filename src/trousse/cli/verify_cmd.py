"""`trousse verify PACK.zip`: check an audit pack (0 intact, 1 altered or missing files, 2 unreadable)."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "verify.help": (
            "Vérifie un dossier d'audit (zip produit par « trousse report pack ») : l'empreinte de chaque "
            "fichier et le commit. Code de sortie : 0 intact, 1 un fichier modifié, manquant ou ajouté "
            "(nommé), 2 illisible.",
            "Check an audit pack (the zip 'trousse report pack' produced): every file's hash and the commit. "
            "Exit code: 0 intact, 1 a file altered, missing or added (named), 2 unreadable.",
        ),
        "verify.pack": ("Le zip du dossier d'audit.", "The audit pack's zip."),
        "verify.ok": (
            "{path} : intact ({count} fichiers vérifiés ; commit {commit}, situation au {as_of})",
            "{path}: intact ({count} files checked; commit {commit}, as of {as_of})",
        ),
        "verify.dirty": (
            "attention : ce dossier a été produit avec des modifications non enregistrées dans git",
            "note: this pack was produced with uncommitted changes",
        ),
        "verify.altered": ("modifié : {name}", "altered: {name}"),
        "verify.missing": ("manquant : {name}", "missing: {name}"),
        "verify.added": ("ajouté (absent du manifeste) : {name}", "added (not in the manifest): {name}"),
        "verify.commit": (
            "commit incohérent ou invalide : {name}",
            "commit inconsistent or invalid: {name}",
        ),
        "verify.failed": (
            "{path} a été modifié depuis sa production : ne le transmettez pas ; produisez-le à nouveau avec "
            "« trousse report pack »",
            "{path} was changed since it was produced: do not send it; produce it again with 'trousse report pack'",
        ),
    }
)


def add(app: typer.Typer) -> None:
    """Declare ``trousse verify`` on ``app``."""

    @app.command("verify", help=i18n.t("verify.help"))
    def verify_command(
        pack: Path = typer.Argument(..., help=i18n.t("verify.pack"), metavar="PACK.zip", show_default=False),
    ) -> None:
        from trousse.errors import EXIT_FINDINGS, EXIT_OK  # noqa: PLC0415 - lazy start-up
        from trousse.reports.verify import verify_pack  # noqa: PLC0415

        result = verify_pack(pack)
        if result.intact:
            typer.echo(
                i18n.t(
                    "verify.ok",
                    path=pack,
                    count=result.checked,
                    commit=(result.commit or "—")[:12],
                    as_of=result.as_of or "—",
                )
            )
            if result.uncommitted:
                typer.echo(i18n.t("verify.dirty"))
            raise typer.Exit(EXIT_OK)
        for key, names in (
            ("verify.altered", result.altered),
            ("verify.missing", result.missing),
            ("verify.added", result.added),
            ("verify.commit", result.commit_problems),
        ):
            for name in names:
                typer.echo(i18n.t(key, name=name))
        typer.echo(i18n.t("verify.failed", path=pack), err=True)
        raise typer.Exit(EXIT_FINDINGS)
