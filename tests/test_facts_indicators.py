"""Indicators that can be computed (issue 17 part 4): every row of each pack's indicator register
names, in its sources column, the record types it reads and their fields, and every field its
formula names is a field of a form the kit ships for one of those types."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cli, init_kit

PACKS = ["iso9001-2015", "iso20000-1-2018", "iso20000-1-2005", "nf-en-15838", "iso18295-1-2017"]
_CODE = re.compile(r"`([^`]+)`")


def _init(tmp_path: Path, standard: str, lang: str) -> Path:
    return init_kit(tmp_path / f"{standard}-{lang}", "--standard", standard, "--lang", lang, "--org", "Acme")


def _rows(register: str) -> list[list[str]]:
    """The register's filled table rows (the example's included), as cells; no header,
    separator or placeholder row."""
    rows = []
    for line in register.split("\n"):
        s = line.strip().removeprefix(">").strip()
        if not s.startswith("|") or re.fullmatch(r"[|:\-\s]+", s) or "[[" in s:
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if cells[0] in ("Indicateur", "Indicator"):
            continue
        rows.append(cells)
    return rows


def _form_fields(kit: Path, artefact: str) -> set[str]:
    """The top-level keys of the kit's form for ``artefact`` (templates/records/<type>.yml)."""
    form = kit / "templates/records" / f"{artefact}.yml"
    assert form.is_file(), f"the register cites {artefact}, but the kit has no form {form.name}"
    return set(re.findall(r"^([A-Za-z_]\w*):", form.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("standard", PACKS)
def test_every_formula_reads_fields_its_source_forms_have(tmp_path: Path, standard: str, lang: str) -> None:
    kit = _init(tmp_path, standard, lang)
    rows = _rows((kit / "documents/indicator-register.md").read_text(encoding="utf-8"))
    assert rows, "the register gives at least one worked example"
    for cells in rows:
        assert len(cells) == 7, cells
        name, formula, sources = cells[0], cells[1], cells[2]
        cited: dict[str, set[str]] = {}
        for source in sources.split(";"):
            codes = _CODE.findall(source)
            assert codes, f"{name}: the sources name no record type"
            fields = _form_fields(kit, codes[0])
            cited[codes[0]] = fields
            missing = set(codes[1:]) - fields
            assert not missing, f"{name}: {codes[0]} has no field {sorted(missing)}"
        available = set().union(*cited.values())
        in_formula = set(_CODE.findall(formula))
        assert in_formula, f"{name}: the formula names no field"
        assert in_formula <= available, f"{name}: {sorted(in_formula - available)} in no cited form"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_on_time_deliveries_can_be_computed_in_a_9001_kit(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "iso9001-2015", lang)
    rows = _rows((kit / "documents/indicator-register.md").read_text(encoding="utf-8"))
    name = "Livraisons dans le délai promis" if lang == "fr" else "On-time deliveries"
    row = next(r for r in rows if r[0] == name)
    assert "`release-authorisation-record`" in row[2]
    assert {"promised_on", "delivered_on"} <= set(_CODE.findall(row[1]))
    # a delivery recorded with both dates is a valid record
    form = (kit / "templates/records/release-authorisation-record.yml").read_text(encoding="utf-8")
    record = re.sub(r"^id: \S+", "id: LIB-2026-0001", form, flags=re.M)
    record = re.sub(r"^promised_on: null", "promised_on: 2026-11-20", record, flags=re.M)
    record = re.sub(r"^delivered_on: null", "delivered_on: 2026-11-19", record, flags=re.M)
    assert "promised_on: 2026-11-20" in record and "delivered_on: 2026-11-19" in record
    target = kit / "records/release-authorisation-record/LIB-2026-0001.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(record, encoding="utf-8")
    r = cli("check", str(kit), "--format", "json")
    findings = [f for f in json.loads(r.stdout)["findings"] if f["path"] == target.relative_to(kit).as_posix()]
    # the form's own placeholders left as they are (SCH004) aside, both dates are known, well-typed fields
    assert [f for f in findings if f["rule"].startswith(("SCH", "YML")) and f["rule"] != "SCH004"] == []
    assert not any(f["line"] in (16, 17) for f in findings), findings
