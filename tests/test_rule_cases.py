"""Rule test cases as data: every file ``tests/rules/cases/<RULE>/<case>.yml`` is a small kit and the
exact findings ``trousse check`` must give on it. ``tests/rules/README.md`` describes the format.

Meta-tests: every rule of the registry is in the table of ids (``trousse.findings.RuleId``) and has
at least one case where it fires and one where it stays silent.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_kit_files, git, write_files
from ruamel.yaml import YAML
from test_evidence_support import CONFIG as EV_CONFIG
from test_evidence_support import EV_PACK

from trousse.check.engine import run_check
from trousse.check.rules import REGISTRY
from trousse.findings import Finding

CASES_DIR = Path(__file__).parent / "rules" / "cases"
KEYS = {
    "about",
    "kit",
    "lang",
    "as_of",
    "families",
    "replace",
    "files",
    "encodings",
    "history",
    "uncommitted",
    "links",
    "modes",
    "env",
    "expect",
}
KITS = ("clean", "evidence", "ready", "empty")  # see tests/rules/README.md


@dataclass(frozen=True)
class Case:
    """One case file, read."""

    rule: str  # the folder: the rule the case is about
    name: str
    path: Path
    data: dict[str, Any]

    @property
    def expected(self) -> list[tuple[str, str, int, int]]:
        """(rule, path, line, column) of each expected finding, sorted."""
        return sorted((str(e[0]), str(e[1]), int(e[2]), int(e[3])) for e in self.data.get("expect") or [])

    @property
    def message_parts(self) -> list[tuple[tuple[str, str, int, int], str]]:
        """The optional fifth item of an expected finding: text its message must contain."""
        return [
            ((str(e[0]), str(e[1]), int(e[2]), int(e[3])), str(e[4]))
            for e in self.data.get("expect") or []
            if len(e) > 4
        ]

    @property
    def fires(self) -> bool:
        """Whether the rule of the folder is among the expected findings."""
        return any(e[0] == self.rule for e in self.expected)


def _read(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a case is a mapping"
    unknown = set(data) - KEYS
    assert not unknown, f"{path}: unknown keys {sorted(unknown)} (allowed: {sorted(KEYS)})"
    assert data.get("kit", "clean") in KITS, f"{path}: kit is one of {KITS}"
    return data


def load_cases() -> list[Case]:
    """Every case, sorted by rule then name."""
    return [Case(p.parent.name, p.stem, p, _read(p)) for p in sorted(CASES_DIR.glob("*/*.yml")) if p.parent.name != "_"]


CASES = load_cases()


def _text(value: Any) -> str:
    """A file's text: a string as is, a flat mapping as ``key: value`` lines (records)."""
    if isinstance(value, dict):
        return "".join(f"{k}: {v.isoformat() if isinstance(v, dt.date) else v}\n" for k, v in value.items())
    assert isinstance(value, str), value
    return value


def _stamp(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def _apply(root: Path, files: dict[str, Any] | None, encodings: dict[str, str] | None = None) -> None:
    for name, value in (files or {}).items():
        if value is None:
            (root / name).unlink()
        elif name in (encodings or {}):  # e.g. latin-1 (not UTF-8), utf-8-sig (with a BOM)
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(_text(value).encode((encodings or {})[name]))
        else:
            write_files(root, {name: _text(value)})


def _commit(root: Path, when: str, message: str = "c") -> None:
    git(root, "add", "--all")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=when)


def _ready_history(root: Path) -> None:
    """Records every month for INC and CHG from January 2026, an internal audit and a review:
    the evidence kit ready for certification on 2026-10-05 (as in tests/test_evidence_rules.py)."""
    for month in range(1, 12):  # to November: no silence longer than a month before the as-of day
        day = f"2026-{month:02d}-05"
        for kind, artefact in (("INC", "incident-record"), ("CHG", "change-record"), ("REP", "service-report")):
            rid = f"{kind}-{month}"
            write_files(root, {f"records/{kind.lower()}/{rid}.yml": _text(_record(rid, day, artefact))})
        if month == 9:
            write_files(root, {"records/AUD-1.yml": _text(_record("AUD-1", day, "internal-audit-report"))})
        if month == 10:
            write_files(root, {"records/MR-1.yml": _text(_record("MR-1", day, "management-review-record"))})
        _commit(root, f"{day}T10:00:00+02:00")


