"""Issue 17, sixth round: the demo's earlier document versions are the texts their revisions changed,
the register's revision history gives each commit's version, and the findings a lead auditor raised
on the demo and the packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, git, init_kit, plain

from trousse.yamlio import parse_markdown

_ROW = re.compile(r"^\|\s*\d+\.\d+\s*\|\s*\d{4}-\d{2}-\d{2}\s*\|.*\n?", re.M)


def _body(text: str) -> str:
    """A document's body without its revision table's rows (what the revision itself wrote)."""
    return _ROW.sub("", parse_markdown(text).body)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_revised_demo_document_changed_its_body(tmp_path: Path, lang: str) -> None:
    """Each demo document revised after its first version shows, between its first commit and HEAD,
    a change in its body beyond the front matter and the revision table: the 1.0 text lacks what the
    revision line says was added (the security service in the scope, the catalogue and the SLA)."""
    root = tmp_path / f"demo-{lang}"
    assert cli("demo", str(root), "--lang", lang).returncode == 0
    revised = []
    for path in sorted((root / "documents").glob("*.md")):
        rel = path.relative_to(root).as_posix()
        commits = git(root, "log", "--format=%H", "--", rel).split()
        if len(commits) < 2:
            continue
        revised.append(rel)
        first = git(root, "show", f"{commits[-1]}:{rel}")
        now = path.read_text(encoding="utf-8")
        assert _body(first) != _body(now), f"{rel}: only the header and the revision table changed"
        # every intermediate version differs from the one before it in its body too
        texts = [git(root, "show", f"{c}:{rel}") for c in reversed(commits)]
        for before, after in zip(texts, texts[1:], strict=False):
            assert _body(before) != _body(after), rel
    assert len(revised) >= 20, revised
    security = {"fr": "SVC-SECURITE", "en": "SVC-SECURITY"}[lang]
    for doc in ("sms-scope", "service-catalogue", "sla"):
        rel = f"documents/{doc}.md"
        first = git(root, "log", "--format=%H", "--", rel).split()[-1]
        assert security not in git(root, "show", f"{first}:{rel}"), rel
        assert security in (root / rel).read_text(encoding="utf-8"), rel


def test_register_history_gives_each_commit_its_own_version(tmp_path: Path) -> None:
    """The register's revision history lists each commit of a document, oldest first, with the
    version the document declared in that commit (not today's version on the first line)."""
    root = tmp_path / "demo"
    assert cli("demo", str(root), "--lang", "en").returncode == 0
    out = tmp_path / "register.md"
    assert cli("report", "register", str(root), "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    history = text[text.index("| Document | Version | Date | Commit |") :]
    rows = re.findall(r"^\| (SLA-001 — [^|]*|) \| ([^|]*) \| (\d{4}-\d{2}-\d{2}) \|", history, re.M)
    start = next(i for i, r in enumerate(rows) if r[0].startswith("SLA-001"))
    sla = [rows[start], *[r for r in rows[start + 1 : start + 2] if r[0] == ""]]
    assert [r[1].strip() for r in sla] == ["1.0", "1.1"], sla
    assert sla[0][2] < sla[1][2]
    html = tmp_path / "register.html"
    assert cli("report", "register", str(root), "--format", "html", "-o", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    part = page[page.index("SLA-001") if "SLA-001" in page else 0 :]
    assert re.search(r"<td>1\.0</td><td><time", page) and re.search(r"<td>1\.1</td><td><time", page), part[:400]


def _init(tmp_path: Path, standard: str = "iso20000-1-2018", lang: str = "en") -> Path:
    return init_kit(tmp_path / "fresh", "-s", standard, "--lang", lang, "--org", "Severn Valley IT Services Ltd")


def _findings(kit: Path, *rules: str) -> list[dict]:
    _, data = check_json(kit)
    return [f for f in data["findings"] if f["rule"] in rules]


def test_an_auditor_listing_own_work_outside_the_scope_is_one_aud002(tmp_path: Path) -> None:
    """An auditor who holds the owner role of INC and lists INC outside the audit's scope: one
    finding, AUD002 (the process was not audited by this audit), no AUD001; within the scope the
    same auditor is AUD001 and not AUD002."""
    kit = _init(tmp_path)
    audit = kit / "audits" / "AUD-2026-01.yml"
    audit.write_text(
        "id: AUD-2026-01\nkind: internal\ndate: 2026-10-02\n"
        "auditors:\n  - {name: Dana Lead, role: RGS, processes: [INC]}\n"
        "  - {name: Jo Consultant, organisation: Audit Partners, processes: [SUP]}\n"
        "scope: [SUP]\n",
        encoding="utf-8",
    )
    commit_all(kit, "audit")
    found = _findings(kit, "AUD001", "AUD002")
    assert [(f["rule"], f["path"], f["line"]) for f in found] == [("AUD002", "audits/AUD-2026-01.yml", 5)], found
    audit.write_text(audit.read_text(encoding="utf-8").replace("scope: [SUP]", "scope: [SUP, INC]"))
    commit_all(kit, "INC in scope")
    found = _findings(kit, "AUD001", "AUD002")
    assert [(f["rule"], f["line"]) for f in found] == [("AUD001", 5)], found


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "D: approved, date missing"), ("fr", "D : approuvé, date manquante")]
)
def test_register_says_an_undated_approval_in_words(tmp_path: Path, lang: str, said: str) -> None:
    """A document approved by someone on no day: the register's approval column says so in words
    (not "—"), in the kit's language, in md and html."""
    kit = _init(tmp_path, lang=lang)
    policy = kit / "documents" / "sms-policy.md"
    text = policy.read_text(encoding="utf-8")
    text = re.sub(r"^status:.*$", "status: approved\napproved_by: D", text, count=1, flags=re.M)
    policy.write_text(text, encoding="utf-8")
    commit_all(kit, "policy approved, date forgotten")
    for fmt in ("md", "html"):
        out = tmp_path / f"register.{fmt}"
        made = cli("report", "register", str(kit), "--format", fmt, "-o", str(out))
        assert made.returncode == 0, made.stderr
        page = plain(out.read_text(encoding="utf-8"))
        assert said in page, fmt
        if fmt == "html":
            continue
        row = next(line for line in page.splitlines() if "documents/sms-policy.md" in line)
        assert said in row and "| — |" not in row.split("documents/sms-policy.md")[1][:40], row


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("standard", ["iso9001-2015", "nf-en-15838", "iso20000-1-2018"])
def test_readme_example_id_is_one_of_the_kits_forms(tmp_path: Path, lang: str, standard: str) -> None:
    """The README's weekly routine gives an example record id whose prefix is that of a record form
    the kit really has (the ISO 9001 kit's complaint form says REC, not RCL or CMP)."""
    kit = tmp_path / "kit"
    assert cli("init", str(kit), "-s", standard, "--lang", lang, "--org", "Atelier Test", "--no-git").returncode == 0
    said = re.findall(r"`([A-Z]{2,4})-\d{4}-0001`", (kit / "README.md").read_text(encoding="utf-8"))
    assert said, "no example id in the README"
    prefixes = {
        m[1]
        for form in (kit / "templates" / "records").glob("*.yml")
        if (m := re.search(r"^id: ([A-Z]+)-", form.read_text(encoding="utf-8"), re.M))
    }
    assert set(said) <= prefixes, (said, sorted(prefixes))


