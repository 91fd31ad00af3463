"""CAT (service descriptions by the seven rules): each service of ``services/catalogue.yml``
checked for substance, not only presence (CMP006 checks presence). The family shares its three
letters with the CAT process of ISO/IEC 20000-1:2018 (service catalogue management) but not its
subject: the rule ids stay, the family's displayed name says what it checks. The promise states
service levels in normal and degraded mode, the cost gives price, payment terms, commitments and
penalties, each third-party contributor names its part, the target clientele is a customer
segment, the general information carries significant figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from trousse import i18n
from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding

_DIGIT = re.compile(r"\d")
_LEVELS = re.compile(r"\d|heure|jour|semaine|mois|\ban\b|minute|hour|day|week|month|year", re.IGNORECASE)
_DEGRADED = re.compile(
    r"dégrad|degrad|panne|outage|incident|interruption|indisponib|unavailab|secours|fallback|backup|"
    r"en cas d|in case of|during an|\bif (?:a|an|the) |fail|breakdown|pendant une|si le service|if the service|pic |peak|absence|astreinte|on-call",
    re.IGNORECASE,
)
_COST = {
    "price": re.compile(r"\d|gratuit|free of charge|inclus|included|forfait|flat fee|tarif|rate", re.IGNORECASE),
    "payment": re.compile(r"paiement|payable|factur|invoice|billed|billing|payment|prélèvement|direct debit", re.I),
    "commitment": re.compile(r"engag|commit|durée|term\b|contrat|contract|préavis|notice|minimum", re.IGNORECASE),
    "penalty": re.compile(r"pénalit|penalt|crédit de service|service credit|remise|rebate|réfaction", re.IGNORECASE),
}
_PART = re.compile(r":|\(|—| - | pour | for ", re.IGNORECASE)
_GENERIC = {
    "tous",
    "tout le monde",
    "clients",
    "les clients",
    "tous les clients",
    "tous publics",
    "everyone",
    "all",
    "customers",
    "all customers",
    "anyone",
}


@rule(
    "CAT001",
    "warning",
    fr_title="Description de service sans substance",
    en_title="Service description without substance",
    fr="""Chaque service du catalogue suit les sept règles d'un catalogue de services sur le fond, pas
      seulement sur la forme : la promesse chiffre les niveaux de service et dit ce qui est tenu en
      mode dégradé ; le coût donne le prix, les modalités de paiement, les engagements des deux
      parties et les pénalités ; chaque contributeur tiers dit sa part ; la clientèle cible est un
      segment de clients ; les informations générales donnent des chiffres significatifs.

      Cette famille vérifie le contenu du fichier services/catalogue.yml ; à ne pas confondre avec
      le processus CAT (gestion du catalogue de services) d'ISO/CEI 20000-1:2018, que vérifient les
      règles CMP.""",
)
def catalogue_substance(ctx: Context) -> Iterator[Finding]:
    """Each service of the catalogue follows the seven rules of a service catalogue in substance,
    not only in form: the promise gives service levels in figures and says what holds in degraded
    mode; the cost gives the price, payment terms, both parties' commitments and penalties; each
    third-party contributor states its part; the target clientele is a customer segment; the
    general information gives significant figures.

    This family checks the content of services/catalogue.yml; not to be confused with the CAT
    process (service catalogue management) of ISO/IEC 20000-1:2018, which the CMP rules check."""
    cat = ctx.kit.catalogue
    if cat is None:
        return
    for s in cat.services:
        if s.promise and s.promise.strip():
            if not _LEVELS.search(s.promise):
                yield ctx.finding("CAT001", s.where("promise"), "cat.promise.levels", ref=s.id)
            if not _DEGRADED.search(s.promise):
                yield ctx.finding("CAT001", s.where("promise"), "cat.promise.degraded", ref=s.id)
        if s.cost and s.cost.strip() and s.category != "internal":  # no price for a back-office service
            missing = [i18n.t(f"cat.cost.{k}", _lang=ctx.lang) for k, rx in _COST.items() if not rx.search(s.cost)]
            if missing:
                yield ctx.finding("CAT001", s.where("cost"), "cat.cost", ref=s.id, missing=", ".join(missing))
        for i, name in enumerate(s.contributors or []):
            if str(name).strip() and not _PART.search(str(name)):
                yield ctx.finding("CAT001", s.where("contributors", i), "cat.contributor", ref=s.id, name=name)
        if s.clientele and s.clientele.strip().rstrip(".").lower() in _GENERIC:
            yield ctx.finding("CAT001", s.where("clientele"), "cat.clientele", ref=s.id, value=s.clientele.strip())
        if s.information and s.information.strip() and not _DIGIT.search(s.information):
            yield ctx.finding("CAT001", s.where("information"), "cat.information", ref=s.id)
