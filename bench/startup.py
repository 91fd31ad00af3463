"""Start-up benchmark: how long trousse takes before it does anything, as a ratio to `python -c pass`.

    python bench/startup.py [--runs N] [--assert]
    python bench/startup.py --instructions [--src DIR]

Measures, in the same run and on the same interpreter, the median (and spread) of:
- `python -c pass`, the floor;
- `trousse --version` (target: at most 10x the floor);
- `trousse --help` and `trousse check --help` (no target; shown for the record);
- `trousse check` on the demo kit, cold (no cache in the kit; the shipped packs' parse, kept in the
  user's cache folder like Python's bytecode, warmed once; target: at most 0.5 s of CPU), and with
  no cache at all (``TROUSSE_NO_CACHE=1``) for the record.

Ratios are of wall-clock medians (CPU ratios, steadier on a shared machine, in parentheses).
With --assert the exit code is 1 when a target is missed. `python -X importtime -m trousse --help`
shows where the time goes.

With --instructions, no timing: the instructions of one cold check of the demo kit, counted by
valgrind's callgrind. CPU time on a shared virtual machine moves by 10 to 40 % from one hour to the
next; the instruction count does not (two runs agree within 0.05 %): it is the measure to compare
two versions of the code (install each, or give a source tree's ``src`` folder with --src). Only the
trousse process is counted, not the git processes it starts; the run is some 50 times slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VERSION_RATIO = 10.0
CHECK_CPU = 0.5


def measure(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child: user + system) for one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime


def series(cmd: list[str], runs: int, env: dict[str, str], cwd: Path | None = None) -> tuple[list[float], list[float]]:
    measure(cmd, env, cwd)  # warm the file cache; not counted
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = measure(cmd, env, cwd)
        walls.append(wall)
        cpus.append(cpu)
    return walls, cpus


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.1f} ms  (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"


def trousse_command() -> list[str]:
    script = Path(sys.executable).with_name("trousse")
    return [str(script)] if script.exists() else [sys.executable, "-m", "trousse"]


def instructions(src: str | None) -> int:
    """Print the instructions of one cold check of the demo kit (valgrind); 2 without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed: --instructions counts instructions with valgrind's callgrind tool")
        return 2
    work = Path(tempfile.mkdtemp(prefix="trousse-instructions-"))
    env = {**os.environ, "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(work / "user-cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    trousse = trousse_command()
    if src:
        env["PYTHONPATH"] = str(Path(src).resolve())
        trousse = [sys.executable, "-m", "trousse"]
    try:
        kit = work / "demo"
        subprocess.run([*trousse, "demo", str(kit), "--lang", "en"], env=env, check=True, capture_output=True)
        check = [*trousse, "check", str(kit), "--format", "json"]
        subprocess.run(check, env=env, capture_output=True)  # warms the user's cache, writes bytecode
        shutil.rmtree(kit / ".git" / "trousse", ignore_errors=True)
        out = work / "callgrind.out"
        proc = subprocess.run(
            [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", *check],
            env=env,
            capture_output=True,
            text=True,
        )
        counts = [int(n) for n in re.findall(r"Collected : (\d+)", proc.stderr)]  # a forked child adds its own
        if not counts:
            print(proc.stderr[-2000:])
            return 1
        print(f"trousse check demo (cold): {sum(counts):,} instructions (exit {proc.returncode})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="trousse start-up benchmark")
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    parser.add_argument("--assert", dest="check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--instructions", action="store_true", help="count the instructions of a cold check (valgrind), no timing"
    )
    parser.add_argument(
        "--src", help="with --instructions: a source tree's src folder instead of the installed trousse"
    )
    args = parser.parse_args(argv)
    if args.instructions:
        return instructions(args.src)

    env = {**os.environ, "TROUSSE_NO_CACHE": "1", "LANG": "C.UTF-8"}
    trousse = trousse_command()
    work = Path(tempfile.mkdtemp(prefix="trousse-startup-"))
    ok = True
    try:
        kit = work / "demo"
        subprocess.run([*trousse, "demo", str(kit), "--lang", "en"], env=env, check=True, capture_output=True)

        floor, floor_cpu = series([sys.executable, "-c", "pass"], args.runs, env)
        base = statistics.median(floor)
        base_cpu = statistics.median(floor_cpu)
        print(f"python -c pass               {spread(floor)}")
        rows = [
            ("trousse --version", [*trousse, "--version"]),
            ("trousse --help", [*trousse, "--help"]),
            ("trousse check --help", [*trousse, "check", "--help"]),
        ]
        for name, cmd in rows:
            walls, cpus = series(cmd, args.runs, env)
            ratio = statistics.median(walls) / base
            cpu_ratio = statistics.median(cpus) / base_cpu if base_cpu else float("nan")
            verdict = ""
            if name == "trousse --version":
                passed = ratio <= VERSION_RATIO
                ok &= passed
                verdict = f"  target <= {VERSION_RATIO:.0f}x: {'ok' if passed else 'MISSED'}"
            print(f"{name:<28} {spread(walls)}  = {ratio:5.1f}x python -c pass (CPU {cpu_ratio:4.1f}x){verdict}")

        # Cold: the kit's own caches (.git/trousse) removed before every run; trousse's cache of its
        # shipped packs (the user's cache folder, kept like Python's bytecode) warmed once.
        cold_env = {**os.environ, "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(work / "user-cache")}
        check = [*trousse, "check", str(kit), "--format", "json"]
        measure(check, cold_env)
        walls, cpus = [], []
        for _ in range(max(3, args.runs // 3)):
            shutil.rmtree(kit / ".git" / "trousse", ignore_errors=True)
            wall, cpu_s = measure(check, cold_env)
            walls.append(wall)
            cpus.append(cpu_s)
        cpu = statistics.median(cpus)
        passed = cpu <= CHECK_CPU
        ok &= passed
        print(
            f"{'trousse check demo (cold)':<28} {spread(walls)}  = {statistics.median(walls) / base:5.1f}x; "
            f"CPU median {cpu:.2f} s (min {min(cpus):.2f}, max {max(cpus):.2f})  "
            f"target <= {CHECK_CPU} s: {'ok' if passed else 'MISSED'}"
        )
        walls, cpus = series(check, max(3, args.runs // 3), env)
        print(
            f"{'  no cache at all':<28} {spread(walls)}  = {statistics.median(walls) / base:5.1f}x; "
            f"CPU median {statistics.median(cpus):.2f} s (TROUSSE_NO_CACHE=1: also the packs' parse; for the record)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
