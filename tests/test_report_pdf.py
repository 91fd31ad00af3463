"""PDF reports through WeasyPrint, read back with poppler-utils as pages and text. Skipped when
WeasyPrint or poppler-utils is absent."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import commit_all, report_kit_files, write_files

from trousse.cli.app import run

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None, reason="WeasyPrint is not installed"),
    pytest.mark.skipif(
        shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
    ),
]


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kit")
    write_files(root, report_kit_files("fr"))
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


def pdf_text(path: Path) -> str:
    """The PDF's text, words joined by single spaces."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # French typography (typographic apostrophes) is checked in test_report_typography.py.
    return " ".join(out.replace("\u2019", "'").split())


def test_audit_pdf_pages_and_text(kit: Path, tmp_path: Path) -> None:
    target = kit / "reports" / "audit.pdf"
    args = [
        "report",
        "audit",
        str(kit),
        "--audit",
        "AUD-2026-01",
        "-f",
        "pdf",
        "-o",
        str(target),
        "--as-of",
        "2026-11-23",
    ]
    assert run(args) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(target), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page*.png"))
    assert 1 <= len(images) <= 6 and all(p.stat().st_size > 1000 for p in images)
    text = pdf_text(target)
    for needle in (
        "Rapport d'audit",
        "Non-conformité mineure",
        "<script>alert('x')</script>",
        "Point fort",
        "Le système fonctionne",
    ):
        assert needle in text, needle
    # Same kit, same as-of date: the same bytes (no creation time other than the as-of date).
    first = target.read_bytes()
    assert run(args) == 0 and target.read_bytes() == first


def test_action_plan_pdf_in_english(kit: Path) -> None:
    target = kit / "reports" / "plan.pdf"
    assert (
        run(
            ["report", "action-plan", str(kit), "-f", "pdf", "-o", str(target), "--as-of", "2026-11-23", "--lang", "en"]
        )
        == 0
    )
    text = pdf_text(target)
    assert "Action plan" in text and "21 days overdue" in text and "Marie Tremblay" in text
