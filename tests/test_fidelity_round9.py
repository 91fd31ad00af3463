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
