"""Context of the action plan: actions by process, overdue ones, and the response deadline
a standard sets after an audit with nonconformities."""

from __future__ import annotations

import datetime as dt
import re

from trousse.evidence.dates import add_period
from trousse.evidence.nonconformities import action_plan_delay, nonconformities
from trousse.evidence.status import NONCONFORMITIES, action_overdue, completed_on
from trousse.i18n import pack_text
from trousse.kit import Kit
from trousse.models import Action, Audit, Period
from trousse.reports.audit import alterations, altered_note
from trousse.reports.common import bar_chart, process_name, role_holders, role_name
from trousse.reports.labels import label
from trousse.reports.model import (
    ActionPlanReport,
    ActionView,
    DeadlineCheck,
    KindCount,
    NcResponse,
    ProcessActions,
)
from trousse.reports.write import SAFE_NAME

STATUSES = ("open", "done", "verified", "cancelled")
DUE_SOON_DAYS = 14  # an open action due within two weeks stands out


# A verdict written first in an action's effectiveness text ("Efficace : aucun changement…"):
# printed after the "Effectiveness:" label, "Efficacité : Efficace : …" would say it twice.
_VERDICT = re.compile(
    r"^((?:partiellement |non |in)?efficace|(?:partially |not |in)?effective)\s*[:;—–-]\s*(?=\S)", re.IGNORECASE
)


def effectiveness_text(text: str | None) -> str | None:
    """An action's effectiveness as the reports print it after their "Effectiveness:" label: a
    verdict it opens with and a colon become "efficace — …", so that no label reads twice."""
    if not text:
        return text
    match = _VERDICT.match(text)
    return f"{match[1].lower()} — {text[match.end() :]}" if match else text


def is_overdue(action: Action, as_of: dt.date) -> bool:
    """Due before the as-of date and not closed (the one definition: :mod:`trousse.evidence.status`)."""
    return action_overdue(action, as_of)


def _findings(kit: Kit) -> dict[str, tuple[Audit, str, str | None]]:
    """Every finding id → (its audit, its kind, its process)."""
    out: dict[str, tuple[Audit, str, str | None]] = {}
    for audit in kit.audits:
        for f in audit.findings:
            out[f.id] = (audit, f.kind, f.process)
    return out


def _view(kit: Kit, a: Action, finding: tuple[Audit, str, str | None] | None, lang: str, as_of: dt.date) -> ActionView:
    owner_name, holders = role_holders(kit, a.owner)
    if a.holder:
        holders = [a.holder]
    late = is_overdue(a, as_of)
    left = (a.due - as_of).days
    soon = not late and a.status == "open" and 0 <= left <= DUE_SOON_DAYS
    audit = finding[0].id if finding else None
    return ActionView(
        id=a.id,
        kind=a.kind,
        kind_label=label(f"ak.{a.kind}", lang),
        title=a.title,
        finding=a.finding,
        finding_kind=finding[1] if finding else None,
        audit=finding[0].id if finding else None,
        owner_id=a.owner,
        owner_name=owner_name,
        holders=holders,
        opened_on=a.opened_on,
        due=a.due,
        status=a.status,
        status_label=label(f"s.{a.status}", lang),
        overdue=late,
        days_late=(as_of - a.due).days if late else 0,
        done_on=a.done_on,
        verified_on=a.verified_on,
        altered=altered_note(alterations(kit, as_of).get(a.file), lang),
        description=a.description,
        verified_by=role_name(kit, a.verified_by, lang) if a.verified_by else None,
        effectiveness=effectiveness_text(a.effectiveness),
        due_soon=soon,
        days_left=left if soon else 0,
        finding_href=f"audit-{audit}.html#{a.finding}" if audit and SAFE_NAME.match(f"audit-{audit}") else None,
    )


def response_rule(kit: Kit, lang: str) -> tuple[str, Period] | None:
    """The strictest response deadline among the targeted standards: (standard's name, period)."""
    best: tuple[str, Period] | None = None
    probe = dt.date(2000, 1, 1)
    for pack in kit.standards():
        period = pack.defaults.certification.action_plan_within
        if period is None:
            continue
        if best is None or add_period(probe, period) < add_period(probe, best[1]):
            best = (pack_text(pack.short or pack.title, lang) or pack.id, period)
    return best


_UNITS_FR = {
    "days": ("d'un jour", "jours"),
    "weeks": ("d'une semaine", "semaines"),
    "months": ("d'un mois", "mois"),
    "quarters": ("d'un trimestre", "trimestres"),
    "years": ("d'un an", "ans"),
}


def within_text(period: Period, lang: str) -> str:
    """A response period as a sentence says it: "d'un mois", "de 2 mois" (after "dans un délai");
    "one month", "2 months" (after "within")."""
    if lang == "fr":
        one, many = _UNITS_FR[period.unit]
        return one if period.count == 1 else f"de {period.count} {many}"
    if period.count == 1:
        return f"one {period.unit[:-1]}"
    return f"{period.count} {period.unit}"


