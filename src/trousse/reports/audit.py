"""Context of the audit report: one audit, its findings by process, strengths, opportunities."""

from __future__ import annotations

import datetime as dt

from trousse import i18n
from trousse.errors import ConfigError
from trousse.evidence.model import Alteration
from trousse.i18n import pack_text
from trousse.kit import Kit
from trousse.models import Audit, AuditFinding
from trousse.reports.common import (
    TONES,
    bar_chart,
    clause_label,
    clause_title,
    link,
    process_name,
    process_ref,
    role_name,
)
from trousse.reports.labels import label
from trousse.reports.model import (
    AuditorView,
    AuditReport,
    FindingView,
    FollowUpView,
    KindCount,
    KindGroup,
    NamedRef,
    ProcessFindings,
)
from trousse.reports.typo import longdate, prose_dates

FINDING_KINDS = ("major-nc", "minor-nc", "observation", "strength", "opportunity")
# The order of the report: gravest first, then what helps, then what is praised.
GRADE_ORDER = ("major-nc", "minor-nc", "observation", "opportunity", "strength")
SEVERITY = {k: i for i, k in enumerate(GRADE_ORDER)}


_ALTERED: dict[int, tuple[Kit, dt.date, dict[str, list[Alteration]]]] = {}


def alterations(kit: Kit, as_of: dt.date) -> dict[str, list[Alteration]]:
    """Signed files of the kit changed after their signature, by path (from git, once per kit)."""
    hit = _ALTERED.get(id(kit))
    if hit is not None and hit[0] is kit and hit[1] == as_of:
        return hit[2]
    from trousse.evidence.compute import compute  # noqa: PLC0415 - reads git

    found: dict[str, list[Alteration]] = {}
    for alt in compute(kit, as_of, True).integrity:
        found.setdefault(alt.path, []).append(alt)
    _ALTERED.clear()
    _ALTERED[id(kit)] = (kit, as_of, found)
    return found


def altered_note(alts: list[Alteration] | None, lang: str) -> str | None:
    """ "altered after signature", with the last commit that did it and every field changed."""
    if not alts:
        return None
    last = alts[-1]
    fields = ", ".join(sorted({f for a in alts for f in a.fields}))
    text = i18n.t(
        "report.altered",
        _lang=lang,
        commit=last.commit[:12],
        date=last.date,
        author=last.author,
        fields=fields,
        signed_on=last.signed_on,
    )
    return prose_dates(pack_text(text, lang), lang)


def find_audit(kit: Kit, audit_id: str | None) -> Audit:
    """The audit with this id; a :class:`ConfigError` listing the known ones otherwise."""
    known = ", ".join(sorted(a.id for a in kit.audits)) or "—"
    if audit_id is None:
        raise ConfigError(i18n.t("report.no_audit", known=known))
    for audit in kit.audits:
        if audit.id == audit_id:
            return audit
    raise ConfigError(i18n.t("report.unknown_audit", audit=audit_id, known=known))


def _finding(kit: Kit, f: AuditFinding, lang: str, kit_href: str | None) -> FindingView:
    actions = sorted(a.id for a in kit.actions if a.finding == f.id)
    return FindingView(
        id=f.id,
        kind=f.kind,
        kind_label=label(f"k.{f.kind}", lang),
        process_id=f.process,
        process_name=process_name(kit, f.process, lang),
        clause=f.clause,
        clause_title=clause_title(kit, f.clause, lang),
        statement=f.statement,
        requirement=f.requirement,
        evidence=[link(kit, p, kit_href) for p in f.evidence],
        actions=actions,
        clause_label=clause_label(kit, f.clause, lang) if f.clause else label("ns.clause", lang),
        tone=TONES.get(f.kind, "neutral"),
    )


def previous_audit(kit: Kit, audit: Audit) -> Audit | None:
    """The audit this one follows up: ``previous`` when given, else the latest audit held before
    it (by date, then id)."""
    if audit.previous is not None:
        return next((a for a in kit.audits if a.id == audit.previous), None)
    earlier = [a for a in kit.audits if a.id != audit.id and (a.date, a.id) < (audit.date, audit.id)]
    return max(earlier, key=lambda a: (a.date, a.id), default=None)


def _action_status(kit: Kit, finding_id: str) -> tuple[list[str], str]:
    """The actions answering a finding, and the status they give it."""
    mine = sorted((a for a in kit.actions if a.finding == finding_id), key=lambda a: a.id)
    live = [a for a in mine if a.status != "cancelled"]
    if not live:
        return [a.id for a in mine], "no-action"
    if all(a.status == "verified" for a in live):
        return [a.id for a in mine], "closed"
    if all(a.status in ("done", "verified") for a in live):
        return [a.id for a in mine], "in-progress"
    return [a.id for a in mine], "open"


