"""`trousse report KIND [KIT]`: render a report (or the audit pack) from the kit."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from trousse import i18n
from trousse.cli import completion
from trousse.cli.common import as_of_option, check_lang, kit_argument, lang_option, parse_as_of

# The report kinds (trousse.reports.KINDS: kept here so that building the command does not import
# the reports; a test compares the two).
KINDS = ("audit", "action-plan", "readiness", "matrix", "catalogue", "register", "pack")
# Reports with their own command path (not in trousse.reports.KINDS).
OWN_KINDS = ("review-inputs",)


def add(app: typer.Typer) -> None:
    """Declare ``trousse report``."""

    @app.command("report", help=i18n.t("report.help"))
    def report_command(
        kind: str = typer.Argument(
            ...,
            help=i18n.t("report.kind", kinds=", ".join((*KINDS, *OWN_KINDS))),
            metavar="KIND",
            autocompletion=completion.report_kinds,
        ),
        kit: Path | None = kit_argument(),
        fmt: str = typer.Option("md", "--format", "-f", help=i18n.t("report.format")),
        output: str | None = typer.Option(None, "--output", "-o", help=i18n.t("report.output"), metavar="PATH"),
        audit: str | None = typer.Option(
            None, "--audit", help=i18n.t("report.audit"), metavar="ID", autocompletion=completion.audit_ids
        ),
        as_of: str | None = as_of_option(),
        lang: str | None = lang_option(),
        allow_dirty: bool = typer.Option(False, "--allow-dirty", help=i18n.t("report.allow_dirty")),
        since: str | None = typer.Option(None, "--since", help=i18n.t("report.since"), metavar="YYYY-MM-DD"),
        template: bool = typer.Option(False, "--template", help=i18n.t("report.template")),
    ) -> None:
        language = check_lang(lang)
        to_stdout = output == "-"
        if template:
            _template(kit, kind, fmt, output)
        if kind == "review-inputs":  # issue 13: the management review's inputs
            _review_inputs(kit, fmt, output, as_of, since, language)
        if since is not None and kind in KINDS:  # --since is review-inputs' alone: never ignored
            from trousse.errors import ConfigError

            raise ConfigError(i18n.t("report.since_kind", kind=kind))
        from trousse.cli import progress
        from trousse.reports import run_report

        progress.install()
        result = run_report(
            kit,
            kind,
            fmt=fmt,
            output=None if (output is None or to_stdout) else Path(output),
            as_of=parse_as_of(as_of),
            lang=language,
            audit_id=audit,
            to_stdout=to_stdout,
            allow_dirty=allow_dirty,
        )
        if result.path is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(result.data)
            sys.stdout.buffer.flush()
        else:
            typer.echo(i18n.t("report.replaced" if result.replaced else "report.written", path=result.path))
        raise typer.Exit(0)


def _review_inputs(
    kit: Path | None, fmt: str, output: str | None, as_of: str | None, since: str | None, lang: str | None
) -> None:
    """``report review-inputs`` (issue 13): written like the other reports, then exit 0."""
    from trousse.reports.review_inputs import run_review_inputs

    to_stdout = output == "-"
    path, data, replaced = run_review_inputs(
        kit,
        fmt=fmt,
        output=None if (output is None or to_stdout) else Path(output),
        as_of=parse_as_of(as_of),
        since=since or None,  # parsed there, so that a bad date names --since
        lang=lang,
        to_stdout=to_stdout,
    )
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        typer.echo(i18n.t("report.replaced" if replaced else "report.written", path=path))
    raise typer.Exit(0)


def _template(kit: Path | None, kind: str, fmt: str, output: str | None) -> None:
    """``report KIND --format docx --template``: write the shipped Word template, then exit 0."""
    from trousse.errors import ConfigError
    from trousse.reports import run_template

    if fmt not in ("md", "docx"):  # md is the default: --template alone means docx
        raise ConfigError(i18n.t("office.template_format", fmt=fmt))
    to_stdout = output == "-"
    path, data = run_template(
        kit, kind, output=None if (output is None or to_stdout) else Path(output), to_stdout=to_stdout
    )
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        typer.echo(i18n.t("office.template_written", path=path, kind=kind))
    raise typer.Exit(0)
