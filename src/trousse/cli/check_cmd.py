"""`trousse check [KIT]`: run every rule and print the findings (the work: :mod:`trousse.cli.check_run`)."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n
from trousse.cli.check_run import FORMATS as FORMATS
from trousse.cli.check_run import STYLES as STYLES
from trousse.cli.check_run import print_text as print_text
from trousse.cli.check_run import run
from trousse.cli.common import as_of_option, jobs_option, kit_argument, lang_option


def add(app: typer.Typer) -> None:
    """Declare ``trousse check``."""

    @app.command("check", help=i18n.t("check.help"))
    def check_command(
        kit: Path | None = kit_argument(),
        fmt: str = typer.Option("auto", "--format", "-f", help=i18n.t("check.format")),
        strict: bool = typer.Option(False, "--strict", help=i18n.t("check.strict")),
        fast: bool = typer.Option(False, "--fast", help=i18n.t("check.fast")),
        as_of: str | None = as_of_option(),
        lang: str | None = lang_option(),
        jobs: str | None = jobs_option(),
    ) -> None:
        raise typer.Exit(run(kit, fmt, strict, as_of, lang, fast, jobs))
