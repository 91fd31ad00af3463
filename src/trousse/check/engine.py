"""`trousse check`: load the kit, run every rule, apply the kit's severity overrides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.check.rules import REGISTRY, Context, rules_sorted
from trousse.check.rules.registry import RuleFunc
from trousse.errors import EXIT_FINDINGS, EXIT_OK, ConfigError
from trousse.evidence.model import Evidence
from trousse.findings import Finding, sort_findings
from trousse.inventory import CONFIG
from trousse.kit import Kit
from trousse.loader import load_kit
from trousse.models import KitConfig

if TYPE_CHECKING:
    from trousse.check.apart import Apart


@dataclass
class CheckResult:
    """Findings of one check, sorted, and what CI needs to know about them."""

    kit: Kit
    findings: list[Finding]
    as_of: dt.date
    strict: bool = False
    extras: dict[str, object] = field(default_factory=dict)
    lang: str = ""  # the language of the messages (--lang, else the kit's)

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """Number of warning findings."""
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def notices(self) -> int:
        """Number of notice findings (reminders: they never fail a run, even with --strict)."""
        return sum(1 for f in self.findings if f.severity == "notice")

    def summary_line(self, files: int) -> str:
        """The one-line count of findings, in the messages' language (notices named when any)."""
        if self.notices:
            return i18n.t(
                "out.summary_notices", errors=self.errors, warnings=self.warnings, notices=self.notices, files=files
            )
        return i18n.t("out.summary", errors=self.errors, warnings=self.warnings, files=files)

    def exit_code(self) -> int:
        """1 when an error was found (or a warning, with --strict), else 0: a notice never fails."""
        if self.errors or (self.strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK

    def summary(self) -> dict[str, object]:
        """The ``summary`` object of the JSON output."""
        by_family: dict[str, int] = {}
        for f in self.findings:
            by_family[f.rule[:3]] = by_family.get(f.rule[:3], 0) + 1
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "notices": self.notices,
            "files": len(self.kit.files),
            "by_family": dict(sorted(by_family.items())),
            "as_of": self.as_of.isoformat(),
            "language": self.lang or self.kit.lang,
            "standards": list(self.kit.config.standards),
            "snapshot": self.kit.snapshot,
            "strict": self.strict,
            "exit_code": self.exit_code(),
            # The readiness verdict (trousse readiness); it does not change check's exit code.
            "ready": self.extras.get("ready"),
            "ready_on": self.extras.get("ready_on"),
            "earliest_booking": self.extras.get("earliest_booking"),
        }


def check_overrides(kit: Kit) -> dict[str, str]:
    """The kit's ``rules:`` overrides; an unknown rule id is a :class:`ConfigError` (exit 2)."""
    overrides: dict[str, str] = dict(kit.config.rules)
    for rule_id in overrides:
        if rule_id not in REGISTRY:
            line, col = kit.config_parsed.where_key(("rules", rule_id))
            raise ConfigError(
                i18n.t(
                    "config.invalid",
                    file=CONFIG,
                    line=line,
                    column=col,
                    message=i18n.t("config.unknown_rule", rule=rule_id),
                )
            )
    return overrides


# ``check --fast`` (the pre-commit hook): the families that read files only, never git history.
FAST_FAMILIES = frozenset({"YML", "SCH", "REF"})


# The families whose rules read the evidence dated from git: on a large kit, the others run in a
# second process meanwhile (trousse.check.apart).
HISTORY_FAMILIES = frozenset({"EVD", "CAL"})


HISTORY_SAVE = "~history"  # the child's task that writes the replayed history to the cache
PARSE_SAVE = "~parse"  # the child's task that writes the files the loader parsed to the cache


def run_rules(
    kit: Kit, ctx: Context, families: frozenset[str] | None = None, cache_saves: list[Callable[[], None]] | None = None
) -> list[Finding]:
    """Run every rule (or those of ``families``) and return the raw findings (the loader's first;
    the order of the others does not matter: :func:`sort_findings` sets it). ``cache_saves``: what
    the loader left to save (:func:`trousse.loader.load_kit`), done here before the rules, or in
    the child that runs some of them."""
    cache_saves = cache_saves or []
    findings: list[Finding] = list(kit.findings)
    todo = [
        (r.id, r.family, r.func)
        for r in rules_sorted()
        if r.func is not None and (families is None or r.family in families)
    ]
    apart, saves = _start_apart(kit, ctx, todo, cache_saves) if families is None else _saved_here(cache_saves)
    away = set(apart.ids) if apart is not None else set()
    try:
        for rule_id, _family, func in todo:
            if rule_id not in away:
                findings.extend(func(ctx))
        if apart is not None:
            done: dict[str, list[Finding]] = {}
            for task_id, run in apart.steal():  # the child's rules it has not started: here
                done[task_id] = list(run())
            got, apart = apart.results(), None
            for rule_id, _family, func in todo:
                if rule_id in away:
                    found = done[rule_id] if rule_id in done else got.get(rule_id)
                    findings.extend(found if found is not None else func(ctx))
            for task_id, save in saves.items():
                if got.get(task_id) is None:  # the child did not: here
                    save()
    finally:
        if apart is not None:  # this process failed first: the child's findings are not wanted
            apart.abandon()
    return findings


