"""Issue 17, third review: the readiness verdict counts what DOC006 and DOC007 flag, a process
whose register items are all declared not applicable is not required, and the demo's processes
are approved text of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, init_kit

ORG = "Severn Valley IT Services Ltd"


def _demo(tmp_path: Path, lang: str = "en") -> Path:
    kit = tmp_path / "demo"
    made = cli("demo", str(kit), "--lang", lang)
    assert made.returncode == 0, made.stderr
    return kit


def _split(path: Path) -> tuple[str, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return front, body


def _approved(front: str) -> str:
    """A process's front matter, approved (whatever it said of its approval before)."""
    front = re.sub(r"^(version|status|approved_on|approved_by):.*\n", "", front, flags=re.M)
    return front + 'version: "1.0"\nstatus: approved\napproved_on: 2026-01-10\napproved_by: D\n'


def _condition(kit: Path, cid: str) -> dict:
    proc = cli("readiness", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return next(c for c in json.loads(proc.stdout)["conditions"] if c["id"] == cid)


def _rules(kit: Path) -> list[tuple[str, str]]:
    _, data = check_json(kit)
    return [(f["rule"], f["path"]) for f in data["findings"]]


def test_readiness_documents_blocks_on_what_doc006_and_doc007_flag(tmp_path: Path) -> None:
    kit = _demo(tmp_path)
    assert _condition(kit, "documents")["met"]  # the demo as built: silent
    fresh = tmp_path / "fresh"
    made = cli("init", str(fresh), "-s", "iso20000-1-2018", "--lang", "en", "--org", ORG, "--people", "12", "--no-git")
    assert made.returncode == 0, made.stderr
    front, _ = _split(kit / "processes" / "INC.md")
    front = _approved(front)
    (kit / "processes" / "INC.md").write_text("---\n" + front + "---\n" + _split(fresh / "processes" / "INC.md")[1])
    for name in ("competence-matrix.md", "sms-requirements.md"):
        front, _ = _split(kit / "documents" / name)
        body = _split(fresh / "documents" / name)[1]
        (kit / "documents" / name).write_text("---\n" + front + "---\n" + body, encoding="utf-8")
    (kit / "documents" / "internal-agreement.md").unlink()
    commit_all(kit, "Template text approved, internal agreement removed")
    found = _rules(kit)
    doc006 = sorted(p for r, p in found if r == "DOC006")
    assert doc006 == ["documents/competence-matrix.md", "documents/sms-requirements.md", "processes/INC.md"]
    assert [r for r, _ in found].count("DOC007") == 1
    cond = _condition(kit, "documents")
    assert not cond["met"]
    for path in doc006:
        assert path in cond["blocking"], cond
    assert "internal-agreement" in cond["detail"]


def test_process_doc006_hint_speaks_of_a_process(tmp_path: Path) -> None:
    kit = _demo(tmp_path)
    fresh = tmp_path / "fresh"
    cli("init", str(fresh), "-s", "iso20000-1-2018", "--lang", "en", "--org", ORG, "--people", "12", "--no-git")
    front, _ = _split(kit / "processes" / "INC.md")
    front = _approved(front)
    (kit / "processes" / "INC.md").write_text("---\n" + front + "---\n" + _split(fresh / "processes" / "INC.md")[1])
    commit_all(kit, "INC approved as the template")
    _, data = check_json(kit)
    message = next(f["message"] for f in data["findings"] if f["rule"] == "DOC006")
    # round 4: process templates carry a Guidance block and placeholders too, so the message names them
    assert "activities" in message and "[[...]]" in message


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_demo_processes_are_approved_and_their_own(tmp_path: Path, lang: str) -> None:
    kit = _demo(tmp_path, lang)
    for path in sorted((kit / "processes").glob("*.md")):
        front, _ = _split(path)
        assert "status: approved" in front, path.name
        assert "approved_on:" in front and "approved_by:" in front, path.name
    assert not [r for r, _ in _rules(kit) if r in ("DOC006", "DOC001")]


DESIGN = ("design-planning", "design-inputs", "design-controls", "design-outputs", "design-changes")


def _iso9001(tmp_path: Path, not_applicable: dict[str, str]) -> Path:
    kit = tmp_path / "k9001"
    init_kit(kit, "-s", "iso9001-2015", "--lang", "fr", "--org", "Atelier Dupuis", "--people", "8")
    lines = "".join(f'  {k}: "{v}"\n' for k, v in not_applicable.items())
    with (kit / "trousse.yml").open("a", encoding="utf-8") as fh:
        fh.write("not_applicable:\n" + lines)
    (kit / "processes" / "DES.md").unlink()
    commit_all(kit, "Design excluded (4.3)")
    return kit


def test_design_excluded_makes_des_not_required(tmp_path: Path) -> None:
    why = "Nous fabriquons sur plan du client : nous ne concevons aucun produit."
    kit = _iso9001(tmp_path, dict.fromkeys(DESIGN, why))
    _, data = check_json(kit)
    on_des = [f for f in data["findings"] if "DES" in f["message"] and f["rule"] in ("CMP001", "EVD002")]
    assert on_des == []
    assert not [f for f in data["findings"] if f["rule"] == "DOC010"]
    for cid in ("history", "internal-audit"):
        cond = _condition(kit, cid)
        assert "DES" not in cond["blocking"], cond
        assert any("DES" in n and why in n for n in cond["notes"]), cond


def test_design_partly_excluded_keeps_des_required(tmp_path: Path) -> None:
    kit = _iso9001(tmp_path, {"design-planning": "Pas de conception."})
    _, data = check_json(kit)
    assert [f["rule"] for f in data["findings"] if f["rule"] == "CMP001" and "DES" in f["message"]] == ["CMP001"]


def test_not_applicable_key_naming_no_item_is_reported(tmp_path: Path) -> None:
    kit = _iso9001(tmp_path, {"DES": "Pas de conception."})
    _, data = check_json(kit)
    doc010 = [f for f in data["findings"] if f["rule"] == "DOC010"]
    assert len(doc010) == 1 and "DES" in doc010[0]["message"] and "design-planning" in doc010[0]["message"]


def _fresh(tmp_path: Path, lang: str) -> Path:
    return init_kit(tmp_path / f"k-{lang}", "-s", "iso20000-1-2018", "--lang", lang, "--org", "Acme", "--no-git")


def _doc008(kit: Path) -> list[dict]:
    _, data = check_json(kit)
    return [f for f in data["findings"] if f["rule"] == "DOC008"]


def test_doc008_reads_the_catalogue_promise(tmp_path: Path) -> None:
    kit = _fresh(tmp_path, "en")
    assert _doc008(kit) == []  # init's catalogue agrees with init's facts
    cat = kit / "services" / "catalogue.yml"
    text = cat.read_text(encoding="utf-8")
    assert "99.5 % availability per month" in text
    cat.write_text(text.replace("99.5 % availability per month", "99.9 % availability per month", 1), encoding="utf-8")
    found = _doc008(kit)
    assert [(f["path"], "'99.9 %'" in f["message"]) for f in found] == [("services/catalogue.yml", True)]


@pytest.mark.parametrize(
    "sentence",
    ["Les réclamations sont répondues sous 15 jours ouvrés.", "Nous répondons aux plaintes sous 15 jours ouvrés."],
)
def test_doc008_reads_french_phrasing_and_quotes_the_kit(tmp_path: Path, sentence: str) -> None:
    kit = _fresh(tmp_path, "fr")
    policy = kit / "documents" / "sms-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")
    found = _doc008(kit)
    assert len(found) == 1, found
    # a French kit quotes the fact in French (issue 17, fifth review), and names its key
    message = found[0]["message"]
    assert "15 jours ouvrés" in message and "10 jours ouvrés" in message and "working days" not in message
    assert "facts.complaint_response" in message


def test_doc008_quotes_the_fact_as_trousse_yml_writes_it(tmp_path: Path) -> None:
    kit = _fresh(tmp_path, "en")
    policy = kit / "documents" / "sms-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\nComplaints are answered within 15 working days.\n")
    found = _doc008(kit)
    assert len(found) == 1 and "declares 10 working days" in found[0]["message"], found


def test_new_management_review_lists_the_outputs_to_fill(tmp_path: Path) -> None:
    kit = tmp_path / "k"
    assert cli("init", str(kit), "-s", "iso9001-2015", "--lang", "en", "--org", "Acme").returncode == 0
    made = cli("new", "management-review", cwd=kit)
    assert made.returncode == 0, made.stderr
    line = next(x for x in made.stdout.splitlines() if x.startswith("Fields to fill"))
    assert "attendees" in line and "decision_items" in line and "output_improvements" in line
