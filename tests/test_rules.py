"""Each rule of the YML, SCH, REF, CMP and DOC families: a case where it fires, at the right place,
and the clean kit where it stays silent. Cases are data: files changed from the clean kit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import clean_kit_files, write_files

from trousse.check.engine import run_check
from trousse.check.rules import REGISTRY

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


def _with(**changes: str | None) -> dict[str, str | None]:
    return {k.replace("__", "/").replace("_DOT_", "."): v for k, v in changes.items()}


# (case id, changed files: path -> text or None to delete, expected [(rule, path, line, column)])
CASES: list[tuple[str, dict[str, str | None], list[tuple[str, str, int, int | None]]]] = [
    (
        "yml001-misindented",
        {"organisation/roles.yml": "roles:\n  - id: RGS\n    name: Resp\n   holders: []\n"},
        [("YML001", "organisation/roles.yml", 4, None)],
    ),
    (
        "yml002-duplicate-key",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD + "title: encore\n"},
        [("YML002", "records/inc/INC-2026-0002.yml", 6, 1)],
    ),
    ("yml003-list-at-top", {"audits/AUD-1.yml": "- a\n- b\n"}, [("YML003", "audits/AUD-1.yml", 1, 1)]),
    ("yml003-empty", {"actions/ACT-1.yml": ""}, [("YML003", "actions/ACT-1.yml", 1, 1)]),
    (
        "yml004-no-front-matter",
        {"documents/POL-002.md": "# Politique\nsans en-tête\n"},
        [("YML004", "documents/POL-002.md", 1, 1)],
    ),
    (
        "yml004-unclosed",
        {"documents/POL-002.md": "---\nid: POL-002\n# Politique\n"},
        [("YML004", "documents/POL-002.md", 1, 1)],
    ),
    (
        "sch001-date-hier",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD.replace("date: 2026-04-02", "date: hier")},
        [("SCH001", "records/inc/INC-2026-0002.yml", 3, 7)],
    ),
    (
        "sch001-choice",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD.replace("priority: P4", "priority: urgent")},
        [("SCH001", "records/inc/INC-2026-0002.yml", 5, 11)],
    ),
    (
        "sch001-version-not-text",
        {"documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace('version: "1.0"', "version: 1.0")},
        [("SCH001", "documents/POL-001.md", 5, 10)],
    ),
    (
        "sch002-missing-title",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD.replace("title: Imprimante\n", "")},
        [("SCH002", "records/inc/INC-2026-0002.yml", 1, 1)],
    ),
    (
        "sch003-unknown-field",
        {"processes/INC.md": clean_kit_files()["processes/INC.md"].replace("owner: RGS", "owner: RGS\nower: D")},
        [("SCH003", "processes/INC.md", 5, 1)],
    ),
    (
        "ref001-owner-not-a-role",
        {"processes/INC.md": clean_kit_files()["processes/INC.md"].replace("owner: RGS", "owner: RESP")},
        [("REF001", "processes/INC.md", 4, 8)],
    ),
    (
        "ref002-unknown-artefact",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD.replace("artefact: incident-record", "artefact: incident")},
        [("REF002", "records/inc/INC-2026-0002.yml", 2, 11)],
    ),
    (
        "ref003-unknown-process",
        {"audits/AUD-2026-01.yml": AUDIT.replace("scope: [INC]", "scope: [INC, CHG]")},
        [("REF003", "audits/AUD-2026-01.yml", 5, 14)],
    ),
    (
        "ref004-unknown-clause",
        {"audits/AUD-2026-01.yml": AUDIT.replace("clause: test-pack:8.6.1", "clause: test-pack:8.9")},
        [("REF004", "audits/AUD-2026-01.yml", 10, 13)],
    ),
    (
        "ref004-unknown-pack",
        {"audits/AUD-2026-01.yml": AUDIT.replace("clause: test-pack:8.6.1", "clause: iso99999:1")},
        [("REF004", "audits/AUD-2026-01.yml", 10, 13)],
    ),
    (
        "ref005-unknown-finding",
        {
            "audits/AUD-2026-01.yml": AUDIT,
            "actions/ACT-2026-001.yml": ACTION.replace("AUD-2026-01-F1", "AUD-2026-01-F9"),
        },
        [("REF005", "actions/ACT-2026-001.yml", 3, 10)],
    ),
    (
        "ref006-unknown-sla",
        {"services/catalogue.yml": clean_kit_files()["services/catalogue.yml"] + "    sla: SLA-404\n"},
        [("REF006", "services/catalogue.yml", 11, 10)],
    ),
    (
        "ref007-duplicate-id",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD.replace("INC-2026-0002", "INC-2026-0001")},
        [("REF007", "records/inc/INC-2026-0002.yml", 1, 5)],
    ),
    (
        "ref008-document-of-record-type",
        {
            "documents/INC-DOC.md": "---\nid: DOC-9\ntitle: X\nartefact: incident-record\nversion: '1'\nstatus: draft\nowner: RGS\n---\n"
        },
        [("REF008", "documents/INC-DOC.md", 4, 11)],
    ),
    (
        "ref009-missing-evidence",
        {"audits/AUD-2026-01.yml": AUDIT.replace("records/inc/INC-2026-0001.yml", "records/inc/INC-2026-0999.yml")},
        [("REF009", "audits/AUD-2026-01.yml", 12, 16)],
    ),
    (
        "ref010-process-file-name",
        {"processes/INC.md": None, "processes/incidents.md": clean_kit_files()["processes/INC.md"]},
        [("REF010", "processes/incidents.md", 2, 5)],
    ),
    ("cmp001-required-process-missing", {"processes/INC.md": None}, [("CMP001", "trousse.yml", 4, 13)]),
    (
        "cmp002-owner-without-holder",
        {
            "organisation/roles.yml": clean_kit_files()["organisation/roles.yml"].replace(
                "    holders: [{name: Marie Tremblay, email: marie@acme.example}]\n", ""
            )
        },
        [("CMP002", "organisation/roles.yml", 2, 9)],
    ),
    (
        "cmp003-document-draft",
        {
            "documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace(
                "status: approved", "status: draft"
            )
        },
        [("CMP003", "documents/POL-001.md", 6, 9)],
    ),
    ("cmp004-no-record", {"records/inc/INC-2026-0001.yml": None}, [("CMP004", "trousse.yml", 4, 13)]),
    (
        "cmp005-role-missing",
        {"organisation/roles.yml": clean_kit_files()["organisation/roles.yml"].split("  - id: OCA")[0]},
        [("CMP005", "organisation/roles.yml", 1, 1)],
    ),
    (
        "cmp006-service-without-promise",
        {
            "services/catalogue.yml": clean_kit_files()["services/catalogue.yml"].replace(
                "    promise: Réponse en 4 h.\n", ""
            )
        },
        [("CMP006", "services/catalogue.yml", 2, 9)],
    ),
    ("cmp006-no-catalogue", {"services/catalogue.yml": None}, [("CMP006", "trousse.yml", 1, 1)]),
    (
        "doc001-approved-unsigned",
        {"documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace("approved_by: D\n", "")},
        [("DOC001", "documents/POL-001.md", 6, 9)],
    ),
    (
        "doc002-review-overdue",
        {"documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace("2026-09-14", "2024-09-14")},
        [("DOC002", "documents/POL-001.md", 9, 14)],
    ),
    (
        "doc003-no-review-period",
        {"documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace("review_every: 12 months\n", "")},
        [("DOC003", "documents/POL-001.md", 6, 9)],
    ),
    (
        "doc004-approved-in-future",
        {"documents/POL-001.md": clean_kit_files()["documents/POL-001.md"].replace("2026-09-14", "2027-01-05")},
        [("DOC004", "documents/POL-001.md", 9, 14)],
    ),
    (
        "doc005-obsolete-sla",
        {
            "documents/SLA-0.md": "---\nid: SLA-0\ntitle: SLA\nartefact: sms-policy\nversion: '0'\nstatus: obsolete\nowner: RGS\n---\n",
            "services/catalogue.yml": clean_kit_files()["services/catalogue.yml"] + "    sla: SLA-0\n",
        },
        [("DOC005", "services/catalogue.yml", 11, 10)],
    ),
    (
        "yml006-nested-too-deep",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD + "notes: " + "[" * 101 + "]" * 101 + "\n"},
        [("YML006", "records/inc/INC-2026-0002.yml", 6, 107)],
    ),
    (
        "yml007-too-many-values",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD + "notes: [" + "1," * 200_000 + "1]\n"},
        [("YML007", "records/inc/INC-2026-0002.yml", 6, None)],
    ),
    (
        "yml008-alias-expansion",
        {
            "records/inc/INC-2026-0002.yml": SECOND_RECORD
            + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))
        },
        [("YML008", "records/inc/INC-2026-0002.yml", 6, 4)],
    ),
    (
        "sch001-unsafe-record-id",
        {"records/inc/INC-2026-0002.yml": SECOND_RECORD.replace("id: INC-2026-0002", "id: ../../INC-2")},
        [("SCH001", "records/inc/INC-2026-0002.yml", 1, 5)],
    ),
]


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


@pytest.mark.parametrize("name,changes,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_at_the_right_place(
    tmp_path: Path, name: str, changes: dict[str, str | None], expected: list[tuple[str, str, int, int | None]]
) -> None:
    found = _static(_kit(tmp_path, changes))
    for rule, path, line, col in expected:
        hits = [f for f in found if f[0] == rule and f[1] == path and f[2] == line and (col is None or f[3] == col)]
        assert hits, f"{rule} expected at {path}:{line}:{col}; found {found}"
    assert {f[0] for f in found} == {e[0] for e in expected}, found


def test_every_static_rule_has_a_case() -> None:
    covered = {e[0] for _, _, exp in CASES for e in exp}
    static = {r for r in REGISTRY if r[:3] in STATIC and r != "YML005"}
    assert static <= covered, sorted(static - covered)


def test_yml005_not_utf8(tmp_path: Path) -> None:
    kit = _kit(tmp_path, {})
    (kit / "records" / "inc" / "INC-2026-0003.yml").write_bytes("id: x\ntitle: \xe9t\xe9\n".encode("latin-1"))
    found = _static(kit)
    assert ("YML005", "records/inc/INC-2026-0003.yml", 1, 1) in found


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
    assert "le rôle « RESP » n'existe pas" in msg


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
