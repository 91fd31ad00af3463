"""Caches under the repository's git folder (``.git/trousse/``): the replayed history, parsed files
(by git blob id, so an unchanged file is never parsed twice) and whole results of ``check`` and
``evidence``. A cache only ever saves time: whatever cannot be read, checked or written is a miss.

**Plain data, validated.** A kit is often received from someone else, ``.git`` included, so every
cache file is untrusted input. Caches are JSON, read with the standard library's parser, which
builds only dicts, lists, strings, numbers, booleans and None and runs no code; each value is then
checked against the shape it must have (types, field names, lengths) before it is used, and
anything else is a miss. JSON rather than sqlite: a sqlite file from a hostile kit can hold views,
triggers or recursive queries that cost unbounded time when read, and needs a schema check of its
own, whereas a JSON file is bounded by its size (checked before reading) and needs no driver.
pickle, and any format that can name a class to build, is never read.

**Keys that cannot go stale.** Every entry is stamped with trousse's code (its version and the size
and date of every module, the history replay included, and of the shipped packs): any change of
trousse drops it. Parsed files are keyed by their content (git blob id) and suffix; the history by
the commit it replays, the kit's folder and the cut-off day; a command's result by HEAD, the
content of every kit file that differs from HEAD or is untracked (per the inventory: ignored files
are not part of the kit, so they are neither read nor keyed), the options, the day and the kit's
folder. ``TROUSSE_NO_CACHE=1`` turns every cache off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import os
import stat
import tempfile
import time
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trousse import __version__
from trousse.inventory import changed_files, fingerprint
from trousse.resources import templates_root

if TYPE_CHECKING:  # the YAML reader is imported only when a kit is read
    from trousse.yamlio import Parsed

_DISABLE = "TROUSSE_NO_CACHE"
_FORMAT = 2  # the layout of the cache files; older layouts (pickles) are never read
_MiB = 1024 * 1024


def enabled() -> bool:
    """False when the environment variable TROUSSE_NO_CACHE is set (benchmarks, debugging)."""
    return not os.environ.get(_DISABLE)


_STAMP: list[str] = []


def code_stamp() -> str:
    """trousse's version and the size and date of each of its modules, shipped packs and templates:
    a changed install (even unreleased, even one module or template) drops every cached value.
    An installed wheel (a ``trousse-*.dist-info`` folder beside the package) changes only by being
    installed again, which writes its ``RECORD`` anew: that file stands for all the others (one
    file asked about instead of some 600; a source tree, editable install included, is walked)."""
    if _STAMP:
        return _STAMP[0]
    h = hashlib.sha256(f"{__version__}:{_FORMAT}".encode())
    installed = installed_wheel(Path(__file__).resolve().parent)
    if installed is not None:
        h.update(installed.encode())
        _STAMP.append(h.hexdigest())
        return _STAMP[0]
    for folder, suffixes in ((Path(__file__).parent, (".py",)), (templates_root(), (".yml", ".j2"))):
        entries: list[str] = []
        for top, dirs, files in os.walk(folder):  # scandir underneath: a few ms for ~500 files
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            rel = os.path.relpath(top, folder).replace(os.sep, "/")
            for name in files:
                if name.endswith(suffixes):
                    try:
                        st = os.stat(os.path.join(top, name))
                    except OSError:
                        continue
                    entries.append(f"{rel}/{name}:{st.st_size}:{st.st_mtime_ns};")
        h.update("".join(sorted(entries)).encode())
    _STAMP.append(h.hexdigest())
    return _STAMP[0]


def installed_wheel(package: Path) -> str | None:
    """The name, size and date of the ``RECORD`` of each ``trousse-*.dist-info`` folder beside the
    ``package`` folder (an installed wheel, its templates inside it), or None (a source tree)."""
    if not (package / "kit-templates").is_dir():
        return None  # the templates beside src/: a source tree
    found: list[str] = []
    try:
        with os.scandir(package.parent) as entries:
            for entry in entries:
                if entry.name.startswith("trousse-") and entry.name.endswith(".dist-info"):
                    st = os.stat(os.path.join(entry.path, "RECORD"))
                    found.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    return ";".join(sorted(found)) if found else None


# ---------------------------------------------------------------- reading and writing cache files
class _Invalid(Exception):
    """A cached value that does not have the shape it must have: a miss."""


def _cache_dir(git_dir: Path, *parts: str) -> Path | None:
    """``<git dir>/trousse[/parts]``, created if needed; None when a part of it is a link or not a
    folder (a kit's ``.git`` could point it anywhere: the cache is then off)."""
    path = git_dir
    for part in ("trousse", *parts):
        path = path / part
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            try:
                path.mkdir()
            except OSError:
                return None
            continue
        except OSError:
            return None
        if not stat.S_ISDIR(st.st_mode):
            return None
    return path


def _read_bytes(path: Path, cap: int) -> bytes | None:
    """The bytes of the cache file ``path``, or None: only a regular file (never through a link,
    never a FIFO) of at most ``cap`` bytes is read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > cap:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(cap + 1)
        return raw if len(raw) <= cap else None
    except (OSError, MemoryError):
        return None
    finally:
        os.close(fd)


def _read(path: Path, cap: int) -> Any:
    """The JSON value of the cache file ``path`` (read as :func:`_read_bytes` reads), or None."""
    raw = _read_bytes(path, cap)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError, MemoryError):
        return None


# ---------------------------------------------------------------- the kit's caches are signed
# A kit's caches live in its .git, which may come from anyone (a client's repository, a zip handed to
# an auditor): each file starts with a line holding the HMAC-SHA256 of the rest under a secret of
# the user's own, kept in the user's cache folder, never in a kit. A file that does not carry the
# right one (written elsewhere, by another user, or changed since) is a miss, whatever it says.
_SIGNED = b"trousse-hmac-sha256 "
_SECRETS: dict[str, bytes] = {}


def user_secret() -> bytes | None:
    """This user's key for the kit caches' signatures: 32 random bytes in ``<user cache>/secret``
    (created on first use, readable by the user only; a damaged key, or one others may read, is
    replaced); None when the user's cache folder cannot be used (the kit caches are then off)."""
    folder = user_cache_dir()
    if folder is None:
        return None
    got = _SECRETS.get(str(folder))
    if got is not None:
        return got
    path = folder / "secret"
    for _ in range(3):
        raw = _read_bytes(path, 64)
        if raw is not None and len(raw) == 32 and _private(path):
            _SECRETS[str(folder)] = raw
            return raw
        if raw is not None and len(raw) == 32:
            break  # readable by others, or not this user's: replaced below
        if raw is None and not os.path.lexists(path):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileExistsError:
                continue
            except OSError:
                return None
            try:
                os.write(fd, os.urandom(32))
            except OSError:
                return None
            finally:
                os.close(fd)
            continue
        time.sleep(0.01)  # being written by another process, or damaged
    # Damaged (or a link, not a file): a new key in its place; what the old one signed is a miss.
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            os.write(fd, os.urandom(32))
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        return None
    raw = _read_bytes(path, 64)
    if raw is None or len(raw) != 32 or not _private(path):
        return None
    _SECRETS[str(folder)] = raw
    return raw


def _private(path: Path) -> bool:
    """Whether ``path`` belongs to this user and no one else may read or write it."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    owner = getattr(os, "getuid", None)
    return (owner is None or st.st_uid == owner()) and not st.st_mode & 0o077


def _mac(secret: bytes, data: bytes) -> bytes:
    import hmac  # noqa: PLC0415 - only when a kit cache is read or written

    return hmac.new(secret, data, "sha256").hexdigest().encode()


def signed(data: bytes) -> bytes | None:
    """``data`` with its signature line in front, as a kit cache file holds it (None: no key)."""
    secret = user_secret()
    return None if secret is None else _SIGNED + _mac(secret, data) + b"\n" + data


def _read_signed(path: Path, cap: int) -> Any:
    """The JSON value of the kit cache file ``path`` when its signature is this user's, or None."""
    secret = user_secret()
    raw = _read_bytes(path, cap + 128) if secret is not None else None
    if raw is None or secret is None or not raw.startswith(_SIGNED):
        return None
    head, _, data = raw.partition(b"\n")
    import hmac  # noqa: PLC0415

    if not hmac.compare_digest(head[len(_SIGNED) :], _mac(secret, data)):
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError, MemoryError):
        return None


