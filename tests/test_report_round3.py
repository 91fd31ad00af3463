"""Reports, second review round of issue 12: the Word audit report shows the rows and sections the
Markdown and HTML show (no "Organisme | —" row when no certification body is named); the action
plan's response deadlines are one table; French typography treats kit text as trousse's own words
in every format; the matrix PDF is built once. Real kits in real git repositories, the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import cli, commit_all, plain, report_kit_files, write_files

AS_OF = "2026-11-23"


def make_kit(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "kit"
    write_files(root, files)
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


def report(root: Path, kind: str, fmt: str, *extra: str) -> Path:
    target = root.parent / f"{kind}.{fmt}"
    audit = ["--audit", "AUD-2026-01"] if kind == "audit" else []
    proc = cli("report", kind, str(root), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *audit, *extra)
    assert proc.returncode == 0, proc.stderr
    return target


def md_facts(md: str) -> list[str]:
    """The labels of the audit's facts table in the Markdown (the table after the audit's title)."""
    block = md.split("\n## ", 2)[1]
    return [plain(line.split("|")[1].strip()) for line in block.splitlines() if re.match(r"\| [^|\s-]", line)]


def docx_facts(path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    return [plain(row.cells[0].text.strip()) for row in docx.Document(str(path)).tables[1].rows]


def docx_text(path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    return [plain(p.text) for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("body", [None, "Certif Express"])
def test_word_audit_report_has_the_markdown_rows(tmp_path: Path, body: str | None) -> None:
    pytest.importorskip("docxtpl")
    files = report_kit_files("fr")
    audit = files["audits/AUD-2026-01.yml"].replace("context: Premier audit interne.\n", "")
    if body:
        audit = audit.replace("kind: internal\n", f"kind: internal\nbody: {body}\n")
    files["audits/AUD-2026-01.yml"] = audit
    root = make_kit(tmp_path, files)
    md = report(root, "audit", "md").read_text(encoding="utf-8")
    word = report(root, "audit", "docx")
    rows = md_facts(md)
    assert ("Organisme" in rows) == bool(body), rows
    assert docx_facts(word) == rows  # the same rows, in the same order
    assert ("Certif Express" in md) == bool(body)
    paragraphs = docx_text(word)
    assert "Contexte" not in paragraphs and "## Contexte" not in md  # no context given: no section
    # a line the finding does not give is left out, as in the Markdown (F4 has no clause, F3 no evidence)
    assert not any(p.startswith("Preuves : —") or p == "Actions : —" or p == "" for p in paragraphs[5:])
    assert "Échantillonnage : non précisé" in paragraphs and "Aucun audit précédent dans la trousse." in paragraphs


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from trousse.demo import ANCHOR, run_demo

    root = tmp_path_factory.mktemp("round3") / "demo"
    run_demo(root, "fr", today=ANCHOR)
    return root


def demo_report(demo: Path, kind: str, fmt: str) -> Path:
    from trousse.demo import ANCHOR

    target = demo.parent / f"{kind}.{fmt}"
    proc = cli("report", kind, str(demo), "-f", fmt, "-o", str(target), "--as-of", ANCHOR.isoformat())
    assert proc.returncode == 0, proc.stderr
    return target


NCS = ["NC-2026-0001", "NC-2026-0002", "NC-2026-0003", "NC-2026-0004"]


def test_response_deadlines_are_one_table_in_markdown_and_html(demo: Path) -> None:
    md = demo_report(demo, "action-plan", "md").read_text(encoding="utf-8")
    section = md.split("## Délai de réponse", 1)[1].split("\n---", 1)[0]
    assert "###" not in section  # no heading per record
    headers = [line for line in section.splitlines() if line.startswith("| Constat |")]
    assert len(headers) == 1 and "| Délai compté à partir du | Date limite |" in plain(headers[0])
    rows = [line for line in section.splitlines() if line.startswith("| NC-")]
    assert [r.split("|")[1].strip() for r in rows] == NCS
    page = demo_report(demo, "action-plan", "html").read_text(encoding="utf-8")
    html = page.split('id="s-deadlines"', 1)[1]
    assert html.count("<table") == 1 and html.count('<th scope="row">') == len(NCS)


def test_response_deadlines_are_one_table_in_word_and_spreadsheet(demo: Path) -> None:
    docx = pytest.importorskip("docx")
    pytest.importorskip("docxtpl")
    openpyxl = pytest.importorskip("openpyxl")
    doc = docx.Document(str(demo_report(demo, "action-plan", "docx")))
    holding = [t for t in doc.tables if any(c.text in NCS for r in t.rows for c in r.cells[:1])]
    assert len(holding) == 1, len(holding)
    assert [r.cells[0].text for r in holding[0].rows[1:]] == NCS
    book = openpyxl.load_workbook(demo_report(demo, "action-plan", "xlsx"))
    assert book.sheetnames[1] == "Délais de réponse"
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[3]][:2] == ["NC-2026-0001", "Non-conformité mineure"]
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == NCS


def apostrophes_kit(tmp_path: Path, lang: str) -> Path:
    files = report_kit_files(lang)
    files["actions/ACT-2026-001.yml"] = files["actions/ACT-2026-001.yml"].replace(
        "title: Ouvrir une fiche pour chaque incident", 'title: "Tenir l\'objectif : une fiche par incident"'
    )
    files["audits/AUD-2026-01.yml"] = files["audits/AUD-2026-01.yml"].replace(
        "evidence: [records/inc/INC-2026-0001.yml]", 'evidence: ["records/inc/l\'incident.yml"]'
    )
    return make_kit(tmp_path, files)


def office_text(path: Path) -> str:
    """Every text of a docx (its XML) or of an xlsx (its cells, read back with openpyxl)."""
    if path.suffix == ".xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(path)
        return " ".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v)
    import zipfile

    with zipfile.ZipFile(path) as z:
        return " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_kit_text_takes_french_typography_in_every_format(tmp_path: Path) -> None:
    pytest.importorskip("docxtpl")
    pytest.importorskip("openpyxl")
    root = apostrophes_kit(tmp_path, "fr")
    typeset = "Tenir l\u2019objectif\u202f: une fiche par incident"
    for fmt in ("md", "html", "docx", "xlsx"):
        path = report(root, "action-plan", fmt)
        text = office_text(path) if fmt in ("docx", "xlsx") else path.read_text(encoding="utf-8")
        assert typeset in text, fmt  # the kit's words as trousse's own: « Plan d’actions » beside them
        assert "l'objectif" not in text and "l&#39;objectif" not in text, fmt
    # a file's path is printed as written, in its text and in its link
    md = report(root, "audit", "md").read_text(encoding="utf-8")
    assert "[records/inc/l'incident.yml](<kit/records/inc/l'incident.yml>)" in md
    page = report(root, "audit", "html").read_text(encoding="utf-8")
    assert "l&#39;incident.yml</code>" in page and "l’incident" not in page
    words = [p for p in docx_text(report(root, "audit", "docx")) if p.startswith("Preuves")]
    assert words and "records/inc/l'incident.yml" in words[0] and "\u2019" not in words[0]


def test_english_kit_text_keeps_its_apostrophes(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    root = apostrophes_kit(tmp_path, "fr")
    for fmt in ("md", "xlsx"):
        path = report(root, "action-plan", fmt, "--lang", "en")
        text = office_text(path) if fmt == "xlsx" else path.read_text(encoding="utf-8")
        assert "Tenir l'objectif : une fiche" in text, fmt
