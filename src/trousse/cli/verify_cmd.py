"""`trousse verify PACK.zip`: check an audit pack (0 intact, 1 altered or missing files, 2 unreadable)."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n
from trousse.cli.common import check_lang, lang_option


def add(app: typer.Typer) -> None:
    """Declare ``trousse verify`` on ``app``."""

    @app.command("verify", help=i18n.t("verify.help"))
    def verify_command(
        pack: Path = typer.Argument(..., help=i18n.t("verify.pack"), metavar="PACK.zip", show_default=False),
        lang: str | None = lang_option(),
    ) -> None:
        check_lang(lang)  # the entry point made it the language of the messages
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
