"""`trousse init DIR`: scaffold a new kit."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from trousse import i18n
from trousse.errors import ConfigError

i18n.register(
    {
        "initc.help": (
            "Crée une trousse de déploiement dans DIR : processus, rôles, modèles de documents et d'enregistrements, "
            "listes de contrôle, CI ; puis un premier commit. N'écrase jamais un fichier existant.",
            "Create a deployment kit in DIR: processes, roles, document and record templates, checklists, CI; "
            "then a first commit. Never overwrites an existing file.",
        ),
        "initc.dir": ("Dossier de la nouvelle trousse.", "Folder of the new kit."),
        "initc.standard": (
            "Norme visée (plusieurs possibles) : {known}.",
            "Targeted standard (may be repeated): {known}.",
        ),
        "initc.lang": ("Langue de la trousse : fr ou en.", "Language of the kit: fr or en."),
        "initc.org": ("Nom de l'organisation.", "Name of the organisation."),
        "initc.people": ("Nombre de personnes dans l'organisation.", "Number of people in the organisation."),
        "initc.git": (
            "Ne pas créer de dépôt git ni de premier commit.",
            "Do not create a git repository or a first commit.",
        ),
        "initc.ask.standard": ("Norme visée ({known})", "Targeted standard ({known})"),
        "initc.ask.lang": ("Langue de la trousse (fr/en)", "Language of the kit (fr/en)"),
        "initc.ask.org": ("Nom de l'organisation", "Name of the organisation"),
        "initc.ask.people": ("Nombre de personnes (vide si inconnu)", "Number of people (empty if unknown)"),
        "initc.done": ("Trousse créée dans {root} : {count} fichiers.", "Kit created in {root}: {count} files."),
        "initc.committed": ("Premier commit : {commit}.", "First commit: {commit}."),
        "initc.in_repo": (
            "Le dossier est dans un dépôt git existant : faites vous-même le commit des fichiers.",
            "The folder is inside an existing git repository: commit the files yourself.",
        ),
        "initc.next": ("Ensuite : cd {root} && trousse check", "Next: cd {root} && trousse check"),
        "initc.missing": (
            "option manquante : {option} (pas de question posée hors d'un terminal)",
            "missing option: {option} (no questions are asked outside a terminal)",
        ),
    }
)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _pack_ids() -> list[str]:
    """The shipped standards' ids (as trousse.packs.shipped_pack_ids, without importing the models)."""
    from trousse.resources import standards_dir

    return sorted(p.stem for p in standards_dir().glob("*.yml"))


def add(app: typer.Typer) -> None:
    """Declare ``trousse init``."""
    known = ", ".join(_pack_ids())

    @app.command("init", help=i18n.t("initc.help"))
    def init_command(
        directory: Path = typer.Argument(..., help=i18n.t("initc.dir"), metavar="DIR"),
        standard: list[str] | None = typer.Option(
            None, "--standard", "-s", help=i18n.t("initc.standard", known=known), metavar="ID"
        ),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("initc.lang"), metavar="fr|en"),
        org: str | None = typer.Option(None, "--org", help=i18n.t("initc.org"), metavar="NAME"),
        people: int | None = typer.Option(None, "--people", help=i18n.t("initc.people"), metavar="N"),
        no_git: bool = typer.Option(False, "--no-git", help=i18n.t("initc.git")),
    ) -> None:
        run(directory, standard, lang, org, people, no_git)
        raise typer.Exit(0)


def run(
    directory: Path, standard: list[str] | None, lang: str | None, org: str | None, people: int | None, no_git: bool
) -> None:
    """Ask what is missing (on a terminal), create the kit, say what was done."""
    ids = _pack_ids()
    known = ", ".join(ids)
    asking = _interactive()
    if lang is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--lang fr|en"))
        # The kit's language; the messages keep the language decided for this run.
        lang = typer.prompt(i18n.t("initc.ask.lang"), default=i18n.language())
    if not standard:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option=f"--standard ({known})"))
        answer = typer.prompt(i18n.t("initc.ask.standard", known=known), default=ids[0])
        standard = [s.strip() for s in answer.replace(",", " ").split() if s.strip()]
    if org is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--org NAME"))
        org = typer.prompt(i18n.t("initc.ask.org"))
    if people is None and asking:
        answer = typer.prompt(i18n.t("initc.ask.people"), default="", show_default=False)
        people = int(answer) if answer.strip().isdigit() else None
    from trousse.scaffold import InitOptions, run_init

    result = run_init(InitOptions(directory, list(standard), lang, org, people, git=not no_git))
    typer.echo(i18n.t("initc.done", root=result.root, count=len(result.files)))
    if result.commit:
        typer.echo(i18n.t("initc.committed", commit=result.commit[:12]))
    elif result.inside_existing_repo:
        typer.echo(i18n.t("initc.in_repo"))
    typer.echo(i18n.t("initc.next", root=result.root))
