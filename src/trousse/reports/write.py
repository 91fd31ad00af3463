"""Writing reports: atomically (a temporary file in the same folder, then ``os.replace``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from trousse import i18n
from trousse.errors import TrousseError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that an interrupted run leaves either the old file or the
    new one, never half a file."""
    path = path.absolute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise TrousseError(i18n.t("report.cannot_write", path=path, error=exc.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TrousseError(i18n.t("report.cannot_write", path=path, error=exc.strerror)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
