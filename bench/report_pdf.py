"""Matrix PDF benchmark (issue 12: the traceability matrix's PDF renders in under 5 s).

    python bench/report_pdf.py [--runs N] [--assert]

Builds the French demo kit (`trousse demo`) and a fresh ISO/IEC 20000-1:2018 kit (`trousse init`)
in a temporary folder, then measures in the same run:
- `trousse report matrix -f pdf` on each, as a user runs it (a new process: start-up, kit, render,
  WeasyPrint): median wall-clock and CPU (user + system of the child) and their spread;
- WeasyPrint alone on the demo's matrix, from the HTML a PDF is made from (``for_print``: runs of
  empty cells drawn as one cell, fixed-width mapping tables, horizontal rules) and from the
  screen's HTML (one cell per process, as the PDF was made before): the CPU ratio of the two.

CPU figures are steadier than wall-clock ones on a shared machine. With --assert the exit code is
1 when the median CPU of the command on either kit is 5 s or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 5.0


def measure(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def spread(values: list[float]) -> str:
    """``median (min–max)``."""
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def weasyprint_cpu(kit: Path, runs: int) -> tuple[list[float], list[float], int, int]:
    """CPU seconds of WeasyPrint on the matrix's printed HTML and on its screen HTML, interleaved;
    and the ``<td`` count of each."""
    from trousse.loader import load_kit
    from trousse.reports import build_context
    from trousse.reports.render import html_to_pdf, render_text

    k = load_kit(kit, "fr")
    meta, report = build_context(k, "matrix", "fr", dt.date.today(), None)
    printed = render_text(kit, meta, report, "html", for_print=True)
    screen = render_text(kit, meta, report, "html")
    html_to_pdf("<p>warm</p>")  # WeasyPrint's own start-up (fonts, CFFI types) is not the matrix's
    new, old = [], []
    for _ in range(runs):
        for page, out in ((printed, new), (screen, old)):
            start = time.process_time()
            html_to_pdf(page)
            out.append(time.process_time() - start)
    return new, old, printed.count("<td"), screen.count("<td")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--assert", dest="check", action="store_true")
    args = parser.parse_args()
    trousse = [sys.executable, "-m", "trousse"]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ.setdefault("GIT_AUTHOR_NAME", "Bench")
        os.environ.setdefault("GIT_AUTHOR_EMAIL", "bench@example.org")
        os.environ.setdefault("GIT_COMMITTER_NAME", "Bench")
        os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@example.org")
        subprocess.run([*trousse, "demo", str(base / "demo"), "--lang", "fr"], check=True, capture_output=True)
        subprocess.run(
            [*trousse, "init", str(base / "fresh"), "-s", "iso20000-1-2018", "--lang", "fr", "--org", "Bench SARL"],
            check=True,
            capture_output=True,
        )
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, {args.runs} runs each")
        failed = False
        for name in ("demo", "fresh"):
            cmd = [*trousse, "report", "matrix", str(base / name), "-f", "pdf", "-o", str(base / f"{name}.pdf")]
            measure(cmd)  # warm the kit's caches, as a second run by the user would
            walls, cpus = zip(*(measure(cmd) for _ in range(args.runs)), strict=True)
            print(f"report matrix -f pdf, {name} kit: wall {spread(list(walls))}, CPU {spread(list(cpus))}")
            failed = failed or statistics.median(cpus) >= TARGET
        new, old, cells_new, cells_old = weasyprint_cpu(base / "demo", args.runs)
        ratio = statistics.median(old) / statistics.median(new)
        print(
            f"WeasyPrint on the demo's matrix: printed HTML CPU {spread(new)} ({cells_new} cells), "
            f"screen HTML CPU {spread(old)} ({cells_old} cells): {ratio:.2f}x less"
        )
    if args.check and failed:
        print(f"target missed: the matrix PDF must take less than {TARGET:g} s of CPU")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
