"""Per-process history and empty periods, computed from dated records.

Only records that count as proof (status ``ok``) are used. A process's history starts at its
first evidence date; an empty period (a month, quarter or year with no record of a periodic
record type, between that type's first record and the last complete period) breaks the history:
the minimum must then be met again from the day after the gap. With "N consecutive quarters",
the minimum is N complete calendar quarters in a row each holding evidence. The kit's verdict is
:mod:`trousse.evidence.readiness`'s.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trousse.evidence.dates import (
    add_months,
    add_period,
    days_between,
    last_complete_period,
    period_end,
    period_index,
    period_label,
    period_start,
)
from trousse.evidence.model import EmptyPeriod, ProcessHistory, RecordEvidence, RecordStatus
from trousse.models.common import Period

if TYPE_CHECKING:
    from trousse.kit import Kit

PERIODIC = ("monthly", "quarterly", "yearly")
REPORT_GAPS_FOR = 12  # months before the as-of date in which empty periods are reported


def consecutive_quarters(quarters: set[int], count: int, as_of: dt.date) -> tuple[bool, dt.date | None]:
    """Whether ``count`` complete quarters in a row hold evidence by ``as_of``, and the day that
    is (or will be, if evidence keeps coming every quarter) true: the day after the last of them."""
    last_done = last_complete_period(as_of, "quarterly")
    run = 0
    for q in sorted(x for x in quarters if x <= last_done):
        run = run + 1 if run and (q - 1) in quarters else 1
        if run >= count:
            return True, period_start(q + 1, "quarterly")
    if not quarters:
        return False, None
    # Not met yet: the run that reaches the last complete quarter goes on from the current one.
    run = 0
    while (last_done - run) in quarters:
        run += 1
    return False, period_start(last_done + 1 + count - run, "quarterly")


def _empty_periods(
    process: str, by_artefact: dict[str, list[dt.date]], cadences: dict[str, str], as_of: dt.date
) -> list[EmptyPeriod]:
    out = []
    for art, days in sorted(by_artefact.items()):
        cadence = cadences[art]
        have = {period_index(d, cadence) for d in days}
        for idx in range(min(have), last_complete_period(as_of, cadence) + 1):
            if idx not in have:
                out.append(
                    EmptyPeriod(
                        process,
                        art,
                        cadence,
                        period_label(idx, cadence),
                        period_start(idx, cadence),
                        period_end(idx, cadence),
                    )
                )
    return out


def _process(
    pid: str, required: bool, recs: list[RecordEvidence], cadences: dict[str, str], as_of: dt.date, minimum: Period
) -> tuple[ProcessHistory, set[int]]:
    pe = ProcessHistory(pid, required, records=len(recs))
    if not recs:
        return pe, set()
    days = sorted(r.evidence for r in recs if r.evidence)
    pe.first, pe.last = days[0], days[-1]
    pe.span_days = days_between(pe.first, as_of)
    for d in days:
        key = f"{d.year}-{d.month:02d}"
        pe.months[key] = pe.months.get(key, 0) + 1
    periodic: dict[str, list[dt.date]] = {}
    for r in recs:  # a periodic record is filed under the period it declares (checked within tolerance)
        if r.artefact in cadences:
            periodic.setdefault(r.artefact, []).append(r.declared)
    gaps = _empty_periods(pid, periodic, cadences, as_of)
    since = add_months(as_of, -REPORT_GAPS_FOR)
    pe.empty_periods = [g for g in gaps if g.end >= since]
    quarters = {period_index(d, "quarterly") for d in days}
    for g in gaps:  # a quarter with a gap in it does not count towards consecutive quarters
        quarters -= set(range(period_index(g.start, "quarterly"), period_index(g.end, "quarterly") + 1))
    pe.quarters = [
        period_label(q, "quarterly") for q in sorted(quarters) if q <= last_complete_period(as_of, "quarterly")
    ]
    if minimum.unit == "quarters" and minimum.consecutive:
        pe.minimum_met, pe.ready_on = consecutive_quarters(quarters, minimum.count, as_of)
    else:
        start = max([pe.first] + [g.end + dt.timedelta(days=1) for g in gaps])
        pe.ready_on = add_period(start, minimum)
        pe.minimum_met = pe.ready_on <= as_of
    return pe, quarters


def _required(kit: Kit) -> list[str]:
    seen: list[str] = []
    for pack in kit.standards():
        for pdef in pack.processes:
            if pdef.required and pdef.id not in seen:
                seen.append(pdef.id)
    return seen


def build_processes(kit: Kit, records: list[RecordEvidence], as_of: dt.date, minimum: Period) -> list[ProcessHistory]:
    """Per-process evidence, sorted by id (the kit's verdict is :mod:`trousse.evidence.readiness`'s)."""
    required = _required(kit)
    valid = [r for r in records if r.status == RecordStatus.OK]
    ids = set(required) | {p.id for p in kit.processes} | {r.process for r in records if r.process}
    cadences = {a.id: a.cadence for a in kit.artefacts.values() if a.kind == "record" and a.cadence in PERIODIC}
    by_process: dict[str, list[RecordEvidence]] = {}
    for r in valid:
        if r.process:
            by_process.setdefault(r.process, []).append(r)
    out: list[ProcessHistory] = []
    for pid in sorted(ids):
        pe, _ = _process(pid, pid in required, by_process.get(pid, []), cadences, as_of, minimum)  # type: ignore[arg-type]
        out.append(pe)
    return out
