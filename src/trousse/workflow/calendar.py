"""The calendar of recurring activities: what is planned, and what git proves was done.

Occurrences come from: the cadences of the kit's periodic record types (monthly, quarterly,
yearly), the kit's own activities (``calendar:`` in trousse.yml), the internal audit programme
(every process audited within 12 months), the next management review a review record announces
(``next_review``), document review dates, action due dates and the certification cycle
(surveillance and renewal). Each is matched to what fulfilled it and given a status on the as-of
day:

- ``done``: fulfilled on time (a periodic record: declared in the period and committed by its end);
- ``late``: fulfilled after its due date;
- ``missed``: due date past, not fulfilled;
- ``due``: not fulfilled, the due date is today or within :data:`DUE_SOON` days;
- ``upcoming``: not fulfilled, due later;
- ``to-complete``: only a record, an audit still holding what its form left to fill (a placeholder,
  an empty required field, an empty audit scope) is there: it fulfils nothing until it is filled.

Periodic occurrences are planned from the kit's start (its first commit) whether or not a record of
the type exists yet; a period the kit covers only in part (the kit started within it) starts with
the kit and is not owed: it is shown while it runs or once fulfilled, never as missed. The
management review is one series: each review held (a filled record) fulfils the one due then (by
the previous review's ``next_review``, else 12 months after it, or after the kit's start), and the
next one is planned from the last.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import gitio, i18n
from trousse.errors import ConfigError
from trousse.evidence.dates import add_months, add_period, local_day, period_end, period_index, period_start
from trousse.evidence.model import Evidence, RecordEvidence
from trousse.evidence.status import action_done, audit_end
from trousse.kit import Kit
from trousse.models import Audit, Document
from trousse.models.common import Period
from trousse.models.placeholders import is_placeholder
from trousse.workflow.forms import records_left_to_fill

DUE_SOON = 14  # days: an occurrence due within this many days is "due"
STATUSES = ("done", "late", "missed", "due", "upcoming", "to-complete")
EVERY = {"month": "monthly", "quarter": "quarterly", "year": "yearly"}
AUDIT_EVERY = Period(12, "months")
REVIEW = "management-review-record"  # the management review: one series (:func:`_review_series`)
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass
class Occurrence:
    """One planned occurrence of an activity and what fulfilled it."""

    source: str  # cadence | kit | audit-programme | management-review | document-review | action | certification
    activity: str  # the artefact type, process, document or action it is about
    title: str
    start: dt.date  # the window opens
    due: dt.date  # the window closes: the due date
    status: str = "upcoming"
    record: str | None = None  # the file that fulfilled it
    done_on: dt.date | None = None  # when (git's date for a record)
    process: str | None = None
    unfilled: bool = False  # ``record`` still holds what its form left to fill: it fulfils nothing
    partial: bool = False  # a period the kit covers only in part (it started within it): not owed

    @property
    def id(self) -> str:
        """A stable id: source, activity and due date."""
        return f"{self.source}:{self.activity}:{self.due.isoformat()}"

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``trousse calendar --format json`` (contract keys)."""
        return {
            "id": self.id,
            "source": self.source,
            "activity": self.activity,
            "title": self.title,
            "process": self.process,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "status": self.status,
            "record": self.record,
            "done_on": self.done_on.isoformat() if self.done_on else None,
        }


@dataclass
class Calendar:
    """The occurrences of a kit between two dates, judged on ``as_of``."""

    as_of: dt.date
    start: dt.date
    end: dt.date
    occurrences: list[Occurrence] = field(default_factory=list)
    lang: str = "en"  # the kit's language, that of the iCalendar file
    key: str = "trousse"  # the kit's key (:func:`kit_key`), that makes iCalendar UIDs unique per kit
    organisation: str = ""
    root: Path | None = None  # the kit's root (where a written calendar must not overwrite a kit file)

    def as_dict(self) -> dict[str, Any]:
        """``{"as_of", "from", "to", "occurrences": [...]}``."""
        return {
            "as_of": self.as_of.isoformat(),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "occurrences": [o.as_dict() for o in self.occurrences],
        }


