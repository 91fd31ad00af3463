"""Catalogue, customers, audits, actions, scope and fallback documents of the example firm."""

from people import CUSTOMERS, EXTERNAL_AUDITOR, ORG, SERVICES, SUPPLIERS

from trousse.i18n import de as i18n_de


def scope(lang):
    return {
        "fr": "Services d'assistance aux utilisateurs, d'hébergement et de sauvegarde, et de sécurité du poste et "
        "de la messagerie, fournis depuis Blois par Infogérance Val-de-Loire SARL aux PME et associations "
        "du Loir-et-Cher, ainsi que la gestion du parc informatique interne.",
        "en": "User support, hosting and backup, and workstation and mail security services delivered from "
        "Gloucester by Severn Valley IT Services Ltd to small businesses and charities of Gloucestershire, "
        "and the management of its own IT.",
    }[lang]


def catalogue_text(lang, docs):
    s = SERVICES[lang]
    c = [x[0] for x in CUSTOMERS[lang]]
    sup = SUPPLIERS[lang]
    sla = docs["sla"]
    internal = docs.get("internal-agreement", sla)
    if lang == "fr":
        return f"""\
# Catalogue des services d'Infogérance Val-de-Loire SARL : les sept éléments de chaque service.
title: Catalogue des services d'Infogérance Val-de-Loire SARL
services:
  - id: {s["support"]}
    name: Assistance aux utilisateurs
    description: >-
      Quand un poste, une imprimante, la messagerie ou un logiciel ne marche pas, ou quand il vous
      faut un compte ou un accès, vous appelez ou vous écrivez : un technicien s'en occupe jusqu'à ce
      que vous puissiez travailler de nouveau.
    category: business
    promise: >-
      Prise en charge en moins de 4 heures ouvrées ; un incident bloquant est pris en charge en moins
      d'une heure, avec un point d'avancement toutes les 2 heures.
    conditions: >-
      Du lundi au vendredi de 8 h 30 à 18 h, hors jours fériés, pour les postes et logiciels inscrits
      à l'inventaire du client ; demandes par le portail, le courriel ou le téléphone.
    cost: >-
      Forfait mensuel de 38 € HT par poste, facturé chaque mois et payable à 30 jours ; engagement d'un
      an ; pénalité de 10 % du forfait si le délai de prise en charge n'est pas tenu ; intervention sur
      site hors forfait à 65 € HT de l'heure.
    contributors:
      - Éditeurs des logiciels couverts (support de second niveau)
      - {sup["hw"]} (matériel et échanges sous garantie)
    clientele: Les PME et associations de 5 à 50 postes du Loir-et-Cher.
    information: >-
      Environ 120 demandes par mois pour 260 postes ; portail d'assistance et numéro unique dans le
      contrat ; ne couvre ni la formation ni les développements spécifiques.
    sla: {sla}
    processes: [SLM, INC, SRQ, PRB, BRM]
    customers: [{c[0]}, {c[1]}, {c[2]}]
  - id: {s["hosting"]}
    name: Hébergement et sauvegarde des données
    description: >-
      Vos fichiers, votre messagerie et vos logiciels de gestion sont sur nos serveurs, sauvegardés
      chaque nuit et restaurables à la demande ; vous y accédez du bureau comme de chez vous.
    category: infrastructure
    promise: >-
      Disponibilité de 99,5 % par mois hors maintenance annoncée ; sauvegarde quotidienne gardée
      30 jours ; restauration d'un fichier en moins d'un jour ouvré ; en cas de panne du centre
      principal, reprise sur le site de secours en moins de 4 heures.
    conditions: >-
      Maintenance annoncée 5 jours ouvrés à l'avance et faite hors heures ouvrées ; le client reste
      propriétaire de ses données, hébergées en France.
    cost: >-
      Abonnement de 9 € HT par compte et par mois plus 0,12 € HT par Go, facturé mensuellement par
      prélèvement ; mise en service 350 € HT ; engagement de 12 mois ; pénalité : avoir de 5 % par
      heure d'indisponibilité au-delà de l'engagement.
    contributors:
      - {sup["dc"]} (hébergement des serveurs)
      - {sup["net"]} (lien internet du centre de données)
      - {sup["backup"]} (copie externe des sauvegardes)
    clientele: Les PME clientes qui ne veulent pas de serveur dans leurs locaux.
    information: Rapport mensuel de disponibilité et de sauvegarde envoyé à chaque client ; 35 clients hébergés.
    sla: {sla}
    processes: [SLM, AVA, CON, CAP, SEC, CFG]
    customers: [{c[0]}, {c[2]}]
  - id: {s["security"]}
    name: Sécurité du poste et de la messagerie
    description: >-
      Vos postes sont protégés contre les virus, vos courriels sont filtrés, et votre équipe apprend
      une fois par an à reconnaître les pièges ; en cas d'alerte, nous agissons tout de suite.
    category: thematic
    promise: >-
      Alerte de sécurité traitée en moins d'une heure ouvrée ; rapport mensuel des menaces bloquées ;
      une session de sensibilisation par an ; en cas d'attaque en cours, intervention à distance sous
      2 heures.
    conditions: Postes sous Windows ou macOS récents ; messagerie hébergée chez nous ou chez un grand fournisseur.
    cost: 6 € HT par poste et par mois, facturés mensuellement ; engagement d'un an ; pénalité de 10 % si une alerte n'est pas traitée dans l'heure ; session de sensibilisation incluse.
    contributors:
      - Éditeur de la console antivirus (console et signatures)
    clientele: Les clients de l'assistance qui traitent des données sensibles (santé, actes, paie).
    information: Mis au catalogue par le changement CHG-2026-0004.
    sla: {sla}
    processes: [SEC, INC, SRQ]
    customers: [{c[0]}, {c[1]}]
  - id: {s["internal"]}
    name: Gestion du parc informatique interne
    description: >-
      Chaque salarié d'Infogérance Val-de-Loire a un poste prêt le jour de son arrivée, des accès
      retirés le jour de son départ et l'assistance comme un client.
    category: internal
    promise: Poste prêt le jour d'arrivée ; accès retirés le jour du départ ; en cas de panne d'un poste, poste de secours dans la journée.
    conditions: Demande de la gérance au moins 5 jours ouvrés avant l'arrivée.
    cost: Interne, pris sur le budget de fonctionnement.
    contributors: []
    clientele: Les 12 personnes de l'entreprise.
    information: Demandes par le portail, comme les clients ; 14 postes internes.
    sla: {internal}
    processes: [SRQ, AST, CFG]
    customers: [INT-EQUIPE]
"""
    return f"""\
# Severn Valley IT Services Ltd service catalogue: the seven elements of each service.
title: Severn Valley IT Services Ltd service catalogue
services:
  - id: {s["support"]}
    name: User support
    description: >-
      When a PC, a printer, email or an application stops working, or when you need an account or an
      access, you call or write: an engineer looks after it until you can work again.
    category: business
    promise: >-
      Picked up within 4 working hours; a blocking incident is picked up within one hour, with an
      update at least every 2 hours.
    conditions: >-
      Monday to Friday 8:30 to 18:00, bank holidays excepted, for the PCs and software in the
      customer's inventory; requests through the portal, email or phone.
    cost: >-
      £32 per covered PC per month, invoiced monthly and payable within 30 days; one-year
      commitment; penalty of 10 % of the fee if the pick-up time is missed; on-site work outside the
      plan at £55 an hour.
    contributors:
      - Vendors of the covered software (second-line support)
      - {sup["hw"]} (hardware and warranty swaps)
    clientele: Small businesses and charities of 5 to 50 PCs in Gloucestershire.
    information: >-
      About 120 requests a month for 260 PCs; support portal and single phone number in the
      contract; does not cover training or bespoke development.
    sla: {sla}
    processes: [SLM, INC, SRQ, PRB, BRM]
    customers: [{c[0]}, {c[1]}, {c[2]}]
  - id: {s["hosting"]}
    name: Hosting and backup
    description: >-
      Your files, email and business applications live on our servers, are backed up every night and
      can be restored on request; you reach them from the office or from home.
    category: infrastructure
    promise: >-
      99.5% availability a month outside announced maintenance; daily backup kept 30 days; a file
      restored within one working day; if the main data centre fails, recovery at the backup site
      within 4 hours.
    conditions: >-
      Maintenance announced 5 working days ahead and done outside working hours; the customer owns
      its data, hosted in the UK.
    cost: >-
      £8 per account per month plus £0.10 per GB, invoiced monthly by direct debit; set-up £300
      once; 12-month commitment; penalty: a 5 % credit per hour of unavailability beyond the
      commitment.
    contributors:
      - {sup["dc"]} (server hosting)
      - {sup["net"]} (data centre internet link)
      - {sup["backup"]} (offsite backup copy)
    clientele: Customers who do not want a server in their own office.
    information: Monthly availability and backup report sent to each customer; 35 customers hosted.
    sla: {sla}
    processes: [SLM, AVA, CON, CAP, SEC, CFG]
    customers: [{c[0]}, {c[2]}]
  - id: {s["security"]}
    name: Workstation and mail security
    description: >-
      Your PCs are protected against viruses, your mail is filtered, and your team learns once a year
      to spot the traps; when an alert comes, we act at once.
    category: thematic
    promise: >-
      Security alert handled within one working hour; monthly report of blocked threats; one
      awareness session a year; during an attack in progress, remote
      intervention within 2 hours.
    conditions: Recent Windows or macOS PCs; mail hosted by us or by a major provider.
    cost: £5 per PC per month, invoiced monthly; one-year commitment; penalty of 10 % if an alert is not handled within the hour; awareness session included.
    contributors:
      - Vendor of the antivirus console (console and signatures)
    clientele: Support customers who handle sensitive data (health, legal, payroll).
    information: Added to the catalogue through change CHG-2026-0004.
    sla: {sla}
    processes: [SEC, INC, SRQ]
    customers: [{c[0]}, {c[1]}]
  - id: {s["internal"]}
    name: Internal IT
    description: >-
      Every Severn Valley IT employee has a PC ready on the first day, access removed on the last
      day, and support like a customer.
    category: internal
    promise: PC ready on the first day; access removed on the last day; if a PC fails, a spare within the day.
    conditions: Request from management at least 5 working days before the start date.
    cost: Internal, from the running budget.
    contributors: []
    clientele: The 12 people of the firm.
    information: Requests through the portal, like customers; 14 internal PCs.
    sla: {internal}
    processes: [SRQ, AST, CFG]
    customers: [INT-STAFF]
"""


