"""The entry point: decide the language once, build the typer application in it, run it, guard errors.

Nothing heavy is imported here: ``trousse --version`` never imports typer, and ``--help`` imports
typer and the command modules, whose own imports (pydantic models, the YAML reader, jinja2, rich,
git) wait inside the command functions until a command runs.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.errors import EXIT_BUG, EXIT_PIPE, EXIT_USAGE, ConfigError, TrousseError

if TYPE_CHECKING:
    import typer


# Commands first in the help, in this order; any other ``*_cmd`` module of this package follows.
COMMAND_ORDER = ("check", "rules", "init", "evidence", "readiness", "report", "demo", "standards")

_building: typer.Typer | None = None


def __getattr__(name: str) -> object:
    """``from trousse.cli.app import app``: the application being built (for command modules that
    still declare their command at import time instead of in an ``add(app)`` function)."""
    if name == "app":
        return _building if _building is not None else build_app()
    raise AttributeError(name)


def decide_language(argv: list[str]) -> str:
    """The language of help and messages, decided once before anything is built: ``--lang`` on
    the command line, else the language of the kit named on the command line or around the current
    folder (as it was committed on the ``--as-of`` day when one is given), else the locale."""
    as_of: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in i18n.LANGUAGES:
            return arg[7:]
        if arg == "--as-of" and i + 1 < len(argv):
            as_of = argv[i + 1]
        elif arg.startswith("--as-of="):
            as_of = arg[8:]
    starts = [Path(a) for a in argv if not a.startswith("-") and _is_dir(a)] + [Path.cwd()]
    for start in starts:
        found = _kit_language(start, as_of)
        if found:
            return found
    return i18n.locale_language()


def _is_dir(arg: str) -> bool:
    try:
        return Path(arg).is_dir()
    except (OSError, ValueError):
        return False


def _kit_language(start: Path, as_of: str | None = None) -> str | None:
    """The ``language:`` of the trousse.yml at or above ``start`` (read as text: it may be broken);
    with ``as_of``, of the trousse.yml committed on that day (what the command will read)."""
    try:
        here = start.absolute()
        for folder in (here, *here.parents):
            cfg = folder / "trousse.yml"
            if cfg.is_file():
                text = _committed_config(folder, as_of) if as_of else None
                if text is None:  # a regular file only, capped: never through a link, never whole
                    from trousse.fsio import read_regular  # noqa: PLC0415 - lazy start-up

                    text = read_regular(cfg, 5 * 1024 * 1024).decode("utf-8", errors="replace")
                return _language_line(text)
    except (OSError, TrousseError):
        return None
    return None


def _language_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("language:"):
            value = line.split(":", 1)[1].split("#")[0].strip().strip("'\"")
            return value if value in i18n.LANGUAGES else None
    return None


def _committed_config(kit: Path, as_of: str) -> str | None:
    """The text of the kit's trousse.yml in the commit ``--as-of`` reads; None when there is none
    (a bad date or no repository: the command itself says so)."""
    import datetime as dt

    from trousse import gitio

    try:
        day = dt.date.fromisoformat(as_of)
        info = gitio.repo_info(kit)
        if info is None or info.head is None:
            return None
        found = gitio.commit_on_or_before(info.toplevel, day, info.head)
        if found is None:
            return None
        rel = kit.resolve().relative_to(info.toplevel.resolve()).as_posix()
        spec = f"{found[0]}:{rel}/trousse.yml" if rel != "." else f"{found[0]}:trousse.yml"
        return gitio.run(info.toplevel, "show", spec)
    except (ValueError, OSError, gitio.GitCommandError):
        return None


def command_modules() -> list[str]:
    """The command modules of this package (``check_cmd``...), in the order of the help."""
    here = Path(__file__).parent
    found = {p.stem for p in here.glob("*_cmd.py")}
    ordered = [f"{name}_cmd" for name in COMMAND_ORDER if f"{name}_cmd" in found]
    return ordered + sorted(found - set(ordered))


def version() -> str:
    from trousse import __version__

    return __version__


def build_app() -> typer.Typer:
    """The typer application, its help texts in the language decided for this run."""
    global _building
    import typer

    app = typer.Typer(
        name="trousse",
        help=i18n.t("cli.help"),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def _version(value: bool) -> None:
        if value:
            typer.echo(f"trousse {version()}")
            raise typer.Exit(0)

    @app.callback()
    def _root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=i18n.t("cli.version")),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
    ) -> None:
        """trousse. (``--lang`` before the command: decide_language has already read it.)"""
        if lang is not None and lang not in i18n.LANGUAGES:
            raise ConfigError(i18n.t("opt.bad_lang", value=lang))

    _building = app
    try:
        for name in command_modules():
            fullname = f"trousse.cli.{name}"
            seen = fullname in sys.modules
            module = importlib.import_module(fullname)
            add = getattr(module, "add", None)
            if callable(add):
                add(app)
            elif seen:  # declared at import time: run its declarations again on this application
                importlib.reload(module)
    finally:
        _building = None
    return app


def _crash_log() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trousse"
    try:
        base.mkdir(parents=True, exist_ok=True)
        return base / "crash.log"
    except OSError:
        import tempfile

        return Path(tempfile.gettempdir()) / "trousse-crash.log"


def _report_bug(exc: BaseException) -> int:
    import traceback

    log = _crash_log()
    # The traceback without local variables: those may hold the kit's document content.
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        log.write_text(f"trousse {version()}\nargv: {sys.argv}\n\n{text}", encoding="utf-8")
    except OSError:
        log = Path("stderr")
        sys.stderr.write(text)
    sys.stderr.write(i18n.t("cli.bug", log=log) + "\n")
    return EXIT_BUG


def _tolerant_output() -> None:
    """A character the output encoding cannot show (latin-1, ASCII...) becomes '?' instead of
    stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        try:
            "é«»—".encode(stream.encoding, stream.errors or "strict")
        except (UnicodeError, LookupError, AttributeError, TypeError):
            try:
                if reconfigure is not None:
                    reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream already closed
                pass


