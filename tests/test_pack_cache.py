"""The shipped packs' parse is kept in the user's cache folder (never in a kit): the second run reads
it instead of the pack's YAML, gives the same answer, and a damaged or foreign entry is read again
from the YAML, never trusted."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from conftest import cli, commit_all
from forkserver import run_trousse


def _entries() -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "trousse"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _check(kit: Path) -> tuple[int, str]:
    # A fixed day, and the kit's own caches removed: each run reads the packs again.
    shutil.rmtree(kit / ".git" / "trousse", ignore_errors=True)
    proc = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout


def _kit(tmp_path: Path) -> Path:
    kit = tmp_path / "kit"
    proc = cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", "en", "--org", "Example")
    assert proc.returncode == 0, proc.stderr
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "trousse", ignore_errors=True)  # init read every pack
    return kit


def test_second_run_reads_the_saved_parse_and_answers_the_same(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    assert _entries() == []
    first = _check(kit)
    entries = _entries()
    assert [p.name.rsplit("-", 1)[0] for p in entries] == ["iso20000-1-2018"]  # the pack the kit targets
    stamp = entries[0].stat().st_mtime_ns
    assert _check(kit) == first
    assert entries[0].stat().st_mtime_ns == stamp  # read, not written again
    assert not (kit / ".git" / "trousse" / "packs").exists()  # never inside the kit


def test_a_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    first = _check(kit)
    (entry,) = _entries()
    for damage in (b"{not json", json.dumps(["m", "id", "x"]).encode(), b"\x00" * 100):
        entry.write_bytes(damage)
        assert _check(kit) == first
        assert json.loads(entry.read_bytes())  # written back whole


def test_no_cache_env_keeps_nothing(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    env = {**os.environ, "TROUSSE_NO_CACHE": "1"}
    proc = run_trousse(["check", str(kit), "--format", "json"], env=env)
    assert proc.returncode in (0, 1), proc.stderr
    assert _entries() == []


def _approved_kit(tmp_path: Path) -> Path:
    kit = _kit(tmp_path)
    doc = kit / "documents" / "asset-register.md"
    approved = "status: approved\napproved_by: D\napproved_on: 2026-06-01"
    doc.write_text(doc.read_text(encoding="utf-8").replace("status: draft", approved), encoding="utf-8")
    commit_all(kit, "approved", date="2026-06-02T10:00:00+02:00")  # --as-of reads the kit as committed
    return kit


def _texts() -> list[Path]:
    return sorted((Path(os.environ["XDG_CACHE_HOME"]) / "trousse" / "texts").glob("*.json"))


def test_templates_rendered_for_comparison_are_kept_and_give_the_same_answer(tmp_path: Path) -> None:
    """check compares each document with the template init rendered: that rendering is kept too,
    with the kit's other shipped texts in one file per kit settings (and one of template passages)."""
    kit = _approved_kit(tmp_path)
    first = _check(kit)
    kept = _texts()
    assert len(kept) == 1, kept  # the templates rendered with these settings (no passage read: the
    # approved document is the template as rendered, word for word)
    texts = [json.loads(p.read_text(encoding="utf-8"))["texts"] for p in kept]
    assert any(name.startswith("sentences:documents/en/asset-register") for t in texts for name in t), texts
    stamps = [p.stat().st_mtime_ns for p in kept]
    assert _check(kit) == first
    assert [p.stat().st_mtime_ns for p in kept] == stamps  # read, not written again


def test_damaged_or_hostile_shipped_texts_are_computed_again(tmp_path: Path) -> None:
    kit = _approved_kit(tmp_path)
    first = _check(kit)
    kept = _texts()
    assert kept
    damages = (
        b'{"not": "a string"}',
        b"{not json",
        json.dumps({"stamp": "another install", "texts": {}}).encode(),
        b'{"stamp": 1, "texts": {"sentences:x": 3}}',
        b"\x80\x00" * 50,
    )
    for damage in damages:
        for entry in kept:
            entry.write_bytes(damage)
        assert _check(kit) == first
        for entry in kept:  # written back whole
            assert json.loads(entry.read_bytes())["texts"]
    for entry in kept:  # a link where a file was: replaced, never followed or written through
        target = tmp_path / f"elsewhere-{entry.name}"
        target.write_text("outside", encoding="utf-8")
        entry.unlink()
        entry.symlink_to(target)
    assert _check(kit) == first
    assert all(p.is_file() and not p.is_symlink() for p in kept)
    assert all((tmp_path / f"elsewhere-{p.name}").read_text(encoding="utf-8") == "outside" for p in kept)


def test_the_texts_of_another_install_are_removed(tmp_path: Path) -> None:
    kit = _approved_kit(tmp_path)
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "trousse" / "texts"
    folder.mkdir(parents=True)
    old = folder / "0123456789abcdef-0123456789abcdef0123456789abcdef.json"
    old.write_text(json.dumps({"stamp": "old", "texts": {"x": "y"}}), encoding="utf-8")
    other = folder / "notes.txt"  # not ours: left alone
    other.write_text("mine", encoding="utf-8")
    layout = folder.parent / "rendered"  # an earlier trousse's folder of one file per text
    layout.mkdir()
    (layout / "0123.json").write_text('"text"', encoding="utf-8")
    kept = tmp_path / "kept"  # a link in its place is not followed
    kept.mkdir()
    (kept / "mine.json").write_text("{}", encoding="utf-8")
    (folder.parent / "rendered-raw").symlink_to(kept, target_is_directory=True)
    _check(kit)
    assert not old.exists() and not layout.exists()
    assert other.read_text(encoding="utf-8") == "mine"
    assert (kept / "mine.json").exists()
    assert len(_texts()) == 1
