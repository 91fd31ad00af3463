"""`trousse report KIND [KIT]`: render a report (or the audit pack) from the kit."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from trousse import i18n
from trousse.cli.app import app
from trousse.cli.common import AsOfOption, LangOption, check_lang, parse_as_of
from trousse.reports import KINDS, run_report

i18n.register(
    {
        "report.help": (
            "Produit un rapport pour l'auditeur : audit (--audit ID), action-plan, readiness, matrix, "
            "catalogue, register (registre des informations documentées), ou pack (un zip de tous les rapports, de la trousse et d'un manifeste). "
            "Écrit sous <trousse>/reports/ par défaut.",
            "Render a report for the auditor: audit (--audit ID), action-plan, readiness, matrix, "
            "catalogue, register (documented information), or pack (a zip of every report, the kit and a manifest). "
            "Written under <kit>/reports/ by default.",
        ),
        "report.kind": ("Type de rapport : {kinds}.", "Report kind: {kinds}."),
        "report.format": (
            "Format : md, html ou pdf (pdf : pip install 'trousse[pdf]').",
            "Format: md, html or pdf (pdf: pip install 'trousse[pdf]').",
        ),
        "report.output": ("Fichier à écrire (« - » : la sortie standard).", "File to write ('-': standard output)."),
        "report.audit": ("L'audit du rapport d'audit (son id).", "The audit of the audit report (its id)."),
        "report.written": ("{path} écrit", "{path} written"),
        "report.allow_dirty": (
            "pack : accepter des modifications non committées ; le manifeste et chaque page le signalent.",
            "pack: accept uncommitted changes; the manifest and every page say so.",
        ),
        "report.replaced": (
            "{path} remplacé (l'ancien rapport est écrasé)",
            "{path} replaced (the previous report is overwritten)",
        ),
    }
)


@app.command("report", help=i18n.t("report.help"))
def report_command(
    kind: str = typer.Argument(..., help=i18n.t("report.kind", kinds=", ".join(KINDS)), metavar="KIND"),
    kit: Path | None = typer.Argument(None, help=i18n.t("opt.kit"), metavar="KIT", show_default=False),
    fmt: str = typer.Option("md", "--format", "-f", help=i18n.t("report.format")),
    output: str | None = typer.Option(None, "--output", "-o", help=i18n.t("report.output"), metavar="PATH"),
    audit: str | None = typer.Option(None, "--audit", help=i18n.t("report.audit"), metavar="ID"),
    as_of: str | None = AsOfOption,
    lang: str | None = LangOption,
    allow_dirty: bool = typer.Option(False, "--allow-dirty", help=i18n.t("report.allow_dirty")),
) -> None:
    lang = check_lang(lang)
    to_stdout = output == "-"
    result = run_report(
        kit,
        kind,
        fmt=fmt,
        output=None if (output is None or to_stdout) else Path(output),
        as_of=parse_as_of(as_of),
        lang=lang,
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
