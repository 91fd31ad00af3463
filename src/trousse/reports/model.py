"""The context model: the plain, documented values report templates receive.

Every report template gets ``meta`` (a :class:`Meta`) and ``report`` (the kind's own model below),
plus the helpers ``t(key)`` (a label in the report's language) and the filters ``date``/``longdate``.
Text from the kit is kept as it was written; templates escape it (HTML autoescape, and a Markdown
escape applied to every ``{{ }}`` output in ``.md`` templates). Dates are :class:`datetime.date`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class StandardRef:
    """A targeted standard: pack id, title and edition."""

    id: str
    title: str
    edition: str


@dataclass(frozen=True)
class Meta:
    """What every report shows in its header and footer."""

    kind: str
    title: str
    lang: str
    organisation: str
    scope: str
    as_of: dt.date
    version: str
    standards: list[StandardRef]
    kit_href: str | None = None  # relative link from the report's folder to the kit root
    commit: str | None = None  # the kit's commit read (12 hex digits), None outside git
    uncommitted: bool = False  # the work tree read has changes not yet committed
    doc_version: str | None = None  # the document's own version (an audit report's ``version``)
    identity: str = ""  # one line naming the document: organisation, title, as-of date, commit, version
    identity_parts: tuple[str, str, str] = ("", "", "")  # (organisation · title, as-of · commit, version)


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, with its geometry already computed (SVG user units)."""

    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    tone: str  # a CSS class suffix: ok, warn, bad, info, neutral


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart drawn as inline SVG; ``bars`` is empty when there is no data."""

    id: str
    title: str
    width: int
    height: int
    bars: list[Bar]


@dataclass(frozen=True)
class Link:
    """A kit file a report points at: its kit-relative path, the link (or None) and whether it exists."""

    path: str
    href: str | None
    exists: bool


# ---------------------------------------------------------------- audit
@dataclass(frozen=True)
class FindingView:
    """One audit finding, with the names a reader needs."""

    id: str
    kind: str
    kind_label: str
    process_id: str | None
    process_name: str
    clause: str | None
    clause_title: str
    statement: str
    requirement: str | None
    evidence: list[Link]
    actions: list[str]
    clause_label: str = ""  # the clause as a reader writes it: "ISO/CEI 20000-1:2018, 7.2"
    tone: str = "neutral"  # CSS tone of its grade


@dataclass(frozen=True)
class KindGroup:
    """The findings of one grade (major nonconformities first), ordered by process then id."""

    kind: str
    label: str
    tone: str
    findings: list[FindingView]


@dataclass(frozen=True)
class AuditorView:
    """A member of the audit team, with the role's name in the report's language."""

    name: str
    role: str
    organisation: str
    lead: bool


@dataclass(frozen=True)
class FollowUpView:
    """One nonconformity of the previous audit, and where it stands: ``status`` closed,
    in-progress, open, not-checked or no-action (from the audit's ``follow_up`` when it says,
    else from the finding's actions)."""

    finding: str
    kind_label: str
    statement: str
    actions: list[str]
    status: str
    status_label: str
    note: str


@dataclass(frozen=True)
class ProcessFindings:
    """The findings on one process (``process_id`` None: findings not tied to a process)."""

    process_id: str | None
    process_name: str
    findings: list[FindingView]


@dataclass(frozen=True)
class NamedRef:
    """An id with its name (a process, a clause, a role)."""

    id: str
    name: str


@dataclass(frozen=True)
class KindCount:
    """How many findings (or actions) of one kind (or status)."""

    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class AuditReport:
    """``report`` of the audit report."""

    id: str
    kind: str
    kind_label: str
    title: str
    date: dt.date
    end_date: dt.date | None
    body: str | None
    auditors: list[str]
    auditees: list[str]
    context: str
    summary: str
    conclusion: str
    signed_by: str | None
    signed_on: dt.date | None
    scope: list[NamedRef]
    criteria: list[NamedRef]
    counts: list[KindCount]
    by_process: list[ProcessFindings]
    strengths: list[FindingView]
    opportunities: list[FindingView]
    chart: BarChart
    source: str
    altered: str | None = None  # "altered after signature ..." when git shows it
    # ISO 19011, 6.5: what an audit report carries (empty when the audit file does not say)
    version: str | None = None
    objectives: str = ""
    sites: list[str] = field(default_factory=list)
    team: list[AuditorView] = field(default_factory=list)
    lead_auditor: str | None = None
    method: str = ""
    sampling: str = ""
    graded: list[KindGroup] = field(default_factory=list)  # by severity, then process
    previous: NamedRef | None = None
    follow_up: list[FollowUpView] = field(default_factory=list)
    recommendation: str | None = None
    recommendation_label: str = ""
    distribution: list[str] = field(default_factory=list)
    confidentiality: str | None = None


# ---------------------------------------------------------------- action plan
@dataclass(frozen=True)
class ActionView:
    """One action of the plan."""

    id: str
    kind: str
    kind_label: str
    title: str
    finding: str | None
    finding_kind: str | None
    audit: str | None
    owner_id: str
    owner_name: str
    holders: list[str]
    opened_on: dt.date | None
    due: dt.date
    status: str
    status_label: str
    overdue: bool
    days_late: int
    done_on: dt.date | None
    verified_on: dt.date | None
    altered: str | None = None  # "altered after signature ..." when git shows it
    description: str = ""
    verified_by: str | None = None
    effectiveness: str | None = None
    due_soon: bool = False  # open, due within DUE_SOON_DAYS of the as-of date
    days_left: int = 0
    finding_href: str | None = None  # the finding in its audit report (same folder)


@dataclass(frozen=True)
class ProcessActions:
    """The actions on one process."""

    process_id: str | None
    process_name: str
    actions: list[ActionView]


@dataclass(frozen=True)
class NcResponse:
    """Whether one nonconformity got an action within the standard's response deadline.

    ``state``: ok (opened in time), late (opened after the deadline), missing (no action and the
    deadline passed), pending (no action yet, deadline still ahead), undated (no opening date)."""

    finding: str
    finding_kind: str
    actions: list[str]
    opened_on: dt.date | None
    state: str
    state_label: str
    from_audit: str | None = None  # the audit the finding belongs to (a record's ``finding:`` too)


@dataclass(frozen=True)
class DeadlineCheck:
    """The response deadline after one audit with nonconformities, or after one nonconformity
    record (then ``audit`` is the record's id, the same as its one response's ``finding``)."""

    audit: str
    audit_date: dt.date  # the day the deadline counts from (audit: signed_on, else its last day)
    standard: str
    within: str
    deadline: dt.date
    responses: list[NcResponse]
    breaches: int


@dataclass(frozen=True)
class ActionPlanReport:
    """``report`` of the action plan."""

    groups: list[ProcessActions]
    total: int
    overdue: int
    counts: list[KindCount]
    chart: BarChart
    deadlines: list[DeadlineCheck]
    breaches: int
    no_deadline_rule: bool

    @property
    def responses(self) -> list[tuple[DeadlineCheck, NcResponse]]:
        """Every nonconformity with its deadline, in the deadlines' order: the rows of the one
        table of responses (a table per deadline printed one single-row table per record)."""
        return [(d, r) for d in self.deadlines for r in d.responses]


# ---------------------------------------------------------------- matrix
@dataclass(frozen=True)
class ClauseRow:
    """One clause of a standard against the kit's processes (``cells`` in ``processes`` order)."""

    number: str
    title: str
    depth: int
    cells: list[bool]
    covered: bool

    @property
    def runs(self) -> list[tuple[int, bool]]:
        """The cells as runs, ``(count, marked)``: each marked cell alone, neighbouring empty cells
        together. The printed matrix draws a run as one spanning cell: WeasyPrint's time grows
        with the number of cells, and most of a matrix is empty."""
        out: list[tuple[int, bool]] = []
        for cell in self.cells:
            if not cell and out and not out[-1][1]:
                out[-1] = (out[-1][0] + 1, False)
            else:
                out.append((1, cell))
        return out


@dataclass(frozen=True)
class StandardMatrix:
    """A targeted standard's clauses × the kit's processes."""

    id: str
    title: str
    processes: list[NamedRef]
    rows: list[ClauseRow]
    uncovered: list[ClauseRow]
    short: str = ""  # the standard's short name (ISO 9001:2015), where the id would be raw

    @property
    def column_widths(self) -> list[float]:
        """The printed matrix's process columns in percent of the page, by the length of each id
        (``ITSM-CERT`` wider than ``CHG``): the clause column takes 28 %, « covered » 4.5 %. The
        PDF lays the matrix out with these fixed widths: an automatic layout measures every cell
        twice first, a fifth of the matrix's time in WeasyPrint."""
        weights = [max(len(p.id), 3) + 1 for p in self.processes]
        total = sum(weights) or 1
        return [round(67.5 * w / total, 2) for w in weights]


@dataclass(frozen=True)
class MappingRow:
    """A clause of one standard against a clause of another, coverage C, P or N."""

    source: str
    source_title: str
    target: str | None
    target_title: str
    coverage: str
    note: str


@dataclass(frozen=True)
class MappingTable:
    """The mapping from a targeted standard to another standard or reference."""

    source: str
    target: str
    title: str
    rows: list[MappingRow]
    counts: list[KindCount]


@dataclass(frozen=True)
class MatrixReport:
    """``report`` of the traceability matrix."""

    standards: list[StandardMatrix]
    mappings: list[MappingTable]


# ---------------------------------------------------------------- catalogue
@dataclass(frozen=True)
class ServiceView:
    """One service as customers read it (the seven elements)."""

    id: str
    name: str
    description: str
    category: str
    promise: str
    conditions: str
    cost: str
    contributors: list[str]
    clientele: str
    information: str
    sla: NamedRef | None
    processes: list[NamedRef]


@dataclass(frozen=True)
class CatalogueReport:
    """``report`` of the service catalogue."""

    title: str
    services: list[ServiceView]


# ---------------------------------------------------------------- readiness
@dataclass(frozen=True)
class Check:
    """One condition of the readiness verdict (kit-format.md, "Readiness"): met or not, since when,
    when it will be if that can be projected, what holds it back, and notes (e.g. the written
    justification of a lengthened silence)."""

    id: str
    label: str
    met: bool
    detail: str
    met_on: dt.date | None = None
    projected_on: dt.date | None = None
    blocking: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    todo: str = ""  # what to do about it when unmet (the verdict's next step for this condition)


@dataclass(frozen=True)
class StepView:
    """A step of the certification journey with its status (done, todo, na)."""

    name: str
    description: str
    status: str
    status_label: str


@dataclass(frozen=True)
class TaskView:
    """A task of the certification journey (ITSM-CERT) with its checks and steps."""

    id: str
    name: str
    objective: str
    status: str
    status_label: str
    checks: list[Check]
    steps: list[StepView]
    outputs: tuple[str, ...] = ()  # the names of the artefacts the task produces, in order


@dataclass(frozen=True)
class MonthCell:
    """Records of one process in one month."""

    month: str
    count: int


@dataclass(frozen=True)
class ProcessEvidence:
    """Evidence history of one process, month by month."""

    id: str
    name: str
    records: int
    first: dt.date | None
    last: dt.date | None
    span_days: int
    minimum_met: bool
    ready_on: dt.date | None
    months: list[MonthCell]


@dataclass(frozen=True)
class Timeline:
    """An evidence timeline chart: one row per process, one column per month."""

    months: list[str]
    width: int
    height: int
    label_width: int
    cell: int
    rows: list[tuple[str, list[tuple[float, float, int]]]]  # (label, [(x, y, count)])


@dataclass(frozen=True)
class ReviewView:
    """The latest management review on record."""

    id: str
    date: dt.date


@dataclass(frozen=True)
class CertificationView:
    """Once certified: until when, and when the next surveillance audit is due."""

    certificate: str | None
    valid_until: dt.date | None
    next_surveillance_due: dt.date | None
    problems: list[str]


@dataclass(frozen=True)
class ReadinessReport:
    """``report`` of certification readiness: the verdict of :mod:`trousse.evidence.readiness`.

    ``ready_on``: the day every condition has been met (when ready); ``earliest_booking``: when not
    ready, the earliest day the certification audit can be booked, if every unmet condition can
    be projected (else ``undated`` names those that cannot)."""

    ready: bool
    ready_on: dt.date | None
    minimum_history: str
    checks: list[Check]
    tasks: list[TaskView]
    processes: list[ProcessEvidence]
    timeline: Timeline
    journey_found: bool
    notes: list[str] = field(default_factory=list)
    earliest_booking: dt.date | None = None
    undated: list[str] = field(default_factory=list)  # labels of the unmet conditions with no date
    next_steps: list[str] = field(default_factory=list)
    latest_review: ReviewView | None = None
    certification: CertificationView | None = None
    commit: str | None = None
