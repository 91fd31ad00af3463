"""Words the report templates use, in French and English (``t("key")`` in a template)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trousse import i18n
from trousse.reports.typo import french_apostrophes

LABELS: dict[str, tuple[str, str]] = {
    # titles
    "audit": ("Rapport d'audit", "Audit report"),
    "action-plan": ("Plan d'actions", "Action plan"),
    "readiness": ("Préparation à la certification", "Certification readiness"),
    "matrix": ("Matrice de traçabilité", "Traceability matrix"),
    "catalogue": ("Catalogue de services", "Service catalogue"),
    # common
    "organisation": ("Organisation", "Organisation"),
    "scope": ("Périmètre", "Scope"),
    "as_of": ("Situation au", "As of"),
    "standards": ("Normes visées", "Targeted standards"),
    "generated_by": (
        "Produit par trousse {version} à partir de la trousse de déploiement",
        "Produced by trousse {version} from the deployment kit",
    ),
    "none": ("Aucun", "None"),
    "sep": ("\u00a0: ", ": "),
    "id": ("Identifiant", "Id"),
    "name": ("Nom", "Name"),
    "process": ("Processus", "Process"),
    "no_process": ("Hors processus", "No process"),
    "clause": ("Article", "Clause"),
    "title": ("Titre", "Title"),
    "total": ("Total", "Total"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "contents": ("Sommaire", "Contents"),
    "chart_empty": ("Aucune donnée à représenter.", "No data to chart."),
    "missing_file": ("fichier absent de la trousse", "file missing from the kit"),
    # identity of every page
    "identity_as_of": ("situation au {date}", "as of {date}"),
    "identity_commit": ("commit {commit}", "commit {commit}"),
    "identity_no_commit": ("hors git (aucun commit)", "outside git (no commit)"),
    "identity_uncommitted": ("modifications non enregistrées dans git", "uncommitted changes"),
    "identity_version": ("version {version}", "version {version}"),
    "page": ("page", "page"),
    "document": ("Document", "Document"),
    # audit
    "not_stated": ("non précisé", "not stated"),
    # "not stated", agreeing in French with the field it stands for (la version: non précisée)
    "ns.version": ("non précisée", "not stated"),
    "ns.sites": ("non précisés", "not stated"),
    "ns.lead_auditor": ("non précisé", "not stated"),
    "ns.audit_team": ("non précisée", "not stated"),
    "ns.auditees": ("non précisés", "not stated"),
    "ns.distribution": ("non précisée", "not stated"),
    "ns.confidentiality": ("non précisée", "not stated"),
    "ns.objectives": ("non précisés", "not stated"),
    "ns.scope": ("non précisé", "not stated"),
    "ns.method": ("non précisée", "not stated"),
    "ns.sampling": ("non précisé", "not stated"),
    "ns.conclusion": ("non précisée", "not stated"),
    "ns.recommendation": ("non précisée", "not stated"),
    "ns.signature_date": ("non précisée", "not stated"),
    "ns.date": ("non précisée", "not stated"),
    "ns.verifier": ("une personne non précisée", "someone not named"),
    "report_version": ("Version du rapport", "Report version"),
    "objectives": ("Objectifs de l'audit", "Audit objectives"),
    "audited_entity": ("Entité auditée", "Audited entity"),
    "sites": ("Sites ou lieux audités", "Sites or locations audited"),
    "audit_team": ("Équipe d'audit", "Audit team"),
    "lead_auditor": ("Responsable d'audit", "Lead auditor"),
    "lead_mark": ("responsable d'audit", "lead auditor"),
    "method": ("Méthode", "Method"),
    "sampling": ("Échantillonnage", "Sampling"),
    "graded_findings": ("Constats par gravité", "Findings by grade"),
    "follow_up": (
        "Suivi des non-conformités de l'audit précédent",
        "Follow-up of the previous audit's nonconformities",
    ),
    "previous_audit": ("Audit précédent", "Previous audit"),
    "no_previous": ("Aucun audit précédent dans la trousse.", "No previous audit in the kit."),
    "no_previous_nc": (
        "L'audit précédent n'a relevé aucune non-conformité.",
        "The previous audit raised no nonconformity.",
    ),
    "fu.closed": ("soldée (actions vérifiées)", "closed (actions verified)"),
    "fu.in-progress": ("en cours (actions réalisées, à vérifier)", "in progress (actions done, to verify)"),
    "fu.open": ("ouverte", "open"),
    "fu.not-checked": ("non vérifiée lors de cet audit", "not checked during this audit"),
    "fu.no-action": ("aucune action enregistrée", "no action on record"),
    "recommendation": ("Recommandation", "Recommendation"),
    "rec.certify": ("prêt pour la certification", "ready for certification"),
    "rec.certify-after-actions": (
        "certifier après traitement des actions",
        "certify once the actions are closed",
    ),
    "rec.do-not-certify": ("pas prêt pour la certification", "not ready for certification"),
    "rec.not-applicable": ("sans objet", "not applicable"),
    "distribution": ("Diffusion", "Distribution"),
    "confidentiality": ("Confidentialité", "Confidentiality"),
    "signature_date": ("Date de signature", "Date of signature"),
    "signatory": ("Signataire", "Signatory"),
    "source_file": ("Fichier source", "Source file"),
    "kind": ("Type", "Type"),
    "date": ("Date", "Date"),
    "dates": ("Dates", "Dates"),
    "context": ("Contexte", "Context"),
    "criteria": ("Critères d'audit", "Audit criteria"),
    "auditors": ("Auditeurs", "Auditors"),
    "auditees": ("Audités", "Auditees"),
    "certification_body": ("Organisme", "Certification body"),
    "summary": ("Synthèse", "Summary"),
    "findings_by_kind": ("Constats par type", "Findings by kind"),
    "findings": ("Constats par processus", "Findings by process"),
    "no_findings": ("Aucun écart ni observation.", "No nonconformity or observation."),
    "finding": ("Constat", "Finding"),
    "statement": ("Description", "Statement"),
    "requirement": ("Exigence", "Requirement"),
    "evidence": ("Preuves", "Evidence"),
    "actions": ("Actions", "Actions"),
    "strengths": ("Points forts", "Strengths"),
    "opportunities": ("Pistes d'amélioration", "Improvement opportunities"),
    "conclusion": ("Conclusion", "Conclusion"),
    "signoff": ("Signature", "Sign-off"),
    "signed_by": ("Signé par", "Signed by"),
    "signed_on": ("le", "on"),
    "not_signed": ("Non signé.", "Not signed."),
    "k.major-nc": ("Non-conformité majeure", "Major nonconformity"),
    "k.nc": ("Non-conformité", "Nonconformity"),
    "k.minor-nc": ("Non-conformité mineure", "Minor nonconformity"),
    "k.observation": ("Observation", "Observation"),
    "k.strength": ("Point fort", "Strength"),
    "k.opportunity": ("Piste d'amélioration", "Improvement opportunity"),
    "a.internal": ("Audit interne", "Internal audit"),
    "a.mock": ("Audit à blanc", "Mock audit"),
    "a.stage1": ("Audit de certification, étape 1", "Certification audit, stage 1"),
    "a.stage2": ("Audit de certification, étape 2", "Certification audit, stage 2"),
    "a.surveillance": ("Audit de surveillance", "Surveillance audit"),
    "a.recertification": ("Audit de renouvellement", "Recertification audit"),
    # action plan
    "action": ("Action", "Action"),
    "owner": ("Responsable", "Owner"),
    "holders": ("Titulaires", "Holders"),
    "due": ("Échéance", "Due"),
    "status": ("État", "Status"),
    "opened_on": ("Ouverte le", "Opened on"),
    "overdue": ("en retard", "overdue"),
    "overdue_days": ("en retard de {days} j", "{days} days overdue"),
    "due_soon": ("échéance dans {days} j", "due in {days} days"),
    "done_on": ("Réalisée le", "Done on"),
    "verified": ("Vérifiée", "Verified"),
    "verified_by": ("Vérifiée par", "Verified by"),
    "verified_on": ("Vérifiée le", "Verified on"),
    "days_overdue": ("Jours de retard", "Days overdue"),
    "description": ("Description", "Description"),
    "verified_on_by": ("le {date} par {who}", "on {date} by {who}"),
    "effectiveness": ("Efficacité", "Effectiveness"),
    "owner_holder": ("Responsable / titulaire", "Owner / holder"),
    "trail": ("Historique", "Trail"),
    "trail.not_opened": ("date d'ouverture non précisée", "opening date not stated"),
    "trail.not_done": ("pas encore réalisée", "not done yet"),
    "trail.not_verified": ("pas encore vérifiée", "not verified yet"),
    "trail.not_assessed": ("efficacité non évaluée", "effectiveness not assessed"),
    "overdue_count.one": ("{count} action en retard sur {total}.", "{count} of {total} actions overdue."),
    "overdue_count.other": ("{count} actions en retard sur {total}.", "{count} of {total} actions overdue."),
    "actions_by_status": ("Actions par état", "Actions by status"),
    "overview": ("Vue d'ensemble", "Overview"),
    "no_actions": ("Aucune action.", "No actions."),
    "ak.corrective": ("corrective", "corrective"),
    "ak.preventive": ("préventive", "preventive"),
    "ak.improvement": ("amélioration", "improvement"),
    "s.open": ("ouverte", "open"),
    "s.done": ("réalisée", "done"),
    "s.verified": ("vérifiée", "verified"),
    "s.cancelled": ("annulée", "cancelled"),
    "deadlines": ("Délai de réponse aux non-conformités", "Response deadline for nonconformities"),
    "deadline_rule": (
        "{standard} : plan d'actions dans un délai {within} suivant l'audit ou la fiche de non-conformité.",
        "{standard}: action plan within {within} after the audit or the nonconformity record.",
    ),
    "deadline": ("Date limite", "Deadline"),
    "no_deadline_rule": (
        "Aucune norme visée ne fixe de délai de réponse : trousse compte un délai {within}, comme la NF EN 15838 (trousse.yml peut le raccourcir).",
        "No targeted standard sets a response deadline: trousse counts {within}, as NF EN 15838 does (trousse.yml may shorten it).",
    ),
    "no_nc": ("Aucune non-conformité à traiter.", "No nonconformity to answer."),
    "breaches.one": (
        "{count} non-conformité sans réponse dans le délai.",
        "{count} nonconformity not answered in time.",
    ),
    "breaches.other": (
        "{count} non-conformités sans réponse dans le délai.",
        "{count} nonconformities not answered in time.",
    ),
    "r.ok": ("dans le délai", "in time"),
    "r.late": ("hors délai", "late"),
    "r.missing": ("aucune action, délai dépassé", "no action, deadline passed"),
    "r.pending": ("à ouvrir avant la date limite", "to open before the deadline"),
    "r.undated": ("action sans date d'ouverture", "action without an opening date"),
    # matrix
    "matrix_of": ("Articles × processus : {standard}", "Clauses × processes: {standard}"),
    "covered": ("Couvert", "Covered"),
    "uncovered": ("Articles non couverts", "Uncovered clauses"),
    "all_covered": ("Tous les articles sont couverts par un processus.", "Every clause is covered by a process."),
    "no_processes": ("La trousse ne décrit encore aucun processus.", "The kit describes no process yet."),
    "mappings": ("Correspondances entre normes", "Mappings between standards"),
    "mapping_of": ("{source} → {target}", "{source} → {target}"),
    "coverage": ("Couverture", "Coverage"),
    "note": ("Remarque", "Note"),
    "c.C": ("complète", "complete"),
    "c.P": ("partielle", "partial"),
    "c.N": ("aucune", "none"),
    "legend": ("Légende", "Legend"),
    "mark": ("✓", "✓"),
    # catalogue
    "category": ("Catégorie", "Category"),
    "promise": ("Promesse", "Promise"),
    "conditions": ("Conditions d'utilisation", "Conditions of use"),
    "cost": ("Coût", "Cost"),
    "contributors": ("Intervenants tiers", "Third-party contributors"),
    "clientele": ("Clientèle visée", "Target clientele"),
    "information": ("Informations générales", "General information"),
    "sla": ("Convention de service", "Service level agreement"),
    "no_services": ("Le catalogue ne contient aucun service.", "The catalogue holds no service."),
    "cat.business": ("métier", "business"),
    "cat.infrastructure": ("infrastructure", "infrastructure"),
    "cat.thematic": ("thématique", "thematic"),
    "cat.internal": ("interne", "internal"),
    # readiness
    "ready_now": (
        "La trousse est prête pour l'audit de certification depuis le {date}.",
        "The kit has been ready for the certification audit since {date}.",
    ),
    "earliest_booking": (
        "La trousse n'est pas prête. Date la plus proche pour réserver l'audit de certification : {date}.",
        "The kit is not ready. Earliest date to book the certification audit: {date}.",
    ),
    "undated": (
        "La trousse n'est pas prête, et aucune date ne peut encore être projetée pour : {items}.",
        "The kit is not ready, and no date can be projected yet for: {items}.",
    ),
    "certified": (
        "Certifiée jusqu'au {until} ; prochain audit de surveillance au plus tard le {due}.",
        "Certified until {until}; next surveillance audit due by {due}.",
    ),
    "commit": ("Commit lu : {commit}", "Commit read: {commit}"),
    "booking_question": (
        "Peut-on réserver l'audit de certification, et à partir de quand ?",
        "Can we book the certification audit, and from when?",
    ),
    "booking_yes": ("Oui, depuis le {date}.", "Yes, since {date}."),
    "booking_from": ("Pas encore : au plus tôt le {date}.", "Not yet: from {date} at the earliest."),
    "booking_undated": ("Pas encore, et aucune date ne peut être projetée.", "Not yet, and no date can be projected."),
    "blockers": ("Ce qui bloque", "What holds it back"),
    "no_blockers": ("Rien ne bloque.", "Nothing holds it back."),
    "heatmap_table": ("Les données du graphique", "The chart's data"),
    "heatmap_legend": (
        "Nombre d'enregistrements par mois ; une case vide : aucun.",
        "Records per month; an empty cell: none.",
    ),
    "conditions_title": ("Conditions", "Conditions"),
    "condition": ("Condition", "Condition"),
    "met": ("remplie", "met"),
    "not_met": ("à faire", "to do"),
    "met_on": ("remplie le {date}", "met on {date}"),
    "projected_on": ("prévue le {date}", "expected on {date}"),
    "blocking": ("Ce qui bloque", "Blocking"),
    "next_steps": ("À faire d'abord", "What to do first"),
    "latest_review": (
        "Dernière revue de direction : {id}, tenue le {date}.",
        "Latest management review: {id}, held on {date}.",
    ),
    "no_review": ("Aucune revue de direction enregistrée.", "No management review on record."),
    "journey": ("Parcours de certification", "Certification journey"),
    "journey_missing": (
        "Le processus ITSM-CERT n'est pas dans la trousse ; le parcours livré avec trousse est utilisé.",
        "The ITSM-CERT process is not in the kit; the journey shipped with trousse is used.",
    ),
    "step": ("Étape", "Step"),
    "t.done": ("fait", "done"),
    "t.todo": ("à faire", "to do"),
    "t.partial": ("en cours", "in progress"),
    "evidence_history": ("Historique des preuves par processus", "Evidence history per process"),
    "records": ("Enregistrements", "Records"),
    "first_evidence": ("Première preuve", "First evidence"),
    "last_evidence": ("Dernière preuve", "Last evidence"),
    "span": ("Durée (j)", "Span (days)"),
    "minimum": ("Historique minimal ({minimum})", "Minimum history ({minimum})"),
    "process_ready_on": ("Prêt le", "Ready on"),
    "timeline": ("Preuves mois par mois", "Evidence month by month"),
    "month": ("Mois", "Month"),
    # revision history of the documents (register)
    "rev.title": ("Historique des révisions des documents", "Revision history of the documents"),
    "rev.intro": (
        "Chaque commit qui a ajouté ou modifié un document maîtrisé, d'après l'historique git de la trousse (les plus anciens d'abord).",
        "Each commit that added or changed a controlled document, from the kit's git history (oldest first).",
    ),
    "rev.commit": ("Commit", "Commit"),
    "rev.author": ("Auteur", "Author"),
    "rev.changed_after": (
        "{id} : modifié le {date} (commit {commit}) après son approbation du {approved}, sans nouvelle approbation.",
        "{id}: changed on {date} (commit {commit}) after its approval of {approved}, not approved again.",
    ),
    "rev.not_committed": ("pas encore enregistré dans git", "not yet committed"),
    "rev.none": ("La trousse ne contient aucun document maîtrisé.", "The kit holds no controlled document."),
    "rev.no_git": (
        "Historique des révisions indisponible : la trousse n'est pas dans un dépôt git.",
        "Revision history unavailable: the kit is not in a git repository.",
    ),
    "no_git": (
        "Preuves indisponibles ({state}) : la trousse doit être dans un dépôt git.",
        "Evidence unavailable ({state}): the kit must be in a git repository.",
    ),
}


def words(text: str, lang: str) -> str:
    """``text`` written by trousse (a message, a standard pack's title) as a ``lang`` report prints
    it: French takes typographic apostrophes and writes ISO/CEI. Kit data keeps its own."""
    if lang != "fr" or not text:
        return text
    return french_apostrophes(text.replace("ISO/IEC", "ISO/CEI"))  # French writes ISO/CEI


def pick(texts: Mapping[Any, str] | str | None, lang: str) -> str:
    """:func:`trousse.i18n.pick` for a standard pack's text (its words: see :func:`words`)."""
    return words(i18n.pick(texts, lang), lang)


def label(key: str, lang: str, **values: object) -> str:
    """The label ``key`` in ``lang`` (French: typographic apostrophes in trousse's own words; the
    values put into it too)."""
    text = i18n.t(f"rpt.{key}", _lang=lang, **values)
    return french_apostrophes(text) if lang == "fr" else text


def plural(key: str, count: int, lang: str, **values: object) -> str:
    """The label ``key.one`` or ``key.other`` for ``count`` (French: 0 and 1 are singular)."""
    one = count <= 1 if lang == "fr" else count == 1
    return label(f"{key}.{'one' if one else 'other'}", lang, count=count, **values)
