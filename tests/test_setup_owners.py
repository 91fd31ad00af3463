"""The readiness ``setup`` condition and CMP002 name the same roles: a role that owns a process
the kit does not exclude and that nobody holds. An external role counts too: before, CMP002
reported an external owner without a holder while the verdict did not block on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, commit_all, write_files


def _kit(tmp_path: Path, owner: str, holders: str | None) -> Path:
    files = clean_kit_files("en")
    files["processes/INC.md"] = files["processes/INC.md"].replace("owner: RGS", f"owner: {owner}")
    if holders is not None:
        files["organisation/roles.yml"] = files["organisation/roles.yml"].replace(
            "    external: true\n", f"    external: true\n    holders: [{holders}]\n"
        )
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "Kit", date="2026-03-14T10:00:00+01:00")
    return root


def _cmp002(root: Path) -> list[str]:
    proc = cli("check", str(root), "--format", "json", "--as-of", "2026-11-23")
    assert proc.returncode in (0, 1), proc.stderr
    return [str(f["message"]) for f in json.loads(proc.stdout)["findings"] if f["rule"] == "CMP002"]


def _setup_blocking(root: Path) -> list[str]:
    proc = cli("readiness", str(root), "--format", "json", "--as-of", "2026-11-23")
    assert proc.returncode in (0, 1), proc.stderr
    (setup,) = [c for c in json.loads(proc.stdout)["conditions"] if c["id"] == "setup"]
    return [] if setup["met"] else list(setup["blocking"])


@pytest.mark.parametrize(
    ("owner", "holders", "named"),
    [
        ("OCA", None, True),  # an external role owns INC and nobody holds it: both name OCA
        ("OCA", "{name: Jo Martin}", False),  # someone at the partner answers for it: both silent
        ("RGS", None, False),  # the internal owner has a holder (the clean kit): both silent
    ],
)
def test_check_and_verdict_name_the_same_unheld_owner(
    tmp_path: Path, owner: str, holders: str | None, named: bool
) -> None:
    root = _kit(tmp_path, owner, holders)
    messages = _cmp002(root)
    blocking = _setup_blocking(root)
    if named:
        assert len(messages) == 1 and "OCA" in messages[0] and "INC" in messages[0], messages
        assert "OCA" in blocking, blocking
    else:
        assert messages == []
        assert "OCA" not in blocking and "RGS" not in blocking, blocking