def _record(rid: str, day: str, artefact: str) -> dict[str, str]:
    return {"id": rid, "artefact": artefact, "date": day, "title": rid}


def build(case: Case, root: Path) -> Path:
    """Write the case's kit (and its git history) under ``root``."""
    data = case.data
    kit = data.get("kit", "clean")
    lang = data.get("lang", "fr" if kit == "clean" else "en")
    base: dict[str, str] = {}
    if kit == "clean":
        base = clean_kit_files(lang)
    elif kit in ("evidence", "ready"):
        config = EV_CONFIG.format(lang=lang, minimum="3 months", tolerance="7 days", extra="")
        base = {"trousse.yml": config, "standards/test-pack.yml": EV_PACK}
    for name, edits in (data.get("replace") or {}).items():
        assert name in base, f"{case.path}: replace: {name} is not a file of the {kit} kit"
        for old, new in edits:
            assert old in base[name], f"{case.path}: replace: {old!r} is not in {name}"
            base[name] = base[name].replace(old, new)
    write_files(root, base)
    _apply(root, data.get("files"), data.get("encodings"))
    history = data.get("history") or []
    if kit == "ready" or history:
        git(root, "init", "-q")
    if kit == "ready":
        _ready_history(root)
    for step in history:
        _apply(root, step.get("files"))
        if step.get("git"):
            git(root, *[str(a) for a in step["git"]])
        _commit(root, _stamp(step["date"]), step.get("message", "c"))
    _apply(root, data.get("uncommitted"))
    for name, target in (data.get("links") or {}).items():  # symbolic links: path -> target
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    for name, mode in (data.get("modes") or {}).items():  # permissions, e.g. 0 for unreadable
        (root / name).chmod(int(mode))
    return root


def default_families(data: dict[str, Any]) -> list[str]:
    """The evidence kits hold no process, role or catalogue: only EVD findings count there. The
    clean kit is no git repository unless the case gives a history: EVD findings do not count."""
    if data.get("kit", "clean") in ("evidence", "ready"):
        return ["EVD"]
    return ["YML", "SCH", "REF", "CMP", "DOC"] + (["EVD"] if data.get("history") else [])


def findings_of(case: Case, root: Path) -> list[Finding]:
    """The findings in the case's families (or rule ids), sorted."""
    data = case.data
    # as_of: null reads the working tree today (uncommitted files exist only there: with a date,
    # the kit is read as committed on that day).
    given = data.get("as_of", "2026-11-23")
    as_of = None if given is None else dt.date.fromisoformat(_stamp(given))
    families = data.get("families") or default_families(data)
    result = run_check(root, as_of=as_of)
    return [f for f in result.findings if f.rule[:3] in families or f.rule in families]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}/{c.name}" for c in CASES])
def test_rule_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.data.get("modes") and os.geteuid() == 0:
        pytest.skip("permissions do not stop root from reading")
    monkeypatch.delenv("CI", raising=False)  # CAL002 speaks in CI only: a case says so with env
    for name, value in (case.data.get("env") or {}).items():
        monkeypatch.setenv(str(name), str(value))
    root = build(case, tmp_path / "kit")
    try:
        findings = findings_of(case, root)
    finally:
        for name in case.data.get("modes") or {}:
            (root / name).chmod(0o755)
    found = sorted((f.rule, f.path, f.line, f.column) for f in findings)
    where = case.path.relative_to(CASES_DIR.parents[2])
    assert found == case.expected, f"{where}: expected {case.expected}, found {found}"
    for key, part in case.message_parts:
        messages = [f.message for f in findings if (f.rule, f.path, f.line, f.column) == key]
        assert any(part in m for m in messages), f"{where}: no {key} finding says {part!r}: {messages}"


def test_every_rule_has_a_firing_and_a_silent_case() -> None:
    fires = {c.rule for c in CASES if c.fires}
    silent = {c.rule for c in CASES if not c.fires}
    missing = [
        f"{rid}: no {' and no '.join(kind for kind, ok in (('firing', rid in fires), ('silent', rid in silent)) if not ok)}"
        f" case in tests/rules/cases/{rid}/"
        for rid in sorted(REGISTRY)
        if rid not in fires or rid not in silent
    ]
    assert not missing, "rules without test cases:\n" + "\n".join(missing)


def test_case_folders_name_registered_rules() -> None:
    unknown = sorted({c.rule for c in CASES} - set(REGISTRY))
    assert not unknown, f"case folders for rules that do not exist: {unknown}"
