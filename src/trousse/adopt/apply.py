"""Applying an adoption plan: the plan is what gets written.

Each planned document's front matter takes the plan's value for every key the plan gives (owner and
approver through the plan's role table), whether the key is new or holds another value: so a plan
the consultant edited (a document's types, its owner, a role id for a name) is honoured, and the
values adopt normalised (dates, review cycles, roles) replace what the document wrote. Every other
byte stays: the other keys, comments and the body. Applying the same plan again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.adopt.holders import ROLES, wanted_holders, with_holders
from trousse.adopt.memory import MEMORY, memory_bytes
from trousse.adopt.plan import DATES, MAX_DOCUMENT, AdoptOptions, Plan, kit_templates, missing_files, slug_id
from trousse.adopt.scan import EXTRA
from trousse.errors import ConfigError
from trousse.fsio import UnsafePath, kit_target, read_kit_file, write_atomic
from trousse.inventory import CONFIG, DEFAULT_FILE_SIZE, glob_regex, work_tree
from trousse.yamlio import YamlProblem, dump, parse_markdown, parse_yaml

# The keys adopt manages, in the contract's order.
MANAGED = (
    "id",
    "title",
    "artefact",
    "artefacts",
    "version",
    "status",
    "owner",
    "approved_by",
    "approved_on",
    "reviewed_on",
    "review_every",
)
_SCALAR = (str, int, float, bool, dt.date)


def _mapped(value: Any, roles: dict[str, str | None]) -> Any:
    return (roles.get(value) or value) if isinstance(value, str) else value


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value  # written as given: the schema check will say what to correct
    return value


def wanted(doc: dict[str, Any], roles: dict[str, str | None], extra: frozenset[str] = frozenset()) -> dict[str, Any]:
    """What the plan says the document's front matter holds (None: the plan gives no value);
    ``extra``: the organisation's own fields the kit accepts (``next_review``...), written too."""
    arts = [a for a in doc.get("artefacts") or [] if isinstance(a, str)]
    want: dict[str, Any] = {
        "id": doc.get("id") or slug_id(doc["path"]),
        "title": doc.get("title") or doc["path"],
        "artefact": arts[0] if arts else None,
        "artefacts": arts[1:],
        "version": str(doc["version"]) if doc.get("version") else None,  # none found: left to fill
        "status": doc.get("status") or ("approved" if doc.get("approved_on") else "draft"),
        "owner": _mapped(doc.get("owner"), roles),  # none found: left out, listed as to fill
        "approved_by": _mapped(doc.get("approved_by"), roles),
        "approved_on": doc.get("approved_on"),
        "reviewed_on": doc.get("reviewed_on"),
        "review_every": doc.get("review_every"),
    }
    for key in EXTRA:
        if key in extra:
            want[key] = doc.get(key)
    for key in DATES:
        if key in want:
            want[key] = _date(want[key])
    return want


def changes(
    doc: dict[str, Any],
    have: dict[str, Any],
    roles: dict[str, str | None],
    extra: frozenset[str] = frozenset(),
    cleared: list[str] | tuple[str, ...] = (),
) -> tuple[dict[str, Any], list[str]]:
    """The keys to set (new, or holding another value) and the keys to drop (``artefacts`` the plan
    no longer gives, and the plain values a plan file sets to null: ``cleared``). A key whose value
    is not a plain value (a mapping the organisation wrote) is left as it is: the schema check says
    what to correct there."""
    put: dict[str, Any] = {}
    drop = [k for k in cleared if k in have and (have[k] is None or isinstance(have[k], _SCALAR))]
    for key, value in wanted(doc, roles, extra).items():
        if key in drop:
            continue
        current = have.get(key)
        if key == "artefacts":
            plain = isinstance(current, list) and all(isinstance(a, str) for a in current)
            if value and value != current and (current is None or plain):
                put[key] = value
            elif not value and key in have and plain:
                drop.append(key)
            continue
        if value is None or value == current:
            continue
        if key not in have or current is None or isinstance(current, _SCALAR):
            put[key] = value
    return put, drop


def _entries(lines: list[str], start: int, end: int) -> dict[str, tuple[int, int]]:
    """Top-level keys of the YAML lines ``[start, end)``: key -> (first line, line after its value)."""
    out: dict[str, tuple[int, int]] = {}
    current: str | None = None
    for i in range(start, end):
        line = lines[i]
        if not line.strip() or line[0] in " \t-#" or ":" not in line:
            continue  # inside the value above (an item, an indented line, a comment)
        if current is not None:
            out[current] = (out[current][0], i)
        current = line.split(":", 1)[0].strip().strip("'\"")
        out.setdefault(current, (i, end))
    return out


