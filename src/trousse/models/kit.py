"""Schemas of the files a kit holds (see the contract, shared/design/kit-format.md)."""

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import ByteSize, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from trousse import i18n
from trousse.models.common import (
    SAFE_ID_RE,
    VERSION_RE,
    KitModel,
    Period,
    PeriodField,
    Severity,
    defaults_of,
    locate,
    location,
    new_dict,
    new_list,
)
from trousse.models.facts import Facts
from trousse.models.pack import ArtefactDef

FORMERLY_RE = r"^[^@\s][^@]*@[0-9a-fA-F]{7,40}$"


# ---------------------------------------------------------------- trousse.yml
class Organisation(KitModel):
    name: str
    people: int | None = Field(default=None, ge=1)


class ProcessEvidenceConfig(KitModel):
    """``evidence.processes.<ID>``: a longer allowed silence for one process, with its reason."""

    max_silence: PeriodField
    why: str = Field(min_length=1, pattern=r"\S")


class EvidenceSource(KitModel):
    """``evidence.sources[]``: a living file (a dashboard, a register regenerated in place) whose
    every commit is one piece of evidence of ``artefact``."""

    path: str = Field(min_length=1)
    artefact: str


class ArtefactEvidenceConfig(KitModel):
    """``evidence.per_artefact.<artefact>``: the evidence rules of one artefact type."""

    backdating_tolerance: PeriodField | None = None


class EvidenceConfig(KitModel):
    minimum_history: PeriodField | None = None
    backdating_tolerance: PeriodField | None = None
    max_silence: PeriodField | None = None  # longest silence of an event-driven process (1 month)
    processes: dict[str, ProcessEvidenceConfig] = Field(default_factory=new_dict)
    sources: list[EvidenceSource] = Field(default_factory=new_list)
    per_artefact: dict[str, ArtefactEvidenceConfig] = Field(default_factory=new_dict)
    # records imported long after the fact (dated by their ticketing tool, not by git) count
    accept_source_dated: bool = False


class CertificationConfig(KitModel):
    body: str | None = None
    certified_on: dt.date | None = None
    decided_on: dt.date | None = None  # the certification decision (start of the cycle)
    stage1_on: dt.date | None = None
    stage2_on: dt.date | None = None
    expires_on: dt.date | None = None
    next_surveillance: dt.date | None = None
    warn_days: int = Field(default=60, ge=0)  # CRT warnings this many days ahead


MAX_FILE_SIZE = 64 * 1024 * 1024  # the ceiling of limits.file_size: a kit cannot make trousse read more


class LimitsConfig(KitModel):
    """Bounds on what the loader reads: ``file_size`` caps each file of the kit (``5 MiB``,
    ``200 KiB``, or a number of bytes)."""

    # At most MAX_FILE_SIZE: a kit is untrusted, and "file_size: 100 GiB" let one 400 MB file use
    # 2.4 GB. (Said here, not in the docstring: that is the editors' schema description.)

    file_size: ByteSize = Field(default=ByteSize(5 * 1024 * 1024), gt=0)

    @field_validator("file_size")
    @classmethod
    def _ceiling(cls, value: ByteSize) -> ByteSize:
        if value > MAX_FILE_SIZE:
            raise PydanticCustomError("file_size_max", i18n.t("limits.file_size_max", value=int(value)))
        return value


class RecurringActivity(KitModel):
    """``calendar:`` in trousse.yml: an activity the kit plans itself, e.g. a quarterly restore test
    proven by a record of ``artefact``."""

    id: str = Field(pattern=SAFE_ID_RE)
    name: str
    every: Literal["month", "quarter", "year"]
    artefact: str | None = None  # the record type that proves it was done
    process: str | None = None


class NonconformitiesConfig(KitModel):
    """``nonconformities``: the kit's own commitment on its nonconformities (ACT001): the delay
    within which each has an action plan, when shorter than its standards' (default 1 month).

    A value longer than one month is not taken (a kit may shorten NF EN 15838's month, never
    lengthen it): check reports it (ACT006) and the standards' delay applies."""

    action_plan_within: PeriodField | None = None
    _too_long: Period | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _at_most_a_month(self) -> "NonconformitiesConfig":
        # NF EN 15838 fixes one month, also the default: a kit may shorten it, never lengthen it
        most = {"days": 31, "weeks": 4, "months": 1, "quarters": 0, "years": 0}
        value = self.action_plan_within
        if value is not None and value.count > most[value.unit]:
            self._too_long, self.action_plan_within = value, None
        return self

    @property
    def too_long(self) -> Period | None:
        """The ``action_plan_within`` the kit wrote and trousse did not take (over one month)."""
        return self._too_long


