"""`trousse demo`: the example kit as a git repository whose commits carry the records' dates.

The example kits under ``examples/<lang>/`` are written as of :data:`ANCHOR`. The demo moves every
date so that the history ends today, then builds the history in one ``git fast-import`` stream: a
first commit with the kit's structure (processes, documents, roles...) a few days before the first
record, then each record, audit and action committed on its date, by one of the firm's people: an
action as opened on its ``opened_on``, then done and verified on those days; a record resolved after
its date first in progress; each revision of a document on the day of its version.

Dates move by whole calendar months, then by the difference of the days of the month: a record
type filed on the same day every month (or quarter) keeps one record per month (or quarter), which
a plain shift by a number of days would not guarantee.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trousse import i18n
from trousse.errors import ConfigError
from trousse.evidence.dates import add_months
from trousse.gitio import DatedCommit, GitCommandError, import_history
from trousse.resources import examples_root
from trousse.shipped import WriteFailed, refuse_overwrite, write_new
from trousse.yamlio import YamlProblem, load_plain

ANCHOR = dt.date(2026, 11, 23)
RECORDED = ".trousse/"  # init's answers and rendering (base/), never moved
"""The day the example kits are written for: their last record is on or before it."""

DATED_FOLDERS = ("records/", "audits/", "actions/")
TEXT_SUFFIXES = (".yml", ".yaml", ".md", ".txt", ".csv", ".j2")
ZONES = {"fr": "Europe/Paris", "en": "Europe/London"}


MONTHS = i18n.MONTHS  # month names as prose writes them (shifted with the demo's day)
_MONTH_YEAR = re.compile(
    r"\b("
    + "|".join(sorted({m for names in MONTHS.values() for m in names}, key=len, reverse=True))
    + r")(\s+)(20\d\d)\b",
    re.I,
)
# A month named without its year ("la revue de juin", "each May"): French in any case, English with
# its capital only ("may" is a verb). Outside the dated folders it is a plan and moves by the months.
_BARE_MONTH = re.compile(
    r"(?<![\w-])((?i:" + "|".join(MONTHS["fr"]) + r")|" + "|".join(MONTHS["en"]) + r")(?![\w-])(?!\s+20\d\d)"
)
_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_PERIOD_LINE = re.compile(r"^(period:\s*[\"']?)(\d{4})-(\d{2}|[QT][1-4])([\"']?\s*(?:#.*)?)$", re.M)
_TOP_KEY = re.compile(r"^(date|opened_on|done_on|verified_on|signed_on|end_date):\s*[\"']?(\d{4}-\d{2}-\d{2})", re.M)


@dataclass(frozen=True)
class Shift:
    """Moves a date by whole months, then by a number of days (see the module's docstring)."""

    months: int
    days: int

    @classmethod
    def between(cls, anchor: dt.date, today: dt.date) -> Shift:
        """The shift that moves ``anchor`` to ``today``."""
        return cls((today.year - anchor.year) * 12 + today.month - anchor.month, today.day - anchor.day)

    def __call__(self, day: dt.date) -> dt.date:
        return add_months(day, self.months) + dt.timedelta(days=self.days)


@dataclass
class DemoResult:
    """What `trousse demo` built."""

    root: Path
    files: list[str]
    commits: int
    head: str
    first: dt.date
    last: dt.date
    people: list[str] = field(default_factory=list)


def example_files(lang: str) -> dict[str, bytes]:
    """The example kit of ``lang``: relative path -> content, sorted."""
    if lang not in i18n.LANGUAGES:
        raise ConfigError(i18n.t("demo.bad_lang", value=lang))
    base = examples_root() / lang
    out = {}
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.name != ".DS_Store":
            out[path.relative_to(base).as_posix()] = path.read_bytes()
    return out


def earlier_files(lang: str) -> dict[str, dict[str, bytes]]:
    """Earlier texts of the example kit's files (``examples/earlier/<lang>/<day>/<path>``): path ->
    {day -> the text the file had until that day}."""
    base = examples_root() / "earlier" / lang
    out: dict[str, dict[str, bytes]] = {}
    if not base.is_dir():
        return out
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            day, rel = path.relative_to(base).as_posix().split("/", 1)
            out.setdefault(rel, {})[day] = path.read_bytes()
    return out


_REVISION_ROW = re.compile(r"^\|\s*(\d+\.\d+)\s*\|\s*(\d{4}-\d{2}-\d{2})\s*\|.*$", re.M)


def revision_rows(text: str) -> list[tuple[str, dt.date]]:
    """The rows of a document's revision history table (``| 1.1 | 2026-07-20 | ...``), in order:
    (version, day). The example generator reads them too."""
    return [(m[1], dt.date.fromisoformat(m[2])) for m in _REVISION_ROW.finditer(text)]


def document_versions(text: str) -> list[tuple[dt.date, str]]:
    """The versions of a document with a revision history table, oldest first: (the day of the
    version, the document as it stood then). An earlier version is the document with its
    ``version`` (and ``approved_on`` when it has one) set to that row's and the table cut after
    that row; its body is otherwise today's. One item (today's text, undated) when there is no
    history of two versions or more."""
    rows = list(_REVISION_ROW.finditer(text))
    if len(rows) < 2 or not text.startswith("---\n"):
        return [(dt.date.min, text)]
    versions = []
    for i, row in enumerate(rows):
        if i == len(rows) - 1:
            versions.append((dt.date.fromisoformat(row[2]), text))
            break
        cut = text[: row.end()] + text[rows[-1].end() :]
        _, front, body = cut.split("---\n", 2)
        front = re.sub(r"^version:.*$", f'version: "{row[1]}"', front, count=1, flags=re.M)
        front = re.sub(r"^approved_on:.*$", f"approved_on: {row[2]}", front, count=1, flags=re.M)
        versions.append((dt.date.fromisoformat(row[2]), "---\n" + front + "---\n" + body))
    return versions


def shift_text(text: str, shift: Shift, plans: bool = False) -> str:
    """``text`` with every YYYY-MM-DD date moved by ``shift``, a month named with its year moved by
    its months, and a ``period:`` label (YYYY-MM, YYYY-Qn, YYYY-Tn) moved as far as the file's own
    ``date:``. With ``plans`` (a document, a process: not a record), a month named without its
    year ("the reviews of June and November") moves by the months too: it is a plan of the year,
    which follows the records; a past event is named by its record, never by a bare month."""
    own = _TOP_KEY.search(text)
    moved = _DATE.sub(lambda m: shift(dt.date(int(m[1]), int(m[2]), int(m[3]))).isoformat(), text)
    moved = _MONTH_YEAR.sub(lambda m: _month_year(m, shift.months), moved)
    if plans and shift.months:
        moved = _BARE_MONTH.sub(lambda m: _moved_month(m[1], shift.months)[0], moved)
    if shift.months:  # "de juillet" moved to October is "d'octobre", "d'août" to November "de novembre"
        moved = _ELIDED.sub(lambda m: m[1] + "'" + m[2], moved)
        moved = _NOT_ELIDED.sub(lambda m: m[1] + "e " + m[2], moved)
    if own is None or own.group(1) != "date":
        return moved
    before = dt.date.fromisoformat(own.group(2))
    after = shift(before)
    month_delta = (after.year - before.year) * 12 + after.month - before.month
    quarter_delta = (after.year - before.year) * 4 + (after.month - 1) // 3 - (before.month - 1) // 3

    def label(m: re.Match[str]) -> str:
        year, part = int(m[2]), m[3]
        if part[0] in "QT":
            index = year * 4 + int(part[1]) - 1 + quarter_delta
            new = f"{index // 4}-{part[0]}{index % 4 + 1}"
        else:
            index = year * 12 + int(part) - 1 + month_delta
            new = f"{index // 12}-{index % 12 + 1:02d}"
        return f"{m[1]}{new}{m[4]}"

    return _PERIOD_LINE.sub(label, moved)


_ELIDED = re.compile(r"(?<!\w)([dD])e (avril|août|octobre)(?!\w)", re.I)
_NOT_ELIDED = re.compile(
    r"(?<!\w)([dD])'(janvier|février|mars|mai|juin|juillet|septembre|novembre|décembre)(?!\w)", re.I
)


# Public holidays on a fixed day (month, day): a due date the move puts on one of them, or on a
# weekend, goes to the next working day (no firm sets a deadline on Christmas Day).
HOLIDAYS = {
    "fr": {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)},
    "en": {(1, 1), (12, 25), (12, 26)},
}
_DUE = re.compile(r"^(\s*(?:- )?due:\s*[\"']?)(\d{4}-\d{2}-\d{2})", re.M)


