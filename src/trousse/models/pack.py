"""Standard packs: data about a standard (clauses, processes, roles, artefact types, mappings).

A pack never holds the standard's text: clause numbers and short titles only.
"""

from typing import Any, Literal

from pydantic import Field

from trousse.i18n import pick
from trousse.models.common import KEBAB_RE, KitModel, PeriodField, Text, defaults_of, new_list

Cadence = Literal["event", "monthly", "quarterly", "yearly"]
FieldType = Literal[
    "text",
    "date",
    "integer",
    "number",
    "boolean",
    "choice",
    "role",
    "process",
    "artefact",
    "record",
    "document",
    "person",
    "list",
    "duration",
    "item",  # a mapping of short named values, as one row of a table (a decision: what, who, by when)
]


class ClauseDef(KitModel):
    """One clause: its number and short title; the record types it asks to keep."""

    number: str
    title: Text
    records: list[str] = Field(default_factory=new_list)
    documents: list[str] = Field(default_factory=new_list)
    process: str | None = None  # the kit process that answers this clause, if one does
    unverified: bool = False  # the pack could not verify this number against the standard: "à vérifier"


class ProcessDef(KitModel):
    """A process the standard expects the kit to describe."""

    id: str
    name: Text
    clauses: list[str] = Field(default_factory=new_list)
    required: bool = True
    group: str | None = None  # e.g. the 2005 edition's five groups


class RoleDef(KitModel):
    """A role the standard (or the certification journey) needs."""

    id: str
    name: Text
    competence: Text = ""
    external: bool = False
    required: bool = True


class FieldDef(KitModel):
    """One field a record of a given type carries."""

    id: str
    type: FieldType = "text"
    required: bool = False
    choices: list[str] = Field(default_factory=new_list)
    of: FieldType | None = None  # element type of a list
    label: Text = ""


class SignatureDef(KitModel):
    """How a record of a type is signed: the date field whose first appearance signs it, and the
    follow-up fields that may still change afterwards (an action's status, its done date...)."""

    field: str = "signed_on"
    follow_up: list[str] = Field(default_factory=new_list)


class ArtefactDef(KitModel):
    """An artefact type: a document (states intent) or a record (proves activity)."""

    id: str = Field(pattern=KEBAB_RE)
    kind: Literal["document", "record", "other"]
    name: Text
    process: str | None = None
    required: bool = False
    cadence: Cadence | None = None
    fields: list[FieldDef] = Field(default_factory=new_list)
    description: Text = ""
    signature: SignatureDef | None = None  # a signed record type (its signed content must not change)
    backdating_tolerance: PeriodField | None = None  # this type's own (a review written days later)


class EvidenceDefaults(KitModel):
    """How much history of records the standard expects before certification."""

    minimum_history: PeriodField | None = None
    backdating_tolerance: PeriodField | None = None
    max_silence: PeriodField | None = None  # longest silence of an event-driven process


class CertificationDefaults(KitModel):
    """The certification cycle the standard's scheme uses."""

    certificate_years: int = 3
    # The interval between the certification decision (or the previous surveillance audit) and the
    # next surveillance audit: at least the first number of months, at most the second.
    surveillance_months: list[int] = Field(default_factory=lambda: [6, 12], min_length=2, max_length=2)
    action_plan_within: PeriodField | None = None  # after an audit with nonconformities


def _audit_signature() -> SignatureDef:
    return SignatureDef(field="signed_on")


def _action_signature() -> SignatureDef:
    return SignatureDef(
        field="approved_on", follow_up=["status", "done_on", "verified_on", "verified_by", "effectiveness", "holder"]
    )


class SignatureDefaults(KitModel):
    """How audits (audits/*.yml) and actions (actions/*.yml) are signed."""

    audit: SignatureDef = Field(default_factory=_audit_signature)
    action: SignatureDef = Field(default_factory=_action_signature)


class ReadinessDef(KitModel):
    """A condition of the standard's own in the readiness verdict (``standard:<id>``).

    ``record``: a committed record of one of ``artefacts`` dated by the as-of day (e.g. a
    Foundation certificate); ``consecutive-quarters``: ``count`` complete calendar quarters in a
    row, each holding evidence of every required process."""

    id: str = Field(pattern=KEBAB_RE)
    kind: Literal["record", "consecutive-quarters"]
    name: Text
    artefacts: list[str] = Field(default_factory=new_list)
    count: int = Field(default=1, ge=1)
    hint: Text = ""


class DocumentedInfoDef(KitModel):
    """One piece of documented information the standard requires: a document to maintain or a
    record to retain, by clause number and short title, and the artefact types that answer it.

    ``required: false`` marks an item that applies only in some organisations (design, customer
    property...) or that auditors expect without the standard naming it (context analysis): the
    register lists it, ``check`` does not ask for it. A kit states why a required item does not
    apply in ``trousse.yml`` (``not_applicable: {<id>: "why"}``)."""

    id: str = Field(pattern=KEBAB_RE)
    clause: str
    title: Text
    kind: Literal["document", "record"]
    required: bool = True
    artefacts: list[str] = Field(min_length=1)