class LocationsConfig(KitModel):
    """``locations``: where an adopter's controlled documents and records live, beside the
    ``documents/`` and ``records/`` folders (kit-relative globs; files keep their paths)."""

    documents: list[str] = Field(default_factory=new_list)
    records: list[str] = Field(default_factory=new_list)


class ExtensionsConfig(KitModel):
    """``extensions``: the organisation's own front-matter fields, accepted without a schema error
    in documents and records: any key starting with ``prefix``, and the keys ``fields`` lists."""

    prefix: str = Field(default="x-", min_length=1)
    fields: list[str] = Field(default_factory=new_list)


class KitConfig(KitModel):
    """trousse.yml: its presence marks the kit root."""

    trousse: Literal[1]
    organisation: Organisation
    language: Literal["fr", "en"]
    standards: list[str] = Field(min_length=1)
    scope: str = ""
    evidence: EvidenceConfig = Field(default_factory=defaults_of(EvidenceConfig))
    certification: CertificationConfig | None = None
    rules: dict[str, Severity] = Field(default_factory=new_dict)
    limits: LimitsConfig = Field(default_factory=defaults_of(LimitsConfig))
    # The trousse version the kit's CI installs (init writes the one that made the kit).
    trousse_version: str | None = Field(default=None, pattern=VERSION_RE)  # what pip installs: not "latest"
    calendar: list[RecurringActivity] = Field(default_factory=new_list)  # the kit's own recurring activities
    nonconformities: NonconformitiesConfig = Field(default_factory=defaults_of(NonconformitiesConfig))
    locations: LocationsConfig = Field(default_factory=defaults_of(LocationsConfig))
    extensions: ExtensionsConfig = Field(default_factory=defaults_of(ExtensionsConfig))
    # Register items (pack documented_information ids) that do not apply, each with its reason.
    not_applicable: dict[str, str] = Field(default_factory=new_dict)
    # Values several documents repeat, declared once (see models/facts.py; DOC008 checks them).
    facts: Facts = Field(default_factory=defaults_of(Facts))


# ---------------------------------------------------------------- roles.yml
class Holder(KitModel):
    name: str
    email: str | None = None
    since: dt.date | None = None


class Role(KitModel):
    id: str
    name: str
    competence: str = ""
    holders: list[Holder] = Field(default_factory=new_list)
    external: bool = False


class RolesFile(KitModel):
    roles: list[Role]


# ---------------------------------------------------------------- processes
class Step(KitModel):
    name: str
    description: str = ""


class Task(KitModel):
    id: str
    name: str
    objective: str = ""
    justification: str = ""
    roles: list[str] = Field(default_factory=new_list)
    inputs: list[str] = Field(default_factory=new_list)
    outputs: list[str] = Field(default_factory=new_list)
    steps: list[Step] = Field(default_factory=new_list)


class Activity(KitModel):
    id: str
    name: str
    description: str = ""
    tasks: list[Task] = Field(default_factory=new_list)


