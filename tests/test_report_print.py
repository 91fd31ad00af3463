"""Reports as they print and as a browser shows them, on the demo kit: every PDF page numbered
"page N / M" and identified (organisation, commit), no page holding only a heading (read back
with poppler's pdftotext), and the HTML matrix in headless Chromium at 1280 px (a sticky first
column, horizontal scroll inside its region) and at 390 px (nothing wider than the phone)."""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CHROMIUM, run_chromium
from forkserver import run_trousse

AS_OF = "2026-11-23"
NEEDS_PDF = [
    pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None, reason="WeasyPrint is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "LC_"))}
    (home / ".gitconfig").write_text("[user]\n\tname = Test User\n\temail = test@example.org\n", encoding="utf-8")
    env.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(home / ".gitconfig"), GIT_CONFIG_NOSYSTEM="1", LANG="C.UTF-8")
    return env


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The French demo kit and the environment to run trousse on it."""
    base = tmp_path_factory.mktemp("print")
    home = base / "home"
    home.mkdir()
    env = _env(home)
    run = run_trousse(["demo", str(base / "demo"), "--lang", "fr"], env=env)
    assert run.returncode == 0, run.stderr
    return base / "demo", env


def render(demo: tuple[Path, dict[str, str]], kind: str, fmt: str) -> Path:
    root, env = demo
    target = root / "reports" / f"{kind}.{fmt}"
    if not target.exists():
        args = [sys.executable, "-m", "trousse", "report", kind, str(root), "-f", fmt, "-o", str(target)]
        args += ["--as-of", AS_OF] + (["--audit", "AUD-2026-02"] if kind == "audit" else [])
        run = subprocess.run(args, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    return target


def commit_id(root: Path, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "rev-list", "-1", f"--before={AS_OF}T23:59:59", "HEAD"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4"):
            self.depth += 1
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "h4") and self.depth:
            self.depth -= 1
            self.found.append(" ".join("".join(self.text).split()))

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def headings(page: Path) -> set[str]:
    parser = _Headings()
    parser.feed(page.read_text(encoding="utf-8"))
    return {h for h in parser.found if h}


def pdf_pages(path: Path) -> list[list[str]]:
    """Each page's non-empty lines, spaces collapsed."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages]


@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness", "matrix"])
def test_every_pdf_page_is_numbered_and_identified(demo: tuple[Path, dict[str, str]], kind: str) -> None:
    for mark in NEEDS_PDF:
        if mark.args[0]:
            pytest.skip(mark.kwargs["reason"])
    pdf = render(demo, kind, "pdf")
    pages = pdf_pages(pdf)
    commit = commit_id(*demo)[:12]
    assert len(pages) >= 2
    for n, lines in enumerate(pages, 1):
        text = " ".join(lines)
        assert f"page {n} / {len(pages)}" in text, (n, lines[-3:])
        assert "Infogérance Val-de-Loire SARL" in lines[0], lines[0]
        assert f"commit {commit}" in text and "situation au 23 novembre 2026" in text
        assert "version " in lines[-1]


@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness", "matrix"])
def test_no_page_holds_only_a_heading(demo: tuple[Path, dict[str, str]], kind: str) -> None:
    for mark in NEEDS_PDF:
        if mark.args[0]:
            pytest.skip(mark.kwargs["reason"])
    pdf = render(demo, kind, "pdf")
    titles = headings(render(demo, kind, "html"))
    for n, lines in enumerate(pdf_pages(pdf), 1):
        body = [x for x in lines[1:-1] if not x.startswith("version ")]  # running header and footer aside
        assert body, f"page {n} is empty"
        assert not all(x in titles for x in body), f"page {n} holds only headings: {body}"
        assert body[-1] not in titles, f"page {n} ends with the heading {body[-1]!r}"


def chromium_eval(page: Path, tmp_path: Path, width: int, script: str) -> dict[str, object]:
    """Load a copy of ``page`` in a frame ``width`` px wide (a headless window cannot be narrower
    than 500 px) with ``script`` added; the script's JSON result is read back from the DOM."""
    probe = tmp_path / f"probe-{width}-{page.name}"
    code = f"<script>window.addEventListener('load',()=>{{parent.postMessage(JSON.stringify(({script})()),'*');}});</script>"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", code + "</body>"), encoding="utf-8")
    frame = tmp_path / f"frame-{width}-{page.name}"
    frame.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        "<script>window.addEventListener('message',e=>{document.body.setAttribute('data-probe',e.data);});</script>"
        f"<iframe src='{probe.name}' style='border:0;width:{width}px;height:844px'></iframe></body></html>",
        encoding="utf-8",
    )
    proc = run_chromium(
        tmp_path,
        "--allow-file-access-from-files",
        f"--window-size={max(width, 500) + 20},900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        frame.as_uri(),
    )
    found = re.search(r'data-probe="([^"]*)"', proc.stdout)
    assert found, "the probe did not run"
    return dict(json.loads(html.unescape(found.group(1))))


MATRIX_PROBE = """function () {
  const region = document.querySelector('.wide');
  const cell = document.querySelector('table.matrix tbody th[scope=row]');
  const before = cell.getBoundingClientRect().left;
  region.scrollLeft = 400;
  const after = cell.getBoundingClientRect().left;
  const wide = [...document.querySelectorAll('body *')].filter(e => !region.contains(e) && e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className);
  return {page: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide,
          region: region.scrollWidth > region.clientWidth, overflow: getComputedStyle(region).overflowX,
          position: getComputedStyle(cell).position, moved: Math.abs(after - before)};
}"""

PAGE_PROBE = """function () {
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className);
  return {page: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide,
          h1: document.querySelector('h1').getBoundingClientRect().width};
}"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("width", [1280, 390])
def test_matrix_in_the_browser(demo: tuple[Path, dict[str, str]], tmp_path: Path, width: int) -> None:
    got = chromium_eval(render(demo, "matrix", "html"), tmp_path, width, MATRIX_PROBE)
    assert got["page"] <= got["inner"], got  # the page itself never scrolls sideways
    assert got["region"] and got["overflow"] == "auto", got  # the matrix scrolls in its region
    assert got["position"] == "sticky" and got["moved"] < 1, got  # its first column stays


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("kind", ["audit", "action-plan", "readiness", "catalogue"])
def test_reports_fit_a_phone(demo: tuple[Path, dict[str, str]], tmp_path: Path, kind: str) -> None:
    got = chromium_eval(render(demo, kind, "html"), tmp_path, 390, PAGE_PROBE)
    assert got["page"] <= got["inner"] + 1, got
