"""Issue 17, eighth round: the demo's history is sound on every day, not only at its end.

`check --as-of` on the 15th and the last day of each month finds no error but the kinds of record
the firm has not yet had the occasion to keep (CMP004); process descriptions say how the firm works,
never what happened later; the service reports count the incident records of their month; the
held management reviews fill the form's per-input fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import check_json, demo_kit, git

from trousse.demo import ANCHOR


def _first_record_of_each_kind(root: Path) -> dict[str, dt.date]:
    """artefact type -> the day of the kit's first record of that type."""
    first: dict[str, dt.date] = {}
    for path in sorted((root / "records").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        art = re.search(r"^artefact:\s*(\S+)", text, re.M)
        day = re.search(r"^date:\s*[\"']?(\d{4}-\d{2}-\d{2})", text, re.M)
        if art and day:
            when = dt.date.fromisoformat(day[1])
            first[art[1]] = min(first.get(art[1], when), when)
    return first


def _days() -> list[dt.date]:
    """The 15th and the last day of each month from June to the kit's last month."""
    days = []
    for month in range(6, ANCHOR.month + 1):
        days.append(dt.date(2026, month, 15))
        days.append(dt.date(2026, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(2026, 12, 31))
    return [d for d in days if d <= ANCHOR]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_as_of_mid_and_end_of_each_month_finds_no_error(tmp_path: Path, lang: str) -> None:
    """`check --as-of` on the 15th and the last day of each month from June: no finding at error
    severity, but CMP004 for a kind of record whose first one in the kit comes after that day (a
    firm two weeks old has held no audit yet)."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    first = _first_record_of_each_kind(root)
    bad = []
    for day in _days():
        _, data = check_json(root, "--as-of", day.isoformat())
        for f in data["findings"]:
            if f["severity"] != "error":
                continue
            if f["rule"] == "CMP004":
                kind = re.search(r"\(([a-z-]+)\)", f["message"])
                if kind and kind[1] in first and first[kind[1]] > day:
                    continue
            bad.append((day.isoformat(), f["rule"], f["path"], f["message"][:120]))
    assert not bad, "\n".join(map(str, bad))


# A process description states how the firm works: a month it names is a standing calendar
# ("chaque année en mai", "two reviews a year, in June and November") or a programme, never an event.
CALENDAR = {
    "fr": ("par an", "chaque", "calendrier", "programme", "cycle"),
    "en": ("a year", "each", "every", "calendar", "programme", "cycle"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_process_descriptions_tell_no_later_event(tmp_path: Path, lang: str) -> None:
    """Every committed version of every processes/*.md cites no record, action, audit or finding
    dated after its commit, and names a month after it (up to the kit's last month) only in a
    sentence that states a standing calendar or programme; nor the security service, added by a
    change after the descriptions were approved."""
    from test_fidelity_round7 import MONTHS, _dated_ids

    root = demo_kit(tmp_path, lang, ANCHOR)
    ids = _dated_ids(root)
    id_re = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])")
    names = MONTHS[lang]
    month_re = re.compile(r"(?<!\w)(" + "|".join(names) + r")(?: (20\d\d))?(?!\w)", re.I if lang == "fr" else 0)
    security = {"fr": "sécurité des postes", "en": "workstation security"}[lang]
    found = []
    log = git(root, "log", "--reverse", "--format=%H %ad", "--date=short", "--", "processes")
    for line in log.splitlines():
        commit, day_text = line.split()
        day = dt.date.fromisoformat(day_text)
        for path in git(root, "show", "--name-only", "--format=", commit, "--", "processes").split():
            for n, row in enumerate(git(root, "show", f"{commit}:{path}").splitlines(), 1):
                for m in id_re.finditer(row):
                    if ids[m[1]] > day:
                        found.append(f"{day} {path}:{n} {m[1]}: {row.strip()[:100]}")
                if security in row.lower() and day < dt.date(2026, 7, 13):
                    found.append(f"{day} {path}:{n} «{security}»: {row.strip()[:100]}")
                if any(word in row.lower() for word in CALENDAR[lang]):
                    continue
                for m in month_re.finditer(row):
                    month = [x.lower() for x in names].index(m[1].lower()) + 1
                    year = int(m[2]) if m[2] else day.year
                    if (day.year, day.month) < (year, month) <= (ANCHOR.year, ANCHOR.month):
                        found.append(f"{day} {path}:{n} «{m[0]}»: {row.strip()[:100]}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_scope_document_counts_the_services_of_its_table(tmp_path: Path, lang: str) -> None:
    """Each committed version of the scope document says as many services as its table lists."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    words = {
        "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5},
        "en": {"two": 2, "three": 3, "four": 4, "five": 5},
    }[lang]
    said_re = re.compile(r"\b(" + "|".join(words) + r")\s+services", re.I)
    rel = "documents/sms-scope.md"
    log = git(root, "log", "--reverse", "--format=%H", "--", rel).split()
    assert len(log) >= 2
    for commit in log:
        text = git(root, "show", f"{commit}:{rel}")
        rows = len(re.findall(r"^\|[^|\n]*\(SVC-[A-Z-]+\)", text, re.M))
        said = [words[m[1].lower()] for m in said_re.finditer(text)]
        assert said and set(said) == {rows}, (commit, said, rows)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_audit_findings_name_the_months_of_their_evidence(tmp_path: Path, lang: str) -> None:
    """Built a week after the kit's own day (every date moves), a month an audit finding's statement
    names is the month of one of the records it gives as evidence: prose does not pin an event to a
    month its record has left."""
    from test_fidelity_round7 import MONTHS

    root = demo_kit(tmp_path, lang, ANCHOR + dt.timedelta(days=7))
    names = [m.lower() for m in MONTHS[lang]]
    month_re = re.compile(r"(?<!\w)(" + "|".join(MONTHS[lang]) + r")(?!\w)", re.I if lang == "fr" else 0)
    found, seen = [], 0
    for path in sorted((root / "audits").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"\n  - id: ", text)[1:]:
            statement = re.search(r"statement: >-\n((?:      .*\n)+)", block)
            evidence = re.search(r"evidence: \[([^\]]*)\]", block)
            if not (statement and evidence):
                continue
            seen += 1
            months = set()
            for rel in evidence[1].split(","):
                target = root / rel.strip()
                day = re.search(r"^date:\s*(\d{4}-\d{2})", target.read_text(encoding="utf-8"), re.M)
                if day:
                    months.add(int(day[1][5:]))
            for m in month_re.finditer(statement[1]):
                if names.index(m[1].lower()) + 1 not in months:
                    found.append(f"{path.name} {block.split()[0]}: «{m[0]}» vs {sorted(months)}")
    assert seen >= 3
    assert not found, found


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("late", [0, 7])
def test_service_reports_count_the_records_of_their_month(tmp_path: Path, lang: str, late: int) -> None:
    """Built on the kit's own day and a week later (records move across month ends), each monthly
    service report counts the incident, request and change records of its period, and its comment
    compares its incidents with the month before's, going up, down or steady as the figures do."""
    root = demo_kit(tmp_path, lang, ANCHOR + dt.timedelta(days=late))
    per_month: dict[tuple[str, str], int] = {}
    for path in (root / "records").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        art = re.search(r"^artefact:\s*(\S+)", text, re.M)
        day = re.search(r"^date:\s*(\d{4}-\d{2})", text, re.M)
        if art and day:
            per_month[(art[1], day[1])] = per_month.get((art[1], day[1]), 0) + 1
    kinds = {"incidents": "incident-record", "requests": "service-request-record", "changes": "change-record"}
    reports = sorted((root / "records" / "rep").glob("*.yml"))
    assert len(reports) >= 4
    before = None
    words = {"fr": ("hausse", "baisse", "stables"), "en": ("More", "Fewer", "steady")}[lang]
    for path in reports:
        text = path.read_text(encoding="utf-8")
        period = re.search(r'^period: "?(\d{4}-\d{2})', text, re.M)[1]
        for key, art in kinds.items():
            said = int(re.search(rf"^{key}: (\d+)$", text, re.M)[1])
            assert said == per_month.get((art, period), 0), (path.name, key, said)
        inc = per_month.get(("incident-record", period), 0)
        trends = re.search(r"^trends: (.*)$", text, re.M)[1]
        if inc == 0:
            assert trends.startswith(("Aucun incident", "No incident")), (path.name, trends)
            before = inc
            continue
        assert str(inc) in trends.split(".")[0], (path.name, trends)
        if before is not None:
            word = words[0] if inc > before else words[1] if inc < before else words[2]
            assert word in trends.split(".")[0], (path.name, inc, before, trends)
        before = inc


def _fields(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^(\w+):\s*"?([^"\n]*)"?$', path.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_supplier_reviews_register_and_availability_agree(tmp_path: Path, lang: str) -> None:
    """A supplier review's contract is that supplier's; each review the supplier register cites is
    a review of the supplier of its row; a P1 hosting incident (an outage) is cited, with its minutes,
    by its month's availability report, and none lasts beyond 4 h without being major."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    reviews = {}
    for path in (root / "records").rglob("*.yml"):
        f = _fields(path)
        if f.get("artefact") == "supplier-review-record":
            reviews[f["id"]] = f
            if f.get("contract") and f["contract"] != "null":
                contract = next(
                    p for p in (root / "documents").rglob("*.md") if f"id: {f['contract']}" in p.read_text()
                )
                heading = re.search(r"^# .*$", contract.read_text(encoding="utf-8").split("\n---\n", 1)[-1], re.M)
                assert heading and f["supplier"].split(" (")[0] in heading[0], (f["id"], contract)
    register = next(p for p in (root / "documents").rglob("*.md") if "artefact: supplier-register" in p.read_text())
    cited = 0
    for row in register.read_text(encoding="utf-8").splitlines():
        for rid in re.findall(r"\((\w+-2026-\d{4})\)", row):
            if rid in reviews or row.startswith("|"):
                assert rid in reviews, (rid, row)
                assert row.split("|")[1].strip() == reviews[rid]["supplier"], (rid, row)
                cited += 1
    assert cited >= 3
    reports = {}
    for path in (root / "records").rglob("*.yml"):
        f = _fields(path)
        if f.get("artefact") == "availability-report":
            reports[f["period"]] = f
    for path in sorted((root / "records" / "inc").glob("*.yml")):
        f = _fields(path)
        if f.get("status") != "closed" or "hosting" not in f["service"].lower() and "HEBERG" not in f["service"]:
            continue
        opened, resolved = (dt.datetime.fromisoformat(f[k]) for k in ("opened_at", "resolved_at"))
        minutes = (resolved - opened).total_seconds() / 60
        if f["priority"] != "P1":  # an outage of the hosting, not a degraded part of it
            continue
        if minutes > 240:
            assert f.get("major") == "true", f["id"]
        if f["date"][:7] in reports:
            report = reports[f["date"][:7]]
            assert f["id"] in report["analysis"], (f["id"], report["analysis"])
            assert int(report["downtime_minutes"]) >= minutes, (f["id"], report["downtime_minutes"], minutes)


INPUTS = (
    "previous_actions",
    "context_changes",
    "customer_feedback",
    "objectives_met",
    "service_performance",
    "nonconformities",
    "measurement_results",
    "audit_results",
    "supplier_performance",
    "resources",
    "risks_opportunities",
    "improvement_opportunities",
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_held_reviews_fill_each_input_and_agree_with_the_documents(tmp_path: Path, lang: str) -> None:
    """Each held management review fills every input field of the form (not one summary line); a
    review on the day a document is revised does not announce that revision for later; and the
    context document says the climate issue is treated in the risk register only if it is."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    reviews = sorted(
        p for p in (root / "records").rglob("*.yml") if "artefact: management-review-record" in p.read_text()
    )
    assert len(reviews) >= 2
    plan = (root / "documents" / "continuity-plan.md").read_text(encoding="utf-8")
    revised = set(re.findall(r"^\| 1\.\d \| (\d{4}-\d{2}-\d{2}) \|", plan, re.M))
    assert revised
    for path in reviews:
        f = _fields(path)
        missing = [k for k in INPUTS if not f.get(k, "").strip() or f[k] == "null"]
        assert not missing, (path.name, missing)
        assert "inputs_reviewed" not in f, path.name
        if f["date"] in revised:
            assert not re.search(r"sera révisé|will be revised", path.read_text(encoding="utf-8")), path.name
    context = next(p for p in (root / "documents").rglob("*.md") if "artefact: context-analysis" in p.read_text())
    risks = next(p for p in (root / "documents").rglob("*.md") if "artefact: risk-register" in p.read_text())
    climate = {"fr": r"canicule|crue", "en": r"heat wave|flood"}[lang]
    treated = {"fr": "sont traités dans le registre des risques", "en": "covered in the risk register"}[lang]
    if re.search(treated, re.sub(r"\s+", " ", context.read_text(encoding="utf-8"))):
        assert re.search(climate, risks.read_text(encoding="utf-8"), re.I), risks
