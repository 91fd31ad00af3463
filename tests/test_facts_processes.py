"""One set of facts per kit, in the process descriptions too (issue 17 part 5): the process
templates render the facts, so no fresh kit contradicts its own trousse.yml, and DOC008 reads the
process descriptions (front matter and body) as it reads documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cli, init_kit

PACKS = ["iso9001-2015", "iso20000-1-2018", "nf-en-15838"]


def _init(tmp_path: Path, standard: str, lang: str) -> Path:
    return init_kit(tmp_path / f"{standard}-{lang}", "--standard", standard, "--lang", lang, "--org", "Acme")


def _doc008(kit: Path) -> list[dict[str, object]]:
    r = cli("check", str(kit), "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    return [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "DOC008"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("standard", PACKS)
def test_no_fresh_kit_contradicts_its_facts(tmp_path: Path, standard: str, lang: str) -> None:
    kit = _init(tmp_path, standard, lang)
    assert _doc008(kit) == []
    # the processes repeat the facts trousse.yml declares, rendered, never a hard-coded other value
    config = (kit / "trousse.yml").read_text(encoding="utf-8")
    assert "complaint_response: 10 working days" in config
    texts = "\n".join(p.read_text(encoding="utf-8") for p in sorted((kit / "processes").glob("*.md")))
    for wrong in ("5 jours ouvrés", "5 working days", "4 sur 5", "4 out of 5", "note sur 5", "score out of 5"):
        assert wrong not in texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_9001_complaint_indicator_repeats_the_declared_response_time(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "iso9001-2015", lang)
    cus = (kit / "processes/CUS.md").read_text(encoding="utf-8")
    assert ("sous 10 jours ouvrés" if lang == "fr" else "within 10 business days") in cus


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_process_indicator_with_another_response_time_is_reported(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "iso9001-2015", lang)
    cus = kit / "processes/CUS.md"
    text = cus.read_text(encoding="utf-8")
    old = "sous 10 jours ouvrés" if lang == "fr" else "within 10 business days"
    cus.write_text(text.replace(old, old.replace("10", "5")), encoding="utf-8")
    found = _doc008(kit)
    assert len(found) == 1, found
    f = found[0]
    line = next(i for i, t in enumerate(cus.read_text(encoding="utf-8").split("\n"), 1) if old.replace("10", "5") in t)
    assert (f["path"], f["line"], f["severity"]) == ("processes/CUS.md", line, "warning")
    message = str(f["message"]).replace("\u202f", " ").replace("\u2019", "'")
    if lang == "fr":
        assert "la description du processus CUS écrit « 5 jours ouvrés »" in message
        assert "10 jours ouvrés (facts.complaint_response)" in message
    else:
        assert "the description of process CUS writes '5 business days'" in message
        assert "10 working days (facts.complaint_response)" in message


def test_a_process_body_is_read_too_statements_and_figures(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso20000-1-2018", "en")
    brm = kit / "processes/BRM.md"
    text = brm.read_text(encoding="utf-8")
    text += "\n\nMajor incident: any P1 incident.\n\nWe answer complaints within 15 working days.\n"
    brm.write_text(text, encoding="utf-8")
    found = sorted((str(f["path"]), re.sub(r"\s+", " ", str(f["message"]))) for f in _doc008(kit))
    assert [p for p, _ in found] == ["processes/BRM.md", "processes/BRM.md"]
    assert any("states the major-incident criterion differently" in m for _, m in found)
    assert any("writes '15 working days'" in m for _, m in found)


def test_an_obsolete_process_is_not_read(tmp_path: Path) -> None:
    kit = _init(tmp_path, "iso9001-2015", "en")
    cus = kit / "processes/CUS.md"
    text = cus.read_text(encoding="utf-8").replace("within 10 business days", "within 5 business days")
    cus.write_text(text.replace('version: "0.1"\n', 'version: "0.1"\nstatus: obsolete\n', 1), encoding="utf-8")
    assert _doc008(kit) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("standard", ["iso20000-1-2018", "iso20000-1-2005"])
def test_one_incident_resolution_target_everywhere(tmp_path: Path, standard: str, lang: str) -> None:
    """The INC process, the service management plan and the indicator register agree on the share
    of incidents to resolve within the SLA time (the process said 95 %, the others 90 %)."""
    kit = _init(tmp_path, standard, lang)
    inc = (kit / "processes/INC.md").read_text(encoding="utf-8")
    line = next(t for t in inc.split("\n") if "P1" in t and "P2" in t and re.search(r"(cible|target) \d", t))
    targets = {re.findall(r"(\d+) ?%", line)[-1]}
    plan = (kit / "documents/service-management-plan.md").read_text(encoding="utf-8")
    word = "incidents résolus" if lang == "fr" else "incidents resolved"
    in_plan = {re.findall(r"(\d+) ?%", t)[-1] for t in plan.split("\n") if word in t and "%" in t}
    assert in_plan
    targets |= in_plan
    register = (kit / "documents/indicator-register.md").read_text(encoding="utf-8")
    name = "Incidents résolus dans le délai" if lang == "fr" else "Incidents resolved on time"
    in_register = {re.findall(r"(\d+) ?%", t.split("|")[4])[-1] for t in register.split("\n") if f"| {name} |" in t}
    assert in_register
    targets |= in_register
    assert targets == {"90"}
