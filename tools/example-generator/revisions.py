"""What each revision of the demo's documents changed, so that each earlier version is the text the
revision then changed (issue 17): for a document whose revision table has several rows, the change
each later row made, undone on the text that follows it. An item is ``(now, before)`` (the text as
the revision wrote it and as it stood before) or
``Line(text)`` (the revision added the line holding ``text``) or ``Cut(first, last)`` (the revision added the lines from the one holding ``first`` to the one holding
``last``). Strings are matched on the built kit's text (the English kit's record ids renumbered)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cut:
    first: str
    last: str


@dataclass(frozen=True)
class Line:
    """The revision added the whole line holding ``text``."""

    text: str


_line = Line


# artefact -> version -> lang -> what that version changed
CHANGES: dict[str, dict[str, dict[str, list]]] = {
    "asset-register": {
        "0.2": {
            "fr": [
                (
                    "| Serveurs hébergés (fichiers, messagerie, applications) | 9 |",
                    "| Serveurs hébergés (fichiers, messagerie, applications) | 7 |",
                ),
                Line("| Console antivirus et licences |"),
            ],
            "en": [
                (
                    "| Hosted servers (file, mail, applications) | 9 |",
                    "| Hosted servers (file, mail, applications) | 7 |",
                ),
                Line("| Antivirus console and licences |"),
            ],
        },
    },
    "capacity-plan": {
        "1.1": {
            "fr": [
                ("16 To, porté à 24 To en septembre 2026", "16 To"),
                (
                    " Une revue de capacité a montré que le coffre de sauvegarde s'était rempli plus\nvite que prévu (PRB-2026-0002) : le coffre a été étendu et le seuil abaissé.",
                    "",
                ),
            ],
            "en": [
                ("16 TB, extended to 24 TB in September 2026", "16 TB"),
                (
                    " A capacity review showed that the backup vault had filled faster than planned (PRB-2026-0002):\nthe vault was extended and the threshold lowered.",
                    "",
                ),
            ],
        },
        "1.2": {
            "fr": [
                ("80 % (alerte en cours de mise en place, ACT-2026-006)", "80 % (alerte en cours de mise en place)")
            ],
            "en": [("80 % (alert being set up, ACT-2026-006)", "80 % (alert being set up)")],
        },
    },
    "change-management-policy": {
        "1.1": {
            "fr": [
                (
                    "ne peut plus être clos avec un champ de revue vide (depuis juillet 2026, action ACT-2026-002).",
                    "est clos une fois la revue faite.",
                )
            ],
            "en": [
                ("closed with an empty review field (since July 2026, action ACT-2026-002).", "closed once reviewed.")
            ],
        },
    },
    "competence-matrix": {
        "1.1": {
            "fr": [
                Cut("Les rôles de direction, d'administration", "| Manon Lefèvre | COM |"),
                ("| certificat Fondation CFN-2026-0001 |", "| formation Fondation prévue |"),
                (
                    "| Léa Fontaine | TECH | 3 | 2 | 1 | 1 | 1 | — | formation interne FOR-2026-0002 |",
                    "| Léa Fontaine | TECH | 2 | 2 | 1 | 1 | 1 | — | formation interne prévue |",
                ),
                (
                    "| Nicolas Perrin | TECH | 2 | 2 | 1 | 1 | 1 | — | formation interne FOR-2026-0002 |",
                    "| Nicolas Perrin | TECH | 1 | 2 | 1 | 1 | 1 | — | formation interne prévue |",
                ),
                (
                    "la seconde, Thomas Girard, a été formée en\n  octobre 2026",
                    "la seconde, Thomas Girard, est à former",
                ),
                (
                    "L'efficacité d'une formation interne n'avait pas été évaluée à une date donnée (non-conformité\nAUD-2026-02-F2, ACT-2026-003 réalisée : chaque enregistrement de formation porte désormais une date\net un résultat d'évaluation).",
                    "Aucun écart connu.",
                ),
            ],
            "en": [
                Cut("The director's, office and account roles", "| Lucy Barnes | COM |"),
                ("| Foundation certificate CFO-2026-0001 |", "| Foundation course planned |"),
                (
                    "| Chloe Evans | TECH | 3 | 2 | 1 | 1 | 1 | — | in-house training FOR-2026-0002 |",
                    "| Chloe Evans | TECH | 2 | 2 | 1 | 1 | 1 | — | in-house training planned |",
                ),
                (
                    "| Sam Patel | TECH | 2 | 2 | 1 | 1 | 1 | — | in-house training FOR-2026-0002 |",
                    "| Sam Patel | TECH | 1 | 2 | 1 | 1 | 1 | — | in-house training planned |",
                ),
                ("the second, Ryan Doyle, was trained in October 2026", "the second, Ryan Doyle, is to be trained"),
                (
                    "The effectiveness of an in-house training was not assessed with a date (nonconformity\nAUD-2026-02-F2, ACT-2026-003 done: each training record now carries an assessment date and result).",
                    "No known gap.",
                ),
            ],
        },
    },
    "context-analysis": {
        "1.1": {
            "fr": [Cut("- Changement climatique : nous avons déterminé", "à sa prochaine revue trimestrielle.")],
            "en": [Cut("- Climate change: we have determined", "at its next quarterly review.")],
        },
    },
    "continuity-plan": {
        "1.1": {
            "fr": [
                (
                    "bascule sur le routeur 4G de secours installé par CHG-2026-0012 (testée, PCA-2026-0002)",
                    "prévenir les clients hébergés et suivre le rétablissement",
                ),
                (" au contrat (ACT-2026-004) |", " au contrat |"),
                (
                    "restauration complète d'un serveur de fichiers\n(PCA-2026-0001 : 5 heures pour un objectif de 4 heures, non-conformité majeure AUD-2026-02-F1,\naction ACT-2026-005 avec un nouveau test en décembre 2026) et bascule de lien (PCA-2026-0002 :\n3 minutes, clients non touchés).",
                    "restauration complète d'un serveur de fichiers\net bascule de lien.",
                ),
            ],
            "en": [
                (
                    "fail over to the 4G backup router installed by CHG-2026-0012 (tested, TCO-2026-0002)",
                    "warn the hosted customers and follow the restoration",
                ),
                (" restoration time yet (ACT-2026-004) |", " restoration time yet |"),
                (
                    "a full restore of a file server (TCO-2026-0001: done in\n5 hours against the 4-hour objective, major nonconformity AUD-2026-02-F1, action ACT-2026-005 with\na new test in December 2026) and a link failover (TCO-2026-0002: 3 minutes, customers unaffected).",
                    "a full restore of a file server and a link failover.",
                ),
            ],
        },
    },
    "continuity-contacts": {
        "1.1": {
            "fr": [("| Thomas Girard | 06 00 00 04 05 |", "| Thomas Girard | 06 00 00 04 50 |")],
            "en": [("| Ryan Doyle | 07700 900405 |", "| Ryan Doyle | 07700 900450 |")],
        },
    },
    "incident-management-procedure": {
        "1.1": {
            "fr": [
                (
                    "catégorie prise dans la liste fermée (depuis l'audit\n   AUD-2026-01) ;",
                    "catégorie au choix du technicien ;\n  ",
                )
            ],
            "en": [("category from the fixed list (since audit AUD-2026-01);", "category as the engineer sees it;")],
        },
    },
    "indicator-register": {
        "1.1": {
            "fr": [_line("| Alertes de sécurité traitées à temps |")],
            "en": [_line("| Security alerts handled in time |")],
        },
        "1.2": {
            "fr": [
                (
                    "changement lié à l'incident : le\nchamp n'existe dans la fiche d'incident que depuis septembre 2026, le chiffre du trimestre où il est apparu\nest donc partiel.",
                    "changement lié à l'incident, à\nsaisir dans la fiche d'incident.",
                )
            ],
            "en": [
                (
                    "the incident's linked change: the field exists in\nthe incident form only since September 2026, so the figure of the quarter it appeared in is partial.",
                    "the incident's linked change, to be\nfilled in the incident form.",
                )
            ],
        },
    },
    "information-security-policy": {
        "1.1": {
            "fr": [
                (
                    "**Aucun accès distant sans second facteur**, pour les salariés comme pour les utilisateurs des\n   clients (depuis octobre 2026, CHG-2026-0011).",
                    "**Accès distant par mot de passe personnel**, pour les salariés comme pour les utilisateurs des\n   clients ; second facteur à l'étude.",
                )
            ],
            "en": [
                (
                    "**No remote access without a second factor**, for staff and for customers' users (since October\n   2026, CHG-2026-0011).",
                    "**Remote access with a personal password**, for staff and for customers' users; a second\n   factor is being studied.",
                )
            ],
        },
    },
    "internal-audit-programme": {
        "1.1": {
            "fr": [
                _line("| avril 2027 | session 1 |"),
                _line("| octobre 2027 | session 2 |"),
                ("| juillet 2026 | AUD-2026-01 |", "| juillet 2026 | prévu |"),
                ("| octobre 2026 | AUD-2026-02, audit à blanc |", "| octobre 2026 | prévu : audit à blanc |"),
            ],
            "en": [
                _line("| April 2027 | session 1 |"),
                _line("| October 2027 | session 2 |"),
                ("| July 2026 | AUD-2026-01 |", "| July 2026 | planned |"),
                ("| October 2026 | AUD-2026-02, mock audit |", "| October 2026 | planned: mock audit |"),
            ],
        },
    },
    "risk-register": {
        "1.1": {
            "fr": [
                _line("| O1 | Les clients qui traitent"),
                ("| Élodie Garnier | soldé par CHG-2026-0011 |", "| Élodie Garnier | à l'étude |"),
                (
                    "| Élodie Garnier | restauration en 5 h pour 4 h visées (PCA-2026-0001) : ACT-2026-005 ouverte |",
                    "| Élodie Garnier | à tester |",
                ),
                ("| Julien Caillaud | ACT-2026-004 ouverte |", "| Julien Caillaud | à surveiller |"),
                (
                    "| R3 | Lien Fibréo Pro coupé, sans délai de rétablissement au contrat | 2 | 2 | 4 | lien de secours, délai de rétablissement en négociation |",
                    "| R3 | Lien Fibréo Pro coupé | 2 | 2 | 4 | délai de rétablissement de 4 heures annoncé par l'opérateur |",
                ),
                ("survenu (PRB-2026-0002) ; ACT-2026-006 ouverte", "à surveiller"),
                ("| erreur connue PRB-2026-0004 |", "| à surveiller |"),
            ],
            "en": [
                _line("| O1 | Customers handling health"),
                ("| Amira Khan | closed by CHG-2026-0011 |", "| Amira Khan | being studied |"),
                (
                    "| Amira Khan | restore took 5 h against 4 h (TCO-2026-0001): ACT-2026-005 open |",
                    "| Amira Khan | to be tested |",
                ),
                ("| Daniel Okafor | ACT-2026-004 open |", "| Daniel Okafor | to be watched |"),
                (
                    "| R3 | WestLink Fibre link down, no contractual restoration time | 2 | 2 | 4 | backup link, restoration time negotiated |",
                    "| R3 | WestLink Fibre link down | 2 | 2 | 4 | 4-hour restoration time stated by the operator |",
                ),
                ("happened (PRB-2026-0002); ACT-2026-006 open", "to be watched"),
                ("| PRB-2026-0004 known error |", "| to be watched |"),
            ],
        },
    },
    "service-budget": {
        "0.2": {
            "fr": [_line("| Sécurité du poste et de la messagerie | 10 800 €")],
            "en": [_line("| Workstation and mail security | £9,000")],
        },
    },
    "service-catalogue": {
        "1.1": {
            "fr": [_line("| Sécurité du poste et de la messagerie (SVC-SECURITE) | thématique")],
            "en": [_line("| Workstation and mail security (SVC-SECURITY) | thematic")],
        },
    },
    "service-management-plan": {
        "1.1": {
            "fr": [
                (
                    "Il a été revu après la revue de direction de lancement.",
                    "Il sera revu après la revue de direction de lancement.",
                ),
                (
                    "| revue de direction de lancement | fait (RDD-2026-0001) |",
                    "| revue de direction de lancement | prévu |",
                ),
            ],
            "en": [
                (
                    "It was revised after the launch management review.",
                    "It will be revised after the launch management review.",
                ),
                ("| launch management review | done (MRV-2026-0001) |", "| launch management review | planned |"),
            ],
        },
        "1.2": {
            "fr": [
                (
                    "Il a été revu après la revue de direction de lancement, puis après\nla revue RDD-2026-0002.",
                    "Il a été revu après la revue de direction de lancement.",
                ),
                _line("| décembre 2026 | non-conformité majeure soldée"),
                ("Sophie Renard (certificat de juillet 2026).", "Sophie Renard (formation Fondation prévue)."),
                ("| devis de novembre 2026 |", "| devis à demander |"),
                ("| Quand | Quoi | État en novembre 2026 |", "| Quand | Quoi | État |"),
                (
                    "| premier audit interne (INC, SRQ, CHG) ; ajout du service de sécurité | fait |",
                    "| premier audit interne (INC, SRQ, CHG) | prévu |",
                ),
                (
                    "| audit à blanc de tous les processus | fait, une non-conformité majeure ouverte |",
                    "| audit à blanc de tous les processus | prévu |",
                ),
                (
                    "| revue de direction avant certification ; demande envoyée | fait |",
                    "| revue de direction avant certification | prévu |",
                ),
                ("| à réserver une fois l'action soldée |", "| prévu |"),
                (
                    "La date de certification dépend de la clôture d'ACT-2026-005 ; si le nouveau test de restauration\néchoue, les audits sont décalés d'un trimestre. Les autres risques",
                    "Les risques",
                ),
            ],
            "en": [
                (
                    "It was revised after the launch management review and again after review MRV-2026-0002.",
                    "It was revised after the launch management review.",
                ),
                _line("| December 2026 | major nonconformity closed"),
                ("Priya Shah (certificate of July 2026).", "Priya Shah (Foundation course planned)."),
                ("| quote of November 2026 |", "| quote to request |"),
                ("| When | What | Status in November 2026 |", "| When | What | Status |"),
                (
                    "| first internal audit (INC, SRQ, CHG); security service added | done |",
                    "| first internal audit (INC, SRQ, CHG) | planned |",
                ),
                (
                    "| mock audit of every process | done, one major nonconformity open |",
                    "| mock audit of every process | planned |",
                ),
                (
                    "| management review before certification; application sent | done |",
                    "| management review before certification | planned |",
                ),
                ("| to book once the action is closed |", "| planned |"),
                (
                    "The certification date depends on closing ACT-2026-005; if the new restore test fails, the audits\nmove by one quarter. The other risks",
                    "The risks",
                ),
            ],
        },
    },
    "sla": {
        "1.1": {
            "fr": [
                _line("| Sécurité du poste et de la messagerie (SVC-SECURITE) | antivirus géré"),
                _line("| Alerte de sécurité traitée | 1 heure ouvrée |"),
            ],
            "en": [
                _line("| Workstation and mail security (SVC-SECURITY) | managed antivirus"),
                _line("| Security alert handled | 1 working hour |"),
            ],
        },
    },
    "sms-policy": {
        "1.1": {
            "fr": [
                (
                    "| Objectif | Cible | Mesuré dans | Responsable |\n|---|---|---|---|",
                    "| Objectif | Cible | Mesuré dans | Responsable |\n|---|---|---|---|\n| (à fixer à la revue de direction de lancement) | | | |",
                ),
                Cut("| Incidents P1 pris en charge", "| Certificat ISO/CEI 20000-1 |"),
            ],
            "en": [
                (
                    "| Objective | Target | Measured in | Owner |\n|---|---|---|---|",
                    "| Objective | Target | Measured in | Owner |\n|---|---|---|---|\n| (to be set at the launch management review) | | | |",
                ),
                Cut("| P1 incidents picked up", "| ISO/IEC 20000-1 certificate |"),
            ],
        },
    },
    "sms-requirements": {
        "1.1": {
            "fr": [
                _line("| Garder le périmètre du certificat fidèle"),
                _line("| Disposer d'une ressource certifiée Fondation"),
            ],
            "en": [_line("| Keep the certificate's scope true"), _line("| Have a Foundation-certified resource")],
        },
    },
    "sms-scope": {
        "1.1": {
            "fr": [
                (
                    "Services d'assistance aux utilisateurs, d'hébergement et de sauvegarde, et de sécurité du poste et de la messagerie, fournis",
                    "Services d'assistance aux utilisateurs et d'hébergement et de sauvegarde, fournis",
                ),
                _line("| Sécurité du poste et de la messagerie (SVC-SECURITE) | les clients"),
                ("Les quatre services du catalogue", "Les trois services du catalogue"),
                ("pour les quatre services couverts", "pour les trois services couverts"),
            ],
            "en": [
                (
                    "User support, hosting and backup, and workstation and mail security services delivered",
                    "User support and hosting and backup services delivered",
                ),
                _line("| Workstation and mail security (SVC-SECURITY) | the customers"),
                ("The four services of the catalogue", "The three services of the catalogue"),
                ("excluded for the four\nservices covered", "excluded for the three\nservices covered"),
            ],
        },
    },
    "standard-change-list": {
        "1.1": {
            "fr": [_line("| CS-05 | Ajouter une règle de filtrage")],
            "en": [_line("| SC-05 | Add a mail filtering rule")],
        },
    },
    "supplier-contract": {
        "1.1": {
            "fr": [
                (
                    " La revue SUP-2026-0002 a trouvé le\nfournisseur dans ses engagements ; la liste des personnes autorisées n'avait pas été mise à jour\naprès un départ, corrigé le jour même.",
                    "",
                )
            ],
            "en": [
                (
                    " Review RFO-2026-0002 found the supplier on target; the list of authorised staff had\nnot been updated after a departure, corrected the same day.",
                    "",
                )
            ],
        },
    },
    "supplier-register": {
        "1.1": {
            "fr": [
                (
                    "- Fibréo Pro : une coupure (INC-2026-0013), rétablie en 1 h 50 ; la revue SUP-2026-0003 supposait à\n  tort un délai de rétablissement de 4 heures (non-conformité AUD-2026-02-F3).\n- Sauvegarde Cloud Centre : quota du coffre atteint avant l'extension prévue (PRB-2026-0002) ; le\n  fournisseur l'a étendu en deux jours.",
                    "Aucune revue encore : la première suit six mois de service.",
                ),
                (
                    "| 2026-06-30 (SUP-2026-0002) | 4,5 | juin 2027 |",
                    "| pas encore évalué | — | avant la certification |",
                ),
                (
                    "| **aucun** : en négociation (ACT-2026-004) | 2026-09-24 (SUP-2026-0003) | 3,0 | mars 2027 |",
                    "| 4 heures | pas encore évalué | — | avant la certification |",
                ),
                (
                    "| 2026-09-25 (SUP-2026-0004) | 3,5 | septembre 2027 |",
                    "| pas encore évalué | — | avant la certification |",
                ),
            ],
            "en": [
                (
                    "- WestLink Fibre: one outage (INC-2026-0013), restored in 1 h 50; review RFO-2026-0003 wrongly\n  assumed a 4-hour restoration time (nonconformity AUD-2026-02-F3).\n- Offsite Vault Backup: vault quota reached before the planned extension (PRB-2026-0002); the\n  supplier extended it within two days.",
                    "No review yet: the first follows six months of service.",
                ),
                ("| 2026-06-30 (RFO-2026-0002) | 4.5 | June 2027 |", "| not yet reviewed | — | before certification |"),
                (
                    "| **none**: being negotiated (ACT-2026-004) | 2026-09-24 (RFO-2026-0003) | 3.0 | March 2027 |",
                    "| 4 hours | not yet reviewed | — | before certification |",
                ),
                (
                    "| 2026-09-25 (RFO-2026-0004) | 3.5 | September 2027 |",
                    "| not yet reviewed | — | before certification |",
                ),
            ],
        },
    },
}


def undo(text: str, items: list, where: str) -> str:
    """``text`` as it stood before the change ``items`` describe (each must be found in it)."""
    for item in items:
        if isinstance(item, Cut):
            lines = text.splitlines(keepends=True)
            start = next((i for i, line in enumerate(lines) if item.first in line), None)
            assert start is not None, (where, item.first)
            end = next((i for i in range(start, len(lines)) if item.last in lines[i]), None)
            assert end is not None, (where, item.last)
            if end + 1 < len(lines) and not lines[end + 1].strip() and (start == 0 or not lines[start - 1].strip()):
                end += 1  # the paragraph's blank line goes with it
            text = "".join(lines[:start] + lines[end + 1 :])
            continue
        if isinstance(item, Line):
            assert text.count(item.text) == 1, (where, item.text)
            text = re.sub(r"^[^\n]*" + re.escape(item.text) + r"[^\n]*\n", "", text, count=1, flags=re.M)
            continue
        now, before = item
        assert text.count(now) == 1, (where, now)
        text = text.replace(now, before)
    return text
