"""Context of ``trousse report review-inputs``: the inputs of the management review (ISO 9001
9.3.2, ISO/IEC 20000-1 9.3) gathered from the kit's own data since the previous review, and the
skeleton of the review record whose decisions (owner, due date) become actions.

Which records feed which input is data (:data:`INPUTS`): a record type the kit does not use is
simply absent from the figures.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from trousse import i18n
from trousse.errors import ConfigError
from trousse.evidence.status import NONCONFORMITIES, action_closed, action_overdue, audit_end
from trousse.kit import Kit
from trousse.models import Nonconformity
from trousse.reports.labels import label

REVIEW = "management-review-record"

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


@dataclass
class ReviewInputsReport:
    """The review's inputs and the skeleton of its record."""

    since: dt.date
    previous: str | None
    inputs: list[InputView]
    skeleton: str
    skeleton_help: str


def previous_review(kit: Kit, as_of: dt.date) -> tuple[str | None, dt.date | None]:
    """The id and date of the latest management review held by ``as_of``."""
    held = sorted((r for r in kit.records if r.artefact == REVIEW and r.date <= as_of), key=lambda r: r.date)
    return (held[-1].id, held[-1].date) if held else (None, None)


def _actions(kit: Kit, kinds: tuple[str, ...], since: dt.date, as_of: dt.date, lang: str) -> list[str]:
    out = []
    for kind in kinds:
        acts = [a for a in kit.actions if a.kind == kind and (a.opened_on or a.due) >= since]
        if acts:
            closed = sum(action_closed(a, as_of) for a in acts)
            overdue = sum(action_overdue(a, as_of) for a in acts)
            out.append(
                label(
                    "ri.actions",
                    lang,
                    kind=kind,
                    total=len(acts),
                    open=len(acts) - closed,
                    overdue=overdue,
                    closed=closed,
                )
            )
    return out


def _special(kit: Kit, view: InputView, since: dt.date, as_of: dt.date, lang: str, review_ids: set[str]) -> None:
    if view.id == "previous-actions":
        listed = {str(x) for r in kit.records if r.artefact == REVIEW for x in (getattr(r, "actions", None) or [])}
        acts = [a for a in kit.actions if a.review in review_ids or a.id in listed]
        for a in sorted(acts, key=lambda a: a.id):
            state = "overdue" if action_overdue(a, as_of) else a.status
            view.items.append(f"{a.id} — {a.title} ({a.owner}, {a.due.isoformat()}): {state}")
    elif view.id == "context":
        docs = [d for d in kit.documents if d.approved_on and since <= d.approved_on <= as_of]
        view.figures.append(label("ri.docs", lang, count=len(docs)))
        view.items += [f"{d.id} v{d.version} — {d.title} ({d.approved_on})" for d in docs]
    elif view.id == "nonconformities":
        ncs = [nc for r in kit.records if (nc := Nonconformity.of(r)) is not None and since <= nc.date <= as_of]
        found = [(a, f) for a in kit.audits for f in a.findings if f.kind in NONCONFORMITIES]
        taken = {nc.finding for nc in ncs if nc.finding}
        fresh = [(a, f) for a, f in found if since <= audit_end(a) <= as_of and f.id not in taken]
        major = sum(nc.severity == "major" for nc in ncs) + sum(f.kind == "major-nc" for _a, f in fresh)
        total = len(ncs) + len(fresh)
        still = sum(not nc.closed for nc in ncs) + len(fresh)
        view.figures.append(label("ri.ncs", lang, total=total, major=major, minor=total - major, open=still))
        view.items += [f"{nc.id} — {nc.title} ({nc.severity or '—'}, {nc.status or 'open'})" for nc in ncs]
        view.items += [f"{f.id} — {' '.join(f.statement.split())[:100]} ({f.kind})" for _a, f in fresh]
    elif view.id == "audits":
        for au in sorted(kit.audits, key=audit_end):
            if since <= audit_end(au) <= as_of:
                kinds = Counter(f.kind for f in au.findings)
                text = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or label("ri.no_findings", lang)
                view.items.append(label("ri.audit", lang, id=au.id, kind=au.kind, date=au.date, findings=text))


def skeleton(kit: Kit, inputs: list[InputView], as_of: dt.date, lang: str) -> str:
    """The management-review record to complete, its inputs written from the figures."""
    lines = [f"- {v.title}: " + "; ".join(v.figures or [str(len(v.items))]) for v in inputs]
    inputs_text = "\n".join("    " + line for line in lines)
    return (
        f"id: MRV-{as_of.year}-NNNN\nartefact: {REVIEW}\ndate: {as_of.isoformat()}\n"
        f'title: "{label("review-inputs", lang)}"\nattendees: []\n'
        f"inputs_reviewed: |\n{inputs_text}\n"
        "decisions: |\n    - ...\n"
        "actions: []  # ACT-... ids, one per decision (owner, due)\nnext_review: null\n"
    )


def build_review_inputs(kit: Kit, lang: str, as_of: dt.date, since: dt.date | None = None) -> ReviewInputsReport:
    """The review's inputs since ``since`` (default: the previous review, else 12 months back)."""
    prev_id, prev_day = previous_review(kit, as_of)
    start = since or prev_day or dt.date(as_of.year - 1, as_of.month, min(as_of.day, 28))
    review_ids = {r.id for r in kit.records if r.artefact == REVIEW}
    views = []
    for input_id, clauses, artefacts, action_kinds in INPUTS:
        view = InputView(input_id, label(f"ri.{input_id}", lang), clauses)
        for art_id in artefacts:
            art = kit.artefacts.get(art_id)
            recs = [r for r in kit.records if r.artefact == art_id and start <= r.date <= as_of]
            if art is not None and recs:
                name = i18n.pick(art.name, lang)
                view.figures.append(label("ri.records", lang, name=name, count=len(recs)))
                view.items += [f"{r.id} — {r.title} ({r.date})" for r in sorted(recs, key=lambda r: r.date)[-5:]]
        view.figures += _actions(kit, action_kinds, start, as_of, lang)
        _special(kit, view, start, as_of, lang, review_ids)
        views.append(view)
    return ReviewInputsReport(start, prev_id, views, skeleton(kit, views, as_of, lang), label("ri.skeleton_help", lang))


def run_review_inputs(
    start: Path | None,
    *,
    fmt: str = "md",
    output: Path | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    lang: str | None = None,
    to_stdout: bool = False,
) -> tuple[Path | None, bytes, bool]:
    """``trousse report review-inputs``: render and write the review's inputs; (path or None for
    standard output, bytes, whether an earlier report was replaced)."""
    from trousse.loader import load_kit  # noqa: PLC0415
    from trousse.reports.common import make_meta  # noqa: PLC0415
    from trousse.reports.render import FORMATS, render  # noqa: PLC0415
    from trousse.reports.write import atomic_write, check_target, report_path  # noqa: PLC0415

    if fmt not in FORMATS:
        raise ConfigError(i18n.t("report.bad_format", value=fmt, known=", ".join(FORMATS)))
    kit = load_kit(start, lang, as_of)
    language = lang or kit.lang
    day = as_of or dt.date.today()
    path = None if to_stdout else (output or report_path(kit.root, "review-inputs", fmt)).absolute()
    if path is not None:
        check_target(path, kit.root)
    href = None if path is None else Path(os.path.relpath(kit.root, path.parent)).as_posix()
    meta = make_meta(kit, "review-inputs", language, day, href)
    data = render(kit.root, meta, build_review_inputs(kit, language, day, since), fmt)
    replaced = atomic_write(path, data) if path is not None else False
    return path, data, replaced
