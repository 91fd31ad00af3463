"""Word and spreadsheet reports are reproducible: the same kit, day and command give the same bytes,
however many seconds apart they are written (the libraries stamp zip entries and the workbook's
"modified" property with the time of writing; trousse dates them with the report's day). The
Word template `--template` writes is the same bytes every time too. Real kit, real git, real CLI."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import cli, commit_all, report_kit_files, write_files

pytest.importorskip("docx")
pytest.importorskip("docxtpl")
pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("office") / "kit"
    write_files(root, report_kit_files("fr"))
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


def _twice(make: Callable[[Path], None], tmp_path: Path, suffix: str) -> tuple[bytes, bytes]:
    first, second = tmp_path / f"first{suffix}", tmp_path / f"second{suffix}"
    make(first)
    time.sleep(2.1)  # a zip entry's time has a two-second step
    make(second)
    return first.read_bytes(), second.read_bytes()


@pytest.mark.parametrize(("kind", "fmt"), [("action-plan", "docx"), ("action-plan", "xlsx"), ("readiness", "xlsx")])
def test_a_report_written_twice_is_the_same_bytes(kit: Path, tmp_path: Path, kind: str, fmt: str) -> None:
    def make(out: Path) -> None:
        proc = cli("report", kind, str(kit), "--format", fmt, "--as-of", "2026-11-20", "-o", str(out))
        assert proc.returncode == 0, proc.stderr

    one, two = _twice(make, tmp_path, f".{fmt}")
    assert one == two
    with zipfile.ZipFile(tmp_path / f"first.{fmt}") as zf:
        assert {info.date_time[:3] for info in zf.infolist()} == {(2026, 11, 20)}


def test_the_word_template_is_the_same_bytes_every_time(kit: Path, tmp_path: Path) -> None:
    target = kit / "templates" / "reports" / "audit.docx"

    def make(out: Path) -> None:
        proc = cli("report", "audit", str(kit), "--format", "docx", "--template")
        assert proc.returncode == 0, proc.stderr
        target.replace(out)

    one, two = _twice(make, tmp_path, ".docx")
    assert one == two
