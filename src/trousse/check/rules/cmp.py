"""CMP: completeness of the kit against the standards it targets."""

from __future__ import annotations

from collections.abc import Iterator

from trousse import i18n
from trousse.check.rules.registry import Context, rule
from trousse.evidence.kit_conditions import scope_placeholder, unheld_owners
from trousse.findings import Finding
from trousse.models.pack import waived_artefacts

SEVEN = ("description", "promise", "category", "cost", "contributors", "clientele", "information")


def _pack_where(ctx: Context, pack_id: str) -> tuple[str, int, int]:
    cfg = ctx.kit.config
    i = cfg.standards.index(pack_id) if pack_id in cfg.standards else 0
    line, col = ctx.kit.config_parsed.where(("standards", i))
    return ("trousse.yml", line, col)


def _pack_name(ctx: Context, pack_id: str) -> str:
    """The standard's name as the message's language writes it (French: ISO/CEI 20000-1)."""
    pack = ctx.kit.packs[pack_id]
    return i18n.pack_text(pack.short or pack.title, ctx.lang)


@rule(
    "CMP001",
    "error",
    fr_title="Processus requis non décrit",
    en_title="Required process not described",
    fr="""Chaque processus que demande une norme visée par la trousse a sa description dans
      processes/ID.md, sauf si trousse.yml déclare non applicables, avec leur raison, toutes les
      exigences du registre qui relèvent de ce processus (not_applicable ; ISO 9001 4.3 : conception
      exclue).""",
)
def required_process(ctx: Context) -> Iterator[Finding]:
    """Every process a targeted standard requires has its description in processes/ID.md, unless
    trousse.yml declares every register item of that process not applicable, with its reason
    (not_applicable; ISO 9001 4.3: design excluded)."""
    have = ctx.kit.process_ids()
    seen: set[str] = set(ctx.kit.excluded_processes())
    for pack in ctx.kit.standards():
        for pdef in pack.processes:
            if pdef.required and pdef.id not in have and pdef.id not in seen:
                seen.add(pdef.id)
                yield ctx.finding(
                    "CMP001",
                    _pack_where(ctx, pack.id),
                    "cmp.process",
                    pack=_pack_name(ctx, pack.id),
                    ref=pdef.id,
                    name=i18n.pack_text(pdef.name, ctx.lang),
                )


@rule(
    "CMP002",
    "error",
    fr_title="Propriétaire de processus sans titulaire",
    en_title="Process owner without a holder",
    fr="""Le rôle propriétaire de chaque processus est tenu par au moins une personne nommée dans
      organisation/roles.yml : un processus sans responsable n'est pas en place. Un constat par
      rôle, qui liste les processus qu'il possède ; un processus que la trousse exclut (toutes ses
      exigences du registre déclarées non applicables, comme DES en ISO 9001) n'y figure pas.""",
)
def owner_holder(ctx: Context) -> Iterator[Finding]:
    """The owner role of every process is held by at least one person named in
    organisation/roles.yml: a process nobody is answerable for is not in place. One finding per
    role, listing the processes it owns; a process the kit excludes (every register item of it
    declared not applicable, as DES in ISO 9001) is not among them."""
    if ctx.kit.roles_broken:
        return
    for role, processes in unheld_owners(ctx.kit):  # the readiness setup condition names the same
        yield ctx.finding(
            "CMP002",
            role.where("id"),
            "cmp.holder",
            role=role.id,
            ref=", ".join(processes),
            count=len(processes),
        )


