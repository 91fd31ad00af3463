"""The only module that talks to git (through gitpython's command wrapper)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import git

SCAFFOLD_IDENTITY = {
    "GIT_AUTHOR_NAME": "trousse",
    "GIT_AUTHOR_EMAIL": "trousse@localhost",
    "GIT_COMMITTER_NAME": "trousse",
    "GIT_COMMITTER_EMAIL": "trousse@localhost",
}


def inside_repo(path: Path) -> bool:
    """Whether ``path`` (or its nearest existing parent) lies inside a git work tree."""
    probe = path.absolute()
    while not probe.exists():
        probe = probe.parent
    try:
        out = git.Git(str(probe)).execute(["git", "rev-parse", "--is-inside-work-tree"])
    except git.GitCommandError:
        return False
    return str(out).strip() == "true"


def has_identity(path: Path) -> bool:
    """Whether git knows who commits here (user.name and user.email set, or GIT_* variables)."""
    if os.environ.get("GIT_AUTHOR_NAME") and os.environ.get("GIT_AUTHOR_EMAIL"):
        return True
    g = git.Git(str(path))
    try:
        return bool(g.execute(["git", "config", "user.name"]).strip()) and bool(
            g.execute(["git", "config", "user.email"]).strip()
        )
    except git.GitCommandError:
        return False


def init_and_commit(path: Path, message: str, paths: list[str]) -> str:
    """``git init`` in ``path``, add exactly ``paths`` (relative, forward slashes: the files
    ``init`` wrote, never anything else in the folder) and commit them; return the commit id.

    Paths are literal (no glob or pathspec magic) and added even if a global ignore file would
    skip them. When git has no identity configured, the commit is made as "trousse" so that the
    kit still starts with a commit; the user's own commits carry their identity. Raises
    ``git.GitCommandError`` when git fails.
    """
    repo = git.Repo.init(str(path), initial_branch="main") if _supports_initial_branch() else git.Repo.init(str(path))
    env = {} if has_identity(path) else dict(SCAFFOLD_IDENTITY)
    env["GIT_LITERAL_PATHSPECS"] = "1"
    with repo.git.custom_environment(**env):
        repo.git.add("--force", "--", *paths)
        # --only: even an index left by an earlier repository in the folder adds nothing.
        repo.git.commit("-q", "--no-verify", "-m", message, "--only", "--", *paths)
    return str(repo.head.commit.hexsha)


def _supports_initial_branch() -> bool:
    try:
        major, minor = git.Git().version_info[:2]
    except (git.GitCommandError, ValueError):
        return False
    return (major, minor) >= (2, 28)


# ---------------------------------------------------------------- evidence: reading history
# Everything below serves the evidence trail (trousse.evidence_history): a few cheap questions
# about the repository, and one streamed `git log` over the whole of HEAD's history.

LOG_FORMAT = "%x1e%H %P%x1f%cI%x1f%an"
GitCommandError = git.GitCommandError  # what log_tokens raises when git fails


class RepoInfo:
    """What the evidence reader needs to know about the repository around a kit."""

    __slots__ = ("toplevel", "git_dir", "shallow", "head")

    def __init__(self, toplevel: Path, git_dir: Path, shallow: bool, head: str | None) -> None:
        self.toplevel = toplevel
        self.git_dir = git_dir
        self.shallow = shallow
        self.head = head


def git_available() -> bool:
    """Whether a git executable can be run."""
    try:
        git.Git().execute(["git", "--version"])
    except (git.GitCommandError, git.GitCommandNotFound, OSError):
        return False
    return True


def repo_info(path: Path) -> RepoInfo | None:
    """The repository holding ``path``, or None when ``path`` is not inside a git work tree."""
    g = git.Git(str(path))
    try:
        out = str(
            g.execute(["git", "rev-parse", "--show-toplevel", "--absolute-git-dir", "--is-shallow-repository"])
        ).splitlines()
    except (git.GitCommandError, git.GitCommandNotFound, OSError):
        return None
    if len(out) < 3:
        return None
    try:  # an empty repository has no HEAD commit yet
        head: str | None = str(g.execute(["git", "rev-parse", "-q", "--verify", "HEAD^{commit}"])).strip()
    except git.GitCommandError:
        head = None
    return RepoInfo(Path(out[0]), Path(out[1]), out[2].strip() == "true", head or None)


def count_commits(toplevel: Path, head: str) -> int:
    """How many commits HEAD's history holds (for a progress bar)."""
    try:
        return int(str(git.Git(str(toplevel)).execute(["git", "rev-list", "--count", head])).strip())
    except (git.GitCommandError, ValueError):
        return 0


