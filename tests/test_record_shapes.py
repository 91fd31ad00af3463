"""The loader validates a record without a pydantic model per artefact type
(trousse.models.records.validate_record): it must give what that model gives, value for value
and error for error, in the same order. Compared here on every record type of every shipped pack,
with values that fit, values that do not (of every field type), fields left out, unknown fields,
and the common fields wrong at the same time."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from trousse.models import ArtefactDef, Record
from trousse.models import records as record_schemas
from trousse.models.kit import record_values
from trousse.models.pack import FieldDef
from trousse.models.records import RecordInvalid, record_model, validate_record
from trousse.packs import shipped_packs

_GOOD: dict[str, Any] = {
    "text": "Written by the team",
    "date": "2026-03-02",
    "integer": 3,
    "number": 2.5,
    "boolean": True,
    "role": "RGS",
    "process": "INC",
    "artefact": "incident-record",
    "record": "INC-001",
    "document": "POL-001",
    "person": "Ada Lovelace",
    "duration": "3 months",
    "item": {"name": "x", "when": "2026-03-02", "count": 2},
}
_BAD: dict[str, Any] = {
    "text": {"a": 1},
    "date": "2026-02-30",
    "integer": "three",
    "number": "two and a half",
    "boolean": "perhaps",
    "role": ["RGS"],
    "process": 12.5,
    "artefact": {"x": 1},
    "record": [1],
    "document": {"id": 1},
    "person": ["a", "b"],
    "duration": "soon",
    "item": {"name": {"nested": "no"}},
}


def _value(fdef: FieldDef, good: bool) -> Any:
    if fdef.type == "choice":
        return (fdef.choices[-1] if fdef.choices else "any") if good else "not-a-choice"
    if fdef.type == "list":
        inner = FieldDef(id=fdef.id, type=fdef.of or "text", choices=fdef.choices)
        return [_value(inner, True), _value(inner, good)] if good else [_value(inner, True), _value(inner, False)]
    return _GOOD[fdef.type] if good else _BAD[fdef.type]


def _types() -> list[ArtefactDef]:
    seen: dict[str, ArtefactDef] = {}
    for pack in shipped_packs().values():
        for art in pack.artefacts:
            if art.kind == "record" and art.fields:
                seen.setdefault(f"{pack.id}:{art.id}", art)
    return [seen[k] for k in sorted(seen)]


TYPES = _types()


def _payloads(art: ArtefactDef) -> list[dict[str, Any]]:
    common = {"id": "R-1", "artefact": art.id, "date": "2026-03-02", "title": "A record"}
    own = {f.id: _value(f, True) for f in art.fields}
    bad = {f.id: _value(f, False) for f in art.fields}
    required_only = {f.id: _value(f, True) for f in art.fields if f.required}
    return [
        {**common, **own},  # everything fits
        {**common, **required_only},  # optional fields left out
        {**common, **bad},  # every own field wrong
        {**common, "date": "not a date", "id": "../x", **bad},  # common fields wrong too
        {**common, **own, "unknown": 1, "zz": "x"},  # fields no schema allows
        {**common, **bad, "unknown": 1},
        {"artefact": art.id, "z": 1},  # most of it missing
        {**common, **{k: None for k in own}},  # every own field written empty
        {**common, **own, 1: "a number as a key", "body": "text"},  # YAML keys need not be strings
        {**common, **{k: "" for k in own}, "title": None},  # empty strings, a null title
        {**common, **{k: 7 for k in own}},  # a number everywhere (a choice is text)
        {**common, **{k: [7, "x"] for k in own}},  # a list everywhere
    ]


def _as_model(art: ArtefactDef, payload: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Any]]:
    try:
        obj = record_model(art).model_validate(payload)
    except ValidationError as exc:
        return None, [(e["type"], e["loc"], e["msg"], repr(e["input"]), repr(e.get("ctx"))) for e in exc.errors()]
    return dict(obj.__dict__), []


def _as_record(art: ArtefactDef, payload: dict[str, Any], path: str) -> tuple[dict[str, Any] | None, list[Any]]:
    try:
        rec = validate_record(art, payload)
    except RecordInvalid as exc:
        return None, [(e["type"], e["loc"], e["msg"], repr(e["input"]), repr(e.get("ctx"))) for e in exc.errors]
    assert (type(rec) is Record) == (path == "adapters")
    dumped, values = rec.model_dump(), record_values(rec)  # what DOC011 and Nonconformity.of read
    assert values == dumped and list(values) == list(dumped)
    return {**rec.__dict__, **(rec.__pydantic_extra__ or {})}, []


@pytest.fixture(params=["adapters", "model"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each type validated by the adapters (few records of it), or by its model (many)."""
    monkeypatch.setattr(record_schemas, "_SHAPES", {})
    monkeypatch.setattr(record_schemas, "MODEL_AFTER", 10**9 if request.param == "adapters" else 0)
    return str(request.param)