def judge(occ: Occurrence, as_of: dt.date) -> Occurrence:
    """Give ``occ`` its status on ``as_of`` from its due date and what fulfilled it."""
    if occ.unfilled and (occ.done_on is None or occ.done_on > as_of):
        occ.status = "to-complete"
    elif occ.done_on is not None and occ.done_on <= as_of:
        occ.status = "done" if occ.done_on <= occ.due else "late"
    elif occ.due < as_of:
        occ.status = "missed"
    elif (occ.due - as_of).days <= DUE_SOON:
        occ.status = "due"
    else:
        occ.status = "upcoming"
    return occ


def _proof(records: list[RecordEvidence], artefact: str) -> list[RecordEvidence]:
    return sorted((r for r in records if r.artefact == artefact and r.evidence is not None), key=lambda r: r.declared)


def unfilled(kit: Kit) -> set[str]:
    """The files (kit-relative) of the records and audits that still hold what their form left to
    fill, as SCH004 sees it: a placeholder ("First Last", "YYYY-MM-DD", a title "to complete"), a
    required field left empty, an audit whose scope is empty. Such a file fulfils no occurrence."""
    out = {rec.file for rec, _name in records_left_to_fill(kit)}
    for audit in kit.audits:
        if not audit.scope or any(is_placeholder(getattr(audit, n, None)) for n in type(audit).model_fields):
            out.add(audit.file)
    return out


def kit_start(ev: Evidence, as_of: dt.date) -> dt.date:
    """The day the kit started: the committer day (in its own time zone) of the earliest commit of
    HEAD's history that adds its ``trousse.yml`` (as the history's replay sees it, with merges
    diffed against their first parent), the day before which ``evidence --as-of`` says the kit did
    not exist (an adopted repository's older history is not the kit's); else its repository's first
    commit, else its first dated record, else ``as_of``."""
    if ev.history is not None:
        if ev.history.kit_born:  # seen by the history's one replay: no other git call
            return local_day(ev.history.kit_born)
        if ev.history.first_commit:
            return local_day(ev.history.first_commit)
    dated = [r.evidence for r in ev.records if r.evidence is not None]
    return min(dated) if dated else as_of


def periodic(
    source: str,
    activity: str,
    title: str,
    cadence: str,
    records: list[RecordEvidence],
    first: dt.date,
    last: dt.date,
    skip: set[str] | None = None,
) -> list[Occurrence]:
    """One occurrence per ``cadence`` period from the one holding ``first`` to the one holding
    ``last``, each fulfilled by the first record of ``activity`` declared in the period (its
    evidence date, from git, is when it was done). A record whose file is in ``skip`` (left to
    fill) fulfils nothing: the period shows it, to complete. The period holding ``first`` starts
    on ``first`` (marked partial when the kit started within it)."""
    proofs = _proof(records, activity)
    out = []
    for index in range(period_index(first, cadence), period_index(last, cadence) + 1):
        start, end = period_start(index, cadence), period_end(index, cadence)
        occ = Occurrence(source, activity, title, max(start, first), end, partial=start < first)
        inside = [r for r in proofs if start <= r.declared <= end]
        hit = next((r for r in inside if r.path not in (skip or ())), None)
        if hit is not None:
            occ.record, occ.done_on = hit.path, hit.evidence
            occ.process = hit.process
        elif inside:
            occ.record, occ.unfilled, occ.process = inside[0].path, True, inside[0].process
        out.append(occ)
    return out


def _cadences(kit: Kit, ev: Evidence, first: dt.date, last: dt.date, skip: set[str]) -> list[Occurrence]:
    """The periodic record types of the kit's processes, from ``first`` (the kit's start, or the
    first day shown) on, whether or not a record of the type exists yet; the management review is
    its own series (:func:`_review_series`)."""
    present = {p.id for p in kit.processes}
    out: list[Occurrence] = []
    for art in kit.artefacts.values():
        if art.kind != "record" or art.cadence in (None, "event") or art.process not in present:
            continue
        if art.id == REVIEW:
            continue
        name = i18n.pick(art.name, kit.lang)
        for occ in periodic("cadence", art.id, name, str(art.cadence), ev.records, first, last, skip):
            occ.process = art.process
            out.append(occ)
    for act in kit.config.calendar:
        if act.artefact is None:
            continue
        for occ in periodic("kit", act.artefact, act.name, EVERY[act.every], ev.records, first, last, skip):
            occ.activity, occ.process = act.id, act.process
            out.append(occ)
    return out


