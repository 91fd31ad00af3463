"""Forms an auditor can read field by field (issue 17, parts 4 and 5; second round): the
management-review form has one field per input the kit's standard asks the review to consider
(ISO 9001 9.3.2, ISO/IEC 20000-1 9.3) and one per output, and its decisions are a list of
{decision, owner, due, action}; the complaint form dates the acknowledgement, so the
acknowledgement delay can be measured. Examples cite roles the kit has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all

from trousse.packs import shipped_packs
from trousse.scaffold import InitOptions, plan_kit
from trousse.yamlio import load_plain

NINE_INPUTS = [
    "previous_actions",  # 9.3.2 a)
    "context_changes",  # b)
    "customer_feedback",  # c) 1)
    "objectives_met",  # c) 2)
    "process_performance",  # c) 3)
    "nonconformities",  # c) 4)
    "measurement_results",  # c) 5)
    "audit_results",  # c) 6)
    "supplier_performance",  # c) 7)
    "resources",  # d)
    "risks_opportunities",  # e)
    "improvement_opportunities",  # f)
]
OUTPUTS = ["output_improvements", "output_changes", "output_resources"]  # 9.3.3 a) b) c)


def kit_files(pack: str, lang: str) -> dict[str, str]:
    return plan_kit(InitOptions(Path("/tmp/unused"), [pack], lang, "Atelier Dupont", 8, git=False))


def review_form(pack: str, lang: str) -> dict[str, object]:
    data = load_plain(kit_files(pack, lang)["templates/records/management-review-record.yml"])
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_9001_review_form_has_one_field_per_input_and_output(lang: str) -> None:
    form = review_form("iso9001-2015", lang)
    keys = list(form)
    assert [k for k in keys if k in NINE_INPUTS + OUTPUTS] == NINE_INPUTS + OUTPUTS
    assert "service_performance" not in form
    assert form["decision_items"] == [{"decision": "", "owner": None, "due": None, "action": None}]
    text = kit_files("iso9001-2015", lang)["templates/records/management-review-record.yml"]
    assert "9.3.2 c) 7)" in text and "9.3.3 c)" in text
    assert not re.search(r"performance des services|service performance", text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_20000_review_form_asks_for_service_performance(lang: str) -> None:
    form = review_form("iso20000-1-2018", lang)
    assert "service_performance" in form and "process_performance" not in form
    assert {"previous_actions", "audit_results", "improvement_opportunities", *OUTPUTS} <= set(form)
    assert "20000-1 9.3" in kit_files("iso20000-1-2018", lang)["templates/records/management-review-record.yml"]


@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_every_pack_declares_the_review_fields_its_form_writes(pack: str) -> None:
    """The form and the pack agree: every key of the form is a field of the record type (the
    loader types them from the pack), and decisions are items."""
    art = next(a for a in shipped_packs()[pack].artefacts if a.id == "management-review-record")
    fields = {f.id: f for f in art.fields}
    for key in review_form(pack, "en"):
        assert key in fields or key in {"id", "artefact", "date", "title", "author", "notes"}, key
    assert fields["decision_items"].type == "list" and fields["decision_items"].of == "item"


def _fill(text: str, lang: str, due: str) -> str:
    person = "Prénom Nom" if lang == "fr" else "First Last"
    text = re.sub(r'^title: "[^"]*"', 'title: "Revue annuelle"', text, flags=re.M)
    text = text.replace(f'attendees: ["{person}"]', 'attendees: ["Test User"]')
    text = text.replace('  - decision: ""', '  - decision: "Former un second auditeur interne"')
    text = text.replace("    owner: null", "    owner: Test User").replace("    due: null", f"    due: {due}")
    return text.replace('audit_results: ""', 'audit_results: "deux écarts mineurs, clos"')


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_review_filled_in_the_new_form_passes_and_a_malformed_decision_is_named(
    isolated_git: None, tmp_path: Path, lang: str
) -> None:
    root = tmp_path / "kit"
    init = cli("init", str(root), "--standard", "iso9001-2015", "--lang", lang, "--org", "Atelier Dupont")
    assert init.returncode == 0, init.stderr
    commit_all(root, "init")
    made = cli("new", "management-review", "--kit", str(root))
    assert made.returncode == 0, made.stderr
    rel = made.stdout.splitlines()[0].split()[0]
    path = root / rel
    form = path.read_text(encoding="utf-8")

    def schema_findings() -> list[str]:
        _code, report = check_json(root)
        return [f["message"] for f in report["findings"] if f["path"] == rel and f["rule"].startswith(("SCH", "YML"))]

    path.write_text(_fill(form, lang, "2027-03-31"), encoding="utf-8")
    assert schema_findings() == []
    path.write_text(_fill(form, lang, "[1, 2]"), encoding="utf-8")
    assert [m.split(":")[0].strip() for m in schema_findings()] == ["decision_items[1].due"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack", ["iso9001-2015", "iso20000-1-2018", "iso20000-1-2005"])
def test_the_complaint_form_dates_the_acknowledgement(pack: str, lang: str) -> None:
    form = load_plain(kit_files(pack, lang)["templates/records/customer-complaint-record.yml"])
    assert isinstance(form, dict) and "acknowledged_on" in form and form["acknowledged_on"] is None
    assert list(form).index("acknowledged_on") < list(form).index("response")


ROLE_CELL = re.compile(r"\|\s*([A-Z]{2,4})\s*(?=\|)")
NOT_ROLES = {"ISO", "TB", "GB", "PDF"}  # units and names that fill table cells too


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_document_tables_cite_roles_the_kit_has(pack: str, lang: str) -> None:
    """An example or a row names a role the kit's roles.yml holds (RQ and QM never existed)."""
    files = kit_files(pack, lang)
    roles = {r["id"] for r in load_plain(files["organisation/roles.yml"])["roles"]}  # type: ignore[index]
    processes = {name[len("processes/") : -3] for name in files if name.startswith("processes/")}
    unknown = {
        (name, cell)
        for name, text in files.items()
        if name.startswith("documents/")
        for cell in ROLE_CELL.findall(text)
        if cell not in roles | processes | NOT_ROLES
    }
    assert unknown == set()


def test_the_role_check_catches_a_role_the_kit_lacks() -> None:
    assert ROLE_CELL.findall("| ISO 9001 | ISO / AFNOR | 2015 | dossier Normes | RQ | 2026-01-10 |") == ["RQ"]
