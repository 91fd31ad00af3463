"""The table of rule ids (``trousse.findings.RuleId``) and the registry agree, and every problem the
YAML reader reports has its rule."""

from __future__ import annotations

import re
from pathlib import Path

from trousse.check.rules import REGISTRY
from trousse.findings import RuleId
from trousse.loader import YAML_RULES
from trousse.yamlio import ProblemKind

SRC = Path(__file__).parents[1] / "src" / "trousse"


def test_every_registered_rule_is_in_the_table_of_ids() -> None:
    missing = sorted(set(REGISTRY) - {r.value for r in RuleId})
    assert not missing, f"registered rules missing from trousse.findings.RuleId (add a line there): {missing}"


def test_every_id_of_the_table_is_registered() -> None:
    unregistered = sorted({r.value for r in RuleId} - set(REGISTRY))
    assert not unregistered, f"ids of trousse.findings.RuleId with no rule registered: {unregistered}"


def test_every_yaml_problem_has_its_rule() -> None:
    assert set(YAML_RULES) == set(ProblemKind)
    assert all(rid.startswith("YML") and rid in REGISTRY for rid in YAML_RULES.values())


def test_no_bare_rule_id_outside_the_rule_modules() -> None:
    """Code that makes findings outside ``check/rules`` names rules through RuleId."""
    bare = re.compile(r"[\"'](?:YML|SCH|REF|CMP|DOC|EVD|CRT)\d{3}[\"']")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in sorted(SRC.rglob("*.py"))
        if "check/rules" not in path.as_posix() and path.name != "findings.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert not offenders, f"bare rule ids (use trousse.findings.RuleId): {offenders}"
