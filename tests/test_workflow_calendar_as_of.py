"""`trousse calendar --as-of D` reads the kit as committed on that day, as every command with
--as-of does (kit-format.md, "`--as-of`"): not the work tree, not a later commit."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import clean_kit_files, cli, commit_all, write_files

ENTRY = "calendar:\n  - {id: restore-test, name: NAME, every: quarter, artefact: continuity}\n"
TYPE = "artefacts:\n  - {id: continuity, kind: record, name: Continuity test, process: INC, cadence: event}\n"


def _titles(root: Path, *extra: str) -> set[str]:
    proc = cli("calendar", str(root), "--format", "json", "--lang", "en", *extra)
    assert proc.returncode == 0, proc.stderr
    return {o["title"] for o in json.loads(proc.stdout)["occurrences"] if o["source"] == "kit"}


def test_calendar_as_of_reads_the_kit_committed_that_day(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    config = files["trousse.yml"]
    files["trousse.yml"] = config + ENTRY.replace("NAME", "Restore test")
    files["artefacts.yml"] = TYPE
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "kit", date="2026-01-05T10:00:00+00:00")
    # renamed in June, then again in the work tree (not committed)
    write_files(root, {"trousse.yml": config + ENTRY.replace("NAME", "Restore drill")})
    commit_all(root, "renamed", date="2026-06-01T10:00:00+00:00")
    write_files(root, {"trousse.yml": config + ENTRY.replace("NAME", "Work tree name")})
    march = _titles(root, "--as-of", "2026-03-01", "--from", "2026-01-01", "--to", "2026-06-30")
    assert march and all(t.startswith("Restore test") for t in march), march
    july = _titles(root, "--as-of", "2026-07-01", "--from", "2026-01-01", "--to", "2026-12-31")
    assert july and all(t.startswith("Restore drill") for t in july), july
    # without --as-of: the work tree, as before
    now = _titles(root)
    assert now and all(t.startswith("Work tree name") for t in now), now
    # a day before the first commit: exit 2, one line, as for check and readiness
    proc = cli("calendar", str(root), "--as-of", "2025-12-01", "--lang", "en")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
