"""The only module that runs git.

A kit, and the git directory around it, are untrusted input: a repository's configuration can name
programs (an fsmonitor, hooks, diff and textconv drivers, clean and smudge filters, a pager, a
credential helper) that git would run as the person running trousse. Every git command goes through
:func:`run` (or :func:`stream`), which turns all of them off on the command line only, without
touching anyone's git configuration, and trusts the repository around the kit for that one command
(``safe.directory``) so that a kit owned by another user can still be read.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.answers import forget, learn, remembered
from trousse.errors import TrousseError

SCAFFOLD_IDENTITY = {
    "GIT_AUTHOR_NAME": "trousse",
    "GIT_AUTHOR_EMAIL": "trousse@localhost",
    "GIT_COMMITTER_NAME": "trousse",
    "GIT_COMMITTER_EMAIL": "trousse@localhost",
}

# Configuration given on the command line wins over every configuration file. Each entry turns off
# one way a repository could make git run a program, write outside its objects, or wait for input.
SAFE_CONFIG: tuple[str, ...] = (
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",  # a hooks folder that holds no hook
    "core.pager=cat",
    "core.askPass=",
    "credential.helper=",  # an empty value empties the list of helpers
    "diff.external=",
    "log.showSignature=false",  # would run gpg
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "gc.auto=0",  # no background gc (nor its pre-auto-gc hook) after a commit
    "maintenance.auto=false",
    "core.untrackedCache=false",
    # A kit's own settings must not hide an edited file from `git status` (the result cache's key
    # and "uncommitted changes" rest on it): stat data compared in full, ctime trusted.
    "core.checkStat=default",
    "core.trustctime=true",
    "core.ignoreStat=false",
    "safe.bareRepository=explicit",  # a bare repository hidden inside a kit is never used
    "protocol.allow=never",
)

# Variables of the environment that make git run a program or wait for someone.
_DROPPED_ENV = ("GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PAGER", "PAGER")


class GitCommandError(Exception):
    """A git command failed (or git cannot be run: :class:`GitNotFound`); the one error of this module."""

    def __init__(self, args: Sequence[str], status: int, stderr: str) -> None:
        super().__init__(f"{' '.join(args[:3])}: exit {status}: {stderr.strip()}")
        self.command = list(args)
        self.status = status
        self.stderr = stderr


class GitNotFound(GitCommandError, TrousseError):
    """No git executable on the PATH: the user installs it (exit 2 with one plain line)."""

    def __init__(self, args: Sequence[str], status: int = 127, stderr: str = "git: not found") -> None:
        self.message = i18n.t("git.missing")
        GitCommandError.__init__(self, args, status, self.message)  # what callers quote of git's errors
        self.hint = None
        self.args = (self.message,)

    def __str__(self) -> str:
        return self.message


def _env(extra: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_EDITOR": ":",
            "GIT_OPTIONAL_LOCKS": "0",  # a read (status) never rewrites the index
            "GIT_NO_REPLACE_OBJECTS": "1",  # history as committed, not as replace refs show it
        }
    )
    if cwd is not None:
        env.update(_filter_env(env, cwd))
    if extra:
        env.update(extra)
    return env


def _filter_env(env: dict[str, str], cwd: Path) -> dict[str, str]:
    """Empty the commands of every clean/smudge filter driver the repository declares, through
    ``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n``: these take the key whole,
    where ``-c key=value`` splits at the first ``=`` and a driver named ``a=b`` would escape.
    They are added after any the environment already holds (later entries win)."""
    names = _filter_drivers(str(_repository_of(cwd) or cwd.absolute()))
    if not names:
        return {}
    try:
        start = max(int(env.get("GIT_CONFIG_COUNT", "0")), 0)
    except ValueError:
        start = 0
    out: dict[str, str] = {}
    n = start
    for name in names:
        for key, value in (("clean", ""), ("smudge", ""), ("process", ""), ("required", "false")):
            out[f"GIT_CONFIG_KEY_{n}"] = f"filter.{name}.{key}"
            out[f"GIT_CONFIG_VALUE_{n}"] = value
            n += 1
    out["GIT_CONFIG_COUNT"] = str(n)
    return out


def _repository_of(cwd: Path) -> Path | None:
    """The folder holding the ``.git`` nearest above ``cwd`` (the work tree git will find)."""
    here = cwd.absolute()
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _base(cwd: Path) -> list[str]:
    cmd = ["git", "--no-pager"]
    for item in SAFE_CONFIG:
        cmd += ["-c", item]
    top = _repository_of(cwd)
    if top is not None:  # trusted for this command only: never written to any configuration
        _own_git_dir(str(top))
        cmd += ["-c", f"safe.directory={top}"]
    return cmd


ALLOW_LINKED = "TROUSSE_ALLOW_LINKED_GIT_DIR"


class LinkedGitDir(TrousseError):
    """The ``.git`` beside a kit is a file or link naming a git directory outside the folder that
    holds it (``gitdir: /elsewhere``): reading it would read, and caching would write, another
    repository. trousse stops with one plain line (exit 2) unless ``TROUSSE_ALLOW_LINKED_GIT_DIR=1``
    (a ``git worktree`` or a submodule of one's own)."""

    def __init__(self, top: str, target: str) -> None:
        super().__init__(i18n.t("git.linked_dir", top=top, target=target, variable=ALLOW_LINKED))
        self.top = top
        self.target = target


@functools.lru_cache(maxsize=32)
def _own_git_dir(top: str) -> None:
    """Raise :class:`LinkedGitDir` when ``top/.git`` leads outside ``top`` (see there)."""
    dot = Path(top) / ".git"
    try:
        if dot.is_dir() and not dot.is_symlink():
            return
        if dot.is_symlink():
            target = Path(os.path.realpath(dot))
        else:
            with dot.open("rb") as fh:  # a gitfile is one short line
                line = fh.read(4096).decode("utf-8", "replace").strip()
            if not line.startswith("gitdir:"):
                return  # not a gitfile: git itself refuses it
            named = Path(line[len("gitdir:") :].strip())
            target = Path(os.path.realpath(named if named.is_absolute() else Path(top) / named))
    except OSError:
        return
    real_top = Path(os.path.realpath(top))
    if (target == real_top or real_top in target.parents) or os.environ.get(ALLOW_LINKED) == "1":
        return
    raise LinkedGitDir(top, str(target))


@functools.lru_cache(maxsize=32)
def _filter_drivers(where: str) -> tuple[str, ...]:
    """The clean/smudge filter drivers the configuration seen from ``where`` declares: their
    commands are emptied on every command line (``.gitattributes`` in the kit chooses them)."""
    cwd = Path(where)
    argv = [*_base(cwd), "config", "-z", "--get-regexp", r"^filter\..*\.(clean|smudge|process)$"]
    try:
        out = _exec(argv, cwd, None, None, filters=False)[0]
    except GitCommandError:
        return ()
    names = set()
    for entry in out.split(b"\0"):
        key = entry.split(b"\n", 1)[0].decode("utf-8", "replace")
        if key.count(".") >= 2:
            names.add(key.split(".", 1)[1].rsplit(".", 1)[0])
    return tuple(sorted(names))


class GitTimeout(TrousseError):
    """git did not answer in time (a FIFO where it reads a file, a pathological history): exit 2
    with one plain line. Not a :class:`GitCommandError`, so that no caller mistakes it for an
    answer such as "not a repository"."""

    def __init__(self, args: Sequence[str], seconds: float) -> None:
        super().__init__(i18n.t("git.timeout", seconds=round(seconds)))
        self.command = list(args)


def _timeout() -> float:
    """Seconds a git command may run (or a streamed one stay silent) before it is stopped:
    ``TROUSSE_GIT_TIMEOUT``, 60 by default. A kit can make git wait for ever (a FIFO where git
    reads ``.gitattributes`` or an included configuration file)."""
    try:
        value = float(os.environ.get("TROUSSE_GIT_TIMEOUT", "60"))
    except ValueError:
        return 60.0
    return value if value > 0 else 60.0


def _exec(
    argv: list[str],
    cwd: Path,
    stdin: bytes | None,
    env: dict[str, str] | None,
    *,
    filters: bool = True,
    ok: tuple[int, ...] = (0,),
) -> tuple[bytes, bytes]:
    """Run ``argv``; its output and its warnings (stderr). Raise when git fails (an exit status
    not in ``ok``), is missing or does not answer in time."""
    limit = _timeout()
    try:
        proc = subprocess.run(
            argv,
            cwd=cwd,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            env=_env(env, cwd if filters else None),
            check=False,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        raise GitTimeout(argv, limit) from None
    except FileNotFoundError:
        raise GitNotFound(argv) from None
    except OSError as exc:
        raise GitCommandError(argv, 126, str(exc.strerror)) from None
    learn(("git_available",), True)  # git ran: no need to ask `git --version` in this command
    if proc.returncode not in ok:
        raise GitCommandError(argv, proc.returncode, proc.stderr.decode("utf-8", "replace"))
    return proc.stdout, proc.stderr


def run(
    cwd: Path,
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
    errors: str = "replace",
) -> str:
    """Run ``git ARGS`` in ``cwd`` with every repository-configured program turned off; return
    its output (text, trailing newline kept). Raise :class:`GitCommandError` when git fails (exits
    with a status not in ``ok``) and :class:`GitNotFound` when it cannot be found. Output that
    names files is read with ``errors="surrogateescape"``: a name's bytes that are not UTF-8 stay
    those bytes (a replacement character is no file, and another name may hold one)."""
    if args and args[0] not in _READING:
        forget()
    return _exec([*_base(cwd), *args], cwd, stdin, env, ok=ok)[0].decode("utf-8", errors)


# Within one command (:func:`trousse.answers.remembering`, set by the CLI) the loader, the result
# cache, the history replay and the audit pack ask git once which repository holds the kit and what
# differs from HEAD; anything trousse writes to a repository forgets those answers.
_READING = frozenset(
    {"rev-parse", "status", "log", "ls-files", "ls-tree", "cat-file", "rev-list", "show", "check-attr"}
)


def _spawn(argv: list[str], cwd: Path, stdout: Any, stderr: Any) -> subprocess.Popen[bytes]:
    """Start git (``argv`` from :func:`_base`) with no input and the safety environment."""
    return subprocess.Popen(  # noqa: S603 - argv built here, never through a shell
        argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=_env(None, cwd)
    )


def stream(cwd: Path, *args: str, chunk: int = 1 << 20) -> Generator[bytes, None, None]:
    """Run ``git ARGS`` in ``cwd`` like :func:`run`, yielding its output as it comes. git is
    stopped when it stays silent longer than the timeout (:class:`GitTimeout`)."""
    import threading  # noqa: PLC0415 - only the history reader streams
    import time  # noqa: PLC0415

    argv = [*_base(cwd), *args]
    try:
        proc = _spawn(argv, cwd, subprocess.PIPE, subprocess.PIPE)
    except FileNotFoundError:
        raise GitNotFound(argv) from None
    assert proc.stdout is not None and proc.stderr is not None
    limit = _timeout()
    last = [time.monotonic()]
    stalled = threading.Event()
    done = threading.Event()

    def watch() -> None:
        while not done.wait(min(1.0, limit)):
            if time.monotonic() - last[0] > limit:
                stalled.set()
                proc.kill()
                return

    watcher = threading.Thread(target=watch, name="trousse-git-watch", daemon=True)
    watcher.start()
    # stderr is read as it comes too: git blocks when a pipe it writes to is full.
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read() if proc.stderr else b""), daemon=True)
    reader.start()
    try:
        while block := proc.stdout.read(chunk):
            last[0] = time.monotonic()
            yield block
    finally:
        done.set()
        proc.stdout.close()
        if proc.poll() is None and not _drained(proc):
            proc.kill()
        reader.join()
        proc.stderr.close()
        code = proc.wait()
    if stalled.is_set():
        raise GitTimeout(argv, limit)
    if code != 0:
        raise GitCommandError(argv, code, b"".join(errors).decode("utf-8", "replace"))