def _start_apart(
    kit: Kit, ctx: Context, todo: list[tuple[str, str, RuleFunc]], cache_saves: list[Callable[[], None]]
) -> tuple[Apart | None, dict[str, Callable[[], None]]]:
    """Start the rules that do not read git history in a child process, on a large kit, with the
    saves to the caches: the files the loader parsed (``cache_saves``) and the history this process
    reads now for its own rules (:mod:`trousse.check.apart`); the saves, by task id, for this
    process to do when the child did not; (None, {}) once every save is done here, to run every
    rule here."""
    from trousse.loader import pool  # noqa: PLC0415 - imported by the loader already

    if pool.jobs() < 2 or len(kit.records) + len(kit.documents) < pool.THRESHOLD:
        return _saved_here(cache_saves)
    from trousse.check import apart  # noqa: PLC0415
    from trousse.evidence.compute import read_ahead, settle  # noqa: PLC0415

    settle()  # the history replayed while the kit was read: its thread ends first (fork needs one)
    if not apart.possible():
        return _saved_here(cache_saves)
    # The history the EVD rules will read, read now: writing it to the cache is the child's work.
    history = read_ahead(kit, ctx.as_of, ctx.as_of_given)
    saves: dict[str, Callable[[], None]] = {}
    for task_id, pending in ((PARSE_SAVE, cache_saves), (HISTORY_SAVE, history)):
        if pending:
            saves[task_id] = partial(_run_all, list(pending))

    def prepare() -> None:  # in the child: the evidence is this process's work
        def needs() -> Evidence:
            raise apart.NeedsEvidence

        ctx.evidence_provider = needs

    own: list[apart.Task] = [(task_id, partial(_saved, save)) for task_id, save in saves.items()]
    shared: list[apart.Task] = [
        (rid, partial(func, ctx)) for rid, family, func in todo if family not in HISTORY_FAMILIES
    ]
    started = apart.start(shared, prepare, own)
    if started is None:
        for save in saves.values():
            save()
        return None, {}
    return started, saves


def _run_all(calls: list[Callable[[], None]]) -> None:
    for call in calls:
        call()


def _saved(save: Callable[[], None]) -> list[Finding]:
    """A save as a task of the child (no findings)."""
    save()
    return []


def _saved_here(cache_saves: list[Callable[[], None]]) -> tuple[None, dict[str, Callable[[], None]]]:
    _run_all(cache_saves)
    return None, {}


def _replay_early(root: Path, config: KitConfig) -> None:
    from trousse.evidence.compute import replay_early  # noqa: PLC0415

    replay_early(root, config)


def run_check(
    start: Path | None = None,
    *,
    lang: str | None = None,
    as_of: dt.date | None = None,
    strict: bool = False,
    fast: bool = False,
) -> CheckResult:
    """Check the kit found at or above ``start`` (``fast``: the YML, SCH and REF families only)."""
    # with --as-of: the kit as committed on that day; else, for a large kit, the history is replayed
    # while worker processes read its files (--fast reads no history)
    cache_saves: list[Callable[[], None]] = []
    kit = load_kit(start, lang, as_of, None if fast or as_of is not None else _replay_early, cache_saves)
    language = lang or kit.lang
    overrides = check_overrides(kit)
    day = as_of or dt.date.today()
    given = as_of is not None

    def provide_evidence() -> Evidence:
        from trousse.evidence.compute import compute  # noqa: PLC0415 - git is only read if a rule asks

        return compute(kit, day, given)

    ctx = Context(kit=kit, lang=language, as_of=day, as_of_given=given, evidence_provider=provide_evidence)
    raw = run_rules(kit, ctx, FAST_FAMILIES if fast else None, cache_saves)
    # computed by the EVD rules already; --fast never reads git history, so it gives no verdict
    verdict = None if fast else (ctx.evidence.kit if ctx.evidence.available else None)
    if verdict is not None:
        ctx.extras["ready"] = verdict.ready
        ctx.extras["ready_on"] = verdict.ready_on.isoformat() if verdict.ready_on else None
        ctx.extras["earliest_booking"] = verdict.earliest_booking.isoformat() if verdict.earliest_booking else None
    out: list[Finding] = []
    for f in raw:
        sev = overrides.get(f.rule)
        if sev == "off":
            continue
        out.append(f.with_severity(sev) if sev in ("error", "warning", "notice") else f)  # type: ignore[arg-type]
    result = CheckResult(kit, sort_findings(out), day, strict, ctx.extras, language)
    return result
