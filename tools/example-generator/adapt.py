"""The firm's opening paragraph for a document `init` wrote (issue 17, part 6): the fallback for a
document type that has no full text under `texts/<lang>/` yet.

The firm writes every document in full (`texts/<lang>/<artefact>.md`, see build.py); this only
serves a document template added later, until its text is written. An approved document must be
the firm's own text: `trousse check` (DOC006) reports one that still holds the template's guidance,
its [[...]] placeholders or the text `init` wrote, and `tests/test_demo_consistency.py` fails on a
document that is the template beyond its opening.
"""

from __future__ import annotations

import re
import textwrap

# artefact -> (fr, en): the firm's own opening paragraph, replacing the template's.
OPENINGS: dict[str, tuple[str, str]] = {
    "sms-scope": (
        "Le système de management des services (SMS) d'Infogérance Val-de-Loire SARL couvre le soutien "
        "aux utilisateurs, l'hébergement et la sauvegarde des données et la sécurité des postes, fournis "
        "depuis son agence de Blois à une trentaine de PME du Loir-et-Cher (dont l'office notarial "
        "Berthier & Associés, la clinique vétérinaire des Sablons et Transports Delorme), ainsi que la "
        "gestion du parc informatique interne :",
        "The service management system (SMS) of Severn Valley IT Services Ltd covers user support, data "
        "hosting and backup, and workstation security, provided from its Gloucester office to some thirty "
        "small firms in Gloucestershire (among them Hartley & Webb Solicitors, Meadowbank Veterinary "
        "Practice and Carter Haulage), and the firm's own internal IT:",
    ),
    "sms-policy": (
        "Infogérance Val-de-Loire SARL fait tourner l'informatique de petites entreprises qui n'ont pas de "
        "service informatique : un notaire qui ne peut plus signer d'actes, une clinique qui ne peut plus "
        "lire ses dossiers, un transporteur qui ne peut plus éditer ses lettres de voiture. Cette "
        "politique dit ce que la gérante, Hélène Marchand, s'engage à faire pour que ces services soient "
        "fiables, utiles et améliorés chaque année.",
        "Severn Valley IT Services Ltd runs the IT of small firms that have no IT department: a solicitor "
        "who can no longer complete a conveyance, a veterinary practice that can no longer read its "
        "records, a haulier that can no longer print its consignment notes. This policy states what the "
        "managing director, Margaret Hale, commits to so that these services are reliable, useful and "
        "improved every year.",
    ),
    "service-management-plan": (
        "Ce plan dit comment Infogérance Val-de-Loire SARL fait fonctionner son SMS jusqu'à sa "
        "première certification : objectifs, ressources (douze personnes, dont une responsable sécurité "
        "et continuité recrutée à l'ouverture du service de sécurité), calendrier et communication. Il a été revu après l'audit "
        "interne AUD-2026-01 et la revue de direction de septembre.",
        "This plan says how Severn Valley IT Services Ltd runs its SMS up to its first "
        "certification: objectives, resources (twelve people, among them a security and continuity lead "
        "hired when the security service opened), schedule and communication. It was revised after internal audit AUD-2026-01 and "
        "the September management review.",
    ),
    "risk-register": (
        "Ce registre liste ce qui pourrait empêcher Infogérance Val-de-Loire SARL de tenir ses engagements "
        "envers ses clients de Blois et du Loir-et-Cher — d'abord la dépendance à un seul centre de "
        "données (DataCentre Loire, à Orléans) et à une petite équipe — ou au contraire l'aider à mieux "
        "les servir. Julien Caillaud le revoit chaque trimestre ; la gérante le revoit en revue de direction.",
        "This register lists what could stop Severn Valley IT Services Ltd from keeping its commitments to "
        "its Gloucestershire customers — first its reliance on a single data centre (Cotswold Data "
        "Centre) and on a small team — or on the contrary help it serve them better. Daniel Okafor "
        "reviews it every quarter; the managing director reviews it at the management review.",
    ),
    "service-catalogue": (
        "Le catalogue d'Infogérance Val-de-Loire SARL est tenu dans `services/catalogue.yml` : quatre "
        "services (soutien, hébergement, sécurité, parc interne), chacun décrit par les sept éléments "
        "d'une description de service et adossé à son accord de niveau de service.",
        "The catalogue of Severn Valley IT Services Ltd is kept in `services/catalogue.yml`: four "
        "services (support, hosting, security, internal IT), each described by the seven elements of a "
        "service description and backed by its service level agreement.",
    ),
    "sla": (
        "Entre **Infogérance Val-de-Loire SARL**, 12 rue des Remparts, 41000 Blois (le prestataire), et le "
        "**client** nommé ci-dessous, pour les services listés. Le modèle est signé avec chaque client ; "
        "les niveaux ci-dessous ont été confirmés avec l'office notarial Berthier & Associés, client de "
        "référence, en mai 2026.",
        "Between **Severn Valley IT Services Ltd**, 14 Westgate Street, Gloucester (the provider), and the "
        "**customer** named below, for the services listed. The same agreement is signed with each "
        "customer; the levels below were confirmed with Hartley & Webb Solicitors, the reference "
        "customer, in May 2026.",
    ),
    "supplier-contract": (
        "Ce document résume ce qu'Infogérance Val-de-Loire SARL a convenu avec DataCentre Loire (Orléans), "
        "qui héberge ses serveurs, et comment c'est suivi. Il ne remplace pas le contrat signé en 2024 : "
        "il y renvoie et garde ce qui compte pour nos clients. Fibréo Pro et Sauvegarde Cloud Centre n'ont "
        "pas de fiche : leurs contrats (FP-2025-0311, SCC-2024-0907) sont résumés dans le registre des fournisseurs (REG-FRN).",
        "This document sums up what Severn Valley IT Services Ltd agreed with Cotswold Data Centre, which "
        "houses its servers, and how it is followed up. It does not replace the contract signed in 2024: "
        "it refers to it and keeps what matters for our customers. WestLink Fibre and Offsite Vault "
        "Backup have no sheet: their contracts (WLF-2025-0311, OVB-2024-0907) are summed up in the supplier register (REG-FRN).",
    ),
    "capacity-plan": (
        "Ce plan vérifie qu'Infogérance Val-de-Loire SARL aura assez de ressources — huit techniciens, "
        "le stockage loué chez DataCentre Loire, le lien Fibréo Pro, les licences — pour rendre les "
        "services promis cette année et l'an prochain, avec les deux nouveaux clients attendus au second semestre.",
        "This plan checks that Severn Valley IT Services Ltd will have enough resources — eight engineers, "
        "the storage rented at Cotswold Data Centre, the WestLink Fibre link, the licences — to provide "
        "the promised services this year and next, with the two new customers expected in the second half.",
    ),
    "change-management-policy": (
        "Chez Infogérance Val-de-Loire SARL, un changement mal préparé sur le serveur d'un client arrête "
        "tout un cabinet. Cette politique dit quels changements sont maîtrisés, qui les approuve (Julien "
        "Caillaud, ou la gérante en son absence) et comment ils sont réalisés.",
        "At Severn Valley IT Services Ltd, a badly prepared change on a customer's server stops a whole "
        "office. This policy says which changes are controlled, who approves them (Daniel Okafor, or the "
        "managing director when he is away) and how they are carried out.",
    ),
    "release-policy": (
        "Chez Infogérance Val-de-Loire SARL, une mise en production regroupe un ou plusieurs changements "
        "approuvés (correctifs mensuels, nouvelles versions des logiciels métiers des clients), testés sur "
        "la plateforme de recette de l'agence puis déployés ensemble.",
        "At Severn Valley IT Services Ltd, a release groups one or more approved changes (monthly patches, "
        "new versions of customers' business software), tested on the office's test platform then "
        "deployed together.",
    ),
    "continuity-plan": (
        "Ce plan dit comment Infogérance Val-de-Loire SARL tient la disponibilité promise au quotidien et "
        "comment elle rétablit ses services après un sinistre : perte de la salle de DataCentre Loire, "
        "de l'agence de Blois, du lien Fibréo Pro ou d'une personne clé. Élodie Garnier en est responsable "
        "depuis son recrutement.",
        "This plan says how Severn Valley IT Services Ltd keeps the promised availability day to day and "
        "how it restores its services after a disaster: loss of the Cotswold Data Centre suite, of the "
        "Gloucester office, of the WestLink Fibre link or of a key person. Amira Khan has owned it since "
        "she was hired.",
    ),
    "information-security-policy": (
        "Nos clients — notaires, vétérinaires, transporteurs — nous confient des données sensibles (actes, "
        "dossiers médicaux d'animaux, données de paie) et l'accès à leurs systèmes. Cette politique fixe "
        "les règles qu'Infogérance Val-de-Loire SARL applique pour en protéger la confidentialité, "
        "l'intégrité et la disponibilité.",
        "Our customers — solicitors, vets, hauliers — entrust us with sensitive data (deeds, animal "
        "medical records, payroll data) and access to their systems. This policy sets the rules Severn "
        "Valley IT Services Ltd applies to protect their confidentiality, integrity and availability.",
    ),
    "internal-audit-programme": (
        "Le programme d'audit interne d'Infogérance Val-de-Loire SARL pour l'année : tous les processus du "
        "périmètre audités avant l'audit de certification, par Sophie Renard (certifiée Fondation) et un "
        "auditeur externe pour les processus qu'elle exerce elle-même.",
        "The internal audit programme of Severn Valley IT Services Ltd for the year: every process in scope "
        "audited before the certification audit, by Priya Shah (Foundation certified) and an external "
        "auditor for the processes she works in herself.",
    ),
}