def _drained(proc: subprocess.Popen[bytes]) -> bool:
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return False
    return True


def git_available() -> bool:
    """Whether a git executable can be run."""
    return remembered(("git_available",), _git_available)


def _git_available() -> bool:
    try:
        _exec(["git", "--version"], Path(os.path.abspath(os.sep)), None, None, filters=False)
    except GitCommandError:
        return False
    return True


def inside_repo(path: Path) -> bool:
    """Whether ``path`` (or its nearest existing parent) lies inside a git work tree."""
    probe = path.absolute()
    while not probe.exists():
        probe = probe.parent
    try:
        out = run(probe, "rev-parse", "--is-inside-work-tree")
    except GitCommandError:
        return False
    return out.strip() == "true"


def has_identity(path: Path) -> bool:
    """Whether git knows who commits here (user.name and user.email set, or GIT_* variables)."""
    if os.environ.get("GIT_AUTHOR_NAME") and os.environ.get("GIT_AUTHOR_EMAIL"):
        return True
    try:
        return bool(run(path, "config", "user.name").strip()) and bool(run(path, "config", "user.email").strip())
    except GitCommandError:
        return False


def init_and_commit(path: Path, message: str, paths: list[str]) -> str:
    """``git init`` in ``path``, add exactly ``paths`` (relative, forward slashes: the files
    ``init`` wrote, never anything else in the folder) and commit them; return the commit id.

    Paths are literal (no glob or pathspec magic) and added even if a global ignore file would
    skip them. When git has no identity configured, the commit is made as "trousse" so that the
    kit still starts with a commit; the user's own commits carry their identity. Raises
    :class:`GitCommandError` when git fails.
    """
    path = path.absolute()
    if _supports_initial_branch():
        run(path, "init", "-q", "--initial-branch=main", ".")
    else:
        run(path, "init", "-q", ".")
    env = {} if has_identity(path) else dict(SCAFFOLD_IDENTITY)
    return commit_only(path, message, paths, env=env, force=True)


