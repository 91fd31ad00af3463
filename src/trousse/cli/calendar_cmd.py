"""`trousse calendar [KIT]`: what is due, done and missed, by week; JSON; an iCalendar file."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

MARKS = {"done": "✓", "late": "≈", "missed": "✗", "due": "!", "upcoming": "·", "to-complete": "…"}


def add(app: typer.Typer) -> None:
    """Declare ``trousse calendar`` on ``app``."""

    @app.command("calendar", help=i18n.t("calcmd.help"))
    def calendar_command(
        kit: Path | None = typer.Argument(None, help=i18n.t("opt.kit"), metavar="KIT", show_default=False),
        start: str | None = typer.Option(None, "--from", help=i18n.t("calcmd.from"), metavar="YYYY-MM-DD"),
        end: str | None = typer.Option(None, "--to", help=i18n.t("calcmd.to"), metavar="YYYY-MM-DD"),
        fmt: str = typer.Option("text", "--format", "-f", help=i18n.t("calcmd.format")),
        as_of: str | None = typer.Option(None, "--as-of", help=i18n.t("opt.as_of"), metavar="YYYY-MM-DD"),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
        output: Path | None = typer.Option(None, "--output", "-o", help=i18n.t("calcmd.output"), metavar="PATH"),
    ) -> None:
        import datetime as dt
        import sys

        from trousse.cli.common import check_lang, parse_as_of
        from trousse.errors import ConfigError
        from trousse.workflow.calendar import run_calendar

        lang = check_lang(lang)
        if fmt not in ("text", "json", "ics"):
            raise ConfigError(i18n.t("calcmd.bad_format", value=fmt))
        days = []
        for option, value in (("--from", start), ("--to", end)):
            try:
                days.append(dt.date.fromisoformat(value) if value else None)
            except ValueError:
                raise ConfigError(i18n.t("calcmd.bad_date", option=option, value=value)) from None
        cal = run_calendar(kit, as_of=parse_as_of(as_of), start=days[0], end=days[1], lang=lang)
        if fmt == "json":
            data = i18n.printable_json(cal.as_dict()).encode("utf-8")
        elif fmt == "ics":
            from trousse.workflow.ics import to_ics

            data = to_ics(cal)
        else:
            lines = [i18n.t("calcmd.title", start=cal.start, end=cal.end, as_of=cal.as_of)]
            week = None
            for o in cal.occurrences:
                year, num, _ = o.due.isocalendar()
                if (year, num) != week:
                    week = (year, num)
                    monday = o.due - dt.timedelta(days=o.due.weekday())
                    lines += [
                        "",
                        i18n.t(
                            "calcmd.week",
                            week=f"{year}-W{num:02d}",
                            monday=monday,
                            sunday=monday + dt.timedelta(days=6),
                        ),
                    ]
                state = i18n.t(f"calcmd.{o.status}")
                tail = f" — {o.record}" if o.record else ""
                lines.append(f"  {MARKS[o.status]} {o.due}  {state:<11} {o.title}{tail}")
            if not cal.occurrences:
                lines.append(i18n.t("calcmd.empty"))
            missed = sum(o.status == "missed" for o in cal.occurrences)
            due = sum(o.status == "due" for o in cal.occurrences)
            lines += ["", i18n.t("calcmd.summary", missed=missed, due=due)]
            data = ("\n".join(lines) + "\n").encode("utf-8")
        if output is None or str(output) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:  # a file the team's calendar application imports or subscribes to
            from trousse.reports.write import atomic_write, check_target

            check_target(output, cal.root or Path.cwd())
            atomic_write(output, data)
            typer.echo(i18n.t("report.written", path=output))
        raise typer.Exit(0)
