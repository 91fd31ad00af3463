"""``trousse verify PACK.zip``: is an audit pack as it was produced?

Every entry's SHA-256 is checked against ``SHA256SUMS`` and against ``manifest.json`` (which
``SHA256SUMS`` covers too); an entry listed but absent is missing, an entry present but listed
nowhere is added; the commit recorded in ``manifest.json`` must be a full commit id and be the one
the README names. A pack that cannot be read (not a zip, no manifest) is a :class:`ConfigError`.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from trousse import gitio, i18n
from trousse.errors import ConfigError, TrousseError
from trousse.reports.pack import MANIFEST, README, SUMS, sha256

MAX_ENTRY = 512 * 1024 * 1024  # an entry larger than this is not read (a zip bomb)
MAX_TOTAL = 1024 * 1024 * 1024  # nor a pack whose entries add up to more than this, uncompressed
MAX_ENTRIES = 20_000  # nor a pack of more entries than this
MAX_TEXT = 32 * 1024 * 1024  # the manifest, the sums and the README are read whole: up to this
_CHUNK = 1024 * 1024
_COMMIT = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_SUM_LINE = re.compile(r"^(\\?)([0-9a-f]{64})  (.+)$")


@dataclass
class VerifyResult:
    """What ``verify`` found: files whose bytes changed, files listed but absent, files present
    but listed nowhere, problems with the commit; intact when all are empty."""

    checked: int
    commit: str | None
    as_of: str | None
    uncommitted: bool
    language: str | None = None  # the language the pack was produced in (manifest.json)
    files: dict[str, str] = field(default_factory=dict)  # kit-relative path -> sha256, as packed
    reports: dict[str, str] = field(default_factory=dict)  # reports/<name> -> sha256, as packed
    altered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    commit_problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """Whether nothing was altered, missing, added, and the commit holds."""
        return not (self.altered or self.missing or self.added or self.commit_problems)


def _unreadable(path: Path, why: str) -> ConfigError:
    return ConfigError(i18n.t("verify.unreadable", path=path, why=why))


def _read_sums(text: str) -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in text.splitlines():
        hit = _SUM_LINE.match(line)
        if hit is None:
            continue
        name = hit.group(3)
        if hit.group(1):
            name = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), name)
        sums[name] = hit.group(2)
    return sums


def pack_language(path: Path) -> str | None:
    """The language a pack was produced in, as its ``manifest.json`` says, read before anything
    else so that every message about the pack (even that it cannot be verified) speaks it; None
    when the pack or its manifest cannot be read."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(MANIFEST)
            if info.file_size > MAX_TEXT:
                return None
            with zf.open(info) as entry:
                manifest = json.loads(entry.read(MAX_TEXT + 1)[:MAX_TEXT].decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, NotImplementedError, EOFError, RuntimeError):
        return None
    language = manifest.get("language") if isinstance(manifest, dict) else None
    return language if language in i18n.LANGUAGES else None


