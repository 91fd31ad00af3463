"""`trousse rules [ID]`: list the rules, or print one rule's documentation."""

from __future__ import annotations

import textwrap

import typer

from trousse import i18n
from trousse.cli import completion
from trousse.cli.common import check_lang, lang_option
from trousse.errors import ConfigError


def _reflow(doc: str) -> str:
    """Join the lines of each paragraph, so the terminal wraps them at its own width."""
    # ASCII white space only: French typography's no-break spaces bind their words
    return "\n\n".join(" ".join(i18n.words(p)) for p in doc.split("\n\n"))


def add(app: typer.Typer) -> None:
    """Declare ``trousse rules``."""

    @app.command("rules", help=i18n.t("rules.help"))
    def rules_command(
        rule_id: str | None = typer.Argument(
            None, help=i18n.t("rules.id"), metavar="ID", autocompletion=completion.rule_ids
        ),
        lang: str | None = lang_option(),
    ) -> None:
        show(rule_id, check_lang(lang))
        raise typer.Exit(0)


def show(rule_id: str | None, language: str) -> None:
    """Print the table of rules, a family's table, or one rule's documentation."""
    from rich.console import Console
    from rich.table import Table

    from trousse.check.rules import REGISTRY, rules_sorted
    from trousse.check.rules.examples import examples
    from trousse.check.rules.registry import FAMILIES

    console = Console(highlight=False)
    if rule_id:
        key = rule_id.upper()
        if key in FAMILIES:
            selected = [r for r in rules_sorted() if r.family == key]
        elif key in REGISTRY:
            r = REGISTRY[key]
            console.print(f"[bold]{r.id}[/bold] — {r.title_in(language)}")
            family = i18n.pick(dict(zip(("fr", "en"), FAMILIES[r.family], strict=True)), language)
            family = i18n.french_typography(family) if language == "fr" else family
            console.print(i18n.t("rules.family_line", family=r.family, name=family))
            console.print(i18n.t("rules.default_line", severity=i18n.t(f"rules.sev.{r.severity}")) + "\n")
            console.print(_reflow(r.doc_in(language)), markup=False)
            for example in examples(r.id):
                console.print(f"\n[bold]{i18n.t(f'rules.example.{example.kind}')}[/bold] — {example.file}")
                console.print(example.caption_in(language), markup=False)
                console.print(
                    textwrap.indent(example.text_in(language).rstrip("\n"), "    "), markup=False, soft_wrap=True
                )
            return
        else:
            raise ConfigError(i18n.t("rules.unknown", rule=rule_id))
    else:
        selected = rules_sorted()
    table = Table(show_lines=False, box=None, pad_edge=False)
    table.add_column(i18n.t("rules.col.id"), no_wrap=True)
    table.add_column(i18n.t("rules.col.sev"), no_wrap=True)
    table.add_column(i18n.t("rules.col.title"))
    for r in selected:
        table.add_row(r.id, i18n.t(f"rules.sev.{r.severity}"), r.title_in(language))
    console.print(table)
