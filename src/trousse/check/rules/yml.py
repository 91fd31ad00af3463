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
declare(
    "YML006",
    "error",
    fr_title="Pas un fichier ordinaire",
    en_title="Not a regular file",
    fr="""À un endroit où la trousse attend un fichier (un enregistrement, un audit, roles.yml...) se
        trouve autre chose : un tube nommé (FIFO), un périphérique, une socket, un sous-module git ou
        un dossier nommé comme un fichier (« records/INC-1.yml/ »). trousse ne lit que des fichiers
        ordinaires et n'ouvre jamais le reste. Remplacez-le par un fichier, ou renommez le dossier.""",
    en="""Where the kit expects a file (a record, an audit, roles.yml...) there is something else: a
        named pipe (FIFO), a device, a socket, a git submodule, or a folder named like a file
        ('records/INC-1.yml/'). trousse reads only regular files and never opens anything else.
        Replace it with a file, or rename the folder.""",
)
declare(
    "YML007",
    "error",
    fr_title="Lien symbolique",
    en_title="Symbolic link",
    fr="""Le fichier est un lien symbolique, ou son dossier est un lien qui sort de la trousse.
        trousse ne suit jamais un lien : git ne garde que le lien, pas le contenu, si bien qu'un
        enregistrement lié ne prouve rien, et un lien peut mener hors de la trousse. Le fichier
        n'est pas lu et ne compte pas comme preuve. Remplacez le lien par le fichier lui-même.""",
    en="""The file is a symbolic link, or its folder is a link that leads out of the kit. trousse
        never follows a link: git keeps only the link, not the content, so a linked record proves
        nothing, and a link can lead out of the kit. The file is not read and does not count as
        evidence. Replace the link with the file itself.""",
)
declare(
    "YML008",
    "error",
    fr_title="Fichier trop gros",
    en_title="File too large",
    fr="""Le fichier dépasse la taille maximale d'un fichier de la trousse (5 Mio par défaut) : il
        n'est pas lu. Découpez-le, ou relevez la limite dans trousse.yml :
        « limits: {file_size: 20 MiB} ».""",
    en="""The file is larger than the maximum size of a kit file (5 MiB by default): it is not read.
        Split it, or raise the limit in trousse.yml: 'limits: {file_size: 20 MiB}'.""",
)
declare(
    "YML009",
    "error",
    fr_title="Dossier illisible",
    en_title="Unreadable folder",
    fr="""Un dossier de la trousse ne peut pas être ouvert (droits d'accès) : ses fichiers ne sont
        ni lus ni vérifiés. Rendez-le lisible (chmod) pour l'utilisateur qui lance trousse.""",
    en="""A folder of the kit cannot be opened (permissions): its files are neither read nor
        checked. Make it readable (chmod) for the user who runs trousse.""",
)
declare(
    "YML010",
    "error",
    fr_title="Données trop imbriquées",
    en_title="Data nested too deep",
    fr="""Les listes et dictionnaires d'un fichier s'imbriquent sur 100 niveaux au plus (une
        trousse en utilise moins de dix). Au-delà, le fichier n'est pas lu : simplifiez sa
        structure.""",
    en="""The lists and mappings of a file nest 100 levels deep at most (a kit uses fewer than
        ten). Beyond that the file is not read: simplify its structure.""",
)
declare(
    "YML011",
    "error",
    fr_title="Fichier trop volumineux en valeurs",
    en_title="Too many values in one file",
    fr="""Un fichier contient au plus 200 000 valeurs (textes, nombres, dates, listes,
        dictionnaires, alias déployés compris). Au-delà, il n'est pas lu : découpez-le en plusieurs
        fichiers.""",
    en="""A file holds at most 200,000 values (texts, numbers, dates, lists, mappings, aliases
        expanded). Beyond that it is not read: split it into several files.""",
)
declare(
    "YML012",
    "error",
    fr_title="Alias YAML trop déployés",
    en_title="YAML aliases expand too far",
    fr="""Un alias YAML (*nom) répète les valeurs de son ancre (&nom). Les alias d'un fichier
        déploient au plus 20 000 valeurs : au-delà (des alias d'alias qui se multiplient), le
        fichier n'est pas lu. Écrivez les valeurs sans alias.""",
    en="""A YAML alias (*name) repeats the values of its anchor (&name). The aliases of a file
        expand to 20,000 values at most: beyond that (aliases of aliases multiplying), the file is
        not read. Write the values out instead.""",
)
