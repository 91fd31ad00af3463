"""AUD: audits that can be trusted (auditor independence)."""

from __future__ import annotations

from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding

INTERNAL = ("internal", "mock")


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


@rule(
    "AUD001",
    "error",
    fr_title="Auditeur non indépendant",
    en_title="Auditor not independent",
    fr="""Un auditeur d'un audit interne (ou à blanc) ne tient pas le rôle responsable d'un processus
      du périmètre de cet audit, et n'est pas une personne titulaire de ce rôle : un auditeur
      n'audite pas son propre travail (ISO/CEI 20000-1 et ISO 9001, 9.2).""",
)
def independence(ctx: Context) -> Iterator[Finding]:
    """An auditor of an internal (or mock) audit does not hold the owner role of a process in that
    audit's scope, and is not a person holding that role: auditors do not audit their own work
    (ISO/IEC 20000-1 and ISO 9001, 9.2)."""
    kit = ctx.kit
    owners = {p.id: p.owner for p in kit.processes}
    holders = {r.id: {_norm(h.name) for h in r.holders} for r in kit.roles}
    for audit in kit.audits:
        if audit.kind not in INTERNAL:
            continue
        for i, auditor in enumerate(audit.auditors):
            for pid in audit.scope:
                role = owners.get(pid)
                if role is None:
                    continue
                values = {"auditor": auditor.name, "process": pid, "role": role}
                if auditor.role == role:
                    yield ctx.finding("AUD001", audit.where("auditors", i), "aud.owner_role", **values)
                elif _norm(auditor.name) in holders.get(role, set()):
                    yield ctx.finding("AUD001", audit.where("auditors", i), "aud.holder", **values)
