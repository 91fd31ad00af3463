"""`trousse upgrade`: bring a kit made by an earlier trousse forward, keeping its owner's edits.

``init`` keeps, under ``.trousse/``, the version and answers it used (``answers.yml``) and every
file as its templates rendered it (``base/``). ``upgrade`` renders the kit again with the installed
templates and the same answers, and for each file merges the change between the two renderings
into the kit's own file with ``git merge-file`` (a three-way merge): lines the owner changed are
kept, lines only the templates changed are taken, and lines both changed are a conflict, marked as
git marks them and listed. Files new upstream are added; files gone upstream are reported, never
deleted. Then ``base/`` and ``answers.yml`` record the new version, and the editor schemas are
rewritten. Nothing is committed unless asked, and never with a conflict left.

A run that leaves conflicts has already moved ``base/`` and ``answers.yml`` on, so the run after
the owner resolved them has nothing left to merge: the files of the upgrade still waiting for a
commit (those ``git status`` shows changed among the templates' files and ``.trousse/``, while
``answers.yml`` differs from HEAD's) are listed as pending, and ``--commit`` commits them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import __version__, i18n
from trousse.errors import ConfigError
from trousse.fsio import UnsafePath, kit_target, read_kit_file, write_atomic
from trousse.gitio import (
    GitCommandError,
    commit_paths,
    dirty_paths,
    inside_repo,
    merge_file,
    read_blobs,
    repo_info,
    tree_files,
)
from trousse.inventory import DEFAULT_FILE_SIZE, find_root
from trousse.scaffold import ANSWERS, BASE_DIR, InitOptions, kept_files, render_templates
from trousse.schemas import SCHEMA_DIR
from trousse.yamlio import YamlProblem, load_plain


@dataclass
class UpgradeResult:
    """What ``upgrade`` did, file by file (kit-relative paths)."""

    root: Path
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)  # new upstream, written
    updated: list[str] = field(default_factory=list)  # merged cleanly (or taken as is)
    conflicts: dict[str, int] = field(default_factory=dict)  # path -> number of conflicts
    removed_upstream: list[str] = field(default_factory=list)  # kept in the kit: the owner decides
    deleted_locally: list[str] = field(default_factory=list)  # changed upstream, gone from the kit
    kept: list[str] = field(default_factory=list)  # already there with other content: merged
    recorded: list[str] = field(default_factory=list)  # .trousse/ files rewritten
    pending: list[str] = field(default_factory=list)  # written by an earlier run, not committed yet
    commit: str | None = None
    committed: list[str] = field(default_factory=list)
    old_templates: str = ""  # a short stamp of the files the kit's templates rendered (.trousse/base/)
    new_templates: str = ""  # the same for the installed templates

    @property
    def pending_files(self) -> list[str]:
        """The pending files the owner looks at (the templates' files, not ``.trousse/``'s copies)."""
        return [p for p in self.pending if not p.startswith(".trousse/")]

    @property
    def pending_records(self) -> int:
        """How many pending files are trousse's own records (base copies, schemas, answers)."""
        return len(self.pending) - len(self.pending_files)

    @property
    def written(self) -> list[str]:
        """Every file written, in order."""
        return sorted({*self.added, *self.updated, *self.conflicts, *self.kept, *self.recorded})

    @property
    def changed(self) -> bool:
        """Whether the kit's files hold an upgrade to review or commit."""
        return bool(self.added or self.updated or self.kept or self.conflicts or self.pending)


def read_answers(root: Path) -> dict[str, Any]:
    """The answers record of the kit at ``root``; a :class:`ConfigError` when missing or broken, an
    :class:`~trousse.fsio.UnsafePath` when it is not a regular file under unlinked folders (a link
    is never read through, nor replaced)."""
    try:
        raw = read_kit_file(root, ANSWERS, DEFAULT_FILE_SIZE)
    except FileNotFoundError:
        raise ConfigError(i18n.t("upgrade.no_answers", file=ANSWERS)) from None
    try:
        data = load_plain(raw.decode("utf-8"))
    except (UnicodeDecodeError, YamlProblem) as exc:
        raise ConfigError(i18n.t("upgrade.bad_answers", file=ANSWERS, error=exc)) from None
    needed = ("trousse_version", "standards", "language", "organisation")
    if not isinstance(data, dict) or any(k not in data for k in needed):
        raise ConfigError(i18n.t("upgrade.bad_answers", file=ANSWERS, error=", ".join(needed)))
    return data


