"""Fresh review of the reports (session 5), tried as a new user would on the demo kit: French never
writes "de" before a name (a name may start with a vowel: "de Infogérance", "de ACT-…"), the
review inputs name a service by its name, the printed mapping tables keep their header words whole
and drop an empty note column, and the pack's README names the standards and ends its last line."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import cli, commit_all, git

LOCALES = Path(__file__).parent.parent / "src" / "trousse" / "locales"
# placeholders that hold a number ("plus de 3 ans"): "de" stays before them
NUMBERS = {"count", "years", "limit", "days", "seconds", "size", "target"}


def test_no_french_message_writes_de_before_a_name() -> None:
    catalogue = json.loads((LOCALES / "fr.json").read_text(encoding="utf-8"))
    bad = {
        key: name
        for key, message in catalogue.items()
        for name in re.findall(r"(?<![\w'])de \{(\w+)", message)
        if name not in NUMBERS
    }
    assert bad == {}, bad


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("s5") / "demo"
    run = cli("demo", str(root), "--lang", "fr")
    assert run.returncode == 0, run.stderr
    return root


def test_review_inputs_name_the_service_and_space_the_semicolons(demo: Path) -> None:
    run = cli("report", "review-inputs", str(demo), "--since", "2026-06-01", "-o", "-")
    assert run.returncode == 0, run.stderr
    assert "disponibilité du service Hébergement et sauvegarde des données (SVC-HEBERGEMENT) :" in run.stdout
    assert "de SVC-" not in run.stdout
    # the record skeleton (the kit's own review form since round 4) joins figures with French semicolons
    assert "); rapports" not in run.stdout


def test_mapping_table_drops_an_empty_note_column(demo: Path) -> None:
    run = cli("report", "matrix", str(demo), "-f", "html", "-o", "-")
    assert run.returncode == 0, run.stderr
    start = run.stdout.index('<table class="mapping')
    mapping = run.stdout[start : run.stdout.index("</table>", start)]  # ISO 9001: no notes
    assert '<table class="mapping no-note">' in mapping
    assert ">Remarque</th>" not in mapping
    assert '<td class="mark tone-ok">C</td>' in mapping


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_printed_mapping_keeps_its_header_words_whole(demo: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "m.pdf"
    run = cli("report", "matrix", str(demo), "-f", "pdf", "-o", str(out))
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert re.search(r"\bCouverture\b", text), "the coverage header is broken across lines"
    assert not re.search(r"\bCouvertur\s*$", text, re.M)


def test_pack_readme_names_the_standards_and_ends_its_last_line(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.zip"
    run = cli("report", "pack", str(demo), "-o", str(out))
    assert run.returncode == 0, run.stderr
    readme = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("README.md").decode("utf-8")
    assert readme.endswith("\n")
    standards = next(x for x in readme.splitlines() if x.startswith("- Normes visées"))
    assert "ISO/CEI 20000-1:2018" in standards and "iso20000-1-2018" not in standards, standards


def test_verify_from_inside_a_linked_worktree_still_checks_the_pack(demo: Path, tmp_path: Path) -> None:
    """Run where the current folder is a git worktree (its .git leads elsewhere): the pack is
    checked (exit 0), the kit comparison is skipped, never an exit 2 about the folder."""
    out = tmp_path / "pack.zip"
    assert cli("report", "pack", str(demo), "-o", str(out)).returncode == 0
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "a.txt").write_text("a\n", encoding="utf-8")
    commit_all(repo, "a")
    git(repo, "worktree", "add", "-q", str(tmp_path / "linked"))
    run = cli("verify", str(out), "--lang", "en", cwd=tmp_path / "linked")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "intact" in run.stdout
