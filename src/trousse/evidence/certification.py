"""The certification cycle as the kit records it (checked by the CRT rules).

The certificate in force is the latest ``certificate`` record (by decision date) declared on or
before the as-of date, else ``certification:`` in trousse.yml once it gives a date. Its cycle:

- it is valid at most the pack's ``certificate_years`` (3) from the certification decision;
- a surveillance audit (``audits/*.yml``, kind ``surveillance``) is held within the pack's
  interval (``surveillance_months: [6, 12]``: at most 12 months) after the decision, then after
  each previous surveillance audit, as long as that date falls within the cycle's surveillance
  years (the first ``certificate_years - 1`` years from the decision: in the last year, the
  recertification audit takes its place);
- a recertification audit (kind ``recertification``) is held before the expiry.

Problems are errors once a date has passed, warnings ``certification.warn_days`` (60) ahead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from trousse.evidence.dates import add_months
from trousse.evidence.model import Certification, CycleProblem

if TYPE_CHECKING:
    from trousse.kit import Kit

CERTIFICATE = "certificate"
DEFAULT_WARN_DAYS = 60


def _certificate(kit: Kit, as_of: dt.date) -> tuple[Any, dt.date] | None:
    """The certificate record in force and its decision date."""
    best: tuple[Any, dt.date] | None = None
    for rec in kit.records:
        if rec.artefact != CERTIFICATE or rec.date > as_of:
            continue
        decided = getattr(rec, "decided_on", None) or getattr(rec, "certified_on", None) or rec.date
        if best is None or decided > best[1]:
            best = (rec, decided)
    return best


def cycle(kit: Kit, as_of: dt.date) -> Certification | None:
    """The certification cycle on ``as_of``; None when the kit is not certified yet."""
    config = kit.config.certification
    warn = dt.timedelta(days=config.warn_days if config is not None else DEFAULT_WARN_DAYS)
    packs = kit.standards()
    years = min((p.defaults.certification.certificate_years for p in packs), default=3)
    interval = min((max(p.defaults.certification.surveillance_months) for p in packs), default=12)
    found = _certificate(kit, as_of)
    if found is not None:
        rec, decided = found
        cert = Certification(
            rec.id, rec.file, getattr(rec, "body", None), decided, getattr(rec, "expires_on", None), None
        )
    elif config is not None and (config.decided_on or config.certified_on) is not None:
        decided = config.decided_on or config.certified_on  # type: ignore[assignment]
        if decided > as_of:
            return None
        cert = Certification(None, "trousse.yml", config.body, decided, config.expires_on, None)
    else:
        return None
    longest = add_months(cert.decided_on, 12 * years)
    if cert.valid_until is None:
        cert.valid_until = longest - dt.timedelta(days=1)
    elif cert.valid_until > longest:
        cert.problems.append(CycleProblem("validity", "error", cert.valid_until, f"{years}"))
    expiry = cert.valid_until
    held = sorted(
        (a for a in kit.audits if cert.decided_on < a.date <= min(as_of, expiry)),
        key=lambda a: (a.date, a.id),
    )
    previous = cert.decided_on
    for audit in (a for a in held if a.kind == "surveillance"):
        due = add_months(previous, interval)
        if audit.date > due:
            cert.problems.append(CycleProblem("surveillance-late", "error", due, audit.id))
        cert.surveillance_audits.append(audit.id)
        previous = audit.date
    due = add_months(previous, interval)
    if due < expiry and due <= add_months(cert.decided_on, 12 * (years - 1)):
        cert.next_surveillance_due = due
        if as_of > due:
            cert.problems.append(CycleProblem("surveillance-overdue", "error", due))
        elif as_of >= due - warn:
            cert.problems.append(CycleProblem("surveillance-due", "warning", due))
    recert = [a for a in held if a.kind == "recertification"]
    if recert:
        cert.recertification_audit = recert[-1].id
    elif as_of > expiry:
        cert.problems.append(CycleProblem("recertification-missed", "error", expiry))
    elif as_of >= expiry - warn:
        cert.problems.append(CycleProblem("expiry-near", "warning", expiry))
    return cert