def _stdout_identity() -> tuple[int, int] | None:
    try:
        st = os.fstat(1)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _null_identity() -> tuple[int, int] | None:
    try:
        st = os.stat(os.devnull)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _closed_output() -> None:
    """Started with stdout or stderr closed (``>&-``): their descriptors point to the null device,
    so that no file trousse opens (nor git's output) takes their place; what would be shown is lost."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is None:
            null = os.open(os.devnull, os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            setattr(sys, name, open(fd, "w", closefd=False))  # noqa: SIM115 - lives as long as the process


_OUTPUT_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT)
_FAILED: dict[str, int] = {}  # the exit code of the first output failure, once there was one


def _output_failed(exc: BaseException | None) -> int | None:
    """When standard output is closed or full (``| head``, ``>/dev/full``): send the rest of the
    output nowhere; a closed pipe (the reader stopped early, as ``git log | head``) ends quietly
    with exit 141 (:data:`EXIT_PIPE`), any other write error is said on one line with exit code 2; None when stdout is
    fine. (The kit's caches and reports handle their own write errors: a full disk or a broken
    pipe that reaches here comes from the output.) Once output has failed, later calls return
    the same code: the first failure is the one that happened."""
    if "code" in _FAILED:
        return _FAILED["code"]
    error: BaseException
    try:
        sys.stdout.flush()
        if exc is None or not isinstance(exc, OSError) or exc.errno not in _OUTPUT_ERRORS:
            return None
        error = exc
    except (OSError, ValueError) as failed:
        error = failed
    try:  # whatever is still buffered goes nowhere, at exit too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if getattr(error, "errno", None) == errno.EPIPE:
        # the reader has what it wanted: nothing to say; but the output was cut short, so never
        # exit 0 (a check whose findings a closed pipe hid would pass): 128 + SIGPIPE, as git gives
        _FAILED["code"] = EXIT_PIPE
        return EXIT_PIPE
    _FAILED["code"] = EXIT_USAGE
    try:
        sys.stderr.write(i18n.t("cli.output_failed", error=getattr(error, "strerror", None) or error) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return EXIT_USAGE


def run(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv`` and return the exit code (never raises), with the cyclic garbage
    collector paused (:mod:`trousse.collector`)."""
    from trousse.collector import paused  # noqa: PLC0415 - a few lines, no import of its own

    with paused():
        return _command(argv)


