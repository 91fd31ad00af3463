"""Schemas of the files a kit holds (see the contract, shared/design/kit-format.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ByteSize, ConfigDict, Field

from trousse.models.common import SAFE_ID_RE, KitModel, PeriodField, Severity
from trousse.models.pack import ArtefactDef


# ---------------------------------------------------------------- trousse.yml
class Organisation(KitModel):
    name: str
    people: int | None = Field(default=None, ge=1)


class ProcessEvidenceConfig(KitModel):
    """``evidence.processes.<ID>``: a longer allowed silence for one process, with its reason."""

    max_silence: PeriodField
    why: str = Field(min_length=1, pattern=r"\S")


class EvidenceConfig(KitModel):
    minimum_history: PeriodField | None = None
    backdating_tolerance: PeriodField | None = None
    max_silence: PeriodField | None = None  # longest silence of an event-driven process (1 month)
    processes: dict[str, ProcessEvidenceConfig] = Field(default_factory=dict)


class CertificationConfig(KitModel):
    body: str | None = None
    certified_on: dt.date | None = None
    decided_on: dt.date | None = None  # the certification decision (start of the cycle)
    stage1_on: dt.date | None = None
    stage2_on: dt.date | None = None
    expires_on: dt.date | None = None
    next_surveillance: dt.date | None = None
    warn_days: int = Field(default=60, ge=0)  # CRT warnings this many days ahead


class LimitsConfig(KitModel):
    """Bounds on what the loader reads: ``file_size`` caps each file of the kit (``5 MiB``,
    ``200 KiB``, or a number of bytes)."""

    file_size: ByteSize = Field(default=ByteSize(5 * 1024 * 1024), gt=0)


class KitConfig(KitModel):
    """trousse.yml: its presence marks the kit root."""

    trousse: Literal[1]
    organisation: Organisation
    language: Literal["fr", "en"]
    standards: list[str] = Field(min_length=1)
    scope: str = ""
    evidence: EvidenceConfig = Field(default_factory=EvidenceConfig)
    certification: CertificationConfig | None = None
    rules: dict[str, Severity] = Field(default_factory=dict)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    # Register items (pack documented_information ids) that do not apply, each with its reason.
    not_applicable: dict[str, str] = Field(default_factory=dict)


# ---------------------------------------------------------------- roles.yml
class Holder(KitModel):
    name: str
    email: str | None = None
    since: dt.date | None = None


class Role(KitModel):
    id: str
    name: str
    competence: str = ""
    holders: list[Holder] = Field(default_factory=list)
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
    roles: list[str] = Field(default_factory=list)
    inputs: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)


class Activity(KitModel):
    id: str
    name: str
    description: str = ""
    tasks: list[Task] = Field(default_factory=list)


class Process(KitModel):
    """processes/<ID>.md front matter."""

    id: str
    name: str
    owner: str
    clauses: list[str] = Field(default_factory=list)
    objective: str = ""
    version: str | None = None
    indicators: list[str] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    body: str = Field(default="", exclude=True)


# ---------------------------------------------------------------- documents
class Document(KitModel):
    """documents/**/*.md front matter: a controlled document."""

    id: str = Field(pattern=SAFE_ID_RE)
    title: str
    artefact: str
    version: str
    status: Literal["draft", "in-review", "approved", "obsolete"]
    owner: str
    approved_by: str | None = None
    approved_on: dt.date | None = None
    review_every: PeriodField | None = None
    process: str | None = None
    supersedes: str | None = None
    body: str = Field(default="", exclude=True)


# ---------------------------------------------------------------- records
class RecordBase(KitModel):
    """The fields every record has; an artefact type adds its own (see records.py)."""

    id: str = Field(pattern=SAFE_ID_RE)
    artefact: str
    date: dt.date
    title: str
    process: str | None = None
    author: str | None = None
    notes: str | None = None
    attachments: list[str] = Field(default_factory=list)
    body: str = Field(default="", exclude=True)


class LooseRecord(RecordBase):
    """A record whose artefact type is unknown: its extra fields cannot be checked."""

    model_config = ConfigDict(extra="allow")


# ---------------------------------------------------------------- audits
class Auditor(KitModel):
    name: str
    role: str | None = None
    organisation: str | None = None


class AuditFinding(KitModel):
    id: str = Field(pattern=SAFE_ID_RE)
    kind: Literal["major-nc", "minor-nc", "observation", "strength", "opportunity"]
    process: str | None = None
    clause: str | None = None
    statement: str
    evidence: list[str] = Field(default_factory=list)
    requirement: str | None = None


class Audit(KitModel):
    """audits/*.yml."""

    id: str = Field(pattern=SAFE_ID_RE)
    kind: Literal["internal", "mock", "stage1", "stage2", "surveillance", "recertification"]
    date: dt.date
    end_date: dt.date | None = None
    title: str | None = None
    body: str | None = None  # certification body, for external audits
    auditors: list[Auditor] = Field(default_factory=list)
    auditees: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=list)
    criteria: list[str] = Field(default_factory=list)
    context: str = ""
    summary: str = ""
    conclusion: str = ""
    findings: list[AuditFinding] = Field(default_factory=list)
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
    processes: list[str] = Field(default_factory=list)
    customers: list[str] = Field(default_factory=list)


class Catalogue(KitModel):
    """services/catalogue.yml."""

    title: str | None = None
    services: list[Service] = Field(default_factory=list)


class Customer(KitModel):
    id: str
    name: str
    kind: Literal["internal", "external"]
    contact: str | None = None
    requirements: list[str] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)


class CustomersFile(KitModel):
    """organisation/customers.yml."""

    customers: list[Customer] = Field(default_factory=list)


class ArtefactsFile(KitModel):
    """artefacts.yml: artefact types the kit adds to those of its standards."""

    artefacts: list[ArtefactDef] = Field(default_factory=list)
