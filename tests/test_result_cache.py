"""The result cache: a second run on an unchanged kit reuses the result; any change is seen."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import clean_kit_files, cli, commit_all, write_files


def _check(kit: Path, *extra: str) -> tuple[int, str]:
    proc = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23", *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout


def test_second_run_reuses_and_changes_are_seen(tmp_path: Path) -> None:
    kit = write_files(tmp_path, clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    code, first = _check(kit)
    cache = kit / ".git" / "trousse" / "results" / "check.pickle"
    assert cache.is_file()
    stamp = cache.stat().st_mtime_ns
    assert _check(kit) == (code, first)
    assert cache.stat().st_mtime_ns == stamp  # served from the cache, not written again

    # An uncommitted edit is seen at once...
    record = kit / "records" / "inc" / "INC-2026-0001.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("priority: P2", "priority: urgent"), encoding="utf-8")
    _, edited = _check(kit)
    assert any(f["rule"] == "SCH001" for f in json.loads(edited)["findings"])
    # ...and so is a second edit of the same file (same git status, other content).
    record.write_text(record.read_text(encoding="utf-8").replace("priority: urgent", "priority: P3"), encoding="utf-8")
    _, again = _check(kit)
    assert not any(f["rule"] == "SCH001" for f in json.loads(again)["findings"])

    # A new commit changes the key; another as-of date or language too.
    commit_all(kit, "fix", date="2026-06-02T10:00:00+02:00")
    assert _check(kit)[1] != edited
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
    assert (kit / ".git" / "trousse" / "results" / "evidence.pickle").is_file()
    # A new record committed later changes the answer.
    (kit / "records" / "inc" / "INC-2026-0002.yml").write_text(
        "id: INC-2026-0002\nartefact: incident-record\ndate: 2026-07-01\ntitle: Imprimante\npriority: P4\n",
        encoding="utf-8",
    )
    commit_all(kit, "second", date="2026-07-01T10:00:00+02:00")
    third = cli("evidence", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert len(json.loads(third.stdout)["records"]) == 2 and third.stdout != first.stdout
