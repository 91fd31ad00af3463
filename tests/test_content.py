"""The shipped content held to account by the tool itself: packs load, every pack scaffolds a kit
with no YML, SCH or REF finding in every language, the journey process matches issue 4, and the
example kits are complete."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trousse.cli.app import run
from trousse.demo import ANCHOR
from trousse.packs import broken_packs, shipped_pack_ids, shipped_packs
from trousse.resources import examples_root
from trousse.scaffold import InitOptions, plan_kit
from trousse.yamlio import parse_markdown

CONTENT_FAMILIES = ("YML", "SCH", "REF")
KIT_FAMILIES = ("YML", "SCH", "REF", "CMP", "DOC")


def _findings(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    capsys.readouterr()
    code = run(["check", str(root), "--format", "json", *extra])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return json.loads(out)["findings"]


def test_every_shipped_pack_loads() -> None:
    assert broken_packs() == {}
    assert set(shipped_packs()) == set(shipped_pack_ids())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack", shipped_pack_ids())
def test_init_gives_a_kit_without_yml_sch_ref_finding(
    tmp_path: Path, pack: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    assert (
        run(["init", str(kit), "--standard", pack, "--lang", lang, "--org", "Acme", "--people", "8", "--no-git"]) == 0
    )
    bad = [f for f in _findings(kit, capsys) if f["rule"].startswith(CONTENT_FAMILIES)]
    assert bad == [], "\n".join(f"{f['path']}:{f['line']}: {f['rule']} {f['message']}" for f in bad[:10])


def test_init_with_every_pack_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = tmp_path / "kit"
    args = [a for pack in shipped_pack_ids() for a in ("--standard", pack)]
    assert run(["init", str(kit), *args, "--lang", "en", "--org", "Acme", "--no-git"]) == 0
    bad = [f for f in _findings(kit, capsys) if f["rule"].startswith(CONTENT_FAMILIES)]
    assert bad == [], bad[:5]


JOURNEY = {
    "ITSM-CERT.1.1": ({"D", "RGS"}, 3),
    "ITSM-CERT.2.1": ({"D", "RGS", "RCF", "FCA", "CL", "F", "FT"}, 2),
    "ITSM-CERT.3.1": ({"TPO", "OCA", "EA", "AA"}, 7),
}
JOURNEY_ROLES = {"CL", "D", "F", "FT", "TPO", "RGS", "RCF", "OCA", "FCA", "EA", "AA"}
JOURNEY_ARTEFACTS = {
    "sms-requirements",
    "service-report",
    "foundation-certificate",
    "certification-questionnaire",
    "certification-contract",
    "standard",
    "certificate",
    "audit-report",
    "action-plan",
    "nonconformity",
    "corrective-action",
    "preventive-action",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_journey_process_matches_issue_4(lang: str) -> None:
    files = plan_kit(InitOptions(Path("unused"), ["iso20000-1-2018"], lang, "Acme", 12, git=False))
    data = parse_markdown(files["processes/ITSM-CERT.md"]).data
    assert data["id"] == "ITSM-CERT"
    assert [a["id"] for a in data["activities"]] == ["ITSM-CERT.1", "ITSM-CERT.2", "ITSM-CERT.3"]
    tasks = {t["id"]: t for a in data["activities"] for t in a["tasks"]}
    assert set(tasks) == set(JOURNEY)
    used: set[str] = set()
    for tid, (roles, steps) in JOURNEY.items():
        task = tasks[tid]
        assert set(task["roles"]) == roles, tid
        assert len(task["steps"]) == steps, tid
        assert task["objective"] and task["justification"], tid
        assert all(s["name"] and s["description"] for s in task["steps"]), tid
        used |= set(task.get("inputs", [])) | set(task.get("outputs", []))
    assert JOURNEY_ARTEFACTS <= used
    pack = shipped_packs()["iso20000-1-2018"]
    assert JOURNEY_ROLES <= {r.id for r in pack.roles}
    assert JOURNEY_ARTEFACTS <= {a.id for a in pack.artefacts}
    assert all(r.competence for r in pack.roles if r.id in JOURNEY_ROLES)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_example_kit_is_complete(lang: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The example passes every rule but the evidence ones (those need the demo's git history).
    It is checked as a copy outside any repository: in place, --as-of would read trousse's own
    history and caches would be written into trousse's own repository."""
    root = Path(shutil.copytree(examples_root() / lang, tmp_path / lang))
    bad = [f for f in _findings(root, capsys, "--as-of", ANCHOR.isoformat()) if f["rule"].startswith(KIT_FAMILIES)]
    assert bad == [], "\n".join(f"{f['path']}:{f['line']}: {f['rule']} {f['message']}" for f in bad[:10])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_example_kit_has_what_issue_4_asks(lang: str) -> None:
    root = examples_root() / lang
    records = sorted((root / "records").rglob("*.yml"))
    months = {p.read_text(encoding="utf-8").split("\ndate: ", 1)[1][:7] for p in records}
    assert {"2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"} <= months
    audit = (root / "audits" / "AUD-2026-02.yml").read_text(encoding="utf-8")
    for kind in ("major-nc", "minor-nc", "observation", "strength", "opportunity"):
        assert f"kind: {kind}" in audit
    statuses = {
        p.read_text(encoding="utf-8").split("\nstatus: ", 1)[1].split("\n", 1)[0]
        for p in (root / "actions").glob("*.yml")
    }
    assert {"open", "done", "verified"} <= statuses
    roles = (root / "organisation" / "roles.yml").read_text(encoding="utf-8")
    assert roles.count("email:") >= 10