def log_tokens(toplevel: Path, head: str, chunk: int = 1 << 20) -> Iterator[bytes]:
    """Stream HEAD's whole history, oldest first, as NUL-separated tokens.

    One ``git log`` in topological order (parents before children) with exact paths (``-z``),
    rename detection (``-M``) and, for merge commits, the diff against their first parent, so that
    a merge only shows what it brought to the main line. A commit starts with a token
    ``\\x1e<id> <parents>\\x1f<committer date ISO 8601>\\x1f<author>``; its changes follow as
    ``:<modes> <blobs> <status>`` tokens, each followed by one path (two for a rename or copy).
    """
    cmd = [
        "git",
        "-c",
        "diff.renameLimit=10000",
        "-c",
        "log.showSignature=false",
        "log",
        head,
        "--reverse",
        "--topo-order",
        "--raw",
        "-M",
        "--no-abbrev",
        "--diff-merges=first-parent",
        "-z",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        f"--format={LOG_FORMAT}",
        "--",
    ]
    handle: Any = git.Git(str(toplevel)).execute(cmd, as_process=True)
    popen: Any = handle.proc  # the subprocess.Popen under gitpython's wrapper
    stream = popen.stdout
    rest = b""
    try:
        while True:
            block = stream.read(chunk)
            if not block:
                break
            parts = (rest + block).split(b"\0")
            rest = parts.pop()
            yield from parts
        if rest:
            yield rest
    finally:
        stream.close()
        code = popen.wait()
    if code != 0:
        err = popen.stderr.read().decode("utf-8", "replace").strip()
        raise git.GitCommandError(cmd, code, err)


# ---------------------------------------------------------------- demo: writing a dated history
# `trousse demo` builds a whole back-dated history in one `git fast-import` stream: a handful of
# git processes whatever the number of records.


class DatedCommit:
    """One commit to import: who made it, when (an aware datetime), and the files it adds or changes."""

    __slots__ = ("message", "name", "email", "when", "files")

    def __init__(self, message: str, name: str, email: str, when: dt.datetime, files: dict[str, bytes]) -> None:
        self.message = message
        self.name = name
        self.email = email
        self.when = when
        self.files = files


def _fast_import_path(path: str) -> bytes:
    raw = path.encode("utf-8")
    if raw.startswith(b'"') or b"\n" in raw or b"\\" in raw:
        escaped = raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n")
        return b'"' + escaped + b'"'
    return raw


def _stamp(commit: DatedCommit) -> bytes:
    offset = commit.when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    tz = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    ident = f"{commit.name} <{commit.email}> {int(commit.when.timestamp())} {tz}"
    return ident.encode("utf-8")


def fast_import_stream(commits: list[DatedCommit], branch: str = "main") -> bytes:
    """The ``git fast-import`` input that creates ``commits`` in order on ``branch``."""
    out: list[bytes] = []
    mark = 0
    for commit in commits:
        marks: list[tuple[str, int]] = []
        for path, data in sorted(commit.files.items()):
            mark += 1
            out += [b"blob\nmark :%d\ndata %d\n" % (mark, len(data)), data, b"\n"]
            marks.append((path, mark))
        message = commit.message.encode("utf-8")
        stamp = _stamp(commit)
        out += [
            f"commit refs/heads/{branch}\n".encode(),
            b"author " + stamp + b"\n",
            b"committer " + stamp + b"\n",
            b"data %d\n" % len(message),
            message,
            b"\n",
        ]
        out += [b"M 100644 :%d " % m + _fast_import_path(p) + b"\n" for p, m in marks]
        out.append(b"\n")
    out.append(b"done\n")
    return b"".join(out)


def import_history(path: Path, commits: list[DatedCommit], branch: str = "main") -> str:
    """Create a repository in ``path`` holding ``commits`` (oldest first) on ``branch``; return HEAD.

    The files already in the work tree are expected to match the last commit: the index is
    refreshed from HEAD, the work tree is left as it is.
    """
    path = path.absolute()  # git runs inside ``path``: a relative path would nest a second one
    g = git.Git(str(path))
    g.execute(["git", "init", "-q", "."])
    g.execute(["git", "symbolic-ref", "HEAD", f"refs/heads/{branch}"])
    stream = fast_import_stream(commits, branch)
    proc = g.execute(["git", "fast-import", "--quiet", "--done"], as_process=True, istream=subprocess.PIPE)
    _, err = proc.proc.communicate(stream)  # type: ignore[attr-defined]
    if proc.proc.returncode != 0:  # type: ignore[attr-defined]
        raise git.GitCommandError(
            ["git", "fast-import"],
            proc.proc.returncode,  # type: ignore[attr-defined]
            err.decode("utf-8", "replace"),
        )
    g.execute(["git", "read-tree", f"refs/heads/{branch}"])
    g.execute(["git", "update-index", "-q", "--refresh"], with_exceptions=False)
    return str(g.execute(["git", "rev-parse", "HEAD"])).strip()


def dirty_paths(path: Path) -> list[str] | None:
    """Files under ``path`` that differ from HEAD or are untracked (not ignored), as paths
    relative to ``path``, sorted; None when git cannot tell. One ``git status`` call."""
    try:
        out = str(
            git.Git(str(path)).execute(
                ["git", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", "."],
                strip_newline_in_stdout=False,
            )
        )
        prefix = str(git.Git(str(path)).execute(["git", "rev-parse", "--show-prefix"])).strip()
    except (git.GitCommandError, git.GitCommandNotFound, OSError):
        return None
    paths = []
    for entry in out.split("\0"):
        if len(entry) > 3:
            name = entry[3:]
            paths.append(name[len(prefix) :] if prefix and name.startswith(prefix) else name)
    return sorted(paths)
