"""Linked folders and files never lead trousse outside the kit (red-team review): ``adopt``,
``new``, ``schema`` and ``upgrade`` neither write, delete nor read through a symbolic link; a kit
template folder that is a link is refused; ``limits.file_size`` has a ceiling; a huge YAML integer
is one plain finding. Each case fails on the code before the fix. Real git repositories, the real
command line under memory and CPU limits, a listing of what lies outside the kit."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import commit_all, plan_repo, write_files
from hostile_support import assert_clean_exit, committed_kit, snapshot, trousse


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return committed_kit(tmp_path_factory.mktemp("base"))


@pytest.fixture
def kit(base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(base, root, symlinks=True)
    return root


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the kit that a hostile kit links to, holding one file of its owner."""
    folder = tmp_path / "elsewhere"
    write_files(folder, {"victim.schema.json": '{"mine": true}\n', "secret.txt": "TOP-SECRET-LINE\n"})
    return folder


def _link(kit: Path, rel: str, target: Path) -> None:
    where = kit / rel
    if where.is_dir() and not where.is_symlink():
        shutil.rmtree(where)
    where.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, where)


# ---------------------------------------------------------------- adopt
@pytest.mark.parametrize("linked", ["processes", ".vscode"])
def test_adopt_never_writes_through_a_linked_folder(tmp_path: Path, elsewhere: Path, linked: str) -> None:
    root = plan_repo(tmp_path, {"policies/quality-policy.md": "# Quality policy\n\nWe serve our clients.\n"})
    os.symlink(elsewhere, root / linked)
    before = snapshot(elsewhere)
    run = trousse("adopt", str(root), "--standard", "iso9001-2015", "--lang", "en", "--org", "X")
    assert_clean_exit(run, 2)
    assert snapshot(elsewhere) == before
    assert linked in run.err and "link" in run.err
    assert not (root / "trousse.yml").exists()  # refused before anything was written


# ---------------------------------------------------------------- new
@pytest.mark.parametrize(("kind", "folder"), [("action", "actions"), ("incident", "records/incident-record")])
def test_new_never_writes_through_a_linked_folder(kit: Path, elsewhere: Path, kind: str, folder: str) -> None:
    shutil.rmtree(kit / "records" / "inc")  # no incident yet: a new one goes to records/incident-record/
    _link(kit, folder, elsewhere)
    before = snapshot(elsewhere)
    run = trousse("new", kind, "--no-edit", "--kit", str(kit), "--lang", "en")
    assert_clean_exit(run, 2)
    assert snapshot(elsewhere) == before
    assert folder in run.err, run.err


@pytest.mark.parametrize("how", ["file", "folder"])
def test_new_never_reads_a_linked_form(kit: Path, elsewhere: Path, how: str) -> None:
    shutil.rmtree(kit / "templates" / "actions", ignore_errors=True)
    if how == "file":
        (kit / "templates" / "actions").mkdir(parents=True)
        os.symlink(elsewhere / "secret.txt", kit / "templates" / "actions" / "action.yml")
    else:
        forms = kit.parent / "forms"
        write_files(forms, {"action.yml": "id: ACT-YYYY-NNN\ntitle: TOP-SECRET-LINE\n"})
        (kit / "templates").mkdir(exist_ok=True)
        os.symlink(forms, kit / "templates" / "actions")
    before = snapshot(kit / "actions")
    run = trousse("new", "action", "--no-edit", "--kit", str(kit), "--lang", "en")
    assert_clean_exit(run, 2)
    assert "TOP-SECRET" not in run.out + run.err
    assert snapshot(kit / "actions") == before
    assert "templates/actions" in run.err, run.err


# ---------------------------------------------------------------- schema
def test_schema_never_writes_nor_deletes_through_a_linked_folder(kit: Path, elsewhere: Path) -> None:
    _link(kit, ".trousse/schemas", elsewhere)
    before = snapshot(elsewhere)
    run = trousse("schema", str(kit), "--lang", "en")
    assert_clean_exit(run, 2)
    assert snapshot(elsewhere) == before
    assert (elsewhere / "victim.schema.json").read_text(encoding="utf-8") == '{"mine": true}\n'
    assert ".trousse/schemas" in run.err


