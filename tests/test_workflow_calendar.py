"""`trousse calendar`: occurrences matched to git-dated records, checked against an independent
computation; the iCalendar file parsed back; both languages."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from conftest import clean_kit_files, cli, commit_all, plain, write_files

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


def _kit(tmp_path: Path, lang: str, first_commit: str = "2026-01-05T10:00:00+00:00") -> Path:
    files = clean_kit_files(lang)
    files["standards/test-pack.yml"] = files["standards/test-pack.yml"].replace("artefacts:\n", MONTHLY)
    files["trousse.yml"] += (
        "calendar:\n  - {id: restore-test, name: Restore test, every: quarter, artefact: continuity}\n"
    )
    files["artefacts.yml"] = (
        "artefacts:\n  - {id: continuity, kind: record, name: Continuity test, process: INC, cadence: event}\n"
    )
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "kit", date=first_commit)
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
    # the kit started on 2026-01-05: Q1, covered only in part, is not owed (never missed)
    assert got == {"2026-06-30": "missed", "2026-09-30": "done", "2026-12-31": "upcoming"}


def _ics(root: Path, *extra: str) -> icalendar.Calendar:
    proc = cli("calendar", str(root), "--format", "ics", "--as-of", AS_OF.isoformat(), *extra)
    assert proc.returncode == 0, proc.stderr
    return icalendar.Calendar.from_ical(proc.stdout)


def _events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return [c for c in cal.walk() if c.name == "VEVENT"]


STATES = {
    "en": {"done": "done", "late": "late", "missed": "missed", "due": "due", "upcoming": "upcoming"},
    "fr": {"done": "fait", "late": "en retard", "missed": "manqué", "due": "à faire", "upcoming": "à venir"},
}


def test_ics_parses_back_in_the_kit_language(kit: tuple[Path, str]) -> None:
    root, lang = kit
    data = _json(root, "--from", "2026-01-01", "--to", "2026-12-31")
    cal = _ics(root, "--from", "2026-01-01", "--to", "2026-12-31")
    events = _events(cal)
    assert len(events) == len(data["occurrences"])
    by_id = {str(e["UID"]).split("@", 1)[0]: e for e in events}
    assert len(by_id) == len(events)
    for occ in data["occurrences"]:
        event = by_id[occ["id"]]
        assert event.decoded("DTSTART") == dt.date.fromisoformat(occ["due"])
        assert str(event["SUMMARY"]).startswith(f"[{STATES[lang][occ['status']]}] ")
    # every word the file writes itself is in the kit's language
    text = "\n".join(str(e["DESCRIPTION"]) + str(e["SUMMARY"]) + e["CATEGORIES"].to_ical().decode() for e in events)
    english = ("status:", "period:", "record:", "done on:", "[missed]", "[done]", "cadence")
    french = ("état :", "période :", "enregistrement :", "fait le :", "[manqué]", "[fait]")
    assert not any(w in text for w in (english if lang == "fr" else french)), text
    assert all(w in text for w in (french if lang == "fr" else english)[:4])


def test_ics_uids_are_stable_and_unique_per_kit(kit: tuple[Path, str], tmp_path: Path) -> None:
    root, lang = kit
    uids = {str(e["UID"]) for e in _events(_ics(root))}
    assert uids == {str(e["UID"]) for e in _events(_ics(root))}  # the same on every run
    assert all(u.endswith(".trousse") and not u.endswith("@trousse") for u in uids)
    # Another kit with the same activities on the same dates (its own repository) never shares a UID.
    other = _kit(tmp_path / "other", lang, first_commit="2026-01-05T11:00:00+00:00")
    other_uids = {str(e["UID"]) for e in _events(_ics(other))}
    assert {u.split("@")[0] for u in other_uids} == {u.split("@")[0] for u in uids}
    assert not uids & other_uids


def test_range_lists_what_is_due_within_it_bounds_included(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    # March's report is due on 31 March, April's on 30 April: both bounds are in.
    data = _json(root, "--from", "2026-03-31", "--to", "2026-04-30")
    assert {o["due"] for o in data["occurrences"] if o["activity"] == "service-report"} == {
        "2026-03-31",
        "2026-04-30",
    }
    # A day inside April's window, or before the end of the second quarter: nothing is due then,
    # though April's report and the second quarter's restore test are in progress.
    data = _json(root, "--from", "2026-04-01", "--to", "2026-04-29")
    assert [o for o in data["occurrences"] if o["activity"] in ("service-report", "restore-test")] == []
    assert all("2026-04-01" <= o["due"] <= "2026-04-29" for o in data["occurrences"])
    data = _json(root, "--from", "2026-05-01", "--to", "2026-05-01")
    assert all(o["due"] == "2026-05-01" for o in data["occurrences"])


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
    gaps = sorted(f["message"] for f in found if f["rule"] == "EVD003")
    # the last 12 months: February's first report on; April, July and October missed, March and
    # August committed late: EVD003's empty periods (one finding per gap, CAL001 does not repeat
    # them); and one quarter of restore tests (CAL001): Q2, not Q1, which the kit (started on
    # 2026-01-05) covers only in part
    assert len(missed) == 1 and "2026-04-01" in missed[0], missed
    periods = sorted(m for m in ("2026-03", "2026-04", "2026-07", "2026-08", "2026-10") if any(m in g for g in gaps))
    assert len(gaps) == 5 and len(periods) == 5, gaps
    assert not any("2026-10-01" in m for m in missed)


def test_bad_options_are_one_line(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    for args in (["--format", "xml"], ["--from", "soon"]):
        proc = cli("calendar", str(root), *args)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def _missed_hints(root: Path, as_of: str) -> dict[str, str]:
    proc = cli("check", str(root), "--format", "json", "--as-of", as_of)
    assert proc.returncode in (0, 1), proc.stderr
    # a missed monthly report is EVD003's (with the same hint), the rest CAL001's
    return {f["message"]: f["hint"] for f in json.loads(proc.stdout)["findings"] if f["rule"] in ("CAL001", "EVD003")}


def test_missed_hint_names_a_kind_new_accepts_or_the_file_to_write(kit: tuple[Path, str], tmp_path: Path) -> None:
    root, lang = kit
    copy = tmp_path / "kit"
    shutil.copytree(root, copy)
    config = copy / "trousse.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  - {id: drill, name: Fire drill, every: quarter, artefact: fire-drill-record}\n",
        encoding="utf-8",
    )
    commit_all(copy, "a drill every quarter", date="2026-12-01T10:00:00+00:00")
    hints = _missed_hints(copy, "2027-02-01")
    report = "INC: no 'service-report'" if lang == "en" else "INC : aucun enregistrement « service-report »"
    by_title = {t: next(h for m, h in hints.items() if m.startswith(t)) for t in (report, "Restore test", "Fire drill")}
    audit = next(h for m, h in hints.items() if "INC" in m)  # INC's yearly internal audit, due 2027-01-05
    assert "trousse new audit" in audit
    assert "trousse new service-report" in by_title[report]
    assert "trousse new continuity" in by_title["Restore test"]  # the record type of the kit's activity, not its id
    assert "trousse new fire" not in by_title["Fire drill"] and "artefact: fire-drill-record" in by_title["Fire drill"]
    # every command suggested is one trousse new accepts here
    for kind in ("audit", "service-report", "continuity"):
        proc = cli("new", kind, "--kit", str(copy), "--no-edit")
        assert proc.returncode == 0, (kind, proc.stderr)


def test_ics_reminds_what_is_still_to_do_and_only_that(kit: tuple[Path, str]) -> None:
    root, lang = kit
    data = _json(root, "--from", "2026-01-01", "--to", "2026-12-31")
    by_id = {
        str(e["UID"]).split("@", 1)[0]: e for e in _events(_ics(root, "--from", "2026-01-01", "--to", "2026-12-31"))
    }
    statuses = {o["status"] for o in data["occurrences"]}
    assert {"upcoming", "missed"} <= statuses or {"upcoming", "done"} <= statuses, statuses
    for occ in data["occurrences"]:
        alarms = [c for c in by_id[occ["id"]].walk() if c.name == "VALARM"]
        if occ["status"] in ("upcoming", "due", "to-complete"):
            assert len(alarms) == 1, occ
            assert str(alarms[0]["ACTION"]) == "DISPLAY"
            assert alarms[0].decoded("TRIGGER") == -dt.timedelta(days=14)
            words = "due in 14 days" if lang == "en" else "échéance dans 14 jours"
            assert words in plain(str(alarms[0]["DESCRIPTION"])), alarms[0]["DESCRIPTION"]
        else:
            assert alarms == [], occ
