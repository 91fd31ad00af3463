"""Context of the audit report: one audit, its findings by process, strengths, opportunities."""

from __future__ import annotations

from trousse import i18n
from trousse.errors import ConfigError
from trousse.kit import Kit
from trousse.models import Audit, AuditFinding
from trousse.reports.common import bar_chart, clause_title, link, process_name, process_ref
from trousse.reports.labels import label
from trousse.reports.model import AuditReport, FindingView, KindCount, NamedRef, ProcessFindings

FINDING_KINDS = ("major-nc", "minor-nc", "observation", "strength", "opportunity")


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
    )


def build_audit(kit: Kit, audit: Audit, lang: str, kit_href: str | None) -> AuditReport:
    """The audit report's context."""
    views = [_finding(kit, f, lang, kit_href) for f in audit.findings]
    severity = {k: i for i, k in enumerate(FINDING_KINDS)}
    gaps = [v for v in views if v.kind in ("major-nc", "minor-nc", "observation")]
    order: list[str | None] = []
    for scoped in audit.scope:
        if scoped not in order:
            order.append(scoped)
    for v in sorted(gaps, key=lambda v: (v.process_id is None, v.process_id or "")):
        if v.process_id not in order:
            order.append(v.process_id)
    by_process = []
    for pid in order:
        items = sorted((v for v in gaps if v.process_id == pid), key=lambda v: (severity[v.kind], v.id))
        if items:
            by_process.append(ProcessFindings(pid, process_name(kit, pid, lang), items))
    counts = [KindCount(k, label(f"k.{k}", lang), sum(1 for v in views if v.kind == k)) for k in FINDING_KINDS]
    criteria_refs = audit.criteria or [p.id for p in kit.standards()]
    criteria = []
    for ref in criteria_refs:
        if ref in kit.packs:
            pack = kit.packs[ref]
            criteria.append(NamedRef(ref, f"{i18n.pick(pack.title, lang)} ({pack.edition})"))
        else:
            criteria.append(NamedRef(ref, clause_title(kit, ref, lang)))
    auditors = []
    for a in audit.auditors:
        extra = ", ".join(x for x in (a.role, a.organisation) if x)
        auditors.append(f"{a.name} ({extra})" if extra else a.name)
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
    )
