"""The worker pool that composes a large kit's files (trousse.loader.pool): the same findings and the
same bytes of output with one process or several, problems found in a worker reported as the
single-process reader reports them, and no pool at all for a small kit."""

from __future__ import annotations

import json
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from conftest import RECORD, clean_kit_files, cli, commit_all, no_cache, write_files

from trousse.loader import load_kit, pool

RECORDS = pool.THRESHOLD + 60  # enough files for the pool to start


def _record(n: int) -> str:
    return RECORD.replace("INC-2026-0001", f"INC-2026-{n:04d}").replace("2026-03-14", f"2026-03-{1 + n % 28:02d}")


def _big_kit(root: Path) -> Path:
    """A committed kit of a few hundred records, some of them broken in each way a worker meets."""
    files = clean_kit_files("en")
    for n in range(2, RECORDS):
        files[f"records/inc/INC-2026-{n:04d}.yml"] = _record(n)
    files["records/inc/INC-2026-0010.yml"] = _record(10).replace("priority: P2", "priority: P9")  # SCH
    files["records/inc/INC-2026-0020.yml"] = _record(20) + "title: twice\n"  # YML002
    files["records/inc/INC-2026-0030.yml"] = "id: [unclosed\n"  # YML001
    files["records/inc/INC-2026-0040.yml"] = "- a list\n- not a mapping\n"  # YML003
    files["records/inc/INC-2026-0050.yml"] = _record(50).replace("priority: P2\n", "")  # SCH: required
    del files["records/inc/INC-2026-0062.yml"]
    write_files(root, files)
    (root / "records/inc/INC-2026-0060.yml").write_bytes(b"id: caf\xe9\n")  # YML005: not UTF-8
    os.symlink("INC-2026-0061.yml", root / "records/inc/INC-2026-0062.yml")  # YML007: a link
    (root / "records/inc/INC-2026-0061.yml").write_text(_record(61), encoding="utf-8")
    commit_all(root, "kit", date="2026-03-28T10:00:00+01:00")
    return root


@pytest.fixture(scope="module")
def big_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _big_kit(tmp_path_factory.mktemp("pool") / "kit")


