"""HTML reports loaded in a real browser (headless Chromium): the page the reader sees, its
structure once parsed, and what prints. Skipped when chromium or poppler-utils is absent."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CHROMIUM, commit_all, report_kit_files, run_chromium, write_files

from trousse.cli.app import run

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
KINDS = ("audit", "action-plan", "readiness", "matrix", "catalogue")


def chromium(page: Path, tmp_path: Path, *action: str) -> str:
    """Run headless Chromium on ``page`` with ``action`` (--dump-dom, --print-to-pdf=...)."""
    return run_chromium(tmp_path, *action, page.as_uri()).stdout


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every report of a small kit in HTML, in French and in English."""
    out: dict[str, Path] = {}
    for lang in ("fr", "en"):
        root = tmp_path_factory.mktemp(f"kit-{lang}")
        write_files(root, report_kit_files(lang))
        commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
        for kind in KINDS:
            target = root / "reports" / f"{kind}.html"
            args = ["report", kind, str(root), "-f", "html", "-o", str(target), "--as-of", "2026-11-23"]
            assert run(args + (["--audit", "AUD-2026-01"] if kind == "audit" else [])) == 0
            out[f"{kind}-{lang}"] = target
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_structure_in_browser(pages: dict[str, Path], kind: str, lang: str, tmp_path: Path) -> None:
    dom = chromium(pages[f"{kind}-{lang}"], tmp_path, "--dump-dom")
    assert f'<html lang="{lang}">' in dom
    assert len(re.findall(r"<h1[ >]", dom)) == 1 and "<h2" in dom
    assert "<script" not in dom  # nothing from the kit became an element
    assert "<link" not in dom and "src=" not in dom  # self-contained: nothing fetched
    for table in re.findall(r"<table.*?</table>", dom, flags=re.S):
        assert "<th" in table  # every table has headers
    assert 'scope="col"' in dom or 'scope="row"' in dom


def test_script_statement_is_text_in_browser(pages: dict[str, Path], tmp_path: Path) -> None:
    dom = chromium(pages["audit-fr"], tmp_path, "--dump-dom")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom
    assert "<script" not in dom


@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness"])
def test_charts_are_inline_svg(pages: dict[str, Path], kind: str, tmp_path: Path) -> None:
    dom = chromium(pages[f"{kind}-en"], tmp_path, "--dump-dom")
    svg = re.findall(r"<svg .*?</svg>", dom, flags=re.S)
    assert svg, "no chart"
    # A chart is an image with a text alternative, or hidden from screen readers beside the
    # data table that holds its numbers (the readiness heatmap).
    for s in svg:
        assert "<rect" in s
        assert ('role="img"' in s and "<title" in s) or ('aria-hidden="true"' in s and 'class="heat sr-only"' in dom)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_printed_page_reads_well(pages: dict[str, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "printed.pdf"
    chromium(pages["action-plan-en"], tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # words wrapped in narrow table cells
    for needle in (
        "Action plan",
        "ACT-2026-001",
        "Marie Tremblay",
        "21 days overdue",
        "Response deadline for nonconformities",
        "late",
    ):
        assert needle in text, needle
    audit_pdf = tmp_path / "audit.pdf"
    chromium(pages["audit-fr"], tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={audit_pdf}")
    text = subprocess.run(["pdftotext", str(audit_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert('x')</script>" in html.unescape(text)
