"""Every table of every PDF of the demo's audit pack fits A4: pdftotext finds each column
header of each table (a column past the page's edge was cut: "Statu" for "Status")."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import cli, commit_all

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_column_header_of_every_pdf_is_on_the_page(tmp_path: Path, lang: str) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(EXAMPLES / lang, kit)
    commit_all(kit, "demo", date="2026-11-20T10:00:00+00:00")
    out = tmp_path / "pack.zip"
    run = cli("report", "pack", str(kit), "-f", "pdf", "-o", str(out))
    assert run.returncode == 0, run.stderr
    missing = []
    with zipfile.ZipFile(out) as zf:
        pdfs = [n for n in zf.namelist() if n.startswith("reports/") and n.endswith(".pdf")]
        assert len(pdfs) >= 6
        for name in pdfs:
            pdf = tmp_path / Path(name).name
            pdf.write_bytes(zf.read(name))
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            compact = re.sub(r"\s+", "", text)
            page = zf.read(name[:-4] + ".html").decode("utf-8")
            # each table's headers: a header printed by several tables is on the pages as many times
            headers: Counter[str] = Counter()
            for attrs, table in re.findall(r"<table([^>]*)>(.*?)</table>", page, re.S):
                if "sr-only" in attrs:  # for screen readers only: not printed (the chart above it is)
                    continue
                for th in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S):
                    headers[re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", th)))] += 1
            for header, count in headers.items():
                if header and compact.count(header) < count:
                    missing.append((name, header))
    assert missing == []