def verify_pack(path: Path) -> VerifyResult:
    """Check an audit pack zip; a :class:`ConfigError` when it cannot be read at all."""
    if not path.exists():
        raise _unreadable(path, i18n.t("verify.no_file"))
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError):
        raise _unreadable(path, i18n.t("verify.not_zip")) from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise _unreadable(path, i18n.t("verify.too_many", count=MAX_ENTRIES))
        if any(i.file_size > MAX_ENTRY for i in infos):
            raise _unreadable(path, i18n.t("verify.too_large", size=MAX_ENTRY // (1024 * 1024)))
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise _unreadable(path, i18n.t("verify.too_large_total", size=MAX_TOTAL // (1024 * 1024)))
        names = {i.filename for i in infos}
        for needed in (SUMS, MANIFEST):
            if needed not in names:
                raise _unreadable(path, i18n.t("verify.no_entry", name=needed))
        # Each entry is hashed as a stream (never held whole); only the three text entries are
        # kept. The sizes the zip declares may lie: what is read is counted against the caps.
        digests: dict[str, str] = {}
        texts: dict[str, bytes] = {}
        total = 0
        for info in sorted(infos, key=lambda i: i.filename):
            if info.filename in digests:
                continue  # a name twice: the first is the one checked
            digest = hashlib.sha256()
            keep = info.filename in (SUMS, MANIFEST, README)
            kept = bytearray()
            size = 0
            try:
                with zf.open(info) as entry:
                    while chunk := entry.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > MAX_ENTRY:
                            raise _unreadable(path, i18n.t("verify.too_large", size=MAX_ENTRY // (1024 * 1024)))
                        if total > MAX_TOTAL:
                            raise _unreadable(path, i18n.t("verify.too_large_total", size=MAX_TOTAL // (1024 * 1024)))
                        digest.update(chunk)
                        if keep:
                            if len(kept) + len(chunk) > MAX_TEXT:
                                raise _unreadable(path, i18n.t("verify.bad_manifest", name=info.filename))
                            kept += chunk
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
                digest = hashlib.sha256(b"\0damaged")  # a damaged entry: its hash will not match
                kept = bytearray()
            digests[info.filename] = digest.hexdigest()
            if keep:
                texts[info.filename] = bytes(kept)
    try:
        manifest = json.loads(texts[MANIFEST].decode("utf-8"))
        listed = {e["path"]: e["sha256"] for e in manifest.get("files", [])}
        listed = {f"kit/{p}": h for p, h in listed.items()}
        listed.update({e["path"]: e["sha256"] for e in manifest.get("reports", [])})
        sums = _read_sums(texts[SUMS].decode("utf-8"))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _unreadable(path, i18n.t("verify.bad_manifest", name=MANIFEST)) from None
    if not sums:
        raise _unreadable(path, i18n.t("verify.bad_manifest", name=SUMS))
    commit = manifest.get("commit")
    result = VerifyResult(
        checked=len(sums),
        commit=commit if isinstance(commit, str) else None,
        as_of=manifest.get("as_of") if isinstance(manifest.get("as_of"), str) else None,
        uncommitted=bool(manifest.get("uncommitted_changes")),
        language=manifest.get("language") if manifest.get("language") in i18n.LANGUAGES else None,
        files={p[len("kit/") :]: h for p, h in listed.items() if p.startswith("kit/")},
        reports={p: h for p, h in listed.items() if p.startswith("reports/")},
    )
    expected = dict(sums)
    for name, digest in listed.items():
        expected.setdefault(name, digest)
    for name in sorted(expected):
        if name not in digests:
            result.missing.append(name)
            continue
        actual = digests[name]
        if actual != expected[name] or (name in listed and name in sums and listed[name] != sums[name]):
            result.altered.append(name)
    result.added = sorted(n for n in digests if n not in expected and n != SUMS)
    if result.commit is not None:
        if not _COMMIT.match(result.commit):
            result.commit_problems.append(f"manifest.json: {result.commit[:80]}")
        elif README in texts and result.commit not in texts[README].decode("utf-8", "replace"):
            result.commit_problems.append(README)
    return result


@dataclass
class KitCheck:
    """The pack's commit against a kit repository at hand: whether the commit is there, and the
    packed kit files whose bytes differ from that commit's (``absent``: packed but not in it)."""

    repository: Path
    found: bool
    differing: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def check_against_kit(result: VerifyResult, kit: Path) -> KitCheck | None:
    """Compare the pack with the kit repository holding ``kit``: None when ``kit`` is not in a git
    repository or the pack records no commit. This proves that the packed kit files are those of
    that commit in this repository; it does not prove who produced the pack."""
    if result.commit is None or not _COMMIT.match(result.commit):
        return None
    info = gitio.repo_info(kit)
    if info is None:
        return None
    try:
        gitio.run(info.toplevel, "cat-file", "-e", f"{result.commit}^{{commit}}")
    except gitio.GitCommandError:
        return KitCheck(info.toplevel, found=False)
    try:
        prefix = kit.resolve().relative_to(info.toplevel.resolve()).as_posix()
    except ValueError:
        prefix = ""
    prefix = "" if prefix in ("", ".") else prefix + "/"
    tree = gitio.tree_files(info.toplevel, result.commit, prefix)
    blobs = gitio.read_blobs(info.toplevel, [tree[p].oid for p in result.files if p in tree])
    check = KitCheck(info.toplevel, found=True)
    for name, digest in sorted(result.files.items()):
        entry = tree.get(name)
        if entry is None:
            check.absent.append(name)
        elif sha256(blobs.get(entry.oid, b"")) != digest:
            check.differing.append(name)
    return check


@dataclass
class ReportCheck:
    """The pack's reports against the same reports rendered again from the pack's commit, day and
    language: ``same`` and ``differing`` are md and html reports (PDFs depend on the WeasyPrint
    installed, so they are only counted in ``not_compared``); ``reason`` says why nothing could be
    compared (the message key), empty when the comparison was made."""

    same: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)
    reason: str = ""


def check_reports(result: VerifyResult, kit: Path) -> ReportCheck:
    """Render the pack's md and html reports again from the kit as committed at the pack's commit
    (the kit as committed on the pack's day, or the work tree when it is that commit, unchanged)
    and compare them with the packed ones."""
    import datetime as dt  # noqa: PLC0415

    from trousse.inventory import changed_files  # noqa: PLC0415
    from trousse.loader import load_kit  # noqa: PLC0415
    from trousse.reports import pack_reports  # noqa: PLC0415 - the pack's own renderer
    from trousse.reports.common import head_commit  # noqa: PLC0415

    check = ReportCheck(not_compared=sorted(n for n in result.reports if not n.endswith((".md", ".html"))))
    wanted = {n: h for n, h in result.reports.items() if n.endswith((".md", ".html"))}
    if not wanted:
        return check
    if result.uncommitted or result.language is None or result.as_of is None:
        check.reason = "verify.reports_dirty" if result.uncommitted else "verify.reports_unknown"
        return check
    # A pack made without --as-of read the work tree at its commit; one made with --as-of read the
    # commit of that day (its readiness report says which commit it read): try both, as they apply.
    try:
        day = dt.date.fromisoformat(result.as_of)
        renderings: list[dict[str, bytes]] = []
        here = load_kit(kit, result.language)
        if head_commit(here) == result.commit and not changed_files(here.root):
            renderings.append(pack_reports(here, result.language, day, with_pdf=False))
        then = load_kit(kit, result.language, day)
        if then.snapshot == result.commit:
            renderings.append(pack_reports(then, result.language, day, with_pdf=False))
    except (TrousseError, ValueError):
        check.reason = "verify.reports_unknown"
        return check
    if not renderings:
        check.reason = "verify.reports_checkout"
        return check
    for name, digest in sorted(wanted.items()):
        made = [r.get(name[len("reports/") :]) for r in renderings]
        (check.same if any(m is not None and sha256(m) == digest for m in made) else check.differing).append(name)
    return check
