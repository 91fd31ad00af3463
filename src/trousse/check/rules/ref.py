"""REF: every reference resolves, and ids are unique across the kit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding
from trousse.models import KitModel

# Where a value is in its file, looked up only when a finding names it: a large kit holds tens of
# thousands of references that resolve, and finding each one's line costs more than checking it.
Place = Callable[[], tuple[str, int, int]]


def _role_ids(ctx: Context) -> set[str]:
    return {r.id for r in ctx.kit.roles}


def _refs(obj: KitModel, field: str, values: Iterable[str] | str | None) -> Iterator[tuple[str, Place]]:
    """(value, where it is) for a field holding one id or a list of ids."""
    if values is None:
        return
    if isinstance(values, str):
        yield values, partial(obj.where, field)
        return
    for i, v in enumerate(values):
        yield v, partial(obj.where, field, i)


def _typed_fields(ctx: Context, kind: str) -> Iterator[tuple[str, Place]]:
    """Values of record fields whose artefact type declares them of ``kind`` (role, process...)."""
    typed: dict[str, list[str]] = {}  # artefact type: its fields of ``kind``, found once per type
    for rec in ctx.kit.records:
        ids = typed.get(rec.artefact)
        if ids is None:
            art = ctx.kit.artefacts.get(rec.artefact)
            fields = art.fields if art is not None else []
            ids = typed[rec.artefact] = [f.id for f in fields if f.type == kind or (f.type == "list" and f.of == kind)]
        for fid in ids:
            yield from _refs(rec, fid, getattr(rec, fid, None))


@rule(
    "REF001",
    "error",
    fr_title="Rôle inconnu",
    en_title="Unknown role",
    fr="""Chaque rôle cité (propriétaire d'un processus, rôles d'une tâche, propriétaire et
      approbateur d'un document, porteur d'une action, rôle d'un auditeur) doit exister dans
      organisation/roles.yml.""",
)
def unknown_role(ctx: Context) -> Iterator[Finding]:
    """Every role named (a process owner, a task's roles, a document's owner and approver, an
    action's owner, an auditor's role) must exist in organisation/roles.yml."""
    if ctx.kit.roles_broken:
        return  # the roles file is unreadable: YML/SCH say so, role references wait
    known = _role_ids(ctx)
    k = ctx.kit
    refs: list[tuple[str, Place]] = []
    for p in k.processes:
        refs += _refs(p, "owner", p.owner)
        for a in p.activities:
            for t in a.tasks:
                refs += _refs(t, "roles", t.roles)
    for d in k.documents:
        refs += _refs(d, "owner", d.owner)
        refs += _refs(d, "approved_by", d.approved_by)
    for act in k.actions:
        if act.owner:  # an owner left empty is SCH004's (left to fill), not an unknown role
            refs += _refs(act, "owner", act.owner)
    for au in k.audits:
        for auditor in au.auditors:
            refs += _refs(auditor, "role", auditor.role)
    refs += _typed_fields(ctx, "role")
    for ref, where in refs:
        if ref not in known:
            yield ctx.finding("REF001", where(), "ref.role", ref=ref)


@rule(
    "REF002",
    "error",
    fr_title="Type d'artefact inconnu",
    en_title="Unknown artefact type",
    fr="""Le type d'artefact d'un document ou d'un enregistrement, et les entrées et sorties des
      tâches, doivent être des types connus : ceux des normes de la trousse ou ceux déclarés dans
      artefacts.yml.""",
)
def unknown_artefact(ctx: Context) -> Iterator[Finding]:
    """The artefact type of a document or record, and a task's inputs and outputs, must be known
    types: those of the kit's standards, or those declared in artefacts.yml."""
    known = ctx.kit.artefacts
    refs: list[tuple[str, Place]] = []
    for d in ctx.kit.documents:
        refs += _refs(d, "artefact", d.artefact)
    for r in ctx.kit.records:
        refs += _refs(r, "artefact", r.artefact)
    for p in ctx.kit.processes:
        for a in p.activities:
            for t in a.tasks:
                refs += _refs(t, "inputs", t.inputs)
                refs += _refs(t, "outputs", t.outputs)
    for ref, where in refs:
        if ref not in known:
            yield ctx.finding("REF002", where(), "ref.artefact", ref=ref)


@rule(
    "REF003",
    "error",
    fr_title="Processus inconnu",
    en_title="Unknown process",
    fr="""Un processus cité (périmètre d'un audit, processus d'un constat, processus audités par un
      auditeur, d'une action, d'un document, d'un enregistrement ou d'un service) doit avoir sa
      description dans processes/.""",
)
def unknown_process(ctx: Context) -> Iterator[Finding]:
    """A process named (an audit's scope, a finding's, the processes an auditor audited, an
    action's, a document's, a record's or a service's process) must have its description in
    processes/."""
    known = ctx.kit.process_ids()
    k = ctx.kit
    refs: list[tuple[str, Place]] = []
    for au in k.audits:
        refs += _refs(au, "scope", au.scope)
        for f in au.findings:
            refs += _refs(f, "process", f.process)
        for auditor in au.auditors:  # the processes an auditor audited (AUD002 leaves unknown ids here)
            refs += _refs(auditor, "processes", auditor.processes)
    for act in k.actions:
        refs += _refs(act, "process", act.process)
    for d in k.documents:
        refs += _refs(d, "process", d.process)
    for r in k.records:
        refs += _refs(r, "process", r.process)
    if k.catalogue:
        for s in k.catalogue.services:
            refs += _refs(s, "processes", s.processes)
    refs += _typed_fields(ctx, "process")
    for ref, where in refs:
        if ref not in known:
            yield ctx.finding("REF003", where(), "ref.process", ref=ref)


@rule(
    "REF004",
    "error",
    fr_title="Article de norme inconnu",
    en_title="Unknown clause",
    fr="""Une référence d'article s'écrit norme:article (iso20000-1-2018:8.6.1) ; la norme doit
      être connue de trousse ou de la trousse, et l'article exister dans cette norme.""",
)
def unknown_clause(ctx: Context) -> Iterator[Finding]:
    """A clause reference reads pack:clause (iso20000-1-2018:8.6.1); the pack must be known to
    trousse or the kit, and the clause must exist in it."""
    k = ctx.kit
    refs: list[tuple[str, Place]] = []
    for p in k.processes:
        refs += _refs(p, "clauses", p.clauses)
    for au in k.audits:
        for f in au.findings:
            refs += _refs(f, "clause", f.clause)
        for i, c in enumerate(au.criteria):
            if ":" in c:
                refs.append((c, partial(au.where, "criteria", i)))
    known = ", ".join(sorted(k.packs))
    for ref, where in refs:
        pack_id, sep, number = ref.partition(":")
        if not sep or not number:
            yield ctx.finding("REF004", where(), "ref.clause_form", ref=ref)
        elif pack_id not in k.packs:
            yield ctx.finding("REF004", where(), "ref.clause_pack", ref=ref, pack=pack_id, known=known)
        elif k.packs[pack_id].clause(number) is None:
            yield ctx.finding("REF004", where(), "ref.clause", clause=number, pack=pack_id)


@rule(
    "REF005",
    "error",
    fr_title="Constat inconnu",
    en_title="Unknown finding",
    fr="""Une action corrective ou préventive qui cite un constat d'audit doit citer un constat qui
      existe dans un audit de audits/.""",
)
def unknown_finding(ctx: Context) -> Iterator[Finding]:
    """A corrective or preventive action that names an audit finding must name one that exists in
    an audit under audits/."""
    known = {f.id for a in ctx.kit.audits for f in a.findings}
    if any(name.startswith("audits/") for name in ctx.kit.broken):
        return  # the finding may be in the audit that cannot be read, already reported (YML/SCH)
    for act in ctx.kit.actions:
        if act.finding and act.finding not in known:
            yield ctx.finding("REF005", act.where("finding"), "ref.finding", ref=act.finding)


@rule(
    "REF006",
    "error",
    fr_title="Document, client ou service inconnu",
    en_title="Unknown document, customer or service",
    fr="""Le SLA d'un service doit être un document de documents/ ; les clients d'un service et les
      services d'un client doivent exister dans organisation/customers.yml et
      services/catalogue.yml.""",
)
def unknown_document(ctx: Context) -> Iterator[Finding]:
    """A service's SLA must be a document under documents/; a service's customers and a customer's
    services must exist in organisation/customers.yml and services/catalogue.yml."""
    k = ctx.kit
    docs = {d.id for d in k.documents}
    customers = {c.id for c in k.customers.customers} if k.customers else set()
    services = {s.id for s in k.catalogue.services} if k.catalogue else set()
    if k.catalogue:
        for s in k.catalogue.services:
            if s.sla and s.sla not in docs:
                yield ctx.finding("REF006", s.where("sla"), "ref.document", ref=s.sla)
            if k.customers:
                for ref, where in _refs(s, "customers", s.customers):
                    if ref not in customers:
                        yield ctx.finding("REF006", where(), "ref.customer", ref=ref)
    if k.customers:
        for c in k.customers.customers:
            for ref, where in _refs(c, "services", c.services):
                if ref not in services:
                    yield ctx.finding("REF006", where(), "ref.service", ref=ref)
    for ref, where in _typed_fields(ctx, "document"):
        if ref not in docs:
            yield ctx.finding("REF006", where(), "ref.document", ref=ref)


@rule(
    "REF007",
    "error",
    fr_title="Identifiant en double",
    en_title="Duplicate id",
    fr="""Les identifiants sont uniques dans toute la trousse : processus, activités, tâches,
      documents, enregistrements, audits, constats, actions, services, clients ; et les rôles entre
      eux.""",
)
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    """Ids are unique across the whole kit: processes, activities, tasks, documents, records,
    audits, findings, actions, services, customers; and roles among themselves."""
    k = ctx.kit
    items: list[tuple[str, KitModel]] = []
    for p in k.processes:
        items.append((p.id, p))
        for a in p.activities:
            items.append((a.id, a))
            for t in a.tasks:
                items.append((t.id, t))
    for coll in (k.documents, k.records, k.actions):
        for obj in coll:
            items.append((obj.id, obj))
    for au in k.audits:
        items.append((au.id, au))
        for f in au.findings:
            items.append((f.id, f))
    if k.catalogue:
        items += [(s.id, s) for s in k.catalogue.services]
    if k.customers:
        items += [(c.id, c) for c in k.customers.customers]
    yield from _duplicates(ctx, items)
    yield from _duplicates(ctx, [(r.id, r) for r in k.roles])


def _duplicates(ctx: Context, items: list[tuple[str, KitModel]]) -> Iterator[Finding]:
    """REF007 for every id given more than once (``items``: each id with the object it names)."""
    counts = Counter(ident for ident, _ in items)
    located = [(ident, obj.where("id")) for ident, obj in items if counts[ident] > 1]  # only these are reported
    first: dict[str, tuple[str, int, int]] = {}
    for ident, where in sorted(located, key=lambda x: (x[1], x[0])):
        if ident in first:
            other = first[ident]
            yield ctx.finding("REF007", where, "ref.duplicate", ref=ident, other=other[0], line=other[1])
        else:
            first[ident] = where


@rule(
    "REF008",
    "error",
    fr_title="Document ou enregistrement du mauvais type",
    en_title="Document or record of the wrong kind",
    fr="""Un document (qui déclare une intention) doit avoir un type d'artefact « document » ; un
      enregistrement (qui prouve une activité) un type « record ».""",
)
def wrong_kind(ctx: Context) -> Iterator[Finding]:
    """A document (which states intent) must have a document-kind artefact type; a record (which
    proves activity) a record-kind one."""
    arts = ctx.kit.artefacts
    for d in ctx.kit.documents:
        art = arts.get(d.artefact)
        if art is not None and art.kind == "record":
            yield ctx.finding("REF008", d.where("artefact"), "ref.kind_doc", ref=d.artefact)
    for r in ctx.kit.records:
        art = arts.get(r.artefact)
        if art is not None and art.kind == "document":
            yield ctx.finding("REF008", r.where("artefact"), "ref.kind_rec", ref=r.artefact)


@rule(
    "REF009",
    "error",
    fr_title="Preuve introuvable",
    en_title="Missing evidence file",
    fr="""Les preuves citées par un constat d'audit ou les pièces jointes d'un enregistrement sont
      des chemins relatifs à la racine de la trousse et doivent exister. Un chemin qui sort de la
      trousse (absolu, ou qui remonte par « .. ») est signalé, que le fichier existe ou non.""",
)
def missing_evidence(ctx: Context) -> Iterator[Finding]:
    """The evidence a finding cites and a record's attachments are paths relative to the kit root
    and must exist. A path that leaves the kit (absolute, or climbing out with "..") is reported,
    whether or not the file exists."""
    root = ctx.kit.root
    refs: list[tuple[str, Place]] = []
    for au in ctx.kit.audits:
        for f in au.findings:
            refs += _refs(f, "evidence", f.evidence)
    for r in ctx.kit.records:
        refs += _refs(r, "attachments", r.attachments)
    for ref, where in refs:
        if "://" in ref and not ref.lower().startswith("file:"):
            continue
        if _outside(root, ref):  # whether or not the file exists on this machine
            yield ctx.finding("REF009", where(), "ref.evidence_outside", ref=ref)
        elif not ctx.kit.exists(ref):  # per the kit's inventory (with --as-of: as committed then)
            yield ctx.finding("REF009", where(), "ref.evidence_file", ref=ref)


def _outside(root: Path, ref: str) -> bool:
    """Whether ``ref`` names a place outside the kit: absolute, a drive, a URL of a file, ``..``
    above the root, or a link that leads out."""
    text = ref.replace("\\", "/")
    if text.startswith("/") or text.lower().startswith("file:") or (len(text) > 1 and text[1] == ":"):
        return True
    depth = 0
    for part in text.split("/"):
        depth += -1 if part == ".." else 0 if part in ("", ".") else 1
        if depth < 0:
            return True
    try:
        return not (root / text).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return True


@rule(
    "REF010",
    "warning",
    fr_title="Nom de fichier de processus",
    en_title="Process file name",
    fr="""La description du processus ID est dans processes/ID.md : le nom du fichier suit
      l'identifiant, pour qu'on la trouve sans chercher.""",
)
def process_filename(ctx: Context) -> Iterator[Finding]:
    """The description of process ID lives in processes/ID.md: the file name follows the id, so
    that it is found without searching."""
    for p in ctx.kit.processes:
        if p.file != f"processes/{p.id}.md":
            yield ctx.finding("REF010", p.where("id"), "ref.filename", ref=p.id)
