"""Reports, fifth review round of issue 12, on the demo kits with the real CLI: real links between
the PDFs of a finding and of its actions, ``verify`` inside a kit, audits asked for before they
existed, the audit's standard and clause lines, unbreakable ids in the register PDF, and French
dates in the command line's messages."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import cli, plain

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")


@pytest.fixture(scope="module", params=["fr", "en"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from trousse.demo import ANCHOR, run_demo

    root = tmp_path_factory.mktemp(f"round6-{request.param}") / "demo"
    run_demo(root, request.param, today=ANCHOR)
    return root


def pdf_links(path: Path) -> tuple[list[str], set[str]]:
    """The link annotations of a PDF (``#name`` inside it, else the URI) and its named destinations."""
    reader = pypdf.PdfReader(str(path))
    out = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            out.append(f"#{a['/Dest']}" if "/Dest" in a else str(a["/A"]["/URI"]))
    return out, set(reader.named_destinations)


def dangling(folder: Path, name: str) -> list[str]:
    """The links of ``folder/name`` whose target (a PDF beside it and a named destination in it) is missing."""
    links, names = pdf_links(folder / name)
    bad = []
    for link in links:
        page, _, anchor = link.partition("#")
        target = names if not page else (pdf_links(folder / page)[1] if (folder / page).is_file() else set())
        if anchor not in target:
            bad.append(link)
    return bad


# ------------------------------------------------------------------ 1. links between the PDFs
def test_pdf_links_to_the_sibling_pdf_when_it_is_there(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    plan, audit = out / "action-plan.pdf", out / "audit-AUD-2026-02.pdf"
    # the action plan alone: no audit PDF beside it, so findings are plain text (no dead link)
    assert cli("report", "action-plan", str(demo), "-f", "pdf", "-o", str(plan)).returncode == 0
    links, _ = pdf_links(plan)
    assert not [x for x in links if x.startswith("audit-")]
    assert dangling(out, plan.name) == []
    # the audit beside the plan: each action is a link into action-plan.pdf
    proc = cli("report", "audit", str(demo), "--audit", "AUD-2026-02", "-f", "pdf", "-o", str(audit))
    assert proc.returncode == 0, proc.stderr
    links, names = pdf_links(audit)
    assert any(x.startswith("action-plan.pdf#ACT-") for x in links), links
    assert "AUD-2026-02-F1" in names  # each finding is a named destination
    assert dangling(out, audit.name) == []
    # the plan again, now that the audit's PDF is beside it: findings link back
    assert cli("report", "action-plan", str(demo), "-f", "pdf", "-o", str(plan)).returncode == 0
    links, _ = pdf_links(plan)
    assert any(x.startswith("audit-AUD-2026-02.pdf#AUD-2026-02-F") for x in links), links
    assert dangling(out, plan.name) == []


def test_pack_pdfs_link_to_each_other(demo: Path, tmp_path: Path) -> None:
    if "round6-en" in str(demo):
        pytest.skip("one language is enough for the slow PDF pack")
    pack = tmp_path / "pack.zip"
    proc = cli("report", "pack", str(demo), "-f", "pdf", "-o", str(pack))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(pack) as z:
        z.extractall(tmp_path / "x")
    folder = tmp_path / "x" / "reports"
    for name in ("action-plan.pdf", "audit-AUD-2026-01.pdf", "audit-AUD-2026-02.pdf"):
        links, _ = pdf_links(folder / name)
        assert links, name
        assert dangling(folder, name) == [], name
    assert any(x.startswith("audit-") for x in pdf_links(folder / "action-plan.pdf")[0])


# ------------------------------------------------------------------ 2. verify inside a kit
def forged_pack(demo: Path, tmp_path: Path) -> Path:
    """The demo's pack (md, html) with its manifest, README and SHA256SUMS rewritten to a commit
    that does not exist: every hash holds, only the commit is a lie."""
    import hashlib
    import json

    pack = tmp_path / "pack.zip"
    assert cli("report", "pack", str(demo), "-o", str(pack)).returncode == 0
    with zipfile.ZipFile(pack) as z:
        entries = {i.filename: z.read(i) for i in z.infolist()}
    real = json.loads(entries["manifest.json"])["commit"]
    fake = "0123456789abcdef0123456789abcdef01234567"
    for name in ("manifest.json", "README.md"):
        entries[name] = entries[name].replace(real.encode(), fake.encode())
    sums = entries["SHA256SUMS"].decode()
    lines = []
    for line in sums.splitlines():
        digest, name = line.split("  ", 1)
        lines.append(f"{hashlib.sha256(entries[name]).hexdigest()}  {name}" if name in entries else line)
    entries["SHA256SUMS"] = ("\n".join(lines) + "\n").encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return forged


def test_verify_inside_the_kit_refuses_a_forged_commit(demo: Path, tmp_path: Path) -> None:
    forged = forged_pack(demo, tmp_path)
    inside = cli("verify", str(forged), cwd=demo / "processes")
    assert inside.returncode == 1, inside.stdout + inside.stderr
    assert "0123456789ab" in inside.stdout and "intact" not in plain(inside.stdout).split("\n")[0]
    given = cli("verify", str(forged), "--kit", str(demo), cwd=tmp_path)
    assert given.returncode == 1
    # outside any kit: intact as a zip, and it says that the commit was not checked
    outside = cli("verify", str(forged), cwd=tmp_path)
    assert outside.returncode == 0, outside.stdout + outside.stderr
    words = "non vérifié" if "round6-fr" in str(demo) else "not checked"
    assert words in plain(outside.stdout), outside.stdout
    assert "--kit" in outside.stdout


# ------------------------------------------------------------------ 3. an audit asked for before it existed
def test_audit_as_of_before_it_existed_says_not_yet(demo: Path) -> None:
    proc = cli("report", "audit", str(demo), "--audit", "AUD-2026-02", "--as-of", "2026-09-01", "-o", "-")
    assert proc.returncode == 2
    err = plain(proc.stderr)
    assert len(err.strip().splitlines()) == 1, err
    if "round6-fr" in str(demo):
        assert "n'existait pas encore le 1er septembre 2026" in err and "--as-of" in err, err
    else:
        assert "did not exist yet on 1 September 2026" in err and "--as-of" in err, err
    unknown = cli("report", "audit", str(demo), "--audit", "AUD-2030-01", "--as-of", "2026-09-01", "-o", "-")
    assert unknown.returncode == 2 and ("n'existe pas" in plain(unknown.stderr) or "does not exist" in unknown.stderr)


# ------------------------------------------------------------------ 4. the audit's standard and clause lines
def test_audit_without_criteria_or_clause(demo: Path, tmp_path: Path) -> None:
    import re
    import shutil

    kit = tmp_path / "kit"
    shutil.copytree(demo, kit)
    path = kit / "audits" / "AUD-2026-01.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^criteria:.*\n", "", text)
    text = text.replace("    clause: iso20000-1-2018:8.6.1\n", "")  # the second finding states no clause
    path.write_text(text, encoding="utf-8")
    fr = "round6-fr" in str(demo)
    for fmt in ("md", "html"):
        proc = cli("report", "audit", str(kit), "--audit", "AUD-2026-01", "-f", fmt, "-o", "-")
        assert proc.returncode == 0, proc.stderr
        out = plain(proc.stdout)
        standard = "ISO/CEI 20000-1:2018" if fr else "ISO/IEC 20000-1:2018"
        assert f"{standard} — {standard}" not in out
        assert f"{standard} — " in out
        clause, sep = ("Article", " : ") if fr else ("Clause", ": ")
        lines = re.findall(rf"{clause}{sep}(?:<[^>]*>)?([^<\n]+)", out)
        assert len(lines) == 3, lines  # one per finding, the one without a clause too
        assert ("non précisé" if fr else "not stated") in lines


# ------------------------------------------------------------------ 5. ids and words that never break badly
def test_register_pdf_keeps_commits_whole_and_hyphenates_words(demo: Path, tmp_path: Path) -> None:
    import re

    html = cli("report", "register", str(demo), "-f", "html", "-o", "-")
    assert html.returncode == 0
    commits = set(re.findall(r'<code class="commit">([0-9a-f]{7,40})</code>', html.stdout))
    assert commits
    pdf = tmp_path / "register.pdf"
    assert cli("report", "register", str(demo), "-f", "pdf", "-o", str(pdf)).returncode == 0
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    for commit in commits:
        assert commit in text, commit  # on one line, never "c2ade95caa / 08"
    if "round6-fr" in str(demo):
        # "enregistrement" in the narrow Nature column: cut at a syllable, with a hyphen
        assert not re.search(r"enregistre\n", text), text
        assert not re.search(r"(?m)(documents|records)/\S*\u2010$", text)  # never a hyphen put into a path


def test_readiness_verdict_ids_never_break(demo: Path) -> None:
    import re

    proc = cli("report", "readiness", str(demo), "-f", "html", "-o", "-")
    assert proc.returncode == 0
    verdict = proc.stdout[proc.stdout.index('class="verdict') :]
    verdict = verdict[: verdict.index("</div>")]
    bare = re.sub(r'<span class="id">[^<]*</span>', "", verdict)
    assert "NC-2026-" in verdict
    assert not re.search(r"\b[A-Z]{2,}-\d{4}-\d+", bare), bare  # every id is in an unbreakable span


# ------------------------------------------------------------------ 6. dates in prose, help, deadlines
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cli_messages_write_dates_in_words(lang: str, tmp_path: Path) -> None:
    proc = cli("--lang", lang, "demo", str(tmp_path / "d"), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    first = plain(proc.stdout).splitlines()[0]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", first), first
    assert ("commits du " if lang == "fr" else "commits from ") in first and " 2026" in first
    early = cli("--lang", lang, "report", "readiness", str(tmp_path / "d"), "--as-of", "2026-01-01", "-o", "-")
    assert early.returncode == 2
    err = plain(early.stderr)
    if lang == "fr":
        assert "la première date de son historique est le " in err and "le premier date" not in err, err
    else:
        assert "its history begins on " in err, err
    assert not re.search(r"(le|on) \d{4}-\d{2}-\d{2}", err), err
    help_text = " ".join(cli("--lang", lang, "report", "--help").stdout.replace("│", "").split())
    first_sentence = help_text[help_text.index("audit (--audit ID)") :].split(".")[0]
    assert "review-inputs" in first_sentence, first_sentence


def test_deadline_table_says_what_it_counts_from(demo: Path) -> None:
    import re as _re

    proc = cli("report", "action-plan", str(demo), "-o", "-")
    assert proc.returncode == 0
    out = plain(proc.stdout)
    fr = "round6-fr" in str(demo)
    assert ("Délai compté à partir du" if fr else "Deadline counted from") in out
    assert ("Constaté le" if fr else "Raised on") not in out
    signed = _re.search(r"(?m)^signed_on: (\S+)", (demo / "audits" / "AUD-2026-02.yml").read_text(encoding="utf-8"))
    assert signed
    rows = [line for line in out.splitlines() if "| AUD-2026-02 |" in line]
    assert rows and all(f"| {signed.group(1)} |" in row for row in rows), rows
