"""Issue 17, fourth review (a fresh install read as a stage-1 auditor would): a required register
item answered only by a draft is not in place, adaptation is judged by how much of the shipped text
is left, process templates carry placeholders, the NF EN 15838 kit is a contact centre's, review
decisions have owners and due dates, example risk lines are flagged, and the register shows an
excluded process."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import check_json, cli, commit_all

ORG = "Severn Valley IT Services Ltd"


def _demo(tmp_path: Path, lang: str = "en") -> Path:
    kit = tmp_path / "demo"
    made = cli("demo", str(kit), "--lang", lang)
    assert made.returncode == 0, made.stderr
    return kit


def _init(tmp_path: Path, standard: str, lang: str, name: str = "fresh", git: bool = True) -> Path:
    kit = tmp_path / name
    args = ["init", str(kit), "-s", standard, "--lang", lang, "--org", ORG, "--people", "12"]
    made = cli(*args, *([] if git else ["--no-git"]))
    assert made.returncode == 0, made.stderr
    return kit


def _condition(kit: Path, cid: str) -> dict:
    proc = cli("readiness", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return next(c for c in json.loads(proc.stdout)["conditions"] if c["id"] == cid)


def _findings(kit: Path, rule: str) -> list[dict]:
    _, data = check_json(kit)
    return [f for f in data["findings"] if f["rule"] == rule]


def _set_front(path: Path, **values: str) -> None:
    """Set front-matter keys of a Markdown file (added when absent)."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    for key, value in values.items():
        if re.search(rf"^{key}:", front, flags=re.M):
            front = re.sub(rf"^{key}:.*$", f"{key}: {value}", front, flags=re.M)
        else:
            front += f"{key}: {value}\n"
    path.write_text("---\n" + front + "---\n" + body, encoding="utf-8")


# ---------------------------------------------------------------- 1. a draft is not in place
def test_required_register_item_only_in_draft_blocks_and_doc007_says_so(tmp_path: Path) -> None:
    kit = _demo(tmp_path)
    assert _condition(kit, "documents")["met"]  # the demo as built
    assert not _findings(kit, "DOC007")
    # process-map answers the 7.5.4 item "processes of the SMS", a type the pack does not mark required
    _set_front(kit / "documents" / "process-map.md", status="draft")
    commit_all(kit, "Process map back to draft")
    found = _findings(kit, "DOC007")
    assert [f["path"] for f in found] == ["documents/process-map.md"], found
    assert "status: draft" in found[0]["message"]
    cond = _condition(kit, "documents")
    assert not cond["met"]
    assert "documents/process-map.md" in cond["blocking"]
    # approved but with no approval date: not in place either (DOC001 says what is missing)
    text = (kit / "documents" / "process-map.md").read_text(encoding="utf-8")
    text = re.sub(r"^approved_on:.*\n", "", text.replace("status: draft", "status: approved"), flags=re.M)
    (kit / "documents" / "process-map.md").write_text(text, encoding="utf-8")
    commit_all(kit, "Approved, undated")
    assert [f["path"] for f in _findings(kit, "DOC007")] == ["documents/process-map.md"]
    assert "documents/process-map.md" in _condition(kit, "documents")["blocking"]