def _audit_programme(
    kit: Kit, kit_start: dt.date, as_of: dt.date, last: dt.date, lang: str, skip: set[str]
) -> list[Occurrence]:
    """One line per internal audit and process it covers, and one per process and programme
    period (12 months from the kit's start) that no audit covers.

    A held audit is shown on its last day, done; a planned one (dated later) on its date, to do
    (once started, on its last day). The first audit of a process in a period fulfils that
    period: its line runs from the period's start; a further audit of the same process in the
    same period is shown on its own day. A period no audit covers is due at its end. An audit
    still to fill (its scope empty, a placeholder left: ``skip``) covers nothing: it is shown once,
    under its id, to complete."""
    out: list[Occurrence] = []
    internal = sorted((a for a in kit.audits if a.kind in ("internal", "mock")), key=audit_end)
    # an audit to fill covers nothing: its scope empty, or, once started, a placeholder left
    skip = {a.file for a in internal if not a.scope or (a.file in skip and a.date <= as_of)}
    periods: list[tuple[dt.date, dt.date]] = []
    index = 0
    while (begin := add_period(kit_start, AUDIT_EVERY, index)) <= last:
        periods.append((begin, add_period(kit_start, AUDIT_EVERY, index + 1) - dt.timedelta(days=1)))
        index += 1

    def line(audit: Audit, activity: str, title: str, start: dt.date) -> Occurrence:
        held = audit_end(audit) <= as_of
        due = audit_end(audit) if held or audit.date <= as_of else audit.date
        occ = Occurrence("audit-programme", activity, title, min(start, due), due, record=audit.file)
        occ.done_on = due if held and audit.file not in skip else None
        occ.unfilled = audit.file in skip
        return occ

    for proc in kit.processes:
        title = i18n.t("cal.audit", _lang=lang, process=proc.id)
        for begin, stop in periods:
            inside = [
                a for a in internal if proc.id in a.scope and begin <= audit_end(a) <= stop and a.file not in skip
            ]
            occs = [line(a, proc.id, title, begin if i == 0 else a.date) for i, a in enumerate(inside)]
            occs = occs or [Occurrence("audit-programme", proc.id, title, begin, stop)]
            for occ in occs:
                occ.process = proc.id
            out += occs
    for audit in internal:
        if audit.file in skip:
            # named by its processes when it lists them, else said to complete (never "audit of AUD-...")
            scope = ", ".join(str(p) for p in audit.scope or [])
            title = (
                i18n.t("cal.audit_unfilled_scope", _lang=lang, id=audit.id, processes=scope)
                if scope
                else i18n.t("cal.audit_unfilled", _lang=lang, id=audit.id)
            )
            out.append(line(audit, audit.id, title, audit.date))
    return out


def _document_reviews(doc: Document, as_of: dt.date, title: str) -> list[Occurrence]:
    """A document's reviews as DOC002 counts them (:meth:`Document.last_review`): the next one
    runs from the later of its approval and its last review (``reviewed_on``); a review recorded
    after the approval fulfilled the one before it (done, or late past its due date)."""
    assert doc.approved_on is not None and doc.review_every is not None
    since = doc.last_review(as_of) or doc.approved_on
    out = []
    if since != doc.approved_on and doc.reviewed_on == since:  # reviewed since its approval
        before = Occurrence(
            "document-review", doc.id, title, doc.approved_on, add_period(doc.approved_on, doc.review_every)
        )
        before.done_on, before.record, before.process = since, doc.file, doc.process
        out.append(before)
    out.append(
        Occurrence("document-review", doc.id, title, since, add_period(since, doc.review_every), process=doc.process)
    )
    return out