_REVIEW_FIELDS = (
    "previous_actions", "context_changes", "customer_feedback", "objectives_met", "service_performance",
    "nonconformities", "measurement_results", "audit_results", "supplier_performance", "resources",
    "risks_opportunities", "improvement_opportunities", "output_improvements", "output_changes", "output_resources",
)  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_iso20000_review_form_gives_each_input_its_clause(tmp_path: Path, lang: str) -> None:
    """The ISO/IEC 20000-1 kit's management-review form cites a clause of 9.3 on every input and
    output field, with the letter `report review-inputs` gives that input (one mapping)."""
    from trousse.reports.review_inputs import INPUTS

    kit = tmp_path / "kit"
    assert (
        cli("init", str(kit), "-s", "iso20000-1-2018", "--lang", lang, "--org", "Test Ltd", "--no-git").returncode == 0
    )
    form = (kit / "templates" / "records" / "management-review-record.yml").read_text(encoding="utf-8")
    lines = {m[1]: m[2] for m in re.finditer(r"^([a-z_]+): (.*)$", form, re.M)}
    missing = [f for f in _REVIEW_FIELDS if "(ISO/IEC 20000-1 9.3" not in lines[f]]
    assert missing == [], missing
    clauses = {i[0]: i[1].split("ISO/IEC 20000-1 ")[1] for i in INPUTS if "ISO/IEC 20000-1" in i[1]}
    for field, input_id in (
        ("previous_actions", "previous-actions"),
        ("audit_results", "audits"),
        ("supplier_performance", "suppliers"),
    ):
        assert f"(ISO/IEC 20000-1 {clauses[input_id]})" in lines[field], field
