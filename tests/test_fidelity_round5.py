"""Issue 17, fifth review: an ISO 9001 kit asks ISO 9001's own questions, an NF EN 15838 kit's
examples are a contact centre's (no workshop, no IT service), and the demo's history is true
(each revised document committed on its approval day, prose dates that follow the demo's day)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from conftest import check_json, cli

ORG = "Severn Valley IT Services Ltd"


def _init(tmp_path: Path, standard: str, lang: str, name: str = "fresh") -> Path:
    kit = tmp_path / name
    made = cli("init", str(kit), "-s", standard, "--lang", lang, "--org", ORG, "--people", "12")
    assert made.returncode == 0, made.stderr
    return kit


def _rows(text: str) -> list[list[str]]:
    """The numbered rows of the "process questions" table of a checklist."""
    part = text.split("\n## ")[2]
    return [
        [c.strip() for c in line.strip("|").split("|")] for line in part.splitlines() if re.match(r"\| \d+ \|", line)
    ]


# ---------------------------------------------------------------- 1. ISO 9001's own questions
IT_SUPPLIER = re.compile(
    r"service levels|niveaux de service|internal suppliers|fournisseurs internes|litiges|disputes|8\.3\.4"
)


def test_iso9001_checklists_ask_iso9001_questions(tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        kit = _init(tmp_path, "iso9001-2015", lang, name=lang)
        sup = (kit / "checklists" / "SUP.md").read_text(encoding="utf-8")
        assert not IT_SUPPLIER.search(sup), (lang, IT_SUPPLIER.search(sup))
        rows = _rows(sup)
        assert [r[0] for r in rows] == ["1", "2", "3", "4"], rows
        clauses = [r[3] for r in rows]
        assert clauses == ["8.4.1", "8.4.1", "8.4.2", "8.4.3"], clauses
        assert re.search(r"r[ée]-?[ée]valuation|re-evaluat", rows[0][1]), rows[0]
        qms = (kit / "checklists" / "QMS.md").read_text(encoding="utf-8")
        assert "7.1.4" not in qms and not re.search(r"social", qms, re.I), lang
        assert [r[0] for r in _rows(qms)] == [str(n) for n in range(1, 9)]
    # a service management kit keeps its supplier questions, with its own clauses
    kit = _init(tmp_path, "iso20000-1-2018", "en", name="sms")
    rows = _rows((kit / "checklists" / "SUP.md").read_text(encoding="utf-8"))
    assert [r[3] for r in rows] == ["8.3.4.1", "8.3.4.1", "8.3.4.1", "8.3.4.2"], rows
    assert "service levels" in rows[0][1]


# ---------------------------------------------------------------- 2. a contact centre's examples
WORKSHOP = re.compile(
    r"atelier|workshop|pièces mécaniques|mechanical parts|fabricat|manufactur|sur plan|drawings|"
    r"commandes livrées|orders delivered|chantier|salle serveur|server room|(?-i:\bSLAs?\b)",
    re.I,
)


def test_nf_en_15838_kit_has_no_workshop_or_it_example(tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        kit = _init(tmp_path, "nf-en-15838", lang, name=lang)
        for path in sorted(kit.rglob("*")):
            rel = path.relative_to(kit).as_posix()
            if not path.is_file() or rel.startswith((".git/", ".trousse/")) or rel in ("glossary.md", "glossaire.md"):
                continue  # the glossary defines every term, SLA included
            text = path.read_text(encoding="utf-8")
            assert not WORKSHOP.search(text), (lang, rel, WORKSHOP.search(text))
        scope = (kit / "documents" / "qms-scope.md").read_text(encoding="utf-8")
        assert re.search(r"appels|calls", scope)
        objectives = (kit / "documents" / "quality-objectives.md").read_text(encoding="utf-8")
        assert "30" in objectives
        # the 9001 kit keeps its workshop examples
    kit = _init(tmp_path, "iso9001-2015", "fr", name="qms")
    assert "pièces mécaniques" in (kit / "documents" / "qms-scope.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 3. the demo's history is true
def _git(kit: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(kit), *args], capture_output=True, text=True, check=True).stdout


def test_demo_documents_are_committed_as_each_version_on_its_day(tmp_path: Path) -> None:
    for lang in ("en", "fr"):
        kit = tmp_path / lang
        made = cli("demo", str(kit), "--lang", lang)
        assert made.returncode == 0, made.stderr
        revised = 0
        for doc in sorted((kit / "documents").glob("*.md")):
            text = doc.read_text(encoding="utf-8")
            approved = re.search(r"^approved_on: (\S+)", text, re.M)
            version = re.search(r'^version: "?([\d.]+)', text, re.M)
            if not approved or not version or version.group(1) in ("1.0", "0.1"):
                continue
            revised += 1
            rel = doc.relative_to(kit).as_posix()
            days = _git(kit, "log", "--format=%ad", "--date=short", "--", rel).split()
            assert approved.group(1) in days, (lang, rel, approved.group(1), days)
            assert len(days) >= 2, (lang, rel, days)
        assert revised >= 15, revised
        # a day between two revisions (the SLA's 1.1 is not approved yet, the policy's is): every
        # document is as it stood then
        sla = re.search(r"^approved_on: (\S+)", (kit / "documents" / "sla.md").read_text(encoding="utf-8"), re.M)
        day = dt.date.fromisoformat(sla.group(1)) - dt.timedelta(days=1)  # type: ignore[union-attr]
        _, data = check_json(kit, "--as-of", day.isoformat())
        rules = [f["rule"] for f in data["findings"]]
        assert "DOC004" not in rules and "DOC007" not in rules, rules
        # the catalogue changed with the change that revised it
        days = _git(kit, "log", "--format=%ad", "--date=short", "--", "services/catalogue.yml").split()
        change = (kit / "records" / "chg" / "CHG-2026-0012.yml").read_text(encoding="utf-8")
        assert re.search(r"^date: (\S+)", change, re.M).group(1) in days, days  # type: ignore[union-attr]
        before = _git(
            kit, "show", f"{_git(kit, 'rev-list', '-n1', f'--before={day}', 'HEAD').strip()}:services/catalogue.yml"
        )
        assert before != (kit / "services" / "catalogue.yml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 4. prose dates and opening hours
def test_demo_prose_months_move_with_the_demo_day(tmp_path: Path) -> None:
    from trousse.demo import run_demo

    for lang, launch, first_audit in (
        ("en", "in December 2026", "February 2027"),
        ("fr", "décembre 2026", "février 2027"),
    ):
        kit = tmp_path / lang
        run_demo(kit, lang, today=dt.date(2027, 6, 15))
        plan = (kit / "documents" / "service-management-plan.md").read_text(encoding="utf-8")
        programme = (kit / "documents" / "internal-audit-programme.md").read_text(encoding="utf-8")
        assert launch in plan and first_audit.lower() in programme.lower(), lang
        for path in kit.rglob("*.md"):
            if ".trousse" in path.parts or ".git" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(May|July|October|mai|juillet|octobre) 2026", text), (lang, path)


def test_demo_opening_hours_agree(tmp_path: Path) -> None:
    for lang, hours in (("en", "8:30 to 18:00"), ("fr", "8 h 30 à 18 h")):
        kit = tmp_path / lang
        assert cli("demo", str(kit), "--lang", lang).returncode == 0
        for rel in ("processes/INC.md", "documents/sla.md", "services/catalogue.yml"):
            text = (kit / rel).read_text(encoding="utf-8")
            assert hours in text, (lang, rel)
            assert not re.search(r"8 am|6 pm|de 8 h à", text), (lang, rel)
