"""Second review of the reports: format messages name exactly the formats a report exists in,
spreadsheets have short sheet names in the kit's language, standards are named (never by their
raw pack id), and French elides "de" before a vowel (``|de``, ``i18n.de``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli, commit_all, report_kit_files, write_files

from trousse import i18n


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("r2") / "kit"
    files = report_kit_files("fr")
    files["trousse.yml"] = files["trousse.yml"].replace("Services Acme", "Atelier Martin")
    write_files(root, files)
    commit_all(root, "kit", date="2026-10-12T10:00:00+00:00")
    return root


@pytest.mark.parametrize(
    ("kind", "fmt", "formats"),
    [
        ("register", "docx", "md, html, pdf or xlsx"),
        ("catalogue", "xlsx", "md, html or pdf"),
        ("catalogue", "docx", "md, html or pdf"),
        ("audit", "xlsx", "md, html, pdf or docx"),
        ("matrix", "docx", "md, html, pdf or xlsx"),
        ("pack", "xlsx", "md, html or pdf"),
    ],
)
def test_choose_names_exactly_the_formats_of_the_report(kit: Path, kind: str, fmt: str, formats: str) -> None:
    run = cli("report", kind, str(kit), "-f", fmt, "--lang", "en")
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().endswith(f"for '{kind}', choose {formats}"), run.stderr


@pytest.mark.parametrize(
    ("lang", "kind", "sheets", "first"),
    [
        ("en", "register", ["Register"], "Standard"),
        ("fr", "register", ["Registre"], "Norme"),
        ("en", "readiness", ["Evidence per process"], "Process"),
        ("fr", "readiness", ["Preuves par processus"], "Processus"),
        ("en", "matrix", ["TEST", "→ other-pack"], "Clause"),
    ],
)
def test_sheet_names_are_short_and_in_the_kit_language(
    kit: Path, tmp_path: Path, lang: str, kind: str, sheets: list[str], first: str
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / f"{kind}.xlsx"
    run = cli("report", kind, str(kit), "-f", "xlsx", "-o", str(out), "--lang", lang)
    assert run.returncode == 0, run.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == sheets
    assert all(len(s) <= 31 for s in wb.sheetnames)
    assert wb.worksheets[0]["A2"].value == first


def test_the_matrix_names_the_standard_not_its_pack_id(kit: Path) -> None:
    run = cli("report", "matrix", str(kit), "-o", "-", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "### TEST → Other standard" in run.stdout
    assert "| TEST | other-pack |" in run.stdout  # other-pack is not in the kit: its id is all there is
    assert "test-pack" not in run.stdout


def test_de_elides_before_a_vowel_or_a_mute_h() -> None:
    assert i18n.de("Atelier Martin") == "d\u2019Atelier Martin"
    assert i18n.de("Éole") == "d\u2019Éole"
    assert i18n.de("Hôtel du Lac") == "d\u2019Hôtel du Lac"
    assert i18n.de("Haut-Jura") == "de Haut-Jura"
    assert i18n.de("Dupont & Fils") == "de Dupont & Fils"
    assert i18n.de("Yvelines Services") == "d\u2019Yvelines Services"
    assert i18n.de("Yacht Club") == "de Yacht Club"


def test_report_templates_elide_de_with_the_filter(kit: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    # a kit's own report template (md and html) writes "de {organisation}" through the filter
    root = tmp_path / "kit"
    files = report_kit_files("fr")
    files["trousse.yml"] = files["trousse.yml"].replace("Services Acme", "Atelier Martin")
    files["templates/reports/catalogue.md.j2"] = "Catalogue des services {{ meta.organisation|de }}\n"
    files["templates/reports/catalogue.html.j2"] = "<p>Catalogue des services {{ meta.organisation|de }}</p>\n"
    write_files(root, files)
    commit_all(root, "kit with its own catalogue template", date="2026-10-12T10:00:00+00:00")
    for fmt in ("md", "html"):
        run = cli("report", "catalogue", str(root), "-f", fmt, "-o", "-", raw=True)
        assert run.returncode == 0, run.stderr
        assert "Catalogue des services d\u2019Atelier Martin" in run.stdout
