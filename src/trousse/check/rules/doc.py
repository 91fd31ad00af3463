"""DOC: document control (identified, approved, reviewed, current)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from trousse import i18n
from trousse.check.rules.registry import Context, rule
from trousse.evidence import adaptation
from trousse.evidence.adaptation import example_entries
from trousse.evidence.dates import add_period
from trousse.evidence.lineage import LooseDocument, loose_documents
from trousse.findings import Finding
from trousse.models import Document
from trousse.models.kit import record_values
from trousse.models.pack import unknown_not_applicable


@rule(
    "DOC001",
    "error",
    fr_title="Approbation non tracée",
    en_title="Approval not recorded",
    fr="""Un document, ou une description de processus, au statut « approved » dit qui l'a
      approuvé (approved_by, un rôle) et quand (approved_on), même si son en-tête ne respecte pas
      encore son schéma (sans propriétaire, par exemple).""",
)
def approval_recorded(ctx: Context) -> Iterator[Finding]:
    """A document, or a process description, with status 'approved' says who approved it
    (approved_by, a role) and when (approved_on), even while its front matter fails its schema
    (no owner, say)."""
    for d in ctx.kit.documents:
        if d.status != "approved":
            continue
        missing = [f for f in ("approved_by", "approved_on") if getattr(d, f) is None]
        if missing:
            yield ctx.finding("DOC001", d.where("status"), "doc.unsigned", ref=d.id, missing=", ".join(missing))
    for loose in loose_documents(ctx.kit):  # failing its schema (no owner, say): judged all the same
        missing = [f for f in ("approved_by", "approved_on") if f not in loose.given]
        if loose.status == "approved" and missing:
            yield ctx.finding("DOC001", loose.where("status"), "doc.unsigned", ref=loose.id, missing=", ".join(missing))
    for p in ctx.kit.processes:
        if p.status != "approved":
            continue
        missing = [f for f in ("approved_by", "approved_on") if getattr(p, f) is None]
        if missing:
            yield ctx.finding("DOC001", p.where("status"), "doc.process_unsigned", ref=p.id, missing=", ".join(missing))


@rule(
    "DOC002",
    "warning",
    fr_title="Revue de document en retard",
    en_title="Document review overdue",
    fr="""Un document approuvé est revu à la période qu'il annonce (review_every), comptée depuis
      la plus récente de sa date d'approbation (approved_on) et de sa dernière revue (reviewed_on) :
      une revue qui ne change rien compte. Passé cette date, il est signalé jusqu'à ce que la revue
      soit notée : reviewed_on s'il reste tel quel, ou une nouvelle approbation (approved_on). Une
      prochaine revue annoncée (next_review) passée sans revue notée depuis est aussi en retard. Un
      document dont l'en-tête ne respecte pas son schéma (sans propriétaire, par exemple) est jugé sur
      les dates qu'il donne.""",
)
def review_due(ctx: Context) -> Iterator[Finding]:
    """An approved document is reviewed at the period it states (review_every), counted from the
    later of its approval (approved_on) and its last review (reviewed_on): a review that changes
    nothing counts. Past that date it is reported until the review is written down: reviewed_on if
    it stays as it is, or a new approval (approved_on). A next review it states (next_review) that
    has passed with no review written since is overdue too. A document whose front matter fails its
    schema (no owner, say) is judged on the dates it does give."""
    docs: list[Document | LooseDocument] = [*ctx.kit.documents, *loose_documents(ctx.kit)]
    for d in docs:
        if d.status == "approved":
            yield from _next_review_due(ctx, d)
        if d.status != "approved" or d.approved_on is None or d.review_every is None:
            continue
        since = d.last_review(ctx.as_of)
        if since is None:
            continue
        due = add_period(since, d.review_every)
        if due < ctx.as_of:
            reviewed = d.reviewed_on is not None and since == d.reviewed_on and since != d.approved_on
            yield ctx.finding(
                "DOC002",
                d.where("reviewed_on" if reviewed else "approved_on"),
                "doc.review.reviewed" if reviewed else "doc.review",
                ref=d.id,
                due=due.isoformat(),
                on=d.approved_on.isoformat(),
                reviewed=since.isoformat(),
                every=d.review_every.text(ctx.lang),
            )


