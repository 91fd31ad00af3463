"""Each EVD rule fires on its case and stays silent on a clean kit; periods are calendar-correct."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_evidence_support import EvKit, by_path, check_findings, evidence_json, process, rules_of, run_cli

from trousse.evidence.dates import add_months, add_period
from trousse.evidence.periods import consecutive_quarters
from trousse.models.common import Period

AS_OF = "2026-11-23"


def ready_kit(root: Path, **kw: str) -> EvKit:
    """Records every month for INC and CHG from January to November 2026, an internal audit and a
    review."""
    kit = EvKit(root, **kw)
    for month in range(1, 12):
        day = f"2026-{month:02d}-05"
        kit.record(f"inc/INC-{month}.yml", f"INC-{month}", day)
        kit.record(f"chg/CHG-{month}.yml", f"CHG-{month}", day, "change-record")
        kit.record(f"rep/REP-{month}.yml", f"REP-{month}", day, "service-report")
        if month == 9:
            kit.record("AUD-1.yml", "AUD-1", day, "internal-audit-report")
        if month == 10:
            kit.record("MR-1.yml", "MR-1", day, "management-review-record")
        kit.commit(f"{day}T10:00:00+02:00")
    return kit


def test_clean_kit_has_no_evd_finding_and_meets_the_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = ready_kit(tmp_path)
    assert check_findings(capsys, kit, "--as-of", AS_OF) == []
    code, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    assert code == 0  # the history alone (the verdict also wants signed audits in audits/)
    history = next(c for c in data["kit"]["conditions"] if c["id"] == "history")
    assert (history["met"], history["met_on"], history["blocking"]) == (True, "2026-04-05", [])
    assert data["kit"]["management_review"] == {"id": "MR-1", "date": "2026-10-05"}
    assert process(data, "INC")["ready_on"] == "2026-04-05"
    assert process(data, "INC")["empty_periods"] == []


def test_evd002_minimum_not_met_says_when(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path, lang="fr")
    for day in ("2026-10-13", "2026-11-02", "2026-11-20"):
        kit.record(f"INC-{day}.yml", f"INC-{day}", day)
        kit.commit(f"{day}T10:00:00+02:00")
    msgs = {f["message"] for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD002"}
    assert msgs == {
        "INC : 41 jours de preuves ; 3 mois le 2027-01-13 : continuez à valider (git commit) ses enregistrements",
        "CHG : aucune preuve encore ; validez (git commit) ses enregistrements : il faut 3 mois d'historique",
    }


def test_evd003_empty_month_restarts_the_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    for month in (5, 6, 7, 9, 10, 11):  # no August report was ever committed
        kit.record(f"REP-{month}.yml", f"REP-{month}", f"2026-{month:02d}-05", "service-report")
        kit.commit(f"2026-{month:02d}-05T10:00:00+02:00")
    gaps = [f for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD003"]
    assert [g["message"] for g in gaps] == [
        "INC: no 'service-report' record for 2026-08 (monthly cadence); keep this record every period: "
        "a silence longer than its cadence restarts the history",
    ]  # November is not over: not a gap yet (October's report is there)
    inc = process(evidence_json(capsys, kit, "--as-of", AS_OF)[1], "INC")
    assert inc["empty_periods"] == [
        {
            "artefact": "service-report",
            "cadence": "monthly",
            "period": "2026-08",
            "start": "2026-08-01",
            "end": "2026-08-31",
        }
    ]
    # Two months without a report is a silence longer than the monthly cadence (+ 7 days' tolerance):
    # the history starts again with September's report.
    assert (inc["first_evidence"], inc["ready_on"], inc["minimum_met"]) == ("2026-05-05", "2026-12-05", False)
    assert inc["silences"] == [{"start": "2026-07-05", "end": "2026-09-05", "days": 62, "ongoing": False}]
    assert (inc["max_silence"], inc["grace"], inc["max_silence_from"]) == (
        "1 month",
        "7 days",
        "cadence:service-report",
    )
    # As it stood in July, there was no gap and the minimum was met on 5 August.
    inc = process(evidence_json(capsys, kit, "--as-of", "2026-08-05")[1], "INC")
    assert (inc["empty_periods"], inc["minimum_met"]) == ([], True)


def test_evd004_uncommitted_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = ready_kit(tmp_path)
    kit.record("inc/INC-99.yml", "INC-99", "2026-11-20")
    # The work tree (no --as-of) holds the record, which no commit holds.
    findings = [f for f in check_findings(capsys, kit) if f["rule"] == "EVD004"]
    assert [f["path"] for f in findings] == ["records/inc/INC-99.yml"]
    assert "git add records/inc/INC-99.yml" in findings[0]["message"]
    # With --as-of the kit is read as committed on that day: the record does not exist yet.
    assert check_findings(capsys, kit, "--as-of", AS_OF) == []


def test_evd005_backfilled_and_evd006_future_dated_do_not_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = ready_kit(tmp_path)
    kit.record("inc/OLD.yml", "INC-OLD", "2025-06-01")  # declared long before it was committed
    kit.record("inc/EDGE.yml", "INC-EDGE", "2026-11-13")  # exactly the 7-day tolerance: fine
    kit.record("inc/NEXT.yml", "INC-NEXT", "2026-12-01")  # after the commit that added it
    kit.commit("2026-11-20T10:00:00+01:00")
    findings = check_findings(capsys, kit, "--as-of", AS_OF)
    assert rules_of(findings) == ["EVD005", "EVD006"]
    back = next(f for f in findings if f["rule"] == "EVD005")
    assert back["path"] == "records/inc/OLD.yml" and back["line"] == 3 and back["column"] == 7
    assert "2025-06-01" in back["message"] and "2026-11-20" in back["message"] and "537 days" in back["message"]
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    recs = by_path(data)
    assert recs["records/inc/OLD.yml"]["status"] == "back-filled"
    assert recs["records/inc/NEXT.yml"]["status"] == "future-dated"
    assert recs["records/inc/EDGE.yml"]["status"] == "ok"
    assert process(data, "INC")["records"] == 11 + 1 + 11  # incidents, the edge one, service reports


def test_evd008_commit_dated_before_its_parent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.record("INC-1.yml", "INC-1", "2026-05-01")
    kit.commit("2026-05-01T10:00:00+00:00")
    kit.record("INC-2.yml", "INC-2", "2026-01-01")
    bad = kit.commit("2026-01-01T10:00:00+00:00", "back-dated")
    findings = check_findings(capsys, kit, "--as-of", AS_OF)
    disorder = [f for f in findings if f["rule"] == "EVD008"]
    assert len(disorder) == 1 and disorder[0]["severity"] == "error" and bad[:10] in disorder[0]["message"]
    # A few minutes of clock skew is not reported.
    kit.record("INC-3.yml", "INC-3", "2026-05-01")
    kit.commit("2026-05-01T10:00:00+00:00")
    kit.record("INC-4.yml", "INC-4", "2026-05-01")
    kit.commit("2026-05-01T09:55:00+00:00")
    assert len([f for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD008"]) == 1


def test_severity_override_and_rules_listing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules")
    for n in range(1, 9):
        assert f"EVD00{n}" in out
    code, out, _ = run_cli(capsys, "rules", "EVD005", "--lang", "fr")
    assert "tolérance" in out


@pytest.mark.parametrize(
    ("minimum", "first", "met_on"),
    [
        ("1 months", "2026-01-31", "2026-02-28"),  # 31 January + 1 month
        ("3 months", "2027-11-30", "2028-02-29"),  # into a leap February
        ("12 months", "2028-02-29", "2029-02-28"),  # from a leap day
        ("90 days", "2026-01-01", "2026-04-01"),
        ("2 quarters", "2026-08-31", "2027-02-28"),  # non-consecutive quarters are 3 months each
    ],
)
def test_minimum_history_is_calendar_correct(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], minimum: str, first: str, met_on: str
) -> None:
    # One record, and a silence allowed long enough for it: only the calendar is tested here.
    kit = EvKit(tmp_path, minimum=minimum, evidence="processes: {INC: {max_silence: 2 years, why: test}}")
    kit.record("INC-1.yml", "INC-1", first)
    kit.commit(f"{first}T12:00:00+00:00")
    day_before = (dt.date.fromisoformat(met_on) - dt.timedelta(days=1)).isoformat()
    assert process(evidence_json(capsys, kit, "--as-of", day_before)[1], "INC")["minimum_met"] is False
    inc = process(evidence_json(capsys, kit, "--as-of", met_on)[1], "INC")
    assert (inc["minimum_met"], inc["ready_on"]) == (True, met_on)


def test_consecutive_quarters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path, minimum="2 consecutive quarters", evidence="max_silence: 4 months")
    for day in ("2026-02-10", "2026-05-10"):
        kit.record(f"INC-{day}.yml", f"INC-{day}", day)
        kit.record(f"CHG-{day}.yml", f"CHG-{day}", day, "change-record")
        kit.commit(f"{day}T12:00:00+00:00")
    kit.record("INC-late.yml", "INC-late", "2026-09-10")
    kit.commit("2026-09-10T12:00:00+00:00")
    _, data = evidence_json(capsys, kit, "--as-of", "2026-06-30")  # Q2 not complete yet
    assert (process(data, "INC")["minimum_met"], process(data, "INC")["ready_on"]) == (False, "2026-07-01")
    _, data = evidence_json(capsys, kit, "--as-of", "2026-07-01")
    assert process(data, "CHG")["minimum_met"] is True
    findings = check_findings(capsys, kit, "--as-of", "2026-06-30")
    assert any("not yet 2 consecutive quarters complete" in f["message"] for f in findings)


def test_consecutive_quarters_unit() -> None:
    q = lambda y, n: y * 4 + n - 1  # noqa: E731
    assert consecutive_quarters({q(2026, 1), q(2026, 2)}, 2, dt.date(2026, 7, 1)) == (True, dt.date(2026, 7, 1))
    # a gap in Q2: the run restarts in Q3 and needs Q4 too
    assert consecutive_quarters({q(2026, 1), q(2026, 3)}, 2, dt.date(2026, 10, 1)) == (False, dt.date(2027, 1, 1))
    assert consecutive_quarters(set(), 2, dt.date(2026, 10, 1)) == (False, None)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_period(dt.date(2026, 3, 31), Period(1, "months"), -1) == dt.date(2026, 2, 28)
