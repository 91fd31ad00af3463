"""The firm's own description of each process (the Markdown body of processes/<ID>.md): who does
what at the firm, its tools, its thresholds and the folders its records are really kept in.
Its header (front matter) keeps the pack's ids, names, roles and artefacts, with the firm's own
objective, indicators and step descriptions (HEAD, process_head): DOC006 judges the header's prose
as it judges the body (issue 17, part 6)."""

import re

from people import CUSTOMERS, ORG, SUPPLIERS, TOWN, name

from trousse.yamlio import dump, load_plain

# process id -> (who does what, how the firm runs it and what it measures), each (fr, en).
# {P<n>} is a person of people.PEOPLE, {C<n>} a customer.
OWN = {
    "SMS": (
        (
            "{P0} porte le système de management et préside la revue de direction ; {P1} le tient à jour au quotidien (trousse, documents, plan) et le présente chaque trimestre.",
            "{P0} owns the management system and chairs the management review; {P1} keeps it up to date day to day (the kit, the documents, the plan) and presents it every quarter.",
        ),
        (
            "Le SMS tient dans le dépôt git de la trousse sur le serveur de fichiers ; `trousse check` passe avant chaque validation. Objectif : aucun document en retard de revue, la revue de direction deux fois par an (juin et novembre).",
            "The SMS lives in the kit's git repository on the file server; `trousse check` runs before every commit. Objective: no document overdue for review, a management review twice a year (June and November).",
        ),
    ),
    "SPM": (
        (
            "{P1} recense les parties qui concourent aux services (le centre de données, l'opérateur réseau, le grossiste, le sauvegardeur externe) ; {P0} décide de ce qui reste en interne.",
            "{P1} lists the parties that contribute to the services (the data centre, the network operator, the wholesaler, the offsite backup provider); {P0} decides what stays in house.",
        ),
        (
            "Le contrôle des parties est revu une fois par an, à la revue fournisseur de juin, avec le registre des fournisseurs ; aucun processus du SMS n'est confié à un tiers.",
            "Control of the parties is reviewed once a year, at the June supplier review, against the supplier register; no SMS process is given to a third party.",
        ),
    ),
    "CAT": (
        (
            "{P1} tient le catalogue ; {P10} vérifie avec chaque client que ce qu'il achète y figure.",
            "{P1} keeps the catalogue; {P10} checks with each customer that what they buy is in it.",
        ),
        (
            "Le catalogue est `services/catalogue.yml` ; il est relu chaque trimestre avec les revues de service, et toute modification, dont l'ajout d'un service, passe par une fiche de changement.",
            "The catalogue is `services/catalogue.yml`; it is read again every quarter with the service reviews, and every change to it, a new service included, goes through a change record.",
        ),
    ),
    "AST": (
        (
            "{P9} tient le registre des actifs et des licences ; {P3} y inscrit chaque poste ou équipement réseau livré ou repris.",
            "{P9} keeps the asset and licence register; {P3} enters every PC or network device delivered or taken back.",
        ),
        (
            "Un inventaire trimestriel compare le registre, la console de gestion des postes et les factures ; un écart de plus de 2 % ou une licence en dépassement ouvre une action.",
            "A quarterly inventory compares the register, the PC management console and the invoices; a gap above 2 % or a licence over its count opens an action.",
        ),
    ),
    "CFG": (
        (
            "{P5} décrit les serveurs et le stockage, {P3} le réseau et les pare-feu ; {P1} approuve chaque nouvel élément de configuration.",
            "{P5} describes the servers and the storage, {P3} the network and the firewalls; {P1} approves every new configuration item.",
        ),
        (
            "Un fichier par élément de configuration, identifiant CI ; un contrôle de configuration compare chaque trimestre les fiches à la supervision et aux baies du centre de données.",
            "One file per configuration item, id CI; a configuration audit compares the records with monitoring and the data-centre racks every quarter.",
        ),
    ),
    "BRM": (
        (
            "{P10} est l'interlocutrice de chaque client ; {P0} rencontre les trois clients une fois par an ; {P1} prépare les chiffres.",
            "{P10} is each customer's contact; {P0} meets the three customers once a year; {P1} prepares the figures.",
        ),
        (
            "Enquête de satisfaction annuelle (échelle 0 à 10, cible 8), revue de service trimestrielle par client, réclamation accusée sous 2 jours ouvrés.",
            "Yearly satisfaction survey (0 to 10 scale, target 8), quarterly service review with each customer, complaint acknowledged within 2 working days.",
        ),
    ),
    "SLM": (
        (
            "{P1} négocie et suit les accords de niveau de service ; {P10} les fait signer et les présente en revue de service.",
            "{P1} negotiates and follows the service level agreements; {P10} has them signed and presents them at service reviews.",
        ),
        (
            "Un accord par client, fondé sur le document SLA ; les délais P1 à P4 et la disponibilité de 99,5 % de l'hébergement sont comparés chaque mois au rapport de service.",
            "One agreement per customer, built on the SLA document; the P1 to P4 times and the 99.5 % hosting availability are compared every month with the service report.",
        ),
    ),
    "SUP": (
        (
            "{P1} suit les fournisseurs au quotidien ; {P0} signe les contrats ; {P9} suit les factures.",
            "{P1} follows the suppliers day to day; {P0} signs the contracts; {P9} follows the invoices.",
        ),
        (
            "Revue annuelle de chaque fournisseur critique (centre de données, opérateur réseau, sauvegardeur), notée satisfaisant ou à améliorer ; un fournisseur « à améliorer » est revu au trimestre suivant.",
            "Yearly review of each critical supplier (data centre, network operator, backup provider), rated satisfactory or to improve; a supplier 'to improve' is reviewed the next quarter.",
        ),
    ),
    "BUD": (
        (
            "{P9} tient le suivi budgétaire des services ; {P0} l'arbitre.",
            "{P9} keeps the service budget reports; {P0} decides on them.",
        ),
        (
            "Un rapport par semestre compare coûts prévus et réels par service ; un écart de plus de 10 % sur un service est expliqué en revue de direction.",
            "A report each half-year compares planned and actual costs per service; a gap above 10 % on a service is explained at the management review.",
        ),
    ),
    "DEM": (
        (
            "{P1} recueille les prévisions des clients ; {P10} les demande à chaque revue de service.",
            "{P1} gathers the customers' forecasts; {P10} asks for them at every service review.",
        ),
        (
            "Une revue de la demande par semestre : nombre de postes et d'utilisateurs par client, volumes hébergés, recrutements annoncés ; elle alimente la revue de capacité.",
            "A demand review each half-year: PCs and users per customer, hosted volumes, announced hires; it feeds the capacity review.",
        ),
    ),
    "CAP": (
        (
            "{P5} surveille la capacité de l'hébergement et de la sauvegarde ; {P1} valide les extensions ; {P0} les budgète.",
            "{P5} watches the capacity of hosting and backup; {P1} approves the extensions; {P0} budgets them.",
        ),
        (
            "Revue de capacité chaque trimestre ; alerte de la supervision à 80 % d'occupation du stockage et du coffre de sauvegarde, extension commandée avant 90 %.",
            "Capacity review every quarter; monitoring alert at 80 % use of storage and of the backup vault, extension ordered before 90 %.",
        ),
    ),
    "CHG": (
        (
            "{P1} approuve les changements normaux et urgents ; les techniciens les demandent et les mettent en œuvre ; {P0} approuve ceux qui touchent un contrat.",
            "{P1} approves normal and emergency changes; the engineers request and implement them; {P0} approves those that touch a contract.",
        ),
        (
            "Les changements standard sont ceux de la liste LST-CHS ; les autres ont une fiche CHG, une fenêtre convenue avec le client (préavis de 5 jours ouvrés) et une revue après mise en œuvre avant clôture.",
            "Standard changes are those on list LST-CHS; the others have a CHG record, a window agreed with the customer (5 working days' notice) and a post-implementation review before closing.",
        ),
    ),
    "SDT": (
        (
            "{P1} conduit la conception d'un nouveau service ou d'un changement important ; {P10} porte la voix du client ; {P0} décide du lancement.",
            "{P1} leads the design of a new service or of a significant change; {P10} speaks for the customer; {P0} decides on the launch.",
        ),
        (
            "Deux ou trois conceptions par an, chacune consignée dès qu'elle commence et passée au client avant mise en service.",
            "Two or three designs a year, each recorded as soon as it starts and handed over to the customer before going live.",
        ),
    ),
    "REL": (
        (
            "{P5} prépare et déploie les mises en production sur l'hébergement, {P3} sur les postes ; {P1} autorise chaque déploiement.",
            "{P5} prepares and deploys releases on hosting, {P3} on the PCs; {P1} authorises each deployment.",
        ),
        (
            "Mises à jour mensuelles des postes le deuxième mardi, serveurs le jeudi suivant hors heures ouvrées, selon la politique POL-REL ; chaque déploiement a son plan de retour arrière.",
            "Monthly PC updates on the second Tuesday, servers the following Thursday out of hours, as policy POL-REL says; each deployment has its back-out plan.",
        ),
    ),
    "INC": (
        (
            "{P4} et {P6} tiennent le centre de services de 8 h 30 à 18 h et prennent chaque appel ; {P7} intervient sur site ; {P1} pilote tout P1 ou P2.",
            "{P4} and {P6} run the service desk from 8:30 to 18:00 and take every call; {P7} goes on site; {P1} steers every P1 or P2.",
        ),
        (
            "Les incidents arrivent par téléphone, courriel, portail ou supervision et vont dans une seule file ; délais du SLA : P1 pris en charge en 1 heure ouvrée et résolu en 4, P2 résolu en 1 jour ouvré ; cible : 95 % des P1 pris en charge à temps, 90 % des incidents résolus dans les délais.",
            "Incidents come by phone, email, portal or monitoring into a single queue; SLA times: P1 picked up within 1 working hour and resolved within 4, P2 resolved within 1 working day; target 95 % of P1 incidents picked up in time, 90 % of incidents resolved in time.",
        ),
    ),
    "SRQ": (
        (
            "{P4} et {P6} traitent les demandes courantes ; {P1} approuve toute demande d'accès ; {P8} prépare les postes neufs sous la conduite de {P3}.",
            "{P4} and {P6} handle routine requests; {P1} approves every access request; {P8} prepares new PCs under {P3}'s guidance.",
        ),
        (
            "Demandes par le portail ou par courriel ; un nouvel arrivant est équipé en 3 jours ouvrés, un départ est désactivé le jour même ; des modèles de réponse couvrent les demandes les plus fréquentes.",
            "Requests through the portal or by email; a newcomer is equipped within 3 working days, a leaver is disabled the same day; reply templates cover the most frequent requests.",
        ),
    ),
    "PRB": (
        (
            "{P1} passe les incidents en revue chaque lundi ; {P5} et {P3} analysent les causes ; {P2} tient les erreurs connues.",
            "{P1} reviews incidents every Monday; {P5} and {P3} analyse causes; {P2} keeps the known errors.",
        ),
        (
            "Une fiche de problème s'ouvre quand un incident se répète trois fois en un mois, après tout incident majeur, ou quand la cause reste inconnue ; la solution passe par un changement.",
            "A problem record is opened when an incident recurs three times in a month, after every major incident, or when the cause is unknown; the fix goes through a change.",
        ),
    ),
    "AVA": (
        (
            "{P5} suit la disponibilité de l'hébergement ; {P1} la rapporte aux clients.",
            "{P5} follows hosting availability; {P1} reports it to the customers.",
        ),
        (
            "La supervision sonde chaque service toutes les 5 minutes ; le rapport mensuel de disponibilité compare le mois à la cible de 99,5 % hors maintenance annoncée.",
            "Monitoring probes each service every 5 minutes; the monthly availability report compares the month with the 99.5 % target, announced maintenance excluded.",
        ),
    ),
    "CON": (
        (
            "{P11} tient le plan de continuité et organise les tests ; {P5} restaure ; {P0} déclenche le plan en cas de sinistre.",
            "{P11} keeps the continuity plan and runs the tests; {P5} restores; {P0} invokes the plan in a disaster.",
        ),
        (
            "Deux tests par an (restauration complète d'un serveur, bascule du lien du centre de données) ; objectif de restauration de l'hébergement : 4 heures, perte de données au plus 24 heures.",
            "Two tests a year (full restore of a server, failover of the data-centre link); hosting restore objective: 4 hours, data loss at most 24 hours.",
        ),
    ),
    "SEC": (
        (
            "{P11} conduit l'appréciation des risques et traite les incidents de sécurité ; {P1} applique les mesures ; {P0} accepte les risques résiduels.",
            "{P11} runs the risk assessment and handles security incidents; {P1} applies the controls; {P0} accepts the residual risks.",
        ),
        (
            "Appréciation des risques une fois par an et à chaque changement important ; double authentification sur tout accès distant ; un incident de sécurité touchant des données client est signalé au client sous 24 heures.",
            "Risk assessment once a year and at every significant change; two-factor authentication on every remote access; a security incident touching customer data is reported to the customer within 24 hours.",
        ),
    ),
    "REP": (
        (
            "{P1} établit le rapport de service mensuel ; {P10} l'envoie aux clients.",
            "{P1} writes the monthly service report; {P10} sends it to the customers.",
        ),
        (
            "Le rapport part au cours du mois suivant : incidents et demandes par priorité, délais tenus, disponibilité, changements ; les chiffres viennent des fiches de la trousse.",
            "The report goes out during the next month: incidents and requests by priority, times met, availability, changes; the figures come from the kit's records.",
        ),
    ),
    "AUD": (
        (
            "{P1} organise les audits selon le programme PRG-AUD ; {P2} audite les processus où elle ne travaille pas, une auditrice externe les autres ; {P0} approuve le programme.",
            "{P1} organises the audits under programme PRG-AUD; {P2} audits the processes she does not work in, an external auditor the others; {P0} approves the programme.",
        ),
        (
            "Audit de juillet sur les incidents, demandes et changements, audit à blanc d'octobre sur tout le SMS ; chaque non-conformité a son action approuvée dans le mois.",
            "July audit of incidents, requests and changes, October mock audit of the whole SMS; every nonconformity has its action approved within the month.",
        ),
    ),
    "MRV": (
        (
            "{P0} préside ; {P1}, {P2} et {P11} y assistent ; {P1} prépare les entrées avec `trousse report review-inputs`.",
            "{P0} chairs; {P1}, {P2} and {P11} attend; {P1} prepares the inputs with `trousse report review-inputs`.",
        ),
        (
            "Deux revues par an, en juin et en novembre ; chaque décision devient une action (ACT) avec un responsable et une échéance.",
            "Two reviews a year, in June and November; each decision becomes an action (ACT) with an owner and a due date.",
        ),
    ),
    "IMP": (
        (
            "Chacun peut proposer une amélioration ou signaler une non-conformité ; {P1} les instruit chaque semaine ; {P0} tranche celles qui engagent un budget.",
            "Anyone can suggest an improvement or report a nonconformity; {P1} deals with them every week; {P0} decides on those that need a budget.",
        ),
        (
            "Les actions sont dans `actions/` ; une action corrective est vérifiée efficace au plus tard à l'audit suivant ; aucune action en retard n'est admise à la revue de direction.",
            "The actions are under `actions/`; a corrective action is checked effective at the latest at the next audit; no overdue action is accepted at the management review.",
        ),
    ),
    "ITSM-CERT": (
        (
            "{P0} conduit la démarche de certification et signe le contrat avec l'organisme ; {P2} est la ressource certifiée Fondation ; {P1} prépare le dossier.",
            "{P0} leads the certification project and signs the contract with the body; {P2} is the Foundation-certified resource; {P1} prepares the file.",
        ),
        (
            "Programme : audit à blanc à la date du programme d'audit, puis questionnaire à l'organisme, audit de certification une fois les non-conformités de l'audit à blanc soldées.",
            "Programme: mock audit on the audit programme's date, then questionnaire to the body, certification audit once the mock audit's nonconformities are closed.",
        ),
    ),
}

