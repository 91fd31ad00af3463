"""The result model of the evidence trail: each record's status, each process's history (the kit's
readiness verdict is :class:`trousse.evidence.readiness.Readiness`). Plain values (no git, no I/O); their ``as_dict`` gives the JSON of ``trousse evidence``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from trousse.evidence.dates import iso_or_none, local_day
from trousse.evidence.history import History
from trousse.models.common import Period

if TYPE_CHECKING:
    from trousse.evidence.readiness import Readiness


class RecordStatus(StrEnum):
    """What git proves about one record. Only ``OK`` counts as proof."""

    OK = "ok"
    UNCOMMITTED = "uncommitted"  # not in HEAD's history
    LATER = "not-yet"  # committed after the --as-of date
    BACKFILLED = "back-filled"  # declared date far before the commit that added it
    FUTURE = "future-dated"  # declared date after the commit that added it
    SOURCE_DATED = "source-dated"  # imported long after the fact: dated by its ticketing tool, not by git


class Repository(StrEnum):
    """Whether git history could date the records."""

    OK = "ok"
    NOT_A_REPO = "not-a-repo"
    NO_GIT = "no-git"


class Progress(Protocol):
    """A progress display for the history pass (the CLI draws it; core code never prints)."""

    def update(self, done: int) -> None: ...
    def close(self) -> None: ...


# ``factory(total)`` gets a function that counts the commits (called only if a display is shown).
ProgressFactory = Callable[[Callable[[], int]], Progress]


@dataclass
class RecordEvidence:
    """One record and what git proves about it."""

    path: str
    id: str
    artefact: str
    process: str | None
    declared: dt.date
    evidence: dt.date | None
    commit: str | None
    author: str | None
    status: RecordStatus
    source: Any = field(default=None, repr=False, compare=False)  # the record model
    kind: str = "record"  # record | source (a commit of a living evidence source)
    recorded: dt.date | None = None  # the declared day it was written (recorded_on)
    tolerance: Period | None = None  # the back-dating tolerance of its type, when not the kit's
    lineage: str | None = None  # what gave the evidence date when not its own first commit
    accepted: bool = False  # source-dated, and the kit accepts such evidence (evidence.accept_source_dated)

    @property
    def counts(self) -> bool:
        """Whether it is counted as evidence: proven by git, or source-dated and accepted."""
        return self.status == RecordStatus.OK or (self.status == RecordStatus.SOURCE_DATED and self.accepted)

    @property
    def counted_on(self) -> dt.date | None:
        """The day it counts on: its evidence date, or for accepted source-dated evidence its declared date."""
        return self.declared if self.status == RecordStatus.SOURCE_DATED else self.evidence

    @property
    def where(self) -> tuple[str, int, int]:
        """File, line and column of the declared date (looked up only for a finding)."""
        if self.source is None:
            return (self.path, 1, 1)
        key = "recorded_on" if self.recorded is not None and self.status == RecordStatus.BACKFILLED else "date"
        where: tuple[str, int, int] = self.source.where(key)
        return where

    def as_dict(self) -> dict[str, Any]:
        """The contract's keys, then ours."""
        return {
            "path": self.path,
            "id": self.id,
            "process": self.process,
            "declared_date": self.declared.isoformat(),
            "evidence_date": iso_or_none(self.evidence),
            "commit": self.commit,
            "author": self.author,
            "artefact": self.artefact,
            "status": str(self.status),
            "kind": self.kind,
            "recorded_on": iso_or_none(self.recorded),
            "backdating_tolerance": str(self.tolerance) if self.tolerance else None,
            "lineage": self.lineage,
            "accepted": self.accepted,
        }


@dataclass(frozen=True)
class Revision:
    """One commit that added or changed a controlled document."""

    commit: str
    date: dt.date
    author: str

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"commit": self.commit, "date": self.date.isoformat(), "author": self.author}


