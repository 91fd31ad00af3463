"""Start reading a large kit before the command has imported what checks it.

A cold ``check`` of a large kit spends its first few tenths of a second importing the schemas
(pydantic) and the rules; the files' composition, which the worker processes of
:mod:`trousse.loader.pool` do, does not depend on them. So the command line starts those workers
first, from what it can read without the schemas: the kit's root, git's list of its files and a
plain reading of trousse.yml. The loader then takes the started pool over when what it would
have started is exactly the same (the same files in the same order, the same size limit, the same
message language); otherwise it stops it and starts its own, so the findings and every byte of the
output are the same whether the pool started early, late or not at all.

Nothing starts early for ``--as-of`` (a commit's tree is read through one git process), for a kit
whose trousse.yml sets ``limits`` or ``locations`` (known only through the schemas), or below the
pool's threshold. Whatever goes wrong here is left for the loader to meet and report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trousse import i18n
from trousse.cache import ParseCache
from trousse.inventory import CONFIG, DEFAULT_FILE_SIZE, Inventory, find_root, work_tree
from trousse.loader import pool

_YAML = (".yml", ".yaml")
# What the loader reads: (folder, suffixes, at any depth).
FOLDERS = {
    "standards": ("standards", _YAML, False),
    "processes": ("processes", (".md",), False),
    "documents": ("documents", (".md",), True),
    "audits": ("audits", _YAML, False),
    "actions": ("actions", _YAML, False),
    "records": ("records", (*_YAML, ".md"), True),
}
# The folders whose files go to the workers, in the order the loader reads them.
BULK = ("processes", "documents", "audits", "actions", "records")


def bulk_files(plan: dict[str, list[str]]) -> list[str]:
    """The files of ``plan`` (folder key: files) given to the workers, in the order read, once each."""
    return list(dict.fromkeys(n for key in BULK for n in plan[key]))


@dataclass
class EarlyRead:
    """A kit's inventory and parse cache, and the pool composing its bulk files, as started before
    the load; the loader adopts the pool (:meth:`take`) or it is stopped (:meth:`close`)."""

    root: Path
    inventory: Inventory
    cache: ParseCache | None
    limit: int
    lang: str
    files: list[str] = field(default_factory=list)
    started: pool.Pool | None = None

    def take(self, files: list[str], limit: int, lang: str) -> pool.Pool | None:
        """The started pool, when it composes exactly ``files`` with ``limit`` in ``lang``; else it
        is stopped and None is returned (the loader starts its own)."""
        started, self.started = self.started, None
        if started is None:
            return None
        if files == self.files and limit == self.limit and lang == self.lang:
            return started
        started.close()
        return None

    def close(self) -> None:
        """Stop the workers if nobody took them."""
        if self.started is not None:
            self.started.close()
            self.started = None


def start(kit: Path | None) -> EarlyRead | None:
    """The kit found at or above ``kit``, with its bulk files given to workers when the kit is large
    enough (None when nothing can be started early)."""
    from trousse.yamlio import YamlProblem, parse_yaml, read_text  # noqa: PLC0415

    try:
        root = find_root(kit)
        inventory = work_tree(root)
        if inventory.snapshot is not None or not inventory.has_file(CONFIG):
            return None
        raw = parse_yaml(read_text(inventory.read(CONFIG, DEFAULT_FILE_SIZE))).data
        if "limits" in raw or "locations" in raw:
            return None
        plan = {key: inventory.select(*rule) for key, rule in FOLDERS.items()}
        files = bulk_files(plan)
        cache = ParseCache(inventory.git_dir, len(inventory.names)) if inventory.git_dir is not None else None
        early = EarlyRead(root, inventory, cache, DEFAULT_FILE_SIZE, i18n.language(), files)
        early.started = pool.start(root, files, DEFAULT_FILE_SIZE, cache)
    except (YamlProblem, Exception):  # noqa: BLE001 - an optimisation: the loader meets and reports any problem
        return None
    return early
