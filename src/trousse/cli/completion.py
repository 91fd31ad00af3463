"""Shell completion (bash, zsh, fish): the answer to a Tab press, and the value functions that offer
what the kit holds — process ids, audit ids for ``--audit``, standard ids, rule ids and families,
report kinds.

The protocol is Click's, spoken with public names only: the script that ``trousse completion
SHELL`` prints (:mod:`trousse.cli.completion_cmd`) runs ``trousse`` with ``_TROUSSE_COMPLETE`` set
to ``bash_complete``, ``zsh_complete`` or ``fish_complete`` and the command line in ``COMP_WORDS``
and ``COMP_CWORD``; :func:`answer` reads them, walks the command tree typer built (its commands
and parameters), asks the parameter being completed for its values (``Parameter.shell_complete``,
which calls the ``autocompletion=`` function) and prints one candidate per line: ``plain,VALUE``
(zsh: three lines, type, value and help; fish: ``plain,VALUE<tab>HELP``), or ``file,`` when the
shell should complete file names itself.

The value functions run on every Tab press: they read only what they need (file names, one
``id:`` per audit file), never the whole kit, and never fail (no kit: no values)."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer

from trousse import i18n

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_TROUSSE_COMPLETE"
# (value, help, kind): kind "plain" is a value to offer, "file" asks the shell to complete file names.
Candidate = tuple[str, str, str]
# The metavars of the parameters that name a file or a folder (trousse's convention; ``PACK.zip``:
# a metavar with a suffix): where they offer no value, the shell completes file names.
PATH_METAVARS = frozenset({"KIT", "DIR", "FILE", "PATH"})


# ---------------------------------------------------------------- answering a Tab press


def answer(command: Any, env: Mapping[str, str]) -> int:
    """Write the candidates for the command line the shell sent in ``env``; the exit code (0, and
    nothing written, for a request this version does not know: a Tab press never shows an error)."""
    shell = env.get(COMPLETE_VAR, "").removesuffix("_complete")
    if shell not in SHELLS:
        return 0
    args, incomplete = _words(shell, env)
    prefix = ""
    if shell != "bash" and incomplete.startswith("--") and "=" in incomplete:
        # zsh and fish keep "--opt=value" as one word: complete the value, offer the whole word.
        name, _, incomplete = incomplete.partition("=")
        prefix = f"{name}="
        args = [*args, name]
    found = candidates(command, args, incomplete)
    lines = [_format(shell, prefix + value if kind == "plain" else value, help_, kind) for value, help_, kind in found]
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _split(text: str) -> list[str]:
    """The words of a command line as the shell would give them; an unfinished quote or escape
    keeps its partial word."""
    lex = shlex.shlex(text, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:
        out.append(lex.token)
    return out


def _words(shell: str, env: Mapping[str, str]) -> tuple[list[str], str]:
    """The words before the cursor (without the program's name) and the word being typed."""
    words = _split(env.get("COMP_WORDS", ""))
    if shell == "fish":  # fish sends the line up to the cursor and the word being typed
        typed = env.get("COMP_CWORD", "")
        incomplete = _split(typed)[0] if typed.strip() else ""
        args = words[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete
    try:
        index = int(env.get("COMP_CWORD", ""))
    except ValueError:
        index = len(words)
    args = words[1:index]
    incomplete = words[index] if 0 <= index < len(words) else ""
    if shell == "bash" and incomplete == "=":  # bash splits "--opt=" at the "="
        incomplete = ""
    return args, incomplete


def _format(shell: str, value: str, help_: str, kind: str) -> str:
    help_ = " ".join(help_.split())
    if shell == "zsh":
        if help_:
            value = value.replace(":", r"\:")  # _describe reads "value:help"
        return f"{kind}\n{value}\n{help_ or '_'}"
    if shell == "fish" and help_:
        return f"{kind},{value}\t{help_}"
    return f"{kind},{value}"


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _takes_value(param: Any) -> bool:
    return not (getattr(param, "is_flag", False) or getattr(param, "count", False))


def _names(param: Any) -> list[str]:
    return [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]


def _find_option(command: Any, name: str) -> Any:
    for param in getattr(command, "params", []):
        if _is_option(param) and name in _names(param):
            return param
    return None


def candidates(root: Any, args: list[str], incomplete: str) -> list[Candidate]:
    """What to offer after ``args`` for the word ``incomplete``: the values of the option just
    named, else option names (the word starts with "-"), else subcommands, else the values of the
    next argument."""
    command, values, pending, position = root, {}, None, 0
    for arg in args:
        if pending is not None:
            if arg != "=":  # bash gives "--opt=value" as three words
                values[pending.name] = arg
                pending = None
            continue
        if arg.startswith("-") and arg != "-":
            name, eq, _ = arg.partition("=")
            option = _find_option(command, name)
            if option is not None and _takes_value(option) and not eq:
                pending = option
            continue
        subcommands = getattr(command, "commands", None)
        if subcommands is not None:
            if arg in subcommands:
                command, position = subcommands[arg], 0
            continue
        arguments = [p for p in getattr(command, "params", []) if not _is_option(p)]
        if position < len(arguments):
            values[arguments[position].name] = arg
            if getattr(arguments[position], "nargs", 1) != -1:
                position += 1
    if pending is not None:
        return _values(command, pending, values, incomplete)
    if incomplete.startswith("-"):
        return _option_names(command, incomplete)
    subcommands = getattr(command, "commands", None)
    if subcommands is not None:
        return [
            (name, _short_help(sub), "plain")
            for name, sub in subcommands.items()
            if name.startswith(incomplete) and not getattr(sub, "hidden", False)
        ]
    arguments = [p for p in getattr(command, "params", []) if not _is_option(p)]
    if position < len(arguments):
        return _values(command, arguments[position], values, incomplete)
    return []


def _values(command: Any, param: Any, values: dict[str, str], incomplete: str) -> list[Candidate]:
    """The values ``param`` offers (its ``autocompletion=`` function, or its choices); none, for a
    file or a folder: the shell completes file names."""
    ctx = typer.Context(command, info_name=getattr(command, "name", None))
    ctx.params.update(values)
    found = [(str(item.value), item.help or "", "plain") for item in param.shell_complete(ctx, incomplete)]
    found = [c for c in found if c[0]]
    if not found:
        found = [(v, h, "plain") for v, h in _fixed_values(ctx, param, incomplete)]
    metavar = str(getattr(param, "metavar", None) or "")
    if not found and (metavar in PATH_METAVARS or "." in metavar):
        return [("", "", "file")]
    return found


def _option_names(command: Any, incomplete: str) -> list[Candidate]:
    out: list[Candidate] = []
    for param in getattr(command, "params", []):
        if _is_option(param) and not getattr(param, "hidden", False):
            help_ = (getattr(param, "help", None) or "").split("\n")[0]
            out += [(name, help_, "plain") for name in _names(param) if name.startswith("--")]
    out.append(("--help", i18n.t("click.help_option"), "plain"))
    return [c for c in out if c[0].startswith(incomplete)]


def _short_help(command: Any) -> str:
    text = getattr(command, "short_help", None) or getattr(command, "help", None) or ""
    first = text.strip().split("\n")[0]
    sentence = first.split(". ")[0].rstrip(".")
    return sentence


# ---------------------------------------------------------------- the kit's values


def _kit_root(ctx: typer.Context) -> Path | None:
    given = ctx.params.get("kit") if ctx is not None else None
    start = Path(str(given)) if given else Path.cwd()
    try:
        here = start.absolute()
        for folder in (here, *here.parents):
            if (folder / "trousse.yml").is_file():
                return folder
    except OSError:
        return None
    return None


def _starting(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(v, h) for v, h in values if v.startswith(incomplete)]


def process_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The kit's process ids (the names of processes/*.md)."""
    root = _kit_root(ctx)
    if root is None:
        return []
    try:
        ids = sorted(p.stem for p in (root / "processes").glob("*.md") if p.is_file())
    except OSError:
        return []
    return _starting([(i, "") for i in ids], incomplete)


def audit_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The kit's audit ids, with their kind and date (the ``id:`` line of audits/*.yml)."""
    root = _kit_root(ctx)
    if root is None:
        return []
    out: list[tuple[str, str]] = []
    try:
        files = sorted((root / "audits").glob("*.yml"))
    except OSError:
        return []
    for path in files:
        fields: dict[str, str] = {}
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    key, sep, value = line.partition(":")
                    if sep and key in ("id", "kind", "date") and key not in fields:
                        fields[key] = value.split("#")[0].strip().strip("'\"")
                    if len(fields) == 3:
                        break
        except OSError:
            continue
        if fields.get("id"):
            out.append((fields["id"], " ".join(fields.get(k, "") for k in ("kind", "date")).strip()))
    return _starting(out, incomplete)


def standard_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The shipped standard packs and the kit's own (standards/*.yml)."""
    from trousse.packs import shipped_pack_ids  # noqa: PLC0415

    ids = set(shipped_pack_ids())
    root = _kit_root(ctx)
    if root is not None:
        try:
            ids |= {p.stem for p in (root / "standards").glob("*.yml")}
        except OSError:
            pass
    return _starting([(i, "") for i in sorted(ids)], incomplete)


def rule_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Rule ids with their title, and the families."""
    from trousse.check.rules import REGISTRY  # noqa: PLC0415
    from trousse.check.rules.registry import FAMILIES  # noqa: PLC0415

    lang = i18n.language()
    values = [(fam, i18n.pick({"fr": t[0], "en": t[1]}, lang)) for fam, t in sorted(FAMILIES.items())]
    values += [(rid, REGISTRY[rid].title_in(lang)) for rid in sorted(REGISTRY)]
    return [(v, h) for v, h in values if v.upper().startswith(incomplete.upper())]


def report_kinds(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The report kinds."""
    from trousse.cli.report_cmd import KINDS, OWN_KINDS  # noqa: PLC0415

    return _starting([(k, "") for k in (*KINDS, *OWN_KINDS)], incomplete)


def shells(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The shells completion supports."""
    return _starting([(s, "") for s in SHELLS], incomplete)


# ---------------------------------------------------------------- values the commands do not declare

# --format of each command (check's list is check.formats.FORMATS; report's is reports.render.FORMATS).
_FORMATS: dict[str, tuple[str, ...]] = {
    "check": ("auto", "text", "json", "github", "junit", "sarif", "gitlab"),
    "report": ("md", "html", "pdf", "docx", "xlsx"),
    "calendar": ("text", "json", "ics"),
}


def _fixed_values(ctx: typer.Context, param: Any, incomplete: str) -> list[tuple[str, str]]:
    """Values a parameter takes without an ``autocompletion=`` of its own: ``--lang``, ``--format``
    (the command's formats, else those its metavar spells ``a|b``), ``new KIND`` and
    ``--from-finding`` (read from the kit)."""
    names = _names(param)
    command = str(getattr(ctx.command, "name", "") or "")
    metavar = str(getattr(param, "metavar", None) or "")
    if "--lang" in names:
        return _starting([("fr", "français"), ("en", "English")], incomplete)
    if "--format" in names:
        formats = _FORMATS.get(command) or tuple(v for v in metavar.split("|") if v and "|" in metavar)
        return _starting([(f, "") for f in formats or ("text", "json")], incomplete)
    if "--from-finding" in names:
        return _starting(finding_ids(ctx), incomplete)
    if command == "new" and getattr(param, "name", "") == "kind":
        return _starting(new_kinds(ctx), incomplete)
    return []


def finding_ids(ctx: typer.Context) -> list[tuple[str, str]]:
    """The ids of the kit's audit findings (``findings:`` of audits/*.yml), with their audit."""
    root = _kit_root(ctx)
    if root is None:
        return []
    from trousse.yamlio import YamlProblem, load_plain  # noqa: PLC0415 - only when completing

    out: list[tuple[str, str]] = []
    try:
        files = sorted((root / "audits").glob("*.yml"))
    except OSError:
        return []
    for path in files:
        try:
            data = load_plain(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YamlProblem):
            continue
        findings = data.get("findings") if isinstance(data, dict) else None
        for item in findings if isinstance(findings, list) else []:
            if isinstance(item, dict) and item.get("id"):
                out.append((str(item["id"]), f"{data.get('id', path.stem)} {item.get('kind', '')}".strip()))
    return out


def new_kinds(ctx: typer.Context) -> list[tuple[str, str]]:
    """The kinds ``trousse new`` accepts in the kit (audit, action and its record types)."""
    root = _kit_root(ctx)
    if root is None:
        return []
    from trousse.errors import TrousseError  # noqa: PLC0415 - only when completing
    from trousse.loader import load_kit  # noqa: PLC0415
    from trousse.workflow.new import record_kinds  # noqa: PLC0415

    try:
        return [(k, "") for k in record_kinds(load_kit(root))]
    except (TrousseError, OSError):
        return []