class _Spy:
    """Counts the pools started by the loader (the real pool runs)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: list[int] = []
        real = pool.Pool
        spy = self

        class Counted(real):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                spy.started.append(self.workers)

        monkeypatch.setattr(pool, "Pool", Counted)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_is_byte_identical_with_one_process_or_two(big_kit: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2", "1"):
        no_cache(big_kit)  # cold: every file composed (by the workers with --jobs 2)
        proc = cli("check", str(big_kit), "--format", fmt, "--jobs", jobs, "--as-of", "2026-11-01", raw=True)
        assert proc.returncode == 1, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    if fmt == "json":
        rules = {f["rule"] for f in json.loads(outputs[0])["findings"]}
        assert {"SCH001", "YML001", "YML002", "YML003", "YML005", "YML007"} <= rules


def test_evidence_output_is_identical_with_one_process_or_two(big_kit: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        no_cache(big_kit)
        proc = cli("evidence", str(big_kit), "--format", "json", "--jobs", jobs, "--as-of", "2026-11-01", raw=True)
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]


def test_the_parse_cache_written_by_the_workers_is_the_one_process_cache(big_kit: Path) -> None:
    caches = []
    for jobs in ("1", "2"):
        no_cache(big_kit)
        proc = cli("check", str(big_kit), "--format", "json", "--jobs", jobs, "--as-of", "2026-11-01")
        assert proc.returncode == 1, proc.stderr
        caches.append((big_kit / ".git" / "trousse" / "parse.json").read_bytes())
    assert caches[0] == caches[1]
    # Warm (the result cache dropped, the parse cache kept): the workers read it, same findings.
    for path in (big_kit / ".git" / "trousse" / "results").glob("*"):
        path.unlink()
    warm = cli("check", str(big_kit), "--format", "json", "--jobs", "2", "--as-of", "2026-11-01")
    no_cache(big_kit)
    cold = cli("check", str(big_kit), "--format", "json", "--jobs", "1", "--as-of", "2026-11-01")
    assert warm.stdout == cold.stdout


def test_a_worker_reports_bad_yaml_as_the_single_reader_does(big_kit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    spy = _Spy(monkeypatch)
    pool.set_jobs(2)
    try:
        pooled = load_kit(big_kit)
    finally:
        pool.set_jobs(None)
    assert spy.started == [2]
    pool.set_jobs(1)
    try:
        alone = load_kit(big_kit)
    finally:
        pool.set_jobs(None)
    assert spy.started == [2]  # --jobs 1: no pool
    assert pooled.findings == alone.findings
    broken = {f.path: f for f in pooled.findings}
    bad = broken["records/inc/INC-2026-0030.yml"]
    assert (bad.rule, bad.line) == ("YML001", 2)
    assert broken["records/inc/INC-2026-0020.yml"].rule == "YML002"
    assert broken["records/inc/INC-2026-0060.yml"].rule == "YML005"
    assert [r.file for r in pooled.records] == [r.file for r in alone.records]
    assert len(pooled.records) == RECORDS - 1 - 7  # all but the seven broken ones (the link is not read)


def test_a_small_kit_starts_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_files(tmp_path / "kit", clean_kit_files("en"))
    commit_all(root, "kit", date="2026-03-28T10:00:00+01:00")
    spy = _Spy(monkeypatch)
    pool.set_jobs(8)
    try:
        kit = load_kit(root)
    finally:
        pool.set_jobs(None)
    assert kit.records and spy.started == []


def test_jobs_come_from_the_option_then_the_environment_then_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TROUSSE_JOBS", "3")
    assert pool.jobs() == 3
    pool.set_jobs(1)
    try:
        assert pool.jobs() == 1
    finally:
        pool.set_jobs(None)
    monkeypatch.setenv("TROUSSE_JOBS", "none")
    assert pool.jobs() == pool.cores()


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_a_bad_jobs_value_is_one_plain_line(tmp_path: Path, value: str) -> None:
    root = write_files(tmp_path / "kit", clean_kit_files("en"))
    proc = cli("check", str(root), "--jobs", value)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"trousse: --jobs: '{value}' is not a number of processes; give 1 or more (1 reads the kit in one process)"
    ]


def _die(names: list[str], raws: Any = None) -> list[Any]:
    os._exit(1)  # a worker killed half-way (out of memory, a signal)


def test_a_worker_that_dies_leaves_the_reading_to_the_main_process(
    big_kit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    pool.set_jobs(1)
    try:
        alone = load_kit(big_kit)
    finally:
        pool.set_jobs(None)
    monkeypatch.setattr(pool, "parse_slice", _die)
    monkeypatch.setattr(pool, "_context", lambda: __import__("multiprocessing").get_context("fork"))
    spy = _Spy(monkeypatch)
    pool.set_jobs(2)
    try:
        rescued = load_kit(big_kit)
    finally:
        pool.set_jobs(None)
    assert spy.started == [2]
    assert rescued.findings == alone.findings
    assert [r.file for r in rescued.records] == [r.file for r in alone.records]


def test_a_pool_broken_before_every_slice_is_queued_leaves_the_rest_to_the_main_process(tmp_path: Path) -> None:
    # a worker killed (out of memory, a signal) while the slices are still being queued: the queueing
    # stops, and the files not queued are read by the main process (no traceback)
    started = pool.Pool(tmp_path, 1 << 20, 2, None)
    try:
        with pytest.raises(BrokenProcessPool):
            started.executor.submit(os._exit, 1).result(timeout=60)
        started.submit(["a.yml", "b.yml"])
        assert started.futures == []
    finally:
        started.close()


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_run_below_the_parents_priority(tmp_path: Path) -> None:
    # the history's git log and replay (in the parent) go first; workers take what is left
    started = pool.Pool(tmp_path, 1 << 20, 2, None)
    try:
        seen = {started.executor.submit(os.nice, 0).result(timeout=60) for _ in range(4)}
    finally:
        started.close()
    assert seen == {min(os.nice(0) + pool.WORKER_NICE, 19)}


def test_the_parse_cache_saved_by_the_check_child_is_the_one_process_cache(big_kit: Path) -> None:
    # without --as-of the workers read the work tree and send the files unencoded: the child that
    # runs the rules encodes and saves them (trousse.check.apart); the same bytes as in one process
    caches = []
    for jobs in ("1", "2"):
        no_cache(big_kit)
        proc = cli("check", str(big_kit), "--format", "json", "--jobs", jobs)
        assert proc.returncode == 1, proc.stderr
        caches.append((big_kit / ".git" / "trousse" / "parse.json").read_bytes())
    assert caches[0] == caches[1]
    assert len(json.loads(caches[0].partition(b"\n")[2])["entries"]) > pool.THRESHOLD  # after its signature
