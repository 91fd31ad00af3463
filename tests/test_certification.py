"""The certification cycle, checked (issue 10.3): CRT rules from the certificate record or
trousse.yml and the external audits on record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import write_files
from test_evidence_support import EV_PACK, EvKit, evidence_json, run_cli

CERT_PACK = EV_PACK + (
    "  - id: certificate\n"
    "    kind: record\n"
    "    name: Certificate\n"
    "    cadence: event\n"
    "    fields:\n"
    "      - {id: body, type: text, required: true}\n"
    "      - {id: certificate_number, type: text, required: true}\n"
    "      - {id: decided_on, type: date}\n"
    "      - {id: certified_on, type: date, required: true}\n"
    "      - {id: expires_on, type: date, required: true}\n"
)


def certificate(decided: str = "2026-03-01", expires: str = "2029-02-28") -> str:
    return (
        f"id: CERT-1\nartefact: certificate\ndate: {decided}\ntitle: Certificate\nbody: Body X\n"
        f"certificate_number: X-123\ndecided_on: {decided}\ncertified_on: {decided}\nexpires_on: {expires}\n"
    )


def external(aid: str, kind: str, day: str) -> str:
    return f"id: {aid}\nkind: {kind}\ndate: {day}\nbody: Body X\nscope: [INC]\n"


def certified_kit(root: Path, *audits: tuple[str, str, str], **cert: str) -> EvKit:
    kit = EvKit(root)
    files = {"standards/test-pack.yml": CERT_PACK, "records/cert/CERT-1.yml": certificate(**cert)}
    for aid, kind, day in audits:
        files[f"audits/{aid}.yml"] = external(aid, kind, day)
    write_files(kit.root, files)
    kit.commit("2026-03-01T10:00:00+01:00")
    return kit


def crt(capsys: pytest.CaptureFixture[str], kit: EvKit, as_of: str) -> list[dict[str, Any]]:
    code, out, err = run_cli(capsys, "check", str(kit.root), "--format", "json", "--as-of", as_of)
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["rule"].startswith("CRT")]


def test_overdue_surveillance_audit_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = certified_kit(tmp_path)
    found = crt(capsys, kit, "2027-03-05")
    assert [(f["rule"], f["severity"]) for f in found] == [("CRT002", "error")]
    assert found[0]["path"] == "records/cert/CERT-1.yml"
    assert found[0]["message"] == (
        "no surveillance audit since 2026-03-01: one was due by 2027-03-01; book it now with the "
        "certification body and record it under audits/"
    )
    code, _, _ = run_cli(capsys, "check", str(kit.root), "--as-of", "2027-03-05")
    assert code == 1
    _, data = evidence_json(capsys, kit, "--as-of", "2027-03-05")
    assert data["certification"]["certificate"] == "CERT-1"
    assert data["certification"]["valid_until"] == "2029-02-28"
    assert data["certification"]["next_surveillance_due"] == "2027-03-01"
    assert data["certification"]["problems"][0]["code"] == "surveillance-overdue"


def test_surveillance_on_time_then_the_next_one_is_due_a_year_later(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = certified_kit(tmp_path, ("SURV-1", "surveillance", "2027-02-10"))
    assert crt(capsys, kit, "2027-03-05") == []
    _, data = evidence_json(capsys, kit, "--as-of", "2027-03-05")
    assert data["certification"]["next_surveillance_due"] == "2028-02-10"
    assert data["certification"]["surveillance_audits"] == ["SURV-1"]
    _, out, _ = run_cli(capsys, "evidence", str(kit.root), "--as-of", "2027-03-05")
    assert "Certified until 2029-02-28; next surveillance audit due by 2028-02-10." in out
    # 60 days ahead: a warning; a kit may say how far ahead
    found = crt(capsys, kit, "2027-12-20")
    assert [(f["rule"], f["severity"]) for f in found] == [("CRT003", "warning")]
    assert "due by 2028-02-10" in found[0]["message"]
    (kit.root / "trousse.yml").write_text(
        (kit.root / "trousse.yml").read_text(encoding="utf-8") + "certification: {warn_days: 30}\n", encoding="utf-8"
    )
    kit.commit("2027-12-01T10:00:00+00:00")  # --as-of reads the kit as committed on that day
    assert crt(capsys, kit, "2027-12-20") == []


def test_surveillance_held_late_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = certified_kit(tmp_path, ("SURV-1", "surveillance", "2027-04-15"))
    found = crt(capsys, kit, "2027-05-01")
    assert [(f["rule"], f["path"]) for f in found] == [("CRT002", "audits/SURV-1.yml")]
    assert "after its deadline of 2027-03-01 (at most 12 months" in found[0]["message"]


def test_certificate_valid_more_than_three_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = certified_kit(tmp_path, expires="2029-06-30")
    found = crt(capsys, kit, "2026-04-01")
    assert [(f["rule"], f["line"]) for f in found] == [("CRT001", 9)]  # at expires_on
    assert "more than 3 years after the certification decision of 2026-03-01" in found[0]["message"]
    kit = certified_kit(tmp_path / "ok", expires="2029-03-01")  # three years to the day
    assert crt(capsys, kit, "2026-04-01") == []


def test_recertification_before_expiry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    surv = (("SURV-1", "surveillance", "2027-02-10"), ("SURV-2", "surveillance", "2028-02-01"))
    kit = certified_kit(tmp_path, *surv)
    # Third year: no surveillance due any more (the next one would fall after the expiry), renewal is.
    _, data = evidence_json(capsys, kit, "--as-of", "2028-06-01")
    assert data["certification"]["next_surveillance_due"] is None
    assert crt(capsys, kit, "2028-06-01") == []
    assert [f["rule"] for f in crt(capsys, kit, "2029-01-15")] == ["CRT005"]
    found = crt(capsys, kit, "2029-03-10")
    assert [(f["rule"], f["severity"]) for f in found] == [("CRT004", "error")]
    assert "expired on 2029-02-28 with no recertification audit" in found[0]["message"]
    kit = certified_kit(tmp_path / "renewed", *surv, ("RECERT-1", "recertification", "2029-01-20"))
    assert crt(capsys, kit, "2029-03-10") == []


def test_certification_from_trousse_yml_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    (kit.root / "trousse.yml").write_text(
        (kit.root / "trousse.yml").read_text(encoding="utf-8")
        + "certification: {body: Body X, certified_on: 2026-03-01, expires_on: 2029-02-28}\n",
        encoding="utf-8",
    )
    kit.commit("2026-03-01T10:00:00+01:00")
    found = crt(capsys, kit, "2027-06-01")
    assert [(f["rule"], f["path"]) for f in found] == [("CRT002", "trousse.yml")]
    _, data = evidence_json(capsys, kit, "--as-of", "2027-06-01")
    assert (data["certification"]["certificate"], data["certification"]["source"]) == (None, "trousse.yml")


def test_not_certified_no_crt_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.commit("2026-03-01T10:00:00+01:00")
    assert crt(capsys, kit, "2027-06-01") == []
    code, out, _ = run_cli(capsys, "rules", "CRT")
    assert code == 0 and all(f"CRT00{n}" in out for n in range(1, 6))