def _review_series(
    kit: Kit, ev: Evidence, begin: dt.date, as_of: dt.date, last: dt.date, skip: set[str]
) -> list[Occurrence]:
    """The management review, one series: each review held (a filled record, dated by git by
    ``as_of``) fulfils the one due then, and is shown on the day it was held (on the due day if
    it was held later: late); the first is due 12 months (the type's cadence) after the
    kit's start, each next one on the previous review's ``next_review``, else 12 months after it.
    A review record dated after ``as_of`` is the next review, planned: shown on its date (upcoming,
    or due), and the series goes on from it. Further ones follow up to ``last``. A review record
    still to fill fulfils nothing: it is shown on the review due, to complete."""
    art = kit.artefacts.get(REVIEW)
    reviews = sorted((r for r in kit.records if r.artefact == REVIEW), key=lambda r: r.date)
    if art is None and not reviews:
        return []
    months = CADENCE_MONTHS.get(str(art.cadence) if art else "", 12)
    every = Period(months, "months")
    proven = {r.path: r.evidence for r in ev.records if r.artefact == REVIEW and r.evidence is not None}
    title = i18n.t("cal.review", _lang=kit.lang)
    process = art.process if art else None
    out: list[Occurrence] = []
    start, due = begin, add_period(begin, every) - dt.timedelta(days=1)
    for rec in reviews:
        held = proven.get(rec.file) if ev.available else rec.date
        if held is None or held > as_of or rec.date > as_of:
            continue  # not held yet on the as-of day
        if rec.file in skip:  # the review due stays due until a filled record says it was held
            occ = Occurrence("management-review", REVIEW, title, start, due, record=rec.file, unfilled=True)
            occ.process = process
            out.append(occ)
            continue
        # shown on the day it was held (git proves it was recorded), or on its due day when late
        occ = Occurrence("management-review", REVIEW, title, min(start, rec.date), min(due, rec.date), record=rec.file)
        occ.process, occ.done_on = process, rec.date
        out.append(occ)
        nxt = getattr(rec, "next_review", None)
        start, due = rec.date, nxt if isinstance(nxt, dt.date) and nxt > rec.date else add_period(rec.date, every)
    if out and out[-1].unfilled:
        return out
    # a review dated after the as-of day is planned: the next one due is shown on its date
    planned = next((r for r in reviews if r.date > as_of), None)
    if planned is not None:
        occ = Occurrence("management-review", REVIEW, title, min(start, planned.date), planned.date)
        occ.process, occ.record = process, planned.file
        out.append(occ)
        nxt = getattr(planned, "next_review", None)
        start = planned.date + dt.timedelta(days=1)
        due = nxt if isinstance(nxt, dt.date) and nxt > planned.date else add_period(planned.date, every)
        if planned.date > last:
            return out
    while True:
        out.append(Occurrence("management-review", REVIEW, title, start, due, process=process))
        if due > last:
            return out
        start = due + dt.timedelta(days=1)  # the next window opens the day after, as the audit periods
        due = add_period(start, every) - dt.timedelta(days=1)


def _reviews_documents_actions(kit: Kit, lang: str, as_of: dt.date) -> list[Occurrence]:
    out: list[Occurrence] = []
    for doc in kit.documents:
        if doc.status == "approved" and doc.approved_on and doc.review_every:
            out += _document_reviews(doc, as_of, i18n.t("cal.doc", _lang=lang, id=doc.id))
    for a in kit.actions:
        if a.status == "cancelled":
            continue
        occ = Occurrence(
            "action",
            a.id,
            i18n.t("cal.action", _lang=lang, id=a.id, title=a.title),
            a.opened_on or a.due,
            a.due,
            process=a.process,
            record=a.file,
        )
        if action_done(a, dt.date.max):
            occ.done_on = a.done_on or a.verified_on or a.due
        out.append(occ)
    return out


