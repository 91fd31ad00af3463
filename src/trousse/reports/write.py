"""Writing reports: only where a report belongs, atomically (a temporary file in the same folder,
then ``os.replace``), keeping the permissions of the report it replaces."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path, PurePosixPath

from trousse import i18n
from trousse.errors import ConfigError, TrousseError, WouldOverwrite

# A report name (a kind, or ``audit-<id>``, ``pack-<date>``): one safe file name, never a path.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
REPORTS = "reports"


def report_path(kit_root: Path, stem: str, ext: str) -> Path:
    """``<kit>/reports/<stem>.<ext>``; a :class:`ConfigError` when ``stem`` (built from kit data)
    is not one safe file name or the path would leave ``reports/``."""
    name = f"{stem}.{ext}"
    if not SAFE_NAME.match(name) or ".." in name:
        raise ConfigError(i18n.t("report.unsafe_name", name=stem))
    folder = kit_root.absolute() / REPORTS
    path = folder / name
    if path.parent != folder:  # pragma: no cover - the pattern already forbids it
        raise ConfigError(i18n.t("report.unsafe_name", name=stem))
    return path


def zip_entry(name: str) -> str:
    """``name`` as a zip entry: relative, forward slashes, no ``..``; a :class:`ConfigError` otherwise."""
    parts = PurePosixPath(name).parts
    if (
        not parts
        or name.startswith("/")
        or "\\" in name
        or ":" in parts[0]
        or any(p in ("..", ".") or "\0" in p for p in parts)
    ):
        raise ConfigError(i18n.t("report.unsafe_name", name=name))
    return name


def linked_component(base: Path, path: Path) -> Path | None:
    """The first component of ``path`` below ``base`` (``path`` itself included) that is a
    symbolic link, by ``lstat``; None when there is none, or when ``path`` is not below ``base``
    (a path the user chose outside the kit is theirs)."""
    base, path = base.absolute(), path.absolute()
    if not path.is_relative_to(base):
        return None
    current = base
    for part in path.relative_to(base).parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return current
        except FileNotFoundError:
            return None
        except OSError:
            return current
    return None


def inside_kit(kit_root: Path, path: Path) -> bool:
    """Whether ``path`` can be read as one of the kit's own files: no component below the kit
    root is a symbolic link and its real path lies inside the kit's real root."""
    if linked_component(kit_root, path) is not None:
        return False
    try:
        return path.resolve().is_relative_to(kit_root.resolve())
    except (OSError, RuntimeError):
        return False


def check_target(path: Path, kit_root: Path) -> bool:
    """Refuse to write a report to ``path`` when it exists and is not a regular file (a symbolic
    link, a device, a FIFO, a socket, a folder), when a folder on its way inside the kit is a
    symbolic link (a committed ``reports -> /elsewhere`` would write outside the kit), or when it
    could be one of the kit's own files: inside the kit, a report goes under ``reports/`` or at
    the root under a name that is not YAML, not hidden and not a README. Return whether a report
    is there to be replaced."""
    path = path.absolute()
    root = kit_root.resolve()
    for base in dict.fromkeys((kit_root.absolute(), root)):
        link = linked_component(base, path.parent)
        if link is not None:
            raise WouldOverwrite(i18n.t("report.linked_folder", path=link))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise TrousseError(i18n.t("report.cannot_write", path=path, error=exc.strerror)) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise WouldOverwrite(i18n.t("report.not_regular", path=path))
    try:
        real = path.parent.resolve() / path.name
    except (OSError, RuntimeError):
        real = path
    if real.is_relative_to(root) and _kit_source(real.relative_to(root).parts):
        raise WouldOverwrite(i18n.t("report.kit_source", path=path))
    return info is not None


def _kit_source(parts: tuple[str, ...]) -> bool:
    """Whether a kit-relative path may be one of the kit's own files (or git's)."""
    if not parts:
        return True
    if len(parts) > 1:
        return parts[0] != REPORTS
    name = parts[0].lower()
    return name.startswith(".") or name.endswith((".yml", ".yaml")) or name.startswith(("readme", "lisezmoi"))


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` so that an interrupted run leaves either the old file or the
    new one, never half a file; a replaced file keeps its permissions. Return whether a file was
    replaced. ``path`` is expected to have passed :func:`check_target`."""
    path = path.absolute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            old = os.lstat(path)
        except FileNotFoundError:
            old = None
        if old is not None and not stat.S_ISREG(old.st_mode):
            raise WouldOverwrite(i18n.t("report.not_regular", path=path))
        mode = stat.S_IMODE(old.st_mode) if old is not None else _new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise TrousseError(i18n.t("report.cannot_write", path=path, error=exc.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TrousseError(i18n.t("report.cannot_write", path=path, error=exc.strerror)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return old is not None
