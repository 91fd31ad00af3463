"""What adopt remembers of an applied plan: the names it met in the documents and the role ids the
plan mapped them to, in ``.trousse/adopt.yml`` (kit-format.md, "Adopters").

A re-run reads it back, so that a role id adopt wrote into a front matter from "**Owner:** Service
Manager" agrees with the body it came from (no false conflict), and the plan's ``roles`` and
``people`` tables show the mapping again instead of starting empty. Entries are only added or
updated, never removed: applying the same plan twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from trousse.fsio import UnsafePath, read_kit_file
from trousse.inventory import DEFAULT_FILE_SIZE
from trousse.yamlio import YamlProblem, dump, parse_yaml

MEMORY = ".trousse/adopt.yml"
_HEAD = "# What trousse adopt mapped: a name met in the documents -> the role id written for it.\n"


def _table(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v.strip() for k, v in value.items() if isinstance(v, str) and v.strip() and str(k).strip()}


def read_memory(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The ``roles`` and ``people`` tables an earlier apply saved (empty when none, or unreadable)."""
    try:
        data = parse_yaml(read_kit_file(root, MEMORY, DEFAULT_FILE_SIZE).decode("utf-8")).data
    except (OSError, UnicodeDecodeError, UnsafePath, YamlProblem):
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    return _table(data.get("roles")), _table(data.get("people"))


def memory_bytes(root: Path, roles: dict[str, str | None], people: dict[str, str | None]) -> bytes | None:
    """The file with the plan's mapped names added to what it holds; None when nothing changes."""
    old_roles, old_people = read_memory(root)
    new_roles = {**old_roles, **_table(roles)}
    new_people = {**old_people, **_table(people)}
    if (new_roles, new_people) == (old_roles, old_people):
        return None
    data = {"roles": dict(sorted(new_roles.items())), "people": dict(sorted(new_people.items()))}
    return (_HEAD + dump(data)).encode("utf-8")
