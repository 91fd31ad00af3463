"""The nonconformities of a kit, as ``check`` (the ACT rules), the readiness verdict (``major-nc``,
``action-plans``) and the action plan read them: a record of type ``nonconformity`` (or
``nonconformity-record``), whatever its source (an audit, a complaint, an incident, self-detection),
or a major or minor finding of an audit that no such record takes up. Its actions are the actions
whose ``nonconformity`` names it, those its ``actions`` list names, and (for one that comes from an
audit finding) those whose ``finding`` names that finding. One reading, one action-plan delay and
one deadline, so that ``check``, ``readiness`` and ``report action-plan`` name the same ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trousse.evidence.dates import add_period
from trousse.evidence.status import NONCONFORMITIES, action_done, closed_on, completed_on, finding_open
from trousse.kit import Kit
from trousse.models import Action, Nonconformity
from trousse.models.common import Period

# The action-plan delay when neither the standards nor the kit give one: NF EN 15838's month
# (ISO/IEC 20000-1 and ISO 9001 ask for an action plan without fixing a delay). The contract says so.
DEFAULT_PLAN_DELAY = Period(1, "months")
_PROBE = dt.date(2000, 1, 1)  # periods are compared by the day they reach from one same day


def plan_delay(kit: Kit) -> Period | None:
    """The strictest action-plan delay among the targeted standards (pack data), if any gives one."""
    real = [d for d in (p.defaults.certification.action_plan_within for p in kit.standards()) if d is not None]
    return min(real, key=lambda d: add_period(_PROBE, d)) if real else None


def action_plan_delay(kit: Kit) -> Period:
    """The delay within which a nonconformity has an action plan: the shortest of the targeted
    packs' ``action_plan_within`` and the kit's own ``nonconformities.action_plan_within`` (a kit
    may shorten its standards' delay, never lengthen it); when none gives one, one month."""
    given = [d for d in (plan_delay(kit), kit.config.nonconformities.action_plan_within) if d is not None]
    return min(given, key=lambda d: add_period(_PROBE, d)) if given else DEFAULT_PLAN_DELAY


@dataclass
class Open:
    """A nonconformity raised by the day read (the name is historical: it may be closed)."""

    id: str
    since: dt.date  # the record's date; for an audit finding, the audit's end (or its signature, when later)
    where: tuple[str, int, int]
    actions: list[Action]
    record: Nonconformity | None
    major: bool = False  # a record with ``severity: major``, or a major finding (``major-nc``)
    audit: str | None = None  # the audit whose finding raised it
    is_open: bool = True
    closed_on: dt.date | None = None  # when it was closed (None: open, or closed without a date)
    acted: bool = False  # one of its actions is done by the day read

    def deadline(self, delay: Period) -> dt.date:
        """The day by which it has an action plan (ACT001, the ``action-plans`` condition, the
        action plan's deadlines)."""
        return add_period(self.since, delay)


def _acted(actions: list[Action], day: dt.date) -> bool:
    return any(action_done(a, day) for a in actions)


def record_open(nc: Nonconformity, day: dt.date) -> bool:
    """A nonconformity record is open on ``day`` unless its record closes it (``status: closed``
    or a ``closed_on`` on or before ``day``) with no ``effectiveness_result: not-effective``
    (which keeps it open, as ACT005 says)."""
    if not nc.closed or (nc.closed_on is not None and nc.closed_on > day):
        return True
    return (nc.effectiveness_result or "").strip() == "not-effective"


def nonconformities(kit: Kit, day: dt.date) -> list[Open]:
    """Every nonconformity raised by ``day``, open or closed: the records first, then the audit
    findings no record takes up (see the module docstring)."""
    out: list[Open] = []
    taken: set[str] = set()
    found = {f.id: (audit, f) for audit in kit.audits for f in audit.findings}
    for rec in kit.records:
        nc = Nonconformity.of(rec)
        if nc is None or nc.date > day:
            continue
        ids = {nc.id, *nc.actions}
        linked = [
            a
            for a in kit.actions
            if a.nonconformity == nc.id or a.id in ids or (nc.finding and a.finding == nc.finding)
        ]
        since, audit_id, kind = nc.date, None, None
        if nc.finding:
            taken.add(nc.finding)
            if nc.finding in found:
                audit, finding = found[nc.finding]
                since, audit_id, kind = min(since, completed_on(audit)), audit.id, finding.kind
        severity = (nc.severity or "").strip().lower()
        major = severity == "major" or (not severity and kind == "major-nc")
        still = record_open(nc, day)
        closed = None if still else nc.closed_on
        out.append(Open(nc.id, since, rec.where("id"), linked, nc, major, audit_id, still, closed, _acted(linked, day)))
    for audit in kit.audits:
        if completed_on(audit) > day:
            continue
        for i, f in enumerate(audit.findings):
            if f.kind not in NONCONFORMITIES or f.id in taken:
                continue
            linked = [a for a in kit.actions if f.id in (a.finding, a.nonconformity)]
            still = finding_open(kit, f, day)
            out.append(
                Open(
                    f.id,
                    completed_on(audit),
                    audit.where("findings", i, "id"),
                    linked,
                    None,
                    f.kind == "major-nc",
                    audit.id,
                    still,
                    None if still else closed_on(kit, f, day),
                    _acted(linked, day),
                )
            )
    return out
