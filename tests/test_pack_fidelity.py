"""The shipped packs hold together and follow their sources (issue 11 and the ISO 18295-1 part of
issue 17): every mapping names clauses its two packs list, the journey's first task lists the
process descriptions as the seed's task table does, the ISO 18295-1 checklists fill their clause
column and its pack has a register of documented information."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trousse.i18n import pick
from trousse.packs import shipped_packs
from trousse.scaffold import InitOptions, plan_kit

# References a mapping may point to that trousse does not ship as a pack (the 2005 pack's
# historical comparisons): their clause numbers cannot be checked here.
EXTERNAL_REFERENCES = {"iso9001-2000", "bs15000", "itil-v3"}


def test_every_mapping_names_clauses_both_packs_list() -> None:
    packs = shipped_packs()
    wrong = []
    for pack in packs.values():
        numbers = {c.number for c in pack.clauses}
        for mapping in pack.mappings:
            if mapping.target in EXTERNAL_REFERENCES:
                continue
            assert mapping.target in packs, f"{pack.id}: mapping to unknown pack {mapping.target}"
            targets = {c.number for c in packs[mapping.target].clauses}
            for e in mapping.entries:
                if e.source not in numbers:
                    wrong.append(f"{pack.id}: source {e.source} not in {pack.id}")
                if e.target is not None and e.target not in targets:
                    wrong.append(f"{pack.id} -> {mapping.target}: target {e.target} not in {mapping.target}")
    assert wrong == []


def test_iso9001_lists_the_objectives_paragraphs_iso20000_maps_to() -> None:
    p9001 = shipped_packs()["iso9001-2015"]
    for number in ("6.2.1", "6.2.2"):
        clause = p9001.clause(number)
        assert clause is not None and clause.process == "QMS"
    qms = next(p for p in p9001.processes if p.id == "QMS")
    assert {"6.2.1", "6.2.2"} <= set(qms.clauses)


def test_cat_rule_family_does_not_read_like_the_cat_process() -> None:
    """The CAT rules check services/catalogue.yml; the family's name must not be mistaken for the
    process CAT (service catalogue management) of ISO/IEC 20000-1:2018."""
    from trousse.check.rules.registry import FAMILIES, REGISTRY

    process = next(p for p in shipped_packs()["iso20000-1-2018"].processes if p.id == "CAT")
    fr, en = FAMILIES["CAT"]
    assert "catalogue" not in fr.lower() and "catalogue" not in en.lower()
    assert fr != pick(process.name, "fr") and en != pick(process.name, "en")
    rule = REGISTRY["CAT001"]
    assert "catalogue" not in rule.title_in("fr").lower() and "catalogue" not in rule.title_in("en").lower()
    assert "processus CAT" in " ".join(rule.doc_in("fr").split())
    assert "CAT process" in " ".join(rule.doc_in("en").split())


def test_trousse_rules_shows_the_cat_family_by_its_new_name() -> None:
    from conftest import cli

    out = cli("rules", "CAT001", "--lang", "en")
    assert out.returncode == 0
    assert "Family: CAT (Service descriptions by the seven rules)" in out.stdout
    out = cli("rules", "CAT001", "--lang", "fr")
    assert "Famille : CAT (Descriptions de service selon les sept règles)" in out.stdout


def _checklist_rows(text: str) -> list[list[str]]:
    """The question rows of a rendered checklist (number, question, evidence, clause...)."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) == 6 and re.fullmatch(r"\d+", cells[0]):
            rows.append(cells)
    return rows


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_checklists_cite_the_kit_own_clauses_and_artefacts(pack_id: str, lang: str) -> None:
    """Each clause a checklist cites exists in the kit's pack, and each artefact it names as
    evidence is one of the pack's artefact types."""
    pack = shipped_packs()[pack_id]
    numbers = {c.number for c in pack.clauses}
    artefacts = {a.id for a in pack.artefacts}
    files = plan_kit(InitOptions(Path("/tmp/unused"), [pack_id], lang, "Acme", 5, git=False))
    wrong = []
    for name, text in files.items():
        if not name.startswith("checklists/"):
            continue
        for row in _checklist_rows(text):
            wrong += [
                f"{name} #{row[0]}: clause {n}"
                for n in filter(None, row[3].split(", "))
                if n not in numbers | {"démarche", "route"}
            ]
            wrong += [
                f"{name} #{row[0]}: {a}" for a in re.findall(r"`([a-z0-9]+-[a-z0-9-]+)`", row[2]) if a not in artefacts
            ]
    assert wrong == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_iso18295_checklists_fill_their_clause_column(lang: str) -> None:
    files = plan_kit(InitOptions(Path("/tmp/unused"), ["iso18295-1-2017"], lang, "Acme", 5, git=False))
    checklists = {n: t for n, t in files.items() if n.startswith("checklists/")}
    assert len(checklists) >= 10
    empty = [f"{n} #{row[0]}" for n, t in checklists.items() for row in _checklist_rows(t) if not row[3]]
    assert empty == []
    for text in checklists.values():
        if _checklist_rows(text):  # a process checklist: its footer names the kit's standard
            assert "ISO 18295-1:2017" in text.splitlines()[-1]