def customers_text(lang):
    s = SERVICES[lang]
    c = CUSTOMERS[lang]
    dom = {
        "fr": ["berthier-notaires.fr", "clinique-sablons.fr", "transports-delorme.fr"],
        "en": ["hartleywebb.co.uk", "meadowbankvets.co.uk", "carterhaulage.co.uk"],
    }[lang]
    if lang == "fr":
        reqs = [
            [
                "Un incident bloquant est pris en charge en moins d'une heure ouvrée.",
                "Les actes restent hébergés en France et sont sauvegardés chaque nuit.",
                "Un rapport mensuel de service arrive au cours du mois suivant.",
            ],
            [
                "La messagerie est filtrée et le personnel sensibilisé une fois par an.",
                "Le logiciel vétérinaire est rétabli en moins de 4 heures ouvrées.",
            ],
            [
                "Les postes du quai sont remplacés sous un jour ouvré.",
                "Toute intervention sur le serveur est annoncée 5 jours ouvrés à l'avance.",
            ],
        ]
        internal = (
            "INT-EQUIPE",
            "Équipes internes d'Infogérance Val-de-Loire",
            "Hélène Marchand, gérante",
            [
                "Le poste d'un nouvel arrivant est prêt le jour de son arrivée.",
                "Les accès d'une personne qui part sont retirés le jour de son départ.",
            ],
        )
    else:
        reqs = [
            [
                "A blocking incident is picked up within one working hour.",
                "Deeds stay hosted in the UK and are backed up every night.",
                "A monthly service report arrives during the next month.",
            ],
            [
                "Mail is filtered and staff get awareness training once a year.",
                "The practice software is restored within 4 working hours.",
            ],
            ["Dock PCs are replaced within one working day.", "Any server work is announced 5 working days ahead."],
        ]
        internal = (
            "INT-STAFF",
            "Severn Valley IT staff",
            "Margaret Hale, managing director",
            ["A newcomer's PC is ready on the first day.", "A leaver's access is removed on the last day."],
        )
    svcs = [[s["support"], s["hosting"], s["security"]], [s["support"], s["security"]], [s["support"], s["hosting"]]]
    out = ["customers:"]
    for (cid, cname, contact), dm, rq, sv in zip(c, dom, reqs, svcs, strict=True):
        out += [
            f"  - id: {cid}",
            f"    name: {cname}",
            "    kind: external",
            f"    contact: {contact} <contact@{dm}>",
            "    requirements:",
        ]
        out += [f"      - {r}" for r in rq]
        out.append(f"    services: [{', '.join(sv)}]")
    out += [
        f"  - id: {internal[0]}",
        f"    name: {internal[1]}",
        "    kind: internal",
        f"    contact: {internal[2]}",
        "    requirements:",
    ]
    out += [f"      - {r}" for r in internal[3]]
    out.append(f"    services: [{s['internal']}]")
    head = {
        "fr": "# Les clients d'Infogérance Val-de-Loire SARL et leurs exigences.\n",
        "en": "# Severn Valley IT Services Ltd customers and their requirements.\n",
    }[lang]
    return head + "\n".join(out) + "\n"


