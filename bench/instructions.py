"""Instructions of one cold `trousse check` of the demo kit, counted by valgrind (callgrind).

    python bench/instructions.py [--runs N] [--src DIR]

CPU time on a shared virtual machine moves by 10 to 40 % from one hour to the next; the number of
instructions the interpreter executes does not (two runs agree within 0.05 %). Use it to compare two
versions of the code on the same machine: install each (or point ``--src`` at a source tree, put
first on ``PYTHONPATH``) and compare the counts. Only the trousse process is counted, not the git
processes it starts (``bench/startup.py`` counts those, in CPU time). The run is about 50 times
slower than without valgrind. As in ``bench/startup.py``, the kit has no cache of its own and the
user's cache (the shipped packs' parse and templates) is warmed once.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def trousse_command() -> list[str]:
    script = Path(sys.executable).with_name("trousse")
    return [str(script)] if script.exists() else [sys.executable, "-m", "trousse"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="instructions of a cold trousse check (valgrind)")
    parser.add_argument("--runs", type=int, default=1, help="runs (default 1: the count is deterministic)")
    parser.add_argument("--src", help="a source tree to run instead of the installed trousse (its src/ folder)")
    args = parser.parse_args(argv)
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed: this benchmark counts instructions with valgrind's callgrind tool")
        return 2
    work = Path(tempfile.mkdtemp(prefix="trousse-instructions-"))
    env = {**os.environ, "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(work / "user-cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    trousse = trousse_command()
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
        trousse = [sys.executable, "-m", "trousse"]
    try:
        kit = work / "demo"
        subprocess.run([*trousse, "demo", str(kit), "--lang", "en"], env=env, check=True, capture_output=True)
        check = [*trousse, "check", str(kit), "--format", "json"]
        subprocess.run(check, env=env, capture_output=True)  # warms the user's cache, writes bytecode
        for _ in range(args.runs):
            shutil.rmtree(kit / ".git" / "trousse", ignore_errors=True)
            out = work / "callgrind.out"
            proc = subprocess.run(
                [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", *check],
                env=env,
                capture_output=True,
                text=True,
            )
            found = re.search(r"Collected : (\d+)", proc.stderr)
            if found is None:
                print(proc.stderr[-2000:])
                return 1
            print(f"trousse check demo (cold): {int(found.group(1)):,} instructions (exit {proc.returncode})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
