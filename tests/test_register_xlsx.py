"""``trousse report register --format xlsx``: the register of documented information as a sheet,
read back, with the rows and statuses the Markdown register shows (issue 17 part 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli

openpyxl = pytest.importorskip("openpyxl")


def test_register_xlsx_reads_back_as_the_markdown_register(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    assert (
        cli("init", str(kit), "--standard", "iso9001-2015", "--lang", "fr", "--org", "Atelier Dupuis").returncode == 0
    )
    xlsx, md = tmp_path / "register.xlsx", tmp_path / "register.md"
    for target, fmt in ((xlsx, "xlsx"), (md, "md")):
        r = cli("report", "register", str(kit), "-f", fmt, "-o", str(target))
        assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    assert ws.title.startswith("Registre")
    assert "Atelier Dupuis" in str(ws["A1"].value)
    headers = [c.value for c in ws[2]]
    assert headers[:3] == ["Norme", "Article", "Information documentée"]
    assert ws.freeze_panes == "C3" and str(ws.auto_filter.ref).startswith("A2:")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    table = [
        line for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("| ") and "|---" not in line
    ]
    item_rows = [line for line in table if line.count("|") == 10 and not line.startswith("| Article")]
    assert len(rows) == len(item_rows) > 20
    scope = next(r for r in rows if r[1] == "4.3")
    assert scope[3] == "qms-scope" and headers[3] == "Identifiant"  # the item's id, after its title (round 9)
    assert scope[4] == "document" and scope[5] == "oui" and scope[6] == "documents/qms-scope.md"
    # the approval is two columns (approver, date: a real date), so the status is found by its header
    assert scope[headers.index("État")] == "modèle non adapté"  # as the Markdown register says of a fresh kit's scope
    assert any("| 4.3 |" in line and "**modèle non adapté**" in line for line in item_rows)