def set_keys(lines: list[str], start: int, end: int, put: dict[str, Any], drop: list[str]) -> list[str]:
    """``lines`` (each with its line ending) with the top-level keys of ``[start, end)`` set to
    ``put`` (replaced where they are, added before ``end`` otherwise) and ``drop`` removed."""
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    where = _entries(lines, start, end)
    out = list(lines)
    edits: list[tuple[int, int, list[str]]] = []
    added: list[str] = []
    for key, value in put.items():
        text = [t + newline for t in dump({key: value}).splitlines()]
        if key in where:
            first, after = where[key]
            while after - 1 > first and not lines[after - 1].strip():
                after -= 1  # blank lines after the value stay
            edits.append((first, after, text))
        else:
            added += text
    for key in drop:
        if key in where:
            first, after = where[key]
            while after - 1 > first and not lines[after - 1].strip():
                after -= 1
            edits.append((first, after, []))
    if end > 0 and not out[end - 1].endswith("\n"):
        out[end - 1] += newline
    out[end:end] = added
    for first, after, text in sorted(edits, reverse=True):
        out[first:after] = text
    return out


def _front_bounds(lines: list[str]) -> int | None:
    """The index of the line closing the front matter, None when there is none."""
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return i
    return None


def _document(
    root: Path,
    doc: dict[str, Any],
    roles: dict[str, str | None],
    extra: frozenset[str] = frozenset(),
    cleared: list[str] | tuple[str, ...] = (),
) -> bytes | None:
    """The document's new bytes, or None when nothing changes (or it cannot be read)."""
    raw = read_kit_file(root, str(doc["path"]), MAX_DOCUMENT)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.splitlines(keepends=True)
    close = _front_bounds(lines)
    have: dict[str, Any] = {}
    if close is not None:
        try:
            parsed = parse_markdown(text)
        except YamlProblem:
            return None  # a broken front matter is left for the user to mend (YML finding)
        have = dict(parsed.data) if isinstance(parsed.data, dict) else {}
    put, drop = changes(doc, have, roles, extra, cleared)
    if not put and not drop:
        return None
    if close is None:
        return ("---\n" + dump(put) + "---\n").encode("utf-8") + raw
    return "".join(set_keys(lines, 1, close, put, drop)).encode("utf-8")


def _config(opts: AdoptOptions, plan: Plan, rendered: str | None) -> str:
    base = rendered or (
        f"trousse: 1\norganisation: {{name: {json.dumps(opts.org)}}}\nlanguage: {opts.lang}\n"
        f"standards: [{', '.join(opts.standards)}]\n"
    )
    outside = [d["path"] for d in plan.documents if d.get("artefacts") and not d["path"].startswith("documents/")]
    extra: dict[str, Any] = {}
    if outside:
        extra["locations"] = {"documents": outside}
    if plan.extensions:
        extra["extensions"] = {"fields": plan.extensions}
    return base.rstrip("\n") + "\n" + (dump(extra) if extra else "")


def _locations(text: str, plan: Plan) -> tuple[str | None, list[str]]:
    """An existing trousse.yml with ``locations.documents`` made to list what the plan holds: its
    planned documents added, and the Markdown files it names one by one that the plan no longer
    holds (a document the consultant removed from the plan) taken out; globs stay. Returns the new
    text (None when nothing changes, or it cannot be read: check says what is wrong with it) and the
    files taken out."""
    try:
        parsed = parse_yaml(text)
    except YamlProblem:
        return None, []
    data = parsed.data if isinstance(parsed.data, dict) else None
    locations = data.get("locations") if data is not None else None
    if data is None or not isinstance(locations if locations is not None else {}, dict):
        return None, []
    locations = dict(locations or {})
    globs = locations.get("documents") or []
    if not isinstance(globs, list):
        return None, []
    planned = {d["path"] for d in plan.documents if d.get("artefacts")}
    dropped = [
        g
        for g in globs
        if isinstance(g, str) and g.lower().endswith(".md") and not any(c in g for c in "*?[") and g not in planned
    ]
    kept = [g for g in globs if g not in dropped]
    patterns = [glob_regex(g) for g in kept if isinstance(g, str)]
    missing = [
        d["path"]
        for d in plan.documents
        if d.get("artefacts")
        and not d["path"].startswith("documents/")
        and not any(p.fullmatch(d["path"]) for p in patterns)
    ]
    if not missing and not dropped:
        return None, []
    locations["documents"] = [*kept, *missing]
    lines = text.splitlines(keepends=True)
    return "".join(set_keys(lines, 0, len(lines), {"locations": locations}, [])), dropped


