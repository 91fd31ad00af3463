"""The demo as a lead auditor reviewed it (issue 17, part 6, second review): its audits follow its
own audit programme, its competence matrix covers every person, its English record ids follow its
English forms, and its management reviews' decisions are actions with ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trousse.resources import examples_root
from trousse.yamlio import load_plain, parse_markdown

LANGS = ("fr", "en")


def _kit(lang: str) -> Path:
    return examples_root() / lang


def _yaml(path: Path) -> dict:
    return load_plain(path.read_text(encoding="utf-8")) or {}


def _own_work(kit: Path) -> dict[str, set[str]]:
    """Person's name -> the processes whose tasks name a role they hold (their own work)."""
    roles = _yaml(kit / "organisation" / "roles.yml")["roles"]
    held: dict[str, set[str]] = {}
    for role in roles:
        for holder in role.get("holders") or []:
            held.setdefault(holder["name"], set()).add(role["id"])
    out: dict[str, set[str]] = {name: set() for name in held}
    for path in (kit / "processes").glob("*.md"):
        meta = parse_markdown(path.read_text(encoding="utf-8")).data
        named = {
            r for act in meta.get("activities", []) for task in act.get("tasks", []) for r in task.get("roles", [])
        }
        for name, ids in held.items():
            if named & ids or meta.get("owner") in ids:
                out[name].add(meta["id"])
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_no_auditor_audits_a_process_she_works_in(lang: str) -> None:
    """An auditor who holds a role in the kit audits only processes none of whose tasks name a role
    she holds; when an audit has several auditors, its method says who audited what, and each
    holder's share stays out of her own work."""
    kit = _kit(lang)
    work = _own_work(kit)
    wrong = []
    for path in sorted((kit / "audits").glob("*.yml")):
        audit = _yaml(path)
        auditors = audit.get("auditors") or []
        for auditor in auditors:
            mine = work.get(auditor["name"])
            if mine is None:  # external: holds no role in the kit
                continue
            scope = set(audit["scope"])
            if len(auditors) > 1:  # her share, as the method states it
                share = re.search(re.escape(auditor["name"]) + r"[^(]*\(RCF\)[^(]*\(([^)]*)\)", audit.get("method", ""))
                assert share, (path.name, auditor["name"])
                scope = {p.strip() for p in share[1].split(",")}
            if scope & mine:
                wrong.append(f"{path.name}: {auditor['name']} audits {sorted(scope & mine)}")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_firms_auditor_does_audit(lang: str) -> None:
    """The split bites: the firm's own auditor has a share, and so has the external auditor."""
    audit = _yaml(_kit(lang) / "audits" / "AUD-2026-02.yml")
    assert len(audit["auditors"]) == 2
    assert any(a.get("role") == "RCF" for a in audit["auditors"])
    assert any(a.get("organisation") and a.get("lead") for a in audit["auditors"])
    assert audit["signed_by"] == next(a["name"] for a in audit["auditors"] if a.get("lead"))


@pytest.mark.parametrize("lang", LANGS)
def test_competence_matrix_names_every_role_holder(lang: str) -> None:
    kit = _kit(lang)
    matrix = next(
        p.read_text(encoding="utf-8")
        for p in (kit / "documents").glob("*.md")
        if parse_markdown(p.read_text(encoding="utf-8")).data.get("artefact") == "competence-matrix"
    )
    rows = {m.strip() for m in re.findall(r"^\|\s*([^|]+?)\s*\|", matrix, re.M)}
    people = {h["name"] for r in _yaml(kit / "organisation" / "roles.yml")["roles"] for h in r.get("holders") or []}
    assert people and people - rows == set()


def test_english_record_ids_follow_the_english_forms() -> None:
    """Every record of the English demo is numbered under the prefix its form gives."""
    kit = _kit("en")
    prefixes = {}
    for form in (kit / "templates" / "records").glob("*.yml"):
        prefixes[form.stem] = re.search(r"^id: ([A-Z]+)-", form.read_text(encoding="utf-8"), re.M)[1]
    wrong = []
    for path in sorted((kit / "records").rglob("*.yml")):
        data = _yaml(path)
        if "artefact" not in data:
            continue
        if not str(data["id"]).startswith(prefixes[data["artefact"]] + "-") or path.stem != data["id"]:
            wrong.append(f"{path.relative_to(kit).as_posix()}: {data['id']} ({prefixes[data['artefact']]})")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_management_review_actions_are_action_ids_that_point_back(lang: str) -> None:
    kit = _kit(lang)
    reviews = [
        _yaml(p) for p in (kit / "records").rglob("*.yml") if _yaml(p).get("artefact") == "management-review-record"
    ]
    assert len(reviews) == 2
    for review in reviews:
        assert review["actions"], review["id"]
        for aid in review["actions"]:
            action = kit / "actions" / f"{aid}.yml"
            assert action.is_file(), (review["id"], aid)
            data = _yaml(action)
            assert data["review"] == review["id"] and data["owner"] and data["due"]
