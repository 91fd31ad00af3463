"""What adopt reads from a real handbook's documents (issue 15, fresh-install review): owner labels
as handbooks write them ("**Policy Owner:**", "Propriétaire du document"), dates with ordinals
("1st April 2023"), revision tables whose HTML misses a ``</td>``; and a document whose owner is
unknown gets no placeholder owner but is listed as to fill. Real git repositories, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import cli, git, write_files
from test_adopters import _commit

OPTIONS = ("--standard", "iso20000-1-2018", "--lang", "en", "--org", "Acme")


def _plan(files: dict[str, str], tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    root = tmp_path / "handbook"
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    _commit(root, "2026-03-16T10:00:00+01:00")
    out = cli("adopt", str(root), *OPTIONS, "--dry-run", "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return root, data


@pytest.mark.parametrize(
    ("line", "owner", "approver"),
    [
        ("**Policy Owner:** Head of Security", "Head of Security", None),
        ("**Policy Owner**: Tech Ops", "Tech Ops", None),
        ("**Policy Owner: Compliance Manager** \\", "Compliance Manager", None),
        ("**Policy Owner & Approver:** VP Operations", "VP Operations", "VP Operations"),
        ("**Document owner:** Quality Lead", "Quality Lead", None),
        ("Propriétaire du document : Responsable qualité", "Responsable qualité", None),
        ("**Responsable du document :** Direction", "Direction", None),
        ("**Policy statement:** we protect data", None, None),  # silent: not an owner label
    ],
)
def test_owner_labels_as_handbooks_write_them(tmp_path: Path, line: str, owner: str, approver: str | None) -> None:
    name = "policies/service-management-policy.md"
    _, plan = _plan({name: f"# Service Management Policy\n\n{line}\n\nBody.\n"}, tmp_path)
    doc = plan["documents"][0]
    assert (doc["owner"], doc["approved_by"]) == (owner, approver)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Effective from: 1st April 2023", "2023-04-01"),
        ("**Effective date:** 22nd March 2024", "2024-03-22"),
        ("Effective from: April 3rd, 2023", "2023-04-03"),
        ("Effective from: next spring", None),  # silent: no date to read
    ],
)
def test_dates_with_ordinals(tmp_path: Path, line: str, day: str | None) -> None:
    name = "policies/service-management-policy.md"
    _, plan = _plan({name: f"# Service Management Policy\n\n**Owner:** Director\n{line}\n\nBody.\n"}, tmp_path)
    assert plan["documents"][0].get("effective_on") == day


HTML = """\
# Service Management Policy

**Owner:** Director

<table>
  <tr>
   <td><strong>Version</strong></td>
   <td><strong>Date</strong></td>
   <td><strong>Description</strong></td>
   <td><strong>Author</strong></td>
   <td><strong>Approved by</strong></td>
  </tr>
  <tr>
   <td>2.0</td>
   <td>12-May-2022</td>
   <td>Annual review</td>
   <td>Ann Lee</td>
   <td>Bob Stone</td>
  </tr>
  <tr>
   <td>2.1
   <td>18-May-2023</td>
   <td>Annual review</td>
   <td>Ann Lee</td>
   <td>Carla Diaz
  </tr>
</table>
"""


def test_a_revision_row_missing_its_closing_cell_tag_is_read(tmp_path: Path) -> None:
    _, plan = _plan({"policies/service-management-policy.md": HTML}, tmp_path)
    doc = plan["documents"][0]
    assert (doc["version"], doc["approved_on"], doc["approved_by"]) == ("2.1", "2023-05-18", "Carla Diaz")


def test_an_unknown_owner_is_left_to_fill_not_written_as_a_placeholder(tmp_path: Path) -> None:
    name = "policies/service-management-policy.md"
    known = "policies/information-security-policy.md"
    root, plan = _plan(
        {name: "# Service Management Policy\n\nBody.\n", known: "# Information Security Policy\n\n**Owner:** D\n"},
        tmp_path,
    )
    assert [g for g in plan["to_fill"] if g["field"] == "owner"] == [{"path": name, "field": "owner"}]
    text = cli("adopt", str(root), *OPTIONS, "--dry-run")
    assert f"{name}: no owner found" in text.stdout and "owner to fill in" in text.stdout, text.stdout
    out = cli("adopt", str(root), *OPTIONS)
    assert out.returncode == 0, out.stderr
    front = (root / name).read_text(encoding="utf-8").split("---\n")[1]
    assert "owner" not in front and "?" not in front, front
    assert "owner: D\n" in (root / known).read_text(encoding="utf-8")  # silent: a known owner is written
