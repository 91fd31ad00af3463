"""Helpers for the evidence tests: a self-contained kit in a real git repository, commits at
chosen dates, and the real CLI run in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import git, plain, write_files

from trousse.cli.app import run

EV_PACK = """\
id: test-pack
title: {fr: Norme d'essai, en: Test standard}
edition: "2026"
short: TEST
processes:
  - {id: INC, name: {fr: Incidents, en: Incidents}}
  - {id: CHG, name: {fr: Changements, en: Changes}}
artefacts:
  - {id: incident-record, kind: record, name: Incident, process: INC, cadence: event}
  - {id: change-record, kind: record, name: Change, process: CHG, cadence: event}
  - {id: service-report, kind: record, name: Service report, process: INC, cadence: monthly}
  - {id: internal-audit-report, kind: record, name: Internal audit report, cadence: event}
  - {id: management-review-record, kind: record, name: Management review, cadence: event}
"""

CONFIG = """\
trousse: 1
organisation: {{name: Acme, people: 3}}
language: {lang}
standards: [test-pack]
evidence: {{minimum_history: {minimum}, backdating_tolerance: {tolerance}{extra}}}
"""


class EvKit:
    """A kit of the test pack in ``root`` (inside the git repository ``repo``)."""

    def __init__(
        self,
        repo: Path,
        sub: str = "",
        minimum: str = "3 months",
        tolerance: str = "7 days",
        lang: str = "en",
        evidence: str = "",
    ) -> None:
        """``evidence`` adds keys to trousse.yml's evidence mapping (flow style, e.g.
        ``"max_silence: 6 months"``)."""
        self.repo = repo
        self.root = repo / sub if sub else repo
        self.root.mkdir(parents=True, exist_ok=True)
        write_files(
            self.root,
            {
                "trousse.yml": CONFIG.format(
                    lang=lang, minimum=minimum, tolerance=tolerance, extra=f", {evidence}" if evidence else ""
                ),
                "standards/test-pack.yml": EV_PACK,
            },
        )
        if not (repo / ".git").exists():
            git(repo, "init", "-q")

    def record(self, name: str, rid: str, date: str, artefact: str = "incident-record") -> str:
        """Write ``records/<name>`` (kit-relative); return that path."""
        path = f"records/{name}"
        write_files(self.root, {path: f"id: {rid}\nartefact: {artefact}\ndate: {date}\ntitle: {rid}\n"})
        return path

    def commit(self, when: str, message: str = "c") -> str:
        """Commit everything at ``when`` (ISO 8601 with offset); return the commit id."""
        git(self.repo, "add", "--all")
        git(self.repo, "commit", "-q", "--allow-empty", "-m", message, date=when)
        return git(self.repo, "rev-parse", "HEAD").strip()

    def move(self, src: str, dst: str) -> None:
        """``git mv`` kit-relative ``src`` to ``dst`` (folders made as needed)."""
        (self.root / dst).parent.mkdir(parents=True, exist_ok=True)
        git(self.repo, "mv", str(self.root / src), str(self.root / dst))

    def git(self, *args: str, when: str | None = None) -> str:
        """Run git in the repository."""
        return git(self.repo, *args, date=when)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The real CLI in-process: (exit code, stdout, stderr), given :func:`conftest.plain`."""
    capsys.readouterr()
    code = run(list(args))
    out = capsys.readouterr()
    return code, plain(out.out), plain(out.err)


def evidence_json(capsys: pytest.CaptureFixture[str], kit: EvKit, *extra: str) -> tuple[int, dict[str, Any]]:
    """``trousse evidence --format json`` on the kit."""
    code, out, err = run_cli(capsys, "evidence", str(kit.root), "--format", "json", *extra)
    assert code in (0, 1), err
    return code, json.loads(out)


def check_findings(capsys: pytest.CaptureFixture[str], kit: EvKit, *extra: str) -> list[dict[str, Any]]:
    """The EVD findings of ``trousse check --format json`` on the kit."""
    code, out, err = run_cli(capsys, "check", str(kit.root), "--format", "json", *extra)
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["rule"].startswith("EVD")]


def rules_of(findings: list[dict[str, Any]]) -> list[str]:
    """The rule ids, sorted."""
    return sorted(f["rule"] for f in findings)


def by_path(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Records of the evidence JSON by path."""
    return {r["path"]: r for r in data["records"]}


def process(data: dict[str, Any], pid: str) -> dict[str, Any]:
    """One process of the evidence JSON."""
    return next(p for p in data["processes"] if p["id"] == pid)