@dataclass
class DocumentEvidence:
    """What git proves about one controlled document: when it came into the history, each revision,
    and whether its declared approval and review agree with them (kit-format.md, "Adopters")."""

    path: str
    id: str
    introduced: dt.date | None
    approved: dt.date | None
    reviewed: dt.date | None
    tolerance: Period
    status: str  # the document's declared status
    revisions: list[Revision] = field(default_factory=list)
    backdated: list[str] = field(default_factory=list)  # approved_on / reviewed_on before introduction
    changed_after_approval: Revision | None = None  # the last change after approved_on + tolerance
    source: Any = field(default=None, repr=False, compare=False)  # the document model

    @property
    def last_changed(self) -> dt.date | None:
        """The day of its latest revision."""
        return self.revisions[-1].date if self.revisions else None

    def as_dict(self) -> dict[str, Any]:
        """JSON form (the contract's keys first)."""
        return {
            "path": self.path,
            "id": self.id,
            "introduced_on": iso_or_none(self.introduced),
            "approved_on": iso_or_none(self.approved),
            "reviewed_on": iso_or_none(self.reviewed),
            "last_changed_on": iso_or_none(self.last_changed),
            "revisions": [r.as_dict() for r in self.revisions],
            "backdating_tolerance": str(self.tolerance),
            "backdated": list(self.backdated),
            "changed_after_approval": self.changed_after_approval.as_dict() if self.changed_after_approval else None,
        }


@dataclass(frozen=True)
class EmptyPeriod:
    """A period of a periodic record type with no record."""

    process: str
    artefact: str
    cadence: str
    label: str
    start: dt.date
    end: dt.date

    def as_dict(self) -> dict[str, str]:
        """JSON form."""
        return {
            "artefact": self.artefact,
            "cadence": self.cadence,
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@dataclass(frozen=True)
class Silence:
    """A stretch without evidence longer than the process's allowed silence: between two evidence
    dates, or from the last one to the as-of date (``ongoing``)."""

    start: dt.date
    end: dt.date
    ongoing: bool = False

    @property
    def days(self) -> int:
        """Days from the last evidence before the silence to the evidence that ends it."""
        return (self.end - self.start).days

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "ongoing": self.ongoing,
        }


@dataclass
class ProcessHistory:
    """The evidence history of one process.

    ``ready_on`` is the first day its minimum history is met (continuous evidence: see
    kit-format.md), already past or projected if its records keep coming; ``since`` is the start
    of its current run of continuous evidence; ``silences`` the silences longer than
    ``max_silence`` that hold it back (in the window of the as-of date, or ongoing)."""

    id: str
    required: bool
    records: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    span_days: int = 0
    minimum_met: bool = False
    ready_on: dt.date | None = None
    empty_periods: list[EmptyPeriod] = field(default_factory=list)
    months: dict[str, int] = field(default_factory=dict)  # "2026-07" -> records that month
    quarters: list[str] = field(default_factory=list)  # complete quarters with evidence
    max_silence: Period | None = None
    grace: Period | None = None  # added to a periodic cadence: the back-dating tolerance
    max_silence_from: str = "default"  # default | standard | kit | cadence:<artefact> | process
    why: str | None = None  # the kit's justification of a longer allowed silence
    since: dt.date | None = None
    silences: list[Silence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The contract's keys, then ours."""
        return {
            "id": self.id,
            "records": self.records,
            "first_evidence": iso_or_none(self.first),
            "last_evidence": iso_or_none(self.last),
            "span_days": self.span_days,
            "minimum_met": self.minimum_met,
            "ready_on": iso_or_none(self.ready_on),
            "required": self.required,
            "continuous_since": iso_or_none(self.since),
            "max_silence": str(self.max_silence) if self.max_silence else None,
            "grace": str(self.grace) if self.grace else None,
            "max_silence_from": self.max_silence_from,
            "why": self.why,
            "silences": [x.as_dict() for x in self.silences],
            "empty_periods": [e.as_dict() for e in self.empty_periods],
            "months": dict(self.months),
        }


@dataclass(frozen=True)
class Uncounted:
    """A record (or audit) file that could not be read as its kind: it is not counted."""

    path: str
    reason: str
    process: str | None = None
    rule: str | None = None  # the finding that says why (YML..., SCH...)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"path": self.path, "reason": self.reason, "process": self.process, "rule": self.rule}


@dataclass(frozen=True)
class Alteration:
    """A commit that changed a signed record's content after its signature."""

    path: str
    id: str | None
    commit: str
    author: str
    date: str  # the commit's day, ISO 8601
    fields: list[str]
    signed_on: str
    signed_commit: str

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "path": self.path,
            "id": self.id,
            "commit": self.commit,
            "author": self.author,
            "date": self.date,
            "fields": list(self.fields),
            "signed_on": self.signed_on,
            "signed_commit": self.signed_commit,
        }


