"""Issue 13 part 4, round 4: the management review prepared and followed. The skeleton
``report review-inputs`` shows is the kit's own review form (the one ``new management-review``
writes); ``new management-review --from-inputs`` writes it as the next review; ``new action
--from-decision`` starts an action from a decision item; ACT007 reports a held review's decision
that no action follows. Real demo kits (real git histories), the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import cli, commit_all, plain

from trousse import i18n
from trousse.demo import run_demo
from trousse.yamlio import load_plain

AS_OF = "2026-11-28"


@pytest.fixture(scope="module", params=["en", "fr"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp(f"demo-{request.param}") / "kit"
    run_demo(root, request.param, today=dt.date(2026, 11, 29))
    return root, request.param


@pytest.fixture
def kit(demo: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    root, lang = demo
    copy = tmp_path / "kit"
    shutil.copytree(root, copy, symlinks=True)
    return copy, lang


def _reviews(root: Path) -> dict[str, Path]:
    out = {}
    for path in (root / "records").rglob("*.yml"):
        data = load_plain(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("artefact") == "management-review-record":
            out[str(data["id"])] = path
    return out


def _act007(root: Path) -> list[dict[str, object]]:
    proc = cli("check", str(root), "--format", "json", "--as-of", AS_OF)
    assert proc.returncode in (0, 1), proc.stderr
    return [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "ACT007"]


def test_skeleton_is_what_new_from_inputs_writes(kit: tuple[Path, str]) -> None:
    root, lang = kit
    report = cli("report", "review-inputs", str(root), "--as-of", AS_OF, "-o", "-")
    assert report.returncode == 0, report.stderr
    block = load_plain(report.stdout.split("```yaml\n", 1)[1].split("```", 1)[0])
    before = set(_reviews(root))
    proc = cli("new", "management-review", "--kit", str(root), "--from-inputs", "--date", AS_OF, "--no-edit")
    assert proc.returncode == 0, proc.stderr
    (new_id,) = set(_reviews(root)) - before
    written = _reviews(root)[new_id]
    text = written.read_text(encoding="utf-8")
    data = load_plain(text)
    assert data["id"] == block["id"] == new_id
    # the same form and the same inputs (the report only adds French typography to its copy)
    for key in ("service_performance", "nonconformities", "audit_results", "previous_actions"):
        assert plain(str(block[key])) == plain(str(data[key])), key
    assert "inputs_reviewed" not in data and "decisions" not in data
    assert data["decision_items"] == [{"decision": "", "owner": None, "due": None, "action": None}]
    # the inputs gathered, with ids, in the kit's language; the form's comments kept
    assert "NC-2026-" in data["nonconformities"]
    assert ("non-conformités" if lang == "fr" else "nonconformities") in data["nonconformities"]
    assert ("# ce qui est décidé" if lang == "fr" else "# what is decided") in text
    # never over an existing file: a second run takes the next id
    again = cli("new", "management-review", "--kit", str(root), "--from-inputs", "--date", AS_OF, "--no-edit")
    assert again.returncode == 0, again.stderr
    assert len(set(_reviews(root)) - before) == 2
    assert written.read_text(encoding="utf-8") == text


def test_from_inputs_commits_and_is_refused_for_another_kind(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    proc = cli("new", "management-review", "--kit", str(root), "--from-inputs", "--commit", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    log = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--name-only", "--format="], capture_output=True, text=True
    )
    assert log.stdout.strip().endswith("-2026-0003.yml")  # the next review, committed alone
    wrong = cli("new", "incident", "--kit", str(root), "--from-inputs", "--no-edit")
    assert wrong.returncode == 2
    assert "--from-inputs" in wrong.stderr and "Traceback" not in wrong.stderr


def _a_role(root: Path) -> str:
    from trousse.loader import load_kit

    return load_kit(root).roles[0].id


def test_from_decision_makes_the_action_and_act007_follows(kit: tuple[Path, str]) -> None:
    root, lang = kit
    first = min(_reviews(root))  # RDD-2026-0001 (fr), MRV-2026-0001 (en)
    # the demo's first review names the action opened that day (ACT-2026-010) as its second
    # decision's follow-up: silent
    assert _act007(root) == []
    review = _reviews(root)[first]
    text = review.read_text(encoding="utf-8")
    assert "action: ACT-2026-010" in text
    review.write_text(text.replace("action: ACT-2026-010", "action: null"), "utf-8")
    (root / "actions" / "ACT-2026-010.yml").unlink()
    commit_all(root, "the review no longer names its action", date="2026-11-26T10:00:00+00:00")
    # the first review's second decision (a mock audit) names no action in the demo: reported
    findings = _act007(root)
    assert [f["path"] for f in findings] == [_reviews(root)[first].relative_to(root).as_posix()]
    message = i18n.t("act.review_decision", _lang=lang, id=first, n=2, decision="x").split("(")[0]
    assert plain(message)[:20] in plain(str(findings[0]["message"]))
    review = _reviews(root)[first]
    before = review.read_text(encoding="utf-8")
    proc = cli("new", "action", "--kit", str(root), "--from-decision", f"{first}:2", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    (path,) = [
        p
        for p in (root / "actions").glob("*.yml")
        if first in p.read_text(encoding="utf-8") and "ACT-2026-001" not in p.name
    ]
    action = load_plain(path.read_text(encoding="utf-8"))
    item = load_plain(before)["decision_items"][1]
    assert action["title"] == item["decision"]
    # a person owns the decision: the action's holder; its owner a role (left to fill: several)
    assert action["holder"] == item["owner"] and action["owner"] == "" and action["due"] == item["due"]
    assert action["review"] == first and action["kind"] == "improvement"
    assert review.read_text(encoding="utf-8") == before  # the review itself is never edited
    # its plan approved (what `new` leaves to fill), the action counts: ACT007 is silent
    lines = [
        "approved_by: Jane Doe"
        if line.startswith("approved_by:")
        else f"owner: {_a_role(root)}"
        if line.startswith("owner:")
        else "approved_on: 2026-11-20"
        if line.startswith("approved_on:")
        else line
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    commit_all(root, "the action of the decision", date="2026-11-27T10:00:00+00:00")
    assert _act007(root) == []


@pytest.mark.parametrize(
    "ref",
    [
        "{first}:9",  # no such item
        "XYZ-2099-0001:1",  # no such review
        "{first}",  # no item number
    ],
)
def test_from_decision_refused_plainly(kit: tuple[Path, str], ref: str) -> None:
    root, _lang = kit
    ref = ref.format(first=min(_reviews(root)))
    before = sorted((root / "actions").glob("*.yml"))
    proc = cli("new", "action", "--kit", str(root), "--from-decision", ref, "--no-edit")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert ref.split(":")[0] in proc.stderr
    assert sorted((root / "actions").glob("*.yml")) == before  # nothing written


def test_act007_silent_for_a_planned_review_and_fires_on_a_committed_one(kit: tuple[Path, str]) -> None:
    root, lang = kit
    folder = _reviews(root)[min(_reviews(root))].parent
    item = "decision_items:\n  - decision: {d}\n    owner: {o}\n    due: 2027-01-15\n    action: null\n"
    words = ("Renew the backup contract", "Jane Doe") if lang == "en" else ("Renouveler le contrat", "Jeanne Doe")
    body = (
        "id: RDD-2026-0009\nartefact: management-review-record\ndate: {day}\ntitle: Review\n"
        "attendees: [Jeanne Doe]\n" + item.format(d=words[0], o=words[1])
    )
    planned = folder / "RDD-2026-0009.yml"
    planned.write_text(body.format(day="2026-12-15"), encoding="utf-8")
    commit_all(root, "planned review", date="2026-11-20T10:00:00+00:00")
    assert [f for f in _act007(root) if "RDD-2026-0009" in str(f["path"])] == []  # not held yet
    planned.write_text(body.format(day="2026-11-25"), encoding="utf-8")
    commit_all(root, "held review", date="2026-11-25T10:00:00+00:00")
    fired = [f for f in _act007(root) if "RDD-2026-0009" in str(f["path"])]
    assert len(fired) == 1 and fired[0]["severity"] == "warning" and fired[0]["line"] == 7
    assert "--from-decision RDD-2026-0009:1" in plain(str(fired[0]["hint"]))