def test_iso18295_pack_has_a_register_like_the_others() -> None:
    packs = shipped_packs()
    pack = packs["iso18295-1-2017"]
    numbers = {c.number for c in pack.clauses}
    assert pack.documented_information
    assert all(item.clause in numbers for item in pack.documented_information)
    # the same items as the standard it replaced, by id
    assert {i.id for i in pack.documented_information} == {i.id for i in packs["nf-en-15838"].documented_information}


def test_iso18295_clauses_follow_the_public_table_of_contents() -> None:
    """Clause 4 and its first subclauses are cross-checked (no mark); the rest keeps its mark."""
    pack = shipped_packs()["iso18295-1-2017"]
    tops = [c.number for c in pack.clauses if "." not in c.number]
    assert tops == ["4", "5", "6", "7", "8", "9", "A", "B"]
    for c in pack.clauses:
        marked = "(à vérifier)" in pick(c.title, "fr") and "(to be verified)" in pick(c.title, "en")
        assert marked == c.unverified, c.number
        assert c.unverified == (c.number not in {"4", "4.1", "4.2", "4.3"}), c.number


def test_doc007_reports_a_missing_iso18295_register_item(tmp_path: Path) -> None:
    from conftest import check_json, cli

    kit = tmp_path / "kit"
    proc = cli("init", str(kit), "--standard", "iso18295-1-2017", "--lang", "fr", "--org", "Centre Dupuis", "--no-git")
    assert proc.returncode == 0, proc.stderr
    _, fresh = check_json(kit)
    # a required item whose document is a draft is DOC007 at that document; missing ones at trousse.yml
    assert [f for f in fresh["findings"] if f["rule"] == "DOC007" and f["path"] == "trousse.yml"] == []
    (kit / "documents" / "indicator-register.md").unlink()
    _, missing = check_json(kit)
    doc007 = [f for f in missing["findings"] if f["rule"] == "DOC007" and f["path"] == "trousse.yml"]
    assert len(doc007) == 1 and "indicator-register" in doc007[0]["message"], doc007
    config = kit / "trousse.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'not_applicable:\n  indicators: "Nos indicateurs sont dans le contrat."\n',
        encoding="utf-8",
    )
    _, justified = check_json(kit)
    assert [f for f in justified["findings"] if f["rule"] == "DOC007" and f["path"] == "trousse.yml"] == []


# The seed's task table of ITSM-CERT.1.1 (002, Tableau 3), in its order: the ITSMS requirements,
# the process descriptions of ISO/IEC 20000-1:2005 and the service report (REP's description is
# the thirteenth process, named by the seed through its report).
SEED_1_1 = ["sms-requirements", "SLM", "REP", "service-report", "BRM", "SUP", "SEC", "BUD", "CHG", "CFG", "INC", "PRB"]
SEED_1_1 += ["REL", "CAP", "CON"]


def _described(pack_id: str) -> dict[str, str]:
    """Artefact id -> the process it describes, for the pack's process-description artefacts."""
    pack = shipped_packs()[pack_id]
    return {a.id: a.process for a in pack.artefacts if a.kind == "other" and a.id.endswith("-process") and a.process}