def _next_review_due(ctx: Context, d: Document | LooseDocument) -> Iterator[Finding]:
    """DOC002 for the day an approved document states as its next review (``next_review``, kept by
    adopt): past it, with no review written on or after it (reviewed_on, or a new approved_on), the
    review is overdue, whatever its review period. Nothing when review_every is due first (one finding)."""
    parsed = ctx.kit.files.get(d.file)
    data = getattr(parsed, "data", None)
    raw = data.get("next_review") if isinstance(data, dict) else None
    day = raw if isinstance(raw, dt.date) else None
    if isinstance(raw, str):
        try:
            day = dt.date.fromisoformat(raw.strip())
        except ValueError:
            day = None
    since = d.last_review(ctx.as_of)
    if day is None or day >= ctx.as_of or (since is not None and since >= day):
        return
    if d.approved_on is not None and d.review_every is not None and since is not None:
        if add_period(since, d.review_every) <= day:
            return  # the period was due first: the finding below says it
    yield ctx.finding("DOC002", d.where("next_review"), "doc.review.next", ref=d.id, due=day.isoformat())


@rule(
    "DOC003",
    "warning",
    fr_title="Période de revue absente",
    en_title="No review period",
    fr="""Un document approuvé annonce sa période de revue (review_every), pour que sa revue
      puisse être suivie.""",
)
def review_period(ctx: Context) -> Iterator[Finding]:
    """An approved document states its review period (review_every), so that its review can be
    followed."""
    for d in ctx.kit.documents:
        if d.status == "approved" and d.review_every is None:
            yield ctx.finding("DOC003", d.where("status"), "doc.no_review", ref=d.id)
    for loose in loose_documents(ctx.kit):
        if loose.status == "approved" and "review_every" not in loose.given:
            yield ctx.finding("DOC003", loose.where("status"), "doc.no_review", ref=loose.id)


@rule(
    "DOC004",
    "error",
    fr_title="Approbation datée dans le futur",
    en_title="Approval dated in the future",
    fr="""La date d'approbation d'un document n'est pas postérieure à la date du jour (ou à
      --as-of).""",
)
def approval_future(ctx: Context) -> Iterator[Finding]:
    """A document's approval date is not after today (or --as-of)."""
    for d in ctx.kit.documents:
        if d.approved_on is not None and d.approved_on > ctx.as_of:
            yield ctx.finding(
                "DOC004",
                d.where("approved_on"),
                "doc.future",
                ref=d.id,
                on=d.approved_on.isoformat(),
                today=ctx.as_of.isoformat(),
            )


@rule(
    "DOC005",
    "warning",
    fr_title="Document obsolète cité",
    en_title="Obsolete document cited",
    fr="""Un service du catalogue ne s'appuie pas sur un document obsolète : citez la version en
      vigueur de son SLA.""",
)
def obsolete_cited(ctx: Context) -> Iterator[Finding]:
    """A service in the catalogue does not rely on an obsolete document: cite the SLA's current
    version."""
    if ctx.kit.catalogue is None:
        return
    obsolete = {d.id for d in ctx.kit.documents if d.status == "obsolete"}
    for s in ctx.kit.catalogue.services:
        if s.sla in obsolete:
            yield ctx.finding("DOC005", s.where("sla"), "doc.obsolete_ref", ref=s.id, doc=s.sla)


@rule(
    "DOC006",
    "error",
    fr_title="Document approuvé sans être adapté",
    en_title="Approved document not adapted",
    fr="""Un document, ou une description de processus, au statut « approved » est le texte de
      l'organisme : il ne contient plus de [[...]] à compléter, plus de bloc « Guide » ou
      « Exemple » des modèles, et n'est pas le texte que trousse init a écrit : quand 80 % au moins
      de son texte propre (blocs d'aide, titres et phrases à [[...]] mis à part ; phrases d'au moins
      20 lettres, comparées sans casse, chiffres ni ponctuation) sont des phrases du modèle rendu
      par init, exemples compris, reprises mot pour mot, il est encore le modèle. L'en-tête d'une
      description de processus (objectif, indicateurs, descriptions des activités, objectifs et
      justifications des tâches, descriptions des étapes) est jugé de même, face à l'en-tête du
      modèle. Un tel document ne compte pas comme en place dans le verdict de préparation.""",
)
def approved_unadapted(ctx: Context) -> Iterator[Finding]:
    """A document, or a process description, with status 'approved' is the organisation's own
    text: no [[...]] placeholder left, no 'Guidance' or 'Example' block of the templates, and not
    the text trousse init wrote: when at least 80 % of its own text (guidance blocks, headings and
    sentences holding a [[...]] aside; sentences of 20 letters or more, compared without case,
    digits or punctuation) is sentences of the template as init rendered it, examples included,
    kept word for word, it is still the template. A process description's header prose (objective,
    indicators, activity descriptions, task objectives and justifications, step descriptions) is
    judged the same way, against the template's header. Such a document does not count as in place
    in the readiness verdict."""
    for item, reasons in adaptation.approved_unadapted(ctx.kit):
        message = "doc.unadapted" if isinstance(item, Document) else "doc.process_unadapted"
        if message == "doc.unadapted" and "guidance" not in reasons:
            message = "doc.unadapted_text"  # the blocks are gone: only the words are left to change
        what = ", ".join(i18n.t(f"doc.unadapted.{r}", _lang=ctx.lang) for r in reasons)
        yield ctx.finding("DOC006", item.where("status"), message, ref=item.id, what=what)


