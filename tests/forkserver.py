"""``python -m trousse ARGS`` for the tests, without paying the interpreter's start-up and
trousse's imports on every call.

Each pytest process starts one fork server (tests/trousse_zygote.py): a fresh ``python`` that has
imported trousse's modules and its libraries, and never ran a command. :func:`run_trousse` asks it
for a child per call: a real, separate process, forked from that clean state, that becomes ``python
-m trousse ARGS`` with the test's argv, environment, working directory, umask and standard
streams (stdin inherited as :func:`subprocess.run` does, stdout and stderr on pipes read here), and
returns what :func:`subprocess.run` with ``capture_output=True, text=True`` returns.

A call runs as a genuine ``python -m trousse`` subprocess instead when:

- ``fresh=True`` is given, or the environment variable ``TROUSSE_TEST_SUBPROCESS=1`` is set in
  the pytest process (every call then; CI can run the suite that way too);
- the environment differs from the server's in a variable the interpreter reads when it starts
  (``PYTHON*``, the locale's ``LANG``/``LC_ALL``/``LC_CTYPE``, ``TZ``) or that one of the modules
  it imported read while importing (the server lists them): those were decided when it started.
  Only the first call with such an environment, though: from the second call with the same
  values on, the call is forked from another server, started with that environment (a few per
  test process, see :func:`_other_server`);
- the working directory does not exist (subprocess.run raises its own error then, or the
  child inherits a removed one).

A child that runs longer than the timeout (300 s by default) is killed and the call raises
:class:`subprocess.TimeoutExpired`; a server that died raises :class:`ForkServerError` saying so
(and the next call starts a new one).
"""

from __future__ import annotations

import json
import locale
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBPROCESS_ENV = "TROUSSE_TEST_SUBPROCESS"
TIMEOUT = 300.0

# What the server imports: what a command imports before it does its work, in the order a run
# imports it (the entry point, the command line and each command's module, the check's engine and
# rules, the models, the loader, the evidence, the reports' model and templates). Anything else
# (the PDF and office writers, GitPython, WeasyPrint...) the child imports itself when it needs it.
PRELOAD = [
    "trousse.cli.app",
    "trousse.answers",
    "trousse.cli.warm",
    "trousse.cache",
    "trousse.fsio",
    "trousse.gitio",
    "typer",
    "typer.main",
    "trousse.cli.localise",
    "trousse.cli.check_cmd",
    "trousse.cli.rules_cmd",
    "trousse.cli.init_cmd",
    "trousse.cli.evidence_cmd",
    "trousse.cli.readiness_cmd",
    "trousse.cli.report_cmd",
    "trousse.cli.demo_cmd",
    "trousse.cli.standards_cmd",
    "trousse.cli.adopt_cmd",
    "trousse.cli.calendar_cmd",
    "trousse.cli.completion_cmd",
    "trousse.cli.import_cmd",
    "trousse.cli.new_cmd",
    "trousse.cli.schema_cmd",
    "trousse.cli.upgrade_cmd",
    "trousse.cli.verify_cmd",
    "trousse.cli.check_run",
    "trousse.cli.common",
    "trousse.models",
    "trousse.yamlio",
    "trousse.kit",
    "trousse.loader",
    "trousse.check.engine",
    "trousse.check.formats",
    "trousse.evidence.compute",
    "trousse.evidence.readiness",
    "trousse.reports",
    "trousse.templating",
    "jinja2",
    "rich.console",
    "rich.table",
    "rich.text",
]

# Read by the interpreter when it starts (before any module is imported).
_STARTUP_VARS = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")
# Read while the server imports, and kept in no value that depends on them: sysconfig (imported by
# zoneinfo) computes ``_HAS_USER_BASE = _getuserbase() is not None``, true whatever HOME is.
_HARMLESS_AT_IMPORT = ("HOME",)
_ZYGOTE = Path(__file__).with_name("trousse_zygote.py")


class ForkServerError(RuntimeError):
    """The fork server died or broke its protocol."""


