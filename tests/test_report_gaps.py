"""Gaps of the reports closed after review (issue 12, and issue 15's revision history): the printed
matrix's weight, ids that never break in a PDF, "not stated" agreeing with its field, the follow-up
table's headers, French typography in the pack README and in Word, Word's render time limit, the
pack's register and review inputs, and each document's revision history from git."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import cli, commit_all, git, report_kit_files, write_files

from trousse.cli.app import run
from trousse.loader import load_kit
from trousse.reports import build_context
from trousse.reports.model import ClauseRow
from trousse.reports.render import keep_ids_whole, render_text

AS_OF = "2026-11-23"
NNBSP = "\u202f"
HAS_PDF = importlib.util.find_spec("weasyprint") is not None and shutil.which("pdftotext") is not None
HAS_DOCX = importlib.util.find_spec("docxtpl") is not None

PREVIOUS_FOLLOWED = """\
id: AUD-2026-02
kind: internal
date: 2026-11-10
auditors: [{name: Luc Roy, role: RCF}]
scope: [INC]
summary: Suivi.
"""

REVIEW_ARTEFACT = """\
  - id: management-review-record
    kind: record
    name: {fr: Compte rendu de revue de direction, en: Management review record}
    cadence: event
"""


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report kit (French) with a second audit that follows up the first, a management review
    type, and its policy changed in a second commit."""
    root = tmp_path_factory.mktemp("gaps") / "kit"
    files = report_kit_files("fr")
    files["audits/AUD-2026-02.yml"] = PREVIOUS_FOLLOWED
    files["standards/test-pack.yml"] = files["standards/test-pack.yml"].replace(
        "artefacts:\n", "artefacts:\n" + REVIEW_ARTEFACT, 1
    )
    for pid in ("AAA", "ZZZ"):  # processes answering no clause: empty matrix columns on both sides
        files[f"processes/{pid}.md"] = (
            files["processes/INC.md"].replace("INC", pid).replace("clauses: [test-pack:8.6.1]", "clauses: []")
        )
    write_files(root, files)
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    policy = root / "documents" / "POL-001.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "Deuxième version.\n", encoding="utf-8")
    commit_all(root, "policy: second version", date="2026-05-20T10:00:00+00:00")
    return root


def report(root: Path, kind: str, fmt: str, *extra: str, audit: str = "AUD-2026-01") -> Path:
    target = root / "reports" / f"{kind}-{audit if kind == 'audit' else 'x'}-{'-'.join(extra)}.{fmt}"
    if kind == "pack":
        target, fmt = target.with_suffix(".zip"), "md"
    args = ["report", kind, str(root), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *extra]
    assert run(args + (["--audit", audit] if kind == "audit" else [])) == 0
    return target


# ---------------------------------------------------------------- 1. the printed matrix's weight
def test_runs_join_neighbouring_empty_cells() -> None:
    row = ClauseRow("4", "Contexte", 0, [False, False, True, False, True, True, False, False, False], True)
    assert row.runs == [(2, False), (1, True), (1, False), (1, True), (1, True), (3, False)]
    assert sum(n for n, _ in row.runs) == len(row.cells)
    assert ClauseRow("1", "x", 0, [], False).runs == []


def test_printed_matrix_lays_out_a_fraction_of_the_cells(kit: Path) -> None:
    """WeasyPrint's time grows with the cells it lays out: the HTML a PDF is made from holds a run
    of empty cells as one spanning cell, while the screen keeps one cell per process."""
    k = load_kit(kit, "fr")
    meta, matrix = build_context(k, "matrix", "fr", dt.date(2026, 11, 23), None)
    screen = render_text(kit, meta, matrix, "html")
    printed = render_text(kit, meta, matrix, "html", for_print=True)
    rows = matrix.standards[0].rows
    assert [p.id for p in matrix.standards[0].processes] == ["AAA", "INC", "ZZZ"]

    def cells(page: str) -> int:
        return page[page.index('<table class="matrix">') :].split("</table>")[0].count("<td")

    assert cells(screen) == sum(len(r.cells) + 1 for r in rows) == 12
    assert cells(printed) == sum(len(r.runs) + 1 for r in rows) == 8
    assert 'colspan="3"' in printed and "colspan=" not in screen
    assert 'class="mapping"' in printed and "<colgroup>" in printed  # fixed widths, measured once


