"""Issue 17, fifth review: an ISO 9001 kit asks ISO 9001's own questions, an NF EN 15838 kit's
examples are a contact centre's (no workshop, no IT service), and the demo's history is true
(each revised document committed on its approval day, prose dates that follow the demo's day)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from conftest import check_json, cli, init_kit

ORG = "Severn Valley IT Services Ltd"


def _init(tmp_path: Path, standard: str, lang: str, name: str = "fresh") -> Path:
    return init_kit(tmp_path / name, "-s", standard, "--lang", lang, "--org", ORG, "--people", "12")


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
        change = (kit / "records" / "chg" / "CHG-2026-0013.yml").read_text(encoding="utf-8")
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


# ---------------------------------------------------------------- 5. minors
def _found(kit: Path, rule: str) -> list[dict]:
    _, data = check_json(kit)
    return [f for f in data["findings"] if f["rule"] == rule]


def _commit(kit: Path, message: str) -> None:
    from conftest import commit_all

    commit_all(kit, message)


def test_cmp009_says_what_is_missing_in_words_in_french(tmp_path: Path) -> None:
    kit = tmp_path / "demo"
    assert cli("demo", str(kit), "--lang", "fr").returncode == 0
    path = kit / "records" / "mrv" / "RDD-2026-0002.yml"
    text = path.read_text(encoding="utf-8")
    both = re.search(r"\n    owner: [^\n]*\n    due: [^\n]*\n", text)
    assert both, text
    path.write_text(text.replace(both.group(0), "\n", 1), encoding="utf-8")
    _commit(kit, "Une décision sans responsable ni échéance")
    found = _found(kit, "CMP009")
    assert found and "ni responsable (owner) ni échéance (due)" in found[0]["message"], found
    assert "de owner" not in found[0]["message"]


def test_doc008_quotes_the_fact_in_the_kit_language(tmp_path: Path) -> None:
    kit = tmp_path / "demo"
    assert cli("demo", str(kit), "--lang", "fr").returncode == 0
    cfg = kit / "trousse.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "complaint_response: 10 working days" in text
    cfg.write_text(text.replace("complaint_response: 10 working days", "complaint_response: 15 working days"), "utf-8")
    found = _found(kit, "DOC008")
    assert found, "no document repeats the complaint response time"
    assert not any("working days" in f["message"] for f in found), found
    assert any("15 jours ouvrés" in f["message"] for f in found), found


def test_doc010_names_the_register_items_itself(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr")
    cfg = kit / "trousse.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + 'not_applicable:\n  conception: "Pas de conception"\n', "utf-8")
    found = _found(kit, "DOC010")
    assert len(found) == 1, found
    assert "trousse report register" not in found[0]["message"]
    assert "design-planning" in found[0]["message"]


def test_doc006_hint_once_the_guidance_is_gone_says_the_words_are_still_the_template(tmp_path: Path) -> None:
    from test_fidelity_round4 import APPROVAL, _set_front, _strip_help

    kit = _init(tmp_path, "iso9001-2015", "fr")
    path = kit / "documents" / "quality-policy.md"
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    path.write_text("---\n" + front + "---\n" + _strip_help(body), encoding="utf-8")
    _set_front(path, **APPROVAL)
    _commit(kit, "Politique approuvée avec les mots du modèle")
    found = [f for f in _found(kit, "DOC006") if f["path"] == "documents/quality-policy.md"]
    assert len(found) == 1, found
    assert "Guide" not in found[0]["message"] and "réécrivez" in found[0]["message"], found


def test_register_excluded_process_row_is_a_process_not_required(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr")
    items = ("design-planning", "design-inputs", "design-controls", "design-outputs", "design-changes")
    cfg = kit / "trousse.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "not_applicable:\n" + "".join(f'  {i}: "Pas de conception"\n' for i in items),
        encoding="utf-8",
    )
    _commit(kit, "Conception exclue")
    out = cli("report", "register", str(kit), "--format", "md", "-o", "-")
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if "Processus DES" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2:4] == ["processus", "non"], cells
