"""Issue 13, fifth round: one finding per missed management review (CAL001's, not EVD003's),
``--since`` without ``--from-inputs``, ACT001's hint for an audit finding, and the French path of a
management review to its actions."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import check_json, clean_kit_files, cli, commit_all, demo_kit, git, on_terminal, plain, write_files

REVIEW_TYPE = """\
artefacts:
  - id: management-review-record
    kind: record
    name: {fr: Revue de direction, en: Management review}
    process: INC
    cadence: yearly
    fields:
      - {id: attendees, type: list, of: person}
"""

REVIEW = """\
id: MRV-2025-0001
artefact: management-review-record
date: 2025-03-10
title: Review 2025
attendees: [Paul Roy]
"""


def _review_kit(tmp_path: Path) -> Path:
    """A kit started on 2025-03-01 whose only management review was held on 2025-03-10."""
    root = tmp_path / "kit"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(root, {**clean_kit_files("en"), "artefacts.yml": REVIEW_TYPE})
    commit_all(root, "kit", date="2025-03-01T10:00:00+00:00")
    write_files(root, {"records/mrv/MRV-2025-0001.yml": REVIEW})
    commit_all(root, "review", date="2025-03-10T10:00:00+00:00")
    return root


def test_a_missed_management_review_is_one_finding_cal001s(tmp_path: Path) -> None:
    root = _review_kit(tmp_path)
    proc = cli("check", str(root), "--as-of", "2027-02-15", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    about_review = [f for f in findings if "management-review" in f["message"] or "Management review" in f["message"]]
    assert [f["rule"] for f in about_review] == ["CAL001"], about_review
    assert "2026-03-10" in about_review[0]["message"]  # the review due 12 months after the last one
    assert not [f for f in findings if f["rule"] == "EVD003"], findings


def test_evd003_still_reports_other_yearly_types(tmp_path: Path) -> None:
    root = _review_kit(tmp_path)
    write_files(root, {"artefacts.yml": REVIEW_TYPE.replace("management-review-record", "capacity-plan")})
    git(root, "mv", "records/mrv/MRV-2025-0001.yml", "records/mrv/CAP-2025-0001.yml")
    (root / "records/mrv/CAP-2025-0001.yml").write_text(
        REVIEW.replace("MRV", "CAP").replace("management-review-record", "capacity-plan"), encoding="utf-8"
    )
    commit_all(root, "a capacity plan, not a review", date="2025-03-10T11:00:00+00:00")
    proc = cli("check", str(root), "--as-of", "2027-02-15", "--format", "json")
    rules = [f["rule"] for f in json.loads(proc.stdout)["findings"] if "capacity-plan" in f["message"]]
    assert rules == ["EVD003"], rules


def test_since_without_from_inputs_is_one_plain_line_not_ignored(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    head = git(root, "rev-parse", "HEAD")
    proc = cli("new", "management-review", "--since", "2026-01-01", "--no-edit", "--kit", str(root))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "add --from-inputs" in proc.stderr and "--from-inputs --since 2026-01-01" in proc.stderr
    assert git(root, "status", "--porcelain", "--untracked-files=all") == ""  # nothing written
    assert git(root, "rev-parse", "HEAD") == head
    fr = cli("new", "management-review", "--since", "2026-01-01", "--no-edit", "--kit", str(root), "--lang", "fr")
    assert fr.returncode == 2 and "ajoutez --from-inputs" in fr.stderr, fr.stderr
    # with --from-inputs, --since is what it says: the inputs gathered since that day
    ok = cli("new", "management-review", "--from-inputs", "--since", "2026-01-01", "--no-edit", "--kit", str(root))
    assert ok.returncode == 0, ok.stderr


def test_since_on_another_report_is_refused(tmp_path: Path) -> None:
    root = demo_kit(tmp_path, "en")
    for lang, words in (("en", "leave out --since"), ("fr", "retirez --since")):
        proc = cli("report", "readiness", str(root), "--since", "2026-01-01", "--lang", lang)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert words in proc.stderr and "review-inputs" in proc.stderr and proc.stderr.count("\n") == 1
    assert not (root / "reports" / "readiness.md").exists()
    good = cli("report", "review-inputs", str(root), "--since", "2026-01-01")
    assert good.returncode == 0, good.stderr


AUDIT = """\
id: AUD-{year}-01
kind: internal
date: {day}
scope: [INC]
auditors: [{{name: Luc Roy, role: RGS}}]
signed_by: Luc Roy
signed_on: {day}
findings:
  - {{id: AUD-{year}-01-F1, kind: minor-nc, statement: Fiches manquantes.}}
