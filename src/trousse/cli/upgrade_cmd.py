"""`trousse upgrade [KIT] [--commit]`: bring the kit forward to the installed trousse's templates."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n


def add(app: typer.Typer) -> None:
    """Declare ``trousse upgrade`` on ``app``."""

    @app.command("upgrade", help=i18n.t("upgradec.help"))
    def upgrade_command(
        kit: Path | None = typer.Argument(None, help=i18n.t("opt.kit"), metavar="KIT", show_default=False),
        commit: bool = typer.Option(False, "--commit", help=i18n.t("upgradec.commit")),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
    ) -> None:
        from trousse.cli.common import check_lang  # noqa: PLC0415 - lazy start-up
        from trousse.upgrade import run_upgrade  # noqa: PLC0415

        check_lang(lang)
        result = run_upgrade(kit, commit=commit)
        if result.old_version != result.new_version:
            typer.echo(i18n.t("upgradec.from_to", old=result.old_version, new=result.new_version, root=result.root))
        else:  # the same version number, templates changed or not: say which templates
            key = "upgradec.same_templates" if result.old_templates == result.new_templates else "upgradec.same_version"
            typer.echo(
                i18n.t(
                    key,
                    version=result.new_version,
                    old=result.old_templates,
                    new=result.new_templates,
                    root=result.root,
                )
            )
        for path in result.added:
            typer.echo("  " + i18n.t("upgradec.added", path=path))
        for path in result.updated:
            typer.echo("  " + i18n.t("upgradec.updated", path=path))
        for path in result.kept:
            typer.echo("  " + i18n.t("upgradec.kept", path=path))
        for path in result.removed_upstream:
            typer.echo("  " + i18n.t("upgradec.removed", path=path))
        for path in result.deleted_locally:
            typer.echo("  " + i18n.t("upgradec.deleted", path=path))
        for path, count in sorted(result.conflicts.items()):
            typer.echo("  " + i18n.t("upgradec.conflict", path=path, count=count))
        for path in result.pending_files:
            typer.echo("  " + i18n.t("upgradec.pending", path=path))
        if result.pending_records:  # base copies and schemas: committed with the rest, not to review
            typer.echo("  " + i18n.t("upgradec.pending_records", count=result.pending_records))
        if not result.changed:
            typer.echo(i18n.t("upgradec.nothing"))
        if result.commit:
            typer.echo(i18n.t("upgradec.committed", commit=result.commit[:12], count=len(result.committed)))
        elif result.changed:
            typer.echo(i18n.t("upgradec.next"))
        raise typer.Exit(1 if result.conflicts else 0)
