"""The benchmark's helpers (bench/): the per-phase attribution of a profile, the median and spread,
and the kit generator at a tiny size (a real git repository, checked by the real engine)."""

from __future__ import annotations

import cProfile
import importlib.util
import pstats
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import git

from trousse.check.engine import run_check

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


phases = _module("phases")
run = _module("run")

GITIO = ("/x/site-packages/trousse/gitio.py", 10, "stream")
CACHE = ("/x/site-packages/trousse/cache.py", 20, "save")
RULE = ("/x/src/trousse/check/rules/evd.py", 5, "evd001")
READ = ("~", 0, "<method 'read' of '_io.BufferedReader' objects>")
DUMPS = ("/usr/lib/python3.11/json/__init__.py", 183, "dumps")
ENCODE = ("/usr/lib/python3.11/json/encoder.py", 200, "encode")
VALIDATE = ("~", 0, "<method 'validate_python' of 'pydantic_core._pydantic_core.SchemaValidator' objects>")


def test_phase_of_files_builtins_and_imports() -> None:
    assert phases.phase_of(GITIO) == phases.GIT
    assert phases.phase_of(("/s/trousse/evidence/history.py", 1, "replay")) == phases.REPLAY
    assert phases.phase_of(("/s/trousse/evidence/periods.py", 1, "f")) == phases.EVIDENCE
    assert phases.phase_of(("/s/ruamel/yaml/composer.py", 1, "f")) == phases.YAML
    assert phases.phase_of(("/s/trousse/loader/schema.py", 1, "f")) == phases.SCHEMA
    assert phases.phase_of(("/s/trousse/loader/__init__.py", 1, "load_kit")) == phases.LOADER
    assert phases.phase_of(VALIDATE) == phases.SCHEMA
    assert phases.phase_of(RULE) == phases.RULES
    assert phases.phase_of(("C:\\s\\trousse\\cli\\check_cmd.py", 1, "f")) == phases.OUTPUT
    assert phases.phase_of(("/s/trousse/gitio.py", 1, "<module>")) == phases.START_UP
    assert phases.phase_of(("<frozen importlib._bootstrap>", 1, "_load")) == phases.START_UP
    # No phase of its own: its callers own its time.
    assert phases.phase_of(READ) is None
    assert phases.phase_of(DUMPS) is None
    assert phases.phase_of(("/s/trousse/findings.py", 1, "f")) is None


def test_attribute_hands_unowned_time_to_callers() -> None:
    stats = {
        # read: 3 s for git, 1 s for the cache (cProfile's per-caller own time).
        READ: (2, 2, 4.0, 4.0, {GITIO: (1, 1, 3.0, 3.0), CACHE: (1, 1, 1.0, 1.0)}),
        GITIO: (1, 1, 0.5, 3.5, {}),
        CACHE: (1, 1, 0.25, 2.25, {}),
        # json.dumps (standard library) under the cache, and its own child: both the cache's.
        DUMPS: (1, 1, 0.5, 1.0, {CACHE: (1, 1, 0.5, 1.0)}),
        ENCODE: (1, 1, 0.5, 0.5, {DUMPS: (1, 1, 0.5, 0.5)}),
        VALIDATE: (9, 9, 2.0, 2.0, {RULE: (9, 9, 2.0, 2.0)}),
        RULE: (1, 1, 0.25, 2.25, {}),
    }
    split = phases.attribute(stats)
    assert split[phases.GIT] == pytest.approx(3.5)
    assert split[phases.CACHE] == pytest.approx(0.25 + 1.0 + 0.5 + 0.5)
    assert split[phases.SCHEMA] == pytest.approx(2.0)
    assert split[phases.RULES] == pytest.approx(0.25)
    assert sum(split.values()) == pytest.approx(sum(v[2] for v in stats.values()))
    # Which functions cost each phase most: the builtin read under git, its part only.
    details = phases.contributions(stats)
    assert phases.top(details[phases.GIT]) == [(READ[2], pytest.approx(3.0)), ("gitio.py:10 stream", 0.5)]
    assert phases.top(details[phases.CACHE], 4)[0] == (READ[2], pytest.approx(1.0))
    assert phases.top(details[phases.CACHE], 4)[3] == ("cache.py:20 save", 0.25)


