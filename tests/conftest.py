"""Shared test helpers: isolated git, small kits written as real files, the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from forkserver import TIMEOUT, run_trousse, stop_server

from trousse import i18n

TEST_PACK = """\
id: test-pack
title: {fr: Norme d'essai, en: Test standard}
edition: "2026"
short: TEST
defaults:
  evidence: {minimum_history: 3 months, backdating_tolerance: 7 days}
clauses:
  - {number: "1", title: {fr: Généralités, en: General}}
  - {number: "8.6.1", title: {fr: Incidents, en: Incidents}, records: [incident-record]}
  - {number: "9.2", title: {fr: Audit interne, en: Internal audit}}
processes:
  - {id: INC, name: {fr: Gestion des incidents, en: Incident management}, clauses: ["8.6.1"]}
roles:
  - {id: RGS, name: {fr: Responsable de la gestion des services, en: Service management lead}}
  - {id: D, name: {fr: Direction, en: Director}}
  - {id: OCA, name: {fr: Organisme certificateur, en: Certification body}, external: true}
artefacts:
  - id: sms-policy
    kind: document
    name: {fr: Politique SMS, en: SMS policy}
    required: true
  - id: incident-record
    kind: record
    name: {fr: Fiche d'incident, en: Incident record}
    process: INC
    required: true
    cadence: event
    fields:
      - {id: priority, type: choice, choices: [P1, P2, P3, P4], required: true}
      - {id: resolved_on, type: date}
      - {id: handled_by, type: role}
"""

CONFIG = """\
trousse: 1
organisation: {name: Services Acme, people: 12}
language: LANG
standards: [test-pack]
"""

ROLES = """\
roles:
  - id: RGS
    name: Responsable de la gestion des services
    holders: [{name: Marie Tremblay, email: marie@acme.example}]
  - id: D
    name: Direction
    holders: [{name: Paul Roy}]
  - id: OCA
    name: Organisme certificateur
    external: true
"""

PROCESS = """\
---
id: INC
name: Gestion des incidents
owner: RGS
clauses: [test-pack:8.6.1]
objective: Rétablir le service.
activities:
  - id: INC.1
    name: Enregistrer
    tasks:
      - id: INC.1.1
        name: Enregistrer l'incident
        roles: [RGS]
        outputs: [incident-record]
        steps:
          - {name: Ouvrir la fiche, description: Ouvrir une fiche.}
---
# Gestion des incidents
"""

POLICY = """\
---
id: POL-001
title: Politique de gestion des services
artefact: sms-policy
version: "1.0"
status: approved
owner: RGS
approved_by: D
approved_on: 2026-09-14
review_every: 12 months
---
Texte.
"""

RECORD = """\
id: INC-2026-0001
artefact: incident-record
date: 2026-03-14
title: Panne du serveur de messagerie
priority: P2
resolved_on: 2026-03-14
handled_by: RGS
"""

CATALOGUE = """\
services:
  - id: SVC-1
    name: Soutien
    description: Nous répondons à vos demandes.
    category: business
    promise: Réponse en 4 h.
    cost: Forfait mensuel.
    contributors: []
    clientele: PME
    information: Du lundi au vendredi.
"""


def clean_kit_files(lang: str = "fr") -> dict[str, str]:
    """A small kit with no YML, SCH, REF, CMP or DOC finding."""
    return {
        "trousse.yml": CONFIG.replace("LANG", lang),
        "standards/test-pack.yml": TEST_PACK,
        "organisation/roles.yml": ROLES,
        "processes/INC.md": PROCESS,
        "documents/POL-001.md": POLICY,
        "records/inc/INC-2026-0001.yml": RECORD,
        "services/catalogue.yml": CATALOGUE,
    }


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path -> text) under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed git identity and no user or system git configuration; English locale by default."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_DATE",
        "GITHUB_ACTIONS",
        "CI",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test User\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    i18n.set_language("en")


@pytest.fixture(autouse=True, scope="session")
def _fork_server() -> Iterator[None]:
    """The fork server :func:`cli` uses (tests/forkserver.py) is stopped at the end of this test process."""
    yield
    stop_server()


def _cache_state(folder: Path) -> list[tuple[str, int, int]]:
    if not folder.is_dir():
        return []
    return sorted((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file())


@pytest.fixture(autouse=True, scope="session")
def no_cache_in_project_repository() -> Iterator[None]:
    """Guard: no test writes trousse's caches into the repository the tests run from (a test
    that checks a kit inside it, such as examples/, must copy the kit to a temporary folder)."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--absolute-git-dir"], cwd=here, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        yield
        return
    folder = Path(out.stdout.strip()) / "trousse"
    before = _cache_state(folder)
    yield
    assert _cache_state(folder) == before, f"a test wrote trousse caches into {folder}"


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``root``; ``date`` (ISO 8601, e.g. 2026-03-14T10:00:00+01:00) sets both dates."""
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
    out = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return out.stdout


def commit_all(root: Path, message: str, date: str | None = None) -> str:
    """Add everything and commit at ``date``; return the commit id."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "--all")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()


