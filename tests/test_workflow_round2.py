"""Issue 13, fresh-install review (round 2): an editor that cannot start, one commit message,
plain words for unreadable --from files, --from values check would refuse, a closed pipe after a
successful commit."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import commit_all, demo_kit, git, git_status, on_terminal, plain
from forkserver import run_trousse

from trousse.demo import run_demo


@pytest.mark.parametrize("commit", [False, True])
def test_an_editor_that_cannot_start_is_one_plain_line_and_nothing_is_left(tmp_path: Path, commit: bool) -> None:
    root = demo_kit(tmp_path)
    head = git(root, "rev-parse", "HEAD")
    args = ["new", "incident", *(["--commit"] if commit else [])]
    code, out = on_terminal(root, *args, env={"EDITOR": "/nonexistent/vim", "VISUAL": ""})
    assert code == 2, out
    assert "erreur interne" not in out and "Traceback" not in out
    assert "« /nonexistent/vim » (donné par $EDITOR)" in out and "--no-edit" in out
    assert "Rien n'est écrit" in out
    assert git_status(root) == "" and git(root, "rev-parse", "HEAD") == head


def test_visual_is_named_when_it_is_the_editor(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    code, out = on_terminal(root, "new", "incident", env={"VISUAL": "/nonexistent/ed", "EDITOR": "vi"})
    assert code == 2 and "'/nonexistent/ed' (set by $VISUAL)" in out, out


def test_commit_message_is_the_same_with_and_without_the_editor(tmp_path: Path) -> None:
    root = demo_kit(tmp_path)
    code, out = on_terminal(root, "new", "incident", "--commit", env={"EDITOR": "true", "VISUAL": ""})
    assert code == 0, out
    after_editor = git(root, "log", "-1", "--format=%s").strip()
    proc = run_trousse(["new", "incident", "--commit", "--no-edit"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    without = git(root, "log", "-1", "--format=%s").strip()
    assert after_editor.startswith("Nouvel enregistrement INC-2026-") and after_editor.endswith("(incident-record)")
    assert without.startswith("Nouvel enregistrement INC-2026-") and without != after_editor
    assert after_editor.split()[2] != without.split()[2]


@pytest.mark.parametrize(
    ("lang", "target", "words"),
    [
        ("en", "nope.yml", "this file does not exist"),
        ("fr", "nope.yml", "ce fichier n'existe pas"),
        ("en", ".", "it is a folder, not a file"),
        ("fr", ".", "c'est un dossier, pas un fichier"),
    ],
)
def test_an_unreadable_from_file_is_said_in_plain_words(tmp_path: Path, lang: str, target: str, words: str) -> None:
    root = demo_kit(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "trousse",
            "new",
            "incident",
            "--no-edit",
            "--lang",
            lang,
            "--from",
            str(tmp_path / target),
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    err = plain(proc.stderr)
    assert words in err and "Error" not in err, err
    assert len(err.strip().splitlines()) == 1


def test_from_values_check_would_refuse_are_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    bad = tmp_path / "bad.json"
    bad.write_text('{"titel": "x", "priority": "P9", "date": "hier"}', encoding="utf-8")
    proc = run_trousse(["new", "incident", "--no-edit", "--from", str(bad)], cwd=root)
    assert proc.returncode == 2, proc.stdout
    err = proc.stderr
    assert "titel: not a known field here" in err and "title" in err
    assert "priority: \"P9\" is not allowed; choose one of 'P1', 'P2', 'P3' or 'P4'" in err
    assert 'date: "hier" is not a date' in err
    assert "Nothing is written" in err
    assert git_status(root) == ""
    good = tmp_path / "good.json"
    good.write_text('{"title": "Printer down", "priority": "P2", "date": "2026-06-10"}', encoding="utf-8")
    proc = run_trousse(["new", "incident", "--no-edit", "--from", str(good)], cwd=root)
    assert proc.returncode == 0, proc.stderr


def test_a_closed_pipe_after_a_commit_is_silent(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    proc = subprocess.run(
        f"{sys.executable} -m trousse new incident --no-edit --commit | head -1",
        shell=True,
        cwd=root,
        capture_output=True,
        text=True,
        executable="/bin/bash",
    )
    assert proc.stdout.startswith("records/"), proc.stdout
    assert proc.stderr == "", proc.stderr
    code = subprocess.run(
        f"set -o pipefail; {sys.executable} -m trousse new incident --no-edit --commit | head -1 >/dev/null",
        shell=True,
        cwd=root,
        executable="/bin/bash",
    ).returncode
    assert code == 0
    assert git(root, "log", "-1", "--format=%s").startswith("New record INC-")


def _trousse(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = run_trousse([*args], cwd=root)
    proc.stdout, proc.stderr = plain(proc.stdout), plain(proc.stderr)
    return proc


def test_review_inputs_names_the_since_option(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    proc = _trousse(root, "report", "review-inputs", "--since", "hier", "-o", "-")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "trousse: --since: 'hier' is not a YYYY-MM-DD date"


def _figure(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"- **{start}"))


def test_review_inputs_lists_more_counts_done_apart_and_writes_no_entities(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    for n in range(7):
        values = tmp_path / f"inc{n}.json"
        values.write_text(
            json.dumps(
                {"title": f"Printer {n} down", "date": f"2026-06-{13 + n % 5}", "service": "SVC-SUPPORT"}
                | {"reported_by": "A. B.", "assigned_to": "C. D.", "priority": "P3", "channel": "phone"}
            ),
            encoding="utf-8",
        )
        proc = _trousse(root, "new", "incident", "--no-edit", "--from", str(values))
        assert proc.returncode == 0 and "Every required field is filled" in proc.stdout, proc.stdout + proc.stderr
    commit_all(root, "incidents", date="2026-06-19T10:00:00+00:00")  # in the history by the review's day
    before = _trousse(root, "report", "review-inputs", "--as-of", "2026-06-20", "-o", "-")
    assert before.returncode == 0, before.stderr
    action = tmp_path / "act.json"
    action.write_text(
        '{"title": "Replace the toner", "kind": "corrective", "owner": "C. D.", "holder": "C. D.", "due": "2026-06-30",'
        ' "approved_by": "A. B.", "approved_on": "2026-06-15", "opened_on": "2026-06-15", "status": "done", "done_on": "2026-06-16"}',
        encoding="utf-8",
    )
    proc = _trousse(root, "new", "action", "--no-edit", "--from", str(action))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    commit_all(root, "action", date="2026-06-19T11:00:00+00:00")
    after = _trousse(root, "report", "review-inputs", "--as-of", "2026-06-20", "-o", "-")
    out = after.stdout
    assert "&lt;" not in out and "&gt;" not in out and "<" not in out.split("```")[0].split("<!--")[0]
    figure = _figure(out, "Incident record: ")
    count = int(figure.split(": ")[1].rstrip("*"))
    assert count >= 7
    assert f"and {count - 5} more" in out
    old, new = _figure(before.stdout, "corrective actions: "), _figure(out, "corrective actions: ")
    assert "done awaiting verification 0" in old and "done awaiting verification 1" in new, (old, new)
    assert old.split("closed ")[1] == new.split("closed ")[1]


def test_review_inputs_french_action_kinds_agree(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "fr")
    out = _trousse(root, "report", "review-inputs", "--as-of", "2026-06-20", "-o", "-").stdout
    assert "actions correctives : " in out and "actions (corrective)" not in out
    # the skeleton is the kit's own review form (session 5, round 4), with nothing HTML-escaped
    assert "&lt;" not in out and "decision_items" in out


def test_the_action_form_has_the_field_act001_asks_for(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    proc = _trousse(root, "new", "action", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    rel = proc.stdout.split()[0]
    text = (root / rel).read_text(encoding="utf-8")
    assert "\nnonconformity: null  # the nonconformity record" in text
    hint = _trousse(root, "rules", "ACT001").stdout + plain(
        subprocess.run(
            [sys.executable, "-c", "from trousse import i18n; print(i18n.t('act.no_plan.hint', id='NC-1'))"],
            capture_output=True,
            text=True,
        ).stdout
    )
    assert "nonconformity: NC-1" in hint


@pytest.mark.parametrize(
    ("value", "refused"), [("3 months", True), ("5 weeks", True), ("1 month", False), ("15 days", False)]
)
def test_a_kit_cannot_lengthen_the_action_plan_delay(tmp_path: Path, value: str, refused: bool) -> None:
    root = demo_kit(tmp_path, "en")
    with (root / "trousse.yml").open("a", encoding="utf-8") as f:
        f.write(f"nonconformities:\n  action_plan_within: {value}\n")
    proc = _trousse(root, "check", ".")
    if refused:  # session 5: a finding at its line (ACT006), not an unusable configuration
        assert proc.returncode == 1, proc.stderr
        assert "ACT006" in proc.stdout and "longer than one month" in proc.stdout, proc.stdout
    else:
        assert proc.returncode in (0, 1), proc.stderr
        assert "longer than one month" not in proc.stdout + proc.stderr


def _calendar(root: Path, *args: str) -> list[dict[str, object]]:
    proc = _trousse(root, "calendar", "--format", "json", "--as-of", "2026-11-30", *args)
    assert proc.returncode == 0, proc.stderr
    return list(json.loads(proc.stdout)["occurrences"])


def test_a_planned_audit_shows_on_its_date_and_each_process_once_per_period(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    run_demo(root, "en", today=dt.date(2026, 11, 30))
    proc = _trousse(root, "new", "audit", "--date", "2027-04-15", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    rel = proc.stdout.split()[0]
    text = (root / rel).read_text(encoding="utf-8")
    (root / rel).write_text(
        "\n".join("scope: [INC, SRQ, CHG]" if line.startswith("scope:") else line for line in text.splitlines()) + "\n",
        encoding="utf-8",
    )
    commit_all(root, "planned audit", date="2026-11-30T08:00:00+01:00")  # --as-of reads the committed kit
    occs = [
        o for o in _calendar(root, "--from", "2026-01-01", "--to", "2028-12-31") if o["source"] == "audit-programme"
    ]
    on_its_date = [o for o in occs if o["record"] == rel]
    # one line per process it covers (session 5: the same for planned and held audits)
    assert sorted((o["activity"], o["due"], o["status"]) for o in on_its_date) == [
        (p, "2027-04-15", "upcoming") for p in ("CHG", "INC", "SRQ")
    ], on_its_date
    # a done occurrence is on the audit's day, never in the future, and each audit counts once per process
    done = [o for o in occs if o["status"] == "done"]
    assert done and all(str(o["due"]) <= "2026-11-30" and o["due"] == o["done_on"] for o in done)
    # one occurrence per process per 12-month programme period (independent count: periods by start)
    starts: dict[str, list[str]] = {}
    for o in occs:
        if o["process"]:
            starts.setdefault(str(o["process"]), []).append(str(o["start"]))
    assert starts and all(len(v) == len(set(v)) for v in starts.values()), starts
    for o in occs:
        if o["process"]:
            begin = dt.date.fromisoformat(str(o["start"]))
            assert dt.date.fromisoformat(str(o["due"])) < begin.replace(year=begin.year + 1)


def test_every_surveillance_of_the_cycle_then_renewal(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    run_demo(root, "en", today=dt.date(2026, 11, 30))
    with (root / "trousse.yml").open("a", encoding="utf-8") as f:
        f.write("certification:\n  certified_on: 2026-03-01\n")
    commit_all(root, "certified", date="2026-11-30T08:00:00+01:00")  # --as-of reads the committed kit
    occs = [o for o in _calendar(root, "--to", "2029-12-31") if o["source"] == "certification"]
    assert [(o["activity"], o["due"]) for o in occs] == [
        ("surveillance", "2027-03-01"),
        ("surveillance", "2028-03-01"),
        ("recertification", "2029-02-28"),
    ], occs
