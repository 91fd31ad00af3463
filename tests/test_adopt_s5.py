"""Session 5 of issue 15: what a fresh review on a real handbook found (holders of the roles the
documents name, the whole history in ``evidence``'s text, EVD012's documentation, the index pages
of the plan's text output)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import check_json, cli, git, plan_repo

from trousse.yamlio import load_plain


def test_evd012_documentation_says_a_claimed_file_is_not_counted_twice() -> None:
    """``trousse rules EVD012`` tells, in each language, that a past file already claimed by another
    record dates that record only (never counted twice)."""
    fr = " ".join(cli("rules", "EVD012", "--lang", "fr").stdout.split())  # lines wrap at 80 columns
    en = " ".join(cli("rules", "EVD012", "--lang", "en").stdout.split())
    assert "already claimed" in en and "never counted twice" in en
    assert "réclame déjà un autre enregistrement" in fr and "jamais compté deux fois" in fr


OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")
CONTINUITY = """# Business Continuity and Disaster Recovery Policy

**Policy Owner:** Security Engineering Manager

| Version | Date | Author/Reviewer | Comments |
|---|---|---|---|
| 1.0 | 2022-01-24 | Dora Neumeier | First version |
| 2.0 | 2022-07-26 | Diego Comas | Reviewed & Approved |
"""


def _mapped_plan(tmp_path: Path, root: Path) -> Path:
    """The dry run's plan with every name given a role id, as a consultant edits it."""
    out = cli("adopt", str(root), *OPTIONS, "--dry-run", "--format", "json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert set(plan["people"]) == {"Diego Comas"}, plan["people"]
    plan["people"] = {"Diego Comas": "D"}
    plan["roles"] = {name: "RGS" for name in plan["roles"]}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def _holders(root: Path) -> dict[str, list[dict[str, str]]]:
    data = load_plain((root / "organisation/roles.yml").read_text(encoding="utf-8"))
    return {r["id"]: r.get("holders") or [] for r in data["roles"]}


def test_people_the_documents_name_become_holders_of_their_roles(tmp_path: Path) -> None:
    """The approver named in the document and mapped to D in the plan is written as D's holder:
    check no longer says D has no holder; a second run changes nothing."""
    root = plan_repo(tmp_path, {"policies/business-continuity-policy.md": CONTINUITY})
    plan = _mapped_plan(tmp_path, root)
    out = cli("adopt", str(root), *OPTIONS, "--plan", str(plan))
    assert out.returncode == 0, out.stderr
    assert "'Diego Comas' holds role D: written among its holders in organisation/roles.yml" in out.stdout
    holders = _holders(root)
    assert holders["D"] == [{"name": "Diego Comas"}]
    assert holders["RGS"] == []  # a function, not a person: nobody is invented
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "adopt", date="2026-03-17T10:00:00+01:00")
    _, report = check_json(root)
    holderless = [f["message"] for f in report["findings"] if f["rule"] == "CMP002"]
    assert not any("role D," in m for m in holderless), holderless
    assert any("role RGS," in m for m in holderless), holderless
    again = cli("adopt", str(root), *OPTIONS, "--plan", str(plan))
    assert again.returncode == 0 and git(root, "status", "--porcelain") == "", again.stdout


def test_holders_are_added_to_an_existing_roles_file_never_removed(tmp_path: Path) -> None:
    """A roles.yml the repository already has keeps its holders, comments and other lines; the
    plan's person is added once (not again when already named, case aside)."""
    roles = (
        "# Our roles\n"
        "roles:\n"
        "  - id: D\n"
        "    name: Director\n"
        "    holders:\n"
        "      - {name: Ann Smith, email: ann@acme.example}  # since 2020\n"
        "  - id: RGS\n"
        "    name: Service management lead\n"
        "    holders: [{name: diego comas}]\n"
    )
    root = plan_repo(tmp_path, {"policies/business-continuity-policy.md": CONTINUITY, "organisation/roles.yml": roles})
    plan = _mapped_plan(tmp_path, root)
    data = json.loads(plan.read_text(encoding="utf-8"))
    data["people"] = {"Diego Comas": "D"}
    plan.write_text(json.dumps(data), encoding="utf-8")
    assert cli("adopt", str(root), *OPTIONS, "--plan", str(plan)).returncode == 0
    text = (root / "organisation/roles.yml").read_text(encoding="utf-8")
    assert text.startswith(roles.split("  - id: RGS")[0])  # D's block kept byte for byte, then extended
    assert "# since 2020" in text and text.endswith("    holders: [{name: diego comas}]\n")
    assert _holders(root)["D"] == [{"name": "Ann Smith", "email": "ann@acme.example"}, {"name": "Diego Comas"}]
    data["people"] = {"Diego Comas": "RGS"}  # already RGS's holder (written in lower case): not added
    plan.write_text(json.dumps(data), encoding="utf-8")
    before = (root / "organisation/roles.yml").read_bytes()
    assert cli("adopt", str(root), *OPTIONS, "--plan", str(plan)).returncode == 0
    assert (root / "organisation/roles.yml").read_bytes() == before


def _index(n: int) -> str:
    return f"# Section {n}\n\n" + "".join(f"- [Page {n}.{i}](page-{i}.md)\n" for i in range(4))


def test_many_index_pages_are_counted_not_listed_one_by_one(tmp_path: Path) -> None:
    """A handbook has dozens of index pages: the text plan says how many in one line (the JSON
    still lists each); up to three are still named one by one."""
    files = {f"section-{n}/index.md": _index(n) for n in range(5)}
    root = plan_repo(tmp_path, {"policies/business-continuity-policy.md": CONTINUITY, **files})
    text = cli("adopt", str(root), *OPTIONS, "--dry-run")
    assert text.returncode == 0, text.stderr
    assert "5 index pages (mostly links to other pages) not proposed: they lead to documents" in text.stdout
    assert "not proposed: section-0/index.md" not in text.stdout
    plan = json.loads(cli("adopt", str(root), *OPTIONS, "--dry-run", "--format", "json").stdout)
    assert sorted(s["path"] for s in plan["skipped"] if s["why"] == "listing") == sorted(files)
    fr = cli("adopt", str(root), *OPTIONS[:2], "--lang", "fr", "--org", "Acme", "--dry-run")
    assert "5 pages d'index non proposées (surtout des liens vers d'autres pages)" in fr.stdout, fr.stdout


def test_the_first_plan_says_how_a_living_file_history_counts(tmp_path: Path) -> None:
    """Before adoption, the text plan tells how to count a kept-up-to-date file's history as
    evidence (trousse.yml, evidence sources); once adopted, a plain run no longer repeats it."""
    root = plan_repo(tmp_path, {"policies/business-continuity-policy.md": CONTINUITY})
    hint = "list it in trousse.yml under 'evidence', key 'sources', with its 'path'"
    first = cli("adopt", str(root), *OPTIONS)
    assert first.returncode == 0 and hint in first.stdout, first.stdout
    again = cli("adopt", str(root), *OPTIONS)
    assert again.returncode == 0 and hint not in again.stdout, again.stdout
