"""Signed records stay signed (issue 10.4): a change to a signed audit, record or approved action
after its signature is an integrity error naming the commit, its author and the fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write_files
from test_evidence_support import EV_PACK, EvKit, check_findings, evidence_json, run_cli

AS_OF = "2026-11-23"

SIGNED_PACK = EV_PACK + (
    "  - id: nonconformity\n"
    "    kind: record\n"
    "    name: Nonconformity\n"
    "    process: INC\n"
    "    cadence: event\n"
    "    fields:\n"
    "      - {id: severity, type: choice, choices: [major, minor]}\n"
    "      - {id: statement, type: text}\n"
    "      - {id: correction, type: text}\n"
    "      - {id: signed_on, type: date}\n"
    "    signature: {field: signed_on, follow_up: [correction]}\n"
)

AUDIT = """\
id: AUD-1
kind: internal
date: 2026-09-10
auditors: [{name: Luc Roy}]
scope: [INC]
conclusion: The system works.
findings:
  - id: AUD-1-F1
    kind: KIND
    process: INC
    statement: Two incidents were closed without a resolution.
SIGNED"""


def audit(kind: str = "major-nc", signed: str = "2026-09-12") -> str:
    return AUDIT.replace("KIND", kind).replace(
        "SIGNED", f"signed_by: Paul Roy\nsigned_on: {signed}\n" if signed else ""
    )


def signed_kit(root: Path) -> EvKit:
    kit = EvKit(root)
    write_files(kit.root, {"standards/test-pack.yml": SIGNED_PACK, "audits/AUD-1.yml": audit(signed="")})
    kit.commit("2026-09-10T10:00:00+02:00", "audit held")
    write_files(kit.root, {"audits/AUD-1.yml": audit()})
    kit.commit("2026-09-12T10:00:00+02:00", "audit signed")
    return kit


def integrity(capsys: pytest.CaptureFixture[str], kit: EvKit, *extra: str) -> list[dict[str, object]]:
    return list(evidence_json(capsys, kit, "--as-of", AS_OF, *extra)[1]["integrity"])


def test_signed_audit_edited_later_names_the_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = signed_kit(tmp_path)
    assert integrity(capsys, kit) == []  # changed before its signature: nothing to say
    write_files(kit.root, {"audits/AUD-1.yml": audit("minor-nc")})  # a major NC quietly downgraded
    kit.git("-c", "user.name=Eve Martin", "commit", "-qam", "tidy", when="2026-10-02T18:00:00+02:00")
    bad = kit.git("rev-parse", "HEAD").strip()
    assert integrity(capsys, kit) == [
        {
            "path": "audits/AUD-1.yml",
            "id": "AUD-1",
            "commit": bad,
            "author": "Eve Martin",
            "date": "2026-10-02",
            "fields": ["findings.AUD-1-F1.kind"],
            "signed_on": "2026-09-12",
            "signed_commit": kit.git("rev-parse", "HEAD~1").strip(),
        }
    ]
    found = [f for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD009"]
    assert len(found) == 1 and found[0]["severity"] == "error" and found[0]["path"] == "audits/AUD-1.yml"
    assert found[0]["message"] == (
        f"AUD-1 was changed after its signature of 2026-09-12: commit {bad[:10]} on 2026-10-02 by Eve Martin, "
        f"fields findings.AUD-1-F1.kind; a signed record no longer changes: undo the change (git revert {bad[:10]}) "
        "or have it signed again with a later date"
    )
    code, out, err = run_cli(capsys, "check", str(kit.root), "--as-of", AS_OF)
    assert code == 1
    # As it stood before the edit, nothing was wrong.
    _, data = evidence_json(capsys, kit, "--as-of", "2026-10-01")
    assert data["integrity"] == []
    # The audit report says so.
    code, out, err = run_cli(capsys, "report", "audit", str(kit.root), "--audit", "AUD-1", "--format", "md", "-o", "-")
    assert code == 0, err
    # the date is written in words in report prose (2 October 2026); the commit and author as they are
    assert "altered after signature" in out and f"commit {bad[:10]}" in out and "Eve Martin" in out


def test_signed_again_with_a_later_date_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = signed_kit(tmp_path)
    write_files(kit.root, {"audits/AUD-1.yml": audit("minor-nc", signed="2026-10-05")})
    kit.commit("2026-10-05T10:00:00+02:00", "reviewed with the auditor and signed again")
    assert integrity(capsys, kit) == []
    assert [f for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD009"] == []
    # ...but a change after the new signature is reported again
    write_files(kit.root, {"audits/AUD-1.yml": audit("observation", signed="2026-10-05")})
    kit.commit("2026-10-20T10:00:00+02:00")
    assert [a["fields"] for a in integrity(capsys, kit)] == [["findings.AUD-1-F1.kind"]]


def test_an_edit_undone_leaves_nothing_to_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = signed_kit(tmp_path)
    write_files(kit.root, {"audits/AUD-1.yml": audit("minor-nc")})
    kit.commit("2026-10-02T10:00:00+02:00")
    kit.git("revert", "--no-edit", "HEAD", when="2026-10-03T10:00:00+02:00")
    assert integrity(capsys, kit) == []


def test_approved_action_follow_up_fields_stay_free(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = signed_kit(tmp_path)
    action = (
        "id: ACT-1\nkind: corrective\nfinding: AUD-1-F1\ntitle: Close incidents with a resolution\nowner: RGS\n"
        "due: 2026-11-30\napproved_by: Paul Roy\napproved_on: 2026-09-20\nstatus: STATUS\n"
    )
    write_files(kit.root, {"actions/ACT-1.yml": action.replace("STATUS", "open")})
    kit.commit("2026-09-20T10:00:00+02:00", "plan approved")
    done = (
        action.replace("STATUS", "done") + "done_on: 2026-10-15\neffectiveness: No incident closed without one since.\n"
    )
    write_files(kit.root, {"actions/ACT-1.yml": done})
    kit.commit("2026-10-15T10:00:00+02:00", "done")
    assert integrity(capsys, kit) == []
    write_files(kit.root, {"actions/ACT-1.yml": done.replace("due: 2026-11-30", "due: 2027-01-31")})
    kit.commit("2026-10-20T10:00:00+02:00", "more time")
    assert [(a["id"], a["fields"]) for a in integrity(capsys, kit)] == [("ACT-1", ["due"])]
    code, out, err = run_cli(capsys, "report", "action-plan", str(kit.root), "--format", "md", "-o", "-")
    assert code == 0, err
    assert "altered after signature" in out and "(fields due)" in out


def test_signed_record_type_from_the_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = signed_kit(tmp_path)
    nc = (
        "id: NC-1\nartefact: nonconformity\ndate: 2026-09-15\ntitle: Incidents closed without resolution\n"
        "severity: major\nstatement: Two incidents.\nsigned_on: 2026-09-15\n"
    )
    kit.record("nc/NC-1.yml", "NC-1", "2026-09-15")
    write_files(kit.root, {"records/nc/NC-1.yml": nc})
    kit.commit("2026-09-15T10:00:00+02:00")
    write_files(kit.root, {"records/nc/NC-1.yml": nc + "correction: Both reopened and resolved.\n"})
    kit.commit("2026-09-20T10:00:00+02:00", "correction: a follow-up field")
    assert integrity(capsys, kit) == []
    write_files(kit.root, {"records/nc/NC-1.yml": nc.replace("major", "minor") + "correction: Both reopened.\n"})
    kit.commit("2026-09-25T10:00:00+02:00", "downgrade")
    assert [(a["path"], a["fields"]) for a in integrity(capsys, kit)] == [("records/nc/NC-1.yml", ["severity"])]
    # An unsigned record of the same type may change freely; so may a record of an unsigned type.
    kit.record("inc/INC-1.yml", "INC-1", "2026-09-26")
    kit.commit("2026-09-26T10:00:00+02:00")
    write_files(
        kit.root, {"records/inc/INC-1.yml": "id: INC-1\nartefact: incident-record\ndate: 2026-09-26\ntitle: X\n"}
    )
    kit.commit("2026-09-27T10:00:00+02:00")
    assert len(integrity(capsys, kit)) == 1
    json.dumps(integrity(capsys, kit))
