"""A finding: a frozen value that says what is wrong, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

# error fails a run; warning fails it with --strict; notice never does (a reminder)
SeverityName = Literal["error", "warning", "notice"]


class RuleId(StrEnum):
    """The table of rule ids: every finding trousse reports carries one of these.

    Code that makes findings outside the rule modules (the loader for YML and SCH) names its rule
    with a member, never with a bare string. Each id is registered once in
    :mod:`trousse.check.rules` (its severity, titles and documentation) and documented with
    examples in ``check/rules/docs/<ID>.yml``; ``tests/test_rule_table.py`` checks that the
    three agree. A new rule adds its line here, in its family, in id order.
    """

    YML001 = "YML001"
    YML002 = "YML002"
    YML003 = "YML003"
    YML004 = "YML004"
    YML005 = "YML005"
    YML006 = "YML006"
    YML007 = "YML007"
    YML008 = "YML008"
    YML009 = "YML009"
    YML010 = "YML010"
    YML011 = "YML011"
    YML012 = "YML012"
    SCH001 = "SCH001"
    SCH002 = "SCH002"
    SCH003 = "SCH003"
    SCH004 = "SCH004"
    SCH005 = "SCH005"
    REF001 = "REF001"
    REF002 = "REF002"
    REF003 = "REF003"
    REF004 = "REF004"
    REF005 = "REF005"
    REF006 = "REF006"
    REF007 = "REF007"
    REF008 = "REF008"
    REF009 = "REF009"
    REF010 = "REF010"
    REF011 = "REF011"
    REF012 = "REF012"
    REF013 = "REF013"
    REF014 = "REF014"
    REF015 = "REF015"
    CMP001 = "CMP001"
    CMP002 = "CMP002"
    CMP003 = "CMP003"
    CMP004 = "CMP004"
    CMP005 = "CMP005"
    CMP006 = "CMP006"
    CMP007 = "CMP007"
    CMP008 = "CMP008"
    CAT001 = "CAT001"
    DOC001 = "DOC001"
    DOC002 = "DOC002"
    DOC003 = "DOC003"
    DOC004 = "DOC004"
    DOC005 = "DOC005"
    DOC006 = "DOC006"
    DOC007 = "DOC007"
    DOC008 = "DOC008"
    EVD001 = "EVD001"
    EVD002 = "EVD002"
    EVD003 = "EVD003"
    EVD004 = "EVD004"
    EVD005 = "EVD005"
    EVD006 = "EVD006"
    EVD007 = "EVD007"
    EVD008 = "EVD008"
    EVD009 = "EVD009"
    EVD010 = "EVD010"
    EVD011 = "EVD011"
    EVD012 = "EVD012"
    EVD013 = "EVD013"
    CRT001 = "CRT001"
    CRT002 = "CRT002"
    CRT003 = "CRT003"
    CRT004 = "CRT004"
    CRT005 = "CRT005"
    AUD001 = "AUD001"
    ACT001 = "ACT001"
    ACT002 = "ACT002"
    ACT003 = "ACT003"
    ACT004 = "ACT004"
    ACT005 = "ACT005"
    ACT006 = "ACT006"
    ACT007 = "ACT007"
    ACT008 = "ACT008"
    CAL001 = "CAL001"
    CAL002 = "CAL002"
    AUD002 = "AUD002"
    CMP009 = "CMP009"
    DOC009 = "DOC009"
    DOC010 = "DOC010"
    DOC011 = "DOC011"


_ORDER = {"error": 0, "warning": 1}


@dataclass(frozen=True, order=False)
class Finding:
    """One problem in a kit. ``path`` is kit-relative with forward slashes; line/column from 1."""

    rule: str
    severity: SeverityName
    path: str
    line: int
    column: int
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        # A RuleId member is stored as its plain string: findings compare, hash, sort and
        # serialise the same whether they were made here or read back from a cache.
        object.__setattr__(self, "rule", str(self.rule))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Findings sort by file, line, column, rule, then message: a stable order for CI."""
        return (self.path, self.line, self.column, self.rule, self.message)

    def with_severity(self, severity: SeverityName) -> Finding:
        """A copy with another severity (rule overrides in trousse.yml)."""
        return replace(self, severity=severity)

    def as_dict(self) -> dict[str, object]:
        """The JSON form of the contract: rule, severity, path, line, column, message (+ hint)."""
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if self.hint:
            out["hint"] = self.hint
        return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sort and drop exact duplicates."""
    return sorted(set(findings), key=Finding.sort_key)