def merge_file(ours: bytes, base: bytes, theirs: bytes, labels: tuple[str, str, str]) -> tuple[bytes, int]:
    """Three-way merge of one file with ``git merge-file`` (``trousse upgrade``): the merged
    content, conflicts marked as git marks them, and the number of conflicts (0: clean).

    Runs in a temporary folder outside any repository, through the same hardened runner."""
    import tempfile  # noqa: PLC0415 - only upgrade merges

    with tempfile.TemporaryDirectory(prefix="trousse-merge-") as tmp:
        folder = Path(tmp)
        names = ("ours", "base", "theirs")
        for name, data in zip(names, (ours, base, theirs), strict=True):
            (folder / name).write_bytes(data)
        argv = [*_base(folder), "merge-file", "-L", labels[0], "-L", labels[1], "-L", labels[2]]
        try:
            _exec([*argv, *names], folder, None, None, filters=False)
            conflicts = 0
        except GitCommandError as exc:
            if not 0 < exc.status < 128 or isinstance(exc, GitNotFound):
                raise
            conflicts = exc.status  # git merge-file exits with the number of conflicts
        return (folder / "ours").read_bytes(), conflicts


def commit_only(
    path: Path, message: str, paths: list[str], *, env: dict[str, str] | None = None, force: bool = False
) -> str:
    """Add exactly ``paths`` (literal, relative to ``path``; ``force``: even those an ignore file
    names) and commit only them, whatever else is staged; the new commit's id. When the commit
    fails, nothing is left staged (the files stay as they are) and :class:`GitCommandError` is raised.

    The commands that write to the user's repository run through GitPython (:func:`_write`)."""
    env = {**(env or {}), "GIT_LITERAL_PATHSPECS": "1"}
    _write(path, "add", *(["--force"] if force else []), "--", *paths, env=env)
    try:
        # --only: what else the index holds (even an index left in the folder) goes nowhere.
        _write(path, "commit", "-q", "--no-verify", "-m", message, "--only", "--", *paths, env=env)
    except GitCommandError:
        try:
            _write(path, "rm", "-q", "--cached", "--ignore-unmatch", "--", *paths, env=env)
        except GitCommandError:
            pass
        raise
    return _write(path, "rev-parse", "HEAD").strip()


