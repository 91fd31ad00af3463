"""A file that cannot be read is reported once, by its own finding: what only follows from it
being unreadable (the process or the audit finding others name) is not reported again (issue 14:
a demo process left with git conflict markers gave YML001 plus eight misleading REF003)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import check_json

from trousse.demo import ANCHOR, run_demo


@pytest.mark.parametrize("path", ["processes/INC.md", "audits/AUD-2026-01.yml"])
def test_conflict_markers_give_one_finding_on_the_file(tmp_path: Path, path: str) -> None:
    kit = tmp_path / "demo"
    run_demo(kit, "en", today=ANCHOR + dt.timedelta(days=1))
    target = kit / path
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(("owner:", "date:")))
    lines[at:at] = ["<<<<<<< HEAD\n", lines[at], "=======\n"]
    lines.insert(at + 4, ">>>>>>> theirs\n")
    target.write_text("".join(lines), encoding="utf-8")
    _code, out = check_json(kit)
    errors = [(f["rule"], f["path"]) for f in out["findings"] if f["severity"] == "error"]
    assert errors == [("YML001", path)], errors