def _startup_view(env: dict[str, str], also: tuple[str, ...]) -> dict[str, str | None]:
    keys = {k for k in env if k.startswith("PYTHON")} | set(_STARTUP_VARS) | set(also)
    return {k: env.get(k) for k in sorted(keys)}


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# The environment the tests run in (tests/conftest.py, isolated_git): the pytest process's, in the
# C.UTF-8 locale. The server starts with the first call made in it, so that a first call with a
# special locale does not send every later call to a genuine subprocess.
_BASE = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")} | {"LANG": "C.UTF-8"}


class ForkServer:
    """One fork server, started lazily with the environment of its first usual call."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.sock: socket.socket | None = None
        self.env: dict[str, str] = {}
        self.read_at_import: tuple[str, ...] = ()
        self.home: str | None = None

    # ------------------------------------------------------------ life
    def start(self, env: dict[str, str]) -> None:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.home = tempfile.mkdtemp(prefix="trousse-zygote-")
        # PYDANTIC_DISABLE_PLUGINS: what trousse's entry point sets before its first model is
        # built (the models are built here, while importing).
        server_env = {**env, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _ZYGOTE.read_text(encoding="utf-8"), str(theirs.fileno()), *PRELOAD],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=self.home,
                env=server_env,
                pass_fds=(theirs.fileno(),),
            )
        finally:
            theirs.close()
        self.sock = mine
        self.env = dict(env)
        hello = self._receive(120.0)
        if "ready" not in hello:
            raise self._died(f"unexpected first message {hello!r}")
        read = tuple(hello["environ_read"])
        if "*" in read:  # a module copied the whole environment: no call can trust the server
            self.stop()
            raise ForkServerError(f"a preloaded module read the whole environment while importing: {hello}")
        self.read_at_import = tuple(k for k in read if k not in _HARMLESS_AT_IMPORT)

    def stop(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()
            self.proc = None
        if self.home is not None:
            try:
                os.rmdir(self.home)
            except OSError:
                pass
            self.home = None

    def _died(self, why: str) -> ForkServerError:
        detail = ""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            try:
                _, err = self.proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                err = b""
            detail = f" (exit status {self.proc.returncode}; its stderr: {err.decode('utf-8', 'replace')[-2000:]!r})"
        self.sock = None
        self.proc = None
        return ForkServerError(f"trousse's test fork server died: {why}{detail}")

    def _receive(self, timeout: float, died_after: bool = True) -> dict[str, object]:
        """The server's next message; no message within ``timeout`` seconds means it died, or
        raises :class:`TimeoutError` when not ``died_after``."""
        assert self.sock is not None
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data = self.sock.recv(1 << 20)
        except TimeoutError:
            if not died_after:
                raise
            raise self._died(f"no answer in {timeout:.0f} s") from None
        except OSError as exc:
            raise self._died(repr(exc)) from None
        if not data:
            raise self._died("its socket closed")
        message: dict[str, object] = json.loads(data)
        return message

    # ------------------------------------------------------------ calls
    def usable_for(self, env: dict[str, str]) -> bool:
        if self.proc is None:
            return _startup_view(env, ()) == _startup_view(_BASE, ())
        return _startup_view(env, self.read_at_import) == _startup_view(self.env, self.read_at_import)

    def run(self, args: list[str], cwd: str, env: dict[str, str], timeout: float) -> tuple[int, bytes, bytes]:
        if self.proc is None or self.proc.poll() is not None:
            self.stop()
            self.start(env)
        assert self.sock is not None
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            stdin = os.dup(0)
        except OSError:  # no stdin: the child gets an empty one
            stdin = os.open(os.devnull, os.O_RDONLY)
        request = {"args": args, "cwd": cwd, "env": env, "umask": _umask()}
        try:
            socket.send_fds(self.sock, [json.dumps(request).encode("utf-8")], [stdin, out_w, err_w])
        except OSError as exc:
            for fd in (out_r, err_r):
                os.close(fd)
            raise self._died(f"cannot send a request: {exc!r}") from None
        finally:
            for fd in (stdin, out_w, err_w):
                os.close(fd)
        deadline = time.monotonic() + timeout
        try:
            pid = int(self._receive(60.0)["pid"])  # type: ignore[call-overload]
        except ForkServerError:
            os.close(out_r)
            os.close(err_r)
            raise
        out, err, timed_out = _drain(out_r, err_r, deadline)
        answer: dict[str, object] | None = None
        if not timed_out:  # the streams are closed: the child has ended, or goes on without them
            try:
                answer = self._receive(deadline - time.monotonic() + 1.0, died_after=False)
            except TimeoutError:
                timed_out = True
        if answer is None:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            answer = self._receive(30.0)
        status = int(answer["status"])  # type: ignore[call-overload]
        code = os.waitstatus_to_exitcode(status)
        if timed_out:
            raise subprocess.TimeoutExpired([sys.executable, "-m", "trousse", *args], timeout, output=out, stderr=err)
        return code, out, err


def _drain(out_r: int, err_r: int, deadline: float) -> tuple[bytes, bytes, bool]:
    """Everything written on both pipes until both are closed, or until ``deadline``."""
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    open_fds = {out_r, err_r}
    with selectors.DefaultSelector() as sel:
        for fd in open_fds:
            sel.register(fd, selectors.EVENT_READ)
        while open_fds:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for key, _ in sel.select(min(left, 5.0)):
                data = os.read(key.fd, 1 << 16)
                if data:
                    chunks[key.fd].append(data)
                else:
                    sel.unregister(key.fd)
                    open_fds.discard(key.fd)
    for fd in (out_r, err_r):
        os.close(fd)
    return b"".join(chunks[out_r]), b"".join(chunks[err_r]), bool(open_fds)


_SERVER = ForkServer()
# Fork servers of other environments: a call whose environment the first server cannot give (a
# time zone, a locale) runs as a genuine subprocess the first time; from the second call with
# that same environment on, it is forked from a server started with it, as the first one was
# started with the usual environment (at most _MAX_OTHERS of them in a test process).
_OTHERS: dict[str, ForkServer] = {}
_MET: set[str] = set()
_MAX_OTHERS = 3


def _other_server(env: dict[str, str]) -> ForkServer | None:
    """A server started with ``env``'s start-up view, or None (the call runs as a genuine
    subprocess): none before the usual server is up, nor the first time a view is met."""
    if _SERVER.proc is None:
        return None
    key = json.dumps(_startup_view(env, _SERVER.read_at_import))
    server = _OTHERS.get(key)
    if server is None:
        if key not in _MET or len(_OTHERS) >= _MAX_OTHERS:
            _MET.add(key)
            return None
        server = _OTHERS[key] = ForkServer()
    if server.proc is None:
        try:
            server.start(env)
        except ForkServerError:
            del _OTHERS[key]
            return None
    return server if server.usable_for(env) else None


def stop_server() -> None:
    _SERVER.stop()
    for server in _OTHERS.values():
        server.stop()
    _OTHERS.clear()
    _MET.clear()


def _text(data: bytes) -> str:
    """As :func:`subprocess.run` with ``text=True`` decodes: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def run_trousse(
    args: list[str] | tuple[str, ...],
    *,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    fresh: bool = False,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """``python -m trousse ARGS`` as ``subprocess.run(..., capture_output=True, text=True)``
    runs it: from the fork server, or as a genuine subprocess (module docstring)."""
    argv = [sys.executable, "-m", "trousse", *args]
    env = dict(os.environ) if env is None else dict(env)
    try:
        where = os.getcwd() if cwd is None else os.fspath(cwd)
    except FileNotFoundError:  # a working directory removed: the subprocess inherits it as it is
        where = ""
    if fresh or os.environ.get(SUBPROCESS_ENV) == "1" or not os.path.isdir(where):
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    server = _SERVER if _SERVER.usable_for(env) else _other_server(env)
    if server is None:
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    code, out, err = server.run(list(args), os.path.abspath(where), env, timeout)
    return subprocess.CompletedProcess(argv, code, _text(out), _text(err))