def commit_paths(path: Path, message: str, paths: list[str]) -> str:
    """Add exactly ``paths`` (literal, relative to ``path``) and commit only them; the commit id."""
    return commit_only(path, message, paths)


def _write(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run ``git ARGS`` that writes to the repository (add, commit, unstage) through GitPython's
    command runner, with the same safety options, environment and timeout as :func:`run`.

    GitPython is imported here only: reading (check, evidence, reports) never pays its import.
    ``GIT_PYTHON_REFRESH=quiet`` lets it import without git, so that a missing git is
    :class:`GitNotFound` (one plain line) rather than an ImportError."""
    forget()
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    import git  # noqa: PLC0415 - GitPython: only the commands that commit import it

    argv = [*_base(cwd), *args]
    limit = _timeout()
    try:
        status, out, err = git.Git(str(cwd)).execute(
            argv,
            with_extended_output=True,
            with_exceptions=False,
            stdout_as_string=False,
            strip_newline_in_stdout=False,
            kill_after_timeout=limit,
            env=_env(env, cwd),
        )
    except git.GitCommandNotFound:
        raise GitNotFound(argv) from None
    if status < 0:  # stopped by GitPython's watchdog (SIGKILL) after ``limit`` seconds
        raise GitTimeout(argv, limit)
    if status != 0:
        raise GitCommandError(argv, status, err if isinstance(err, str) else str(err))
    return out.decode("utf-8", "replace") if isinstance(out, bytes) else str(out)


def _supports_initial_branch() -> bool:
    try:
        # `git --version` reads no repository: run bare, wherever trousse was started.
        out, _ = _exec(["git", "--version"], Path(os.path.abspath(os.sep)), None, None, filters=False)
        words = out.decode().split()
        major, minor = (int(x) for x in words[2].split(".")[:2])
    except (GitCommandError, ValueError, IndexError):
        return False
    return (major, minor) >= (2, 28)


# ---------------------------------------------------------------- evidence: reading history
# Everything below serves the evidence trail (trousse.evidence_history): a few cheap questions
# about the repository, and one streamed `git log` over the whole of HEAD's history.

LOG_FORMAT = "%x1e%H %P%x1f%cI%x1f%an"


class RepoInfo:
    """What the evidence reader needs to know about the repository around a kit: its top folder,
    its git directory, whether it is shallow, its HEAD commit (None before the first commit) and
    the path asked about relative to the top (``""`` at the top, else ending in ``/``)."""

    __slots__ = ("toplevel", "git_dir", "shallow", "head", "prefix")

    def __init__(self, toplevel: Path, git_dir: Path, shallow: bool, head: str | None, prefix: str = "") -> None:
        self.toplevel = toplevel
        self.git_dir = git_dir
        self.shallow = shallow
        self.head = head
        self.prefix = prefix


def repo_info(path: Path) -> RepoInfo | None:
    """The repository holding ``path``, or None when ``path`` is not inside a git work tree."""
    return remembered(("repo_info", os.path.realpath(path)), lambda: _repo_info(path))


def _repo_info(path: Path) -> RepoInfo | None:
    # One call answers all five: `--verify -q` prints nothing and exits 1 when there is no HEAD
    # commit yet (an empty repository), after the other answers.
    asked = ("rev-parse", "--show-toplevel", "--absolute-git-dir", "--is-shallow-repository", "--show-prefix")
    try:
        out = run(path, *asked, "-q", "--verify", "HEAD^{commit}", ok=(0, 1)).split("\n")
    except GitCommandError:
        return None
    if len(out) < 5:
        return None
    top, here = Path(os.path.realpath(out[0])), Path(os.path.realpath(path))
    if here != top and top not in here.parents:  # core.worktree names another folder
        return None
    head = out[4].strip()
    return RepoInfo(Path(out[0]), Path(out[1]), out[2].strip() == "true", head or None, out[3])


def count_commits(toplevel: Path, head: str) -> int:
    """How many commits HEAD's history holds (for a progress bar)."""
    try:
        return int(run(toplevel, "rev-list", "--count", head).strip())
    except (GitCommandError, ValueError):
        return 0


def _log_args(head: str) -> list[str]:
    return [
        "-c",
        "diff.renameLimit=1000",  # git's default: inexact rename detection is quadratic in the files of a commit
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


class _Prefetch:
    """A ``git log`` started before its output is wanted (while trousse imports its modules and
    reads the kit, on the core they leave idle). Its output goes to an unnamed temporary file,
    not a pipe, so that git never waits for a reader and no thread of ours reads it (a process
    with threads must not fork the loader's workers). The same safety options and time limit as
    :func:`stream`: git is stopped when its output stays the same size longer than the limit."""

    def __init__(self, cwd: Path, args: list[str]) -> None:
        import tempfile  # noqa: PLC0415

        self.argv = [*_base(cwd), *args]
        self.out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by blocks() or close()
        self.err = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self.proc: subprocess.Popen[bytes] | None = _spawn(self.argv, cwd, self.out, self.err)
        except OSError:
            self.close()
            raise

    def blocks(self, chunk: int) -> Generator[bytes, None, None]:
        """git's output once it has ended, ``chunk`` bytes at a time."""
        import time  # noqa: PLC0415

        proc = self.proc
        assert proc is not None
        limit = _timeout()
        size, since = -1, time.monotonic()
        try:
            while True:
                try:
                    code = proc.wait(timeout=min(1.0, limit))
                    break
                except subprocess.TimeoutExpired:
                    now_size = os.fstat(self.out.fileno()).st_size
                    if now_size != size:
                        size, since = now_size, time.monotonic()
                    elif time.monotonic() - since > limit:
                        proc.kill()
                        proc.wait()
                        raise GitTimeout(self.argv, limit) from None
            if code != 0:
                self.err.seek(0)
                raise GitCommandError(self.argv, code, self.err.read().decode("utf-8", "replace"))
            self.out.seek(0)
            while block := self.out.read(chunk):
                yield block
        finally:
            self.close()

    def close(self) -> None:
        """Stop git if it still runs and drop its output."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        self.out.close()
        self.err.close()


_PREFETCHED: dict[tuple[str, str], _Prefetch] = {}


def _close_prefetched() -> None:
    for pre in _PREFETCHED.values():
        pre.close()
    _PREFETCHED.clear()


def prefetch_log(toplevel: Path, head: str) -> None:
    """Start the ``git log`` that :func:`log_tokens` will read for ``head``, now. Whatever goes
    wrong here is left for :func:`log_tokens` to meet (and report) again."""
    key = (str(toplevel), head)
    if key in _PREFETCHED:
        return
    try:
        pre = _Prefetch(toplevel, _log_args(head))
    except (OSError, TrousseError, GitCommandError):
        return
    if not _PREFETCHED:
        import atexit  # noqa: PLC0415

        atexit.register(_close_prefetched)
    _PREFETCHED[key] = pre


def log_tokens(toplevel: Path, head: str, chunk: int = 1 << 20) -> Iterator[bytes]:
    """Stream HEAD's whole history, oldest first, as NUL-separated tokens (from the ``git log``
    :func:`prefetch_log` started, if any).

    One ``git log`` in topological order (parents before children) with exact paths (``-z``),
    rename detection (``-M``) and, for merge commits, the diff against their first parent, so that
    a merge only shows what it brought to the main line. A commit starts with a token
    ``\\x1e<id> <parents>\\x1f<committer date ISO 8601>\\x1f<author>``; its changes follow as
    ``:<modes> <blobs> <status>`` tokens, each followed by one path (two for a rename or copy).
    """
    pre = _PREFETCHED.pop((str(toplevel), head), None)
    blocks = pre.blocks(chunk) if pre is not None else stream(toplevel, *_log_args(head), chunk=chunk)
    rest = b""
    for block in blocks:
        parts = (rest + block).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


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
    run(path, "init", "-q", ".")
    run(path, "symbolic-ref", "HEAD", f"refs/heads/{branch}")
    run(path, "fast-import", "--quiet", "--done", stdin=fast_import_stream(commits, branch))
    run(path, "read-tree", f"refs/heads/{branch}")
    try:
        run(path, "update-index", "-q", "--refresh")
    except GitCommandError:  # files that differ from HEAD: left as they are
        pass
    return run(path, "rev-parse", "HEAD").strip()


def dirty_paths(path: Path) -> list[str] | None:
    """Files under ``path`` that differ from HEAD or are untracked (not ignored), as paths
    relative to ``path``, sorted; None when git cannot tell. One ``git status`` call."""
    got = remembered(("dirty_paths", os.path.realpath(path)), lambda: _dirty_paths(path))
    return None if got is None else list(got)


def _dirty_paths(path: Path) -> list[str] | None:
    try:
        # the result cache fingerprints each changed file by its name, which must be the file's
        out = run(
            path,
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--no-renames",
            "--ignore-submodules=all",
            "--",
            ".",
            errors="surrogateescape",
        )
    except GitCommandError:
        return None
    info = repo_info(path)
    if info is None:
        return None
    prefix = info.prefix
    paths = []
    for entry in out.split("\0"):
        if len(entry) > 3:
            name = entry[3:]
            paths.append(name[len(prefix) :] if prefix and name.startswith(prefix) else name)
    return sorted(paths)


def unseen_entries(path: Path) -> list[tuple[str, str]] | None:
    """The tracked files under ``path`` whose work-tree bytes `git status` does not vouch for, with
    the blob id the index holds; paths relative to ``path``. None when git cannot tell. Those are
    the files the index marks assume-unchanged or skip-worktree (git does not look at them), the
    entries of submodules (a file a kit puts at such a path is no blob of the commit), and
    those whose attributes have git convert their content between the work tree and the index
    (``working-tree-encoding``, ``ident``: git compares the converted text, trousse reads the bytes).
    A kit brings its own index and attributes: :func:`trousse.inventory.changed_files` compares
    such files' bytes with their blob ids. The index as :func:`_listing` read it, and one git call
    for its paths' attributes."""
    got = remembered(("unseen", os.path.realpath(path)), lambda: _unseen_entries(path))
    return None if got is None else list(got)


def _unseen_entries(path: Path) -> list[tuple[str, str]] | None:
    listing = _listing(path)
    if listing is None:
        return None
    blobs: dict[str, str] = {}
    found: set[str] = set()
    for entry in listing[0]:
        tag = entry[:1]
        meta, _, name = entry[2:].partition("\t")
        parts = meta.split()
        if tag == "?" or len(parts) < 2 or not name:  # untracked: not in the index
            continue
        blobs[name] = parts[1]
        if tag.islower() or tag == "S" or parts[0] == "160000":  # marked; or a submodule's entry (a
            found.add(name)  # file there is no blob: git status --ignore-submodules says nothing of it)
    if blobs:
        try:
            names = "\0".join(blobs).encode("utf-8", "surrogateescape")
            attrs = run(path, "check-attr", "-z", "--stdin", *_CONVERTING, stdin=names, errors="surrogateescape")
        except GitCommandError:
            return None
        fields = attrs.split("\0")
        for at in range(0, len(fields) - 2, 3):
            if fields[at + 2] not in ("unspecified", "unset"):
                found.add(fields[at])
    return sorted((name, blobs[name]) for name in found if name in blobs)


# The attributes with which git's view of a file is not its bytes (the text encoding, $Id$ expansion).
_CONVERTING = ("working-tree-encoding", "ident")


def _listing(path: Path) -> tuple[list[str], list[str]] | None:
    """One ``git ls-files`` of the files under ``path``, remembered for the command: the entries,
    each ``<tag> <mode> <blob> <stage>\\t<name>`` for a file of the index (the tag is lower case
    when the index marks it assume-unchanged, ``S`` for skip-worktree) or ``? <name>`` for an
    untracked file git does not ignore, names relative to ``path`` (undecodable bytes kept as
    surrogates); and the folders git warned it could not open. None when ``path`` is not inside a
    git work tree (or git cannot be run). The kit's inventory (:func:`work_tree_files`) and the
    check of what `git status` does not see (:func:`unseen_entries`) both read it."""
    got = remembered(("ls-files", os.path.realpath(path)), lambda: _list_files(path))
    return None if got is None else (list(got[0]), list(got[1]))


def _list_files(path: Path) -> tuple[list[str], list[str]] | None:
    try:
        argv = [*_base(path), "ls-files", "-v", "-s", "-z", "--cached", "--others", "--exclude-standard", "--", "."]
        out, raw_err = _exec(argv, path, None, {"LC_ALL": "C"})
    except GitCommandError:
        return None
    unreadable = []
    lead = "warning: could not open directory '"
    for line in raw_err.decode("utf-8", "replace").splitlines():  # LC_ALL=C: git's words are English
        if line.startswith(lead):
            unreadable.append(line[len(lead) :].rsplit("'", 1)[0].rstrip("/"))
    entries = [entry for entry in out.decode("utf-8", "surrogateescape").split("\0") if entry]
    return entries, unreadable


# ---------------------------------------------------------------- the kit's files (trousse.inventory)
# What a kit is made of, as git sees it: the files of the work tree (tracked, and untracked but not
# ignored), or the tree of one commit read in one pass (``--as-of``).


def work_tree_files(path: Path) -> tuple[list[str], list[str]] | None:
    """The files under ``path`` that git counts: tracked, and untracked but not ignored; paths
    relative to ``path``, as git prints them (``/`` separators), sorted, without duplicates; and
    the folders git could not open (it warns and goes on: they are reported, not skipped silently).
    None when ``path`` is not inside a git work tree (or git cannot be run). The listing of
    :func:`_listing`, which :func:`unseen_entries` reads too: one ``git ls-files`` for both."""
    listing = _listing(path)
    if listing is None:
        return None
    entries, unreadable = listing
    names = {entry[2:] if entry[:2] == "? " else entry.partition("\t")[2] for entry in entries}
    names.discard("")
    return sorted(names), sorted(unreadable)


def first_commit_date(toplevel: Path) -> str | None:
    """The committer day (YYYY-MM-DD, in its own time zone) of the first commit of HEAD's
    first-parent history."""
    try:
        out = run(toplevel, "log", "--first-parent", "--max-parents=0", "--format=%cI", "HEAD")
    except GitCommandError:
        return None
    lines = out.split()
    return lines[-1][:10] if lines else None


class TreeEntry:
    """One file of a commit's tree: its mode (``100644``, ``100755``, ``120000`` for a symbolic
    link, ``160000`` for a submodule), its object id and its size in bytes (-1 when git gives none)."""

    __slots__ = ("mode", "oid", "size")

    def __init__(self, mode: str, oid: str, size: int) -> None:
        self.mode = mode
        self.oid = oid
        self.size = size


_ON_OR_BEFORE: dict[tuple[Path, dt.date, str], tuple[str, str] | None] = {}


def commit_on_or_before(toplevel: Path, day: dt.date, head: str | None = None) -> tuple[str, str] | None:
    """The last commit of HEAD's first-parent history whose committer date, in the committer's
    own time zone, falls on or before ``day``: ``(commit id, committer date ISO 8601)``, or None.

    git's ``--until`` works on instants; it only narrows the walk (with a margin of the widest
    time zone), and the day is compared here, as the history replay compares it. Given ``head``
    (HEAD's commit id, which fixes the whole history), the answer is remembered for the run: the
    entry point (the language of ``--as-of``) and the kit's reader ask the same question."""
    if head is None:
        return _on_or_before(toplevel, day, "HEAD")
    key = (toplevel, day, head)
    if key not in _ON_OR_BEFORE:
        _ON_OR_BEFORE[key] = _on_or_before(toplevel, day, head)
    return _ON_OR_BEFORE[key]


def _on_or_before(toplevel: Path, day: dt.date, head: str) -> tuple[str, str] | None:
    until = []
    if day < dt.date(2099, 12, 31):  # git reads no date after 2099: walk the whole history then
        bound = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(14, 0), dt.UTC)
        until = [f"--until={bound.isoformat()}"]
    lines = stream(toplevel, "log", "--first-parent", *until, "--format=%H %cI", head, "--")
    pending = b""
    try:
        for block in lines:
            pending += block
            *done, pending = pending.split(b"\n")
            for raw in done:
                commit, _, when = raw.decode("ascii", "replace").strip().partition(" ")
                try:
                    local = dt.datetime.fromisoformat(when).date()
                except ValueError:
                    continue
                if local <= day:
                    return commit, when
    except GitCommandError:
        return None
    finally:
        lines.close()  # stops git if it is still walking
    return None