def test_the_13_process_descriptions_are_artefacts_of_itsm_cert_1_1_in_the_seed_order() -> None:
    pack = shipped_packs()["iso20000-1-2005"]
    assert pack.route is not None
    task = next(t for t in pack.route.tasks if t.id == "ITSM-CERT.1.1")
    described = _described("iso20000-1-2005")
    seen = [described.get(a, a) for a in task.outputs]
    assert seen[: len(SEED_1_1)] == SEED_1_1
    assert len([a for a in task.outputs if a in described]) == 13
    assert task.inputs == ["standard"]
    three = next(t for t in pack.route.tasks if t.id == "ITSM-CERT.3.1")
    assert "standard" in three.inputs and "certificate" in three.outputs


def test_a_2018_kit_lists_every_operational_process_description_in_itsm_cert_1_1() -> None:
    pack = shipped_packs()["iso20000-1-2018"]
    assert pack.route is not None
    task = next(t for t in pack.route.tasks if t.id == "ITSM-CERT.1.1")
    described = _described("iso20000-1-2018")
    listed = {described[a] for a in task.outputs if a in described}
    system = {"SMS", "AUD", "MRV", "IMP", "ITSM-CERT"}  # the management system's own: sms-requirements
    assert listed == {p.id for p in pack.processes} - system
    assert task.outputs[0] == "sms-requirements" and "service-report" in task.outputs


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack_id", ["iso20000-1-2005", "iso20000-1-2018"])
def test_the_journey_process_shows_the_task_artefacts_from_the_pack(pack_id: str, lang: str) -> None:
    from trousse.yamlio import parse_markdown

    pack = shipped_packs()[pack_id]
    assert pack.route is not None
    files = plan_kit(InitOptions(Path("/tmp/unused"), [pack_id], lang, "Acme", 5, git=False))
    doc = parse_markdown(files["processes/ITSM-CERT.md"])
    tasks = {t["id"]: t for a in doc.data["activities"] for t in a["tasks"]}
    for route_task in pack.route.tasks:
        assert tasks[route_task.id]["inputs"] == route_task.inputs
        assert tasks[route_task.id]["outputs"] == route_task.outputs
    names = {a.id: pick(a.name, lang) for a in pack.artefacts}
    incident = (
        "Description du processus de gestion des incidents (INC)"
        if lang == "fr"
        else "Incident management process description (INC)"
    )
    assert names["incident-management-process"] == incident
    assert f"- {incident} — `incident-management-process`" in doc.body


def test_a_fresh_2005_kit_checks_the_journey_artefacts_and_the_readiness_report_shows_them(tmp_path: Path) -> None:
    from conftest import check_json, cli

    kit = tmp_path / "kit"
    proc = cli("init", str(kit), "--standard", "iso20000-1-2005", "--lang", "fr", "--org", "Dupont & Fils")
    assert proc.returncode == 0, proc.stderr
    _, result = check_json(kit)
    assert [f for f in result["findings"] if f["rule"] == "REF002"] == []
    report = cli("report", "readiness", str(kit), "--format", "md", "--output", "-")
    assert report.returncode in (0, 1), report.stderr
    md = report.stdout.replace("\u202f", " ")  # French typography: narrow no-break spaces
    line = next(x for x in md.splitlines() if x.startswith("Artefacts produits"))
    assert line.startswith(
        "Artefacts produits : Exigences de l'ITSMS (SMS) ; Description du processus de gestion des niveaux"
    )
    assert "Description du processus de gestion des incidents (INC)" in line
    assert "Rapport de service" in line


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_a_clause_is_marked_to_be_verified_in_both_languages_exactly_when_unverified(pack_id: str) -> None:
    for c in shipped_packs()[pack_id].clauses:
        fr, en = pick(c.title, "fr"), pick(c.title, "en")
        assert ("(à vérifier)" in fr) == c.unverified == ("(to be verified)" in en), f"{pack_id}:{c.number}"


def test_nf_en_15838_keeps_every_mark_nothing_could_confirm_its_numbers() -> None:
    """The seed about NF EN 15838 holds no clause number or title (an article on the route): no
    clause can be confirmed from it, so none loses its mark."""
    assert all(c.unverified for c in shipped_packs()["nf-en-15838"].clauses)
