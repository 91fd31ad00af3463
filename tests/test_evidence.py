"""Evidence dates from real git histories: renames, merges, deletions, time zones, --as-of, cache."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_evidence_support import EvKit, by_path, check_findings, evidence_json, process, rules_of, run_cli

AS_OF = "2026-11-23"


def test_json_gives_exact_evidence_dates_renames_included(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.record("inc/INC-1.yml", "INC-1", "2026-02-03")
    c1 = kit.commit("2026-02-03T09:00:00+01:00")
    kit.record("inc/INC-2.yml", "INC-2", "2026-03-31")
    c2 = kit.commit("2026-03-31T23:30:00-05:00")  # still 31 March where it was committed
    kit.record("chg/CHG-1.yml", "CHG-1", "2026-04-10", "change-record")
    c3 = kit.commit("2026-04-10T00:15:00+14:00")  # 9 April in UTC, 10 April locally
    kit.move("records/inc/INC-1.yml", "records/2026/INC-1.yml")
    kit.move("records/chg", "records/changes")
    kit.commit("2026-06-01T10:00:00+02:00", "reorganise")
    code, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    recs = by_path(data)
    assert set(recs) == {"records/2026/INC-1.yml", "records/inc/INC-2.yml", "records/changes/CHG-1.yml"}
    assert recs["records/2026/INC-1.yml"]["evidence_date"] == "2026-02-03"
    assert recs["records/2026/INC-1.yml"]["commit"] == c1
    assert recs["records/inc/INC-2.yml"]["evidence_date"] == "2026-03-31"
    assert recs["records/inc/INC-2.yml"]["commit"] == c2
    assert recs["records/changes/CHG-1.yml"]["evidence_date"] == "2026-04-10"
    assert recs["records/changes/CHG-1.yml"]["commit"] == c3
    assert recs["records/changes/CHG-1.yml"]["process"] == "CHG"
    assert recs["records/2026/INC-1.yml"]["declared_date"] == "2026-02-03"
    inc = process(data, "INC")
    assert (inc["records"], inc["first_evidence"], inc["last_evidence"]) == (2, "2026-02-03", "2026-03-31")
    # Silent since 31 March (more than its monthly report's cadence + 7 days): not met, and the
    # earliest is three months after today if records start again now.
    assert (inc["span_days"], inc["minimum_met"], inc["ready_on"]) == (293, False, "2027-02-23")
    assert inc["silences"] == [{"start": "2026-03-31", "end": AS_OF, "days": 237, "ongoing": True}]
    chg = process(data, "CHG")
    assert (chg["ready_on"], chg["minimum_met"]) == ("2027-02-23", False)
    assert data["as_of"] == AS_OF
    assert data["kit"]["ready"] is False  # no internal audit, no management review
    unmet = [c["id"] for c in data["kit"]["conditions"] if not c["met"]]
    # INC has been silent since March: the history is not met (continuous evidence), nor are the audit
    # and the review; evidence's exit code judges the history alone.
    assert {"history", "internal-audit", "management-review"} <= set(unmet)
    assert code == 1


def test_record_added_on_a_branch_keeps_its_commit_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.record("INC-0.yml", "INC-0", "2026-01-05")
    kit.commit("2026-01-05T10:00:00+00:00")
    kit.git("checkout", "-q", "-b", "feature")
    kit.record("INC-B.yml", "INC-B", "2026-02-10")
    branch = kit.commit("2026-02-10T10:00:00+00:00", "on the branch")
    kit.record("INC-C.yml", "INC-C", "2026-02-12")
    kit.commit("2026-02-12T10:00:00+00:00")
    kit.move("records/INC-C.yml", "records/moved/INC-C.yml")
    kit.commit("2026-02-20T10:00:00+00:00", "rename on the branch")
    kit.git("checkout", "-q", "main")
    kit.record("INC-M.yml", "INC-M", "2026-03-01")
    kit.commit("2026-03-01T10:00:00+00:00", "main line")
    kit.git("merge", "-q", "--no-ff", "feature", "-m", "merge", when="2026-04-15T10:00:00+00:00")
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    recs = by_path(data)
    assert recs["records/INC-B.yml"]["evidence_date"] == "2026-02-10"
    assert recs["records/INC-B.yml"]["commit"] == branch
    assert recs["records/moved/INC-C.yml"]["evidence_date"] == "2026-02-12"
    assert recs["records/INC-M.yml"]["evidence_date"] == "2026-03-01"
    assert all(r["status"] == "ok" for r in data["records"])
    assert data["out_of_order"] == [] and data["lost"] == []


def test_deleted_record_is_lost_evidence_with_its_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.record("INC-1.yml", "INC-1", "2026-01-05")
    kit.record("INC-2.yml", "INC-2", "2026-01-05")
    kit.commit("2026-01-05T10:00:00+00:00")
    kit.git("rm", "-q", "records/INC-1.yml")
    gone = kit.commit("2026-02-01T10:00:00+00:00", "oops")
    # deleted then restored: not lost, and dated by its restoration
    kit.git("rm", "-q", "records/INC-2.yml")
    kit.commit("2026-02-02T10:00:00+00:00")
    kit.record("INC-2.yml", "INC-2", "2026-02-03")
    kit.commit("2026-02-03T10:00:00+00:00")
    findings = check_findings(capsys, kit, "--as-of", AS_OF)
    lost = [f for f in findings if f["rule"] == "EVD007"]
    assert len(lost) == 1 and lost[0]["path"] == "records/INC-1.yml"
    assert gone[:10] in lost[0]["message"] and "2026-02-01" in lost[0]["message"]
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    assert data["lost"] == [
        {"path": "records/INC-1.yml", "commit": gone, "date": "2026-02-01", "added_on": "2026-01-05"}
    ]
    assert by_path(data)["records/INC-2.yml"]["evidence_date"] == "2026-02-03"
    # Before the deletion, nothing was lost yet.
    assert "EVD007" not in rules_of(check_findings(capsys, kit, "--as-of", "2026-01-31"))


def test_as_of_gives_the_verdict_from_the_commits_that_existed_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path, evidence="processes: {INC: {max_silence: 2 months, why: few incidents}}")
    kit.record("INC-1.yml", "INC-1", "2026-01-10")
    kit.commit("2026-01-10T10:00:00+00:00")
    kit.record("INC-2.yml", "INC-2", "2026-03-01")
    kit.commit("2026-03-01T10:00:00+00:00")
    kit.move("records/INC-1.yml", "records/a/INC-1.yml")
    kit.commit("2026-03-05T10:00:00+00:00")
    _, then = evidence_json(capsys, kit, "--as-of", "2026-02-15")
    recs = by_path(then)
    # The kit as committed that day (issue 10 part 6): the path of that day, and no later record.
    assert recs["records/INC-1.yml"]["evidence_date"] == "2026-01-10"
    assert "records/a/INC-1.yml" not in recs and "records/INC-2.yml" not in recs
    inc = process(then, "INC")
    assert (inc["records"], inc["span_days"], inc["minimum_met"], inc["ready_on"]) == (1, 36, False, "2026-04-10")
    findings = check_findings(capsys, kit, "--as-of", "2026-02-15")
    assert "EVD004" not in rules_of(findings)  # committed later is not "uncommitted"
    minimum = [f for f in findings if f["rule"] == "EVD002" and "INC" in f["message"]]
    assert minimum[0]["message"] == "INC: 36 days of evidence; 3 months on 2026-04-10: keep committing its records"
    # On the day itself the minimum is met, not the day before.
    assert process(evidence_json(capsys, kit, "--as-of", "2026-04-09")[1], "INC")["minimum_met"] is False
    assert process(evidence_json(capsys, kit, "--as-of", "2026-04-10")[1], "INC")["minimum_met"] is True


def test_as_of_cuts_by_local_day_of_the_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.record("INC-1.yml", "INC-1", "2026-03-31")
    kit.commit("2026-03-31T23:30:00-05:00")  # 1 April 04:30 UTC
    _, data = evidence_json(capsys, kit, "--as-of", "2026-03-31")
    assert by_path(data)["records/INC-1.yml"]["evidence_date"] == "2026-03-31"


def test_kit_in_a_subfolder_of_the_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path, sub="qualite/trousse")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "other.yml").write_text("not: the kit\n", encoding="utf-8")
    kit.record("INC-1.yml", "INC-1", "2026-01-10")
    kit.commit("2026-01-10T10:00:00+00:00")
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    assert [r["path"] for r in data["records"]] == ["records/INC-1.yml"]
    assert data["records"][0]["evidence_date"] == "2026-01-10"


def test_shallow_clone_is_exit_2_saying_to_fetch_full_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path / "origin")
    kit.record("INC-1.yml", "INC-1", "2026-01-10")
    kit.commit("2026-01-10T10:00:00+00:00")
    kit.record("INC-2.yml", "INC-2", "2026-02-10")
    kit.commit("2026-02-10T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{kit.repo}", str(clone)], check=True)
    for command in ("check", "evidence"):
        code, out, err = run_cli(capsys, command, str(clone), "--as-of", AS_OF)
        assert code == 2, (out, err)
        assert "fetch-depth: 0" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_not_a_repository_one_finding_other_families_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    (tmp_path / ".git").rename(tmp_path / "not-git")
    kit.record("INC-1.yml", "INC-1", "hier")  # a schema error still found
    code, out, err = run_cli(capsys, "check", str(kit.root), "--format", "json", "--as-of", AS_OF)
    import json

    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules.count("EVD001") == 1 and [r for r in rules if r.startswith("EVD")] == ["EVD001"]
    assert "SCH001" in rules
    assert code == 1
    code, out, err = run_cli(capsys, "evidence", str(kit.root))
    assert code == 2 and "git init" in err


def test_cache_under_git_is_used_and_follows_head(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    kit.record("INC-1.yml", "INC-1", "2026-01-10")
    kit.commit("2026-01-10T10:00:00+00:00")
    _, first = evidence_json(capsys, kit)
    assert (tmp_path / ".git" / "trousse" / "history.json").is_file()
    _, again = evidence_json(capsys, kit)
    assert again == first
    kit.record("INC-2.yml", "INC-2", "2026-02-10")
    kit.commit("2026-02-10T10:00:00+00:00")
    _, after = evidence_json(capsys, kit)
    assert by_path(after)["records/INC-2.yml"]["evidence_date"] == "2026-02-10"
    (tmp_path / ".git" / "trousse" / "history.json").write_bytes(b"garbage")
    assert evidence_json(capsys, kit)[1] == after


def test_text_output_table_and_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path, lang="fr")
    kit.record("INC-1.yml", "INC-1", "2026-01-10")
    kit.commit("2026-01-10T10:00:00+00:00")
    code, out, _ = run_cli(capsys, "evidence", str(kit.root), "--records", "--as-of", "2026-02-10")
    assert code == 1
    assert "Preuves au 2026-02-10 — historique minimal 3 mois" in out
    assert "INC-1" in out and "2026-04-10" in out
    assert "La trousse sera prête le" not in out  # no audit yet: not foreseeable
    assert "Historique insuffisant ; en attente : CHG, INC (code de sortie 1)." in out
