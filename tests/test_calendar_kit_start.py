"""The calendar starts with the kit (the commit that adds trousse.yml), not with an adopted
repository's older history; the management review and the audit programme open the same days."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import clean_kit_files, cli, commit_all, git, write_files

KIT_DAY = "2024-11-08"
REVIEW_TYPE = """\
artefacts:
  - id: management-review-record
    kind: record
    name: {fr: Revue de direction, en: Management review}
    process: INC
    cadence: yearly
"""


def _adopted(tmp_path: Path) -> Path:
    """A repository with five years of history before the kit was added on 2024-11-08."""
    root = tmp_path / "handbook"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(root, {"README.md": "# Handbook\n"})
    commit_all(root, "handbook", date="2019-03-01T10:00:00+00:00")
    write_files(root, {"README.md": "# Handbook\n\nMore.\n"})
    commit_all(root, "more", date="2022-06-01T10:00:00+00:00")
    write_files(root, {**clean_kit_files("en"), "artefacts.yml": REVIEW_TYPE})
    commit_all(root, "trousse kit", date=f"{KIT_DAY}T10:00:00+00:00")
    return root


def _occurrences(root: Path, *args: str) -> list[dict[str, str]]:
    proc = cli("calendar", str(root), "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    occs: list[dict[str, str]] = json.loads(proc.stdout)["occurrences"]
    return occs


def test_nothing_is_planned_before_the_kit_was_added(tmp_path: Path) -> None:
    root = _adopted(tmp_path)
    occs = _occurrences(root, "--from", "2019-01-01", "--to", "2027-12-31", "--as-of", "2025-03-01")
    assert occs, occs
    early = [o for o in occs if o["start"] < KIT_DAY or o["due"] < KIT_DAY]
    assert early == [], early[:5]
    proc = cli("check", str(root), "--as-of", "2025-03-01", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    missed = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "CAL001"]
    assert not [f for f in missed if "2024-0" in f["message"] or "2024-10" in f["message"]], missed


def test_the_review_and_the_audit_programme_open_the_same_days(tmp_path: Path) -> None:
    root = _adopted(tmp_path)
    occs = _occurrences(root, "--from", KIT_DAY, "--to", "2027-12-31", "--as-of", "2025-03-01")
    reviews = [o for o in occs if o["source"] == "management-review"]
    audits = sorted({(o["start"], o["due"]) for o in occs if o["source"] == "audit-programme"})
    assert reviews and audits, occs
    assert reviews[0]["start"] == audits[0][0] == KIT_DAY, (reviews, audits)
    assert [(o["start"], o["due"]) for o in reviews] == audits[: len(reviews)], (reviews, audits)
