"""Evidence means continuous operation (issue 10.1): silences longer than allowed, the date the
minimum will be met, justified longer silences, and records that fail their schema listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_evidence_support import EvKit, check_findings, evidence_json, process, run_cli

AS_OF = "2026-11-23"


def monthly(kit: EvKit, days: list[str], name: str = "INC", artefact: str = "incident-record") -> None:
    """One record per day given, each committed that day."""
    for day in days:
        kit.record(f"{name.lower()}/{name}-{day}.yml", f"{name}-{day}", day, artefact)
        kit.commit(f"{day}T10:00:00+01:00")


def test_one_record_five_months_ago_is_not_ready_and_says_when(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path)
    monthly(kit, ["2026-06-20"])
    code, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    inc = process(data, "INC")
    assert (inc["first_evidence"], inc["span_days"]) == ("2026-06-20", 156)  # more than 3 months ago...
    assert inc["minimum_met"] is False  # ...but silent since: not continuous operation
    assert inc["ready_on"] == "2027-02-23"  # three months after today, if records start again now
    assert inc["continuous_since"] is None
    assert inc["silences"] == [{"start": "2026-06-20", "end": AS_OF, "days": 156, "ongoing": True}]
    assert code == 1
    msg = next(f["message"] for f in check_findings(capsys, kit, "--as-of", AS_OF) if "INC" in f["message"])
    assert msg == (
        "INC: no evidence since 2026-06-20 (156 days; allowed silence: 1 month + 7 days): its history will start "
        "again with its next record; 3 months on 2027-02-23 at the earliest if its records start again today"
    )
    _, out, _ = run_cli(capsys, "evidence", str(kit.root), "--as-of", AS_OF)
    assert "INC: no evidence since 2026-06-20 (156 days; allowed silence: 1 month + 7 days)." in out


def test_three_month_silence_in_the_window_restarts_the_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path, lang="fr")
    # Every few weeks from January, then nothing from 2 August to 5 November, then again.
    monthly(kit, ["2026-01-10", "2026-02-05", "2026-03-02", "2026-04-01", "2026-05-01", "2026-06-01"])
    monthly(kit, ["2026-07-01", "2026-08-02", "2026-11-05", "2026-11-20"])
    monthly(
        kit,
        ["2026-01-10", "2026-02-05", "2026-03-02", "2026-04-01", "2026-05-01", "2026-06-01"],
        "CHG",
        "change-record",
    )
    monthly(
        kit,
        ["2026-07-01", "2026-07-28", "2026-08-20", "2026-09-15", "2026-10-12", "2026-11-06"],
        "CHG",
        "change-record",
    )
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    inc = process(data, "INC")
    assert (inc["minimum_met"], inc["ready_on"], inc["continuous_since"]) == (False, "2027-02-05", "2026-11-05")
    assert inc["silences"] == [{"start": "2026-08-02", "end": "2026-11-05", "days": 95, "ongoing": False}]
    chg = process(data, "CHG")
    assert (chg["minimum_met"], chg["ready_on"], chg["silences"]) == (True, "2026-04-10", [])
    history = next(c for c in data["kit"]["conditions"] if c["id"] == "history")
    assert history["blocking"] == ["INC"]
    msgs = [f["message"] for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD002"]
    assert msgs == [
        "INC : aucune preuve du 2026-08-02 au 2026-11-05 (95 jours ; silence permis : 1 mois + 7 jours) : son "
        "historique repart du 2026-11-05 ; 3 mois le 2027-02-05 : continuez à valider (git commit) ses enregistrements"
    ]
    # Before the silence became too long (on 1 September it was only a month old), INC was fine.
    inc = process(evidence_json(capsys, kit, "--as-of", "2026-09-01")[1], "INC")
    assert (inc["minimum_met"], inc["ready_on"], inc["silences"]) == (True, "2026-04-10", [])
    # Three months after the silence the window is past it; but nothing was committed after 20 November,
    # so by then INC is silent again.
    inc = process(evidence_json(capsys, kit, "--as-of", "2027-02-05")[1], "INC")
    assert inc["silences"] == [{"start": "2026-11-20", "end": "2027-02-05", "days": 77, "ongoing": True}]


def test_event_driven_process_allows_one_month_and_the_kit_may_say_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    days = ["2026-06-01", "2026-07-15", "2026-09-01", "2026-10-10", "2026-11-20"]  # about every six weeks
    kit = EvKit(tmp_path / "strict")
    monthly(kit, days, "CHG", "change-record")
    chg = process(evidence_json(capsys, kit, "--as-of", AS_OF)[1], "CHG")
    assert (chg["max_silence"], chg["grace"], chg["max_silence_from"]) == ("1 month", None, "default")
    assert chg["minimum_met"] is False and len(chg["silences"]) == 3
    # kit-wide: two months for every event-driven process
    kit = EvKit(tmp_path / "kit-wide", evidence="max_silence: 2 months")
    monthly(kit, days, "CHG", "change-record")
    chg = process(evidence_json(capsys, kit, "--as-of", AS_OF)[1], "CHG")
    assert (chg["max_silence"], chg["max_silence_from"], chg["minimum_met"]) == ("2 months", "kit", True)
    # one process, with its reason: printed by evidence, in the JSON
    why = "Few changes in a three-person firm; every change is recorded."
    kit = EvKit(tmp_path / "justified", evidence=f'processes: {{CHG: {{max_silence: 2 months, why: "{why}"}}}}')
    monthly(kit, days, "CHG", "change-record")
    code, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    chg = process(data, "CHG")
    assert (chg["max_silence"], chg["max_silence_from"], chg["why"], chg["minimum_met"]) == (
        "2 months",
        "process",
        why,
        True,
    )
    assert chg["ready_on"] == "2026-09-01"
    _, out, _ = run_cli(capsys, "evidence", str(kit.root), "--as-of", AS_OF)
    assert f"CHG: allowed silence 2 months, justified by the kit: {why}" in out


def test_a_longer_silence_needs_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path, evidence="processes: {CHG: {max_silence: 2 months}}")
    monthly(kit, ["2026-06-01"], "CHG", "change-record")
    code, out, err = run_cli(capsys, "evidence", str(kit.root))
    assert code == 2 and "why" in err and "Traceback" not in err
    kit2 = EvKit(tmp_path / "blank", evidence='processes: {CHG: {max_silence: 2 months, why: "  "}}')
    code, out, err = run_cli(capsys, "evidence", str(kit2.root))
    assert code == 2 and "why" in err


def test_periodic_records_may_come_a_few_days_late(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    # Monthly reports, written between the 3rd and the 12th: never more than a month + 7 days apart.
    days = ["2026-05-03", "2026-06-10", "2026-07-04", "2026-08-11", "2026-09-05", "2026-10-12", "2026-11-09"]
    monthly(kit, days, "REP", "service-report")
    inc = process(evidence_json(capsys, kit, "--as-of", AS_OF)[1], "INC")
    assert (inc["minimum_met"], inc["ready_on"], inc["silences"]) == (True, "2026-08-03", [])
    # 3 May to 11 June (39 days) would be a silence: a month and 8 days.
    kit = EvKit(tmp_path / "late")
    monthly(kit, ["2026-05-03", "2026-06-11", *days[2:]], "REP", "service-report")
    inc = process(evidence_json(capsys, kit, "--as-of", AS_OF)[1], "INC")
    assert inc["silences"] == [] and inc["ready_on"] == "2026-09-11"  # out of the window, but it restarted


def test_records_that_fail_their_schema_are_listed_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path, lang="fr")
    monthly(kit, ["2026-10-01", "2026-11-01"])
    (kit.root / "records" / "inc" / "INC-broken.yml").write_text(
        "id: INC-broken\nartefact: incident-record\ndate: 2026-11-10\n", encoding="utf-8"
    )
    (kit.root / "records" / "inc" / "INC-bad-date.yml").write_text(
        "id: INC-bad\nartefact: incident-record\ndate: hier\ntitle: Panne\n", encoding="utf-8"
    )
    kit.commit("2026-11-10T10:00:00+01:00")
    code, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    assert data["uncounted"] == [
        {
            "path": "records/inc/INC-bad-date.yml",
            "reason": 'date : "hier" n\'est pas une date (AAAA-MM-JJ)',
            "process": "INC",
            "rule": "SCH001",
        },
        {
            "path": "records/inc/INC-broken.yml",
            "reason": "title : champ obligatoire manquant ; ajoutez-le",
            "process": "INC",
            "rule": "SCH002",
        },
    ]
    assert process(data, "INC")["records"] == 2
    _, out, _ = run_cli(capsys, "evidence", str(kit.root), "--as-of", AS_OF)
    assert "2 fichiers ne respectent pas leur schéma et ne comptent pas comme preuve :" in out
    assert "  records/inc/INC-broken.yml : title : champ obligatoire manquant ; ajoutez-le" in out


def test_clean_json_has_the_new_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    monthly(kit, ["2026-11-01"])
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    assert (data["uncounted"], data["integrity"], data["certification"]) == ([], [], None)
    json.dumps(data)
