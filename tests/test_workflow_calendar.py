"""`trousse calendar`: occurrences matched to git-dated records, checked against an independent
computation; the iCalendar file parsed back; both languages."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from conftest import clean_kit_files, cli, commit_all, write_files

AS_OF = dt.date(2026, 11, 23)
MONTHLY = (
    "artefacts:\n  - {id: service-report, kind: record, name: {fr: Rapport de service, en: Service report}, "
    "process: INC, cadence: monthly}\n"
)
# month -> (declared day, commit date): the record of that month, and when git got it.
REPORTS = {
    2: (dt.date(2026, 2, 3), dt.date(2026, 2, 4)),
    3: (dt.date(2026, 3, 20), dt.date(2026, 4, 6)),  # committed after the month: late
    5: (dt.date(2026, 5, 2), dt.date(2026, 5, 2)),
    6: (dt.date(2026, 6, 30), dt.date(2026, 6, 30)),
    8: (dt.date(2026, 8, 14), dt.date(2026, 9, 2)),  # late
    9: (dt.date(2026, 9, 10), dt.date(2026, 9, 10)),
    11: (dt.date(2026, 11, 5), dt.date(2026, 11, 6)),
}


def _kit(tmp_path: Path, lang: str) -> Path:
    files = clean_kit_files(lang)
    files["standards/test-pack.yml"] = files["standards/test-pack.yml"].replace("artefacts:\n", MONTHLY)
    files["trousse.yml"] += (
        "calendar:\n  - {id: restore-test, name: Restore test, every: quarter, artefact: continuity}\n"
    )
    files["artefacts.yml"] = (
        "artefacts:\n  - {id: continuity, kind: record, name: Continuity test, process: INC, cadence: event}\n"
    )
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "kit", date="2026-01-05T10:00:00+00:00")
    for month, (declared, committed) in sorted(REPORTS.items(), key=lambda kv: kv[1][1]):
        name = f"records/rep/SR-{month:02d}.yml"
        (root / "records/rep").mkdir(parents=True, exist_ok=True)
        (root / name).write_text(
            f"id: SR-2026-{month:02d}\nartefact: service-report\ndate: {declared}\ntitle: Report {month}\n",
            encoding="utf-8",
        )
        commit_all(root, f"report {month}", date=f"{committed}T12:00:00+00:00")
    (root / "records/con").mkdir(parents=True)
    (root / "records/con/CT-1.yml").write_text(
        "id: CT-1\nartefact: continuity\ndate: 2026-07-15\ntitle: Restore test\n", encoding="utf-8"
    )
    commit_all(root, "restore test", date="2026-07-15T12:00:00+00:00")
    return root


def expected_monthly(as_of: dt.date) -> dict[str, str]:
    """Independently: from February (the first report) to December, each month's status."""
    out = {}
    for month in range(2, 13):
        end = dt.date(2026, month, pycal.monthrange(2026, month)[1])
        if month in REPORTS:
            committed = REPORTS[month][1]
            out[end.isoformat()] = "done" if committed <= end else "late"
        elif end < as_of:
            out[end.isoformat()] = "missed"
        elif (end - as_of).days <= 14:
            out[end.isoformat()] = "due"
        else:
            out[end.isoformat()] = "upcoming"
    return out


@pytest.fixture(scope="module", params=["en", "fr"])
def kit(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return _kit(tmp_path_factory.mktemp(f"cal-{request.param}"), request.param), request.param


def _json(root: Path, *extra: str) -> dict:
    proc = cli("calendar", str(root), "--format", "json", "--as-of", AS_OF.isoformat(), *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_monthly_matching_against_an_independent_computation(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    data = _json(root, "--from", "2026-01-01", "--to", "2026-12-31")
    assert list(data) == ["as_of", "from", "to", "occurrences"]
    got = {o["due"]: o["status"] for o in data["occurrences"] if o["activity"] == "service-report"}
    assert got == expected_monthly(AS_OF)
    late = next(o for o in data["occurrences"] if o["activity"] == "service-report" and o["due"] == "2026-03-31")
    assert (late["record"], late["done_on"]) == ("records/rep/SR-03.yml", "2026-04-06")


def test_kit_activity_quarters(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    data = _json(root, "--from", "2026-01-01", "--to", "2026-12-31")
    got = {o["due"]: o["status"] for o in data["occurrences"] if o["activity"] == "restore-test"}
    assert got == {"2026-03-31": "missed", "2026-06-30": "missed", "2026-09-30": "done", "2026-12-31": "upcoming"}


def test_ics_parses_back(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    data = _json(root, "--from", "2026-01-01", "--to", "2026-12-31")
    proc = cli(
        "calendar",
        str(root),
        "--format",
        "ics",
        "--as-of",
        AS_OF.isoformat(),
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    )
    assert proc.returncode == 0, proc.stderr
    cal = icalendar.Calendar.from_ical(proc.stdout)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == len(data["occurrences"])
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    for occ in data["occurrences"]:
        event = by_uid[f"{occ['id']}@trousse"]
        assert event.decoded("DTSTART") == dt.date.fromisoformat(occ["due"])
        assert str(event["SUMMARY"]).startswith(f"[{occ['status']}]")


def test_text_by_week_in_the_kit_language(kit: tuple[Path, str]) -> None:
    root, lang = kit
    proc = cli("calendar", str(root), "--as-of", AS_OF.isoformat())
    assert proc.returncode == 0, proc.stderr
    assert ("Semaine 2026-W" in proc.stdout) == (lang == "fr")
    assert ("Week 2026-W" in proc.stdout) == (lang == "en")
    assert "2026-09-30" in proc.stdout  # three months back by default


def test_check_reports_missed_months(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    proc = cli("check", str(root), "--format", "json", "--as-of", AS_OF.isoformat())
    found = json.loads(proc.stdout)["findings"]
    missed = sorted(f["message"] for f in found if f["rule"] == "CAL001")
    # the last 12 months: February's first report on; April, July and October missed, and two quarters of restore tests
    assert len(missed) == 5, missed
    assert any("2026-10-01" in m for m in missed)


def test_bad_options_are_one_line(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    for args in (["--format", "xml"], ["--from", "soon"]):
        proc = cli("calendar", str(root), *args)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
