"""``trousse evidence --format json``: a process's ``months`` counts its records month by month,
not the distinct days they fall on (issue 15 review: REL summed to 59 against 61 records). Real
git repository, the real command line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from test_adopters import adopter  # noqa: F401 - the adopter's repository, as a fixture
from test_evidence_support import run_cli


def test_months_count_records_not_days(capsys: pytest.CaptureFixture[str], adopter: Path) -> None:  # noqa: F811
    code, text, err = run_cli(capsys, "evidence", str(adopter), "--format", "json", "--as-of", "2026-11-23")
    assert code in (0, 1), err
    data = json.loads(text)
    for proc in data["processes"]:
        counted = Counter(
            r["evidence_date"][:7]
            for r in data["records"]
            if r["process"] == proc["id"] and r["status"] == "ok"  # counted: proven by git
        )
        assert proc["months"] == dict(counted), proc["id"]
    inc = {p["id"]: p for p in data["processes"]}["INC"]
    ok = [r for r in data["records"] if r["process"] == "INC" and r["status"] == "ok"]
    assert sum(inc["months"].values()) == inc["records"] == len(ok)
    assert len({r["evidence_date"] for r in ok}) < len(ok)  # two records of one day: both count