@rule(
    "CMP003",
    "error",
    fr_title="Document requis non approuvé",
    en_title="Required document not approved",
    fr="""Pour chaque type de document qu'une norme visée exige, la trousse a un document de ce
      type au statut « approved », sauf si trousse.yml justifie par écrit que l'exigence du
      registre qui le demande ne s'applique pas (not_applicable).""",
)
def required_document(ctx: Context) -> Iterator[Finding]:
    """For every document type a targeted standard requires, the kit has a document of that type
    with status 'approved', unless trousse.yml justifies in writing that the register item asking
    for it does not apply (not_applicable)."""
    seen = waived_artefacts(ctx.kit.standards(), ctx.kit.config.not_applicable)  # justified: not asked for
    for pack in ctx.kit.standards():
        for art in pack.artefacts:
            if art.kind != "document" or not art.required or art.id in seen:
                continue
            seen.add(art.id)
            docs = [d for d in ctx.kit.documents if art.id in d.types]
            if any(d.status == "approved" for d in docs) or art.id in ctx.kit.broken_artefacts:
                continue
            name = i18n.pack_text(art.name, ctx.lang)
            if docs:
                d = docs[0]
                what = i18n.t("cmp.document.draft", _lang=ctx.lang, doc=d.file, status=d.status)
                where = d.where("status")
            else:
                globs = ctx.kit.config.locations.documents  # the kit keeps its documents there too: say so
                what = (
                    i18n.t("cmp.document.none_located", _lang=ctx.lang, ref=art.id, where=_folders(globs))
                    if globs
                    else i18n.t("cmp.document.none", _lang=ctx.lang, ref=art.id)
                )
                where = _pack_where(ctx, pack.id)
            yield ctx.finding(
                "CMP003", where, "cmp.document", pack=_pack_name(ctx, pack.id), name=name, ref=art.id, what=what
            )


def _folders(globs: list[str]) -> str:
    """``locations.documents`` said short: each glob as written, each file named one by one as its
    folder, every folder once (adopt lists a handbook's documents file by file)."""
    out: list[str] = []
    for g in globs:
        folder = g if any(c in g for c in "*?[") or "/" not in g.strip("/") else g.rsplit("/", 1)[0] + "/"
        if folder not in out:
            out.append(folder)
    return ", ".join(out)


@rule(
    "CMP004",
    "error",
    fr_title="Enregistrement requis absent",
    en_title="Required record missing",
    fr="""Pour chaque type d'enregistrement qu'une norme visée exige, la trousse a au moins un
      enregistrement sous records/ (ou une source de preuves que trousse.yml déclare pour ce type),
      sauf si trousse.yml justifie par écrit que l'exigence du registre qui le demande ne
      s'applique pas (not_applicable).""",
)
def required_record(ctx: Context) -> Iterator[Finding]:
    """For every record type a targeted standard requires, the kit has at least one record under
    records/ (or an evidence source trousse.yml declares for that type), unless trousse.yml
    justifies in writing that the register item asking for it does not apply (not_applicable)."""
    # A record that exists but does not validate is reported by SCH, not again as missing.
    have = {r.artefact for r in ctx.kit.records} | ctx.kit.broken_artefacts
    # A living source trousse.yml declares (its every commit is a record of its type) counts too.
    have |= {s.artefact for s in ctx.kit.config.evidence.sources if ctx.kit.exists(s.path.strip("/"), file_only=True)}
    seen = waived_artefacts(ctx.kit.standards(), ctx.kit.config.not_applicable)  # justified: not asked for
    for pack in ctx.kit.standards():
        for art in pack.artefacts:
            if art.kind != "record" or not art.required or art.id in seen or art.id in have:
                continue
            seen.add(art.id)
            yield ctx.finding(
                "CMP004",
                _pack_where(ctx, pack.id),
                "cmp.record",
                pack=_pack_name(ctx, pack.id),
                name=i18n.pack_text(art.name, ctx.lang),
                ref=art.id,
            )