def audits(lang, works_in):
    """The two audits of the year, as the audit programme assigns them: the firm's own auditor (RCF)
    audits only processes she does not work in; the external auditor audits the others."""
    fr = lang == "fr"
    t = (lambda a, b: a) if fr else (lambda a, b: b)
    ext, firm = EXTERNAL_AUDITOR[lang]
    hers = [
        p
        for p in (
            "SMS",
            "SPM",
            "CAT",
            "AST",
            "CFG",
            "BRM",
            "SLM",
            "SUP",
            "BUD",
            "DEM",
            "CAP",
            "CHG",
            "SDT",
            "REL",
            "INC",
            "SRQ",
            "PRB",
            "AVA",
            "CON",
            "SEC",
            "REP",
            "AUD",
            "MRV",
            "IMP",
            "ITSM-CERT",
        )
        if p not in works_in
    ]
    theirs = [
        p
        for p in (
            "SMS",
            "SPM",
            "CAT",
            "AST",
            "CFG",
            "BRM",
            "SLM",
            "SUP",
            "BUD",
            "DEM",
            "CAP",
            "CHG",
            "SDT",
            "REL",
            "INC",
            "SRQ",
            "PRB",
            "AVA",
            "CON",
            "SEC",
            "REP",
            "AUD",
            "MRV",
            "IMP",
            "ITSM-CERT",
        )
        if p in works_in
    ]
    a1 = f"""\
id: AUD-2026-01
kind: internal
title: {t("Audit interne des processus de résolution et des changements", "Internal audit of the resolution and change processes")}
date: 2026-07-15
end_date: 2026-07-17
auditors:
  - {{name: {ext}, organisation: "{firm}", lead: true}}
version: "1.0"
objectives: >-
  {t("Vérifier que les processus d'incidents, de demandes de service et de changements sont appliqués comme décrits et laissent des enregistrements datés, six semaines après le lancement du SMS.", "Check that the incident, service request and change processes are applied as described and leave dated records, six weeks after the SMS was launched.")}
sites: [{t('"Agence et centre de support de Blois"', '"Office and support centre in Gloucester"')}]
auditees: [{{P1}}, {{P2}}, {{P4}}, {{P5}}]
scope: [INC, SRQ, CHG]
criteria: ["iso20000-1-2018:8.5.1", "iso20000-1-2018:8.6.1", "iso20000-1-2018:8.6.2"]
method: >-
  {t(f"Audit confié à {ext}, auditrice externe : {{P2}}, auditrice interne de l'entreprise, travaille dans les trois processus audités (programme d'audit PRG-AUD).", f"Audit given to {ext}, an external auditor: {{P2}}, the firm's internal auditor, works in all three processes audited (audit programme PRG-AUD).")}
sampling: >-
  {t("10 incidents et 8 demandes de service tirés au hasard dans l'outil de tickets, et tous les changements normaux clos depuis le lancement du SMS ; chaque dossier suivi de l'ouverture à la clôture.", "10 incidents and 8 service requests drawn at random from the ticketing tool, and every normal change closed since the SMS was launched; each followed from opening to closure.")}
context: {t("Premier audit interne du SMS, six semaines après son lancement.", "First internal audit of the SMS, six weeks after its launch.")}
summary: {t("Les incidents et les demandes sont enregistrés et suivis ; la revue des changements est à tracer.", "Incidents and requests are recorded and followed up; change reviews must be recorded.")}
conclusion: {t("Processus appliqués ; une non-conformité mineure.", "Processes applied; one minor nonconformity.")}
recommendation: not-applicable
distribution: [{t("Direction", "Management")}, {t("Responsable de la gestion des services", "Service management lead")}, {t("Pilotes des processus audités", "Owners of the audited processes")}]
confidentiality: "{t("Interne : ne pas diffuser hors de l'entreprise", "Internal: not to be shared outside the firm")}"
findings:
  - id: AUD-2026-01-F1
    kind: minor-nc
    process: CHG
    clause: iso20000-1-2018:8.5.1.3
    statement: >-
      {t("Deux changements normaux (CHG-2026-0001 et CHG-2026-0003) ont été clos sans revue après mise en œuvre.", "Two normal changes (CHG-2026-0001 and CHG-2026-0003) were closed without a post-implementation review.")}
    evidence: [records/chg/CHG-2026-0001.yml, records/chg/CHG-2026-0003.yml]
  - id: AUD-2026-01-F2
    kind: observation
    process: INC
    clause: iso20000-1-2018:8.6.1
    statement: >-
      {t("La catégorie des incidents est saisie librement : les statistiques par catégorie sont difficiles à lire.", "Incident categories are free text: statistics by category are hard to read.")}
    evidence: [records/inc/INC-2026-0003.yml]
  - id: AUD-2026-01-F3
    kind: strength
    process: SRQ
    clause: iso20000-1-2018:8.6.2
    statement: >-
      {t("Les demandes d'accès sont systématiquement approuvées par le RGS avant traitement.", "Access requests are always approved by the service management lead before being fulfilled.")}
    evidence: [records/srq/SRQ-2026-0001.yml]
signed_by: {ext}
signed_on: 2026-07-17
"""
    all_ = "[SMS, SPM, CAT, AST, CFG, BRM, SLM, SUP, BUD, DEM, CAP, CHG, SDT, REL, INC, SRQ, PRB, AVA, CON, SEC, REP, AUD, MRV, IMP, ITSM-CERT]"
    a2 = f"""\
id: AUD-2026-02
kind: internal
title: {t("Audit interne à blanc avant certification", "Internal mock audit before certification")}
date: 2026-10-12
end_date: 2026-10-16
auditors:
  - {{name: {ext}, organisation: "{firm}", lead: true}}
  - {{name: {{P2}}, role: RCF, processes: [{", ".join(hers)}]}}
version: "1.0"
objectives: >-
  {t("Établir, comme le ferait l'audit de certification, si tout le SMS satisfait à l'ISO/CEI 20000-1:2018 et si l'entreprise peut réserver son audit de certification ; vérifier le traitement des constats de l'audit AUD-2026-01.", "Establish, as the certification audit would, whether the whole SMS meets ISO/IEC 20000-1:2018 and whether the firm can book its certification audit; check how the findings of audit AUD-2026-01 were handled.")}
sites: [{t('"Agence et centre de support de Blois"', '"Office and support centre in Gloucester"')}, {t('"Baie louée chez DataCentre Loire à Orléans (auditée à distance)"', '"Rack rented at Cotswold Data Centre (audited remotely)"')}]
auditees: [{{P0}}, {{P1}}, {{P5}}, {{P9}}, {{P11}}]
scope: {all_}
criteria: ["iso20000-1-2018:4", "iso20000-1-2018:8.1", "iso20000-1-2018:9.2", "iso20000-1-2018:10.1"]
method: >-
  {t(f"Répartition selon le programme d'audit PRG-AUD : {{P2}} (RCF) a audité les processus où elle ne travaille pas ({', '.join(hers)}) ; {ext}, auditrice externe et responsable de l'audit, a audité ceux où {{P2}} travaille ({', '.join(theirs)}).", f"Split as the audit programme PRG-AUD says: {{P2}} (RCF) audited the processes she does not work in ({', '.join(hers)}); {ext}, the external lead auditor, audited those {{P2}} works in ({', '.join(theirs)}).")}
sampling: >-
  {t("Pour chaque processus, les 3 enregistrements les plus récents et 2 tirés au hasard depuis le lancement du SMS ; tous les enregistrements de continuité, de sécurité et de fournisseurs ; toutes les actions ouvertes depuis l'audit interne AUD-2026-01.", "For each process, the 3 latest records and 2 drawn at random since the SMS was launched; every continuity, security and supplier record; every action opened since internal audit AUD-2026-01.")}
context: >-
  {t("Audit à blanc de tout le SMS, conduit comme un audit de certification à partir des listes de contrôle de la trousse.", "Mock audit of the whole SMS, run like a certification audit from the kit's checklists.")}
previous: AUD-2026-01
follow_up:
  - finding: AUD-2026-01-F1
    status: closed
    note: >-
      {t("Revue après mise en œuvre rendue obligatoire (ACT-2026-002) ; aucun changement clos sans revue depuis.", "Post-implementation review made mandatory (ACT-2026-002); no change closed without a review since.")}
summary: >-
  {t("Les 25 processus sont décrits, approuvés et produisent des enregistrements depuis le lancement du SMS. La continuité de service ne tient pas son objectif de restauration.", "All 25 processes are described, approved and have produced records since the SMS was launched. Service continuity misses its restore objective.")}
conclusion: >-
  {t("Prêt pour la certification une fois la non-conformité majeure soldée et vérifiée.", "Ready for certification once the major nonconformity is closed and verified.")}
recommendation: certify-after-actions
distribution: [{t("Direction", "Management")}, {t("Responsable de la gestion des services", "Service management lead")}, {t("Pilotes de processus", "Process owners")}, {t("Revue de direction", "Management review")}]
confidentiality: "{t("Interne : ne pas diffuser hors de l'entreprise (à remettre à l'organisme de certification sur demande)", "Internal: not to be shared outside the firm (given to the certification body on request)")}"
findings:
  - id: AUD-2026-02-F1
    kind: major-nc
    process: CON
    clause: iso20000-1-2018:8.7.2
    statement: >-
      {t("Le test de restauration complète du serveur de fichiers (PCA-2026-0001) a dépassé l'objectif de 4 h (5 h) et aucune action n'a été engagée depuis.", "The full restore test of the file server (PCA-2026-0001) exceeded the 4 h objective (5 h) and no action has been taken since.")}
    evidence: [records/con/PCA-2026-0001.yml]
  - id: AUD-2026-02-F2
    kind: minor-nc
    process: SMS
    clause: iso20000-1-2018:7.2
    statement: >-
      {t("L'efficacité des formations internes n'est pas évaluée de façon datée.", "The effectiveness of in-house training is not assessed with a date.")}
    evidence: [records/sms/FOR-2026-0002.yml]
  - id: AUD-2026-02-F3
    kind: minor-nc
    process: SUP
    clause: iso20000-1-2018:8.3.4.1
    statement: >-
      {t("Le contrat de l'opérateur réseau ne fixe pas de délai de rétablissement, alors que la revue SUP-2026-0003 et le registre des fournisseurs retiennent 4 heures.", "The network operator's contract sets no restoration time, yet review SUP-2026-0003 and the supplier register assume 4 hours.")}
    evidence: [records/sup/SUP-2026-0003.yml]
  - id: AUD-2026-02-F4
    kind: observation
    process: CAP
    clause: iso20000-1-2018:8.4.3
    statement: >-
      {t("Le coffre de sauvegarde a atteint son quota avant l'extension prévue par la revue de capacité.", "The backup vault reached its quota before the extension the capacity review planned.")}
    evidence: [records/cap/CAP-2026-0001.yml, records/prb/PRB-2026-0002.yml]
  - id: AUD-2026-02-F5
    kind: strength
    process: INC
    clause: iso20000-1-2018:8.6.1
    statement: >-
      {t("Incidents liés aux problèmes de façon systématique ; la panne majeure INC-2026-0005 est traitée de bout en bout.", "Incidents are linked to problems every time; the major outage INC-2026-0005 is handled end to end.")}
    evidence: [records/inc/INC-2026-0005.yml, records/prb/PRB-2026-0001.yml]
  - id: AUD-2026-02-F6
    kind: opportunity
    process: SLM
    clause: iso20000-1-2018:8.3.3
    statement: >-
      {t("Joindre aux revues de service les indicateurs calculés par le rapport mensuel plutôt que de les recopier.", "Attach the monthly report's indicators to service reviews instead of copying them.")}
    evidence: [records/slm/SRV-2026-0003.yml]
signed_by: {ext}
signed_on: 2026-10-16
"""
    return {"audits/AUD-2026-01.yml": a1, "audits/AUD-2026-02.yml": a2}


