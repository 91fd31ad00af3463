"""Issue 17, ninth round: the demo's commit messages, the months its records name, the chain of
the backup link, and the changes incidents follow.

Every commit of the demo has a real title; a month a record, action or audit names (outside the
audit findings' statements, which round 8 checks against their evidence) is the month of a record it
cites, on any day the demo is built; the backup link the continuity test exercises was installed by a
change after the supplier review that asked for it; an incident that followed an update links the
change, through the form's ``change`` field, to a change record dated before it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import demo_kit, git

from trousse.demo import ANCHOR
from trousse.yamlio import load_plain

SUBJECT = re.compile(
    r"^(?:Révision\s*:|Revised:|\w+ [A-Z]+-\d{4}-[\d-]+\s*:|Trousse de déploiement|Deployment kit)\s*(.*?)(?:\s*\(([^()]+)\))?$"
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_demo_commit_has_a_title(tmp_path: Path, lang: str) -> None:
    """No commit message of the demo has an empty title part ("Révision :  (trousse.yml)")."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    subjects = git(root, "log", "--format=%s").splitlines()
    assert len(subjects) > 100
    bad = []
    for subject in subjects:
        m = SUBJECT.match(subject)
        assert m, subject
        title = m[1]
        if "  " in subject or not re.search(r"\w{3}", title.split(", version")[0]):
            bad.append(subject)
    assert not bad, bad
    revised = [s for s in subjects if s.endswith("(trousse.yml)")]
    assert revised and all("CHG-" in s for s in revised), revised


_CITED = re.compile(r"(?<![\w-])([A-Z]{2,4}-\d{4}-\d{2,4}(?:-F\d+)?)(?![\w-])")
_DAY = re.compile(r"^[a-z_]+:\s*[\"']?(\d{4}-\d{2}-\d{2})", re.M)


def _strings(value: object, keys: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every string of a YAML value with the keys that lead to it."""
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _strings(v, (*keys, str(k)))]
    if isinstance(value, list):
        return [item for v in value for item in _strings(v, keys)]
    return [(keys, value)] if isinstance(value, str) else []


def _months_of(root: Path) -> dict[str, set[tuple[int, int]]]:
    """Every record, action, audit and finding id -> the (year, month) of each of its top-level dates."""
    out: dict[str, set[tuple[int, int]]] = {}
    for folder in ("records", "actions", "audits"):
        for path in sorted((root / folder).rglob("*.yml")):
            text = path.read_text(encoding="utf-8")
            own = re.search(r"^id:\s*(\S+)", text, re.M)
            days = {(int(d[:4]), int(d[5:7])) for d in _DAY.findall(text)}
            if own and days:
                out[own[1]] = days
                for finding in re.findall(r"^\s*- id:\s*(\S+)", text, re.M):
                    out.setdefault(finding, days)
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("late", [-12, 7, 20])
def test_a_month_record_prose_names_is_the_month_of_a_record_it_cites(tmp_path: Path, lang: str, late: int) -> None:
    """Built 12 days before the kit's own day, a week after and 20 days after (every date moves, some
    across a month's end), each month a record, action or audit names in its prose (outside the
    findings' statements) is the month of a record, action or audit the same text cites, dated no
    later than the file itself: no month the dates have left, no month from the future."""
    from test_fidelity_round7 import MONTHS

    root = demo_kit(tmp_path, lang, ANCHOR + dt.timedelta(days=late))
    months = _months_of(root)
    names = [m.lower() for m in MONTHS[lang]]
    month_re = re.compile(r"(?<!\w)(" + "|".join(MONTHS[lang]) + r")(?!\w)", re.I if lang == "fr" else 0)
    bad, seen = [], 0
    for folder in ("records", "actions", "audits"):
        for path in sorted((root / folder).rglob("*.yml")):
            data = load_plain(path.read_text(encoding="utf-8")) or {}
            own = max(months.get(str(data.get("id")), {(9999, 12)}))
            for keys, text in _strings(data):
                if keys[-2:] == ("findings", "statement"):
                    continue  # round 8: a statement's months are its evidence's
                seen += 1
                cited = set().union(*(months.get(i, set()) for i in _CITED.findall(text)))
                allowed = {m for _, m in (c for c in cited if c <= own)}
                for m in month_re.finditer(text):
                    if names.index(m[1].lower()) + 1 not in allowed:
                        bad.append(f"{path.relative_to(root)} {'.'.join(keys)}: «{m[0]}» in {text[:110]!r}")
    assert seen > 500
    assert not bad, "\n".join(bad)


def _records(root: Path) -> dict[str, dict[str, object]]:
    """Every record of the kit, by id (its YAML data)."""
    out = {}
    for path in sorted((root / "records").rglob("*.yml")):
        data = load_plain(path.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict) and data.get("id"):
            out[str(data["id"])] = data
    return out


def _day(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_backup_link_is_installed_between_the_review_asking_for_it_and_its_test(tmp_path: Path, lang: str) -> None:
    """The supplier review that asks for a 4G backup link comes first; a change record citing that
    review installs it; the continuity test that fails over to the link cites that change and comes
    after it; nothing recorded after the change still calls the link a thing to study."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    records = _records(root)
    reviews = [r for r in records.values() if r["artefact"] == "supplier-review-record" and "4G" in str(r)]
    assert len(reviews) == 1, reviews
    review = reviews[0]
    tests = [
        r
        for r in records.values()
        if r["artefact"] == "continuity-test-record" and re.search(r"lien|link", str(r["title"]), re.I)
    ]
    assert len(tests) == 1, tests
    test = tests[0]
    changes = [records[i] for i in _CITED.findall(str(test)) if i in records]
    installed = [c for c in changes if c["artefact"] == "change-record" and str(review["id"]) in str(c)]
    assert installed, (test["id"], changes)
    change = installed[0]
    assert _day(review["date"]) < _day(change["implemented_on"]) <= _day(test["date"]), (review, change, test)
    study = re.compile(r"à étudier|to be assessed|lien unique|single link", re.I)
    late = [
        r["id"]
        for r in records.values()
        if r is not change and _day(r["date"]) >= _day(change["date"]) and study.search(str(r))
    ]
    assert not late, late


UPDATE = re.compile(r"mise à jour|\bupdate", re.I)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_incident_after_an_update_links_the_change_it_followed(tmp_path: Path, lang: str) -> None:
    """An incident whose title says it came after an update links, through the form's ``change``
    field, a change record of the kit implemented on or before the incident's day, whose review does
    not say it caused no incident."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    records = _records(root)
    after = [r for r in records.values() if r["artefact"] == "incident-record" and UPDATE.search(str(r["title"]))]
    assert after
    for incident in after:
        cid = str(incident.get("change"))
        assert cid in records, (incident["id"], cid)
        change = records[cid]
        assert change["artefact"] == "change-record", cid
        assert _day(change["implemented_on"]) <= _day(incident["date"]), (incident["id"], cid)
        assert not re.search(r"aucun incident|no incident", str(change.get("review"))), (cid, change.get("review"))
