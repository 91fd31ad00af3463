"""`trousse init` from a user's point of view: a fresh kit, its first commit, no clobbering."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import cli, git

from trousse.packs import shipped_packs

PACK = "iso20000-1-2018"
needs_pack = pytest.mark.skipif(PACK not in shipped_packs(), reason="pack being written")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def _init(tmp_path: Path, lang: str, *extra: str) -> Path:
    kit = tmp_path / f"kit-{lang}"
    proc = cli("init", str(kit), "--standard", PACK, "--lang", lang, "--org", "Services Acme", "--people", "12", *extra)
    assert proc.returncode == 0, proc.stderr
    return kit


@needs_pack
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fresh_kit_has_only_completeness_and_evidence_findings(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, lang)
    proc = cli("check", str(kit), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    # Besides completeness and evidence, only DOC009 (init's example services and customers, to
    # replace) and DOC007 (required register items whose only document is still a draft, as CMP003).
    families = {f["rule"][:3] for f in data["findings"] if f["rule"] not in ("DOC009", "DOC007")}
    assert families <= {"CMP", "EVD"}, [f for f in data["findings"] if f["rule"][:3] not in ("CMP", "EVD")]
    assert {f["path"] for f in data["findings"] if f["rule"] == "DOC009"} == {
        "services/catalogue.yml",
        "organisation/customers.yml",
    }
    assert "CMP" in families
    assert data["summary"]["language"] == lang
    # The kit speaks its language.
    cfg = (kit / "trousse.yml").read_text(encoding="utf-8")
    assert f"language: {lang}" in cfg and "Services Acme" in cfg
    assert (kit / "processes" / "INC.md").is_file()


@needs_pack
def test_first_commit_gitignore_and_ci(tmp_path: Path) -> None:
    kit = _init(tmp_path, "fr")
    log = git(kit, "log", "--format=%s")
    assert log.count("\n") == 1 and "Services Acme" in log
    assert git(kit, "status", "--porcelain") == ""
    assert "reports/" in (kit / ".gitignore").read_text(encoding="utf-8")
    gh = (kit / ".github" / "workflows" / "trousse.yml").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in gh and "trousse check" in gh
    gl = (kit / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert 'GIT_DEPTH: "0"' in gl and "trousse check" in gl


@needs_pack
def test_no_git_and_inside_existing_repo(tmp_path: Path) -> None:
    kit = _init(tmp_path, "en", "--no-git")
    assert not (kit / ".git").exists()
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q")
    proc = cli("init", str(outer / "kit"), "--standard", PACK, "--lang", "en", "--org", "X")
    assert proc.returncode == 0
    assert not (outer / "kit" / ".git").exists()
    assert "commit" in proc.stdout.lower()


@needs_pack
def test_init_never_overwrites(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "processes").mkdir(parents=True)
    (kit / "processes" / "INC.md").write_text("mine\n", encoding="utf-8")
    (kit / "trousse.yml").write_text("mine too\n", encoding="utf-8")
    before = _snapshot(kit)
    # A folder that holds files: refused, with the way out.
    proc = cli("init", str(kit), "--standard", PACK, "--lang", "en", "--org", "X")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "already holds files (processes, trousse.yml)" in proc.stderr and "--force" in proc.stderr
    # --force allows the folder, never an overwrite: every clash is named.
    proc = cli("init", str(kit), "--standard", PACK, "--lang", "en", "--org", "X", "--force")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "processes/INC.md" in proc.stderr and "trousse.yml" in proc.stderr
    assert _snapshot(kit) == before
    assert not (kit / ".git").exists()


def test_missing_options_are_not_asked_outside_a_terminal(tmp_path: Path) -> None:
    proc = cli("init", str(tmp_path / "k"), "--lang", "en", "--org", "X")
    assert proc.returncode == 2 and "--standard" in proc.stderr
    proc = cli("init", str(tmp_path / "k"), "--lang", "en", "--standard", PACK)
    assert proc.returncode == 2 and "--org" in proc.stderr
    assert not (tmp_path / "k").exists()


def test_unknown_standard_and_language(tmp_path: Path) -> None:
    proc = cli("init", str(tmp_path / "k"), "--standard", "iso99999", "--lang", "en", "--org", "X")
    assert proc.returncode == 2 and "iso99999" in proc.stderr
    proc = cli("init", str(tmp_path / "k"), "--standard", PACK, "--lang", "de", "--org", "X")
    assert proc.returncode == 2 and "fr" in proc.stderr
    assert not (tmp_path / "k").exists()


@needs_pack
def test_breaking_a_fresh_kit_gives_located_findings(tmp_path: Path) -> None:
    kit = _init(tmp_path, "fr", "--no-git")
    roles = kit / "organisation" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("\n    name:", "\n name:", 1), encoding="utf-8")
    inc = kit / "processes" / "INC.md"
    lines = inc.read_text(encoding="utf-8").splitlines(keepends=True)
    owner_line = next(i for i, line in enumerate(lines) if line.startswith("owner:"))
    lines[owner_line] = "owner: PERSONNE\n"
    inc.write_text("".join(lines), encoding="utf-8")
    record = kit / "records" / "inc" / "INC-2026-0042.yml"
    record.parent.mkdir(parents=True)
    record.write_text("id: INC-2026-0042\nartefact: incident-record\ndate: hier\ntitle: Panne\n", encoding="utf-8")
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    got = {(f["rule"][:3], f["path"]) for f in data["findings"]}
    assert ("YML", "organisation/roles.yml") in got
    sch = [f for f in data["findings"] if f["rule"] == "SCH001" and f["path"] == "records/inc/INC-2026-0042.yml"]
    assert sch and (sch[0]["line"], sch[0]["column"]) == (3, 7)
    assert 'date : "hier" n\'est pas une date (AAAA-MM-JJ)' in sch[0]["message"]
    # The roles file is unreadable, so role references wait; fix it and the REF finding appears.
    roles.write_text(roles.read_text(encoding="utf-8").replace("\n name:", "\n    name:", 1), encoding="utf-8")
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    ref = [f for f in data["findings"] if f["rule"] == "REF001" and f["path"] == "processes/INC.md"]
    assert ref and ref[0]["line"] == owner_line + 1


def test_wheel_ships_kit_templates(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    if not (root / "pyproject.toml").is_file():
        pytest.skip("not run from a source tree")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)],
            capture_output=True,
            text=True,
        )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("trousse-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("trousse/kit-templates/standards/") for n in names)
    assert "trousse/cli/__init__.py" in names
    for hidden in (".gitignore.j2", ".gitlab-ci.yml.j2", ".github/workflows/trousse.yml.j2"):
        for lang in ("fr", "en"):
            assert f"trousse/kit-templates/kit/{lang}/{hidden}" in names
    assert "trousse/kit-templates/kit/common/.vscode/settings.json.j2" in names
    # The unpacked wheel, ahead of the source tree on the path, finds its own shipped data
    # (importlib.resources) and renders the same kit as the source tree.
    unpacked = tmp_path / "wheel"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    where = subprocess.run(
        [sys.executable, "-c", "import trousse.resources as r; print(r.templates_root())"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert where.stdout.strip() == str(unpacked / "trousse" / "kit-templates"), where.stderr
    for source, run_env in (("wheel", env), ("tree", dict(os.environ))):
        made = subprocess.run(
            [sys.executable, "-m", "trousse", "init", str(tmp_path / f"kit-{source}"), "-s", PACK, "--lang", "fr"]
            + ["--org", "Acme", "--no-git"],
            capture_output=True,
            text=True,
            env=run_env,
        )
        assert made.returncode == 0, made.stderr
    assert _snapshot(tmp_path / "kit-wheel") == _snapshot(tmp_path / "kit-tree")


@needs_pack
def test_missing_options_are_asked_in_a_terminal(tmp_path: Path) -> None:
    """Run init on a pseudo-terminal and answer its questions."""
    import os
    import pty
    import select
    import time

    main, secondary = pty.openpty()
    kit = tmp_path / "asked"
    proc = subprocess.Popen(
        [sys.executable, "-m", "trousse", "init", str(kit), "--no-git"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=dict(os.environ),
    )
    os.close(secondary)
    answers = iter(["en", PACK, "Asked & Co", "7"])
    output = b""
    deadline = time.time() + 60
    while proc.poll() is None and time.time() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        output += chunk
        if chunk.rstrip().endswith((b":", b"]:", b"):")):
            os.write(main, (next(answers, "") + "\n").encode())
    proc.wait(timeout=60)
    os.close(main)
    assert proc.returncode == 0, output.decode(errors="replace")
    cfg = (kit / "trousse.yml").read_text(encoding="utf-8")
    assert "Asked & Co" in cfg and "people: 7" in cfg and "language: en" in cfg


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_organisation_name_that_is_not_plain_yaml_still_gives_a_readable_kit(tmp_path: Path, lang: str) -> None:
    """A name such as ``Acme: #1 Services`` is quoted where it would break a YAML value."""
    kit = tmp_path / "kit"
    org = "Acme: #1 Services"
    made = cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", lang, "--org", org, "--no-git")
    assert made.returncode == 0, made.stderr
    data = json.loads(cli("check", str(kit), "--format", "json").stdout)
    bad = [(f["rule"], f["path"], f["line"]) for f in data["findings"] if f["rule"][:3] in ("YML", "SCH", "REF")]
    assert bad == []
    assert f'"{org}"' in (kit / "trousse.yml").read_text(encoding="utf-8")
    assert org in (kit / "organisation" / "customers.yml").read_text(encoding="utf-8")
