"""Issue 17, eleventh round: the demo's reports and prose agree with its records whatever the day
it is built.

The demo moves every date of the example kit so that its history ends on the day it is built. The
monthly reports (RAP service reports, DIS availability reports) must then say what the records of
their month say (counts, incidents on time, outages, downtime, availability, the incidents cited);
prose must not name a month without a year that the move leaves behind; the supplier records tell
one story; a problem cited for a subject is the problem about that subject.

The checks here recompute the figures from the records on their own (they do not call the demo's
functions), from SLA-001 of the example kits: P1 4 hours, P2 one day, P3 two days, P4 five days;
90 % on time; hosting 99.5 % available; hosting is down while a major hosting incident lasts."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import demo_kit

from trousse.yamlio import load_plain

DAYS = [dt.date(2026, 11, 30), dt.date(2027, 1, 9), dt.date(2027, 3, 15), dt.date(2027, 5, 31)]
BUILDS = [(lang, day) for lang in ("fr", "en") for day in DAYS]
LIMIT = {"P1": 4 * 60, "P2": 24 * 60, "P3": 48 * 60, "P4": 120 * 60}
ID = re.compile(r"\b([A-Z]{2,4}-\d{4}-\d{3,4})\b")


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, dt.date], Path]:
    """Each (language, day) of BUILDS built once for the module."""
    return {(lang, day): demo_kit(tmp_path_factory.mktemp(f"{lang}-{day}"), lang, day) for lang, day in BUILDS}


def _records(root: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((root / "records").rglob("*.yml")):
        data = load_plain(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("id"):
            out[str(data["id"])] = data
    return out


def _minutes(inc: dict) -> int | None:
    if not inc.get("resolved_at"):
        return None
    fmt = "%Y-%m-%d %H:%M"
    opened = dt.datetime.strptime(str(inc["opened_at"]), fmt)
    return int((dt.datetime.strptime(str(inc["resolved_at"]), fmt) - opened).total_seconds() // 60)


def _month(records: dict[str, dict], period: str, hosting: str) -> dict:
    incs = [r for r in records.values() if r["artefact"] == "incident-record" and str(r["date"]).startswith(period)]
    late = sorted(r["id"] for r in incs if (m := _minutes(r)) is not None and m > LIMIT[r["priority"]])
    down = sorted(r["id"] for r in incs if r.get("major") and r["service"] == hosting and _minutes(r) is not None)
    downtime = sum(_minutes(records[i]) or 0 for i in down)
    year, month = map(int, period.split("-"))
    avail = round(100 - downtime * 100 / (calendar.monthrange(year, month)[1] * 1440), 2)
    backups = sorted(r["id"] for r in incs if str(r["category"]).lower() in ("sauvegarde", "backup"))
    ids = {r["id"] for r in incs}
    ok = len(incs) - len(late)
    met = avail >= 99.5 and (not incs or ok / len(incs) >= 0.9) and not backups
    major = {r["id"] for r in incs if r.get("major")}
    return dict(major=major, ids=ids, n=len(incs), ok=ok, late=late, down=down, downtime=downtime, avail=avail, met=met)


@pytest.mark.parametrize(("lang", "day"), BUILDS, ids=[f"{lang}-{day}" for lang, day in BUILDS])
def test_monthly_reports_agree_with_the_records_of_their_month(
    kits: dict[tuple[str, dt.date], Path], lang: str, day: dt.date
) -> None:
    records = _records(kits[(lang, day)])
    dis = [r for r in records.values() if r["artefact"] == "availability-report"]
    rap = [r for r in records.values() if r["artefact"] == "service-report"]
    assert dis and rap
    hosting = dis[0]["service"]
    wrong = []
    for r in dis:
        m = _month(records, str(r["period"]), hosting)
        cited = {i for i in ID.findall(r["analysis"]) if i.startswith(("INC-", "IN-"))}
        if r["downtime_minutes"] != m["downtime"] or r["measured_percent"] != m["avail"]:
            wrong.append((r["id"], r["period"], r["downtime_minutes"], r["measured_percent"], m))
        if cited != set(m["down"]):
            wrong.append((r["id"], r["period"], "cites", sorted(cited), m["down"]))
    for r in rap:
        m = _month(records, str(r["period"]), hosting)
        trends = str(r["trends"])
        cited = {i for i in ID.findall(trends) if records.get(i, {}).get("artefact") == "incident-record"}
        if not cited <= m["ids"]:
            wrong.append((r["id"], r["period"], "cites outside its month", sorted(cited - m["ids"])))
        if (r["incidents"], r["availability_percent"], r["targets_met"]) != (m["n"], m["avail"], m["met"]):
            wrong.append((r["id"], r["period"], r["incidents"], r["availability_percent"], r["targets_met"], m))
        for ok, total in re.findall(r"(\d+) (?:sur|of) (\d+)", trends):
            if (int(ok), int(total)) != (m["ok"], m["n"]):
                wrong.append((r["id"], r["period"], f"{ok}/{total}", m))
        if not m["met"] and m["late"] and m["n"] and m["ok"] / m["n"] < 0.9 and not set(m["late"]) <= cited:
            wrong.append((r["id"], r["period"], "late ones not named", m["late"]))
        if not m["major"] <= cited:
            wrong.append((r["id"], r["period"], "major incidents not named", sorted(m["major"])))
        if m["down"] and m["avail"] < 99.5 and not set(m["down"]) <= cited:
            wrong.append((r["id"], r["period"], "outages not named", m["down"]))
    assert not wrong, wrong


MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "en": "January February March April May June July August September October November December".split(),
}
PLAN_DAY = dt.date(2027, 3, 15)  # four months after the kit's own day (2026-11-23), eight days back


def _bare(lang: str) -> re.Pattern[str]:
    """A month named without a year after it (on the same line or the next)."""
    words = "|".join(MONTHS[lang])
    return re.compile(rf"(?<![\w-])({words})(?![\w-])(?!\s+20\d\d)", re.I if lang == "fr" else 0)


def _prose_files(root: Path) -> list[Path]:
    return sorted([*(root / "documents").rglob("*.md"), *(root / "processes").rglob("*.md")])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_months_named_in_documents_and_processes_move_with_the_dates(
    kits: dict[tuple[str, dt.date], Path], lang: str
) -> None:
    """Built four months after the kit's day, every month a document or process names without its
    year (a plan: "the reviews of June and November") is the example's month four months on; a
    line naming a past event (a revision row, a review, an audit) names its record, and a month it
    still names is the month of a record it cites."""
    from test_fidelity_round9 import _months_of

    from trousse.resources import examples_root

    root = kits[(lang, PLAN_DAY)]
    bare = _bare(lang)
    names = [m.lower() for m in MONTHS[lang]]
    months = _months_of(root)
    bad, seen = [], 0
    for path in _prose_files(root):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        example = (examples_root() / lang / rel).read_text(encoding="utf-8")
        now = [names.index(m.lower()) for m in bare.findall(text)]
        then = [names.index(m.lower()) for m in bare.findall(example)]
        seen += len(now)
        if now != [(i + 4) % 12 for i in then]:
            bad.append(f"{rel}: {[names[i] for i in then]} -> {[names[i] for i in now]}")
        for line in text.splitlines():
            cited = {i for i in ID.findall(line) if i in months}
            for m in bare.finditer(line):
                if cited and names.index(m[1].lower()) + 1 not in {mo for c in cited for _, mo in months[c]}:
                    bad.append(f"{rel}: «{m[0]}» not the month of {sorted(cited)}: {line[:120]}")
    assert seen > 20
    said = ("revue de direction de novembre", "depuis août", "à partir de juillet", "janvier-")
    said += ("November management review", "since August", "from July", "January-")
    for path in _prose_files(root):
        for phrase in said:
            if phrase in path.read_text(encoding="utf-8"):
                bad.append(f"{path.relative_to(root)}: «{phrase}»")
    assert not bad, "\n".join(bad)


ACTION = re.compile(r"(?<![\w-])(ACT-\d{4}-\d{3,4})(?![\w-])")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_record_or_audit_cites_an_action_opened_after_it(kits: dict[tuple[str, dt.date], Path], lang: str) -> None:
    root = kits[(lang, DAYS[0])]
    opened = {}
    for path in (root / "actions").glob("*.yml"):
        data = load_plain(path.read_text(encoding="utf-8"))
        opened[str(data["id"])] = dt.date.fromisoformat(str(data.get("opened_on") or data.get("date"))[:10])
    bad, seen = [], 0
    for folder in ("records", "audits"):
        for path in sorted((root / folder).rglob("*.yml")):
            text = path.read_text(encoding="utf-8")
            data = load_plain(text)
            if not isinstance(data, dict) or not data.get("date"):
                continue
            day = dt.date.fromisoformat(str(data["date"])[:10])
            for action in set(ACTION.findall(text)) & set(opened):
                seen += 1
                if opened[action] > day:
                    bad.append(f"{path.relative_to(root)} ({day}) cites {action} opened {opened[action]}")
    assert seen > 5 and not bad, bad


def _git(root: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_network_operator_story_holds_together(kits: dict[tuple[str, dt.date], Path], lang: str) -> None:
    """The register first assumed a 4-hour restoration time for the network operator; the supplier
    review measured the outage against it; the mock audit found the contract sets none (AUD-2026-02-F3,
    evidence the review); ACT-2026-004 was opened after the audit; the register's 1.1 corrects it."""
    root = kits[(lang, DAYS[0])]
    operator, none_, four = {"fr": ("Fibréo Pro", "aucun", "4 heures"), "en": ("WestLink Fibre", "none", "4 hours")}[
        lang
    ]
    review_id = {"fr": "SUP-2026-0003", "en": "RFO-2026-0003"}[lang]
    register = "documents/supplier-register.md"
    shas = _git(root, "log", "--format=%H", "--reverse", "--", register).split()
    assert len(shas) >= 2

    def row(sha: str) -> str:
        text = _git(root, "show", f"{sha}:{register}")
        return next(line for line in text.splitlines() if line.startswith(f"| {operator} |")).lower()

    first, last = row(shas[0]), row(shas[-1])
    assert four in first and none_ not in first, first
    assert none_ in last and four not in last, last
    review = load_plain(next((root / "records").rglob(f"{review_id}.yml")).read_text(encoding="utf-8"))
    assert four in str(review["performance"]) and none_ not in str(review["performance"]).lower(), review
    audit = load_plain((root / "audits" / "AUD-2026-02.yml").read_text(encoding="utf-8"))
    f3 = next(f for f in audit["findings"] if f["id"] == "AUD-2026-02-F3")
    assert review_id in f3["statement"] and four in f3["statement"], f3
    assert dt.date.fromisoformat(str(review["date"])) < dt.date.fromisoformat(str(audit["date"]))