def waived_artefacts(packs: "list[Pack]", not_applicable: dict[str, str]) -> set[str]:
    """The artefact types a kit need not have: those of register items it declares not applicable
    with a written reason, unless another item of its standards that applies asks for them too.
    CMP003, CMP004, DOC007, the register and the readiness verdict give one answer with it."""
    waived: set[str] = set()
    needed: set[str] = set()
    for pack in packs:
        for item in pack.documented_information:
            if not_applicable.get(item.id, "").strip():
                waived.update(item.artefacts)
            else:
                needed.update(item.artefacts)
    return waived - needed


def waived_processes(packs: "list[Pack]", not_applicable: dict[str, str]) -> dict[str, list[str]]:
    """The processes a kit need not describe nor prove, with the register items that waive them:
    a required process whose every required register item (an item whose clause is one of the
    process's clauses, or whose clause the pack assigns to the process) is declared not applicable
    with a written reason, unless a pack that targets it has an item for it that applies (ISO 9001
    4.3: design and development excluded). CMP001, EVD002, the readiness ``history`` and
    ``internal-audit`` conditions and ``report register`` give one answer with it."""
    waived: dict[str, list[str]] = {}
    needed: set[str] = set()
    for pack in packs:
        owner = {c.number: c.process for c in pack.clauses if c.process}
        for pdef in pack.processes:
            if not pdef.required:
                continue
            clauses = set(pdef.clauses)
            items = [
                i
                for i in pack.documented_information
                if i.required and (i.clause.split()[0] in clauses or owner.get(i.clause.split()[0]) == pdef.id)
            ]
            if items and all(not_applicable.get(i.id, "").strip() for i in items):
                waived.setdefault(pdef.id, []).extend(i.id for i in items if i.id not in waived.get(pdef.id, []))
            else:
                needed.add(pdef.id)
    return {pid: ids for pid, ids in waived.items() if pid not in needed}


def unknown_not_applicable(packs: "list[Pack]", not_applicable: dict[str, str]) -> list[str]:
    """The keys of ``not_applicable`` that name no register item of the targeted standards (a
    typo, or a process id where an item id is expected): DOC010 reports them."""
    known = {i.id for pack in packs for i in pack.documented_information}
    return [key for key in not_applicable if key not in known]


class AmendmentDef(KitModel):
    """An amendment to the standard (e.g. ISO 9001:2015/Amd 1:2024 on climate change): its
    reference, the clauses it touches and what it changes, in a few words of our own."""

    id: str
    title: Text
    clauses: list[str] = Field(default_factory=new_list)
    description: Text = ""


class RouteTask(KitModel):
    """A task of the certification route: the readiness conditions shown with it, and for each of
    its steps (in order) what must hold for the step to count as done.

    A step's tokens: a readiness condition id (``setup``, ``history``, ``internal-audit``,
    ``standard:foundation``...); ``processes`` (every required process is described);
    ``document:<artefact>`` (an approved document of that type; ``|`` between alternatives);
    ``body`` (a certification body named in trousse.yml); ``stage1`` (a stage 1 date or audit);
    ``external-audit`` (a stage 1 or stage 2 audit); ``certified``; ``audit:<kind>`` (an audit of
    that kind held by the as-of day)."""

    id: str
    checks: list[str] = Field(default_factory=new_list)
    steps: list[list[str]] = Field(default_factory=new_list)
    # The task's artefacts as the seed's task table lists them (artefact ids of the pack, in order):
    # the journey process of a kit takes its inputs and outputs from here.
    inputs: list[str] = Field(default_factory=new_list)
    outputs: list[str] = Field(default_factory=new_list)


class RouteDef(KitModel):
    """The certification route of the standard, as data: the kit process that describes it, the
    words a kit uses for its management system and its certificate, who leads the mock audit, and
    what each task's steps check in the readiness report."""

    process: str
    name: Text = ""
    system: Text = ""  # short name of the management system: SMS, SMQ...
    system_name: Text = ""  # its long name: système de management des services...
    certificate: Text = ""  # what the route ends with: "certificat ISO/CEI 20000-1"...
    scope: str | None = None  # the artefact type of the system's scope document
    reference: str | None = None  # the artefact type of the standard itself (the audit reference)
    auditor: str | None = None  # the role that leads internal and mock audits
    tasks: list[RouteTask] = Field(default_factory=new_list)


class AnnexCell(KitModel):
    """One cell of an activity-level coverage table (the seed's Annexe D): an activity of the
    route against a reference, with coverage C, P or N, the reference's matching practice and a
    comment."""

    activity: str
    title: Text = ""  # the activity's name
    coverage: Literal["C", "P", "N"]
    practice: Text = ""
    note: Text = ""


class CoverageTable(KitModel):
    """The coverage of the route's activities against one reference (ISO 9000, BS 15000, ITIL)."""

    reference: str
    title: Text = ""
    cells: list[AnnexCell] = Field(default_factory=new_list)