def actions(lang):
    fr = lang == "fr"
    t = (lambda a, b: a) if fr else (lambda a, b: b)
    items = [
        (
            "ACT-2026-002",
            "corrective",
            "AUD-2026-01-F1",
            "CHG",
            "RGS",
            "{P1}",
            "2026-07-17",
            "2026-08-31",
            "verified",
            "2026-07-24",
            "2026-10-16",
            "RCF",
            t(
                "Rendre la revue après mise en œuvre obligatoire avant de clore un changement",
                "Make the post-implementation review required before closing a change",
            ),
            t(
                "Champ « revue » ajouté au formulaire de changement ; contrôle mensuel des changements clos.",
                "'review' field added to the change form; monthly check of closed changes.",
            ),
            t(
                "Efficace : aucun changement clos sans revue depuis la règle (vérifié à l'audit à blanc AUD-2026-02).",
                "Effective: no change closed without review since the rule (checked at mock audit AUD-2026-02).",
            ),
        ),
        (
            "ACT-2026-003",
            "corrective",
            "AUD-2026-02-F2",
            "SMS",
            "RGS",
            "{P1}",
            "2026-10-19",
            "2026-11-30",
            "done",
            "2026-11-13",
            None,
            None,
            t(
                "Évaluer et dater l'efficacité de chaque formation",
                "Assess and date the effectiveness of every training",
            ),
            t(
                "Évaluation à un mois ajoutée au formulaire de formation ; les formations déjà suivies évaluées après coup.",
                "One-month assessment added to the training form; the trainings already held assessed afterwards.",
            ),
            None,
        ),
        (
            "ACT-2026-004",
            "corrective",
            "AUD-2026-02-F3",
            "SUP",
            "D",
            "{P0}",
            "2026-10-19",
            "2026-12-15",
            "open",
            None,
            None,
            None,
            t(
                "Négocier un délai de rétablissement de 4 h dans le contrat de l'opérateur",
                "Negotiate a 4-hour restoration time in the operator contract",
            ),
            t(
                "Avenant demandé à l'opérateur ; réponse attendue sous six semaines.",
                "Amendment requested from the operator; answer expected within six weeks.",
            ),
            None,
        ),
        (
            "ACT-2026-005",
            "corrective",
            "AUD-2026-02-F1",
            "CON",
            "RGS",
            "{P11}",
            "2026-10-19",
            "2026-12-18",
            "open",
            None,
            None,
            None,
            t("Tenir l'objectif de restauration de 4 h", "Meet the 4-hour restore objective"),
            t(
                "Secrets du coffre mis sous séquestre, procédure réécrite ; nouveau test de restauration complet prévu avant l'audit de certification.",
                "Vault secrets escrowed, procedure rewritten; new full restore test planned before the certification audit.",
            ),
            None,
        ),
        (
            "ACT-2026-006",
            "preventive",
            "AUD-2026-02-F4",
            "CAP",
            "RGS",
            "{P5}",
            "2026-10-19",
            "2027-01-15",
            "open",
            None,
            None,
            None,
            t(
                "Alerte de capacité à 80 % sur le coffre de sauvegarde et le stockage",
                "Capacity alert at 80% on the backup vault and storage",
            ),
            t(
                "Seuils ajoutés à la supervision ; revue de capacité mensuelle jusqu'à l'audit.",
                "Thresholds added to monitoring; monthly capacity review until the audit.",
            ),
            None,
        ),
        (
            "ACT-2026-007",
            "improvement",
            "AUD-2026-02-F6",
            "SLM",
            "RGS",
            "{P1}",
            "2026-10-19",
            "2027-02-26",
            "open",
            None,
            None,
            None,
            t("Revues de service nourries par le rapport mensuel", "Service reviews fed by the monthly report"),
            t(
                "Joindre le rapport de service du trimestre à chaque revue de service.",
                "Attach the quarter's service reports to every service review.",
            ),
            None,
        ),
    ]
    # The management reviews' decisions, each an action carrying the review's id (review: ...).
    items += [
        (
            "ACT-2026-001",
            "improvement",
            "review:RDD-2026-0001",
            "ITSM-CERT",
            "D",
            "{P0}",
            "2026-06-19",
            "2026-07-31",
            "verified",
            "2026-07-16",
            "2026-11-20",
            "D",
            t(
                "Former une ressource certifiée Fondation ISO/CEI 20000",
                "Train an ISO/IEC 20000 Foundation-certified resource",
            ),
            t(
                "Inscrire {P2} à la prochaine session de formation Fondation et suivre l'examen.",
                "Enrol {P2} on the next Foundation course and follow up the exam.",
            ),
            t(
                "Certificat obtenu (CFN-2026-0001) ; vérifié à la revue de direction RDD-2026-0002.",
                "Certificate obtained (CFN-2026-0001); checked at management review RDD-2026-0002.",
            ),
        ),
        (
            "ACT-2026-010",
            "improvement",
            "review:RDD-2026-0001",
            "AUD",
            "RCF",
            "{P2}",
            "2026-06-19",
            "2026-10-31",
            "verified",
            "2026-10-16",
            "2026-11-20",
            "D",
            t(
                "Conduire un audit à blanc de tout le périmètre d'ici quatre mois",
                "Run a mock audit of the whole scope within four months",
            ),
            t(
                "Inscrire l'audit à blanc au programme d'audit, choisir l'auditeur externe et le conduire d'ici quatre mois.",
                "Put the mock audit in the audit programme, choose the external auditor and run it within four months.",
            ),
            t(
                "Audit à blanc AUD-2026-02 conduit et signé ; vérifié à la revue de direction RDD-2026-0002.",
                "Mock audit AUD-2026-02 run and signed; checked at management review RDD-2026-0002.",
            ),
        ),
        (
            "ACT-2026-008",
            "improvement",
            "review:RDD-2026-0002",
            "ITSM-CERT",
            "D",
            "{P0}",
            "2026-11-20",
            "2026-12-18",
            "open",
            None,
            None,
            None,
            t("Signer le contrat de certification", "Sign the certification contract"),
            t(
                "Contrat de l'organisme certificateur relu (CTR-OCA en revue) ; signature après la clôture de ACT-2026-005.",
                "Certification body's contract read (CTR-OCA in review); signature once ACT-2026-005 is closed.",
            ),
            None,
        ),
        (
            "ACT-2026-009",
            "improvement",
            "review:RDD-2026-0002",
            "CON",
            "RGS",
            "{P1}",
            "2026-11-20",
            "2026-12-18",
            "open",
            None,
            None,
            None,
            t("Suivre ACT-2026-005 chaque semaine", "Follow up ACT-2026-005 weekly"),
            t(
                "Point chaque lundi avec {P11} sur la préparation du prochain test de restauration complet (ACT-2026-005).",
                "Every Monday, a check with {P11} on the preparation of the next full restore test (ACT-2026-005).",
            ),
            None,
        ),
    ]
    out = {}
    for aid, kind, finding, proc, owner, holder, opened, due, status, done, verified, vby, title, desc, eff in items:
        source = f"review: {finding[7:]}" if finding.startswith("review:") else f"finding: {finding}"
        lines = [
            f"id: {aid}",
            f"kind: {kind}",
            source,
            f"title: {title}",
            "description: >-",
            f"  {desc}",
            f"process: {proc}",
            f"owner: {owner}",
            f"holder: {holder}",
            f"opened_on: {opened}",
            f"due: {due}",
            f"status: {status}",
            f"done_on: {done or 'null'}",
            f"verified_on: {verified or 'null'}",
        ]
        if vby:
            lines.append(f"verified_by: {vby}")
        if eff:
            lines += ["effectiveness: >-", f"  {eff}"]
        out[f"actions/{aid}.yml"] = "\n".join(lines) + "\n"
    return out


