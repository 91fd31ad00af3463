"""`trousse new KIND`: a new record (audit, action, nonconformity...) from the kit's own form."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "newcmd.help": (
            "Crée un enregistrement, un audit, une action, une non-conformité ou une revue de direction à partir "
            "du formulaire de la trousse : prochain identifiant libre, date du jour, auteur selon git. Ouvre "
            "$EDITOR dans un terminal ; --commit le commite seul. N'écrase jamais un fichier.",
            "Create a record, an audit, an action, a nonconformity or a management review from the kit's own "
            "form: the next free id, today's date, the author git knows. Opens $EDITOR in a terminal; --commit "
            "commits it alone. Never overwrites a file.",
        ),
        "newcmd.kind": (
            "Le type : audit, action, nonconformity, management-review, ou un type d'enregistrement "
            "(incident, change-record...).",
            "The kind: audit, action, nonconformity, management-review, or a record type (incident, change-record...).",
        ),
        "newcmd.title": ("Le titre.", "The title."),
        "newcmd.date": (
            "La date de l'événement (AAAA-MM-JJ ; défaut : aujourd'hui).",
            "The event date (YYYY-MM-DD; default: today).",
        ),
        "newcmd.commit": ("Commiter le nouveau fichier, seul.", "Commit the new file, alone."),
        "newcmd.from": ("Un fichier JSON ou YAML de champs à remplir.", "A JSON or YAML file of fields to fill."),
        "newcmd.finding": (
            "Une non-conformité à partir de ce constat d'audit (son identifiant).",
            "A nonconformity started from this audit finding (its id).",
        ),
        "newcmd.no_edit": ("Ne pas ouvrir $EDITOR.", "Do not open $EDITOR."),
        "newcmd.bad_date": (
            "--date : « {value} » n'est pas une date AAAA-MM-JJ",
            "--date: '{value}' is not a YYYY-MM-DD date",
        ),
        "newcmd.written": ("{path} créé ({id})", "{path} created ({id})"),
        "newcmd.to_fill": ("Champs à remplir : {fields}", "Fields to fill: {fields}"),
        "newcmd.complete": ("Tous les champs obligatoires sont remplis.", "Every required field is filled."),
        "newcmd.committed": ("Commité : {commit}", "Committed: {commit}"),
        "newcmd.commit_hint": (
            "Remplissez-le, puis commitez-le : sa date de preuve est celle du commit.",
            "Fill it in, then commit it: its evidence date is the commit's.",
        ),
    }
)


def add(app: typer.Typer) -> None:
    """Declare ``trousse new`` on ``app``."""

    @app.command("new", help=i18n.t("newcmd.help"))
    def new_command(
        kind: str = typer.Argument(..., help=i18n.t("newcmd.kind"), metavar="KIND"),
        kit: Path | None = typer.Option(None, "--kit", help=i18n.t("opt.kit"), metavar="KIT"),
        title: str | None = typer.Option(None, "--title", help=i18n.t("newcmd.title")),
        date: str | None = typer.Option(None, "--date", help=i18n.t("newcmd.date"), metavar="YYYY-MM-DD"),
        commit: bool = typer.Option(False, "--commit", help=i18n.t("newcmd.commit")),
        from_file: Path | None = typer.Option(None, "--from", help=i18n.t("newcmd.from"), metavar="FILE"),
        from_finding: str | None = typer.Option(None, "--from-finding", help=i18n.t("newcmd.finding"), metavar="ID"),
        no_edit: bool = typer.Option(False, "--no-edit", help=i18n.t("newcmd.no_edit")),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
    ) -> None:
        import datetime as dt
        import os
        import shlex
        import subprocess
        import sys

        from trousse.cli.common import check_lang
        from trousse.errors import ConfigError
        from trousse.inventory import find_root
        from trousse.workflow.new import commit_one, read_values, refresh, run_new

        lang = check_lang(lang)
        day = None
        if date is not None:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise ConfigError(i18n.t("newcmd.bad_date", value=date)) from None
        values = read_values(from_file) if from_file is not None else None
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        edit = bool(editor) and not no_edit and sys.stdin.isatty() and sys.stdout.isatty()
        result = run_new(
            kit, kind, title=title, date=day, values=values, finding=from_finding, commit=commit and not edit, lang=lang
        )
        root = find_root(kit)
        if edit and editor:
            subprocess.run([*shlex.split(editor), str(root / result.path)], check=False)
            result.to_fill = refresh(root, result.path, result.kind, lang=lang)
            if commit:
                result.commit = commit_one(root, result.path, f"{result.kind}: {result.id}")
        typer.echo(i18n.t("newcmd.written", path=result.path, id=result.id))
        if result.to_fill:
            typer.echo(i18n.t("newcmd.to_fill", fields=", ".join(result.to_fill)))
        else:
            typer.echo(i18n.t("newcmd.complete"))
        if result.commit:
            typer.echo(i18n.t("newcmd.committed", commit=result.commit[:10]))
        else:
            typer.echo(i18n.t("newcmd.commit_hint"))
        raise typer.Exit(0)