@rule(
    "CMP005",
    "error",
    fr_title="Rôle requis absent",
    en_title="Required role missing",
    fr="""Chaque rôle qu'une norme visée demande existe dans organisation/roles.yml (les rôles
      externes, comme l'organisme certificateur, peuvent n'avoir aucun titulaire).""",
)
def required_role(ctx: Context) -> Iterator[Finding]:
    """Every role a targeted standard needs exists in organisation/roles.yml (external roles, such
    as the certification body, may have no holder)."""
    if ctx.kit.roles_broken:
        return
    have = {r.id for r in ctx.kit.roles}
    where = (ctx.kit.roles_file, 1, 1) if ctx.kit.roles_file else None
    if where is None:
        yield ctx.finding("CMP005", ("trousse.yml", 1, 1), "cmp.roles_file")
        return
    seen: set[str] = set()
    for pack in ctx.kit.standards():
        for rdef in pack.roles:
            if rdef.required and rdef.id not in have and rdef.id not in seen:
                seen.add(rdef.id)
                yield ctx.finding(
                    "CMP005",
                    where,
                    "cmp.role",
                    pack=_pack_name(ctx, pack.id),
                    ref=rdef.id,
                    name=i18n.pack_text(rdef.name, ctx.lang),
                )


@rule(
    "CMP006",
    "error",
    fr_title="Description de service incomplète",
    en_title="Incomplete service description",
    fr="""Le catalogue de services existe, et chaque service y donne les sept éléments d'une
      description de service : description dans les mots du client, promesse, catégorie (métier,
      infrastructure, thématique, interne), coût, contributeurs tiers, clientèle cible,
      informations générales.""",
)
def service_elements(ctx: Context) -> Iterator[Finding]:
    """The service catalogue exists, and each service in it gives the seven elements of a service
    description: description in the customer's words, promise, category (business,
    infrastructure, thematic, internal), cost, third-party contributors, target clientele, general
    information."""
    cat = ctx.kit.catalogue
    if cat is None:
        if "services/catalogue.yml" not in ctx.kit.files and "services/catalogue.yml" not in ctx.kit.broken:
            yield ctx.finding("CMP006", ("trousse.yml", 1, 1), "cmp.catalogue")
        return
    for s in cat.services:
        missing = []
        for el in SEVEN:
            value = getattr(s, el)
            if value is None or (isinstance(value, str) and not value.strip()):
                missing.append(i18n.t(f"el.{el}", _lang=ctx.lang))
        if missing:
            yield ctx.finding("CMP006", s.where("id"), "cmp.service", ref=s.id, missing="; ".join(missing))


@rule(
    "CMP007",
    "warning",
    fr_title="Périmètre encore à écrire",
    en_title="Scope still to be written",
    fr="""Le périmètre du système de management (scope dans trousse.yml) n'est plus le texte que
      trousse init y a mis (« à préciser »...) : tant qu'il l'est, le verdict de préparation
      (condition setup) n'est pas atteint.""",
)
def scope_written(ctx: Context) -> Iterator[Finding]:
    """The management system's scope (scope in trousse.yml) is no longer the text trousse init put
    there ('to be refined'...): while it is, the readiness verdict (its setup condition) is not met."""
    if scope_placeholder(ctx.kit.config.scope):
        line, col = ctx.kit.config_parsed.where(("scope",))
        yield ctx.finding("CMP007", ("trousse.yml", line, col), "cmp.scope")


@rule(
    "CMP008",
    "warning",
    fr_title="Enregistrement attendu par le verdict de préparation absent",
    en_title="Record the readiness verdict waits for missing",
    fr="""Une condition propre à une norme visée (standard:<id> dans le verdict de préparation) qui
      attend un enregistrement, comme standard:foundation d'ISO/CEI 20000 et son certificat
      Foundation, en trouve au moins un dans la trousse : sinon, trousse readiness bloque sur elle,
      et check le dit aussi.""",
)
def readiness_record(ctx: Context) -> Iterator[Finding]:
    """A targeted standard's own condition (standard:<id> in the readiness verdict) that waits for a
    record, such as ISO/IEC 20000's standard:foundation and its Foundation certificate, finds at
    least one in the kit: otherwise trousse readiness blocks on it, and check says so too."""
    have = {r.artefact for r in ctx.kit.records} | ctx.kit.broken_artefacts
    seen: set[str] = set()
    for pack in ctx.kit.standards():
        for rd in pack.readiness:
            if rd.kind != "record" or rd.id in seen or not rd.artefacts or have & set(rd.artefacts):
                continue
            seen.add(rd.id)
            yield ctx.finding(
                "CMP008",
                _pack_where(ctx, pack.id),
                "cmp.readiness_record",
                pack=_pack_name(ctx, pack.id),
                condition=f"standard:{rd.id}",
                name=i18n.pack_text(rd.name, ctx.lang),
                ref=rd.artefacts[0],
                hint=i18n.pack_text(rd.hint, ctx.lang),
            )


