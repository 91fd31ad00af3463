"""Context of ``trousse report review-inputs``: the inputs of the management review (ISO 9001
9.3.2, ISO/IEC 20000-1 9.3) gathered from the kit's own data since the previous review, and the
skeleton of the review record whose decisions (owner, due date) become actions.

Which records feed which input is data (:data:`INPUTS`): a record type the kit does not use is
simply absent from the figures.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel

from trousse import i18n
from trousse.errors import ConfigError, TrousseError
from trousse.evidence.dates import add_period
from trousse.evidence.status import NONCONFORMITIES, action_closed, action_overdue, audit_end, finding_open
from trousse.kit import Kit
from trousse.models import Action, Nonconformity
from trousse.models.kit import RecordBase
from trousse.models.placeholders import is_placeholder
from trousse.reports.common import iso_text
from trousse.reports.labels import label
from trousse.reports.typo import longdate
from trousse.workflow.forms import field_value, record_form
from trousse.workflow.numbering import kit_prefix, next_id, placeholder_parts, taken_ids

REVIEW = "management-review-record"
LISTED = 5  # records listed under an input (the latest); the figure counts them all

# (input id, clauses, record types that feed it, action kinds that feed it)
INPUTS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("previous-actions", "ISO 9001 9.3.2 a) · ISO/IEC 20000-1 9.3 a)", (), ()),
    ("context", "ISO 9001 9.3.2 b) · ISO/IEC 20000-1 9.3 b)", ("change-record", "release-record"), ()),
    (
        "customers",
        "ISO 9001 9.3.2 c) 1) · ISO/IEC 20000-1 9.3 c)",
        (
            "customer-satisfaction-record",
            "complaint-record",
            "customer-complaint-record",
            "client-review-record",
            "agent-satisfaction-record",
        ),
        (),
    ),
    ("objectives", "ISO 9001 9.3.2 c) 2)", ("quality-indicator-report", "performance-report"), ()),
    (
        "performance",
        "ISO 9001 9.3.2 c) 3) · ISO/IEC 20000-1 9.3 d)",
        (
            "service-report",
            "availability-report",
            "service-review-record",
            "incident-record",
            "service-request-record",
            "problem-record",
            "contact-quality-monitoring-record",
        ),
        (),
    ),
    ("nonconformities", "ISO 9001 9.3.2 c) 4) · ISO/IEC 20000-1 9.3 e)", (), ("corrective",)),
    (
        "monitoring",
        "ISO 9001 9.3.2 c) 5)",
        ("capacity-review-record", "demand-review-record", "configuration-audit-record"),
        (),
    ),
    ("audits", "ISO 9001 9.3.2 c) 6) · ISO/IEC 20000-1 9.3 f)", ("internal-audit-report", "audit-report"), ()),
    ("suppliers", "ISO 9001 9.3.2 c) 7) · ISO/IEC 20000-1 9.3 g)", ("supplier-review-record",), ()),
    ("resources", "ISO 9001 9.3.2 d)", ("budget-report", "training-record", "agent-training-record"), ()),
    (
        "risks",
        "ISO 9001 9.3.2 e) · ISO/IEC 20000-1 9.3 h)",
        ("security-risk-assessment", "continuity-test-record", "security-incident-record"),
        ("preventive",),
    ),
    ("improvement", "ISO 9001 9.3.2 f) · ISO/IEC 20000-1 9.3 i)", ("improvement-record",), ("improvement",)),
]


@dataclass
class InputView:
    """One input of the review: its title, clauses, figures and items."""

    id: str
    title: str
    clauses: str
    figures: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    note: str = ""  # why it is empty, and how to widen it


@dataclass
class ReviewInputsReport:
    """The review's inputs and the skeleton of its record."""

    since: dt.date
    previous: str | None
    inputs: list[InputView]
    skeleton: str
    skeleton_help: str
    left_out: str = ""  # how many files were left out (unreadable, or still to fill), and why


def previous_review(kit: Kit, as_of: dt.date) -> tuple[str | None, dt.date | None]:
    """The id and date of the latest management review held by ``as_of``."""
    held = sorted((r for r in kit.records if r.artefact == REVIEW and r.date <= as_of), key=lambda r: r.date)
    return (held[-1].id, held[-1].date) if held else (None, None)


