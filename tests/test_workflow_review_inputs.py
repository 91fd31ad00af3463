"""`trousse report review-inputs` on the demo kits: every input of ISO 9001 9.3.2 and ISO/IEC
20000-1 9.3, with figures from the kit, and a review record skeleton that parses."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import cli, plain

from trousse.demo import run_demo
from trousse.reports.labels import label
from trousse.reports.review_inputs import INPUTS
from trousse.yamlio import load_plain


@pytest.fixture(scope="module", params=["en", "fr"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp(f"demo-{request.param}") / "kit"
    # built for a fixed day: the tests read it --as-of 2026-11-28
    run_demo(root, request.param, today=dt.date(2026, 11, 29))
    return root, request.param


def test_every_input_with_figures(demo: tuple[Path, str]) -> None:
    root, lang = demo
    proc = cli("report", "review-inputs", str(root), "--since", "2026-01-01", "-o", "-")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for input_id, clauses, _arts, _kinds in INPUTS:
        assert plain(label(f"ri.{input_id}", lang)) in text
        # the demo targets ISO/IEC 20000-1 only: its clauses alone are cited (all of them when an
        # input has none of its own)
        cited = " · ".join(p for p in clauses.split(" · ") if "20000-1" in p) or clauses
        assert (cited.replace("ISO/IEC", "ISO/CEI") if lang == "fr" else cited) in text
    assert "AUD-2026-01" in text  # the audits held since January
    # figures are counts from the kit: incidents since January are many
    incident = "Incident record" if lang == "en" else "Fiche d[’']incident"  # typographic apostrophe in French
    counts = [int(n) for n in re.findall(rf"\*\*{incident}\s?: (\d+)\*\*", text)]
    assert counts and counts[0] > 5
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    data = load_plain(block)
    assert data["artefact"] == "management-review-record" and "inputs_reviewed" not in data
    # the kit's own review form (as `new management-review` writes it): decision items to fill
    assert set(data["decision_items"][0]) == {"decision", "owner", "due", "action"}
    assert "AUD-2026-01" in data["audit_results"]


def test_since_defaults_to_the_previous_review(demo: tuple[Path, str]) -> None:
    root, lang = demo
    proc = cli("report", "review-inputs", str(root), "-o", "-", "--as-of", "2026-11-28")
    assert proc.returncode == 0, proc.stderr
    previous = label("ri.previous", lang)
    line = next(x for x in proc.stdout.splitlines() if x.startswith(f"| {previous}"))
    assert re.search(r"[A-Z]+-2026-\d{4}", line)


def test_written_as_html_under_reports(demo: tuple[Path, str]) -> None:
    root, _lang = demo
    proc = cli("report", "review-inputs", str(root), "--format", "html")
    assert proc.returncode == 0, proc.stderr
    assert (root / "reports/review-inputs.html").read_text(encoding="utf-8").count("<section") == len(INPUTS) + 1


def _report(root: Path, *extra: str) -> str:
    proc = cli("report", "review-inputs", str(root), "-o", "-", *extra)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _section(text: str, number: int) -> str:
    return text.split(f"\n## {number}. ", 1)[1].split("\n## ", 1)[0]


def test_previous_review_decisions_and_objectives_are_filled(demo: tuple[Path, str]) -> None:
    root, lang = demo
    text = _report(root, "--since", "2026-01-01", "--as-of", "2026-11-28")
    first = _section(text, 1)
    # the demo's reviews list their decisions as action ids: each is shown with its status
    review = "RDD" if lang == "fr" else "MRV"  # each demo numbers its reviews as its forms say
    sep = " : " if lang == "fr" else ": "
    assert f"{review}-2026-0001{sep}ACT-2026-001" in plain(first) and f"{review}-2026-0002{sep}ACT-2026-008" in plain(
        first
    )
    assert first.count(f"{review}-2026-0002") >= 2 and "trousse new action" not in first
    objectives = _section(text, 4)
    assert label("ri.nothing", lang) not in objectives
    # the figures come from the demo's availability reports, whatever their values this build
    measured = [
        (float(m.group(1)), float(t.group(1)))
        for path in sorted((root / "records" / "ava").glob("DIS-*.yml"))
        if (text_ := path.read_text(encoding="utf-8"))
        and (m := re.search(r"^measured_percent: ([0-9.]+)$", text_, re.M))
        and (t := re.search(r"^target_percent: ([0-9.]+)$", text_, re.M))
    ]
    met = sum(value >= target for value, target in measured)
    months = (
        f"cible tenue {met} mois sur {len(measured)}" if lang == "fr" else f"target met {met} months of {len(measured)}"
    )
    assert months in plain(objectives), objectives
    lowest = f"{min(v for v, _ in measured):g}"
    assert (lowest.replace(".", ",") if lang == "fr" else lowest) + " %" in plain(objectives), objectives
    performance = _section(text, 5)
    assert re.search(r"incidents P1\s?: \d+", performance)


def test_french_report_has_no_english_words(demo: tuple[Path, str]) -> None:
    root, lang = demo
    if lang != "fr":
        pytest.skip("the French report")
    text = _report(root, "--since", "2026-01-01", "--as-of", "2026-11-28")
    for english in (
        ", open)",
        "(minor,",
        "(major,",
        "(internal,",
        "minor-nc",
        "major-nc",
        "observation 1",
        "actions corrective ",
        "actions corrective\u202f",
        "ids, one per decision",
        "resolved",
    ):
        assert english not in text, english


def test_skeleton_id_in_the_kit_numbering(demo: tuple[Path, str]) -> None:
    root, _lang = demo
    text = _report(root, "--as-of", "2026-11-28")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    reviews = sorted(p.stem for p in (root / "records").rglob("*.yml") if "management-review-record" in p.read_text())
    prefix = reviews[-1].rsplit("-", 2)[0]  # the demo numbers its reviews RDD-, not the form's MRV-
    assert load_plain(block)["id"] == f"{prefix}-2026-{int(reviews[-1].rsplit('-', 1)[1]) + 1:04d}"


def test_share_of_incidents_resolved_within_the_catalogue_target(demo: tuple[Path, str], tmp_path: Path) -> None:
    root, lang = demo
    copy = tmp_path / "kit"
    shutil.copytree(root, copy)
    catalogue = copy / "services/catalogue.yml"
    text = catalogue.read_text(encoding="utf-8")
    targets = {"P1": 0, "P2": 1, "P3": 1, "P4": 2}  # days
    given = "    resolution_within: {P1: 0 days, P2: 1 day, P3: 1 day, P4: 2 days}\n"
    catalogue.write_text(text.replace("    sla: SLA-001\n", "    sla: SLA-001\n" + given, 1), encoding="utf-8")
    # independently: the SVC-SUPPORT incidents since January, resolved within their target
    expected: dict[str, list[int]] = {}
    for path in (copy / "records").rglob("*.yml"):
        rec = load_plain(path.read_text(encoding="utf-8"))
        if rec.get("artefact") != "incident-record" or rec.get("service") != "SVC-SUPPORT":
            continue
        if not dt.date(2026, 1, 1) <= rec["date"] <= dt.date.today():
            continue
        counts = expected.setdefault(rec["priority"], [0, 0])
        counts[1] += 1
        end = rec.get("resolved_on")
        counts[0] += end is not None and (end - rec["date"]).days <= targets[rec["priority"]]
    assert expected
    out = _section(_report(copy, "--since", "2026-01-01"), 5)  # the working tree, with the targets
    for priority, (within, count) in expected.items():
        word = "sur" if lang == "fr" else "of"
        share = round(100 * within / count)
        assert re.search(rf"incidents {priority} .*\)\s?: {within} {word} {count} \({share}\s?%\)", out), (
            priority,
            within,
            count,
            out,
        )


def _retime(path: Path, **fields: str) -> None:
    """Rewrite ``path`` without its lines for ``fields``, then append them (``key: value``)."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not any(line.startswith(f"{key}:") for key in fields)
    ]
    path.write_text("\n".join([*lines, *(f"{k}: {v}" for k, v in fields.items())]) + "\n", encoding="utf-8")


