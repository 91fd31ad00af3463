"""Record schemas built from artefact types: a record's fields come from its pack's data."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Literal

from pydantic import Field, create_model

from trousse.models.common import PeriodField, new_list
from trousse.models.kit import RecordBase
from trousse.models.pack import ArtefactDef, FieldDef

_SCALARS: dict[str, Any] = {
    "text": str,
    "date": dt.date,
    "integer": int,
    "number": float,
    "boolean": bool,
    "role": str,
    "process": str,
    "artefact": str,
    "record": str,
    "document": str,
    "person": str,
    "duration": PeriodField,
    # one row of a table written as a YAML mapping: its values are short scalars (text, dates, numbers)
    "item": dict[str, str | int | float | bool | dt.date | None],
}


def _python_type(fdef: FieldDef) -> Any:
    if fdef.type == "choice":
        return Literal[tuple(fdef.choices)] if fdef.choices else str
    if fdef.type == "list":
        inner = FieldDef(id=fdef.id, type=fdef.of or "text", choices=fdef.choices)
        return list[_python_type(inner)]  # type: ignore[misc]
    return _SCALARS[fdef.type]


def _key(art: ArtefactDef) -> str:
    return art.model_dump_json(include={"id", "fields"})


_CACHE: dict[str, type[RecordBase]] = {}
# The same artefact object asks again for every record of its type: answer by identity first.
_BY_ID: dict[int, tuple[ArtefactDef, type[RecordBase]]] = {}


def record_model(art: ArtefactDef) -> type[RecordBase]:
    """The pydantic model of a record of artefact type ``art`` (cached by its definition)."""
    hit = _BY_ID.get(id(art))
    if hit is not None and hit[0] is art:
        return hit[1]
    key = _key(art)
    model = _CACHE.get(key)
    if model is not None:
        _BY_ID[id(art)] = (art, model)
        return model
    fields: dict[str, Any] = {}
    for fdef in art.fields:
        if fdef.id in RecordBase.model_fields:
            continue
        typ = _python_type(fdef)
        if fdef.required:
            fields[fdef.id] = (typ, ...)
        elif fdef.type == "list":
            fields[fdef.id] = (typ, Field(default_factory=new_list))
        else:
            fields[fdef.id] = (typ | None, None)
    name = "Record_" + art.id.replace("-", "_")
    model = create_model(name, __base__=RecordBase, **fields)
    _CACHE[key] = model
    _BY_ID[id(art)] = (art, model)
    return model


@lru_cache(maxsize=1)
def base_field_names() -> frozenset[str]:
    """Names every record may carry whatever its type."""
    return frozenset(RecordBase.model_fields)
