"""Read a whole kit once: configuration, packs, roles, processes, documents, records, audits...

Problems found while reading (YML: not valid YAML; SCH: not valid against the schema) are kept as
findings on the :class:`Kit`; a file that cannot be read as its kind is left out of the kit so that
later rules see only valid objects. Only an unusable ``trousse.yml`` stops the load (exit 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trousse import i18n
from trousse.cache import ParseCache, blob_id
from trousse.errors import ConfigError
from trousse.findings import Finding
from trousse.inventory import CONFIG, find_root, rel, walk
from trousse.kit import Kit
from trousse.loader.schema import schema_findings
from trousse.models import (
    Action,
    ArtefactDef,
    ArtefactsFile,
    Audit,
    Catalogue,
    CustomersFile,
    Document,
    KitConfig,
    LooseRecord,
    Pack,
    Process,
    RecordBase,
    RolesFile,
    attach,
)
from trousse.models.records import record_model
from trousse.packs import shipped_packs
from trousse.yamlio import Parsed, YamlProblem, parse_markdown, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)


def read_config(root: Path) -> tuple[KitConfig, Parsed]:
    """Read trousse.yml; any problem is a :class:`ConfigError` (exit 2) naming file, line, column."""
    path = root / CONFIG
    try:
        parsed = parse_yaml(read_text(path.read_bytes()))
    except OSError as exc:
        raise ConfigError(i18n.t("config.unreadable", file=CONFIG, error=exc.strerror)) from None
    except YamlProblem as exc:
        raise ConfigError(
            i18n.t("config.invalid", file=CONFIG, line=exc.line, column=exc.column, message=exc.message)
        ) from None
    try:
        config = KitConfig.model_validate(parsed.data)
    except ValidationError as exc:
        first = schema_findings(exc, parsed, CONFIG, KitConfig)[0]
        raise ConfigError(
            i18n.t("config.invalid", file=CONFIG, line=first.line, column=first.column, message=first.message)
        ) from None
    attach(config, CONFIG, parsed)
    return config, parsed


class _Reader:
    def __init__(self, root: Path, cache: ParseCache | None = None) -> None:
        self.root = root
        self.files: dict[str, Parsed] = {}
        self.findings: list[Finding] = []
        self.broken: set[str] = set()
        self.cache = cache

    def parse(self, path: Path) -> tuple[str, Parsed] | None:
        name = rel(self.root, path)
        try:
            raw = path.read_bytes()
            # Parsed files are cached by git blob id (trousse.cache): an unchanged file is read once.
            key = blob_id(raw) + path.suffix if self.cache is not None else ""
            parsed = self.cache.get(key) if self.cache is not None else None
            if parsed is None:
                text = read_text(raw)
                parsed = parse_markdown(text) if path.suffix == ".md" else parse_yaml(text)
                if self.cache is not None:
                    self.cache.put(key, parsed)
        except YamlProblem as exc:
            self.findings.append(Finding(exc.code, "error", name, exc.line, exc.column, exc.message))
            self.broken.add(name)
            return None
        except OSError as exc:
            self.findings.append(Finding("YML005", "error", name, 1, 1, str(exc.strerror)))
            self.broken.add(name)
            return None
        self.files[name] = parsed
        return name, parsed

    def validate(self, model: type[M], name: str, parsed: Parsed, data: Any = None) -> M | None:
        payload = parsed.data if data is None else data
        if parsed.body is not None and "body" in model.model_fields:
            payload = {**payload, "body": parsed.body}
        try:
            obj = model.model_validate(payload)
        except ValidationError as exc:
            self.findings.extend(schema_findings(exc, parsed, name, model))
            self.broken.add(name)
            return None
        attach(obj, name, parsed)
        return obj

    def one(self, model: type[M], path: Path) -> M | None:
        got = self.parse(path)
        if got is None:
            return None
        return self.validate(model, *got)


def _declared(reader: _Reader, root: Path, path: Path, key: str) -> str | None:
    """The value of ``key`` in a file that parsed as YAML but failed its schema."""
    parsed = reader.files.get(rel(root, path))
    value = parsed.data.get(key) if parsed is not None else None
    return value if isinstance(value, str) else None


def load_kit(start: Path | None = None, lang: str | None = None) -> Kit:
    """Find the kit root from ``start`` and read every file of the kit once.

    Messages are in ``lang`` when given, else in the kit's language."""
    root = find_root(start)
    config, config_parsed = read_config(root)
    i18n.set_language(lang or config.language)
    reader = _Reader(root, ParseCache.for_kit(root))
    reader.files[CONFIG] = config_parsed

    # Packs: shipped, then the kit's own (which may add packs or replace a shipped one).
    packs: dict[str, Pack] = dict(shipped_packs())
    for path in walk(root, "standards", (".yml", ".yaml"), recursive=False):
        pack = reader.one(Pack, path)
        if pack is not None:
            packs[pack.id] = pack
    for i, pack_id in enumerate(config.standards):
        if pack_id not in packs:
            line, col = config_parsed.where(("standards", i))
            raise ConfigError(
                i18n.t(
                    "config.invalid",
                    file=CONFIG,
                    line=line,
                    column=col,
                    message=i18n.t("config.unknown_pack", pack=pack_id, known=", ".join(sorted(packs))),
                )
            )

    # Artefact types: from the targeted packs (in order), then the kit's artefacts.yml.
    artefacts: dict[str, ArtefactDef] = {}
    origin: dict[str, str] = {}
    for pack_id in config.standards:
        for art in packs[pack_id].artefacts:
            if art.id not in artefacts:
                artefacts[art.id] = art
                origin[art.id] = pack_id
    kit_arts_path = root / "artefacts.yml"
    if kit_arts_path.is_file():
        arts_file = reader.one(ArtefactsFile, kit_arts_path)
        if arts_file is not None:
            for art in arts_file.artefacts:
                artefacts[art.id] = art
                origin[art.id] = "artefacts.yml"

    kit = Kit(
        root=root, config=config, config_parsed=config_parsed, packs=packs, artefacts=artefacts, artefact_origin=origin
    )

    roles_path = root / "organisation" / "roles.yml"
    if roles_path.is_file():
        roles_file = reader.one(RolesFile, roles_path)
        kit.roles_file = rel(root, roles_path)
        if roles_file is not None:
            kit.roles = roles_file.roles
    customers_path = root / "organisation" / "customers.yml"
    if customers_path.is_file():
        kit.customers = reader.one(CustomersFile, customers_path)
    catalogue_path = root / "services" / "catalogue.yml"
    if catalogue_path.is_file():
        kit.catalogue = reader.one(Catalogue, catalogue_path)

    for path in walk(root, "processes", (".md",), recursive=False):
        if (proc := reader.one(Process, path)) is not None:
            kit.processes.append(proc)
        else:  # reported by YML/SCH; completeness does not report it again as missing
            kit.broken_processes.add(_declared(reader, root, path, "id") or path.stem)
    for path in walk(root, "documents", (".md",), recursive=True):
        if (doc := reader.one(Document, path)) is not None:
            kit.documents.append(doc)
        elif (declared := _declared(reader, root, path, "artefact")) is not None:
            kit.broken_artefacts.add(declared)
    for path in walk(root, "audits", (".yml", ".yaml"), recursive=False):
        if (audit := reader.one(Audit, path)) is not None:
            kit.audits.append(audit)
    for path in walk(root, "actions", (".yml", ".yaml"), recursive=False):
        if (action := reader.one(Action, path)) is not None:
            kit.actions.append(action)
    for path in walk(root, "records", (".yml", ".yaml", ".md"), recursive=True):
        got = reader.parse(path)
        if got is None:
            continue
        name, parsed = got
        art_id = parsed.data.get("artefact")
        rec_art = artefacts.get(art_id) if isinstance(art_id, str) else None
        model: type[RecordBase] = (
            record_model(rec_art) if rec_art is not None and rec_art.kind == "record" else LooseRecord
        )
        if (record := reader.validate(model, name, parsed)) is not None:
            kit.records.append(record)
        elif isinstance(art_id, str):
            kit.broken_artefacts.add(art_id)

    kit.files = reader.files
    kit.findings = reader.findings
    if reader.cache is not None:
        reader.cache.save()
    kit.broken = reader.broken
    return kit
