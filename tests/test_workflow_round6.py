"""Issue 13, sixth round: ``--from-decision`` names the roles of an owner who holds several, keeps
no "replace this date" note on a due date it took from the decision, refuses a decision an action
already follows (even one still a form: ACT007 is silent then), gives an example id in the kit's own
numbering; ACT004 names a nonconformity as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, demo_kit, plain


def _holders(root: Path) -> tuple[str, str, str, list[str]]:
    """A person holding exactly one role of the kit (and that role), one holding several (and them)."""
    from trousse.loader import load_kit

    kit = load_kit(root)
    held: dict[str, list[str]] = {}
    for role in kit.roles:
        for h in role.holders:
            held.setdefault(h.name, []).append(role.id)
    one = next(name for name, roles in sorted(held.items()) if len(roles) == 1)
    several = next(name for name, roles in sorted(held.items()) if len(roles) > 1)
    return one, held[one][0], several, held[several]


def _held_review(root: Path) -> tuple[str, str, str, list[str]]:
    """A management review held and committed, with two decisions: the first owned by a person
    holding one role, the second by one holding several. Its path, id, that second person, roles."""
    one, _role, several, roles = _holders(root)
    made = cli("new", "management-review", "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    path = made.stdout.split()[0]
    text = (root / path).read_text(encoding="utf-8")
    start = text.index("decision_items:")
    end = text.index("\n", text.index("    action:", start))
    items = (
        "decision_items:\n"
        f'  - {{decision: "Measure satisfaction each quarter", owner: {one}, due: 2027-01-31, action: null}}\n'
        f'  - {{decision: "Renew the backup contract", owner: {several}, due: 2027-02-28, action: null}}'
    )
    (root / path).write_text(text[:start] + items + text[end:], encoding="utf-8")
    commit_all(root, "review")
    return path, Path(path).stem, several, roles


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_owner_with_several_roles_is_told_which_and_the_due_date_keeps_no_note(tmp_path: Path, lang: str) -> None:
    root = demo_kit(tmp_path, lang)
    _path, review_id, several, roles = _held_review(root)
    out = cli("new", "action", "--from-decision", f"{review_id}:2", "--no-edit", "--kit", str(root))
    assert out.returncode == 0, out.stderr
    said = plain(out.stdout)
    assert several in said and all(r in said for r in roles), said
    assert ("plusieurs rôles" if lang == "fr" else "several roles") in said, said
    text = (root / out.stdout.split()[0]).read_text(encoding="utf-8")
    due = next(line for line in text.splitlines() if line.startswith("due:"))
    assert due == "due: 2027-02-28", text  # the decision's date, without "replace it with a realistic date"


def test_a_plain_new_action_keeps_the_forms_due_date_note(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "fr")
    out = cli("new", "action", "--no-edit", "--kit", str(root))
    assert out.returncode == 0, out.stderr
    text = (root / out.stdout.split()[0]).read_text(encoding="utf-8")
    assert "date réaliste" in text, text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_action_still_a_form_follows_its_decision_and_a_second_is_refused(tmp_path: Path, lang: str) -> None:
    root = demo_kit(tmp_path, lang)
    path, review_id, _several, _roles = _held_review(root)
    _, before = check_json(root)
    assert [f["path"] for f in before["findings"] if f["rule"] == "ACT007"] == [path, path], before
    made = cli("new", "action", "--from-decision", f"{review_id}:2", "--no-edit", "--commit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    action = made.stdout.split()[0]
    _, after = check_json(root)
    act007 = [f for f in after["findings"] if f["rule"] == "ACT007"]
    assert [f["path"] for f in act007] == [path] and "(1)" not in json.dumps(act007), act007
    assert ("Measure satisfaction" in act007[0]["message"]) and "backup" not in act007[0]["message"], act007
    assert any(f["rule"] == "SCH004" and f["path"] == action for f in after["findings"]), after
    again = cli("new", "action", "--from-decision", f"{review_id}:2", "--no-edit", "--kit", str(root))
    assert again.returncode == 2, again.stdout
    assert Path(action).stem in again.stderr and again.stderr.count("\n") == 1, again.stderr
    assert "Traceback" not in again.stderr
    assert sorted(p.name for p in (root / "actions").iterdir()).count(Path(action).name) == 1
    other = cli("new", "action", "--from-decision", f"{review_id}:1", "--no-edit", "--kit", str(root))
    assert other.returncode == 0, other.stderr  # the other decision is still free


def test_a_decision_naming_its_action_is_refused_naming_it(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    path, review_id, _several, _roles = _held_review(root)
    made = cli("new", "action", "--title", "Survey", "--no-edit", "--kit", str(root))
    action_id = Path(made.stdout.split()[0]).stem
    text = (root / path).read_text(encoding="utf-8").replace("action: null}", f"action: {action_id}}}", 1)
    (root / path).write_text(text, encoding="utf-8")
    again = cli("new", "action", "--from-decision", f"{review_id}:1", "--no-edit", "--kit", str(root))
    assert again.returncode == 2 and action_id in again.stderr, again.stderr


@pytest.mark.parametrize(("lang", "prefix", "other"), [("fr", "RDD-", "MRV-"), ("en", "MRV-", "RDD-")])
def test_a_bad_decision_reference_gives_an_example_in_the_kits_numbering(
    tmp_path: Path, lang: str, prefix: str, other: str
) -> None:
    root = demo_kit(tmp_path, lang)
    out = cli("new", "action", "--from-decision", "nonsense", "--no-edit", "--kit", str(root))
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert f"{prefix}20" in out.stderr and other not in out.stderr, out.stderr


@pytest.mark.parametrize(("lang", "words"), [("fr", "de la non-conformité"), ("en", "of nonconformity")])
def test_act004_names_a_nonconformity_as_one(tmp_path: Path, lang: str, words: str) -> None:
    root = demo_kit(tmp_path, lang)
    given = tmp_path / "nc.yml"
    given.write_text("effectiveness_due: 2026-06-01\n", encoding="utf-8")
    made = cli(
        "new",
        "nonconformity",
        "--title",
        "Calls",
        "--date",
        "2026-05-01",
        "--from",
        str(given),
        "--no-edit",
        "--kit",
        str(root),
    )
    assert made.returncode == 0, made.stderr
    nc = Path(made.stdout.split()[0]).stem
    _, found = check_json(root)
    (act004,) = [f for f in found["findings"] if f["rule"] == "ACT004" and nc in f["message"]]
    assert f"{words} {nc}" in plain(act004["message"]), act004
    assert ("de l'action" not in act004["message"]) and ("of action" not in act004["message"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_planned_review_is_no_evd006_and_the_calendar_shows_it(tmp_path: Path, lang: str) -> None:
    import datetime as dt

    root = demo_kit(tmp_path, lang)
    day = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    made = cli("new", "management-review", "--date", day, "--commit", "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    path = made.stdout.split()[0]
    _, found = check_json(root)
    assert not [f for f in found["findings"] if f["rule"] == "EVD006" and f["path"] == path], found
    cal = cli("calendar", str(root), "--format", "json", "--to", day)
    assert cal.returncode == 0, cal.stderr
    (occ,) = [o for o in json.loads(cal.stdout)["occurrences"] if o["record"] == path]
    assert occ["source"] == "management-review" and occ["due"] == day and occ["status"] == "upcoming", occ
    # once its day has passed, a record committed before the meeting it records is EVD006 again
    later = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    _, after = check_json(root, "--as-of", later)
    assert [f for f in after["findings"] if f["rule"] == "EVD006" and f["path"] == path], after


def test_cal002_in_ci_covers_an_action_the_calendar_shows_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    root = demo_kit(tmp_path, "en")
    due = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    given = tmp_path / "a.yml"
    given.write_text(
        f"title: Renew the backup contract\nowner: SMS\napproved_by: Margaret Hale\n"
        f"approved_on: {dt.date.today().isoformat()}\ndue: {due}\n",
        encoding="utf-8",
    )
    made = cli("new", "action", "--from", str(given), "--commit", "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    path = made.stdout.split()[0]
    cal = cli("calendar", str(root), "--format", "json")
    (occ,) = [o for o in json.loads(cal.stdout)["occurrences"] if o["record"] == path]
    assert occ["status"] == "due", occ
    monkeypatch.delenv("CI", raising=False)
    _, quiet = check_json(root)
    assert not [f for f in quiet["findings"] if f["rule"] == "CAL002"], quiet
    monkeypatch.setenv("CI", "true")
    _, found = check_json(root)
    hits = [f for f in found["findings"] if f["rule"] == "CAL002" and f["path"] == path]
    assert len(hits) == 1 and due in hits[0]["message"], found


@pytest.mark.parametrize(("lang", "words"), [("fr", "à compléter"), ("en", "to complete")])
def test_an_audit_to_fill_is_named_in_the_calendar_as_one_to_complete(tmp_path: Path, lang: str, words: str) -> None:
    import datetime as dt

    root = demo_kit(tmp_path, lang)
    day = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    made = cli("new", "audit", "--date", day, "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    path, audit_id = made.stdout.split()[0], Path(made.stdout.split()[0]).stem
    cal = cli("calendar", str(root), "--format", "json", "--to", day)
    (occ,) = [o for o in json.loads(cal.stdout)["occurrences"] if o["record"] == path]
    assert words in occ["title"] and audit_id in occ["title"], occ
    assert f"of {audit_id}" not in occ["title"] and f": {audit_id}" not in occ["title"], occ


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_without_a_kind_lists_the_kinds(tmp_path: Path, lang: str) -> None:
    root = demo_kit(tmp_path, lang)
    out = cli("new", "--kit", str(root))
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert "incident" in out.stderr and "action" in out.stderr and "audit" in out.stderr, out.stderr
