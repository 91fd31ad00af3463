"""The conditions of the readiness verdict about history, nonconformities, actions, internal
audits and management reviews, one function each (kit-format.md, "Readiness"); the others are in
:mod:`.kit_conditions`.

Each function looks at the kit as it stands on the as-of day and returns a :class:`Condition`:
met or not, the day it was met (None when nothing on record ever held it back), the day it will
be met when that can be projected, and the ids of what holds it back. "Open" and "done" are
:mod:`.status`'s.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from trousse import i18n
from trousse.evidence.dates import add_months
from trousse.evidence.model import Evidence, ProcessHistory, RecordStatus
from trousse.evidence.nonconformities import Open, action_plan_delay, nonconformities
from trousse.evidence.status import Condition, action_overdue, audit_end, completed_on, latest
from trousse.models import Audit, Period

if TYPE_CHECKING:
    from trousse.kit import Kit

INTERNAL_AUDITS = ("internal", "mock")  # first-party audits: they count for the internal-audit condition
AUDIT_WINDOW_MONTHS = 12
MANAGEMENT_REVIEW = "management-review-record"
ACTION_PLAN = "action-plan"


def separator(lang: str) -> str:
    """What separates the parts of a condition's detail: French puts a narrow no-break space
    before the semicolon, as trousse's French messages do."""
    return f"{i18n.NNBSP}; " if lang == "fr" else "; "


def gating(ev: Evidence) -> list[ProcessHistory]:
    """The processes whose history counts: the required ones, else those with records."""
    return [p for p in ev.processes if p.required] or [p for p in ev.processes if p.records]


def processes_in_scope(kit: Kit) -> list[str]:
    """The processes the standards require and those the kit describes."""
    waived = kit.excluded_processes()  # declared not applicable
    ids = {pd.id for pack in kit.standards() for pd in pack.processes if pd.required}
    return sorted((ids | {p.id for p in kit.processes}) - set(waived))


def history(kit: Kit, ev: Evidence, day: dt.date, lang: str) -> Condition:
    """Every required process meets its minimum history."""
    c = Condition("history", False, notes=silence_notes(kit, lang))
    accepted = sum(1 for r in ev.records if r.accepted and r.counts)
    if accepted:
        key = "rdy.source_dated.one" if accepted == 1 else "rdy.source_dated.many"
        c.notes.append(i18n.t(key, _lang=lang, count=accepted))
    if not ev.available:
        c.detail = i18n.t("rdy.history.no_git", _lang=lang)
        return c
    shown = gating(ev)
    if not shown:
        c.detail = i18n.t("rdy.history.no_process", _lang=lang)
        return c
    short = [p for p in shown if not p.minimum_met]
    c.blocking = [p.id for p in short]
    if not short:
        c.met, c.met_on = True, latest([p.ready_on for p in shown])
        c.detail = i18n.t("rdy.history.all", _lang=lang, count=len(shown), minimum=ev.minimum.text(lang))
        return c
    if all(p.ready_on for p in short):
        c.projected_on = latest([p.ready_on for p in short])
    c.detail = separator(lang).join(
        i18n.t("rdy.history.days", _lang=lang, process=p.id, days=p.span_days)
        if p.first
        else i18n.t("rdy.history.none", _lang=lang, process=p.id)
        for p in short
    )
    return c


def silence_notes(kit: Kit, lang: str) -> list[str]:
    """The written justifications of silences a kit lengthened per process (evidence.processes)."""
    per = getattr(kit.config.evidence, "processes", None) or {}
    notes = []
    for pid in sorted(per):
        silence, why = _field(per[pid], "max_silence"), _field(per[pid], "why")
        if why:
            text = silence.text(lang) if isinstance(silence, Period) else str(silence or "")
            notes.append(i18n.t("rdy.silence", _lang=lang, process=pid, silence=text, why=why))
    return notes


