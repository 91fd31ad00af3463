"""Benchmark of the evidence trail against the floor measured on the same machine, in the same run.

    python bench/run.py                        # quick: 2,000 records, 4,000 commits
    python bench/run.py --size 10000:20000     # the target size of issue 16
    python bench/run.py --size 100000:200000 --skip-warm --repeat 1
    python bench/run.py --size 10000:20000 --profile --many-findings

For each size it generates a synthetic kit (a kit-local pack with ten processes; records filed by
process, year and month, added, edited and moved to an archive folder by commits spread over 18
months, with a merged branch every 100 commits) using ``git fast-import``, then measures, ``--repeat``
times (three by default), one after the other so that a change of load hits all of them alike:

- the floor: one ``git log --name-status -M`` over the repository plus parsing every record with
  libyaml (PyYAML's CSafeLoader if installed, else ruamel.yaml's CSafeLoader, the same libyaml);
- ``trousse check`` and ``trousse evidence``, each cold (no cache under .git/trousse) and warm
  (a second run on the unchanged repository), as child processes, with their peak memory.

Each time is divided by the floor of the same repetition; the median ratio is printed with its
spread (lowest and highest), with the load average of the machine when it was taken (on a shared
machine the figures are indicative), and the time per 1,000 records above the floor.

``--many-findings`` then commits a pack in which every record misses a required field and measures
again. ``--profile`` runs each command once more, cold, under cProfile and prints where its time
goes per phase (git read, history replay, YAML composition, schema validation, rules, output...),
next to the floor's own two phases (bench/phases.py). ``--generate-only`` times the generation.

Targets (issue 16): at 10,000 records / 20,000 commits cold at most 1.5x, warm at most 0.1x; at
100,000 / 200,000 cold at most 1.2x within 1 GiB; time per 1,000 records above the floor flat;
with many findings within 2x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import phases  # noqa: E402 - bench/ is not a package: its helpers are found next to this script

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
# The same pack with one more required field that no record has: a finding per record.
PACK_MANY_FINDINGS = PACK.replace(
    "{id: owner, type: text}]", "{id: owner, type: text}, {id: reviewer, type: text, required: true}]"
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
            # Filed by process, year and month, as a kit would be: each commit then rewrites a
            # folder of a few hundred entries, not of thousands (git fast-import hashes and
            # compresses every tree a commit changes, the whole folder each time).
            path = f"records/{PROCESSES[n % 10].lower()}/{day:%Y}/{day:%m}/R-{n:06d}.yml"
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
    # The index as a kit someone works in has it. Right after a checkout, the files written in the
    # same second as the index are "racily clean" for git: every `git status` hashes them again
    # until git rewrites the index, which trousse never does (it reads with GIT_OPTIONAL_LOCKS=0).
    # A second later, one refresh settles them, as a user's first `git status` does.
    time.sleep(1.1)
    subprocess.run(["git", "-C", str(root), "update-index", "-q", "--refresh"], check=False)


_proc: subprocess.Popen[bytes] | None = None


def _feed(root: Path, out: list[bytes], final: bool = False) -> None:
    global _proc
    if _proc is None:
        # glibc's malloc gives memory back to the system after every tree fast-import frees, and
        # takes it again for the next: at 100,000 records that churn (brk calls) cost more system
        # time than fast-import's own work. Keeping 256 MiB of headroom stops it.
        env = {**os.environ, "MALLOC_TOP_PAD_": str(256 * 2**20), "MALLOC_TRIM_THRESHOLD_": str(256 * 2**20)}
        _proc = subprocess.Popen(
            ["git", "-C", str(root), "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env
        )
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


def load() -> str:
    """The machine's load average over the last minute, to print next to a figure."""
    return f"load {os.getloadavg()[0]:.1f}"


class Floor:
    """One measure of the floor: wall seconds of git log and of libyaml, CPU seconds of both."""

    def __init__(self, git: float, yaml: float, cpu: float, records: int) -> None:
        self.git, self.yaml, self.cpu, self.records = git, yaml, cpu, records

    @property
    def wall(self) -> float:
        return self.git + self.yaml


def floor(root: Path) -> Floor:
    """One git log --name-status -M over the history + libyaml over every record."""
    parse = _yaml_loader()
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
                parse(fh.read())
            count += 1
    t2 = time.perf_counter()
    cpu = _cpu(resource.RUSAGE_SELF) - s0 + _cpu(resource.RUSAGE_CHILDREN) - c0
    return Floor(t1 - t0, t2 - t1, cpu, count)


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


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def spread(values: list[float], unit: str = "x") -> str:
    """``1.62x [1.55-1.70]``: the median and the lowest and highest of the runs."""
    if len(values) == 1:
        return f"{values[0]:.2f}{unit}"
    return f"{median(values):.2f}{unit} [{min(values):.2f}-{max(values):.2f}]"


