"""CAL: the calendar of recurring activities (:mod:`trousse.workflow.calendar`): an occurrence
missed, an occurrence due soon.

Judged here: the cadences of periodic record types the kit practises, the kit's own activities
(``calendar:`` in trousse.yml), the internal audit programme and the next management review. Action
due dates (ACT002), document reviews (DOC) and the certification cycle (CRT) have their own rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.evidence.dates import add_period
from trousse.findings import Finding, RuleId
from trousse.models.common import Period
from trousse.workflow.calendar import DUE_SOON, Calendar, Occurrence, build

JUDGED = ("cadence", "kit", "audit-programme", "management-review")
LOOK_BACK = Period(12, "months")  # missed occurrences older than this are history, not news


def in_ci() -> bool:
    """Whether ``check`` runs in continuous integration: the ``CI`` environment variable that CI
    services set (GitHub Actions, GitLab CI, and most others), to anything but empty, 0 or false."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _calendar(ctx: Context) -> Calendar:
    cal = ctx.extras.get("calendar")
    if not isinstance(cal, Calendar):
        start = add_period(ctx.as_of, LOOK_BACK, -1)
        cal = build(ctx.kit, ctx.evidence, ctx.as_of, start, add_period(ctx.as_of, Period(DUE_SOON, "days")))
        ctx.extras["calendar"] = cal
    return cal


def _where(ctx: Context, occ: Occurrence) -> tuple[str, int, int]:
    if occ.source == "kit":
        for i, act in enumerate(ctx.kit.config.calendar):
            if act.id == occ.activity:
                line, col = ctx.kit.config_parsed.where(("calendar", i))
                return ("trousse.yml", line, col)
    if occ.source == "action":  # at its due date
        action = next((a for a in ctx.kit.actions if a.id == occ.activity), None)
        if action is not None:
            return action.where("due")
    if occ.source == "document-review":
        doc = next((d for d in ctx.kit.documents if d.id == occ.activity), None)
        if doc is not None:
            return doc.where("review_every")
    if occ.source == "certification" and occ.record:
        return (occ.record, 1, 1)
    proc = ctx.kit.process(occ.process) if occ.process else None
    if proc is not None:
        return proc.where("id")
    return ("trousse.yml", 1, 1)


def _how(ctx: Context, occ: Occurrence) -> tuple[str, dict[str, str]]:
    """The hint of a missed occurrence and its values: the ``trousse new`` command that records it
    (a kind ``new`` accepts in this kit), else the file to write."""
    if occ.source == "audit-programme":
        return "cal.missed.hint_audit", {"process": occ.activity}
    artefact = occ.activity
    if occ.source == "kit":
        act = next((a for a in ctx.kit.config.calendar if a.id == occ.activity), None)
        artefact = act.artefact if act is not None and act.artefact else occ.activity
    return record_hint(ctx, artefact)


def record_hint(ctx: Context, artefact: str) -> tuple[str, dict[str, str]]:
    """How to record an ``artefact`` that is missing (also EVD003's hint for an empty period): the
    ``trousse new`` command (a kind ``new`` accepts in this kit), else the file to write."""
    # Only for a missed occurrence's hint: `new` (and the template engine it needs) is not loaded by
    # every check.
    from trousse.workflow.new import kind_for  # noqa: PLC0415

    kind = kind_for(ctx.kit, artefact)
    if kind is None:
        return "cal.missed.hint_file", {"artefact": artefact}
    return "cal.missed.hint", {"command": f"trousse new {kind}"}


@rule(
    RuleId.CAL001,
    "warning",
    fr_title="Activité récurrente manquée",
    en_title="Recurring activity missed",
    fr="""Chaque occurrence d'une activité récurrente des douze derniers mois a son enregistrement
      daté dans sa période : un enregistrement périodique (mensuel, trimestriel, annuel) des
      processus de la trousse, depuis son premier commit (une période qu'elle ne couvre qu'en
      partie n'est pas due), une activité de ``calendar:`` dans trousse.yml,
      l'audit interne de chaque processus (tous les 12 mois), la revue de direction (la suivante à
      ``next_review``, sinon 12 mois après la précédente). Une période sans enregistrement d'un type périodique que EVD003 signale
      déjà (« Période vide ») n'est pas signalée une seconde fois ici : un manque, un constat. À
      l'inverse, une revue de direction manquée est signalée ici seulement : EVD003 la laisse au
      calendrier, qui suit son échéance réelle.""",
)
def missed(ctx: Context) -> Iterator[Finding]:
    """Each occurrence of a recurring activity in the last twelve months has its record dated in
    its period: a periodic record (monthly, quarterly, yearly) of the kit's processes, from its first
    commit (a period it covers only in part is not owed), an activity of ``calendar:`` in trousse.yml, the internal audit of each process (every 12
    months), the management review (the next one on ``next_review``, else 12 months after the last). A period with no record of a
    periodic type that EVD003 already reports ("Empty period") is not reported a second time here:
    one gap, one finding. The other way round, a missed management review is reported here only:
    EVD003 leaves it to the calendar, which follows its real due date."""
    if not ctx.evidence.available:
        return
    # One gap, one finding: a period with no record of a periodic type is EVD003's (per process).
    gaps = {(g.artefact, g.start) for p in ctx.evidence.processes for g in p.empty_periods}
    for occ in _calendar(ctx).occurrences:
        if occ.source == "cadence" and (occ.activity, occ.start) in gaps:
            continue
        if occ.source in JUDGED and occ.status == "missed":
            hint, values = _how(ctx, occ)
            yield ctx.finding(
                RuleId.CAL001,
                _where(ctx, occ),
                "cal.missed",
                hint,
                title=occ.title,
                start=occ.start,
                due=occ.due,
                **values,
            )


