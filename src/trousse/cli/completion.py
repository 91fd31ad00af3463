"""Shell completion (bash, zsh, fish): `trousse completion SHELL` prints the script, and the value
functions below offer what the kit holds — process ids, audit ids for ``--audit``, standard ids,
rule ids and families, report kinds.

The value functions run on every Tab press: they read only what they need (file names, one
``id:`` per audit file), never the whole kit, and never fail (no kit: no values)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from trousse import i18n

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_TROUSSE_COMPLETE"


def _register_shells() -> None:
    """typer's completion classes (bash, zsh, fish), which the app leaves out (add_completion=False)."""
    from typer._completion_classes import completion_init  # noqa: PLC0415 - only when completing

    completion_init()


if COMPLETE_VAR in os.environ:  # a Tab press: the shell asks for values
    _register_shells()


def _kit_root(ctx: typer.Context) -> Path | None:
    given = ctx.params.get("kit") if ctx is not None else None
    start = Path(str(given)) if given else Path.cwd()
    try:
        here = start.absolute()
        for folder in (here, *here.parents):
            if (folder / "trousse.yml").is_file():
                return folder
    except OSError:
        return None
    return None


def _starting(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(v, h) for v, h in values if v.startswith(incomplete)]


def process_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The kit's process ids (the names of processes/*.md)."""
    root = _kit_root(ctx)
    if root is None:
        return []
    try:
        ids = sorted(p.stem for p in (root / "processes").glob("*.md") if p.is_file())
    except OSError:
        return []
    return _starting([(i, "") for i in ids], incomplete)


def audit_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The kit's audit ids, with their kind and date (the ``id:`` line of audits/*.yml)."""
    root = _kit_root(ctx)
    if root is None:
        return []
    out: list[tuple[str, str]] = []
    try:
        files = sorted((root / "audits").glob("*.yml"))
    except OSError:
        return []
    for path in files:
        fields: dict[str, str] = {}
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    key, sep, value = line.partition(":")
                    if sep and key in ("id", "kind", "date") and key not in fields:
                        fields[key] = value.split("#")[0].strip().strip("'\"")
                    if len(fields) == 3:
                        break
        except OSError:
            continue
        if fields.get("id"):
            out.append((fields["id"], " ".join(fields.get(k, "") for k in ("kind", "date")).strip()))
    return _starting(out, incomplete)


def standard_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The shipped standard packs and the kit's own (standards/*.yml)."""
    from trousse.packs import shipped_pack_ids  # noqa: PLC0415

    ids = set(shipped_pack_ids())
    root = _kit_root(ctx)
    if root is not None:
        try:
            ids |= {p.stem for p in (root / "standards").glob("*.yml")}
        except OSError:
            pass
    return _starting([(i, "") for i in sorted(ids)], incomplete)


def rule_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Rule ids with their title, and the families."""
    from trousse.check.rules import REGISTRY  # noqa: PLC0415
    from trousse.check.rules.registry import FAMILIES  # noqa: PLC0415

    lang = i18n.language()
    values = [(fam, i18n.pick({"fr": t[0], "en": t[1]}, lang)) for fam, t in sorted(FAMILIES.items())]
    values += [(rid, REGISTRY[rid].title_in(lang)) for rid in sorted(REGISTRY)]
    return [(v, h) for v, h in values if v.upper().startswith(incomplete.upper())]


def report_kinds(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The report kinds."""
    from trousse.cli.report_cmd import KINDS, OWN_KINDS  # noqa: PLC0415

    return _starting([(k, "") for k in (*KINDS, *OWN_KINDS)], incomplete)


def shells(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The shells completion supports."""
    return _starting([(s, "") for s in SHELLS], incomplete)


def completion_script(shell: str) -> str:
    """The script that makes ``shell`` ask trousse for completions (typer's own, so that it
    speaks the protocol the running command answers)."""
    from typer._completion_shared import get_completion_script  # noqa: PLC0415

    _register_shells()
    return get_completion_script(prog_name="trousse", complete_var=COMPLETE_VAR, shell=shell) + "\n"


def add(app: typer.Typer) -> None:
    """Declare ``trousse completion SHELL`` on ``app``."""

    @app.command("completion", help=i18n.t("completion.help"))
    def completion_command(
        shell: str = typer.Argument(..., help=i18n.t("completion.shell"), metavar="SHELL", autocompletion=shells),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
    ) -> None:
        from trousse.cli.common import check_lang  # noqa: PLC0415
        from trousse.errors import ConfigError  # noqa: PLC0415

        check_lang(lang)
        if shell not in SHELLS:
            raise ConfigError(i18n.t("completion.bad_shell", value=shell))
        typer.echo(completion_script(shell), nl=False)
        raise typer.Exit(0)
