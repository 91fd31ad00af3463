"""The calendar as an iCalendar file (RFC 5545) a team subscribes to: one all-day event per
occurrence, on its due date. The only module that imports ``icalendar``."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar as ICalendar
from icalendar import Event

from trousse import __version__
from trousse.workflow.calendar import Calendar


def to_ics(cal: Calendar) -> bytes:
    """The iCalendar bytes of ``cal`` (stable UIDs: source, activity, due date)."""
    out = ICalendar()
    out.add("prodid", f"-//trousse//calendar {__version__}//EN")
    out.add("version", "2.0")
    stamp = dt.datetime.combine(cal.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    for occ in cal.occurrences:
        ev = Event()
        ev.add("uid", f"{occ.id}@trousse")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", occ.due)
        ev.add("dtend", occ.due + dt.timedelta(days=1))
        ev.add("summary", f"[{occ.status}] {occ.title}")
        lines = [f"status: {occ.status}", f"window: {occ.start.isoformat()} .. {occ.due.isoformat()}"]
        if occ.record:
            lines.append(f"record: {occ.record}")
        if occ.done_on:
            lines.append(f"done on: {occ.done_on.isoformat()}")
        ev.add("description", "\n".join(lines))
        ev.add("categories", [occ.source])
        out.add_component(ev)
    return bytes(out.to_ical())
