"""The example firm's facts (trousse.yml `facts:`) and the documents it wrote itself in full
(issue 17, parts 5 and 6): its scope statement and its internal audit programme agree with its
catalogue, its sites, its audits and its facts, so that `trousse check` (DOC008) finds nothing to
say and an auditor reads the firm's text, not the template's."""

from __future__ import annotations

from trousse.models.facts import template_facts

# trousse.yml facts: the firm's own (the delays and availability are the ones its SLA promises).
FACTS = {
    "fr": {
        "sites": [
            "Agence et centre de support, 12 rue des Remparts, 41000 Blois",
            "Baie louée chez DataCentre Loire, Orléans (hébergement des serveurs)",
        ],
        "major_incident": "un incident qui touche plusieurs clients, interrompt l'hébergement plus de 4 heures "
        "ou expose des données d'un client",
    },
    "en": {
        "sites": [
            "Office and support centre, 14 Westgate Street, Gloucester GL1 2NW",
            "Rack rented at Cotswold Data Centre (server hosting)",
        ],
        "major_incident": "an incident that affects several customers, stops hosting for more than 4 hours "
        "or exposes a customer's data",
    },
}


def facts_block(lang: str, org: str) -> str:
    """The `facts:` block of the firm's trousse.yml."""
    base = template_facts(lang, org)
    own = FACTS[lang]
    lines = ["facts:"]
    lines.append("  sites:")
    lines += [f'    - "{s}"' for s in own["sites"]]
    for key in ("complaint_acknowledgement", "complaint_response", "maintenance_notice", "availability"):
        lines.append(f"  {key}: {base[key]}")
    lines.append("  satisfaction_scale: 0-10")
    lines.append(f'  major_incident: "{own["major_incident"]}"')
    return "\n".join(lines) + "\n"


def own_facts(text: str, lang: str, org: str) -> str:
    """A document `init` rendered with the template's facts, with the firm's instead."""
    base = template_facts(lang, org)
    return text.replace(base["major_incident"], FACTS[lang]["major_incident"])


def sites_line(lang: str) -> str:
    label = "**Sites :** " if lang == "fr" else "**Sites:** "
    return label + " ; ".join(FACTS[lang]["sites"]) if lang == "fr" else label + "; ".join(FACTS[lang]["sites"])


