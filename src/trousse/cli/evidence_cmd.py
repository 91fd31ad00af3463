"""`trousse evidence [KIT]`: what git proves, per process and per record; its exit code judges the
evidence history alone (the full verdict is `trousse readiness`'s)."""

from __future__ import annotations

import datetime as dt
import io
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from trousse import i18n
from trousse.cli import completion
from trousse.cli.common import (
    as_of_option,
    check_lang,
    jobs_option,
    kit_argument,
    lang_option,
    parse_as_of,
    replay_cached,
    use_jobs,
)
from trousse.cli.warm import evidence_options
from trousse.errors import EXIT_FINDINGS, EXIT_OK, ConfigError

if TYPE_CHECKING:
    from rich.console import Console

    from trousse.evidence.model import Evidence, ProcessHistory


BLOCKS = "▁▂▃▄▅▆▇█"
MONTHS_SHOWN = 18
YEARS_SHOWN = 10  # years before the timeline shown one by one; older ones are added up in one column


def _day(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


def _timeline(months: dict[str, int], gaps: set[str], first: dt.date) -> str:
    from trousse.evidence.dates import add_months

    peak = max(months.values(), default=0)
    out = []
    for i in range(MONTHS_SHOWN):
        m = add_months(first, i)
        key = f"{m.year}-{m.month:02d}"
        n = months.get(key, 0)
        if key in gaps:
            out.append("!")
        elif n == 0:
            out.append("·")
        else:
            out.append(BLOCKS[min(7, max(0, math.ceil(n / peak * 8) - 1))])
    return "".join(out)


def _allowed(p: ProcessHistory) -> str:
    lang = i18n.language()
    if p.max_silence is None:
        return "—"
    text = p.max_silence.text(lang)
    return f"{text} + {p.grace.text(lang)}" if p.grace else text


def print_notes(ev: Evidence, console: Console) -> None:
    """Below the table: silences, justified allowances, files not counted, altered signed
    records, the certification cycle."""
    for p in ev.processes:
        for gap in p.silences:
            key = "evidence.silence_ongoing" if gap.ongoing else "evidence.silence"
            console.print(
                i18n.t(key, process=p.id, start=gap.start, end=gap.end, days=gap.days, allowed=_allowed(p)),
                markup=False,
            )
    for p in ev.processes:
        if p.why:
            console.print(i18n.t("evidence.why", process=p.id, allowed=_allowed(p), why=p.why), markup=False)
    if ev.uncounted:
        console.print(i18n.t("evidence.broken", count=len(ev.uncounted)), markup=False)
        for u in ev.uncounted:
            console.print(i18n.t("evidence.broken_line", path=u.path, reason=u.reason or "?"), markup=False)
    if ev.integrity:
        ids = ", ".join(sorted({a.id or a.path for a in ev.integrity}))
        console.print(i18n.t("evidence.altered", count=len({a.path for a in ev.integrity}), ids=ids), markup=False)
    cert = ev.certification
    if cert is not None and cert.valid_until is not None:
        nxt = i18n.t("evidence.next_surveillance", day=cert.next_surveillance_due) if cert.next_surveillance_due else ""
        console.print(i18n.t("evidence.certified", until=cert.valid_until, next=nxt), markup=False)


def print_text(ev: Evidence, console: Console, with_records: bool, process: str | None = None) -> None:
    """The tables of ``trousse evidence`` (``process``: narrowed to that process, see
    :func:`narrow`)."""
    from rich.table import Table

    from trousse.evidence.dates import add_months
    from trousse.evidence.model import RecordStatus

    hist = ev.history
    console.print(
        i18n.t(
            "evidence.title",
            as_of=ev.as_of.isoformat(),
            minimum=ev.minimum.text(i18n.language()),
            tolerance=ev.tolerance.text(i18n.language()),
            commits=hist.commits if hist else 0,
        )
    )
    first = add_months(ev.as_of.replace(day=1), -(MONTHS_SHOWN - 1))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for key, justify in (
        ("process", "left"),
        ("records", "right"),
        ("first", "left"),
        ("last", "left"),
        ("span", "right"),
        ("met", "left"),
        ("ready", "left"),
    ):
        table.add_column(i18n.t(f"evidence.col.{key}"), justify=justify)  # type: ignore[arg-type]
    table.add_column(i18n.t("evidence.col.timeline", start=f"{first:%Y-%m}", end=f"{ev.as_of:%Y-%m}"))
    gap_count = 0
    for p in ev.processes:
        gaps = {g.label for g in p.empty_periods if g.cadence == "monthly"}
        gaps |= {f"{g.start:%Y-%m}" for g in p.empty_periods if g.cadence != "monthly"}
        gap_count += len(p.empty_periods)
        met = i18n.t("evidence.yes") if p.minimum_met else i18n.t("evidence.no")
        name = p.id if p.required else f"{p.id} {i18n.t('evidence.optional')}"
        table.add_row(
            name,
            str(p.records),
            _day(p.first),
            _day(p.last),
            str(p.span_days),
            met,
            _day(p.ready_on),
            _timeline(p.months, gaps, first),
        )
    console.print(table)
    _print_earlier(ev, console, first)
    console.print()
    verdict = ev.kit
    history = verdict.condition("history") if verdict is not None else None
    if process is not None:
        _print_process_verdict(ev, console)
    elif verdict is not None and history is not None:
        waiting = ", ".join(history.blocking)
        if history.met:
            console.print(i18n.t("evidence.history_met", day=_day(history.met_on)))
        elif history.projected_on:
            console.print(i18n.t("evidence.history_on", day=history.projected_on.isoformat(), waiting=waiting))
        else:
            console.print(i18n.t("evidence.history_not", waiting=waiting))
        unmet = ", ".join(c.id for c in verdict.conditions if not c.met)
        state = i18n.t("evidence.verdict.ready") if verdict.ready else i18n.t("evidence.verdict.not", items=unmet)
        console.print(i18n.t("evidence.verdict", verdict=state))
    print_notes(ev, console)
    uncounted = sum(1 for r in ev.records if r.status != RecordStatus.OK)
    for key, count in (
        ("evidence.gaps", gap_count),
        ("evidence.uncounted", uncounted),
        ("evidence.lost", len(hist.lost) if hist else 0),
        ("evidence.disorder", len(hist.disorder) if hist else 0),
    ):
        if count:
            console.print(i18n.t(key, count=count))
    if with_records:
        console.print()
        rt = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
        for key in ("path", "id", "process", "declared", "evidence", "commit", "author", "status"):
            rt.add_column(i18n.t(f"evidence.col.{key}"))
        # each file's rows by date (a living source's commits are read in order, not by commit id)
        for r in sorted(ev.records, key=lambda r: (r.path, r.evidence or r.declared, r.declared, r.id)):
            rt.add_row(
                r.path,
                r.id,
                r.process or "—",
                r.declared.isoformat(),
                _day(r.evidence),
                (r.commit or "—")[:10],
                r.author or "—",
                i18n.t("status.source-dated-accepted" if r.accepted else f"status.{r.status}"),
            )
        console.print(rt)


def earlier_years(ev: Evidence, before: dt.date) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """The evidence older than the timeline, added up per year: the column labels (the years, the
    oldest beyond :data:`YEARS_SHOWN` folded into one "≤ year" column) and, for each process with
    evidence before ``before`` (the timeline's first month), its count in each column."""
    cut = f"{before:%Y-%m}"
    per: dict[str, dict[int, int]] = {}
    for p in ev.processes:
        for month, n in p.months.items():
            if month < cut and n:
                years = per.setdefault(p.id, {})
                years[int(month[:4])] = years.get(int(month[:4]), 0) + n
    if not per:
        return [], []
    last = before.year if before.month > 1 else before.year - 1
    oldest = min(y for years in per.values() for y in years)
    first = max(oldest, last - YEARS_SHOWN + 1)
    labels = ([f"≤ {first - 1}"] if oldest < first else []) + [str(y) for y in range(first, last + 1)]
    rows: list[tuple[str, list[int]]] = []
    for p in ev.processes:
        held = per.get(p.id)
        if held is None:
            continue
        counts = [sum(n for y, n in held.items() if y < first)] if oldest < first else []
        counts += [held.get(y, 0) for y in range(first, last + 1)]
        rows.append((p.id if p.required else f"{p.id} {i18n.t('evidence.optional')}", counts))
    return labels, rows


def _print_earlier(ev: Evidence, console: Console, before: dt.date) -> None:
    """Below the timeline, the years of evidence before it, one count per process and year (a kit
    adopted with years of history sees them all without a month-by-month flood)."""
    from rich.table import Table

    labels, rows = earlier_years(ev, before)
    if not rows:
        return
    console.print()
    console.print(i18n.t("evidence.earlier", start=f"{before:%Y-%m}", months=MONTHS_SHOWN), markup=False)
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(i18n.t("evidence.col.process"))
    for label in labels:
        table.add_column(label, justify="right")
    for name, counts in rows:
        table.add_row(name, *(str(n) if n else "·" for n in counts))
    console.print(table)


def _print_process_verdict(ev: Evidence, console: Console) -> None:
    """The one process ``--process`` narrowed to: has it enough history (the exit code)?"""
    for p in ev.processes:
        if p.minimum_met:
            console.print(i18n.t("evidence.process_met", process=p.id, day=_day(p.ready_on)), markup=False)
        elif p.ready_on is not None:
            console.print(i18n.t("evidence.process_on", process=p.id, day=p.ready_on.isoformat()), markup=False)
        else:
            console.print(i18n.t("evidence.process_not", process=p.id), markup=False)


def narrow(ev: Evidence, process: str) -> Evidence:
    """The evidence of one process: its row, its records, its files that do not count, its altered
    signed records; the kit-wide parts (the readiness verdict, the certification, the documents, git's
    lost and out-of-order commits) stay as they are. A :class:`ConfigError` naming the kit's
    processes when ``process`` is none of them (case aside)."""
    import dataclasses

    known = [p.id for p in ev.processes]
    match = [pid for pid in known if pid == process] or [pid for pid in known if pid.lower() == process.lower()]
    if not match:
        raise ConfigError(i18n.t("evidence.unknown_process", value=process, known=", ".join(known) or "—"))
    pid = match[0]
    records = [r for r in ev.records if r.process == pid]
    paths = {r.path for r in records}
    return dataclasses.replace(
        ev,
        processes=[p for p in ev.processes if p.id == pid],
        records=records,
        uncounted=[u for u in ev.uncounted if u.process == pid],
        integrity=[a for a in ev.integrity if a.path in paths],
    )


def history_met(ev: Evidence) -> bool:
    """The exit code's question: does every required process meet its minimum history?"""
    history = ev.kit.condition("history") if ev.kit is not None else None
    return history is not None and history.met


def add(app: typer.Typer) -> None:
    """Declare ``trousse evidence``."""

    @app.command("evidence", help=i18n.t("evidence.help"))
    def evidence_command(
        kit: Path | None = kit_argument(),
        fmt: str = typer.Option("text", "--format", "-f", help=i18n.t("evidence.format")),
        records: bool = typer.Option(False, "--records", help=i18n.t("evidence.records")),
        process: str | None = typer.Option(
            None, "--process", help=i18n.t("evidence.process"), metavar="ID", autocompletion=completion.process_ids
        ),
        as_of: str | None = as_of_option(),
        lang: str | None = lang_option(),
        jobs: str | None = jobs_option(),
    ) -> None:
        raise typer.Exit(run(kit, fmt, records, as_of, lang, process, jobs))


def run(
    kit: Path | None,
    fmt: str,
    records: bool,
    as_of: str | None,
    lang_arg: str | None,
    process: str | None = None,
    jobs: str | None = None,
) -> int:
    """Compute the evidence and write it; the exit code (with ``process``: that process's history
    alone; ``jobs``: processes reading the kit)."""
    lang = check_lang(lang_arg)
    use_jobs(jobs)
    if fmt not in ("text", "json"):
        raise ConfigError(i18n.t("evidence.bad_format", value=fmt))
    day = parse_as_of(as_of)
    options = evidence_options(fmt, records, lang, as_of, process)  # the result cache's key (trousse.cli.warm)
    cache = replay_cached(kit, "evidence", options)
    if day is None:  # git walks the history while the kit is read
        from trousse.evidence import prefetch

        prefetch.start(kit)
    from rich.console import Console

    from trousse.cli import progress
    from trousse.evidence.compute import run_evidence

    progress.install()
    ev = run_evidence(kit, lang=lang, as_of=day)
    if process is not None:
        ev = narrow(ev, process)
        code = EXIT_OK if all(p.minimum_met for p in ev.processes) else EXIT_FINDINGS
    else:
        code = EXIT_OK if history_met(ev) else EXIT_FINDINGS
    if fmt == "json":
        out = i18n.printable_json(ev.as_dict())
    elif cache is None:
        print_text(ev, Console(highlight=False, width=None if sys.stdout.isatty() else 200), records, process)
        return code
    else:
        # Piped output is not cut to 80 columns: tables keep every date whole.
        buf = io.StringIO()
        print_text(ev, Console(file=buf, highlight=False, width=200), records, process)
        out = buf.getvalue()
    sys.stdout.write(out)
    if cache is not None:
        cache.put((out, code))
    return code
