"""Issue 17, fifth review: an ISO 9001 kit asks ISO 9001's own questions, an NF EN 15838 kit's
examples are a contact centre's (no workshop, no IT service), and the demo's history is true
(each revised document committed on its approval day, prose dates that follow the demo's day)."""

from __future__ import annotations

import re
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
    return [[c.strip() for c in line.strip("|").split("|")] for line in part.splitlines() if re.match(r"\| \d+ \|", line)]


# ---------------------------------------------------------------- 1. ISO 9001's own questions
IT_SUPPLIER = re.compile(r"service levels|niveaux de service|internal suppliers|fournisseurs internes|litiges|disputes|8\.3\.4")


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