@rule(
    "DOC007",
    "error",
    fr_title="Information documentée exigée absente ou non approuvée",
    en_title="Required documented information missing or not approved",
    fr="""Chaque information documentée qu'une norme visée exige (le registre de son paquet,
      documented_information) a au moins un fichier dans la trousse : un document, un
      enregistrement ou son formulaire. Quand seuls des documents y répondent, l'un d'eux est
      approuvé (status: approved, avec approved_on au plus tard le jour vérifié) : un brouillon
      n'est pas en place, et le verdict de préparation n'est pas prêt tant qu'il l'est. Une
      exigence qui ne s'applique pas est justifiée par écrit dans trousse.yml (not_applicable: {id:
      "pourquoi"}). Les types de document et d'enregistrement que le paquet marque eux-mêmes requis
      sont vérifiés par CMP003 et CMP004.""",
)
def register_missing(ctx: Context) -> Iterator[Finding]:
    """Every piece of documented information a targeted standard requires (its pack's register,
    documented_information) has at least one file in the kit: a document, a record or its form. A
    requirement that does not apply is justified in writing in trousse.yml
    (not_applicable: {id: "why"}). Document and record types the pack itself marks required are
    checked by CMP003 and CMP004. When only documents answer an item, one of them is approved
    (status: approved, with approved_on on or before the day checked): a draft is not in place, and
    the readiness verdict is not ready while it is."""
    from trousse.check.rules.cmp import _pack_name, _pack_where  # noqa: PLC0415 - shared helpers

    for pack, item in adaptation.register_missing(ctx.kit):
        if any(a.required and a.id in item.artefacts for a in pack.artefacts):
            continue  # the pack's own required type: CMP003 or CMP004 says it
        yield ctx.finding(
            "DOC007",
            _pack_where(ctx, pack.id),
            "doc.register_missing",
            pack=_pack_name(ctx, pack.id),
            title=i18n.pick(item.title, ctx.lang),
            clause=item.clause,
            artefacts=" | ".join(item.artefacts),
            item=item.id,
        )
    required = {a.id for p in ctx.kit.standards() for a in p.artefacts if a.required and a.kind == "document"}
    for pack, item, doc in adaptation.register_unapproved(ctx.kit, ctx.as_of):
        if required & set(doc.types):
            continue  # a document of a type the pack itself requires: CMP003 says it
        yield ctx.finding(
            "DOC007",
            doc.where("status"),
            "doc.register_unapproved",
            pack=_pack_name(ctx, pack.id),
            title=i18n.pick(item.title, ctx.lang),
            clause=item.clause,
            doc=doc.file,
            status=doc.status,
            on=doc.approved_on.isoformat() if doc.approved_on else "—",
        )


@rule(
    "DOC009",
    "warning",
    fr_title="Exemple livré laissé dans le catalogue ou les clients",
    en_title="Shipped example left in the catalogue or the customers",
    fr="""Les services de services/catalogue.yml et les clients de organisation/customers.yml sont
      ceux de l'organisme : un service ou un client encore identique à l'exemple que trousse init a
      écrit, qui garde un identifiant d'exemple (CLI-EXEMPLE) ou un texte marqué « à remplacer » ou
      « à adapter » est signalé. Changer l'identifiant ne suffit pas : sous un autre identifiant,
      une entrée qui garde l'adresse électronique d'un exemple (contact@exemple.fr) ou plus de la
      moitié de son texte mot pour mot est encore l'exemple. Tant qu'il en reste un, la condition « setup » du verdict de
      préparation n'est pas remplie.""",
)
def example_left(ctx: Context) -> Iterator[Finding]:
    """The services of services/catalogue.yml and the customers of organisation/customers.yml are
    the organisation's own: a service or a customer still identical to the example trousse init
    wrote, keeping an example id (CUS-EXAMPLE) or text marked 'to replace' or 'to adapt' is
    reported. Renaming the id is not enough: under another id, an entry that keeps an example's
    e-mail address (contact@example.com) or more than half of its text word for word is still the
    example. While one is left, the readiness verdict's 'setup' condition is not met."""
    for e in example_entries(ctx.kit):
        yield ctx.finding("DOC009", e.where, f"doc.example.{e.key}.{e.why}", ref=e.id, file=e.file)


