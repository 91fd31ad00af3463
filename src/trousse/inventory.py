"""What a kit is made of: its root (the folder holding ``trousse.yml``) and its files.

A kit's files are, inside a git work tree, the files git counts under the kit root: tracked, and
untracked but not ignored (``git ls-files -co --exclude-standard``, one call); an ignored file
(``reports/``, a ``.env``...) is not part of the kit. Outside git, they are the files of a plain
walk of the kit folder (hidden folders skipped). With ``--as-of`` they are the files of one
commit's tree, read from git in one pass and never from the work tree.

Every part that lists or reads the kit's files (the loader, the caches' keys, the audit pack, the
evidence replay) asks this module, so that they all agree. Reading is bounded and stays inside the
kit: only regular files are read (never a FIFO, a device or a socket: nothing is opened before its
type is known), a symbolic link is never followed, a file larger than the cap is not read; each
refusal is a :class:`FileProblem` the loader turns into a finding.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.errors import ConfigError, KitNotFound
from trousse.fsio import read_capped

if TYPE_CHECKING:
    from trousse.gitio import RepoInfo, TreeEntry

CONFIG = "trousse.yml"
NOT_KIT_FILES = ("readme.md", "lisezmoi.md")  # folder notes, never read as kit content
DEFAULT_FILE_SIZE = 5 * 1024 * 1024  # bytes: the cap on one file of the kit (trousse.yml: limits.file_size)
SKIP_DIRS = {".git", "__pycache__", "node_modules"}  # never part of a kit outside git either


def find_root(start: Path | None = None) -> Path:
    """The kit root: the nearest folder at or above ``start`` holding trousse.yml."""
    start = (start or Path.cwd()).absolute()
    if not start.exists():
        raise KitNotFound(i18n.t("kit.no_dir", where=str(start)))
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder
    raise KitNotFound(i18n.t("kit.not_found", where=str(start)))


def rel(root: Path, path: Path) -> str:
    """Kit-relative path with forward slashes (string work: it runs once per file of the kit)."""
    base, full = str(root), str(path)
    if full.startswith(base) and full[len(base) : len(base) + 1] == os.sep:
        return full[len(base) + 1 :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


class FileProblem(Exception):
    """Why a file of the kit is not read. ``kind`` is one of ``link`` (a symbolic link: never
    followed), ``outside`` (its folder leads out of the kit), ``special`` (a FIFO, device, socket or
    submodule), ``folder`` (a folder where a file is expected), ``too_large`` (over the cap, in
    ``size`` and ``limit``), ``unreadable`` (the system refused; ``detail`` says why) and
    ``missing`` (deleted from the work tree since git listed it: not part of the kit)."""

    def __init__(self, kind: str, detail: str = "", size: int = 0, limit: int = 0) -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail
        self.size = size
        self.limit = limit


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A kit-relative glob as a regular expression: ``**/`` any folders (or none), ``**`` anything,
    ``*`` any characters of one name, ``?`` one character of a name."""
    pattern = pattern.strip().lstrip("./").strip("/")
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _order(name: str) -> str:
    """The sort key of a sorted top-down walk: a folder's files before its sub-folders, each sorted.

    Each folder of the path is written after a "\x01" and the file's name after a "\x00": the
    two separators sort before any character of a name, so comparing the keys as strings compares
    the paths part by part, a file before a folder at the same level (the order of the tuples
    ``((1, folder), ..., (0, file))``, built about four times faster)."""
    cut = name.rfind("/")
    if cut < 0:
        return "\x00" + name
    return "\x01" + name[:cut].replace("/", "\x01") + "\x00" + name[cut + 1 :]