class Process(KitModel):
    """processes/<ID>.md front matter."""

    id: str
    name: str
    owner: str
    clauses: list[str] = Field(default_factory=new_list)
    objective: str = ""
    version: str | None = None
    indicators: list[str] = Field(default_factory=new_list)
    activities: list[Activity] = Field(default_factory=new_list)
    # Approval, as a controlled document's (DOC001, DOC006): optional, a description without a
    # status is not judged as an approved one.
    status: Literal["draft", "in-review", "approved", "obsolete"] | None = None
    approved_by: str | None = None
    approved_on: dt.date | None = None
    reviewed_on: dt.date | None = None
    review_every: PeriodField | None = None
    body: str = Field(default="", exclude=True)

    def prose(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        """The texts of the front matter that speak in sentences, each with its path in the front
        matter: the objective, each indicator, and the descriptions, objectives and justifications
        of its activities, tasks and steps (DOC008 reads facts there, DOC006 the template's text)."""
        yield self.objective, ("objective",)
        for i, text in enumerate(self.indicators):
            yield text, ("indicators", i)
        for a, act in enumerate(self.activities):
            yield act.description, ("activities", a, "description")
            for t, task in enumerate(act.tasks):
                base: tuple[str | int, ...] = ("activities", a, "tasks", t)
                yield task.objective, (*base, "objective")
                yield task.justification, (*base, "justification")
                for s, step in enumerate(task.steps):
                    yield step.description, (*base, "steps", s, "description")


# ---------------------------------------------------------------- documents
class Document(KitModel):
    """documents/**/*.md front matter: a controlled document."""

    id: str = Field(pattern=SAFE_ID_RE)
    title: str
    artefact: str
    artefacts: list[str] = Field(default_factory=new_list)  # the other types this document also covers
    version: str
    status: Literal["draft", "in-review", "approved", "obsolete"]
    owner: str
    approved_by: str | None = None
    approved_on: dt.date | None = None
    reviewed_on: dt.date | None = None  # the last review that kept it unchanged
    review_every: PeriodField | None = None
    process: str | None = None
    supersedes: str | None = None
    body: str = Field(default="", exclude=True)

    @property
    def types(self) -> list[str]:
        """Every artefact type this document covers: ``artefact`` first, then ``artefacts``."""
        return [self.artefact, *(a for a in self.artefacts if a != self.artefact)]

    def last_review(self, day: dt.date) -> dt.date | None:
        """The day its review period runs from, as known on ``day``: the later of ``approved_on``
        and ``reviewed_on`` (a review that kept it unchanged counts; one after ``day`` not yet)."""
        dates = [d for d in (self.approved_on, self.reviewed_on) if d is not None and d <= day]
        if self.approved_on is not None and self.approved_on > day:
            return self.approved_on  # approved in the future: DOC004's, the period runs from it
        return max(dates, default=None)


# ---------------------------------------------------------------- records
class RecordBase(KitModel):
    """The fields every record has; an artefact type adds its own (see records.py)."""

    id: str = Field(pattern=SAFE_ID_RE)
    artefact: str
    date: dt.date
    recorded_on: dt.date | None = None  # the day it was written (``date`` is the event's)
    title: str
    process: str | None = None
    author: str | None = None
    notes: str | None = None
    attachments: list[str] = Field(default_factory=new_list)
    # the file this record continues: "<path>@<commit>", path relative to the repository's top
    formerly: str | None = Field(default=None, pattern=FORMERLY_RE)
    source_system: str | None = None  # the ticketing tool a record was imported from (trousse import)
    source_id: str | int | None = None  # its id there (ticket numbers are often plain numbers)
    body: str = Field(default="", exclude=True)


def record_values(record: RecordBase) -> dict[str, Any]:
    """A record's fields, then its type's own, as ``record.model_dump()`` gives them (the body
    aside): read from the instance, without the serializer pydantic would build for the model
    (records hold no nested model). A function, not a method: a type's own field may take any
    name."""
    data = {k: v for k, v in record.__dict__.items() if k != "body"}
    if record.__pydantic_extra__:
        data.update(record.__pydantic_extra__)
    return data


class Record(RecordBase):
    """A record as the loader keeps it: the fields every record has, and its artefact type's own
    fields as extra fields (checked by :func:`trousse.models.records.validate_record`, every one
    of them present, an optional one left out holding None or an empty list); of a type trousse
    does not know, whatever it holds, unchecked. One class for every type, where a model per type
    cost about 2 ms to create and build (a type with many records in the kit gets its model,
    which validates faster: see ``validate_record``)."""

    model_config = ConfigDict(extra="allow")


# ---------------------------------------------------------------- audits
class Auditor(KitModel):
    """A member of the audit team; ``lead`` marks the lead auditor (ISO 19011, 5.5.4)."""

    name: str
    role: str | None = None
    organisation: str | None = None
    lead: bool = False
    # When the audit team splits the scope: the processes this auditor audited (default: all of it).
    processes: list[str] | None = None


class AuditFinding(KitModel):
    """One finding, graded: major or minor nonconformity, observation, strength, or opportunity for
    improvement; with the clause, the process, the statement and the evidence seen."""

    id: str = Field(pattern=SAFE_ID_RE)
    kind: Literal["major-nc", "minor-nc", "observation", "strength", "opportunity"]
    process: str | None = None
    clause: str | None = None
    statement: str
    evidence: list[str] = Field(default_factory=new_list)
    requirement: str | None = None


class AuditFollowUp(KitModel):
    """What the audit found about one nonconformity of the previous audit (``audits/*.yml``,
    ``follow_up``); the report also derives a status from the finding's actions."""

    finding: str
    status: Literal["closed", "in-progress", "open", "not-checked"] | None = None
    note: str = ""


class Audit(KitModel):
    """audits/*.yml: the fields of an audit report (ISO 19011, 6.5). Every field but the id, the
    kind and the date is optional: a report shows a missing one as "not stated"."""

    id: str = Field(pattern=SAFE_ID_RE)
    kind: Literal["internal", "mock", "stage1", "stage2", "surveillance", "recertification"]
    date: dt.date
    end_date: dt.date | None = None
    title: str | None = None
    version: str | None = None  # the report's own version (e.g. "1.0")
    body: str | None = None  # certification body, for external audits
    objectives: str = ""
    auditors: list[Auditor] = Field(default_factory=new_list)
    auditees: list[str] = Field(default_factory=new_list)
    sites: list[str] = Field(default_factory=new_list)  # sites or locations audited
    scope: list[str] = Field(default_factory=new_list)
    criteria: list[str] = Field(default_factory=new_list)
    method: str = ""  # how the audit was run (interviews, records sampled, remote or on site)
    sampling: str = ""  # the sampling used
    context: str = ""
    previous: str | None = None  # the previous audit's id (default: the latest audit before this one)
    follow_up: list[AuditFollowUp] = Field(default_factory=new_list)
    summary: str = ""
    conclusion: str = ""
    recommendation: Literal["certify", "certify-after-actions", "do-not-certify", "not-applicable"] | None = None
    findings: list[AuditFinding] = Field(default_factory=new_list)
    distribution: list[str] = Field(default_factory=new_list)
    confidentiality: str | None = None
    signed_by: str | None = None
    signed_on: dt.date | None = None


# ---------------------------------------------------------------- actions
class Action(KitModel):
    """actions/*.yml: one corrective, preventive or improvement action."""

    id: str = Field(pattern=SAFE_ID_RE)
    kind: Literal["corrective", "preventive", "improvement"]
    finding: str | None = None
    title: str
    description: str = ""
    process: str | None = None
    owner: str
    holder: str | None = None
    opened_on: dt.date | None = None
    approved_by: str | None = None  # who approved the action plan (readiness: action-plans)
    approved_on: dt.date | None = None
    due: dt.date
    status: Literal["open", "done", "verified", "cancelled"]
    done_on: dt.date | None = None
    verified_on: dt.date | None = None
    verified_by: str | None = None
    effectiveness: str | None = None
    nonconformity: str | None = None  # the nonconformity record (its id) the action answers
    review: str | None = None  # the management-review record (its id) whose decision it is


# ---------------------------------------------------------------- nonconformities
NONCONFORMITY_ARTEFACTS = ("nonconformity", "nonconformity-record")


class Nonconformity(KitModel):
    """The life of one nonconformity, read from a record of artefact ``nonconformity`` (or the
    ISO 9001 pack's ``nonconformity-record``): detected (``date``, ``source``), graded
    (``severity``), corrected, analysed (``root_cause``, ``root_cause_method``), answered by actions
    (``actions`` ids, or actions whose ``nonconformity`` names it), checked for effectiveness
    (``effectiveness_due``, ``effectiveness_checked_on``, ``effectiveness_result``,
    ``effectiveness_verified_by``) and closed (``status: closed``, ``closed_on``)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    artefact: str
    date: dt.date
    title: str = ""
    source: str | None = None
    severity: str | None = None
    finding: str | None = None
    correction: str | None = None
    root_cause: str | None = None
    root_cause_method: str | None = None
    actions: list[str] = Field(default_factory=new_list)
    effectiveness_due: dt.date | None = None
    effectiveness_checked_on: dt.date | None = None
    effectiveness_result: str | None = None
    effectiveness_verified_by: str | None = None
    status: str | None = None
    closed_on: dt.date | None = None

    @classmethod
    def of(cls, record: RecordBase) -> "Nonconformity | None":
        """The nonconformity a record holds (None: the record is of another type)."""
        if record.artefact not in NONCONFORMITY_ARTEFACTS:
            return None
        data = record_values(record)
        if not isinstance(data.get("actions"), list):
            data["actions"] = []
        data["actions"] = [str(a) for a in data["actions"] if a]
        nc = cls.model_validate(data)
        locate(nc, location(record))
        return nc

    @property
    def closed(self) -> bool:
        """Closed by its record (status closed, or a closing date)."""
        return self.status == "closed" or self.closed_on is not None


# ---------------------------------------------------------------- catalogue, customers
class Service(KitModel):
    """One service, described by the seven elements of a service description."""

    id: str
    name: str
    description: str | None = None  # in the customer's language
    category: Literal["business", "infrastructure", "thematic", "internal"] | None = None
    promise: str | None = None
    conditions: str | None = None
    cost: str | None = None
    contributors: list[str] | None = None
    clientele: str | None = None
    information: str | None = None
    sla: str | None = None
    processes: list[str] = Field(default_factory=new_list)
    customers: list[str] = Field(default_factory=new_list)
    # The resolution target per incident priority ({P1: 1 day, P2: 3 days}): the management
    # review's inputs give the share of incidents resolved within it.
    resolution_within: dict[str, PeriodField] = Field(default_factory=new_dict)


class Catalogue(KitModel):
    """services/catalogue.yml."""

    title: str | None = None
    services: list[Service] = Field(default_factory=new_list)


class Customer(KitModel):
    id: str
    name: str
    kind: Literal["internal", "external"]
    contact: str | None = None
    requirements: list[str] = Field(default_factory=new_list)
    services: list[str] = Field(default_factory=new_list)


class CustomersFile(KitModel):
    """organisation/customers.yml."""

    customers: list[Customer] = Field(default_factory=new_list)


class ArtefactsFile(KitModel):
    """artefacts.yml: artefact types the kit adds to those of its standards."""

    artefacts: list[ArtefactDef] = Field(default_factory=new_list)
