"""`trousse init` and `trousse demo` with unusable folders and inputs: each is exit 2 with one
plain line (never exit 3), nothing is left behind, and init touches only the files it writes."""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli, git

from trousse.packs import shipped_packs
from trousse.scaffold import InitOptions, plan_kit

PACK = "iso9001-2015"
needs_pack = pytest.mark.skipif(PACK not in shipped_packs(), reason="pack being written")
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
not_root = pytest.mark.skipif(ROOT, reason="permissions do not bind the superuser")
ARGS = ("--standard", PACK, "--lang", "en", "--org", "Acme")


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every file (content) and folder (None) under ``root``."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def _one_plain_line(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("trousse: "), proc.stderr
    assert "Traceback" not in proc.stderr


def _kit_files() -> list[str]:
    return sorted(plan_kit(InitOptions(Path("k"), [PACK], "en", "Acme", today=dt.date.today())))


# ---------------------------------------------------------------- 9.7: only what it writes


@needs_pack
def test_force_adds_the_kit_beside_other_files_and_commits_only_its_own(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (kit / ".env").write_text("SECRET=1\n", encoding="utf-8")
    (kit / "records").mkdir()
    (kit / "records" / "old.yml").write_text("id: OLD\n", encoding="utf-8")
    proc = cli("init", str(kit), *ARGS, "--force")
    assert proc.returncode == 0, proc.stderr
    committed = sorted(git(kit, "ls-tree", "-r", "--name-only", "HEAD").split())
    assert committed == _kit_files()
    assert "notes.txt" not in committed and ".env" not in committed and "records/old.yml" not in committed
    assert (kit / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
    assert (kit / "records" / "old.yml").read_text(encoding="utf-8") == "id: OLD\n"
    untracked = git(kit, "status", "--porcelain", "--untracked-files=all").split("\n")
    assert sorted(line[3:] for line in untracked if line) == [".env", "notes.txt", "records/old.yml"]


@needs_pack
def test_first_commit_holds_exactly_the_written_files(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    proc = cli("init", str(kit), *ARGS)
    assert proc.returncode == 0, proc.stderr
    assert sorted(git(kit, "ls-tree", "-r", "--name-only", "HEAD").split()) == _kit_files()
    assert git(kit, "status", "--porcelain", "--untracked-files=all") == ""


@needs_pack
def test_force_never_writes_through_a_file_where_a_folder_is_needed(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "records").write_text("a file, not a folder\n", encoding="utf-8")
    before = _tree(kit)
    proc = cli("init", str(kit), *ARGS, "--force")
    _one_plain_line(proc)
    assert "records" in proc.stderr and "will not be overwritten" in proc.stderr
    assert _tree(kit) == before


@needs_pack
def test_an_empty_folder_needs_no_force(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    assert cli("init", str(kit), *ARGS, "--no-git").returncode == 0
    assert sorted(p for p, c in _tree(kit).items() if c is not None) == _kit_files()


# ---------------------------------------------------------------- 9.6: unusable folders, exit 2


def test_init_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x\n", encoding="utf-8")
    proc = cli("init", str(tmp_path / "plain" / "kit"), *ARGS)
    _one_plain_line(proc)
    assert "is a file, not a folder" in proc.stderr
    proc = cli("init", str(tmp_path / "plain"), *ARGS)
    _one_plain_line(proc)
    assert "is not a folder" in proc.stderr
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "x\n"


@not_root
def test_init_in_a_read_only_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        proc = cli("init", str(locked / "kit"), *ARGS)
        _one_plain_line(proc)
        assert "permission denied" in proc.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(not ROOT or not Path("/sys/kernel").is_dir(), reason="a place even the superuser cannot write")
def test_init_where_even_the_superuser_cannot_write() -> None:
    proc = cli("init", "/sys/trousse-kit-test", *ARGS)
    _one_plain_line(proc)
    assert "nothing is left behind" in proc.stderr


@not_root
@needs_pack
def test_a_read_only_subfolder_fails_half_way_and_leaves_nothing(tmp_path: Path) -> None:
    """With --force, a pre-existing read-only records/ stops the write after many files: they
    are all removed again, and so are the folders init created."""
    kit = tmp_path / "kit"
    (kit / "records").mkdir(parents=True)
    (kit / "mine.txt").write_text("mine\n", encoding="utf-8")
    (kit / "records").chmod(0o555)
    try:
        before = _tree(kit)
        proc = cli("init", str(kit), *ARGS, "--force")
        _one_plain_line(proc)
        assert "records/README.md" in proc.stderr and "permission denied" in proc.stderr
        assert "removed" in proc.stderr
        assert _tree(kit) == before
    finally:
        (kit / "records").chmod(0o755)


def _limit_file_size(size: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


@needs_pack
@pytest.mark.parametrize("existing", [False, True])
def test_a_write_failing_half_way_removes_everything(tmp_path: Path, existing: bool) -> None:
    """A real failed write, even as the superuser: the file-size limit (as a full disk would)
    stops the largest file after the smaller ones were written."""
    files = plan_kit(InitOptions(Path("k"), [PACK], "en", "Acme", today=dt.date.today()))
    sizes = sorted(len(text.encode("utf-8")) for text in files.values())
    limit = sizes[-1] - 1
    assert sum(1 for s in sizes if s <= limit) > 10
    kit = tmp_path / "new" / "kit"
    if existing:
        kit.mkdir(parents=True)
    proc = subprocess.run(
        [sys.executable, "-m", "trousse", "init", str(kit), *ARGS],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        preexec_fn=lambda: _limit_file_size(limit),
    )
    _one_plain_line(proc)
    assert "file too large" in proc.stderr and "nothing is left behind" in proc.stderr
    if existing:
        assert _tree(kit) == {}
    else:
        assert not (tmp_path / "new").exists()


@needs_pack
def test_a_failing_first_commit_removes_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git refusing the commit (here: an author date it cannot read; trousse's own commits are
    never signed, so a failing signing program no longer makes it fail)."""
    monkeypatch.setenv("GIT_AUTHOR_DATE", "not a date")
    kit = tmp_path / "kit"
    proc = cli("init", str(kit), *ARGS)
    _one_plain_line(proc)
    assert "git could not make the first commit" in proc.stderr and "--no-git" in proc.stderr
    assert not kit.exists()


# ---------------------------------------------------------------- closed stdin, exit 2


@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_init_without_options_and_no_terminal(tmp_path: Path, stdin: str) -> None:
    kit = tmp_path / "kit"
    if stdin == "devnull":
        proc = subprocess.run(
            [sys.executable, "-m", "trousse", "init", str(kit)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=dict(os.environ),
        )
    else:
        proc = subprocess.run(
            ["sh", "-c", 'exec "$0" -m trousse init "$1" <&-', sys.executable, str(kit)],
            capture_output=True,
            text=True,
            env=dict(os.environ),
        )
    _one_plain_line(proc)
    assert "missing option: --lang" in proc.stderr
    assert not kit.exists()


# ---------------------------------------------------------------- demo


def test_demo_refuses_a_folder_holding_files_and_a_path_under_a_file(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "notes.txt").write_text("mine\n", encoding="utf-8")
    proc = cli("demo", str(kit), "--lang", "en")
    _one_plain_line(proc)
    assert "already holds files (notes.txt)" in proc.stderr and "--force" not in proc.stderr
    assert _tree(kit) == {"notes.txt": b"mine\n"}
    proc = cli("demo", str(kit / "notes.txt" / "demo"), "--lang", "en")
    _one_plain_line(proc)
    assert "is a file, not a folder" in proc.stderr
    assert _tree(kit) == {"notes.txt": b"mine\n"}


def test_demo_failing_half_way_removes_everything(tmp_path: Path) -> None:
    kit = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "trousse", "demo", str(kit), "--lang", "en"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        preexec_fn=lambda: _limit_file_size(6000),
    )
    _one_plain_line(proc)
    assert "nothing is left behind" in proc.stderr
    assert not kit.exists()


# ---------------------------------------------------------------- questions on a terminal


def _on_terminal(tmp_path: Path, answers: list[bytes]) -> tuple[int, str]:
    """Run ``init`` on a pseudo-terminal; give one answer (bytes, line end included) each time it
    asks; return the exit code and everything it showed."""
    import fcntl
    import pty
    import select
    import signal
    import termios
    import time

    def own_terminal() -> None:  # the terminal's Ctrl-C reaches the child, as in a shell
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        # A shell starts a command with Ctrl-C's default action; an ignored SIGINT would be
        # inherited (whatever ran the tests may ignore it) and Python would then keep ignoring it.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "trousse", "init", str(tmp_path / "asked"), "--no-git"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=dict(os.environ),
        preexec_fn=own_terminal,
    )
    os.close(secondary)
    pending = iter(answers)
    output = b""
    asked = 0
    deadline = time.time() + 60
    while proc.poll() is None and time.time() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        output += chunk
        # A question ends with ": " and nothing after it; answer each one once.
        if output.rstrip(b" ").endswith(b":") and output.count(b":") > asked:
            asked = output.count(b":")
            os.write(main, next(pending, b"\n"))
    proc.wait(timeout=60)
    try:
        while select.select([main], [], [], 0.2)[0]:
            chunk = os.read(main, 4096)
            if not chunk:
                break
            output += chunk
    except OSError:
        pass
    os.close(main)
    return proc.returncode, output.decode("utf-8", "replace").replace("\r\n", "\n")


@needs_pack
def test_invalid_answers_are_asked_again_at_once(tmp_path: Path) -> None:
    code, shown = _on_terminal(
        tmp_path, [b"de\n", b"en\n", b"iso99999\n", PACK.encode() + b"\n", b"  \n", b"Asked Co\n", b"many\n", b"7\n"]
    )
    assert code == 0, shown
    assert "'de' is not a kit language: answer fr or en" in shown
    assert "unknown standard: iso99999" in shown
    assert "the organisation's name cannot be empty" in shown
    assert "'many' is not a number of people" in shown
    assert shown.count("Language of the kit") == 2 and shown.count("Number of people") == 2
    cfg = (tmp_path / "asked" / "trousse.yml").read_text(encoding="utf-8")
    assert '"Asked Co"' in cfg and "people: 7" in cfg and "language: en" in cfg


@pytest.mark.parametrize("key", [b"\x03", b"\x04"], ids=["ctrl-c", "end-of-input"])
def test_ctrl_c_or_end_of_input_aborts_with_130_leaving_nothing(tmp_path: Path, key: bytes) -> None:
    code, shown = _on_terminal(tmp_path, [b"en\n", key])
    assert code == 130, shown
    assert "trousse init interrupted: no file was left behind" in shown
    assert "Aborted!" not in shown and "Traceback" not in shown
    assert not (tmp_path / "asked").exists()


@needs_pack
def test_a_freshly_cloned_empty_repository_needs_no_force(tmp_path: Path) -> None:
    """Only a .git: init writes beside it without --force and leaves the commit to the user;
    demo, which would write .git itself, refuses."""
    kit = tmp_path / "kit"
    kit.mkdir()
    git(kit, "init", "-q")
    proc = cli("init", str(kit), *ARGS)
    assert proc.returncode == 0, proc.stderr
    assert "commit the files yourself" in proc.stdout
    assert git(kit, "rev-list", "--all") == ""  # no commit made for the user
    assert len(git(kit, "status", "--porcelain", "--untracked-files=all").splitlines()) == len(_kit_files())
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    proc = cli("demo", str(other), "--lang", "en")
    _one_plain_line(proc)
    assert ".git" in proc.stderr
