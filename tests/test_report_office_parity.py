"""Word and spreadsheet outputs show what the HTML of the same report shows: every cell of the
HTML's tables, every blocker, the identity facts, on the French demo kit (found by the
fresh-install reviewer of issue 12: descriptions, kinds, grouping, blocker ids, audit facts and
page numbers were missing from the docx and xlsx)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from trousse.cli.app import run
from trousse.demo import ANCHOR, run_demo

docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")
openpyxl = pytest.importorskip("openpyxl")

AS_OF = ANCHOR.isoformat()


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parity") / "demo"
    run_demo(root, "fr", today=ANCHOR)
    return root


def render(kit: Path, kind: str, fmt: str) -> Path:
    target = kit.parent / f"{kind}.{fmt}"
    extra = ["--audit", "AUD-2026-02"] if kind == "audit" else []
    assert run(["report", kind, str(kit), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *extra]) == 0
    return target


def norm(text: str) -> str:
    """Spaces of every kind as one plain space (French typography puts no-break ones)."""
    return " ".join(re.sub(r"[\u00a0\u202f]", " ", text).split())


class Fragments(HTMLParser):
    """The text fragments of the HTML's tables (each ``<br>`` ends one) and of its blocker list,
    leaving out the screen-reader table behind a chart (its data is the chart's)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside a table cell or a blocker
        self.skip = 0
        self.current: list[str] = []
        self.found: list[str] = []

    def _flush(self) -> None:
        text = norm("".join(self.current))
        if text:
            self.found.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "sr-only" in classes:
            self.skip += 1
        elif tag in ("td", "th", "li") and not self.skip:
            self.depth += 1
            self._flush()
        elif tag == "br" and self.depth:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.skip:
            self.skip -= 1
        elif tag in ("td", "th", "li") and self.depth and not self.skip:
            self._flush()
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.current.append(data)


def fragments(page: Path) -> list[str]:
    parser = Fragments()
    parser.feed(page.read_text(encoding="utf-8"))
    return [f for f in parser.found if f not in ("—", "✓", "✗")]


def docx_text(path: Path) -> str:
    """Every text of the document: body paragraphs and table cells in order, and the footers."""
    doc = docx.Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    parts = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in doc.element.body.iter(f"{w}p")]
    for section in doc.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return norm("\n".join(parts))


@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness"])
def test_docx_holds_every_fragment_of_the_html_tables(kit: Path, kind: str) -> None:
    text = docx_text(render(kit, kind, "docx"))
    wanted = fragments(render(kit, kind, "html"))
    assert len(wanted) > 20
    missing = [f for f in wanted if f not in text]
    assert not missing, missing[:10]


@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness"])
def test_docx_footer_numbers_its_pages(kit: Path, kind: str) -> None:
    doc = docx.Document(str(render(kit, kind, "docx")))
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "commit " in norm(" ".join(p.text for p in doc.sections[0].footer.paragraphs))


def test_docx_action_plan_groups_by_process(kit: Path) -> None:
    doc = docx.Document(str(render(kit, "action-plan", "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    page = render(kit, "action-plan", "html").read_text(encoding="utf-8")
    groups = [norm(re.sub("<[^>]+>", "", h)) for h in re.findall(r'<h2 id="p-\d+">(.*?)</h2>', page)]
    assert groups and [norm(h) for h in headings if norm(h) in groups] == groups


def test_readiness_markdown_conditions_header_names_every_column(kit: Path) -> None:
    md = render(kit, "readiness", "md").read_text(encoding="utf-8")
    header = next(line for line in md.splitlines() if line.startswith("| Condition"))
    assert "| |" not in header and header.rstrip().endswith("| Remarque |")


def test_audit_markdown_marks_the_lead_auditor(kit: Path) -> None:
    md = render(kit, "audit", "md").read_text(encoding="utf-8")
    assert "responsable d’audit" in md


def sheet_rows(path: Path) -> tuple[list[str], list[list[object]]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    return [str(h) for h in rows[0]], rows[1:]


def test_xlsx_action_plan_shows_the_html_content(kit: Path) -> None:
    headers, rows = sheet_rows(render(kit, "action-plan", "xlsx"))
    assert all(h[0].isupper() for h in headers), headers  # "en retard" was lowercase
    assert "Vérifiée le" in headers and "Description" in headers
    cells = {norm(str(c)) for row in rows for c in row if c is not None}
    dates = {c.isoformat() for row in rows for c in row if hasattr(c, "isoformat")}
    page = render(kit, "action-plan", "html").read_text(encoding="utf-8")
    for row in re.findall(r'<tr id="ACT-[^"]+".*?</tr>', page, re.S):
        parser = Fragments()
        parser.feed(f"<table>{row}</table>")
        for frag in parser.found:
            frag = re.sub(r"^\((.*)\)$", r"\1", frag)  # the kind, in brackets in HTML
            if frag in ("—",) or frag.startswith(("⚠", "échéance")):
                continue
            for piece in filter(None, re.split(r"\s*[()]\s*|\s+—\s+", frag)):
                assert any(piece in c for c in cells) or piece in dates, piece