def test_resolution_time_in_hours_when_timed_and_in_words_when_same_day(demo: tuple[Path, str], tmp_path: Path) -> None:
    root, lang = demo
    copy = tmp_path / "kit"
    shutil.copytree(root, copy)
    for path in sorted((copy / "records").rglob("*.yml")):
        rec = load_plain(path.read_text(encoding="utf-8"))
        if rec.get("artefact") != "incident-record":
            continue
        day = rec["date"].isoformat()
        if rec.get("priority") == "P1":  # timed to the minute: 1 h 55 min, shown as 2 hours
            _retime(path, opened_at=f'"{day} 09:10"', resolved_at=f'"{day} 11:05"', resolved_on=day)
        elif rec.get("priority") == "P4":  # resolved the day it was opened, not timed
            _retime(path, opened_at='""', resolved_at='""', resolved_on=day, status="resolved")
    out = plain(_section(_report(copy, "--since", "2026-01-01"), 5))
    if lang == "en":
        assert re.search(r"incidents P1: \d+ \(\d+ resolved, median time to resolve 2 hours\)", out), out
        assert re.search(r"incidents P4: \d+ \(\d+ resolved, median time to resolve under a day\)", out), out
        assert "0 days" not in out
    else:
        assert re.search(r"incidents P1 : \d+ \(\d+ résolus?, délai médian de résolution 2 heures\)", out), out
        assert re.search(r"incidents P4 : \d+ \(\d+ résolus?, délai médian de résolution inférieur à un jour\)", out), (
            out
        )
        assert "0 jour" not in out
