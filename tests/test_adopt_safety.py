"""trousse adopt --plan never writes outside the kit's documents nor damages a repository (issue 15,
fresh-install review): a plan entry naming git's own folder, a file git ignores, a file that is not
Markdown, a symbolic link or a folder is refused; every value of the plan is checked; all of it
before anything is written. A write that fails midway says what was written. Real git repositories,
the real command line."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import cli, plan_repo, write_files
from test_adopters import HANDBOOK_POLICY, HANDBOOK_SECURITY, _commit

OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")
SMP = "policies/service-management-policy.md"
SEC = "policies/information-security-policy.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = plan_repo(
        tmp_path,
        {
            SMP: HANDBOOK_POLICY,
            SEC: HANDBOOK_SECURITY,
            "package.json": '{"name": "handbook"}\n',
            ".gitignore": "drafts/\n",
            "drafts/policy.md": "# Draft policy\n",
            "README.md": "# Our handbook\n",
        },
    )
    os.symlink("service-management-policy.md", root / "policies/linked-policy.md")
    (root / "elsewhere").mkdir()
    write_files(root.parent, {"outside/policy.md": "# Outside policy\n"})
    os.symlink("../outside", root / "linked-folder")
    return root


def _everything(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, git's own folder included (symbolic links not followed)."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if not p.is_symlink():
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


def _apply(root: Path, tmp_path: Path, plan: Any) -> Any:
    edited = tmp_path / "adopt-plan.json"
    edited.write_text(plan if isinstance(plan, str) else json.dumps(plan), encoding="utf-8")
    return cli("adopt", str(root), *OPTIONS, "--plan", str(edited))


def _good(root: Path) -> list[dict[str, Any]]:
    out = cli("adopt", str(root), *OPTIONS, "--dry-run", "--format", "json")
    assert out.returncode == 0, out.stderr
    docs: list[dict[str, Any]] = json.loads(out.stdout)["documents"]
    assert {d["path"] for d in docs} == {SMP, SEC}
    return docs


_FRESH_PLAN: list[list[dict[str, Any]]] = []


def _good_on_a_fresh_repo(root: Path) -> list[dict[str, Any]]:
    """:func:`_good` on the ``repo`` fixture as made (every test gets the same files, committed at
    the same time): asked of adopt once per test process, then copied."""
    if not _FRESH_PLAN:
        _FRESH_PLAN.append(_good(root))
    return json.loads(json.dumps(_FRESH_PLAN[0]))


def _refused(out: Any, *words: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    err = out.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for w in words:
        assert w in err, (w, err)
    for internal in ("Errno", "'int'", "object is", "iterable", "KeyError", "(documents)", "pydantic", "input_value"):
        assert internal not in err, err


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (".git/HEAD", "git's own folder"),
        (".git/description", "git's own folder"),
        ("package.json", "not a Markdown document"),
        ("drafts/policy.md", "git ignores"),
        ("policies/linked-policy.md", "symbolic link"),
        ("linked-folder/policy.md", "symbolic link"),
        ("elsewhere", "not a Markdown document"),
        ("policies/gone.md", "not a file of the repository"),
    ],
)
def test_a_plan_entry_that_must_not_be_written_stops_everything(
    repo: Path, tmp_path: Path, path: str, words: str
) -> None:
    before = _everything(repo)
    outside = (repo.parent / "outside/policy.md").read_bytes()
    # the refused entry comes last: the good ones before it must not have been written
    plan = {"documents": [*_good_on_a_fresh_repo(repo), {"path": path, "artefacts": ["sms-policy"], "owner": "D"}]}
    _refused(_apply(repo, tmp_path, plan), path, words, "nothing was written")
    assert _everything(repo) == before
    assert (repo.parent / "outside/policy.md").read_bytes() == outside


@pytest.mark.parametrize(
    ("entry", "key", "words"),
    [
        ({"owner": 5}, "owner", "text in quotes"),
        ({"owner": ["x"]}, "owner", "text in quotes"),
        ({"approved_on": "yesterday"}, "approved_on", "YYYY-MM-DD"),
        ({"approved_on": "2026-02-30"}, "approved_on", "YYYY-MM-DD"),
        ({"approved_on": 20260314}, "approved_on", "YYYY-MM-DD"),
        ({"review_every": "often"}, "review_every", "12 months"),
        ({"version": 2.1}, "version", '"2.1"'),
        ({"version": {"a": 1}}, "version", '"2.1"'),
        ({"artefacts": 5}, "artefacts", "list of document type ids"),
        ({"artefacts": ["sms-policy", "no-such-type"]}, "artefacts", "'no-such-type'"),
        ({"status": "done"}, "status", "draft, in-review"),
        ({"onwer": "D"}, "onwer", "not a key"),
        ({"id": "bad id!"}, "id", "identifier"),
    ],
)
def test_a_bad_value_names_the_entry_and_key_and_writes_nothing(
    repo: Path, tmp_path: Path, entry: dict[str, Any], key: str, words: str
) -> None:
    before = _everything(repo)
    docs = _good_on_a_fresh_repo(repo)
    docs[1] = {**docs[1], **entry}
    out = _apply(repo, tmp_path, {"documents": docs})
    _refused(out, "entry 2", docs[1]["path"], f"'{key}'", words)
    assert _everything(repo) == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[1, 2]", "'documents' list"),
        ('{"documents": [ {"path": "a.md",}', "line 1, column 33"),
        ('{"documents": [3]}', "entry 1"),
        ('{"documents": [{"artefacts": ["sms-policy"]}]}', "'path'"),
        ('{"documents": [], "roles": {"Jane Doe": "NOBODY"}}', "role id"),
        ('{"documents": [{"path": "x.md"}, {"path": "x.md"}]}', "twice"),
    ],
)
def test_a_malformed_plan_is_one_plain_line(repo: Path, tmp_path: Path, text: str, words: str) -> None:
    before = _everything(repo)
    _refused(_apply(repo, tmp_path, text), words)
    assert _everything(repo) == before


def test_a_plan_that_is_no_text_or_not_there(repo: Path, tmp_path: Path) -> None:
    binary = tmp_path / "plan.json"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    _refused(cli("adopt", str(repo), *OPTIONS, "--plan", str(binary)), "UTF-8")
    _refused(cli("adopt", str(repo), *OPTIONS, "--plan", str(tmp_path / "nope.json")), "does not exist")


def test_an_entry_without_owner_is_written_without_crashing(repo: Path, tmp_path: Path) -> None:
    out = _apply(repo, tmp_path, {"documents": [{"path": SMP, "artefacts": ["sms-policy"]}]})
    assert out.returncode == 0, out.stderr
    assert (repo / SMP).read_text(encoding="utf-8").startswith("---\n")


def test_a_target_that_cannot_be_written_stops_the_plan_before_any_write(repo: Path, tmp_path: Path) -> None:
    """A file named ``services`` stands where adopt adds ``services/catalogue.yml``: every target is
    checked (trousse.fsio) before the first write, so the run stops with nothing written and names
    the path (it used to write the documents first, then stop midway)."""
    write_files(repo, {"services": "not a folder\n"})
    _commit(repo, "2026-03-17T10:00:00+01:00")
    before = _everything(repo)
    out = _apply(repo, tmp_path, {"documents": [{"path": SMP, "artefacts": ["sms-policy"], "owner": "D"}]})
    assert out.returncode == 2, out.stderr
    err = out.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "Errno" not in err, err
    assert "services/catalogue.yml goes through services" in err, err
    assert _everything(repo) == before  # nothing written


def test_a_plain_rerun_after_adoption_only_proposes(repo: Path, tmp_path: Path) -> None:
    """The consultant removed the security policy from the plan and applied it: a later plain run
    must not bring it back (nor add it to trousse.yml); it proposes and says to use --plan."""
    docs = [d for d in _good(repo) if d["path"] != SEC]
    assert _apply(repo, tmp_path, {"documents": docs}).returncode == 0
    adopted = _everything(repo)
    assert b"artefact:" not in adopted[SEC] and SEC not in adopted["trousse.yml"].decode()
    out = cli("adopt", str(repo), *OPTIONS)
    assert out.returncode == 0, out.stderr
    assert "already adopted" in out.stdout and "--plan" in out.stdout, out.stdout
    assert _everything(repo) == adopted
    # --plan still applies what the consultant decides
    again = _apply(repo, tmp_path, {"documents": _good(repo)})
    assert again.returncode == 0, again.stderr
    assert b"artefact: information-security-policy" in (repo / SEC).read_bytes()
