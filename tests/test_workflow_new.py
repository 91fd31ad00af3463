"""`trousse new KIND`: forms of the kit, ids that never collide, --commit, --from, --from-finding."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, git

from trousse.yamlio import load_plain

KINDS = ["incident", "nonconformity", "management-review", "audit", "action", "change-record"]


@pytest.fixture(scope="module", params=["fr", "en"])
def base_kit(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A kit made by `trousse init` (real forms), committed; copied per test."""
    lang = request.param
    root = tmp_path_factory.mktemp(f"init-{lang}") / "kit"
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text("[user]\n\tname = Test User\n\temail = test@example.org\n", encoding="utf-8")
    import os

    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "HOME": str(home)}
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "trousse",
            "init",
            str(root),
            "--standard",
            "iso20000-1-2018",
            "--lang",
            lang,
            "--org",
            "Acme",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    return root, lang


@pytest.fixture
def kit(base_kit: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    import shutil

    root = tmp_path / "kit"
    shutil.copytree(base_kit[0], root, symlinks=True)
    return root, base_kit[1]


def _new(root: Path, *args: str) -> tuple[int, str, str]:
    proc = cli("new", *args, "--kit", str(root))
    return proc.returncode, proc.stdout, proc.stderr


def _written(out: str) -> str:
    return out.splitlines()[0].split()[0]


@pytest.mark.parametrize("kind", KINDS)
def test_new_every_kind_from_the_kit_form(kit: tuple[Path, str], kind: str) -> None:
    root, lang = kit
    code, out, err = _new(root, kind)
    assert code == 0, err
    rel = _written(out)
    text = (root / rel).read_text(encoding="utf-8")
    data = load_plain(text)
    today = dt.date.today()
    assert data["id"].endswith(f"-{today.year}-" + "1".zfill(len(data["id"].rsplit("-", 1)[1])))
    if kind not in ("audit", "action"):
        assert data["date"] == today
        assert data["author"] == "Test User"
        assert "#" in text.splitlines()[0]  # the form's comments are kept
        assert ("Formulaire" in text) == (lang == "fr")
    # what the command names as left to fill is exactly what check reports on the file (SCH), or empty placeholders
    code, report = check_json(root)
    named = set()
    for line in out.splitlines():
        if line.startswith(("Fields to fill: ", "Champs à remplir : ")):
            # "title, attendees; and at least one of these (...): decision_items, ..." for a review
            named = set(line.split(": ", 1)[1].replace(" ; ", ", ").replace("; ", ", ").split(", "))
    schema = [f for f in report["findings"] if f["path"] == rel and f["rule"].startswith(("YML", "SCH"))]
    assert {f["message"].split(":")[0].strip() for f in schema} <= named, (schema, named)


def test_filled_record_passes_check_and_commit_commits_it_alone(kit: tuple[Path, str], tmp_path: Path) -> None:
    root, lang = kit
    (root / "stray.txt").write_text("not committed\n", encoding="utf-8")
    git(root, "add", "stray.txt")
    values = tmp_path / "values.json"
    values.write_text(
        json.dumps(
            {
                "title": "Mail server down",
                "service": "SVC-SUPPORT",
                "reported_by": "Ann Smith",
                "assigned_to": "Bob Jones",
                "priority": "P2",
            }
        ),
        encoding="utf-8",
    )
    code, out, err = _new(root, "incident", "--from", str(values), "--commit")
    assert code == 0, err
    rel = _written(out)
    assert "Every required field is filled" in out or "Tous les champs obligatoires" in out
    shown = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert shown == [rel]
    assert git(root, "diff", "--cached", "--name-only").split() == ["stray.txt"]
    _code, report = check_json(root)
    assert [f for f in report["findings"] if f["path"] == rel] == []


def test_ids_never_collide_after_rename_and_delete(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    year = dt.date.today().year
    ids = []
    for _ in range(3):
        code, out, err = _new(root, "incident", "--commit")
        assert code == 0, err
        ids.append(Path(_written(out)).stem)
    assert ids == [f"INC-{year}-{n:04d}" for n in (1, 2, 3)]
    folder = root / "records/incident-record"
    git(root, "mv", f"records/incident-record/INC-{year}-0003.yml", "records/incident-record/renamed.yml")
    git(root, "rm", "-q", f"records/incident-record/INC-{year}-0002.yml")
    commit_all(root, "rename and delete")
    (folder / "renamed.yml").unlink()
    commit_all(root, "delete the renamed one too")
    code, out, err = _new(root, "incident")
    assert code == 0, err
    assert Path(_written(out)).stem == f"INC-{year}-0004"


def test_never_overwrites(kit: tuple[Path, str], tmp_path: Path) -> None:
    root, _lang = kit
    values = tmp_path / "v.yml"
    values.write_text("id: INC-2026-0099\n", encoding="utf-8")
    assert _new(root, "incident", "--from", str(values))[0] == 0
    before = (root / "records/incident-record/INC-2026-0099.yml").read_bytes()
    code, out, err = _new(root, "incident", "--from", str(values), "--title", "other")
    assert code == 2 and "INC-2026-0099" in err and "Traceback" not in err
    assert (root / "records/incident-record/INC-2026-0099.yml").read_bytes() == before


def test_unknown_kind_lists_the_kinds(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    code, _out, err = _new(root, "incidnet")
    assert code == 2
    assert "incident-record" in err and "nonconformity" in err and "audit" in err
    assert len(err.strip().splitlines()) == 1


def test_nonconformity_from_finding(kit: tuple[Path, str]) -> None:
    root, _lang = kit
    (root / "audits/AUD-2026-01.yml").write_text(
        "id: AUD-2026-01\nkind: internal\ndate: 2026-10-02\nscope: [INC]\nfindings:\n"
        "  - {id: AUD-2026-01-F1, kind: major-nc, clause: iso20000-1-2018:8.6.1, statement: No incident follow-up.}\n"
        "  - {id: AUD-2026-01-F2, kind: strength, statement: Good team.}\n",
        encoding="utf-8",
    )
    code, out, err = _new(root, "nonconformity", "--from-finding", "AUD-2026-01-F1")
    assert code == 0, err
    data = load_plain((root / _written(out)).read_text(encoding="utf-8"))
    assert (data["finding"], data["severity"], data["source"]) == ("AUD-2026-01-F1", "major", "internal-audit")
    assert data["statement"] == "No incident follow-up."
    # A second nonconformity from the same finding is refused, naming the first: nothing is written.
    before = sorted(p.name for p in (root / "records").rglob("*.yml"))
    code, _out, err = _new(root, "nonconformity", "--from-finding", "AUD-2026-01-F1")
    assert code == 2 and _written(out) in err and data["id"] in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert sorted(p.name for p in (root / "records").rglob("*.yml")) == before
    code, _out, err = _new(root, "nonconformity", "--from-finding", "AUD-2026-01-F2")
    assert code == 2 and "strength" in err
    code, _out, err = _new(root, "nonconformity", "--from-finding", "NOPE")
    assert code == 2 and "NOPE" in err


def test_bad_from_file_is_one_line(kit: tuple[Path, str], tmp_path: Path) -> None:
    root, _lang = kit
    bad = tmp_path / "bad.yml"
    bad.write_text("- a list\n", encoding="utf-8")
    code, _out, err = _new(root, "incident", "--from", str(bad))
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_new_action_asks_for_its_approval(kit: tuple[Path, str], tmp_path: Path) -> None:
    """The readiness condition "action-plans" counts an action plan once approved: the form has
    approved_by (a person to name, which SCH004 reports until named) and approved_on."""
    root, lang = kit
    code, out, err = _new(root, "action", "--title", "Suivre chaque incident", "--from", str(_values(tmp_path)))
    assert code == 0, err
    rel = _written(out)
    text = (root / rel).read_text(encoding="utf-8")
    data = load_plain(text)
    assert data["approved_by"] == ("Prénom Nom" if lang == "fr" else "First Last")
    day = "AAAA-MM-JJ" if lang == "fr" else "YYYY-MM-DD"
    assert data["approved_on"] == day
    approval = next(line for line in text.splitlines() if line.startswith("approved_by:"))
    assert ("# qui approuve" in approval) == (lang == "fr") and ("# who approves" in approval) == (lang == "en")
    left = next(line for line in out.splitlines() if line.startswith(("Fields to fill: ", "Champs à remplir : ")))
    assert {"approved_by", "approved_on"} <= set(left.split(": ", 1)[1].split(", "))
    _code, report = check_json(root)
    assert sorted(
        f["message"].split(":")[0].strip() for f in report["findings"] if f["path"] == rel and f["rule"] == "SCH004"
    ) == ["approved_by", "approved_on", "holder"]
    # Once approved, nothing is left to fill.
    (root / rel).write_text(
        text.replace(data["approved_by"], "D").replace(f"approved_on: {day}", "approved_on: 2026-11-20"),
        encoding="utf-8",
    )
    _code, report = check_json(root)
    assert [f for f in report["findings"] if f["path"] == rel and f["rule"].startswith(("SCH", "YML"))] == []


def _values(tmp_path: Path) -> Path:
    path = tmp_path / "action.yml"
    path.write_text("owner: D\ndue: 2026-12-15\nprocess: INC\n", encoding="utf-8")
    return path
