"""Reports, fourth review round of issue 12, on the demo kits with the real CLI: the Word template a
consultant restyles, broken kit templates said in one line, ``verify`` in the pack's language, the
readiness blockers under the verdict, real dates in the spreadsheets, one French name for the pack,
and audits that state every ISO 19011 field."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import cli, plain

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module", params=["fr", "en"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from trousse.demo import ANCHOR, run_demo

    root = tmp_path_factory.mktemp(f"round5-{request.param}") / "demo"
    run_demo(root, request.param, today=ANCHOR)
    return root


def lang_of(demo: Path) -> str:
    return "fr" if "round5-fr" in str(demo) else "en"


def docx_text(path: Path) -> list[str]:
    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            out.extend(c.text for c in row.cells)
    return out


# ------------------------------------------------------------------ 1. the Word template
@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness"])
def test_template_written_restyled_and_used(demo: Path, kind: str, tmp_path: Path) -> None:
    proc = cli("report", kind, str(demo), "--format", "docx", "--template")
    assert proc.returncode == 0, proc.stderr
    target = demo / "templates" / "reports" / f"{kind}.docx"
    assert str(target) in proc.stdout and "Word" in proc.stdout
    extra = ["--audit", "AUD-2026-02"] if kind == "audit" else []
    try:
        before = tmp_path / "before.docx"
        # the shipped template gives the same report as no template at all
        target.rename(tmp_path / "kept.docx")
        assert cli("report", kind, str(demo), "-f", "docx", "-o", str(before), *extra).returncode == 0
        (tmp_path / "kept.docx").rename(target)
        # a second time: refused, the consultant's file is never overwritten
        again = cli("report", kind, str(demo), "--format", "docx", "--template")
        assert again.returncode == 2 and str(target) in again.stderr and "Traceback" not in again.stderr
        assert len(again.stderr.strip().splitlines()) == 1
        # restyle in Word (here python-docx): the title's style in green, a heading's text changed
        d = docx.Document(str(target))
        d.styles["Title"].font.color.rgb = docx.shared.RGBColor(0x00, 0x80, 0x00)
        d.styles["Title"].font.size = docx.shared.Pt(31)
        title = next(p for p in d.paragraphs if p.style.name == "Title")
        first = title.runs[0]
        first.text = "ZZ " + first.text
        d.save(str(target))
        after = tmp_path / "after.docx"
        proc = cli("report", kind, str(demo), "-f", "docx", "-o", str(after), *extra)
        assert proc.returncode == 0, proc.stderr
        out = docx.Document(str(after))
        assert out.styles["Title"].font.color.rgb == docx.shared.RGBColor(0x00, 0x80, 0x00)
        assert out.styles["Title"].font.size == docx.shared.Pt(31)
        old, new = docx_text(before), docx_text(after)
        # the template now in the kit and not yet committed (templates/reports/ is not ignored, so a
        # consultant commits it): every page says "uncommitted changes"; the rest is the same
        dirty = re.compile(r" \((?:modifications non enregistrées dans git|uncommitted changes)\)")
        new = [dirty.sub("", line) for line in new]
        assert new[0] == "ZZ " + old[0]  # the heading as restyled
        assert new[1:] == old[1:]  # the content unchanged
    finally:
        target.unlink(missing_ok=True)


def test_template_to_stdout_and_to_a_file(demo: Path, tmp_path: Path) -> None:
    proc = subprocess_bytes("report", "readiness", str(demo), "--template", "-o", "-")
    assert proc[:2] == b"PK"
    d = docx.Document(io.BytesIO(proc))
    assert any("{{" in p.text for p in d.paragraphs)  # Jinja tags, for Word
    other = tmp_path / "mine.docx"
    assert cli("report", "audit", str(demo), "--template", "-o", str(other)).returncode == 0
    assert other.read_bytes()[:2] == b"PK"
    assert not (demo / "templates" / "reports" / "audit.docx").exists()
    bad = cli("report", "matrix", str(demo), "--template")
    assert bad.returncode == 2 and "docx" in bad.stderr
    bad = cli("report", "audit", str(demo), "--template", "-f", "xlsx")
    assert bad.returncode == 2 and "--format docx" in bad.stderr


def test_help_says_template() -> None:
    proc = cli("--lang", "en", "report", "--help")
    flat = "".join(proc.stdout.replace("│", "").split())
    assert "--template" in proc.stdout and "templates/reports/KIND.docx" in flat


def subprocess_bytes(*args: str) -> bytes:
    import os
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "trousse", *args], capture_output=True, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


# ------------------------------------------------------------------ 2. a broken kit template
def _bad_tag_docx(tag: str) -> bytes:
    d = docx.Document()
    d.add_paragraph("{{ meta.title }}")
    d.add_paragraph(tag)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_not_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not Word")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("content", "fr_words", "en_words"),
    [
        (b"not a zip at all", "n'est pas un fichier .docx", "is not a .docx file"),
        (_zip_not_docx(), "n'est pas un document Word", "is not a Word document"),
        (_bad_tag_docx("Bonjour {{ report.title }"), "« {{ report.title } »", "'{{ report.title }'"),
        (_bad_tag_docx("{% nimportequoi %}"), "« {% nimportequoi %} »", "'{% nimportequoi %}'"),
        (_bad_tag_docx("{{ report.nowhere.deeper }}"), "« nowhere »", "'nowhere'"),
    ],
    ids=["not-zip", "not-docx", "unclosed", "unknown-tag", "undefined"],
)
def test_broken_kit_template_one_translated_line(demo: Path, content: bytes, fr_words: str, en_words: str) -> None:
    target = demo / "templates" / "reports" / "readiness.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    try:
        for lang, words in (("fr", fr_words), ("en", en_words)):
            proc = cli("--lang", lang, "report", "readiness", str(demo), "-f", "docx", "-o", "-")
            assert proc.returncode == 2, proc.stderr
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1, lines
            assert "templates/reports/readiness.docx" in lines[0]
            assert words in lines[0], lines[0]
            assert ("modèle livré" if lang == "fr" else "shipped") in lines[0]
    finally:
        target.unlink()


# ------------------------------------------------------------------ 3. verify in the pack's language
def _run_outside(tmp_path: Path, env_lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = env_lang
    proc = subprocess.run(
        [sys.executable, "-m", "trousse", *args], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    proc.stdout, proc.stderr = plain(proc.stdout), plain(proc.stderr)
    return proc


def _without(pack: Path, target: Path, drop: str) -> Path:
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            if info.filename != drop:
                out.writestr(info, src.read(info))
    return target


def test_verify_speaks_the_packs_language_outside_a_kit(demo: Path, tmp_path: Path) -> None:
    lang = lang_of(demo)
    pack = tmp_path / "pack.zip"
    assert cli("report", "pack", str(demo), "-o", str(pack), "--as-of", "2026-11-23").returncode == 0
    other = "C.UTF-8" if lang == "fr" else "fr_FR.UTF-8"  # the environment speaks the other language
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    ok = _run_outside(outside, other, "verify", str(pack))
    assert ok.returncode == 0, ok.stderr
    assert ("intact (" in ok.stdout) and (("fichiers vérifiés" in ok.stdout) == (lang == "fr"))
    # a pack whose SHA256SUMS is gone: unreadable, said in the pack's language all the same
    broken = _without(pack, tmp_path / "broken.zip", "SHA256SUMS")
    proc = _run_outside(outside, other, "verify", str(broken))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    words = "n'est pas un dossier d'audit lisible" if lang == "fr" else "is not a readable audit pack"
    assert words in proc.stderr, proc.stderr
    # no manifest at all: the environment's language
    bare = _without(pack, tmp_path / "bare.zip", "manifest.json")
    proc = _run_outside(outside, other, "verify", str(bare))
    assert proc.returncode == 2
    words = "is not a readable audit pack" if lang == "fr" else "n'est pas un dossier d'audit lisible"
    assert words in proc.stderr, proc.stderr


# ------------------------------------------------------------------ 4. the blockers under the verdict
def test_readiness_lists_each_blocker_under_the_verdict(demo: Path, tmp_path: Path) -> None:
    lang = lang_of(demo)
    md = plain(cli("report", "readiness", str(demo), "-o", "-", "--as-of", "2026-11-23").stdout)
    head, _, rest = md.partition("\n## ")  # the first screen: down to the first section
    assert ("Ce qui bloque :" if lang == "fr" else "What holds it back:") in head
    steps = [line.split(". ", 1)[1] for line in rest.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert steps  # the demo is not ready: something to do
    missing, todo = ("Ce qui manque :", "À faire :") if lang == "fr" else ("What is missing:", "What to do:")
    bullets = [line for line in head.splitlines() if line.startswith("- **")]
    assert bullets and all(missing in b and todo in b for b in bullets)
    for step in steps:  # every next step is said against its condition, on the first screen
        assert any(step in b for b in bullets), (step, bullets)
    html = plain(cli("report", "readiness", str(demo), "-f", "html", "-o", "-", "--as-of", "2026-11-23").stdout)
    first = html[html.index('class="blockers"') : html.index("</ul>", html.index('class="blockers"'))]
    assert missing in first and todo in first and steps[0].split(" : ")[0].split(": ")[0] in first
    out = tmp_path / "r.docx"
    assert cli("report", "readiness", str(demo), "-f", "docx", "-o", str(out), "--as-of", "2026-11-23").returncode == 0
    paras = [plain(p) for p in docx_text(out)]
    at = paras.index("Ce qui bloque" if lang == "fr" else "What holds it back")
    screen = " ".join(paras[at : at + 3 * len(bullets) + 1])
    assert missing in screen and todo in screen and steps[0] in screen


# ------------------------------------------------------------------ 5. real dates in the spreadsheets
openpyxl = pytest.importorskip("openpyxl")

DATE_HEADERS = {
    "action-plan": {
        "fr": ["Ouverte le", "Échéance", "Réalisée le", "Vérifiée le"],
        "en": ["Opened on", "Due", "Done on", "Verified on"],
    },
    "register": {"fr": ["Approuvé le", "Prochaine revue"], "en": ["Approved on", "Next review"]},
    "readiness": {"fr": ["Première preuve", "Dernière preuve"], "en": ["First evidence", "Last evidence"]},
}


@pytest.mark.parametrize("kind", sorted(DATE_HEADERS))
def test_xlsx_date_columns_hold_dates(demo: Path, kind: str, tmp_path: Path) -> None:
    lang = lang_of(demo)
    out = tmp_path / f"{kind}.xlsx"
    assert cli("report", kind, str(demo), "-f", "xlsx", "-o", str(out), "--as-of", "2026-11-23").returncode == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    headers = [plain(str(c.value)) for c in ws[2]]
    for name in DATE_HEADERS[kind][lang]:
        col = headers.index(name) + 1
        cells = [ws.cell(row=r, column=col) for r in range(3, ws.max_row + 1)]
        values = [c.value for c in cells if c.value is not None]
        assert values, name
        assert all(isinstance(v, dt.date) for v in values), (name, [v for v in values if not isinstance(v, dt.date)])
        assert all(c.number_format == "yyyy-mm-dd" for c in cells if c.value is not None)


# ------------------------------------------------------------------ 6. one French name for the pack
def test_the_audit_pack_is_a_dossier_d_audit_everywhere(tmp_path: Path) -> None:
    catalogue = json.loads(
        (Path(__file__).parents[1] / "src" / "trousse" / "locales" / "fr.json").read_text(encoding="utf-8")
    )
    about_the_pack = {k: v for k, v in catalogue.items() if k.startswith(("verify.", "report.", "pack."))}
    assert not [k for k, v in about_the_pack.items() if "paquet" in v.lower()]
    for command in ("report", "verify"):
        flat = " ".join(plain(cli("--lang", "fr", command, "--help").stdout).replace("│", " ").split())
        assert "dossier d'audit" in flat and "paquet" not in flat, flat
    assert "dossier d'audit" in plain(catalogue["pack.readme"]).lower()


# ------------------------------------------------------------------ 7. audits that state every field
@pytest.mark.parametrize("audit", ["AUD-2026-01", "AUD-2026-02"])
def test_demo_audit_reports_state_every_field(demo: Path, audit: str) -> None:
    md = plain(cli("report", "audit", str(demo), "--audit", audit, "-o", "-", "--as-of", "2026-11-23").stdout)
    assert "non précisé" not in md and "not stated" not in md, [
        line for line in md.splitlines() if "non précisé" in line or "not stated" in line
    ]
    words = {
        "fr": ("Objectifs de l'audit", "Échantillonnage", "Recommandation"),
        "en": ("objectives", "Sampling", "Recommendation"),
    }
    assert all(w.lower() in md.lower() for w in words[lang_of(demo)])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_example_audit_lists_every_field_with_guidance(lang: str, tmp_path: Path) -> None:
    from trousse.models.kit import Audit, AuditFinding, Auditor
    from trousse.yamlio import load_plain

    kit = tmp_path / "kit"
    proc = cli("init", str(kit), "--lang", lang, "--standard", "iso20000-1-2018", "--org", "Exemple SARL")
    assert proc.returncode == 0, proc.stderr
    text = (kit / "templates" / "audits" / "example-audit.yml").read_text(encoding="utf-8")
    data = load_plain(text)
    assert set(data) == set(Audit.model_fields)  # every field of an audit, none unknown
    Audit.model_validate(data)  # and valid as it is
    finding_fields = set().union(*(f.keys() for f in data["findings"]))
    assert finding_fields == set(AuditFinding.model_fields)
    auditor_line = next(line for line in text.splitlines() if line.strip().startswith("- {name:"))
    assert all(f in auditor_line for f in Auditor.model_fields)  # processes: in its comment
    for key in Audit.model_fields:  # each top-level field says what to write
        line = next(line for line in text.splitlines() if line.startswith(f"{key}:"))
        assert "  # " in line or key in ("title", "summary", "findings"), line
