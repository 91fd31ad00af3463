"""The trousse command leaves without the interpreter's teardown (trousse.cli.app.leave): the exit
code, the output still buffered and the exit handlers are exactly those of a usual exit, and a
thread still running makes it a usual exit (the thread ends first)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

LEAVE = textwrap.dedent(
    """
    import atexit, sys, threading, time
    from trousse.cli.app import leave

    atexit.register(lambda: sys.stdout.write(" handler"))
    sys.stdout.write("buffered")  # not flushed yet
    if sys.argv[1] == "thread":
        def late():
            time.sleep(0.3)
            sys.stdout.write(" late")
        threading.Thread(target=late).start()
    leave(int(sys.argv[2]))
    sys.stdout.write(" never")
    """
)


@pytest.mark.parametrize(
    ("mode", "code", "out"),
    [
        ("plain", 0, "buffered handler"),
        ("plain", 3, "buffered handler"),
        # a thread still running: the usual exit, which waits for it before the handlers
        ("thread", 1, "buffered late handler"),
    ],
)
def test_leave_keeps_what_a_usual_exit_does(mode: str, code: int, out: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # the output stays buffered
    proc = subprocess.run(
        [sys.executable, "-c", LEAVE, mode, str(code)], capture_output=True, text=True, check=False, env=env
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (code, out, "")


CLOSED = textwrap.dedent(
    """
    import sys
    from trousse.cli.app import leave

    sys.stdout.write("buffered")  # not flushed yet
    sys.stdin.readline()  # the reader has closed its end by now
    leave(0) if sys.argv[1] == "leave" else sys.exit(0)
    """
)


def _closed_reader(how: str) -> tuple[int, str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CLOSED, how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},  # the output stays buffered
    )
    assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stdin.write("go\n")
    proc.stdin.close()
    err = proc.stderr.read()
    proc.stderr.close()
    return proc.wait(timeout=60), "BrokenPipeError" in err


def test_leave_with_stdout_closed_exits_as_usual() -> None:
    # the flush fails: the usual exit, which reports it as Python does (exit 120, a broken pipe said)
    assert _closed_reader("leave") == _closed_reader("exit") == (120, True)
