"""No evidence is lost through ordinary git work (issue 9.8): moving the whole kit into a subfolder
of its repository or out of one, restoring a deleted record, reverting a deletion."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from test_evidence_support import EvKit, by_path, check_findings, evidence_json

AS_OF = "2026-11-23"


def dated(capsys: pytest.CaptureFixture[str], kit: EvKit) -> dict[str, tuple[str, str]]:
    """Each record's (evidence date, commit)."""
    _, data = evidence_json(capsys, kit, "--as-of", AS_OF)
    assert data["lost"] == []
    return {p: (r["evidence_date"], r["commit"]) for p, r in by_path(data).items()}


def history(kit: EvKit) -> None:
    for day in ("2026-03-02", "2026-04-14", "2026-05-20"):
        kit.record(f"inc/INC-{day}.yml", f"INC-{day}", day)
        kit.record(f"chg/CHG-{day}.yml", f"CHG-{day}", day, "change-record")
        kit.commit(f"{day}T10:00:00+01:00")


def test_moving_the_whole_kit_into_a_subfolder_keeps_every_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path)
    history(kit)
    before = dated(capsys, kit)
    (tmp_path / "qualite").mkdir()
    for name in ("trousse.yml", "standards", "records"):
        kit.git("mv", name, f"qualite/{name}")
    (tmp_path / "README.md").write_text("The kit is in qualite/.\n", encoding="utf-8")
    kit.commit("2026-06-01T10:00:00+02:00", "the kit moves into qualite/")
    moved = EvKit.__new__(EvKit)
    moved.repo, moved.root = tmp_path, tmp_path / "qualite"
    assert dated(capsys, moved) == before
    assert [f for f in check_findings(capsys, moved, "--as-of", AS_OF) if f["rule"] == "EVD007"] == []


def test_moving_the_kit_out_of_its_subfolder_keeps_every_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path, sub="docs/sms")
    history(kit)
    before = dated(capsys, kit)
    for name in ("trousse.yml", "standards", "records"):
        kit.git("mv", f"docs/sms/{name}", name)
    kit.commit("2026-06-01T10:00:00+02:00", "the kit becomes the repository")
    top = EvKit.__new__(EvKit)
    top.repo, top.root = tmp_path, tmp_path
    assert dated(capsys, top) == before


def test_a_record_restored_with_identical_content_gets_its_date_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = EvKit(tmp_path)
    history(kit)
    before = dated(capsys, kit)
    kit.git("rm", "-q", "records/inc/INC-2026-03-02.yml")
    gone = kit.commit("2026-06-10T10:00:00+02:00", "oops")
    findings = [f for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD007"]
    assert len(findings) == 1
    advice = findings[0]["message"]
    assert "it gets its evidence date of 2026-03-02 back" in advice
    # Do exactly what the advice says.
    command = re.search(r"\((git checkout [^,]+), then git commit\)", advice)
    assert command is not None and gone[:10] in command[1]
    subprocess.run(command[1].split(), cwd=tmp_path, check=True, capture_output=True)
    kit.commit("2026-06-12T10:00:00+02:00", "restored")
    assert dated(capsys, kit) == before
    assert [f for f in check_findings(capsys, kit, "--as-of", AS_OF) if f["rule"] == "EVD007"] == []


def test_a_deletion_reverted_keeps_the_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = EvKit(tmp_path)
    history(kit)
    before = dated(capsys, kit)
    kit.git("rm", "-q", "-r", "records/chg")
    kit.commit("2026-06-10T10:00:00+02:00", "clean up")
    kit.git("revert", "--no-edit", "HEAD", when="2026-07-01T10:00:00+02:00")
    assert dated(capsys, kit) == before
    # A record re-added with other content is a new piece of evidence, dated by its commit.
    kit.git("rm", "-q", "records/inc/INC-2026-04-14.yml")
    kit.commit("2026-07-02T10:00:00+02:00")
    kit.record("inc/INC-2026-04-14.yml", "INC-2026-04-14", "2026-07-03")
    kit.commit("2026-07-03T10:00:00+02:00")
    assert dated(capsys, kit)["records/inc/INC-2026-04-14.yml"][0] == "2026-07-03"
