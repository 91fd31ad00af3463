"""Formats for findings: json, github annotations, junit, sarif and GitLab Code Quality."""

from __future__ import annotations

import hashlib
import os
import re
from itertools import groupby

from trousse import __version__, i18n
from trousse.check.engine import CheckResult
from trousse.check.rules import REGISTRY

FORMATS = ("auto", "text", "json", "github", "junit", "sarif", "gitlab")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def resolve_format(fmt: str) -> str:
    """``auto`` is ``github`` inside GitHub Actions, else ``text``."""
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return fmt


def to_json(result: CheckResult) -> str:
    """The contract's JSON: ``{"findings": [...], "summary": {...}}``, stable key order."""
    payload = {"findings": [f.as_dict() for f in result.findings], "summary": result.summary()}
    return i18n.printable_json(payload)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


GITHUB_LEVEL = {"error": "error", "warning": "warning", "notice": "notice"}


def to_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, one line per finding."""
    lines = []
    for f in result.findings:
        level = GITHUB_LEVEL.get(f.severity, "warning")
        msg = f.message + (f" ({f.hint})" if f.hint else "")
        lines.append(
            f"::{level} file={_gh_escape(f.path, True)},line={f.line},col={f.column},"
            f"title={_gh_escape(f.rule, True)}::{_gh_escape(f.rule + ' ' + msg)}"
        )
    lines.append(result.summary_line(len(result.kit.files)))
    return "\n".join(lines) + "\n"


def to_junit(result: CheckResult) -> str:
    """JUnit XML: one test case per file of the kit, failed by each of its errors and warnings; a
    notice is no failure: it is written in the test case's ``system-out``.

    Built with :mod:`xml.etree.ElementTree`, which escapes text and attributes and drops nothing."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only this format builds XML

    by_file = {k: list(v) for k, v in groupby(result.findings, key=lambda f: f.path)}
    cases = sorted(set(result.kit.files) | set(by_file))
    failed = {f.path for f in result.findings if f.severity != "notice"}
    counts = {"tests": str(len(cases)), "failures": str(len(failed)), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "trousse", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "trousse check", **counts})
    for path in cases:
        case = ET.SubElement(suite, "testcase", {"classname": path, "name": path})
        notes: list[str] = []
        for f in by_file.get(path, []):
            text = f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}" + (f" ({f.hint})" if f.hint else "")
            if f.severity == "notice":
                notes.append(f"{f.severity}: {text}")
                continue
            failure = ET.SubElement(case, "failure", {"type": f.severity, "message": f"{f.rule} {f.message}"})
            failure.text = text
        if notes:  # after the failures: JUnit's schema orders a test case's children so
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def sarif_name(title: str) -> str:
    """A rule's SARIF ``name``: SARIF (3.49.7) wants a stable identifier that is never translated,
    in PascalCase, so it is built from the rule's English title ("Unknown role" -> "UnknownRole")."""
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Rule"


# SARIF's levels (3.27.10): a notice is a "note".
SARIF_LEVEL = {"error": "error", "warning": "warning", "notice": "note"}


def to_sarif(result: CheckResult) -> str:
    """SARIF 2.1.0, for code-scanning dashboards."""
    used = sorted({f.rule for f in result.findings})
    lang = result.lang or result.kit.lang  # the language of the messages
    rules = [
        {
            "id": rid,
            "name": sarif_name(REGISTRY[rid].title_in("en")),
            "shortDescription": {"text": REGISTRY[rid].title_in(lang)},
            "fullDescription": {"text": REGISTRY[rid].doc_in(lang)},
            "defaultConfiguration": {"level": SARIF_LEVEL[REGISTRY[rid].severity]},
        }
        for rid in used
        if rid in REGISTRY
    ]
    results = [
        {
            "ruleId": f.rule,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        for f in result.findings
    ]
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "trousse", "version": __version__, "rules": rules}},
                "language": lang,  # of the messages and descriptions
                "columnKind": "unicodeCodePoints",  # columns count characters, from 1
                "results": results,
            }
        ],
    }
    return i18n.printable_json(doc)


# GitLab's Code Quality severities, lowest first: an error blocks (exit 1), a warning does not.
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "notice": "info"}


def to_gitlab(result: CheckResult) -> str:
    """GitLab Code Quality JSON (``artifacts:reports:codequality``): a list of issues, each with
    ``description``, ``check_name``, ``fingerprint``, ``severity`` and ``location.path`` /
    ``location.lines.begin``, so that findings show in merge-request diffs.

    The fingerprint is stable across runs and line moves (rule, path, message, and which
    occurrence it is), and unique within the report, as GitLab shows one issue per fingerprint."""
    seen: dict[str, int] = {}
    issues = []
    for f in result.findings:
        key = "\0".join((f.rule, f.path, f.message))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        description = f"{f.rule} {f.message}" + (f" ({f.hint})" if f.hint else "")
        issues.append(
            {
                "description": description,
                "check_name": f.rule,
                "fingerprint": hashlib.sha256(f"{key}\0{nth}".encode()).hexdigest(),
                "severity": GITLAB_SEVERITY.get(f.severity, "info"),
                "location": {"path": f.path, "lines": {"begin": max(1, f.line)}},
            }
        )
    return i18n.printable_json(issues)
