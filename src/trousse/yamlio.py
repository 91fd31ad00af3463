"""The only module that talks to ruamel.yaml.

A kit's files are untrusted: a few lines of YAML can nest deep enough to overflow the C stack of
the composer, or use aliases that expand to billions of values. Every file is held to
:data:`MAX_DEPTH`, :data:`MAX_VALUES` and :data:`MAX_ALIAS_VALUES`: a file that could exceed them
is first read as a flat stream of events (no recursion, constant memory) before any composition,
and the limits are checked again while values are built; an exceeded limit is a
:class:`YamlProblem` (ProblemKind DEPTH, VALUES, ALIASES: YML010, YML011, YML012) at the file.

:func:`parse_yaml` composes the document with the C parser (libyaml, through ruamel.yaml.clib) and
turns nodes into plain Python values itself, so that every value keeps its line and column: the
result is a :class:`Parsed` with ``data`` and a ``positions`` table keyed by the value's path, e.g.
``("activities", 0, "tasks", 1, "roles")``. Lines and columns count from 1.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import sys
import warnings
from enum import Enum
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, VersionedResolver
from ruamel.yaml.tag import Tag

try:  # libyaml through ruamel.yaml.clib (a declared dependency; the pure parser is the fallback)
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from the C module
except ImportError:  # pragma: no cover
    CParser = None

from trousse import i18n

# Limits on one file (or one front matter). A kit's largest files (a standard pack, a catalogue)
# hold a few thousand values nested a few levels deep.
MAX_DEPTH = 100  # nested mappings and lists
MAX_VALUES = 200_000  # values of every kind, aliases expanded
MAX_ALIAS_VALUES = 20_000  # values reached through aliases (*name)
# Python refuses to convert a longer decimal integer (sys.get_int_max_str_digits(): 4,300 by default).
_INT_DIGITS = sys.get_int_max_str_digits() or 4300
# Below these sizes a file cannot nest deeper than libyaml's composer can take, nor hold more
# than MAX_VALUES values: it is composed at once; above them it is scanned as events first.
_SCAN_CHARS = MAX_VALUES // 2  # a value takes at least half a character ("[:,:,:]")
_SCAN_BRACKETS = 400
_SCAN_LINE = 300  # block nesting needs about one column per two levels

Path_ = tuple[str | int, ...]


def _unpack(packed: int) -> tuple[int, int]:
    return (packed >> 16, packed & 0xFFFF)


class ProblemKind(Enum):
    """What is wrong with a file; the loader maps each kind to its YML rule id."""

    SYNTAX = "syntax"  # not YAML at all
    DUPLICATE_KEY = "duplicate-key"
    SHAPE = "shape"  # empty, several documents, or not a mapping at top level
    FRONT_MATTER = "front-matter"  # Markdown without closed front matter
    ENCODING = "encoding"  # not UTF-8, or not readable
    DEPTH = "depth"  # nested deeper than MAX_DEPTH
    VALUES = "values"  # more than MAX_VALUES values
    ALIASES = "aliases"  # aliases expanding to more than MAX_ALIAS_VALUES values


class YamlProblem(Exception):
    """A file that is not valid YAML (or front matter); ``line``/``column`` count from 1."""

    def __init__(self, message: str, line: int = 1, column: int = 1, kind: ProblemKind = ProblemKind.SYNTAX) -> None:
        message = " ".join(i18n.words(message))  # one line: the parser's own messages span several
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.kind = kind


class Parsed:
    """A parsed YAML mapping with the position of every value and key.

    Positions are packed as ``line << 16 | column`` (columns past 65535 are clamped): a kit of
    100,000 records keeps a few million of them, and a packed int is half a (line, column) tuple.
    A file composed by a worker process comes back with its positions as one flat list of ints
    (the parse cache's form, :func:`trousse.cache.encode_parsed`: a value's position, then for each
    mapping entry its key's position and its value, in the order of a walk of the data); the
    tables are rebuilt from it the first time a position is asked for, which only a finding does:
    sending tens of thousands of path tuples between processes costs more than the rules."""

    __slots__ = ("data", "_positions", "_keys", "_flat", "body", "body_line")

    def __init__(
        self,
        data: Any,
        positions: dict[Path_, int] | None = None,
        key_positions: dict[Path_, int] | None = None,
        body: str | None = None,  # the Markdown body after front matter
        body_line: int = 0,  # line where the body starts
        flat: list[int] | None = None,
    ) -> None:
        self.data = data
        self._positions: dict[Path_, int] | None
        self._keys: dict[Path_, int] | None
        self._flat: list[int] | None
        if positions is None and flat is not None:  # rebuilt when first asked for
            self._positions, self._keys, self._flat = None, None, flat
        else:
            self._positions, self._keys, self._flat = positions or {}, key_positions or {}, None
        self.body = body
        self.body_line = body_line

    @classmethod
    def from_flat(cls, data: Any, flat: list[int], body: str | None, body_line: int) -> Parsed:
        """A Parsed value whose positions are rebuilt from ``flat`` when first asked for."""
        return cls(data, None, None, body, body_line, flat=flat)

    def _rebuild(self) -> None:
        flat = self._flat
        positions: dict[Path_, int] = {}
        keys: dict[Path_, int] = {}
        taken = iter(flat or ())

        def walk(value: Any, path: Path_) -> None:
            positions[path] = next(taken, 0x10001)
            if value.__class__ is dict:
                for k, x in value.items():
                    kpath = path + (k,)
                    keys[kpath] = next(taken, 0x10001)
                    walk(x, kpath)
            elif value.__class__ is list:
                for i, x in enumerate(value):
                    walk(x, path + (i,))

        walk(self.data, ())
        self._positions, self._keys, self._flat = positions, keys, None

    def flat(self) -> list[int] | None:
        """The positions as the flat list they were read as (:meth:`from_flat`), or None once the
        tables are built (:func:`trousse.cache.encode_parsed` then walks them)."""
        return self._flat

    @property
    def positions(self) -> dict[Path_, int]:
        """The position of every value, by its path."""
        if self._positions is None:
            self._rebuild()
        return self._positions  # type: ignore[return-value]

    @property
    def key_positions(self) -> dict[Path_, int]:
        """The position of every mapping key, by its path."""
        if self._keys is None:
            self._rebuild()
        return self._keys  # type: ignore[return-value]

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.data, self._positions, self._keys, self._flat, self.body, self.body_line)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.data, self._positions, self._keys, self._flat, self.body, self.body_line = state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Parsed):
            return NotImplemented
        return (self.data, self.positions, self.key_positions, self.body, self.body_line) == (
            other.data,
            other.positions,
            other.key_positions,
            other.body,
            other.body_line,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Parsed(data={self.data!r}, body_line={self.body_line})"

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        positions = self.positions
        p = tuple(path)
        while p:
            packed = positions.get(p)
            if packed is not None:
                return _unpack(packed)
            p = p[:-1]
        packed = positions.get(())
        return _unpack(packed) if packed is not None else (1, 1)

    def where_key(self, path: Path_) -> tuple[int, int]:
        """Position of the key of ``path`` (falls back to :meth:`where`)."""
        packed = self.key_positions.get(tuple(path))
        return _unpack(packed) if packed is not None else self.where(path)


def _make_loader() -> YAML:
    return YAML(typ="safe", pure=False)


_LOADER = _make_loader()
# libyaml refuses a plain scalar holding ':' inside a flow list ("[iso20000-1-2018:8.6.1]"), which
# YAML 1.2 and the kit format allow: such a file is parsed again with ruamel's pure parser.
_PURE = YAML(typ="safe", pure=True)

# The fast path: libyaml composes the nodes (ruamel.yaml.clib's CParser) and a resolver of our own
# answers its per-scalar question "which tag?" from ruamel's YAML 1.2 table, memoised by value, with
# tag singletons so that common scalars are built without going through ruamel's constructor.
_TABLE = VersionedResolver().versioned_resolver
_TAG_CACHE: dict[str, Tag] = {}


def _tag_of(name: str) -> Tag:
    tag = _TAG_CACHE.get(name)
    if tag is None:
        tag = _TAG_CACHE[name] = Tag(suffix=name)
    return tag


_STR = _tag_of("tag:yaml.org,2002:str")
_SEQ = _tag_of("tag:yaml.org,2002:seq")
_MAP = _tag_of("tag:yaml.org,2002:map")
_INT = _tag_of("tag:yaml.org,2002:int")
_NULL = _tag_of("tag:yaml.org,2002:null")
_BOOL = _tag_of("tag:yaml.org,2002:bool")
_TIMESTAMP = _tag_of("tag:yaml.org,2002:timestamp")
_MERGE = "tag:yaml.org,2002:merge"
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_RESOLVED: dict[str, Tag] = {}


def _resolve_plain(value: str) -> Tag:
    tag = _RESOLVED.get(value)
    if tag is not None:
        return tag
    tag = _STR
    for name, regexp in _TABLE.get(value[:1], []) + _TABLE.get(None, []):
        if regexp.match(value):
            tag = _tag_of(name)
            break
    if len(_RESOLVED) < 100_000:
        _RESOLVED[value] = tag
    return tag


_FastComposer: Any = None
if CParser is not None:

    class _FastComposerImpl(CParser, BaseResolver):  # type: ignore[misc]
        """libyaml's composer with a memoised YAML 1.2 resolver."""

        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
            if kind is ScalarNode:  # asked for every scalar: the memo read here, not through a call
                if not implicit[0]:
                    return _STR
                tag = _RESOLVED.get(value)
                return tag if tag is not None else _resolve_plain(value)
            return _SEQ if kind is SequenceNode else _MAP

    _FastComposer = _FastComposerImpl


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag) or "")


