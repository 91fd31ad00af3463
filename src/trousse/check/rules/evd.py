"""EVD: evidence dated by git history (see trousse.evidence)."""

from __future__ import annotations

from collections.abc import Iterator

from trousse import i18n
from trousse.check.rules.registry import Context, rule
from trousse.evidence.dates import local_day
from trousse.evidence.lineage import claimed_lost
from trousse.evidence.model import Evidence, ProcessHistory, RecordStatus, Repository
from trousse.findings import Finding
from trousse.workflow.calendar import REVIEW

KIT = ("trousse.yml", 1, 1)
PLANNED_REVIEW = "management-review-record"  # the one record type a kit writes ahead of its day


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
    fr="""Chaque processus requis a des preuves continues depuis au moins l'historique minimal
      (evidence.minimum_history de trousse.yml, 3 mois par défaut ; « N jours », « N mois » ou « N
      trimestres consécutifs ») à la date de vérification : aucun silence dans cette fenêtre (entre
      deux preuves, ou depuis la dernière) ne dépasse le silence permis du processus, soit la cadence
      de ses enregistrements périodiques (plus la tolérance d'antidatage), soit pour les
      enregistrements liés aux événements evidence.max_silence (1 mois par défaut), qu'une trousse
      peut allonger pour un processus en le justifiant (evidence.processes.<ID>: {max_silence: ...,
      why: ...}). Un silence trop long fait repartir l'historique. Le message donne la date où le
      minimum sera atteint. « trousse evidence » montre le détail.""",
)
def minimum_history(ctx: Context) -> Iterator[Finding]:
    """Every required process has continuous evidence going back at least the minimum history
    (evidence.minimum_history in trousse.yml, 3 months by default; "N days", "N months" or "N
    consecutive quarters") on the as-of date: no silence in that window (between two pieces of
    evidence, or since the last one) is longer than the process's allowed silence, which is the
    cadence of its periodic records (plus the back-dating tolerance) or, for event-driven records,
    evidence.max_silence (1 month by default), which a kit may lengthen for one process with a
    written reason (evidence.processes.<ID>: {max_silence: ..., why: ...}). A silence too long
    restarts the history. The message gives the date the minimum will be met. 'trousse evidence'
    shows the detail."""
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
            continue
        ready_on = p.ready_on.isoformat()
        if p.silences:
            gap = p.silences[-1]
            yield ctx.finding(
                "EVD002",
                where,
                "evd.minimum.silent" if gap.ongoing else "evd.minimum.restart",
                process=p.id,
                start=gap.start.isoformat(),
                end=gap.end.isoformat(),
                days=gap.days,
                allowed=_allowed(ctx, p),
                minimum=minimum,
                ready_on=ready_on,
            )
        elif ev.minimum.unit == "quarters" and ev.minimum.consecutive:
            yield ctx.finding("EVD002", where, "evd.minimum.quarters", process=p.id, minimum=minimum, ready_on=ready_on)
        else:
            days = (ev.as_of - p.since).days if p.since else p.span_days
            yield ctx.finding(
                "EVD002", where, "evd.minimum", process=p.id, days=days, minimum=minimum, ready_on=ready_on
            )


def _allowed(ctx: Context, p: ProcessHistory) -> str:
    """The allowed silence of a process, as people read it ("1 month + 7 days")."""
    if p.max_silence is None:
        return "?"
    period = p.max_silence.text(ctx.lang)
    if p.grace is None:
        return period
    return i18n.t("evd.allowed_grace", _lang=ctx.lang, period=period, grace=p.grace.text(ctx.lang))


@rule(
    "EVD003",
    "warning",
    fr_title="Période vide",
    en_title="Empty period",
    fr="""Un type d'enregistrement de cadence mensuelle, trimestrielle ou annuelle a un
      enregistrement pour chaque période complète depuis le premier (périodes des douze derniers mois).
      Quand elle laisse le processus sans preuve plus longtemps que sa cadence (plus la tolérance), une
      période vide fait aussi repartir son historique minimal (EVD002). C'est la seule règle qui
      signale ce manque : le calendrier (CAL001) ne le répète pas. Sauf la revue de direction
      (management-review-record) : son échéance suit chaque revue (``next_review``, sinon 12 mois
      après la précédente), pas l'année civile ; une revue manquée est donc signalée par CAL001
      seulement, une fois.""",
)
def empty_period(ctx: Context) -> Iterator[Finding]:
    """A record type with a monthly, quarterly or yearly cadence has a record for every complete
    period since its first one (periods of the last twelve months are reported). When it leaves the
    process without evidence for longer than its cadence (plus the tolerance), an empty period also
    restarts its minimum history (EVD002). It is the only rule that reports this gap: the calendar
    (CAL001) does not repeat it. Except the management review (management-review-record): its due
    date follows each review (``next_review``, else 12 months after the last), not the calendar
    year, so a missed review is CAL001's alone, reported once."""
    ev = _ev(ctx)
    if ev is None:
        return
    from trousse.check.rules.cal import record_hint  # noqa: PLC0415 - loads `new` only for a gap

    for p in ev.processes:
        for gap in p.empty_periods:
            if gap.artefact == REVIEW:  # one missed review, one finding: CAL001's (its own series)
                continue
            hint, how = record_hint(ctx, gap.artefact)
            values = {
                **how,
                "process": p.id,
                "artefact": gap.artefact,
                "period": gap.label,
                "cadence": i18n.t(f"evd.cadence.{gap.cadence}", _lang=ctx.lang),
            }
            yield ctx.finding("EVD003", _process_where(ctx, p.id), "evd.gap", hint, **values)


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
    fr="""La date déclarée d'un enregistrement (recorded_on, le jour où il a été écrit, sinon date)
      n'est pas antérieure à sa date de preuve (le commit qui l'a ajouté, ou plus tôt celui de son
      fichier d'origine confirmé par formerly ou de ses pièces jointes) de plus que la tolérance de
      son type (evidence.per_artefact.<type>.backdating_tolerance, sinon celle du type, sinon
      evidence.backdating_tolerance, 7 jours par défaut). Un enregistrement saisi après coup ne
      compte pas comme preuve.""",
)
def backfilled(ctx: Context) -> Iterator[Finding]:
    """A record's declared date (recorded_on, the day it was written, else date) is not older than
    its evidence date (the commit that added it, or earlier the one of its former file confirmed by
    formerly or of its attachments) by more than its type's tolerance
    (evidence.per_artefact.<type>.backdating_tolerance, else the type's own, else
    evidence.backdating_tolerance, 7 days by default). A back-filled record does not count as proof."""
    ev = _ev(ctx)
    if ev is None:
        return
    for r in ev.records:
        if r.status == RecordStatus.BACKFILLED and r.evidence:
            written = r.recorded or r.declared
            yield ctx.finding(
                "EVD005",
                r.where,
                "evd.backfilled.recorded" if r.recorded else "evd.backfilled",
                id=r.id,
                declared=written.isoformat(),
                evidence=r.evidence.isoformat(),
                days=(r.evidence - written).days,
                tolerance=(r.tolerance or ev.tolerance).text(ctx.lang),
            )


