"""The audit pack: every report plus the kit's files and a manifest, as one reproducible zip."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

from trousse import __version__
from trousse.kit import Kit
from trousse.reports.write import zip_entry

# Folders that are not part of the kit's content (output, git's own data, caches).
SKIP_DIRS = {".git", "reports", "__pycache__", ".venv", "node_modules"}


def kit_files(root: Path) -> list[str]:
    """Every file of the kit (kit-relative, forward slashes, sorted), outside git's folder,
    rendered reports and hidden folders."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                out.append(path.relative_to(root).as_posix())
    return sorted(out)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def head_commit(root: Path) -> str | None:
    """The commit HEAD points at, or None outside git or before the first commit."""
    from trousse import gitio  # noqa: PLC0415 - git is only read when a pack is made

    info = gitio.repo_info(root)
    return info.head if info else None


def _zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    day = max(day, dt.date(1980, 1, 1))  # the zip format starts in 1980
    return (day.year, day.month, day.day, 0, 0, 0)


def build_zip(kit: Kit, as_of: dt.date, reports: dict[str, bytes]) -> bytes:
    """The zip: ``reports/<name>`` for each report, ``kit/<path>`` for each kit file (so that
    evidence links in the reports open), and ``manifest.json``. Entries are sorted and dated at
    the as-of date, so that the same kit gives the same bytes."""
    files = {p: (kit.root / p).read_bytes() for p in kit_files(kit.root)}
    manifest = {
        "trousse": __version__,
        "as_of": as_of.isoformat(),
        "commit": head_commit(kit.root),
        "organisation": kit.config.organisation.name,
        "language": kit.lang,
        "standards": list(kit.config.standards),
        "files": [{"path": p, "sha256": sha256(b), "size": len(b)} for p, b in files.items()],
        "reports": [{"path": f"reports/{n}", "sha256": sha256(b), "size": len(b)} for n, b in sorted(reports.items())],
    }
    entries = {"manifest.json": (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()}
    entries.update({f"reports/{n}": b for n, b in reports.items()})
    entries.update({f"kit/{p}": b for p, b in files.items()})
    stamp = _zip_time(as_of)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(zip_entry(name), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            zf.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()
