"""EVD: evidence dated by git history (see trousse.evidence)."""

from __future__ import annotations

from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.evidence.dates import local_day
from trousse.evidence.model import Evidence, RecordStatus, Repository
from trousse.findings import Finding

KIT = ("trousse.yml", 1, 1)


def _ev(ctx: Context) -> Evidence | None:
    ev: Evidence = ctx.evidence
    return ev if ev.available else None


def _process_where(ctx: Context, pid: str) -> tuple[str, int, int]:
    proc = ctx.kit.process(pid)
    return proc.where("id") if proc is not None else KIT


@rule(
    "EVD001",
    "error",
    fr_title="Pas d'historique git",
    en_title="No git history",
    fr="""La trousse est dans un dépôt git : l'historique des commits est ce qui date les preuves.
      Hors d'un dépôt (ou sans git installé), une seule constatation le dit et les autres familles de
      règles s'exécutent quand même.""",
)
def not_a_repository(ctx: Context) -> Iterator[Finding]:
    """The kit lives in a git repository: its commit history is what dates evidence. Outside a
    repository (or without git installed) one finding says so, and the other rule families still run."""
    ev: Evidence = ctx.evidence
    if ev.repository == Repository.NOT_A_REPO:
        yield ctx.finding("EVD001", KIT, "evd.not_repo")
    elif ev.repository == Repository.NO_GIT:
        yield ctx.finding("EVD001", KIT, "evd.no_git")


@rule(
    "EVD002",
    "warning",
    fr_title="Historique minimal non atteint",
    en_title="Minimum history not met",
    fr="""Chaque processus requis a des preuves depuis au moins l'historique minimal (evidence.
      minimum_history de trousse.yml, 3 mois par défaut ; « N jours », « N mois » ou « N trimestres
      consécutifs ») à la date de vérification, sans période vide pour ses enregistrements
      périodiques. Le message donne la date où il sera atteint. « trousse evidence » montre le détail.""",
)
def minimum_history(ctx: Context) -> Iterator[Finding]:
    """Every required process has evidence going back at least the minimum history (evidence.
    minimum_history in trousse.yml, 3 months by default; "N days", "N months" or "N consecutive
    quarters") on the as-of date, with no empty period for its periodic records. The message gives
    the date it will be met. 'trousse evidence' shows the detail."""
    ev = _ev(ctx)
    if ev is None:
        return
    gating = [p for p in ev.processes if p.required] or [p for p in ev.processes if p.records]
    minimum = ev.minimum.text(ctx.lang)
    for p in gating:
        if p.minimum_met:
            continue
        where = _process_where(ctx, p.id)
        if p.first is None or p.ready_on is None:
            yield ctx.finding("EVD002", where, "evd.minimum.none", process=p.id, minimum=minimum)
        elif ev.minimum.unit == "quarters" and ev.minimum.consecutive:
            yield ctx.finding(
                "EVD002", where, "evd.minimum.quarters", process=p.id, minimum=minimum, ready_on=p.ready_on.isoformat()
            )
        else:
            yield ctx.finding(
                "EVD002",
                where,
                "evd.minimum",
                process=p.id,
                days=p.span_days,
                minimum=minimum,
                ready_on=p.ready_on.isoformat(),
            )


@rule(
    "EVD003",
    "warning",
    fr_title="Période vide",
    en_title="Empty period",
    fr="""Un type d'enregistrement de cadence mensuelle, trimestrielle ou annuelle a un
      enregistrement pour chaque période complète depuis le premier (périodes des douze derniers mois).
      Une période vide remet l'historique minimal du processus à zéro.""",
)
def empty_period(ctx: Context) -> Iterator[Finding]:
    """A record type with a monthly, quarterly or yearly cadence has a record for every complete
    period since its first one (periods of the last twelve months are reported). An empty period
    restarts the process's minimum history."""
    ev = _ev(ctx)
    if ev is None:
        return
    for p in ev.processes:
        for gap in p.empty_periods:
            yield ctx.finding(
                "EVD003",
                _process_where(ctx, p.id),
                "evd.gap",
                process=p.id,
                artefact=gap.artefact,
                period=gap.label,
                cadence=gap.cadence,
            )


