"""One inventory of the kit's files: what git counts (ignored files are not part of the kit), only
regular files read, bounded, never through a link (YML006-YML009); the audit pack from the same
list, refusing uncommitted changes unless --allow-dirty."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from conftest import RECORD, check_json, clean_kit_files, cli, commit_all, git, write_files

from trousse.errors import ConfigError
from trousse.inventory import work_tree
from trousse.reports.pack import safe_entry

AS_OF = "2026-11-23"


def _found(root: Path, *extra: str) -> list[tuple[str, str]]:
    _, data = check_json(root, *extra)
    return [(f["rule"], f["path"]) for f in data["findings"]]


def _committed_kit(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    files = clean_kit_files("en")
    files[".gitignore"] = "reports/\n.env\nrecords/private/\n"
    files.update(extra or {})
    kit = write_files(tmp_path / "kit", files)
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    return kit


def test_the_kit_is_tracked_and_untracked_but_not_ignored_files(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    write_files(kit, {".env": "SECRET=1\n", "records/private/x.yml": "id: [\n", "records/inc/NEW.yml": "id: [\n"})
    names = work_tree(kit).names
    assert "records/inc/NEW.yml" in names and "trousse.yml" in names
    assert ".env" not in names and "records/private/x.yml" not in names
    found = _found(kit)
    assert ("YML001", "records/inc/NEW.yml") in found
    assert not any(path.startswith("records/private/") for _, path in found)


def test_clean_kit_has_no_file_finding(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    assert not any(rule in ("YML005", "YML006", "YML007", "YML008", "YML009") for rule, _ in _found(kit))


def test_yml006_a_pipe_is_never_opened(tmp_path: Path) -> None:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))  # outside git: a plain walk
    os.mkfifo(kit / "records" / "inc" / "INC-2026-0009.yml")
    proc = cli("check", str(kit), "--format", "json", "--as-of", AS_OF)  # would hang if the pipe were opened
    found = [(f["rule"], f["path"]) for f in json.loads(proc.stdout)["findings"]]
    assert ("YML006", "records/inc/INC-2026-0009.yml") in found


def test_yml006_a_folder_named_like_a_record(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    write_files(kit, {"records/inc/INC-2026-0002.yml/notes.txt": "a folder, not a record\n"})
    assert ("YML006", "records/inc/INC-2026-0002.yml") in _found(kit)


def test_yml007_a_record_that_is_a_link_is_not_read_nor_evidence(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    outside = write_files(tmp_path / "outside", {"INC-2026-0005.yml": RECORD.replace("0001", "0005")})
    (kit / "records" / "inc" / "INC-2026-0005.yml").symlink_to(outside / "INC-2026-0005.yml")
    commit_all(kit, "a link", date="2026-06-02T10:00:00+02:00")
    assert ("YML007", "records/inc/INC-2026-0005.yml") in _found(kit)
    proc = cli("evidence", str(kit), "--format", "json", "--as-of", AS_OF)
    data = json.loads(proc.stdout)  # not evidence (git holds only the link); listed as uncounted
    assert "INC-2026-0005" not in {r["id"] for r in data["records"]}
    assert [u["rule"] for u in data["uncounted"] if u["path"] == "records/inc/INC-2026-0005.yml"] == ["YML007"]


def test_yml007_a_folder_replaced_by_a_link_out_of_the_kit_is_never_entered(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    outside = write_files(tmp_path / "outside", {"INC-2026-0001.yml": "id: [ broken outside\n"})
    target = kit / "records" / "inc"
    for p in target.iterdir():
        p.unlink()
    target.rmdir()
    target.symlink_to(outside, target_is_directory=True)  # git still lists the tracked file
    found = _found(kit)
    assert ("YML007", "records/inc/INC-2026-0001.yml") in found
    assert ("YML001", "records/inc/INC-2026-0001.yml") not in found  # never read


def test_yml008_size_cap_default_and_configured(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    big = RECORD.replace("0001", "0002") + "# " + "x" * (5 * 1024 * 1024) + "\n"
    write_files(kit, {"records/inc/INC-2026-0002.yml": big})
    assert ("YML008", "records/inc/INC-2026-0002.yml") in _found(kit)
    config = kit / "trousse.yml"
    config.write_text(config.read_text(encoding="utf-8") + "limits: {file_size: 6 MiB}\n", encoding="utf-8")
    assert not any(rule == "YML008" for rule, _ in _found(kit))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_yml009_and_yml005_unreadable_folder_and_file(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    write_files(kit, {"records/locked/INC-7.yml": RECORD, "records/inc/INC-8.yml": RECORD})
    (kit / "records" / "locked").chmod(0)
    (kit / "records" / "inc" / "INC-8.yml").chmod(0)
    try:
        found = _found(kit)
    finally:
        (kit / "records" / "locked").chmod(0o755)
        (kit / "records" / "inc" / "INC-8.yml").chmod(0o644)
    assert ("YML009", "records/locked") in found
    assert ("YML005", "records/inc/INC-8.yml") in found


# ---------------------------------------------------------------- the audit pack
def _pack(kit: Path, *extra: str) -> tuple[int, str, dict, zipfile.ZipFile | None]:
    proc = cli("report", "pack", str(kit), *extra)
    path = kit / "reports" / f"pack-{AS_OF}.zip"
    if proc.returncode != 0 or not path.exists():
        return proc.returncode, proc.stderr, {}, None
    zf = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    return proc.returncode, proc.stderr, json.loads(zf.read("manifest.json")), zf


def test_pack_holds_the_kit_files_and_never_an_ignored_file(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    write_files(kit, {".env": "SECRET=1\n", "records/private/notes.yml": "secret: 1\n"})
    code, err, manifest, zf = _pack(kit, "--as-of", AS_OF)
    assert code == 0, err
    assert zf is not None
    names = zf.namelist()
    assert "kit/.env" not in names and not any("private" in n for n in names)
    assert "kit/records/inc/INC-2026-0001.yml" in names and "kit/.gitignore" in names
    assert all(".." not in n.split("/") and not n.startswith("/") for n in names)
    assert manifest["commit"] == git(kit, "rev-parse", "HEAD").strip()
    assert manifest["uncommitted_changes"] is False


def test_pack_refuses_uncommitted_changes_unless_allowed_and_then_marks_every_page(tmp_path: Path) -> None:
    kit = _committed_kit(tmp_path)
    record = kit / "records" / "inc" / "INC-2026-0001.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("P2", "P3"), encoding="utf-8")
    code, err, _, _ = _pack(kit)
    assert code == 2 and "uncommitted changes" in err and "--allow-dirty" in err and len(err.splitlines()) == 1
    proc = cli("report", "pack", str(kit), "--allow-dirty")
    assert proc.returncode == 0, proc.stderr
    path = next((kit / "reports").glob("pack-*.zip"))
    zf = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    manifest = json.loads(zf.read("manifest.json"))
    head = git(kit, "rev-parse", "HEAD").strip()
    assert manifest["uncommitted_changes"] is True and manifest["commit"] == head
    pages = [n for n in zf.namelist() if n.startswith("reports/")]
    assert pages
    for page in pages:
        text = zf.read(page).decode("utf-8")
        assert f"Commit {head[:12]} — uncommitted changes" in text, page
    # Packed as it stands: the edited record's bytes, not the committed ones.
    assert b"priority: P3" in zf.read("kit/records/inc/INC-2026-0001.yml")


def test_zip_entry_names_never_leave_the_archive() -> None:
    assert safe_entry("kit/records/a.yml") == "kit/records/a.yml"
    for bad in ("../x", "reports/../../x", "/etc/passwd", "C:/x", "a\\..\\b", "a//b", "reports/./x", ""):
        with pytest.raises(ConfigError):
            safe_entry(bad)
