"""The register of documented information (issue 17): pack data, `report register`, DOC006 on a
fresh kit, and readiness counting an unadapted approved document as not in place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cli, init_kit

from trousse.packs import shipped_packs
from trousse.resources import templates_root

# Every shipped pack has a register now (ISO 18295-1's came with the fidelity work).
WITHOUT_REGISTER: set[str] = set()


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_every_register_item_maps_to_an_artefact_with_templates(pack_id: str) -> None:
    pack = shipped_packs()[pack_id]
    if pack_id in WITHOUT_REGISTER:
        assert not pack.documented_information, f"{pack_id} has a register now: drop it from WITHOUT_REGISTER"
        return
    assert pack.documented_information, f"{pack_id} has no register"
    arts = {a.id: a for a in pack.artefacts}
    ids = [i.id for i in pack.documented_information]
    assert len(ids) == len(set(ids)), f"{pack_id}: duplicate register ids"
    root = templates_root()
    for item in pack.documented_information:
        for art in item.artefacts:
            assert art in arts, f"{pack_id}:{item.id}: {art} is not an artefact of the pack"
            kind = arts[art].kind
            for lang in ("fr", "en"):
                name = f"documents/{lang}/{art}.md.j2" if kind == "document" else f"records/{lang}/{art}.yml.j2"
                assert (root / name).is_file(), f"{pack_id}:{item.id}: no template {name}"


def _init(tmp_path: Path, standard: str, lang: str) -> Path:
    return init_kit(
        tmp_path / "kit", "--standard", standard, "--lang", lang, "--org", "Atelier Dupuis", "--people", "6"
    )


def test_register_lists_items_with_their_status_and_justification(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "en")
    config = kit / "trousse.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + 'not_applicable:\n  customer-property: "We never hold property belonging to customers."\n',
        encoding="utf-8",
    )
    (kit / "templates" / "records" / "customer-property-record.yml").unlink()
    proc = cli("report", "register", str(kit), "--output", "-")
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    assert md.startswith("# Register of documented information")
    assert re.search(r"\| 4\.3 \| Scope of the QMS[^|]*\| document \| yes \| documents/qms-scope\.md \| 0\.1 \|", md)
    assert "**template not adapted**" in md  # the scope as init wrote it
    assert "**form only, no record yet**" in md
    assert "**not applicable**" in md
    assert (
        "- 8.5.3 — Customer property lost, damaged or unsuitable (customer-property): We never hold property"
        " belonging to customers." in md
    )
    html = cli("report", "register", str(kit), "--format", "html", "--output", "-").stdout
    assert '<span class="badge tone-neutral">not applicable</span>' in html


def test_approving_an_unadapted_template_is_a_finding_and_not_in_place(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr")
    scope = kit / "documents" / "qms-scope.md"
    text = scope.read_text(encoding="utf-8")
    scope.write_text(
        text.replace("status: draft", "status: approved\napproved_by: D\napproved_on: 2026-01-05"), encoding="utf-8"
    )
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    doc006 = [f for f in data["findings"] if f["rule"] == "DOC006"]
    assert [f["path"] for f in doc006] == ["documents/qms-scope.md"]
    assert "[[...]]" in doc006[0]["message"] and "Guide" in doc006[0]["message"]
    ready = json.loads(cli("readiness", str(kit), "--format", "json").stdout)
    documents = next(c for c in ready["conditions"] if c["id"] == "documents")
    assert "documents/qms-scope.md" in documents["blocking"]
    # Adapted: no placeholder, no guidance block, the organisation's own words.
    own = re.sub(r"> \*\*(Guide|Exemple)\*\*.*?(\n\n|\Z)", "", scope.read_text(encoding="utf-8"), flags=re.S)
    own = re.sub(r"\[\[[^\]]*\]\]", "nos pièces usinées sur plan", own)
    scope.write_text(own, encoding="utf-8")
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    assert not [f for f in data["findings"] if f["rule"] == "DOC006"]


def test_a_fresh_kit_has_example_audit_and_action_files_that_check_clean(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    (kit / "audits").mkdir(exist_ok=True)
    (kit / "actions").mkdir(exist_ok=True)
    audit = (kit / "templates" / "audits" / "example-audit.yml").read_text(encoding="utf-8")
    action = (kit / "templates" / "actions" / "example-action.yml").read_text(encoding="utf-8")
    (kit / "audits" / "AUD-1.yml").write_text(audit, encoding="utf-8")
    (kit / "actions" / "ACT-1.yml").write_text(action, encoding="utf-8")
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    bad = [f for f in data["findings"] if f["path"].startswith(("audits/", "actions/")) and f["severity"] == "error"]
    # Copied as they are, they are valid; only the people the examples leave to name ("First
    # Last") are reported, as fields to fill (SCH004).
    assert [f for f in bad if f["rule"] != "SCH004"] == []
    assert all(
        f["message"].split(":")[0] in ("name", "owner", "holder", "auditees", "by", "approved_by") for f in bad
    ), bad