COMMANDS = ("check", "evidence")


def _fresh(root: Path) -> None:
    shutil.rmtree(root / ".git" / "trousse", ignore_errors=True)


def measure(
    root: Path, records: int, repeat: int, skip_warm: bool, label: str, commands: tuple[str, ...] = COMMANDS
) -> dict[str, list[float]]:
    """``repeat`` rounds of floor, then each command cold and warm: every time and its ratio to the
    floor of its own round."""
    env = dict(os.environ)
    trousse = [sys.executable, "-m", "trousse"]
    samples: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        samples.setdefault(key, []).append(value)

    floor(root)  # warm the file system cache
    for i in range(repeat):
        base = floor(root)
        add("floor", base.wall)
        add("floor_git", base.git)
        add("floor_yaml", base.yaml)
        add("floor_cpu", base.cpu)
        print(
            f"  {label} round {i + 1}/{repeat}: floor {base.wall:.2f}s (git log {base.git:.2f}s + libyaml on"
            f" {base.records} records {base.yaml:.2f}s, CPU {base.cpu:.2f}s, {load()})",
            flush=True,
        )
        for command in commands:
            _fresh(root)
            args = [*trousse, command, str(root), "--format", "json"]
            for kind in ("cold",) if skip_warm else ("cold", "warm"):
                wall, cpu, mem = timed(args, env)
                key = f"{command}_{kind}"
                add(key + "_s", wall)
                add(key, wall / base.wall)
                add(key + "_cpu", cpu / base.cpu)
                add(f"{command}_mem", mem)
                print(
                    f"    {command:8s} {kind} {wall:6.2f}s = {wall / base.wall:4.2f}x (CPU {cpu / base.cpu:4.2f}x),"
                    f" peak {mem:4.0f} MiB ({load()})",
                    flush=True,
                )
    for command in commands:
        above = [samples[f"{command}_cold_s"][i] - samples["floor"][i] for i in range(repeat)]
        samples[f"{command}_above_per_1k"] = [d / records * 1000 for d in above]
    return samples


def summary(samples: dict[str, list[float]], label: str) -> None:
    print(f"  {label}: medians of {len(samples['floor'])} rounds [lowest-highest]")
    print(
        f"    floor          {spread(samples['floor'], 's')} (git log {spread(samples['floor_git'], 's')},"
        f" libyaml {spread(samples['floor_yaml'], 's')})"
    )
    for command in COMMANDS:
        for kind in ("cold", "warm"):
            key = f"{command}_{kind}"
            if key not in samples:
                continue
            text = f"    {command:8s} {kind}  {spread(samples[key + '_s'], 's')} = {spread(samples[key])} (CPU {spread(samples[key + '_cpu'])})"
            if kind == "cold":
                text += f"; above the floor {spread(samples[command + '_above_per_1k'], 's')} per 1,000 records"
                text += f"; peak {max(samples[command + '_mem']):.0f} MiB"
            print(text)


def profile(root: Path, records: int, samples: dict[str, list[float]], label: str, work: Path) -> None:
    """Each command once more, cold, under cProfile: its time per phase next to the floor's.

    The profiled run reads the kit in one process (TROUSSE_JOBS=1): cProfile sees only the process
    it runs in, and the workers of the pool (trousse.loader.pool) would hide YAML composition
    behind a wait. The split is therefore of the work, not of the wall-clock time of the pool."""
    env = {**os.environ, "TROUSSE_JOBS": "1"}
    floor_phases = {phases.GIT: median(samples["floor_git"]), phases.YAML: median(samples["floor_yaml"])}
    for command in COMMANDS:
        if f"{command}_cold_s" not in samples:
            continue
        _fresh(root)
        out = work / f"{command}.prof"
        args = [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(out),
            "-m",
            "trousse",
            command,
            str(root),
            "--format",
            "json",
        ]
        wall, _cpu_s, _mem = timed(args, env)
        details = phases.contributions(pstats.Stats(str(out)).stats)  # type: ignore[attr-defined]
        split = {phase: sum(funcs.values()) for phase, funcs in details.items()}
        cold = median(samples[f"{command}_cold_s"])
        print(
            f"  {label} {command} cold per phase, in one process (TROUSSE_JOBS=1): profiled run {wall:.2f}s"
            f" ({load()}), shares scaled to the unprofiled median {cold:.2f}s (with the pool); the floor's git"
            " log and libyaml next to their phases; under each phase the functions that cost it most (profiled seconds)"
        )
        print("\n".join(phases.table(split, cold, records, floor_phases, details)))