HEADINGS = {
    "fr": (
        "Qui fait quoi",
        "Comment nous le menons",
        "Enregistrements",
        "Conservés dans {where}.",
        "Aucun dossier d'enregistrements propre : ce processus s'appuie sur {what}.",
    ),
    "en": (
        "Who does what",
        "How we run it",
        "Records",
        "Kept in {where}.",
        "No records folder of its own: this process relies on {what}.",
    ),
}


def process_body(pid: str, name: str, lang: str, org: str, folders: list[str]) -> str:
    """The Markdown body of process ``pid`` as the firm wrote it; ``folders`` are the kit-relative
    folders its records are in (each exists in the demo)."""
    who, how = OWN[pid]
    i = 0 if lang == "fr" else 1
    h_who, h_how, h_rec, kept, none = HEADINGS[lang]
    opening = {
        "fr": f"Ce processus, tel qu'{org} le pratique.",
        "en": f"This process as {org} runs it.",
    }[lang]
    if folders:
        records = kept.format(where=", ".join(f"`{f}`" for f in folders))
    else:
        records = none.format(what="`actions/`, `audits/`" if lang == "en" else "`actions/`, `audits/`")
    return f"# {name}\n\n{opening}\n\n## {h_who}\n\n{who[i]}\n\n## {h_how}\n\n{how[i]}\n\n## {h_rec}\n\n{records}\n"


