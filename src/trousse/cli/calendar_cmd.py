"""`trousse calendar [KIT]`: what is due, done and missed, by week; JSON; an iCalendar file."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "calcmd.help": (
            "Le calendrier des activités récurrentes : chaque occurrence prévue (fréquence des enregistrements, "
            "programme d'audit interne, revue de direction, revues de documents, échéances des actions, cycle de "
            "certification, activités de trousse.yml) et l'enregistrement daté par git qui l'a remplie : fait, "
            "en retard, manqué, à faire, à venir. Par semaine, en JSON, ou en fichier iCalendar (.ics).",
            "The calendar of recurring activities: each planned occurrence (record cadences, internal audit "
            "programme, management review, document reviews, action due dates, certification cycle, activities "
            "of trousse.yml) and the git-dated record that fulfilled it: done, late, missed, due, upcoming. By "
            "week, as JSON, or as an iCalendar file (.ics).",
        ),
        "calcmd.from": ("Première date montrée (défaut : il y a 3 mois).", "First date shown (default: 3 months ago)."),
        "calcmd.to": ("Dernière date montrée (défaut : dans 3 mois).", "Last date shown (default: in 3 months)."),
        "calcmd.format": ("Format : text, json ou ics.", "Format: text, json or ics."),
        "calcmd.bad_format": (
            "--format : « {value} » est inconnu ; choisissez text, json ou ics",
            "--format: '{value}' is unknown; choose text, json or ics",
        ),
        "calcmd.bad_date": (
            "{option} : « {value} » n'est pas une date AAAA-MM-JJ",
            "{option}: '{value}' is not a YYYY-MM-DD date",
        ),
        "calcmd.title": (
            "Calendrier du {start} au {end} (au {as_of})",
            "Calendar from {start} to {end} (as of {as_of})",
        ),
        "calcmd.week": ("Semaine {week} (du {monday} au {sunday})", "Week {week} ({monday} to {sunday})"),
        "calcmd.empty": ("Rien de prévu sur cette période.", "Nothing planned in this range."),
        "calcmd.done": ("fait", "done"),
        "calcmd.late": ("en retard", "late"),
        "calcmd.missed": ("manqué", "missed"),
        "calcmd.due": ("à faire", "due"),
        "calcmd.upcoming": ("à venir", "upcoming"),
        "calcmd.summary": (
            "{missed} manqué(e)s, {due} à faire sous 14 jours",
            "{missed} missed, {due} due within 14 days",
        ),
    }
)

MARKS = {"done": "✓", "late": "≈", "missed": "✗", "due": "!", "upcoming": "·"}


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
    ) -> None:
        import datetime as dt
        import json
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
            sys.stdout.write(json.dumps(cal.as_dict(), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "ics":
            from trousse.workflow.ics import to_ics

            sys.stdout.flush()
            sys.stdout.buffer.write(to_ics(cal))
            sys.stdout.buffer.flush()
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
                lines.append(f"  {MARKS[o.status]} {o.due}  {state:<10} {o.title}{tail}")
            if not cal.occurrences:
                lines.append(i18n.t("calcmd.empty"))
            missed = sum(o.status == "missed" for o in cal.occurrences)
            due = sum(o.status == "due" for o in cal.occurrences)
            lines += ["", i18n.t("calcmd.summary", missed=missed, due=due)]
            sys.stdout.write("\n".join(lines) + "\n")
        raise typer.Exit(0)
