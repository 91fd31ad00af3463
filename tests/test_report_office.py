"""--format docx (docxtpl) and --format xlsx (openpyxl), the optional extra ``trousse[office]``:
the files are read back and show what the HTML shows. Skipped when the extra is absent (CI
installs it)."""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

import pytest
from conftest import commit_all, report_kit_files, write_files

from trousse.cli.app import run

docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")
openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2026-11-23"
AUDIT = "AUD-2026-01"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("office") / "kit"
    write_files(root, report_kit_files("fr"))
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


def render(kit: Path, kind: str, fmt: str, *extra: str) -> tuple[int, Path]:
    target = kit / "reports" / f"{kind}.{fmt}"
    args = ["report", kind, str(kit), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *extra]
    return run(args + (["--audit", AUDIT] if kind == "audit" else [])), target


def docx_text(path: Path) -> str:
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def html_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness"])
def test_docx_reads_back_with_the_html_content(kit: Path, kind: str) -> None:
    code, path = render(kit, kind, "docx")
    assert code == 0 and path.read_bytes().startswith(b"PK")
    text = docx_text(path)
    _, page = render(kit, kind, "html")
    shown = html_text(page.read_text(encoding="utf-8"))
    ids = set(re.findall(r"\b(?:AUD-\d{4}-\d{2}-F\d+|ACT-\d{4}-\d{3}|[A-Z]{3}-\d{4}-\d{4})\b", shown))
    assert ids, "the HTML shows no id to compare"
    for found in sorted(ids):
        assert found in text, found
    assert "Services Acme" in text and "commit " in text  # the identity line
    assert "{{" not in text and "{%" not in text


def test_docx_audit_fields(kit: Path) -> None:
    _, path = render(kit, "audit", "docx")
    text = docx_text(path)
    for needle in ("Responsable d’audit", "Luc Roy", "non précisé", "Non-conformité mineure", "Signataire"):
        assert needle in text, needle


def test_docx_escapes_kit_text(kit: Path) -> None:
    _, path = render(kit, "audit", "docx")
    assert "<script>alert('x')</script>" in docx_text(path)  # as text, and the file still opens


def test_kit_word_template_overrides_and_is_sandboxed(kit: Path, tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Notre rapport : {{ report.id }} pour {{ meta.organisation }}")
    buf = io.BytesIO()
    doc.save(buf)
    own = kit / "templates" / "reports" / "audit.docx"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(buf.getvalue())
    try:
        code, path = render(kit, "audit", "docx")
        assert code == 0 and f"Notre rapport : {AUDIT} pour Services Acme" in docx_text(path)
        doc = docx.Document()
        doc.add_paragraph("{{ ''.__class__.__mro__[1].__subclasses__() }}")
        doc.save(str(own))
        code, _ = render(kit, "audit", "docx")
        assert code == 2  # the sandbox refuses, one plain line
    finally:
        own.unlink()


@pytest.mark.parametrize(("kind", "sheet_rows"), [("action-plan", 2), ("matrix", 3), ("readiness", 1)])
def test_xlsx_reads_back_with_filters_and_frozen_header(kit: Path, kind: str, sheet_rows: int) -> None:
    code, path = render(kit, kind, "xlsx")
    assert code == 0
    wb = openpyxl.load_workbook(path)
    assert wb.worksheets
    for ws in wb.worksheets:
        assert "Services Acme" in str(ws["A1"].value)  # the identity line
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("3")
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:")
    first = wb.worksheets[0]
    assert first.max_row - 2 >= sheet_rows
    if kind == "action-plan":
        values = [c.value for c in first[3]]
        assert values[0].startswith("ACT-2026-")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_format_for_another_kind_is_refused(kit: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = render(kit, "catalogue", fmt)
    assert code == 2 and "md, html ou pdf" in capsys.readouterr().err


def test_without_the_extra(kit: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as when not installed
    (kit / "reports" / "matrix.xlsx").unlink(missing_ok=True)
    code, path = render(kit, "matrix", "xlsx")
    assert code == 2 and "pip install 'trousse[office]'" in capsys.readouterr().err
    assert not path.exists()


def test_xlsx_sheet_names_excel_accepts(tmp_path: Path) -> None:
    """The Annexe D tables of an ISO/IEC 20000 kit are named like "ITSM-CERT → ISO 9000:2005":
    Excel refuses ':' (and \\ / ? * [ ]) in a sheet's name, so the sheet gets a name it accepts."""
    root = tmp_path / "kit"
    assert run(["init", str(root), "--standard", "iso20000-1-2018", "--lang", "fr", "--org", "Acme", "--no-git"]) == 0
    target = tmp_path / "matrix.xlsx"
    assert run(["report", "matrix", str(root), "-f", "xlsx", "-o", str(target)]) == 0
    names = [ws.title for ws in openpyxl.load_workbook(target).worksheets]
    assert any("9000" in n for n in names)  # the seed's Annexe D tables are there
    assert not any(set(n) & set(":\\/?*[]") or len(n) > 31 for n in names)
