"""Who holds each role, as the adopted documents say: the people the plan maps to a role id
(``people``: a document's owner or approver named as a person) are written as holders of that role
in ``organisation/roles.yml``.

A name is only ever added: one already among the role's holders (case and accents aside, or as an
email) is not added again, a holder the organisation wrote is never removed or changed, and every
other line of the file (comments included) stays as it is. So applying the same plan twice changes
nothing the second time.
"""

from __future__ import annotations

import re
from typing import Any

from trousse.adopt.scan import fold
from trousse.yamlio import YamlProblem, dump, parse_yaml

ROLES = "organisation/roles.yml"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def wanted_holders(people: dict[str, str | None]) -> dict[str, list[str]]:
    """Role id -> the names the plan gives it (in the plan's order; unmapped names left out)."""
    out: dict[str, list[str]] = {}
    for name, role in people.items():
        if isinstance(role, str) and role.strip() and name.strip():
            names = out.setdefault(role.strip(), [])
            if name.strip() not in names:
                names.append(name.strip())
    return out


def _holder(name: str) -> dict[str, str]:
    """A holder entry for a name met in a document (an email is both its name and its email)."""
    return {"name": name, "email": name} if _EMAIL.fullmatch(name) else {"name": name}


def _known(holders: list[Any]) -> set[str]:
    out: set[str] = set()
    for h in holders:
        if isinstance(h, dict):
            out |= {fold(str(h[k])).strip() for k in ("name", "email") if isinstance(h.get(k), str)}
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quiet(line: str) -> bool:
    """A blank line or a comment: part of no value."""
    return not line.strip() or line.lstrip().startswith("#")


def _block_end(lines: list[str], start: int, column: int, whole_mapping: bool) -> int:
    """The index after the last line of what starts on line ``start`` (0-based) with a key at
    ``column`` (0-based): with ``whole_mapping``, the mapping that key opens (its sibling keys
    included); otherwise the key's value (the lines more indented, and list items at the key's
    own indentation). Trailing blank lines and comments are left out."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        if not _quiet(line):
            col = _indent(line)
            if col < column or (col == column and not whole_mapping and not line.lstrip().startswith("-")):
                break
            last = end
        end += 1
    return last + 1


def _lines(data: Any, column: int, newline: str) -> list[str]:
    """``data`` dumped as YAML lines starting at ``column`` (the dump's own margin removed)."""
    dumped = dump(data).splitlines()
    margin = min((_indent(t) for t in dumped if t.strip()), default=0)
    return [" " * column + t[margin:] + newline for t in dumped]


def with_holders(text: str, wanted: dict[str, list[str]]) -> str | None:
    """``text`` (a roles.yml) with each wanted name added to the holders of its role; None when
    nothing changes, or when the file cannot be read as roles (check says what is wrong with it).
    A role the file does not have gets nobody (check reports the plan's unknown role elsewhere)."""
    try:
        parsed = parse_yaml(text)
    except YamlProblem:
        return None
    roles = parsed.data.get("roles") if isinstance(parsed.data, dict) else None
    if not isinstance(roles, list):
        return None
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    edits: list[tuple[int, int, list[str]]] = []  # (first line, line after, new lines), 0-based
    for i, role in enumerate(roles):
        if not isinstance(role, dict) or not isinstance(role.get("id"), str) or role["id"] not in wanted:
            continue
        holders = role.get("holders")
        if holders is not None and not isinstance(holders, list):
            continue  # not a list: left for check to report
        known = _known(holders or [])
        new = [_holder(n) for n in wanted[role["id"]] if fold(n).strip() not in known]
        if not new:
            continue
        if "holders" not in role:
            line, col = parsed.where_key(("roles", i, "id"))
            end = _block_end(lines, line - 1, col - 1, whole_mapping=True)
            edits.append((end, end, _lines({"holders": new}, col - 1, newline)))
            continue
        key_line, key_col = parsed.where_key(("roles", i, "holders"))
        value_line, _ = parsed.where(("roles", i, "holders"))
        first = key_line - 1
        end = _block_end(lines, first, key_col - 1, whole_mapping=False)
        if value_line == key_line or not holders:
            # flow (``holders: []``, ``holders: [{name: A}]``) or empty: the entry written whole, in
            # block style, the holders already there first
            edits.append((first, end, _lines({"holders": [*(holders or []), *new]}, key_col - 1, newline)))
        else:
            item_line, _ = parsed.where(("roles", i, "holders", 0))
            dash = lines[item_line - 1]
            column = _indent(dash) if dash.lstrip().startswith("-") else key_col + 1
            edits.append((end, end, _lines(new, column, newline)))
    if not edits:
        return None
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    for first, after, new_lines in sorted(edits, reverse=True):
        lines[first:after] = new_lines
    return "".join(lines)
