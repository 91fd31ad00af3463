"""Session 5 of the daily workflow: the review date the calendar and the register share with
DOC002, the audit programme's lines, the kit's own action-plan delay as a finding, and a kit that
asks for a newer trousse. Real repositories, the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import cli, clean_kit_files, commit_all, write_files


def test_check_rules_do_not_import_the_template_engine() -> None:
    """SCH004 asks forms.audit_required, which must not load jinja2 (the forms render lazily)."""
    code = (
        "import sys, trousse.check.engine, trousse.check.rules, trousse.check.rules.sch, trousse.workflow.forms;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jinja2'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
