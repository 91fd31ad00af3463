"""Session 5 of the daily workflow: the review date the calendar and the register share with
DOC002, the audit programme's lines, the kit's own action-plan delay as a finding, and a kit that
asks for a newer trousse. Real repositories, the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, commit_all, write_files

from trousse.demo import run_demo


def test_check_rules_do_not_import_the_template_engine() -> None:
    """SCH004 asks forms.audit_required, which must not load jinja2 (the forms render lazily)."""
    code = (
        "import sys, trousse.check.engine, trousse.check.rules, trousse.check.rules.sch, trousse.workflow.forms;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jinja2'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


AS_OF = "2026-11-30"
REGISTER = (
    'documented_information:\n  - {id: policy, clause: "1", kind: document, required: true, '
    "artefacts: [sms-policy], title: {fr: Politique, en: Policy}}\n"
)


def _reviewed_kit(tmp_path: Path, reviewed_on: str | None) -> Path:
    """POL-001 approved on 2025-01-10, to review every 12 months, reviewed (kept as it is) on
    ``reviewed_on``."""
    files = clean_kit_files("en")
    files["standards/test-pack.yml"] += REGISTER
    review = f"\nreviewed_on: {reviewed_on}" if reviewed_on else ""
    files["documents/POL-001.md"] = files["documents/POL-001.md"].replace(
        "approved_on: 2026-09-14", "approved_on: 2025-01-10" + review
    )
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "kit", date="2026-01-06T10:00:00+00:00")
    return root


def _occurrences(root: Path, *extra: str) -> list[dict[str, object]]:
    proc = cli("calendar", str(root), "--format", "json", "--as-of", AS_OF, *extra)
    assert proc.returncode == 0, proc.stderr
    return list(json.loads(proc.stdout)["occurrences"])


def _register_status(root: Path) -> str:
    out = root.parent / "register.json"
    proc = cli("report", "register", str(root), "--format", "md", "-o", str(out.with_suffix(".md")), "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in out.with_suffix(".md").read_text(encoding="utf-8").splitlines() if "POL-001.md" in line]
    assert rows, "POL-001 is not in the register"
    return rows[0]


def test_a_reviewed_document_is_not_overdue_in_the_calendar_nor_the_register(tmp_path: Path) -> None:
    root = _reviewed_kit(tmp_path, "2026-01-05")
    reviews = [
        (o["due"], o["status"], o["done_on"])
        for o in _occurrences(root, "--from", "2025-01-01", "--to", "2027-12-31")
        if o["source"] == "document-review"
    ]
    # the review due a year after approval was held on 2026-01-05; the next one runs from it
    assert reviews == [("2026-01-10", "done", "2026-01-05"), ("2027-01-05", "upcoming", None)]
    row = _register_status(root)
    assert "2027-01-05" in row and "overdue" not in row.lower(), row
    # DOC002 agrees: no finding
    proc = cli("check", str(root), "--format", "json", "--as-of", AS_OF)
    assert "DOC002" not in proc.stdout


def test_a_document_never_reviewed_is_overdue_in_both(tmp_path: Path) -> None:
    root = _reviewed_kit(tmp_path, None)
    reviews = [
        (o["due"], o["status"])
        for o in _occurrences(root, "--from", "2025-01-01", "--to", "2027-12-31")
        if o["source"] == "document-review"
    ]
    assert reviews == [("2026-01-10", "missed")]
    row = _register_status(root)
    assert "2026-01-10" in row and "overdue" in row.lower(), row
    proc = cli("check", str(root), "--format", "json", "--as-of", AS_OF)
    assert "DOC002" in proc.stdout


def _demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    run_demo(root, "en", today=dt.date(2026, 11, 30))
    return root


def test_each_audit_shows_once_for_each_process_it_covers(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    proc = cli("new", "audit", "--date", "2027-04-15", "--no-edit", "--kit", str(root))
    assert proc.returncode == 0, proc.stderr
    planned = proc.stdout.split()[0]
    text = (root / planned).read_text(encoding="utf-8")
    (root / planned).write_text(text.replace("scope: []", "scope: [INC, SRQ, CHG]"), encoding="utf-8")
    commit_all(root, "planned audit", date="2026-11-30T08:00:00+01:00")  # --as-of reads the committed kit
    occs = [
        o for o in _occurrences(root, "--from", "2025-01-01", "--to", "2028-12-31") if o["source"] == "audit-programme"
    ]
    processes = {p.stem for p in (root / "processes").glob("*.md")}
    for audit in sorted((root / "audits").glob("AUD-*.yml")):
        rel = f"audits/{audit.name}"
        scope_line = next(li for li in audit.read_text(encoding="utf-8").splitlines() if li.startswith("scope:"))
        scope = sorted(p.strip() for p in scope_line.split("[", 1)[1].split("]")[0].split(",") if p.strip())
        lines = sorted(str(o["process"]) for o in occs if o["record"] == rel)
        assert lines == sorted(p for p in scope if p in processes), rel
    on_its_date = {(o["process"], o["due"], o["status"]) for o in occs if o["record"] == planned}
    assert on_its_date == {(p, "2027-04-15", "upcoming") for p in ("INC", "SRQ", "CHG")}
    # a held audit is done on its last day
    done = [o for o in occs if o["status"] == "done"]
    assert done and all(o["due"] == o["done_on"] and str(o["due"]) <= AS_OF for o in done)


def _settings_kit(tmp_path: Path, lang: str, extra: str) -> Path:
    files = clean_kit_files(lang)
    files["trousse.yml"] += extra
    root = write_files(tmp_path / "kit", files)
    commit_all(root, "kit", date="2026-01-06T10:00:00+00:00")
    return root


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "3 months is longer than one month"), ("fr", "3 mois, c'est plus d'un mois")]
)
def test_a_longer_action_plan_delay_is_a_finding_at_its_line(tmp_path: Path, lang: str, words: str) -> None:
    root = _settings_kit(tmp_path, lang, "nonconformities:\n  action_plan_within: 3 months\n")
    for _ in range(2):  # the second run reads the kit's caches: the same finding
        proc = cli("check", str(root), "--as-of", AS_OF)
        assert proc.returncode == 1, proc.stderr
        assert "trousse.yml" in proc.stdout and "6:23" in proc.stdout and "ACT006" in proc.stdout, proc.stdout
        assert words in proc.stdout, proc.stdout
    proc = cli("rules", "ACT006", "--lang", lang)
    assert proc.returncode == 0 and "NF EN 15838" in " ".join(proc.stdout.split())


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "upgrade trousse: pip install -U trousse"), ("fr", "mettez trousse à jour : pip install -U trousse")],
)
def test_a_kit_for_a_newer_trousse_is_a_warning_saying_to_upgrade(tmp_path: Path, lang: str, words: str) -> None:
    root = _settings_kit(tmp_path, lang, 'trousse_version: "2!1.0"\n')
    proc = cli("check", str(root), "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # a warning: the kit is still read
    assert "SCH005" in proc.stdout and "trousse.yml" in proc.stdout and "2!1.0" in proc.stdout, proc.stdout
    assert words in proc.stdout, proc.stdout
    proc = cli("rules", "SCH005", "--lang", lang)
    assert proc.returncode == 0 and "pip install -U trousse" in " ".join(proc.stdout.split())


@pytest.mark.parametrize(
    ("wanted", "newer"),
    [("0.1.1", True), ("0.2", True), ("1!0.0.1", True), ("0.1.0", False), ("0.1", False), ("0.1.0rc1", False)],
)
def test_newer_compares_releases_as_pip_does(wanted: str, newer: bool) -> None:
    from trousse.check.rules.settings import is_newer  # noqa: PLC0415

    assert is_newer(wanted, "0.1.0") is newer
    assert is_newer("0.1.0.post1", "0.1.0") and not is_newer("0.1.0.dev3", "0.1.0")