def many_findings(root: Path) -> None:
    """Commit the pack with a required field no record has: every record gets a finding."""
    (root / "standards" / "bench-pack.yml").write_text(PACK_MANY_FINDINGS, encoding="utf-8")
    ident = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", "-C", str(root), *ident, "commit", "-q", "-am", "reviewer required"], check=True)


def build(root: Path, records: int, commits: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    t0, c0, l0 = time.perf_counter(), _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN), load()
    generate(root, records, commits)
    cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - c0
    print(
        f"\n{records} records, {commits} commits: generated in {time.perf_counter() - t0:.1f}s"
        f" (CPU {cpu:.1f}s; {l0} before, {load()} after)",
        flush=True,
    )


def bench(records: int, commits: int, work: Path, opts: argparse.Namespace) -> list[tuple[str, dict[str, list[float]]]]:
    root = work / f"kit-{records}-{commits}"
    build(root, records, commits)
    if opts.generate_only:
        return []
    label = f"{records}:{commits}"
    commands = tuple(opts.command or COMMANDS)
    samples = measure(root, records, opts.repeat, opts.skip_warm, label, commands)
    summary(samples, label)
    if opts.profile:
        profile(root, records, samples, label, work)
    rows = [(label, samples)]
    if opts.many_findings:
        many_findings(root)
        label += " many findings"
        samples = measure(root, records, opts.repeat, opts.skip_warm, label, commands)
        summary(samples, label)
        if opts.profile:
            profile(root, records, samples, label, work)
        rows.append((label, samples))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--size", action="append", metavar="RECORDS:COMMITS", help="a size to run (repeatable); default 2000:4000"
    )
    parser.add_argument("--records", type=int, help="records (with --commits: one size)")
    parser.add_argument("--commits", type=int, help="commits")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of measures per size (median, spread); 3")
    parser.add_argument("--work", type=Path, help="folder for the generated kits (default: a temporary one)")
    parser.add_argument("--skip-warm", action="store_true", help="cold runs only")
    parser.add_argument("--command", action="append", choices=COMMANDS, help="only this command (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the generated kits")
    parser.add_argument("--profile", action="store_true", help="print each command's time per phase (cProfile)")
    parser.add_argument("--many-findings", action="store_true", help="also measure with a finding on every record")
    parser.add_argument("--generate-only", action="store_true", help="only generate the kits and time it")
    opts = parser.parse_args()
    sizes = [tuple(int(x) for x in s.split(":")) for s in (opts.size or [])]
    if opts.records:
        sizes.append((opts.records, opts.commits or opts.records * 2))
    sizes = sizes or [(2000, 4000)]
    work = opts.work or Path(tempfile.mkdtemp(prefix="trousse-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"{dt.date.today()}, {cores} cores, {memory:.0f} GiB, {load()}; python {sys.version.split()[0]}")
    try:
        rows = [row for r, c in sizes for row in bench(r, c, work, opts)]
    finally:
        if not opts.keep and not opts.work:
            shutil.rmtree(work, ignore_errors=True)
    if not rows:
        return
    print(f"\nmedian ratios to the floor of the same round [lowest-highest], wall; {opts.repeat} rounds")
    print("targets: 10k cold <= 1.5x, warm <= 0.1x; 100k cold <= 1.2x, peak <= 1024 MiB; many findings <= 2x")
    print(
        f"{'size':28s} {'floor':>7s}  {'check cold':21s} {'check warm':21s} {'evidence cold':21s} {'evidence warm':21s}"
        " peak MiB  check s/1k above floor"
    )
    for label, res in rows:

        def cell(key: str, res: dict[str, list[float]] = res, unit: str = "x") -> str:
            return spread(res[key], unit) if key in res else "-"

        print(
            f"{label:28s} {median(res['floor']):6.2f}s  {cell('check_cold'):21s} {cell('check_warm'):21s} "
            f"{cell('evidence_cold'):21s} {cell('evidence_warm'):21s} "
            f"{max(res.get('check_mem', []) + res.get('evidence_mem', [])):8.0f}  {cell('check_above_per_1k', unit='s')}"
        )


if __name__ == "__main__":
    main()
