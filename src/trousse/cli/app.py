"""The entry point: decide the language once, build the typer application in it, run it, guard errors.

Nothing heavy is imported here: ``trousse --version`` never imports typer, and ``--help`` imports
typer and the command modules, whose own imports (pydantic models, the YAML reader, jinja2, rich,
git) wait inside the command functions until a command runs.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.errors import EXIT_BUG, EXIT_USAGE, TrousseError

if TYPE_CHECKING:
    import typer


# Commands first in the help, in this order; any other ``*_cmd`` module of this package follows.
COMMAND_ORDER = ("check", "rules", "init", "evidence", "report", "demo", "standards")

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
    folder, else the locale."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in i18n.LANGUAGES:
            return arg[7:]
    starts = [Path(a) for a in argv if not a.startswith("-") and _is_dir(a)] + [Path.cwd()]
    for start in starts:
        found = _kit_language(start)
        if found:
            return found
    return i18n.locale_language()


def _is_dir(arg: str) -> bool:
    try:
        return Path(arg).is_dir()
    except (OSError, ValueError):
        return False


def _kit_language(start: Path) -> str | None:
    """The ``language:`` of the trousse.yml at or above ``start`` (read as text: it may be broken)."""
    try:
        here = start.absolute()
        for folder in (here, *here.parents):
            cfg = folder / "trousse.yml"
            if cfg.is_file():
                for line in cfg.read_text(encoding="utf-8", errors="replace").splitlines():
                    if line.startswith("language:"):
                        value = line.split(":", 1)[1].split("#")[0].strip().strip("'\"")
                        if value in i18n.LANGUAGES:
                            return value
                return None
    except OSError:
        return None
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
    ) -> None:
        """trousse."""

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


def run(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv`` and return the exit code (never raises).

    The language is decided here, once, before any help text is built; typer runs outside its
    standalone mode so that its usage errors are written here, in that language; commands end with
    ``typer.Exit(code)``.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # the fast path: nothing to build
        sys.stdout.write(f"trousse {version()}\n")
        return 0
    i18n.set_language(decide_language(args))
    try:
        import typer

        from trousse.cli.localise import localise, show_usage_error

        command = localise(typer.main.get_command(build_app()))
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
    except TrousseError as exc:
        sys.stderr.write(f"trousse: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write(i18n.t("cli.interrupted") + "\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place bugs are turned into exit 3
        return _report_bug(exc)


def main() -> None:
    """Entry point of the ``trousse`` command."""
    sys.exit(run())
