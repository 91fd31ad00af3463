"""French typography of the reports and Markdown without HTML entities: narrow no-break spaces
before : ; ? ! and inside « » (kit data included), typographic apostrophes in trousse's words,
ISO/CEI in French and ISO/IEC in English, '&' as written in Markdown (escaped in HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import commit_all, report_kit_files, write_files

from trousse.cli.app import run
from trousse.reports.render import md_escape
from trousse.reports.typo import french_apostrophes, french_spacing

AS_OF = "2026-11-23"
NNBSP = "\u202f"


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    files = report_kit_files("fr")
    files["trousse.yml"] = files["trousse.yml"].replace("name: ", "name: Dupont & Fils — ", 1)
    write_files(root, files)
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    return root


def report(root: Path, kind: str, fmt: str, *extra: str) -> str:
    target = root / "reports" / f"{kind}.{fmt}"
    args = ["report", kind, str(root), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *extra]
    assert run(args + (["--audit", "AUD-2026-01"] if kind == "audit" else [])) == 0
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article : 7.2", f"Article{NNBSP}: 7.2"),
        ("« revue »", f"«{NNBSP}revue{NNBSP}»"),
        ("Prêt ? Oui !", f"Prêt{NNBSP}? Oui{NNBSP}!"),
        ("https://example.org 10:30", "https://example.org 10:30"),  # no space written: unchanged
    ],
)
def test_french_spacing(text: str, expected: str) -> None:
    assert french_spacing(text) == expected


def test_apostrophes_only_between_letters() -> None:
    assert french_apostrophes("l'audit d'un 'mot'") == "l’audit d’un 'mot'"


def test_markdown_keeps_ampersand_and_escapes_entities() -> None:
    assert md_escape("Dupont & Fils") == "Dupont & Fils"
    assert md_escape("&amp; <b>") == r"\&amp; &lt;b&gt;"


def test_french_report_typography(kit: Path) -> None:
    md = report(kit, "audit", "md")
    assert "Dupont & Fils" in md and "&amp;" not in md
    assert "Rapport d’audit" in md  # trousse's own words
    assert f"Article{NNBSP}: " in md and "Article : " not in md
    assert "ISO/CEI" in md or "ISO/IEC" not in md
    page = report(kit, "audit", "html")
    assert "Dupont &amp; Fils" in page  # HTML stays escaped
    plan = report(kit, "action-plan", "md")
    assert "(s)" not in plan and "dans un délai d’un mois" in plan


def test_english_report_has_no_french_spacing(kit: Path) -> None:
    md = report(kit, "audit", "md", "--lang", "en")
    assert NNBSP not in md and "’" not in md.replace("Dupont", "")
    assert "Audit report" in md and "Clause: " in md