def no_cache(root: Path) -> None:
    """Remove trousse's caches of the kit at ``root`` (``.git/trousse/``): the next run is cold."""
    for path in sorted((root / ".git" / "trousse").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def plain(text: str) -> str:
    """``text`` without French typography (narrow no-break spaces, typographic apostrophes), so
    that a test can state the words it expects plainly; tests/test_typography_cli.py pins the
    typography itself."""
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")


def cli(
    *args: str, cwd: Path | None = None, raw: bool = False, fresh: bool = False, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """The real ``trousse`` command in a process of its own (``python -m trousse ARGS``), with this
    test's environment and working directory (or ``cwd``). Its output is given :func:`plain` unless
    ``raw``.

    The process is forked from the tests' fork server (tests/forkserver.py: an interpreter that
    has only imported trousse) and becomes ``python -m trousse`` there, which spares the start-up
    and the imports; ``fresh=True`` (or ``TROUSSE_TEST_SUBPROCESS=1`` in the environment) runs a
    genuine ``python -m trousse`` subprocess instead, as does an environment the server cannot
    give (another locale, a PYTHON* variable). Killed after ``timeout`` seconds
    (:class:`subprocess.TimeoutExpired`)."""
    proc = run_trousse(args, cwd=cwd, env=dict(os.environ), fresh=fresh, timeout=timeout)
    if not raw:
        proc.stdout, proc.stderr = plain(proc.stdout), plain(proc.stderr)
    return proc


def check_json(root: Path, *extra: str) -> tuple[int, dict]:
    """Run ``check --format json`` on ``root``; return (exit code, parsed JSON)."""
    proc = cli("check", str(root), "--format", "json", *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


# ---------------------------------------------------------------- report kits (tests/test_report*.py)
REPORT_AUDIT = """\
id: AUD-2026-01
kind: internal
date: 2026-10-02
auditors: [{name: Luc Roy, role: RCF}]
scope: [INC]
context: Premier audit interne.
summary: Bon départ.
conclusion: Le système fonctionne.
signed_by: Paul Roy
signed_on: 2026-10-03
findings:
  - id: AUD-2026-01-F1
    kind: minor-nc
    process: INC
    clause: test-pack:8.6.1
    statement: "<script>alert('x')</script> Fiche manquante | *non* datée"
    evidence: [records/inc/INC-2026-0001.yml]
  - id: AUD-2026-01-F2
    kind: major-nc
    process: INC
    clause: test-pack:8.6.1
    statement: Aucun suivi des incidents majeurs.
  - id: AUD-2026-01-F3
    kind: strength
    process: INC
    statement: Équipe réactive.
  - id: AUD-2026-01-F4
    kind: opportunity
    statement: Automatiser les rappels.
"""

REPORT_ACTIONS = {
    "actions/ACT-2026-001.yml": """\
id: ACT-2026-001
kind: corrective
finding: AUD-2026-01-F1
title: Ouvrir une fiche pour chaque incident
owner: RGS
opened_on: 2026-10-10
due: 2026-11-02
status: open
""",
    "actions/ACT-2026-002.yml": """\
id: ACT-2026-002
kind: corrective
finding: AUD-2026-01-F2
title: Suivre les incidents majeurs
owner: D
opened_on: 2026-11-20
due: 2026-12-15
status: open
""",
}


def report_kit_files(lang: str = "fr") -> dict[str, str]:
    """The clean kit plus an audit with findings, two actions, a response deadline of one month
    and a mapping to another standard: enough for every report."""
    files = clean_kit_files(lang)
    files["standards/test-pack.yml"] = TEST_PACK.replace(
        "  evidence: {minimum_history: 3 months, backdating_tolerance: 7 days}\n",
        "  evidence: {minimum_history: 3 months, backdating_tolerance: 7 days}\n"
        "  certification: {action_plan_within: 1 month}\n",
    ) + (
        "mappings:\n"
        "  - target: other-pack\n"
        "    title: {fr: Autre norme, en: Other standard}\n"
        "    entries:\n"
        "      - {source: '8.6.1', target: '5.2', coverage: P, note: {fr: En partie, en: Partly}}\n"
        "      - {source: '9.2', target: '6.1', coverage: C}\n"
        "      - {source: '1', coverage: N}\n"
    )
    files["audits/AUD-2026-01.yml"] = REPORT_AUDIT
    files.update(REPORT_ACTIONS)
    return files


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(tmp_path: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with ``args`` (a page's URI last), in a profile of its own under
    ``tmp_path``, with no network chatter; asserts that it ended well. Callers skip when
    :data:`CHROMIUM` is None."""
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


# ---------------------------------------------------------------- adopters' repositories (tests/test_adopt*.py)
def plan_repo(tmp_path: Path, files: dict[str, str], when: str = "2026-03-16T10:00:00+01:00") -> Path:
    """A handbook repository to adopt: ``files`` written under ``tmp_path/handbook``, a git
    repository made there and everything committed at ``when``; returns its root."""
    root = tmp_path / "handbook"
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    git(root, "add", "--all")
    git(root, "commit", "-q", "--allow-empty", "-m", f"at {when}", date=when)
    return root


# ---------------------------------------------------------------- workflow helpers (tests/test_workflow_round*.py)
DEMO_DAY = dt.date(2026, 6, 15)


_BUILT_DEMOS: dict[tuple[str, dt.date], Path] = {}


@pytest.fixture(autouse=True, scope="session")
def _forget_built_demos() -> Iterator[None]:
    """The demos :func:`demo_kit` built for this test process are removed at its end."""
    yield
    for built in _BUILT_DEMOS.values():
        shutil.rmtree(built.parent, ignore_errors=True)


def demo_kit(tmp_path: Path, lang: str = "fr", day: dt.date = DEMO_DAY) -> Path:
    """The demo kit in ``lang``, built as on ``day`` (a fixed day, so that its dates are known).

    Built once per test process and (lang, day) by the real ``run_demo``, then copied whole, its
    git directory included, into ``tmp_path``: the demo is deterministic for a given day (same
    files, same commits), and a copy costs a twentieth of a build."""
    from trousse.demo import run_demo

    root = tmp_path / f"demo-{lang}"
    built = _BUILT_DEMOS.get((lang, day))
    if built is None or not built.is_dir():
        built = Path(tempfile.mkdtemp(prefix="trousse-demo-")) / f"demo-{lang}"
        run_demo(built, lang, today=day)
        _BUILT_DEMOS[(lang, day)] = built
    shutil.copytree(built, root, symlinks=True)
    return root


# ---------------------------------------------------------------- fresh kits (trousse init)
_BUILT_INITS: dict[tuple[object, ...], Path] = {}


@pytest.fixture(autouse=True, scope="session")
def _forget_built_inits() -> Iterator[None]:
    """The kits :func:`init_kit` built for this test process are removed at its end."""
    yield
    for built in _BUILT_INITS.values():
        shutil.rmtree(built.parent, ignore_errors=True)


def _what_init_reads() -> tuple[object, ...]:
    """What, besides its arguments, ``trousse init`` reads that a test might change: the day (its
    commit and dates), git's and trousse's variables, the locale, the user's git configuration."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k.startswith(("GIT_", "TROUSSE_", "LC_", "PYTHON"))
        and k != "GIT_CONFIG_GLOBAL"
        or k in ("LANG", "TZ", "PATH")
    }
    config = Path(os.environ.get("GIT_CONFIG_GLOBAL") or Path.home() / ".gitconfig")
    text = config.read_text(encoding="utf-8") if config.is_file() else None
    return (dt.date.today().isoformat(), tuple(sorted(env.items())), text)


def init_kit(root: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    """The kit ``trousse init ROOT ARGS`` makes, for a test that needs a fresh kit to work on (not
    one that tests ``init`` itself): made once per test process by the real command (asserting
    that it succeeded), for the same arguments, folder name, day and environment, then copied
    whole, its git directory included, into ``root``. ``init`` writes nothing that depends on
    where the kit is; the copy keeps the files' dates and the commit made on the same day.
    ``env``: variables set for ``init`` only (a fixed commit date)."""
    key = (root.name, args, tuple(sorted((env or {}).items())), _what_init_reads())
    built = _BUILT_INITS.get(key)
    if built is None or not built.is_dir():
        built = Path(tempfile.mkdtemp(prefix="trousse-init-")) / root.name
        made = run_trousse(["init", str(built), *args], env={**os.environ, **(env or {})})
        assert made.returncode == 0, made.stderr
        _BUILT_INITS[key] = built
    shutil.copytree(built, root, symlinks=True)
    return root


def on_terminal(root: Path, *args: str, env: dict[str, str]) -> tuple[int, str]:
    """``trousse ARGS`` with stdin and stdout on a pseudo-terminal (as typed by a user): its exit
    code and everything it wrote (stderr, then the terminal), :func:`plain`."""
    main, side = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "trousse", *args],
            cwd=root,
            stdin=side,
            stdout=side,
            stderr=subprocess.PIPE,
            env={**os.environ, **env},
            timeout=120,
        )
    finally:
        os.close(side)
    out = b""
    try:
        while chunk := os.read(main, 65536):
            out += chunk
    except OSError:
        pass
    os.close(main)
    return proc.returncode, plain(proc.stderr.decode("utf-8") + out.decode("utf-8", "replace"))


def git_status(root: Path) -> str:
    """``git status --porcelain``, untracked files listed one by one."""
    return git(root, "status", "--porcelain", "--untracked-files=all")