@dataclass
class Inventory:
    """The files of one kit (kit-relative, forward slashes) and how to read them.

    ``snapshot`` is the commit whose tree is read (``--as-of``), None for the work tree;
    ``repo`` the repository around the kit (None outside git); ``unreadable`` the folders a walk
    could not open."""

    root: Path
    names: tuple[str, ...]
    snapshot: str | None = None
    snapshot_date: str | None = None
    repo: RepoInfo | None = None
    unreadable: tuple[str, ...] = ()
    tree: dict[str, TreeEntry] = field(default_factory=dict)
    _blobs: dict[str, bytes] = field(default_factory=dict, repr=False)
    _folders: set[str] | None = field(default=None, repr=False)
    _real_root: str = field(default="", repr=False)
    _inside: dict[str, bool] = field(default_factory=dict, repr=False)
    _set: frozenset[str] = field(default=frozenset(), repr=False)
    _tops: dict[str, list[str]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._set = frozenset(self.names)

    @property
    def git_dir(self) -> Path | None:
        """The repository's git folder (where caches live), None outside git."""
        return self.repo.git_dir if self.repo is not None else None

    # ------------------------------------------------------------ what the kit holds
    def folders(self) -> set[str]:
        """Every folder that holds a file of the kit (kit-relative, no trailing slash)."""
        if self._folders is None:
            out: set[str] = set()
            for name in self.names:
                cut = name.rfind("/")
                while cut > 0:
                    folder = name[:cut]
                    if folder in out:
                        break
                    out.add(folder)
                    cut = folder.rfind("/")
            self._folders = out
        return self._folders

    def has_file(self, name: str) -> bool:
        """Whether ``name`` is a file of the kit."""
        if name not in self._set:
            return False
        return self.snapshot is not None or os.path.lexists(self.root / name)

    def exists(self, name: str) -> bool:
        """Whether ``name`` (kit-relative) is a file or a folder of the kit."""
        name = name.strip("/")
        return self.has_file(name) or name in self.folders() or name in ("", ".")

    def select(self, folder: str, suffixes: tuple[str, ...], recursive: bool) -> list[str]:
        """The kit files a folder rule reads: files under ``folder`` (directly, or at any depth
        with ``recursive``) whose name ends with one of ``suffixes``, except hidden names and
        folder notes (README.md, LISEZMOI.md); in the order of a sorted walk."""
        base = folder.rstrip("/") + "/"
        out = []
        top = base[: base.find("/")]
        for name in self._under(top):
            if not name.startswith(base):
                continue
            rest = name[len(base) :]
            if not recursive and "/" in rest:
                continue
            if rest[0] == "." or "/." in rest:  # a hidden name at any depth
                continue
            last = rest[rest.rfind("/") + 1 :]
            if os.path.splitext(last)[1] in suffixes and last.lower() not in NOT_KIT_FILES:
                out.append(name)
        return sorted(out, key=_order)

    def _under(self, top: str) -> list[str]:
        """The kit's files under the top-level folder ``top`` (the names grouped once per
        inventory: the loader selects six folders out of tens of thousands of names)."""
        if self._tops is None:
            tops: dict[str, list[str]] = {}
            for name in self.names:
                cut = name.find("/")
                if cut > 0:
                    tops.setdefault(name[:cut], []).append(name)
            self._tops = tops
        return self._tops.get(top, [])

    def glob(self, patterns: Iterable[str], suffixes: tuple[str, ...]) -> list[str]:
        """The kit files matching any of ``patterns`` (kit-relative globs: ``*`` and ``?`` within a
        name, ``**`` across folders) whose name ends with one of ``suffixes``, except hidden names
        and folder notes; in the order of a sorted walk (trousse.yml's ``locations``)."""
        compiled = [glob_regex(p) for p in patterns]
        if not compiled:
            return []
        out = []
        for name in self.names:
            last = name.rsplit("/", 1)[-1]
            if os.path.splitext(last)[1] not in suffixes or last.lower() in NOT_KIT_FILES:
                continue
            if any(p.startswith(".") for p in name.split("/")):
                continue
            if any(rx.fullmatch(name) for rx in compiled):
                out.append(name)
        return sorted(out, key=_order)

    def folders_named_like(self, folder: str, suffixes: tuple[str, ...], recursive: bool) -> list[str]:
        """Folders under ``folder`` named like the files a folder rule reads (``records/x.yml/``):
        a finding, since the loader expected a file there."""
        base = folder.rstrip("/") + "/"
        out = []
        for name in self.folders():
            if not name.startswith(base):
                continue
            rest = name[len(base) :]
            if (not recursive and "/" in rest) or any(p.startswith(".") for p in rest.split("/")):
                continue
            if os.path.splitext(rest.rsplit("/", 1)[-1])[1] in suffixes:
                out.append(name)
        return sorted(out)

    # ------------------------------------------------------------ reading
    def blob_id(self, name: str) -> str | None:
        """The git blob id of a file of a commit's tree (None for the work tree: read it)."""
        entry = self.tree.get(name)
        return entry.oid if entry is not None and entry.mode.startswith("100") else None

    def prefetch(self, names: Iterable[str], limit: int) -> None:
        """Read the blobs of ``names`` from the commit in one pass (a no-op for the work tree)."""
        if self.snapshot is None or self.repo is None:
            return
        from trousse import gitio  # noqa: PLC0415

        wanted = []
        for name in names:
            entry = self.tree.get(name)
            if entry is not None and entry.mode.startswith("100") and 0 <= entry.size <= limit:
                if entry.oid not in self._blobs:
                    wanted.append(entry.oid)
        self._blobs.update(gitio.read_blobs(self.repo.toplevel, wanted))

    def read(self, name: str, limit: int) -> bytes:
        """The bytes of the kit file ``name``, at most ``limit`` of them; a :class:`FileProblem`
        when it is not a regular file inside the kit, is too large, or cannot be read."""
        if self.snapshot is not None:
            return self._read_tree(name, limit)
        return self._read_work_tree(name, limit)

    def _read_tree(self, name: str, limit: int) -> bytes:
        entry = self.tree.get(name)
        if entry is None:
            raise FileProblem("missing")
        if entry.mode == "120000":
            raise FileProblem("link")
        if not entry.mode.startswith("100"):
            raise FileProblem("special")
        if entry.size > limit:
            raise FileProblem("too_large", size=entry.size, limit=limit)
        data = self._blobs.pop(entry.oid, None)
        if data is None:
            self.prefetch([name], limit)
            data = self._blobs.pop(entry.oid, None)
        if data is None:
            raise FileProblem("unreadable", "git cat-file")
        return data

    def inside(self, name: str) -> bool:
        """Whether the folder of ``name`` is inside the kit once links are resolved (a folder
        replaced by a link that leaves the kit is never entered)."""
        folder = name.rpartition("/")[0]
        got = self._inside.get(folder)
        if got is None:
            if not self._real_root:
                self._real_root = os.path.realpath(self.root)
            real = os.path.realpath(self.root / folder) if folder else self._real_root
            got = real == self._real_root or real.startswith(self._real_root.rstrip(os.sep) + os.sep)
            self._inside[folder] = got
        return got

    def _read_work_tree(self, name: str, limit: int) -> bytes:
        path = os.path.join(self.root, name)
        if not self.inside(name):
            raise FileProblem("outside")
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            raise FileProblem("missing") from None
        except OSError as exc:
            raise FileProblem("unreadable", exc.strerror or str(exc)) from None
        mode = st.st_mode
        if not stat.S_ISREG(mode):
            raise FileProblem("link" if stat.S_ISLNK(mode) else "folder" if stat.S_ISDIR(mode) else "special")
        if st.st_size > limit:
            raise FileProblem("too_large", size=st.st_size, limit=limit)
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError as exc:
            raise FileProblem("unreadable", exc.strerror or str(exc)) from None
        try:
            st = os.fstat(fd)  # the file opened is the one checked (not swapped in between)
            if not stat.S_ISREG(st.st_mode):
                raise FileProblem("special")
            data = read_capped(fd, st.st_size, limit)
        except OSError as exc:
            raise FileProblem("unreadable", exc.strerror or str(exc)) from None
        finally:
            os.close(fd)
        if len(data) > limit:
            raise FileProblem("too_large", size=len(data), limit=limit)
        return data


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


# ---------------------------------------------------------------- building an inventory
def _walk(root: Path) -> tuple[list[str], list[str]]:
    """Outside git: every file under ``root`` (links listed, never followed), hidden folders and
    tool folders skipped; and the folders that could not be opened."""
    names: list[str] = []
    unreadable: list[str] = []

    def failed(exc: OSError) -> None:
        where = getattr(exc, "filename", None)
        if where:
            unreadable.append(rel(root, Path(where)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        here = Path(dirpath)
        keep = []
        for d in dirnames:
            if d.startswith(".") or d in SKIP_DIRS:
                continue
            if os.path.islink(here / d):  # a link to a folder: listed as itself, never entered
                names.append(rel(root, here / d))
            else:
                keep.append(d)
        dirnames[:] = sorted(keep)
        names.extend(rel(root, here / f) for f in filenames)
    return sorted(names), sorted(unreadable)


def work_tree(root: Path) -> Inventory:
    """The kit's files in the work tree: git's list inside a repository, a plain walk outside."""
    from trousse import gitio  # noqa: PLC0415 - git is only asked when a kit is read

    repo = gitio.repo_info(root) if gitio.git_available() else None
    listed = gitio.work_tree_files(root) if repo is not None else None
    if listed is None:
        names, unreadable = _walk(root)
        return Inventory(root, tuple(names), repo=None, unreadable=tuple(unreadable))
    files, unreadable = listed
    return Inventory(root, tuple(files), repo=repo, unreadable=tuple(unreadable))


def kit_prefix(root: Path, repo: RepoInfo) -> str:
    """The kit folder inside its repository (``""`` at the top, else ``path/``)."""
    real = root.resolve()
    top = repo.toplevel.resolve()
    return "" if real == top else real.relative_to(top).as_posix() + "/"


def committed(root: Path, day: dt.date) -> Inventory:
    """The kit as committed on ``day``: the tree of the last commit of HEAD's first-parent history
    whose committer date (in its own time zone) is on or before that day. Outside git there are
    no commits: the work tree is read and only the day is fixed. A :class:`ConfigError` (exit 2)
    when no commit is that old, or the kit did not exist yet in it."""
    from trousse import gitio  # noqa: PLC0415

    if not gitio.git_available():
        return work_tree(root)
    repo = gitio.repo_info(root)
    if repo is None:
        return work_tree(root)
    if repo.head is None:
        raise ConfigError(i18n.t("kit.no_commit", day=day.isoformat()))
    found = gitio.commit_on_or_before(repo.toplevel, day, repo.head)
    if found is None:
        first = gitio.first_commit_date(repo.toplevel)
        first_day = i18n.longdate(first, i18n.language()) if first else "?"
        raise ConfigError(i18n.t("kit.no_commit_then", day=day.isoformat(), first=first_day))
    commit, when = found
    tree = gitio.tree_files(repo.toplevel, commit, kit_prefix(root, repo))
    if CONFIG not in tree:
        raise ConfigError(i18n.t("kit.not_kit_then", day=day.isoformat(), commit=commit[:12], config=CONFIG))
    return Inventory(root, tuple(sorted(tree)), snapshot=commit, snapshot_date=when, repo=repo, tree=tree)


def changed_files(root: Path) -> list[str] | None:
    """The kit's files that differ from HEAD (edited, added, deleted, untracked but not ignored),
    kit-relative and sorted; None when git cannot tell (outside git)."""
    from trousse import gitio  # noqa: PLC0415

    dirty = gitio.dirty_paths(root)
    unseen = gitio.unseen_entries(root) if dirty is not None else None
    if dirty is None or unseen is None:
        return None
    # Files git status does not vouch for (marked in the index not to be looked at, or converted by
    # their attributes: a kit brings its own index and attributes): changed when their bytes are
    # not the blob the index holds.
    seen = set(dirty)
    hidden = [name for name, blob in unseen if name not in seen and work_tree_blob(root, name) != blob]
    return sorted(seen.union(hidden)) if hidden else dirty


def work_tree_blob(root: Path, name: str) -> str | None:
    """The git blob id of the work-tree file ``name`` as it stands (a link: of its target, as git
    stores a link), without following a link or opening anything but a regular file; None when it
    is absent, unreadable or of another type."""
    path = root / name
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            return blob_id(os.fsencode(os.readlink(path)))
        if stat.S_ISREG(st.st_mode):
            return blob_id(b"".join(_regular_blocks(path)))
    except OSError:
        pass
    return None


def _regular_blocks(path: Path) -> Iterator[bytes]:
    """The bytes of the file at ``path``, a block at a time, opened without following a link or
    waiting on a FIFO (:data:`_OPEN_FLAGS`); an :class:`OSError` when it cannot be read."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        while block := os.read(fd, 1 << 20):
            yield block
    finally:
        os.close(fd)


def blob_id(raw: bytes) -> str:
    """The git blob id of a file's bytes (what ``git hash-object`` prints)."""
    import hashlib  # noqa: PLC0415

    h = hashlib.sha1(b"blob %d\0" % len(raw))  # noqa: S324 - git's own content address
    h.update(raw)
    return h.hexdigest()


def fingerprint(root: Path, name: str) -> str:
    """A digest of the work-tree file ``name`` as it stands, without following a link or opening
    anything but a regular file (a FIFO would hang): the git blob id of a regular file, the link's
    target for a link, the file type otherwise."""
    import hashlib  # noqa: PLC0415

    path = root / name
    try:
        st = os.lstat(path)
    except OSError:
        return "absent"
    if stat.S_ISLNK(st.st_mode):
        try:
            return "link:" + os.readlink(path)
        except OSError:
            return "link"
    if not stat.S_ISREG(st.st_mode):
        return f"type:{stat.S_IFMT(st.st_mode)}"
    h = hashlib.sha1()  # noqa: S324 - a cache key, not a security check
    try:
        for block in _regular_blocks(path):
            h.update(block)
    except OSError:
        return "unreadable"
    return h.hexdigest() + f":{st.st_size}"
