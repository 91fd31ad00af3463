"""Issue 17, third review: the readiness verdict counts what DOC006 and DOC007 flag, a process
whose register items are all declared not applicable is not required, and the demo's processes
are approved text of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import check_json, cli, commit_all

ORG = "Severn Valley IT Services Ltd"


def _demo(tmp_path: Path, lang: str = "en") -> Path:
    kit = tmp_path / "demo"
    made = cli("demo", str(kit), "--lang", lang)
    assert made.returncode == 0, made.stderr
    return kit


def _split(path: Path) -> tuple[str, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return front, body


def _approved(front: str) -> str:
    """A process's front matter, approved (whatever it said of its approval before)."""
    front = re.sub(r"^(version|status|approved_on|approved_by):.*\n", "", front, flags=re.M)
    return front + 'version: "1.0"\nstatus: approved\napproved_on: 2026-01-10\napproved_by: D\n'


def _condition(kit: Path, cid: str) -> dict:
    proc = cli("readiness", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return next(c for c in json.loads(proc.stdout)["conditions"] if c["id"] == cid)


def _rules(kit: Path) -> list[tuple[str, str]]:
    _, data = check_json(kit)
    return [(f["rule"], f["path"]) for f in data["findings"]]


def test_readiness_documents_blocks_on_what_doc006_and_doc007_flag(tmp_path: Path) -> None:
    kit = _demo(tmp_path)
    assert _condition(kit, "documents")["met"]  # the demo as built: silent
    fresh = tmp_path / "fresh"
    made = cli("init", str(fresh), "-s", "iso20000-1-2018", "--lang", "en", "--org", ORG, "--people", "12", "--no-git")
    assert made.returncode == 0, made.stderr
    front, _ = _split(kit / "processes" / "INC.md")
    front = _approved(front)
    (kit / "processes" / "INC.md").write_text("---\n" + front + "---\n" + _split(fresh / "processes" / "INC.md")[1])
    for name in ("competence-matrix.md", "sms-requirements.md"):
        front, _ = _split(kit / "documents" / name)
        body = _split(fresh / "documents" / name)[1]
        (kit / "documents" / name).write_text("---\n" + front + "---\n" + body, encoding="utf-8")
    (kit / "documents" / "internal-agreement.md").unlink()
    commit_all(kit, "Template text approved, internal agreement removed")
    found = _rules(kit)
    doc006 = sorted(p for r, p in found if r == "DOC006")
    assert doc006 == ["documents/competence-matrix.md", "documents/sms-requirements.md", "processes/INC.md"]
    assert [r for r, _ in found].count("DOC007") == 1
    cond = _condition(kit, "documents")
    assert not cond["met"]
    for path in doc006:
        assert path in cond["blocking"], cond
    assert "internal-agreement" in cond["detail"]


def test_process_doc006_hint_speaks_of_a_process(tmp_path: Path) -> None:
    kit = _demo(tmp_path)
    fresh = tmp_path / "fresh"
    cli("init", str(fresh), "-s", "iso20000-1-2018", "--lang", "en", "--org", ORG, "--people", "12", "--no-git")
    front, _ = _split(kit / "processes" / "INC.md")
    front = _approved(front)
    (kit / "processes" / "INC.md").write_text("---\n" + front + "---\n" + _split(fresh / "processes" / "INC.md")[1])
    commit_all(kit, "INC approved as the template")
    _, data = check_json(kit)
    message = next(f["message"] for f in data["findings"] if f["rule"] == "DOC006")
    assert "Guidance" not in message and "activities" in message


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_demo_processes_are_approved_and_their_own(tmp_path: Path, lang: str) -> None:
    kit = _demo(tmp_path, lang)
    for path in sorted((kit / "processes").glob("*.md")):
        front, _ = _split(path)
        assert "status: approved" in front, path.name
        assert "approved_on:" in front and "approved_by:" in front, path.name
    assert not [r for r, _ in _rules(kit) if r in ("DOC006", "DOC001")]
