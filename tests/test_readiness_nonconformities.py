"""The readiness verdict reads nonconformities as ``check`` does (kit-format.md, "Readiness" and
"Nonconformities"): one action-plan delay (the standards', the kit's when shorter, else one month)
and every open major nonconformity, whatever its source. Real kits, real git, chosen dates."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli
from test_readiness import AS_OF, CONFIG, LATER_REVIEW, MINOR, PACK, Kit, _action, cond, ready_kit, unmet, verdict

NC_TYPE = """\
  - id: nonconformity
    kind: record
    name: Nonconformity
    process: INC
    cadence: event
    fields:
      - {id: source, type: choice, choices: [internal-audit, customer, incident, self-detected, other]}
      - {id: severity, type: choice, choices: [major, minor]}
      - {id: statement, type: text}
      - {id: actions, type: list, of: text}
      - {id: effectiveness_result, type: choice, choices: [effective, not-effective]}
      - {id: effectiveness_checked_on, type: date}
      - {id: status, type: choice, choices: [open, closed]}
      - {id: closed_on, type: date}
"""

# A pack like ISO/IEC 20000-1 and ISO 9001: no action-plan delay of its own.
NO_DELAY_PACK = PACK.replace("  certification: {action_plan_within: 1 month}\n", "")
NC_PACK = PACK.replace("readiness:\n", NC_TYPE + "readiness:\n")


def _kit(root: Path, pack: str = PACK, config: str = CONFIG) -> Kit:
    kit = ready_kit(root)
    kit.write({"standards/test-pack.yml": pack, "trousse.yml": config, "records/mrv/MR-2.yml": LATER_REVIEW})
    return kit


def _act001(root: Path) -> list[dict[str, object]]:
    proc = cli("check", str(root), "--format", "json", "--as-of", AS_OF, "--lang", "en")
    return [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "ACT001"]


# ---------------------------------------------------------------- 1. one delay
def test_a_pack_without_a_delay_gets_act001s_month(tmp_path: Path) -> None:
    """ISO 20000-like pack: the plan is due one month after the audit's signature (2026-10-21),
    as ACT001 counts it; approved on 2026-11-22 it is late (it used to have no deadline at all)."""
    kit = _kit(tmp_path, NO_DELAY_PACK)
    late = _action("AUD-2026-02-F1", "2027-01-15", approved_by="D", approved_on="2026-11-22")
    kit.write({"audits/AUD-2026-02.yml": MINOR, "actions/ACT-1.yml": late}).commit("2026-11-22")
    code, data = verdict(kit.root)
    plans = cond(data, "action-plans")
    assert code == 1 and unmet(data) == ["action-plans"], unmet(data)
    assert plans["blocking"] == ["AUD-2026-02-F1"]
    assert "after the deadline of 2026-11-21" in plans["detail"], plans["detail"]
    # silent: approved within the month
    kit = _kit(tmp_path / "on-time", NO_DELAY_PACK)
    on_time = late.replace("2026-11-22", "2026-11-20")
    kit.write({"audits/AUD-2026-02.yml": MINOR, "actions/ACT-1.yml": on_time}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 0 and cond(data, "action-plans")["met_on"] == "2026-11-20", unmet(data)


def test_the_kits_shorter_delay_counts_for_the_verdict_as_for_act001(tmp_path: Path) -> None:
    """``nonconformities: {action_plan_within: 15 days}`` in trousse.yml: the plan is due on
    2026-11-05 for the verdict too (it used to keep the pack's month)."""
    config = CONFIG + "nonconformities: {action_plan_within: 15 days}\n"
    kit = _kit(tmp_path, PACK, config)
    late = _action("AUD-2026-02-F1", "2027-01-15", approved_by="D", approved_on="2026-11-10")
    kit.write({"audits/AUD-2026-02.yml": MINOR, "actions/ACT-1.yml": late}).commit("2026-11-21")
    code, data = verdict(kit.root)
    plans = cond(data, "action-plans")
    assert code == 1 and plans["blocking"] == ["AUD-2026-02-F1"]
    assert "after the deadline of 2026-11-05" in plans["detail"], plans["detail"]
    # no plan at all: the verdict and ACT001 give the same deadline
    kit = _kit(tmp_path / "none", PACK, config)
    kit.write({"audits/AUD-2026-02.yml": MINOR}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert "to approve by 2026-11-05" in cond(data, "action-plans")["detail"]
    [finding] = _act001(kit.root)
    assert "2026-11-05" in str(finding["message"]), finding
    # silent: approved within the 15 days
    kit = _kit(tmp_path / "on-time", PACK, config)
    kit.write({"audits/AUD-2026-02.yml": MINOR, "actions/ACT-1.yml": late.replace("2026-11-10", "2026-11-04")})
    kit.commit("2026-11-21")
    assert verdict(kit.root)[0] == 0


# ---------------------------------------------------------------- 2. every open major nonconformity
COMPLAINT = """\
id: NC-2026-001
artefact: nonconformity
date: 2026-11-02
title: A customer's data restored from the wrong day
source: customer
severity: SEVERITY
statement: The restore used last week's backup.
status: open
"""

FIX = """\
id: ACT-2
kind: corrective
nonconformity: NC-2026-001
title: Check the backup date before every restore
owner: RGS
due: 2026-11-15
status: verified
done_on: 2026-11-10
verified_on: 2026-11-12
approved_by: D
approved_on: 2026-11-05
"""


def test_an_open_major_nonconformity_record_blocks_whatever_its_source(tmp_path: Path) -> None:
    kit = _kit(tmp_path, NC_PACK)
    kit.write({"records/nc/NC-2026-001.yml": COMPLAINT.replace("SEVERITY", "major")}).commit("2026-11-21")
    code, data = verdict(kit.root)
    major = cond(data, "major-nc")
    assert code == 1 and "major-nc" in unmet(data), unmet(data)
    assert major["blocking"] == ["NC-2026-001"] and "NC-2026-001" in major["detail"]
    assert "NC-2026-001" not in cond(data, "action-plans")["blocking"]  # a major one is major-nc's
    # silent: closed, its action verified and effective
    closed = COMPLAINT.replace("SEVERITY", "major").replace("status: open\n", "")
    closed += "status: closed\nclosed_on: 2026-11-18\neffectiveness_result: effective\n"
    closed += "effectiveness_checked_on: 2026-11-18\n"
    kit = _kit(tmp_path / "closed", NC_PACK)
    kit.write({"records/nc/NC-2026-001.yml": closed, "actions/ACT-2.yml": FIX}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 0, unmet(data)
    assert cond(data, "major-nc")["met_on"] == "2026-11-18"
    # closed with a result "not-effective": still open, as ACT005 says
    kit.write({"records/nc/NC-2026-001.yml": closed.replace(": effective", ": not-effective")})
    kit.commit("2026-11-22")
    assert cond(verdict(kit.root)[1], "major-nc")["blocking"] == ["NC-2026-001"]


def test_an_open_minor_nonconformity_record_needs_its_action_plan(tmp_path: Path) -> None:
    """A minor record from a complaint (2026-11-02) is a nonconformity as an audit finding is: its
    plan is to be approved by 2026-12-02 (the pack's month); without one, action-plans blocks on it."""
    kit = _kit(tmp_path, NC_PACK)
    kit.write({"records/nc/NC-2026-001.yml": COMPLAINT.replace("SEVERITY", "minor")}).commit("2026-11-21")
    code, data = verdict(kit.root)
    plans = cond(data, "action-plans")
    assert code == 1 and unmet(data) == ["action-plans"], unmet(data)
    assert plans["blocking"] == ["NC-2026-001"]
    assert plans["detail"] == "NC-2026-001: no approved action plan (to approve by 2026-12-02)"
    assert cond(data, "major-nc")["met"] is True
    # silent: its corrective action approved on 2026-11-05
    kit.write(
        {"actions/ACT-2.yml": FIX.replace("status: verified", "status: open").replace("2026-11-15", "2026-12-15")}
    ).commit("2026-11-22")
    code, data = verdict(kit.root)
    assert code == 0 and cond(data, "action-plans")["met_on"] == "2026-11-05", unmet(data)
