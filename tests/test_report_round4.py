"""Reports, third review round of issue 12, on the demo kit with the real CLI: dates in prose are
written in words (``27 novembre 2026``, ``1er décembre 2026``, ``27 November 2026``) while table
cells meant for sorting keep ISO dates."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import cli, plain

ISO = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from trousse.demo import ANCHOR, run_demo

    root = tmp_path_factory.mktemp("round4") / "demo"
    run_demo(root, "fr", today=ANCHOR)
    return root


def demo_report(demo: Path, kind: str, fmt: str, *extra: str, as_of: str = "2026-11-23") -> Path:
    target = demo.parent / f"{kind}-{'-'.join(extra) or 'fr'}-{as_of}.{fmt}"
    proc = cli("report", kind, str(demo), "-f", fmt, "-o", str(target), "--as-of", as_of, *extra)
    assert proc.returncode == 0, proc.stderr
    return target


def prose_lines(md: str) -> list[str]:
    """The Markdown's lines that are neither table rows (tables keep ISO dates for sorting) nor in a
    code block (the review record's YAML skeleton is machine input)."""
    lines, fenced = [], False
    for line in md.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and not line.startswith("|"):
            lines.append(line)
    return lines


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["action-plan", "readiness", "review-inputs", "catalogue"])
def test_prose_has_no_iso_date(demo: Path, kind: str, lang: str) -> None:
    md = demo_report(demo, kind, "md", "--lang", lang).read_text(encoding="utf-8")
    # a command to type keeps its ISO argument ("--since 2026-05-28"): not prose
    leaked = [line for line in prose_lines(md) if ISO.search(line.replace("--since ", "--since="))]
    leaked = [line for line in leaked if ISO.search(re.sub(r"--since=\S+", "", line.replace("--since ", "--since=")))]
    assert not leaked, leaked[:3]
    words = "23 novembre 2026" if lang == "fr" else "23 November 2026"
    assert plain(md).rstrip().endswith(words)  # the footer: "Produit par trousse … — 23 novembre 2026"


def test_first_of_the_month_and_remarks_in_words(demo: Path) -> None:
    md = plain(demo_report(demo, "readiness", "md", as_of="2026-12-01").read_text(encoding="utf-8"))
    assert md.rstrip().endswith("— 1er décembre 2026")
    assert "dernière revue le 20 novembre 2026 (RDD-2026-0002)" in md  # a remark from the evidence
    assert "remplie le 20 novembre 2026" in md
    ri = plain(demo_report(demo, "review-inputs", "md", "--since", "2026-01-01").read_text(encoding="utf-8"))
    assert "(D, échéance 18 décembre 2026)" in ri
    html = demo_report(demo, "review-inputs", "html", as_of="2026-12-01").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-01">1er décembre 2026</time>' in plain(html)  # machine-readable kept


def test_sorting_tables_keep_iso_dates(demo: Path) -> None:
    md = demo_report(demo, "readiness", "md").read_text(encoding="utf-8")
    assert any(line.startswith("| AST ") and "| 2026-06-11 |" in line for line in md.splitlines())


def test_deadline_table_names_the_audit_of_a_record_taken_from_a_finding(demo: Path) -> None:
    """NC-2026-0002 says ``finding: AUD-2026-02-F1``: its row names AUD-2026-02 in every format."""
    md = demo_report(demo, "action-plan", "md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| NC-2026-0002 |"))
    assert row.split("|")[3].strip() == "AUD-2026-02", row
    html = demo_report(demo, "action-plan", "html").read_text(encoding="utf-8")
    cells = html.split('id="s-deadlines"', 1)[1].split("NC-2026-0002", 1)[1].split("</tr>", 1)[0]
    assert "AUD-2026-02" in cells, cells
    docx = pytest.importorskip("docx")
    pytest.importorskip("docxtpl")
    doc = docx.Document(str(demo_report(demo, "action-plan", "docx")))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows if r.cells[0].text == "NC-2026-0002"]
    assert rows and rows[0][2] == "AUD-2026-02", rows
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(demo_report(demo, "action-plan", "xlsx"))
    found = [[c.value for c in r] for ws in book.worksheets for r in ws.iter_rows() if r[0].value == "NC-2026-0002"]
    assert found and found[0][2] == "AUD-2026-02", found


def pdf_links(path: Path) -> list[str]:
    """The link targets of a PDF's annotations (``pdfinfo -url``)."""
    out = subprocess.run(["pdfinfo", "-url", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[-1] for line in out.splitlines()[1:] if line.strip()]


@pytest.mark.parametrize(("kind", "shown"), [("audit", "ACT-2026-005"), ("action-plan", "AUD-2026-02-F4")])
def test_a_pdf_has_no_link_to_a_file_beside_it(demo: Path, kind: str, shown: str) -> None:
    """A PDF is sent on its own: no link to the HTML reports or the kit's files beside it; the
    reference is printed as text."""
    pytest.importorskip("weasyprint")
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) not installed")
    extra = ("--audit", "AUD-2026-02") if kind == "audit" else ()
    pdf = demo_report(demo, kind, "pdf", *extra)
    dead = [u for u in pdf_links(pdf) if not u.startswith(("http://", "https://", "mailto:", "#"))]
    assert not dead, dead[:5]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert shown in text
    html = demo_report(demo, kind, "html", *extra).read_text(encoding="utf-8")
    assert ".html#" in html  # the HTML report keeps its links to its siblings


