"""YML: files that are not valid YAML or front matter (found by the loader)."""

from trousse.check.rules.registry import declare

declare(
    "YML001",
    "error",
    fr_title="YAML invalide",
    en_title="Invalid YAML",
    fr="""Le fichier ne peut pas être lu comme du YAML : indentation incohérente, deux-points
        manquant, crochet non fermé... Le message donne la ligne et la colonne où la lecture s'est
        arrêtée ; corrigez le fichier à cet endroit. Le fichier est ignoré par les autres règles
        tant qu'il n'est pas lisible.""",
    en="""The file cannot be read as YAML: inconsistent indentation, a missing colon, an unclosed
        bracket... The message gives the line and column where reading stopped; fix the file
        there. Other rules ignore the file until it can be read.""",
)
declare(
    "YML002",
    "error",
    fr_title="Clé en double",
    en_title="Duplicate key",
    fr="""Une même clé apparaît deux fois dans un dictionnaire YAML : la seconde effacerait la
        première sans le dire. Gardez-en une seule.""",
    en="""The same key appears twice in one YAML mapping: the second would silently replace the
        first. Keep only one.""",
)
declare(
    "YML003",
    "error",
    fr_title="Fichier vide ou mal structuré",
    en_title="Empty or mis-shaped file",
    fr="""Chaque fichier YAML d'une trousse est un dictionnaire (des lignes « clé: valeur ») au
        premier niveau, et un seul document. Un fichier vide, une liste au premier niveau ou
        plusieurs documents séparés par « --- » sont refusés.""",
    en="""Every YAML file of a kit is one document holding a mapping ('key: value' lines) at top
        level. An empty file, a list at top level, or several documents separated by '---' are
        refused.""",
)
declare(
    "YML004",
    "error",
    fr_title="En-tête Markdown absent ou non fermé",
    en_title="Missing or unclosed Markdown front matter",
    fr="""Un fichier Markdown de la trousse (processus, document, enregistrement) porte ses données
        dans un en-tête YAML : la première ligne est « --- », puis les données, puis une ligne
        « --- ».""",
    en="""A Markdown file of the kit (process, document, record) carries its data in YAML front
        matter: the first line is '---', then the data, then a '---' line.""",
)
declare(
    "YML005",
    "error",
    fr_title="Fichier illisible",
    en_title="Unreadable file",
    fr="""Le fichier n'est pas du texte UTF-8 ou ne peut pas être ouvert. Enregistrez-le en UTF-8.""",
    en="""The file is not UTF-8 text or cannot be opened. Save it as UTF-8.""",
)