def _certification(kit: Kit, ev: Evidence, as_of: dt.date, lang: str) -> list[Occurrence]:
    """Every surveillance audit of the cycle (each within the pack's interval after the decision
    or the previous one, during the cycle's surveillance years), held ones on their date, then the
    renewal before the certificate's end."""
    cert = ev.certification
    out: list[Occurrence] = []
    if cert is None:
        return out
    packs = kit.standards()
    years = min((p.defaults.certification.certificate_years for p in packs), default=3)
    interval = min((max(p.defaults.certification.surveillance_months) for p in packs), default=12)
    expiry = cert.valid_until or add_months(cert.decided_on, 12 * years) - dt.timedelta(days=1)
    last_due = add_months(cert.decided_on, 12 * (years - 1))
    title = i18n.t("cal.surveillance", _lang=lang)
    by_id = {a.id: a for a in kit.audits}
    previous = cert.decided_on
    for audit_id in cert.surveillance_audits:
        audit = by_id.get(audit_id)
        if audit is None:
            continue
        occ = Occurrence("certification", "surveillance", title, previous, audit_end(audit), record=audit.file)
        occ.done_on = audit_end(audit)
        out.append(occ)
        previous = audit.date
    planned = sorted((a for a in kit.audits if a.kind == "surveillance" and a.date > as_of), key=lambda a: a.date)
    while (due := add_months(previous, interval)) < expiry and due <= last_due:
        plan = next((a for a in planned if previous < a.date <= due), None)
        occ = Occurrence("certification", "surveillance", title, previous, plan.date if plan else due)
        if plan is not None:
            occ.record = plan.file
        out.append(occ)
        previous = plan.date if plan else due
    occ = Occurrence("certification", "recertification", i18n.t("cal.renewal", _lang=lang), cert.decided_on, expiry)
    audit = by_id.get(cert.recertification_audit or "")
    if audit is not None:
        occ.done_on, occ.record = audit_end(audit), audit.file
    out.append(occ)
    return out


def build(kit: Kit, ev: Evidence, as_of: dt.date, start: dt.date, end: dt.date) -> Calendar:
    """The kit's calendar from ``start`` to ``end``: the occurrences due within that range, bounds
    included (an occurrence whose window merely overlaps it is not listed), judged on ``as_of``,
    sorted by due date."""
    began = kit_start(ev, as_of)
    first = max(began, dt.date(start.year - 1, 1, 1))
    skip = unfilled(kit)
    occs = _cadences(kit, ev, first, end, skip)
    occs += _audit_programme(kit, began, as_of, end, kit.lang, skip)
    occs += _review_series(kit, ev, began, as_of, end, skip)
    occs += _reviews_documents_actions(kit, kit.lang, as_of)
    occs += _certification(kit, ev, as_of, kit.lang)
    judged = [judge(o, as_of) for o in occs if start <= o.due <= end]
    # a period the kit covers only in part was not owed: shown while it runs or once done, not missed
    shown = [o for o in judged if not (o.partial and o.status == "missed")]
    shown.sort(key=lambda o: (o.due, o.source, o.activity))
    return Calendar(as_of, start, end, shown, kit.lang, organisation=kit.config.organisation.name)


def kit_key(kit: Kit) -> str:
    """A short key that names this kit and no other: a hash of its repository's first commit(s)
    and of the kit's folder within that repository; without any commit, of the organisation's name.
    The same on every machine and every run (a clone has the same first commit)."""
    try:
        roots = gitio.run(kit.root, "rev-list", "--max-parents=0", "HEAD").split()
        prefix = gitio.run(kit.root, "rev-parse", "--show-prefix").strip()
        seed = "commit:" + ",".join(sorted(roots)) + ":" + prefix
    except gitio.GitCommandError:  # not a repository, or no commit yet
        roots = []
    if not roots:
        seed = "organisation:" + kit.config.organisation.name
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def default_range(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The range shown when none is given: the 3 months before the as-of day and the 3 after."""
    return add_period(as_of, Period(3, "months"), -1), add_period(as_of, Period(3, "months"))


def run_calendar(
    start_dir: Any,
    *,
    as_of: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    lang: str | None = None,
) -> Calendar:
    """``trousse calendar``: load the kit (with ``as_of``, as committed on that day, as every
    command with ``--as-of`` reads it), date its evidence, build its calendar."""
    from trousse.evidence.compute import compute  # noqa: PLC0415
    from trousse.loader import load_kit  # noqa: PLC0415

    kit = load_kit(start_dir, lang, as_of)
    day = as_of or dt.date.today()
    low, high = default_range(day)
    if (start or low) > (end or high):  # an empty calendar would say nothing of the mistake
        raise ConfigError(i18n.t("calcmd.reversed", start=start or low, end=end or high))
    ev = compute(kit, day, as_of is not None)
    cal = build(kit, ev, day, start or low, end or high)
    cal.key, cal.root = kit_key(kit), kit.root
    return cal