def test_attribute_survives_call_cycles_and_orphans() -> None:
    a = ("/usr/lib/python3.11/a.py", 1, "a")
    b = ("/usr/lib/python3.11/b.py", 1, "b")
    orphan = ("~", 0, "<built-in method builtins.len>")
    stats = {
        a: (2, 2, 1.0, 3.0, {b: (1, 1, 0.5, 1.0), GITIO: (1, 1, 0.5, 2.0)}),
        b: (1, 1, 1.0, 2.0, {a: (1, 1, 1.0, 2.0)}),
        GITIO: (1, 1, 0.0, 3.0, {}),
        orphan: (1, 1, 0.5, 0.5, {}),
    }
    split = phases.attribute(stats)
    assert split[phases.GIT] == pytest.approx(2.0)
    assert split[phases.OTHER] == pytest.approx(0.5)


def test_attribute_of_a_real_profile(tmp_path: Path) -> None:
    """A real cProfile of a module that sits where trousse's git adapter would: its builtin calls
    (sorted, sum) are counted as git read, the profile's own glue as start-up or other."""
    pkg = tmp_path / "trousse"
    pkg.mkdir()
    (pkg / "gitio.py").write_text(
        "def stream(n):\n    return sum(sorted([(i * 7919) % 10007 for i in range(n)]))\n\n"
        "def many(n):\n    return [stream(1000) for _ in range(n)]\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        spec = importlib.util.spec_from_file_location("bench_fake_gitio", pkg / "gitio.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        prof = cProfile.Profile()
        prof.runcall(module.many, 300)
    finally:
        sys.path.remove(str(tmp_path))
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    split = phases.attribute(stats)
    total = sum(v[2] for v in stats.values())
    assert sum(split.values()) == pytest.approx(total)
    assert split[phases.GIT] > 0.9 * total
    details = phases.contributions(stats)
    lines = phases.table(split, wall=total / 2, records=1000, floor={phases.GIT: 0.01}, details=details)
    at = next(i for i, line in enumerate(lines) if phases.GIT in line)
    assert "0.010s/1k" in lines[at] and "%" in lines[at]
    # what cost git read most: the profiled functions or the builtins they call (which one leads
    # depends on the machine)
    assert any(f in lines[at + 1] for f in ("sorted", "sum", "stream", "many", "listcomp")), lines
    assert lines[-1].split()[0] == "total"


def test_median_and_spread() -> None:
    assert run.median([3.0, 1.0, 2.0]) == 2.0
    assert run.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert run.spread([1.5, 1.25, 2.0]) == "1.50x [1.25-2.00]"
    assert run.spread([0.5], "s") == "0.50s"


def test_generated_kit_is_a_checkable_history(tmp_path: Path) -> None:
    """A tiny kit: the records exist, filed by month, with edits, moves into the archive and merges;
    trousse finds no schema error in it, and with the many-findings pack one on every record."""
    root = tmp_path / "kit"
    run.generate(root, 40, 240)
    records = sorted(p.relative_to(root).as_posix() for p in (root / "records").rglob("*.yml"))
    assert len(records) == 40
    assert all(len(p.split("/")) in (5, 6) for p in records)  # records/[archive/]p0x/yyyy/mm/R-n.yml
    assert any("/archive/" in p for p in records)
    log = git(root, "log", "--format=%P", "HEAD").splitlines()
    assert len(log) == 240
    assert sum(1 for parents in log if len(parents.split()) == 2) == 2  # merged branches
    dates = git(root, "log", "--format=%cs", "HEAD").splitlines()
    assert dates[-1] == "2025-05-01" and dates[0] > "2026-10-01"  # 18 months
    assert "R100" in git(root, "log", "--name-status", "-M", "--format=", "HEAD").split()  # moves

    def schema_errors() -> set[str]:
        findings = run_check(root).findings  # in process: two CLI start-ups would double the time
        return {f.path for f in findings if f.rule.startswith("SCH") and f.severity == "error"}

    assert schema_errors() == set()
    run.many_findings(root)
    assert schema_errors() == set(records)


def test_the_instruction_count_says_plainly_when_valgrind_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    startup = _module("startup")
    monkeypatch.setenv("PATH", str(tmp_path))  # no valgrind here
    assert startup.main(["--instructions"]) == 2
    assert "valgrind is not installed" in capsys.readouterr().out
