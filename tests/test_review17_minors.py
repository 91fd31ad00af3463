"""Issue 17, the minors of the fresh reviews of the rules and the register: DOC009 judges an
example by its content, not its id; a blank not-applicable reason is a finding; DOC008 reads the
customers; CMP002 leaves excluded processes out; REF011 says a cited record exists but cannot be
read; the register shows item ids and the 20000-1 7.5.4 process row counts the descriptions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import check_json, cli, init_kit

ORG = "Acme"
DESIGN = ("design-planning", "design-inputs", "design-controls", "design-outputs", "design-changes")


def _init(tmp_path: Path, standard: str, lang: str, name: str = "kit") -> Path:
    return init_kit(tmp_path / name, "-s", standard, "--lang", lang, "--org", ORG)


def _commit(kit: Path, message: str) -> None:
    subprocess.run(["git", "-C", str(kit), "add", "--all"], check=True)
    subprocess.run(["git", "-C", str(kit), "commit", "-q", "-m", message], check=True)


def _found(kit: Path, rule: str) -> list[dict[str, object]]:
    _, data = check_json(kit)
    return [f for f in data["findings"] if f["rule"] == rule]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------- 4. CMP002 and excluded processes
def test_cmp002_lists_des_while_design_applies(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr")
    found = [f for f in _found(kit, "CMP002") if "DES" in str(f["message"])]
    assert len(found) == 1, found  # RGS holds nobody yet and owns DES among others


def test_cmp002_leaves_out_a_process_the_kit_excludes(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "fr")
    _append(kit / "trousse.yml", "not_applicable:\n" + "".join(f'  {i}: "Pas de conception"\n' for i in DESIGN))
    _commit(kit, "Conception exclue")
    found = _found(kit, "CMP002")
    assert found, "RGS still owns the other processes"
    assert not [f for f in found if "DES" in str(f["message"])], found


# ---------------------------------------------------------------- 5. REF011 and an unreadable record
INCIDENT = """\
id: INC-2026-0001
artefact: incident-record
date: 2026-11-02
title: Mail down
priority: P2
service: SVC-SUPPORT
reported_by: Ann Lee
status: open
problem: PRB-2026-0001
"""
PROBLEM = """\
id: PRB-2026-0001
artefact: problem-record
date: 2026-11-03
title: Mail server full
status: {state}
"""


def _cited_problem(tmp_path: Path, state: str) -> list[dict[str, object]]:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    (kit / "records" / "incident-record").mkdir(parents=True)
    (kit / "records" / "problem-record").mkdir(parents=True)
    (kit / "records" / "incident-record" / "INC-2026-0001.yml").write_text(INCIDENT, encoding="utf-8")
    (kit / "records" / "problem-record" / "PRB-2026-0001.yml").write_text(PROBLEM.format(state=state), "utf-8")
    _commit(kit, "An incident and its problem")
    return [f for f in _found(kit, "REF011") if f["path"] == "records/incident-record/INC-2026-0001.yml"]


def test_ref011_says_a_cited_record_that_fails_its_schema_exists_but_cannot_be_read(tmp_path: Path) -> None:
    found = _cited_problem(tmp_path, "pending")  # not one of the problem record's statuses: SCH
    assert len(found) == 1, found
    message = str(found[0]["message"])
    assert "exists (records/problem-record/PRB-2026-0001.yml) but could not be read" in message, message
    assert "SCH" in message and "no 'problem-record' record" not in message, message


def test_ref011_is_silent_when_the_cited_record_reads(tmp_path: Path) -> None:
    assert _cited_problem(tmp_path, "open") == []


# ---------------------------------------------------------------- 2. a blank reason is a finding
def _declare(tmp_path: Path, reason: str) -> tuple[list[dict[str, object]], str]:
    kit = _init(tmp_path, "iso9001-2015", "en")
    _append(kit / "trousse.yml", f'not_applicable:\n  calibration: "{reason}"\n')
    _commit(kit, "Calibration declared not applicable")
    register = cli("report", "register", str(kit), "--format", "md", "-o", "-")
    assert register.returncode == 0, register.stderr
    return _found(kit, "DOC010"), register.stdout


def test_a_blank_not_applicable_reason_is_doc010_and_no_empty_justification(tmp_path: Path) -> None:
    found, register = _declare(tmp_path, "   ")
    assert len(found) == 1, found
    assert "'calibration'" in str(found[0]["message"]) and "blank" in str(found[0]["message"]), found
    row = next(line for line in register.splitlines() if "calibration" in line and line.startswith("|"))
    assert "Not applicable" not in row, row  # waives nothing: the item still applies


def test_a_written_not_applicable_reason_is_silent_and_shown(tmp_path: Path) -> None:
    found, register = _declare(tmp_path, "We own no measuring instrument.")
    assert found == []
    assert "We own no measuring instrument." in register


# ---------------------------------------------------------------- 3. DOC008 reads the customers
def _customers_facts(tmp_path: Path, notice: str, statement: str) -> list[dict[str, object]]:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    path = kit / "organisation" / "customers.yml"
    old = "Any work on the server is announced at least 5 business days in advance"
    _replace(path, old, f"Any maintenance on the server is announced at least {notice} in advance")
    _replace(path, "      - Newcomers' workstations", f"      - '{statement}'\n      - Newcomers' workstations")
    _commit(kit, "Customers' requirements")
    return [f for f in _found(kit, "DOC008") if f["path"] == "organisation/customers.yml"]


def test_doc008_reports_a_customer_requirement_that_contradicts_a_fact(tmp_path: Path) -> None:
    found = _customers_facts(tmp_path, "2 business days", "Major incident: any outage at all")
    assert [(f["line"], "CUS-EXAMPLE" in str(f["message"])) for f in found] == [(23, True), (30, False)], found
    assert "'2 business days'" in str(found[0]["message"]) and "5 working days" in str(found[0]["message"])
    assert "INT-STAFF" in str(found[1]["message"]) and "major-incident" in str(found[1]["message"]), found


def test_doc008_is_silent_on_customers_that_repeat_the_facts(tmp_path: Path) -> None:
    major = "Major incident: an incident that affects several customers, lasts more than 4 hours or involves data"
    assert _customers_facts(tmp_path, "5 working days", major) == []


# ---------------------------------------------------------------- 1. DOC009 judges the content
def _doc009(kit: Path) -> dict[str, str]:
    """DOC009's findings by entry id (the id is the message's second word)."""
    return {str(f["message"]).split()[1]: str(f["message"]) for f in _found(kit, "DOC009")}


def _rename_examples(tmp_path: Path) -> Path:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    for name in ("services/catalogue.yml", "organisation/customers.yml"):
        path = kit / name
        text = path.read_text(encoding="utf-8").replace("SVC-HOSTING", "SVC-HEBERG").replace("INT-STAFF", "INT-OPS")
        path.write_text(text.replace("CUS-EXAMPLE", "CUS-ACME"), encoding="utf-8")
    customers = kit / "organisation" / "customers.yml"
    _replace(customers, "Example Partners LLP (external customer, to replace)", "Acme Partners LLP")
    _replace(customers, "First Last, office manager <contact@example.com>", "First Last <contact@example.com>")
    return kit


def test_doc009_sees_the_example_behind_a_renamed_id(tmp_path: Path) -> None:
    kit = _rename_examples(tmp_path)
    _commit(kit, "Examples renamed")
    found = _doc009(kit)
    assert set(found) == {"SVC-SUPPORT", "SVC-HEBERG", "CUS-ACME", "INT-OPS"}, found
    assert "init wrote" in found["SVC-SUPPORT"]  # unchanged: as before
    for rid in ("SVC-HEBERG", "CUS-ACME", "INT-OPS"):
        assert "still the example" in found[rid] and "renamed or barely changed" in found[rid], found[rid]


def test_doc009_is_silent_on_entries_rewritten_under_a_new_id(tmp_path: Path) -> None:
    kit = _rename_examples(tmp_path)
    customers = kit / "organisation" / "customers.yml"
    _replace(customers, "First Last <contact@example.com>", "Jane Acme <jane@acme.example>")
    for old, new in (
        ("A blocking incident is taken on", "A stopped till is taken on"),
        ("A monthly service report is sent", "A quarterly review is held"),
        ("Data stays hosted in the agreed country", "Backups are kept in two of our sites"),
        ("Newcomers' workstations are ready on their first day.", "Our own laptops are renewed every four years."),
        ("Internal requests follow the same route", "Internal requests are logged as tickets like"),
    ):
        _replace(customers, old, new)
    catalogue = kit / "services" / "catalogue.yml"
    hosting = catalogue.read_text(encoding="utf-8").split("  - id: SVC-HEBERG")[1]
    for field in ("description", "promise", "cost", "information"):  # the longest texts, rewritten
        start = hosting.index(f"    {field}: >-\n") + len(f"    {field}: >-\n")
        end = hosting.index("\n    ", hosting.index("\n", start) + 1)
        while hosting[end + 5] == " ":  # the folded text's further lines
            end = hosting.index("\n    ", end + 1)
        _replace(catalogue, hosting[start:end], f"      Our own {field} of the hosting service, in our words.")
    _commit(kit, "Examples rewritten")
    assert set(_doc009(kit)) == {"SVC-SUPPORT"}  # the one left as init wrote it


# ---------------------------------------------------------------- 6. the register's ids and processes
def test_register_shows_item_ids_and_the_process_descriptions(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    _replace(kit / "processes" / "INC.md", 'version: "0.1"\n', 'version: "0.1"\nstatus: approved\n')
    _commit(kit, "INC approved")
    md = cli("report", "register", str(kit), "--format", "md", "-o", "-")
    assert md.returncode == 0, md.stderr
    rows = [line for line in md.stdout.splitlines() if line.startswith("| 7.5.4 | Processes of the SMS (processes) |")]
    assert len(rows) == 2, rows  # the process map, then one line for the descriptions
    assert "documents/process-map.md" in rows[0]
    assert "25 process descriptions in processes/ (approved: 1): AST, AUD, AVA," in rows[1], rows[1]
    assert rows[1].endswith("| **template not adapted** |"), rows[1]  # the fresh descriptions are init's text
    assert "| 4.3 | Scope of the SMS (sms-scope) |" in md.stdout
    html = cli("report", "register", str(kit), "--format", "html", "-o", "-")
    assert html.returncode == 0, html.stderr
    assert 'Scope of the SMS<br><code class="item-id">sms-scope</code>' in html.stdout
    assert "25 process descriptions in processes/" in html.stdout


def test_register_process_line_leaves_out_an_excluded_process(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "en")
    _append(kit / "trousse.yml", "not_applicable:\n" + "".join(f'  {i}: "We design nothing."\n' for i in DESIGN))
    _commit(kit, "Design excluded")
    md = cli("report", "register", str(kit), "--format", "md", "-o", "-")
    assert md.returncode == 0, md.stderr
    line = next(x for x in md.stdout.splitlines() if "process descriptions in processes/" in x)
    assert "DES" not in line.split("):", 1)[1], line
    assert "(design-planning)" in md.stdout  # each item named by its id, in its row and its justification


def _design_role(tmp_path: Path, excluded: bool) -> tuple[list[dict[str, object]], dict[str, object]]:
    """A 9001 kit whose DES belongs to its own role, CONC, held by nobody; design excluded or not.
    CMP002's findings and the readiness verdict's setup condition."""
    kit = _init(tmp_path, "iso9001-2015", "fr")
    _replace(kit / "processes" / "DES.md", "owner: RGS", "owner: CONC")
    _replace(
        kit / "organisation" / "roles.yml",
        "roles:\n",
        "roles:\n  - id: CONC\n    name: Chef de conception\n    holders: []\n",
    )
    if excluded:
        _append(kit / "trousse.yml", "not_applicable:\n" + "".join(f'  {i}: "Pas de conception"\n' for i in DESIGN))
    _commit(kit, "Conception")
    proc = cli("readiness", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    setup = [c for c in json.loads(proc.stdout)["conditions"] if c["id"] == "setup"]
    assert len(setup) == 1
    return _found(kit, "CMP002"), setup[0]


def test_readiness_setup_blocks_on_the_holderless_owner_of_a_process_that_applies(tmp_path: Path) -> None:
    found, setup = _design_role(tmp_path, excluded=False)
    assert [f for f in found if "CONC" in str(f["message"])], found
    assert "CONC" in setup["blocking"], setup


def test_readiness_setup_leaves_out_the_owner_of_an_excluded_process_as_cmp002_does(tmp_path: Path) -> None:
    found, setup = _design_role(tmp_path, excluded=True)
    assert not [f for f in found if "CONC" in str(f["message"])], found
    assert "CONC" not in setup["blocking"], setup


def test_register_process_line_says_template_when_every_description_is_approved_unadapted(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    for path in sorted((kit / "processes").glob("*.md")):
        _replace(path, 'version: "0.1"\n', 'version: "0.1"\nstatus: approved\n')
    _commit(kit, "every process approved as init wrote it")
    assert len(_found(kit, "DOC006")) >= 25
    md = cli("report", "register", str(kit), "--format", "md", "-o", "-")
    assert md.returncode == 0, md.stderr
    rows = [line for line in md.stdout.splitlines() if line.startswith("| 7.5.4 | Processes of the SMS (processes) |")]
    assert "(approved: 25)" in rows[1], rows[1]
    assert rows[1].endswith("| **template not adapted** |"), rows[1]  # approved, but still init's text


def test_register_process_line_of_the_demo_is_approved(tmp_path: Path) -> None:
    from conftest import demo_kit

    kit = demo_kit(tmp_path, "en")
    md = cli("report", "register", str(kit), "--format", "md", "-o", "-")
    assert md.returncode == 0, md.stderr
    rows = [line for line in md.stdout.splitlines() if "process descriptions in processes/" in line]
    assert len(rows) == 1 and rows[0].endswith("| **approved** |"), rows


# ---------------------------------------------------------------- review 17g: an unknown process in an auditor's list
def _audit_with_auditor_processes(tmp_path: Path, processes: str) -> Path:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    (kit / "audits" / "AUD-2026-01.yml").write_text(
        "id: AUD-2026-01\nkind: internal\ndate: 2026-10-02\nscope: [INC, PRB]\n"
        f"auditors:\n  - name: Luc Roy\n    role: RCF\n    processes: {processes}\n",
        encoding="utf-8",
    )
    _commit(kit, "audit")
    return kit


def test_an_unknown_process_in_an_auditors_list_is_ref003_not_aud002(tmp_path: Path) -> None:
    kit = _audit_with_auditor_processes(tmp_path, "[INC, SLA-X]")
    ref = [f for f in _found(kit, "REF003") if f["path"] == "audits/AUD-2026-01.yml"]
    assert [(f["line"], "SLA-X" in str(f["message"])) for f in ref] == [(8, True)], ref
    assert _found(kit, "AUD002") == []


def test_a_known_process_outside_the_scope_is_still_aud002(tmp_path: Path) -> None:
    kit = _audit_with_auditor_processes(tmp_path, "[INC, CHG]")
    assert [f["line"] for f in _found(kit, "AUD002")] == [8]
    assert [f for f in _found(kit, "REF003") if f["path"] == "audits/AUD-2026-01.yml"] == []