class JsonText(str):
    """A value already written as JSON text (by a worker process): saved as it is, not encoded again."""

    __slots__ = ()


# One encoder for every text the caches write: json.dumps with options builds a new one per call,
# and a save writes two texts for each file of the kit.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=True).encode


def json_text(value: Any) -> JsonText:
    """``value`` as the JSON text :func:`_write` would write for it."""
    return JsonText(_ENCODE(value))


def _write(folder: Path | None, name: str, value: Any, *, sign: bool = False) -> None:
    """Write ``value`` as JSON to ``folder/name``, atomically (a link there is replaced, never
    followed); a :class:`JsonText` is the file's text already. With ``sign`` (a kit's cache), the
    file starts with its signature (:func:`signed`); without a key nothing is written."""
    if folder is None:
        return
    try:
        text = value if type(value) is JsonText else json_text(value)
        data: bytes | None = text.encode("utf-8")
        if sign and data is not None:
            data = signed(data)
        if data is None:
            return
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / name)
        except OSError:
            os.unlink(tmp)
            raise
    except (OSError, ValueError, TypeError, RecursionError):
        return


# ---------------------------------------------------------------- plain data: YAML values
# A YAML value is a str, int, bool or None as itself; anything else is a list whose first item
# says what it is: ["m", key, value, ...] a mapping (keys str or int, in order), ["l", ...] a list,
# ["d", iso] a date, ["t", iso] a date and time, ["f", repr] a float. Nothing else is cached.


def _enc_scalar(v: Any) -> Any:
    t = type(v)
    if t is str or t is int or t is bool or v is None:
        return v
    if t is float:
        return ["f", repr(v)]
    if t is dt.date:
        return ["d", v.isoformat()]
    if t is dt.datetime:
        return ["t", v.isoformat()]
    raise _Invalid(t.__name__)


