"""The only module that talks to jinja2. Templates from a kit are untrusted: every environment
is sandboxed, undefined variables are errors, and loaders refuse paths outside their roots.

The sandbox also bounds what a template may cost (:class:`LimitedSandbox`): no value it builds
(with ``*``, ``+``, ``~``, ``%``, ``**``, a filter or a method) may exceed :data:`MAX_SIZE`
characters or items, nor a number :data:`MAX_INT_BITS` bits; ``range`` is capped by jinja at
100,000; the rendered text may not exceed :data:`MAX_OUTPUT` characters; a render stops after
:data:`RENDER_SECONDS` seconds (``TROUSSE_RENDER_SECONDS`` changes it) and, where the system
allows it, after :data:`RENDER_MEMORY` more bytes of memory. Each of these, endless recursion
included, is a :class:`TrousseError` naming the template file and line."""

from __future__ import annotations

import contextlib
import math
import os
import re
import signal
import string
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.nodes import Concat
from jinja2.sandbox import SandboxedEnvironment

from trousse import i18n
from trousse.errors import TrousseError

MAX_SIZE = 1_000_000  # characters of a string, items of a list, built by one operation
MAX_INT_BITS = 4096  # an integer a template computes
MAX_OUTPUT = 64 * 1024 * 1024  # characters of one rendered template
RENDER_SECONDS = 30.0
RENDER_MEMORY = 1024 * 1024 * 1024  # bytes of address space a render may add (Linux)
# Builtin filters whose arguments size their result: a number argument above MAX_SIZE is refused.
_SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format", "join", "replace")
_WIDTH = re.compile(r"%[-#0 +]*(?:\*|\d{7,})|%[-#0 +]*\d*\.(?:\*|\d{7,})")


class RenderLimit(Exception):
    """A template went past one of the limits; the message is ready for the user."""


def _check(value: Any) -> Any:
    """``value``, refused when it is a string or collection over :data:`MAX_SIZE` or a number over
    :data:`MAX_INT_BITS` bits."""
    if isinstance(value, (str, bytes, list, tuple, dict, set)) and len(value) > MAX_SIZE:
        raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise RenderLimit(i18n.t("tpl.too_big_number", limit=MAX_INT_BITS))
    return value


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set)) else 1


def _check_args(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_SIZE:
            raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))


def _check_format(fmt: Any) -> None:
    """Refuse a ``%`` format whose width or precision would build a huge string."""
    if isinstance(fmt, str) and "%" in fmt and _WIDTH.search(fmt):
        raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))


def _check_braces(fmt: str) -> bool:
    """Refuse a ``str.format`` whose width or precision would build a huge string; True when a
    width comes from an argument (its arguments are then checked)."""
    nested = False
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return False  # str.format reports it
    for _, _, spec, _ in fields:
        if spec:
            if re.search(r"\d{7,}", spec):
                raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))
            nested = nested or "{" in spec
    return nested


class _Deadline:
    """When the current render must end (one render at a time per thread)."""

    local = threading.local()

    @classmethod
    def check(cls) -> None:
        end = getattr(cls.local, "end", None)
        if end is not None and time.monotonic() > end:
            raise RenderLimit(i18n.t("tpl.timeout", seconds=f"{cls.local.seconds:g}"))


