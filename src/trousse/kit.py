"""The ``Kit`` value: everything a kit holds, validated, with its look-ups.

Rules and reports read a :class:`Kit`; only :mod:`trousse.loader` builds one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse.findings import Finding
from trousse.inventory import Inventory
from trousse.models import (
    Action,
    ArtefactDef,
    Audit,
    Catalogue,
    CustomersFile,
    Document,
    KitConfig,
    Pack,
    Process,
    RecordBase,
    Role,
)
from trousse.models.pack import waived_processes
from trousse.yamlio import Parsed


@dataclass
class Kit:
    """Everything a kit holds, validated, with the findings met while reading it."""

    root: Path
    config: KitConfig
    config_parsed: Parsed
    packs: Mapping[str, Pack]
    artefacts: dict[str, ArtefactDef]
    artefact_origin: dict[str, str]
    roles: list[Role] = field(default_factory=list)
    processes: list[Process] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    records: list[RecordBase] = field(default_factory=list)
    audits: list[Audit] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    catalogue: Catalogue | None = None
    customers: CustomersFile | None = None
    files: dict[str, Parsed] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    roles_file: str | None = None
    broken: set[str] = field(default_factory=set)  # files that could not be read as their kind
    broken_artefacts: set[str] = field(default_factory=set)  # artefact types of unreadable files
    broken_processes: set[str] = field(default_factory=set)  # ids of unreadable process files
    inventory: Inventory | None = None  # the kit's files, as read (work tree or one commit's tree)
    # What more than one reader computes from the kit as read (workflow.forms.records_left_to_fill)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def snapshot(self) -> str | None:
        """The commit whose tree was read (``--as-of``: the last commit on or before that day);
        None when the work tree was read."""
        return self.inventory.snapshot if self.inventory is not None else None

    def exists(self, path: str, file_only: bool = False) -> bool:
        """Whether the kit-relative ``path`` is a file (or, unless ``file_only``, a folder) of the
        kit as read: ignored files are not part of it; with ``--as-of``, neither are files added
        later; a path that leaves the kit never exists."""
        clean = posixpath.normpath(path.replace("\\", "/"))
        if clean.startswith(("/", "../")) or clean == "..":
            return False
        if self.inventory is None:
            target = self.root / clean
            return target.is_file() if file_only else target.exists()
        return self.inventory.has_file(clean) if file_only else self.inventory.exists(clean)

    @property
    def roles_broken(self) -> bool:
        """Whether organisation/roles.yml exists but could not be read (role checks then wait)."""
        return self.roles_file is not None and self.roles_file in self.broken

    @property
    def lang(self) -> str:
        """The kit's language (fr or en)."""
        return self.config.language

    def standards(self) -> list[Pack]:
        """The packs the kit targets, in the order trousse.yml gives them."""
        return [self.packs[s] for s in self.config.standards if s in self.packs]

    def role(self, role_id: str) -> Role | None:
        """The role with this id."""
        return next((r for r in self.roles if r.id == role_id), None)

    def excluded_processes(self) -> dict[str, list[str]]:
        """The processes the kit excludes, with the register items that waive them
        (:func:`trousse.models.pack.waived_processes`): computed once per kit read, a copy each call."""
        got = self.memo.get("excluded_processes")
        if got is None:
            got = self.memo["excluded_processes"] = waived_processes(self.standards(), self.config.not_applicable)
        return {pid: list(items) for pid, items in got.items()}

    def process_ids(self) -> set[str]:
        """The ids of the kit's process descriptions, unreadable ones included: a process file left
        with conflict markers is reported once (YML/SCH), not again wherever its id is named."""
        return {p.id for p in self.processes} | self.broken_processes

    def process(self, process_id: str) -> Process | None:
        """The process with this id."""
        return next((p for p in self.processes if p.id == process_id), None)

    def record_process(self, record: RecordBase) -> str | None:
        """The process a record proves: its own ``process`` field, else its artefact type's."""
        if record.process:
            return record.process
        art = self.artefacts.get(record.artefact)
        return art.process if art else None
