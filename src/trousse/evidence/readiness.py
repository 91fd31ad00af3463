"""The readiness verdict: one computation for ``trousse readiness``, ``evidence``, ``check`` and
the reports (kit-format.md, "Readiness: the verdict").

The kit is ready on the latest day on which every condition is met (:mod:`.conditions` computes
each). When it is not ready, the earliest day a certification audit can be booked is the latest
projected day of the unmet conditions, when every one of them can be projected; otherwise the
verdict names the conditions that have no date yet. ``next_steps`` says what to do first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trousse import i18n
from trousse.evidence import conditions as cond
from trousse.evidence import kit_conditions as kcond
from trousse.evidence.dates import add_months, iso_or_none
from trousse.evidence.model import Evidence
from trousse.evidence.status import Condition, IntegrityItem, audit_end

if TYPE_CHECKING:
    from trousse.kit import Kit

# Which unmet condition to work on first (a pack's own conditions come where "standard:" is).
NEXT_ORDER = (
    "integrity",
    "setup",
    "documents",
    "history",
    "standard:",
    "internal-audit",
    "major-nc",
    "action-plans",
    "overdue-actions",
    "management-review",
)

i18n.register(
    {
        "rdy.label.setup": ("Trousse mise en place (périmètre, rôles tenus)", "Kit set up (scope, roles held)"),
        "rdy.label.history": (
            "Historique de preuves suffisant pour chaque processus requis",
            "Enough evidence history for every required process",
        ),
        "rdy.label.major-nc": ("Aucune non-conformité majeure ouverte", "No open major nonconformity"),
        "rdy.label.action-plans": (
            "Un plan d'actions approuvé dans le délai pour chaque autre non-conformité ouverte",
            "An approved action plan within the delay for every other open nonconformity",
        ),
        "rdy.label.overdue-actions": ("Aucune action corrective en retard", "No overdue corrective action"),
        "rdy.label.internal-audit": (
            "Audits internes signés des 12 derniers mois couvrant tous les processus",
            "Signed internal audits of the last 12 months covering every process",
        ),
        "rdy.label.management-review": (
            "Revue de direction tenue après le dernier audit interne",
            "Management review held after the latest internal audit",
        ),
        "rdy.label.documents": (
            "Documents requis approuvés et revus à temps",
            "Required documents approved and reviewed in time",
        ),
        "rdy.label.integrity": (
            "Aucune erreur d'intégrité (enregistrements signés intacts, historique en ordre)",
            "No integrity error (signed records intact, history in order)",
        ),
        "rdy.next.integrity": (
            "Rétablissez l'intégrité : signez à nouveau (nouvelle date) ce qui a été modifié après signature, "
            "ou expliquez l'historique réécrit : {items}",
            "Restore integrity: sign again (with a new date) what was altered after signature, or explain the "
            "rewritten history: {items}",
        ),
        "rdy.next.scope": (
            "Écrivez le périmètre du système de management dans trousse.yml (scope : services, sites, clients)",
            "Write the management system's scope in trousse.yml (scope: services, sites, customers)",
        ),
        "rdy.next.roles": (
            "Nommez un titulaire pour chaque rôle dans organisation/roles.yml (holders) : {items}",
            "Name a holder for every role in organisation/roles.yml (holders): {items}",
        ),
        "rdy.next.documents": (
            "Adaptez puis faites approuver les documents requis (status: approved, approved_by, approved_on) : {items}",
            "Adapt, then have the required documents approved (status: approved, approved_by, approved_on): {items}",
        ),
        "rdy.next.history": (
            "Tenez et committez les enregistrements de chaque processus au fil de l'eau, sans long silence : {items}",
            "Keep and commit each process's records as things happen, without long silences: {items}",
        ),
        "rdy.next.internal-audit": (
            "Conduisez et signez des audits internes (auditeur indépendant du processus) couvrant : {items}",
            "Hold and sign internal audits (by an auditor independent of the process) covering: {items}",
        ),
        "rdy.next.major-nc": (
            "Soldez les non-conformités majeures (action corrective réalisée) : {items}",
            "Close the major nonconformities (corrective action done): {items}",
        ),
        "rdy.next.action-plans": (
            "Faites approuver un plan d'actions (approved_by, approved_on dans actions/) pour : {items}",
            "Have an action plan approved (approved_by, approved_on in actions/) for: {items}",
        ),
        "rdy.next.overdue-actions": (
            "Réalisez les actions correctives en retard, ou replanifiez-les avec une nouvelle échéance : {items}",
            "Complete the overdue corrective actions, or replan them with a new due date: {items}",
        ),
        "rdy.next.management-review": (
            "Tenez une revue de direction qui examine les résultats du dernier audit interne ({items}) et enregistrez-la",
            "Hold a management review of the latest internal audit's results ({items}) and record it",
        ),
        "rdy.next.standard": ("{label} : {hint}", "{label}: {hint}"),
    }
)


@dataclass(frozen=True)
class CertificationState:
    """The certificate on record: until when it is valid and when the next surveillance is due."""

    certificate: str | None
    valid_until: dt.date | None
    next_surveillance_due: dt.date | None
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The contract's keys, then ours."""
        return {
            "certificate": self.certificate,
            "valid_until": iso_or_none(self.valid_until),
            "next_surveillance_due": iso_or_none(self.next_surveillance_due),
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class NextStep:
    """One thing to do, for one unmet condition."""

    condition: str
    text: str


@dataclass(frozen=True)
class ReviewRef:
    """A management review on record."""

    id: str
    date: dt.date


@dataclass
class Readiness:
    """The verdict on the as-of day."""

    as_of: dt.date
    commit: str | None
    ready: bool
    ready_on: dt.date | None
    earliest_booking: dt.date | None
    conditions: list[Condition]
    certification: CertificationState | None = None
    undated: list[str] = field(default_factory=list)  # unmet conditions with no projected date
    next_steps: list[NextStep] = field(default_factory=list)
    latest_review: ReviewRef | None = None
    evidence: Evidence | None = field(default=None, repr=False, compare=False)

    def condition(self, cid: str) -> Condition | None:
        """The condition with this id."""
        return next((c for c in self.conditions if c.id == cid), None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``trousse readiness`` (the contract's keys first; stable order)."""
        return {
            "as_of": self.as_of.isoformat(),
            "commit": self.commit,
            "ready": self.ready,
            "ready_on": iso_or_none(self.ready_on),
            "earliest_booking": iso_or_none(self.earliest_booking),
            "conditions": [c.as_dict() for c in self.conditions],
            "certification": self.certification.as_dict() if self.certification else None,
            "undated": list(self.undated),
            "next_steps": [{"condition": s.condition, "text": s.text} for s in self.next_steps],
            "management_review": (
                {"id": self.latest_review.id, "date": self.latest_review.date.isoformat()}
                if self.latest_review
                else None
            ),
        }


# ---------------------------------------------------------------- adapter to the evidence
def evidence_extras(ev: Evidence) -> tuple[list[IntegrityItem], CertificationState | None]:
    """What the evidence knows beyond dates: signed records altered after signature
    (``Evidence.integrity``) and the certificate's state (``Evidence.certification``)."""
    items = [
        IntegrityItem(path=x.path, id=x.id, commit=x.commit, author=x.author, date=x.date, fields=list(x.fields))
        for x in ev.integrity
    ]
    got = ev.certification
    cert = None
    if got is not None:
        cert = CertificationState(
            got.certificate,
            got.valid_until,
            got.next_surveillance_due,
            [p.code + (f" ({p.detail})" if p.detail else "") for p in got.problems],
        )
    return items, cert


def _certification_from_config(kit: Kit, day: dt.date) -> CertificationState | None:
    """The certificate as trousse.yml states it (``certification:``), once certified by ``day``."""
    cfg = kit.config.certification
    if cfg is None or cfg.certified_on is None or cfg.certified_on > day:
        return None
    packs = kit.standards()
    years = packs[0].defaults.certification.certificate_years if packs else 3
    valid = cfg.expires_on or add_months(cfg.certified_on, 12 * years) - dt.timedelta(days=1)
    external = [audit_end(a) for a in kit.audits if a.kind in ("surveillance", "recertification") and a.date <= day]
    due = cfg.next_surveillance or add_months(max([cfg.certified_on, *external]), 12)
    certs = sorted((r.date, r.id) for r in kit.records if r.artefact == "certificate" and r.date <= day)
    return CertificationState(certs[-1][1] if certs else None, valid, due)


def _commit(kit: Kit, ev: Evidence) -> str | None:
    """The commit whose tree the verdict reads: the kit's snapshot under --as-of, else HEAD."""
    snap = getattr(kit, "snapshot", None)
    if snap is not None:
        return snap if isinstance(snap, str) else getattr(snap, "commit", None)
    hist = ev.history
    return hist.head if hist is not None and hist.cutoff is None else None


# ---------------------------------------------------------------- the verdict
def _next_steps(conds: list[Condition], lang: str) -> list[NextStep]:
    def rank(c: Condition) -> int:
        key = "standard:" if c.id.startswith("standard:") else c.id
        return NEXT_ORDER.index(key) if key in NEXT_ORDER else len(NEXT_ORDER)

    out = []
    for c in sorted((c for c in conds if not c.met), key=rank):
        items = ", ".join(c.blocking)
        if c.id == "setup":
            if "trousse.yml" in c.blocking:
                out.append(NextStep(c.id, i18n.t("rdy.next.scope", _lang=lang)))
            roles = [b for b in c.blocking if b != "trousse.yml"]
            if roles:
                out.append(NextStep(c.id, i18n.t("rdy.next.roles", _lang=lang, items=", ".join(roles))))
        elif c.id.startswith("standard:"):
            out.append(NextStep(c.id, i18n.t("rdy.next.standard", _lang=lang, label=c.label, hint=c.hint or c.detail)))
        else:
            out.append(NextStep(c.id, i18n.t(f"rdy.next.{c.id}", _lang=lang, items=items)))
    return out


def assess(kit: Kit, ev: Evidence, lang: str | None = None) -> Readiness:
    """The readiness verdict of ``kit`` on ``ev.as_of`` (messages in ``lang``, else the active one)."""
    lang = lang or i18n.language()
    day = ev.as_of
    integrity_items, certification = evidence_extras(ev)
    conds = [
        kcond.setup(kit, lang),
        cond.history(kit, ev, day, lang),
        cond.major_nc(kit, day, lang),
        cond.action_plans(kit, day, lang),
        cond.overdue_actions(kit, day, lang),
        cond.internal_audit(kit, day, lang),
        cond.management_review(kit, ev, day, lang),
        kcond.documents(kit, day, lang),
        kcond.integrity(kit, ev, integrity_items, lang),
    ]
    seen: set[str] = set()
    for pack in kit.standards():
        for rd in pack.readiness:
            if rd.id not in seen:
                seen.add(rd.id)
                conds.append(kcond.standard(kit, ev, rd, day, lang))
    for c in conds:
        c.label = c.label or i18n.t(f"rdy.label.{c.id}", _lang=lang)
    unmet = [c for c in conds if not c.met]
    ready = not unmet
    met_days = [c.met_on for c in conds if c.met_on is not None]
    ready_on = max(met_days) if ready and met_days else (day if ready else None)
    undated = [c.id for c in unmet if c.projected_on is None]
    booking: dt.date | None = day if ready else None
    if unmet and not undated:
        booking = max(c.projected_on for c in unmet if c.projected_on)
    held = cond.reviews(ev, day)
    return Readiness(
        as_of=day,
        commit=_commit(kit, ev),
        ready=ready,
        ready_on=ready_on,
        earliest_booking=booking,
        conditions=conds,
        certification=certification or _certification_from_config(kit, day),
        undated=undated,
        next_steps=_next_steps(conds, lang),
        latest_review=ReviewRef(held[-1][0], held[-1][1]) if held else None,
        evidence=ev,
    )


def run_readiness(start: Path | None = None, *, lang: str | None = None, as_of: dt.date | None = None) -> Readiness:
    """``trousse readiness``: load the kit found at or above ``start`` and give its verdict. Without
    a git repository no evidence can be dated: a :class:`~trousse.errors.GitError` (exit 2)."""
    from trousse.evidence.compute import run_evidence  # noqa: PLC0415 - compute uses this module

    ev = run_evidence(start, lang=lang, as_of=as_of)
    if ev.kit is not None:
        return ev.kit
    raise RuntimeError("evidence computed without a verdict")  # pragma: no cover - compute always sets it
