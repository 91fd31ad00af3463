"""AUD001, auditor independence: fires on an auditor who owns (or holds the owner role of) a process in
the audit's scope, at the auditor's line; silent otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import clean_kit_files, write_files

from trousse.check.engine import run_check

AUDIT = """\
id: AUD-2026-01
kind: KIND
date: 2026-10-02
auditors:
  - {name: Paul Roy, role: D}
  - AUDITOR
scope: [INC]
"""


def _aud(tmp_path: Path, auditor: str, kind: str = "internal", lang: str = "en") -> list[tuple[str, int, str]]:
    files = clean_kit_files(lang)
    files["audits/AUD-2026-01.yml"] = AUDIT.replace("AUDITOR", auditor).replace("KIND", kind)
    write_files(tmp_path, files)
    result = run_check(tmp_path, as_of=dt.date(2026, 11, 23))
    return [(f.path, f.line, f.message) for f in result.findings if f.rule == "AUD001"]


def test_auditor_with_the_owner_role_fires(tmp_path: Path) -> None:
    assert _aud(tmp_path, "{name: Luc Roy, role: RGS}") == [
        (
            "audits/AUD-2026-01.yml",
            6,
            "Luc Roy audits INC, which they own (role RGS): auditors do not audit their own work; "
            "have another person, or an external auditor, audit INC",
        )
    ]


def test_holder_of_the_owner_role_fires_whatever_role_they_give(tmp_path: Path) -> None:
    found = _aud(tmp_path, "{name: marie  tremblay, role: D}", kind="mock", lang="fr")
    assert [(p, line) for p, line, _ in found] == [("audits/AUD-2026-01.yml", 6)]
    assert found[0][2].startswith("marie  tremblay audite INC alors qu'il ou elle tient le rôle RGS")


@pytest.mark.parametrize(
    ("auditor", "kind"),
    [("{name: Luc Roy, role: OCA}", "internal"), ("{name: Luc Roy, role: RGS}", "stage1")],
    ids=["independent-auditor", "external-audit"],
)
def test_independent_auditor_or_external_audit_is_silent(tmp_path: Path, auditor: str, kind: str) -> None:
    assert _aud(tmp_path, auditor, kind) == []
