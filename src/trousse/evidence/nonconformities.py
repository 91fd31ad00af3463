"""The nonconformities of a kit as the ACT rules and the action plan read them: a record of type
``nonconformity`` (or ``nonconformity-record``), or a major or minor finding of an audit that no
such record takes up. Its actions are the actions whose ``nonconformity`` names it, those its
``actions`` list names, and (for one that comes from an audit finding) those whose ``finding``
names that finding. One reading, so that ``check`` and ``report action-plan`` list the same ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trousse.evidence.conditions import plan_delay
from trousse.evidence.dates import add_period
from trousse.evidence.status import NONCONFORMITIES, completed_on, finding_open
from trousse.kit import Kit
from trousse.models import Action, Nonconformity
from trousse.models.common import Period

# The action-plan delay when neither the standards nor the kit give one: NF EN 15838's month
# (ISO/IEC 20000-1 and ISO 9001 ask for an action plan without fixing a delay). The contract says so.
DEFAULT_PLAN_DELAY = Period(1, "months")


def action_plan_delay(kit: Kit) -> Period:
    """The delay within which a nonconformity has an action plan: the shortest of the targeted
    packs' ``action_plan_within`` and the kit's own ``nonconformities.action_plan_within`` (a kit
    may shorten its standards' delay, never lengthen it); when none gives one, one month."""
    probe = dt.date(2000, 1, 1)
    given = [d for d in (plan_delay(kit), kit.config.nonconformities.action_plan_within) if d is not None]
    return min(given, key=lambda d: add_period(probe, d)) if given else DEFAULT_PLAN_DELAY


@dataclass
class Open:
    """A nonconformity as the ACT rules see it."""

    id: str
    since: dt.date
    where: tuple[str, int, int]
    actions: list[Action]
    record: Nonconformity | None


def nonconformities(kit: Kit, day: dt.date) -> list[Open]:
    """Every nonconformity raised by ``day``: the records first, then the audit findings no record
    takes up (see the module docstring)."""
    out: list[Open] = []
    taken: set[str] = set()
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
        since = nc.date
        if nc.finding:
            taken.add(nc.finding)
            for audit in kit.audits:
                if any(f.id == nc.finding for f in audit.findings):
                    since = min(since, completed_on(audit))
        out.append(Open(nc.id, since, rec.where("id"), linked, nc))
    for audit in kit.audits:
        if completed_on(audit) > day:
            continue
        for i, f in enumerate(audit.findings):
            if f.kind not in NONCONFORMITIES or f.id in taken or not finding_open(kit, f, day):
                continue
            linked = [a for a in kit.actions if f.id in (a.finding, a.nonconformity)]
            out.append(Open(f.id, completed_on(audit), audit.where("findings", i, "id"), linked, None))
    return out