def _options(root: Path, answers: dict[str, Any]) -> InitOptions:
    rendered_on = answers.get("rendered_on")
    today = dt.date.fromisoformat(str(rendered_on)) if rendered_on else dt.date.today()
    options = answers.get("options") or {}
    people = answers.get("people")
    return InitOptions(
        root,
        [str(s) for s in answers["standards"]],
        str(answers["language"]),
        str(answers["organisation"]),
        int(people) if people is not None else None,
        today=today,
        pre_commit=bool(options.get("pre_commit", False)) if isinstance(options, dict) else False,
    )


def _base_files(root: Path) -> dict[str, bytes]:
    """The files of ``.trousse/base/`` (regular files only: links are neither followed nor read)."""
    base = root / BASE_DIR
    if not _inside(root, f"{BASE_DIR}/x") or base.is_symlink() or not base.is_dir():
        return {}
    out: dict[str, bytes] = {}
    for folder, _dirs, files in os.walk(base):  # never enters a linked folder
        for name in files:
            rel = (Path(folder) / name).relative_to(root).as_posix()
            data = _mine(root, rel)
            if data is not None:
                out[rel[len(BASE_DIR) + 1 :]] = data
    return dict(sorted(out.items()))


def _inside(root: Path, name: str) -> bool:
    """Whether ``root/name`` stays in the kit with no symbolic link on the way (a kit is untrusted:
    a linked folder must not lead a write outside it)."""
    try:
        kit_target(root, name)
    except UnsafePath:
        return False
    return True


def _mine(root: Path, name: str) -> bytes | None:
    """The kit's file ``name`` when it is a regular file under unlinked folders, else None."""
    try:
        return read_kit_file(root, name, DEFAULT_FILE_SIZE)
    except (OSError, UnsafePath):
        return None


def _write(root: Path, name: str, data: bytes) -> None:
    if not _inside(root, name):
        raise ConfigError(i18n.t("upgrade.linked", path=name))
    write_atomic(kit_target(root, name), data)  # a link there is replaced, never followed


