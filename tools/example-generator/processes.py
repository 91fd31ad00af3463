"""The firm's own description of each process (the Markdown body of processes/<ID>.md): who does
what at the firm, its tools, its thresholds and the folders its records are really kept in.
The structured part (activities, tasks, steps) stays as the pack describes it."""

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
            "Le catalogue est `services/catalogue.yml` ; il est relu chaque trimestre avec les revues de service, et toute modification passe par une fiche de changement (ainsi l'ajout du service de sécurité des postes en juillet).",
            "The catalogue is `services/catalogue.yml`; it is read again every quarter with the service reviews, and every change to it goes through a change record (as the workstation security service did in July).",
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
            "Les changements standard sont ceux de la liste LST-CHG ; les autres ont une fiche CHG, une fenêtre convenue avec le client (préavis de 5 jours ouvrés) et une revue après mise en œuvre avant clôture.",
            "Standard changes are those on list LST-CHG; the others have a CHG record, a window agreed with the customer (5 working days' notice) and a post-implementation review before closing.",
        ),
    ),
    "SDT": (
        (
            "{P1} conduit la conception d'un nouveau service ou d'un changement important ; {P10} porte la voix du client ; {P0} décide du lancement.",
            "{P1} leads the design of a new service or of a significant change; {P10} speaks for the customer; {P0} decides on the launch.",
        ),
        (
            "Deux ou trois conceptions par an, chacune consignée dès qu'elle commence (ainsi la sécurité des postes et de la messagerie en 2026) et passée au client avant mise en service.",
            "Two or three designs a year, each recorded as soon as it starts (as workstation and mail security was in 2026) and handed over to the customer before going live.",
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
            "Les incidents arrivent par téléphone, courriel, portail ou supervision et vont dans une seule file ; délais du SLA : P1 pris en charge en 1 heure ouvrée et résolu en 4, P2 résolu en 1 jour ouvré ; cible 95 % dans les délais.",
            "Incidents come by phone, email, portal or monitoring into a single queue; SLA times: P1 picked up within 1 working hour and resolved within 4, P2 resolved within 1 working day; target 95 % on time.",
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
            "Le rapport part avant le 10 du mois suivant : incidents et demandes par priorité, délais tenus, disponibilité, changements ; les chiffres viennent des fiches de la trousse.",
            "The report goes out before the 10th of the next month: incidents and requests by priority, times met, availability, changes; the figures come from the kit's records.",
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
            "Questionnaire envoyé en septembre, audit à blanc en octobre, audit de certification visé pour février 2027 une fois la non-conformité majeure de continuité soldée.",
            "Questionnaire sent in September, mock audit in October, certification audit aimed at February 2027 once the major continuity nonconformity is closed.",
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
