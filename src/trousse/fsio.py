"""Reading and writing a kit's files by a computed path, without leaving the kit.

A kit is untrusted (README, Security): any folder in it may be a symbolic link to elsewhere, any
file a link, a FIFO or a device. Every command that writes or reads a kit file by a path it
computed (``new``, ``adopt``, ``schema``, ``upgrade``, ``init``) goes through here:

- :func:`kit_target` turns a kit-relative name into a path, refusing ``..``, absolute names and
  any folder on the way that is a symbolic link or not a folder (:class:`UnsafePath`, exit 2);
- :func:`write_atomic` writes a file whole or not at all (a temporary file in the same folder, then
  ``os.replace``): a link at the target is replaced, never followed; a replaced file keeps its
  permissions;
- :func:`create_new` writes a file that must not exist yet (``O_EXCL``: never through a link);
- :func:`read_regular` reads only a regular file, never through a link at its name nor from a FIFO
  (``O_NOFOLLOW | O_NONBLOCK``), and at most ``cap`` bytes.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path, PurePosixPath

from trousse import i18n
from trousse.errors import TrousseError

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class UnsafePath(TrousseError):
    """A kit path that would lead outside the kit (a linked folder, ``..``, an absolute name), or
    a file that is not a regular one where trousse reads or writes (exit 2)."""


def _parts(rel: str | PurePosixPath) -> tuple[str, ...]:
    text = str(rel)
    pure = PurePosixPath(text)
    parts = pure.parts
    if (
        not parts
        or pure.is_absolute()
        or text.startswith("\\")
        or ":" in parts[0]
        or any(p in ("..", "") or "\0" in p for p in parts)
    ):
        raise UnsafePath(i18n.t("fsio.bad_path", path=text))
    return tuple(p for p in parts if p != ".")


def kit_target(root: Path, rel: str | PurePosixPath) -> Path:
    """``root/rel``, refused (:class:`UnsafePath` naming ``rel``) when ``rel`` is absolute or
    holds ``..``, or when a folder on the way below ``root`` exists and is a symbolic link or not
    a folder. Missing folders are fine (a write creates them, inside the kit). The last part may
    be anything: :func:`write_atomic` replaces it, :func:`read_regular` refuses what is not a
    regular file."""
    parts = _parts(rel)
    here = root
    for i, part in enumerate(parts[:-1]):
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            break  # the rest is created by the write, as real folders
        except OSError as exc:
            raise UnsafePath(i18n.t("fsio.unreadable", path=str(rel), error=exc.strerror or exc)) from None
        if not stat.S_ISDIR(info.st_mode):
            raise UnsafePath(i18n.t("fsio.linked", path=str(rel), part="/".join(parts[: i + 1])))
    return root.joinpath(*parts)


def _new_file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all (a temporary file beside it, then
    ``os.replace``); a link at ``path`` is replaced, never followed; a replaced regular file keeps
    its permissions. Return whether a file was there. Missing folders are created. An
    :class:`OSError` when it cannot be written (the caller names the file); ``path`` is expected to
    come from :func:`kit_target` (or a path the user gave)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise IsADirectoryError(21, os.strerror(21), str(path))
    mode = stat.S_IMODE(old.st_mode) if old is not None and stat.S_ISREG(old.st_mode) else _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return old is not None


def create_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file ``path`` (its folders created): a :class:`FileExistsError` when
    anything, a link included, is already there (never written through)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, _NEW_FLAGS, 0o666)
    try:
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(data)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def read_capped(fd: int, announced: int, cap: int) -> bytes:
    """At most ``cap + 1`` bytes of the open file ``fd``: what fstat announced (plus one byte, to
    see a file that grew), then blocks of 1 MiB; never a buffer of the cap's size for a small file.
    A result longer than ``cap`` tells the caller the file is too large."""
    chunks: list[bytes] = []
    size = 0
    want = min(announced, cap) + 1
    while size <= cap:
        block = os.read(fd, want)
        if not block:
            break
        chunks.append(block)
        size += len(block)
        want = min(1 << 20, cap + 1 - size) or 1
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_regular(path: Path, cap: int, name: str | None = None) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``cap`` bytes, opened without
    following a link at its name and without waiting on a FIFO; otherwise an
    :class:`UnsafePath` naming ``name`` (else ``path``): a link, a folder or a special file, too
    large, or unreadable. Never more than ``cap + 1`` bytes are read."""
    shown = name if name is not None else str(path)
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafePath(i18n.t("fsio.not_regular", path=shown)) from None
        raise UnsafePath(i18n.t("fsio.unreadable", path=shown, error=exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePath(i18n.t("fsio.not_regular", path=shown))
        if info.st_size > cap:
            raise UnsafePath(i18n.t("fsio.too_large", path=shown, size=info.st_size, limit=cap))
        data = read_capped(fd, info.st_size, cap)
    except OSError as exc:
        raise UnsafePath(i18n.t("fsio.unreadable", path=shown, error=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    if len(data) > cap:
        raise UnsafePath(i18n.t("fsio.too_large", path=shown, size=len(data), limit=cap))
    return data


def read_kit_file(root: Path, rel: str, cap: int) -> bytes:
    """The kit file ``rel`` (:func:`kit_target` then :func:`read_regular`); a
    :class:`FileNotFoundError` when it is missing, an :class:`UnsafePath` when it may not be read."""
    return read_regular(kit_target(root, rel), cap, rel)


def read_problem(exc: OSError | UnicodeDecodeError, prefix: str) -> str:
    """Why a file cannot be read, in plain words (never Python's "[Errno 2] ..." nor an exception
    name): the message ``<prefix>encoding`` (not UTF-8 text), ``missing``, ``folder``, ``denied``,
    else ``other`` with the system's ``reason``. Each caller keeps its own words under its own
    prefix, dot included (``"wnew.read."``, ``"tickets.why."``)."""
    if isinstance(exc, UnicodeDecodeError):
        return i18n.t(f"{prefix}encoding")
    for kind, suffix in ((FileNotFoundError, "missing"), (IsADirectoryError, "folder"), (PermissionError, "denied")):
        if isinstance(exc, kind):
            return i18n.t(f"{prefix}{suffix}")
    return i18n.t(f"{prefix}other", reason=exc.strerror or str(exc) or type(exc).__name__)