def fallback_docs(lang):
    """Required documents that no shipped template gives yet: art -> (id, path, text)."""
    fr = lang == "fr"
    org = ORG[lang]
    t = (lambda a, b: a) if fr else (lambda a, b: b)

    def doc(did, art, title, body):
        text = (
            f'---\nid: {did}\ntitle: {title}\nartefact: {art}\nversion: "1.0"\nstatus: approved\nowner: RGS\n'
            f"approved_by: D\napproved_on: 2026-05-28\nreview_every: 12 months\n---\n# {title}\n\n{body}"
        )
        return (did, f"documents/{art}.md", text)

    return {
        "continuity-plan": doc(
            "PLA-CON",
            "continuity-plan",
            t("Plan de continuité des services", "Service continuity plan"),
            t(
                f"""## Objet\n\nCe plan dit comment {org} maintient ou rétablit ses services quand un sinistre frappe le centre de données, les locaux ou une personne clé.\n\n## Objectifs\n\n| service | durée maximale d'interruption | perte de données maximale |\n|---|---|---|\n| Hébergement et sauvegarde | 4 h | 24 h |\n| Assistance aux utilisateurs | 1 jour ouvré | sans objet |\n\n## Scénarios et réponses\n\n1. **Perte d'un serveur** : restauration sur le serveur de secours à partir de la sauvegarde de la nuit.\n2. **Coupure du lien internet du centre de données** : bascule sur le lien de secours.\n3. **Locaux inaccessibles** : travail à distance ; le téléphone d'assistance est renvoyé vers les portables.\n4. **Absence d'une personne clé** : chaque secret est sous séquestre chez la gérante.\n\n## Tests\n\nUn test par an au moins pour chaque scénario, noté dans un enregistrement « test de continuité ».\n""",
                f"""## Purpose\n\nThis plan says how {org} keeps or restores its services when disaster strikes the data centre, the office or a key person.\n\n## Objectives\n\n| service | maximum outage | maximum data loss |\n|---|---|---|\n| Hosting and backup | 4 h | 24 h |\n| User support | 1 working day | n/a |\n\n## Scenarios and responses\n\n1. **Loss of a server**: restore onto the spare server from last night's backup.\n2. **Data centre internet link cut**: fail over to the backup link.\n3. **Office unavailable**: remote working; the support line is forwarded to mobiles.\n4. **Key person absent**: every secret is escrowed with the managing director.\n\n## Tests\n\nAt least one test a year for each scenario, kept as a continuity test record.\n""",
            ),
        ),
        "information-security-policy": doc(
            "POL-SEC",
            "information-security-policy",
            t("Politique de sécurité de l'information", "Information security policy"),
            t(
                f"""## Engagement\n\nLa direction {i18n_de(org)} protège la confidentialité, l'intégrité et la disponibilité des informations que lui confient ses clients.\n\n## Règles\n\n- Accès au plus juste, retirés le jour du départ ; double authentification pour tout accès distant.\n- Postes chiffrés, antivirus géré, mises à jour mensuelles.\n- Sauvegarde quotidienne, copie externe, test de restauration annuel.\n- Tout incident de sécurité est signalé au RGS et enregistré.\n- Appréciation des risques une fois par an et à chaque changement important.\n""",
                f"""## Commitment\n\nThe management of {org} protects the confidentiality, integrity and availability of the information its customers entrust to it.\n\n## Rules\n\n- Least access, removed on the last day; two-factor authentication for any remote access.\n- Encrypted PCs, managed antivirus, monthly updates.\n- Daily backup, offsite copy, yearly restore test.\n- Every security incident is reported to the service management lead and recorded.\n- Risk assessment once a year and at every significant change.\n""",
            ),
        ),
        "internal-audit-programme": doc(
            "PRG-AUD",
            "internal-audit-programme",
            t("Programme d'audit interne", "Internal audit programme"),
            t(
                """## Programme\n\n| période | processus | auditeur |\n|---|---|---|\n| juillet | INC, SRQ, CHG | ressource certifiée Fondation (RCF) |\n| octobre | tous (audit à blanc) | RCF |\n| chaque année ensuite | tous, sur deux sessions | RCF |\n\n## Règles\n\nUn auditeur n'audite pas son propre travail ; chaque audit laisse un rapport, ses constats et, pour chaque non-conformité, une action dans le plan d'actions.\n""",
                """## Programme\n\n| period | processes | auditor |\n|---|---|---|\n| July | INC, SRQ, CHG | Foundation-certified resource (RCF) |\n| October | all (mock audit) | RCF |\n| every year after | all, over two sessions | RCF |\n\n## Rules\n\nAuditors do not audit their own work; every audit leaves a report, its findings and, for every nonconformity, an action in the action plan.\n""",
            ),
        ),
    }
