"""Context of the service catalogue, written for customers."""

from __future__ import annotations

from trousse.kit import Kit
from trousse.reports.common import process_ref
from trousse.reports.labels import label
from trousse.reports.model import CatalogueReport, NamedRef, ServiceView


def build_catalogue(kit: Kit, lang: str) -> CatalogueReport:
    """The catalogue's context (an empty catalogue when the kit has none)."""
    cat = kit.catalogue
    services = []
    docs = {d.id: d for d in kit.documents}
    for s in cat.services if cat else []:
        sla = None
        if s.sla:
            doc = docs.get(s.sla)
            sla = NamedRef(s.sla, doc.title if doc else "")
        services.append(
            ServiceView(
                id=s.id,
                name=s.name,
                description=s.description or "",
                category=label(f"cat.{s.category}", lang) if s.category else "",
                promise=s.promise or "",
                conditions=s.conditions or "",
                cost=s.cost or "",
                contributors=list(s.contributors or []),
                clientele=s.clientele or "",
                information=s.information or "",
                sla=sla,
                processes=[process_ref(kit, p, lang) for p in s.processes],
            )
        )
    title = (cat.title if cat and cat.title else "") or label("catalogue", lang)
    return CatalogueReport(title, services)
