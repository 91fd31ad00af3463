"""``trousse evidence --process ID``: the evidence of one process, its exit code judging that
process's history alone; an unknown id is one line naming the kit's processes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_evidence_support import EvKit, run_cli

AS_OF = "2026-11-23"


@pytest.fixture
def kit(tmp_path: Path) -> EvKit:
    """INC has records every week and a monthly report since July (enough history); CHG has one
    change, in November (not enough)."""
    kit = EvKit(tmp_path)
    day = dt.date(2026, 7, 1)
    n = 0
    while day <= dt.date(2026, 11, 20):
        n += 1
        kit.record(f"inc/INC-{n}.yml", f"INC-{n}", day.isoformat())
        if day.day <= 7:
            kit.record(f"rep/REP-{n}.yml", f"REP-{n}", day.isoformat(), "service-report")
        kit.commit(f"{day.isoformat()}T10:00:00+00:00")
        day += dt.timedelta(days=7)
    kit.record("chg/CHG-1.yml", "CHG-1", "2026-11-02", "change-record")
    kit.commit("2026-11-02T10:00:00+00:00")
    return kit


def test_whole_kit_is_not_ready_but_inc_is(kit: EvKit, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run_cli(capsys, "evidence", str(kit.root), "--as-of", AS_OF, "--lang", "en")
    assert code == 1  # CHG is too recent
    code, out, err = run_cli(capsys, "evidence", str(kit.root), "--as-of", AS_OF, "--lang", "en", "--process", "INC")
    assert code == 0, err
    rows = [line.split()[0] for line in out.splitlines() if line.startswith(("INC", "CHG"))]
    assert rows == ["INC", "INC:"]  # the table's one row, then its verdict
    assert "INC: enough history since 2026-10-01 (exit code 0)." in out
    assert "waiting for" not in out  # the kit-wide lines are left out


def test_a_process_without_enough_history_is_exit_1(kit: EvKit, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "evidence", str(kit.root), "--as-of", AS_OF, "--lang", "en", "--process", "chg", "--records"
    )
    assert code == 1
    assert "CHG: enough history on 2027-02-02 at the earliest" in out
    assert "records/chg/CHG-1.yml" in out and "records/inc/" not in out


def test_json_keeps_the_keys_and_narrows_the_lists(kit: EvKit, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run_cli(capsys, "evidence", str(kit.root), "--as-of", AS_OF, "-f", "json", "--process", "INC")
    data = json.loads(out)
    assert code == 0
    assert [p["id"] for p in data["processes"]] == ["INC"]
    assert data["records"] and {r["process"] for r in data["records"]} == {"INC"}
    assert data["kit"]["ready"] is False  # the kit's own verdict is still there, whole


def test_unknown_process_is_one_line(kit: EvKit, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "evidence", str(kit.root), "--lang", "en", "--process", "XYZ")
    assert code == 2 and out == ""
    assert err == "trousse: --process: this kit has no process 'XYZ'; choose one of: CHG, INC\n"
    code, _, err = run_cli(capsys, "evidence", str(kit.root), "--lang", "fr", "--process", "XYZ")
    assert code == 2 and "« XYZ »" in err