@rule(
    "DOC010",
    "error",
    fr_title="Exclusion qui n'exclut rien (identifiant inconnu ou raison vide)",
    en_title="Exclusion that excludes nothing (unknown id or blank reason)",
    fr="""Chaque clé de not_applicable dans trousse.yml est l'identifiant d'une exigence du registre
      des normes visées (documented_information de leur paquet ; « trousse report register » les
      liste) : une clé mal écrite, ou un identifiant de processus (DES), n'exclut rien. Pour exclure
      un processus, déclarez non applicables toutes les exigences du registre qui en relèvent.
      Chaque exclusion dit aussi pourquoi l'exigence ne s'applique pas : une raison vide ou faite
      d'espaces n'exclut rien, et le registre ne montre pas de justification vide.""",
)
def not_applicable_unknown(ctx: Context) -> Iterator[Finding]:
    """Every key of not_applicable in trousse.yml is the id of an item of the targeted standards'
    registers (their pack's documented_information; 'trousse report register' lists them): a
    misspelt key, or a process id (DES), excludes nothing. To exclude a process, declare every
    register item of that process not applicable. Each exclusion also says why the item does not
    apply: a blank or whitespace-only reason excludes nothing, and the register shows no empty
    justification."""
    packs = ctx.kit.standards()
    ids = sorted({i.id for pack in packs for i in pack.documented_information})
    unknown = unknown_not_applicable(packs, ctx.kit.config.not_applicable)
    for key, why in ctx.kit.config.not_applicable.items():
        line, col = ctx.kit.config_parsed.where_key(("not_applicable", key))
        if key in unknown:
            yield ctx.finding(
                "DOC010", ("trousse.yml", line, col), "doc.not_applicable_unknown", key=key, items=", ".join(ids)
            )
        elif not why.strip():  # no reason: the item still applies, and nothing justifies it
            yield ctx.finding("DOC010", ("trousse.yml", line, col), "doc.not_applicable_blank", key=key)


# A line of a shipped form or template marked as an example the organisation replaces.
EXAMPLE_LINE_RE = re.compile(r"^\s*[\"«]?\s*(Example to replace|Exemple à remplacer)\b", re.I | re.M)


def _example_lines(value: object) -> list[int | None]:
    """Where ``value`` (a field of a record) holds a marked example: ``[None]`` for the field
    itself, else the indexes of the list's marked lines."""
    if isinstance(value, str):
        return [None] if EXAMPLE_LINE_RE.search(value) else []
    if isinstance(value, list):
        return [i for i, v in enumerate(value) if isinstance(v, str) and EXAMPLE_LINE_RE.search(v)]
    return []


@rule(
    "DOC011",
    "warning",
    fr_title="Exemple du formulaire laissé dans un enregistrement ou un document",
    en_title="Form example left in a record or a document",
    fr="""Les formulaires livrés marquent leurs lignes d'exemple « Exemple à remplacer : » (par
      exemple les risques et les décisions de traitement de l'appréciation des risques de sécurité
      de l'information) : un enregistrement ou un document qui en contient encore une décrit
      l'exemple, pas l'organisme. Remplacez la ligne par la vôtre, ou supprimez-la. Un constat par
      champ d'un enregistrement, à sa première ligne marquée ; un par document, à son id.""",
)
def example_lines_left(ctx: Context) -> Iterator[Finding]:
    """The shipped forms mark their example lines 'Example to replace:' (for instance the risks and
    treatment decisions of the information security risk assessment): a record or a document that
    still holds one describes the example, not the organisation. Replace the line with your own, or
    delete it. One finding per field of a record, at its first marked line; one per document, at
    its id."""
    for rec in ctx.kit.records:
        for key, value in record_values(rec).items():  # a default holds no example line
            marked = _example_lines(value)
            if not marked:
                continue
            where = rec.where(key) if marked[0] is None else rec.where(key, marked[0])
            yield ctx.finding("DOC011", where, "doc.example_line", ref=rec.id, field=key, count=len(marked))
    for doc in ctx.kit.documents:
        if EXAMPLE_LINE_RE.search(doc.body) is None:
            continue
        count = len(EXAMPLE_LINE_RE.findall(doc.body))
        yield ctx.finding("DOC011", doc.where("id"), "doc.example_line", ref=doc.id, field="body", count=count)
