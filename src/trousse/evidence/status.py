"""What the readiness verdict is made of, and what "open", "done" and "closed" mean: one
definition for every command and report.

An action is *done* when its status is done or verified and its done date (if given) is not after
the day; *closed* when done or cancelled; *overdue* when not closed and its due date is past. A
nonconformity that is a major or minor finding is *open* until one of its actions is done (a
nonconformity record: :func:`trousse.evidence.nonconformities.record_open`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trousse.models import Action, Audit, AuditFinding

if TYPE_CHECKING:
    from trousse.kit import Kit

ACTION_DONE = ("done", "verified")
ACTION_CLOSED = ("done", "verified", "cancelled")
NONCONFORMITIES = ("major-nc", "minor-nc")


@dataclass
class Condition:
    """One condition of the verdict on the as-of day."""

    id: str
    met: bool
    met_on: dt.date | None = None  # since when it holds (None: nothing on record ever held it back)
    projected_on: dt.date | None = None  # when it will hold, if that can be projected
    blocking: list[str] = field(default_factory=list)  # process, finding, action ids, document paths
    detail: str = ""
    label: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. justifications of lengthened silences
    hint: str = ""  # what to do, for a pack's own condition

    def as_dict(self) -> dict[str, Any]:
        """The contract's keys, then ours."""
        return {
            "id": self.id,
            "met": self.met,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "projected_on": self.projected_on.isoformat() if self.projected_on else None,
            "blocking": list(self.blocking),
            "detail": self.detail,
            "label": self.label,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class IntegrityItem:
    """A signed record altered after its signature (from the evidence), as the verdict shows it."""

    path: str
    id: str | None
    commit: str | None
    author: str | None
    date: str | None
    fields: list[str]


def action_done(action: Action, day: dt.date) -> bool:
    """Done or verified by ``day`` (a done date after ``day`` is not done yet; no date: done)."""
    if action.status not in ACTION_DONE:
        return False
    when = action.done_on or action.verified_on
    return when is None or when <= day


def action_closed(action: Action, day: dt.date) -> bool:
    """Done by ``day``, or cancelled."""
    return action.status == "cancelled" or action_done(action, day)


def action_overdue(action: Action, day: dt.date) -> bool:
    """Past its due date on ``day`` without being closed."""
    return not action_closed(action, day) and action.due < day


def finding_open(kit: Kit, finding: AuditFinding, day: dt.date) -> bool:
    """A nonconformity none of whose actions is done by ``day``."""
    return finding.kind in NONCONFORMITIES and not any(
        action_done(a, day) for a in kit.actions if a.finding == finding.id
    )


def closed_on(kit: Kit, finding: AuditFinding, day: dt.date) -> dt.date | None:
    """The day a nonconformity was closed by ``day`` (its first done action; None: open or undated)."""
    days = [a.done_on or a.verified_on for a in kit.actions if a.finding == finding.id and action_done(a, day)]
    real = [d for d in days if d is not None]
    return min(real) if real else None


def audit_end(audit: Audit) -> dt.date:
    """The last day of an audit."""
    return audit.end_date or audit.date


def completed_on(audit: Audit) -> dt.date:
    """The day an audit was over and signed (its last day if not signed)."""
    return max(audit_end(audit), audit.signed_on or audit_end(audit))


def latest(days: list[dt.date | None]) -> dt.date | None:
    """The latest of the days given (None when there is none)."""
    real = [d for d in days if d is not None]
    return max(real) if real else None