LATE, SOON = "ACT-2026-004", "ACT-2026-005"  # as of 16 December 2026: due on the 15th, on the 18th


def test_overdue_and_due_soon_stand_out_in_word(demo: Path) -> None:
    docx = pytest.importorskip("docx")
    pytest.importorskip("docxtpl")
    doc = docx.Document(str(demo_report(demo, "action-plan", "docx", as_of="2026-12-16")))
    rows = {r.cells[0].text.split(" ")[0]: r.cells[-1] for t in doc.tables for r in t.rows}
    late = [run for p in rows[LATE].paragraphs for run in p.runs if "retard" in run.text]
    assert late and late[0].bold and str(late[0].font.color.rgb) == "B00020", [r.text for r in late]
    soon = [run for p in rows[SOON].paragraphs for run in p.runs if "échéance dans" in plain(run.text)]
    assert soon and soon[0].bold and str(soon[0].font.color.rgb) == "9A5B00"
    calm = [run for p in rows["ACT-2026-006"].paragraphs for run in p.runs]
    assert calm and not any(run.bold for run in calm)  # due in January: nothing stands out


def test_overdue_and_due_soon_stand_out_in_the_spreadsheet(demo: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(demo_report(demo, "action-plan", "xlsx", as_of="2026-12-16")).worksheets[0]
    headers = [plain(str(c.value)) for c in ws[2]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    soon_col = headers.index("Échéance proche")
    assert rows[LATE][headers.index("Jours de retard")].value == 1
    assert rows[LATE][0].fill.fgColor.rgb.endswith("FBE3E6") and rows[LATE][9].font.bold
    assert plain(rows[SOON][soon_col].value) == "échéance dans 2 j"
    assert rows[SOON][0].fill.fgColor.rgb.endswith("FFF1D6") and rows[SOON][9].font.bold
    calm = rows["ACT-2026-006"]
    assert calm[soon_col].value is None and calm[0].fill.fill_type is None and not calm[9].font.bold


def test_effectiveness_label_is_not_said_twice(demo: Path) -> None:
    md = plain(demo_report(demo, "action-plan", "md").read_text(encoding="utf-8"))
    assert "Efficacité : Efficace" not in md
    assert "Efficacité : efficace — aucun changement clos sans revue" in md
    assert "Efficacité : Certificat obtenu (CFN-2026-0001)" in md  # no verdict first: as written


def test_readiness_shows_the_commit_in_twelve_characters(demo: Path) -> None:
    md = plain(demo_report(demo, "readiness", "md").read_text(encoding="utf-8"))
    header = re.search(r"commit ([0-9a-f]+)", md)
    read = re.search(r"Commit lu : ([0-9a-f]+)", md)
    assert header and read and len(read[1]) == 12 and read[1] == header[1]


def test_an_uncommitted_pack_says_so_in_one_wording(demo: Path, tmp_path: Path) -> None:
    """The pack's mark and the --allow-dirty help say « modifications non enregistrées dans git »,
    as the pack's manifest and the verify command do."""
    kit = tmp_path / "kit"
    shutil.copytree(demo, kit)
    (kit / "documents" / "note.md").write_text("brouillon\n", encoding="utf-8")
    target = tmp_path / "pack.zip"
    proc = cli("report", "pack", str(kit), "-o", str(target), "--allow-dirty", "--lang", "fr")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(target) as pack:
        pages = [plain(pack.read(n).decode("utf-8")) for n in pack.namelist() if n.endswith(".md")]
    marked = [p for p in pages if "ne correspond à aucun commit" in p]
    assert marked and all("modifications non enregistrées dans git" in p for p in marked)
    assert not any("non validées" in p for p in pages)
    help_fr = " ".join(cli("report", "--help", "--lang", "fr").stdout.split())
    assert "accepter des modifications non enregistrées dans git" in help_fr


def test_a_pack_says_whether_its_kit_files_are_a_commit_or_the_work_tree(demo: Path, tmp_path: Path) -> None:
    """The pack's README (in the kit's language) says the kit's files are those of the commit it
    names, unless the pack was made with uncommitted changes: then they are the work tree's (a
    reviewer's remark)."""
    kit = tmp_path / "kit"
    shutil.copytree(demo, kit)
    readmes = {}
    for name, extra in (("clean", []), ("dirty", ["--allow-dirty"])):
        if name == "dirty":
            (kit / "documents" / "note.md").write_text("brouillon\n", encoding="utf-8")
        target = tmp_path / f"{name}.zip"
        proc = cli("report", "pack", str(kit), "-o", str(target), *extra)
        assert proc.returncode == 0, proc.stderr
        with zipfile.ZipFile(target) as pack:
            readmes[name] = " ".join(plain(pack.read("README.md").decode("utf-8")).split())
    assert "fichiers de la trousse à ce commit (les liens des rapports y mènent)" in readmes["clean"]
    assert "dossier de travail" not in readmes["clean"]
    assert (
        "tels qu'ils étaient dans le dossier de travail, modifications non enregistrées comprises" in readmes["dirty"]
    )
    assert "trousse à ce commit" not in readmes["dirty"]
