"""ACT: the life of each nonconformity and of its corrective actions, step by step.

A nonconformity is a record of type ``nonconformity`` (or ``nonconformity-record``), or a major or
minor finding of an audit that no such record takes up. Its actions are the actions whose
``nonconformity`` names it, those its ``actions`` list names, and (for one that comes from an audit
finding) those whose ``finding`` names that finding. "Done", "closed" and "overdue" are those of
:mod:`trousse.evidence.status`, the same as the readiness verdict's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from trousse.check.rules.registry import Context, rule
from trousse.evidence.dates import add_period
from trousse.evidence.nonconformities import action_plan_delay, nonconformities
from trousse.evidence.status import action_overdue
from trousse.findings import Finding, RuleId
from trousse.models.common import Period
from trousse.workflow.decisions import decision_followers

if TYPE_CHECKING:
    from trousse.evidence.nonconformities import Open
    from trousse.kit import Kit
    from trousse.models import Nonconformity

UNVERIFIED_AFTER = Period(3, "months")  # a done action not verified after this is reported (ACT003)


@rule(
    RuleId.ACT001,
    "error",
    fr_title="Non-conformité sans plan d'action dans le délai",
    en_title="Nonconformity without an action plan in time",
    fr="""Une non-conformité ouverte (fiche de non-conformité, ou constat d'audit majeur ou mineur)
      a au moins une action (corrective) une fois passé son délai, compté depuis la fiche, ou depuis
      la fin de l'audit pour un constat. Le délai est le plus court de ceux des référentiels visés
      (``action_plan_within`` : un mois pour la NF EN 15838) et de celui que la trousse se donne
      (trousse.yml : ``nonconformities: {action_plan_within: 15 days}``, qui peut raccourcir le délai
      de la norme, jamais l'allonger) ; quand aucun n'en donne (ISO/CEI 20000-1, ISO 9001), un mois,
      comme la NF EN 15838.""",
)
def action_plan(ctx: Context) -> Iterator[Finding]:
    """An open nonconformity (a nonconformity record, or a major or minor audit finding) has at
    least one (corrective) action once its delay is over, counted from the record, or from the end
    of the audit for a finding. The delay is the shortest of the targeted standards'
    (``action_plan_within``: one month for NF EN 15838) and the one the kit sets itself
    (trousse.yml: ``nonconformities: {action_plan_within: 15 days}``, which may shorten the
    standard's delay, never lengthen it); when none gives one (ISO/IEC 20000-1, ISO 9001), one
    month, as NF EN 15838."""
    delay = action_plan_delay(ctx.kit)
    for nc in nonconformities(ctx.kit, ctx.as_of):
        if not nc.is_open:
            continue
        deadline = nc.deadline(delay)
        if deadline < ctx.as_of and not [a for a in nc.actions if a.status != "cancelled"]:
            values = {"id": nc.id, "since": nc.since.isoformat(), "delay": delay.text(ctx.lang)}
            form = _unfinished_action(ctx.kit, nc)
            if form is not None:  # an action is there, still a form: its plan is not approved yet
                yield ctx.finding(
                    RuleId.ACT001,
                    nc.where,
                    "act.plan_unfinished",
                    "act.plan_unfinished.hint",
                    path=form,
                    deadline=deadline.isoformat(),
                    **values,
                )
                continue
            link = "act.no_plan.hint_finding" if nc.record is None else "act.no_plan.hint"
            yield ctx.finding(RuleId.ACT001, nc.where, "act.no_plan", link, deadline=deadline.isoformat(), **values)


def _unfinished_action(kit: Kit, nc: Open) -> str | None:
    """The file of an action that names ``nc`` (an :class:`Open`) but cannot be read as an action
    yet, because it still holds what its form left to fill (``approved_on: YYYY-MM-DD``)."""
    finding = nc.record.finding if nc.record is not None else nc.id
    for path in sorted(kit.broken):
        parsed = kit.files.get(path)
        data = parsed.data if parsed is not None else None
        if not path.startswith("actions/") or not isinstance(data, dict):
            continue
        if data.get("nonconformity") == nc.id or (finding and data.get("finding") == finding):
            return path
    return None


@rule(
    RuleId.ACT002,
    "warning",
    fr_title="Action en retard",
    en_title="Action overdue",
    fr="""Une action (corrective, préventive ou d'amélioration) non close a dépassé sa date ``due`` :
      elle n'est ni faite (done, verified) ni annulée.""",
)
def overdue(ctx: Context) -> Iterator[Finding]:
    """An action (corrective, preventive or improvement) that is not closed is past its ``due``
    date: it is neither done (done, verified) nor cancelled."""
    for a in ctx.kit.actions:
        if action_overdue(a, ctx.as_of):
            days = (ctx.as_of - a.due).days
            yield ctx.finding(
                RuleId.ACT002, a.where("due"), "act.overdue", "act.overdue.hint", id=a.id, due=a.due, days=days
            )


# An action's dates in the order its life gives them: each pair (earlier, later) must not be reversed.
DATE_ORDER: tuple[tuple[str, str], ...] = (
    ("opened_on", "approved_on"),
    ("opened_on", "due"),
    ("opened_on", "done_on"),
    ("opened_on", "verified_on"),
    ("approved_on", "done_on"),
    ("done_on", "verified_on"),
)


@rule(
    RuleId.ACT008,
    "error",
    fr_title="Dates d'une action dans le désordre",
    en_title="An action's dates out of order",
    fr="""Les dates d'une action suivent sa vie : ouverte (``opened_on``), puis son plan approuvé
      (``approved_on``), faite (``done_on``) et vérifiée (``verified_on``) ; son échéance (``due``)
      ne précède pas son ouverture. Une date qui en précède une autre qu'elle devrait suivre est une
      erreur de saisie, que l'auditeur relèvera : les délais, les retards et la préparation en
      dépendent.""",
)
def dates_in_order(ctx: Context) -> Iterator[Finding]:
    """An action's dates follow its life: opened (``opened_on``), then its plan approved
    (``approved_on``), done (``done_on``) and verified (``verified_on``); its due date (``due``)
    does not come before its opening. A date earlier than one it should follow is a slip an auditor
    will point out: delays, overdue actions and readiness all depend on these dates."""
    for a in ctx.kit.actions:
        for first, then in DATE_ORDER:
            before, after = getattr(a, first), getattr(a, then)
            if before is not None and after is not None and after < before:
                yield ctx.finding(
                    RuleId.ACT008,
                    a.where(then),
                    "act.dates_order",
                    "act.dates_order.hint",
                    id=a.id,
                    first=first,
                    then=then,
                    first_day=before,
                    then_day=after,
                )


@rule(
    RuleId.ACT003,
    "warning",
    fr_title="Action faite mais pas vérifiée",
    en_title="Action done but not verified",
    fr="""Une action corrective faite (status: done) a son efficacité vérifiée (status: verified)
      au plus tard trois mois après sa date ``done_on`` : une action sans vérification ne prouve pas
      que la cause a disparu.""",
)
def unverified(ctx: Context) -> Iterator[Finding]:
    """A corrective action that is done (status: done) has its effectiveness verified (status:
    verified) at the latest three months after its ``done_on`` date: an action never verified does
    not prove that the cause is gone."""
    for a in ctx.kit.actions:
        if a.kind != "corrective" or a.status != "done" or a.done_on is None:
            continue
        if add_period(a.done_on, UNVERIFIED_AFTER) <= ctx.as_of:
            yield ctx.finding(
                RuleId.ACT003, a.where("status"), "act.unverified", "act.unverified.hint", id=a.id, done=a.done_on
            )


@rule(
    RuleId.ACT004,
    "warning",
    fr_title="Vérification d'efficacité en retard",
    en_title="Effectiveness check overdue",
    fr="""Une fiche de non-conformité ouverte dont la vérification d'efficacité était prévue
      (``effectiveness_due``) avant aujourd'hui enregistre cette vérification
      (``effectiveness_checked_on``).""",
)
def effectiveness(ctx: Context) -> Iterator[Finding]:
    """An open nonconformity record whose effectiveness check was planned (``effectiveness_due``)
    before today records that check (``effectiveness_checked_on``)."""
    for nc in nonconformities(ctx.kit, ctx.as_of):
        rec = nc.record
        if rec is None or rec.closed or rec.effectiveness_due is None or rec.effectiveness_checked_on:
            continue
        if rec.effectiveness_due < ctx.as_of:
            yield ctx.finding(
                RuleId.ACT004,
                rec.where("effectiveness_due"),
                "act.effectiveness_due",
                "act.effectiveness_due.hint",
                id=rec.id,
                due=rec.effectiveness_due,
            )


@rule(
    RuleId.ACT005,
    "error",
    fr_title="Non-conformité close sans preuve d'efficacité",
    en_title="Nonconformity closed without proof of effectiveness",
    fr="""Une fiche de non-conformité close (``status: closed`` ou ``closed_on``) a au moins une
      action corrective vérifiée (status: verified) et une vérification d'efficacité dont le
      résultat est « effective » (``effectiveness_result: effective``) : on ne clôt pas une
      non-conformité avant d'avoir montré que son action a supprimé la cause. Un résultat
      « not-effective » laisse la non-conformité ouverte : une nouvelle action, puis une nouvelle
      vérification. Un type de fiche sans champ ``effectiveness_result`` (celui du pack ISO 9001)
      écrit la vérification dans son champ ``effectiveness``.""",
)
def closed_verified(ctx: Context) -> Iterator[Finding]:
    """A closed nonconformity record (``status: closed`` or ``closed_on``) has at least one verified
    corrective action (status: verified) and an effectiveness check whose result is effective
    (``effectiveness_result: effective``): a nonconformity is not closed before its action is
    shown to have removed the cause. A result "not-effective" keeps it open: a new action, then a
    new check. A record type with no ``effectiveness_result`` field (the ISO 9001 pack's) writes
    the check in its ``effectiveness`` field."""
    for nc in nonconformities(ctx.kit, ctx.as_of):
        rec = nc.record
        if rec is None or not rec.closed:
            continue
        where = rec.where("closed_on") if rec.closed_on else rec.where("status")
        verified = [a for a in nc.actions if a.status == "verified" and (a.verified_on or ctx.as_of) <= ctx.as_of]
        if not verified:
            yield ctx.finding(RuleId.ACT005, where, "act.closed_unverified", "act.closed_unverified.hint", id=rec.id)
            continue
        result = (rec.effectiveness_result or "").strip()
        if result and result != "effective":
            yield ctx.finding(
                RuleId.ACT005,
                rec.where("effectiveness_result"),
                "act.closed_not_effective",
                "act.closed_not_effective.hint",
                id=rec.id,
                result=result,
            )
        elif not result and not _checked_in_text(ctx.kit, rec):
            yield ctx.finding(RuleId.ACT005, where, "act.closed_unchecked", "act.closed_unchecked.hint", id=rec.id)


def _checked_in_text(kit: Kit, rec: Nonconformity) -> bool:
    """Whether a record type with no ``effectiveness_result`` field writes its check as text."""
    art = kit.artefacts.get(rec.artefact)
    if art is None or any(f.id == "effectiveness_result" for f in art.fields):
        return False
    source = next((r for r in kit.records if r.id == rec.id and r.artefact == rec.artefact), None)
    text = getattr(source, "effectiveness", None)
    return isinstance(text, str) and bool(text.strip())


REVIEW = "management-review-record"


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


@rule(
    RuleId.ACT007,
    "warning",
    fr_title="Décision de revue de direction sans action",
    en_title="Management review decision without an action",
    fr="""Une décision d'une revue de direction tenue (un élément de decision_items avec son texte,
      son responsable et son échéance) est suivie par une action : son champ ``action`` nomme une
      action (ou un audit) de la trousse, ou une action porte ``review: <identifiant de la revue>`` avec la
      décision pour titre, ou le même responsable (son ``owner``, ou la personne qui la mène,
      ``holder``) et la même échéance (chaque action suit une seule
      décision). Une action encore à remplir qui nomme la revue la suit déjà (SCH004 nomme ses
      champs à remplir). « trousse new action --from-decision <revue>:<n> » crée cette action sans modifier
      la revue.""",
)
def review_decisions(ctx: Context) -> Iterator[Finding]:
    """A decision of a held management review (a decision_items entry with its text, owner and due
    date) is followed by an action: its ``action`` field names an action (or an audit) of the kit, or an action
    carries ``review: <the review's id>`` with the decision as its title, or the same owner (its
    ``owner``, or the person who leads it, ``holder``) and due date (each action follows one
    decision); an action still a form to fill that names the review follows it already (SCH004
    names its fields to fill). ``trousse new action --from-decision <review>:<n>``
    makes that action without editing the review."""
    for rec in ctx.kit.records:
        if rec.artefact != REVIEW or rec.date > ctx.as_of:
            continue
        items = getattr(rec, "decision_items", None) or []
        if not isinstance(items, list):
            continue
        followed = decision_followers(ctx.kit, rec)
        for n, item in enumerate(items, start=1):
            if not isinstance(item, dict) or n in followed:
                continue
            decision, owner, due = item.get("decision"), item.get("owner"), item.get("due")
            if not _norm(decision) or not _norm(owner) or due in (None, ""):
                continue
            yield ctx.finding(
                RuleId.ACT007,
                rec.where("decision_items", n - 1),
                "act.review_decision",
                "act.review_decision.hint",
                id=rec.id,
                n=n,
                decision=" ".join(str(decision).split()),
            )