"""

ACT001_HINT = {
    "en": "create the corrective action: trousse new action, with 'finding: {id}' (the audit finding), an owner "
    "and a due date, then have the plan approved (approved_by, approved_on)",
    "fr": "créez l'action corrective : trousse new action, avec « finding: {id} » (le constat d'audit), un "
    "responsable (owner) et une échéance (due), puis faites approuver le plan (approved_by, approved_on)",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_act001_hint_for_an_audit_finding_says_how_and_following_it_silences_act001(tmp_path: Path, lang: str) -> None:
    held = dt.date.today() - dt.timedelta(days=90)  # the one-month delay is long over
    finding = f"AUD-{held.year}-01-F1"
    root = tmp_path / "kit"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    audit = AUDIT.format(year=held.year, day=held.isoformat())
    write_files(root, {**clean_kit_files(lang), f"audits/AUD-{held.year}-01.yml": audit})
    commit_all(root, "kit and its audit", date=f"{held.isoformat()}T10:00:00+00:00")
    code, data = check_json(root)
    act001 = [f for f in data["findings"] if f["rule"] == "ACT001"]
    assert [(f["path"], f["line"]) for f in act001] == [(f"audits/AUD-{held.year}-01.yml", 9)], act001
    assert plain(act001[0]["hint"]) == ACT001_HINT[lang].format(id=finding)
    assert finding in act001[0]["message"] and code == 1
    # the hint, followed: an action naming the finding, with an owner, a due date and an approval
    values = tmp_path / "action.json"
    due, today = (dt.date.today() + dt.timedelta(days=30)).isoformat(), dt.date.today().isoformat()
    values.write_text(
        json.dumps({"finding": finding, "owner": "RGS", "due": due, "approved_by": "Paul Roy", "approved_on": today}),
        encoding="utf-8",
    )
    made = cli("new", "action", "--title", "Remplir les fiches", "--from", str(values), "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    _, after = check_json(root)
    assert not [f for f in after["findings"] if f["rule"] == "ACT001"], after["findings"]


@pytest.mark.parametrize(
    ("lang", "from_words", "export_words"),
    [
        ("en", "it is not UTF-8 text", "it is not UTF-8 text: export it again as CSV in UTF-8"),
        ("fr", "ce n'est pas du texte UTF-8", "ce n'est pas du texte UTF-8 : exportez-le de nouveau en CSV UTF-8"),
    ],
)
def test_a_file_that_is_not_utf8_is_said_in_each_commands_words(
    tmp_path: Path, lang: str, from_words: str, export_words: str
) -> None:
    """``new --from`` and ``import tickets`` share one reading of why a file cannot be read
    (:func:`trousse.fsio.read_problem`), each in its own words."""
    root = demo_kit(tmp_path, lang)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("title;priorit\u00e9\nPanne;P2\n".encode("latin-1"))
    made = cli("new", "incident", "--no-edit", "--from", str(latin), "--kit", str(root))
    assert made.returncode == 2 and from_words in made.stderr and made.stderr.count("\n") == 1, made.stderr
    imported = cli("import", "tickets", str(latin), "--from", "glpi", "--kit", str(root))
    assert imported.returncode == 2 and export_words in imported.stderr, imported.stderr
    assert "Errno" not in imported.stderr + made.stderr and imported.stderr.count("\n") == 1


def _holders(root: Path) -> tuple[str, str, str]:
    """A person holding exactly one role of the kit (and that role), and one holding several."""
    from trousse.loader import load_kit

    kit = load_kit(root)
    held: dict[str, list[str]] = {}
    for role in kit.roles:
        for h in role.holders:
            held.setdefault(h.name, []).append(role.id)
    one = next(name for name, roles in sorted(held.items()) if len(roles) == 1)
    several = next(name for name, roles in sorted(held.items()) if len(roles) > 1)
    return one, held[one][0], several


def test_a_review_prepared_then_its_decisions_followed_in_french(tmp_path: Path) -> None:
    """Part 4 as a French user walks it: the review from its inputs, filled, committed; ACT007 on
    each decision; ``new action --from-decision`` for each: the decision's owner (a person, as the
    form asks) is the action's holder, and its owner the role that person holds (REF001 otherwise)."""
    root = demo_kit(tmp_path, "fr")
    one, role, several = _holders(root)
    made = cli("new", "management-review", "--from-inputs", "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    path = made.stdout.split()[0]
    review_id = Path(path).stem
    text = (root / path).read_text(encoding="utf-8")
    text = text.replace('"Compte rendu de revue de direction : à compléter"', "Revue de fin d'année")
    text = text.replace('attendees: ["Prénom Nom"]', f"attendees: [{one}, {several}]")
    start = text.index("  - decision:")
    end = text.index("\n", text.index("    action:", start))
    items = (
        f'  - {{decision: "Mesurer la satisfaction chaque trimestre", owner: {one}, due: 2027-01-31, action: null}}\n'
        f'  - {{decision: "Renouveler le contrat de sauvegarde", owner: {several}, due: 2027-02-28, action: null}}'
    )
    (root / path).write_text(text[:start] + items + text[end:], encoding="utf-8")
    commit_all(root, "revue de direction")
    _, before = check_json(root)
    assert sorted(f["rule"] for f in before["findings"] if f["path"] == path) == ["ACT007", "ACT007"], before
    actions = []
    for n in (1, 2):
        out = cli("new", "action", "--from-decision", f"{review_id}:{n}", "--no-edit", "--kit", str(root))
        assert out.returncode == 0, out.stderr
        actions.append(out.stdout.split()[0])
    first, second = ((root / a).read_text(encoding="utf-8") for a in actions)
    assert f"owner: {role} " in first and f'holder: "{one}"' in first, first
    assert 'owner: ""' in second and f'holder: "{several}"' in second, second  # which role: the user's choice
    assert "Champs à remplir : owner, approved_by, approved_on" in plain(out.stdout), out.stdout
    for a in actions:
        filled = (root / a).read_text(encoding="utf-8").replace('owner: ""', "owner: D")
        filled = filled.replace('approved_by: "Prénom Nom"', f"approved_by: {several}")
        opened = re.search(r"^opened_on: (\S+)", filled, re.M)  # approved the day it was opened (new: today)
        assert opened is not None, filled
        (root / a).write_text(
            filled.replace("approved_on: AAAA-MM-JJ", f"approved_on: {opened.group(1)}"), encoding="utf-8"
        )
    _, after = check_json(root)
    left = [(f["rule"], f["path"]) for f in after["findings"] if f["path"] in (path, *actions)]
    assert left == [], left


@pytest.mark.parametrize(
    ("lang", "both", "one_of"),
    [
        (
            "fr",
            "Champs à remplir : title, attendees ; et au moins l'un de ceux-ci (une décision ou une sortie de la revue) "
            ": decision_items, output_improvements, output_changes, output_resources",
            "Champs à remplir, au moins l'un de ceux-ci (une décision ou une sortie de la revue) : decision_items, "
            "output_improvements, output_changes, output_resources",
        ),
        (
            "en",
            "Fields to fill: title, attendees; and at least one of these (a decision or an output of the review): "
            "decision_items, output_improvements, output_changes, output_resources",
            "Fields to fill, at least one of these (a decision or an output of the review): decision_items, "
            "output_improvements, output_changes, output_resources",
        ),
    ],
)
def test_a_new_review_asks_for_one_decision_or_output_not_all(
    tmp_path: Path, lang: str, both: str, one_of: str
) -> None:
    """CMP009 asks a review for one decision or output: ``new`` says so, instead of listing the four
    optional fields as if each were required."""
    root = demo_kit(tmp_path, lang)
    made = cli("new", "management-review", "--no-edit", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    assert both in made.stdout.splitlines(), made.stdout
    # after the editor, with the title and the attendees written, only the choice is left
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import re, sys\n"
        "p = sys.argv[1]\n"
        "t = open(p, encoding='utf-8').read()\n"
        "t = re.sub(r'(?m)^title: .*$', 'title: Revue', t)\n"
        "t = re.sub(r'(?m)^attendees: .*$', 'attendees: [Paul Roy]', t)\n"
        "open(p, 'w', encoding='utf-8').write(t)\n",
        encoding="utf-8",
    )
    code, out = on_terminal(
        root, "new", "management-review", env={"EDITOR": f"{sys.executable} {editor}", "VISUAL": ""}
    )
    assert code == 0, out
    assert one_of in out.splitlines(), out


@pytest.mark.parametrize(
    ("lang", "label", "words"),
    [
        ("fr", "*Exigences : ", "aucune pour les normes de la trousse (demandé par ISO 9001 9.3.2 c) 2))"),
        ("en", "*Requirements: ", "none for the kit's standards (asked by ISO 9001 9.3.2 c) 2))"),
    ],
)
def test_review_inputs_never_cite_a_standard_the_kit_does_not_target_as_its_requirement(
    tmp_path: Path, lang: str, label: str, words: str
) -> None:
    root = demo_kit(tmp_path, lang)  # the demo targets ISO/IEC 20000-1 alone
    out = cli("report", "review-inputs", str(root), "-o", "-")
    assert out.returncode == 0, out.stderr
    cited = [line for line in out.stdout.splitlines() if line.startswith(label)]
    assert len(cited) == 12 and any(words in line for line in cited), cited
    assert all("20000-1 9.3" in line or "ISO 9001" not in line or words.split("(")[0] in line for line in cited), cited