# (artefact, placeholder) -> (fr, en): what the firm wrote where the template left [[...]].
FILLED: dict[tuple[str, str], tuple[str, str]] = {
    ("sla", "customer"): (
        "Office notarial Berthier & Associés (CLI-BERTHIER dans `organisation/customers.yml`)",
        "Hartley & Webb Solicitors (CLI-HARTLEY in `organisation/customers.yml`)",
    ),
    ("sla", "contact"): (
        "Maître Anne Berthier, 02 54 00 00 00, accueil@berthier-notaires.example",
        "Anne Hartley, 01452 000000, office@hartleywebb.example",
    ),
    ("sms-scope", "address"): ("12 rue des Remparts, 41000 Blois", "14 Westgate Street, Gloucester GL1 2NW"),
    ("supplier-contract", "name"): ("DataCentre Loire (Orléans)", "Cotswold Data Centre"),
}
_KEYS = {
    "customer": ("nom du client", "customer's name"),
    "contact": ("nom, téléphone, courriel", "name, phone, email"),
    "address": ("adresse", "address"),
    "name": ("nom", "name"),
}
GUIDANCE = re.compile(r"^> \*\*(Guide|Guidance|Exemple|Example)\*\*")


def is_adapted(art: str) -> bool:
    """Whether the firm has written its own text for documents of type ``art``."""
    return art in OPENINGS


def adapt(text: str, art: str, lang: str) -> str:
    """The document with the firm's own opening paragraph instead of the template's."""
    opening = textwrap.fill(OPENINGS[art][0 if lang == "fr" else 1], width=100)
    head, sep, body = text.partition("\n---\n")
    paras = body.split("\n\n")
    for i, p in enumerate(paras):
        first = p.lstrip("\n")
        if first and first[0] not in "#|->{`*" and len(first) >= 60:
            paras[i] = opening
            break
    else:
        paras.insert(1, opening)
    paras = [p for p in paras if not GUIDANCE.match(p.lstrip("\n"))]
    body = "\n\n".join(paras)
    for (a, key), values in FILLED.items():
        if a == art:
            hint = _KEYS[key][0 if lang == "fr" else 1]
            body = re.sub(r"\[\[" + re.escape(hint) + r"[^\]]*\]\]", values[0 if lang == "fr" else 1], body)
    return head + sep + body