def working_day(day: dt.date, lang: str) -> dt.date:
    """``day``, or the next working day when it is a weekend or a public holiday of ``lang``'s country."""
    holidays = HOLIDAYS.get(lang, HOLIDAYS["fr"])
    while day.weekday() >= 5 or (day.month, day.day) in holidays:
        day += dt.timedelta(days=1)
    return day


def due_on_working_days(text: str, lang: str) -> str:
    """``text`` with each ``due:`` date on a working day (:func:`working_day`)."""
    return _DUE.sub(lambda m: m[1] + working_day(dt.date.fromisoformat(m[2]), lang).isoformat(), text)


def _moved_month(word: str, months: int, year: int = 0) -> tuple[str, int]:
    """Month ``word`` of ``year`` moved by ``months``: the month's name, in its language and with
    its capital, and its year."""
    names = next(names for names in MONTHS.values() if word.lower() in (n.lower() for n in names))
    index = year * 12 + [n.lower() for n in names].index(word.lower()) + months
    new = names[index % 12]
    return (new[0].upper() + new[1:] if word[0].isupper() else new), index // 12


def _month_year(m: re.Match[str], months: int) -> str:
    """A month named in prose ("July 2026", "juillet 2026") moved by ``months``."""
    new, year = _moved_month(m[1], months, int(m[3]))
    return f"{new}{m[2]}{year}"


def _commit_day(path: str, text: str) -> dt.date | None:
    """The day a dated file (record, audit, action) is committed: a record on its ``date``, an audit
    or action on the latest of its top-level dates. A folder's README is part of the structure."""
    if not path.startswith(DATED_FOLDERS) or not path.endswith((".yml", ".yaml")):
        return None
    found = {m.group(1): dt.date.fromisoformat(m.group(2)) for m in _TOP_KEY.finditer(text)}
    if not found:
        return None
    if path.startswith("records/"):
        return found.get("date")
    return max(found.values())


