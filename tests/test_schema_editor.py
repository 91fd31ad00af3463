"""How the YAML language server applies the kit's schemas, and what it shows on hover."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from trousse.schemas import editor_globs, schemas_of_kit

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _glob_regex(glob: str) -> re.Pattern[str]:
    """A glob as vscode-json-languageservice reads it (globstar, extended)."""
    out = ""
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out += "(?:[^/]*/)*"
            i += 3
        elif glob.startswith("**", i):
            out += ".*"
            i += 2
        elif glob[i] == "*":
            out += "[^/]*"
            i += 1
        else:
            out += re.escape(glob[i])
            i += 1
    return re.compile(out + "$")


def server_matches(path: str, globs: list[str]) -> bool:
    """Whether the language server gives ``path`` (absolute, forward slashes) the schema mapped to
    ``globs``: as vscode-json-languageservice's FilePatternAssociation does, a leading ``/`` is
    dropped and ``**/`` put before every glob (so nothing is anchored at the folder), ``!`` excludes,
    and the last glob that matches decides."""
    match = False
    for glob in globs:
        include = not glob.startswith("!")
        glob = glob.lstrip("!").removeprefix("/")
        if _glob_regex("**/" + glob).match(path):
            match = include
    return match


def test_the_kit_schema_is_not_given_to_the_ci_workflow() -> None:
    """`.github/workflows/trousse.yml` (written by init) keeps SchemaStore's workflow schema."""
    globs = editor_globs()["./.trousse/schemas/trousse.schema.json"]
    assert server_matches("/home/ana/kit/trousse.yml", globs)
    assert not server_matches("/home/ana/kit/.github/workflows/trousse.yml", globs)
    for schema, others in editor_globs().items():
        assert not server_matches("/home/ana/kit/.github/workflows/trousse.yml", others), schema
        assert not server_matches("/home/ana/kit/.gitlab-ci.yml", others), schema
    records = editor_globs()["./.trousse/schemas/records.schema.json"]
    assert server_matches("/home/ana/kit/records/incidents/2026/INC-001.yml", records)


def _titles(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            found.append(node["title"])
        for value in node.values():
            found += _titles(value)
    elif isinstance(node, list):
        for item in node:
            found += _titles(item)
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_titles_are_in_the_kit_language_never_class_names(tmp_path: Path, lang: str) -> None:
    kit = tmp_path / lang
    shutil.copytree(EXAMPLES / lang, kit)
    _root, texts = schemas_of_kit(kit)
    schemas = {name: json.loads(text) for name, text in texts.items()}
    wanted = {
        "trousse.schema.json": {"fr": "Configuration de la trousse", "en": "configuration"},
        "roles.schema.json": {"fr": "Rôles", "en": "roles"},
        "customers.schema.json": {"fr": "Clients", "en": "ustomers"},
    }
    for name, by_lang in wanted.items():
        assert by_lang[lang] in schemas[name]["title"], (name, schemas[name]["title"])
    class_like = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")  # KitConfig, RolesFile...
    for name, schema in schemas.items():
        bad = [t for t in _titles(schema) if class_like.match(t)]
        assert bad == [], (name, bad)
