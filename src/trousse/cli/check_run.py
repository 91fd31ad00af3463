"""`trousse check`'s work, without the command line: what the typer command calls, and what the
entry point calls directly for a plain ``check`` (:func:`trousse.cli.app.run`), so that a cold check
does not pay for building typer's command line (about a fifth of a small kit's check)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.cli.plain import check_lang, parse_as_of, use_jobs
from trousse.cli.warm import CHECK_FORMATS, check_options, lookup
from trousse.errors import ConfigError

if TYPE_CHECKING:
    from rich.console import Console

    from trousse.check.engine import CheckResult
    from trousse.findings import Finding


FORMATS = CHECK_FORMATS  # what `--format` takes (trousse.cli.warm.CHECK_FORMATS)


STYLES = {"error": "red", "warning": "yellow", "notice": "cyan"}


def run(
    kit: Path | None,
    fmt: str,
    strict: bool,
    as_of: str | None,
    lang_arg: str | None,
    fast: bool = False,
    jobs: str | None = None,
) -> int:
    """Check the kit and write the findings; the exit code (``jobs``: processes reading the kit;
    the output is the same whatever their number)."""
    lang = check_lang(lang_arg)
    use_jobs(jobs)
    if fmt not in FORMATS:
        raise ConfigError(i18n.t("check.bad_format", value=fmt, known=", ".join(FORMATS)))
    day = parse_as_of(as_of)
    options = check_options(fmt, strict, fast, lang, as_of)  # the result cache's key (trousse.cli.warm)
    fmt = options["format"]
    cache, hit = lookup(kit, "check", options)
    if hit is not None:
        sys.stdout.write(hit[0])
        return hit[1]
    if not fast and day is None:  # git walks the history while the engine is imported and the kit read
        from trousse.evidence import prefetch

        prefetch.start(kit)
    from trousse.check.engine import run_check
    from trousse.cli import progress

    progress.install()
    result = run_check(kit, lang=lang, as_of=day, strict=strict, fast=fast)
    if fmt == "text":
        from rich.console import Console  # only the text format draws with rich

        if cache is None:
            print_text(result, Console(highlight=False, soft_wrap=True))
            return result.exit_code()
        buf = io.StringIO()
        print_text(result, Console(file=buf, highlight=False, soft_wrap=True))
        out = buf.getvalue()
    else:
        from trousse.check.formats import to_github, to_gitlab, to_json, to_junit, to_sarif

        render = {"json": to_json, "github": to_github, "junit": to_junit, "sarif": to_sarif, "gitlab": to_gitlab}[fmt]
        out = render(result)
    sys.stdout.write(out)
    if cache is not None:
        cache.put((out, result.exit_code()))
    return result.exit_code()


def print_text(result: CheckResult, console: Console) -> None:
    """Findings grouped by file, coloured on a terminal only.

    ``console`` is made with ``soft_wrap=True``: rich never breaks a line (a path stays whole, a
    file or a pipe gets each finding on one line); a terminal wraps long lines itself."""
    from rich.markup import escape as rich_escape

    findings: Iterable[Finding] = result.findings
    for path, group in groupby(findings, key=lambda f: f.path):
        console.print(f"[bold]{rich_escape(i18n.printable(path))}[/bold]", soft_wrap=True)
        for f in group:
            style = STYLES.get(f.severity, "yellow")
            severity = i18n.t(f"rules.sev.{f.severity}")
            message = rich_escape(i18n.printable(f.message))
            console.print(
                f"  {f.line}:{f.column}  [{style}]{severity}[/{style}]  [bold]{f.rule}[/bold]  {message}",
                highlight=False,
                soft_wrap=True,
            )
            if f.hint:
                # one line, as the finding's: the terminal wraps it (rich would break it unindented)
                console.print(
                    f"      [dim]{rich_escape(i18n.t('out.hint', hint=f.hint))}[/dim]",
                    highlight=False,
                    soft_wrap=True,
                )
        console.print()
    if result.findings:
        style = "red" if result.exit_code() else "yellow"
        console.print(
            f"[{style}]" + rich_escape(result.summary_line(len({f.path for f in result.findings}))) + f"[/{style}]",
            highlight=False,
        )
    else:
        console.print(
            "[green]" + rich_escape(i18n.t("out.clean", files=len(result.kit.files))) + "[/green]", highlight=False
        )
