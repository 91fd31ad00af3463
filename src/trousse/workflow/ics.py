"""The calendar as an iCalendar file (RFC 5545) a team subscribes to: one all-day event per
occurrence, on its due date, written in the kit's language. The only module that imports
``icalendar``.

Each event's UID is the occurrence's id at the kit's own key
(:func:`trousse.workflow.calendar.kit_key`): stable from one
run to the next, so that a calendar application updates an event rather than adding it again, and
different from one kit to another, so that two kits subscribed side by side never merge events.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Event
from icalendar import Calendar as ICalendar

from trousse import __version__, i18n
from trousse.workflow.calendar import DUE_SOON, Calendar

# Occurrences still to do on the as-of day: each carries a reminder. A done, late or missed one
# has nothing left to remind (a missed one is reported by CAL001).
REMINDED = ("upcoming", "due", "to-complete")


def to_ics(cal: Calendar) -> bytes:
    """The iCalendar bytes of ``cal`` in its kit's language; UIDs ``<occurrence id>@<kit key>.trousse``."""
    lang, key = cal.lang, cal.key
    out = ICalendar()
    out.add("prodid", f"-//trousse//calendar {__version__}//{lang.upper()}")
    out.add("version", "2.0")
    out.add("x-wr-calname", i18n.t("ics.name", _lang=lang, org=cal.organisation))
    stamp = dt.datetime.combine(cal.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    for occ in cal.occurrences:
        ev = Event()
        ev.add("uid", f"{occ.id}@{key}.trousse")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", occ.due)
        ev.add("dtend", occ.due + dt.timedelta(days=1))
        state = i18n.t(f"calcmd.{occ.status}", _lang=lang)
        ev.add("summary", f"[{state}] {occ.title}")
        lines = [
            i18n.t("ics.status", _lang=lang, status=state),
            i18n.t("ics.window", _lang=lang, start=occ.start.isoformat(), due=occ.due.isoformat()),
        ]
        if occ.record:
            lines.append(i18n.t("ics.record", _lang=lang, path=occ.record))
        if occ.done_on:
            lines.append(i18n.t("ics.done_on", _lang=lang, date=occ.done_on.isoformat()))
        ev.add("description", "\n".join(lines))
        ev.add("categories", [i18n.t(f"ics.source.{occ.source}", _lang=lang)])
        if occ.status in REMINDED:
            ev.add_component(_reminder(occ.title, lang))
        out.add_component(ev)
    return bytes(out.to_ical())


def _reminder(title: str, lang: str) -> Alarm:
    """A display alarm :data:`DUE_SOON` days before the due day: when the calendar starts
    calling the occurrence "due" and CI's CAL002 starts reminding it."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-DUE_SOON))
    alarm.add("description", i18n.t("ics.reminder", _lang=lang, title=title, days=DUE_SOON))
    return alarm