def _released(root: Path, name: str) -> bytes | None:
    """A document the plan no longer holds, without the keys adopt manages in its front matter (the
    front matter removed when nothing else is left in it; the body byte-identical); None when it
    has none of them, or cannot be read as a regular Markdown file of the repository."""
    try:
        raw = read_kit_file(root, name, MAX_DOCUMENT)
        text = raw.decode("utf-8")
        parsed = parse_markdown(text)
    except (OSError, UnicodeDecodeError, YamlProblem, UnsafePath):
        return None
    have = parsed.data if isinstance(parsed.data, dict) else {}
    drop = [k for k in MANAGED if k in have]
    lines = text.splitlines(keepends=True)
    close = _front_bounds(lines)
    if not drop or close is None:
        return None
    if set(drop) == {str(k) for k in have}:
        return "".join(lines[close + 1 :]).encode("utf-8")
    return "".join(set_keys(lines, 1, close, {}, drop)).encode("utf-8")


def _refusal(root: Path, name: str, counted: set[str]) -> str | None:
    """Why the plan's document ``name`` must not be written (a message key), None when it may:
    a Markdown file of the repository that git counts (tracked, or new and not ignored), a regular
    file reached without a symbolic link, outside any git folder."""
    parts = name.split("/")
    if any(p.lower() == ".git" for p in parts):
        return "adopt.plan_git"
    if not name.lower().endswith(".md"):
        return "adopt.plan_not_md"
    path = root / name
    if path.is_symlink() or (path.exists() and path.resolve() != root.resolve() / name):
        return "adopt.plan_symlink"
    if not path.is_file():
        return "adopt.plan_missing"
    if name not in counted:
        return "adopt.plan_untracked"
    return None


def check_documents(opts: AdoptOptions, plan: Plan) -> None:
    """Refuse the plan (a :class:`ConfigError` naming the entry) if one of its documents must not
    be written; nothing is written before every entry passed."""
    counted = set(work_tree(opts.root).names)
    for doc in plan.documents:
        why = _refusal(opts.root, doc["path"], counted)
        if why is not None:
            raise ConfigError(i18n.t(why, path=doc["path"]))


GITIGNORE = ".gitignore"


def _gitignore(root: Path, kit: str | None) -> bytes | None:
    """The repository's own ``.gitignore`` with the kit's lines it lacks appended (``reports/``...),
    None when it has them all or is not there (then the kit's is added whole). No line is removed
    or changed: the organisation's rules stay as they are, in their order."""
    target = kit_target(root, GITIGNORE)
    if kit is None or not target.is_file() or target.is_symlink():
        return None
    raw = read_kit_file(root, GITIGNORE, DEFAULT_FILE_SIZE)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    have = {line.strip() for line in text.splitlines()}
    lacking = [line for line in kit.splitlines() if line.strip() and line.strip() not in have]
    if not any(not line.lstrip().startswith("#") for line in lacking):
        return None  # only comments lack: nothing the kit needs
    newline = "\r\n" if "\r\n" in text else "\n"
    sep = "" if not text or text.endswith("\n") else newline
    return (text + sep + newline.join(lacking) + newline).encode("utf-8")


def _roles(root: Path, missing: dict[str, str], wanted: dict[str, list[str]]) -> bytes | None:
    """organisation/roles.yml with the people the plan maps to a role written as its holders:
    the kit's own file when adopt adds it, the repository's when it has one (a regular file only,
    names added, nothing removed); None when nothing changes."""
    if not wanted:
        return None
    if ROLES in missing:
        missing[ROLES] = with_holders(missing[ROLES], wanted) or missing[ROLES]
        return None  # written with the other missing files
    try:
        target = kit_target(root, ROLES)
        if not target.is_file() or target.is_symlink():
            return None
        text = read_kit_file(root, ROLES, DEFAULT_FILE_SIZE).decode("utf-8")
    except (OSError, UnicodeDecodeError, UnsafePath):
        return None  # check says what is wrong with it
    new = with_holders(text, wanted)
    return new.encode("utf-8") if new is not None else None