# The firm's own header prose (issue 17, part 6): the objective, indicators and step descriptions
# of each process as the firm runs it (its people, tools, thresholds and folders; targets as its
# SLA, catalogue and indicator register set them). Ids, names, roles and artefacts stay the pack's.
# Each text is (fr, en); {P<n>} a person, {C<n>} a customer, {S<key>} a supplier of people.py.
HEAD: dict[str, dict] = {
    "AST": {
        "objective": (
            "Savoir à tout moment quels postes, serveurs, équipements réseau, abonnements et licences servent nos clients et notre équipe, à qui ils sont confiés et ce qu'ils coûtent.",
            "Know at any time which PCs, servers, network devices, subscriptions and licences serve our customers and our team, who holds them and what they cost.",
        ),
        "indicators": [
            (
                "Écart entre le registre REG-AST et l'inventaire trimestriel (cible : au plus 2 % des actifs)",
                "Gap between register REG-AST and the quarterly inventory (target: 2 % of assets at most)",
            ),
            (
                "Licences installées au-delà des droits achetés (cible 0), relevées par {P9} sur les factures",
                "Licences installed beyond the rights bought (target 0), read by {P9} from the invoices",
            ),
        ],
        "steps": {
            "AST.1.1": [
                (
                    "{P3} inscrit dans REG-AST chaque poste, serveur et équipement réseau avec son numéro de série, son client, sa date d'achat chez {Shw} et sa fin de garantie ; {P9} y ajoute les abonnements et licences facturés.",
                    "{P3} enters in REG-AST every PC, server and network device with its serial number, its customer, its purchase date from {Shw} and its warranty end; {P9} adds the subscriptions and licences invoiced.",
                ),
                (
                    "Toute livraison, reprise ou mise au rebut passe par une demande de service ; le disque d'un poste repris est effacé avec l'outil d'effacement sécurisé et le certificat est joint à la fiche.",
                    "Every delivery, return or disposal goes through a service request; the disk of a returned PC is wiped with the secure erasure tool and the certificate is attached to the record.",
                ),
            ],
            "AST.2.1": [
                (
                    "Chaque trimestre, {P9} rapproche le registre de la console de gestion des postes et des factures ; {P3} vérifie sur place les équipements absents de la console et consigne le contrôle dans `records/ast/`.",
                    "Each quarter, {P9} matches the register against the PC management console and the invoices; {P3} checks on site the devices missing from the console and records the check in `records/ast/`.",
                ),
                (
                    "La console compte les installations par logiciel ; tout dépassement est racheté ou désinstallé dans le mois, et un écart de plus de 2 % ouvre une action dans `actions/`.",
                    "The console counts installations per software; any overrun is bought or uninstalled within the month, and a gap above 2 % opens an action in `actions/`.",
                ),
            ],
        },
    },
    "AUD": {
        "objective": (
            "Vérifier deux fois par an, selon le programme PRG-AUD, que notre SMS suit l'ISO/CEI 20000-1 et nos propres règles, avec des auditeurs qui n'auditent jamais leur propre travail.",
            "Check twice a year, under programme PRG-AUD, that our SMS follows ISO/IEC 20000-1 and our own rules, with auditors who never audit their own work.",
        ),
        "indicators": [
            (
                "Processus audités dans le cycle de juillet à octobre (cible 25 sur 25)",
                "Processes audited in the July to October cycle (target 25 of 25)",
            ),
            (
                "Non-conformités dont l'action est approuvée dans le mois (cible 100 %)",
                "Nonconformities whose action is approved within the month (target 100 %)",
            ),
        ],
        "steps": {
            "AUD.1.1": [
                (
                    "{P1} propose le programme en mai : en juillet, les incidents, demandes et changements ; en octobre, un audit à blanc de tout le SMS ; {P0} l'approuve.",
                    "{P1} drafts the programme in May: in July, incidents, requests and changes; in October, a mock audit of the whole SMS; {P0} approves it.",
                ),
                (
                    "{P2} audite les processus où elle ne tient aucun rôle ; les autres sont confiés à une auditrice externe, dont le contrat est signé par {P0}.",
                    "{P2} audits the processes where she holds no role; the others go to an external auditor, whose contract {P0} signs.",
                ),
            ],
            "AUD.2.1": [
                (
                    "Deux semaines avant, l'auditrice relit le rapport précédent et les actions ouvertes, et envoie le plan d'audit aux audités par courriel.",
                    "Two weeks ahead, the auditor reads the previous report and the open actions, and emails the audit plan to the auditees.",
                ),
                (
                    "L'auditrice interroge les audités, tire au moins cinq fiches par processus dans `records/` et note chaque constat avec sa preuve et son article dans le fichier d'audit sous `audits/`.",
                    "The auditor interviews the auditees, samples at least five records per process in `records/` and notes each finding with its evidence and clause in the audit file under `audits/`.",
                ),
                (
                    "Le rapport est présenté à {P0} dans la semaine ; {P1} ouvre une action par non-conformité avec `trousse new nonconformity --from-finding`.",
                    "The report is presented to {P0} within the week; {P1} opens an action per nonconformity with `trousse new nonconformity --from-finding`.",
                ),
            ],
        },
    },
    "AVA": {
        "objective": (
            "Tenir l'hébergement à 99,5 % de disponibilité par mois hors maintenance annoncée, le mesurer chaque mois et agir dès qu'un mois passe sous la cible.",
            "Keep hosting at 99.5 % availability a month outside announced maintenance, measure it every month and act as soon as a month falls below the target.",
        ),
        "indicators": [
            (
                "Disponibilité mensuelle de l'hébergement hors maintenance annoncée (cible 99,5 %), calculée par {P5}",
                "Monthly hosting availability outside announced maintenance (target 99.5 %), computed by {P5}",
            ),
            (
                "Minutes d'interruption non planifiée par mois, relevées par la supervision",
                "Minutes of unplanned interruption per month, read from monitoring",
            ),
        ],
        "steps": {
            "AVA.1.1": [
                (
                    "La cible de 99,5 % et les heures de service (24 h sur 24, maintenance le mardi soir après 19 h) sont celles du SLA-001 ; {P1} les revoit avec chaque client hébergé à la revue de service.",
                    "The 99.5 % target and the service hours (24 hours a day, maintenance on Tuesday evenings after 19:00) are those of SLA-001; {P1} reviews them with each hosted customer at the service review.",
                ),
                (
                    "{P5} tient dans REG-RSK la liste des éléments sans secours (le lien de {Snet}, le pare-feu du centre de données) et la relit à chaque revue de capacité.",
                    "{P5} keeps in REG-RSK the list of items without a backup (the {Snet} link, the data-centre firewall) and reads it again at each capacity review.",
                ),
            ],
            "AVA.2.1": [
                (
                    "Le serveur de supervision sonde chaque service toutes les 5 minutes ; le premier jour ouvré du mois, {P5} en tire les minutes d'arrêt et le taux du mois, et l'écrit dans `records/ava/`.",
                    "The monitoring server probes each service every 5 minutes; on the first working day of the month, {P5} takes the minutes down and the month's rate from it and writes them in `records/ava/`.",
                ),
                (
                    "Un mois sous 99,5 % ouvre une fiche de problème et une ligne dans le rapport de service ; l'avoir dû au client est calculé par {P9}.",
                    "A month below 99.5 % opens a problem record and a line in the service report; {P9} computes the credit owed to the customer.",
                ),
            ],
        },
    },
    "BRM": {
        "objective": (
            "Connaître les besoins de chacun de nos trois clients sous contrat, mesurer chaque année leur satisfaction et traiter chaque réclamation dans les délais promis.",
            "Know the needs of each of our three contract customers, measure their satisfaction every year and handle every complaint within the times we promise.",
        ),
        "indicators": [
            (
                "Satisfaction moyenne à l'enquête annuelle, sur une échelle de 0 à 10 (cible 8 ou plus)",
                "Average satisfaction at the yearly survey, on a 0 to 10 scale (target 8 or more)",
            ),
            (
                "Réclamations accusées sous 2 jours ouvrés et répondues sous 10 jours ouvrés (cible 100 %)",
                "Complaints acknowledged within 2 working days and answered within 10 working days (target 100 %)",
            ),
            (
                "Revues de service tenues avec chaque client chaque trimestre (cible 3 par trimestre)",
                "Service reviews held with each customer each quarter (target 3 a quarter)",
            ),
        ],
        "steps": {
            "BRM.1.1": [
                (
                    "{P10} tient `organisation/customers.yml` : pour {C0}, {C1} et {C2}, le contact, les services souscrits et leurs attentes propres ; elle le met à jour après chaque revue.",
                    "{P10} keeps `organisation/customers.yml`: for {C0}, {C1} and {C2}, the contact, the services subscribed and their own expectations; she updates it after every review.",
                ),
                (
                    "Chaque trimestre, {P10} et {P1} rencontrent chaque client une heure, passent le rapport de service en revue et consignent les décisions dans `records/brm/`.",
                    "Each quarter, {P10} and {P1} meet each customer for an hour, go through the service report and record the decisions in `records/brm/`.",
                ),
            ],
            "BRM.2.1": [
                (
                    "En septembre, {P10} envoie l'enquête de cinq questions notées de 0 à 10 à chaque contact client et consigne les notes et les commentaires.",
                    "In September, {P10} sends the five-question survey scored from 0 to 10 to each customer contact and records the scores and the comments.",
                ),
                (
                    "Toute réclamation, reçue par courriel, téléphone ou en revue, est enregistrée le jour même, accusée sous 2 jours ouvrés et répondue sous 10 ; {P0} traite celles qui visent la direction ou un contrat.",
                    "Every complaint, by email, phone or at a review, is recorded the same day, acknowledged within 2 working days and answered within 10; {P0} handles those about management or a contract.",
                ),
                (
                    "Une note sous 8 ou une réclamation fondée ouvre une action d'amélioration dans `actions/`, suivie par {P1}.",
                    "A score below 8 or a justified complaint opens an improvement action in `actions/`, followed by {P1}.",
                ),
            ],
        },
    },
    "BUD": {
        "objective": (
            "Connaître le coût réel de chaque service du catalogue pour fixer des prix qui couvrent nos charges et décider en connaissance de cause.",
            "Know the real cost of each service in the catalogue so as to set prices that cover our costs and decide on facts.",
        ),
        "indicators": [
            (
                "Écart entre coût réel et budget BUD-SVC par service et par semestre (cible moins de 10 %)",
                "Gap between actual cost and budget BUD-SVC per service and per half-year (target under 10 %)",
            ),
            (
                "Services du catalogue dont le coût complet est connu (cible 4 sur 4)",
                "Catalogue services whose full cost is known (target 4 of 4)",
            ),
        ],
        "steps": {
            "BUD.1.1": [
                (
                    "{P9} chiffre dans BUD-SVC, pour chaque service, le temps passé relevé dans l'outil de tickets, les licences, la baie chez {Sdc} et la sauvegarde externe ; les frais communs sont répartis au nombre de postes couverts.",
                    "{P9} costs in BUD-SVC, for each service, the time logged in the ticket tool, the licences, the rack at {Sdc} and the offsite backup; shared costs are split by the number of covered PCs.",
                ),
                (
                    "{P0} approuve chaque année le budget en janvier, avec les tarifs de l'année.",
                    "{P0} approves the budget every year in January, with the year's prices.",
                ),
            ],
            "BUD.2.1": [
                (
                    "Chaque semestre, {P9} reprend les factures fournisseurs et les heures saisies par service dans le logiciel comptable.",
                    "Each half-year, {P9} takes the supplier invoices and the hours logged per service from the accounts software.",
                ),
                (
                    "Le rapport budgétaire va dans `records/bud/` ; un écart de plus de 10 % est expliqué à la revue de direction et {P0} décide d'un ajustement de prix ou de dépenses.",
                    "The budget report goes into `records/bud/`; a gap above 10 % is explained at the management review and {P0} decides on a price or spending adjustment.",
                ),
            ],
        },
    },
    "CAP": {
        "objective": (
            "Disposer à temps des techniciens, du stockage, des serveurs et du débit qu'exigent les niveaux de service promis, sans jamais laisser une ressource dépasser 90 % d'occupation.",
            "Have in time the engineers, storage, servers and bandwidth the promised service levels need, never letting a resource go past 90 % use.",
        ),
        "indicators": [
            (
                "Ressources au-delà du seuil d'alerte de 80 % à la revue trimestrielle",
                "Resources beyond the 80 % alert threshold at the quarterly review",
            ),
            ("Incidents dus à un manque de capacité (cible 0)", "Incidents caused by a lack of capacity (target 0)"),
        ],
        "steps": {
            "CAP.1.1": [
                (
                    "{P5} tient dans PLA-CAP, pour le stockage, le coffre de sauvegarde, les serveurs, le lien de {Snet} et les heures de techniciens, la capacité, l'occupation et le seuil d'alerte à 80 %.",
                    "{P5} keeps in PLA-CAP, for storage, the backup vault, the servers, the {Snet} link and engineer hours, the capacity, the use and the 80 % alert threshold.",
                ),
                (
                    "À partir de la revue de la demande, {P1} propose les extensions et recrutements ; {P0} les inscrit au budget.",
                    "From the demand review, {P1} proposes extensions and hires; {P0} puts them in the budget.",
                ),
            ],
            "CAP.2.1": [
                (
                    "Chaque trimestre, {P5} relève les courbes de la supervision et {P1} la charge du centre de services dans l'outil de tickets.",
                    "Each quarter, {P5} reads the monitoring graphs and {P1} the service desk's workload in the ticket tool.",
                ),
                (
                    "La revue va dans `records/cap/` ; une ressource au-delà de 80 % fait l'objet d'une fiche de changement pour commander l'extension avant 90 %.",
                    "The review goes into `records/cap/`; a resource above 80 % gets a change record to order the extension before 90 %.",
                ),
            ],
        },
    },
    "CAT": {
        "objective": (
            "Tenir à jour un catalogue exact de nos services, qui dit à chaque client ce qu'il achète, à quelles conditions et comment le demander.",
            "Keep an accurate catalogue of our services that tells each customer what they buy, on what terms and how to ask for it.",
        ),
        "indicators": [
            (
                "Services en production décrits dans `services/catalogue.yml` (cible 4 sur 4)",
                "Live services described in `services/catalogue.yml` (target 4 of 4)",
            ),
            (
                "Catalogue relu à chaque revue trimestrielle de service et approuvé dans les 12 derniers mois",
                "Catalogue read at each quarterly service review and approved in the last 12 months",
            ),
        ],
        "steps": {
            "CAT.1.1": [
                (
                    "{P1} écrit chaque service avec les sept éléments du catalogue (description dans les mots du client, promesse, conditions, coût, contributeurs, clientèle, informations) et le relie au SLA-001.",
                    "{P1} writes each service with the catalogue's seven elements (description in the customer's words, promise, conditions, cost, contributors, clientele, information) and links it to SLA-001.",
                ),
                (
                    "{P0} approuve le catalogue CAT-SVC ; {P10} l'envoie aux clients avec le bon de commande.",
                    "{P0} approves catalogue CAT-SVC; {P10} sends it to the customers with the order form.",
                ),
            ],
            "CAT.2.1": [
                (
                    "Un service créé, modifié ou retiré passe par une fiche de changement qui met à jour le catalogue, les clients concernés et le périmètre de `trousse.yml` le jour de sa mise en service.",
                    "A service created, changed or retired goes through a change record that updates the catalogue, the customers concerned and the scope in `trousse.yml` on the day it goes live.",
                ),
                (
                    "Chaque année en mai, avant la revue de direction de juin, {P1} relit tout le catalogue avec {P10}.",
                    "Every year in May, before the June management review, {P1} reads the whole catalogue again with {P10}.",
                ),
            ],
        },
    },
    "CFG": {
        "objective": (
            "Savoir exactement de quels serveurs, équipements réseau, applications et contrats dépend chaque service, pour diagnostiquer vite, évaluer un changement et reconstruire un service.",
            "Know exactly which servers, network devices, applications and contracts each service depends on, to diagnose quickly, assess a change and rebuild a service.",
        ),
        "indicators": [
            (
                "Écarts trouvés au contrôle trimestriel de configuration (tendance à la baisse)",
                "Gaps found at the quarterly configuration audit (falling trend)",
            ),
            (
                "Changements clos sans mise à jour des fiches CI (cible 0)",
                "Changes closed without updating the CI records (target 0)",
            ),
        ],
        "steps": {
            "CFG.1.1": [
                (
                    "Nous décrivons les serveurs, le stockage, les pare-feu, les commutateurs, les applications hébergées et les contrats fournisseurs ; pas les postes, suivis dans REG-AST.",
                    "We describe servers, storage, firewalls, switches, hosted applications and supplier contracts; not PCs, which REG-AST follows.",
                ),
                (
                    "Un fichier par élément dans `records/cfg/`, identifiant CI, avec son propriétaire, sa version et les services qui en dépendent ; {P5} et {P3} le mettent à jour à la clôture de chaque changement.",
                    "One file per item in `records/cfg/`, id CI, with its owner, its version and the services that depend on it; {P5} and {P3} update it when each change is closed.",
                ),
            ],
            "CFG.2.1": [
                (
                    "Chaque trimestre, {P1} tire dix fiches au moins et les compare à la supervision et aux baies chez {Sdc}.",
                    "Each quarter, {P1} samples at least ten records and compares them with monitoring and the racks at {Sdc}.",
                ),
                (
                    "Chaque écart est corrigé, le changement non enregistré qui l'a causé est recherché, et le contrôle est consigné ; un changement non enregistré ouvre une action.",
                    "Each gap is corrected, the unrecorded change behind it is looked for, and the audit is recorded; an unrecorded change opens an action.",
                ),
            ],
        },
    },
}
HEAD.update(
    {
        "CHG": {
            "objective": (
                "Que chaque modification de l'hébergement, du réseau ou des postes de nos clients soit évaluée, autorisée, annoncée et vérifiée, pour qu'aucun changement ne provoque d'incident.",
                "Have every change to hosting, the network or our customers' PCs assessed, authorised, announced and verified, so that no change causes an incident.",
            ),
            "indicators": [
                (
                    "Changements clos avec leur revue (cible 100 %), suivis chaque mois par {P1}",
                    "Changes closed with their review (target 100 %), followed every month by {P1}",
                ),
                (
                    "Changements à l'origine d'un incident (cible moins de 5 %, par trimestre)",
                    "Changes that caused an incident (target under 5 %, per quarter)",
                ),
                (
                    "Part des changements urgents dans le trimestre, commentée en revue de direction",
                    "Share of emergency changes in the quarter, discussed at the management review",
                ),
            ],
            "steps": {
                "CHG.1.1": [
                    (
                        "La politique POL-CHG distingue les changements standard de la liste LST-CHS, normaux et urgents ; tout changement qui touche l'hébergement de plusieurs clients est à fort impact et passe par {P0}.",
                        "Policy POL-CHG sets apart the standard changes of list LST-CHS, normal and emergency changes; any change touching the hosting of several customers is high impact and goes to {P0}.",
                    ),
                    (
                        "{P0} approuve la politique et la liste ; {P1} les relit chaque année en mai et après chaque incident causé par un changement.",
                        "{P0} approves the policy and the list; {P1} reads them again every May and after each incident a change caused.",
                    ),
                ],
                "CHG.2.1": [
                    (
                        "Le technicien ouvre une fiche CHG dans `records/chg/` avec le demandeur, les services et les éléments CI touchés et le type ; un changement standard de LST-CHS n'a besoin que de la ligne de ticket.",
                        "The engineer opens a CHG record in `records/chg/` with the requester, the services and CI items affected and the type; a standard change from LST-CHS only needs its ticket line.",
                    ),
                    (
                        "Le technicien note l'impact, le risque, le temps et le plan de retour arrière ; si le service s'arrête, {P10} consulte le client.",
                        "The engineer notes the impact, the risk, the time and the back-out plan; if the service stops, {P10} consults the customer.",
                    ),
                    (
                        "{P1} autorise (ou {P0} pour un fort impact) et fixe la fenêtre, le mardi soir après 19 h pour l'hébergement ; le client est prévenu 5 jours ouvrés avant.",
                        "{P1} authorises (or {P0} for a high impact) and sets the window, Tuesday evening after 19:00 for hosting; the customer is told 5 working days ahead.",
                    ),
                ],
                "CHG.3.1": [
                    (
                        "Le technicien applique le changement dans la fenêtre, par une mise en production selon POL-REL quand elle l'exige, et revient en arrière au premier échec.",
                        "The engineer applies the change in the window, through a release when POL-REL requires one, and backs out at the first failure.",
                    ),
                    (
                        "Les fiches CI modifiées dans `records/cfg/` sont mises à jour avant la clôture.",
                        "The CI records changed in `records/cfg/` are updated before closing.",
                    ),
                    (
                        "La revue note le résultat et l'incident éventuellement lié ; {P1} clôt la fiche, et revoit tout changement urgent dans la semaine.",
                        "The review notes the outcome and any linked incident; {P1} closes the record, and reviews any emergency change within the week.",
                    ),
                ],
            },
        },
        "CON": {
            "objective": (
                "Remettre l'hébergement en service en 4 heures au plus, avec au plus 24 heures de données perdues, si le centre de données, le bureau de {TOWN} ou nos serveurs sont perdus.",
                "Bring hosting back within 4 hours at most, with at most 24 hours of data lost, if the data centre, the {TOWN} office or our servers are lost.",
            ),
            "indicators": [
                (
                    "Tests de continuité réalisés dans l'année (cible 2 : une restauration complète, une bascule du lien)",
                    "Continuity tests carried out in the year (target 2: a full restore, a link failover)",
                ),
                (
                    "Durée de reprise mesurée au test face à l'objectif de 4 heures",
                    "Recovery time measured at the test against the 4-hour objective",
                ),
            ],
            "steps": {
                "CON.1.1": [
                    (
                        "Avec chaque client hébergé, {P11} a fixé la reprise de l'hébergement en 4 heures et la perte de données à 24 heures au plus ; ces chiffres sont ceux du catalogue.",
                        "With each hosted customer, {P11} set hosting recovery at 4 hours and data loss at 24 hours at most; these figures are those of the catalogue.",
                    ),
                    (
                        "PLA-CON décrit la perte du centre de données, du bureau et l'attaque par rançongiciel, avec la liste de contacts PLA-CON-A1 ; une copie imprimée est chez {P0} et une autre chez {P11}.",
                        "PLA-CON covers the loss of the data centre, of the office and a ransomware attack, with contact list PLA-CON-A1; a printed copy is kept by {P0} and another by {P11}.",
                    ),
                ],
                "CON.2.1": [
                    (
                        "Deux tests par an : {P5} restaure un serveur complet depuis {Sbackup}, puis le lien du centre de données est basculé avec {Snet} ; {P11} chronomètre et note.",
                        "Two tests a year: {P5} restores a full server from {Sbackup}, then the data-centre link is failed over with {Snet}; {P11} times and notes it.",
                    ),
                    (
                        "Le résultat va dans `records/con/` ; un objectif manqué, ou un écart relevé en audit, met le plan à jour et ouvre une action suivie par {P11}.",
                        "The result goes into `records/con/`; a missed objective, or a gap found at an audit, updates the plan and opens an action {P11} follows.",
                    ),
                ],
            },
        },
        "DEM": {
            "objective": (
                "Prévoir le nombre de postes, d'utilisateurs et de volumes hébergés de nos clients pour avoir à temps les techniciens et la capacité qu'ils demanderont.",
                "Forecast our customers' PCs, users and hosted volumes so as to have in time the engineers and capacity they will ask for.",
            ),
            "indicators": [
                (
                    "Écart entre postes prévus et postes couverts à la fin du semestre",
                    "Gap between forecast and covered PCs at the end of the half-year",
                ),
                (
                    "Demandes refusées faute de capacité (cible 0)",
                    "Requests turned down for lack of capacity (target 0)",
                ),
            ],
            "steps": {
                "DEM.1.1": [
                    (
                        "{P1} relève dans l'outil de tickets et la console de gestion des postes le nombre de postes, d'utilisateurs, de demandes et d'incidents par client.",
                        "{P1} reads from the ticket tool and the PC management console the number of PCs, users, requests and incidents per customer.",
                    ),
                    (
                        "À chaque revue de service, {P10} demande à {C0}, {C1} et {C2} leurs recrutements, déménagements et nouveaux logiciels, et {P1} en tire la prévision.",
                        "At each service review, {P10} asks {C0}, {C1} and {C2} about their hires, moves and new software, and {P1} derives the forecast.",
                    ),
                    (
                        "La revue de la demande va dans `records/dem/` et part vers la revue de capacité et le budget de {P9}.",
                        "The demand review goes into `records/dem/` and on to the capacity review and {P9}'s budget.",
                    ),
                ],
            },
        },
        "IMP": {
            "objective": (
                "Traiter chaque non-conformité à sa cause pour qu'elle ne revienne pas, et améliorer nos services à partir des audits, des réclamations et des idées de l'équipe.",
                "Deal with each nonconformity at its cause so that it does not recur, and improve our services from audits, complaints and the team's ideas.",
            ),
            "indicators": [
                (
                    "Actions correctives vérifiées efficaces avant l'audit suivant (cible 90 %)",
                    "Corrective actions checked effective before the next audit (target 90 %)",
                ),
                (
                    "Actions en retard présentées à la revue de direction (cible 0)",
                    "Overdue actions presented at the management review (target 0)",
                ),
            ],
            "steps": {
                "IMP.1.1": [
                    (
                        "Celui qui constate l'écart le corrige aussitôt quand il le peut (fiche complétée, service rétabli) et le signale à {P1}.",
                        "Whoever finds the gap corrects it at once when they can (record completed, service restored) and tells {P1}.",
                    ),
                    (
                        "{P1} cherche la cause avec les personnes concernées (cinq pourquoi) et vérifie si d'autres processus sont exposés.",
                        "{P1} looks for the cause with the people involved (five whys) and checks whether other processes are exposed.",
                    ),
                    (
                        "L'action est écrite dans `actions/` avec responsable et échéance ; son efficacité est vérifiée au plus tard à l'audit suivant.",
                        "The action is written in `actions/` with owner and due date; its effectiveness is checked at the latest at the next audit.",
                    ),
                ],
                "IMP.2.1": [
                    (
                        "Chacun peut proposer une amélioration à la réunion d'équipe du lundi ou par courriel à {P1}, qui ouvre la fiche.",
                        "Anyone can suggest an improvement at the Monday team meeting or by email to {P1}, who opens the record.",
                    ),
                    (
                        "Chaque semaine, {P1} évalue les propositions ; {P0} tranche celles qui demandent un budget.",
                        "Each week, {P1} assesses the suggestions; {P0} decides on those that need a budget.",
                    ),
                    (
                        "L'amélioration retenue est mise en œuvre par changement et son effet comparé, trois mois après, au gain attendu.",
                        "An accepted improvement is implemented through a change and its effect compared, three months later, with the expected gain.",
                    ),
                ],
            },
        },
        "INC": {
            "objective": (
                "Remettre au travail les utilisateurs de nos clients dans les délais du SLA-001 après toute panne ou dégradation, et garder la trace de chaque incident dans l'outil de tickets.",
                "Get our customers' users back to work within the SLA-001 times after any failure or degradation, and keep a trace of every incident in the ticket tool.",
            ),
            "indicators": [
                (
                    "Incidents P1 pris en charge en 1 heure ouvrée (cible 95 %)",
                    "P1 incidents picked up within 1 working hour (target 95 %)",
                ),
                (
                    "Incidents résolus dans le délai de leur priorité (cible 90 %)",
                    "Incidents resolved within their priority's time (target 90 %)",
                ),
                (
                    "Incidents rouverts dans les 5 jours après clôture (cible moins de 5 %)",
                    "Incidents reopened within 5 days of closure (target under 5 %)",
                ),
            ],
            "steps": {
                "INC.1.1": [
                    (
                        "{P4} ou {P6} ouvre un ticket pour chaque appel au numéro du centre de services, courriel, demande du portail ou alerte de supervision ; le ticket devient une fiche de `records/inc/`.",
                        "{P4} or {P6} opens a ticket for every call to the desk number, email, portal request or monitoring alert; the ticket becomes a record in `records/inc/`.",
                    ),
                    (
                        "La priorité suit le tableau du SLA-001 : P1 si plusieurs utilisateurs sont arrêtés ou l'hébergement coupé, P2 pour un utilisateur arrêté, P3 s'il a un contournement, P4 pour une question.",
                        "The priority follows the SLA-001 table: P1 when several users cannot work or hosting is down, P2 for one user who cannot work, P3 when they have a way round, P4 for a question.",
                    ),
                    (
                        "Un P1 est signalé aussitôt à {P1} et au contact du client, qui reçoit un point toutes les 2 heures ; un incident majeur au sens de nos faits est piloté par {P1}.",
                        "A P1 is reported at once to {P1} and the customer's contact, who gets an update every 2 hours; a major incident as our facts define it is steered by {P1}.",
                    ),
                ],
                "INC.2.1": [
                    (
                        "Le technicien consulte les fiches CI et les erreurs connues ; à mi-délai sans solution, le ticket passe à {P3} ou {P5}, ou {Shw} est appelé pour un échange sous garantie.",
                        "The engineer looks up the CI records and the known errors; halfway through the time with no fix, the ticket goes to {P3} or {P5}, or {Shw} is called for a warranty swap.",
                    ),
                    (
                        "Le technicien rétablit le service, à distance ou avec {P7} sur site ; toute modification passe par une fiche de changement, urgente pour un P1.",
                        "The engineer restores the service, remotely or with {P7} on site; any modification goes through a change record, an emergency one for a P1.",
                    ),
                    (
                        "La solution et l'heure de résolution sont notées, l'utilisateur confirme, le ticket est clos ; un incident répété ou majeur ouvre une fiche de problème.",
                        "The fix and the resolution time are noted, the user confirms, the ticket is closed; a repeated or major incident opens a problem record.",
                    ),
                ],
                "INC.3.1": [
                    (
                        "Le premier jour ouvré du mois, {P1} compte les incidents par client, service et priorité et compare les délais au SLA-001.",
                        "On the first working day of the month, {P1} counts incidents per customer, service and priority and compares the times with SLA-001.",
                    ),
                    (
                        "Les résultats vont dans le rapport de service du mois ; une cause répétée passe à la revue des problèmes du lundi.",
                        "The results go into the month's service report; a repeated cause goes to the Monday problem review.",
                    ),
                ],
            },
        },
        "MRV": {
            "objective": (
                "Permettre à {P0} de juger deux fois par an, en juin et en novembre, si notre SMS convient, suffit et fonctionne, et de décider des changements et des moyens.",
                "Let {P0} judge twice a year, in June and November, whether our SMS is suitable, adequate and effective, and decide on changes and resources.",
            ),
            "indicators": [
                ("Revues de direction tenues dans l'année (cible 2)", "Management reviews held in the year (target 2)"),
                (
                    "Décisions de revue devenues actions réalisées à l'échéance (cible 100 %)",
                    "Review decisions turned into actions done by their due date (target 100 %)",
                ),
            ],
            "steps": {
                "MRV.1.1": [
                    (
                        "Deux semaines avant, {P1} produit les entrées avec `trousse report review-inputs` : actions, audits, indicateurs du REG-IND, réclamations, fournisseurs, risques.",
                        "Two weeks ahead, {P1} produces the inputs with `trousse report review-inputs`: actions, audits, REG-IND indicators, complaints, suppliers, risks.",
                    ),
                    (
                        "{P0} préside, avec {P1}, {P2} et {P11} ; la revue dure une demi-journée et passe chaque entrée du formulaire.",
                        "{P0} chairs, with {P1}, {P2} and {P11}; the review takes half a day and goes through every input of the form.",
                    ),
                    (
                        "Le compte rendu va dans `records/mrv/` ; chaque décision devient une action avec responsable et échéance, suivie à la réunion du lundi.",
                        "The minutes go into `records/mrv/`; each decision becomes an action with owner and due date, followed at the Monday meeting.",
                    ),
                ],
            },
        },
        "PRB": {
            "objective": (
                "Trouver et supprimer la cause des incidents qui se répètent chez nos clients ou qui ont été majeurs, et donner entre-temps à tout le centre de services un contournement connu.",
                "Find and remove the cause of incidents that recur at our customers or were major, and meanwhile give the whole service desk a known workaround.",
            ),
            "indicators": [
                (
                    "Problèmes ouverts depuis plus de 90 jours, relus chaque lundi par {P1}",
                    "Problems open for more than 90 days, read every Monday by {P1}",
                ),
                (
                    "Incidents rattachés à une erreur connue (tendance à la baisse)",
                    "Incidents linked to a known error (falling trend)",
                ),
            ],
            "steps": {
                "PRB.1.1": [
                    (
                        "À la revue du lundi, {P1} ouvre une fiche dans `records/prb/` pour tout incident répété trois fois dans le mois, tout incident majeur ou toute cause inconnue.",
                        "At the Monday review, {P1} opens a record in `records/prb/` for any incident repeated three times in the month, any major incident or any unknown cause.",
                    ),
                    (
                        "{P5} ou {P3} retrace la chronologie depuis les tickets et la supervision, interroge le fournisseur concerné et écrit la cause trouvée.",
                        "{P5} or {P3} rebuilds the timeline from the tickets and monitoring, asks the supplier involved and writes down the cause found.",
                    ),
                    (
                        "{P2} publie le contournement dans la base des erreurs connues du centre de services, pour que {P4} et {P6} l'appliquent dès l'appel.",
                        "{P2} publishes the workaround in the service desk's known-error base, so that {P4} and {P6} apply it from the first call.",
                    ),
                ],
                "PRB.2.1": [
                    (
                        "La solution passe par une fiche de changement liée au problème.",
                        "The fix goes through a change record linked to the problem.",
                    ),
                    (
                        "Après un mois sans incident lié, {P1} clôt la fiche avec la date de résolution.",
                        "After a month with no linked incident, {P1} closes the record with the resolution date.",
                    ),
                ],
            },
        },
        "REL": {
            "objective": (
                "Déployer les changements autorisés sur l'hébergement et les postes de nos clients selon la politique POL-REL, sans dégrader les services.",
                "Deploy the authorised changes to hosting and to our customers' PCs as policy POL-REL says, without degrading the services.",
            ),
            "indicators": [
                ("Mises en production sans retour arrière (cible 95 %)", "Releases with no back-out (target 95 %)"),
                ("Incidents dans les 7 jours suivant une mise en production", "Incidents within 7 days of a release"),
            ],
            "steps": {
                "REL.1.1": [
                    (
                        "{P5} regroupe les changements autorisés du mois dans une fiche de `records/rel/` : mise à jour mensuelle des postes, des serveurs, ou mise en production urgente.",
                        "{P5} groups the month's authorised changes into a record in `records/rel/`: the monthly PC update, the server update, or an emergency release.",
                    ),
                    (
                        "Postes le deuxième mardi, serveurs le jeudi suivant après 19 h ; le client est prévenu 5 jours ouvrés avant et le plan de retour arrière est écrit dans la fiche.",
                        "PCs on the second Tuesday, servers the following Thursday after 19:00; the customer is told 5 working days ahead and the back-out plan is written in the record.",
                    ),
                ],
                "REL.2.1": [
                    (
                        "Les mises à jour passent d'abord sur les postes de l'équipe et sur le serveur de test ; le testeur et le résultat sont notés.",
                        "Updates go first to the team's PCs and the test server; the tester and the result are noted.",
                    ),
                    (
                        "{P5} déploie sur l'hébergement, {P3} sur les postes, après l'accord de {P1} ; les fiches CI sont mises à jour.",
                        "{P5} deploys on hosting, {P3} on the PCs, once {P1} agrees; the CI records are updated.",
                    ),
                    (
                        "Le lendemain, le centre de services vérifie auprès du client que tout fonctionne ; en cas d'échec, retour arrière et ticket d'incident, puis clôture.",
                        "The next day, the service desk checks with the customer that everything works; on failure, back-out and an incident ticket, then closing.",
                    ),
                ],
            },
        },
    }
)
HEAD.update(
    {
        "REP": {
            "objective": (
                "Donner chaque mois à nos clients et à {P0} des chiffres tirés de nos fiches, pour que chaque décision repose sur des faits.",
                "Give our customers and {P0} figures drawn from our records every month, so that every decision rests on facts.",
            ),
            "indicators": [
                (
                    "Rapports de service envoyés au cours du mois suivant (cible 12 sur 12)",
                    "Service reports sent during the next month (target 12 of 12)",
                ),
                (
                    "Indicateurs du registre REG-IND calculés à leur fréquence (cible 100 %)",
                    "Indicators of register REG-IND computed at their frequency (target 100 %)",
                ),
            ],
            "steps": {
                "REP.1.1": [
                    (
                        "Les indicateurs, leur formule, leur source et leur cible sont ceux du registre REG-IND, repris dans le plan PLA-SMS.",
                        "The indicators, their formula, source and target are those of register REG-IND, carried into plan PLA-SMS.",
                    ),
                    (
                        "Le premier jour ouvré du mois, {P1} extrait les fiches de l'outil de tickets et de la supervision.",
                        "On the first working day of the month, {P1} extracts the records from the ticket tool and monitoring.",
                    ),
                ],
                "REP.2.1": [
                    (
                        "{P1} compte incidents, demandes et changements par client, reprend la disponibilité calculée par {P5} et note chaque cible manquée avec son action.",
                        "{P1} counts incidents, requests and changes per customer, carries over the availability {P5} computed and notes each missed target with its action.",
                    ),
                    (
                        "{P10} envoie le rapport à chaque client au cours du mois suivant et à {P0} ; les écarts sont repris à la revue de service trimestrielle.",
                        "{P10} sends the report to each customer during the next month and to {P0}; the gaps are taken up at the quarterly service review.",
                    ),
                ],
            },
        },
        "SDT": {
            "objective": (
                "Concevoir et mettre en service nos nouveaux services, ou ceux que nous changeons beaucoup, pour qu'ils tiennent dès le premier mois ce que le catalogue et le SLA-001 promettent.",
                "Design and bring into service our new services, or those we change substantially, so that they keep from the first month what the catalogue and SLA-001 promise.",
            ),
            "indicators": [
                (
                    "Services mis en service à la date annoncée au client",
                    "Services brought into service on the date announced to the customer",
                ),
                (
                    "Incidents du premier mois d'un nouveau service, comparés à l'objectif de sa conception",
                    "Incidents in a new service's first month, against the objective set in its design",
                ),
            ],
            "steps": {
                "SDT.1.1": [
                    (
                        "{P10} recueille auprès des clients intéressés les exigences de service, de sécurité et de continuité ; {P1} les consigne dès le début dans `records/sdt/`.",
                        "{P10} gathers from the interested customers the service, security and continuity requirements; {P1} records them from the start in `records/sdt/`.",
                    ),
                    (
                        "{P1} décrit la solution, les fournisseurs, les changements au catalogue et au SLA-001 et les critères d'acceptation ; {P0} décide du lancement.",
                        "{P1} describes the solution, the suppliers, the changes to the catalogue and to SLA-001 and the acceptance criteria; {P0} decides on the launch.",
                    ),
                ],
                "SDT.2.1": [
                    (
                        "Les techniciens montent le service sur le serveur de test et les postes de l'équipe, puis le testent selon les critères.",
                        "The engineers build the service on the test server and the team's PCs, then test it against the criteria.",
                    ),
                    (
                        "La mise en service passe par une mise en production ; {P2} forme le centre de services et {P1} met à jour le catalogue et le SLA-001.",
                        "Going live goes through a release; {P2} trains the service desk and {P1} updates the catalogue and SLA-001.",
                    ),
                    (
                        "Le client signe la recette ; un mois après, {P1} compare les incidents et délais à l'objectif de la conception.",
                        "The customer signs the acceptance; a month later, {P1} compares the incidents and times with the design's objective.",
                    ),
                ],
            },
        },
        "SEC": {
            "objective": (
                "Protéger les données de nos clients et les nôtres (dossiers de notaires, de vétérinaires, de transporteurs) par la politique POL-SEC, des mesures fondées sur l'appréciation des risques et un traitement rapide des incidents.",
                "Protect our customers' data and ours (solicitors', vets' and hauliers' files) through policy POL-SEC, controls based on the risk assessment and fast handling of incidents.",
            ),
            "indicators": [
                (
                    "Appréciation des risques de sécurité refaite dans les 12 derniers mois",
                    "Security risk assessment redone in the last 12 months",
                ),
                (
                    "Alertes de sécurité traitées en 1 heure ouvrée (cible 95 %)",
                    "Security alerts handled within 1 working hour (target 95 %)",
                ),
                (
                    "Salariés sensibilisés dans l'année (cible 12 sur 12)",
                    "Staff given awareness training in the year (target 12 of 12)",
                ),
            ],
            "steps": {
                "SEC.1.1": [
                    (
                        "{P11} tient la politique POL-SEC (accès, mots de passe, double authentification, sauvegardes, postes, données personnelles, fournisseurs) ; {P0} l'approuve.",
                        "{P11} keeps policy POL-SEC (access, passwords, two-factor authentication, backups, PCs, personal data, suppliers); {P0} approves it.",
                    ),
                    (
                        "{P11} la présente à chaque arrivant et à toute l'équipe en janvier ; la session est consignée dans `records/sec/`.",
                        "{P11} presents it to each newcomer and to the whole team in January; the session is recorded in `records/sec/`.",
                    ),
                ],
                "SEC.2.1": [
                    (
                        "Chaque année et à chaque changement important, {P11} note menaces, vraisemblance et impact sur l'hébergement, les postes et la messagerie, et décide des mesures avec {P0}.",
                        "Every year and at every significant change, {P11} rates threats, likelihood and impact on hosting, PCs and mail, and decides the controls with {P0}.",
                    ),
                    (
                        "{P1} applique les mesures par changement (double authentification, chiffrement des portables, revue trimestrielle des accès) et {P11} vérifie qu'elles tiennent.",
                        "{P1} applies the controls through changes (two-factor authentication, laptop encryption, quarterly access review) and {P11} checks that they hold.",
                    ),
                ],
                "SEC.3.1": [
                    (
                        "Le technicien isole le poste ou le compte touché depuis la console antivirus, garde les journaux et prévient {P11} et {P0} ; {P11} décide avec le client d'une notification à l'autorité de protection des données.",
                        "The engineer isolates the PC or account from the antivirus console, keeps the logs and tells {P11} and {P0}; {P11} decides with the customer on a notification to the data protection authority.",
                    ),
                    (
                        "Le client touché est informé sous 24 heures ; {P11} analyse la cause et ouvre un problème si besoin.",
                        "The affected customer is told within 24 hours; {P11} analyses the cause and opens a problem if needed.",
                    ),
                ],
            },
        },
        "SLM": {
            "objective": (
                "Convenir avec chaque client des niveaux de service du SLA-001, les mesurer chaque mois et en rendre compte à chaque revue de service.",
                "Agree the SLA-001 service levels with each customer, measure them every month and report on them at every service review.",
            ),
            "indicators": [
                (
                    "Clients couverts par un SLA-001 signé (cible 3 sur 3)",
                    "Customers covered by a signed SLA-001 (target 3 of 3)",
                ),
                (
                    "Cibles du SLA-001 tenues chaque mois (prise en charge des P1 à 95 %, résolution dans les délais à 90 %, disponibilité à 99,5 %)",
                    "SLA-001 targets met each month (P1 pick-up at 95 %, resolution in time at 90 %, availability at 99.5 %)",
                ),
            ],
            "steps": {
                "SLM.1.1": [
                    (
                        "Avec chaque client, {P1} note les heures de service, les délais par priorité, la disponibilité et les postes couverts, en partant des niveaux convenus avec {C0}.",
                        "With each customer, {P1} notes the service hours, the times per priority, the availability and the covered PCs, starting from the levels agreed with {C0}.",
                    ),
                    (
                        "{P10} fait signer le SLA-001 et le bon de commande par le client, puis par {P0}.",
                        "{P10} has SLA-001 and the order form signed by the customer, then by {P0}.",
                    ),
                ],
                "SLM.2.1": [
                    (
                        "Chaque mois, {P1} compare le rapport de service aux cibles et calcule les avoirs avec {P9}.",
                        "Each month, {P1} compares the service report with the targets and computes the credits with {P9}.",
                    ),
                    (
                        "Chaque trimestre, {P10} présente les résultats au client et consigne les décisions dans `records/slm/` ; l'accord est revu avec lui une fois par an.",
                        "Each quarter, {P10} presents the results to the customer and records the decisions in `records/slm/`; the agreement is reviewed with them once a year.",
                    ),
                ],
            },
        },
        "SMS": {
            "objective": (
                "Établir et faire vivre le SMS d'{ORG} : son périmètre, sa politique POL-SMS, ses objectifs, ses rôles, ses moyens et ses documents, tenus dans la trousse sous git.",
                "Establish and run the SMS of {ORG}: its scope, its policy POL-SMS, its objectives, roles, resources and documents, kept in the kit under git.",
            ),
            "indicators": [
                ("Objectifs du plan PLA-SMS atteints dans l'année", "Objectives of plan PLA-SMS met within the year"),
                (
                    "Documents maîtrisés approuvés et revus à temps (cible 100 %, vérifié par `trousse check`)",
                    "Controlled documents approved and reviewed on time (target 100 %, checked by `trousse check`)",
                ),
                ("Salariés sensibilisés au SMS (cible 12 sur 12)", "Staff made aware of the SMS (target 12 of 12)"),
            ],
            "steps": {
                "SMS.1.1": [
                    (
                        "{P0} et {P1} tiennent CTX-ORG : enjeux (taille de l'équipe, cybermenaces, exigences des clients réglementés) et parties intéressées (clients, fournisseurs, salariés, organisme de certification).",
                        "{P0} and {P1} keep CTX-ORG: issues (team size, cyber threats, regulated customers' requirements) and interested parties (customers, suppliers, staff, certification body).",
                    ),
                    (
                        "SCO-SMS dit quels services, sites et clients le SMS couvre ; `trousse.yml` reprend le même périmètre, et toute modification de l'un passe dans l'autre le même jour.",
                        "SCO-SMS says which services, sites and customers the SMS covers; `trousse.yml` repeats the same scope, and any change to one goes into the other the same day.",
                    ),
                ],
                "SMS.2.1": [
                    (
                        "{P0} a écrit et signé POL-SMS, une page : engagements envers les clients, respect des exigences, amélioration continue.",
                        "{P0} wrote and signed POL-SMS, one page: commitments to customers, meeting requirements, continual improvement.",
                    ),
                    (
                        "`organisation/roles.yml` nomme {P1} responsable de la gestion des services et le propriétaire de chaque processus ; {P2} tient le rôle de ressource certifiée.",
                        "`organisation/roles.yml` names {P1} service management lead and the owner of each process; {P2} holds the certified resource role.",
                    ),
                    (
                        "La politique est affichée au bureau, présentée à chaque arrivant et publiée sur le portail client.",
                        "The policy is posted in the office, presented to each newcomer and published on the customer portal.",
                    ),
                ],
                "SMS.3.1": [
                    (
                        "{P1} tient REG-RSK (risques des services et du SMS, niveau, traitement, responsable) et le relit avant chaque revue de direction.",
                        "{P1} keeps REG-RSK (risks to the services and the SMS, level, treatment, owner) and reads it again before each management review.",
                    ),
                    (
                        "Quatre objectifs pour l'année, chacun avec responsable et échéance : délais du SLA, disponibilité, satisfaction, certification.",
                        "Four objectives for the year, each with owner and due date: SLA times, availability, satisfaction, certification.",
                    ),
                    (
                        "PLA-SMS réunit objectifs, rôles, moyens, calendrier (revues de juin et novembre, audits de juillet et octobre) et approche des risques ; {P0} l'approuve.",
                        "PLA-SMS brings together objectives, roles, resources, calendar (June and November reviews, July and October audits) and risk approach; {P0} approves it.",
                    ),
                ],
                "SMS.4.1": [
                    (
                        "MAT-CMP donne pour chaque salarié et chaque rôle la compétence attendue et sa preuve ; chaque formation est consignée avec son efficacité.",
                        "MAT-CMP gives for each employee and each role the competence expected and its evidence; each training is recorded with its effectiveness.",
                    ),
                    (
                        "{P1} accueille chaque arrivant avec la politique et les objectifs ; la réunion d'équipe du lundi passe les indicateurs du mois.",
                        "{P1} welcomes each newcomer with the policy and the objectives; the Monday team meeting goes over the month's indicators.",
                    ),
                    (
                        "Les documents vivent dans le dépôt git de la trousse sur le serveur de fichiers ; `trousse check` passe avant chaque validation.",
                        "The documents live in the kit's git repository on the file server; `trousse check` runs before every commit.",
                    ),
                ],
            },
        },
        "SPM": {
            "objective": (
                "Planifier et maîtriser la fourniture de nos services, y compris ce que {Sdc}, {Snet}, {Shw} et {Sbackup} font pour nous, pour qu'ils tiennent les exigences convenues.",
                "Plan and control the delivery of our services, including what {Sdc}, {Snet}, {Shw} and {Sbackup} do for us, so that they meet the agreed requirements.",
            ),
            "indicators": [
                (
                    "Services dont les exigences sont revues dans l'année (cible 4 sur 4)",
                    "Services whose requirements are reviewed within the year (target 4 of 4)",
                ),
                (
                    "Parties contribuant aux services inscrites au registre REG-FRN avec leur mode de maîtrise (cible 100 %)",
                    "Parties contributing to the services entered in register REG-FRN with how they are controlled (target 100 %)",
                ),
            ],
            "steps": {
                "SPM.1.1": [
                    (
                        "Chaque année en mai, {P1} et {P0} revoient les services fournis, prévus et à retirer, et leurs priorités.",
                        "Every year in May, {P1} and {P0} review the services delivered, planned and to be retired, and their priorities.",
                    ),
                    (
                        "PLA-SMS fixe pour chaque service les critères d'exploitation, les personnes et le calendrier, et {P1} le tient à jour.",
                        "PLA-SMS sets for each service the operating criteria, the people and the calendar, and {P1} keeps it up to date.",
                    ),
                ],
                "SPM.2.1": [
                    (
                        "{P1} recense dans REG-FRN, pour chaque service, les fournisseurs et ce qu'ils apportent ; aucun processus du SMS n'est confié à un tiers.",
                        "{P1} lists in REG-FRN, for each service, the suppliers and what they contribute; no SMS process is given to a third party.",
                    ),
                    (
                        "Chaque partie est tenue par un contrat (CTR-001) ou l'accord interne OLA-001, et revue à la revue fournisseurs de juin.",
                        "Each party is held by a contract (CTR-001) or internal agreement OLA-001, and reviewed at the June supplier review.",
                    ),
                ],
            },
        },
        "SRQ": {
            "objective": (
                "Traiter les demandes courantes des utilisateurs de nos clients (accès, installation, poste neuf, information) dans les délais du catalogue et du SLA-001.",
                "Handle our customers' users' routine requests (access, installation, new PC, information) within the catalogue and SLA-001 times.",
            ),
            "indicators": [
                (
                    "Demandes d'accès et de compte satisfaites en 2 jours ouvrés (cible 90 %)",
                    "Access and account requests fulfilled within 2 working days (target 90 %)",
                ),
                (
                    "Demandes par client et par type, lues chaque mois dans le rapport de service",
                    "Requests per customer and per type, read every month in the service report",
                ),
            ],
            "steps": {
                "SRQ.1.1": [
                    (
                        "{P4} ou {P6} ouvre un ticket de demande pour chaque demande du portail ou par courriel ; une demande qui signale une panne est requalifiée en incident.",
                        "{P4} or {P6} opens a request ticket for each portal or email request; a request that reports a failure is turned into an incident.",
                    ),
                    (
                        "Un accès ou un achat demande l'accord écrit du contact désigné par le client ; {P1} approuve tout accès à l'hébergement.",
                        "An access or a purchase needs the written agreement of the contact the customer named; {P1} approves every access to hosting.",
                    ),
                ],
                "SRQ.2.1": [
                    (
                        "Le technicien suit le modèle de réponse du type de demande ; {P8} prépare les postes neufs sous la conduite de {P3}, et les fiches CI ou REG-AST sont mises à jour.",
                        "The engineer follows the reply template of the request type; {P8} prepares new PCs under {P3}'s guidance, and the CI records or REG-AST are updated.",
                    ),
                    (
                        "La date de réalisation est notée, le demandeur prévenu, le ticket clos ; les demandes fréquentes sans modèle sont signalées à {P1}.",
                        "The fulfilment date is noted, the requester told, the ticket closed; frequent requests with no template are pointed out to {P1}.",
                    ),
                ],
            },
        },
        "SUP": {
            "objective": (
                "S'assurer que {Sdc}, {Snet}, {Sbackup} et {Shw} tiennent leurs engagements envers nous, par des contrats clairs et une revue annuelle.",
                "Make sure {Sdc}, {Snet}, {Sbackup} and {Shw} keep their commitments to us, through clear contracts and a yearly review.",
            ),
            "indicators": [
                (
                    "Fournisseurs critiques sous contrat à jour (cible 3 sur 3)",
                    "Critical suppliers under an up-to-date contract (target 3 of 3)",
                ),
                (
                    "Fournisseurs critiques revus dans l'année (cible 3 sur 3)",
                    "Critical suppliers reviewed within the year (target 3 of 3)",
                ),
            ],
            "steps": {
                "SUP.1.1": [
                    (
                        "REG-FRN marque critiques le centre de données, l'opérateur du lien et le sauvegardeur externe, avec leurs sous-traitants connus.",
                        "REG-FRN marks as critical the data centre, the link operator and the offsite backup provider, with their known subcontractors.",
                    ),
                    (
                        "{P0} signe chaque contrat après avoir vérifié avec {P1} le périmètre, les niveaux de service, les contacts, la sécurité et la sortie ; CTR-001 sert de modèle.",
                        "{P0} signs each contract after checking with {P1} the scope, service levels, contacts, security and exit terms; CTR-001 is the model.",
                    ),
                ],
                "SUP.2.1": [
                    (
                        "En juin, {P1} relève les incidents liés à chaque fournisseur, les délais tenus et les litiges ; {P9} apporte les factures.",
                        "In June, {P1} lists the incidents linked to each supplier, the times met and the disputes; {P9} brings the invoices.",
                    ),
                    (
                        "Chaque fournisseur est noté satisfaisant ou à améliorer dans `records/sup/` ; un fournisseur à améliorer est revu au trimestre suivant.",
                        "Each supplier is rated satisfactory or to improve in `records/sup/`; a supplier to improve is reviewed the next quarter.",
                    ),
                ],
            },
        },
    }
)
HEAD.update(
    {
        "ITSM-CERT": {
            "objective": (
                "Mener {ORG} de la mise en place de son SMS à la certification ISO/CEI 20000-1 des services de son périmètre, puis la garder et la renouveler.",
                "Take {ORG} from setting up its SMS to ISO/IEC 20000-1 certification of the services in its scope, then keep and renew it.",
            ),
            "indicators": [
                (
                    "Processus de la norme décrits, approuvés et appliqués (cible 24 sur 24)",
                    "Processes of the standard described, approved and running (target 24 of 24)",
                ),
                (
                    "Historique d'enregistrements par processus avant l'étape 1 (cible plus de 3 mois ; `trousse readiness` le calcule)",
                    "Record history per process before stage 1 (target more than 3 months; `trousse readiness` computes it)",
                ),
                (
                    "Non-conformités de l'audit à blanc soldées avant l'étape 1 (cible 100 %)",
                    "Nonconformities of the mock audit closed before stage 1 (target 100 %)",
                ),
                (
                    "Non-conformités majeures à l'audit de certification (cible 0)",
                    "Major nonconformities at the certification audit (target 0)",
                ),
            ],
            "steps": {
                "ITSM-CERT.1.1": [
                    (
                        "{P0} et {P1} écrivent REQ-SMS et SCO-SMS : les services clients et le parc interne, les clients sous contrat, les fournisseurs, le bureau de {TOWN} et la baie chez {Sdc}.",
                        "{P0} and {P1} write REQ-SMS and SCO-SMS: the customer services and internal IT, the contract customers, the suppliers, the {TOWN} office and the rack at {Sdc}.",
                    ),
                    (
                        "Chaque processus de la trousse est adapté par son propriétaire et approuvé par {P0}, comme les politiques, plans et procédures.",
                        "Each process of the kit is adapted by its owner and approved by {P0}, as are the policies, plans and procedures.",
                    ),
                    (
                        "Chaque incident, demande, changement, revue et rapport est validé dans git le jour même ; {P1} lance `trousse readiness` chaque lundi pour voir les processus encore courts.",
                        "Every incident, request, change, review and report is committed to git the same day; {P1} runs `trousse readiness` every Monday to see which processes are still short.",
                    ),
                ],
                "ITSM-CERT.2.1": [
                    (
                        "{P2}, qui n'est ni responsable de la gestion des services ni propriétaire d'un processus, suit la formation Fondation et passe l'examen ; son certificat sera rangé dans `records/cert/`.",
                        "{P2}, who is neither the service management lead nor a process owner, takes the Foundation course and its exam; the certificate will be filed in `records/cert/`.",
                    ),
                    (
                        "Avant la certification, {P2} et un auditeur externe mènent un audit à blanc de tout le SMS avec les listes de contrôle de la trousse ; chaque non-conformité a son action, suivie chaque lundi.",
                        "Before certification, {P2} and an external auditor run a mock audit of the whole SMS with the kit's checklists; each nonconformity has its action, followed every Monday.",
                    ),
                ],
                "ITSM-CERT.3.1": [
                    (
                        "{P0} demande trois devis, envoie le questionnaire de l'organisme et retient l'offre la mieux adaptée ; le contrat est revu avant signature.",
                        "{P0} asks for three quotes, sends the body's questionnaire and chooses the best-suited offer; the contract is reviewed before signature.",
                    ),
                    (
                        "{P1} convient du plan d'audit avec l'organisme et vérifie avec `trousse check` et `trousse readiness` que tout document est approuvé et tout processus a son historique.",
                        "{P1} agrees the audit plan with the body and checks with `trousse check` and `trousse readiness` that every document is approved and every process has its history.",
                    ),
                    (
                        "L'étape 1, une fois les non-conformités de l'audit à blanc soldées, puis l'étape 2 de deux jours et demi au bureau et, si l'organisme le demande, chez {Sdc}.",
                        "Stage 1, once the mock audit's nonconformities are closed, then the two-and-a-half-day stage 2 at the office and, if the body asks, at {Sdc}.",
                    ),
                    (
                        "L'organisme décide sur le rapport et notre plan d'actions ; {P1} répond à chaque écart dans le délai qu'il fixe.",
                        "The body decides on the report and our action plan; {P1} answers each finding within the time it sets.",
                    ),
                    (
                        "Le certificat, valable trois ans, est enregistré dans `records/cert/` avec sa date et son échéance pour que `trousse readiness` suive la surveillance.",
                        "The certificate, valid three years, is recorded in `records/cert/` with its date and expiry so that `trousse readiness` follows the surveillance.",
                    ),
                    (
                        "Un audit de surveillance chaque année, comme le contrat le prévoit ; {P1} garde les fiches à jour et les actions soldées entre deux visites.",
                        "A surveillance audit every year, as the contract provides; {P1} keeps the records up to date and the actions closed between visits.",
                    ),
                    (
                        "Avant la fin de la troisième année, {P0} programme l'audit de renouvellement, qui couvre tout le SMS et ouvre un nouveau cycle.",
                        "Before the end of the third year, {P0} schedules the recertification audit, which covers the whole SMS and opens a new cycle.",
                    ),
                ],
            },
        },
    }
)


