"""A kit's template folder that is a symbolic link (`templates/reports -> /elsewhere`) is refused
with exit 2 and one line naming it (README "Security", kit-format.md "Untrusted kits"); it used
to be dropped silently, the report rendered with the shipped templates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, commit_all, write_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")


def _kit(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "kit", clean_kit_files("en"))
    commit_all(root, "kit", date="2026-01-05T10:00:00+00:00")
    return root


@pytest.mark.parametrize(("link", "named"), [("templates/reports", "templates/reports"), ("templates", "templates")])
def test_a_linked_template_folder_is_refused_naming_it(tmp_path: Path, link: str, named: str) -> None:
    root = _kit(tmp_path)
    outside = tmp_path / "outside"
    (outside / "reports").mkdir(parents=True)
    for folder in (outside, outside / "reports"):
        (folder / "matrix.md.j2").write_text("OUTSIDE TEMPLATE\n", encoding="utf-8")
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside if link == "templates" else outside / "reports")
    commit_all(root, "linked templates", date="2026-01-06T10:00:00+00:00")
    proc = cli("report", "matrix", str(root), "-o", "-", "--lang", "en")
    assert proc.returncode == 2, (proc.returncode, proc.stdout[:200], proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"template folder {named} is a symbolic link" in lines[0], proc.stderr
    assert "replace the link with the folder itself" in lines[0]
    assert "OUTSIDE" not in proc.stdout and "Traceback" not in proc.stderr
    fr = cli("report", "matrix", str(root), "-o", "-", "--lang", "fr")
    assert fr.returncode == 2 and f"le dossier de modèles {named} de la trousse est un lien symbolique" in fr.stderr


def test_a_real_template_folder_is_used(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    write_files(root, {"templates/reports/matrix.md.j2": "OWN MATRIX {{ meta.kind }}\n"})
    commit_all(root, "own template", date="2026-01-06T10:00:00+00:00")
    proc = cli("report", "matrix", str(root), "-o", "-", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "OWN MATRIX matrix" in proc.stdout
