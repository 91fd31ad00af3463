"""The result cache: a second run on an unchanged kit reuses the result; any change is seen, and
files that are not part of the kit (git-ignored) neither are read nor hide behind a cached result."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RECORD, clean_kit_files, cli, commit_all, write_files
from forkserver import run_trousse

RESULTS = Path(".git") / "trousse" / "results"


def _check(kit: Path, *extra: str) -> tuple[int, str]:
    proc = cli("check", str(kit), "--format", "json", *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout


def _rules(out: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["path"]) for f in json.loads(out)["findings"]]


def test_second_run_reuses_and_changes_are_seen(tmp_path: Path) -> None:
    kit = write_files(tmp_path, clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    code, first = _check(kit)
    cache = kit / RESULTS / "check.json"
    assert cache.is_file()
    stamp = cache.stat().st_mtime_ns
    assert _check(kit) == (code, first)
    assert cache.stat().st_mtime_ns == stamp  # served from the cache, not written again

    # An uncommitted edit is seen at once...
    record = kit / "records" / "inc" / "INC-2026-0001.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("priority: P2", "priority: urgent"), encoding="utf-8")
    _, edited = _check(kit)
    assert ("SCH001", "records/inc/INC-2026-0001.yml") in _rules(edited)
    # ...and so is a second edit of the same file (same git status, other content).
    record.write_text(record.read_text(encoding="utf-8").replace("priority: urgent", "priority: P3"), encoding="utf-8")
    _, again = _check(kit)
    assert not any(rule == "SCH001" for rule, _ in _rules(again))

    # A new commit changes the key; another as-of date or language too.
    commit_all(kit, "fix", date="2026-06-02T10:00:00+02:00")
    assert _check(kit, "--as-of", "2026-11-23")[1] != edited
    fr = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23", "--lang", "fr").stdout
    assert json.loads(fr)["summary"]["language"] == "fr"
    other_day = cli("check", str(kit), "--format", "json", "--as-of", "2026-07-01").stdout
    assert json.loads(other_day)["summary"]["as_of"] == "2026-07-01"


def test_evidence_result_is_reused(tmp_path: Path) -> None:
    kit = write_files(tmp_path, clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    first = cli("evidence", str(kit), "--format", "json", "--as-of", "2026-11-23")
    second = cli("evidence", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert first.stdout == second.stdout and first.returncode == second.returncode
    assert (kit / RESULTS / "evidence.json").is_file()
    # A new record committed later changes the answer.
    (kit / "records" / "inc" / "INC-2026-0002.yml").write_text(
        "id: INC-2026-0002\nartefact: incident-record\ndate: 2026-07-01\ntitle: Imprimante\npriority: P4\n",
        encoding="utf-8",
    )
    commit_all(kit, "second", date="2026-07-01T10:00:00+02:00")
    third = cli("evidence", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert len(json.loads(third.stdout)["records"]) == 2 and third.stdout != first.stdout


def test_an_ignored_broken_record_is_not_part_of_the_kit_and_never_hides(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files[".gitignore"] = "reports/\nrecords/private/\n"
    kit = write_files(tmp_path, files)
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    broken = kit / "records" / "private" / "INC-9.yml"
    write_files(kit, {"records/private/INC-9.yml": "id: INC-9\nartefact: incident-record\n  date: [\n"})
    # Ignored: not part of the kit, never read (twice: the second run comes from the cache).
    for _ in range(2):
        _, out = _check(kit)
        assert not any(path.startswith("records/private/") for _, path in _rules(out))
    # The same file once it is part of the kit: its error shows at once, not a stale clean result.
    (kit / ".gitignore").write_text("reports/\n", encoding="utf-8")
    code, out = _check(kit)
    assert code == 1 and ("YML001", "records/private/INC-9.yml") in _rules(out)
    # Fixed, then broken again while untracked: each state is seen.
    broken.write_text(RECORD.replace("INC-2026-0001", "INC-9"), encoding="utf-8")
    fixed = _rules(_check(kit)[1])
    assert ("EVD004", "records/private/INC-9.yml") in fixed  # read, valid, not committed yet
    assert not any(rule.startswith("YML") for rule, _ in fixed)
    broken.write_text("id: [\n", encoding="utf-8")
    assert ("YML001", "records/private/INC-9.yml") in _rules(_check(kit)[1])


def test_no_cache_env_turns_every_cache_off(tmp_path: Path) -> None:
    import os

    kit = write_files(tmp_path, clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    env = {**os.environ, "TROUSSE_NO_CACHE": "1"}
    for command in ("check", "evidence"):
        proc = run_trousse([command, str(kit), "--format", "json"], env=env)
        assert proc.returncode in (0, 1), proc.stderr
    assert not (kit / ".git" / "trousse").exists()


def test_ci_variable_is_part_of_the_key(tmp_path: Path) -> None:
    """CAL002 speaks in CI only: a result computed outside CI is not served inside it, nor back."""
    import os
    import subprocess
    import sys

    kit = write_files(tmp_path, clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    cache = kit / RESULTS / "check.json"

    def run(ci: str | None) -> None:
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        if ci is not None:
            env["CI"] = ci
        cmd = [sys.executable, "-m", "trousse", "check", str(kit), "--format", "json"]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        assert proc.returncode in (0, 1), proc.stderr

    run(None)
    stamp = cache.stat().st_mtime_ns
    run(None)
    assert cache.stat().st_mtime_ns == stamp  # the same key: served
    run("true")
    assert cache.stat().st_mtime_ns != stamp  # another key: computed and written again
