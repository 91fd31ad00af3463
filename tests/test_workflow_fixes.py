"""The daily workflow on the demo kits, as a quality lead tries it (issue 13, second round): the
kit's numbering and forms, placeholders whatever their typography, every field left to fill at
once, ids read from history, closed nonconformities, plurals, and review-inputs as a state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, git

from trousse.demo import run_demo
from trousse.yamlio import load_plain


def _demo(tmp_path: Path, lang: str = "fr", day: dt.date | None = None) -> Path:
    """The demo kit, built for today, or for ``day`` when a test pins dates."""
    root = tmp_path / f"demo-{lang}"
    if day is not None:
        run_demo(root, lang, today=day)
        return root
    proc = cli("demo", str(root), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    return root


def _new(root: Path, *args: str) -> tuple[str, str]:
    """``trousse new`` in ``root``: (the kit-relative path written, the whole output)."""
    proc = cli("new", *args, "--kit", str(root), "--no-edit")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()[0].split()[0], proc.stdout


def _findings(root: Path, path: str) -> list[tuple[str, str]]:
    _code, data = check_json(root)
    return sorted((f["rule"], f["message"]) for f in data["findings"] if f["path"] == path)


def test_new_ids_follow_the_kits_own_numbering(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    year = dt.date.today().year
    rel, _out = _new(root, "management-review")
    assert Path(rel).stem.startswith(f"RDD-{year}-"), rel
    rel, _out = _new(root, "customer-complaint-record")
    assert Path(rel).stem.startswith(f"RCL-{year}-"), rel
    rel, _out = _new(root, "continuity-test")  # the form says TCO-, the kit's records PCA-
    assert Path(rel).stem.startswith(f"PCA-{year}-"), rel


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", ""])
def test_placeholder_titles_are_found_whatever_the_space(tmp_path: Path, space: str) -> None:
    root = _demo(tmp_path)
    rel, _out = _new(root, "audit")
    text = (root / rel).read_text(encoding="utf-8")
    data = load_plain(text)
    assert data["title"].replace("\u202f", " ") == "Audit interne : à compléter"
    title = f"Audit interne{space}: à compléter"
    (root / rel).write_text(text.replace(f'"{data["title"]}"', f'"{title}"'), encoding="utf-8")
    assert ("SCH004", "title") in [(r, m.split()[0]) for r, m in _findings(root, rel)]
    text = text.replace(f'"{data["title"]}"', '"Audit interne : achats"')
    (root / rel).write_text(text, encoding="utf-8")
    # the title is no longer to fill; the audit, held today, still has to name auditors and scope
    assert [(r, m.split()[0]) for r, m in _findings(root, rel)] == [("SCH004", "auditors"), ("SCH004", "scope")]
    text = text.replace("auditors: []", "auditors: [{name: Luc Roy, role: RCF}]").replace("scope: []", "scope: [INC]")
    (root / rel).write_text(text, encoding="utf-8")
    assert "SCH004" not in [r for r, _m in _findings(root, rel)]


def test_placeholder_recognises_every_space_and_apostrophe() -> None:
    from trousse.models.placeholders import is_placeholder

    assert is_placeholder("Compte rendu d\u2019incident\u00a0: à compléter")
    assert is_placeholder("Incident record: to complete")
    assert is_placeholder(["ok", "Prénom\u00a0Nom"])
    assert is_placeholder("AAAA-MM-JJ")
    assert not is_placeholder("Audit interne : achats")
    assert not is_placeholder("Prénom Nomade")


def test_new_audit_and_action_use_the_kits_own_forms(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    rel, _out = _new(root, "action")
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith("# Exemple : une action corrective")  # the kit's example-action.yml
    assert "holder:" in text and "# la personne qui la mène" in text
    data = load_plain(text)
    assert data["finding"] is None and data["due"] == "AAAA-MM-JJ" and data["owner"] == ""
    rel, _out = _new(root, "audit")
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith("# Exemple : un audit interne")  # the kit's example-audit.yml
    data = load_plain(text)
    assert data["findings"] == [] and data["auditors"] == [] and data["id"] == Path(rel).stem


def test_check_right_after_new_action_names_every_field_at_once(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    rel, out = _new(root, "action")
    named = out.splitlines()[1].split(":", 1)[1].replace(" ", "").split(",")
    assert named == ["title", "owner", "holder", "approved_by", "approved_on", "due"]
    found = _findings(root, rel)
    assert {r for r, _m in found} == {"SCH004"}, found
    assert sorted(m.split()[0] for _r, m in found) == sorted(named)
    # dates written: the action is read, and what is left is still named, with no unknown role
    text = (root / rel).read_text(encoding="utf-8").replace("AAAA-MM-JJ  #", "2026-12-20  #")
    (root / rel).write_text(text, encoding="utf-8")
    found = _findings(root, rel)
    assert [(r, m.split()[0]) for r, m in found] == [
        ("SCH004", "approved_by"),
        ("SCH004", "holder"),
        ("SCH004", "owner"),
        ("SCH004", "title"),
    ]


def test_a_deleted_record_keeps_its_id_when_its_file_was_renamed(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    rel, _out = _new(root, "incident")
    first = Path(rel).stem
    (root / rel).rename(root / "records/inc/panne.yml")  # never committed under its id
    commit_all(root, "incident: panne")
    git(root, "rm", "-q", "records/inc/panne.yml")
    git(root, "commit", "-q", "-m", "incident removed")
    again, _out = _new(root, "incident")
    assert Path(again).stem != first
    assert Path(again).stem > first


def _review_inputs(root: Path, *args: str) -> str:
    proc = cli("report", "review-inputs", str(root), "-o", "-", *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _section(text: str, number: int) -> str:
    return text.split(f"\n## {number}. ", 1)[1].split("\n## ", 1)[0]


def test_review_inputs_open_items_are_a_state_whatever_their_date(tmp_path: Path) -> None:
    root = _demo(tmp_path, day=dt.date(2026, 11, 29))  # the dates below are the demo's of that day
    text = _review_inputs(root, "--as-of", "2026-11-29")
    assert "| Revue précédente | RDD-2026-0002 |" in text
    ncs = _section(text, 6)
    assert "non-conformités : 4 (majeures 1, mineures 3, ouvertes 4)" in ncs
    assert "NC-2026-0002" in ncs and "actions correctives : " in ncs
    assert "ISO/CEI 20000-1 9.3 e)" in ncs and "ISO/IEC" not in text.split("```yaml")[0]
    # a section empty because of the date says so, and how to widen it
    customers = _section(text, 3)
    assert "Rien dans la trousse depuis le 26 novembre 2026" in customers and "--since" in customers


def test_review_inputs_leave_out_drafts_and_say_how_many(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    before = _section(_review_inputs(root), 6)
    _new(root, "nonconformity")  # uncommitted, still holding the form's placeholders
    text = _review_inputs(root)
    assert _section(text, 6).split("\n- NC")[0] == before.split("\n- NC")[0]
    assert "1 fichier laissé de côté" in text


def test_review_inputs_on_a_fresh_kit_take_no_placeholder_review(tmp_path: Path) -> None:
    root = tmp_path / "kit"
    proc = cli("init", str(root), "--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")
    assert proc.returncode == 0, proc.stderr
    _new(root, "management-review")  # the review being written, still holding placeholders
    text = _review_inputs(root)
    assert "| Previous review | no previous review on record |" in text
    assert "1 file left out" in text


def test_new_names_the_defaults_kept_the_folder_and_the_short_kinds(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    rel, out = _new(root, "nonconformity")
    assert "severity (major)" in out  # a default nobody chose yet
    rel, out = _new(root, "incident")
    assert "priority (P1)" in out and "status (" not in out
    text = (root / rel).read_text(encoding="utf-8")
    assert rel.startswith("records/inc/") and "records/incident-record/" not in text  # where it was written
    assert "copiez ce fichier" not in text and "Mode d'emploi : remplissez chaque champ" in text  # it is there
    proc = cli("new", "bogus", "--kit", str(root))
    assert proc.returncode == 2
    assert "incident (incident-record)" in proc.stderr and "continuity-test (continuity-test-record)" in proc.stderr


def test_new_commit_outside_git_says_so_plainly_and_keeps_the_file(tmp_path: Path) -> None:
    import shutil

    root = _demo(tmp_path)
    shutil.rmtree(root / ".git")
    proc = cli("new", "incident", "--kit", str(root), "--commit", "--no-edit")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "n'est pas dans un dépôt git" in proc.stderr and "fatal" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    written = proc.stderr.split("trousse: ", 1)[1].split()[0]
    assert (root / written).is_file()


@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "--from", "2027-01-01", "--to", "2026-01-01"),
        ("report", "review-inputs", "--since", "2999-01-01", "-o", "-"),
    ],
)
def test_an_impossible_range_is_one_plain_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _demo(tmp_path)
    proc = cli(*args, cwd=root)
    assert proc.returncode == 2, proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == ""
    assert "2027-01-01" in proc.stderr or "2999-01-01" in proc.stderr