def follow_up(kit: Kit, audit: Audit, lang: str) -> tuple[NamedRef | None, list[FollowUpView]]:
    """The previous audit and where each of its nonconformities stands."""
    prev = previous_audit(kit, audit)
    if prev is None:
        return None, []
    said = {f.finding: f for f in audit.follow_up}
    views = []
    for f in sorted(prev.findings, key=lambda f: (SEVERITY[f.kind], f.process or "", f.id)):
        if f.kind not in ("major-nc", "minor-nc"):
            continue
        actions, status = _action_status(kit, f.id)
        entry = said.get(f.id)
        if entry is not None and entry.status is not None:
            status = entry.status
        views.append(
            FollowUpView(
                finding=f.id,
                kind_label=label(f"k.{f.kind}", lang),
                statement=f.statement,
                actions=actions,
                status=status,
                status_label=label(f"fu.{status}", lang),
                note=entry.note if entry is not None else "",
            )
        )
    title = prev.title or f"{label(f'a.{prev.kind}', lang)} {prev.id}"
    return NamedRef(prev.id, f"{title} ({longdate(prev.date, lang)})"), views


def _team(kit: Kit, audit: Audit, lang: str) -> list[AuditorView]:
    """The audit team, lead auditor first; an auditor alone is the lead."""
    alone = len(audit.auditors) == 1
    return [
        AuditorView(a.name, role_name(kit, a.role, lang), a.organisation or "", a.lead or alone)
        for a in sorted(audit.auditors, key=lambda a: not a.lead)
    ]


def build_audit(kit: Kit, audit: Audit, lang: str, kit_href: str | None, as_of: dt.date | None = None) -> AuditReport:
    """The audit report's context (with ``as_of``, whether it was altered after its signature)."""
    views = [_finding(kit, f, lang, kit_href) for f in audit.findings]
    gaps = [v for v in views if v.kind in ("major-nc", "minor-nc", "observation")]
    order: list[str | None] = []
    for scoped in audit.scope:
        if scoped not in order:
            order.append(scoped)
    for v in sorted(views, key=lambda v: (v.process_id is None, v.process_id or "")):
        if v.process_id not in order:
            order.append(v.process_id)
    rank = {pid: i for i, pid in enumerate(order)}
    by_process = []
    for pid in order:
        items = sorted((v for v in gaps if v.process_id == pid), key=lambda v: (SEVERITY[v.kind], v.id))
        if items:
            by_process.append(ProcessFindings(pid, process_name(kit, pid, lang), items))
    graded = []
    for kind in GRADE_ORDER:
        items = sorted((v for v in views if v.kind == kind), key=lambda v: (rank[v.process_id], v.id))
        if items:
            graded.append(KindGroup(kind, label(f"k.{kind}", lang), TONES.get(kind, "neutral"), items))
    counts = [KindCount(k, label(f"k.{k}", lang), sum(1 for v in views if v.kind == k)) for k in GRADE_ORDER]
    criteria_refs = audit.criteria or [p.id for p in kit.standards()]
    criteria = []
    for ref in criteria_refs:
        if ref in kit.packs:
            pack = kit.packs[ref]
            ref_label, title = clause_label(kit, ref, lang), pack_text(pack.title, lang)
            if title.startswith(ref_label):  # "ISO/CEI 20000-1:2018 — Système…": the label once
                title = title[len(ref_label) :].lstrip(" —–-:,")
            criteria.append(NamedRef(ref_label, title))
        else:
            criteria.append(NamedRef(clause_label(kit, ref, lang), clause_title(kit, ref, lang)))
    team = _team(kit, audit, lang)
    auditors = []
    for a in team:
        extra = ", ".join(x for x in (a.role, a.organisation) if x)
        auditors.append(f"{a.name} ({extra})" if extra else a.name)
    lead = next((a.name for a in team if a.lead), None)
    previous, followed = follow_up(kit, audit, lang)
    rec = audit.recommendation
    return AuditReport(
        id=audit.id,
        kind=audit.kind,
        kind_label=label(f"a.{audit.kind}", lang),
        title=audit.title or f"{label(f'a.{audit.kind}', lang)} {audit.id}",
        date=audit.date,
        end_date=audit.end_date,
        body=audit.body,
        auditors=auditors,
        auditees=list(audit.auditees),
        context=audit.context,
        summary=audit.summary,
        conclusion=audit.conclusion,
        signed_by=audit.signed_by,
        signed_on=audit.signed_on,
        scope=[process_ref(kit, pid, lang) for pid in audit.scope],
        criteria=criteria,
        counts=counts,
        by_process=by_process,
        strengths=sorted((v for v in views if v.kind == "strength"), key=lambda v: v.id),
        opportunities=sorted((v for v in views if v.kind == "opportunity"), key=lambda v: v.id),
        chart=bar_chart("findings", label("findings_by_kind", lang), counts),
        source=audit.file,
        altered=altered_note(alterations(kit, as_of).get(audit.file), lang) if as_of is not None else None,
        version=audit.version,
        objectives=audit.objectives,
        sites=list(audit.sites),
        team=team,
        lead_auditor=lead,
        method=audit.method,
        sampling=audit.sampling,
        graded=graded,
        previous=previous,
        follow_up=followed,
        recommendation=rec,
        recommendation_label=label(f"rec.{rec}", lang) if rec else "",
        distribution=list(audit.distribution),
        confidentiality=audit.confidentiality,
    )
