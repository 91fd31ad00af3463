"""A file name that is not UTF-8 (a byte 0xff, as Windows or an old archive may leave) is the kit's
file like any other: git's answers about it are read as bytes, so the result cache fingerprints the
file itself, and the kit as committed on a day (--as-of) keeps it apart from a name holding U+FFFD
(what a replacing decoder makes of that byte)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import RECORD, clean_kit_files, commit_all, write_files

RAW = b"INC-\xff.yml".decode("utf-8", "surrogateescape")  # as Python reads the name from the disk
LOOKALIKE = "INC-\ufffd.yml"


def _check(kit: Path, env: dict[str, str], *args: str) -> tuple[int, bytes]:
    proc = subprocess.run(
        [sys.executable, "-m", "trousse", "check", str(kit), *args], capture_output=True, env=env, check=False
    )
    return proc.returncode, proc.stdout


def _kit(tmp_path: Path) -> Path:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    return kit


def test_edits_to_a_file_whose_name_is_not_utf8_are_never_hidden_by_the_cache(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    record = kit / "records" / "inc" / RAW
    good = RECORD.replace("INC-2026-0001", "INC-2026-0090")
    record.write_text(good, encoding="utf-8")
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    env.pop("TROUSSE_NO_CACHE", None)
    assert _check(kit, env)[0] == 0
    for value in ("urgentA", "urgentB"):  # two edits in a row, both uncommitted: each must be read
        record.write_text(good.replace("priority: P2", f"priority: {value}"), encoding="utf-8")
        code, out = _check(kit, env)
        assert code == 1 and f'"{value}" is not allowed'.encode() in out, out
    assert (kit / ".git" / "trousse").is_dir()  # the cache was on


def test_the_kit_as_committed_keeps_a_byte_apart_from_its_replacement_character(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    for i, name in enumerate((RAW, LOOKALIKE)):
        text = RECORD.replace("INC-2026-0001", f"INC-2026-009{i}").replace("priority: P2", f"priority: urgent{i}")
        (kit / "records" / "inc" / name).write_text(text, encoding="utf-8")
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    env = {**os.environ, "TROUSSE_NO_CACHE": "1"}
    for args in ([], ["--as-of", "2026-11-23"]):
        code, out = _check(kit, env, "--format", "json", *args)
        assert code == 1 and b"\\udcff" in out
        findings = json.loads(out.decode("utf-8"))["findings"]  # valid UTF-8: the byte is a \udcff escape
        found = {f["path"]: f["message"] for f in findings if f["rule"] == "SCH001"}
        assert found.keys() == {f"records/inc/{RAW}", f"records/inc/{LOOKALIKE}"}, (args, found)
        assert '"urgent0"' in found[f"records/inc/{RAW}"] and '"urgent1"' in found[f"records/inc/{LOOKALIKE}"]


def test_an_audit_pack_leaves_such_a_file_out_and_says_so(tmp_path: Path) -> None:
    # No zip entry name can carry bytes that are not UTF-8: the file is listed as skipped, the
    # pack is made and verifies (it was an internal error).
    kit = _kit(tmp_path)
    (kit / "records" / "inc" / RAW).write_text(RECORD.replace("INC-2026-0001", "INC-2026-0090"), encoding="utf-8")
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    env = {**os.environ, "TROUSSE_NO_CACHE": "1"}
    target = tmp_path / "pack.zip"
    made = subprocess.run(
        [sys.executable, "-m", "trousse", "report", "pack", str(kit), "-o", str(target), "--as-of", "2026-11-23"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(target) as pack:
        manifest = json.loads(pack.read("manifest.json").decode("utf-8"))
        assert not any("INC-" in n and n.endswith("\ufffd.yml") for n in pack.namelist())
    assert {"path": f"records/inc/{RAW}", "reason": "name_not_utf8"} in manifest["skipped"]
    verified = subprocess.run([sys.executable, "-m", "trousse", "verify", str(target)], capture_output=True, env=env)
    assert verified.returncode == 0, verified.stderr