def _dec_scalar(e: list[Any]) -> Any:
    if len(e) != 2 or type(e[1]) is not str:
        raise _Invalid("scalar")
    tag, text = e
    try:
        if tag == "d":
            return dt.date.fromisoformat(text)
        if tag == "t":
            return dt.datetime.fromisoformat(text)
        if tag == "f":
            return float(text)
    except ValueError:
        raise _Invalid(tag) from None
    raise _Invalid(str(tag))


def encode_value(v: Any) -> Any:
    """A YAML value (dicts, lists, scalars) as plain JSON data."""
    t = type(v)
    if t is dict:
        out: list[Any] = ["m"]
        for k, x in v.items():
            if type(k) is not str and type(k) is not int:
                raise _Invalid("key")
            out += (k, encode_value(x))
        return out
    if t is list:
        return ["l", *(encode_value(x) for x in v)]
    return _enc_scalar(v)


def decode_value(e: Any) -> Any:
    """The YAML value of :func:`encode_value`'s data; :class:`_Invalid` for any other shape."""
    t = type(e)
    if t is str or t is int or t is bool or e is None:
        return e
    if t is not list or not e:
        raise _Invalid("value")
    tag = e[0]
    if tag == "m":
        if len(e) % 2 != 1:
            raise _Invalid("mapping")
        out: dict[Any, Any] = {}
        for i in range(1, len(e), 2):
            k = e[i]
            if (type(k) is not str and type(k) is not int) or k in out:
                raise _Invalid("key")
            out[k] = decode_value(e[i + 1])
        return out
    if tag == "l":
        return [decode_value(x) for x in e[1:]]
    return _dec_scalar(e)


# ---------------------------------------------------------------- plain data: parsed files
# A Parsed value holds the data, the position of every value (keyed by its path) and of every
# mapping key, and a Markdown body. Positions are stored as one flat list of ints in the order of
# a walk of the data (a value's position, then for each mapping entry its key's position and its
# value): the paths are those of the data itself, so they are rebuilt, not stored.


def encode_parsed(p: Parsed) -> list[Any]:
    """``p`` as plain data; :class:`_Invalid` when its positions are not exactly those of its data."""
    given = p.flat()
    if given is not None:  # read as the flat list already (every file the YAML reader composes)
        if p.body is not None and type(p.body) is not str:
            raise _Invalid("body")
        return [encode_value(p.data), list(given), p.body, p.body_line]
    flat: list[int] = []
    positions, keys = p.positions, p.key_positions
    seen = [0, 0]

    def enc(v: Any, path: tuple[str | int, ...]) -> Any:
        packed = positions.get(path)
        if type(packed) is not int:
            raise _Invalid("position")
        flat.append(packed)
        seen[0] += 1
        t = type(v)
        if t is dict:
            out: list[Any] = ["m"]
            for k, x in v.items():
                if type(k) is not str and type(k) is not int:
                    raise _Invalid("key")
                kpath = (*path, k)
                kpacked = keys.get(kpath)
                if type(kpacked) is not int:
                    raise _Invalid("key position")
                flat.append(kpacked)
                seen[1] += 1
                out += (k, enc(x, kpath))
            return out
        if t is list:
            return ["l", *(enc(x, (*path, i)) for i, x in enumerate(v))]
        return _enc_scalar(v)

    data = enc(p.data, ())
    if seen[0] != len(positions) or seen[1] != len(keys):
        raise _Invalid("positions")
    if p.body is not None and type(p.body) is not str:
        raise _Invalid("body")
    return [data, flat, p.body, p.body_line]


_FIRST = 1 << 16 | 1  # line 1, column 1 packed (yamlio.Parsed): no position comes before
_BEYOND = 1 << 48  # no file has that many lines


def decode_parsed(x: Any) -> Parsed:
    """The Parsed value of :func:`encode_parsed`'s data; :class:`_Invalid` for any other shape. Its
    positions stay the flat list they were saved as (:meth:`~trousse.yamlio.Parsed.from_flat`):
    the tables by path are built only when a position is asked for, which only a finding does."""
    from trousse.yamlio import Parsed  # noqa: PLC0415

    if type(x) is not list or len(x) != 4:
        raise _Invalid("parsed")
    data_enc, flat, body, body_line = x
    if type(flat) is not list or (body is not None and type(body) is not str) or type(body_line) is not int:
        raise _Invalid("parsed")
    count = 0  # the positions the data has: one per value, one per mapping key

    def dec(e: Any) -> Any:
        # Hot path (every value of every cached file): locals only, no helper calls.
        nonlocal count
        count += 1
        t = type(e)
        if t is str or t is int or t is bool or e is None:
            return e
        if t is not list or not e:
            raise _Invalid("value")
        tag = e[0]
        if tag == "m":
            n = len(e)
            if n % 2 != 1:
                raise _Invalid("mapping")
            out: dict[Any, Any] = {}
            for i in range(1, n, 2):
                k = e[i]
                tk = type(k)
                if (tk is not str and tk is not int) or k in out:
                    raise _Invalid("key")
                out[k] = dec(e[i + 1])
            count += n // 2
            return out
        if tag == "l":
            return [dec(e[i]) for i in range(1, len(e))]
        return _dec_scalar(e)

    data = dec(data_enc)
    if type(data) is not dict or len(flat) != count or set(map(type, flat)) != {int}:
        raise _Invalid("parsed")
    if min(flat) < _FIRST or max(flat) >= _BEYOND:  # a line from 1, a column from 1 (packed)
        raise _Invalid("position")
    return Parsed.from_flat(data, flat, body, body_line)


