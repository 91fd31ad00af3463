"""trousse report: each kind in Markdown and HTML through the real CLI, escaping, template
overrides, reproducibility under --as-of, atomic writes and the pack's manifest."""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import commit_all, report_kit_files, write_files

from trousse.cli.app import run

AS_OF = "2026-11-23"
AUDIT = "AUD-2026-01"


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A small French kit committed on 2026-03-15 (so its evidence is dated), audit and actions
    committed in October."""
    root = tmp_path / "kit"
    files = report_kit_files("fr")
    later = {k: files.pop(k) for k in list(files) if k.startswith(("audits/", "actions/"))}
    write_files(root, files)
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    write_files(root, later)
    commit_all(root, "audit", date="2026-10-10T10:00:00+00:00")
    return root


def report(root: Path, kind: str, fmt: str = "md", *extra: str) -> tuple[int, str]:
    """Run ``trousse report`` and return (exit code, the written file's text or '')."""
    args = ["report", kind, str(root), "--format", fmt, "--as-of", AS_OF, *extra]
    if kind == "audit" and "--audit" not in extra:
        args += ["--audit", AUDIT]
    code = run(args)
    stem = f"audit-{AUDIT}" if kind == "audit" else kind
    out = root / "reports" / f"{stem}.{fmt}"
    # French typography (narrow no-break spaces, typographic apostrophes) is checked on its own in
    # test_report_typography.py; here the words are compared as typed.
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return code, text.replace("\u2019", "'").replace("\u202f", " ")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            "audit",
            [
                "Rapport d'audit",
                "Luc Roy",
                "Non-conformité mineure",
                "Équipe réactive",
                "Automatiser les rappels",
                "Le système fonctionne",
                "Paul Roy",
                "8.6.1",
            ],
        ),
        (
            "action-plan",
            ["Plan d'actions", "ACT-2026-001", "Marie Tremblay", "en retard de 21 j", "Délai de réponse", "hors délai"],
        ),
        (
            "readiness",
            ["Préparation à la certification", "ITSM-CERT.1.1", "Gestion des incidents", "Historique des preuves"],
        ),
        ("matrix", ["Matrice de traçabilité", "Articles non couverts", "Audit interne", "partielle"]),
        ("catalogue", ["Catalogue de services", "Soutien", "Réponse en 4 h."]),
    ],
)
def test_each_kind_renders(
    kit: Path, kind: str, fmt: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = report(kit, kind, fmt)
    assert code == 0, capsys.readouterr().err
    readable = html.unescape(text) if fmt == "html" else text
    for needle in expected:
        assert needle in readable, needle
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text
        assert "<script" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")


def test_english_with_lang(kit: Path) -> None:
    code, text = report(kit, "action-plan", "html", "--lang", "en")
    assert code == 0
    assert '<html lang="en">' in text and "Action plan" in text and "21 days overdue" in text


def test_kit_text_is_escaped(kit: Path) -> None:
    _, md = report(kit, "audit", "md")
    assert "<script>" not in md and "&lt;script&gt;alert" in md
    assert r"\| \*non\* datée" in md  # a pipe cannot break a table, stars do not make bold
    _, page = report(kit, "audit", "html")
    assert "<script>" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_action_plan_overdue_and_deadline(kit: Path) -> None:
    _, md = report(kit, "action-plan", "md")
    # ACT-2026-001 due 2026-11-02, open on 2026-11-23: overdue; ACT-2026-002 due later: not.
    line1 = next(x for x in md.splitlines() if "ACT-2026-001" in x)
    line2 = next(x for x in md.splitlines() if "ACT-2026-002" in x and x.startswith("| **"))
    assert "en retard" in line1 and "en retard" not in line2
    assert "RGS — Responsable de la gestion des services | Marie Tremblay" in line1
    assert "Paul Roy" in line2
    # One month after the audit completed (signed 2026-10-03): F1 answered on 10-10, F2 only on 11-20.
    assert (
        "TEST : plan d'actions dans un délai d'un mois suivant l'audit (compté à partir de sa signature, ou de son dernier jour s'il n'est pas signé) ou la fiche de non-conformité."
        in md
    )
    # deadline a month after the report signed on 10-03, as ACT001 counts; one table for every nonconformity
    assert (
        "| AUD-2026-01-F1 | Non-conformité mineure | AUD-2026-01 | 2026-10-03 | 2026-11-03 | ACT-2026-001 | 2026-10-10 | dans le délai |"
        in md
    )
    assert (
        "| AUD-2026-01-F2 | Non-conformité majeure | AUD-2026-01 | 2026-10-03 | 2026-11-03 | ACT-2026-002 | 2026-11-20 | **⚠ hors délai** |"
        in md
    )
    assert "1 non-conformité sans réponse dans le délai." in md


def test_matrix_uncovered_and_mapping(kit: Path) -> None:
    _, md = report(kit, "matrix", "md")
    uncovered = md.split("### Articles non couverts", 1)[1].split("##", 1)[0]
    assert "- 1 — Généralités" in uncovered and "- 9.2 — Audit interne" in uncovered
    assert "8.6.1" not in uncovered
    assert "| 8.6.1 | Incidents | ✓ | oui |" in md
    assert "TEST → Autre norme" in md
    assert "| 8.6.1 Incidents | 5.2  | P | En partie |" in md


def test_readiness_from_git_history(kit: Path) -> None:
    _, md = report(kit, "readiness", "md")
    row = next(x for x in md.splitlines() if x.startswith("| INC — "))
    # One record in March and nothing since: a silence longer than allowed, so not met; the earliest
    # is three months after the as-of date if records start again (issue 10.1).
    assert "| 1 | 2026-03-15 | 2026-03-15 |" in row and "✗ non | 2027-02-23" in row
    assert (
        "| Audits internes signés des 12 derniers mois couvrant tous les processus | ✓ remplie | "
        "remplie le 3 octobre 2026 | — | 1 processus couverts par AUD-2026-01 |" in md
    )
    # the major NC's action is still open, due on 15 December: the condition is projected then
    assert "| ✗ à faire | prévue le 15 décembre 2026 | AUD-2026-01-F2 | ouvertes : AUD-2026-01-F2 |" in md
    assert "| ✗ à faire | — | ACT-2026-001 | en retard : ACT-2026-001 |" in md
    assert "Aucune revue de direction enregistrée." in md
    assert "## À faire d'abord" in md and "1. Écrivez le périmètre" in md
    assert "| 2026-03 |" in md  # the month-by-month table starts with the first evidence


def test_kit_template_overrides_shipped_one(kit: Path) -> None:
    write_files(
        kit,
        {"templates/reports/catalogue.md.j2": "Notre offre{% for s in report.services %} / {{ s.name }}{% endfor %}\n"},
    )
    code, text = report(kit, "catalogue", "md")
    assert code == 0 and text == "Notre offre / Soutien"  # trim_blocks eats the last newline
    # An override at the top of templates/ works too, and includes reach the shipped parts.
    write_files(kit, {"templates/matrix.md.j2": '{% include "_footer.md.j2" %}X\n'})
    code, text = report(kit, "matrix", "md")
    assert code == 0 and text.endswith("— 23 novembre 2026\nX\n")


def test_template_error_names_file_and_line(kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(kit, {"templates/reports/catalogue.md.j2": "ok\n{{ report.nope }}\n"})
    code, _ = report(kit, "catalogue", "md")
    err = capsys.readouterr().err
    assert code == 2 and "catalogue.md.j2" in err and "2" in err and "nope" in err
    assert "Traceback" not in err


def test_sandbox_blocks_python_internals(kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(kit, {"templates/reports/catalogue.md.j2": "{{ report.__class__.__mro__ }}\n"})
    code, _ = report(kit, "catalogue", "md")
    assert code == 2 and "catalogue.md.j2" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_template_link_outside_roots_refused(kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (kit / "templates" / "reports").mkdir(parents=True)
    (kit / "templates" / "reports" / "catalogue.md.j2").symlink_to(secret)
    code, text = report(kit, "catalogue", "md")
    assert code == 2 and "secret" not in text and "catalogue.md.j2" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_byte_identical_under_as_of(kit: Path, fmt: str) -> None:
    first = {}
    for kind in ("audit", "action-plan", "readiness", "matrix", "catalogue"):
        report(kit, kind, fmt)
        first[kind] = report(kit, kind, fmt)[1].encode()
    for kind in first:
        assert report(kit, kind, fmt)[1].encode() == first[kind]


def test_output_option_and_stdout(kit: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "plan.html"
    assert run(["report", "action-plan", str(kit), "-f", "html", "-o", str(out), "--as-of", AS_OF]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capfd.readouterr()
    assert run(["report", "audit", str(kit), "--audit", AUDIT, "-f", "html", "-o", "-", "--as-of", AS_OF]) == 0
    assert 'href="records/inc/INC-2026-0001.yml"' not in capfd.readouterr().out
    assert run(["report", "audit", str(kit), "--audit", AUDIT, "-f", "html", "--as-of", AS_OF]) == 0
    page = (kit / "reports" / f"audit-{AUDIT}.html").read_text(encoding="utf-8")
    assert 'href="../records/inc/INC-2026-0001.yml"' in page


def test_atomic_write_leaves_old_file(kit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = kit / "reports" / "matrix.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # interrupted just before the move

    monkeypatch.setattr("trousse.reports.write.os.replace", boom)
    assert run(["report", "matrix", str(kit), "--as-of", AS_OF]) == 130
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["matrix.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "audit"], "--audit"),
        (["report", "audit", "--audit", "AUD-9"], "AUD-9"),
        (["report", "nonsense"], "nonsense"),
        (["report", "matrix", "--format", "docx"], "docx"),
        (["report", "matrix", "--as-of", "23/11/2026"], "23/11/2026"),
    ],
)
def test_usage_errors(kit: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = run([*args[:2], str(kit), *args[2:]])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_pdf_without_weasyprint(kit: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as when not installed
    code = run(["report", "matrix", str(kit), "-f", "pdf", "--as-of", AS_OF, "--lang", "en"])
    assert code == 2 and "pip install 'trousse[pdf]'" in capsys.readouterr().err
    assert not (kit / "reports" / "matrix.pdf").exists()


def test_pack_zip_manifest(kit: Path) -> None:
    assert run(["report", "pack", str(kit), "--as-of", AS_OF]) == 0
    path = kit / "reports" / f"pack-{AS_OF}.zip"
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert all(i.date_time == (2026, 11, 23, 0, 0, 0) for i in zf.infolist())
        manifest = json.loads(zf.read("manifest.json"))
        for kind in (f"audit-{AUDIT}", "action-plan", "readiness", "matrix", "catalogue"):
            assert f"reports/{kind}.md" in names and f"reports/{kind}.html" in names
        audit_html = zf.read(f"reports/audit-{AUDIT}.html").decode()
        assert 'href="../kit/records/inc/INC-2026-0001.yml"' in audit_html
        for entry in manifest["files"] + manifest["reports"]:
            inside = entry["path"] if entry["path"].startswith("reports/") else "kit/" + entry["path"]
            assert hashlib.sha256(zf.read(inside)).hexdigest() == entry["sha256"]
    kit_files = sorted(
        p.relative_to(kit).as_posix()
        for p in kit.rglob("*")
        if p.is_file() and ".git" not in p.parts and "reports" not in p.parts
    )
    assert [f["path"] for f in manifest["files"]] == kit_files
    for f in manifest["files"]:
        assert f["sha256"] == hashlib.sha256((kit / f["path"]).read_bytes()).hexdigest()
    head = (kit / ".git").exists() and os.popen(f"git -C {kit} rev-parse HEAD").read().strip()
    assert manifest["commit"] == head and manifest["as_of"] == AS_OF
    assert manifest["trousse"]
    # Same kit, same as-of date: the same bytes.
    assert run(["report", "pack", str(kit), "--as-of", AS_OF]) == 0
    assert path.read_bytes() == data
