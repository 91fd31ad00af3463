"""The clean kit passes every static rule; messages follow the language; severities can be changed.

Each rule's own cases (where it fires, where it stays silent) are data files under
``tests/rules/cases/``, run by ``tests/test_rule_cases.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import clean_kit_files, write_files

from trousse.check.engine import run_check

AS_OF = dt.date(2026, 11, 23)
STATIC = ("YML", "SCH", "REF", "CMP", "DOC")

AUDIT = """\
id: AUD-2026-01
kind: internal
date: 2026-10-02
auditors: [{name: Luc Roy, role: RGS}]
scope: [INC]
findings:
  - id: AUD-2026-01-F1
    kind: minor-nc
    process: INC
    clause: test-pack:8.6.1
    statement: Deux fiches sans priorité.
    evidence: [records/inc/INC-2026-0001.yml]
"""

ACTION = """\
id: ACT-2026-001
kind: corrective
finding: AUD-2026-01-F1
title: Rendre la priorité obligatoire
owner: RGS
due: 2026-12-01
status: open
"""

SECOND_RECORD = """\
id: INC-2026-0002
artefact: incident-record
date: 2026-04-02
title: Imprimante
priority: P4
"""


def _kit(tmp_path: Path, changes: dict[str, str | None], lang: str = "fr") -> Path:
    files: dict[str, str | None] = dict(clean_kit_files(lang))
    files.update(changes)
    write_files(tmp_path, {k: v for k, v in files.items() if v is not None})
    return tmp_path


def _static(tmp_path: Path) -> list[tuple[str, str, int, int]]:
    result = run_check(tmp_path, as_of=AS_OF)
    return [(f.rule, f.path, f.line, f.column) for f in result.findings if f.rule[:3] in STATIC]


def test_clean_kit_has_no_finding(tmp_path: Path) -> None:
    assert _static(_kit(tmp_path, {})) == []


def test_clean_kit_with_audit_and_action_has_no_finding(tmp_path: Path) -> None:
    kit = _kit(
        tmp_path,
        {
            "audits/AUD-2026-01.yml": AUDIT,
            "actions/ACT-2026-001.yml": ACTION,
            "records/inc/INC-2026-0002.yml": SECOND_RECORD,
        },
    )
    assert _static(kit) == []


def test_messages_follow_the_kit_language(tmp_path: Path) -> None:
    kit = _kit(
        tmp_path,
        {"processes/INC.md": clean_kit_files()["processes/INC.md"].replace("owner: RGS", "owner: RESP")},
        lang="en",
    )
    result = run_check(kit, as_of=AS_OF)
    msg = next(f.message for f in result.findings if f.rule == "REF001")
    assert "role 'RESP' is not in organisation/roles.yml" in msg
    result = run_check(kit, as_of=AS_OF, lang="fr")
    msg = next(f.message for f in result.findings if f.rule == "REF001")
    assert "le rôle «\u202fRESP\u202f» n’existe pas" in msg  # French typography


def test_severity_overrides(tmp_path: Path) -> None:
    changes = {
        "documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace("review_every: 12 months\n", "")
    }
    kit = _kit(tmp_path, changes)
    result = run_check(kit, as_of=AS_OF)
    assert [f.severity for f in result.findings if f.rule == "DOC003"] == ["warning"]
    cfg = kit / "trousse.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "rules: {DOC003: error}\n", encoding="utf-8")
    assert [f.severity for f in run_check(kit, as_of=AS_OF).findings if f.rule == "DOC003"] == ["error"]
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("DOC003: error", "DOC003: off"), encoding="utf-8")
    assert [f for f in run_check(kit, as_of=AS_OF).findings if f.rule == "DOC003"] == []
