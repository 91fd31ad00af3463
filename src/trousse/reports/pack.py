"""The audit pack: every report plus the kit's files and a manifest, as one reproducible zip.

The kit's files are those of its inventory (:mod:`trousse.inventory`): ignored files such as a
``.env`` never enter the pack, and with ``--as-of`` the files are those of the commit read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

from trousse import __version__, i18n
from trousse.errors import ConfigError
from trousse.i18n import pack_text
from trousse.inventory import FileProblem
from trousse.kit import Kit
from trousse.reports.common import head_commit
from trousse.reports.labels import label
from trousse.reports.typo import french_spacing, longdate
from trousse.reports.write import zip_entry

SUMS = "SHA256SUMS"  # the manifest ``sha256sum -c`` reads, at the root of the extracted pack
MANIFEST = "manifest.json"
README = "README.md"

__all__ = ["MANIFEST", "README", "SUMS", "build_zip", "head_commit", "kit_files", "sha256", "sums_line"]

PACK_FILE_SIZE = 256 * 1024 * 1024  # a file of the kit larger than this is listed as skipped
OUTPUT = "reports/"  # rendered output: earlier packs are not packed again


def kit_files(kit: Kit) -> list[str]:
    """Every file of the kit (kit-relative, forward slashes, sorted), per its inventory, except
    rendered reports."""
    if kit.inventory is None:
        return []
    return sorted(n for n in kit.inventory.names if not n.startswith(OUTPUT))


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def safe_entry(name: str) -> str:
    """``name`` as a zip entry name, or a :class:`ConfigError` when it could leave the archive's
    folder once extracted (``..``, an absolute path, a drive, a backslash, an empty part)."""
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\0" in name
        or (len(parts[0]) >= 2 and parts[0][1] == ":")
        or any(p in ("", ".", "..") for p in parts)
    ):
        raise ConfigError(i18n.t("pack.bad_entry", name=name))
    return name


def sums_line(digest: str, name: str) -> str:
    """One line of a ``sha256sum`` manifest (GNU form: a name holding a backslash or a newline is
    escaped and the line starts with a backslash)."""
    if "\\" in name or "\n" in name:
        return "\\" + digest + "  " + name.replace("\\", "\\\\").replace("\n", "\\n") + "\n"
    return f"{digest}  {name}\n"


# The reports a pack may hold, in the order its README lists them (audits first).
PACK_KINDS = ("action-plan", "readiness", "matrix", "catalogue", "register", "review-inputs")


def _contents(reports: dict[str, bytes], lang: str) -> str:
    """What the pack's reports are, in words: each audit report by its id, then the others."""
    stems = sorted({name.rsplit(".", 1)[0] for name in reports})
    parts = [f"{label('audit', lang)} {s[len('audit-') :]}" for s in stems if s.startswith("audit-")]
    parts += [label(k, lang) for k in PACK_KINDS if k in stems]
    return ", ".join(p[:1].lower() + p[1:] for p in parts)


def _readme(
    kit: Kit, as_of: dt.date, commit: str | None, uncommitted: bool, reports: dict[str, bytes], files: int
) -> bytes:
    """The pack's README.md in the kit's language (French typography in French)."""
    lang = kit.lang
    text = i18n.t(
        "pack.readme",
        _lang=lang,
        organisation=kit.config.organisation.name,
        version=__version__,
        as_of=longdate(as_of, lang),
        commit=commit or i18n.t("pack.no_commit", _lang=lang),
        dirty=i18n.t("pack.yes" if uncommitted else "pack.no", _lang=lang),
        standards=", ".join(pack_text(p.title, lang) for p in kit.standards()) or ", ".join(kit.config.standards),
        reports=len(reports),
        kinds=_contents(reports, lang),
        files=files,
        state=i18n.t("pack.files_work_tree" if uncommitted or commit is None else "pack.files_committed", _lang=lang),
        zip_name=f"pack-{as_of.isoformat()}.zip",
    )
    if lang == "fr":
        text = french_spacing(pack_text(text, lang))
    return (text.rstrip("\n") + "\n").encode("utf-8")  # a text file ends with a newline


def build_zip(kit: Kit, as_of: dt.date, reports: dict[str, bytes], uncommitted: bool = False) -> bytes:
    """The zip: ``reports/<name>`` for each report, ``kit/<path>`` for each kit file (so that
    evidence links in the reports open), ``manifest.json``, a ``README.md`` saying what is inside
    and how to verify it, and ``SHA256SUMS`` (every other entry's hash, as ``sha256sum -c`` reads). Entries are sorted and dated at
    the as-of date, so that the same kit gives the same bytes. Files that are not regular files
    (links, pipes...) or are too large are not packed: the manifest lists them under ``skipped``.
    ``uncommitted`` marks a pack made from a work tree with changes not yet committed."""
    files: dict[str, bytes] = {}
    skipped: list[dict[str, str]] = []
    inventory = kit.inventory
    for name in kit_files(kit) if inventory is not None else []:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 (read as surrogates): no zip entry name
            skipped.append({"path": name, "reason": "name_not_utf8"})
            continue
        try:
            files[name] = inventory.read(name, PACK_FILE_SIZE)  # type: ignore[union-attr]
        except FileProblem as exc:
            if exc.kind != "missing":
                skipped.append({"path": name, "reason": exc.kind})
    manifest = {
        "trousse": __version__,
        "as_of": as_of.isoformat(),
        "commit": head_commit(kit),
        "uncommitted_changes": uncommitted,
        "organisation": kit.config.organisation.name,
        "language": kit.lang,
        "standards": list(kit.config.standards),
        "files": [{"path": p, "sha256": sha256(b), "size": len(b)} for p, b in files.items()],
        "skipped": skipped,
        "reports": [{"path": f"reports/{n}", "sha256": sha256(b), "size": len(b)} for n, b in sorted(reports.items())],
    }
    entries = {MANIFEST: i18n.printable_json(manifest).encode()}
    entries[README] = _readme(kit, as_of, manifest["commit"], uncommitted, reports, len(files))  # type: ignore[arg-type]
    entries.update({safe_entry(f"reports/{n}"): b for n, b in reports.items()})
    entries.update({safe_entry(f"kit/{p}"): b for p, b in files.items()})
    entries[SUMS] = "".join(sums_line(sha256(entries[n]), n) for n in sorted(entries)).encode("utf-8")
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


def _zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    day = max(day, dt.date(1980, 1, 1))  # the zip format starts in 1980
    return (day.year, day.month, day.day, 0, 0, 0)