def _actions(kit: Kit, kinds: tuple[str, ...], since: dt.date, as_of: dt.date, lang: str) -> list[str]:
    out = []
    for kind in kinds:
        # a state at the review: every action still open, whatever its date, and those opened since
        acts = [
            a
            for a in kit.actions
            if a.kind == kind
            and (a.opened_on or a.due) <= as_of
            and ((a.opened_on or a.due) >= since or not action_closed(a, as_of))
        ]
        if acts:
            # closed: verified (or cancelled); done but not verified yet is counted apart
            closed = sum(_verified(a, as_of) for a in acts)
            done = sum(action_closed(a, as_of) for a in acts) - closed
            overdue = sum(action_overdue(a, as_of) for a in acts)
            out.append(
                label(
                    "ri.actions",
                    lang,
                    kind=label(f"ri.kind.{kind}", lang),
                    total=len(acts),
                    open=len(acts) - closed - done,
                    overdue=overdue,
                    done=done,
                    closed=closed,
                )
            )
    return out


def _verified(a: Action, as_of: dt.date) -> bool:
    """Closed for good on ``as_of``: cancelled, or verified by then (a done action awaits its
    verification)."""
    if a.status == "cancelled":
        return True
    return a.status == "verified" and (a.verified_on is None or a.verified_on <= as_of)


def _state(a: Action, as_of: dt.date, lang: str) -> str:
    return label("ri.overdue", lang) if action_overdue(a, as_of) else label(f"s.{a.status}", lang)


def _previous_actions(kit: Kit, view: InputView, as_of: dt.date, lang: str) -> None:
    """Section 1: each decision of the reviews held before ``as_of`` (their ``actions``, and the
    actions whose ``review`` names them), with its state today."""
    reviews = sorted((r for r in kit.records if r.artefact == REVIEW and r.date <= as_of), key=lambda r: r.date)
    by_id = {a.id: a for a in kit.actions}
    seen: set[str] = set()
    counts: Counter[str] = Counter()
    for rev in reviews:
        listed = [str(x) for x in (getattr(rev, "actions", None) or [])]
        acts = [by_id[x] for x in listed if x in by_id] + [a for a in kit.actions if a.review == rev.id]
        for a in sorted({a.id: a for a in acts}.values(), key=lambda a: a.id):
            if a.id in seen:
                continue
            seen.add(a.id)
            counts[
                "overdue"
                if action_overdue(a, as_of)
                else "closed"
                if _verified(a, as_of)
                else "done"
                if action_closed(a, as_of)
                else "open"
            ] += 1
            view.items.append(
                label("ri.decision", lang, review=rev.id, id=a.id, title=a.title, owner=a.owner, due=a.due)
                + label("sep", lang)
                + _state(a, as_of, lang)
            )
        for text in (x for x in listed if x not in by_id):
            counts["untracked"] += 1
            view.items.append(label("ri.untracked", lang, review=rev.id, text=text))
    if counts["untracked"]:
        view.items.append(label("ri.untracked_hint", lang, review=reviews[-1].id))
    if reviews:
        view.figures.append(
            label(
                "ri.decisions",
                lang,
                total=sum(counts.values()),
                closed=counts["closed"],
                done=counts["done"],
                open=counts["open"],
                overdue=counts["overdue"],
                untracked=counts["untracked"],
            )
        )


def _number(value: float, lang: str) -> str:
    """A figure as the language writes it (99,2 in French, 99.2 in English)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


def _days(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _stamp(value: object) -> dt.datetime | None:
    """A form's ``YYYY-MM-DD HH:MM`` text (``T`` accepted between day and time) as a datetime."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1)).replace(tzinfo=None)
    except ValueError:
        return None


