"""Click's own words ("Usage:", "Options", "Show this message and exit.", "Error: No such option"...)
in the language of the messages.

Typer (0.29 and later) carries its own copy of Click whose words are plain English strings, not
gettext calls, so no translation file can reach them. trousse replaces those parts instead, through
the extension points Click documents: a help formatter (``Context.formatter_class``, set on each
command's ``context_class``) that writes the usage prefix, the section headings and the help
option's text from the catalogue; and, since the application runs outside typer's standalone mode,
usage errors written here from the exception's own fields (the option, the parameter, the
command), not from its English text.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from trousse import i18n
from trousse.errors import EXIT_USAGE

HEADINGS = {"Options": "click.options", "Arguments": "click.arguments", "Commands": "click.commands"}
HELP_TEXTS = {"Show this message and exit.": "click.help_option"}
_EXTRA = re.compile(r"\s\s\[([^\[\]]*)\]$")
_EXTRA_ITEMS = (
    (re.compile(r"^default: (.*)$", re.S), "click.default"),
    (re.compile(r"^env var: (.*)$", re.S), "click.env_var"),
    (re.compile(r"^required$"), "click.required"),
)
# Usage errors that carry nothing but their English text: recognised by it.
_MESSAGES = (
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", re.S), "click.extra_args"),
    (re.compile(r"^Missing command\.$"), "click.missing_command"),
    (re.compile(r"^No such command '(.*)'\.$"), "click.no_such_command"),
    (re.compile(r"^Option '(.*)' does not take a value\.$"), "click.no_value"),
    (re.compile(r"^Option '(.*)' requires an argument\.$"), "click.needs_value"),
    (re.compile(r"^Option '(.*)' requires (\d+) arguments\.$"), "click.needs_values"),
    (re.compile(r"^Argument '(.*)' takes (\d+) values\.$"), "click.takes_values"),
    (re.compile(r"^Input should be a valid (\w+)\b.*$", re.S), "click.expected"),
    (re.compile(r"^Value (.*) is not a valid (\w+)\.$"), "click.not_valid"),
    (re.compile(r"^(.*) is not a valid (\w+)\.$"), "click.not_valid"),
)


def _extra(inner: str) -> str:
    out = []
    for item in inner.split("; "):
        for pattern, key in _EXTRA_ITEMS:
            m = pattern.match(item)
            if m:
                item = i18n.t(key, value=m.group(1)) if m.groups() else i18n.t(key)
                break
        out.append(item)
    return f"  [{'; '.join(out)}]"


# Placeholders in usage lines and option names: Click's ("[OPTIONS]", "COMMAND [ARGS]...", typer's
# "<path>") and trousse's own metavars ("KIT", "FILE"), each translated when the catalogue has
# "click.placeholder.<it>" (English keeps them as they are).
_PLACEHOLDER = re.compile(r"(?<![\w-])(\[ARGS\]\.\.\.|[A-Z][A-Z-]*[A-Z]|<\w+>)(?![\w-])")


def placeholders(text: str) -> str:
    """``text`` (a usage line, an option's names) with its placeholders in the messages' language."""
    words = i18n.catalogue(i18n.language())
    return _PLACEHOLDER.sub(lambda m: words.get(f"click.placeholder.{m.group(1)}", m.group(1)), text)


def short_help(text: str, limit: int = 45) -> str:
    """A command's one-line help in the list of commands: its first sentence, cut at a word within
    ``limit`` characters with "..." (as Click does, but Click splits on every kind of space and
    so loses French typography's no-break spaces)."""
    paragraph = text.split("\n\n", 1)[0]
    words = [w for w in i18n.words(paragraph) if w != "\b"]
    out: list[str] = []
    length = 0
    for word in words:
        length += len(word) + (1 if out else 0)
        if length > limit:
            while out and len(" ".join(out)) + 3 > limit:
                out.pop()
            return " ".join(out) + "..."
        out.append(word)
        if word.endswith("."):
            break
    return " ".join(out)


def help_text(text: str) -> str:
    """One option's help as Click wrote it, with Click's words translated."""
    key = HELP_TEXTS.get(text)
    if key:
        return i18n.t(key)
    return _EXTRA.sub(lambda m: _extra(m.group(1)), text)


def localise(command: Any) -> Any:
    """Give ``command`` (the Click group typer built) and its subcommands a formatter that speaks
    the language of the messages."""
    base_context = command.context_class
    base_formatter = base_context.formatter_class

    class Formatter(base_formatter):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            prefix = i18n.t("click.usage") + " " if prefix is None else prefix
            super().write_usage(prog, placeholders(args), prefix)

        def write_heading(self, heading: str) -> None:
            key = HEADINGS.get(heading)
            name = i18n.t(key) if key else heading
            self.write(f"{'':>{self.current_indent}}{i18n.t('click.heading', name=name)}\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = [(placeholders(first), help_text(placeholders(second))) for first, second in rows]
            super().write_dl(rows, col_max, col_spacing)

        def write_text(self, text: str) -> None:
            super().write_text(placeholders(text))

    class Context(base_context):  # type: ignore[misc, valid-type]
        formatter_class = Formatter

    def walk(cmd: Any) -> None:
        cmd.context_class = Context
        if cmd.help and not cmd.short_help:  # an instance attribute: this command only
            cmd.get_short_help_str = lambda limit=45, _help=cmd.help: short_help(_help, limit)
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(command)
    return command


def _hint(param: Any, ctx: Any) -> str:
    """The parameter's names as Click shows them in errors, without Click's quotes."""
    try:
        hint = param.get_error_hint(ctx)  # Click's signature
    except TypeError:
        hint = param.get_error_hint()  # typer's own copy of Click
    return str(hint).replace("'", "")


def message(exc: Any) -> str:
    """The text of a Click usage error in the language of the messages."""
    kind = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        text = i18n.t("click.no_such_option", option=exc.option_name)
        if exc.possibilities:
            text += " " + i18n.t("click.possible", options=", ".join(sorted(exc.possibilities)))
        return text
    if kind == "MissingParameter":
        kind_of = exc.param_type or (param.param_type_name if param is not None else "parameter")
        hint = _hint(param, ctx) if param is not None else str(exc.param_hint or "").replace("'", "")
        key = {"argument": "click.missing_argument", "option": "click.missing_option"}.get(
            kind_of, "click.missing_parameter"
        )
        return i18n.t(key, name=placeholders(hint))  # as the usage line names it (DOSSIER)
    text = _known(str(exc.message))
    if kind == "BadParameter" and (param is not None or exc.param_hint is not None):
        hint = str(exc.param_hint).replace("'", "") if exc.param_hint is not None else _hint(param, ctx)
        return i18n.t("click.bad_value", name=hint, message=text)
    return text


def _known(text: str) -> str:
    for pattern, key in _MESSAGES:
        m = pattern.match(text)
        if m:
            values = m.groups()
            if key == "click.extra_args":
                return i18n.t(key, args=values[0], count=len(values[0].split()))
            if key == "click.not_valid":
                kind = i18n.t(f"click.type.{values[1]}") if values[1] in _TYPES else values[1]
                return i18n.t(key, value=values[0], kind=kind)
            if key == "click.expected":
                kind = i18n.t(f"click.type.{values[0]}") if values[0] in _TYPES else values[0]
                return i18n.t(key, kind=kind)
            if key in ("click.needs_values", "click.takes_values"):
                return i18n.t(key, name=values[0], count=int(values[1]))
            return i18n.t(key, name=values[0]) if values else i18n.t(key)
    return text


_TYPES = ("integer", "float", "boolean", "int", "str")


def show_usage_error(exc: Any) -> int:
    """Write a Click error (usage line, hint, error) as Click would, in the messages' language."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        sys.stderr.write(str(exc.message) + "\n")
        return int(getattr(exc, "exit_code", EXIT_USAGE))
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = i18n.t("click.try", command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        sys.stderr.write(f"{ctx.get_usage()}\n{hint}\n")
    sys.stderr.write(i18n.t("click.error", message=message(exc)) + "\n")
    return int(getattr(exc, "exit_code", EXIT_USAGE))