_PLACE_RE = re.compile(r"\{(P\d+|C\d|S[a-z]+|ORG|TOWN)\}")


def _own(text: str, lang: str) -> str:
    """A text of HEAD in ``lang``, its people, customers, suppliers, firm and town filled in."""

    def fill(m: re.Match[str]) -> str:
        key = m[1]
        if key == "ORG":
            return ORG[lang]
        if key == "TOWN":
            return TOWN[lang]
        if key[0] == "P":
            return name(int(key[1:]), lang)
        if key[0] == "C":
            return CUSTOMERS[lang][int(key[1:])][1]
        return SUPPLIERS[lang][key[1:]]

    return _PLACE_RE.sub(fill, text)


def process_head(head: str, lang: str) -> str:
    """The front matter ``init`` wrote for a process (``head``: from its opening ``---`` to the
    line before its closing one), with the firm's own objective, indicators and step descriptions
    (HEAD); every other field (ids, names, roles, artefacts, clauses) is kept as it was."""
    data = load_plain(head.partition("---\n")[2])
    own = HEAD[data["id"]]
    i = 0 if lang == "fr" else 1
    data["objective"] = _own(own["objective"][i], lang)
    data["indicators"] = [_own(x[i], lang) for x in own["indicators"]]
    tasks = {t["id"]: t for a in data["activities"] for t in a.get("tasks", [])}
    assert set(own["steps"]) == set(tasks), (data["id"], sorted(tasks))
    for tid, texts in own["steps"].items():
        steps = tasks[tid].get("steps", [])
        assert len(steps) == len(texts), (tid, len(steps), len(texts))
        for step, text in zip(steps, texts, strict=True):
            step["description"] = _own(text[i], lang)
    return "---\n" + dump(data).rstrip("\n")
