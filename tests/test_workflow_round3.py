"""Issue 13, third review: the calendar plans what a fresh kit must do, an unfilled form fulfils
nothing, one series of management reviews, ACT001's words, an editor that fails, no git identity,
review inputs citing only the kit's standards, and small things of ``new``."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from conftest import commit_all, demo_kit, git, git_status, init_kit, on_terminal, plain
from forkserver import run_trousse

from trousse.demo import run_demo


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = run_trousse([*args], cwd=root, env={**os.environ, **(env or {})})
    proc.stdout, proc.stderr = plain(proc.stdout), plain(proc.stderr)
    return proc


def test_an_editor_that_fails_means_no_commit_and_the_file_stays(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    head = git(root, "rev-parse", "HEAD")
    code, out = on_terminal(root, "new", "change", "--commit", env={"EDITOR": "false", "VISUAL": ""})
    assert code == 2, out
    assert "Traceback" not in out and "nothing is committed" in out
    assert git(root, "rev-parse", "HEAD") == head
    status = git_status(root).splitlines()
    assert len(status) == 1 and status[0].startswith("?? records/"), status  # there, untracked
    assert status[0][3:] in out


def test_an_editor_that_succeeds_still_commits(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    head = git(root, "rev-parse", "HEAD")
    code, out = on_terminal(root, "new", "change", "--commit", env={"EDITOR": "true", "VISUAL": ""})
    assert code == 0, out
    assert git(root, "rev-parse", "HEAD") != head and git_status(root) == ""


def test_without_a_git_identity_one_translated_line_and_nothing_staged(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "fr")
    (Path(os.environ["HOME"]) / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    head = git(root, "rev-parse", "HEAD")
    proc = _run(root, "new", "problem", "--commit", "--no-edit")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "git ne sait pas qui vous êtes" in lines[0] and "user.name" in lines[0] and "user.email" in lines[0]
    assert "Please tell me" not in proc.stderr
    assert git(root, "rev-parse", "HEAD") == head
    assert git(root, "diff", "--cached", "--name-only") == ""  # nothing staged
    assert git_status(root).startswith("?? records/")


def _fresh(tmp_path: Path, lang: str = "en") -> Path:
    """A kit started on 2026-06-05 (its first commit), with no record yet."""
    env = {"GIT_AUTHOR_DATE": "2026-06-05T10:00:00+02:00", "GIT_COMMITTER_DATE": "2026-06-05T10:00:00+02:00"}
    return init_kit(tmp_path / "cc", "--standard", "nf-en-15838", "--lang", lang, "--org", "Acme", env=env)


def _occurrences(root: Path, *args: str) -> list[dict[str, object]]:
    import json

    proc = _run(root, "calendar", "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    occs: list[dict[str, object]] = json.loads(proc.stdout)["occurrences"]
    return occs


def test_a_fresh_kit_plans_every_recurring_type_from_its_start(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    occs = _occurrences(root, "--as-of", "2026-09-20", "--from", "2026-06-01", "--to", "2026-12-31")
    monthly = {o["due"]: o["status"] for o in occs if o["activity"] == "performance-report"}
    # June is covered only in part (the kit started on the 5th): not owed, so not missed
    assert monthly == {
        "2026-07-31": "missed",
        "2026-08-31": "missed",
        "2026-09-30": "due",
        "2026-10-31": "upcoming",
        "2026-11-30": "upcoming",
        "2026-12-31": "upcoming",
    }
    quarterly = {o["activity"] for o in occs if o["due"] == "2026-09-30"} - {"performance-report"}
    assert len(quarterly) >= 3, quarterly  # every quarterly type of the kit's processes, none kept yet
    assert not [o for o in occs if o["due"] == "2026-06-30" and o["status"] == "missed"]
    reviews = [o for o in occs if o["source"] == "management-review"]
    assert reviews == [] or all(o["status"] == "upcoming" for o in reviews)
    later = _occurrences(root, "--as-of", "2026-09-20", "--from", "2027-01-01", "--to", "2027-12-31")
    assert [o["due"] for o in later if o["source"] == "management-review"][:1] == ["2027-06-04"]


def test_check_reports_the_months_a_fresh_kit_missed_not_the_partial_quarter(tmp_path: Path) -> None:
    import json

    root = _fresh(tmp_path)
    proc = _run(root, "check", "--format", "json", "--as-of", "2026-09-20")
    cal = [f["message"] for f in json.loads(proc.stdout)["findings"] if f["rule"] == "CAL001"]
    assert any("2026-07-01 to 2026-07-31" in m for m in cal), cal
    assert not any("2026-06-30" in m for m in cal), cal  # Q2 and June: covered only in part


def test_an_unfilled_form_fulfils_nothing(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    env = {"GIT_AUTHOR_DATE": "2026-08-10T10:00:00+02:00", "GIT_COMMITTER_DATE": "2026-08-10T10:00:00+02:00"}
    proc = _run(root, "new", "performance-report", "--date", "2026-08-10", "--commit", "--no-edit", env=env)
    assert proc.returncode == 0, proc.stderr
    rel = proc.stdout.split()[0]
    args = ("--as-of", "2026-09-20", "--from", "2026-08-01", "--to", "2026-08-31")
    (august,) = [o for o in _occurrences(root, *args) if o["activity"] == "performance-report"]
    assert (august["status"], august["record"], august["done_on"]) == ("to-complete", rel, None)
    text = _run(root, "calendar", *args).stdout
    assert f"to complete Monthly performance report — {rel}" in text
    # filled (no placeholder, no empty required field), the same record fulfils the month
    lines = []
    for line in (root / rel).read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0]
        if key == "title":
            line = 'title: "August report"'
        elif key in ("period", "analysis"):
            line = f'{key}: "2026-08"'
        lines.append(line)
    (root / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(root, "commit", "-qam", "filled", date="2026-08-12T10:00:00+02:00")
    (august,) = [o for o in _occurrences(root, *args) if o["activity"] == "performance-report"]
    assert (august["status"], august["done_on"]) == ("done", "2026-08-10")


def test_an_audit_with_an_empty_scope_is_not_done(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    proc = _run(root, "new", "audit", "--date", "2026-06-01", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    rel = proc.stdout.split()[0]
    commit_all(root, "audit form", date="2026-06-15T08:00:00+02:00")  # --as-of reads the committed kit
    occs = _occurrences(root, "--as-of", "2026-06-15", "--from", "2026-05-01", "--to", "2026-07-31")
    mine = [o for o in occs if o["record"] == rel]
    assert [o["status"] for o in mine] == ["to-complete"], mine


def test_the_management_review_is_one_series_with_every_review_held(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    run_demo(root, "en", today=dt.date(2027, 1, 15))
    held = sorted((root / "records/mrv").glob("*.yml"))
    assert len(held) == 2
    occs = _occurrences(root, "--as-of", "2027-01-15", "--from", "2026-01-01", "--to", "2027-12-31")
    reviews = [o for o in occs if "review" in str(o["title"]).lower() and "Management" in str(o["title"])]
    assert {o["source"] for o in reviews} == {"management-review"}, reviews  # one series, one title
    done = [o["record"] for o in reviews if o["status"] == "done"]
    assert done == [f"records/mrv/{p.name}" for p in held]  # every review held, in order
    planned = [o for o in reviews if o["record"] is None]
    assert len(planned) == 1 and planned[0]["status"] == "upcoming"
    for o in reviews:  # a review held is shown on the day it was held
        if o["status"] == "done":
            assert f"date: {o['due']}" in (root / str(o["record"])).read_text(encoding="utf-8")


def test_a_bad_json_from_file_is_told_as_json(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "fr")
    bad = tmp_path / "x.json"
    bad.write_text('{"title": x', encoding="utf-8")
    proc = _run(root, "new", "incident", "--from", str(bad), "--no-edit")
    assert proc.returncode == 2
    assert "ce n'est pas du JSON valide (ligne 1, colonne 11)" in proc.stderr, proc.stderr
    assert "YAML invalide" not in proc.stderr and "flow node" not in proc.stderr


def test_the_first_record_of_a_type_goes_where_its_process_keeps_records(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    assert not list(root.glob("records/*/CER-*.yml"))  # no certificate yet; certification in records/cert/
    proc = _run(root, "new", "certificate", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    rel = proc.stdout.split()[0]
    assert rel.startswith("records/cert/"), rel
    text = (root / rel).read_text(encoding="utf-8")
    assert "copy this file" not in text and "# How to use: fill in each field" in text
    assert not (root / "records/certificate").exists()


def test_act001_names_the_action_still_a_form(tmp_path: Path) -> None:
    import json

    root = demo_kit(tmp_path, "en")
    proc = _run(root, "new", "nonconformity", "--title", "Calls not logged", "--date", "2026-05-01", "--no-edit")
    assert proc.returncode == 0, proc.stderr
    nc = Path(proc.stdout.split()[0]).stem
    given = tmp_path / "a.yml"
    given.write_text(f"nonconformity: {nc}\n", encoding="utf-8")
    proc = _run(root, "new", "action", "--from", str(given), "--no-edit")
    assert proc.returncode == 0, proc.stderr
    action = proc.stdout.split()[0]
    found = json.loads(_run(root, "check", "--format", "json").stdout)["findings"]
    (act001,) = [f for f in found if f["rule"] == "ACT001" and nc in f["message"]]
    assert "without any action" not in act001["message"]
    assert f"its action {action} is still a form to fill: the action plan is not approved" in act001["message"]
    assert action in act001["hint"]


def test_act001_silent_once_the_action_is_a_real_plan(tmp_path: Path) -> None:
    import json

    root = demo_kit(tmp_path, "en")
    proc = _run(root, "new", "nonconformity", "--title", "Calls not logged", "--date", "2026-05-01", "--no-edit")
    nc = Path(proc.stdout.split()[0]).stem
    given = tmp_path / "a.yml"
    given.write_text(
        f"nonconformity: {nc}\ntitle: Log every call\nowner: SMS\napproved_by: Margaret Hale\n"
        "approved_on: 2026-05-10\ndue: 2026-12-31\nholder: Margaret Hale\n",
        encoding="utf-8",
    )
    proc = _run(root, "new", "action", "--from", str(given), "--no-edit")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(_run(root, "check", "--format", "json").stdout)["findings"]
    assert not [f for f in found if f["rule"] == "ACT001" and nc in f["message"]]


def test_act001_hint_puts_the_nc_id_where_the_nc_belongs(tmp_path: Path) -> None:
    import json

    root = demo_kit(tmp_path, "fr")
    proc = _run(root, "new", "nonconformity", "--title", "Appels", "--date", "2026-05-01", "--no-edit")
    nc = Path(proc.stdout.split()[0]).stem
    found = json.loads(_run(root, "check", "--format", "json").stdout)["findings"]
    (act001,) = [f for f in found if f["rule"] == "ACT001" and nc in f["message"]]
    assert f"« nonconformity: {nc} »" in act001["hint"] and "finding:" not in act001["hint"]


def test_act_rule_examples_are_in_english_in_english(tmp_path: Path) -> None:
    for rid in ("ACT002", "ACT003", "ACT004", "ACT005"):
        en = _run(tmp_path, "--lang", "en", "rules", rid).stdout
        fr = _run(tmp_path, "--lang", "fr", "rules", rid).stdout
        assert "Enregistrer" not in en and "Appels non" not in en and "appels" not in en, (rid, en)
        assert ("Enregistrer chaque appel" in fr) or ("Appels non enregistrés" in fr), (rid, fr)


def test_review_inputs_cite_only_the_kits_standards_and_advise_no_date_before_the_kit(tmp_path: Path) -> None:
    proc = _run(tmp_path, "init", "q", "--standard", "iso9001-2015", "--lang", "fr", "--org", "Acme")
    assert proc.returncode == 0, proc.stderr
    out = _run(tmp_path / "q", "report", "review-inputs", "-f", "md", "-o", "-")
    assert out.returncode == 0, out.stderr
    assert "ISO 9001 9.3.2" in out.stdout and "20000" not in out.stdout
    assert "--since" not in out.stdout  # a kit started today: going further back finds nothing
    assert "ni avant" in out.stdout


def test_review_inputs_left_out_agrees_in_number(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "fr")
    for _ in range(3):
        assert _run(root, "new", "incident", "--no-edit").returncode == 0
    out = _run(root, "report", "review-inputs", "-f", "md", "-o", "-").stdout
    assert "3 fichiers laissés de côté : illisibles ou encore à remplir (des formulaires" in out, out[-2000:]
    assert "les nomme (SCH) ; complétez-les pour qu'ils comptent" in out
