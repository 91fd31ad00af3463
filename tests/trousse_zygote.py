"""The fork server of the tests (read by tests/forkserver.py and run as ``python -c <this text>``).

A fresh interpreter that IMPORTS trousse's modules and the libraries its commands use, and never
runs a command. For each request from its pytest worker it forks a child that becomes ``python -m
trousse ARGS`` from a clean state: the test's standard streams on fds 0, 1 and 2, its working
directory, umask and exact environment, ``sys.argv``, ``sys.orig_argv`` and ``sys.path[0]`` as
``-m`` sets them, an empty ``__main__`` module; then :func:`runpy._run_module_as_main` runs
``trousse.__main__`` as ``python -m`` does, and the child exits as an interpreter does (SystemExit,
atexit handlers, flushing the streams). The server waits for it and sends its wait status back.

Protocol (a SOCK_SEQPACKET socket given as fd ``sys.argv[1]``): the worker sends one JSON request
``{"args", "cwd", "env", "umask"}`` with three descriptors (stdin, stdout, stderr); the server
answers ``{"pid": N}`` once the child is forked, then ``{"status": S}`` when it has ended. The first
message of the server, before any request, is ``{"ready": [...], "environ_read": [...]}``: the
modules it could not import, and the environment variables read while importing (the worker
sends a request here only when those, and the ones the interpreter reads at start-up, have the
same values as in the server's environment).
"""

# The __main__ module as the interpreter made it, before this code added anything: what the child
# gives back to trousse.__main__ (python -m runs the module in the interpreter's own __main__).
_INITIAL_MAIN = {**globals(), "__doc__": None}  # (its __doc__ is this docstring; the interpreter gives None)

import importlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402


def _preload(names: list[str]) -> tuple[list[str], list[str]]:
    """Import ``names``; the ones that failed (the child imports them itself and meets the same
    error) and the environment variables read meanwhile ("*" when the whole environment was)."""
    read: set[str] = set()
    environ_class = type(os.environ)
    getitem, iterate = environ_class.__getitem__, environ_class.__iter__

    def recording_getitem(self: object, key: str) -> str:
        read.add(key)
        return getitem(self, key)  # type: ignore[arg-type]

    def recording_iter(self: object) -> object:
        read.add("*")
        return iterate(self)  # type: ignore[arg-type]

    failed = []
    environ_class.__getitem__ = recording_getitem  # type: ignore[method-assign]
    environ_class.__iter__ = recording_iter  # type: ignore[method-assign]
    try:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001 - reported, and met again by the child
                failed.append(f"{name}: {exc!r}")
    finally:
        environ_class.__getitem__ = getitem  # type: ignore[method-assign]
        environ_class.__iter__ = iterate  # type: ignore[method-assign]
    return failed, sorted(read)


def _send(sock: socket.socket, message: dict[str, object]) -> None:
    sock.sendall(json.dumps(message).encode("utf-8"))


def _serve(sock: socket.socket) -> tuple[dict[str, object], list[int]]:
    """Answer requests until the worker goes away (then exit); return in a forked child only."""
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(sock, 1 << 22, 3)
        except (ConnectionError, OSError):
            os._exit(0)
        if not data:
            os._exit(0)
        request = json.loads(data)
        pid = os.fork()
        if pid == 0:
            return request, fds
        for fd in fds:
            os.close(fd)
        _send(sock, {"pid": pid})
        _, status = os.waitpid(pid, 0)
        _send(sock, {"status": status})


def _become(request: dict[str, object], fds: list[int], sock: socket.socket) -> None:
    """In the forked child: become ``python -m trousse ARGS``; never returns (SystemExit)."""
    import runpy as _runpy
    import sys as _sys
    import time as _time

    sock.close()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(str(request["cwd"]))
    os.umask(int(request["umask"]))  # type: ignore[call-overload]
    os.environ.clear()
    os.environ.update(request["env"])  # type: ignore[arg-type]
    _time.tzset()
    args = list(request["args"])  # type: ignore[call-overload]
    _sys.argv = ["-m", *args]  # runpy puts trousse/__main__.py in argv[0], as -m does
    _sys.orig_argv = [_sys.executable, "-m", "trousse", *args]
    _sys.path[0] = os.getcwd()  # -m puts the working directory first
    run = _runpy._run_module_as_main
    hook = _sys.excepthook
    main_globals = vars(_sys.modules["__main__"])
    initial = dict(_INITIAL_MAIN)
    main_globals.clear()  # from here on this function uses its locals only
    main_globals.update(initial)
    try:
        run("trousse")
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - as the interpreter: traceback on stderr, exit 1
        hook(type(exc), exc, exc.__traceback__.tb_next if exc.__traceback__ else None)
        raise SystemExit(1) from None
    raise SystemExit(0)


def _compile_kit_templates() -> None:
    """Compile trousse's shipped kit templates into its in-process cache of compiled templates
    (trousse.shipped), as importing compiles modules: what every ``init``, ``adopt`` or ``demo``
    child would otherwise compile again (about a second each). No template is rendered, no file
    read but the templates."""
    try:
        from trousse.shipped import ShippedTemplates  # noqa: PLC0415

        # no pack read here (the packs are cached per process: a child must read its own, and
        # write them to its user cache as a real run does); the globals are not used to compile
        env = ShippedTemplates([], "en", "-").env
        for name in env.list_templates():
            try:
                env.get_template(name)
            except Exception:  # noqa: BLE001, S112 - the child compiles it and meets the same error
                continue
    except Exception:  # noqa: BLE001 - an optimisation only
        return


def _build_models() -> None:
    """Build trousse's pydantic models now (they are declared ``defer_build``: each process builds
    a model's validator the first time it validates with it), as importing would have built them
    without ``defer_build``: what nearly every child would otherwise build again (about a tenth of
    a second each). Only the classes the imports defined; the record models a child makes from
    its kit's packs are made and built by that child."""
    try:
        from pydantic import BaseModel  # noqa: PLC0415

        seen: set[type] = set()
        todo = list(BaseModel.__subclasses__())
        while todo:
            model = todo.pop()
            if model in seen:
                continue
            seen.add(model)
            todo.extend(model.__subclasses__())
            if model.__module__.split(".")[0] == "trousse":
                try:
                    model.model_rebuild()
                except Exception:  # noqa: BLE001, S112 - the child builds it and meets the same error
                    continue
    except Exception:  # noqa: BLE001 - an optimisation only
        return


def _main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    failed, read = _preload(sys.argv[2:])
    _compile_kit_templates()
    _build_models()
    _send(sock, {"ready": failed, "environ_read": read})
    request, fds = _serve(sock)
    _become(request, fds, sock)


_main()
