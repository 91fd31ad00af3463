"""`trousse init DIR`: scaffold a new kit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from trousse import i18n
from trousse.cli import completion
from trousse.errors import ConfigError

if TYPE_CHECKING:
    from trousse.scaffold import InitOptions

T = TypeVar("T")

i18n.register(
    {
        "initc.help": (
            "Crée une trousse de déploiement dans DIR : processus, rôles, modèles de documents et d'enregistrements, "
            "listes de contrôle, CI ; puis un premier commit de ces seuls fichiers. DIR doit être nouveau ou vide "
            "(sauf --force) ; aucun fichier existant n'est jamais écrasé.",
            "Create a deployment kit in DIR: processes, roles, document and record templates, checklists, CI; "
            "then a first commit of those files only. DIR must be new or empty (unless --force); "
            "no existing file is ever overwritten.",
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
        "initc.force": (
            "Écrire aussi dans un dossier qui contient déjà des fichiers (sans jamais en écraser aucun ; "
            "le premier commit ne contient que les fichiers de la trousse).",
            "Also write into a folder that already holds files (never overwriting any; "
            "the first commit holds only the kit's files).",
        ),
        "initc.pre_commit": (
            "Écrire aussi .pre-commit-config.yaml (vérification rapide avant chaque commit).",
            "Also write .pre-commit-config.yaml (a fast check before each commit).",
        ),
        "initc.again.lang": (
            "« {value} » n'est pas une langue de trousse : répondez fr ou en",
            "'{value}' is not a kit language: answer fr or en",
        ),
        "initc.again.standard": (
            "norme inconnue : {value} ; répondez par une ou plusieurs de : {known}",
            "unknown standard: {value}; answer with one or more of: {known}",
        ),
        "initc.again.org": (
            "le nom de l'organisation ne peut pas être vide",
            "the organisation's name cannot be empty",
        ),
        "initc.again.people": (
            "« {value} » n'est pas un nombre de personnes : répondez par un nombre (1 ou plus) ou laissez vide",
            "'{value}' is not a number of people: answer with a number (1 or more) or leave it empty",
        ),
        "initc.aborted": (
            "trousse init interrompu : aucun fichier n'a été laissé",
            "trousse init interrupted: no file was left behind",
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


def shipped_pack_ids() -> list[str]:
    """The shipped standards' ids (as trousse.packs.shipped_pack_ids, without importing the models)."""
    from trousse.resources import standards_dir

    return sorted(p.stem for p in standards_dir().glob("*.yml"))


def _interactive() -> bool:
    """Whether questions can be asked: stdin and stdout are terminals (either may be closed)."""
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


class _Aborted(Exception):
    """Ctrl-C or end of input at a question."""


def _ask(question: str, check: Callable[[str], tuple[T | None, str | None]], default: str | None = None) -> T | None:
    """Ask until ``check`` accepts the answer (it returns the value, or a message to show before
    asking again)."""
    while True:
        try:
            answer = typer.prompt(question, default=default, show_default=default is not None and default != "")
        except (typer.Abort, EOFError, KeyboardInterrupt):
            raise _Aborted from None
        value, problem = check(str(answer).strip())
        if problem is None:
            return value
        typer.echo(problem, err=True)


def _check_lang(answer: str) -> tuple[str | None, str | None]:
    if answer in i18n.LANGUAGES:
        return answer, None
    return None, i18n.t("initc.again.lang", value=answer)


def _check_standards(answer: str) -> tuple[list[str] | None, str | None]:
    known = shipped_pack_ids()
    chosen = [s for s in answer.replace(",", " ").split() if s]
    unknown = [s for s in chosen if s not in known]
    if chosen and not unknown:
        return chosen, None
    return None, i18n.t("initc.again.standard", value=", ".join(unknown) or answer, known=", ".join(known))


def _check_org(answer: str) -> tuple[str | None, str | None]:
    return (answer, None) if answer else (None, i18n.t("initc.again.org"))


def _check_people(answer: str) -> tuple[int | None, str | None]:
    if not answer:
        return None, None
    if answer.isdigit() and int(answer) >= 1:
        return int(answer), None
    return None, i18n.t("initc.again.people", value=answer)


def add(app: typer.Typer) -> None:
    """Declare ``trousse init``."""
    known = ", ".join(shipped_pack_ids())

    @app.command("init", help=i18n.t("initc.help"))
    def init_command(
        directory: Path = typer.Argument(..., help=i18n.t("initc.dir"), metavar="DIR"),
        standard: list[str] | None = typer.Option(
            None,
            "--standard",
            "-s",
            help=i18n.t("initc.standard", known=known),
            metavar="ID",
            autocompletion=completion.standard_ids,
        ),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("initc.lang"), metavar="fr|en"),
        org: str | None = typer.Option(None, "--org", help=i18n.t("initc.org"), metavar="NAME"),
        people: int | None = typer.Option(None, "--people", help=i18n.t("initc.people"), metavar="N"),
        no_git: bool = typer.Option(False, "--no-git", help=i18n.t("initc.git")),
        force: bool = typer.Option(False, "--force", help=i18n.t("initc.force")),
        pre_commit: bool = typer.Option(False, "--pre-commit", help=i18n.t("initc.pre_commit")),
    ) -> None:
        raise typer.Exit(run(directory, standard, lang, org, people, no_git, force, pre_commit))


def run(
    directory: Path,
    standard: list[str] | None,
    lang: str | None,
    org: str | None,
    people: int | None,
    no_git: bool,
    force: bool,
    pre_commit: bool = False,
) -> int:
    """Ask what is missing (on a terminal), create the kit, say what was done; the exit code."""
    from trousse.scaffold import run_init

    try:
        opts = _options(directory, standard, lang, org, people, no_git, force)
        opts.pre_commit = pre_commit
        result = run_init(opts)
    except (_Aborted, KeyboardInterrupt, EOFError, typer.Abort):
        # Nothing is written before the questions end, and run_init removes a half-written kit.
        typer.echo("", err=True)
        typer.echo(i18n.t("initc.aborted"), err=True)
        return 130
    typer.echo(i18n.t("initc.done", root=result.root, count=len(result.files)))
    if result.commit:
        typer.echo(i18n.t("initc.committed", commit=result.commit[:12]))
    elif result.inside_existing_repo:
        typer.echo(i18n.t("initc.in_repo"))
    typer.echo(i18n.t("initc.next", root=result.root))
    return 0


def _options(
    directory: Path,
    standard: list[str] | None,
    lang: str | None,
    org: str | None,
    people: int | None,
    no_git: bool,
    force: bool,
) -> InitOptions:
    """The options, with the missing ones asked on a terminal (each re-asked until usable)."""
    known = ", ".join(shipped_pack_ids())
    asking = _interactive()
    if lang is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--lang fr|en"))
        # The kit's language; the messages keep the language decided for this run.
        lang = _ask(i18n.t("initc.ask.lang"), _check_lang, default=i18n.language())
    if not standard:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option=f"--standard ({known})"))
        standard = _ask(i18n.t("initc.ask.standard", known=known), _check_standards, default=shipped_pack_ids()[0])
    if org is None:
        if not asking:
            raise ConfigError(i18n.t("initc.missing", option="--org NAME"))
        org = _ask(i18n.t("initc.ask.org"), _check_org)
    if people is None and asking:
        people = _ask(i18n.t("initc.ask.people"), _check_people, default="")
    from trousse.scaffold import InitOptions

    return InitOptions(directory, list(standard or []), str(lang), str(org), people, git=not no_git, force=force)
