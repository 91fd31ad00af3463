"""Issue 15, third round: what a fresh reviewer found adopting a real handbook (sourcegraph/handbook),
each pinned on a small synthetic handbook in a real git repository, through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import POLICY, check_json, clean_kit_files, commit_all, git, write_files

OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")


# ---------------------------------------------------------------- document control without the schema


@pytest.mark.parametrize(
    ("front", "fires"),
    [
        ("approved_on: 2025-01-10\n", True),  # no owner (schema fails) and approved before it existed
        ("approved_on: 2026-03-12\n", False),  # no owner, approved when it was committed
    ],
)
def test_back_dated_approval_is_caught_even_when_the_schema_fails(tmp_path: Path, front: str, fires: bool) -> None:
    files = clean_kit_files("en")
    files["documents/POL-002.md"] = (
        POLICY.replace("id: POL-001", "id: POL-002")
        .replace("owner: RGS\n", "")
        .replace("approved_on: 2026-09-14\n", front)
    )
    write_files(tmp_path, files)
    commit_all(tmp_path, "kit", date="2026-03-14T10:00:00+01:00")
    assert git(tmp_path, "log", "--diff-filter=A", "--format=%cs", "--", "documents/POL-002.md").strip() == "2026-03-14"
    _, data = check_json(tmp_path, "--as-of", "2026-03-20")
    mine = [(f["rule"], f["line"]) for f in data["findings"] if f["path"] == "documents/POL-002.md"]
    assert any(r == "SCH002" for r, _ in mine), mine  # the schema error stays reported
    evd = [f for f in data["findings"] if f["rule"] == "EVD010" and f["path"] == "documents/POL-002.md"]
    if fires:
        assert len(evd) == 1 and evd[0]["line"] == front_line(files["documents/POL-002.md"]), evd
        assert "2025-01-10" in evd[0]["message"] and "2026-03-14" in evd[0]["message"]
    else:
        assert evd == []


def front_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("approved_on:"))