class _LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked for size."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 - jinja's visitor name
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedSandbox(SandboxedEnvironment):
    """A sandbox that also bounds sizes, numbers and time (see the module's documentation)."""

    code_generator_class = _LimitedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)  # placeholder text, sized by its arguments: no report needs it
        for name in _SIZED_FILTERS:
            if name in self.filters:
                self.filters[name] = _sized_filter(self.filters[name], name)

    def sized(self, value: Any) -> Any:
        """``value`` after the size check (called by the generated code for ``~``)."""
        _Deadline.check()
        return _check(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**``, ``+`` and ``%`` with their result's size checked before it is built."""
        _Deadline.check()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(n, int) and isinstance(seq, (str, bytes, list, tuple)):
                    if len(seq) * max(n, 0) > MAX_SIZE:
                        raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise RenderLimit(i18n.t("tpl.too_big_number", limit=MAX_INT_BITS))
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if right * math.log2(abs(left)) > MAX_INT_BITS:
                    raise RenderLimit(i18n.t("tpl.too_big_number", limit=MAX_INT_BITS))
        elif operator == "+":
            if _size(left) + _size(right) > MAX_SIZE:
                raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))
        elif operator == "%":
            _check_format(left)
        return _check(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A call from the template: arguments that size a string are bounded, and so is the
        result."""
        _Deadline.check()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes, list)):
            _check_args(args, kwargs)
            if getattr(__obj, "__name__", "") == "join":
                _check_join(owner, args[0] if args else ())
            if getattr(__obj, "__name__", "") == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
        return _check(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """An attribute, checked against the deadline."""
        _Deadline.check()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """An item, checked against the deadline."""
        _Deadline.check()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format``: widths bounded in the format and, when they come from arguments, in them."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        nested = _check_braces(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            if nested:
                _check_args(args, kwargs)
            return str(_check(wrapped(*args, **kwargs)))

        return checked


def _check_join(sep: Any, items: Any) -> None:
    if isinstance(items, (list, tuple)):
        total = len(items) * _size(sep) + sum(_size(i) for i in items)
        if total > MAX_SIZE:
            raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * len(new) > MAX_SIZE:
            raise RenderLimit(i18n.t("tpl.too_big", limit=MAX_SIZE))


def _sized_filter(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Wrap a builtin filter: number arguments and the result are bounded (jinja passes the
    environment or context first to some filters: the same attributes are kept)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _Deadline.check()
        values = [a for a in args if not hasattr(a, "filters") and not hasattr(a, "environment")]
        _check_args(tuple(values[1:]), kwargs)
        if name == "replace" and len(values) >= 3:
            _check_replace(str(values[0]), values[1], values[2])
        if name == "format" and values:
            _check_format(values[0])
        if name == "join" and len(values) >= 1:
            _check_join(
                values[1] if len(values) > 1 else kwargs.get("d", ""),
                list(values[0]) if isinstance(values[0], (list, tuple, range)) else values[0],
            )
        return _check(func(*args, **kwargs))

    for attr in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(func, attr):
            setattr(wrapper, attr, getattr(func, attr))
    return wrapper


# Where trousse's own templates live: inside the package (a wheel), or beside ``src/`` (a source
# checkout); the same places as ``resources.templates_root`` (a sibling adapter, not imported here).
_PACKAGE = Path(__file__).resolve().parent
_SHIPPED = (_PACKAGE / "kit-templates", _PACKAGE.parents[1] / "kit-templates")


def _shipped(real: Path) -> bool:
    return any(real.is_relative_to(base) for base in _SHIPPED)


class RootedLoader(FileSystemLoader):
    """A file loader over several roots. trousse's own template folders are trusted; any other
    root is a kit's (untrusted): it is refused when it is a symbolic link or lies in a linked
    folder (below ``kit_root`` when given, else anywhere on its path: callers give the kit's real
    path), and so is a template reached in it through a link. A template of a trusted root must
    stay inside it once links are resolved."""

    def __init__(self, roots: list[Path], kit_root: Path | None = None) -> None:
        self.checked: list[tuple[Path, Path, bool]] = []  # (root as given, its real path, trusted)
        for root in roots:
            if not root.is_dir():
                continue
            given = Path(os.path.abspath(root))
            real = root.resolve()
            trusted = _shipped(real) and (kit_root is None or not given.is_relative_to(Path(os.path.abspath(kit_root))))
            if not trusted and real != _expected_real(given, kit_root):
                shown = given.relative_to(os.path.abspath(kit_root)).as_posix() if kit_root else str(given)
                raise TrousseError(i18n.t("tpl.linked_folder", path=shown))
            self.checked.append((given, real, trusted))
        super().__init__([str(r) for r, _, _ in self.checked])

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, found in the first root holding it; refused (before it is read)
        when a kit's template is reached through a link, or a shipped one resolves outside its root."""
        pieces = split_template_path(template)
        for given, real, trusted in self.checked:
            path = given.joinpath(*pieces)
            if not path.is_file():
                continue
            resolved = path.resolve()
            if trusted and not resolved.is_relative_to(real):
                raise TrousseError(i18n.t("tpl.outside", name=template))
            if not trusted and resolved != real.joinpath(*pieces):
                raise TrousseError(i18n.t("tpl.linked", name=template, path=str(path)))
            return super().get_source(environment, template)
        raise TemplateNotFound(template)


def _expected_real(given: Path, kit_root: Path | None) -> Path:
    """The real path a kit's template folder has when no link leads to it: below the kit's real
    root when ``kit_root`` is given (links above the kit are the user's own), else itself."""
    if kit_root is None:
        return given
    base = Path(os.path.abspath(kit_root))
    try:
        return kit_root.resolve() / given.relative_to(base)
    except ValueError:
        return given


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, kept in memory (never written anywhere): for the
    environments of one configuration over trousse's own shipped templates, which ``init``,
    ``adopt``, ``upgrade`` and ``demo`` build afresh for each kit they render (compiling the 264
    kit templates costs about 2 s; ``adopt`` renders the kit twice). Jinja keys each entry by the
    template's name and file, and drops it when the source changed."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, Any]] = {}

    def load_bytecode(self, bucket: Any) -> None:
        """Give ``bucket`` the code compiled before from the same source, if any."""
        got = self.codes.get(bucket.key)
        if got is not None and got[0] == bucket.checksum:
            bucket.code = got[1]

    def dump_bytecode(self, bucket: Any) -> None:
        """Keep the code just compiled."""
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


def report_environment(
    roots: list[Path],
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals_: Mapping[str, Any] | None = None,
    kit_root: Path | None = None,
    compiled: CompiledTemplates | None = None,
) -> SandboxedEnvironment:
    """A sandboxed, strict environment for templates searched in ``roots`` in order (for
    reports: the kit's overrides first, then the shipped templates; for ``init``: the shipped
    kit templates, without autoescape). A kit's folder that is a link, or a template reached
    through one, is refused (:class:`RootedLoader`). ``compiled``: templates compiled by an earlier
    environment of exactly this configuration (the code depends on the filters and options)."""
    env = LimitedSandbox(
        loader=RootedLoader(roots, kit_root),
        undefined=StrictUndefined,
        autoescape=autoescape,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=compiled,
    )
    if filters:
        env.filters.update(filters)
    if globals_:
        env.globals.update(globals_)
    return env


def render_template(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name`` within the limits; any template error becomes a :class:`TrousseError`
    naming the template file (as found: the kit's override or the shipped one) and the line."""
    try:
        template = env.get_template(name)
    except TemplateNotFound as exc:
        raise TrousseError(i18n.t("tpl.missing", name=exc.name)) from None
    except TemplateSyntaxError as exc:
        raise TrousseError(i18n.t("tpl.error", name=exc.filename or name, line=exc.lineno, error=exc.message)) from None
    except (RecursionError, MemoryError, SyntaxError):  # nesting beyond jinja's or Python's compiler
        raise TrousseError(i18n.t("tpl.error", name=name, line="?", error=i18n.t("tpl.too_nested"))) from None
    except TemplateError as exc:
        raise TrousseError(i18n.t("tpl.error", name=name, line="?", error=str(exc))) from None
    try:
        with _limits():
            out: list[str] = []
            size = 0
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise RenderLimit(i18n.t("tpl.too_long_output", limit=MAX_OUTPUT))
                out.append(chunk)
            return "".join(out)
    except (TemplateError, RenderLimit, RecursionError, MemoryError, ArithmeticError, TypeError, ValueError) as exc:
        where, line = _template_frame(exc, template.filename or name)
        raise TrousseError(i18n.t("tpl.error", name=where, line=line, error=_describe(exc))) from None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return i18n.t("tpl.recursion")
    if isinstance(exc, MemoryError):
        return i18n.t("tpl.memory", limit=RENDER_MEMORY // (1024 * 1024))
    return str(exc) or type(exc).__name__


def render_seconds() -> float:
    """The render time limit: ``TROUSSE_RENDER_SECONDS`` when set to a positive number, else
    :data:`RENDER_SECONDS`."""
    try:
        value = float(os.environ.get("TROUSSE_RENDER_SECONDS", ""))
    except ValueError:
        return RENDER_SECONDS
    return value if 0 < value < 86400 else RENDER_SECONDS


@contextlib.contextmanager
def _limits() -> Iterator[None]:
    """The deadline (checked by the sandbox at each call, operator and attribute; and by a timer
    signal in the main thread, which stops even a loop that calls nothing) and, on Linux, a cap
    on the memory the render may add."""
    seconds = render_seconds()
    _Deadline.local.end = time.monotonic() + seconds
    _Deadline.local.seconds = seconds
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if timer:

        def expire(signum: int, frame: Any) -> None:
            raise RenderLimit(i18n.t("tpl.timeout", seconds=f"{seconds:g}"))

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    memory = _cap_memory()
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _Deadline.local.end = None
        if memory is not None:
            memory()


def render_limits() -> contextlib.AbstractContextManager[None]:
    """The limits of :func:`render_template` (time, memory) for a render that a library drives
    itself with one of these environments (docxtpl renders a Word template)."""
    return _limits()


def _cap_memory() -> Callable[[], None] | None:
    """Lower the address-space limit to what the process uses now plus :data:`RENDER_MEMORY`;
    return what restores it (None where the system has no such limit)."""
    try:
        import resource  # noqa: PLC0415 - POSIX only

        with open("/proc/self/statm", encoding="ascii") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + RENDER_MEMORY
        if soft != resource.RLIM_INFINITY and soft <= cap:
            return None
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError, AttributeError):
        return None

    def restore() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return restore


def _template_frame(exc: BaseException, default: str) -> tuple[str, int | str]:
    """The innermost traceback frame that belongs to a template file (jinja gives rendered
    templates their file name and source lines in tracebacks)."""
    tb = exc.__traceback__
    found: tuple[str, int | str] = (default, "?")
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename == default:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
