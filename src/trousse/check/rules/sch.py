"""SCH: values that do not match the schema of their file (found by the loader)."""

from trousse.check.rules.registry import declare

declare(
    "SCH001",
    "error",
    fr_title="Valeur invalide",
    en_title="Invalid value",
    fr="""Une valeur n'a pas le type ou la forme attendus : une date qui n'est pas au format
        AAAA-MM-JJ, un statut hors de la liste permise, du texte là où une liste est attendue...
        Le message nomme le champ et ce qui est attendu. Pour les champs d'un enregistrement, le
        schéma vient de son type d'artefact (voir la norme de la trousse ou artefacts.yml).""",
    en="""A value does not have the expected type or form: a date not written YYYY-MM-DD, a
        status outside the allowed list, text where a list is expected... The message names the
        field and what is expected. A record's fields follow its artefact type (see the kit's
        standard pack or artefacts.yml).""",
)
declare(
    "SCH002",
    "error",
    fr_title="Champ obligatoire manquant",
    en_title="Missing required field",
    fr="""Un champ obligatoire manque. La liste des champs de chaque fichier est dans le format de
        trousse (README, section « Format de la trousse »).""",
    en="""A required field is missing. The fields of each file are listed in the kit format
        (README, section 'Kit layout').""",
)
declare(
    "SCH003",
    "error",
    fr_title="Champ inconnu",
    en_title="Unknown field",
    fr="""Le champ n'est pas prévu à cet endroit : souvent une faute de frappe (« ower » pour
        « owner ») ou un champ mal indenté. Le message donne les champs possibles.""",
    en="""The field is not expected here: often a typo ('ower' for 'owner') or a field at the
        wrong indentation. The message lists the fields that are expected.""",
)
