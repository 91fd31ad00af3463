"""AUD: audits that can be trusted (auditor independence)."""

from __future__ import annotations

from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding
from trousse.models import Process

INTERNAL = ("internal", "mock")


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _task_roles(process: Process, external: set[str]) -> dict[str, list[str]]:
    """The internal roles that perform the process's tasks, other than its owner, each with the
    ids of the tasks that name it."""
    roles: dict[str, list[str]] = {}
    for activity in process.activities:
        for task in activity.tasks:
            for role in task.roles:
                if role != process.owner and role not in external:
                    roles.setdefault(role, []).append(task.id)
    return roles


@rule(
    "AUD001",
    "error",
    fr_title="Auditeur non indépendant",
    en_title="Auditor not independent",
    fr="""Un auditeur d'un audit interne (ou à blanc) ne tient pas, pour un processus du périmètre
      de cet audit, le rôle qui en est responsable ni un rôle qui réalise ses tâches (les rôles
      externes, comme le client, exceptés), et n'est pas une personne titulaire d'un de ces rôles :
      un auditeur n'audite pas son propre travail (ISO/CEI 20000-1 et ISO 9001, 9.2). Un processus
      que l'auditeur déclare hors du périmètre de l'audit relève d'AUD002, non d'AUD001.""",
)
def independence(ctx: Context) -> Iterator[Finding]:
    """An auditor of an internal (or mock) audit does not hold, for a process in that audit's scope,
    the role that owns it nor a role that performs its tasks (external roles, such as the customer,
    excepted), and is not a person holding one of those roles: auditors do not audit their own work
    (ISO/IEC 20000-1 and ISO 9001, 9.2). A process the auditor lists outside the audit's scope is
    AUD002's, not AUD001's."""
    kit = ctx.kit
    processes = {p.id: p for p in kit.processes}
    holders = {r.id: {_norm(h.name) for h in r.holders} for r in kit.roles}
    external = {r.id for r in kit.roles if r.external}
    for audit in kit.audits:
        if audit.kind not in INTERNAL:
            continue
        scope = set(audit.scope)
        for i, auditor in enumerate(audit.auditors):
            # a process the auditor lists outside the audit's scope was not audited here: AUD002 owns it
            listed = audit.scope if auditor.processes is None else [p for p in auditor.processes if p in scope]
            for pid in listed:
                process = processes.get(pid)
                if process is None:
                    continue
                role = process.owner
                values = {"auditor": auditor.name, "process": pid, "role": role}
                if auditor.role == role:
                    yield ctx.finding("AUD001", audit.where("auditors", i), "aud.owner_role", **values)
                    continue
                if _norm(auditor.name) in holders.get(role, set()):
                    yield ctx.finding("AUD001", audit.where("auditors", i), "aud.holder", **values)
                    continue
                for task_role, tasks in _task_roles(process, external).items():
                    if auditor.role == task_role or _norm(auditor.name) in holders.get(task_role, set()):
                        yield ctx.finding(
                            "AUD001",
                            audit.where("auditors", i),
                            "aud.task_role",
                            auditor=auditor.name,
                            process=pid,
                            role=task_role,
                            tasks=", ".join(tasks),
                        )
                        break


@rule(
    "AUD002",
    "error",
    fr_title="Auditeur hors du périmètre de l'audit",
    en_title="Auditor outside the audit's scope",
    fr="""Les processus qu'un auditeur déclare avoir audités (auditors[].processes, quand l'équipe
      se partage le périmètre) font partie du périmètre de l'audit (scope) : un processus hors du
      périmètre n'a pas été audité par cet audit. Ajoutez-le au périmètre, ou retirez-le de la
      liste de l'auditeur.""",
)
def auditor_within_scope(ctx: Context) -> Iterator[Finding]:
    """The processes an auditor says they audited (auditors[].processes, when the team splits the
    scope) belong to the audit's scope: a process outside the scope was not audited by this audit.
    Add it to the scope, or remove it from the auditor's list."""
    known = ctx.kit.process_ids()
    for audit in ctx.kit.audits:
        scope = set(audit.scope)
        for i, auditor in enumerate(audit.auditors):
            for j, pid in enumerate(auditor.processes or []):
                if pid not in scope and pid in known:  # an unknown id is REF003's: no process to add
                    yield ctx.finding(
                        "AUD002",
                        audit.where("auditors", i, "processes", j),
                        "aud.outside_scope",
                        auditor=auditor.name,
                        process=pid,
                        audit=audit.id,
                        scope=", ".join(audit.scope) or "—",
                    )
