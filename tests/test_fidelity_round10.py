"""Issue 17, tenth round: the demo checks clean whatever the day it is built, and its records and
documents agree with each other (major incidents, service reports against the SLA and the records,
supplier documents, days of the month named in prose).

The demo moves every date of the example kit so that its history ends on the day it is built; the
texts it computes after moving them (the service reports' counts and trends) must stay valid YAML
and good prose, and the periodic records must cover every period the history spans."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import cli, demo_kit

from trousse.demo import recount_reports, report_trend
from trousse.yamlio import load_plain

# Days that once gave findings: the 20th of December (a report's trend with a colon, unquoted,
# and "1 incidents"), January (no improvement record in the last quarter), and a few more across
# a year, one of them a month end.
DAYS = [
    ("fr", dt.date(2026, 12, 20)),
    ("fr", dt.date(2027, 1, 15)),
    ("fr", dt.date(2027, 6, 15)),
    ("en", dt.date(2026, 12, 20)),
    ("en", dt.date(2027, 2, 21)),
    ("en", dt.date(2027, 8, 31)),
]


@pytest.mark.parametrize(("lang", "day"), DAYS, ids=[f"{lang}-{day}" for lang, day in DAYS])
def test_demo_checks_clean_whatever_the_day(tmp_path: Path, lang: str, day: dt.date) -> None:
    root = demo_kit(tmp_path, lang, day)
    proc = cli("check", str(root), "--strict", "--as-of", day.isoformat(), "--format", "json")
    found = [(f["rule"], f["path"], f["message"]) for f in json.loads(proc.stdout)["findings"]]
    assert proc.returncode == 0 and not found, found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_recounted_trend_is_valid_yaml_and_well_pluralised(lang: str) -> None:
    """A report whose first month gains one incident when the dates move says "1 incident", in a
    quoted string a YAML reader accepts (the sentence holds a colon)."""
    report = (
        'id: RAP-2026-0001\nartefact: service-report\ndate: 2026-07-02\nperiod: "2026-06"\n'
        "incidents: 0\nrequests: 0\nchanges: 0\n"
        "trends: Aucun incident consigné ce mois-ci. Disponibilité dans l'objectif.\n"
    )
    incident = "id: INC-2026-0001\nartefact: incident-record\ndate: 2026-06-30\n"
    files = {"records/rep/RAP-2026-0001.yml": report, "records/inc/INC-2026-0001.yml": incident}
    recount_reports(files, lang)
    data = load_plain(files["records/rep/RAP-2026-0001.yml"])
    assert data["incidents"] == 1
    assert data["trends"].startswith(report_trend(lang, 1, None))
    assert data["trends"].endswith("Disponibilité dans l'objectif.")
    assert "1 incident." in data["trends"]
    assert "1 incidents" not in data["trends"]
    assert report_trend(lang, 3, None).count("3 incidents") == 1
