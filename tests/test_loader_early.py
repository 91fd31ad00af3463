"""The workers started before the schemas are imported (trousse.loader.early): taken over by the
loader when they compose exactly what it would have given them, stopped and started again
otherwise; the same findings and the same bytes of output either way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import cli
from test_loader_pool import _big_kit, _no_cache, _Spy

from trousse import i18n
from trousse.loader import early, load_kit, pool


@pytest.fixture(scope="module")
def big_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _big_kit(tmp_path_factory.mktemp("early") / "kit")


def _load(kit: Path, jobs: int, started: early.EarlyRead | None = None) -> Any:
    pool.set_jobs(jobs)
    try:
        return load_kit(kit, early=started)
    finally:
        pool.set_jobs(None)


def test_the_loader_takes_over_the_pool_started_early(big_kit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    spy = _Spy(monkeypatch)
    pool.set_jobs(2)
    try:
        started = early.start(big_kit)
    finally:
        pool.set_jobs(None)
    assert started is not None and started.started is not None
    assert spy.started == [2]
    taken = _load(big_kit, 2, started)
    assert spy.started == [2], "the early pool was taken over: no second pool"
    alone = _load(big_kit, 1)
    assert taken.findings == alone.findings
    assert [r.file for r in taken.records] == [r.file for r in alone.records]


def test_a_pool_started_in_another_language_is_stopped_and_started_again(
    big_kit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    spy = _Spy(monkeypatch)
    i18n.set_language("fr")  # the kit says en: the workers' messages would be French
    pool.set_jobs(2)
    try:
        started = early.start(big_kit)
    finally:
        pool.set_jobs(None)
        i18n.set_language("en")
    assert started is not None and started.lang == "fr"
    taken = _load(big_kit, 2, started)
    assert spy.started == [2, 2], "stopped, then the loader's own pool"
    alone = _load(big_kit, 1)
    assert taken.findings == alone.findings


def test_nothing_starts_early_when_trousse_yml_sets_limits_or_locations(tmp_path: Path) -> None:
    kit = _big_kit(tmp_path / "kit")
    config = kit / "trousse.yml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  file_size: 2 MiB\n", encoding="utf-8")
    assert early.start(kit) is None


def test_a_small_kit_starts_no_early_pool_but_its_inventory_is_read_once(tmp_path: Path) -> None:
    from conftest import clean_kit_files, commit_all, write_files

    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-03-28T10:00:00+01:00")
    pool.set_jobs(2)
    try:
        started = early.start(kit)
    finally:
        pool.set_jobs(None)
    assert started is not None and started.started is None
    loaded = load_kit(kit, early=started)
    assert loaded.inventory is started.inventory


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_check_output_is_byte_identical_with_the_early_pool_or_none(big_kit: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2", "1"):
        _no_cache(big_kit)  # cold: the workers started before the engine's imports compose every file
        proc = cli("check", str(big_kit), "--format", fmt, "--jobs", jobs, raw=True)
        assert proc.returncode == 1, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    if fmt == "json":
        rules = {f["rule"] for f in json.loads(outputs[0])["findings"]}
        assert {"SCH001", "YML001", "YML002", "YML003", "YML005", "YML007"} <= rules


def test_the_early_pool_starts_before_the_schemas_are_imported(big_kit: Path) -> None:
    probe = (
        "import sys\n"
        "from trousse.loader import early, pool\n"
        "pool.set_jobs(2)\n"
        f"started = early.start(__import__('pathlib').Path({str(big_kit)!r}))\n"
        "heavy = sorted(m for m in sys.modules if m == 'pydantic' or m.startswith('trousse.models'))\n"
        "print(started is not None and started.started is not None, heavy)\n"
        "started.close()\n"
    )
    _no_cache(big_kit)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "True []", proc.stdout + proc.stderr


def test_evidence_output_is_identical_with_the_early_pool_or_none(big_kit: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        _no_cache(big_kit)
        proc = cli("evidence", str(big_kit), "--format", "json", "--jobs", jobs, raw=True)
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["processes"], "the evidence names processes: the test compares something"
