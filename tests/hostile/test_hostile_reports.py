"""Reports cannot be led out of the kit by a committed link, nor made to run without limits:
a ``reports -> /elsewhere`` link is refused before anything is written, a ``templates/reports``
link to ``/`` is not a template root (no ``{% include "etc/passwd" %}``), a Word template reached
through a link is refused, and WeasyPrint works within the limits of every template."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from conftest import commit_all, plain
from hostile_support import assert_clean_exit, committed_kit, trousse

pytest.importorskip("weasyprint")


def test_a_linked_reports_folder_is_refused(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "matrix.md"
    victim.write_text("precious\n", encoding="utf-8")
    (kit / "reports").symlink_to(elsewhere)
    commit_all(kit, "reports is a link")
    run = trousse("report", "matrix", str(kit), "--lang", "en")
    assert_clean_exit(run, 2)
    lines = plain(run.err).strip().splitlines()
    assert len(lines) == 1 and "is a symbolic link" in lines[0] and "reports" in lines[0], run.err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["matrix.md"]


def test_a_linked_folder_on_the_way_of_output_is_refused(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (kit / "out").symlink_to(elsewhere)
    run = trousse("report", "matrix", str(kit), "-o", str(kit / "out" / "m.md"), "--lang", "en")
    assert_clean_exit(run, 2)
    assert "is a symbolic link" in plain(run.err)
    assert list(elsewhere.iterdir()) == []
    # a real reports folder is fine
    assert_clean_exit(trousse("report", "matrix", str(kit), "-o", str(kit / "reports" / "m.md")), 0)
    assert (kit / "reports" / "m.md").is_file()


def test_a_linked_template_root_cannot_include_machine_files(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    (kit / "templates").mkdir()
    (kit / "templates" / "reports").symlink_to("/")
    (kit / "templates" / "matrix.md.j2").write_text('BEGIN {% include "etc/passwd" %} END\n', encoding="utf-8")
    commit_all(kit, "templates/reports is a link to /")
    run = trousse("report", "matrix", str(kit), "-o", "-", "--lang", "en")
    assert_clean_exit(run, 2)
    assert "root:" not in run.out and "BEGIN" not in run.out
    assert "templates/reports is a symbolic link" in plain(run.err)  # the linked folder is refused, named


def test_an_override_in_a_real_folder_still_applies(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    (kit / "templates" / "reports").mkdir(parents=True)
    (kit / "templates" / "reports" / "matrix.md.j2").write_text("OWN MATRIX {{ meta.kind }}\n", encoding="utf-8")
    commit_all(kit, "own template")
    run = trousse("report", "matrix", str(kit), "-o", "-")
    assert_clean_exit(run, 0)
    assert "OWN MATRIX matrix" in run.out


def test_a_word_template_through_a_link_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("docxtpl")
    kit = committed_kit(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    # a real Word template, made by trousse itself, placed outside the kit
    first = trousse("report", "readiness", str(kit), "-f", "docx", "-o", str(outside / "readiness.docx"))
    assert_clean_exit(first, 0)
    assert zipfile.is_zipfile(outside / "readiness.docx")
    (kit / "templates").mkdir()
    (kit / "templates" / "reports").symlink_to(outside)
    commit_all(kit, "linked Word templates")
    run = trousse("report", "readiness", str(kit), "-f", "docx", "--lang", "en", "-o", str(tmp_path / "r.docx"))
    assert_clean_exit(run, 2)
    assert "Word template" in plain(run.err) and "readiness.docx" in plain(run.err)


def test_a_pdf_loop_stops_at_the_render_time_limit(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    (kit / "templates" / "reports").mkdir(parents=True)
    (kit / "templates" / "reports" / "matrix.html.j2").write_text(
        "<html><body>{% for i in range(100000) %}<p>paragraph {{ i }}</p>{% endfor %}</body></html>\n",
        encoding="utf-8",
    )
    commit_all(kit, "a heavy template")
    run = trousse("report", "matrix", str(kit), "-f", "pdf", "--lang", "en", env={"TROUSSE_RENDER_SECONDS": "4"})
    assert_clean_exit(run, 2)
    assert run.seconds < 30, run.seconds
    lines = plain(run.err).strip().splitlines()
    assert len(lines) == 1 and "the PDF cannot be made" in lines[0] and "more than 4 s" in lines[0], run.err
    assert not (kit / "reports" / "matrix.pdf").exists()


def test_a_huge_page_is_not_handed_to_weasyprint(tmp_path: Path) -> None:
    kit = committed_kit(tmp_path)
    (kit / "templates" / "reports").mkdir(parents=True)
    (kit / "templates" / "reports" / "matrix.html.j2").write_text(
        '<html><body>{% for i in range(100000) %}<p>{{ "x" * 100 }}</p>{% endfor %}</body></html>\n',
        encoding="utf-8",
    )
    commit_all(kit, "a huge template")
    run = trousse("report", "matrix", str(kit), "-f", "pdf", "--lang", "en")
    assert_clean_exit(run, 2)
    assert run.seconds < 30, run.seconds
    lines = plain(run.err).strip().splitlines()
    assert len(lines) == 1 and "more than 8 MB" in lines[0] and "--format html" in lines[0], run.err
    # the same template as HTML is written: only the PDF is capped
    assert_clean_exit(trousse("report", "matrix", str(kit), "-f", "html"), 0)
    assert os.path.getsize(kit / "reports" / "matrix.html") > 8 * 1024 * 1024