@rule(
    RuleId.CAL002,
    "notice",
    fr_title="Activité récurrente à faire bientôt",
    en_title="Recurring activity due soon",
    fr="""Un rappel, en CI seulement : tout ce que le calendrier dit « à faire » (due) : une
      occurrence d'activité récurrente (voir CAL001), une action, la revue d'un document ou un audit
      de certification arrive à échéance dans les 14 jours et n'est pas encore fait. La règle ne parle que lorsque la
      variable d'environnement ``CI`` est définie (GitHub Actions, GitLab CI et la plupart des
      services de CI la définissent) : une remarque sur chaque push, qui ne fait jamais échouer
      la vérification, même avec ``--strict``. Sur un poste de travail, elle se tait : « trousse calendar » montre ce qui
      vient. ``rules: {CAL002: off}`` la coupe aussi en CI.""",
)
def due_soon(ctx: Context) -> Iterator[Finding]:
    """A reminder, in CI only: whatever the calendar calls due: an occurrence of a recurring
    activity (see CAL001), an action, a document's review or a certification audit is due within 14
    days and not done yet. The rule speaks only when the ``CI`` environment variable is set (GitHub
    Actions, GitLab CI and most CI services set it): a notice on each push, which never fails the
    check, even with ``--strict``. On a workstation it is silent: ``trousse calendar`` shows what
    is coming. ``rules: {CAL002: off}`` turns it off in CI too."""
    if not ctx.evidence.available or not in_ci():
        return
    for occ in _calendar(ctx).occurrences:
        if occ.status == "due":  # what the calendar shows due, whatever its source
            days = (occ.due - ctx.as_of).days
            yield ctx.finding(
                RuleId.CAL002,
                _where(ctx, occ),
                "cal.due_soon",
                "cal.due_soon.hint",
                title=occ.title,
                due=occ.due,
                days=days,
            )


@rule(
    RuleId.REF015,
    "error",
    fr_title="Activité de calendar: sans enregistrement connu",
    en_title="A calendar: activity without a known record",
    fr="""Chaque activité que la trousse planifie elle-même (``calendar:`` dans trousse.yml) dit par
      quel type d'enregistrement elle est prouvée (``artefact``, un type d'enregistrement des normes
      de la trousse ou de artefacts.yml) et, si elle en nomme un, son processus (``process``) est un
      processus de la trousse. Sans cela, l'activité ne serait jamais trouvée faite : elle serait
      manquée pour toujours, ou pas du tout suivie.""",
)
def calendar_references(ctx: Context) -> Iterator[Finding]:
    """Each activity the kit plans itself (``calendar:`` in trousse.yml) says which record type
    proves it (``artefact``, a record type of the kit's standards or of artefacts.yml) and, when it
    names one, its process (``process``) is a process of the kit. Otherwise the activity would
    never be found done: missed for ever, or not followed at all."""
    kit = ctx.kit
    records = ", ".join(sorted(a.id for a in kit.artefacts.values() if a.kind == "record"))
    processes = ", ".join(sorted(p.id for p in kit.processes))

    def at(loc: tuple[str | int, ...], message: str, hint: str, **values: object) -> Finding:
        line, col = kit.config_parsed.where(("calendar", *loc))
        return ctx.finding(RuleId.REF015, ("trousse.yml", line, col), message, hint, **values)

    for i, act in enumerate(kit.config.calendar):
        art = kit.artefacts.get(act.artefact) if act.artefact else None
        if act.artefact is None:
            yield at((i,), "cal.ref.no_artefact", "cal.ref.artefact_hint", id=act.id, known=records)
        elif art is None or art.kind != "record":
            yield at(
                (i, "artefact"), "cal.ref.artefact", "cal.ref.artefact_hint", id=act.id, ref=act.artefact, known=records
            )
        if act.process is not None and kit.process(act.process) is None:
            yield at(
                (i, "process"), "cal.ref.process", "cal.ref.process_hint", id=act.id, ref=act.process, known=processes
            )