TOPICS = {
    "fr": {
        "PRB-2026-0001": ("disque",),
        "PRB-2026-0002": ("sauvegarde", "coffre"),
        "PRB-2026-0003": ("lien", "baie"),
        "PRB-2026-0004": ("hameçonnage",),
    },
    "en": {
        "PRB-2026-0001": ("disk",),
        "PRB-2026-0002": ("backup", "vault"),
        "PRB-2026-0003": ("link", "rack"),
        "PRB-2026-0004": ("phishing",),
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_cited_problem_is_the_problem_of_the_subject(kits: dict[tuple[str, dt.date], Path], lang: str) -> None:
    """Every problem a file of the demo cites exists, and the clause citing it does not speak of
    another problem's subject without its own (phishing is PRB-2026-0004, not the rack's link)."""
    root = kits[(lang, DAYS[0])]
    topics = TOPICS[lang]
    titles = {}
    for path in (root / "records").rglob("*.yml"):
        data = load_plain(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("artefact") == "problem-record":
            titles[str(data["id"])] = str(data["title"]).lower()
    assert set(titles) == set(topics)
    assert all(any(w in titles[p] for w in words) for p, words in topics.items()), titles
    bad, seen = [], 0
    for path in sorted(
        p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts and p.suffix in (".md", ".yml")
    ):
        for line in path.read_text(encoding="utf-8").splitlines():
            for clause in re.split(r" ; |; |\. |\|", line):
                for cited in re.findall(r"PRB-\d{4}-\d{4}", clause):
                    seen += 1
                    if cited not in titles:
                        bad.append(f"{path.relative_to(root)}: {cited} does not exist")
                        continue
                    low = clause.lower()
                    own = any(re.search(rf"(?<!\w){w}", low) for w in topics[cited])
                    other = [
                        p
                        for p, words in topics.items()
                        if p != cited and any(re.search(rf"(?<!\w){w}", low) for w in words)
                    ]
                    if other and not own:
                        bad.append(f"{path.relative_to(root)}: {cited} ({titles[cited]}) for «{clause.strip()[:100]}»")
    assert seen > 20 and not bad, "\n".join(bad)


FIXED_HOLIDAYS = {
    "fr": {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)},
    "en": {(1, 1), (12, 25), (12, 26)},
}


@pytest.mark.parametrize(("lang", "day"), BUILDS, ids=[f"{lang}-{day}" for lang, day in BUILDS])
def test_no_due_date_on_a_weekend_or_a_public_holiday(
    kits: dict[tuple[str, dt.date], Path], lang: str, day: dt.date
) -> None:
    root = kits[(lang, day)]
    bad, seen = [], 0
    for folder in ("actions", "records", "audits"):
        for path in sorted((root / folder).rglob("*.yml")):
            for due in re.findall(
                r"^\s*(?:- )?due:\s*[\"']?(\d{4}-\d{2}-\d{2})", path.read_text(encoding="utf-8"), re.M
            ):
                seen += 1
                when = dt.date.fromisoformat(due)
                if when.weekday() >= 5 or (when.month, when.day) in FIXED_HOLIDAYS[lang]:
                    bad.append(f"{path.relative_to(root)}: due {due} ({when:%A})")
    assert seen > 10 and not bad, bad


@pytest.mark.parametrize(("lang", "day"), BUILDS, ids=[f"{lang}-{day}" for lang, day in BUILDS])
def test_service_reviews_agree_with_the_records_of_their_quarter(
    kits: dict[tuple[str, dt.date], Path], lang: str, day: dt.date
) -> None:
    """A quarterly service review counts its customer's incidents (and the hosting ones nobody
    reported) of the three months before it, quotes each availability report as it stands, names
    the major incidents; a customer holding the security service has it among the reviewed."""
    root = kits[(lang, day)]
    records = _records(root)
    customers = load_plain((root / "organisation" / "customers.yml").read_text(encoding="utf-8"))["customers"]
    holds = {c["name"]: set(c.get("services") or []) for c in customers}
    hosting = next(r for r in records.values() if r["artefact"] == "availability-report")["service"]
    opened_security = records["CHG-2026-0004"]["implemented_on"]  # the security service opened
    wrong, seen = [], 0
    for r in records.values():
        if r["artefact"] != "service-review-record":
            continue
        seen += 1
        when = dt.date.fromisoformat(str(r["date"]))
        index = when.year * 12 + when.month - 1
        start = f"{(index - 3) // 12}-{(index - 3) % 12 + 1:02d}"
        incs = [
            i
            for i in records.values()
            if i["artefact"] == "incident-record"
            and start <= str(i["date"])[:7]
            and str(i["date"]) < str(r["date"])
            and (
                str(i["reported_by"]).endswith(f"({r['customer']})")
                or ("(" not in str(i["reported_by"]) and i["service"] == hosting)
            )
        ]
        late = [i for i in incs if (m := _minutes(i)) is not None and m > LIMIT[i["priority"]]]
        perf = str(r["performance"])
        for ok, total in re.findall(r"(\d+) (?:sur|of) (\d+)", perf):
            if (int(ok), int(total)) != (len(incs) - len(late), len(incs)):
                wrong.append((r["id"], f"{ok}/{total}", len(incs) - len(late), len(incs)))
        for pct, dis in re.findall(r"([\d.,]+) ?% \((DIS-\d{4}-\d{4}|AV-\d{4}-\d{4}|[A-Z]{2,4}-\d{4}-\d{4})\)", perf):
            if dis in records and float(pct.replace(",", ".")) != float(records[dis]["measured_percent"]):
                wrong.append((r["id"], dis, pct, records[dis]["measured_percent"]))
        majors = {i["id"] for i in incs if i.get("major")}
        named = {i for i in ID.findall(perf) if records.get(i, {}).get("artefact") == "incident-record"}
        if majors != named:
            wrong.append((r["id"], "majors", sorted(majors), sorted(named)))
        security = holds.get(r["customer"], set()) & {"SVC-SECURITE", "SVC-SECURITY"}
        if str(r["date"]) > str(opened_security) and not security <= set(r["services"]):
            wrong.append((r["id"], "services", r["services"]))
    assert seen >= 4 and not wrong, wrong


@pytest.mark.parametrize(("lang", "day"), BUILDS, ids=[f"{lang}-{day}" for lang, day in BUILDS])
def test_management_reviews_name_the_reports_that_missed(
    kits: dict[tuple[str, dt.date], Path], lang: str, day: dt.date
) -> None:
    """A management review that reviews the service reports names exactly those issued before it
    that missed the SLA, and exactly the availability reports below target."""
    records = _records(kits[(lang, day)])
    wrong, seen = [], 0
    for r in records.values():
        if r["artefact"] != "management-review-record":
            continue
        before = [x for x in records.values() if str(x.get("date")) < str(r["date"])]
        perf, met = str(r.get("service_performance", "")), str(r.get("objectives_met", ""))
        if perf.startswith(("Rapports de service", "Service reports")):
            seen += 1
            rest = perf.split(":", 1)[1]  # after the range "RAP-A to RAP-B:"
            named = {i for i in ID.findall(rest) if records.get(i, {}).get("artefact") == "service-report"}
            missed = {x["id"] for x in before if x["artefact"] == "service-report" and not x["targets_met"]}
            if named != missed:
                wrong.append((r["id"], sorted(named), sorted(missed)))
        if met.startswith(("Disponibilité de l'hébergement", "Hosting availability")):
            seen += 1
            named = {i for i in ID.findall(met) if records.get(i, {}).get("artefact") == "availability-report"}
            below = {x["id"] for x in before if x["artefact"] == "availability-report" and x["measured_percent"] < 99.5}
            if named != below:
                wrong.append((r["id"], sorted(named), sorted(below)))
    assert seen >= 2 and not wrong, wrong


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


@pytest.mark.parametrize(("lang", "day"), BUILDS, ids=[f"{lang}-{day}" for lang, day in BUILDS])
def test_a_service_review_cites_only_reports_issued_before_it(
    kits: dict[tuple[str, dt.date], Path], lang: str, day: dt.date
) -> None:
    """Review 17g: on some build days a quarterly service review quoted the monthly reports of its
    quarter that were written after it."""
    records = _records(kits[(lang, day)])
    reports = {k: v for k, v in records.items() if v["artefact"] in ("service-report", "availability-report")}
    reviews = [r for r in records.values() if r["artefact"] == "service-review-record"]
    assert reviews and reports
    later = [
        (review["id"], cited, str(reports[cited]["date"]))
        for review in reviews
        for text in _texts({k: v for k, v in review.items() if k != "id"})
        for cited in ID.findall(text)
        if cited in reports and str(reports[cited]["date"]) > str(review["date"])
    ]
    assert later == [], later
