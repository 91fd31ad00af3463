"""Per-process history, silences and empty periods, computed from dated records.

Only records that count as proof (status ``ok``) are used. A process meets its minimum history on
day D when its earliest evidence is at least the minimum before D and no silence inside the
window [D - minimum, D] (between two evidence dates, or from the last one to D) is longer than
its allowed silence (kit-format.md, "Evidence"). A silence that is too long therefore restarts the
history at the evidence that ends it; an ongoing one (the last evidence is already too old) means
the minimum can be met at the earliest one minimum after today, if records start again now.

The allowed silence of a process is the longest of its record types' allowances: a periodic type
(monthly, quarterly, yearly) allows its period plus the back-dating tolerance (a monthly report
written a few days late is not a silence); an event-driven type allows the kit's
``evidence.max_silence`` (else the pack's, else 1 month). ``evidence.processes.<ID>.max_silence``
replaces it for one process, with its written justification (``why``).

An empty period (a month, quarter or year with no record of a periodic record type, between that
type's first record and the last complete period) is reported (EVD003). With "N consecutive
quarters", the minimum is also N complete calendar quarters in a row each holding evidence (for
the kit: each holding evidence of every required process).
The kit's verdict is :mod:`trousse.evidence.readiness`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from trousse.evidence.dates import (
    CADENCE_MONTHS,
    add_months,
    add_period,
    days_between,
    last_complete_period,
    period_end,
    period_index,
    period_label,
    period_start,
)
from trousse.evidence.model import EmptyPeriod, ProcessHistory, RecordEvidence, Silence
from trousse.models.common import Period

if TYPE_CHECKING:
    from trousse.kit import Kit

PERIODIC = ("monthly", "quarterly", "yearly")
REPORT_GAPS_FOR = 12  # months before the as-of date in which empty periods are reported
DEFAULT_MAX_SILENCE = Period(1, "months")
_PROBE = dt.date(2001, 1, 31)


def _span(period: Period, grace: Period | None) -> int:
    """Days ``period`` (plus ``grace``) lasts from a fixed day: to compare allowances."""
    end = add_period(_PROBE, period)
    return ((add_period(end, grace) if grace else end) - _PROBE).days


def allowed_silence(
    kit: Kit, pid: str, seen: set[str], tolerance: Period
) -> tuple[Period, Period | None, str, str | None]:
    """The longest silence allowed to process ``pid``: (period, grace, where it comes from, why).
    ``seen`` holds the artefact types of its counted records."""
    override = kit.config.evidence.processes.get(pid)
    if override is not None:
        return override.max_silence, None, "process", override.why.strip()
    default: Period | None = kit.config.evidence.max_silence
    source = "kit"
    for pack in kit.standards():
        if default is None and pack.defaults.evidence.max_silence is not None:
            default, source = pack.defaults.evidence.max_silence, "standard"
    if default is None:
        default, source = DEFAULT_MAX_SILENCE, "default"
    types = {a.id for a in kit.artefacts.values() if a.kind == "record" and a.process == pid} | seen
    options: list[tuple[Period, Period | None, str]] = []
    event = not types
    for art_id in sorted(types):
        art = kit.artefacts.get(art_id)
        cadence = art.cadence if art is not None else None
        if cadence is not None and cadence in PERIODIC:
            options.append((Period(CADENCE_MONTHS[cadence], "months"), tolerance, f"cadence:{art_id}"))
        else:
            event = True
    if event:
        options.append((default, None, source))
    best = max(options, key=lambda o: _span(o[0], o[1]))
    return best[0], best[1], best[2], None


def continuity(
    days: list[dt.date], as_of: dt.date, minimum: Period, allowed: Period, grace: Period | None
) -> tuple[dt.date | None, dt.date, bool, list[Silence]]:
    """From sorted evidence days: (start of the current continuous run or None when a silence is
    ongoing, the day the minimum is or will be met, whether it is met on ``as_of``, the silences
    longer than allowed that hold it back)."""

    def too_long(a: dt.date, b: dt.date) -> bool:
        limit = add_period(a, allowed)
        return b > (add_period(limit, grace) if grace else limit)

    start = days[0]
    gaps: list[Silence] = []
    for a, b in zip(days, days[1:], strict=False):
        if too_long(a, b):
            gaps.append(Silence(a, b))
            start = b
    window = add_period(as_of, minimum, -1)
    silences = [g for g in gaps if g.end > window]
    if too_long(days[-1], as_of):
        silences.append(Silence(days[-1], as_of, ongoing=True))
        return None, add_period(as_of, minimum), False, silences
    ready_on = add_period(start, minimum)
    return start, ready_on, ready_on <= as_of, silences


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
    process: str, by_artefact: dict[str, list[dt.date]], cadences: Mapping[str, str], as_of: dt.date
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
    kit: Kit,
    pid: str,
    required: bool,
    recs: list[RecordEvidence],
    cadences: Mapping[str, str],
    as_of: dt.date,
    minimum: Period,
    tolerance: Period,
) -> tuple[ProcessHistory, set[int]]:
    pe = ProcessHistory(pid, required, records=len(recs))
    allowed, grace, pe.max_silence_from, pe.why = allowed_silence(kit, pid, {r.artefact for r in recs}, tolerance)
    pe.max_silence, pe.grace = allowed, grace
    days = sorted({d for r in recs if (d := r.counted_on) is not None and d <= as_of})
    if not days:
        return pe, set()
    pe.first, pe.last = days[0], days[-1]
    pe.span_days = days_between(pe.first, as_of)
    for r in recs:  # records per month (two records of one day are two records)
        if (d := r.counted_on) is not None and d <= as_of:
            key = f"{d.year}-{d.month:02d}"
            pe.months[key] = pe.months.get(key, 0) + 1
    pe.months = dict(sorted(pe.months.items()))
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
    pe.since, pe.ready_on, pe.minimum_met, pe.silences = continuity(days, as_of, minimum, allowed, grace)
    if minimum.unit == "quarters" and minimum.consecutive:
        # A silence too long breaks the run of quarters: the quarter where it ends does not count.
        if pe.since is None:
            quarters = set()
            pe.ready_on = period_start(period_index(as_of, "quarterly") + 1 + minimum.count, "quarterly")
        else:
            if pe.since > days[0]:
                quarters = {q for q in quarters if q > period_index(pe.since, "quarterly")}
            met, ready_on = consecutive_quarters(quarters, minimum.count, as_of)
            pe.minimum_met = met
            pe.ready_on = ready_on or period_start(period_index(pe.since, "quarterly") + 1 + minimum.count, "quarterly")
    pe.quarters = [
        period_label(q, "quarterly") for q in sorted(quarters) if q <= last_complete_period(as_of, "quarterly")
    ]
    return pe, quarters


def _required(kit: Kit) -> list[str]:
    waived = kit.excluded_processes()  # declared not applicable
    seen: list[str] = list(waived)
    for pack in kit.standards():
        for pdef in pack.processes:
            if pdef.required and pdef.id not in seen:
                seen.append(pdef.id)
    return [pid for pid in seen if pid not in waived]


def build_processes(
    kit: Kit,
    records: list[RecordEvidence],
    as_of: dt.date,
    minimum: Period,
    tolerance: Period = Period(7, "days"),
) -> list[ProcessHistory]:
    """Per-process evidence, sorted by id (the kit's verdict is :mod:`trousse.evidence.readiness`'s)."""
    required = _required(kit)
    valid = [r for r in records if r.counts]
    ids = set(required) | {p.id for p in kit.processes} | {r.process for r in records if r.process}
    cadences = {a.id: a.cadence for a in kit.artefacts.values() if a.kind == "record" and a.cadence in PERIODIC}
    by_process: dict[str, list[RecordEvidence]] = {}
    for r in valid:
        if r.process:
            by_process.setdefault(r.process, []).append(r)
    out: list[ProcessHistory] = []
    for pid in sorted(ids):
        pe, _ = _process(kit, pid, pid in required, by_process.get(pid, []), cadences, as_of, minimum, tolerance)
        out.append(pe)
    return out