@rule(
    "EVD004",
    "warning",
    fr_title="Enregistrement non committé",
    en_title="Record not committed",
    fr="""Chaque enregistrement est committé : un fichier qui n'est pas dans l'historique git n'est
      pas une preuve.""",
)
def uncommitted(ctx: Context) -> Iterator[Finding]:
    """Every record is committed: a file that is not in the git history is not evidence."""
    ev = _ev(ctx)
    if ev is None:
        return
    for r in ev.records:
        if r.status == RecordStatus.UNCOMMITTED:
            yield ctx.finding("EVD004", (r.path, 1, 1), "evd.uncommitted", id=r.id, path=r.path)


@rule(
    "EVD005",
    "warning",
    fr_title="Enregistrement saisi après coup",
    en_title="Back-filled record",
    fr="""La date déclarée d'un enregistrement n'est pas antérieure à sa date de preuve (le commit
      qui l'a ajouté) de plus que la tolérance (evidence.backdating_tolerance, 7 jours par défaut).
      Un enregistrement saisi après coup ne compte pas comme preuve.""",
)
def backfilled(ctx: Context) -> Iterator[Finding]:
    """A record's declared date is not older than its evidence date (the commit that added it) by
    more than the tolerance (evidence.backdating_tolerance, 7 days by default). A back-filled
    record does not count as proof."""
    ev = _ev(ctx)
    if ev is None:
        return
    for r in ev.records:
        if r.status == RecordStatus.BACKFILLED and r.evidence:
            yield ctx.finding(
                "EVD005",
                r.where,
                "evd.backfilled",
                id=r.id,
                declared=r.declared.isoformat(),
                evidence=r.evidence.isoformat(),
                days=(r.evidence - r.declared).days,
                tolerance=ev.tolerance.text(ctx.lang),
            )


@rule(
    "EVD006",
    "warning",
    fr_title="Enregistrement daté dans le futur",
    en_title="Record dated in the future",
    fr="""La date déclarée d'un enregistrement n'est pas postérieure au commit qui l'a ajouté.
      Un tel enregistrement ne compte pas comme preuve.""",
)
def future_dated(ctx: Context) -> Iterator[Finding]:
    """A record's declared date is not after the commit that added it. Such a record does not
    count as proof."""
    ev = _ev(ctx)
    if ev is None:
        return
    for r in ev.records:
        if r.status == RecordStatus.FUTURE and r.evidence:
            yield ctx.finding(
                "EVD006",
                r.where,
                "evd.future",
                id=r.id,
                declared=r.declared.isoformat(),
                evidence=r.evidence.isoformat(),
            )


@rule(
    "EVD007",
    "warning",
    fr_title="Preuve supprimée de l'historique",
    en_title="Evidence deleted from history",
    fr="""Un enregistrement ou un audit committé n'est pas supprimé ensuite : une preuve supprimée
      est perdue. Le message donne le commit qui l'a supprimé.""",
)
def lost(ctx: Context) -> Iterator[Finding]:
    """A committed record or audit is not deleted later: deleted evidence is lost. The message
    names the commit that deleted it."""
    ev = _ev(ctx)
    if ev is None or ev.history is None:
        return
    for loss in sorted(ev.history.lost.values(), key=lambda x: x.path):
        added = local_day(loss.origin[1]).isoformat() if loss.origin else "?"
        yield ctx.finding(
            "EVD007",
            (loss.path, 1, 1),
            "evd.lost",
            path=loss.path,
            added=added,
            commit=loss.commit[:10],
            date=local_day(loss.when).isoformat(),
        )


@rule(
    "EVD008",
    "error",
    fr_title="Historique dans le désordre",
    en_title="History out of order",
    fr="""Aucun commit n'est daté avant son parent (au-delà d'une heure de décalage d'horloge) : c'est
      le signe d'un historique réécrit ou antidaté, et les dates de preuve ne sont plus fiables.""",
)
def out_of_order(ctx: Context) -> Iterator[Finding]:
    """No commit is dated before its parent (beyond an hour of clock skew): that is the sign of a
    rewritten or back-dated history, and evidence dates can no longer be trusted."""
    ev = _ev(ctx)
    if ev is None or ev.history is None:
        return
    for d in ev.history.disorder:
        yield ctx.finding(
            "EVD008",
            KIT,
            "evd.disorder",
            commit=d.commit[:10],
            when=d.when,
            parent=d.parent[:10],
            parent_when=d.parent_when,
        )
