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
from trousse.evidence.adaptation import EXAMPLE_FILES
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
            files = [b for b in c.blocking if b in EXAMPLE_FILES.values()]  # DOC009's examples left
            roles = [b for b in c.blocking if b != "trousse.yml" and b not in files]
            if roles:
                out.append(NextStep(c.id, i18n.t("rdy.next.roles", _lang=lang, items=", ".join(roles))))
            if files:
                out.append(NextStep(c.id, i18n.t("rdy.next.examples", _lang=lang, items=", ".join(files))))
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
    for pid, items in kit.excluded_processes().items():
        why = kit.config.not_applicable[items[0]].strip()  # the reason written for the first item
        note = i18n.t("rdy.waived_process", _lang=lang, process=pid, items=", ".join(items), why=why)
        for c in conds:
            if c.id in ("history", "internal-audit"):
                c.notes.append(note)
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
