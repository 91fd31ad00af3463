"""Rules that do not read git history, run in a second process while this one dates the evidence.

On a large kit the end of a cold ``check`` is one process running some fifty rules one after the
other while the machine's other core waits: the rules that read the history (the EVD and CAL
families, which need the evidence dated from git) and those that read only the kit's files (the
references, the schemas, the documents...). Here the second kind runs in a child process forked
from this one once the kit is read and no other thread runs; this process dates the evidence and
runs the first kind meanwhile, then takes the child's findings back. Nothing else changes: the
child sees the same kit (the fork's copy of this process's memory), its findings are the same
values, and the engine sorts every finding the same way whichever process made it.

The rules are shared, not split in advance: their indices wait in a pipe that both processes read,
two bytes at a time (a read from a pipe is atomic, so each index reaches one process only). The
child takes them one by one; this process, once its own rules are done, takes those still waiting
(:meth:`Apart.steal`), so that neither waits for the other while work is left. The child first runs
its own tasks (the caches' saves), which this process never takes while the child lives.

It is an optimisation only, and it never changes a result: a rule that turns out to need the
evidence in the child, a rule that fails there, a child that dies or sends back something unreadable:
each such rule is run again here, as if the child had never been started (a failure is then met
here, in the usual way). It is used only where fork exists, on a kit of at least
:data:`trousse.loader.pool.THRESHOLD` files (forking a small kit costs more than it saves), and
only when more than one job is allowed (``--jobs 1``, or ``TROUSSE_JOBS=1``, keeps one process).
The child runs no code of the kit (trousse's rules only) and writes nothing but its findings, to
a pipe this process reads, as JSON (each finding as the list of its fields): plain data, checked
when it is read back, so that nothing coming from a process that read the kit can build objects.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from trousse.findings import Finding

Task = tuple[str, Callable[[], Iterable[Finding]]]


class NeedsEvidence(Exception):  # noqa: N818 - a signal, not an error: the rule is run again at home
    """Raised in the child when a rule asks for the evidence (dated from git: the parent's work)."""


class Apart:
    """Tasks running in a forked child; :meth:`steal` gives this process the shared tasks the child
    has not taken yet, :meth:`results` each other task's findings, or None for those this process
    must run itself."""

    def __init__(self, pid: int, fd: int, queue: int, own: list[str], shared: list[Task]) -> None:
        self.pid, self.fd, self.queue = pid, fd, queue
        self.own, self.shared = own, shared
        self.stolen: set[str] = set()

    @property
    def ids(self) -> list[str]:
        """Every task handed to the child: its own, then the shared ones."""
        return [*self.own, *(task_id for task_id, _run in self.shared)]

    def steal(self) -> Iterator[Task]:
        """The shared tasks still waiting, each taken from the child's queue as it is yielded."""
        while True:
            try:
                got = os.read(self.queue, 2)
            except OSError:
                return
            if len(got) != 2:  # the queue is empty: the child took the rest
                return
            index = int.from_bytes(got, "big")
            if index >= len(self.shared):  # pragma: no cover - only this module writes the queue
                return
            task = self.shared[index]
            self.stolen.add(task[0])
            yield task

    def results(self) -> dict[str, list[Finding] | None]:
        """Wait for the child: ``{task id: its findings}`` for every task not stolen, None for a
        task to run here again."""
        self._close_queue()
        chunks = []
        try:
            with os.fdopen(self.fd, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        _pid, status = os.waitpid(self.pid, 0)
        got: dict[str, list[Finding] | None] = dict.fromkeys(i for i in self.ids if i not in self.stolen)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return got
        try:
            sent = json.loads(b"".join(chunks))
        except (ValueError, RecursionError):  # truncated or unreadable: every task runs here again
            return got
        if type(sent) is not list:
            return got
        for item in sent:
            if (
                type(item) is list
                and len(item) == 2
                and type(item[0]) is str
                and item[0] in got
                and type(item[1]) is list
            ):
                findings = [f for f in map(_finding, item[1]) if f is not None]
                if len(findings) == len(item[1]):  # every row a finding
                    got[item[0]] = findings
        return got

    def _close_queue(self) -> None:
        if self.queue >= 0:
            with contextlib.suppress(OSError):
                os.close(self.queue)
            self.queue = -1

    def abandon(self) -> None:
        """Stop the child (this process failed before taking its findings)."""
        self._close_queue()
        with contextlib.suppress(OSError):
            os.kill(self.pid, 9)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(OSError, ChildProcessError):
            os.waitpid(self.pid, 0)


# A finding's fields, in order, and the type each must have when read back (text unless named
# here; the hint may also be null).
_FIELDS = [f.name for f in dataclasses.fields(Finding)]
_TYPES = {"line": int, "column": int}


def _finding(row: Any) -> Finding | None:
    """The finding sent as ``row`` (its fields in order), or None when ``row`` is not one."""
    if type(row) is not list or len(row) != len(_FIELDS):
        return None
    for name, value in zip(_FIELDS, row, strict=True):
        if not (type(value) is _TYPES.get(name, str) or (name == "hint" and value is None)):
            return None
    return Finding(*row)


def possible() -> bool:
    """Whether a child may be forked now: the system forks, and this process runs one thread."""
    return hasattr(os, "fork") and hasattr(os, "waitpid") and threading.active_count() == 1


# The queue holds two bytes per shared task, written at once before the fork: it must fit in one
# atomic write to a pipe (POSIX guarantees 512 bytes; Linux 4096).
MAX_SHARED = 256


def start(shared: list[Task], prepare: Callable[[], None], own: Sequence[Task] = ()) -> Apart | None:
    """Fork a child that runs ``own`` then takes ``shared`` tasks one by one (after ``prepare()``,
    which runs in the child only: the place to make the evidence raise :class:`NeedsEvidence`
    there); None when no child could be started (the caller runs every task itself)."""
    if not (shared or own) or len(shared) > MAX_SHARED or not possible():
        return None
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        queue_fd, feed_fd = os.pipe()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    try:  # every index queued, then the queue closed for writing: an empty queue reads as its end
        os.write(feed_fd, b"".join(i.to_bytes(2, "big") for i in range(len(shared))))
    except OSError:
        for fd in (read_fd, write_fd, queue_fd):
            os.close(fd)
        return None
    finally:
        os.close(feed_fd)
    # Every object to the permanent generation: a collection in the child would otherwise visit
    # (and so copy, page by page) the whole kit this process holds.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        for fd in (read_fd, write_fd, queue_fd):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns to the caller
        _child(list(own), shared, queue_fd, prepare, read_fd, write_fd)
    gc.unfreeze()
    os.close(write_fd)
    return Apart(pid, read_fd, queue_fd, [task_id for task_id, _run in own], shared)


def _child(
    own: list[Task], shared: list[Task], queue_fd: int, prepare: Callable[[], None], read_fd: int, write_fd: int
) -> None:
    code = 1
    try:
        os.close(read_fd)
        prepare()
        out: list[list[Any]] = []

        def run_one(task_id: str, run: Callable[[], Iterable[Finding]]) -> None:
            try:
                out.append([task_id, [list(dataclasses.astuple(f)) for f in run()]])
            except BaseException:  # noqa: BLE001 - needs the evidence, or fails: run again by the parent
                out.append([task_id, None])

        for task_id, run in own:
            run_one(task_id, run)
        while len(got := os.read(queue_fd, 2)) == 2:
            index = int.from_bytes(got, "big")
            if index < len(shared):
                run_one(*shared[index])
        os.close(queue_fd)
        data = json.dumps(out).encode("ascii")  # escaped: a lone surrogate in a file name travels too
        with os.fdopen(write_fd, "wb") as fh:
            fh.write(data)
        code = 0
    finally:
        os._exit(code)
