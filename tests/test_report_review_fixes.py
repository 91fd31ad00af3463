"""What the second fresh-install reviewer of issue 12 found, each checked on the French demo kit:
docx pages in A4, the action plan's Process column and trail words in every format, French
spacing in every spreadsheet cell, PDFs without screen-reader copies printed over the page nor a
last page holding only the colophon, ``verify --kit`` comparing the reports, and the standards'
names as French writes them (ISO/CEI) in reports and in ``check``."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import cli, plain

from trousse import i18n
from trousse.cli.app import run
from trousse.demo import ANCHOR, run_demo

AS_OF = ANCHOR.isoformat()
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixes") / "demo"
    run_demo(root, "fr", today=ANCHOR)
    return root


def render(kit: Path, kind: str, fmt: str) -> Path:
    target = kit.parent / f"{kind}.{fmt}"
    extra = ["--audit", "AUD-2026-02"] if kind == "audit" else []
    assert run(["report", kind, str(kit), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *extra]) == 0
    return target


def xlsx_cells(path: Path) -> dict[str, list[list[object]]]:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


# ------------------------------------------------------------------ docx: A4 and the PDF's margins
@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness"])
def test_docx_pages_are_a4_with_the_pdf_margins(kit: Path, kind: str) -> None:
    docx = pytest.importorskip("docx")
    pytest.importorskip("docxtpl")
    from docx.shared import Mm

    section = docx.Document(str(render(kit, kind, "docx"))).sections[0]
    size = (round(section.page_width / Mm(1)), round(section.page_height / Mm(1)))
    margins = tuple(round(m / Mm(1)) for m in (section.top_margin, section.left_margin, section.bottom_margin))
    if kind == "action-plan":  # a wide table, in landscape as its PDF
        assert size == (297, 210)
        assert margins == (16, 10, 14)
    else:
        assert size == (210, 297)  # python-docx's default is US Letter (216 x 279)
        assert margins == (20, 14, 18)


# ------------------------------------------------------------------ action plan: process, trail words
def test_action_plan_xlsx_has_the_process_column(kit: Path) -> None:
    sheets = xlsx_cells(render(kit, "action-plan", "xlsx"))
    rows, _deadlines = sheets.values()  # the actions, then the response deadlines
    headers = rows[1]
    assert headers[1] == "Processus"
    page = render(kit, "action-plan", "html").read_text(encoding="utf-8")
    for row in rows[2:]:  # each action under the process the HTML groups it in
        process = str(row[1]).replace(NNBSP, " ")
        assert process.split(" — ")[0] in page
        section = page[page.index(f'<tr id="{row[0]}"') - 4000 : page.index(f'<tr id="{row[0]}"')]
        assert process.split(" — ")[0] in section


def test_trail_words_in_every_format(kit: Path) -> None:
    words = [i18n.t(f"rpt.trail.{k}", _lang="fr") for k in ("not_done", "not_verified", "not_assessed")]
    md = render(kit, "action-plan", "md").read_text(encoding="utf-8")
    assert all(w in md for w in words), "the demo has an action not done yet"
    html = render(kit, "action-plan", "html").read_text(encoding="utf-8")
    docx = pytest.importorskip("docx")
    pytest.importorskip("docxtpl")
    doc = docx.Document(str(render(kit, "action-plan", "docx")))
    doc_text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    cells = "\n".join(
        str(v) for rows in xlsx_cells(render(kit, "action-plan", "xlsx")).values() for r in rows for v in r
    )
    for w in words:
        assert w in html
        assert w in doc_text
        assert w in cells


@pytest.mark.parametrize("kind", ["action-plan", "matrix", "register"])
def test_every_french_xlsx_cell_is_typeset(kit: Path, kind: str) -> None:
    cells = [
        v for rows in xlsx_cells(render(kit, kind, "xlsx")).values() for r in rows for v in r if isinstance(v, str)
    ]
    loose = [v for v in cells if re.search(r" [:;?!](\s|$)|« | »", v)]
    assert not loose, loose[:3]
    assert any(re.search(f"{NNBSP}[:;?!»]|«{NNBSP}", v) for v in cells)  # there was something to typeset


# ------------------------------------------------------------------ PDFs: what is printed
needs_pdf = pytest.mark.skipif(
    importlib.util.find_spec("weasyprint") is None or shutil.which("pdftotext") is None,
    reason="WeasyPrint or poppler-utils is not installed",
)


@pytest.fixture(scope="module")
def pdf_pack(kit: Path) -> Path:
    target = kit.parent / "pack-pdf"
    zipped = kit.parent / "pack-pdf.zip"
    assert run(["report", "pack", str(kit), "-f", "pdf", "-o", str(zipped), "--as-of", AS_OF]) == 0
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(target)
    return target / "reports"


def pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


@needs_pdf
def test_no_screen_reader_copy_printed(pdf_pack: Path) -> None:
    caption = i18n.t("rpt.heatmap_table", _lang="fr")
    html = (pdf_pack / "readiness.html").read_text(encoding="utf-8")
    assert f"<caption>{caption}</caption>" in html  # still there for screen readers
    for pdf in sorted(pdf_pack.glob("*.pdf")):
        page = (pdf_pack / f"{pdf.stem}.html").read_text(encoding="utf-8")
        hidden = re.findall(r'class="[^"]*\bsr-only\b[^"]*">\s*<caption>([^<]+)</caption>', page)
        text = plain(" ".join(pages(pdf)))
        for words in hidden:
            assert plain(words) not in text, f"{pdf.name} prints its screen-reader copy"


@needs_pdf
def test_no_last_page_holds_only_the_colophon(pdf_pack: Path) -> None:
    colophon = plain(i18n.t("rpt.generated_by", _lang="fr", version="")).strip()
    for pdf in sorted(pdf_pack.glob("*.pdf")):
        last = plain(pages(pdf)[-1])
        assert colophon.split()[0] in last or len(pages(pdf)) == 1
        # what is left once the running header, the footer and the colophon are taken away
        body = re.sub(r"^.*?commit \w{12}", "", last)
        body = re.sub(r"Produit par trousse.*$", "", body)
        assert len(body.split()) > 3, f"{pdf.name}: the last page holds only the colophon"


# ------------------------------------------------------------------ verify --kit compares the reports
def _rebuilt(pack: Path, target: Path, change: tuple[str, str, str]) -> Path:
    """The pack with one report edited and every hash recomputed: intact as a zip, not what the
    kit renders."""
    with zipfile.ZipFile(pack) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    name, old, new = change
    assert old.encode() in files[name]
    files[name] = files[name].replace(old.encode(), new.encode(), 1)
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["reports"]:
        entry["sha256"] = hashlib.sha256(files[entry["path"]]).hexdigest()
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(b).hexdigest()}  {n}\n" for n, b in sorted(files.items()) if n != "SHA256SUMS"
    ).encode()
    with zipfile.ZipFile(target, "w") as zf:
        for n, b in files.items():
            zf.writestr(n, b)
    return target


def test_verify_kit_compares_the_reports(kit: Path) -> None:
    pack = kit.parent / "pack-md.zip"
    assert run(["report", "pack", str(kit), "-o", str(pack), "--as-of", AS_OF]) == 0
    done = cli("verify", str(pack), "--kit", str(kit), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reports (md, html) are identical to those rendered again from commit" in done.stdout

    rebuilt = _rebuilt(pack, kit.parent / "rebuilt.zip", ("reports/action-plan.md", "ACT-", "ACT "))
    assert cli("verify", str(rebuilt), "--lang", "en").returncode == 0  # alone, the zip is intact
    done = cli("verify", str(rebuilt), "--kit", str(kit), "--lang", "en")
    assert done.returncode == 1
    assert "differs from the report rendered again from commit" in done.stdout
    assert "reports/action-plan.md" in done.stdout
    assert "reports/matrix.md" not in done.stdout


# ------------------------------------------------------------------ ISO/CEI in French, one function
def test_pack_text_is_how_trousse_writes_a_standard() -> None:
    title = {"fr": "ISO/IEC 20000-1 — Système de management de l'organisme", "en": "ISO/CEI 20000-1 — l'x"}
    assert i18n.pack_text(title, "fr") == "ISO/CEI 20000-1 — Système de management de l\u2019organisme"
    assert i18n.pack_text(title, "en") == "ISO/IEC 20000-1 — l'x"
    assert i18n.pack_text(None, "fr") == ""


def test_french_check_and_reports_say_iso_cei(tmp_path: Path) -> None:
    root = tmp_path / "kit"
    done = cli("init", str(root), "-s", "iso20000-1-2018", "--lang", "fr", "--org", "Atelier", "--people", "4")
    assert done.returncode == 0, done.stderr
    found = cli("check", str(root), "--format", "json")
    assert "ISO/CEI 20000-1" in found.stdout
    assert "ISO/IEC" not in found.stdout
    english = cli("check", str(root), "--format", "json", "--lang", "en")
    assert "ISO/IEC 20000-1" in english.stdout
    # the readiness remarks of a fresh kit hold several parts: joined " ; " in French
    assert run(["report", "readiness", str(root), "-o", str(tmp_path / "r.md")]) == 0
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert f"{NNBSP}; " in md
    assert not re.search(r"\w; ", md)


def test_french_check_prints_no_english_value(tmp_path: Path) -> None:
    """Severities and cadences in the kit's language (the text format; JSON and SARIF keep their
    identifiers)."""
    root = tmp_path / "kit"
    assert cli("init", str(root), "-s", "iso20000-1-2018", "--lang", "fr", "--org", "Atelier").returncode == 0
    text = plain(cli("check", str(root)).stdout)
    assert " erreur " in text
    assert " error " not in text
    found = cli("check", str(root), "--format", "json")
    assert '"severity": "error"' in found.stdout
    assert i18n.t("evd.cadence.quarterly", _lang="fr") == "trimestrielle"
    message = i18n.t(
        "evd.gap",
        _lang="fr",
        process="CAT",
        artefact="x",
        period="2026-T3",
        cadence=i18n.t("evd.cadence.quarterly", _lang="fr"),
    )
    assert "(cadence trimestrielle)" in plain(message)
