"""EVD (continued): document control and lineage proven by git history (kit-format.md, "Adopters")."""

from __future__ import annotations

from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.evidence.model import Evidence, RecordStatus
from trousse.findings import Finding


def _ev(ctx: Context) -> Evidence | None:
    ev: Evidence = ctx.evidence
    return ev if ev.available else None


@rule(
    "EVD010",
    "warning",
    fr_title="Approbation antidatée",
    en_title="Back-dated approval",
    fr="""La date d'approbation (approved_on) ou de revue (reviewed_on) d'un document maîtrisé n'est pas
      antérieure au commit qui a fait entrer le document dans l'historique git de plus que la tolérance
      de son type (evidence.per_artefact.<type>.backdating_tolerance, sinon celle du type, sinon
      evidence.backdating_tolerance) : comme pour un enregistrement, une date déclarée d'avant le
      fichier ne se prouve pas. Un déplacement (git mv), même depuis hors de la trousse, garde la date
      d'entrée.""",
)
def backdated_approval(ctx: Context) -> Iterator[Finding]:
    """A controlled document's approval date (approved_on) or review date (reviewed_on) is not
    earlier than the commit that brought the document into the git history by more than its type's
    tolerance (evidence.per_artefact.<type>.backdating_tolerance, else the type's own, else
    evidence.backdating_tolerance): as for a record, a declared date before the file existed cannot
    be proven. A move (git mv), even from outside the kit, keeps the day it came in."""
    ev = _ev(ctx)
    if ev is None:
        return
    for d in ev.documents:
        if d.introduced is None:
            continue
        for key in d.backdated:
            declared = d.approved if key == "approved_on" else d.reviewed
            if declared is None:
                continue
            where = d.source.where(key) if d.source is not None else (d.path, 1, 1)
            yield ctx.finding(
                "EVD010",
                where,
                "evd.doc_backdated",
                id=d.id,
                field=key,
                declared=declared.isoformat(),
                introduced=d.introduced.isoformat(),
                days=(d.introduced - declared).days,
                tolerance=d.tolerance.text(ctx.lang),
            )


@rule(
    "EVD011",
    "warning",
    fr_title="Document modifié après son approbation",
    en_title="Document changed after approval",
    fr="""Un document approuvé n'est pas modifié après son approbation sans nouvelle approbation :
      le dernier commit qui le change n'est pas postérieur à approved_on de plus que la tolérance de
      son type. Un changement limité à l'en-tête YAML ou au tableau d'historique des révisions
      (la ligne qui consigne l'approbation, un nom corrigé) ne compte pas. Chaque commit qui change
      le document est une révision (« trousse evidence --format json », clé documents). Une
      approbation antidatée (EVD010) compte au mieux du jour où le document est entré dans git :
      un changement ultérieur est signalé aussi.""",
)
def changed_after_approval(ctx: Context) -> Iterator[Finding]:
    """An approved document is not changed after its approval without a new approval: the last
    commit that changes it is not later than approved_on by more than its type's tolerance. A change
    confined to its front matter or to its revision history table (the row that records the
    approval, a corrected name) does not count. Each
    commit that changes the document is one revision ('trousse evidence --format json', key
    documents). A back-dated approval (EVD010) counts at best from the day the document came into
    git: a later change is reported too."""
    ev = _ev(ctx)
    if ev is None:
        return
    for d in ev.documents:
        rev = d.changed_after_approval
        if rev is None or d.approved is None:
            continue
        where = d.source.where("approved_on") if d.source is not None else (d.path, 1, 1)
        yield ctx.finding(
            "EVD011",
            where,
            "evd.doc_changed",
            id=d.id,
            date=rev.date.isoformat(),
            commit=rev.commit[:10],
            author=rev.author,
            approved=d.approved.isoformat(),
        )


@rule(
    "EVD012",
    "warning",
    fr_title="Filiation non confirmée",
    en_title="Lineage not confirmed",
    fr="""Un enregistrement qui déclare « formerly: <chemin>@<commit> » (le fichier qu'il continue, par
      exemple un rapport Markdown réécrit en YAML) nomme un fichier que l'historique git a bien à ce
      commit (chemin depuis la racine du dépôt). Confirmé, l'enregistrement est daté par le commit qui
      a écrit le contenu de ce fichier tel qu'il était au commit nommé (une note ajoutée en juillet et
      nommée plus tard garde juillet ; un rapport régénéré sur place et nommé à son commit de mai est
      de mai) ; sinon il n'en tire rien. Un fichier passé ne date qu'un enregistrement, quel que soit
      le commit que nomme chaque réclamation, et même nommé avant et après un git mv.""",
)
def formerly_unconfirmed(ctx: Context) -> Iterator[Finding]:
    """A record that declares 'formerly: <path>@<commit>' (the file it continues, e.g. a Markdown
    report rewritten as YAML) names a file the git history does hold at that commit (path from the
    repository's top folder). Confirmed, the record is dated by the commit that wrote that file's
    content as it stood at the named commit (a note added in July and named later keeps July; a
    report regenerated in place and named at its May commit is May's); otherwise it gains nothing
    from it. A past file dates one record only, whatever commit each claim names, even named before
    and after a git mv."""
    ev = _ev(ctx)
    if ev is None or ev.history is None:
        return
    for r in ev.records:
        rec = r.source
        claim = getattr(rec, "formerly", None) if rec is not None else None
        if claim and r.commit is not None and claim not in ev.history.formerly:
            yield ctx.finding("EVD012", rec.where("formerly"), "evd.formerly", id=r.id, claim=claim)
        # a past file dates one record only: another record's claim on it is a finding
        if claim and claim in ev.history.formerly:
            holder = ev.claim_holders.get(claim.rpartition("@")[0].strip().lstrip("./"))
            if holder is not None and holder != rec.file:
                yield ctx.finding("EVD012", rec.where("formerly"), "evd.claimed", id=r.id, claim=claim, other=holder)
        for att in getattr(rec, "attachments", None) or [] if rec is not None else []:
            holder = ev.claim_holders.get("attachment:" + att.strip().lstrip("./"))
            if holder is not None and holder != rec.file:
                yield ctx.finding("EVD012", rec.where("attachments"), "evd.claimed", id=r.id, claim=att, other=holder)


@rule(
    "EVD013",
    "warning",
    fr_title="Preuve datée par sa source",
    en_title="Evidence dated by its source",
    fr="""Un ticket importé d'un outil (trousse import tickets) longtemps après les faits est daté par
      cet outil, pas par git : il ne compte pas comme preuve, sauf si trousse.yml l'accepte
      (evidence.accept_source_dated: true), ce que le rapport de préparation dit alors explicitement.
      Importés chaque jour, les tickets deviennent des preuves que git date.""",
)
def source_dated(ctx: Context) -> Iterator[Finding]:
    """A ticket imported from a tool (trousse import tickets) long after the fact is dated by that
    tool, not by git: it does not count as evidence unless trousse.yml accepts it
    (evidence.accept_source_dated: true), which the readiness report then says explicitly. Imported
    every day, tickets become evidence git dates."""
    ev = _ev(ctx)
    if ev is None:
        return
    for r in ev.records:
        if r.status != RecordStatus.SOURCE_DATED or r.accepted or r.evidence is None:
            continue
        rec = r.source
        yield ctx.finding(
            "EVD013",
            r.where,
            "evd.source_dated",
            id=r.id,
            system=getattr(rec, "source_system", None) or "?",
            source_id=getattr(rec, "source_id", None) or "?",
            declared=r.declared.isoformat(),
            evidence=r.evidence.isoformat(),
        )