_LATER_KEYS = {
    "open": ("done_on", "verified_on", "verified_by", "effectiveness"),
    "done": ("verified_on", "verified_by", "effectiveness"),
}


def _without(text: str, keys: tuple[str, ...]) -> str:
    """``text`` without the top-level ``keys`` (each line with the lines indented under it)."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line[:1].isspace() and skipping:
            continue
        skipping = any(line.startswith(f"{key}:") for key in keys)
        if not skipping:
            out.append(line)
    return "".join(out)


def action_versions(text: str) -> list[tuple[dt.date, str]]:
    """The versions of an action, oldest first: as opened on its ``opened_on`` (status open), as
    done on its ``done_on`` (status done), then as it stands (on ``verified_on``). One item, on its
    latest date, for an action without ``opened_on`` or that was cancelled."""
    found = {m.group(1): dt.date.fromisoformat(m.group(2)) for m in _TOP_KEY.finditer(text)}
    status = _field(text, "status")
    final = max(found.values()) if found else dt.date.min
    if "opened_on" not in found or status not in ("open", "done", "verified"):
        return [(final, text)]
    versions = []
    if status != "open":
        opened = _without(text, _LATER_KEYS["open"])
        versions.append((found["opened_on"], re.sub(r"^status:.*$", "status: open", opened, count=1, flags=re.M)))
    if status == "verified" and "done_on" in found and "verified_on" in found:
        done = _without(text, _LATER_KEYS["done"])
        versions.append((found["done_on"], re.sub(r"^status:.*$", "status: done", done, count=1, flags=re.M)))
    versions.append((final, text))
    return versions


_RESOLVED = re.compile(r"^resolved_on:\s*[\"']?(\d{4}-\d{2}-\d{2})", re.M)


def _interim_status(text: str) -> str:
    """The status a record resolved later had on its own day: a problem is open, or a known error
    once its cause is known (``known_error: true``); an incident is in progress."""
    if _field(text, "artefact") == "problem-record":
        return "known-error" if _field(text, "known_error") == "true" else "open"
    return "in-progress"


_CITED = re.compile(r"(?<![\w-])([A-Z]{2,4}-\d{4}-\d{3,4})(?![\w-])")
_TOP_LINE = re.compile(r"^([a-z_]+):[ \t]*(.+)$", re.M)


def _without_later(text: str, later: set[str]) -> str:
    """``text`` without its top-level citations of the ids in ``later``: a key whose value is one
    of them is left out, a list ``[A, B]`` loses them."""

    def drop(m: re.Match[str]) -> str:
        key, value = m.group(1), m.group(2).strip()
        if value.strip("'\"") in later:
            return "\0"
        if value.startswith("[") and value.endswith("]"):
            items = [item.strip() for item in value[1:-1].split(",") if item.strip()]
            kept = [item for item in items if item.strip("'\"") not in later]
            if len(kept) != len(items):
                return f"{key}: [{', '.join(kept)}]"
        return m.group(0)

    return _TOP_LINE.sub(drop, text).replace("\0\n", "").replace("\0", "")


def record_versions(text: str, day: dt.date, known: Mapping[str, dt.date] | None = None) -> list[tuple[dt.date, str]]:
    """The versions of a record dated ``day``: one, on that day, unless it was resolved on a later
    day (``resolved_on``) or cites records ``known`` to be dated later (a problem lists an incident
    that recurred after it was opened): then first as it stood on ``day``, still open
    (:func:`_interim_status`) and without those citations, then as it stands on the latest of those
    days."""
    resolved = _RESOLVED.search(text)
    until = dt.date.fromisoformat(resolved.group(1)) if resolved else day
    later = {i: known[i] for i in _CITED.findall(text) if known and i in known and known[i] > day}
    last = max([until, *later.values()])
    if last <= day:
        return [(day, text)]
    opened = _without_later(text, set(later))
    if until > day:
        opened = _without(opened, ("resolved_on", "resolution", "resolved_at", "closed_at"))
        opened = re.sub(r"^status:.*$", "status: " + _interim_status(text), opened, count=1, flags=re.M)
    return [(day, opened), (last, text)]


_COUNTED = {"incidents": "incident-record", "requests": "service-request-record", "changes": "change-record"}
_TRENDS = {
    "fr": (
        "Aucun incident consigné ce mois-ci.",
        "Premier mois suivi : {counted}.",
        "Incidents en hausse : {inc} contre {before}.",
        "Incidents en baisse : {inc} contre {before}.",
        "Incidents stables : {inc}, comme le mois précédent.",
    ),
    "en": (
        "No incident recorded this month.",
        "First month followed: {counted}.",
        "More incidents: {inc} against {before}.",
        "Fewer incidents: {inc} against {before}.",
        "Incidents steady: {inc}, as the month before.",
    ),
}
# SLA-001 of the example kits: resolution within the priority's time (P1 4 hours, P2 one day, P3 two,
# P4 five) for 90 % of the month's incidents, hosting available 99.5 % of the month, every nightly
# backup complete. Hosting is down while a major incident of the hosting service lasts.
SLA_MINUTES = {"P1": 4 * 60, "P2": 24 * 60, "P3": 48 * 60, "P4": 120 * 60}
SLA_ON_TIME = 0.9
SLA_AVAILABILITY = 99.5
_BACKUP = ("sauvegarde", "backup")


def report_trend(lang: str, inc: int, before: int | None) -> str:
    """The first sentence of a demo service report's ``trends``: its incidents against the month
    before."""
    none, first, up, down, steady = _TRENDS["en" if lang == "en" else "fr"]
    if inc == 0:
        return none
    if before is None:
        return first.format(counted=f"{inc} incident" if inc == 1 else f"{inc} incidents")
    return (up if inc > before else down if inc < before else steady).format(inc=inc, before=before)


@dataclass(frozen=True)
class Incident:
    """What a monthly report needs of an incident record."""

    id: str
    day: str
    service: str
    major: bool
    minutes: int | None  # opened_at to resolved_at; None while unresolved
    late: bool
    backup: bool
    problem: str


@dataclass(frozen=True)
class Month:
    """A month's figures against the SLA, from the incident records dated in it."""

    incidents: list[Incident]
    down: list[Incident]  # the major incidents of the hosting service
    downtime: int
    availability: float

    @property
    def late(self) -> list[Incident]:
        return [i for i in self.incidents if i.late]

    @property
    def backups(self) -> list[Incident]:
        return [i for i in self.incidents if i.backup]

    @property
    def on_time(self) -> int:
        return len(self.incidents) - len(self.late)

    @property
    def targets_met(self) -> bool:
        total = len(self.incidents)
        return (
            self.availability >= SLA_AVAILABILITY
            and (not total or self.on_time / total >= SLA_ON_TIME)
            and not self.backups
        )


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        return None


