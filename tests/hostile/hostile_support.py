"""Helpers of the hostile corpus: a sandbox root holding the kit, the home folder and the
temporary folder of each run; the real CLI run under memory and CPU limits; payloads that leave
a marker file when they run; a listing of the root to prove nothing was written outside the kit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import commit_all, report_kit_files, write_files

MEMORY = 1024 * 1024 * 1024  # address space of one run: a few hundred MiB of data at most
CPU_SECONDS = 60
WALL_SECONDS = 60


@dataclass
class Run:
    """One CLI run: exit code, output, errors and how long it took."""

    code: int
    out: str
    err: str
    seconds: float


def limits() -> None:  # pragma: no cover - runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def trousse(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = WALL_SECONDS
) -> Run:
    """``python -m trousse ARGS`` in a subprocess with memory and CPU limits."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "trousse", *args],
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # an output in another encoding is read, not refused
        env={**os.environ, **(env or {})},
        preexec_fn=limits,  # noqa: PLW1509 - only resource limits, before exec
        timeout=timeout,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


def assert_clean_exit(run: Run, *codes: int) -> None:
    """The run ended with one of ``codes``, never a traceback nor exit 3."""
    assert run.code in codes, (run.code, run.err[-2000:])
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err[-2000:]
    assert run.code != 3


def snapshot(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, int]:
    """Every file under ``root`` (outside ``skip``) with its modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        for name in filenames:
            path = here / name
            try:
                out[str(path.relative_to(root))] = path.lstat().st_mtime_ns
            except OSError:
                continue
    return out


def committed_kit(root: Path, lang: str = "fr") -> Path:
    """The report kit (audit, actions) committed in two steps under ``root/kit``."""
    kit = root / "kit"
    files = report_kit_files(lang)
    later = {k: files.pop(k) for k in list(files) if k.startswith(("audits/", "actions/"))}
    write_files(kit, files)
    commit_all(kit, "kit", date="2026-03-15T10:00:00+00:00")
    write_files(kit, later)
    commit_all(kit, "audit", date="2026-10-10T10:00:00+00:00")
    return kit


def payload(root: Path, markers: Path) -> Path:
    """An executable that leaves ``markers/<its first argument>`` when it runs, and passes its
    input through (so that a filter or a pager it stands for still "works")."""
    markers.mkdir(parents=True, exist_ok=True)
    script = root / "payload.sh"
    script.write_text(f'#!/bin/sh\ntouch "{markers}/${{1:-unnamed}}"\ncat 2>/dev/null\nexit 0\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def markers_left(markers: Path) -> list[str]:
    """Names of the payloads that ran."""
    return sorted(p.name for p in markers.iterdir()) if markers.is_dir() else []
