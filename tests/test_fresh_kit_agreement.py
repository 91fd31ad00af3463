"""On a fresh kit of every shipped standard, in both languages, the readiness verdict and check
name the same gaps: each thing the verdict blocks on (setup, history, documents) is a finding of
check, so a user never reads a reason in one that the other never mentions (a 9001 kit once had
its verdict blocked on a service catalogue and an SLA that check never spoke of)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cli

from trousse.packs import shipped_pack_ids


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("standard", shipped_pack_ids())
def test_the_verdict_blocks_only_on_what_check_reports(tmp_path: Path, standard: str, lang: str) -> None:
    kit = tmp_path / "kit"
    made = cli("init", str(kit), "--standard", standard, "--lang", lang, "--org", "Acme")
    assert made.returncode == 0, made.stderr
    verdict = cli("readiness", str(kit), "--format", "json")
    assert verdict.returncode == 1, verdict.stderr
    blocking = {c["id"]: set(c["blocking"]) for c in json.loads(verdict.stdout)["conditions"] if not c["met"]}
    checked = cli("check", str(kit), "--format", "json")
    findings = json.loads(checked.stdout)["findings"]

    def by(rule: str) -> list[dict[str, object]]:
        return [f for f in findings if f["rule"] == rule]

    # setup: init's placeholder scope is CMP007; the roles without a holder are CMP002's, both ways.
    setup = blocking.get("setup", set())
    assert ("trousse.yml" in setup) == bool(by("CMP007")), (setup, by("CMP007"))
    roles = {m.group(1) for f in by("CMP002") if (m := re.search(r"\b([A-Z][A-Z0-9-]*),", str(f["message"])))}
    examples = {str(f["path"]) for f in by("DOC009")}  # init's example services and customers
    assert setup & {"services/catalogue.yml", "organisation/customers.yml"} == examples, (setup, examples)
    assert setup - {"trousse.yml"} - examples == roles, (setup, roles)
    # documents: each one the verdict names is a CMP003 finding on that file, or a DOC007 one (a
    # required register item answered only by a draft).
    cmp003 = {f["path"] for f in by("CMP003")} | {f["path"] for f in by("DOC007")}
    assert blocking.get("documents", set()) <= cmp003, (blocking.get("documents"), cmp003)
    # history: each process without enough history has its EVD002 finding.
    evd002 = {str(f["path"]).removeprefix("processes/").removesuffix(".md") for f in by("EVD002")}
    assert blocking.get("history", set()) <= evd002, (blocking.get("history"), evd002)
    assert "setup" in blocking and "history" in blocking  # the fresh kit is not ready: the test compares something