def tree_files(toplevel: Path, commit: str, prefix: str) -> dict[str, TreeEntry]:
    """Every file of ``commit``'s tree under ``prefix`` (repository-relative, ending with ``/``,
    or empty), by path relative to ``prefix``. One ``git ls-tree -r -l``."""
    args = ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]
    if prefix:
        args += ["--", prefix]
    out = run(toplevel, *args, errors="surrogateescape")
    files: dict[str, TreeEntry] = {}
    for entry in out.split("\0"):
        meta, sep, name = entry.partition("\t")
        if not sep or not name.startswith(prefix):
            continue
        parts = meta.split()
        if len(parts) != 4 or parts[1] not in ("blob", "commit"):
            continue
        size = int(parts[3]) if parts[3].isdigit() else -1
        files[name[len(prefix) :]] = TreeEntry(parts[0], parts[2], size)
    return files


def read_blobs(toplevel: Path, oids: list[str]) -> dict[str, bytes]:
    """The contents of the blobs ``oids`` (ids git does not know are left out), read in one
    ``git cat-file --batch`` call."""
    wanted = list(dict.fromkeys(o for o in oids if o))
    if not wanted:
        return {}
    asked = "".join(f"{o}\n" for o in wanted).encode()
    data, _ = _exec([*_base(toplevel), "cat-file", "--batch"], toplevel, asked, None)
    out: dict[str, bytes] = {}
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].decode("ascii", "replace").split(" ")
        pos = end + 1
        if len(header) == 3:  # "<id> <type> <size>", then the content and a newline
            size = int(header[2])
            if header[1] == "blob":
                out[header[0]] = data[pos : pos + size]
            pos += size + 1
    return out
