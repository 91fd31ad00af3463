"""The shipped packs hold together and follow their sources (issue 11 and the ISO 18295-1 part of
issue 17): every mapping names clauses its two packs list, the journey's first task lists the
process descriptions as the seed's task table does, the ISO 18295-1 checklists fill their clause
column and its pack has a register of documented information."""

from __future__ import annotations

from trousse.i18n import pick
from trousse.packs import shipped_packs

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