def scope_body(lang: str, scope: str) -> str:
    """The firm's scope document, in full."""
    if lang == "fr":
        return f"""# Périmètre du système de management des services d'Infogérance Val-de-Loire SARL

## Services couverts

**Périmètre :** {scope}

Les quatre services du catalogue (`services/catalogue.yml`), chacun adossé à son accord :

| Service | Pour qui | Accord |
|---|---|---|
| Assistance aux utilisateurs (SVC-SUPPORT) | les PME et associations clientes, 260 postes | SLA-001 |
| Hébergement et sauvegarde des données (SVC-HEBERGEMENT) | 35 clients hébergés | SLA-001 |
| Sécurité du poste et de la messagerie (SVC-SECURITE) | les clients qui y souscrivent | SLA-001 |
| Gestion du parc informatique interne (SVC-PARC-INTERNE) | les salariés de l'entreprise, 14 postes | OLA-001 |

## Organisation et sites

- Entité : Infogérance Val-de-Loire SARL, 12 personnes, dirigée par sa gérante, Hélène Marchand.
- {sites_line(lang)}
- Clients : listés dans `organisation/customers.yml` ; les clients de référence sont l'office
  notarial Berthier & Associés, la clinique vétérinaire des Sablons et Transports Delorme.

## Contexte et parties intéressées

Les enjeux (une équipe de douze personnes, un seul centre de données, des clients qui confient
des actes notariés et des données de santé animale) et les attentes des parties intéressées sont
analysés dans le document de contexte (CTX-ORG) et dans le registre des risques (REG-RSK), revus en
revue de direction.

## Exclusions

Hors périmètre : la revente de matériel sans contrat de service (environ 8 % du chiffre
d'affaires) et le développement de sites web, confié depuis 2025 à un partenaire. Aucune exigence
de la norme n'est exclue pour les quatre services couverts.

## Services et processus confiés à d'autres

DataCentre Loire (salle, énergie, climatisation), Fibréo Pro (lien internet de la baie) et
Sauvegarde Cloud Centre (copie externe des sauvegardes) rendent une partie des services.
Infogérance Val-de-Loire SARL en garde la responsabilité : contrats résumés dans CTR-001 et le registre des fournisseurs, évaluation
annuelle par la gestion des fournisseurs (SUP).

## Revue

Revu en revue de direction chaque année et à chaque ajout ou retrait de service.

## Historique des révisions

| Version | Date | Modification | Approuvé par |
|---|---|---|---|
| 1.0 | 2026-05-28 | Première version : assistance, hébergement et parc interne | Hélène Marchand |
| 1.1 | 2026-07-13 | Ajout du service Sécurité du poste et de la messagerie (changement CHG-2026-0004) | Hélène Marchand |
"""
    return f"""# Scope of the service management system of Severn Valley IT Services Ltd

## Services covered

**Scope:** {scope}

The four services of the catalogue (`services/catalogue.yml`), each backed by its agreement:

| Service | For whom | Agreement |
|---|---|---|
| User support (SVC-SUPPORT) | the small businesses and charities we serve, 260 workstations | SLA-001 |
| Hosting and backup (SVC-HOSTING) | 35 hosted customers | SLA-001 |
| Workstation and mail security (SVC-SECURITY) | the customers who subscribe to it | SLA-001 |
| Internal IT (SVC-INTERNAL-IT) | the firm's staff, 14 workstations | OLA-001 |

## Organisation and sites

- Entity: Severn Valley IT Services Ltd, 12 people, led by its managing director, Margaret Hale.
- {sites_line(lang)}
- Customers: listed in `organisation/customers.yml`; the reference customers are Hartley & Webb
  Solicitors, Meadowbank Veterinary Practice and Carter Haulage.

## Context and interested parties

The issues (a team of twelve, a single data centre, customers who entrust conveyancing files and
animal health records) and what interested parties expect are analysed in the context document
(CTX-ORG) and in the risk register (REG-RSK), reviewed at the management review.

## Exclusions

Out of scope: resale of hardware without a service contract (about 8% of turnover) and web
development, handed to a partner in 2025. No requirement of the standard is excluded for the four
services covered.

## Services and processes operated by others

Cotswold Data Centre (room, power, cooling), WestLink Fibre (the rack's internet link) and
Offsite Vault Backup (offsite backup copies) deliver part of the services. Severn Valley IT
Services Ltd stays accountable for them: contracts summed up in CTR-001 and the supplier register, yearly assessment through
supplier management (SUP).

## Review

Reviewed at the management review every year and whenever a service is added or withdrawn.

## Revision history

| Version | Date | Change | Approved by |
|---|---|---|---|
| 1.0 | 2026-05-28 | First issue: support, hosting and internal IT | Margaret Hale |
| 1.1 | 2026-07-13 | Workstation and mail security service added (change CHG-2026-0004) | Margaret Hale |
"""