def _field(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def major_nc(kit: Kit, day: dt.date, lang: str) -> Condition:
    """No major nonconformity is open, whatever its source: a major audit finding no record takes
    up, or a nonconformity record with ``severity: major`` (an audit, a complaint, an incident,
    self-detection); "open" as ``check`` reads it (:func:`.nonconformities.nonconformities`)."""
    c = Condition("major-nc", True)
    majors = [nc for nc in nonconformities(kit, day) if nc.major]
    still = sorted((nc for nc in majors if nc.is_open), key=lambda nc: nc.id)
    if not still:
        c.met_on = latest([nc.closed_on for nc in majors])
        c.detail = i18n.t("rdy.none_open", _lang=lang)
        return c
    c.met, c.blocking = False, [nc.id for nc in still]
    c.detail = i18n.t("rdy.major.open", _lang=lang, items=", ".join(c.blocking))
    # Projected when every open one has an action still ahead of its due date (a record closes
    # once its effectiveness is checked, ACT005: its planned check counts too, when ahead).
    dues: list[dt.date | None] = []
    for nc in still:
        ahead = [a.due for a in nc.actions if a.status == "open" and a.due >= day]
        check = nc.record.effectiveness_due if nc.record is not None else None
        if ahead and check is not None and check >= day:
            ahead.append(check)
        dues.append(max(ahead) if ahead else None)
    if dues and all(dues):
        c.projected_on = latest(dues)
    return c


def _plan_approved_on(kit: Kit, nc: Open, day: dt.date) -> dt.date | None:
    """When an action plan answering ``nc`` was approved by ``day``: one of its actions with
    ``approved_on``, or an approved ``action-plan`` record for its audit or naming one of its
    actions (its ``approved_on``, else its date)."""
    days: list[dt.date] = [a.approved_on for a in nc.actions if a.approved_on and a.approved_on <= day]
    mine = {a.id for a in nc.actions}
    for rec in kit.records:
        if rec.artefact != ACTION_PLAN or not getattr(rec, "approved_by", None):
            continue
        listed = getattr(rec, "actions", None)
        names = {str(x) for x in listed} if isinstance(listed, list) else set()
        if (nc.audit is not None and getattr(rec, "audit", None) == nc.audit) or names & mine:
            when = getattr(rec, "approved_on", None)
            when = when if isinstance(when, dt.date) else rec.date
            if when <= day:
                days.append(when)
    return min(days) if days else None


def action_plans(kit: Kit, day: dt.date, lang: str) -> Condition:
    """Every other open nonconformity (not major: a minor finding, a record not graded major) none
    of whose actions is done yet has an approved action plan within the delay ACT001 applies
    (:func:`.nonconformities.action_plan_delay`: the standards', the kit's when shorter, else one
    month), counted as ACT001 counts it. One with an action done has had its plan carried out."""
    c = Condition("action-plans", True)
    delay = action_plan_delay(kit)
    approved: list[dt.date | None] = []
    problems = []
    pending = (nc for nc in nonconformities(kit, day) if nc.is_open and not nc.major and not nc.acted)
    opened = sorted(pending, key=lambda n: n.id)
    for nc in opened:
        deadline = nc.deadline(delay)
        when = _plan_approved_on(kit, nc, day)
        approved.append(when)
        if when is None:
            text = i18n.t("rdy.plans.deadline", _lang=lang, date=deadline.isoformat())
            problems.append((nc.id, i18n.t("rdy.plans.missing", _lang=lang, finding=nc.id, deadline=text)))
        elif when > deadline:
            problems.append(
                (
                    nc.id,
                    i18n.t(
                        "rdy.plans.late",
                        _lang=lang,
                        finding=nc.id,
                        approved=when.isoformat(),
                        date=deadline.isoformat(),
                    ),
                )
            )
    if problems:
        c.met, c.blocking = False, [nid for nid, _ in problems]
        c.detail = separator(lang).join(text for _, text in problems)
    else:
        c.met_on = latest(approved)
        c.detail = (
            i18n.t("rdy.plans.ok", _lang=lang, count=len(opened)) if opened else i18n.t("rdy.none_open", _lang=lang)
        )
    return c


def overdue_actions(kit: Kit, day: dt.date, lang: str) -> Condition:
    """No corrective action is past its due date without being done."""
    corrective = [a for a in kit.actions if a.kind == "corrective"]
    late = sorted(a.id for a in corrective if action_overdue(a, day))
    if late:
        return Condition(
            "overdue-actions",
            False,
            blocking=late,
            detail=i18n.t("rdy.overdue.list", _lang=lang, items=", ".join(late)),
        )
    # Met since the last late action was done (if one ever was late).
    caught_up = [a.done_on for a in corrective if a.done_on and a.done_on > a.due and a.done_on <= day]
    return Condition("overdue-actions", True, latest(list(caught_up)), detail=i18n.t("rdy.overdue.none", _lang=lang))


def counted_audits(kit: Kit, day: dt.date) -> tuple[list[Audit], list[Audit]]:
    """Internal audits of the last 12 months: (completed and signed by ``day``, not signed)."""
    since = add_months(day, -AUDIT_WINDOW_MONTHS)
    recent = [a for a in kit.audits if a.kind in INTERNAL_AUDITS and since <= audit_end(a) <= day]
    signed = [a for a in recent if a.signed_on is not None and a.signed_on <= day]
    unsigned = [a for a in recent if a not in signed]
    return sorted(signed, key=lambda a: (completed_on(a), a.id)), sorted(unsigned, key=lambda a: a.id)


def internal_audit(kit: Kit, day: dt.date, lang: str) -> Condition:
    """Signed internal audits of the last 12 months cover every process in scope."""
    c = Condition("internal-audit", False)
    scope = processes_in_scope(kit)
    signed, unsigned = counted_audits(kit, day)
    covered: set[str] = set()
    for audit in signed:
        covered |= set(audit.scope)
        if c.met_on is None and covered >= set(scope):
            c.met_on = completed_on(audit)
    missing = [p for p in scope if p not in covered]
    parts = []
    if not signed:
        parts.append(i18n.t("rdy.audit.none", _lang=lang))
    elif missing:
        parts.append(i18n.t("rdy.audit.uncovered", _lang=lang, items=", ".join(missing)))
    else:
        parts.append(i18n.t("rdy.audit.covered", _lang=lang, count=len(scope), audits=", ".join(a.id for a in signed)))
    if unsigned and (missing or not signed):
        parts.append(i18n.t("rdy.audit.unsigned", _lang=lang, items=", ".join(a.id for a in unsigned)))
    c.met = bool(signed) and not missing
    c.blocking = [] if c.met else (missing or scope)
    if not c.met:
        c.met_on = None
    c.detail = separator(lang).join(parts)
    return c


def reviews(ev: Evidence, day: dt.date) -> list[tuple[str, dt.date, Any]]:
    """Management reviews on record by ``day`` (id, date held, record), oldest first."""
    out = [
        (r.id, r.declared, r.source)
        for r in ev.records
        if r.artefact == MANAGEMENT_REVIEW and r.status == RecordStatus.OK and r.declared <= day
    ]
    return sorted(out, key=lambda x: (x[1], x[0]))


def management_review(kit: Kit, ev: Evidence, day: dt.date, lang: str) -> Condition:
    """A management review is held after the latest of the counted internal audits."""
    c = Condition("management-review", False)
    signed, _ = counted_audits(kit, day)
    held = reviews(ev, day)
    if not signed:
        c.blocking, c.detail = ["internal-audit"], i18n.t("rdy.review.no_audit", _lang=lang)
        return c
    last = max(signed, key=lambda a: (audit_end(a), a.id))
    end = audit_end(last)
    if not held:
        c.blocking, c.detail = [last.id], i18n.t("rdy.review.none", _lang=lang)
        return c
    rid, rday, rec = held[-1]  # the latest review counts
    values = {"review": rday.isoformat(), "id": rid, "audit": last.id, "audit_date": end.isoformat()}
    if rday >= end:
        c.met = True
        c.met_on = min(d for _, d, _ in held if d >= end)
        c.detail = i18n.t("rdy.review.after", _lang=lang, **values)
        return c
    c.blocking, c.detail = [last.id], i18n.t("rdy.review.before", _lang=lang, **values)
    planned = getattr(rec, "next_review", None)
    if isinstance(planned, dt.date) and planned >= max(day, end):
        c.projected_on = planned
    return c
