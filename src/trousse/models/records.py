"""Record schemas built from artefact types: a record's fields come from its pack's data.

Two ways to the same schema. :func:`record_model` builds a pydantic model per artefact type (its
JSON schema, ``trousse new``). The loader validates with :func:`validate_record` instead: the
fields every record has by the one :class:`~trousse.models.kit.Record` model, each field of the
type's own by a pydantic adapter of that field's type, shared by every type whose field has the
same definition. Both give the same values and the same errors in the same order (fields in
their declared order, the record's common fields first, then the fields no schema allows): a
test compares them on every shipped type. Creating and building a model per type cost about
2 ms each, a third of a cold ``check`` of the demo kit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol

from pydantic import Field, TypeAdapter, ValidationError, create_model
from pydantic.fields import FieldInfo
from pydantic_core import SchemaValidator, core_schema

from trousse.models.common import PeriodField, new_list
from trousse.models.kit import Record, RecordBase
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


def _annotation(fdef: FieldDef) -> Any:
    """The type of an artefact type's own field in a record's schema: as declared when it is
    required or a list (an empty list when left out), else that or None."""
    typ = _python_type(fdef)
    return typ if fdef.required or fdef.type == "list" else typ | None


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
    fields: dict[str, Any] = {fdef.id: (typ, default) for fdef, typ, default in _declared(art)}
    name = "Record_" + art.id.replace("-", "_")
    model = create_model(name, __base__=RecordBase, **fields)
    _CACHE[key] = model
    _BY_ID[id(art)] = (art, model)
    return model


def _own(art: ArtefactDef) -> list[FieldDef]:
    """The fields ``art`` adds to those every record has (a field of the same name as one of
    those is theirs); a name declared twice takes the place of the first and the definition of
    the last."""
    by_id: dict[str, FieldDef] = {}
    for fdef in art.fields:
        if fdef.id not in RecordBase.model_fields:
            by_id[fdef.id] = fdef
    return list(by_id.values())


def _declared(art: ArtefactDef) -> list[tuple[FieldDef, Any, Any]]:
    """Each field ``art`` adds, with its type and its default as a model declares them: required
    (``...``), an empty list, or None."""
    return [
        (
            fdef,
            _annotation(fdef),
            ... if fdef.required else Field(default_factory=new_list) if fdef.type == "list" else None,
        )
        for fdef in _own(art)
    ]


class _Validates(Protocol):
    def validate_python(self, value: Any, /) -> Any: ...


# One adapter per field definition (its type, element type, choices in their order, required):
# the choices' order is part of the key, since an error lists them in that order.
_ADAPTERS: dict[tuple[object, ...], _Validates] = {}


def _adapter(fdef: FieldDef) -> _Validates:
    key = (fdef.type, fdef.of, tuple(fdef.choices), fdef.required)
    got = _ADAPTERS.get(key)
    if got is None:
        schema = _choice_schema(fdef)
        got = _ADAPTERS[key] = SchemaValidator(schema) if schema is not None else TypeAdapter(_annotation(fdef))
    return got


def _choice_schema(fdef: FieldDef) -> core_schema.CoreSchema | None:
    """The validation schema pydantic builds for a field of choices (:func:`_annotation`: a
    ``Literal`` of them, in a list or else optional when not required), written directly: nearly
    every choice field of the packs has its own choices, and a ``TypeAdapter`` of each cost a
    quarter of a millisecond, some 35 of them at each cold check of the demo. None for any other
    field (an adapter of its type, shared by every field of that definition)."""
    if fdef.type == "choice" and fdef.choices:
        schema = core_schema.literal_schema(list(fdef.choices))
    elif fdef.type == "list" and (fdef.of or "text") == "choice" and fdef.choices:
        return core_schema.list_schema(core_schema.literal_schema(list(fdef.choices)))
    else:
        return None
    return schema if fdef.required else core_schema.nullable_schema(schema)


class RecordShape:
    """What artefact type ``art`` adds to a record: its own fields in their order, with the
    adapter that validates each, and what a left-out optional one holds."""

    __slots__ = ("art", "own", "names", "_fields", "count", "model")

    def __init__(self, art: ArtefactDef) -> None:
        self.art = art
        self.own: tuple[tuple[str, _Validates, bool, Callable[[], Any]], ...] = tuple(
            (f.id, _adapter(f), f.required, new_list if f.type == "list" else _none) for f in _own(art)
        )
        self.names = frozenset(f[0] for f in self.own)
        self._fields: dict[str, FieldInfo] | None = None
        self.count = 0  # records validated by the adapters
        self.model: type[RecordBase] | None = None  # the type's model, once it has many records

    def fields(self) -> Mapping[str, FieldInfo]:
        """The record's fields as a model of the type would declare them (for the messages of
        its errors: the fields allowed, those required)."""
        if self._fields is None:
            fields = dict(RecordBase.model_fields)
            for fdef, typ, default in _declared(self.art):
                fields[fdef.id] = FieldInfo.from_annotated_attribute(typ, default)
            self._fields = fields
        return self._fields


def _none() -> None:
    return None


_SHAPES: dict[int, tuple[ArtefactDef, RecordShape]] = {}


def record_shape(art: ArtefactDef) -> RecordShape:
    """The shape of a record of artefact type ``art`` (kept per type object)."""
    hit = _SHAPES.get(id(art))
    if hit is not None and hit[0] is art:
        return hit[1]
    shape = RecordShape(art)
    _SHAPES[id(art)] = (art, shape)
    return shape


class RecordInvalid(Exception):  # noqa: N818 - pydantic's word: a ValidationError of one record
    """A record that does not fit its type: pydantic's errors, as a model of the type would give
    them, and the fields such a model declares (for the messages)."""

    def __init__(self, errors: list[Any], fields: Mapping[str, FieldInfo]) -> None:
        super().__init__(f"{len(errors)} validation errors")
        self.errors = errors
        self.fields = fields


_BASE = frozenset(RecordBase.model_fields)

# A type's records are validated by the adapters until this many were; then the type's model is
# built (about 2 ms) and validates the others, each at a quarter of the cost (7 µs against 26 µs
# for a type of 15 fields): past about a hundred records of a type, the model costs less.
MODEL_AFTER = 100


def validate_record(art: ArtefactDef, payload: dict[str, Any]) -> RecordBase:
    """``payload`` (a record of artefact type ``art``) validated as :func:`record_model` validates
    it: a :class:`Record` holding the type's own fields as extra fields, every one present (or,
    past :data:`MODEL_AFTER` records of the type, an instance of the type's model, its own fields
    declared); :class:`RecordInvalid` with the same errors in the same order when it does not fit."""
    shape = record_shape(art)
    if shape.model is None and shape.count >= MODEL_AFTER:
        shape.model = record_model(art)
    if shape.model is not None:
        try:
            return shape.model.model_validate(payload)
        except ValidationError as exc:
            raise RecordInvalid(exc.errors(include_url=False), shape.model.model_fields) from None
    shape.count += 1
    errors: list[Any] = []
    own: dict[str, Any] = {}
    for name, adapter, required, default in shape.own:
        if name in payload:
            try:
                own[name] = adapter.validate_python(payload[name])
            except ValidationError as exc:
                errors.extend({**e, "loc": (name, *e["loc"])} for e in exc.errors(include_url=False))
        elif required:
            errors.append({"type": "missing", "loc": (name,), "msg": "Field required", "input": payload})
        else:
            own[name] = default()
    common = {k: v for k, v in payload.items() if k in _BASE}
    unknown = [  # as pydantic words them: a key that is no text, a field no schema has
        {"type": "extra_forbidden", "loc": (k,), "msg": "Extra inputs are not permitted", "input": v}
        if type(k) is str
        else {"type": "invalid_key", "loc": (k,), "msg": "Keys should be strings", "input": k}
        for k, v in payload.items()
        if k not in _BASE and k not in shape.names
    ]
    try:
        record = Record.model_validate(common if errors or unknown else {**common, **own})
    except ValidationError as exc:  # a field left out is missing from the whole record, as a model says
        common_errors = [
            {**e, "input": payload} if e["type"] == "missing" else e for e in exc.errors(include_url=False)
        ]
        raise RecordInvalid([*common_errors, *errors, *unknown], shape.fields()) from None
    if errors or unknown:
        raise RecordInvalid([*errors, *unknown], shape.fields())
    return record