class Defaults(KitModel):
    evidence: EvidenceDefaults = Field(default_factory=defaults_of(EvidenceDefaults))
    certification: CertificationDefaults = Field(default_factory=defaults_of(CertificationDefaults))
    signatures: SignatureDefaults = Field(default_factory=defaults_of(SignatureDefaults))


class MappingEntry(KitModel):
    """A clause of this pack against a clause of another, with coverage C, P or N."""

    source: str
    target: str | None = None
    coverage: Literal["C", "P", "N"]
    note: Text = ""


class PackMapping(KitModel):
    """The traceability from this pack to another pack or reference (ITIL, BS 15000...)."""

    target: str
    title: Text = ""
    entries: list[MappingEntry] = Field(default_factory=new_list)


class Pack(KitModel):
    """A standard pack: ``kit-templates/standards/<id>.yml`` or a kit's ``standards/<id>.yml``."""

    id: str = Field(pattern=KEBAB_RE)
    title: Text
    edition: str
    short: str = ""
    description: Text = ""
    defaults: Defaults = Field(default_factory=defaults_of(Defaults))
    clauses: list[ClauseDef] = Field(default_factory=new_list)
    processes: list[ProcessDef] = Field(default_factory=new_list)
    roles: list[RoleDef] = Field(default_factory=new_list)
    artefacts: list[ArtefactDef] = Field(default_factory=new_list)
    mappings: list[PackMapping] = Field(default_factory=new_list)
    readiness: list[ReadinessDef] = Field(default_factory=new_list)
    # The register of required documented information (issue 17), last in the pack file.
    documented_information: list[DocumentedInfoDef] = Field(default_factory=new_list)
    route: RouteDef | None = None  # the standard's certification route (journey process, words)
    replaced_by: list[str] = Field(default_factory=new_list)  # packs or standards that replace this one
    amendments: list[AmendmentDef] = Field(default_factory=new_list)
    activity_coverage: list[CoverageTable] = Field(default_factory=new_list)  # the seed's Annexe D

    def clause(self, number: str) -> ClauseDef | None:
        """The clause with this number, if the pack has it."""
        for c in self.clauses:
            if c.number == number:
                return c
        return None


def route_of(packs: list[Pack]) -> RouteDef | None:
    """The certification route a kit follows: that of the first of its packs that declares one
    (a kit targeting ISO/IEC 20000-1 and ISO 9001 follows ITSM-CERT)."""
    for pack in packs:
        if pack.route is not None:
            return pack.route
    return None


class _TaskWords(dict[str, dict[str, list[str]]]):
    """A route's tasks by id; a task the kit's packs do not declare (a kit whose own pack has no
    route still gets trousse's journey) has no inputs and no outputs, rather than failing the
    template that asks for them."""

    def __missing__(self, key: str) -> dict[str, list[str]]:
        return {"inputs": [], "outputs": []}


def route_words(packs: list[Pack], lang: str) -> dict[str, Any]:
    """What the shipped templates say of the kit's management system and route, in ``lang``:
    ``process`` (the journey process id), ``system`` (SMS, SMQ...), ``system_name``,
    ``certificate``, ``scope``, ``reference``, ``auditor``, ``standards`` (the short names of the
    kit's standards), ``standard`` (that of the standard whose route the kit follows), ``process_count`` (the number of processes the kit's standards ask for,
    the journey excepted), ``tasks`` (each route task's ``inputs`` and ``outputs``, from every
    targeted pack that declares a route) and ``artefacts`` (the name in ``lang`` of each artefact
    type those tasks name)."""
    route = route_of(packs)
    owner = next((p for p in packs if p.route is not None), None)
    journey = route.process if route else None
    counted: list[str] = []
    for pack in packs:
        counted += [p.id for p in pack.processes if p.id != journey and p.id not in counted]
    words: dict[str, Any] = {
        "process": journey,
        "name": "",
        "system": "",
        "system_name": "",
        "certificate": "",
        "scope": None,
        "reference": None,
        "auditor": None,
        "standards": [p.short or p.id for p in packs],
        "standard": (owner.short or owner.id) if owner else "",
        "process_count": len(counted),
        "tasks": _TaskWords(),
        "artefacts": {},
    }
    for pack in packs:
        if pack.route is None:
            continue
        names = {a.id: pick(a.name, lang) for a in pack.artefacts}
        for task in pack.route.tasks:
            words["tasks"].setdefault(task.id, {"inputs": list(task.inputs), "outputs": list(task.outputs)})
            for art in task.inputs + task.outputs:
                words["artefacts"].setdefault(art, names.get(art, art))
    if route is not None:
        words.update(
            name=pick(route.name, lang),
            system=pick(route.system, lang),
            system_name=pick(route.system_name, lang),
            certificate=pick(route.certificate, lang),
            scope=route.scope,
            reference=route.reference,
            auditor=route.auditor,
        )
    return words
