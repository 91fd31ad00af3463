"""A kit's text reaches the terminal as text: escape sequences in a value or a file name are shown
as visible escapes, never obeyed (they could clear the screen, set the window title or fake a
"no findings" line)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RECORD, clean_kit_files, cli, commit_all, write_files

# YAML's own escapes: ESC (\\e), BEL (\\a), a right-to-left override (\\u202e).
ESCAPES = '"\\e]0;PWNED\\a\\e[2J\\e[31mFAKE\\u202e"'


def test_escape_sequences_from_the_kit_are_shown_not_obeyed(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["records/inc/bad\x1b[31mname.yml"] = RECORD.replace("priority: P2", "priority: urgent")
    record = "records/inc/INC-2026-0001.yml"
    files[record] = files[record].replace("priority: P2", f"priority: {ESCAPES}")
    kit = write_files(tmp_path, files)
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    for fmt in ("text", "json"):
        proc = cli("check", str(kit), "--format", fmt, "--as-of", "2026-11-23")
        assert proc.returncode == 1, proc.stderr
        out = proc.stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, out
        if fmt == "text":
            assert "\\x1b]0;PWNED" in out  # shown, escaped
            assert "bad\\x1b[31mname.yml" in out
        else:
            messages = " ".join(f["message"] for f in json.loads(out)["findings"])
            assert "\\x1b" in messages


def test_french_text_output_names_severities_in_french(tmp_path: Path) -> None:
    files = clean_kit_files("fr")
    record = "records/inc/INC-2026-0001.yml"
    files[record] = files[record].replace("priority: P2", "priority: urgente")
    kit = write_files(tmp_path, files)
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    proc = cli("check", str(kit), "--format", "text", "--as-of", "2026-11-23")
    assert proc.returncode == 1, proc.stderr
    assert "  erreur  SCH001" in proc.stdout and " error " not in proc.stdout, proc.stdout


def test_a_file_name_that_is_not_utf8_is_shown_byte_for_byte(tmp_path: Path) -> None:
    # Two records whose names differ only there: 0xff (not UTF-8) and U+FFFD (what a replacing
    # decoder makes of it). The text output must tell them apart.
    files = clean_kit_files("en")
    bad = RECORD.replace("priority: P2", "priority: urgent")
    kit = write_files(tmp_path, files)
    (kit / "records" / "inc").mkdir(parents=True, exist_ok=True)
    for raw in (b"INC-\xff.yml", "INC-\ufffd.yml".encode()):
        (kit / "records" / "inc").joinpath(raw.decode("utf-8", "surrogateescape")).write_text(bad, encoding="utf-8")
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    proc = cli("check", str(kit), "--format", "text", "--as-of", "2026-11-23")
    assert proc.returncode == 1, proc.stderr
    assert "records/inc/INC-\\xff.yml" in proc.stdout
    assert "records/inc/INC-\ufffd.yml" in proc.stdout