def _resolution_minutes(r: RecordBase) -> int | None:
    """Minutes from ``opened_at`` to ``resolved_at`` when the record gives both (never negative)."""
    start, end = _stamp(getattr(r, "opened_at", None)), _stamp(getattr(r, "resolved_at", None))
    if start is None or end is None or end < start:
        return None
    return int((end - start).total_seconds() // 60)


def _incidents(kit: Kit, recs: list[RecordBase], view: InputView, lang: str) -> None:
    """Section 5: incidents by priority (how many, resolved, median days to resolve) and, when the
    catalogue gives a resolution target for the incident's service and priority, the share
    resolved within it."""
    targets = {s.id: s.resolution_within for s in kit.catalogue.services} if kit.catalogue else {}
    by_priority: dict[str, list[RecordBase]] = {}
    for r in recs:
        by_priority.setdefault(str(getattr(r, "priority", None) or "—"), []).append(r)
    for priority in sorted(by_priority):
        group = by_priority[priority]
        minutes = {id(r): m for r in group if (m := _resolution_minutes(r)) is not None}
        dated = {id(r) for r in group if (end := _days(getattr(r, "resolved_on", None))) and end >= r.date}
        delays = [
            (end - r.date).days for r in group if (end := _days(getattr(r, "resolved_on", None))) and end >= r.date
        ]
        if minutes and statistics.median_low(minutes.values()) < 24 * 60:
            # timed to the minute (opened_at, resolved_at) and resolved within the day: in hours,
            # over the incidents so timed
            text = label(
                "ri.incidents_hours",
                lang,
                priority=priority,
                count=len(group),
                resolved=len(dated | set(minutes)),
                hours=round(statistics.median_low(minutes.values()) / 60),
            )
        elif delays:
            text = label(
                "ri.incidents",
                lang,
                priority=priority,
                count=len(group),
                resolved=len(delays),
                median=statistics.median_low(delays),
            )
        else:
            text = label("ri.incidents_open", lang, priority=priority, count=len(group))
        view.figures.append(text)
        measured = within = 0
        goals = set()
        for r in group:
            goal = targets.get(str(getattr(r, "service", "")), {}).get(priority)
            if goal is None:
                continue
            goals.add(goal.text(lang))
            measured += 1
            end = _days(getattr(r, "resolved_on", None))
            within += end is not None and end <= add_period(r.date, goal)
        if measured:
            view.figures.append(
                label(
                    "ri.sla",
                    lang,
                    priority=priority,
                    target=", ".join(sorted(goals)),
                    within=within,
                    count=measured,
                    share=round(100 * within / measured),
                )
            )


def _objectives(kit: Kit, view: InputView, start: dt.date, as_of: dt.date, lang: str) -> None:
    """Section 4: the targets the records measure: availability against its target, service
    reports whose targets were met."""
    recs = [r for r in kit.records if start <= r.date <= as_of]
    avail: dict[str, list[tuple[float, float]]] = {}
    for r in recs:
        target, measured = getattr(r, "target_percent", None), getattr(r, "measured_percent", None)
        if (
            r.artefact == "availability-report"
            and isinstance(target, int | float)
            and isinstance(measured, int | float)
        ):
            avail.setdefault(str(getattr(r, "service", None) or "—"), []).append((float(target), float(measured)))
    names = {s.id: f"{s.name} ({s.id})" for s in kit.catalogue.services} if kit.catalogue else {}
    for service, pairs in sorted(avail.items()):
        met = sum(m >= t for t, m in pairs)
        low = min(pairs, key=lambda p: p[1])
        view.figures.append(
            label(
                "ri.availability",
                lang,
                service=names.get(service, service),
                met=met,
                count=len(pairs),
                lowest=_number(low[1], lang),
                target=_number(low[0], lang),
            )
        )
    reports = [r for r in recs if isinstance(getattr(r, "targets_met", None), bool)]
    if reports:
        met = sum(bool(getattr(r, "targets_met", False)) for r in reports)
        view.figures.append(label("ri.targets_met", lang, met=met, count=len(reports)))
        view.items += [
            label("ri.targets_missed", lang, id=r.id, title=r.title, date=r.date)
            for r in reports
            if not getattr(r, "targets_met", False)
        ]


def _special(kit: Kit, view: InputView, since: dt.date, as_of: dt.date, lang: str) -> None:
    if view.id == "previous-actions":
        _previous_actions(kit, view, as_of, lang)
    elif view.id == "objectives":
        _objectives(kit, view, since, as_of, lang)
    elif view.id == "performance":
        incidents = [r for r in kit.records if r.artefact == "incident-record" and since <= r.date <= as_of]
        _incidents(kit, incidents, view, lang)
    elif view.id == "context":
        docs = [d for d in kit.documents if d.approved_on and since <= d.approved_on <= as_of]
        if docs:  # none: the section says so, with the --since hint the other sections give
            view.figures.append(label("ri.docs", lang, count=len(docs)))
        view.items += [f"{d.id} v{d.version} — {d.title} ({longdate(d.approved_on, lang)})" for d in docs]
    elif view.id == "nonconformities":
        # a state at the review: every nonconformity still open, whatever its date, and those
        # raised since the previous review
        every = [nc for r in kit.records if (nc := Nonconformity.of(r)) is not None and nc.date <= as_of]
        ncs = [nc for nc in every if since <= nc.date or not _nc_closed(nc, as_of)]
        found = [(a, f) for a in kit.audits for f in a.findings if f.kind in NONCONFORMITIES]
        taken = {nc.finding for nc in every if nc.finding}
        fresh = [
            (a, f)
            for a, f in found
            if audit_end(a) <= as_of and f.id not in taken and (since <= audit_end(a) or finding_open(kit, f, as_of))
        ]
        major = sum(nc.severity == "major" for nc in ncs) + sum(f.kind == "major-nc" for _a, f in fresh)
        total = len(ncs) + len(fresh)
        still = sum(not _nc_closed(nc, as_of) for nc in ncs) + sum(finding_open(kit, f, as_of) for _a, f in fresh)
        view.figures.append(label("ri.ncs", lang, total=total, major=major, minor=total - major, open=still))
        for nc in ncs:
            severity = label(f"ri.sev.{nc.severity}", lang) if nc.severity in ("major", "minor") else "—"
            state = label("ri.nc_closed" if _nc_closed(nc, as_of) else "ri.nc_open", lang)
            view.items.append(f"{nc.id} — {nc.title} ({severity}, {state})")
        view.items += [
            f"{f.id} — {' '.join(f.statement.split())[:100]} ({label(f'k.{f.kind}', lang)})" for _a, f in fresh
        ]
    elif view.id == "audits":
        for au in sorted(kit.audits, key=audit_end):
            if since <= audit_end(au) <= as_of:
                kinds = Counter(f.kind for f in au.findings)
                text = ", ".join(f"{label(f'k.{k}', lang)} {n}" for k, n in sorted(kinds.items()))
                view.items.append(
                    label(
                        "ri.audit",
                        lang,
                        id=au.id,
                        kind=label(f"a.{au.kind}", lang),
                        date=au.date,
                        findings=text or label("ri.no_findings", lang),
                    )
                )


def _nc_closed(nc: Nonconformity, as_of: dt.date) -> bool:
    """Closed by its record on ``as_of`` (a closing date after it: still open then)."""
    return nc.closed and (nc.closed_on is None or nc.closed_on <= as_of)


def _draft(item: BaseModel) -> bool:
    """Whether a file still holds what its form left to fill (what SCH004 reports): it is no
    input of the review until filled."""
    for name, info in type(item).model_fields.items():
        value = getattr(item, name, None)
        if is_placeholder(value) or (info.is_required() and value == ""):
            return True
    return False


def _usable(kit: Kit) -> tuple[Kit, int]:
    """The kit without its drafts (files still to fill), and how many files were left out: those
    drafts and the unreadable files of records/, audits/ and actions/."""
    records = [r for r in kit.records if not _draft(r)]
    audits = [a for a in kit.audits if not _draft(a)]
    actions = [a for a in kit.actions if not _draft(a)]
    drafts = len(kit.records) - len(records) + len(kit.audits) - len(audits) + len(kit.actions) - len(actions)
    broken = sum(name.startswith(("records/", "audits/", "actions/")) for name in kit.broken)
    return replace(kit, records=records, audits=audits, actions=actions), drafts + broken


def _older(kit: Kit, view: InputView, artefacts: tuple[str, ...], kinds: tuple[str, ...], since: dt.date) -> int:
    """How many files before ``since`` would feed the input ``view``."""
    count = sum(r.artefact in artefacts and r.date < since for r in kit.records)
    count += sum(a.kind in kinds and (a.opened_on or a.due) < since for a in kit.actions)
    if view.id == "audits":
        count += sum(audit_end(a) < since for a in kit.audits)
    if view.id == "objectives":
        count += sum(r.date < since and hasattr(r, "targets_met") for r in kit.records)
    if view.id == "context":
        count += sum(d.approved_on is not None and d.approved_on < since for d in kit.documents)
    return count


def review_id(kit: Kit, as_of: dt.date) -> str:
    """The id the next management review takes in the kit's own numbering: the prefix of its
    review records (RDD-), else of its review form (MRV-), and the next free number."""
    art = kit.artefacts.get(REVIEW)
    form_prefix, width = "MRV", 4
    if art is not None:
        form_prefix, width = placeholder_parts(field_value(record_form(kit, art)[0], "id") or "MRV-YYYY-NNNN")
    prefix = kit_prefix(r.id for r in kit.records if r.artefact == REVIEW) or form_prefix
    return next_id(taken_ids(kit), prefix, as_of.year, width)


# The field of the kit's review form each input fills (the first the form has).
FIELDS: dict[str, tuple[str, ...]] = {
    "previous-actions": ("previous_actions",),
    "context": ("context_changes",),
    "customers": ("customer_feedback",),
    "objectives": ("objectives_met",),
    "performance": ("service_performance", "process_performance"),
    "nonconformities": ("nonconformities",),
    "monitoring": ("measurement_results",),
    "audits": ("audit_results",),
    "suppliers": ("supplier_performance",),
    "resources": ("resources",),
    "risks": ("risks_opportunities",),
    "improvement": ("improvement_opportunities",),
}


def review_values(kit: Kit, inputs: list[InputView], since: dt.date, lang: str) -> dict[str, str]:
    """The input fields of the kit's review form, each filled with what was gathered for it: its
    figures, then its items (ids, titles, states), on one line. An input with nothing says so
    (nothing since ``since``); an input whose field the form lacks is left out (the form is the kit's)."""
    art = kit.artefacts.get(REVIEW)
    if art is None:
        return {}
    # only the fields the record type declares: a key the kit's form holds beyond them would make
    # the record invalid (the record types are closed)
    have = {f.id for f in art.fields}
    joint = " ; " if lang == "fr" else "; "  # French puts a space before the semicolon
    out: dict[str, str] = {}
    for view in inputs:
        name = next((k for k in FIELDS.get(view.id, ()) if k in have), None)
        if name is None:
            continue
        parts = view.figures + view.items or [label("ri.field_nothing", lang, since=since)]
        out[name] = " ".join(joint.join(parts).split())
    return out


def skeleton(kit: Kit, inputs: list[InputView], as_of: dt.date, since: dt.date, lang: str) -> str:
    """The management-review record to complete: the kit's own review form, as ``trousse new
    management-review --from-inputs`` writes it (the same renderer), its input fields filled from
    the figures; its outputs (``decision_items``: decision, owner, due, action) left to fill. A kit
    without a review record type gets none."""
    from trousse.workflow.new import compose  # noqa: PLC0415

    if REVIEW not in kit.artefacts:
        return ""
    try:
        draft = compose(
            kit, REVIEW, date=as_of, values=review_values(kit, inputs, since, lang), today=as_of, author=False
        )
    except TrousseError:  # the kit's form cannot be filled (its own problem, which check reports)
        return ""
    return draft.text


CITED = {"ISO 9001": "iso9001", "ISO/IEC 20000-1": "iso20000-1"}  # the standard a clause cites -> its packs


def kit_clauses(kit: Kit, clauses: str, lang: str) -> str:
    """``clauses`` ("ISO 9001 9.3.2 a) · ISO/IEC 20000-1 9.3 a)") with only the standards the kit
    targets; all of them when it targets none of these (its packs ask for a review without
    listing these inputs). An input that only a standard the kit does not target asks for is said
    so, never cited as one of the kit's requirements."""
    parts = [p.strip() for p in clauses.split("·")]
    targets = {name for name, pack in CITED.items() if any(s.startswith(pack) for s in kit.config.standards)}
    mine = [p for p in parts if any(p.startswith(name) for name in targets)]
    if mine or not targets:
        return " · ".join(mine or parts)
    return i18n.t("ri.not_targeted", _lang=lang, clauses=" · ".join(parts))


def kit_began(kit: Kit) -> dt.date | None:
    """The earliest day the kit's files speak of (a record, an audit, an action, an approval)."""
    days = [r.date for r in kit.records] + [a.date for a in kit.audits]
    days += [d for a in kit.actions if (d := a.opened_on or a.due) is not None]
    days += [d.approved_on for d in kit.documents if d.approved_on is not None]
    return min(days) if days else None


def build_review_inputs(kit: Kit, lang: str, as_of: dt.date, since: dt.date | None = None) -> ReviewInputsReport:
    """The review's inputs since ``since`` (default: the previous review, else 12 months back)."""
    whole = kit
    kit, left_out = _usable(kit)
    prev_id, prev_day = previous_review(kit, as_of)
    start = since or prev_day or dt.date(as_of.year - 1, as_of.month, min(as_of.day, 28))
    year_before = dt.date(start.year - 1, start.month, min(start.day, 28))
    began = kit_began(whole)
    if began is not None and began > year_before:  # advise a date the kit's history reaches
        year_before = began
    views = []
    for input_id, clauses, artefacts, action_kinds in INPUTS:
        view = InputView(input_id, label(f"ri.{input_id}", lang), iso_text(kit_clauses(kit, clauses, lang), lang))
        for art_id in artefacts:
            art = kit.artefacts.get(art_id)
            recs = [r for r in kit.records if r.artefact == art_id and start <= r.date <= as_of]
            if art is not None and recs:
                name = i18n.pick(art.name, lang)
                view.figures.append(label("ri.records", lang, name=name, count=len(recs)))
                view.items += [
                    f"{r.id} — {r.title} ({longdate(r.date, lang)})"
                    for r in sorted(recs, key=lambda r: r.date)[-LISTED:]
                ]
                if len(recs) > LISTED:  # the latest are listed: say how many more the figure counts
                    view.items.append(label("ri.more", lang, count=len(recs) - LISTED))
        view.figures += _actions(kit, action_kinds, start, as_of, lang)
        _special(kit, view, start, as_of, lang)
        if not view.figures and not view.items:
            older = _older(kit, view, artefacts, action_kinds, start)
            view.note = (
                label(
                    "ri.nothing_since", lang, since=start, older=older, earlier=year_before.isoformat()
                )  # a --since value: ISO
                if older or (began is not None and began < start)
                else label("ri.nothing_yet", lang, since=start)  # --since would find nothing more
            )
        views.append(view)
    left = label("ri.left_out", lang, count=left_out) if left_out else ""
    report = skeleton(whole, views, as_of, start, whole.lang)  # the record: in the kit's language
    help_text = label("ri.skeleton_help", lang, id=review_id(whole, as_of))
    return ReviewInputsReport(start, prev_id, views, report, help_text, left)


def run_review_inputs(
    start: Path | None,
    *,
    fmt: str = "md",
    output: Path | None = None,
    as_of: dt.date | None = None,
    since: dt.date | str | None = None,
    lang: str | None = None,
    to_stdout: bool = False,
) -> tuple[Path | None, bytes, bool]:
    """``trousse report review-inputs``: render and write the review's inputs; (path or None for
    standard output, bytes, whether an earlier report was replaced). ``since`` may be the text
    given to ``--since``: a date that is not one is refused naming that option."""
    from trousse.loader import load_kit  # noqa: PLC0415
    from trousse.reports.common import make_meta  # noqa: PLC0415
    from trousse.reports.render import FORMATS, render  # noqa: PLC0415
    from trousse.reports.write import atomic_write, check_target, report_path  # noqa: PLC0415

    if fmt not in FORMATS:
        raise ConfigError(i18n.t("report.bad_format", value=fmt, known=", ".join(FORMATS)))
    day = as_of or dt.date.today()
    if isinstance(since, str):
        try:
            since = dt.date.fromisoformat(since)
        except ValueError:
            raise ConfigError(i18n.t("calcmd.bad_date", option="--since", value=since)) from None
    if since is not None and since > day:  # nothing could be found after the review's own day
        raise ConfigError(i18n.t("report.since_future", since=since, day=day))
    kit = load_kit(start, lang, as_of)
    language = lang or kit.lang
    path = None if to_stdout else (output or report_path(kit.root, "review-inputs", fmt)).absolute()
    if path is not None:
        check_target(path, kit.root)
    href = None if path is None else Path(os.path.relpath(kit.root, path.parent)).as_posix()
    meta = make_meta(kit, "review-inputs", language, day, href)
    data = render(kit.root, meta, build_review_inputs(kit, language, day, since), fmt)
    replaced = atomic_write(path, data) if path is not None else False
    return path, data, replaced


def inputs_for_new(
    start: Path | None, kind: str, *, as_of: dt.date | None = None, since: str | None = None, lang: str | None = None
) -> dict[str, str]:
    """``trousse new management-review --from-inputs``: the input fields of the review to write,
    gathered as ``report review-inputs`` gathers them on ``as_of`` (in the kit's language, the
    language of its records). Refused for another kind, or a ``--since`` that is not a date."""
    from trousse.loader import load_kit  # noqa: PLC0415
    from trousse.workflow.new import resolve_kind  # noqa: PLC0415

    day = as_of or dt.date.today()
    kit = load_kit(start, lang)
    art = resolve_kind(kit, kind)
    if art is None or art.id != REVIEW:
        raise ConfigError(i18n.t("newcmd.from_inputs_kind"))
    start_day = None
    if since is not None:
        try:
            start_day = dt.date.fromisoformat(since)
        except ValueError:
            raise ConfigError(i18n.t("calcmd.bad_date", option="--since", value=since)) from None
        if start_day > day:
            raise ConfigError(i18n.t("report.since_future", since=start_day, day=day))
    report = build_review_inputs(kit, kit.lang, day, start_day)
    return review_values(kit, report.inputs, report.since, kit.lang)
