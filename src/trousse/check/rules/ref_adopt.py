"""REF013-REF014: what an adopted kit declares beside the kit's own folders resolves.

An adopter's kit names more than the kit format's usual references: the other types a document
covers (``artefacts``), the living files whose commits are evidence (``evidence.sources``) and the
globs that find documents and records where they live (``locations``). A typo in any of them would
otherwise count nothing, silently: each is checked here and located in its own file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding
from trousse.inventory import CONFIG

# What a ``locations`` glob may find: the loader reads documents as Markdown, records as YAML or Markdown.
_SUFFIXES = {"documents": (".md",), "records": (".yml", ".yaml", ".md")}
_MESSAGES = {"documents": "ref.location_documents", "records": "ref.location_records"}


def _config_where(ctx: Context, *path: str | int) -> tuple[str, int, int]:
    line, col = ctx.kit.config_parsed.where(path)
    return (CONFIG, line, col)


@rule(
    "REF013",
    "error",
    fr_title="Type d'artefact supplémentaire ou de source inconnu",
    en_title="Unknown extra or source artefact type",
    fr="""Chaque type que cite la liste artefacts d'un document (les autres types qu'il couvre) est un
      type de document connu, et le type de chaque source de preuves (evidence.sources de trousse.yml)
      un type d'enregistrement connu : ceux des normes de la trousse ou ceux déclarés dans
      artefacts.yml. Sinon le document ne couvre pas ce type et les commits de la source ne comptent
      pour rien.""",
)
def unknown_extra_artefact(ctx: Context) -> Iterator[Finding]:
    """Each type a document's artefacts list names (the other types it covers) is a known
    document type, and the type of each evidence source (evidence.sources in trousse.yml) a known
    record type: those of the kit's standards or those declared in artefacts.yml. Otherwise the
    document does not cover that type and the source's commits count for nothing."""
    known = ctx.kit.artefacts
    for d in ctx.kit.documents:
        for i, ref in enumerate(d.artefacts):
            art = known.get(ref)
            if art is None:
                yield ctx.finding("REF013", d.where("artefacts", i), "ref.extra_artefact", ref=ref)
            elif art.kind != "document":
                yield ctx.finding("REF013", d.where("artefacts", i), "ref.kind_doc", ref=ref)
    for i, src in enumerate(ctx.kit.config.evidence.sources):
        art = known.get(src.artefact)
        where = _config_where(ctx, "evidence", "sources", i, "artefact")
        if art is None:
            yield ctx.finding("REF013", where, "ref.source_artefact", ref=src.artefact)
        elif art.kind != "record":
            yield ctx.finding("REF013", where, "ref.kind_rec", ref=src.artefact)


@rule(
    "REF014",
    "error",
    fr_title="Source de preuves ou emplacement introuvable",
    en_title="Evidence source or location that finds no file",
    fr="""Le chemin de chaque source de preuves (evidence.sources de trousse.yml) est un fichier de la
      trousse, relatif à sa racine ; chaque motif de locations (documents et records) trouve au moins
      un fichier. Un chemin mal orthographié ne compte aucune preuve et un motif qui ne trouve rien
      laisse des documents hors de la trousse, sans rien dire : trousse le signale.""",
)
def missing_source(ctx: Context) -> Iterator[Finding]:
    """The path of each evidence source (evidence.sources in trousse.yml) is a file of the kit,
    relative to its root; each locations glob (documents and records) finds at least one file.
    A misspelt path counts no evidence and a glob that finds nothing leaves documents out of the
    kit, silently: trousse says so."""
    kit = ctx.kit
    for i, src in enumerate(kit.config.evidence.sources):
        path = src.path.strip("/")  # as the evidence reads it: kit-relative, exactly
        if path != posixpath.normpath(path) or not kit.exists(path, file_only=True):
            yield ctx.finding(
                "REF014", _config_where(ctx, "evidence", "sources", i, "path"), "ref.source_path", ref=src.path
            )
    inventory = kit.inventory
    if inventory is None:
        return
    locations = kit.config.locations
    for key, globs in (("documents", locations.documents), ("records", locations.records)):
        for i, pattern in enumerate(globs):
            if not inventory.glob([pattern], _SUFFIXES[key]):
                yield ctx.finding("REF014", _config_where(ctx, "locations", key, i), _MESSAGES[key], ref=pattern)