class _Builder:
    """Builds plain data from composed nodes, with their positions as :class:`Parsed`'s flat list
    (a value's position, then for each mapping entry its key's position and its value, in the
    order of a walk of the data): the tables by path are built only when a position is asked for."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.flat: list[int] = []
        self.constructor = _LOADER.constructor
        self.open: set[int] = set()
        self.done: set[int] = set()  # collections built once: building one again is an alias
        self.values = 0
        self.aliased = 0

    def pos(self, node: Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def packed(self, node: Node) -> int:
        mark = node.start_mark
        column = mark.column + 1
        packed: int = ((mark.line + 1 + self.offset) << 16) | (column if column < 0xFFFF else 0xFFFF)
        return packed

    def build(self, node: Node, depth: int = 0, alias: bool = False) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise YamlProblem(i18n.t("yaml.too_many", limit=MAX_VALUES), *self.pos(node), ProblemKind.VALUES)
        if alias:
            self.aliased += 1
            if self.aliased > MAX_ALIAS_VALUES:
                raise YamlProblem(
                    i18n.t("yaml.alias_expansion", limit=MAX_ALIAS_VALUES), *self.pos(node), ProblemKind.ALIASES
                )
        self.flat.append(self.packed(node))
        if isinstance(node, (MappingNode, SequenceNode)):
            if depth >= MAX_DEPTH:
                raise YamlProblem(i18n.t("yaml.too_deep", limit=MAX_DEPTH), *self.pos(node), ProblemKind.DEPTH)
            key = id(node)
            if key in self.open:  # an alias to one of its own ancestors: endless data
                raise YamlProblem(i18n.t("yaml.recursive"), *self.pos(node))
            alias = alias or key in self.done
            self.open.add(key)
            try:
                return self.build_collection(node, depth + 1, alias)
            finally:
                self.open.discard(key)
                self.done.add(key)
        return self.build_scalar(node)

    def build_collection(self, node: Node, depth: int, alias: bool) -> Any:
        flat = self.flat
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            seen: dict[Any, int] = {}
            for knode, vnode in node.value:
                if knode.ctag is not _STR and _tag(knode) == _MERGE:
                    raise YamlProblem(i18n.t("yaml.syntax", problem="<<", context=""), *self.pos(knode))
                key = self.build_scalar(knode) if isinstance(knode, ScalarNode) else _complex_key(knode)
                if isinstance(key, (_dt.date, float, bool)) or key is None:
                    key = knode.value if isinstance(knode, ScalarNode) else str(key)
                kpacked = self.packed(knode)
                if key in seen:
                    raise YamlProblem(
                        i18n.t("yaml.duplicate_key", key=key, line=seen[key]),
                        *_unpack(kpacked),
                        ProblemKind.DUPLICATE_KEY,
                    )
                seen[key] = kpacked >> 16
                flat.append(kpacked)
                at = len(flat)  # where the value's own position goes
                out[key] = self.build(vnode, depth, alias)
                if isinstance(vnode, ScalarNode) and vnode.value == "" and not vnode.style:
                    # An empty value ("owner:") is placed where its key is: libyaml puts it after the
                    # colon, the pure parser at the next token, often on another line.
                    flat[at] = kpacked
            return out
        return [self.build(item, depth, alias) for item in node.value]

    def build_scalar(self, node: Node) -> Any:
        ctag = node.ctag
        value = node.value
        if ctag is _STR:
            return value
        if ctag is _INT and _DECIMAL.match(value):
            if len(value) > _INT_DIGITS:
                raise YamlProblem(i18n.t("yaml.huge_number", limit=_INT_DIGITS), *self.pos(node))
            return int(value)
        if ctag is _NULL:
            return None
        if ctag is _BOOL and value in _BOOLS:
            return _BOOLS[value]
        if ctag is _TIMESTAMP or _tag(node) == "tag:yaml.org,2002:timestamp":  # (pure parser: other Tag objects)
            try:
                if len(value) == 10:
                    return _dt.date.fromisoformat(value)
                return self.constructor.construct_object(node, deep=True)
            except ValueError:  # "2026-02-30": the schema reports it as not a date, where it is
                return value
        return self.constructor.construct_object(node, deep=True)


def _constructor_problem(exc: BaseException) -> str:
    """The message of a value ruamel could not build: a plain one for an integer longer than Python
    converts (its own message names an interpreter setting), else the parser's first line."""
    text = str(exc)
    if isinstance(exc, ValueError) and "int_max_str_digits" in text:
        return i18n.t("yaml.huge_number", limit=_INT_DIGITS)
    return i18n.t("yaml.syntax", problem=(text.splitlines() or [type(exc).__name__])[0], context="")


