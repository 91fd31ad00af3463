"""A command whose result is already in the result cache, answered before the command line is built.

``check`` and ``evidence`` keep their output under ``.git/trousse/results`` (:class:`trousse.cache.
ResultCache`), keyed by HEAD, the kit files that differ from it, the options and the day. A CI job
that runs ``trousse check`` again on an unchanged kit needs nothing but that key: building typer's
command line imports pydantic, which costs more than the whole lookup. :func:`answer` reads
the few options of ``check`` (and ``evidence``) itself and answers a hit at once; anything it does not recognise
(another command, ``--help``, an unknown option or value) is left to the full command line, which
computes the same key (:func:`check_options`, :func:`lookup`) and reports problems in its own words.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trousse import i18n

if TYPE_CHECKING:
    from trousse.cache import ResultCache

# The formats `check --format` takes (trousse.check.formats.FORMATS: kept here so that building the
# command does not import the check engine; a test compares the two).
CHECK_FORMATS = ("auto", "text", "json", "github", "junit", "sarif", "gitlab")
# The dates --as-of accepts: git dates start in 1970; the end leaves room for periods added to it.
AS_OF_RANGE = (dt.date(1970, 1, 1), dt.date(2099, 12, 31))


def check_options(fmt: str, strict: bool, fast: bool, lang: str, as_of: str | None) -> dict[str, Any]:
    """What keys a ``check`` result besides the kit: the options that change its output, and CI's
    variable (CAL002 speaks in CI only). ``fmt`` is the format given (``auto`` is resolved here)."""
    if fmt == "auto":  # as trousse.check.formats.resolve_format, without importing the engine
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return {"format": fmt, "strict": strict, "fast": fast, "lang": lang, "as_of": as_of, "ci": os.environ.get("CI")}


def lookup(
    kit: Path | None, command: str, options: dict[str, Any]
) -> tuple[ResultCache | None, tuple[str, int] | None]:
    """The result cache's entry for ``command`` on the kit at or above ``kit`` and its saved
    ``(output, exit code)`` (None: a miss). No entry when the output is a terminal (what a terminal
    shows may differ: colours, progress) or there is no kit."""
    if sys.stdout.isatty():
        return None, None
    from trousse.cache import ResultCache, kit_root_for_cache, today_key  # noqa: PLC0415

    root = kit_root_for_cache(kit)
    if root is None:
        return None, None
    cache = ResultCache.open(root, command, {**options, "as_of": options.get("as_of") or today_key()})
    hit = cache.get()
    return cache, hit if isinstance(hit, tuple) and len(hit) == 2 else None


# Per command: its flags, its options with a value (name -> key) and its default format.
_SPECS: dict[str, tuple[tuple[str, ...], dict[str, str], str]] = {
    "check": (
        ("--strict", "--fast"),
        {"--format": "format", "-f": "format", "--as-of": "as_of", "--lang": "lang", "--jobs": "jobs", "-j": "jobs"},
        "auto",
    ),
    "evidence": (
        ("--records",),
        {
            "--format": "format",
            "-f": "format",
            "--process": "process",
            "--as-of": "as_of",
            "--lang": "lang",
            "--jobs": "jobs",
            "-j": "jobs",
        },
        "text",
    ),
}
EVIDENCE_FORMATS = ("text", "json")


def evidence_options(fmt: str, records: bool, lang: str, as_of: str | None, process: str | None) -> dict[str, Any]:
    """What keys an ``evidence`` result besides the kit."""
    options: dict[str, Any] = {"format": fmt, "records": records, "lang": lang, "as_of": as_of}
    if process is not None:
        options["process"] = process
    return options


def _args(args: list[str]) -> dict[str, Any] | None:
    """A cached command's arguments as the full command line reads them, or None for anything else."""
    spec = _SPECS.get(args[0]) if args else None
    if spec is None:
        return None
    flags, valued, default = spec
    got: dict[str, Any] = {"command": args[0], "kit": None, "format": default}
    got.update({flag[2:]: False for flag in flags})
    rest = iter(args[1:])
    for arg in rest:
        if arg in flags:
            got[arg[2:]] = True
        elif arg in valued:
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            got[valued[arg]] = value
        elif arg.startswith("--") and "=" in arg and arg.split("=", 1)[0] in valued:
            name, value = arg.split("=", 1)
            got[valued[name]] = value
        elif arg.startswith("-") or got["kit"] is not None:
            return None  # --help, an unknown option, a second folder: the full command line says
        else:
            got["kit"] = arg
    return got


def answer(args: list[str]) -> int | None:
    """Write the saved output of ``check`` or ``evidence`` with ``args`` and return its exit code,
    when the result cache holds it; None to run the full command line."""
    got = _args(args)
    if got is None:
        return None
    lang = got.get("lang")
    if lang is not None and lang not in i18n.LANGUAGES:
        return None
    jobs = got.get("jobs")
    if jobs is not None and not (jobs.strip().isdigit() and int(jobs) >= 1):
        return None
    as_of = got.get("as_of")
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            return None
        if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
            return None
    lang = lang or i18n.language()
    if got["command"] == "check":
        if got["format"] not in CHECK_FORMATS:
            return None
        options = check_options(got["format"], got["strict"], got["fast"], lang, as_of)
    else:
        if got["format"] not in EVIDENCE_FORMATS:
            return None
        options = evidence_options(got["format"], got["records"], lang, as_of, got.get("process"))
    _cache, hit = lookup(Path(got["kit"]) if got["kit"] is not None else None, got["command"], options)
    if hit is None:
        return None
    sys.stdout.write(hit[0])
    return hit[1]


def direct_check(args: list[str]) -> dict[str, Any] | None:
    """The arguments of a ``check`` the entry point may run without the command line
    (:func:`trousse.cli.app.run`): the options :func:`answer` reads, as ``check_run.run`` takes
    them; None for anything else. Values are checked by ``run`` itself, with the command line's
    messages."""
    got = _args(args)
    if got is None or got["command"] != "check":
        return None
    return {
        "kit": Path(got["kit"]) if got["kit"] is not None else None,
        "format": got["format"],
        "strict": got["strict"],
        "fast": got["fast"],
        "as_of": got.get("as_of"),
        "lang": got.get("lang"),
        "jobs": got.get("jobs"),
    }
