"""JSON Schemas (draft 2020-12) of a kit's files, for editors (the YAML language server).

They are generated from the same pydantic models ``check`` validates with, and from the kit's
artefact types for records (the fields a pack declares): what a schema rejects, ``check`` rejects
as SCH. Descriptions are in the kit's language; closed lists of values become ``enum``.

Two things differ from ``check`` on purpose, because an editor reads YAML 1.2: dates are strings
in ``YYYY-MM-DD`` form (``format: date``), and periods (``3 months``) are strings or numbers of days.
Process and document front matter (Markdown files) have schemas too, though the YAML language server
does not read front matter: other tools may.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from trousse import i18n
from trousse.errors import TrousseError
from trousse.fsio import UnsafePath, kit_target, read_regular, write_atomic
from trousse.loader import load_kit
from trousse.models import (
    Action,
    ArtefactDef,
    ArtefactsFile,
    Audit,
    Catalogue,
    CustomersFile,
    Document,
    KitConfig,
    Pack,
    Process,
    Record,
    RolesFile,
)
from trousse.models.common import Period
from trousse.models.records import record_model
from trousse.shipped import reason

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = ".trousse/schemas"  # where init writes them, committed (see kit-format.md)

# schema file -> (model, the globs of the files it describes)
FILE_SCHEMAS: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    # The language server matches a glob anywhere below the folder ("**/" + glob, a leading "/"
    # included), so the workflow .github/workflows/trousse.yml is excluded by name: it keeps
    # SchemaStore's workflow schema.
    "trousse.schema.json": (KitConfig, ("trousse.yml", "!.github/**")),
    "roles.schema.json": (RolesFile, ("organisation/roles.yml",)),
    "customers.schema.json": (CustomersFile, ("organisation/customers.yml",)),
    "catalogue.schema.json": (Catalogue, ("services/catalogue.yml",)),
    "artefacts.schema.json": (ArtefactsFile, ("artefacts.yml",)),
    "pack.schema.json": (Pack, ("standards/*.yml",)),
    "audit.schema.json": (Audit, ("audits/*.yml",)),
    "action.schema.json": (Action, ("actions/*.yml",)),
    "process.schema.json": (Process, ()),  # front matter of processes/*.md
    "document.schema.json": (Document, ()),  # front matter of documents/**/*.md
}
RECORDS_SCHEMA = "records.schema.json"
RECORD_GLOBS = ("records/**/*.yml", "records/**/*.yaml")

# Descriptions live in the message catalogues: ``schema.m.<Model>`` for a model (a file or a part of
# one), ``schema.f.<Model>.<field>`` for one field of one model, else ``schema.f.<field>`` for a
# field whose name means the same everywhere (``id``, ``owner``...). The test walks every schema.


def _message(key: str, lang: str) -> str | None:
    """The catalogue message ``key`` in ``lang``, or None when there is none."""
    if key not in i18n.catalogue(lang):
        return None
    return i18n.t(key, _lang=lang)


def field_description(model: str, name: str, lang: str) -> str | None:
    """The description of field ``name`` of ``model`` in ``lang``: the model's own, else the shared one."""
    return _message(f"schema.f.{model}.{name}", lang) or _message(f"schema.f.{name}", lang)


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with trousse's periods as strings (or a number of days) and byte
    sizes as a string or an integer, as the YAML is written."""

    def dataclass_schema(self, schema: core_schema.DataclassSchema) -> JsonSchemaValue:
        if schema.get("cls") is Period:
            return {"type": ["string", "integer"], "minimum": 0}  # described in the kit's language later
        return super().dataclass_schema(schema)


_MODEL_SCHEMAS: dict[type[BaseModel], str] = {}


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema pydantic gives ``model``, class names hidden; a fresh copy each time (the
    callers complete it in place). pydantic's generation is the slow part of ``init`` and
    ``adopt`` (about 0.4 s for a kit's schemas), and a model's schema never changes: made once
    per process, kept as JSON text (copied by parsing it, faster than a deep copy)."""
    text = _MODEL_SCHEMAS.get(model)
    if text is None:
        schema = model.model_json_schema(mode="validation", schema_generator=_Generator)
        _hide_class_names(schema)
        text = _MODEL_SCHEMAS[model] = json.dumps(schema)
    got: dict[str, Any] = json.loads(text)
    return got


MODEL_KEY = "x-trousse-model"  # where a model's class name waits for its kit-language title