def test_every_shipped_record_type_is_compared() -> None:
    kinds = {f.type for art in TYPES for f in art.fields}
    assert len(TYPES) >= 40 and {"choice", "list", "date", "text"} <= kinds, (len(TYPES), kinds)


@pytest.mark.parametrize("art", TYPES, ids=lambda a: a.id)
def test_the_loader_validates_a_record_as_a_model_of_its_type_would(art: ArtefactDef, path: str) -> None:
    for payload in _payloads(art):
        want_values, want_errors = _as_model(art, payload)
        got_values, got_errors = _as_record(art, payload, path)
        assert got_errors == want_errors, payload
        assert got_values == want_values, payload
        if want_values is not None:  # the same fields, in the same order
            assert list(got_values) == list(want_values)


def test_a_type_gets_its_model_after_many_records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_schemas, "_SHAPES", {})
    monkeypatch.setattr(record_schemas, "MODEL_AFTER", 3)
    art = TYPES[0]
    payload = _payloads(art)[0]
    kinds = [type(validate_record(art, payload)) for _ in range(5)]
    assert kinds[:3] == [Record] * 3 and kinds[3:] == [record_model(art)] * 2


def test_a_check_says_the_same_whichever_way_its_records_are_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example kit (records of every shipped type, some left to fill, some wrong) checked with
    every record validated by the adapters, then by the models of their types: the same findings."""
    from trousse.check.engine import run_check  # noqa: PLC0415
    from trousse.check.formats import to_json  # noqa: PLC0415
    from trousse.resources import examples_root  # noqa: PLC0415

    kit = tmp_path / "kit"
    shutil.copytree(examples_root() / "fr", kit)
    rec = kit / "records" / "broken.yml"
    rec.write_text(
        "id: REC-BROKEN\nartefact: incident-record\ndate: 2026-02-30\ntitle: x\npriority: P9\nmajor: perhaps\n"
        "zz: 1\n1: one\nreported_by: Prénom Nom\n",
        encoding="utf-8",
    )
    outputs = []
    for after in (10**9, 0):
        monkeypatch.setattr(record_schemas, "_SHAPES", {})
        monkeypatch.setattr(record_schemas, "MODEL_AFTER", after)
        outputs.append(to_json(run_check(kit, lang="fr", as_of=dt.date(2026, 11, 23))))
    assert outputs[0] == outputs[1]
    found = json.loads(outputs[0])["findings"]
    broken = {f["rule"] for f in found if f["path"] == "records/broken.yml"}
    assert {"SCH001", "SCH003"} <= broken, broken


def test_the_fields_named_in_messages_are_those_of_the_type() -> None:
    art = next(a for a in TYPES if any(f.required for f in a.fields) and any(not f.required for f in a.fields))
    try:
        validate_record(art, {"id": "R-1", "artefact": art.id, "date": dt.date(2026, 3, 2), "title": "t", "zz": 1})
    except RecordInvalid as exc:
        fields = exc.fields
    else:
        raise AssertionError("a required field is missing and an unknown one given")
    model = record_model(art).model_fields
    assert list(fields) == list(model)
    assert [(n, f.is_required(), f.exclude) for n, f in fields.items()] == [
        (n, f.is_required(), f.exclude) for n, f in model.items()
    ]