@rule(
    "EVD006",
    "warning",
    fr_title="Enregistrement daté dans le futur",
    en_title="Record dated in the future",
    fr="""La date déclarée d'un enregistrement n'est pas postérieure au commit qui l'a ajouté.
      Un tel enregistrement ne compte pas comme preuve. Une revue de direction datée après le jour
      vérifié est planifiée : elle n'est pas signalée tant que sa date n'est pas passée (le
      calendrier la montre à venir) ; ensuite, sa preuve est le commit qui l'ajoute après la
      réunion.""",
)
def future_dated(ctx: Context) -> Iterator[Finding]:
    """A record's declared date is not after the commit that added it. Such a record does not
    count as proof. A management review dated after the day checked is planned: not reported
    while its date has not passed (the calendar shows it upcoming); after that, its proof is the
    commit that adds it after the meeting."""
    ev = _ev(ctx)
    if ev is None:
        return
    for r in ev.records:
        if r.artefact == PLANNED_REVIEW and r.declared > ctx.as_of:
            continue  # a management review dated later is planned (the calendar shows it), not yet evidence
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
      est perdue. Le message donne le commit qui l'a supprimé. Le travail git ordinaire ne perd rien :
      un fichier déplacé (git mv), même avec toute la trousse vers un sous-dossier du dépôt ou hors
      d'un sous-dossier, garde sa date ; un fichier restauré ou rétabli par un git revert avec un contenu
      identique retrouve sa date d'origine. Un fichier qu'un enregistrement continue (« formerly: »
      confirmé, par exemple un rapport Markdown réécrit en YAML) peut être supprimé : sa preuve vit
      dans cet enregistrement.""",
)
def lost(ctx: Context) -> Iterator[Finding]:
    """A committed record or audit is not deleted later: deleted evidence is lost. The message
    names the commit that deleted it. Ordinary git work loses nothing: a file moved with git mv,
    even the whole kit into a subfolder of its repository or out of one, keeps its date; a file
    restored, or brought back by a git revert, with identical content gets its original date back.
    A file a record continues (a confirmed 'formerly:', e.g. a Markdown report rewritten as YAML)
    may be deleted: its evidence lives on in that record."""
    ev = _ev(ctx)
    if ev is None or ev.history is None:
        return
    continued = claimed_lost(ctx.kit, ev.history)
    for loss in sorted(ev.history.lost.values(), key=lambda x: x.path):
        if loss.path in continued:
            continue
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


@rule(
    "EVD009",
    "error",
    fr_title="Enregistrement signé modifié",
    en_title="Signed record altered",
    fr="""Un audit, un rapport d'audit, une revue de direction, une non-conformité ou un plan d'action
      approuvé ne change plus une fois signé : le premier commit où figure sa date de signature
      (signed_on, ou approved_on pour un plan ou une action) fixe son contenu. Tout commit ultérieur
      qui en modifie le contenu signé est une erreur d'intégrité qui nomme le commit, son auteur et les
      champs modifiés, jusqu'à une nouvelle signature datée plus tard. Les champs de suivi que la norme
      liste pour ce type (statut d'une action, dates de réalisation et de vérification, efficacité)
      restent libres. Un enregistrement rangé ailleurs que dans records/ (locations de trousse.yml)
      y est tenu de même.""",
)
def altered_after_signature(ctx: Context) -> Iterator[Finding]:
    """An audit, an audit report, a management review, a nonconformity or an approved action plan
    no longer changes once signed: the first commit in which its signature date appears (signed_on,
    or approved_on for a plan or an action) fixes its content. Any later commit that changes its
    signed content is an integrity error naming the commit, its author and the fields changed,
    until it is signed again with a later date. The follow-up fields the pack lists for its type
    (an action's status, done and verified dates, effectiveness) stay free. A record kept outside
    records/ (trousse.yml's locations) is held to it alike."""
    ev = _ev(ctx)
    if ev is None:
        return
    for alt in ev.integrity:
        yield ctx.finding(
            "EVD009",
            (alt.path, 1, 1),
            "evd.altered",
            id=alt.id or alt.path,
            signed_on=alt.signed_on,
            commit=alt.commit[:10],
            date=alt.date,
            author=alt.author,
            fields=", ".join(alt.fields),
        )