def _response(acts: list[Action], deadline: dt.date, as_of: dt.date) -> tuple[dt.date | None, str]:
    """When the first action answering a nonconformity was opened, and whether that was in time."""
    opened = [a.opened_on for a in acts if a.opened_on is not None]
    first = min(opened) if opened else None
    if first is not None:
        return first, "ok" if first <= deadline else "late"
    if acts:
        return None, "undated" if as_of > deadline else "pending"
    return None, "missing" if as_of > deadline else "pending"


def _deadlines(kit: Kit, lang: str, as_of: dt.date) -> tuple[list[DeadlineCheck], bool]:
    """The response deadline of every nonconformity ``check`` reads (ACT001): the nonconformity
    records, one by one, and the major and minor findings of each audit that no record takes up
    (closed ones included: whether they were answered in time stays on file). The delay is
    ACT001's; the flag says that no standard and not the kit set it (trousse's default month)."""
    period = action_plan_delay(kit)
    rule = response_rule(kit, lang)
    if rule is not None and rule[1] == period:
        standard = rule[0]
    elif kit.config.nonconformities.action_plan_within is not None:
        standard = "trousse.yml"
    else:
        standard = ""
    within = within_text(period, lang)
    checks = []
    taken: set[str] = set()
    found = _findings(kit)
    for nc in sorted(nonconformities(kit, as_of), key=lambda n: (n.since, n.id)):
        if nc.record is None:
            continue
        if nc.record.finding:
            taken.add(nc.record.finding)
        deadline = nc.deadline(period)
        acts = sorted((a for a in nc.actions if a.status != "cancelled"), key=lambda a: a.id)
        first, state = _response(acts, deadline, as_of)
        severity = nc.record.severity
        kind = label(f"k.{severity}-nc" if severity in ("major", "minor") else "k.nc", lang)
        source = found.get(nc.record.finding) if nc.record.finding else None
        response = NcResponse(
            nc.id, kind, [a.id for a in acts], first, state, label(f"r.{state}", lang), source[0].id if source else None
        )
        breaches = 1 if state in ("late", "missing", "undated") else 0
        checks.append(DeadlineCheck(nc.id, nc.since, standard, within, deadline, [response], breaches))
    for audit in sorted(kit.audits, key=lambda a: (a.date, a.id)):
        ncs = [f for f in audit.findings if f.kind in NONCONFORMITIES and f.id not in taken]
        if not ncs or completed_on(audit) > as_of:
            continue
        deadline = add_period(completed_on(audit), period)  # counted as ACT001 counts it
        responses = []
        for f in sorted(ncs, key=lambda f: f.id):
            acts = sorted(
                (a for a in kit.actions if f.id in (a.finding, a.nonconformity) and a.status != "cancelled"),
                key=lambda a: a.id,
            )
            first, state = _response(acts, deadline, as_of)
            responses.append(
                NcResponse(
                    f.id,
                    label(f"k.{f.kind}", lang),
                    [a.id for a in acts],
                    first,
                    state,
                    label(f"r.{state}", lang),
                    audit.id,
                )
            )
        breaches = sum(1 for r in responses if r.state in ("late", "missing", "undated"))
        # the day the deadline counts from: the signature (its last day when later or unsigned)
        checks.append(DeadlineCheck(audit.id, completed_on(audit), standard, within, deadline, responses, breaches))
    checks.sort(key=lambda c: (c.audit_date, c.audit))
    return checks, not standard


def build_action_plan(kit: Kit, lang: str, as_of: dt.date) -> ActionPlanReport:
    """The action plan's context."""
    findings = _findings(kit)
    views: dict[str | None, list[ActionView]] = {}
    for a in kit.actions:
        found = findings.get(a.finding) if a.finding else None
        pid = a.process or (found[2] if found else None)
        views.setdefault(pid, []).append(_view(kit, a, found, lang, as_of))
    order = sorted(views, key=lambda p: (p is None, p or ""))
    groups = [
        ProcessActions(
            pid, process_name(kit, pid, lang), sorted(views[pid], key=lambda v: (not v.overdue, v.due, v.id))
        )
        for pid in order
    ]
    all_views = [v for g in groups for v in g.actions]
    overdue = sum(1 for v in all_views if v.overdue)
    counts = [KindCount(s, label(f"s.{s}", lang), sum(1 for v in all_views if v.status == s)) for s in STATUSES]
    chart_counts = counts + [KindCount("overdue", label("overdue", lang), overdue)]
    deadlines, default_delay = _deadlines(kit, lang, as_of)
    return ActionPlanReport(
        groups=groups,
        total=len(all_views),
        overdue=overdue,
        counts=counts,
        chart=bar_chart("actions", label("actions_by_status", lang), chart_counts),
        deadlines=deadlines,
        breaches=sum(d.breaches for d in deadlines),
        no_deadline_rule=default_delay,
    )
