"""Context of the audit report: one audit, its findings by process, strengths, opportunities."""

from __future__ import annotations

import datetime as dt

from trousse import i18n
from trousse.errors import ConfigError
from trousse.evidence.model import Alteration
from trousse.kit import Kit
from trousse.models import Audit, AuditFinding
from trousse.reports.common import bar_chart, clause_title, link, process_name, process_ref
from trousse.reports.labels import label
from trousse.reports.model import AuditReport, FindingView, KindCount, NamedRef, ProcessFindings

FINDING_KINDS = ("major-nc", "minor-nc", "observation", "strength", "opportunity")

i18n.register(
    {
        "report.no_audit": (
            "choisissez l'audit avec --audit ; audits de la trousse : {known}",
            "choose the audit with --audit; audits in the kit: {known}",
        ),
        "report.unknown_audit": (
            "l'audit « {audit} » n'existe pas ; audits de la trousse : {known}",
            "audit '{audit}' does not exist; audits in the kit: {known}",
        ),
        "report.altered": (
            "modifié après signature : commit {commit} du {date} par {author} (champs {fields}), après la "
            "signature du {signed_on}",
            "altered after signature: commit {commit} on {date} by {author} (fields {fields}), after the "
            "signature of {signed_on}",
        ),
    }
)

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
    return i18n.t(
        "report.altered",
        _lang=lang,
        commit=last.commit[:10],
        date=last.date,
        author=last.author,
        fields=fields,
        signed_on=last.signed_on,
    )


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


def build_audit(kit: Kit, audit: Audit, lang: str, kit_href: str | None, as_of: dt.date | None = None) -> AuditReport:
    """The audit report's context (with ``as_of``, whether it was altered after its signature)."""
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
        altered=altered_note(alterations(kit, as_of).get(audit.file), lang) if as_of is not None else None,
    )