@dataclass(frozen=True)
class CycleProblem:
    """One problem of the certification cycle (a CRT finding to be)."""

    code: str  # validity | surveillance-overdue | surveillance-due | recertification-missed | expiry-near
    severity: str  # error | warning
    due: dt.date | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"code": self.code, "severity": self.severity, "due": iso_or_none(self.due), "detail": self.detail}


@dataclass
class Certification:
    """The certification cycle as the kit records it: the certificate in force, its dates, the
    external audits held since its decision, and what is wrong or due soon."""

    certificate: str | None  # the certificate record's id ("trousse.yml" when only configured there)
    source: str  # the file it comes from
    body: str | None
    decided_on: dt.date
    valid_until: dt.date | None
    next_surveillance_due: dt.date | None
    surveillance_audits: list[str] = field(default_factory=list)
    recertification_audit: str | None = None
    problems: list[CycleProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON form (the contract's keys first)."""
        return {
            "certificate": self.certificate,
            "valid_until": iso_or_none(self.valid_until),
            "next_surveillance_due": iso_or_none(self.next_surveillance_due),
            "source": self.source,
            "body": self.body,
            "decided_on": self.decided_on.isoformat(),
            "surveillance_audits": list(self.surveillance_audits),
            "recertification_audit": self.recertification_audit,
            "problems": [p.as_dict() for p in self.problems],
        }


@dataclass
class Evidence:
    """The evidence of a kit as it stands on ``as_of``."""

    as_of: dt.date
    minimum: Period
    tolerance: Period
    repository: Repository
    history: History | None = None
    records: list[RecordEvidence] = field(default_factory=list)
    processes: list[ProcessHistory] = field(default_factory=list)
    kit: Readiness | None = None  # the readiness verdict (trousse.evidence.readiness)
    uncounted: list[Uncounted] = field(default_factory=list)
    integrity: list[Alteration] = field(default_factory=list)
    certification: Certification | None = None
    documents: list[DocumentEvidence] = field(default_factory=list)
    # each past file a record claims (formerly path, or "attachment:" + kit path) -> the one record it dates
    claim_holders: dict[str, str] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        """Whether git history could date the records."""
        return self.repository == Repository.OK

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``trousse evidence`` (contract keys first; stable order)."""
        hist = self.history
        return {
            "as_of": self.as_of.isoformat(),
            "minimum_history": str(self.minimum),
            "backdating_tolerance": str(self.tolerance),
            "repository": str(self.repository),
            "head": hist.head if hist else None,
            "commits": hist.commits if hist else 0,
            "kit": self.kit.as_dict() if self.kit else None,
            "processes": [p.as_dict() for p in self.processes],
            "records": [r.as_dict() for r in self.records],
            "uncounted": [u.as_dict() for u in self.uncounted],
            "integrity": [a.as_dict() for a in self.integrity],
            "certification": self.certification.as_dict() if self.certification else None,
            "documents": [d.as_dict() for d in self.documents],
            "lost": [
                {
                    "path": x.path,
                    "commit": x.commit,
                    "date": local_day(x.when).isoformat(),
                    "added_on": local_day(x.origin[1]).isoformat() if x.origin else None,
                }
                for x in sorted(hist.lost.values(), key=lambda x: x.path)
            ]
            if hist
            else [],
            "out_of_order": [
                {"commit": d.commit, "date": d.when, "parent": d.parent, "parent_date": d.parent_when}
                for d in hist.disorder
            ]
            if hist
            else [],
        }


# What the check engine hands the EVD rules: the kit's evidence, computed on first use.
EvidenceProvider = Callable[[], Evidence]
