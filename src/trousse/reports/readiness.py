"""Context of the readiness report: the verdict of :mod:`trousse.evidence.readiness` (every
condition with its dates and what blocks it, the booking date, what to do first, the latest
management review, the certificate once certified), the certification journey (ITSM-CERT) with
each task and step's status, and the evidence history per process month by month."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from trousse.errors import TrousseError
from trousse.evidence.compute import compute
from trousse.evidence.readiness import Readiness, assess
from trousse.i18n import pack_text
from trousse.kit import Kit
from trousse.models import Process
from trousse.reports.common import process_name
from trousse.reports.labels import label
from trousse.reports.model import (
    CertificationView,
    Check,
    MonthCell,
    ProcessEvidence,
    ReadinessReport,
    ReviewView,
    StepView,
    TaskView,
    Timeline,
)
from trousse.reports.route import journey_id, step_states
from trousse.reports.route import task_checks as route_task_checks
from trousse.reports.typo import prose_dates
from trousse.resources import templates_root
from trousse.shipped import render_shipped
from trousse.yamlio import YamlProblem, parse_markdown

MAX_MONTHS = 12  # the heatmap shows the last year at most: the months the verdict reads


def journey(kit: Kit, lang: str) -> tuple[Process | None, bool]:
    """The kit's journey process (its route's, ITSM-CERT for ISO/IEC 20000-1), else the one
    trousse ships (rendered for this kit); the flag says whether the kit has its own."""
    journey_process = journey_id(kit)
    own = kit.process(journey_process)
    if own is not None:
        return own, True
    template = f"processes/{lang}/{journey_process}.md.j2"
    if not (templates_root() / template).is_file():
        return None, False
    try:
        text = render_shipped(template, kit.standards(), lang, kit.config.organisation.name)
        return Process.model_validate(parse_markdown(text).data), False
    except (TrousseError, YamlProblem, ValidationError):
        return None, False


def _months(first: dt.date, last: dt.date) -> list[str]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out[-MAX_MONTHS:]


def _timeline(rows: list[ProcessEvidence], as_of: dt.date) -> Timeline:
    firsts = [p.first for p in rows if p.first is not None]
    months = _months(min(firsts), as_of) if firsts else []
    label_w, cell, top = 96, 32, 34
    shown = [p for p in rows if p.records] if months else []
    drawn = []
    for i, p in enumerate(shown):
        counts = {c.month: c.count for c in p.months}
        cells = [(float(label_w + j * cell), float(top + i * cell), counts.get(m, 0)) for j, m in enumerate(months)]
        drawn.append((p.id, cells))
    return Timeline(months, label_w + len(months) * cell + 10, top + len(shown) * cell + 6, label_w, cell, drawn)


def _detail(text: str, lang: str) -> str:
    """A condition's remark: its parts are joined with "; " (French writes " ; ", the space then
    made a narrow no-break one like every other before a semicolon)."""
    text = prose_dates(pack_text(text, lang), lang)
    return text.replace("; ", " ; ") if lang == "fr" else text


def _checks(verdict: Readiness, lang: str) -> dict[str, Check]:
    """Every condition of the verdict, by id (trousse's words with French typography), an unmet
    one with what to do about it (the verdict's next steps for it, in their order)."""
    todo: dict[str, list[str]] = {}
    for step in verdict.next_steps:
        todo.setdefault(step.condition, []).append(pack_text(step.text, lang))
    sep = " ; " if lang == "fr" else "; "
    return {
        c.id: Check(
            c.id,
            pack_text(c.label, lang),
            c.met,
            _detail(c.detail, lang),
            c.met_on,
            c.projected_on,
            list(c.blocking),
            [pack_text(n, lang) for n in c.notes],
            sep.join(todo.get(c.id, [])) if not c.met else "",
        )
        for c in verdict.conditions
    }


def _met(checks: dict[str, Check], cid: str) -> bool:
    c = checks.get(cid)
    return c is not None and c.met


def _status(states: list[bool]) -> str:
    if states and all(states):
        return "done"
    return "partial" if any(states) else "todo"


def _tasks(kit: Kit, proc: Process | None, checks: dict[str, Check], lang: str, as_of: dt.date) -> list[TaskView]:
    if proc is None:
        return []
    plan = step_states(kit, [c for c, v in checks.items() if v.met], as_of)
    shown = route_task_checks(kit)
    out = []
    for activity in proc.activities:
        for task in activity.tasks:
            states = plan.get(task.id, [])
            steps = []
            for i, step in enumerate(task.steps):
                st = ("done" if states[i] else "todo") if i < len(states) else "todo"
                steps.append(StepView(step.name, step.description, st, label(f"t.{st}", lang)))
            task_checks = [checks[c] for c in shown.get(task.id, ()) if c in checks]
            status = _status([s.status == "done" for s in steps] + [c.met for c in task_checks])
            arts = kit.artefacts
            outputs = tuple(pack_text(arts[a].name, lang) if a in arts else a for a in task.outputs)
            out.append(
                TaskView(
                    task.id, task.name, task.objective, status, label(f"t.{status}", lang), task_checks, steps, outputs
                )
            )
    return out


def build_readiness(kit: Kit, lang: str, as_of: dt.date, as_of_given: bool = True) -> ReadinessReport:
    """The readiness report's context (evidence from commits made by ``as_of``)."""
    ev = compute(kit, as_of, as_of_given)
    verdict = assess(kit, ev, lang)
    rows = [
        ProcessEvidence(
            p.id,
            process_name(kit, p.id, lang),
            p.records,
            p.first,
            p.last,
            p.span_days,
            p.minimum_met,
            p.ready_on,
            [MonthCell(m, n) for m, n in sorted(p.months.items())],
        )
        for p in ev.processes
    ]
    checks = _checks(verdict, lang)
    proc, own = journey(kit, lang)
    notes = [] if ev.available else [label("no_git", lang, state=ev.repository or "")]
    cert = verdict.certification
    return ReadinessReport(
        ready=verdict.ready,
        ready_on=verdict.ready_on,
        minimum_history=ev.minimum.text(lang),
        checks=list(checks.values()),
        tasks=_tasks(kit, proc, checks, lang, as_of),
        processes=rows,
        timeline=_timeline(rows, as_of),
        journey_found=own,
        notes=notes,
        earliest_booking=verdict.earliest_booking,
        undated=[checks[c].label for c in verdict.undated],
        next_steps=[pack_text(s.text, lang) for s in verdict.next_steps],
        latest_review=ReviewView(verdict.latest_review.id, verdict.latest_review.date)
        if verdict.latest_review
        else None,
        certification=(
            CertificationView(
                cert.certificate,
                cert.valid_until,
                cert.next_surveillance_due,
                [pack_text(p, lang) for p in cert.problems],
            )
            if cert
            else None
        ),
        commit=verdict.commit,
    )
