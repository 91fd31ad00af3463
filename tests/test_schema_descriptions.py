"""Every field of every schema ``trousse schema`` writes is described, in French and in English,
and the French schema says it in French (issue 14: audits, actions, trousse.yml, processes and roles
had fields an editor could only show by name)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from trousse import i18n
from trousse.packs import shipped_packs
from trousse.schemas import kit_schemas

# Inside `if` and `not`, `properties` are the conditions that choose a record type's schema,
# not fields anyone writes: an editor shows the description of the branch's own fields.
CONDITIONS = ("if", "not")


def _every_artefact() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pack in shipped_packs().values():
        for art in pack.artefacts:
            out.setdefault(art.id, art)
    return out


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, property schema) of every property in ``node``, conditions left out."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                if isinstance(prop, dict):
                    yield f"{where}/{name}", prop
        for key, value in node.items():
            if key not in CONDITIONS:
                yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from properties(item, f"{where}[{i}]")


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, dict[str, Any]]]:
    artefacts = _every_artefact()
    packs = sorted(shipped_packs())
    return {lang: kit_schemas(artefacts, lang, packs) for lang in i18n.LANGUAGES}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_property_of_every_schema_has_a_description(
    schemas: dict[str, dict[str, dict[str, Any]]], lang: str
) -> None:
    missing = [
        f"{name}{where}"
        for name, schema in sorted(schemas[lang].items())
        for where, prop in properties(schema)
        if not str(prop.get("description", "")).strip()
    ]
    assert missing == [], f"{len(missing)} properties without a {lang} description"


def test_the_walk_sees_the_fields_the_issue_named(schemas: dict[str, dict[str, dict[str, Any]]]) -> None:
    paths = {name + where for name, s in schemas["en"].items() for where, _ in properties(s)}
    for expected in (
        "audit.schema.json/end_date",
        "audit.schema.json/$defs/Auditor/lead",
        "action.schema.json/verified_on",
        "trousse.schema.json/facts",
        "process.schema.json/$defs/Task/steps",
        "roles.schema.json/$defs/Holder/since",
    ):
        assert expected in paths


def test_french_descriptions_are_french(schemas: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Same schema, same place: the French text differs from the English one (save one-word
    labels that are the same in both languages: "Description", "Services."), and a field named
    alike in two files says what it means in each."""
    same = []
    for name, schema in schemas["fr"].items():
        en = dict(properties(schemas["en"][name]))
        for where, prop in properties(schema):
            text = str(prop.get("description"))
            if text == en[where].get("description") and " " in text.strip():
                same.append(f"{name}{where}")
    assert same == []
    audit, records = schemas["en"]["audit.schema.json"], schemas["en"]["records.schema.json"]
    assert "certification body" in audit["properties"]["body"]["description"].lower()
    assert "record" in records["$defs"]["record-unknown"]["properties"]["body"]["description"].lower()
    assert "audit" in audit["properties"]["date"]["description"].lower()