# ---------------------------------------------------------------- 3. ids never break
def test_ids_kept_whole_in_text_only() -> None:
    page = (
        "<html><head><title>AUD-2026-01-F1</title></head><body>"
        '<p id="AUD-1-F1">Bloqué par AUD-2026-02-F1, ITSM-CERT, 20000-1 et Val-de-Loire</p>'
        "<svg><text>AB-CD</text></svg></body></html>"
    )
    out = keep_ids_whole(page)
    assert '<span class="id">AUD-2026-02-F1</span>' in out and '<span class="id">ITSM-CERT</span>' in out
    assert "<title>AUD-2026-01-F1</title>" in out and 'id="AUD-1-F1"' in out and "<text>AB-CD</text>" in out
    assert "20000-1 et Val-de-Loire" in out  # a hyphen before a digit does not break; names may
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", page)  # the text is unchanged


@pytest.mark.skipif(not HAS_PDF, reason="WeasyPrint or poppler-utils is not installed")
def test_an_id_in_a_narrow_pdf_cell_stays_on_one_line(tmp_path: Path) -> None:
    from trousse.reports.render import html_to_pdf

    cell = "Bloquant : AUD-2026-02-F1 et ACT-2026-004-B"
    page = (
        "<!DOCTYPE html><html><head><style>.id { white-space: nowrap; } td { width: 34mm; }</style></head>"
        f"<body><table><tr><td>{cell}</td></tr></table></body></html>"
    )
    pdf = tmp_path / "narrow.pdf"
    pdf.write_bytes(html_to_pdf(page))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "AUD-2026-02-F1" in text and "ACT-2026-004-B" in text, text


def test_report_html_wraps_ids(kit: Path) -> None:
    readiness = report(kit, "readiness", "html").read_text(encoding="utf-8")
    assert '<span class="id">INC</span>' in readiness
    plan = report(kit, "action-plan", "html").read_text(encoding="utf-8")
    assert '<span class="id">RGS</span>' in plan


# ---------------------------------------------------------------- 4. and 5. audit report labels
def test_not_stated_agrees_with_its_field(kit: Path) -> None:
    md = report(kit, "audit", "md").read_text(encoding="utf-8")
    assert f"**Recommandation**{NNBSP}: non précisée" in md
    assert "| Version du rapport | non précisée |" in md
    assert "| Sites ou lieux audités | non précisés |" in md
    assert "| Confidentialité | non précisée |" in md
    assert f"**Échantillonnage**{NNBSP}: non précisé\n" in md
    page = report(kit, "audit", "html").read_text(encoding="utf-8")
    assert f'Recommandation</strong>{NNBSP}: <span class="muted">non précisée</span>' in page
    en = report(kit, "audit", "md", "--lang", "en").read_text(encoding="utf-8")
    assert "**Recommendation**: not stated" in en


def test_follow_up_headers_are_distinct(kit: Path) -> None:
    page = report(kit, "audit", "html", audit="AUD-2026-02").read_text(encoding="utf-8")
    section = page[page.index('id="s-follow-up"') :]
    heads = re.findall(r'<th scope="col">([^<]*)</th>', section[: section.index("</thead>")])
    assert heads[:2] == ["Constat", "Description"] and len(set(heads)) == len(heads), heads
    assert "AUD-2026-01-F1" in section


