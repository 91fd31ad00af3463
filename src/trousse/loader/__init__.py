"""Read a whole kit once: configuration, packs, roles, processes, documents, records, audits...

The files come from the kit's inventory (:mod:`trousse.inventory`): the work tree as git counts
it (ignored files are not part of the kit), or with ``as_of`` the tree of the last commit on or
before that day. Problems found while reading (YML: not a regular file, too large, unreadable, not
valid YAML; SCH: not valid against the schema) are kept as findings on the :class:`Kit`; a file
that cannot be read as its kind is left out of the kit so that later rules see only valid
objects. Only an unusable ``trousse.yml`` stops the load (exit 2).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trousse import i18n
from trousse.cache import ParseCache
from trousse.collector import paused as paused_gc
from trousse.errors import ConfigError
from trousse.findings import Finding, RuleId
from trousse.inventory import CONFIG, DEFAULT_FILE_SIZE, FileProblem, Inventory, committed, find_root, work_tree
from trousse.kit import Kit
from trousse.loader import pool
from trousse.loader.schema import schema_findings
from trousse.models import (
    Action,
    ArtefactDef,
    ArtefactsFile,
    Audit,
    Catalogue,
    CustomersFile,
    Document,
    KitConfig,
    Pack,
    Process,
    Record,
    RecordBase,
    RolesFile,
    attach,
)
from trousse.models.records import RecordInvalid, validate_record
from trousse.packs import PackTable
from trousse.yamlio import Parsed, ProblemKind, YamlProblem, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)

# The rule of each problem the YAML reader reports (a test checks that every kind has one).
YAML_RULES: dict[ProblemKind, RuleId] = {
    ProblemKind.SYNTAX: RuleId.YML001,
    ProblemKind.DUPLICATE_KEY: RuleId.YML002,
    ProblemKind.SHAPE: RuleId.YML003,
    ProblemKind.FRONT_MATTER: RuleId.YML004,
    ProblemKind.ENCODING: RuleId.YML005,
    ProblemKind.DEPTH: RuleId.YML010,
    ProblemKind.VALUES: RuleId.YML011,
    ProblemKind.ALIASES: RuleId.YML012,
}


_RULE: dict[str, RuleId] = {
    "link": RuleId.YML007,
    "outside": RuleId.YML007,
    "special": RuleId.YML006,
    "folder": RuleId.YML006,
    "too_large": RuleId.YML008,
    "unreadable": RuleId.YML005,
}


def _problem_message(problem: FileProblem, lang: str | None) -> str:
    if problem.kind == "too_large":
        return i18n.t("file.too_large", _lang=lang, size=problem.size, limit=problem.limit)
    if problem.kind == "unreadable":
        return i18n.t("file.unreadable", _lang=lang, error=problem.detail)
    return i18n.t(f"file.{problem.kind}", _lang=lang)


def read_config(inventory: Inventory, lang: str | None = None) -> tuple[KitConfig, Parsed]:
    """Read trousse.yml; any problem is a :class:`ConfigError` (exit 2) naming file, line, column."""
    try:
        parsed = parse_yaml(read_text(inventory.read(CONFIG, DEFAULT_FILE_SIZE)))
    except FileProblem as exc:
        raise ConfigError(
            i18n.t("config.unreadable", _lang=lang, file=CONFIG, error=_problem_message(exc, lang))
        ) from None
    except YamlProblem as exc:
        raise ConfigError(
            i18n.t("config.invalid", _lang=lang, file=CONFIG, line=exc.line, column=exc.column, message=exc.message)
        ) from None
    try:
        config = KitConfig.model_validate(parsed.data)
    except ValidationError as exc:
        first = schema_findings(exc, parsed, CONFIG, KitConfig, lang=lang)[0]
        raise ConfigError(
            i18n.t(
                "config.invalid", _lang=lang, file=CONFIG, line=first.line, column=first.column, message=first.message
            )
        ) from None
    attach(config, CONFIG, parsed)
    return config, parsed


class _Reader:
    def __init__(self, inventory: Inventory, lang: str, limit: int, cache: ParseCache | None = None) -> None:
        self.inventory = inventory
        self.lang = lang
        self.limit = limit
        self.files: dict[str, Parsed] = {}
        self.findings: list[Finding] = []
        self.broken: set[str] = set()
        self.cache = cache
        self.own_fields: tuple[str, frozenset[str]] = ("x-", frozenset())  # trousse.yml: extensions
        self.pool: pool.Pool | None = None
        self.pooled: Iterator[tuple[str, pool.Result]] | None = None
        self.waiting: dict[str, pool.Result] = {}  # results the workers gave before they were asked
        self.queued: set[str] = set()  # files given to the workers and not yet asked for

    def problem(self, rule: str, name: str, message: str) -> None:
        self.findings.append(Finding(rule, "error", name, 1, 1, message))
        self.broken.add(name)

    def cached(self, name: str) -> Parsed | None:
        """The parsed file from the cache, when its blob id is known without reading it."""
        oid = self.inventory.blob_id(name)
        if oid is None or self.cache is None:
            return None
        return self.cache.get(oid + os.path.splitext(name)[1])

    def prefetch(self, names: list[str]) -> None:
        """With --as-of, read in one pass the blobs the cache does not already hold."""
        if self.inventory.snapshot is not None:
            self.inventory.prefetch([n for n in names if self.cached(n) is None], self.limit)

    def start_pool(self, names: list[str]) -> None:
        """Have worker processes compose ``names`` (in this order) while this one goes on, when
        the kit is large enough (:mod:`trousse.loader.pool`); the work tree only (``--as-of``
        reads a commit's blobs through one git process, in this one)."""
        if self.inventory.snapshot is not None:
            return
        wanted = list(dict.fromkeys(names))
        self.pool = pool.start(self.inventory.root, wanted, self.limit, self.cache)
        if self.pool is not None:
            self.pooled = self.pool.results()
            self.queued = set(wanted)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def from_pool(self, name: str) -> pool.Result | None:
        """The worker's result for ``name``, once (None when no worker had it)."""
        got = self.waiting.pop(name, None)
        if got is not None or self.pooled is None or name not in self.queued:
            return got
        self.queued.discard(name)
        try:
            for done, result in self.pooled:
                if done == name:
                    return result
                self.queued.discard(done)
                self.waiting[done] = result
        except Exception:  # noqa: BLE001 - a worker that died (killed, out of memory): read here instead
            self.pooled = None
            self.queued.clear()
            self.close()
        return None

    def parse(self, name: str) -> tuple[str, Parsed] | None:
        result = self.from_pool(name)
        if result is None:
            parsed = self.cached(name)
            if parsed is not None:
                self.files[name] = parsed
                return name, parsed
            # Parsed files are cached by git blob id (trousse.cache): an unchanged file is read once.
            result = pool.parse_one(self.inventory, name, None, self.limit, self.cache)
        if result[0] == "file":
            kind, detail, size, limit = result[1:]
            if kind != "missing":  # deleted since git listed it: not part of the kit
                problem = FileProblem(kind, detail, size, limit)
                self.problem(_RULE[kind], name, _problem_message(problem, self.lang))
            return None
        if result[0] == "yaml":
            kind_value, message, line, column = result[1:]
            rule = YAML_RULES[ProblemKind(kind_value)]
            self.findings.append(Finding(rule, "error", name, line, column, message))
            self.broken.add(name)
            return None
        _ok, parsed, key, encoded = result
        if self.cache is not None:
            self.cache.keep(key, encoded)
        self.files[name] = parsed
        return name, parsed

    def _payload(self, parsed: Parsed, data: Any, own: bool, body: bool) -> Any:
        """What is validated of ``parsed``: ``data`` or the parsed data; with ``own``, without the
        organisation's own fields (trousse.yml: extensions); with ``body``, the Markdown body too."""
        payload = parsed.data if data is None else data
        if own and isinstance(payload, dict):
            prefix, names = self.own_fields
            if _has_own(payload, prefix, names):
                payload = {
                    k: v
                    for k, v in payload.items()
                    if not (isinstance(k, str) and (k.startswith(prefix) or k in names))
                }
        if parsed.body is not None and body:
            payload = {**payload, "body": parsed.body}
        return payload

    def validate(self, model: type[M], name: str, parsed: Parsed, data: Any = None, own: bool = False) -> M | None:
        """``parsed`` as ``model`` (SCH findings when it does not fit); with ``own``, the
        organisation's own fields (trousse.yml: extensions) are left out of the schema."""
        payload = self._payload(parsed, data, own, "body" in model.model_fields)
        try:
            obj = model.model_validate(payload)
        except ValidationError as exc:
            self.findings.extend(schema_findings(exc, parsed, name, model, lang=self.lang))
            self.broken.add(name)
            return None
        attach(obj, name, parsed)
        return obj

    def validate_record(self, art: ArtefactDef, name: str, parsed: Parsed) -> RecordBase | None:
        """``parsed`` as a record of artefact type ``art`` (:func:`validate_record`), as
        :meth:`validate` does with a model."""
        payload = self._payload(parsed, None, True, True)
        try:
            obj = validate_record(art, payload)
        except RecordInvalid as exc:
            self.findings.extend(schema_findings(exc.errors, parsed, name, fields=exc.fields, lang=self.lang))
            self.broken.add(name)
            return None
        attach(obj, name, parsed)
        return obj

    def one(self, model: type[M], name: str, own: bool = False) -> M | None:
        got = self.parse(name)
        if got is None:
            return None
        return self.validate(model, *got, own=own)


def _has_own(payload: dict[Any, Any], prefix: str, names: frozenset[str]) -> bool:
    """Whether ``payload`` has a key of the organisation's own (``prefix`` or one of ``names``):
    asked of every record, so a plain loop (a generator costs twice as much per key)."""
    if not names.isdisjoint(payload):
        return True
    for key in payload:
        if isinstance(key, str) and key.startswith(prefix):
            return True
    return False


def _declared(reader: _Reader, name: str, key: str) -> str | None:
    """The value of ``key`` in a file that parsed as YAML but failed its schema."""
    parsed = reader.files.get(name)
    value = parsed.data.get(key) if parsed is not None else None
    return value if isinstance(value, str) else None


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
SINGLE_FILES = ("artefacts.yml", "organisation/roles.yml", "organisation/customers.yml", "services/catalogue.yml")


def load_kit(
    start: Path | None = None,
    lang: str | None = None,
    as_of: dt.date | None = None,
    while_reading: Callable[[Path, KitConfig], None] | None = None,
    cache_saves: list[Callable[[], None]] | None = None,
) -> Kit:
    """Find the kit root from ``start`` and read every file of the kit once: the work tree, or
    with ``as_of`` the kit as committed on that day (:func:`trousse.inventory.committed`).

    Messages are in ``lang`` when given, else in the kit's language (the active language is left
    as it is: the command line decides it). ``while_reading(root, config)`` is called once worker
    processes read a large kit, to give this process other work while it waits for them (the
    history's replay: :func:`trousse.evidence.compute.replay_early`). With ``cache_saves``, the
    files parsed are encoded for the parse cache only when it is saved, and that save is added to
    the list instead of being done here (the check engine has it done by a second process)."""
    with paused_gc():
        return _read_kit(start, lang, as_of, while_reading, cache_saves)


def _read_kit(
    start: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    while_reading: Callable[[Path, KitConfig], None] | None,
    cache_saves: list[Callable[[], None]] | None,
) -> Kit:
    root = find_root(start)
    inventory = committed(root, as_of) if as_of is not None else work_tree(root)
    config, config_parsed = read_config(inventory, lang)
    language = lang or config.language
    git_dir = inventory.git_dir
    cache = ParseCache(git_dir, len(inventory.names)) if git_dir is not None else None
    if cache is not None and cache_saves is not None:
        cache.defer = True
    reader = _Reader(inventory, language, int(config.limits.file_size), cache)
    reader.files[CONFIG] = config_parsed

    plan = {key: inventory.select(*rule) for key, rule in FOLDERS.items()}
    for key, globs in (("documents", config.locations.documents), ("records", config.locations.records)):
        if globs:  # an adopter's files where they are, beside the kit's own folders
            extra = [n for n in inventory.glob(globs, FOLDERS[key][1]) if n not in plan[key]]
            plan[key] = plan[key] + extra
    reader.own_fields = (config.extensions.prefix, frozenset(config.extensions.fields))
    singles = [name for name in SINGLE_FILES if inventory.has_file(name)]
    reader.prefetch([n for names in plan.values() for n in names] + singles)
    # The bulk of a kit (records, documents...) to worker processes, in the order read below.
    reader.start_pool([n for key in ("processes", "documents", "audits", "actions", "records") for n in plan[key]])
    if reader.pool is not None and while_reading is not None:
        while_reading(root, config)
    try:
        kit = _load(reader, root, inventory, config, config_parsed, language, plan, singles)
    finally:
        reader.close()
    if reader.cache is not None:
        if cache_saves is not None:
            cache_saves.append(reader.cache.save)
        else:
            reader.cache.save()
    return kit


def _load(
    reader: _Reader,
    root: Path,
    inventory: Inventory,
    config: KitConfig,
    config_parsed: Parsed,
    language: str,
    plan: dict[str, list[str]],
    singles: list[str],
) -> Kit:
    for folder in sorted(inventory.unreadable):
        reader.problem(RuleId.YML009, folder, i18n.t("file.unreadable_folder", _lang=language))
    for folder, suffixes, recursive in FOLDERS.values():
        for name in inventory.folders_named_like(folder, suffixes, recursive):
            reader.problem(RuleId.YML006, name, i18n.t("file.folder", _lang=language))
    for name in SINGLE_FILES:
        if name in inventory.folders():
            reader.problem(RuleId.YML006, name, i18n.t("file.folder", _lang=language))

    # Packs: shipped, then the kit's own (which may add packs or replace a shipped one).
    packs = PackTable()
    for name in plan["standards"]:
        pack = reader.one(Pack, name)
        if pack is not None:
            packs.add(pack)
    for i, pack_id in enumerate(config.standards):
        if pack_id not in packs:
            line, col = config_parsed.where(("standards", i))
            raise ConfigError(
                i18n.t(
                    "config.invalid",
                    _lang=language,
                    file=CONFIG,
                    line=line,
                    column=col,
                    message=i18n.t("config.unknown_pack", _lang=language, pack=pack_id, known=", ".join(sorted(packs))),
                )
            )

    # Artefact types: from the targeted packs (in order), then the kit's artefacts.yml.
    artefacts: dict[str, ArtefactDef] = {}
    origin: dict[str, str] = {}
    for pack_id in config.standards:
        for art in packs[pack_id].artefacts:
            if art.id not in artefacts:
                artefacts[art.id] = art
                origin[art.id] = pack_id
    if "artefacts.yml" in singles:
        arts_file = reader.one(ArtefactsFile, "artefacts.yml")
        if arts_file is not None:
            for art in arts_file.artefacts:
                artefacts[art.id] = art
                origin[art.id] = "artefacts.yml"

    kit = Kit(
        root=root,
        config=config,
        config_parsed=config_parsed,
        packs=packs,
        artefacts=artefacts,
        artefact_origin=origin,
        inventory=inventory,
    )

    if "organisation/roles.yml" in singles:
        roles_file = reader.one(RolesFile, "organisation/roles.yml")
        kit.roles_file = "organisation/roles.yml"
        if roles_file is not None:
            kit.roles = roles_file.roles
    if "organisation/customers.yml" in singles:
        kit.customers = reader.one(CustomersFile, "organisation/customers.yml")
    if "services/catalogue.yml" in singles:
        kit.catalogue = reader.one(Catalogue, "services/catalogue.yml")

    for name in plan["processes"]:
        if (proc := reader.one(Process, name)) is not None:
            kit.processes.append(proc)
        elif name in reader.files or name in reader.broken:  # reported by YML/SCH; not missing again
            kit.broken_processes.add(_declared(reader, name, "id") or Path(name).stem)
    for name in plan["documents"]:
        if (doc := reader.one(Document, name, own=True)) is not None:
            kit.documents.append(doc)
        elif (declared := _declared(reader, name, "artefact")) is not None:
            kit.broken_artefacts.add(declared)
    for name in plan["audits"]:
        if (audit := reader.one(Audit, name)) is not None:
            kit.audits.append(audit)
    for name in plan["actions"]:
        if (action := reader.one(Action, name)) is not None:
            kit.actions.append(action)
    for name in plan["records"]:
        got = reader.parse(name)
        if got is None:
            continue
        name, parsed = got
        art_id = parsed.data.get("artefact")
        rec_art = artefacts.get(art_id) if isinstance(art_id, str) else None
        if rec_art is not None and rec_art.kind == "record":
            record = reader.validate_record(rec_art, name, parsed)
        else:
            record = reader.validate(Record, name, parsed, own=True)
        if record is not None:
            kit.records.append(record)
        elif isinstance(art_id, str):
            kit.broken_artefacts.add(art_id)

    kit.files = reader.files
    kit.findings = reader.findings
    kit.broken = reader.broken
    return kit
