"""Wording and French typography of the reports on the French demo kit (found by the
fresh-install reviewer of issue 12): the chart titles' colon, the action trail in long dates
with its missing steps said in words, ISO/CEI in every French report, one name for the
Foundation-certified resource."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trousse.cli.app import run
from trousse.demo import ANCHOR, run_demo

AS_OF = ANCHOR.isoformat()


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wording") / "demo"
    run_demo(root, "fr", today=ANCHOR)
    return root


def render(kit: Path, kind: str, fmt: str, *extra: str) -> str:
    target = kit.parent / f"{kind}.{fmt}"
    assert run(["report", kind, str(kit), "-f", fmt, "-o", str(target), "--as-of", AS_OF, *extra]) == 0
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "extra"), [("audit", ("--audit", "AUD-2026-02")), ("action-plan", ())])
def test_chart_titles_put_the_french_space_before_the_colon(kit: Path, kind: str, extra: tuple[str, ...]) -> None:
    titles = re.findall(r"<title id=\"chart-[^\"]+\">([^<]*)</title>", render(kit, kind, "html", *extra))
    assert titles
    for title in titles:
        assert re.search(r"\S:", title) is None, title


def test_action_trail_reads_as_prose(kit: Path) -> None:
    md = render(kit, "action-plan", "md")
    trail = [line for line in md.splitlines() if line.startswith("- **ACT-")]
    assert trail
    for line in trail:
        assert re.search(r"\d{4}-\d{2}-\d{2}", line) is None, line  # long dates in prose
        assert "—  ·" not in line and "le —" not in line and "Vérifiée —" not in line and ": — —" not in line
    assert any("pas encore réalisée" in x and "efficacité non évaluée" in x for x in trail)
    assert any(re.search(r"Ouverte le \d{1,2}(er)? [a-zéû]+ \d{4}", x) for x in trail)


def test_french_reports_write_iso_cei(kit: Path) -> None:
    for kind, extra in (("register", ()), ("readiness", ()), ("audit", ("--audit", "AUD-2026-02"))):
        text = render(kit, kind, "md", *extra)
        assert "ISO/IEC" not in text, kind
        assert "ISO/CEI" in text, kind


def test_the_foundation_resource_has_one_french_name(kit: Path) -> None:
    text = render(kit, "readiness", "md")  # the condition's name comes from the pack
    assert "certifiée Foundation" not in text
    assert "certifiée Fondation" in text
