"""`trousse check --format junit` against a published JUnit XML schema (tests/data/junit-10.xsd)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import cli

etree = pytest.importorskip("lxml.etree")  # installed with the office extra (python-docx)

DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def schema() -> object:
    return etree.XMLSchema(etree.parse(str(DATA / "junit-10.xsd")))


@pytest.mark.parametrize("broken", [False, True])
def test_junit_output_is_valid_against_the_published_schema(tmp_path: Path, schema: object, broken: bool) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(EXAMPLES / "en", kit)
    if broken:  # findings at error severity: failures in the report
        (kit / "processes/AUD.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    proc = cli("check", str(kit), "--format", "junit", "--fast")
    assert proc.returncode == (1 if broken else 0), proc.stdout + proc.stderr
    document = etree.fromstring(proc.stdout.encode("utf-8"))
    assert schema.validate(document), schema.error_log  # type: ignore[attr-defined]
    failures = document.findall(".//failure")
    assert bool(failures) == broken


def test_the_schema_rejects_what_it_should(schema: object) -> None:
    """The schema is not a sieve: a testcase without its name is refused."""
    bad = etree.fromstring(
        b'<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>'
    )
    assert not schema.validate(bad)  # type: ignore[attr-defined]
