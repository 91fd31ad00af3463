"""Formats for findings: json, github annotations, junit and sarif."""

from __future__ import annotations

import json
import os
from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from trousse import __version__, i18n
from trousse.check.engine import CheckResult
from trousse.check.rules import REGISTRY

FORMATS = ("auto", "text", "json", "github", "junit", "sarif")


def resolve_format(fmt: str) -> str:
    """``auto`` is ``github`` inside GitHub Actions, else ``text``."""
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return fmt


def to_json(result: CheckResult) -> str:
    """The contract's JSON: ``{"findings": [...], "summary": {...}}``, stable key order."""
    payload = {"findings": [f.as_dict() for f in result.findings], "summary": result.summary()}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def to_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, one line per finding."""
    lines = []
    for f in result.findings:
        level = "error" if f.severity == "error" else "warning"
        msg = f.message + (f" ({f.hint})" if f.hint else "")
        lines.append(
            f"::{level} file={_gh_escape(f.path, True)},line={f.line},col={f.column},"
            f"title={_gh_escape(f.rule, True)}::{_gh_escape(f.rule + ' ' + msg)}"
        )
    lines.append(i18n.t("out.summary", errors=result.errors, warnings=result.warnings, files=len(result.kit.files)))
    return "\n".join(lines) + "\n"


def to_junit(result: CheckResult) -> str:
    """JUnit XML: one test case per file with findings, one failure per finding."""
    by_file = {k: list(v) for k, v in groupby(result.findings, key=lambda f: f.path)}
    cases = sorted(set(result.kit.files) | set(by_file))
    failed = len(by_file)  # a test case per file: it fails when the file has findings
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    out.append(f'<testsuites name="trousse" tests="{len(cases)}" failures="{failed}">')
    out.append(f'<testsuite name="trousse check" tests="{len(cases)}" failures="{failed}">')
    for path in cases:
        out.append(f"<testcase classname={quoteattr(path)} name={quoteattr(path)}>")
        for f in by_file.get(path, []):
            text = f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}"
            out.append(
                f"<failure type={quoteattr(f.severity)} message={quoteattr(f.rule + ' ' + f.message)}>{escape(text)}</failure>"
            )
        out.append("</testcase>")
    out.append("</testsuite></testsuites>")
    return "\n".join(out) + "\n"


def to_sarif(result: CheckResult) -> str:
    """SARIF 2.1.0, for code-scanning dashboards."""
    used = sorted({f.rule for f in result.findings})
    lang = result.lang or result.kit.lang  # the language of the messages
    rules = [
        {
            "id": rid,
            "name": REGISTRY[rid].title_in("en"),
            "shortDescription": {"text": REGISTRY[rid].title_in(lang)},
            "fullDescription": {"text": REGISTRY[rid].doc_in(lang)},
            "defaultConfiguration": {"level": REGISTRY[rid].severity},
        }
        for rid in used
        if rid in REGISTRY
    ]
    results = [
        {
            "ruleId": f.rule,
            "level": f.severity,
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
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "trousse", "version": __version__, "rules": rules}}, "results": results}],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
