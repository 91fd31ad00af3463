"""Gaps of issue 17 found after the last session: a justified not-applicable register item gets one
answer everywhere, the ISO 9001 register lists 8.1 e) and 8.5.1 a), and the register sorts a list
letter right after its clause. Real kits from `trousse init`, the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cli, init_kit


def _init(tmp_path: Path, standard: str, lang: str, org: str = "Atelier Dupuis") -> Path:
    return init_kit(tmp_path / "kit", "--standard", standard, "--lang", lang, "--org", org, "--people", "6")


def _findings(kit: Path, rule: str) -> list[dict[str, object]]:
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    return [f for f in data["findings"] if f["rule"] == rule]


WHY = "We host nothing for customers under a service level: support is sold by the hour."


def test_a_justified_not_applicable_item_is_not_asked_for_by_cmp003_nor_readiness(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    assert any(f["path"] == "documents/sla.md" for f in _findings(kit, "CMP003"))  # draft: asked for
    config = kit / "trousse.yml"
    config.write_text(config.read_text(encoding="utf-8") + f'not_applicable:\n  slas: "{WHY}"\n', encoding="utf-8")
    assert not any(f["path"] == "documents/sla.md" for f in _findings(kit, "CMP003"))
    md = cli("report", "register", str(kit), "--output", "-").stdout
    row = next(line for line in md.splitlines() if "| Service level agreements (slas) |" in line)
    assert "**not applicable**" in row
    assert WHY in md
    ready = json.loads(cli("readiness", str(kit), "--format", "json").stdout)
    docs = next(c for c in ready["conditions"] if c["id"] == "documents")
    assert "documents/sla.md" not in docs["blocking"]
    assert "documents/sms-policy.md" in docs["blocking"]  # the others still count


def test_an_artefact_another_applicable_item_asks_for_stays_required(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    config = kit / "trousse.yml"
    # 6.2 objectives names sms-policy, which 5.2 asks for too: declaring 6.2 alone waives nothing.
    config.write_text(
        config.read_text(encoding="utf-8") + f'not_applicable:\n  objectives: "{WHY}"\n', encoding="utf-8"
    )
    assert any(f["path"] == "documents/sms-policy.md" for f in _findings(kit, "CMP003"))


def test_iso9001_register_lists_8_1_e_and_8_5_1_a_in_clause_order(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr")
    md = cli("report", "register", str(kit), "--output", "-").stdout
    clauses = re.findall(r"^\| ([0-9][0-9.]*(?: [a-z]\))?) \|", md, re.M)
    assert "8.1 e)" in clauses and "8.5.1 a)" in clauses
    assert clauses.index("8.1 e)") < clauses.index("8.2.2") < clauses.index("8.5.1 a)") < clauses.index("8.5.2")
    row = next(line for line in md.splitlines() if line.startswith("| 8.5.1 a) |"))
    assert "templates/records/requirements-review-record.yml" in row
    row = next(line for line in md.splitlines() if line.startswith("| 8.1 e) |"))
    assert "documents/process-map.md" in row


def test_french_kit_elides_de_before_the_organisation_name(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr", org="Infogérance Martin")
    texts = {
        p.relative_to(kit).as_posix(): p.read_text(encoding="utf-8")
        for p in kit.rglob("*")
        if p.is_file() and ".git" not in p.parts and p.suffix in (".md", ".yml")
    }
    wrong = sorted(path for path, text in texts.items() if "de Infogérance" in text)
    assert wrong == []
    assert "Politique qualité d’Infogérance Martin" in texts["documents/quality-policy.md"]
    assert "Direction d’Infogérance Martin" in texts["organisation/customers.yml"]
    assert proc_ok(cli("check", str(kit), "--format", "json"))  # the kit still reads


def proc_ok(proc: object) -> bool:
    """A check that ran (0 or 1), not an unusable input nor a bug."""
    return getattr(proc, "returncode", 3) in (0, 1)


def test_an_auditor_does_not_audit_a_process_whose_tasks_they_perform(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "en")
    audit = kit / "audits" / "AUD-2026-09.yml"
    body = "id: AUD-2026-09\nkind: internal\ndate: 2026-10-02\nscope: [AUD, OPS]\n"
    # A team member (EQ) performs tasks of OPS (production), none of AUD; neither is owned by EQ.
    audit.write_text(body + "auditors: [{name: Ann Lee, role: EQ}]\n", encoding="utf-8")
    found = _findings(kit, "AUD001")
    assert [f["path"] for f in found] == ["audits/AUD-2026-09.yml"]
    assert "OPS" in str(found[0]["message"]) and "EQ" in str(found[0]["message"])
    # The team split the scope: Ann Lee audited AUD only, someone else OPS.
    audit.write_text(
        body + "auditors: [{name: Ann Lee, role: EQ, processes: [AUD]}, {name: Joe Bloggs, organisation: Peer Ltd}]\n",
        encoding="utf-8",
    )
    assert _findings(kit, "AUD001") == []


def test_register_renders_as_pdf(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    out = tmp_path / "register.pdf"
    proc = cli("report", "register", str(kit), "--format", "pdf", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
