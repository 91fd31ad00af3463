"""A finding: a frozen value that says what is wrong, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

SeverityName = Literal["error", "warning"]
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