def audit_programme_body(
    lang: str, auditor: str, processes: list[str], works_in: list[str], external: tuple[str, str]
) -> str:
    """The firm's internal audit programme, in full: the audits it held and the ones planned. The
    firm's auditor audits only the processes she does not work in (``works_in``: those whose tasks
    name a role she holds); an external auditor audits the others."""
    hers = ", ".join(p for p in processes if p not in works_in)
    theirs = ", ".join(p for p in processes if p in works_in)
    ext, firm = external
    if lang == "fr":
        return f"""# Programme d'audit interne d'Infogérance Val-de-Loire SARL

## Objet

Le programme 2026-2027 : les {len(processes)} processus du périmètre audités avant l'audit de
certification, en commençant par ceux qui touchent le plus les clients (incidents, demandes,
changements), puis chaque année sur deux sessions.

## Auditeurs

- {auditor} (RCF, certifiée Fondation) audite les processus où elle ne travaille pas : {hers}.
- Elle travaille comme technicienne (TECH) ou comme RCF dans les autres : {theirs}. Ceux-là sont
  audités par {ext}, auditrice externe indépendante ({firm}), sous contrat de deux jours par
  audit ; elle est responsable de l'audit quand les deux auditrices interviennent ensemble.

## Audits

| Période | Audit | Processus | Auditeur |
|---|---|---|---|
| juillet 2026 | AUD-2026-01 | INC, SRQ, CHG | {ext} (externe) |
| octobre 2026 | AUD-2026-02, audit à blanc | les {len(processes)} processus | {ext} (externe, responsable) et {auditor} (RCF), selon la répartition ci-dessus |
| avril 2027 | session 1 | INC, SRQ, CHG, PRB, REL, SDT, CFG, SLM, BRM, SUP, CAT, BUD | selon la répartition ci-dessus |
| octobre 2027 | session 2 | les autres processus | selon la répartition ci-dessus |

## Règles

- Un auditeur n'audite pas son propre travail : ni un processus dont il tient le rôle responsable, ni
  un processus dont une tâche nomme un rôle qu'il tient.
- Chaque audit est enregistré dans `audits/`, signé par la responsable de l'audit, et chaque
  non-conformité a son action dans `actions/`, approuvée dans le mois.
- Les processus qui ont eu des constats sont audités à la session suivante.

## Revue

Revu en revue de direction et après chaque audit externe.

## Historique des révisions

| Version | Date | Modification | Approuvé par |
|---|---|---|---|
| 1.0 | 2026-05-28 | Premier programme : audit de juillet et audit à blanc d'octobre | Hélène Marchand |
| 1.1 | 2026-10-20 | Sessions de l'année suivante ajoutées après l'audit à blanc AUD-2026-02 | Hélène Marchand |
"""
    return f"""# Internal audit programme of Severn Valley IT Services Ltd

## Purpose

The 2026-2027 programme: the {len(processes)} processes in scope audited before the certification
audit, starting with those that affect customers most (incidents, requests, changes), then every
year over two sessions.

## Auditors

- {auditor} (RCF, Foundation certified) audits the processes she does not work in: {hers}.
- She works as an engineer (TECH) or as RCF in the others: {theirs}. Those are audited by {ext},
  an independent external auditor ({firm}), under a two-day contract per audit; she leads the
  audit when both auditors take part.

## Audits

| Period | Audit | Processes | Auditor |
|---|---|---|---|
| July 2026 | AUD-2026-01 | INC, SRQ, CHG | {ext} (external) |
| October 2026 | AUD-2026-02, mock audit | all {len(processes)} processes | {ext} (external, lead) and {auditor} (RCF), split as above |
| April 2027 | session 1 | INC, SRQ, CHG, PRB, REL, SDT, CFG, SLM, BRM, SUP, CAT, BUD | split as above |
| October 2027 | session 2 | the other processes | split as above |

## Rules

- Auditors do not audit their own work: neither a process whose owner role they hold nor a process
  one of whose tasks names a role they hold.
- Every audit is recorded under `audits/`, signed by the lead auditor, and every nonconformity has
  its action under `actions/`, approved within the month.
- Processes with findings are audited at the next session.

## Review

Reviewed at the management review and after every external audit.

## Revision history

| Version | Date | Change | Approved by |
|---|---|---|---|
| 1.0 | 2026-05-28 | First programme: July audit and October mock audit | Margaret Hale |
| 1.1 | 2026-10-20 | Next year's sessions added after mock audit AUD-2026-02 | Margaret Hale |
"""
