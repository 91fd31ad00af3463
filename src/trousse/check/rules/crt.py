"""CRT: the certification cycle, from the certificate on record and the external audits
(see :mod:`trousse.evidence.certification`)."""

from __future__ import annotations

from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.evidence.certification import cycle
from trousse.evidence.model import Certification, CycleProblem
from trousse.findings import Finding


def _where(ctx: Context, cert: Certification, key: str) -> tuple[str, int, int]:
    """The certificate record's field, or trousse.yml's certification block."""
    for rec in ctx.kit.records:
        if rec.file == cert.source:
            where: tuple[str, int, int] = rec.where(key)
            return where
    line, col = ctx.kit.config_parsed.where(("certification", key))
    return ("trousse.yml", line, col)


def _problems(ctx: Context, code: str) -> Iterator[tuple[Certification, CycleProblem]]:
    cert = cycle(ctx.kit, ctx.as_of)
    if cert is None:
        return
    for p in cert.problems:
        if p.code == code:
            yield cert, p


def _name(cert: Certification) -> str:
    return cert.certificate or "(trousse.yml)"


@rule(
    "CRT001",
    "error",
    fr_title="Certificat valide trop longtemps",
    en_title="Certificate valid too long",
    fr="""Le certificat en vigueur (le dernier enregistrement « certificate », sinon certification: dans
      trousse.yml) n'est pas valide plus de trois ans (certificate_years de la norme) après la décision
      de certification (decided_on, sinon certified_on).""",
)
def validity(ctx: Context) -> Iterator[Finding]:
    """The certificate in force (the latest 'certificate' record, else certification: in
    trousse.yml) is valid no more than three years (the standard's certificate_years) after the
    certification decision (decided_on, else certified_on)."""
    for cert, p in _problems(ctx, "validity"):
        yield ctx.finding(
            "CRT001",
            _where(ctx, cert, "expires_on"),
            "crt.validity",
            certificate=_name(cert),
            until=cert.valid_until,
            years=p.detail,
            decided=cert.decided_on,
        )


@rule(
    "CRT002",
    "error",
    fr_title="Audit de surveillance manquant",
    en_title="Surveillance audit missing",
    fr="""Un audit de surveillance (audits/*.yml, kind: surveillance) a lieu au plus tard 12 mois (le
      second nombre de surveillance_months de la norme) après la décision de certification, puis après
      chaque audit de surveillance précédent, tant que le certificat court. Un audit en retard, ou
      manquant à la date de vérification, est une erreur.""",
)
def surveillance_missing(ctx: Context) -> Iterator[Finding]:
    """A surveillance audit (audits/*.yml, kind: surveillance) is held at most 12 months (the second
    number of the standard's surveillance_months) after the certification decision, then after
    each previous surveillance audit, while the certificate runs. One held late, or missing on the
    as-of date, is an error."""
    cert = cycle(ctx.kit, ctx.as_of)
    if cert is None:
        return
    months = min((max(p.defaults.certification.surveillance_months) for p in ctx.kit.standards()), default=12)
    for p in cert.problems:
        if p.code == "surveillance-overdue":
            since = cert.surveillance_audits[-1] if cert.surveillance_audits else cert.decided_on.isoformat()
            held = {a.id: a.date for a in ctx.kit.audits}
            day = held.get(since, since)
            yield ctx.finding(
                "CRT002", _where(ctx, cert, "expires_on"), "crt.surveillance_overdue", since=day, due=p.due
            )
        elif p.code == "surveillance-late":
            audit = next((a for a in ctx.kit.audits if a.id == p.detail), None)
            where = audit.where("date") if audit is not None else _where(ctx, cert, "expires_on")
            yield ctx.finding("CRT002", where, "crt.surveillance_late", audit=p.detail, due=p.due, months=months)


@rule(
    "CRT003",
    "warning",
    fr_title="Audit de surveillance bientôt dû",
    en_title="Surveillance audit due soon",
    fr="""Avertit quand le prochain audit de surveillance est dû dans moins de certification.warn_days
      jours (60 par défaut).""",
)
def surveillance_due(ctx: Context) -> Iterator[Finding]:
    """Warns when the next surveillance audit is due within certification.warn_days days (60 by
    default)."""
    for cert, p in _problems(ctx, "surveillance-due"):
        yield ctx.finding("CRT003", _where(ctx, cert, "expires_on"), "crt.surveillance_due", due=p.due)


@rule(
    "CRT004",
    "error",
    fr_title="Renouvellement manqué",
    en_title="Recertification missed",
    fr="""Un audit de renouvellement (kind: recertification) a lieu avant l'expiration du certificat.
      Passé cette date sans lui, la trousse n'est plus certifiée.""",
)
def recertification_missed(ctx: Context) -> Iterator[Finding]:
    """A recertification audit (kind: recertification) is held before the certificate expires.
    Past that date without one, the kit is no longer certified."""
    for cert, _p in _problems(ctx, "recertification-missed"):
        yield ctx.finding(
            "CRT004",
            _where(ctx, cert, "expires_on"),
            "crt.recertification_missed",
            certificate=_name(cert),
            until=cert.valid_until,
        )


@rule(
    "CRT005",
    "warning",
    fr_title="Certificat bientôt expiré",
    en_title="Certificate expiring soon",
    fr="""Avertit quand le certificat expire dans moins de certification.warn_days jours (60 par défaut)
      sans audit de renouvellement consigné.""",
)
def expiry_near(ctx: Context) -> Iterator[Finding]:
    """Warns when the certificate expires within certification.warn_days days (60 by default) and
    no recertification audit is on record."""
    for cert, _p in _problems(ctx, "expiry-near"):
        yield ctx.finding(
            "CRT005",
            _where(ctx, cert, "expires_on"),
            "crt.expiry_near",
            certificate=_name(cert),
            until=cert.valid_until,
        )
