"""A pack's own readiness condition that waits for a record (ISO/IEC 20000's standard:foundation)
is a check finding too (CMP008): on a fresh kit, readiness blocked on it while check said nothing
(issue 14). Both clear once the record is added and committed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import cli, commit_all

from trousse.packs import shipped_pack_ids, shipped_packs


def _verdict(kit: Path) -> dict[str, list[str]]:
    proc = cli("readiness", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return {c["id"]: c["blocking"] for c in json.loads(proc.stdout)["conditions"] if not c["met"]}


def _cmp008(kit: Path) -> list[dict[str, object]]:
    proc = cli("check", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "CMP008"]


@pytest.mark.parametrize("standard", shipped_pack_ids())
def test_every_record_condition_the_verdict_blocks_on_is_a_finding(tmp_path: Path, standard: str) -> None:
    kit = tmp_path / "kit"
    assert cli("init", str(kit), "--standard", standard, "--lang", "en", "--org", "Acme").returncode == 0
    record_conditions = {
        f"standard:{rd.id}" for rd in shipped_packs()[standard].readiness if rd.kind == "record" and rd.artefacts
    }
    blocked = {cid for cid in _verdict(kit) if cid in record_conditions}
    reported = {cid for f in _cmp008(kit) for cid in record_conditions if f"({cid})" in str(f["message"])}
    assert blocked == reported


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fresh_iso20000_kit_foundation_then_recorded(tmp_path: Path, lang: str) -> None:
    kit = tmp_path / "kit"
    assert cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", lang, "--org", "Acme").returncode == 0
    assert _verdict(kit).get("standard:foundation") == ["foundation-certificate"]
    (finding,) = _cmp008(kit)
    assert finding["path"] == "trousse.yml" and finding["severity"] == "warning"
    assert "foundation-certificate" in str(finding["message"])
    assert "trousse new foundation-certificate --commit" in str(finding["message"])

    made = cli("new", "foundation-certificate", "--kit", str(kit), "--no-edit", "--date", "2026-01-10")
    assert made.returncode == 0, made.stderr
    assert _cmp008(kit) == []  # check reads the working tree
    commit_all(kit, "Foundation certificate", date="2026-01-10T10:00:00+00:00")
    assert "standard:foundation" not in _verdict(kit)
