"""A nonconformity written by ``trousse new nonconformity`` passes ``check`` in a kit of every
standard pack (the NF EN 15838 and ISO 18295-1 packs lacked the fields the shared form writes),
and the action plan lists the nonconformities ACT001 reads, records included (it said "no
nonconformity to answer" while ``check`` reported one without a plan). Found by the fresh-install
reviewer of issue 12."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, init_kit


def new_kit(tmp_path: Path, pack: str) -> Path:
    kit = init_kit(tmp_path / "k", "-s", pack, "--lang", "fr", "--org", "Acme")
    added = cli("new", "nonconformity", "--no-edit", "--commit", cwd=kit)
    assert added.returncode == 0, added.stderr
    return kit


@pytest.mark.parametrize("pack", ["nf-en-15838", "iso18295-1-2017", "iso9001-2015", "iso20000-1-2018"])
def test_a_new_nonconformity_fits_its_pack(tmp_path: Path, pack: str) -> None:
    kit = new_kit(tmp_path, pack)
    _, report = check_json(kit)
    unknown = [f for f in report["findings"] if f["rule"] == "SCH003"]
    assert not unknown, unknown


def test_action_plan_lists_the_nonconformity_act001_reads(tmp_path: Path) -> None:
    kit = new_kit(tmp_path, "nf-en-15838")
    (record,) = (kit / "records").rglob("NC-2026-0001.yml")
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^date: .*$", "date: 2026-10-01", text), encoding="utf-8")
    commit_all(kit, "NC dated", date="2026-10-01T10:00:00+00:00")
    _, report = check_json(kit, "--as-of", "2026-11-29")
    assert [f for f in report["findings"] if f["rule"] == "ACT001"]
    out = kit / "plan.md"
    made = cli("report", "action-plan", str(kit), "-f", "md", "-o", str(out), "--as-of", "2026-11-29")
    assert made.returncode == 0, made.stderr
    plan = out.read_text(encoding="utf-8")
    assert "Aucune non-conformité à traiter" not in plan
    assert "NC-2026-0001" in plan and "2026-11-01" in plan  # its deadline, a month after the record
    assert "aucune action, délai dépassé" in plan


def test_action_plan_with_no_nonconformity_says_so(tmp_path: Path) -> None:
    made = cli("init", "k", "-s", "nf-en-15838", "--lang", "fr", "--org", "Acme", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    out = tmp_path / "plan.md"
    # No --as-of: init's commit is dated today, and a fixed past day would precede the kit.
    made = cli("report", "action-plan", str(tmp_path / "k"), "-f", "md", "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert "Aucune non-conformité à traiter" in out.read_text(encoding="utf-8")
