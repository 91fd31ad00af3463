"""The rules that do not read git history run in a forked child on a large kit while the parent
dates the evidence (trousse.check.apart): the same bytes of output as in one process, the child
really used, and every way the child can fail falls back to running the rule in the parent."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import RECORD, clean_kit_files, commit_all, no_cache, write_files

from trousse.loader import pool

# A wrapper that runs the real command line with a spy on the child: what it started, what the
# parent had to run again. Printed on stderr after the command's own output.
SPY = textwrap.dedent(
    """
    import sys
    import trousse.check.apart as apart
    real_start, real_results = apart.start, apart.Apart.results
    def start(tasks, prepare, own=()):
        got = real_start(tasks, prepare, own)
        sys.stderr.write(f"SPY started {len(tasks) if got is not None else 0} {[t for t, _ in own]}\\n")
        return got
    def results(self):
        got = real_results(self)
        sys.stderr.write(f"SPY again {sorted(k for k, v in got.items() if v is None)}\\n")
        return got
    apart.start, apart.Apart.results = start, results
    from trousse.cli.app import main
    sys.argv = ["trousse", *sys.argv[1:]]
    main()
    """
)


def _kit(root: Path) -> Path:
    """More records than the threshold, some late (EVD: written long before their commit), one
    broken (SCH), one citing an unknown role (REF): findings on both sides of the split."""
    files = clean_kit_files("en")
    for n in range(2, pool.THRESHOLD + 40):
        day = f"2026-01-{1 + n % 28:02d}" if n % 100 == 0 else f"2026-03-{1 + n % 20:02d}"
        files[f"records/inc/INC-2026-{n:04d}.yml"] = RECORD.replace("INC-2026-0001", f"INC-2026-{n:04d}").replace(
            "2026-03-14", day
        )
    files["records/inc/INC-2026-0010.yml"] = files["records/inc/INC-2026-0010.yml"].replace("P2", "P9")
    files["records/inc/INC-2026-0011.yml"] = files["records/inc/INC-2026-0011.yml"].replace(
        "handled_by: RGS", "handled_by: NOBODY"
    )
    write_files(root, files)
    commit_all(root, "kit", date="2026-03-28T10:00:00+01:00")
    return root


def _check(kit: Path, jobs: str) -> subprocess.CompletedProcess[str]:
    no_cache(kit)  # cold
    return subprocess.run(
        [sys.executable, "-c", SPY, "check", str(kit), "--format", "json", "--jobs", jobs],
        capture_output=True,
        text=True,
        check=False,
    )


def test_same_output_in_one_process_or_with_the_child(tmp_path: Path) -> None:
    kit = _kit(tmp_path / "kit")
    one, two = _check(kit, "1"), _check(kit, "2")
    assert one.returncode == two.returncode == 1, (one.stderr, two.stderr)
    assert one.stdout == two.stdout
    rules = {f["rule"] for f in json.loads(one.stdout)["findings"]}
    assert {"SCH001", "REF001"} <= rules and any(r.startswith("EVD") for r in rules), rules
    assert "SPY started" not in one.stderr  # --jobs 1: one process
    started = [line for line in two.stderr.splitlines() if line.startswith("SPY started")]
    assert started and int(started[0].split()[2]) > 20, two.stderr  # the REF, SCH, DOC... rules
    assert started[0].endswith("['~parse', '~history']"), two.stderr  # the caches saved by the child
    assert "SPY again []" in two.stderr, two.stderr  # none needed the evidence nor failed
    # the child wrote the replayed history: a check after an edit reads it (no replay) and agrees
    assert (kit / ".git" / "trousse" / "history.json").is_file()
    record = kit / "records" / "inc" / "INC-2026-0012.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("P2", "P9"), encoding="utf-8")
    edited = subprocess.run(
        [sys.executable, "-c", SPY, "check", str(kit), "--format", "json"], capture_output=True, text=True, check=False
    )
    alone = _check(kit, "1")
    assert edited.stdout == alone.stdout and '"SCH001"' in alone.stdout, edited.stderr


CHILD = textwrap.dedent(
    """
    import os, sys
    from trousse.check import apart
    from trousse.findings import Finding

    def ok():
        return [Finding("REF001", "error", "a.yml", 1, 1, "found in the child")]

    def needs():
        raise apart.NeedsEvidence

    def fails():
        raise ValueError("a rule's bug")

    def dies():
        os._exit(3)

    mode = sys.argv[1]
    tasks = [("OK", ok), ("NEEDS", needs), ("FAILS", fails)] + ([("DIES", dies)] if mode == "dies" else [])
    started = apart.start(tasks, lambda: None)
    assert started is not None
    got = started.results()
    print(sorted((k, None if v is None else [f.message for f in v]) for k, v in got.items()))
    """
)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("plain", "[('FAILS', None), ('NEEDS', None), ('OK', ['found in the child'])]"),
        # a child that dies sends nothing usable: every task is run again by the parent
        ("dies", "[('DIES', None), ('FAILS', None), ('NEEDS', None), ('OK', None)]"),
    ],
)
def test_what_the_child_cannot_do_is_left_to_the_parent(mode: str, expected: str) -> None:
    proc = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == expected


STEAL = textwrap.dedent(
    """
    import os, sys
    from trousse.check import apart
    from trousse.findings import Finding

    gate_r, gate_w = os.pipe()

    def own():  # the child's own task: waits until the parent has taken what it wanted
        os.read(gate_r, 1)
        return [Finding("AUD001", "error", "own.yml", 1, 1, "the child's own")]

    def rule(n):
        return lambda: [Finding("REF001", "error", f"r{n}.yml", 1, 1, f"rule {n} in {os.getpid()}")]

    shared = [(f"R{n}", rule(n)) for n in range(5)]
    started = apart.start(shared, lambda: None, [("~own", own)])
    assert started is not None
    here = os.getpid()
    taken = {}
    for task_id, run in started.steal():
        taken[task_id] = [f.message for f in run()]
        if sys.argv[1] == "some" and len(taken) == 2:
            break
    os.write(gate_w, b"x")
    got = started.results()
    print("stolen", sorted(taken), all(m == [f"rule {k[1:]} in {here}"] for k, m in taken.items()))
    print("child", sorted((k, None if v is None else len(v)) for k, v in got.items()))
    print("elsewhere", all(f.message.endswith(str(here)) is False for v in got.values() for f in v or []))
    """
)


@pytest.mark.parametrize(
    ("mode", "stolen", "child"),
    [
        # the child is held in its own task: this process takes every shared rule, the child none
        ("all", "['R0', 'R1', 'R2', 'R3', 'R4']", "[('~own', 1)]"),
        # this process stops after two: the child, once free, takes the three left
        ("some", "['R0', 'R1']", "[('R2', 1), ('R3', 1), ('R4', 1), ('~own', 1)]"),
    ],
)
def test_the_parent_takes_the_rules_the_child_has_not_started(mode: str, stolen: str, child: str) -> None:
    proc = subprocess.run([sys.executable, "-c", STEAL, mode], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"stolen {stolen} True", proc.stdout  # run here, each once
    assert lines[1] == f"child {child}", proc.stdout  # never both, never neither
    assert lines[2] == "elsewhere True", proc.stdout  # the child's findings were made in the child
