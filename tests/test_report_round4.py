"""Reports, third review round of issue 12, on the demo kit with the real CLI: dates in prose are
written in words (``27 novembre 2026``, ``1er décembre 2026``, ``27 November 2026``) while table
cells meant for sorting keep ISO dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import cli, plain

ISO = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from trousse.demo import ANCHOR, run_demo

    root = tmp_path_factory.mktemp("round4") / "demo"
    run_demo(root, "fr", today=ANCHOR)
    return root


def demo_report(demo: Path, kind: str, fmt: str, *extra: str, as_of: str = "2026-11-23") -> Path:
    target = demo.parent / f"{kind}-{'-'.join(extra) or 'fr'}-{as_of}.{fmt}"
    proc = cli("report", kind, str(demo), "-f", fmt, "-o", str(target), "--as-of", as_of, *extra)
    assert proc.returncode == 0, proc.stderr
    return target


def prose_lines(md: str) -> list[str]:
    """The Markdown's lines that are neither table rows (tables keep ISO dates for sorting) nor in a
    code block (the review record's YAML skeleton is machine input)."""
    lines, fenced = [], False
    for line in md.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and not line.startswith("|"):
            lines.append(line)
    return lines


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["action-plan", "readiness", "review-inputs", "catalogue"])
def test_prose_has_no_iso_date(demo: Path, kind: str, lang: str) -> None:
    md = demo_report(demo, kind, "md", "--lang", lang).read_text(encoding="utf-8")
    leaked = [line for line in prose_lines(md) if ISO.search(line)]
    assert not leaked, leaked[:3]
    words = "23 novembre 2026" if lang == "fr" else "23 November 2026"
    assert plain(md).rstrip().endswith(words)  # the footer: "Produit par trousse … — 23 novembre 2026"


def test_first_of_the_month_and_remarks_in_words(demo: Path) -> None:
    md = plain(demo_report(demo, "readiness", "md", as_of="2026-12-01").read_text(encoding="utf-8"))
    assert md.rstrip().endswith("— 1er décembre 2026")
    assert "dernière revue le 20 novembre 2026 (RDD-2026-0002)" in md  # a remark from the evidence
    assert "remplie le 20 novembre 2026" in md
    ri = plain(demo_report(demo, "review-inputs", "md", "--since", "2026-01-01").read_text(encoding="utf-8"))
    assert "(D, échéance 18 décembre 2026)" in ri
    html = demo_report(demo, "review-inputs", "html", as_of="2026-12-01").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-01">1er décembre 2026</time>' in plain(html)  # machine-readable kept


def test_sorting_tables_keep_iso_dates(demo: Path) -> None:
    md = demo_report(demo, "readiness", "md").read_text(encoding="utf-8")
    assert any(line.startswith("| AST ") and "| 2026-06-11 |" in line for line in md.splitlines())
