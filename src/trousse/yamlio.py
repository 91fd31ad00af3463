"""The only module that talks to ruamel.yaml.

:func:`parse_yaml` composes the document with the C parser (libyaml, through ruamel.yaml.clib) and
turns nodes into plain Python values itself, so that every value keeps its line and column: the
result is a :class:`Parsed` with ``data`` and a ``positions`` table keyed by the value's path, e.g.
``("activities", 0, "tasks", 1, "roles")``. Lines and columns count from 1.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, VersionedResolver
from ruamel.yaml.tag import Tag

try:  # libyaml through ruamel.yaml.clib (a declared dependency; the pure parser is the fallback)
    from ruamel.yaml.cyaml import CParser
except ImportError:  # pragma: no cover
    CParser = None

from trousse import i18n

Path_ = tuple[str | int, ...]


def _unpack(packed: int) -> tuple[int, int]:
    return (packed >> 16, packed & 0xFFFF)


class YamlProblem(Exception):
    """A file that is not valid YAML (or front matter); ``line``/``column`` count from 1."""

    def __init__(self, message: str, line: int = 1, column: int = 1, code: str = "YML001") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.code = code


@dataclass
class Parsed:
    """A parsed YAML mapping with the position of every value and key."""

    data: Any
    positions: dict[Path_, int] = field(default_factory=dict)
    key_positions: dict[Path_, int] = field(default_factory=dict)
    body: str | None = None  # the Markdown body after front matter
    body_line: int = 0  # line where the body starts

    # Positions are packed as ``line << 16 | column`` (columns past 65535 are clamped): a kit of
    # 100,000 records keeps a few million of them, and a packed int is half a (line, column) tuple.

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        p = tuple(path)
        while p:
            packed = self.positions.get(p)
            if packed is not None:
                return _unpack(packed)
            p = p[:-1]
        packed = self.positions.get(())
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
            if kind is ScalarNode:
                return _resolve_plain(value) if implicit[0] else _STR
            return _SEQ if kind is SequenceNode else _MAP

    _FastComposer = _FastComposerImpl


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag) or "")


class _Builder:
    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.positions: dict[Path_, int] = {}
        self.key_positions: dict[Path_, int] = {}
        self.constructor = _LOADER.constructor
        self.open: set[int] = set()

    def pos(self, node: Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def packed(self, node: Node) -> int:
        mark = node.start_mark
        return ((mark.line + 1 + self.offset) << 16) | min(mark.column + 1, 0xFFFF)

    def build(self, node: Node, path: Path_) -> Any:
        self.positions[path] = self.packed(node)
        if isinstance(node, (MappingNode, SequenceNode)):
            if id(node) in self.open:  # an alias to one of its own ancestors: endless data
                raise YamlProblem(i18n.t("yaml.recursive"), *self.pos(node))
            self.open.add(id(node))
            try:
                return self.build_collection(node, path)
            finally:
                self.open.discard(id(node))
        return self.build_scalar(node)

    def build_collection(self, node: Node, path: Path_) -> Any:
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            seen: dict[Any, int] = {}
            for knode, vnode in node.value:
                if knode.ctag is not _STR and _tag(knode) == _MERGE:
                    raise YamlProblem(i18n.t("yaml.syntax", problem="<<", context=""), *self.pos(knode))
                key = self.build_scalar(knode) if isinstance(knode, ScalarNode) else str(knode)
                if isinstance(key, (_dt.date, float, bool)) or key is None:
                    key = knode.value if isinstance(knode, ScalarNode) else str(key)
                kpacked = self.packed(knode)
                if key in seen:
                    raise YamlProblem(
                        i18n.t("yaml.duplicate_key", key=key, line=seen[key]), *_unpack(kpacked), "YML002"
                    )
                seen[key] = kpacked >> 16
                kpath = path + (key,)  # one tuple for both tables
                self.key_positions[kpath] = kpacked
                out[key] = self.build(vnode, kpath)
            return out
        return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]

    def build_scalar(self, node: Node) -> Any:
        ctag = node.ctag
        value = node.value
        if ctag is _STR:
            return value
        if ctag is _INT and _DECIMAL.match(value):
            return int(value)
        if ctag is _NULL:
            return None
        if ctag is _BOOL and value in _BOOLS:
            return _BOOLS[value]
        if ctag is _TIMESTAMP:
            try:
                if len(value) == 10:
                    return _dt.date.fromisoformat(value)
                return self.constructor.construct_object(node, deep=True)
            except ValueError:  # "2026-02-30": the schema reports it as not a date, where it is
                return value
        return self.constructor.construct_object(node, deep=True)


def _compose_fast(text: str) -> list[Node]:
    composer = _FastComposer(text)
    try:
        nodes = []
        while composer.check_node():
            nodes.append(composer.get_node())
        return nodes
    finally:
        composer.dispose()


def _compose(text: str) -> list[Node]:
    try:
        if _FastComposer is not None:
            return _compose_fast(text)
        return list(_LOADER.compose_all(io.StringIO(text)))
    except MarkedYAMLError:
        _LOADER.constructor.constructed_objects.clear()
        return list(_PURE.compose_all(io.StringIO(text)))


def parse_yaml(text: str, offset: int = 0) -> Parsed:
    """Parse one YAML document; raise :class:`YamlProblem` with a located, plain message."""
    try:
        nodes = _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else 1 + offset
        col = (mark.column + 1) if mark else 1
        context = f" ({exc.context})" if exc.context else ""
        raise YamlProblem(i18n.t("yaml.syntax", problem=exc.problem or str(exc), context=context), line, col) from None
    except YAMLError as exc:
        raise YamlProblem(i18n.t("yaml.syntax", problem=str(exc), context=""), 1 + offset, 1) from None
    finally:
        _LOADER.constructor.constructed_objects.clear()
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1 + offset
        raise YamlProblem(i18n.t("yaml.multi"), line, 1, "YML003")
    if not nodes or nodes[0] is None:
        raise YamlProblem(i18n.t("yaml.empty"), 1 + offset, 1, "YML003")
    builder = _Builder(offset)
    try:
        data = builder.build(nodes[0], ())
    except YamlProblem:
        raise
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise YamlProblem(
            i18n.t("yaml.syntax", problem=(str(exc).splitlines() or [type(exc).__name__])[0], context=""),
            1 + offset,
            1,
        ) from None
    finally:
        _LOADER.constructor.constructed_objects.clear()
    if not isinstance(data, dict):
        raise YamlProblem(i18n.t("yaml.not_mapping"), 1 + offset, 1, "YML003")
    return Parsed(data, builder.positions, builder.key_positions)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split Markdown into (front matter, its first line index, body, body first line).

    Raises :class:`YamlProblem` when the file has no front matter or it is not closed.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise YamlProblem(i18n.t("yaml.frontmatter_missing"), 1, 1, "YML004")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), 1, "".join(lines[i + 1 :]), i + 2
    raise YamlProblem(i18n.t("yaml.frontmatter_open"), 1, 1, "YML004")


def parse_markdown(text: str) -> Parsed:
    """Parse a Markdown file with YAML front matter; the body is kept in ``Parsed.body``."""
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
        raise YamlProblem(i18n.t("yaml.encoding"), 1, 1, "YML005") from None


def load_plain(text: str) -> Any:
    """Parse YAML without positions (packs, templates): fast path through libyaml."""
    try:
        try:
            return _LOADER.load(text)
        except MarkedYAMLError:
            return _PURE.load(text)
    except YAMLError as exc:
        raise YamlProblem(i18n.t("yaml.syntax", problem=str(exc).splitlines()[0], context="")) from None


def dump(data: Any) -> str:
    """Serialise plain data as block-style YAML (used to write generated files)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # long texts on one line: no folded lines with trailing spaces
    setattr(yaml, "sort_base_mapping_type_on_output", False)  # keep the order given  # noqa: B010
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
