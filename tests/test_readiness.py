"""The readiness verdict (kit-format.md, "Readiness"): every condition, its date and its projection,
the booking date, the CLI gate, on kits committed at known dates in real git repositories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CATALOGUE, PROCESS, ROLES, cli, git, write_files

AS_OF = "2026-11-23"

PACK = """\
id: test-pack
title: {fr: Norme d'essai, en: Test standard}
edition: "2026"
short: TEST
defaults:
  evidence: {minimum_history: 3 months, backdating_tolerance: 7 days}
  certification: {action_plan_within: 1 month}
clauses:
  - {number: "8.6.1", title: {fr: Incidents, en: Incidents}, records: [incident-record]}
processes:
  - {id: INC, name: {fr: Gestion des incidents, en: Incident management}, clauses: ["8.6.1"]}
roles:
  - {id: RGS, name: {fr: Responsable, en: Lead}}
  - {id: D, name: {fr: Direction, en: Director}}
  - {id: OCA, name: {fr: Organisme certificateur, en: Certification body}, external: true}
artefacts:
  - {id: sms-policy, kind: document, name: Policy, required: true}
  - {id: incident-record, kind: record, name: Incident, process: INC, cadence: event}
  - id: management-review-record
    kind: record
    name: Management review
    process: MRV
    cadence: event
    fields: [{id: next_review, type: date}]
  - {id: foundation-certificate, kind: record, name: Foundation certificate, process: MRV, cadence: event}
readiness:
  - id: foundation
    kind: record
    artefacts: [foundation-certificate]
    name: {fr: Une ressource certifiée Foundation, en: A Foundation-certified resource}
    hint: {fr: faites certifier une personne, en: have a person certified}
"""

CONFIG = """\
trousse: 1
organisation: {name: Services Acme, people: 12}
language: en
standards: [test-pack]
scope: Hosting and support for small businesses in Blois.
"""

POLICY = """\
---
id: POL-001
title: Service management policy
artefact: sms-policy
version: "1.0"
status: approved
owner: RGS
approved_by: D
approved_on: APPROVED
review_every: 12 months
---
Our own policy text.
"""

AUDIT = """\
id: AUD-2026-01
kind: internal
date: 2026-09-10
auditors: [{name: Paul Roy, role: D}]
scope: [INC]
signed_by: Paul Roy
signed_on: 2026-09-11
findings: []
"""

REVIEW = """\
id: MR-1
artefact: management-review-record
date: 2026-10-05
title: Management review
next_review: 2026-12-01
"""

LATER_REVIEW = REVIEW.replace("MR-1", "MR-2").replace("2026-10-05", "2026-11-21")

CERTIFICATE = """\
id: CFN-1
artefact: foundation-certificate
date: 2026-04-02
title: Foundation certificate of Paul Roy
"""


class Kit:
    """A kit of the test pack in a real git repository; every commit at a chosen date."""

    def __init__(self, root: Path, policy_approved: str = "2026-01-05") -> None:
        self.root = root
        git_dir = root / ".git"
        write_files(
            root,
            {
                "trousse.yml": CONFIG,
                "standards/test-pack.yml": PACK,
                "organisation/roles.yml": ROLES,
                "processes/INC.md": PROCESS,
                "documents/POL-001.md": POLICY.replace("APPROVED", policy_approved),
                "services/catalogue.yml": CATALOGUE,
            },
        )
        if not git_dir.exists():
            git(root, "init", "-q")

    def write(self, files: dict[str, str]) -> Kit:
        """Write ``files`` (kit-relative path -> text)."""
        write_files(self.root, files)
        return self

    def commit(self, day: str, hour: str = "10:00:00") -> Kit:
        """Commit everything on ``day`` (YYYY-MM-DD) at ``hour`` UTC."""
        git(self.root, "add", "--all")
        git(self.root, "commit", "-q", "--allow-empty", "-m", f"on {day}", date=f"{day}T{hour}+00:00")
        return self

    def incidents(self, first: str, last: str) -> Kit:
        """An incident record committed on the 1st and 15th of each month from ``first`` to ``last``."""
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last[:7]:
            for d in (1, 15):
                day = f"{y:04d}-{m:02d}-{d:02d}"
                if first <= day <= last:
                    self.write({f"records/inc/INC-{day}.yml": _incident(day)}).commit(day)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return self


def _incident(day: str) -> str:
    return f"id: INC-{day}\nartefact: incident-record\ndate: {day}\ntitle: Incident of {day}\n"


def ready_kit(root: Path) -> Kit:
    """Incidents twice a month since January, a Foundation certificate in April, an internal audit
    in September covering INC, a management review in October: ready on 5 October 2026."""
    kit = Kit(root).commit("2026-01-01")
    kit.incidents("2026-01-01", "2026-03-31")
    kit.write({"records/cert/CFN-1.yml": CERTIFICATE}).commit("2026-04-02")
    kit.incidents("2026-04-03", "2026-09-09")
    kit.write({"audits/AUD-2026-01.yml": AUDIT}).commit("2026-09-11")
    kit.incidents("2026-09-12", "2026-10-04")
    kit.write({"records/mrv/MR-1.yml": REVIEW}).commit("2026-10-05")
    kit.incidents("2026-10-06", "2026-11-20")
    return kit


def verdict(root: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """``trousse readiness --format json`` on ``root``: (exit code, JSON). ``--as-of`` reads the kit as
    committed that day, so what a test wrote since its last commit is committed first, on that day."""
    if git(root, "status", "--porcelain").strip():
        git(root, "add", "--all")
        git(root, "commit", "-q", "-m", "test changes", date=f"{AS_OF}T12:00:00+00:00")
    proc = cli("readiness", str(root), "--format", "json", "--as-of", AS_OF, *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def cond(data: dict[str, Any], cid: str) -> dict[str, Any]:
    """One condition of the JSON verdict."""
    return next(c for c in data["conditions"] if c["id"] == cid)


def unmet(data: dict[str, Any]) -> list[str]:
    """The ids of the unmet conditions."""
    return [c["id"] for c in data["conditions"] if not c["met"]]


# ---------------------------------------------------------------- a ready kit
def test_ready_kit_json_is_the_contract(tmp_path: Path) -> None:
    code, data = verdict(ready_kit(tmp_path).root)
    assert code == 0, unmet(data)
    assert list(data)[:7] == [
        "as_of",
        "commit",
        "ready",
        "ready_on",
        "earliest_booking",
        "conditions",
        "certification",
    ]
    assert list(data["conditions"][0])[:6] == ["id", "met", "met_on", "projected_on", "blocking", "detail"]
    assert [c["id"] for c in data["conditions"]] == [
        "setup",
        "history",
        "major-nc",
        "action-plans",
        "overdue-actions",
        "internal-audit",
        "management-review",
        "documents",
        "integrity",
        "standard:foundation",
    ]
    assert data["ready"] is True and data["earliest_booking"] == AS_OF
    # the latest condition date: the management review after the audit
    assert data["ready_on"] == "2026-10-05"
    assert cond(data, "history")["met_on"] == "2026-04-01"
    assert cond(data, "internal-audit")["met_on"] == "2026-09-11"
    assert cond(data, "management-review")["met_on"] == "2026-10-05"
    assert cond(data, "documents")["met_on"] == "2026-01-05"
    assert cond(data, "standard:foundation")["met_on"] == "2026-04-02"
    assert data["management_review"] == {"id": "MR-1", "date": "2026-10-05"}
    assert data["certification"] is None and data["next_steps"] == []


def test_text_output_and_exit_code(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    proc = cli("readiness", str(kit.root), "--as-of", AS_OF)
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[1] == "Ready since 2026-10-05: the certification audit can be booked."
    assert "  ✓ management-review  " in proc.stdout
    proc = cli("readiness", str(kit.root), "--as-of", AS_OF, "--lang", "fr")
    assert "Prête depuis le 2026-10-05 : l'audit de certification peut être réservé." in proc.stdout


def test_check_json_summary_and_evidence_exit_code(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    proc = cli("check", str(kit.root), "--format", "json", "--as-of", AS_OF)
    summary = json.loads(proc.stdout)["summary"]
    assert (summary["ready"], summary["ready_on"], summary["earliest_booking"]) == (True, "2026-10-05", AS_OF)
    (kit.root / "records" / "mrv" / "MR-1.yml").unlink()
    kit.commit("2026-11-21")
    proc = cli("evidence", str(kit.root), "--as-of", AS_OF)
    assert proc.returncode == 0  # evidence judges the history alone
    assert "the certification verdict: not ready (management-review)" in proc.stdout
    assert cli("readiness", str(kit.root), "--as-of", AS_OF).returncode == 1
    summary = json.loads(cli("check", str(kit.root), "--format", "json", "--as-of", AS_OF).stdout)["summary"]
    assert summary["ready"] is False


# ---------------------------------------------------------------- each condition
MAJOR = """\
id: AUD-2026-02
kind: mock
date: 2026-10-20
auditors: [{name: Paul Roy, role: D}]
scope: [INC]
signed_by: Paul Roy
signed_on: 2026-10-21
findings:
  - {id: AUD-2026-02-F1, kind: major-nc, process: INC, statement: No follow-up of major incidents.}
"""

ACTION = """\
id: ACT-1
kind: corrective
finding: FINDING
title: Follow up major incidents
owner: RGS
due: DUE
status: STATUS
"""


def _action(finding: str, due: str, status: str = "open", **more: str) -> str:
    text = ACTION.replace("FINDING", finding).replace("DUE", due).replace("STATUS", status)
    return text + "".join(f"{k}: {v}\n" for k, v in more.items())


def test_open_major_nc_is_not_ready_and_projected_by_its_action(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"audits/AUD-2026-02.yml": MAJOR, "records/mrv/MR-2.yml": LATER_REVIEW})
    kit.write({"actions/ACT-1.yml": _action("AUD-2026-02-F1", "2026-12-15")}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 1 and unmet(data) == ["major-nc"]
    major = cond(data, "major-nc")
    assert (major["blocking"], major["projected_on"]) == (["AUD-2026-02-F1"], "2026-12-15")
    assert data["earliest_booking"] == "2026-12-15" and data["ready_on"] is None
    assert data["next_steps"][0]["condition"] == "major-nc"
    # done after the as-of date: still open on the as-of date
    kit.write({"actions/ACT-1.yml": _action("AUD-2026-02-F1", "2026-12-15", "done", done_on="2026-11-30")})
    assert unmet(verdict(kit.root)[1]) == ["major-nc"]
    kit.write({"actions/ACT-1.yml": _action("AUD-2026-02-F1", "2026-12-15", "done", done_on="2026-11-22")})
    code, data = verdict(kit.root)
    assert code == 0 and cond(data, "major-nc")["met_on"] == "2026-11-22"


def test_overdue_corrective_action_has_no_date(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"actions/ACT-1.yml": _action("", "2026-11-01").replace("finding: \n", "")}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 1 and unmet(data) == ["overdue-actions"]
    assert cond(data, "overdue-actions")["blocking"] == ["ACT-1"]
    assert data["earliest_booking"] is None and data["undated"] == ["overdue-actions"]
    # done late: met since the day it was done
    kit.write({"actions/ACT-1.yml": _action("", "2026-11-01", "done", done_on="2026-11-10").replace("finding: \n", "")})
    code, data = verdict(kit.root)
    assert code == 0 and cond(data, "overdue-actions")["met_on"] == "2026-11-10"
    # cancelled: closed, not overdue
    kit.write({"actions/ACT-1.yml": _action("", "2026-11-01", "cancelled").replace("finding: \n", "")})
    assert verdict(kit.root)[0] == 0


CHG = PROCESS.replace("id: INC", "id: CHG").replace("Gestion des incidents", "Gestion des changements")
CHG = CHG.replace("INC.1", "CHG.1")


def test_internal_audit_that_skips_a_process(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"processes/CHG.md": CHG}).commit("2026-11-21")
    code, data = verdict(kit.root)
    audit = cond(data, "internal-audit")
    assert code == 1 and "internal-audit" in unmet(data)
    assert audit["blocking"] == ["CHG"] and audit["detail"] == "processes not audited: CHG"
    # an unsigned audit of CHG does not count; once signed it does
    second = AUDIT.replace("AUD-2026-01", "AUD-2026-03").replace("[INC]", "[CHG]").replace("2026-09-1", "2026-11-1")
    kit.write({"audits/AUD-2026-03.yml": second.replace("signed_on: 2026-11-11\n", "")}).commit("2026-11-21")
    assert cond(verdict(kit.root)[1], "internal-audit")["blocking"] == ["CHG"]
    kit.write({"audits/AUD-2026-03.yml": second}).commit("2026-11-21")
    data = verdict(kit.root)[1]
    assert cond(data, "internal-audit")["met"] and cond(data, "internal-audit")["met_on"] == "2026-11-11"


def test_audit_older_than_twelve_months_does_not_count(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    code, data = verdict(kit.root, "--as-of", "2027-09-20")
    assert cond(data, "internal-audit")["met"] is False


def test_management_review_older_than_the_latest_audit(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    second = AUDIT.replace("AUD-2026-01", "AUD-2026-02").replace("2026-09-1", "2026-11-1")
    kit.write({"audits/AUD-2026-02.yml": second}).commit("2026-11-21")
    code, data = verdict(kit.root)
    review = cond(data, "management-review")
    assert code == 1 and unmet(data) == ["management-review"]
    assert review["blocking"] == ["AUD-2026-02"]
    assert review["projected_on"] == "2026-12-01"  # the next review MR-1 planned
    assert data["earliest_booking"] == "2026-12-01"
    # the latest review counts, not the first
    kit.write({"records/mrv/MR-2.yml": REVIEW.replace("MR-1", "MR-2").replace("2026-10-05", "2026-11-22")})
    kit.commit("2026-11-22")
    code, data = verdict(kit.root)
    assert code == 0 and data["management_review"] == {"id": "MR-2", "date": "2026-11-22"}
    assert cond(data, "management-review")["met_on"] == "2026-11-22"


MINOR = MAJOR.replace("major-nc", "minor-nc").replace("kind: mock", "kind: internal")


def test_action_plans_within_the_standards_delay(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"audits/AUD-2026-02.yml": MINOR, "records/mrv/MR-2.yml": LATER_REVIEW})
    kit.commit("2026-11-21")
    code, data = verdict(kit.root)
    plans = cond(data, "action-plans")
    # the deadline is ACT001's: one month from the audit's signature (2026-10-21), its end being earlier
    assert code == 1 and unmet(data) == ["action-plans"]
    assert plans["blocking"] == ["AUD-2026-02-F1"]
    assert plans["detail"] == "AUD-2026-02-F1: no approved action plan (to approve by 2026-11-21)"
    late = _action("AUD-2026-02-F1", "2027-01-15", approved_by="D", approved_on="2026-11-22")
    kit.write({"actions/ACT-1.yml": late}).commit("2026-11-22")
    plans = cond(verdict(kit.root)[1], "action-plans")
    assert plans["met"] is False and "after the deadline of 2026-11-21" in plans["detail"]
    # Approved in time: a kit of its own (editing the approval date of the late plan above would
    # alter a signed record, an integrity error).
    kit = ready_kit(tmp_path / "on-time")
    kit.write({"audits/AUD-2026-02.yml": MINOR, "records/mrv/MR-2.yml": LATER_REVIEW})
    kit.write({"actions/ACT-1.yml": late.replace("2026-11-22", "2026-11-02")}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 0 and cond(data, "action-plans")["met_on"] == "2026-11-02"


def test_documents_unapproved_or_past_review(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"documents/POL-001.md": POLICY.replace("APPROVED", "2025-09-01")}).commit("2026-11-21")
    docs = cond(verdict(kit.root)[1], "documents")
    assert docs["blocking"] == ["documents/POL-001.md"]
    assert docs["detail"] == "documents/POL-001.md: review was due on 2026-09-01"
    draft = POLICY.replace("status: approved", "status: draft").replace("APPROVED", "2026-01-05")
    kit.write({"documents/POL-001.md": draft}).commit("2026-11-21")
    assert cond(verdict(kit.root)[1], "documents")["detail"] == "documents/POL-001.md is not approved"


def test_history_projection_gives_the_booking_date(tmp_path: Path) -> None:
    kit = Kit(tmp_path).commit("2026-01-01")
    kit.write({"records/cert/CFN-1.yml": CERTIFICATE}).commit("2026-04-02")
    kit.write({"audits/AUD-2026-01.yml": AUDIT}).commit("2026-09-11")
    kit.write({"records/mrv/MR-1.yml": REVIEW}).commit("2026-10-05")
    for day in ("2026-10-13", "2026-10-27", "2026-11-10", "2026-11-20"):
        kit.write({f"records/inc/INC-{day}.yml": _incident(day)}).commit(day)
    code, data = verdict(kit.root)
    history = cond(data, "history")
    assert code == 1 and unmet(data) == ["history"]
    assert (history["blocking"], history["projected_on"]) == (["INC"], "2027-01-13")
    assert history["detail"] == "INC: 41 days of evidence"
    assert data["earliest_booking"] == "2027-01-13"
    proc = cli("readiness", str(kit.root), "--as-of", AS_OF)
    assert "Not ready. Earliest date to book the certification audit: 2027-01-13." in proc.stdout


def test_as_of_before_the_audit_does_not_count_it(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    code, data = verdict(kit.root, "--as-of", "2026-09-05")
    assert code == 1
    assert cond(data, "internal-audit")["detail"] == "no signed internal audit in the last 12 months"
    assert cond(data, "management-review")["blocking"] == ["internal-audit"]


def test_history_out_of_order_is_an_integrity_error(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"records/inc/INC-x.yml": _incident("2026-11-21")}).commit("2026-11-21")
    kit.write({"records/inc/INC-y.yml": _incident("2026-11-19")}).commit("2026-11-19")  # before its parent
    head = git(kit.root, "rev-parse", "HEAD").strip()
    code, data = verdict(kit.root)
    assert code == 1 and "integrity" in unmet(data)
    assert cond(data, "integrity")["blocking"] == [head]
    assert data["earliest_booking"] is None and "integrity" in data["undated"]
    assert data["next_steps"][0]["condition"] == "integrity"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("id: INC-bad\nartefact: incident-record\ndate: 2026-11-21\n", "SCH002"),  # no title
        ("id: [INC-bad\n", "YML001"),  # not YAML
    ],
)
def test_a_record_check_rejects_blocks_the_verdict(tmp_path: Path, text: str, rule: str) -> None:
    """The verdict never says ready while check fails on a record: the file is neither evidence
    nor absent; integrity names it, with the rule and the reason."""
    kit = ready_kit(tmp_path)
    kit.write({"records/inc/INC-bad.yml": text}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 1 and unmet(data) == ["integrity"]
    c = cond(data, "integrity")
    assert c["blocking"] == ["records/inc/INC-bad.yml"] and f"({rule})" in c["detail"]
    check = cli("check", str(kit.root), "--format", "json", "--as-of", AS_OF)
    assert check.returncode == 1 and any(f["rule"] == rule for f in json.loads(check.stdout)["findings"])


def test_standard_condition_from_pack_data(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    git(kit.root, "rm", "-q", "records/cert/CFN-1.yml")
    kit.commit("2026-11-21")
    code, data = verdict(kit.root)
    foundation = cond(data, "standard:foundation")
    assert code == 1 and foundation["blocking"] == ["foundation-certificate"]
    assert foundation["label"] == "A Foundation-certified resource"
    assert data["next_steps"][-1]["text"] == "A Foundation-certified resource: have a person certified"


QUARTERS = PACK.replace(
    """  - id: foundation
    kind: record
    artefacts: [foundation-certificate]""",
    """  - id: foundation
    kind: consecutive-quarters
    count: 2""",
)


def test_consecutive_quarters_condition(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"standards/test-pack.yml": QUARTERS}).commit("2026-11-21")
    code, data = verdict(kit.root)
    assert code == 0 and cond(data, "standard:foundation")["met_on"] == "2026-07-01"  # after Q1 and Q2 of 2026
    kit2 = Kit(tmp_path / "k2").write({"standards/test-pack.yml": QUARTERS}).commit("2026-07-01")
    kit2.incidents("2026-07-01", "2026-11-20")
    data = verdict(kit2.root)[1]
    quarters = cond(data, "standard:foundation")
    assert (quarters["met"], quarters["projected_on"]) == (False, "2027-01-01")  # Q3 done, Q4 to come


def test_certified_kit_says_until_when(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"trousse.yml": CONFIG + "certification: {body: Cert X, certified_on: 2026-03-01}\n"})
    kit.commit("2026-11-21")
    code, data = verdict(kit.root)
    assert data["certification"] == {
        "certificate": None,
        "valid_until": "2029-02-28",
        "next_surveillance_due": "2027-03-01",
        "problems": [],
    }
    proc = cli("readiness", str(kit.root), "--as-of", AS_OF)
    assert "Certified until 2029-02-28; next surveillance audit due by 2027-03-01." in proc.stdout


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    write_files(tmp_path, {"trousse.yml": CONFIG, "standards/test-pack.yml": PACK})
    proc = cli("readiness", str(tmp_path))
    assert proc.returncode == 2 and "git" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("readiness", str(tmp_path), "--format", "xml")
    assert proc.returncode == 2 and "xml" in proc.stderr


# ---------------------------------------------------------------- honest first steps
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nothing_is_done_straight_after_init(tmp_path: Path, lang: str) -> None:
    kit = tmp_path / "kit"
    proc = cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", lang, "--org", "Acme", "--people", "5")
    assert proc.returncode == 0, proc.stderr
    proc = cli("readiness", str(kit), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ready"] is False and data["earliest_booking"] is None
    setup = cond(data, "setup")
    assert setup["met"] is False and setup["blocking"][0] == "trousse.yml"  # the placeholder scope
    assert "RGS" in setup["blocking"]  # roles without holders
    assert "documents/sms-policy.md" in cond(data, "documents")["blocking"]  # drafts
    assert set(unmet(data)) >= {"setup", "documents", "history", "internal-audit", "management-review"}
    assert "services/catalogue.yml" in setup["blocking"]  # init's example services (DOC009)
    steps = [s["condition"] for s in data["next_steps"]]
    assert steps[:5] == ["setup", "setup", "setup", "documents", "history"]  # scope, roles, examples
    first = data["next_steps"][0]["text"]
    assert first.startswith("Écrivez le périmètre" if lang == "fr" else "Write the management system's scope")


def test_approved_template_text_is_not_done(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme", "--people", "5")
    policy = kit / "documents" / "sms-policy.md"
    text = policy.read_text(encoding="utf-8").replace("status: draft", "status: approved\napproved_on: 2026-01-05")
    policy.write_text(text, encoding="utf-8")
    data = json.loads(cli("readiness", str(kit), "--format", "json").stdout)
    rel = policy.relative_to(kit).as_posix()
    assert f"{rel} still holds the template text" in cond(data, "documents")["detail"]


# ---------------------------------------------------------------- the readiness report
def test_report_shows_the_latest_review_booking_and_certificate(tmp_path: Path) -> None:
    kit = ready_kit(tmp_path)
    kit.write({"trousse.yml": CONFIG + "certification: {body: Cert X, certified_on: 2026-03-01}\n"})
    kit.write({"records/mrv/MR-2.yml": LATER_REVIEW}).commit("2026-11-21")
    proc = cli("report", "readiness", str(kit.root), "--as-of", AS_OF, "--output", "-")
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    assert "**The kit has been ready for the certification audit since 5 October 2026.**" in md
    assert "**Certified until 28 February 2029; next surveillance audit due by 1 March 2027.**" in md
    assert "Latest management review: MR-2, held on 21 November 2026." in md
    assert "| No open major nonconformity | ✓ met | — | — | no open nonconformity |" in md
    second = AUDIT.replace("AUD-2026-01", "AUD-2026-02").replace("2026-09-10", "2026-11-22")
    kit.write({"audits/AUD-2026-02.yml": second.replace("2026-09-11", "2026-11-22")}).commit("2026-11-22")
    md = cli("report", "readiness", str(kit.root), "--as-of", AS_OF, "--output", "-").stdout
    assert "**The kit is not ready. Earliest date to book the certification audit: 1 December 2026.**" in md
    assert "| ✗ to do |" in md and "| AUD-2026-02 |" in md and "(MR-2), before the" in md  # dates in words now
    assert "## What to do first\n\n1. Hold a management review" in md