def _accepted_extra(root: Path, plan: Plan) -> frozenset[str]:
    """The read fields beyond the schema's (``next_review``, ``classification``, ``effective_on``)
    that the kit accepts, so written: those of the plan's ``extensions`` when adopt writes
    trousse.yml, else those its ``extensions.fields`` lists (never one that check would refuse)."""
    config = kit_target(root, CONFIG)
    if not config.exists() and not config.is_symlink():
        return frozenset(k for k in EXTRA if k in plan.extensions)
    try:
        data = parse_yaml(read_kit_file(root, CONFIG, DEFAULT_FILE_SIZE).decode("utf-8")).data
    except (OSError, UnicodeDecodeError, UnsafePath, YamlProblem):
        return frozenset()
    ext = data.get("extensions") if isinstance(data, dict) else None
    fields = ext.get("fields") if isinstance(ext, dict) else None
    return frozenset(k for k in EXTRA if isinstance(fields, list) and k in fields)


def changed_files(opts: AdoptOptions, plan: Plan) -> dict[str, bytes]:
    """What applying the plan writes: file -> its new bytes (nothing is written here)."""
    out: dict[str, bytes] = {}
    extra = _accepted_extra(opts.root, plan)
    for doc in plan.documents:
        if not doc.get("artefacts"):
            continue  # no type: not a controlled document (the plan leaves it alone)
        new = _document(opts.root, doc, plan.named(), extra, plan.cleared.get(doc["path"], ()))
        if new is not None:
            out[doc["path"]] = new
    templates = kit_templates(opts)
    missing = missing_files(opts, templates)
    roles = _roles(opts.root, missing, wanted_holders(plan.people))
    if roles is not None:
        out[ROLES] = roles
    memory = memory_bytes(opts.root, plan.roles, plan.people)
    if memory is not None:  # the names mapped, for a re-run (no false conflict, the tables kept)
        out[MEMORY] = memory
    ignore = _gitignore(opts.root, templates.get(GITIGNORE))
    if ignore is not None:
        out[GITIGNORE] = ignore
    config = kit_target(opts.root, CONFIG)
    if not config.exists() and not config.is_symlink():
        out[CONFIG] = _config(opts, plan, missing.pop(CONFIG, None)).encode("utf-8")
    else:  # read only as a regular file of the repository, never through a link
        raw = read_kit_file(opts.root, CONFIG, DEFAULT_FILE_SIZE)
        try:
            updated, dropped = _locations(raw.decode("utf-8"), plan)
        except UnicodeDecodeError:
            updated, dropped = None, []  # check says the file is not UTF-8
        if updated is not None:
            out[CONFIG] = updated.encode("utf-8")
        for name in dropped:  # out of the plan: out of the kit, without the keys adopt writes
            released = _released(opts.root, name)
            if released is not None:
                out[name] = released
    for name, text in sorted(missing.items()):
        if name != CONFIG and not os.path.lexists(kit_target(opts.root, name)):
            out[name] = text.encode("utf-8")
    return out


def prepare(opts: AdoptOptions, plan: Plan) -> tuple[dict[str, bytes], dict[str, Path]]:
    """Every check applying the plan makes, nothing written: what it would write (file -> bytes)
    and where. ``--dry-run`` runs it too, so that a plan the dry run accepts is one apply accepts."""
    check_documents(opts, plan)
    todo = changed_files(opts, plan)
    # every target is checked before the first write: a linked folder (processes -> /elsewhere)
    # stops the run with nothing written, never leads a file outside the repository
    return todo, {name: kit_target(opts.root, name) for name in todo}


def apply_plan(opts: AdoptOptions, plan: Plan) -> list[str]:
    """Write the plan; return the files written or changed (sorted). Never moves, renames or
        deletes a file; an existing file other than a planned document and trousse.yml is never
        touched, except organisation/roles.yml, where the people the plan maps to a role are added as
    its holders (:mod:`trousse.adopt.holders`). Every planned document is checked first (:func:`check_documents`): one that must not
        be written stops the plan before anything is written. Each file is written whole (a temporary
        file renamed over it); the first that cannot be written stops the run, and the error lists the
        files already written."""
    todo, targets = prepare(opts, plan)
    written: list[str] = []
    for name, data in todo.items():
        try:
            write_atomic(targets[name], data)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            if written:
                raise ConfigError(
                    i18n.t("adopt.write_failed_some", path=name, reason=reason, written=", ".join(written))
                ) from None
            raise ConfigError(i18n.t("adopt.write_failed", path=name, reason=reason)) from None
        written.append(name)
    return sorted(written)
