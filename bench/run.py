"""Benchmark of the evidence trail against the floor measured on the same machine, in the same run.

    python bench/run.py                        # quick: 2,000 records, 4,000 commits
    python bench/run.py --size 10000:20000     # the target size of issue 3
    python bench/run.py --size 50000:100000 --size 100000:200000 --skip-warm

For each size it generates a synthetic kit (a kit-local pack with ten processes; records added,
edited and renamed by commits spread over 18 months, with a merged branch every 100 commits) using
``git fast-import``, then measures:

- the floor: one ``git log --name-status -M`` over the repository plus parsing every record with
  libyaml (PyYAML's CSafeLoader if installed, else ruamel.yaml's CSafeLoader, the same libyaml);
- ``trousse check`` and ``trousse evidence``, each cold (no cache under .git/trousse) and warm
  (a second run on the unchanged repository), as child processes, with their peak memory.

It prints each time as a ratio to the floor. Targets (issue 3): cold at most 2x, warm at most
0.5x at 10,000 records / 20,000 commits; 100,000 / 200,000 within 1 GiB, time growing linearly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROCESSES = [f"P{i:02d}" for i in range(10)]
START = dt.datetime(2025, 5, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
SPAN = dt.timedelta(days=548)  # 18 months

PACK = (
    "id: bench-pack\ntitle: Bench\nedition: '1'\nprocesses:\n"
    + "".join(f"  - {{id: {p}, name: Process {p}}}\n" for p in PROCESSES)
    + "artefacts:\n"
    + "".join(
        f"  - {{id: rec-{p.lower()}, kind: record, name: Record {p}, process: {p}, cadence: event,\n"
        f"     fields: [{{id: severity, type: choice, choices: [low, high]}}, {{id: owner, type: text}}]}}\n"
        for p in PROCESSES
    )
)
CONFIG = (
    "trousse: 1\norganisation: {name: Bench, people: 5}\nlanguage: en\nstandards: [bench-pack]\n"
    "evidence: {minimum_history: 3 months, backdating_tolerance: 7 days}\n"
)


def _record(n: int, day: dt.date, edit: int = 0) -> bytes:
    p = PROCESSES[n % len(PROCESSES)]
    return (
        f"id: R-{n:06d}\nartefact: rec-{p.lower()}\ndate: {day.isoformat()}\n"
        f"title: Record {n} edit {edit}\nseverity: {'high' if n % 7 == 0 else 'low'}\n"
        f"owner: Person {n % 13}\nnotes: |\n  Line one of record {n}.\n  Line two.\n"
    ).encode()


def _data(out: list[bytes], payload: bytes) -> None:
    out.append(b"data %d\n" % len(payload))
    out.append(payload)
    out.append(b"\n")


def generate(root: Path, records: int, commits: int) -> None:
    """A kit in ``root`` with ``records`` records over ``commits`` commits (renames, merges)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    out: list[bytes] = []
    step = SPAN / commits
    paths: dict[int, str] = {}  # record number -> current path
    added = 0
    mark = 0
    main_tip = 0
    pending_branch: list[tuple[str, bytes]] = []  # files a branch added, replayed by the merge
    side_tip = 0

    def header(ref: str, when: dt.datetime, msg: str, parents: list[int]) -> None:
        nonlocal mark
        mark += 1
        stamp = f"{int(when.timestamp())} +0200"
        out.append(f"commit {ref}\nmark :{mark}\ncommitter Bench <bench@example.org> {stamp}\n".encode())
        _data(out, msg.encode())
        if parents:
            out.append(f"from :{parents[0]}\n".encode())
            for p in parents[1:]:
                out.append(f"merge :{p}\n".encode())

    for i in range(commits):
        when = START + step * i
        day = when.date()
        # Records still to add are spread over the commits left, so that exactly `records` exist.
        to_add = (records - added) // (commits - i) + (1 if (records - added) % (commits - i) > i % 2 else 0)
        to_add = min(to_add, records - added)
        if i == 0:
            header("refs/heads/main", when, "kit", [])
            for name, text in (("trousse.yml", CONFIG), ("standards/bench-pack.yml", PACK)):
                out.append(f"M 100644 inline {name}\n".encode())
                _data(out, text.encode())
        elif 50 <= i % 100 < 55 and i >= 50:  # five commits on a branch off the main line
            header("refs/heads/side", when, "branch work", [main_tip if i % 100 == 50 else side_tip])
        elif i % 100 == 55 and side_tip:  # merge the branch back
            header("refs/heads/main", when, "merge side", [main_tip, side_tip])
            for path, payload in pending_branch:
                out.append(f"M 100644 inline {path}\n".encode())
                _data(out, payload)
            pending_branch = []
        else:
            header("refs/heads/main", when, f"work {i}", [main_tip] if main_tip else [])
        on_side = 50 <= i % 100 < 55 and i >= 50
        for _ in range(to_add):
            n = added
            added += 1
            path = f"records/{PROCESSES[n % 10].lower()}/{day:%Y}/R-{n:06d}.yml"
            payload = _record(n, day)
            out.append(f"M 100644 inline {path}\n".encode())
            _data(out, payload)
            paths[n] = path
            if on_side:
                pending_branch.append((path, payload))
        if not on_side and added > 10 and i % 100 != 55:
            if i % 7 == 0:  # an edit
                n = (i * 7919) % added
                out.append(f"M 100644 inline {paths[n]}\n".encode())
                _data(out, _record(n, START.date() + step * (n * commits // max(records, 1)), edit=i))
            if i % 11 == 0:  # a rename into an archive folder
                n = (i * 104729) % added
                if "/archive/" not in paths[n]:
                    new = paths[n].replace("records/", "records/archive/", 1)
                    out.append(f"R {paths[n]} {new}\n".encode())
                    paths[n] = new
        if on_side:
            side_tip = mark
        else:
            main_tip = mark
        if len(out) > 20000:
            _feed(root, out)
    out.append(b"done\n")
    _feed(root, out, final=True)
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "-f", "main"], check=True)


_proc: subprocess.Popen[bytes] | None = None


def _feed(root: Path, out: list[bytes], final: bool = False) -> None:
    global _proc
    if _proc is None:
        _proc = subprocess.Popen(["git", "-C", str(root), "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
    assert _proc.stdin is not None
    _proc.stdin.write(b"".join(out))
    out.clear()
    if final:
        _proc.stdin.close()
        if _proc.wait() != 0:
            sys.exit("git fast-import failed")
        _proc = None


def _yaml_loader():  # type: ignore[no-untyped-def]
    try:
        from yaml import CSafeLoader, load  # PyYAML with libyaml

        return lambda text: load(text, Loader=CSafeLoader)
    except ImportError:
        from ruamel.yaml.cyaml import CSafeLoader as RLoader

        return lambda text: RLoader(text).get_single_data()


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def floor(root: Path) -> tuple[float, float]:
    """One git log --name-status -M over the history + libyaml over every record:
    (wall seconds, CPU seconds)."""
    load = _yaml_loader()
    t0, s0, c0 = time.perf_counter(), _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    subprocess.run(
        ["git", "-C", str(root), "log", "--name-status", "-M", "--format=%H %ct", "HEAD"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    t1 = time.perf_counter()
    count = 0
    for dirpath, _dirs, files in os.walk(root / "records"):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                load(fh.read())
            count += 1
    t2 = time.perf_counter()
    cpu = _cpu(resource.RUSAGE_SELF) - s0 + _cpu(resource.RUSAGE_CHILDREN) - c0
    print(
        f"  floor: git log {t1 - t0:.2f}s + libyaml on {count} records {t2 - t1:.2f}s = {t2 - t0:.2f}s (CPU {cpu:.2f}s)"
    )
    return t2 - t0, cpu


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run a child: (wall seconds, CPU seconds of it and its own children, peak memory in MiB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        sys.exit(f"{' '.join(args)} failed ({code}): {err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bench(records: int, commits: int, work: Path, skip_warm: bool) -> dict[str, float]:
    root = work / f"kit-{records}-{commits}"
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    generate(root, records, commits)
    print(f"\n{records} records, {commits} commits (generated in {time.perf_counter() - t0:.1f}s)")
    floor(root)  # warm the file system cache
    runs = [floor(root), floor(root)]
    base, base_cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    env = dict(os.environ)
    trousse = [sys.executable, "-m", "trousse"]
    results = {"floor": base, "floor_cpu": base_cpu}
    for command in ("check", "evidence"):
        shutil.rmtree(root / ".git" / "trousse", ignore_errors=True)
        args = [*trousse, command, str(root), "--format", "json"]
        cold, cold_cpu, mem = timed(args, env)
        results.update(
            {f"{command}_cold": cold / base, f"{command}_cold_cpu": cold_cpu / base_cpu, f"{command}_mem": mem}
        )
        line = (
            f"  {command:8s} cold {cold:6.2f}s = {cold / base:4.2f}x floor (CPU {cold_cpu / base_cpu:4.2f}x),"
            f" peak {mem:5.0f} MiB"
        )
        if not skip_warm:
            warm, warm_cpu, wmem = timed(args, env)
            results.update({f"{command}_warm": warm / base, f"{command}_warm_cpu": warm_cpu / base_cpu})
            line += f" | warm {warm:6.2f}s = {warm / base:4.2f}x (CPU {warm_cpu / base_cpu:4.2f}x)"
        print(line)
    results["per_1k"] = cold / records * 1000
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--size", action="append", metavar="RECORDS:COMMITS", help="a size to run (repeatable); default 2000:4000"
    )
    parser.add_argument("--records", type=int, help="records (with --commits: one size)")
    parser.add_argument("--commits", type=int, help="commits")
    parser.add_argument("--work", type=Path, help="folder for the generated kits (default: a temporary one)")
    parser.add_argument("--skip-warm", action="store_true", help="cold runs only")
    parser.add_argument("--keep", action="store_true", help="keep the generated kits")
    opts = parser.parse_args()
    sizes = [tuple(int(x) for x in s.split(":")) for s in (opts.size or [])]
    if opts.records:
        sizes.append((opts.records, opts.commits or opts.records * 2))
    sizes = sizes or [(2000, 4000)]
    work = opts.work or Path(tempfile.mkdtemp(prefix="trousse-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = [(r, c, bench(r, c, work, opts.skip_warm)) for r, c in sizes]
    finally:
        if not opts.keep and not opts.work:
            shutil.rmtree(work, ignore_errors=True)
    print("\nratios to the floor, wall (CPU); targets: cold <= 2x, warm <= 0.5x, peak <= 1024 MiB")
    print("records  commits  floor   check cold     check warm     evidence cold  evidence warm  peak MiB  s/1k rec")
    for r, c, res in rows:

        def cell(key: str, res: dict[str, float] = res) -> str:
            return f"{res[key]:.2f}x ({res[key + '_cpu']:.2f}x)" if key in res else "—"

        print(
            f"{r:7d} {c:8d} {res['floor']:5.1f}s  {cell('check_cold'):14s} {cell('check_warm'):14s} "
            f"{cell('evidence_cold'):14s} {cell('evidence_warm'):14s} "
            f"{max(res['check_mem'], res['evidence_mem']):8.0f}  {res['per_1k']:.3f}"
        )


if __name__ == "__main__":
    main()