def _hide_class_names(node: Any) -> None:
    """pydantic titles a model or an enum with its Python class name (``KitConfig``), which an
    editor shows on hover: a model's name is kept aside (``_describe`` titles it in the kit's
    language, or leaves it untitled), an enum's is dropped."""
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str):
            if "properties" in node:
                node[MODEL_KEY] = node.pop("title")
            elif "enum" in node:
                node.pop("title")
        for value in node.values():
            _hide_class_names(value)
    elif isinstance(node, list):
        for item in node:
            _hide_class_names(item)


def _describe(node: Any, lang: str) -> None:
    """Put the kit-language descriptions on every model of the schema (titles and fields)."""
    if isinstance(node, dict):
        title = node.pop(MODEL_KEY, None)
        if isinstance(title, str) and "properties" in node:
            text = _message(f"schema.m.{title}", lang)
            if text is not None:
                node.setdefault("title", text)  # the hover's heading, in the kit's language
                node.pop("description", None)  # the same words: not twice
            elif lang != "en":
                node.pop("description", None)  # the model's docstring is English
            for name, prop in node["properties"].items():
                if not isinstance(prop, dict):
                    continue
                prop.pop("title", None)  # pydantic's English rewording of the field name
                if "description" not in prop:
                    described = field_description(title, name, lang)
                    if described is not None:
                        prop["description"] = described
        if "format" in node and node["format"] == "byte-size":
            node.pop("format")
        for value in node.values():
            _describe(value, lang)
    elif isinstance(node, list):
        for item in node:
            _describe(item, lang)


def _finish(schema: dict[str, Any], name: str, lang: str) -> dict[str, Any]:
    _describe(schema, lang)
    period = schema.get("$defs", {}).get("Period")
    if isinstance(period, dict):
        period["description"] = i18n.t("schema.period", _lang=lang)
    return {"$schema": DIALECT, "$id": f"https://trousse.invalid/schemas/{name}", **schema}


def _byte_size(schema: dict[str, Any]) -> None:
    """``limits.file_size`` accepts ``5 MiB`` as well as a number of bytes."""
    for model in schema.get("$defs", {}).values():
        size = model.get("properties", {}).get("file_size")
        if isinstance(size, dict):
            size.pop("type", None)
            size.pop("minimum", None)
            size.pop("exclusiveMinimum", None)
            size.pop("gt", None)
            size["anyOf"] = [{"type": "integer", "exclusiveMinimum": 0}, {"type": "string", "pattern": r"^\s*\d"}]


def record_schema(art: ArtefactDef, lang: str) -> dict[str, Any]:
    """The schema of a record of artefact type ``art``: the base fields, the type's fields, closed."""
    schema = _model_schema(record_model(art))
    _describe(schema, lang)
    schema["title"] = i18n.pick(art.name, lang) or art.id
    description = i18n.pick(art.description, lang)
    if description:
        schema["description"] = description
    props = schema.setdefault("properties", {})
    props["artefact"] = {"const": art.id, "description": i18n.t("schema.f.artefact", _lang=lang)}
    for fdef in art.fields:
        label = i18n.pick(fdef.label, lang)
        if label and fdef.id in props:
            props[fdef.id]["description"] = label
    return schema


def _records_schema(artefacts: Mapping[str, ArtefactDef], lang: str) -> dict[str, Any]:
    """One schema for ``records/**``: the type named by ``artefact`` chooses the closed schema;
    a record of an unknown type is checked for the base fields only (as ``check`` does)."""
    defs: dict[str, Any] = {}
    branches: list[dict[str, Any]] = []
    known = sorted(a for a, d in artefacts.items() if d.kind == "record")
    for art_id in known:
        one = record_schema(artefacts[art_id], lang)
        inner_defs = one.pop("$defs", {})
        for key, value in inner_defs.items():
            defs.setdefault(key, value)
        defs[f"record-{art_id}"] = one
        branches.append(
            {
                "if": {"properties": {"artefact": {"const": art_id}}, "required": ["artefact"]},
                "then": {"$ref": f"#/$defs/record-{art_id}"},
            }
        )
    loose = _model_schema(Record)
    for key, value in loose.pop("$defs", {}).items():
        defs.setdefault(key, value)
    _describe(loose, lang)
    if known:
        # A type the kit does not know is a typo (check: REF002): the editor completes and flags it.
        loose.setdefault("properties", {})["artefact"] = {
            "enum": known,
            "description": i18n.t("schema.record_types", _lang=lang),
        }
    defs["record-unknown"] = loose
    otherwise = {"not": {"properties": {"artefact": {"enum": known}}, "required": ["artefact"]}} if known else {}
    schema: dict[str, Any] = {
        "title": i18n.t("schema.records", _lang=lang),
        "type": "object",
        "properties": {"artefact": {"enum": known, "description": i18n.t("schema.record_types", _lang=lang)}}
        if known
        else {},
        "allOf": [*branches, {"if": otherwise, "then": {"$ref": "#/$defs/record-unknown"}}]
        if known
        else [{"$ref": "#/$defs/record-unknown"}],
        "$defs": defs,
    }
    return schema