def _command(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv`` and return the exit code (never raises).

    The language is decided here, once, before any help text is built; typer runs outside its
    standalone mode so that its usage errors are written here, in that language; commands end with
    ``typer.Exit(code)``. A closed pipe on standard output ends quietly (exit 141); a full or
    failing standard output is exit 2.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    # trousse uses no pydantic plugin: without this, pydantic scans every installed package's entry
    # points for one the first time it builds a schema (about 12 ms of each cold command).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _FAILED.clear()
    _closed_output()
    _tolerant_output()
    if args == ["--version"]:  # the fast path: nothing to build
        try:
            sys.stdout.write(f"trousse {version()}\n")
        except OSError as exc:
            return _output_failed(exc) or EXIT_USAGE
        return _output_failed(None) or 0
    i18n.set_language(decide_language(args))
    before = _stdout_identity()
    from trousse.answers import remembering  # noqa: PLC0415 - after the --version fast path

    with remembering():  # the repository's answers, asked once for the whole command
        code = _warm(args)
        if code is None:
            code = _direct(args)
        if code is None:
            code = _run(args)
    # click and rich answer a broken pipe themselves with exit 1 (the code of findings): click
    # wraps stdout, rich points it at the null device.
    piped = type(sys.stdout).__name__ == "PacifyFlushWrapper" or before != _stdout_identity() == _null_identity()
    failed = _output_failed(BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)) if piped else None)
    return code if failed is None else failed


def _warm(args: list[str]) -> int | None:
    """The exit code of a ``check`` or ``evidence`` answered from the result cache before the command
    line is built (:mod:`trousse.cli.warm`), or None to run the command line. Whatever goes wrong is
    left to it."""
    try:
        from trousse.cli.warm import answer

        return answer(args)
    except OSError as exc:
        if (failed := _output_failed(exc)) is not None:
            return failed
        return None
    except Exception:  # noqa: BLE001 - the full command line meets and reports the same problem
        return None


def _direct(args: list[str]) -> int | None:
    """The exit code of a plain ``check`` (only the options :mod:`trousse.cli.warm` reads, each
    well formed) run without building typer's command line, which costs about a fifth of a small
    kit's cold check; None for anything else (help, completion, another command, an option it does
    not read), which the command line runs. Same work, same messages, same exit codes: the typer
    command calls the same :func:`trousse.cli.check_run.run`."""
    if "_TROUSSE_COMPLETE" in os.environ:
        return None
    from trousse.cli.warm import direct_check

    got = direct_check(args)
    if got is None:
        return None

    def work() -> int:
        from trousse.cli.check_run import run as run_check

        return run_check(got["kit"], got["format"], got["strict"], got["as_of"], got["lang"], got["fast"], got["jobs"])

    return _guarded(work)


def _guarded(work: Callable[[], int]) -> int:
    """Run ``work`` the way every command runs: a :class:`TrousseError` is one plain line and exit
    2, Ctrl-C exit 130, anything else a bug (exit 3, :func:`_report_bug`)."""
    # pydantic looks for plugins (observability add-ons) by reading every installed package's entry
    # points when the first model is built: about 50 ms in a full environment, for nothing trousse
    # uses. A user who wants them sets the variable to another value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        return work()
    except TrousseError as exc:
        sys.stderr.write(f"trousse: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write(i18n.t("cli.interrupted") + "\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place bugs are turned into exit 3
        if isinstance(exc, OSError) and (failed := _output_failed(exc)) is not None:
            return failed
        return _report_bug(exc)


def _run(args: list[str]) -> int:
    """Build typer's command line and run it on ``args``."""

    def work() -> int:
        import typer

        from trousse.cli.localise import localise, show_usage_error

        command = localise(typer.main.get_command(build_app()))
        if "_TROUSSE_COMPLETE" in os.environ:  # a Tab press: the completion script asks for values
            from trousse.cli.completion import answer

            return answer(command, os.environ)
        try:
            code = command.main(args=args, prog_name="trousse", standalone_mode=False)
        except typer.Abort:
            sys.stderr.write(i18n.t("cli.aborted") + "\n")
            return 1
        except typer.TyperException as exc:
            return show_usage_error(exc)
        except SystemExit as exc:
            if exc.code is None or isinstance(exc.code, int):
                return exc.code or 0
            sys.stderr.write(f"{exc.code}\n")
            return EXIT_USAGE
        return code if isinstance(code, int) else 0

    return _guarded(work)


def main() -> None:
    """Entry point of the ``trousse`` command: run, then leave at once (:func:`leave`)."""
    leave(run())


def leave(code: int) -> None:
    """End the process with ``code`` without the interpreter's teardown: once the exit handlers
    registered ran (``atexit``) and the standard streams are flushed, :func:`os._exit`. Freeing a
    large kit's objects one by one at exit costs a tenth of a cold check of 10,000 records, for
    nothing. When another thread still runs or a stream cannot be flushed, the usual exit
    (``sys.exit``), which reports it as the interpreter always does."""
    threading = sys.modules.get("threading")  # not imported: no other thread
    if (threading is not None and threading.active_count() > 1) or not 0 <= code <= 255:
        sys.exit(code)
    import atexit  # noqa: PLC0415 - only here

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