REVIEW = "management-review-record"
# The outputs of a management review (ISO 9001 9.3.3, ISO/IEC 20000-1 9.3): one decision item, or
# one written output, is enough to show the review decided something.
REVIEW_OUTPUTS = ("output_improvements", "output_changes", "output_resources", "decisions")


def _written(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _dated(value: object) -> bool:
    """A due date read by YAML as a date."""
    import datetime as dt  # noqa: PLC0415 - only for a review with decisions

    return isinstance(value, dt.date)


@rule(
    "CMP009",
    "error",
    fr_title="Revue de direction tenue sans décision",
    en_title="Management review held without decisions",
    fr="""Une revue de direction tenue (un compte rendu daté au plus tard du jour vérifié ; une
      revue datée plus tard est encore prévue) consigne ses sorties : les décisions et actions sur
      les opportunités d'amélioration, les changements à apporter au système de management et les
      besoins en ressources (ISO 9001 9.3.3, ISO/CEI 20000-1 9.3). Il lui faut au moins une
      décision dans decision_items (avec son texte, son responsable et son échéance), ou l'une des
      sorties output_improvements, output_changes, output_resources, decisions. Chaque décision
      écrite dans decision_items a son responsable (owner) et son échéance (due) : une décision
      sans l'un ou l'autre est signalée à cet élément.""",
)
def review_outputs(ctx: Context) -> Iterator[Finding]:
    """A management review that was held (a record dated on or before the day checked; a review
    dated later is still planned) records its outputs: the decisions and actions on opportunities
    for improvement, on changes needed to the management system and on resource needs (ISO 9001
    9.3.3, ISO/IEC 20000-1 9.3). It needs at least one decision in decision_items (with its text,
    owner and due date), or one of the outputs output_improvements, output_changes,
    output_resources, decisions. Each decision written in decision_items has its owner (owner) and
    its due date (due): a decision missing either is reported at that item."""
    art = ctx.kit.artefacts.get(REVIEW)
    if art is None:
        return
    fields = {f.id for f in art.fields}
    if "decision_items" not in fields and not fields & set(REVIEW_OUTPUTS):
        return  # this pack's review form has no output fields: nothing to read
    for rec in ctx.kit.records:
        if rec.artefact != REVIEW or rec.date > ctx.as_of:
            continue
        items = getattr(rec, "decision_items", None) or []
        decided = any(isinstance(i, dict) and _written(i.get("decision")) for i in items)
        for n, item in enumerate(items, start=1):
            if not isinstance(item, dict) or not _written(item.get("decision")):
                continue
            lacking = [k for k in ("owner", "due") if not _written(item.get(k)) and not _dated(item.get(k))]
            if lacking:
                yield ctx.finding(
                    "CMP009",
                    rec.where("decision_items", n - 1),
                    "cmp.review_decision_incomplete",
                    ref=rec.id,
                    n=n,
                    missing=i18n.t(f"cmp.review_decision_lacks.{'_'.join(lacking)}", _lang=ctx.lang),
                    decision=str(item.get("decision")).strip(),
                )
        if decided or any(_written(getattr(rec, f, None)) for f in REVIEW_OUTPUTS):
            continue
        yield ctx.finding("CMP009", rec.where("date"), "cmp.review_outputs", ref=rec.id)