def run_upgrade(start: Path | None = None, *, commit: bool = False) -> UpgradeResult:
    """Upgrade the kit at or above ``start`` to the installed templates (see the module's doc)."""
    root = find_root(start)
    answers = read_answers(root)
    opts = _options(root, answers)
    old = str(answers["trousse_version"])
    result = UpgradeResult(root, old, __version__)
    base = _base_files(root)
    if not base:
        # Without the rendering to merge against, every file would be a conflict.
        raise ConfigError(i18n.t("upgrade.no_base", base=BASE_DIR, version=old))
    rendered, artefacts = render_templates(opts)
    new = {name: text.encode("utf-8") for name, text in rendered.items()}
    result.old_templates, result.new_templates = _stamp(base), _stamp(new)
    labels = (i18n.t("upgrade.label.kit"), f"trousse {old}", f"trousse {__version__}")
    recorded = kept_files(opts, rendered, artefacts)
    for name in sorted({*new, *recorded}):  # refuse before writing anything
        if not _inside(root, name):
            raise ConfigError(i18n.t("upgrade.linked", path=name))
    for name in sorted(set(base) | set(new)):
        mine = _mine(root, name)
        before, after = base.get(name), new.get(name)
        if after is None:
            if mine is not None:
                result.removed_upstream.append(name)
            continue
        if before is None:  # new upstream
            if mine is None:
                _write(root, name, after)
                result.added.append(name)
            elif mine != after:
                merged, conflicts = merge_file(mine, b"", after, labels)
                _write(root, name, merged)
                if conflicts:
                    result.conflicts[name] = conflicts
                else:
                    result.kept.append(name)
            continue
        if before == after:
            continue
        if mine is None:
            result.deleted_locally.append(name)
            continue
        if mine == before or mine == after:
            if mine != after:
                _write(root, name, after)
            result.updated.append(name)
            continue
        merged, conflicts = merge_file(mine, before, after, labels)
        _write(root, name, merged)
        if conflicts:
            result.conflicts[name] = conflicts
        else:
            result.updated.append(name)
    # Conflicts an earlier upgrade marked and nobody resolved yet are still conflicts: listed again,
    # and --commit stays refused until their markers are gone.
    for name in sorted(set(new) - set(result.conflicts)):
        mine = _mine(root, name)
        if mine is not None:
            left = sum(1 for line in mine.splitlines() if line.startswith(b"<<<<<<< "))
            if left:
                result.conflicts[name] = left
    # The new base, answers and schemas: what the next upgrade starts from.
    for name in sorted(base):
        if name not in new:
            kit_target(root, f"{BASE_DIR}/{name}").unlink(missing_ok=True)
            result.recorded.append(f"{BASE_DIR}/{name}")
    schemas = kit_target(root, f"{SCHEMA_DIR}/x").parent  # never a listing of a linked folder
    for p in sorted(schemas.glob("*.schema.json")):
        if f"{SCHEMA_DIR}/{p.name}" not in recorded:
            p.unlink()
            result.recorded.append(f"{SCHEMA_DIR}/{p.name}")
    for name, text in recorded.items():
        data = text.encode("utf-8")
        if _mine(root, name) != data:
            _write(root, name, data)
            result.recorded.append(name)
    _find_pending(root, result, set(new))
    if commit:
        result.commit = _commit(root, result)
    return result


def _stamp(files: dict[str, bytes]) -> str:
    """A short stamp of a set of rendered files: it changes when any template's output changes."""
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:10]


def _committed_answers(root: Path) -> bytes | None:
    """``answers.yml`` as HEAD holds it; None outside a repository, before the first commit, or
    when HEAD has none."""
    info = repo_info(root)
    if info is None or info.head is None:
        return None
    try:
        prefix = root.resolve().relative_to(info.toplevel.resolve()).as_posix()
    except ValueError:
        return None
    prefix = "" if prefix == "." else prefix + "/"
    try:
        entry = tree_files(info.toplevel, info.head, prefix + ".trousse/").get("answers.yml")
        return read_blobs(info.toplevel, [entry.oid]).get(entry.oid) if entry else None
    except GitCommandError:
        return None


def _find_pending(root: Path, result: UpgradeResult, templates: set[str]) -> None:
    """When an earlier run's upgrade is not committed yet (``answers.yml`` differs from HEAD's),
    the files it wrote that this run did not write again: pending, listed and committed with
    ``--commit``; ``old_version`` becomes the version HEAD records."""
    if ANSWERS in result.recorded:  # this run moved the answers on: it wrote the whole upgrade
        return
    committed = _committed_answers(root)
    mine = _mine(root, ANSWERS)
    if committed is None or mine is None or mine == committed:
        return
    dirty = dirty_paths(root) or []
    written = set(result.written)
    result.pending = [p for p in dirty if (p in templates or p.startswith(".trousse/")) and p not in written]
    try:
        data = load_plain(committed.decode("utf-8"))
    except (UnicodeDecodeError, YamlProblem):
        return
    if isinstance(data, dict) and data.get("trousse_version"):
        result.old_version = str(data["trousse_version"])


def _commit(root: Path, result: UpgradeResult) -> str | None:
    if result.conflicts:
        raise ConfigError(i18n.t("upgrade.conflicts_no_commit", count=sum(result.conflicts.values())))
    if not inside_repo(root):
        raise ConfigError(i18n.t("upgrade.not_repo"))
    paths = sorted({*result.written, *result.pending})
    if not paths:
        return None
    message = i18n.t("upgrade.commit", old=result.old_version, new=result.new_version)
    commit = commit_paths(root, message, paths)
    result.committed = paths
    return commit
