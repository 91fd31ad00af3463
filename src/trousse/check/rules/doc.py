"""DOC: document control (identified, approved, reviewed, current)."""

from __future__ import annotations

from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.evidence.dates import add_period
from trousse.findings import Finding


@rule(
    "DOC001",
    "error",
    fr_title="Approbation non tracée",
    en_title="Approval not recorded",
    fr="""Un document au statut « approved » dit qui l'a approuvé (approved_by, un rôle) et quand
      (approved_on).""",
)
def approval_recorded(ctx: Context) -> Iterator[Finding]:
    """A document with status 'approved' says who approved it (approved_by, a role) and when
    (approved_on)."""
    for d in ctx.kit.documents:
        if d.status != "approved":
            continue
        missing = [f for f in ("approved_by", "approved_on") if getattr(d, f) is None]
        if missing:
            yield ctx.finding("DOC001", d.where("status"), "doc.unsigned", ref=d.id, missing=", ".join(missing))


@rule(
    "DOC002",
    "warning",
    fr_title="Revue de document en retard",
    en_title="Document review overdue",
    fr="""Un document approuvé est revu à la période qu'il annonce (review_every) : passé cette
      date, il est signalé jusqu'à ce que approved_on soit mis à jour.""",
)
def review_due(ctx: Context) -> Iterator[Finding]:
    """An approved document is reviewed at the period it states (review_every): past that date it
    is reported until approved_on is updated."""
    for d in ctx.kit.documents:
        if d.status != "approved" or d.approved_on is None or d.review_every is None:
            continue
        due = add_period(d.approved_on, d.review_every)
        if due < ctx.as_of:
            yield ctx.finding(
                "DOC002",
                d.where("approved_on"),
                "doc.review",
                ref=d.id,
                due=due.isoformat(),
                on=d.approved_on.isoformat(),
                every=d.review_every.text(ctx.lang),
            )


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