def _complex_key(node: Node) -> str:
    """A list or mapping used as a key (never valid in a kit) named by its place: the node's own
    text form would spell out its whole content, aliases expanded."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    return f"{'{...}' if isinstance(node, MappingNode) else '[...]'}@{line}:{col}"


def _compose_fast(text: str) -> list[Node]:
    composer = _FastComposer(text)
    try:
        nodes = []
        while composer.check_node():
            nodes.append(composer.get_node())
        return nodes
    finally:
        composer.dispose()


def _events(text: str) -> Any:
    """The parser's events for ``text``, one at a time (libyaml, else ruamel's pure parser)."""
    if CParser is not None:
        parser = CParser(text)
        try:
            while True:
                event = parser.get_event()
                if event is None:
                    return
                yield event
        finally:
            parser.dispose()
    else:  # pragma: no cover
        yield from _PURE.parse(io.StringIO(text))


def _scan(text: str, offset: int) -> None:
    """Check :data:`MAX_DEPTH` and :data:`MAX_VALUES` on the flat stream of events, before any
    composition. Syntax errors are left to the composer, which reports them with their place."""

    def where(event: Any) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1 + offset, mark.column + 1) if mark else (1 + offset, 1)

    pure_events: Any = _PURE.parse  # ruamel's pure parser: accepts what libyaml refuses
    for pure in (False, True):
        depth = values = 0
        try:
            for event in pure_events(io.StringIO(text)) if pure else _events(text):
                if isinstance(event, NodeEvent):  # an alias stands for one value at least
                    values += 1
                    if values > MAX_VALUES:
                        raise YamlProblem(i18n.t("yaml.too_many", limit=MAX_VALUES), *where(event), ProblemKind.VALUES)
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise YamlProblem(i18n.t("yaml.too_deep", limit=MAX_DEPTH), *where(event), ProblemKind.DEPTH)
                elif isinstance(event, CollectionEndEvent):
                    depth -= 1
            return
        except YAMLError:  # libyaml refuses what ruamel's parser accepts: scan again with it
            continue


def _guard(text: str, offset: int = 0) -> None:
    """Scan ``text`` as events when its size or shape allows it to exceed the limits."""
    if (
        len(text) > _SCAN_CHARS
        or text.count("[") + text.count("{") > _SCAN_BRACKETS
        or max(map(len, text.split("\n"))) > _SCAN_LINE
    ):
        _scan(text, offset)


def _compose(text: str, offset: int = 0, pure: bool = False) -> list[Node]:
    _guard(text, offset)
    try:
        if not pure:
            try:
                if _FastComposer is not None:
                    return _compose_fast(text)
                return list(_LOADER.compose_all(io.StringIO(text)))
            except MarkedYAMLError:
                _LOADER.constructor.constructed_objects.clear()
        with warnings.catch_warnings():  # a reused anchor is allowed (the last one counts): no noise
            warnings.simplefilter("ignore")
            return list(_PURE.compose_all(io.StringIO(text)))
    except RecursionError:  # ruamel's pure composer recurses once per level
        raise YamlProblem(i18n.t("yaml.too_deep", limit=MAX_DEPTH), 1 + offset, 1, ProblemKind.DEPTH) from None


# The parser's own words (English, technical) turned into what a quality lead can act on; a problem
# not listed keeps the parser's words with the generic advice.
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"found unexpected end of stream"), "quote"),
    (re.compile(r"mapping values are not allowed here"), "colon"),
    (re.compile(r"could not find expected ':'"), "no_colon"),
    (re.compile(r"found character '\\t'|found a tab character"), "tab"),
    (re.compile(r"expected <block end>|did not find expected (?:key|'-' indicator)"), "indent"),
    (re.compile(r"found undefined alias '?(?P<name>[^' ]*)'?"), "alias"),
    (re.compile(r"expected ',' or '\]'"), "flow_list"),
    (re.compile(r"expected ',' or '\}'"), "flow_map"),
    (re.compile(r"found unknown escape character '?(?P<char>[^' ]*)'?"), "escape"),
    (re.compile(r"found character '(?P<char>[^']*)' that cannot start any token"), "char"),
)
# Leftover conflict markers: a line "<<<<<<< ..." and, below it, a line ">>>>>>> ...".
_CONFLICT_START = re.compile(r"^<{7}(?: |$)", re.M)
_CONFLICT_END = re.compile(r"^>{7}(?: |$)", re.M)


def _problem_text(problem: str, context: str) -> str:
    for pattern, key in _PROBLEMS:
        m = pattern.search(problem)
        if m:
            return i18n.t("yaml.known", problem=i18n.t(f"yaml.problem.{key}", **m.groupdict()))
    return i18n.t("yaml.syntax", problem=problem, context=context)


_DUPLICATE = re.compile(r'found duplicate key "(?P<key>[^"]*)"')


def _duplicate(exc: MarkedYAMLError, text: str | None, offset: int) -> YamlProblem | None:
    """A duplicate key in plain words: the key and both its lines (the parser's text gives the
    values as it read them, wrongly for flow lists, and names the second line only)."""
    m = _DUPLICATE.search(exc.problem or "")
    mark = exc.problem_mark
    if m is None or mark is None:
        return None
    key, second = m.group("key"), mark.line + 1
    first = None
    if text is not None:
        same = re.compile(rf"^ {{{mark.column}}}[\"']?{re.escape(key)}[\"']?\s*:")
        for number, line in enumerate(text.splitlines()[: mark.line], start=1):
            if same.match(line):
                first = number  # the last one above at the same indentation (the same mapping)
    if first is None:
        message = i18n.t("yaml.duplicate_key_again", key=key, line=second + offset)
    else:
        message = i18n.t("yaml.duplicate_key_lines", key=key, first=first + offset, line=second + offset)
    return YamlProblem(message, second + offset, mark.column + 1, ProblemKind.DUPLICATE_KEY)


def _located(exc: MarkedYAMLError, offset: int = 0, text: str | None = None) -> YamlProblem:
    """The parser's error as a :class:`YamlProblem` in plain words, at its place: an unclosed
    quote is placed where the quote opens (the parser notices it only at the end of the file)."""
    duplicate = _duplicate(exc, text, offset)
    if duplicate is not None:
        return duplicate
    problem = exc.problem or str(exc)
    unclosed = "end of stream" in problem and "quoted scalar" in (exc.context or "")
    mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + offset) if mark else 1 + offset
    col = (mark.column + 1) if mark else 1
    context = f" ({exc.context})" if exc.context else ""
    return YamlProblem(_problem_text(problem, context), line, col)


def conflict_markers(text: str, offset: int = 0) -> None:
    """Raise :class:`YamlProblem` when ``text`` still holds a git conflict (the markers a merge or
    ``trousse upgrade`` leaves), at the line of its ``<<<<<<<``."""
    start = _CONFLICT_START.search(text)
    if start is not None and _CONFLICT_END.search(text, start.end()) is not None:
        line = text.count("\n", 0, start.start()) + 1 + offset
        raise YamlProblem(i18n.t("yaml.conflict", line=line), line, 1)


def parse_yaml(text: str, offset: int = 0, *, pure: bool = False) -> Parsed:
    """Parse one YAML document; raise :class:`YamlProblem` with a located, plain message.

    ``pure`` skips libyaml and composes with ruamel's pure-Python parser, the fast path's fallback
    (tests/test_yaml_paths.py checks that both give the same values and positions)."""
    conflict_markers(text, offset)
    try:
        nodes = _compose(text, offset, pure)
    except MarkedYAMLError as exc:
        raise _located(exc, offset) from None
    except YAMLError as exc:
        raise YamlProblem(i18n.t("yaml.syntax", problem=str(exc), context=""), 1 + offset, 1) from None
    finally:
        _LOADER.constructor.constructed_objects.clear()
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1 + offset
        raise YamlProblem(i18n.t("yaml.multi"), line, 1, ProblemKind.SHAPE)
    if not nodes or nodes[0] is None:
        raise YamlProblem(i18n.t("yaml.empty"), 1 + offset, 1, ProblemKind.SHAPE)
    builder = _Builder(offset)
    try:
        data = builder.build(nodes[0])
    except YamlProblem:
        raise
    except (YAMLError, ValueError, TypeError, LookupError, ArithmeticError, RecursionError) as exc:
        # ruamel's constructors fail in their own ways on odd tagged scalars ("!!int " is an IndexError)
        raise YamlProblem(_constructor_problem(exc), 1 + offset, 1) from None
    finally:
        _LOADER.constructor.constructed_objects.clear()
    if not isinstance(data, dict):
        raise YamlProblem(i18n.t("yaml.not_mapping"), 1 + offset, 1, ProblemKind.SHAPE)
    return Parsed.from_flat(data, builder.flat, None, 0)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split Markdown into (front matter, its first line index, body, body first line).

    Raises :class:`YamlProblem` when the file has no front matter or it is not closed.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise YamlProblem(i18n.t("yaml.frontmatter_missing"), 1, 1, ProblemKind.FRONT_MATTER)
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), 1, "".join(lines[i + 1 :]), i + 2
    raise YamlProblem(i18n.t("yaml.frontmatter_open"), 1, 1, ProblemKind.FRONT_MATTER)


def parse_markdown(text: str) -> Parsed:
    """Parse a Markdown file with YAML front matter; the body is kept in ``Parsed.body``."""
    conflict_markers(text)
    front, offset, body, body_line = split_front_matter(text)
    parsed = parse_yaml(front, offset=offset)
    parsed.body = body
    parsed.body_line = body_line
    return parsed


def read_text(raw: bytes) -> str:
    """Decode a file as UTF-8 (a BOM is accepted), or raise :class:`YamlProblem`."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YamlProblem(i18n.t("yaml.encoding"), 1, 1, ProblemKind.ENCODING) from None


def load_plain(text: str) -> Any:
    """Parse YAML without positions (packs, templates): fast path through libyaml."""
    _guard(text)
    conflict_markers(text)
    try:
        try:
            return _LOADER.load(text)
        except MarkedYAMLError:
            return _PURE.load(text)
    except MarkedYAMLError as exc:
        raise _located(exc, text=text) from None
    except (YAMLError, ValueError, TypeError, LookupError, ArithmeticError) as exc:
        raise YamlProblem(_constructor_problem(exc)) from None
    except RecursionError:
        raise YamlProblem(i18n.t("yaml.too_deep", limit=MAX_DEPTH), 1, 1, ProblemKind.DEPTH) from None


def dump(data: Any) -> str:
    """Serialise plain data as block-style YAML (used to write generated files)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # long texts on one line: no folded lines with trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)  # sequences indented under their key (yamllint's default)
    setattr(yaml, "sort_base_mapping_type_on_output", False)  # keep the order given  # noqa: B010
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
