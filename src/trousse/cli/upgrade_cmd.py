"""`trousse upgrade [KIT] [--commit]`: bring the kit forward to the installed trousse's templates."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "upgradec.help": (
            "Met la trousse à jour avec les modèles de la version installée de trousse, en gardant vos modifications : "
            "fusion à trois voies (git merge-file) entre la trousse, les fichiers tels que la version d'origine les "
            "avait produits (.trousse/base/) et ceux de la version installée. Les conflits sont marqués comme git les "
            "marque et listés ; les nouveaux fichiers sont ajoutés ; ceux retirés des modèles sont signalés, jamais "
            "supprimés. Rien n'est commité sans --commit. Code de sortie : 0 sans conflit, 1 avec conflits.",
            "Bring the kit up to the installed trousse's templates, keeping your edits: a three-way merge "
            "(git merge-file) between the kit, the files as the original version rendered them (.trousse/base/) and "
            "those of the installed version. Conflicts are marked as git marks them and listed; new files are added; "
            "files removed from the templates are reported, never deleted. Nothing is committed without --commit. "
            "Exit code: 0 without conflicts, 1 with conflicts.",
        ),
        "upgradec.commit": (
            "Commiter les fichiers mis à jour (seulement s'il ne reste aucun conflit).",
            "Commit the files upgraded (only when no conflict is left).",
        ),
        "upgradec.from_to": ("Trousse {old} → {new} : {root}", "trousse {old} → {new}: {root}"),
        "upgradec.added": ("ajouté (nouveau modèle) : {path}", "added (new template): {path}"),
        "upgradec.updated": ("mis à jour : {path}", "updated: {path}"),
        "upgradec.kept": (
            "fusionné avec votre fichier existant : {path}",
            "merged with your existing file: {path}",
        ),
        "upgradec.conflict_one": (
            "CONFLIT : {path} ({count} conflit) : choisissez entre les marques <<<<<<< ======= >>>>>>>, puis retirez-les",
            "CONFLICT: {path} ({count} conflict): choose between the <<<<<<< ======= >>>>>>> marks, then remove them",
        ),
        "upgradec.conflict_many": (
            "CONFLIT : {path} ({count} conflits) : choisissez entre les marques <<<<<<< ======= >>>>>>>, puis retirez-les",
            "CONFLICT: {path} ({count} conflicts): choose between the <<<<<<< ======= >>>>>>> marks, then remove them",
        ),
        "upgradec.removed": (
            "retiré des modèles, gardé dans la trousse (supprimez-le vous-même s'il ne sert plus) : {path}",
            "removed from the templates, kept in the kit (delete it yourself if it is no longer needed): {path}",
        ),
        "upgradec.deleted": (
            "modifié dans les modèles mais supprimé de la trousse, non rétabli : {path}",
            "changed in the templates but deleted from the kit, not restored: {path}",
        ),
        "upgradec.nothing": ("Déjà à jour : aucun fichier à fusionner.", "Already up to date: no file to merge."),
        "upgradec.committed": ("Commit : {commit}.", "Commit: {commit}."),
        "upgradec.next": (
            "Relisez les changements (git diff), lancez trousse check, puis commitez (ou relancez avec --commit).",
            "Review the changes (git diff), run trousse check, then commit (or run again with --commit).",
        ),
    }
)


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
        typer.echo(i18n.t("upgradec.from_to", old=result.old_version, new=result.new_version, root=result.root))
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
            key = "upgradec.conflict_one" if count == 1 else "upgradec.conflict_many"
            typer.echo("  " + i18n.t(key, path=path, count=count))
        if not (result.added or result.updated or result.kept or result.conflicts):
            typer.echo(i18n.t("upgradec.nothing"))
        if result.commit:
            typer.echo(i18n.t("upgradec.committed", commit=result.commit[:12]))
        elif result.added or result.updated or result.kept or result.conflicts:
            typer.echo(i18n.t("upgradec.next"))
        raise typer.Exit(1 if result.conflicts else 0)