def test_schema_still_writes_into_a_real_folder(kit: Path) -> None:
    run = trousse("schema", str(kit), "--lang", "en")
    assert_clean_exit(run, 0)
    assert sorted(p.name for p in (kit / ".trousse" / "schemas").iterdir())


# ---------------------------------------------------------------- upgrade
@pytest.fixture
def made_kit(tmp_path: Path) -> Path:
    root = tmp_path / "made"
    run = trousse("init", str(root), "--standard", "iso9001-2015", "--lang", "en", "--org", "Acme", "--people", "4")
    assert_clean_exit(run, 0)
    return root


def test_upgrade_never_reads_answers_through_a_link(made_kit: Path, elsewhere: Path) -> None:
    answers = made_kit / ".trousse" / "answers.yml"
    shutil.move(answers, elsewhere / "answers.yml")
    os.symlink(elsewhere / "answers.yml", answers)
    before = snapshot(elsewhere)
    run = trousse("upgrade", str(made_kit), "--lang", "en")
    assert_clean_exit(run, 2)
    assert answers.is_symlink()  # left as it is: not replaced by a regular file
    assert snapshot(elsewhere) == before
    assert ".trousse/answers.yml" in run.err


def test_upgrade_of_a_plain_kit_still_works(made_kit: Path) -> None:
    run = trousse("upgrade", str(made_kit), "--lang", "en")
    assert_clean_exit(run, 0)


# ---------------------------------------------------------------- limits.file_size
@pytest.mark.parametrize(("size", "code"), [("100 GiB", 2), ("65 MiB", 2), ("64 MiB", 1), ("2 MiB", 1)])
def test_file_size_limit_has_a_ceiling(kit: Path, size: str, code: int) -> None:
    config = (kit / "trousse.yml").read_text(encoding="utf-8")
    (kit / "trousse.yml").write_text(config + f"limits: {{file_size: {size}}}\n", encoding="utf-8")
    run = trousse("check", str(kit), "--format", "json", "--lang", "en")
    assert_clean_exit(run, 0, 1, 2)
    assert (run.code == 2) == (code == 2), (run.code, run.err)
    if code == 2:
        assert "file_size" in run.err and "64 MiB" in run.err, run.err


# ---------------------------------------------------------------- kit templates
def test_linked_template_folder_is_refused(kit: Path) -> None:
    write_files(kit, {"templates/matrix.md.j2": '{% include "etc/passwd" %}\n'})
    _link(kit, "templates/reports", Path("/"))
    commit_all(kit, "templates")
    run = trousse("report", "matrix", str(kit), "-o", "-", "--lang", "en")
    assert_clean_exit(run, 2)
    assert "root:" not in run.out
    # The linked root is dropped (reports/render) or refused (templating): either way the include is not served.
    assert ("templates/reports" in run.err and "link" in run.err) or "etc/passwd" in run.err, run.err


def test_template_reached_through_a_link_is_refused(kit: Path, elsewhere: Path) -> None:
    (kit / "templates").mkdir(exist_ok=True)
    os.symlink(elsewhere / "secret.txt", kit / "templates" / "matrix.md.j2")
    run = trousse("report", "matrix", str(kit), "-o", "-", "--lang", "en")
    assert_clean_exit(run, 2)
    assert "TOP-SECRET" not in run.out + run.err
    assert "matrix.md.j2" in run.err, run.err


# ---------------------------------------------------------------- huge integers
def test_huge_integer_is_a_plain_finding(kit: Path) -> None:
    write_files(
        kit,
        {"records/inc/INC-2026-0042.yml": "id: INC-2026-0042\nartefact: incident-record\nsize: " + "9" * 5000 + "\n"},
    )
    run = trousse("check", str(kit), "--format", "json", "--lang", "en")
    assert_clean_exit(run, 1)
    found = [f for f in json.loads(run.out)["findings"] if f["path"] == "records/inc/INC-2026-0042.yml"]
    assert [f["rule"] for f in found] == ["YML001"], found
    assert "set_int_max_str_digits" not in found[0]["message"]
    assert "digits" in found[0]["message"] and found[0]["line"] == 3, found
