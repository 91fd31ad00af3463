"""Firm data for both example kits."""

ORG = {"fr": "Infogérance Val-de-Loire SARL", "en": "Severn Valley IT Services Ltd"}
DOMAIN = {"fr": "infogerance-vdl.fr", "en": "severnvalley-it.co.uk"}
TOWN = {"fr": "Blois", "en": "Gloucester"}

# index: (fr name, en name, fr job, en job)
PEOPLE = [
    ("Hélène Marchand", "Margaret Hale", "gérante", "managing director"),
    ("Julien Caillaud", "Daniel Okafor", "responsable de la gestion des services", "service management lead"),
    (
        "Sophie Renard",
        "Priya Shah",
        "technicienne support, certifiée Fondation ISO/CEI 20000",
        "support engineer, ISO/IEC 20000 Foundation certified",
    ),
    ("Karim Benali", "Tom Whitaker", "technicien systèmes et réseaux", "systems and network engineer"),
    ("Léa Fontaine", "Chloe Evans", "technicienne du centre de services", "service desk analyst"),
    ("Thomas Girard", "Ryan Doyle", "administrateur de l'hébergement", "hosting administrator"),
    ("Nicolas Perrin", "Sam Patel", "technicien du centre de services", "service desk analyst"),
    ("Bruno Lemaire", "Owen Jenkins", "technicien d'intervention sur site", "field engineer"),
    ("Antoine Moreau", "George Hughes", "technicien en alternance", "apprentice engineer"),
    ("Camille Rousseau", "Hannah Price", "assistante administrative et comptable", "office and accounts manager"),
    ("Manon Lefèvre", "Lucy Barnes", "chargée de clientèle", "account manager"),
    ("Élodie Garnier", "Amira Khan", "responsable sécurité et continuité", "security and continuity lead"),
]

ASCII = str.maketrans("éèêëàâîïôöùûüçÉÈ", "eeeeaaiioouuucEE")


def name(i: int, lang: str) -> str:
    return PEOPLE[i][0 if lang == "fr" else 1]


def email(i: int, lang: str) -> str:
    first, last = name(i, lang).split(" ", 1)
    return f"{first.lower()}.{last.lower().replace(' ', '')}@{DOMAIN[lang]}".translate(ASCII)


# role -> holder indices
HOLDERS = {
    "D": [0],
    "TPO": [0],
    "RGS": [1],
    "RCF": [2],
    "TECH": [2, 3, 4, 5, 6, 7, 8, 11],
}

CUSTOMERS = {
    "fr": [
        ("CLI-BERTHIER", "Office notarial Berthier & Associés", "Maître Anne Berthier"),
        ("CLI-SABLONS", "Clinique vétérinaire des Sablons", "Dr Paul Vasseur"),
        ("CLI-DELORME", "Transports Delorme SAS", "Martine Delorme"),
    ],
    "en": [
        ("CLI-HARTLEY", "Hartley & Webb Solicitors", "Anne Hartley"),
        ("CLI-MEADOW", "Meadowbank Veterinary Practice", "Dr Paul Vasey"),
        ("CLI-CARTER", "Carter Haulage Ltd", "Martin Carter"),
    ],
}

SERVICES = {
    "fr": {
        "support": "SVC-SUPPORT",
        "hosting": "SVC-HEBERGEMENT",
        "security": "SVC-SECURITE",
        "internal": "SVC-PARC-INTERNE",
    },
    "en": {
        "support": "SVC-SUPPORT",
        "hosting": "SVC-HOSTING",
        "security": "SVC-SECURITY",
        "internal": "SVC-INTERNAL-IT",
    },
}

SUPPLIERS = {
    "fr": {
        "dc": "DataCentre Loire (Orléans)",
        "net": "Fibréo Pro",
        "hw": "Distrilog",
        "backup": "Sauvegarde Cloud Centre",
    },
    "en": {
        "dc": "Cotswold Data Centre",
        "net": "WestLink Fibre",
        "hw": "Avon Hardware Supply",
        "backup": "Offsite Vault Backup",
    },
}

# The independent auditor the firm hires for the processes its own auditor works in (name, firm).
EXTERNAL_AUDITOR = {
    "fr": ("Claire Dumas", "Cabinet Dumas Audit Qualité (Tours)"),
    "en": ("Janet Moss", "Moss Audit Services (Cheltenham)"),
}
