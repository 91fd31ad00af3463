"""SCH: values that do not match the schema of their file (found by the loader), and fields a
form left to fill."""

from collections.abc import Iterator

from trousse.check.rules.registry import Context, declare, rule
from trousse.findings import Finding
from trousse.models import Action, Audit
from trousse.workflow.forms import audit_required, is_placeholder, records_left_to_fill

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
    fr="""Un champ obligatoire manque. Les champs de chaque fichier sont dans le contrat du format
        (docs/kit-format.md du dépôt de trousse) ; ceux d'un enregistrement viennent de son type
        d'artefact (la norme de la trousse ou artefacts.yml). « trousse schema » écrit le schéma
        JSON de chaque fichier de votre trousse, avec ses champs obligatoires.""",
    en="""A required field is missing. The fields of each file are in the kit format's contract
        (docs/kit-format.md in trousse's repository); a record's fields come from its artefact type
        (the kit's standard pack or artefacts.yml). "trousse schema" writes the JSON Schema of
        each file of your kit, with its required fields.""",
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


@rule(
    "SCH004",
    "error",
    fr_title="Champ laissé à remplir",
    en_title="Field left to fill",
    fr="""Un enregistrement, un audit ou une action garde ce que son formulaire laissait à remplir
        (celui que « trousse new » écrit) : une personne « Prénom Nom », un titre qui finit par
        « à compléter », une date « AAAA-MM-JJ », un champ obligatoire vide (""), ou la liste vide (« [] ») du
        périmètre d'un audit (scope), ou de ses auditeurs (auditors) une fois sa date venue. Le message nomme le champ : écrivez la
        vraie valeur, ou retirez un champ facultatif.""",
)
def left_to_fill(ctx: Context) -> Iterator[Finding]:
    """A record, an audit or an action still holds what its form left to fill (the form 'trousse
    new' writes): a person written "First Last", a title ending "to complete", a date written
    "YYYY-MM-DD", a required field left empty (""), or an audit's scope written as an empty list
    ([]), or its auditors once its date has come. Every such field of a file is named in the
    same pass, even when one of them makes the file unreadable. The message names the field: write the real value, or remove an optional
    field."""
    kit = ctx.kit
    for rec, name in records_left_to_fill(kit):
        yield ctx.finding("SCH004", rec.where(name), "sch.left_to_fill", field=name)
    others: list[Audit | Action] = [*kit.audits, *kit.actions]
    for item in others:
        # an audit's scope (and once held, its auditors) written empty is left to fill; left out,
        # a report says "not stated"
        lists = audit_required(item.date, ctx.as_of) if isinstance(item, Audit) else ()
        for name, info in type(item).model_fields.items():
            value = getattr(item, name, None)
            empty = (
                value == "" and info.is_required() or value == [] and name in lists and name in item.model_fields_set
            )
            if is_placeholder(value) or empty:
                yield ctx.finding("SCH004", item.where(name), "sch.left_to_fill", field=name)