# ---------------------------------------------------------------- plain data: dataclasses
# Values such as the replayed history are written from their dataclass fields and read back
# against the fields' type hints, so that a field added later round-trips without a change here
# (a field of a type not listed below makes the value uncacheable: it is then replayed each time).

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    got = _HINTS.get(cls)
    if got is None:
        got = _HINTS[cls] = typing.get_type_hints(cls)
    return got


def _alternatives(hint: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return typing.get_args(hint)
    return None


def _matches(value: Any, hint: Any) -> bool:
    """Whether ``value`` can be written as ``hint`` (to pick a union's alternative)."""
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    if hint is int:
        return type(value) is int
    if hint is dt.date:
        return type(value) is dt.date
    origin = typing.get_origin(hint) or hint
    return isinstance(origin, type) and isinstance(value, origin)


# Each type is turned once into a pair of functions (writer, reader) specialised for it: the
# history of a large kit holds tens of thousands of values, and interpreting the type hint again
# for each of them cost more than the JSON encoding itself.
_Conv = typing.Callable[[Any], Any]
_WRITERS: dict[Any, _Conv] = {}
_READERS: dict[Any, _Conv] = {}


def to_plain(value: Any, hint: Any) -> Any:
    """``value``, of type ``hint``, as plain JSON data."""
    return _writer(hint)(value)


def from_plain(data: Any, hint: Any) -> Any:
    """The value of type ``hint`` written by :func:`to_plain`; :class:`_Invalid` for any other shape."""
    return _reader(hint)(data)


def _writer(hint: Any) -> _Conv:
    got = _WRITERS.get(hint)
    if got is None:
        _WRITERS[hint] = lambda v: _writer(hint)(v)  # a recursive type: resolved once built
        try:
            got = _WRITERS[hint] = _make_writer(hint)
        except _Invalid:
            del _WRITERS[hint]
            raise
    return got


def _reader(hint: Any) -> _Conv:
    got = _READERS.get(hint)
    if got is None:
        _READERS[hint] = lambda v: _reader(hint)(v)
        try:
            got = _READERS[hint] = _make_reader(hint)
        except _Invalid:
            del _READERS[hint]
            raise
    return got


def _scalar_writer(kind: type, exact: bool) -> _Conv:
    def write(value: Any) -> Any:
        if type(value) is not kind if exact else not isinstance(value, kind):
            raise _Invalid(kind.__name__)
        return value

    return write


def _make_writer(hint: Any) -> _Conv:  # noqa: C901, PLR0911 - one branch per kind of type
    if hint is Any:
        return encode_value
    alts = _alternatives(hint)
    if alts is not None:
        real = [a for a in alts if a is not type(None)]
        nullable = type(None) in alts
        if len(real) == 1:
            inner = _writer(real[0])
            return (lambda v: None if v is None else inner(v)) if nullable else inner
        pairs = [(alt, _writer(alt)) for alt in real]

        def write_union(value: Any) -> Any:
            if value is None and nullable:
                return None
            for i, (alt, write) in enumerate(pairs):
                if _matches(value, alt):
                    return [i, write(value)]
            raise _Invalid("union")

        return write_union
    if hint is type(None):

        def write_none(value: Any) -> Any:
            if value is not None:
                raise _Invalid("scalar")
            return None

        return write_none
    if hint is str or hint is bool or hint is int:
        return _scalar_writer(hint, exact=hint is int)
    if hint is float:
        return lambda v: ["f", repr(float(v))]
    if hint is dt.datetime or hint is dt.date:

        def write_date(value: Any) -> Any:
            if type(value) is not hint:
                raise _Invalid("date")
            return value.isoformat()

        return write_date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda v: to_plain(v.value, type(v.value))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        fields = [(f.name, _writer(hints[f.name])) for f in dataclasses.fields(hint)]

        def write_dataclass(value: Any) -> Any:
            if type(value) is not hint:
                raise _Invalid("dataclass")
            return {name: write(getattr(value, name)) for name, write in fields}

        return write_dataclass
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        item = _writer(args[0])
        return lambda v: [item(x) for x in v]
    if origin is tuple:
        items = [_writer(a) for a in args]
        if all(a is str for a in args):  # an origin (commit, date, author): the hot case

            def write_strings(value: Any) -> Any:
                if len(value) != len(items) or any(type(x) is not str for x in value):
                    raise _Invalid("tuple")
                return list(value)

            return write_strings

        def write_tuple(value: Any) -> Any:
            if len(value) != len(items):
                raise _Invalid("tuple")
            return [w(x) for w, x in zip(items, value, strict=True)]

        return write_tuple
    if origin is dict:
        key, val = _writer(args[0]), _writer(args[1])
        if args[0] is str:
            return lambda v: {k: val(x) for k, x in v.items()}
        return lambda v: [[key(k), val(x)] for k, x in v.items()]
    raise _Invalid(f"type {hint!r}")


def _make_reader(hint: Any) -> _Conv:  # noqa: C901, PLR0911, PLR0915 - one branch per kind of type
    if hint is Any:
        return decode_value
    alts = _alternatives(hint)
    if alts is not None:
        real = [a for a in alts if a is not type(None)]
        nullable = type(None) in alts
        if len(real) == 1:
            inner = _reader(real[0])
            return (lambda d: None if d is None else inner(d)) if nullable else inner
        readers = [_reader(alt) for alt in real]

        def read_union(data: Any) -> Any:
            if data is None and nullable:
                return None
            if type(data) is not list or len(data) != 2 or type(data[0]) is not int or not 0 <= data[0] < len(readers):
                raise _Invalid("union")
            return readers[data[0]](data[1])

        return read_union
    if hint is type(None):

        def read_none(data: Any) -> Any:
            if data is not None:
                raise _Invalid("none")
            return None

        return read_none
    if hint is str or hint is bool or hint is int:

        def read_scalar(data: Any) -> Any:
            if type(data) is not hint:
                raise _Invalid(hint.__name__)
            return data

        return read_scalar
    if hint is float:

        def read_float(data: Any) -> Any:
            if type(data) is not list or len(data) != 2 or data[0] != "f":
                raise _Invalid("float")
            return _dec_scalar(data)

        return read_float
    if hint is dt.datetime or hint is dt.date:

        def read_date(data: Any) -> Any:
            if type(data) is not str:
                raise _Invalid("date")
            try:
                got = hint.fromisoformat(data)
            except ValueError:
                raise _Invalid("date") from None
            if type(got) is not hint:
                raise _Invalid("date")
            return got

        return read_date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):

        def read_enum(data: Any) -> Any:
            try:
                return hint(data)
            except (ValueError, TypeError):
                raise _Invalid("enum") from None

        return read_enum
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_reader(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        item = _reader(args[0])
        build: typing.Callable[[Any], Any] = list if origin is list else tuple

        def read_list(data: Any) -> Any:
            if type(data) is not list:
                raise _Invalid("list")
            return build([item(x) for x in data])

        return read_list
    if origin is tuple:
        items = [_reader(a) for a in args]
        if all(a is str for a in args):

            def read_strings(data: Any) -> Any:
                if type(data) is not list or len(data) != len(items) or any(type(x) is not str for x in data):
                    raise _Invalid("tuple")
                return tuple(data)

            return read_strings

        def read_tuple(data: Any) -> Any:
            if type(data) is not list or len(data) != len(items):
                raise _Invalid("tuple")
            return tuple(r(x) for r, x in zip(items, data, strict=True))

        return read_tuple
    if origin is dict:
        key, val = _reader(args[0]), _reader(args[1])
        if args[0] is str:

            def read_str_dict(data: Any) -> Any:
                if type(data) is not dict:
                    raise _Invalid("dict")
                return {k: val(v) for k, v in data.items()}

            return read_str_dict

        def read_dict(data: Any) -> Any:
            if type(data) is not list:
                raise _Invalid("dict")
            out = {}
            for pair in data:
                if type(pair) is not list or len(pair) != 2:
                    raise _Invalid("dict")
                out[key(pair[0])] = val(pair[1])
            return out

        return read_dict
    raise _Invalid(f"type {hint!r}")


def _dataclass_reader(cls: type) -> _Conv:
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    readers = {name: _reader(hints[name]) for name in fields}
    required = {
        name
        for name, f in fields.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    late_names = {name for name, f in fields.items() if not f.init}

    def read_dataclass(data: Any) -> Any:
        if type(data) is not dict:
            raise _Invalid("dataclass")
        if not data.keys() <= readers.keys():
            raise _Invalid("fields")
        missing = required - data.keys()
        if missing:
            raise _Invalid(f"field {sorted(missing)[0]}")
        init: dict[str, Any] = {}
        late: dict[str, Any] = {}
        for name, raw in data.items():
            (late if name in late_names else init)[name] = readers[name](raw)
        obj = cls(**init)
        for name, value in late.items():
            object.__setattr__(obj, name, value)
        return obj

    return read_dataclass


# ---------------------------------------------------------------- the history
def _history_name(key: tuple[object, ...]) -> str:
    return "history-asof.json" if key[-1] is not None else "history.json"


def _plain_key(key: tuple[object, ...]) -> list[Any]:
    return [code_stamp(), *(k.isoformat() if isinstance(k, dt.date) else k for k in key)]


def load_history(git_dir: Path, key: tuple[object, ...], cls: type[Any], cap: int = 256 * _MiB) -> Any:
    """The history of type ``cls`` saved for ``key`` (HEAD, kit folder, cut-off), or None."""
    if not enabled():
        return None
    got = _read_signed(git_dir / "trousse" / _history_name(key), cap)
    if type(got) is not dict or got.get("key") != _plain_key(key):
        return None
    try:
        return from_plain(got.get("value"), cls)
    except (_Invalid, ValueError, TypeError, RecursionError):
        return None


def history_saved_for(git_dir: Path, head: str) -> bool:
    """Whether the history saved (without a cut-off) was replayed up to ``head`` by this version of
    trousse: read from the first bytes of the file only (its key comes first), to decide quickly
    whether git's history must be read at all. The whole key is checked when it is loaded."""
    if not enabled():
        return False
    try:
        fd = os.open(git_dir / "trousse" / _history_name((None,)), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        start = os.read(fd, 640)
    except OSError:
        return False
    finally:
        os.close(fd)
    # after the signature line (checked when the file is loaded)
    data = start.partition(b"\n")[2] if start.startswith(_SIGNED) else b""
    return data.startswith(json.dumps({"key": [code_stamp(), head]}, separators=(",", ":"))[:-2].encode())


def save_history(git_dir: Path, key: tuple[object, ...], history: Any) -> None:
    """Save the history replayed for ``key``."""
    if not enabled():
        return
    try:
        value = to_plain(history, type(history))
    except (_Invalid, RecursionError):
        return
    _write(_cache_dir(git_dir), _history_name(key), {"key": _plain_key(key), "value": value}, sign=True)


# ---------------------------------------------------------------- parsed files
class ParseCache:
    """Parsed files by blob id, read once when the kit is loaded and saved back if it changed.
    Entries are checked one by one when used: a bad one is parsed again."""

    NAME = "parse.json"

    def __init__(self, git_dir: Path | None, files: int = 0) -> None:
        self.git_dir = git_dir if enabled() else None
        self.raw: dict[str, Any] = {}
        self.used: dict[str, Any] = {}  # key -> encoded entry, for the save
        self.encoding = self.git_dir is not None
        # Encode the files parsed by this load only when saving (the check engine has the save
        # done by a second process once the kit is read: trousse.check.apart), not as they are parsed.
        self.defer = False
        # A legitimate cache grows with the kit; a larger file is not read (it may be hostile).
        self.cap = 16 * _MiB + 64 * 1024 * files
        if self.git_dir is not None:
            got = _read_signed(self.git_dir / "trousse" / self.NAME, self.cap)
            if type(got) is dict and got.get("stamp") == code_stamp() and type(got.get("entries")) is dict:
                self.raw = got["entries"]

    @classmethod
    def shared(cls, entries: dict[str, Any] | None, defer: bool = False) -> ParseCache:
        """A worker's view of the parent's cache (``entries`` as read by it): nothing is read or
        written here; the parent keeps what the worker encodes (:meth:`encode`, :meth:`keep`)."""
        got = cls(None)
        got.encoding = True  # encode() gives the entries to send back; save() writes nothing
        got.defer = defer
        got.raw = entries or {}
        return got

    def encode(self, value: Parsed) -> Any:
        """``value``'s entry as :meth:`save` writes it, or None when it cannot be cached; with
        :attr:`defer`, ``value`` itself (encoded by :meth:`save`)."""
        if not self.encoding:
            return None
        if self.defer:
            return value
        try:
            return encode_parsed(value)
        except (_Invalid, RecursionError):
            return None

    def keep(self, key: str, encoded: Any) -> None:
        """Keep for the save an entry a worker encoded (None: the entry already read under ``key``;
        a :class:`JsonText`: the entry as JSON text, written as it is; a :class:`Parsed` value: the
        file itself, encoded by the save)."""
        if self.git_dir is None or not key:
            return
        if encoded is None:
            encoded = self.raw.get(key)
        if encoded is not None:
            self.used[key] = encoded

    def get(self, key: str) -> Parsed | None:
        """The parsed value saved under ``key``, or None."""
        entry = self.raw.get(key)
        if entry is None:
            return None
        try:
            parsed = decode_parsed(entry)
        except (_Invalid, ValueError, TypeError, RecursionError):
            return None
        self.used[key] = entry
        return parsed

    def put(self, key: str, value: Parsed) -> None:
        """Keep ``value`` for ``key``."""
        if self.git_dir is None:
            return
        try:
            self.used[key] = encode_parsed(value)
        except (_Invalid, RecursionError):
            return

    def save(self) -> None:
        """Write the entries used by this load (dropping those of files that are gone). Entries the
        workers sent as JSON text are written as they came: encoding a large kit's entries again
        here, after the workers are done, would cost this process a second of a 100,000-record load."""
        if self.git_dir is None or self.used.keys() == self.raw.keys():
            return
        from trousse.yamlio import Parsed  # noqa: PLC0415 - imported by the loader already

        parts = []
        try:
            for key, entry in self.used.items():
                if type(entry) is JsonText:
                    text: str = entry
                elif type(entry) is Parsed:  # kept as it was parsed (defer): encoded now
                    try:
                        text = json_text(encode_parsed(entry))
                    except (_Invalid, RecursionError):  # not cacheable: parsed again next time
                        continue
                else:
                    text = json_text(entry)
                parts.append(json_text(key) + ":" + text)
        except (ValueError, TypeError, RecursionError):
            return
        text = '{"stamp":' + json_text(code_stamp()) + ',"entries":{' + ",".join(parts) + "}}"
        _write(_cache_dir(self.git_dir), self.NAME, JsonText(text), sign=True)


# ---------------------------------------------------------------- trousse's own packs
def user_cache_dir() -> Path | None:
    """trousse's folder in the user's cache (``$XDG_CACHE_HOME/trousse``, else ``~/.cache/trousse``;
    ``%LOCALAPPDATA%\\trousse\\cache`` on Windows), created if needed; None when caching is off or the
    folder cannot be used. Only trousse's own shipped files are kept there, never a kit's. Asked
    once per process and environment (a check asks it for each of a hundred shipped texts)."""
    if not enabled():
        return None
    env = os.environ
    where = (os.name, env.get("LOCALAPPDATA", ""), env.get("XDG_CACHE_HOME", ""), env.get("HOME", ""))
    folder = _user_cache_dir(*where)
    if folder is not None:
        try:  # still a folder (not removed, not replaced by a link): one system call
            if stat.S_ISDIR(os.lstat(folder).st_mode):
                return folder
        except OSError:
            pass
        _user_cache_dir.cache_clear()
        folder = _user_cache_dir(*where)
    return folder


@functools.lru_cache(maxsize=8)
def _user_cache_dir(system: str, local: str, xdg: str, home: str) -> Path | None:
    if system == "nt":
        folder = Path(local) / "trousse" / "cache" if local else None
    else:
        try:
            folder = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "trousse"
        except RuntimeError:  # no home folder
            folder = None
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if folder.is_dir() and not folder.is_symlink() else None


def shipped_parse(path: Path, raw: bytes, parse: typing.Callable[[], Parsed]) -> Parsed:
    """The parse of the shipped file ``path`` (its bytes ``raw``), kept in the user's cache:
    reading a standard pack's YAML costs about 0.1 s, its saved parse a few milliseconds. The entry
    is named by the file's content and trousse's code stamp, so it cannot go stale; it is checked
    like every cache entry, and anything wrong with it means parsing the file again."""
    folder = user_cache_dir()
    if folder is None:
        return parse()
    digest = hashlib.sha256(raw)
    digest.update(code_stamp().encode())
    name = f"{path.stem}-{digest.hexdigest()[:32]}.json"
    got = _read(folder / name, 8 * _MiB)
    if got is not None:
        try:
            return decode_parsed(got)
        except (_Invalid, ValueError, TypeError, RecursionError):
            pass
    parsed = parse()
    try:
        encoded = encode_parsed(parsed)
    except (_Invalid, RecursionError):
        return parsed
    for old in folder.glob(f"{path.stem}-*.json"):  # an older install's entry of the same file
        if old.name != name:
            with contextlib.suppress(OSError):
                old.unlink()
    _write(folder, name, encoded)
    return parsed


class ShippedTexts:
    """Texts trousse derives from its own shipped files alone (a document template rendered as
    ``init`` renders it, which costs the template engine; its sentences; a template's literal
    passages), kept together in one file of the user's cache per group (a kit's standards,
    language and organisation, say), named by the group and trousse's code stamp (which covers the
    templates too): a check reads one file, not one per document. An entry is computed on a miss
    and the file written again by :meth:`save` (by whoever computed it: the caller saves when it
    is done, and the command's end saves what is left)."""

    def __init__(self, path: Path | None, texts: dict[str, str]) -> None:
        self.path = path
        self.texts = texts
        self.dirty = False

    def get(self, name: str, compute: typing.Callable[[], str]) -> str:
        """The text ``name`` of the group, computed by ``compute`` when the cache does not hold it."""
        got = self.texts.get(name)
        if got is not None:
            return got
        value = compute()
        if self.path is not None:
            self.texts[name] = value
            if not self.dirty:
                self.dirty = True
                _unsaved()
        return value

    def save(self) -> None:
        """Write the group's texts, when one was computed since they were read."""
        if self.dirty and self.path is not None:
            self.dirty = False
            stamp = code_stamp()
            _write(self.path.parent, self.path.name, {"stamp": stamp, "texts": self.texts})
            with contextlib.suppress(OSError):  # an older install's texts (trousse or a template changed)
                for old in os.scandir(self.path.parent):
                    if old.name.endswith(".json") and not old.name.startswith(stamp[:16]):
                        with contextlib.suppress(OSError):
                            os.unlink(old.path)
            _remove_old_layout(self.path.parent.parent)


# Folders of the user's cache that trousse 0.1 wrote before its shipped texts were kept together.
_OLD_LAYOUT = (
    "rendered",
    "rendered-raw",
    "rendered-header",
    "rendered-text",
    "rendered-sentences",
    "rendered-header-sentences",
)


def _remove_old_layout(folder: Path) -> None:
    """Remove the folders of shipped texts an earlier trousse kept one file per text (a link
    there is left alone: ``rmtree`` refuses to follow it)."""
    import shutil  # noqa: PLC0415 - only when shipped texts are saved

    for name in _OLD_LAYOUT:
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


_GROUPS: dict[tuple[str, str], ShippedTexts] = {}


def shipped_texts(group: typing.Sequence[object]) -> ShippedTexts:
    """The shipped texts of ``group`` (read once per process; nothing is kept when caching is
    off). The caller makes sure ``group`` and each text's name hold everything a text depends on
    besides trousse's own files."""
    folder = user_cache_dir()
    if folder is None:
        return ShippedTexts(None, {})
    stamp = code_stamp()
    # named by the code stamp first: a save removes the groups of other installs (see save)
    name = (
        f"{stamp[:16]}-" + hashlib.sha256(json.dumps([stamp, *group], default=str).encode()).hexdigest()[:32] + ".json"
    )
    got = _GROUPS.get((str(folder), name))
    if got is None:
        sub = folder / "texts"
        try:
            sub.mkdir(exist_ok=True)
        except OSError:
            return ShippedTexts(None, {})
        if not sub.is_dir() or sub.is_symlink():
            return ShippedTexts(None, {})
        data = _read(sub / name, 64 * _MiB)
        texts = data.get("texts") if type(data) is dict and data.get("stamp") == stamp else None
        valid = type(texts) is dict and all(type(v) is str for v in texts.values())
        got = _GROUPS[(str(folder), name)] = ShippedTexts(sub / name, texts if valid else {})  # type: ignore[arg-type]
    return got


def save_shipped_texts() -> None:
    """Write every group of shipped texts that gained a text in this process."""
    for group in _GROUPS.values():
        group.save()


_SAVING: list[bool] = []


def _unsaved() -> None:
    """A group gained a text: have the command's end save it, if its reader did not."""
    if not _SAVING:
        import atexit  # noqa: PLC0415 - only when a text was computed

        _SAVING.append(True)
        atexit.register(save_shipped_texts)


# ---------------------------------------------------------------- whole command results
_KEEP = 8  # results kept per command: a few days, formats and languages


class ResultCache:
    """The cached result of one command run on one kit, with the key it was looked up by."""

    def __init__(self, folder: Path | None, command: str, key: str) -> None:
        self.folder = folder
        self.name = f"{command}.json"
        self.key = key

    @classmethod
    def open(cls, root: Path, command: str, options: dict[str, Any]) -> ResultCache:
        """The cache entry for ``command`` with ``options`` on the kit at ``root``."""
        if not enabled():
            return cls(None, command, "")
        try:
            from trousse import gitio  # noqa: PLC0415 - git only when a cache is used
        except ImportError:
            return cls(None, command, "")
        info = gitio.repo_info(root)
        if info is None or info.head is None or info.shallow:
            return cls(None, command, "")
        changed = changed_files(root)
        if changed is None:
            return cls(None, command, "")
        h = hashlib.sha256(
            json.dumps(
                [command, options, info.head, str(root.resolve()), code_stamp()], sort_keys=True, default=str
            ).encode()
        )
        for name in changed:  # the kit files that differ from HEAD, by content
            h.update(f"{name}\0{fingerprint(root, name)}\0".encode("utf-8", "surrogateescape"))
        return cls(_cache_dir(info.git_dir, "results"), command, h.hexdigest())

    def _entries(self) -> list[list[Any]]:
        if self.folder is None:
            return []
        got = _read_signed(self.folder / self.name, 64 * _MiB)
        if type(got) is not dict or got.get("stamp") != code_stamp() or type(got.get("entries")) is not list:
            return []
        return [
            e
            for e in got["entries"]
            if type(e) is list and len(e) == 3 and type(e[0]) is str and type(e[1]) is str and type(e[2]) is int
        ]

    def get(self) -> tuple[str, int] | None:
        """The saved ``(output, exit code)`` for this key, or None."""
        for key, out, code in self._entries():
            if key == self.key:
                return out, code
        return None

    def put(self, value: tuple[str, int]) -> None:
        """Save ``(output, exit code)`` for this key (keeping a few recent keys of the same command)."""
        if self.folder is None:
            return
        out, code = value
        entries = [e for e in self._entries() if e[0] != self.key][-(_KEEP - 1) :]
        entries.append([self.key, out, code])
        _write(self.folder, self.name, {"stamp": code_stamp(), "entries": entries}, sign=True)


def kit_root_for_cache(start: Path | None) -> Path | None:
    """The kit root for a cache lookup (None when there is no kit: the command reports it)."""
    from trousse.errors import TrousseError  # noqa: PLC0415
    from trousse.inventory import find_root  # noqa: PLC0415

    try:
        return find_root(start)
    except TrousseError:
        return None


def today_key() -> str:
    """The day that stands for 'today' in a key (results without --as-of change every day)."""
    return dt.date.today().isoformat() + os.environ.get("TZ", "")