# ---------------------------------------------------------------- 2. French typography
def test_pack_readme_in_french_typography(kit: Path) -> None:
    with zipfile.ZipFile(report(kit, "pack", "")) as zf:
        readme = zf.read("README.md").decode("utf-8")
        names = set(zf.namelist())
    assert f"Commit de la trousse{NNBSP}: " in readme and "Commit de la trousse : " not in readme
    assert f"«{NNBSP}OK{NNBSP}»" in readme and "Dossier d’audit" in readme and "d'" not in readme
    assert "le 23 novembre 2026 (date de situation)" in readme
    # 7. the register and the management review's inputs (this kit keeps management reviews)
    assert {"reports/register.md", "reports/register.html", "reports/review-inputs.md"} <= names
    assert "registre des informations documentées" in readme
    assert "éléments d’entrée de la revue de direction" in readme


def test_pack_leaves_out_review_inputs_without_management_reviews(tmp_path: Path) -> None:
    root = write_files(tmp_path / "kit", report_kit_files("en"))
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    with zipfile.ZipFile(report(root, "pack", "")) as zf:
        names = set(zf.namelist())
        readme = zf.read("README.md").decode("utf-8")
    assert "reports/register.md" in names and not any("review-inputs" in n for n in names)
    assert "register of documented information" in readme and "review" not in readme.lower().split("## verify")[0]


def test_trousse_words_take_typographic_apostrophes(kit: Path) -> None:
    readiness = report(kit, "readiness", "md").read_text(encoding="utf-8")
    register = report(kit, "register", "md").read_text(encoding="utf-8")
    for text in (readiness, register):
        assert "d'après" not in text and "plan d'actions" not in text.lower()
    assert "d’après l’historique git" in register


@pytest.mark.skipif(not HAS_DOCX, reason="the office extra is not installed")
def test_docx_in_french_typography(kit: Path) -> None:
    import docx  # type: ignore[import-untyped,import-not-found,unused-ignore]

    document = docx.Document(io.BytesIO(report(kit, "audit", "docx").read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Recommandation{NNBSP}: non précisée" in text
    assert "Recommandation : " not in text and "Recommandation\u00a0: " not in text


# ---------------------------------------------------------------- 6. Word's render time limit
@pytest.mark.skipif(not HAS_DOCX, reason="the office extra is not installed")
def test_docx_template_stops_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx  # type: ignore[import-untyped,import-not-found,unused-ignore]

    root = write_files(tmp_path / "kit", report_kit_files("en"))
    template = docx.Document()
    template.add_paragraph("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    (root / "templates" / "reports").mkdir(parents=True)
    template.save(str(root / "templates" / "reports" / "audit.docx"))
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    monkeypatch.setenv("TROUSSE_RENDER_SECONDS", "1")
    proc = subprocess.run(  # without the limit, ten billion turns: the timeout fails the test
        [
            sys.executable,
            "-m",
            "trousse",
            "report",
            "audit",
            str(root),
            "-f",
            "docx",
            "--audit",
            "AUD-2026-01",
            "--as-of",
            AS_OF,
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "audit.docx" in proc.stderr and "more than 1 s" in proc.stderr, proc.stderr


# ---------------------------------------------------------------- 8. revision history (issue 15)
def test_register_shows_each_documents_revisions_from_git(kit: Path) -> None:
    log = git(kit, "log", "--format=%H %ad %an", "--date=short", "--", "documents/POL-001.md").splitlines()
    assert len(log) == 2
    md = report(kit, "register", "md").read_text(encoding="utf-8")
    page = report(kit, "register", "html").read_text(encoding="utf-8")
    assert "## Historique des révisions des documents" in md and 'id="reg-history"' in page
    for line in log:
        commit, day, author = line.split(" ", 2)
        assert f"| {day} | {commit[:12]} | {author} |" in md
        assert f">{commit[:12]}</code>" in page and f'datetime="{day}"' in page
    assert md.index("2026-03-15 |") < md.index("2026-05-20 |")  # oldest first
    assert "changé" not in md


def test_register_history_outside_git_says_so(tmp_path: Path) -> None:
    root = write_files(tmp_path / "kit", report_kit_files("en"))
    proc = cli("report", "register", str(root), "-o", "-", "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert "Revision history unavailable: the kit is not in a git repository." in proc.stdout
