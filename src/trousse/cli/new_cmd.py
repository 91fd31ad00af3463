"""`trousse new KIND`: a new record (audit, action, nonconformity...) from the kit's own form."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n


def add(app: typer.Typer) -> None:
    """Declare ``trousse new`` on ``app``."""

    @app.command("new", help=i18n.t("newcmd.help"))
    def new_command(
        kind: str | None = typer.Argument(None, help=i18n.t("newcmd.kind"), metavar="KIND"),
        kit: Path | None = typer.Option(None, "--kit", help=i18n.t("opt.kit"), metavar="KIT"),
        title: str | None = typer.Option(None, "--title", help=i18n.t("newcmd.title")),
        date: str | None = typer.Option(None, "--date", help=i18n.t("newcmd.date"), metavar="YYYY-MM-DD"),
        commit: bool = typer.Option(False, "--commit", help=i18n.t("newcmd.commit")),
        from_file: Path | None = typer.Option(None, "--from", help=i18n.t("newcmd.from"), metavar="FILE"),
        from_finding: str | None = typer.Option(None, "--from-finding", help=i18n.t("newcmd.finding"), metavar="ID"),
        from_decision: str | None = typer.Option(
            None, "--from-decision", help=i18n.t("newcmd.decision"), metavar="REVIEW:N"
        ),
        from_inputs: bool = typer.Option(False, "--from-inputs", help=i18n.t("newcmd.from_inputs")),
        since: str | None = typer.Option(None, "--since", help=i18n.t("newcmd.since"), metavar="YYYY-MM-DD"),
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
        from trousse.workflow.new import REVIEW_DECIDES, commit_one, read_values, refresh, run_new

        lang = check_lang(lang)
        if kind is None:  # say which kinds this kit has, in one line
            from trousse.loader import load_kit
            from trousse.workflow.new import kinds_listing

            known = ", ".join(kinds_listing(load_kit(kit, lang=lang)))
            raise ConfigError(i18n.t("newcmd.no_kind", kinds=known))
        if since is not None and not from_inputs:  # --since only says where --from-inputs starts
            raise ConfigError(i18n.t("newcmd.since_alone", since=since))
        day = None
        if date is not None:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise ConfigError(i18n.t("newcmd.bad_date", value=date)) from None
        values = read_values(from_file) if from_file is not None else None
        if from_inputs:  # the review's inputs, gathered as 'report review-inputs' gathers them
            from trousse.reports.review_inputs import inputs_for_new

            gathered = inputs_for_new(kit, kind, as_of=day, since=since, lang=lang)
            values = {**gathered, **(values or {})}
        variable = "VISUAL" if os.environ.get("VISUAL") else "EDITOR"
        editor = os.environ.get(variable)
        edit = bool(editor) and not no_edit and sys.stdin.isatty() and sys.stdout.isatty()
        result = run_new(
            kit,
            kind,
            title=title,
            date=day,
            values=values,
            finding=from_finding,
            decision=from_decision,
            commit=commit and not edit,
            lang=lang,
            source=from_file,
        )
        root = find_root(kit)
        if edit and editor:
            try:
                done = subprocess.run([*shlex.split(editor), str(root / result.path)], check=False)
            except (OSError, ValueError) as exc:
                # the editor never started: nothing was typed, so the new file goes (with or
                # without --commit, nothing is left half done), and the user is told how to go on
                (root / result.path).unlink(missing_ok=True)
                reason = (
                    i18n.t("newcmd.editor.missing")
                    if isinstance(exc, FileNotFoundError)
                    else i18n.t("newcmd.editor.denied")
                    if isinstance(exc, PermissionError)
                    else i18n.t("newcmd.editor.other")
                )
                raise ConfigError(
                    i18n.t("newcmd.editor_failed", editor=editor, variable=variable, reason=reason, path=result.path)
                ) from None
            if done.returncode != 0:
                # the editor said it failed (or was left with :cq): what is in the file is not
                # known to be what the user meant, so nothing is committed; the file stays
                raise ConfigError(i18n.t("newcmd.editor_exit", editor=editor, code=done.returncode, path=result.path))
            result.to_fill = refresh(root, result.path, result.kind, lang=lang)
            if commit:
                result.commit = commit_one(root, result.path, result.message)
        try:
            typer.echo(i18n.t("newcmd.written", path=result.path, id=result.id))
            # CMP009 asks a review for one decision or output, not all of them: said as a choice
            either = [f for f in REVIEW_DECIDES if f in result.to_fill]
            either = either if len(either) > 1 else []
            fields = [f for f in result.to_fill if f not in either]
            if fields and either:
                typer.echo(i18n.t("newcmd.to_fill_either", fields=", ".join(fields), either=", ".join(either)))
            elif either:
                typer.echo(i18n.t("newcmd.to_fill_one_of", fields=", ".join(either)))
            elif fields:
                typer.echo(i18n.t("newcmd.to_fill", fields=", ".join(fields)))
            if not result.to_fill:
                typer.echo(i18n.t("newcmd.complete"))
            if result.to_check:
                typer.echo(i18n.t("newcmd.to_check", fields=", ".join(result.to_check)))
            for note in result.notes:
                typer.echo(note)
            if result.commit:
                typer.echo(i18n.t("newcmd.committed", commit=result.commit[:10]))
            else:
                typer.echo(i18n.t("newcmd.commit_hint"))
        except BrokenPipeError:
            # the reader stopped early (``| head -1``) after the work was done: nothing to say,
            # exit 0; what is still buffered goes nowhere
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
        raise typer.Exit(0)
