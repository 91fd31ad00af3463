"""One set of facts per kit (issue 17 part 5): trousse.yml's ``facts:`` are what init writes into
the documents, a malformed fact is a located schema error, and DOC008 reads a real kit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import cli, init_kit

from trousse.check.rules.doc_facts import Unit, figure_clashes, figure_units
from trousse.loader import load_kit
from trousse.models.facts import Delay, Facts


def _init(tmp_path: Path, lang: str, *standards: str) -> Path:
    args = [a for s in standards for a in ("--standard", s)]
    return init_kit(tmp_path / "kit", *args, "--lang", lang, "--org", "Acme")


def _findings(kit: Path, rule: str) -> list[dict[str, object]]:
    r = cli("check", str(kit), "--format", "json")
    return [f for f in json.loads(r.stdout)["findings"] if f["rule"] == rule]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_init_writes_the_facts_into_trousse_yml_and_the_documents(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, lang, "iso20000-1-2018", "nf-en-15838")
    config = load_kit(kit).config
    assert config.facts.complaint_response == Delay(10, "working days")
    assert config.facts.availability == 99.5
    words = {
        "fr": ("10 jours ouvrés", "99,5 %", "**Périmètre :** "),
        "en": ("10 business days", "99.5 %", "**Scope:** "),
    }
    response, availability, scope = words[lang]
    assert response in (kit / "documents/complaint-handling-procedure.md").read_text(encoding="utf-8")
    assert availability in (kit / "documents/sla.md").read_text(encoding="utf-8")
    assert scope + config.scope in (kit / "documents/sms-scope.md").read_text(encoding="utf-8")
    assert _findings(kit, "DOC008") == []  # a fresh kit agrees with its own facts


def test_a_changed_fact_is_reported_in_each_document_that_repeats_it(tmp_path: Path) -> None:
    kit = _init(tmp_path, "fr", "iso20000-1-2018")
    cfg = kit / "trousse.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("availability: 99.5 %", "availability: 99.9 %"), "utf-8")
    paths = sorted(str(f["path"]) for f in _findings(kit, "DOC008"))
    # the continuity plan's row names no availability: it is not read (precision first); the SLA
    # template gives its service levels only in its "Exemple" block, which the rule does not read
    # (the organisation writes its own levels in place of the placeholder); the catalogue's hosting
    # promise repeats the availability (issue 17, third review); the availability process's example
    # target repeats it too (process descriptions are read since issue 17's fourth review)
    assert paths == ["documents/service-management-plan.md", "processes/AVA.md", "services/catalogue.yml"]


def test_a_malformed_fact_makes_trousse_yml_unusable_with_one_located_line(tmp_path: Path) -> None:
    kit = _init(tmp_path, "en", "iso9001-2015")
    cfg = kit / "trousse.yml"
    text = cfg.read_text(encoding="utf-8").replace("complaint_response: 10 working days", "complaint_response: soon")
    cfg.write_text(text, encoding="utf-8")
    r = cli("check", str(kit))
    assert r.returncode == 2  # trousse.yml is unusable: one plain line, where and what to write
    assert "trousse.yml:16:23: facts.complaint_response: 'soon' is not a delay; write" in r.stderr


def test_units_and_figures_keep_their_file_lines() -> None:
    body = "Intro.\n\n1. Répondre à la réclamation\n   sous 15 jours ouvrés.\n| Disponibilité | 99 % |\n"
    got = list(figure_units(body, 10))
    assert got[0] == Unit(
        "1. Répondre à la réclamation sous 15 jours ouvrés.", 12, ((29, 13),)
    )  # "Intro." holds no figure
    facts = Facts(complaint_response="10 working days", availability="99.5 %")
    clashes = [c for u in got for c in figure_clashes(facts, u, "fr")]
    assert clashes == [
        ("complaint_response", "15 jours ouvrés", "10 jours ouvrés", 13),
        ("availability", "99 %", "99,5 %", 14),
    ]


def test_rates_and_figures_of_other_subjects_are_not_delays() -> None:
    facts = Facts(maintenance_notice="5 working days", complaint_response="10 working days")
    for text in (
        "Maintenance annoncée 5 jours ouvrés avant ; service ouvert 7 jours sur 7 et 24 heures sur 24.",
        "Clore l'incident sans réponse sous 3 jours ouvrés.",  # no complaint in sight
    ):
        assert list(figure_clashes(facts, Unit(text, 1), "fr")) == []


def test_an_answer_time_in_an_english_complaint_procedure_is_read() -> None:
    facts = Facts(complaint_acknowledgement="2 working days", complaint_response="10 working days")
    unit = Unit(
        "Acknowledge within 2 business days, stating the expected answer time. Answer within 12 business days.", 5
    )
    assert [c[:3] for c in figure_clashes(facts, unit, "en", "complaint-handling-procedure")] == [
        ("complaint_response", "12 business days", "10 business days")
    ]
