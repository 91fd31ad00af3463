"""`trousse report review-inputs` on the demo kits: every input of ISO 9001 9.3.2 and ISO/IEC
20000-1 9.3, with figures from the kit, and a review record skeleton that parses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import cli, plain

from trousse.reports.labels import label
from trousse.reports.review_inputs import INPUTS
from trousse.yamlio import load_plain


@pytest.fixture(scope="module", params=["en", "fr"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp(f"demo-{request.param}") / "kit"
    proc = cli("demo", str(root), "--lang", request.param)
    assert proc.returncode == 0, proc.stderr
    return root, request.param


def test_every_input_with_figures(demo: tuple[Path, str]) -> None:
    root, lang = demo
    proc = cli("report", "review-inputs", str(root), "--since", "2026-01-01", "-o", "-")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for input_id, clauses, _arts, _kinds in INPUTS:
        assert plain(label(f"ri.{input_id}", lang)) in text
        assert clauses in text
    assert "AUD-2026-01" in text  # the audits held since January
    # figures are counts from the kit: incidents since January are many
    incident = "Incident record" if lang == "en" else "Fiche d[’']incident"  # typographic apostrophe in French
    counts = [int(n) for n in re.findall(rf"\*\*{incident}\s?: (\d+)\*\*", text)]
    assert counts and counts[0] > 5
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    data = load_plain(block)
    assert data["artefact"] == "management-review-record" and "inputs_reviewed" in data


def test_since_defaults_to_the_previous_review(demo: tuple[Path, str]) -> None:
    root, lang = demo
    proc = cli("report", "review-inputs", str(root), "-o", "-", "--as-of", "2026-11-28")
    assert proc.returncode == 0, proc.stderr
    previous = label("ri.previous", lang)
    line = next(x for x in proc.stdout.splitlines() if x.startswith(f"| {previous}"))
    assert re.search(r"[A-Z]+-2026-\d{4}", line)


def test_written_as_html_under_reports(demo: tuple[Path, str]) -> None:
    root, _lang = demo
    proc = cli("report", "review-inputs", str(root), "--format", "html")
    assert proc.returncode == 0, proc.stderr
    assert (root / "reports/review-inputs.html").read_text(encoding="utf-8").count("<section") == len(INPUTS) + 1
