"""`trousse standards [ID]`: the shipped standard packs, or one pack's clauses and processes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from trousse import i18n
from trousse.cli import completion
from trousse.cli.common import check_lang, lang_option
from trousse.errors import ConfigError

if TYPE_CHECKING:
    from trousse.models import Pack


def _counts(pack: Pack) -> tuple[int, int, int, int]:
    documents = sum(1 for a in pack.artefacts if a.kind == "document")
    records = sum(1 for a in pack.artefacts if a.kind == "record")
    return len(pack.clauses), len(pack.processes), documents, records


def _table(rows: list[list[str]]) -> list[str]:
    """Rows as left-aligned columns (the last one unpadded)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1] for r in rows]


def list_lines(packs: dict[str, Pack], lang: str) -> list[str]:
    """The table of packs: id, edition, counts, title."""
    rows = [
        [i18n.t(f"std.col.{c}") for c in ("id", "edition", "clauses", "processes", "documents", "records", "title")]
    ]
    for pid, pack in sorted(packs.items()):
        rows.append([pid, pack.edition, *(str(n) for n in _counts(pack)), i18n.pick(pack.title, lang)])
    return _table(rows)


def pack_lines(pack: Pack, lang: str) -> list[str]:
    """One pack: its title, edition, clauses and processes."""
    out = [f"{pack.id} — {i18n.pick(pack.title, lang)}", i18n.t("std.edition", edition=pack.edition), ""]
    out.append(i18n.t("std.clauses", count=len(pack.clauses)))
    if pack.clauses:
        out += ["  " + line for line in _table([[c.number, i18n.pick(c.title, lang)] for c in pack.clauses])]
    else:
        out.append("  " + i18n.t("std.none"))
    out += ["", i18n.t("std.processes", count=len(pack.processes))]
    rows = []
    for p in pack.processes:
        clauses = ", ".join(p.clauses)
        extra = f" [{clauses}]" if clauses else ""
        if not p.required:
            extra += f" ({i18n.t('std.optional')})"
        rows.append([p.id, i18n.pick(p.name, lang) + extra])
    out += ["  " + line for line in _table(rows)] if rows else ["  " + i18n.t("std.none")]
    return out


def add(app: typer.Typer) -> None:
    """Declare ``trousse standards``."""

    @app.command("standards", help=i18n.t("std.help"))
    def standards_command(
        pack_id: str | None = typer.Argument(
            None, help=i18n.t("std.id"), metavar="ID", autocompletion=completion.standard_ids
        ),
        lang: str | None = lang_option(),
    ) -> None:
        language = check_lang(lang)
        from trousse.packs import broken_packs, shipped_packs

        packs = shipped_packs()
        for name in sorted(broken_packs()):
            sys.stderr.write(i18n.t("std.broken", file=name) + "\n")
        if pack_id is None:
            lines = list_lines(packs, language) + ["", i18n.t("std.next")]
        elif pack_id in packs:
            lines = pack_lines(packs[pack_id], language)
        else:
            raise ConfigError(i18n.t("std.unknown", pack=pack_id, known=", ".join(sorted(packs))))
        typer.echo("\n".join(line.rstrip() for line in lines))
        raise typer.Exit(0)