def kit_schemas(
    artefacts: Mapping[str, ArtefactDef], lang: str, standards: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Every schema of a kit (file name -> schema), for its artefact types and language.

    ``standards``: the pack ids the kit may target (an ``enum`` in ``trousse.yml``)."""
    out: dict[str, dict[str, Any]] = {}
    for name, (model, _globs) in FILE_SCHEMAS.items():
        schema = _model_schema(model)
        if model is KitConfig:
            _byte_size(schema)
            if standards:
                schema["properties"]["standards"]["items"] = {"type": "string", "enum": sorted(standards)}
        out[name] = _finish(schema, name, lang)
    # One closed schema per record type, under $defs/record-<artefact id>, chosen by `artefact`.
    out[RECORDS_SCHEMA] = _finish(_records_schema(artefacts, lang), RECORDS_SCHEMA, lang)
    return out


def schema_texts(schemas: Mapping[str, dict[str, Any]]) -> dict[str, str]:
    """The schemas as the files written (stable key order, UTF-8, a final line break)."""
    return {name: json.dumps(s, ensure_ascii=False, indent=2) + "\n" for name, s in sorted(schemas.items())}


def editor_globs(schema_dir: str = SCHEMA_DIR) -> dict[str, list[str]]:
    """``yaml.schemas`` of the YAML language server: schema path -> the globs it applies to."""
    out = {f"./{schema_dir}/{name}": list(globs) for name, (_m, globs) in FILE_SCHEMAS.items() if globs}
    out[f"./{schema_dir}/{RECORDS_SCHEMA}"] = list(RECORD_GLOBS)
    return out


def editor_form(data: Any) -> Any:
    """YAML data as an editor's YAML 1.2 reader sees it: dates as ``YYYY-MM-DD`` strings (for
    validating a kit's files against these schemas outside an editor)."""
    if isinstance(data, dict):
        return {str(k): editor_form(v) for k, v in data.items()}
    if isinstance(data, list):
        return [editor_form(v) for v in data]
    if isinstance(data, dt.datetime):
        return data.isoformat()
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


class SchemaWriteFailed(TrousseError):
    """The schemas could not be written (exit 2)."""


def schemas_of_kit(start: Path | None = None, lang: str | None = None) -> tuple[Path, dict[str, str]]:
    """The kit root found from ``start`` and its schemas as file texts (name -> JSON), from the
    kit's packs and artefact types, described in ``lang`` (else the kit's language)."""
    kit = load_kit(start, lang)
    return kit.root, schema_texts(kit_schemas(kit.artefacts, lang or kit.lang, sorted(kit.packs)))


def write_schemas(folder: Path, texts: Mapping[str, str], kit_root: Path | None = None) -> list[str]:
    """Write the schema files into ``folder`` (created); return the names whose content changed.
    Schema files of an earlier run that are no longer produced are removed. With ``kit_root``,
    ``folder`` is the kit's own (``.trousse/schemas``): refused (:class:`~trousse.fsio.UnsafePath`)
    when it or ``.trousse`` is a symbolic link or not a folder, so that nothing is written or
    deleted elsewhere. Each file is replaced atomically; a link in the folder is replaced, never
    followed, and only regular files and links are removed."""
    if kit_root is not None:
        folder = kit_target(kit_root, f"{SCHEMA_DIR}/trousse.schema.json").parent
    changed: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in sorted(folder.glob("*.schema.json")):
            if old.name not in texts and (old.is_symlink() or old.is_file()):
                old.unlink()
                changed.append(old.name)
        for name, text in sorted(texts.items()):
            target = folder / name
            data = text.encode("utf-8")
            if not target.is_symlink() and target.is_file() and _same(target, data):
                continue
            write_atomic(target, data)
            changed.append(name)
    except OSError as exc:
        raise SchemaWriteFailed(i18n.t("schema.write_failed", where=str(folder), error=_reason(exc))) from None
    return changed


def _reason(exc: OSError) -> str:
    """The OS error in plain words (a file where the folder should be: mkdir says "File exists")."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return i18n.t("new.reason.not_dir")
    return reason(exc)


def _same(path: Path, data: bytes) -> bool:
    """Whether the regular file ``path`` holds ``data`` (read no further than its length)."""
    try:
        return read_regular(path, len(data)) == data
    except UnsafePath:
        return False
