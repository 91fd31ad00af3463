"""`trousse readiness [KIT]`: the readiness verdict, and the CI gate (0 ready, 1 not ready, 2 unusable)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from trousse import i18n
from trousse.cli.common import as_of_option, check_lang, kit_argument, lang_option, parse_as_of
from trousse.errors import EXIT_FINDINGS, EXIT_OK, ConfigError

if TYPE_CHECKING:
    from trousse.evidence.readiness import Readiness


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else "—"


def render_text(r: Readiness) -> str:
    """The verdict as plain lines: the answer, one line per condition, what to do first."""
    head = i18n.t("readiness.title", as_of=r.as_of.isoformat())
    if r.commit:
        head += i18n.t("readiness.commit", commit=r.commit[:10])
    lines = [head]
    if r.ready:
        lines.append(i18n.t("readiness.ready", day=_day(r.ready_on)))
    elif r.earliest_booking:
        lines.append(i18n.t("readiness.booking", day=r.earliest_booking.isoformat()))
    else:
        lines.append(i18n.t("readiness.undated", items=", ".join(r.undated)))
    lines.append("")
    width = max(len(c.id) for c in r.conditions)
    for c in r.conditions:
        when = ""
        if c.met and c.met_on:
            when = f" ({i18n.t('readiness.met_on', day=c.met_on.isoformat())})"
        elif not c.met and c.projected_on:
            when = f" ({i18n.t('readiness.projected', day=c.projected_on.isoformat())})"
        mark = "✓" if c.met else "✗"
        lines.append(f"  {mark} {c.id:<{width}}  {c.label} — {c.detail}{when}")
        lines.extend(f"      {note}" for note in c.notes)
    if r.next_steps:
        lines += ["", i18n.t("readiness.next")]
        lines += [f"  {i}. {s.text}" for i, s in enumerate(r.next_steps, 1)]
    cert = r.certification
    if cert is not None:
        lines += ["", i18n.t("readiness.certified", until=_day(cert.valid_until), due=_day(cert.next_surveillance_due))]
        lines += [i18n.t("readiness.problem", problem=p) for p in cert.problems]
    return "\n".join(lines) + "\n"


def add(app: typer.Typer) -> None:
    """Declare ``trousse readiness``."""

    @app.command("readiness", help=i18n.t("readiness.help"))
    def readiness_command(
        kit: Path | None = kit_argument(),
        fmt: str = typer.Option("text", "--format", "-f", help=i18n.t("readiness.format")),
        as_of: str | None = as_of_option(),
        lang: str | None = lang_option(),
    ) -> None:
        raise typer.Exit(run(kit, fmt, as_of, lang))


def run(kit: Path | None, fmt: str, as_of: str | None, lang_arg: str | None) -> int:
    """Judge the kit and write the verdict; the exit code (0 ready, 1 not ready)."""
    lang = check_lang(lang_arg)
    if fmt not in ("text", "json"):
        raise ConfigError(i18n.t("readiness.bad_format", value=fmt))
    from trousse.evidence.readiness import run_readiness

    verdict = run_readiness(kit, lang=lang, as_of=parse_as_of(as_of))
    if fmt == "json":
        sys.stdout.write(i18n.printable_json(verdict.as_dict()))
    else:
        sys.stdout.write(render_text(verdict))
    return EXIT_OK if verdict.ready else EXIT_FINDINGS
