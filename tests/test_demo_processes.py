"""Issue 17, parts 2 and 6: a process description's header prose is judged as its body is
(DOC006, reason ``header``), and the demo firm's 25 process descriptions are its own, header
included, in both languages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import cli, commit_all

from trousse.evidence.adaptation import SHIPPED_SHARE, header_share
from trousse.loader import load_kit

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
OWN_BODY = (
    "# Incident management\n\n"
    "Acme's desk takes every call on one line from 8:00 to 18:00 and logs it in the portal the same day.\n\n"
    "Aisha, the service lead, steers every P1 and calls the customer back within the hour.\n"
)
APPROVAL = 'version: "1.0"\nstatus: approved\napproved_by: D\napproved_on: 2026-09-14\n'


def _doc006(kit: Path) -> list[dict]:
    proc = cli("check", str(kit), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "DOC006"]


def _approve(path: Path, head: str | None = None) -> None:
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n", 2)[1] if head is None else head
    front = re.sub(r"^(version|status|approved_by|approved_on):.*\n", "", front, flags=re.M)
    path.write_text(f"---\n{front}{APPROVAL}---\n{OWN_BODY}", encoding="utf-8")


def test_an_approved_process_with_its_own_body_but_the_template_header_is_doc006(tmp_path: Path) -> None:
    kit = tmp_path / "fresh"
    made = cli("init", str(kit), "-s", "iso20000-1-2018", "--lang", "en", "--org", "Acme", "--people", "12")
    assert made.returncode == 0, made.stderr
    _approve(kit / "processes" / "INC.md")
    commit_all(kit, "INC approved: its own body, the template's header")
    found = [f for f in _doc006(kit) if f["path"] == "processes/INC.md"]
    assert len(found) == 1, found
    reasons = found[0]["message"].split("still holds the template (", 1)[1].split("): ", 1)[0]
    assert reasons == "the header's text (objective, indicators, activities, tasks and steps) as trousse init wrote it"
    # the same body under the demo firm's own header (same ids, roles and artefacts): silent
    demo = (EXAMPLES / "en" / "processes" / "INC.md").read_text(encoding="utf-8").split("---\n", 2)[1]
    _approve(kit / "processes" / "INC.md", head=demo)
    commit_all(kit, "INC header rewritten")
    assert not [f for f in _doc006(kit) if f["path"] == "processes/INC.md"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_demo_process_header_is_the_firms_own(lang: str, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / lang, tmp_path / lang)
    kit = load_kit(tmp_path / lang, lang)
    assert len(kit.processes) == 25
    shares = {p.id: header_share(kit, p) for p in kit.processes}
    worst = sorted(shares.items(), key=lambda kv: -kv[1])[:5]
    print(lang, "worst header shares:", ", ".join(f"{pid} {share:.2f}" for pid, share in worst))
    assert all(share <= 0.5 for share in shares.values()), worst
    assert SHIPPED_SHARE == 0.8