def incidents_of(files: Mapping[str, str]) -> list[Incident]:
    """The incident records of the kit, by id."""
    out = []
    for path, text in sorted(files.items()):
        if not path.startswith("records/") or _field(text, "artefact") != "incident-record":
            continue
        opened, resolved = _stamp(_field(text, "opened_at")), _stamp(_field(text, "resolved_at"))
        minutes = int((resolved - opened).total_seconds() // 60) if opened and resolved else None
        limit = SLA_MINUTES.get(_field(text, "priority"))
        out.append(
            Incident(
                _field(text, "id"),
                _field(text, "date"),
                _field(text, "service"),
                _field(text, "major") == "true",
                minutes,
                minutes is not None and limit is not None and minutes > limit,
                _field(text, "category").lower() in _BACKUP,
                _field(text, "problem"),
            )
        )
    return sorted(out, key=lambda i: i.id)


def month_figures(incidents: list[Incident], period: str, hosting: str) -> Month:
    """The figures of month ``period`` (YYYY-MM) from ``incidents``: those dated in it, the major
    outages of ``hosting`` and their minutes, the availability of the month."""
    import calendar

    mine = [i for i in incidents if i.day.startswith(period)]
    down = [i for i in mine if i.service == hosting and i.major and i.minutes is not None]
    minutes = sum(i.minutes or 0 for i in down)
    year, month = map(int, period.split("-"))
    total = calendar.monthrange(year, month)[1] * 24 * 60
    return Month(mine, down, minutes, round(100 - minutes * 100 / total, 2))


def _pct(value: float, lang: str) -> str:
    text = f"{value:g}"
    return (text.replace(".", ",") + " %") if lang == "fr" else text + "%"


def _ids(items: list[Incident]) -> str:
    return ", ".join(i.id for i in items)


def on_time_sentence(ok: int, total: int, lang: str) -> str:
    """ "Incidents resolved within their priority's time: ok of total (target 90%)", lower case."""
    if lang == "fr":
        return f"incidents résolus dans le délai de leur priorité : {ok} sur {total} (objectif 90 %)"
    return f"incidents resolved within their priority's time: {ok} of {total} (target 90%)"


def report_gaps(month: Month, lang: str) -> list[str]:
    """The sentences naming each SLA target a month missed, with the records that show it."""
    out = []
    fr = lang != "en"
    if month.availability < SLA_AVAILABILITY:
        out.append(
            f"Disponibilité {_pct(month.availability, 'fr')}, sous l'objectif de 99,5 % ({_ids(month.down)})."
            if fr
            else f"Availability {_pct(month.availability, 'en')}, below the 99.5% target ({_ids(month.down)})."
        )
    total = len(month.incidents)
    if total and month.on_time / total < SLA_ON_TIME:
        sentence = on_time_sentence(month.on_time, total, lang)
        sentence = sentence[0].upper() + sentence[1:]
        out.append(f"{sentence} ; hors délai : {_ids(month.late)}." if fr else f"{sentence}; late: {_ids(month.late)}.")
    if month.backups:
        out.append(
            f"Sauvegarde de la nuit incomplète : {_ids(month.backups)}."
            if fr
            else f"Nightly backup incomplete: {_ids(month.backups)}."
        )
    return out


def report_trends(month: Month, before: int | None, lang: str) -> str:
    """A service report's ``trends``: its incidents against the month before, its major incidents,
    then each SLA target missed, or that all were met."""
    first = report_trend(lang, len(month.incidents), before)
    major = [i for i in month.incidents if i.major]
    if major:
        many = len(major) > 1
        if lang == "en":
            first += f" Major {'incidents' if many else 'incident'}: {_ids(major)}."
        else:
            first += f" {'Incidents majeurs' if many else 'Incident majeur'} : {_ids(major)}."
    if month.targets_met:
        return first + (" SLA targets met." if lang == "en" else " Objectifs du SLA tenus.")
    return " ".join([first, *report_gaps(month, lang)])


def _hm(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d}"


def availability_analysis(month: Month, lang: str) -> str:
    """An availability report's analysis: each outage of the month with its length, its problem."""
    en = lang == "en"
    if not month.down:
        return "Target met: no outage." if en else "Objectif tenu : aucune interruption."
    each = ", ".join(f"{i.id} ({_hm(i.minutes or 0)})" for i in month.down)
    problems = sorted({i.problem for i in month.down if i.problem})
    if month.availability >= SLA_AVAILABILITY:
        return f"Target met despite the outage {each}." if en else f"Objectif tenu malgré l'interruption {each}."
    several = len(month.down) > 1
    if en:
        cause = f"; cause handled by {', '.join(problems)}" if problems else ""
        return f"Target missed: {'outages' if several else 'outage'} {each}{cause}."
    cause = f" ; cause traitée par {', '.join(problems)}" if problems else ""
    return f"Objectif manqué : {'interruptions' if several else 'interruption'} {each}{cause}."


def _scalar_line(key: str, value: str) -> str:
    """``key: value`` as YAML: plain when it reads back as written, else double-quoted."""
    plain = f"{key}: {value}"
    try:
        if load_plain(plain) == {key: value}:
            return plain
    except YamlProblem:
        pass
    return f"{key}: " + json.dumps(value, ensure_ascii=False)


def _set(text: str, key: str, line: str) -> str:
    return re.sub(rf"^{key}:.*$", lambda _m: line, text, count=1, flags=re.M)


def recount_reports(files: dict[str, str], lang: str) -> None:
    """Compute every figure and sentence of each monthly service report (RAP) and availability
    report (DIS) from the records of its ``period`` month: counts, incidents on time against the SLA,
    major outages and downtime, availability, whether the targets were met, and the incidents they
    cite. Moving the dates carries records into other months; a report must say what the kit holds."""
    per_month: dict[tuple[str, str], int] = {}
    for path, text in files.items():
        if path.startswith("records/"):
            art, day = _field(text, "artefact"), _field(text, "date")[:7]
            per_month[(art, day)] = per_month.get((art, day), 0) + 1
    monthly = [
        (period, path)
        for path, text in files.items()
        if path.startswith("records/")
        and _field(text, "artefact") in ("service-report", "availability-report")
        and re.fullmatch(r"\d{4}-\d{2}", period := _field(text, "period"))
    ]
    hosting = next(
        (
            _field(files[p], "service")
            for _, p in sorted(monthly)
            if _field(files[p], "artefact") == "availability-report"
        ),
        "",
    )
    incidents = incidents_of(files)
    reports = sorted((period, path) for period, path in monthly if _field(files[path], "artefact") == "service-report")
    for n, (period, path) in enumerate(reports):
        month = month_figures(incidents, period, hosting)
        text = files[path]
        for key, art in _COUNTED.items():
            text = re.sub(rf"^{key}: \d+$", f"{key}: {per_month.get((art, period), 0)}", text, count=1, flags=re.M)
        before = per_month.get(("incident-record", reports[n - 1][0]), 0) if n else None
        text = _set(text, "availability_percent", f"availability_percent: {month.availability}")
        text = _set(text, "targets_met", f"targets_met: {'true' if month.targets_met else 'false'}")
        files[path] = _set(text, "trends", _scalar_line("trends", report_trends(month, before, lang)))
    for period, path in monthly:
        text = files[path]
        if _field(text, "artefact") != "availability-report":
            continue
        month = month_figures(incidents, period, _field(text, "service"))
        text = _set(text, "measured_percent", f"measured_percent: {month.availability}")
        text = _set(text, "downtime_minutes", f"downtime_minutes: {month.downtime}")
        files[path] = _set(text, "analysis", _scalar_line("analysis", availability_analysis(month, lang)))


def _customer_of(text: str) -> str:
    """The customer who reported an incident ("Name (Customer)"), or "" (monitoring, staff)."""
    m = re.search(r"\(([^()]+)\)\s*$", _field(text, "reported_by"))
    return m[1] if m else ""


def review_texts(files: Mapping[str, str], text: str, lang: str) -> tuple[str, str]:
    """(performance, decisions) of a quarterly service review ``text``: the incidents of its customer
    (theirs, and those of the hosting service no customer reported) from the start of the three
    months before the review to the review, on time or not, the availability reports of those
    months, the major incidents; the decisions name the service reports that missed the SLA and the
    late incidents no report of those months covers."""
    day, customer = _field(text, "date"), _field(text, "customer")
    index = int(day[:4]) * 12 + int(day[5:7]) - 1
    months = [f"{(index - i) // 12}-{(index - i) % 12 + 1:02d}" for i in (3, 2, 1)]
    every = {
        (_field(t, "artefact"), _field(t, "period")): (_field(t, "id"), t)
        for p, t in files.items()
        if p.startswith("records/") and _field(t, "artefact") in ("service-report", "availability-report")
    }
    hosting = next(
        (_field(t, "service") for (art, _p), (_i, t) in sorted(every.items()) if art == "availability-report"), ""
    )
    # only the reports issued before the review: a review cannot quote a report written after it
    monthly = {key: value for key, value in every.items() if _field(value[1], "date") < day}
    incidents = incidents_of(files)
    reported = {
        _field(t, "id"): _customer_of(t) for p, t in files.items() if _field(t, "artefact") == "incident-record"
    }
    incs = [
        i
        for i in incidents
        if months[0] <= i.day[:7]
        and i.day < day
        and (reported.get(i.id) == customer or (not reported.get(i.id) and i.service == hosting))
    ]
    en = lang == "en"
    ok = sum(1 for i in incs if not i.late)
    first = on_time_sentence(ok, len(incs), lang) if incs else ""
    parts = [
        first[0].upper() + first[1:]
        if first
        else ("No incident in the quarter" if en else "Aucun incident sur le trimestre")
    ]
    reports = [(p, monthly[("availability-report", p)][0]) for p in months if ("availability-report", p) in monthly]
    shown = ", ".join(f"{_pct(month_figures(incidents, p, hosting).availability, lang)} ({i})" for p, i in reports)
    if shown:
        parts.append(("hosting availability " if en else "disponibilité de l'hébergement ") + shown)
    majors = [i for i in incs if i.major]
    if majors:
        word = (
            ("major incidents" if en else "incidents majeurs")
            if len(majors) > 1
            else ("major incident" if en else "incident majeur")
        )
        parts.append(f"{word} {_ids(majors)}")
    performance = ("; " if en else " ; ").join(parts) + "."
    missed = [
        monthly[("service-report", p)][0]
        for p in months
        if ("service-report", p) in monthly and _field(monthly[("service-report", p)][1], "targets_met") == "false"
    ]
    covered = {p for p in months if ("service-report", p) in monthly}
    missed += [i.id for i in incs if i.late and i.day[:7] not in covered]
    if not missed:
        decisions = (
            "Keep the SLA; next review next quarter."
            if en
            else "Maintenir le SLA ; point suivant au trimestre prochain."
        )
    elif en:
        decisions = f"SLA gaps ({', '.join(missed)}) explained to the customer with their causes and actions; SLA kept; next review next quarter."
    else:
        decisions = f"Écarts au SLA ({', '.join(missed)}) expliqués au client avec leurs causes et leurs actions ; SLA maintenu ; point suivant au trimestre prochain."
    return performance, decisions


def recount_reviews(files: dict[str, str], lang: str) -> None:
    """Compute each quarterly service review's performance and decisions from the records (after
    :func:`recount_reports`, whose figures they quote)."""
    for path, text in list(files.items()):
        if path.startswith("records/") and _field(text, "artefact") == "service-review-record":
            performance, decisions = review_texts(files, text, lang)
            text = _set(text, "performance", _scalar_line("performance", performance))
            files[path] = _set(text, "decisions", _scalar_line("decisions", decisions))


def _reasons(month: Month, lang: str) -> str:
    """Why a month missed the SLA, in a few words naming its records."""
    en = lang == "en"
    out = []
    if month.late:
        verb = (
            ("resolved late" if en else "résolus hors délai")
            if len(month.late) > 1
            else ("resolved late" if en else "résolu hors délai")
        )
        out.append(f"{_ids(month.late)} {verb}")
    if month.availability < SLA_AVAILABILITY:
        word = ("outages" if en else "interruptions") if len(month.down) > 1 else ("outage" if en else "interruption")
        out.append(f"{word} {_ids(month.down)}")
    if month.backups:
        if en:
            out.append(f"nightly {'backups' if len(month.backups) > 1 else 'backup'} incomplete {_ids(month.backups)}")
        else:
            word = "sauvegardes de nuit incomplètes" if len(month.backups) > 1 else "sauvegarde de nuit incomplète"
            out.append(f"{word} {_ids(month.backups)}")
    return ("; " if en else " ; ").join(out)


def _and(items: list[str], lang: str) -> str:
    word = " and " if lang == "en" else " et "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def recount_management_reviews(files: dict[str, str], lang: str) -> None:
    """Compute what a management review says of the service reports and availability reports
    issued before it (``service_performance`` when it reviews the service reports, ``objectives_met``
    when it speaks of the hosting availability): the reports that missed the SLA and why, the
    months below the availability target."""
    en = lang == "en"
    incidents = incidents_of(files)
    reports = sorted(
        (_field(t, "date"), _field(t, "id"), _field(t, "period"), _field(t, "artefact"), _field(t, "service"))
        for p, t in files.items()
        if p.startswith("records/") and _field(t, "artefact") in ("service-report", "availability-report")
    )
    hosting = next((r[4] for r in reports if r[3] == "availability-report"), "")
    for path, text in list(files.items()):
        if not path.startswith("records/") or _field(text, "artefact") != "management-review-record":
            continue
        day = _field(text, "date")
        raps = [
            (i, month_figures(incidents, p, hosting)) for d, i, p, a, _s in reports if a == "service-report" and d < day
        ]
        dis = [
            (i, month_figures(incidents, p, hosting))
            for d, i, p, a, _s in reports
            if a == "availability-report" and d < day
        ]
        said = _field(text, "service_performance")
        if raps and said.startswith(("Rapports de service", "Service reports")):
            missed = [f"{i} ({_reasons(m, lang)})" for i, m in raps if not m.targets_met]
            head = (
                f"Service reports {raps[0][0]} to {raps[-1][0]}: "
                if en
                else f"Rapports de service {raps[0][0]} à {raps[-1][0]} : "
            )
            if not missed:
                tail = "SLA targets met every month." if en else "objectifs du SLA tenus chaque mois."
            else:
                tail = ("SLA targets missed in " if en else "objectifs du SLA manqués dans ") + _and(missed, lang) + "."
            text = _set(text, "service_performance", _scalar_line("service_performance", head + tail))
        said = _field(text, "objectives_met")
        if dis and said.startswith(("Disponibilité de l'hébergement", "Hosting availability")):
            below = [i for i, m in dis if m.availability < SLA_AVAILABILITY]
            rest = said.split(";", 1)[1].strip() if ";" in said else ""
            if not below:
                first = (
                    "Hosting availability on target every month"
                    if en
                    else "Disponibilité de l'hébergement dans l'objectif chaque mois"
                )
            elif len(below) == 1:
                first = (
                    f"Hosting availability on target every month but one ({below[0]})"
                    if en
                    else f"Disponibilité de l'hébergement dans l'objectif chaque mois sauf un ({below[0]})"
                )
            else:
                n = len(below)
                first = (
                    f"Hosting availability below target in {n} months ({', '.join(below)})"
                    if en
                    else f"Disponibilité de l'hébergement sous l'objectif {n} mois ({', '.join(below)})"
                )
            new = first + ((("; " if en else " ; ") + rest) if rest else ".")
            text = _set(text, "objectives_met", _scalar_line("objectives_met", new))
        files[path] = text


def _people(files: dict[str, str]) -> dict[str, str]:
    """Name -> email of the holders of the kit's roles (the commit identities)."""
    try:
        data = load_plain(files.get("organisation/roles.yml", "roles: []"))
    except YamlProblem:
        return {}
    people: dict[str, str] = {}
    for role in (data or {}).get("roles") or []:
        for holder in role.get("holders") or []:
            if holder.get("name") and holder.get("email"):
                people.setdefault(str(holder["name"]), str(holder["email"]))
    return people


def _lead(files: dict[str, str], people: dict[str, str]) -> tuple[str, str]:
    """The service management lead (holder of RGS), who commits the kit's structure."""
    try:
        data = load_plain(files.get("organisation/roles.yml", "roles: []")) or {}
        for role in data.get("roles") or []:
            if role.get("id") == "RGS" and role.get("holders"):
                name = str(role["holders"][0]["name"])
                return name, people.get(name, "rgs@example.org")
    except (YamlProblem, AttributeError, KeyError, TypeError):
        pass
    if people:
        name = sorted(people)[0]
        return name, people[name]
    return "trousse", "trousse@localhost"


def _zone(lang: str) -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(ZONES[lang])
    except Exception:  # noqa: BLE001 - no time zone database: UTC will do
        return dt.UTC


def _field(text: str, key: str) -> str:
    m = re.search(rf"^{key}:\s*(.+)$", text, re.M)
    return m.group(1).strip().strip("'\"") if m else ""


def _changes_by_day(files: dict[str, str]) -> dict[dt.date, str]:
    """Day -> "<title>, <id>" of the change records implemented that day (the first, by id)."""
    found: dict[dt.date, str] = {}
    for path, text in sorted(files.items()):
        if path.startswith("records/") and _field(text, "artefact") == "change-record":
            day = re.fullmatch(r"\d{4}-\d{2}-\d{2}", _field(text, "implemented_on"))
            if day and _field(text, "title"):
                found.setdefault(dt.date.fromisoformat(day[0]), f"{_field(text, 'title')}, {_field(text, 'id')}")
    return found


def _untitled(path: str, text: str, change: str | None) -> str:
    """The title of a commit revising a file that has none (trousse.yml, the customers): the change
    implemented that day, else the file's opening comment, else its name."""
    if change:
        return change
    comment = re.match(r"#\s*(.+?)\.?\s*$", text.split("\n", 1)[0])
    return comment[1] if comment else path.rsplit("/", 1)[-1]


def plan_history(
    files: dict[str, str], lang: str, now: dt.datetime, earlier: dict[str, dict[dt.date, str]] | None = None
) -> list[DatedCommit]:
    """The commits of the demo, oldest first, from the (already shifted) files of the kit. A
    document with a revision history is committed as its first version with the structure, then
    as each later version on that version's day (see :func:`document_versions`); a file with
    ``earlier`` texts is committed as its oldest, then as each next text on the day it took over."""
    zone = _zone(lang)
    people = _people(files)
    lead = _lead(files, people)
    dated: list[tuple[dt.date, str, str]] = []
    later: list[tuple[dt.date, str, str]] = []
    structure: dict[str, bytes] = {}
    known = {
        _field(text, "id"): day
        for path, text in files.items()
        if path.startswith("records/") and (day := _commit_day(path, text)) is not None
    }
    for path, text in files.items():
        day = _commit_day(path, text)
        if day is not None and path.startswith("actions/"):
            dated.extend((when, path, version) for when, version in action_versions(text))
            continue
        if day is not None:
            dated.extend((when, path, version) for when, version in record_versions(text, day, known))
            continue
        versions = document_versions(text) if path.startswith("documents/") and path.endswith(".md") else []
        if path in (earlier or {}):
            olds = sorted((earlier or {})[path].items())
            texts = [old for _, old in olds] + [text]
            versions = [(dt.date.min, texts[0])] + [(day, texts[i + 1]) for i, (day, _) in enumerate(olds)]
        if len(versions) < 2:
            rows = revision_rows(text) if path.startswith("documents/") else []
            if len(rows) == 1:  # one version: committed with the structure, or on its day if later
                later.append((rows[0][1], path, text))
            structure[path] = text.encode("utf-8")
            continue
        structure[path] = versions[0][1].encode("utf-8")
        dated.extend((day, path, version) for day, version in versions[1:])
    dated.sort(key=lambda item: item[:2])
    first = dated[0][0] if dated else now.date()
    org = _field(files.get("trousse.yml", ""), "  name") or "trousse"
    start = dt.datetime.combine(first - dt.timedelta(days=3), dt.time(9, 30), zone)
    for day, path, text in later:
        if start.date() < day <= now.date():  # written after the structure: committed on its day
            del structure[path]
            dated.append((day, path, text))
    dated.sort(key=lambda item: item[:2])
    changes = _changes_by_day(files)
    commits = [DatedCommit(i18n.t("demo.structure", _lang=lang, org=org), lead[0], lead[1], min(start, now), structure)]
    per_day: dict[dt.date, int] = {}
    for day, path, text in dated:
        n = per_day.get(day, 0)
        per_day[day] = n + 1
        # Through the working day, then the evening: never after now, never before the previous commit.
        when = dt.datetime.combine(day, dt.time(9, 0), zone) + dt.timedelta(minutes=min(23 * n, 600))
        when = max(min(when, now), commits[-1].when)
        author = _field(text, "author") or _field(text, "holder") or _field(text, "signed_by")
        name, email = (author, people[author]) if author in people else lead
        title = _field(text, "title") or _field(text, "id") or _untitled(path, text, changes.get(day))
        if not path.startswith(DATED_FOLDERS):
            version = _field(text, "version")
            key = "demo.revision" if version else "demo.revision_file"
            message = i18n.t(key, _lang=lang, path=path, version=version, title=title)
        else:
            kind = i18n.t(f"demo.kind.{path.split('/', 1)[0]}", _lang=lang)
            message = i18n.t("demo.record", _lang=lang, kind=kind, id=_field(text, "id"), title=title)
        commits.append(DatedCommit(message, name, email, when, {path: text.encode("utf-8")}))
    return commits


def run_demo(target: Path, lang: str, today: dt.date | None = None) -> DemoResult:
    """Copy the example kit of ``lang`` into ``target`` with its dates moved to end ``today``,
    and build its git history. ``target`` must be a new or empty folder (nothing is written
    otherwise); a failure half-way removes what was written."""
    raw = example_files(lang)
    refuse_overwrite(target, [".git", *raw], force=False, demo=True)
    now = dt.datetime.now(_zone(lang))
    today = today or now.date()
    if today != now.date():  # a chosen day: commits at its end at the latest
        now = dt.datetime.combine(today, dt.time(23, 0), _zone(lang))
    shift = Shift.between(ANCHOR, today)
    files: dict[str, str] = {}
    binary: dict[str, bytes] = {}
    for name, data in raw.items():
        if name.endswith(TEXT_SUFFIXES):
            # .trousse/ records what the templates rendered on the answers' `rendered_on`: it stays
            # as upgrade renders it again, or a fresh demo would "upgrade" its own unedited files.
            text = data.decode("utf-8")
            if not name.startswith(RECORDED):
                text = shift_text(text, shift, not name.startswith(DATED_FOLDERS))
                text = due_on_working_days(text, lang) if name.startswith(DATED_FOLDERS) else text
            files[name] = text
        else:
            binary[name] = data
    earlier = {
        path: {
            shift(dt.date.fromisoformat(day)): shift_text(data.decode("utf-8"), shift, True)
            for day, data in texts.items()
        }
        for path, texts in earlier_files(lang).items()
        if path in files
    }
    recount_reports(files, lang)
    recount_reviews(files, lang)
    recount_management_reviews(files, lang)
    commits = plan_history(files, lang, now, earlier)
    commits[0].files.update(binary)
    written = write_new(target, {name: files[name].encode("utf-8") if name in files else binary[name] for name in raw})
    try:
        head = import_history(target, commits)
    except GitCommandError as exc:
        written.undo(".git")
        said = (exc.stderr or str(exc)).strip().splitlines() or [str(exc)]
        raise WriteFailed(i18n.t("demo.git_failed", error=said[-1].strip())) from None
    except BaseException:
        written.undo(".git")
        raise
    return DemoResult(
        target,
        written.files,
        len(commits),
        head,
        commits[0].when.date(),
        commits[-1].when.date(),
        sorted({c.name for c in commits}),
    )
