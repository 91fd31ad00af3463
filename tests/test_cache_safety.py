"""Caches cannot run code and cannot lie: whatever sits under .git/trousse/ (a pickle payload,
garbage, well-formed JSON of the wrong shape, a link) is a miss, never an error, never code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import pickle
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_kit_files, commit_all, git, write_files
from forkserver import run_trousse

from trousse import cache
from trousse.evidence.history import Disorder, History, Loss
from trousse.resources import examples_root
from trousse.yamlio import parse_markdown, parse_yaml


class _Payload:
    """Unpickling this creates the file ``path``: the proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.path), "w"))


def _run(kit: Path, command: str, no_cache: bool = False) -> tuple[int, str, str]:
    env = dict(os.environ)
    if no_cache:
        env["TROUSSE_NO_CACHE"] = "1"
    proc = run_trousse([command, str(kit), "--format", "json", "--as-of", "2026-11-23"], env=env)
    return proc.returncode, proc.stdout, proc.stderr


def _signed(data: bytes) -> bytes:
    got = cache.signed(data)  # this user's key, as the command run by the test reads it
    assert got is not None
    return got


def _kit(tmp_path: Path) -> Path:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    return kit


CACHE_FILES = (
    "parse.json",
    "history.json",
    "history-asof.json",
    "results/check.json",
    "results/evidence.json",
    "parse.pickle",
    "history.pickle",
    "history-asof.pickle",
    "results/check.pickle",
    "results/evidence.pickle",
)


def test_a_pickle_payload_in_the_cache_runs_nothing(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    marker = tmp_path / "PWNED"
    payload = pickle.dumps(_Payload(marker))
    for name in CACHE_FILES:
        path = kit / ".git" / "trousse" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
    expected = {c: _run(kit, c, no_cache=True) for c in ("check", "evidence")}
    for _ in range(2):  # the second run may use what the first one wrote (over the payloads)
        for command in ("check", "evidence"):
            assert _run(kit, command) == expected[command]
    assert not marker.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff garbage",
        b"[" * 100_000,  # nesting deeper than any parser's recursion
        b'{"stamp": "STAMP", "entries": {"x": 1}}',
        b'{"stamp": "STAMP", "entries": [["k", 3, "x"], 7, null]}',
        b'{"key": ["STAMP"], "value": {"head": 1}}',
    ],
)
def test_garbage_or_wrong_shapes_in_the_cache_are_misses(tmp_path: Path, content: bytes) -> None:
    kit = _kit(tmp_path)
    expected = {c: _run(kit, c, no_cache=True) for c in ("check", "evidence")}
    _run(kit, "check")
    _run(kit, "evidence")
    # Well-formed entries of the wrong shape, under the right stamp of this very install, unsigned
    # and then signed with this user's key (as if the key had leaked): misses either way.
    stamp = cache.code_stamp().encode()
    for sign in (False, True):
        for name in CACHE_FILES:
            path = kit / ".git" / "trousse" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.replace(b"STAMP", stamp)
            path.write_bytes(_signed(data) if sign else data)
        for command in ("check", "evidence"):
            assert _run(kit, command) == expected[command]


def test_parse_entries_of_the_wrong_shape_are_parsed_again(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    expected = _run(kit, "check", no_cache=True)
    _run(kit, "check")
    path = kit / ".git" / "trousse" / "parse.json"
    import json

    saved = json.loads(path.read_bytes().partition(b"\n")[2])
    assert saved["stamp"] == cache.code_stamp() and saved["entries"]
    bad = [["m", "id", "x"], ["not", "ints"], None, 0]  # positions that are not numbers
    saved["entries"] = {key: bad for key in saved["entries"]}
    path.write_bytes(_signed(json.dumps(saved).encode()))  # signed with this user's key: past the signature
    (kit / ".git" / "trousse" / "results" / "check.json").unlink()
    assert _run(kit, "check") == expected


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (kit / ".git" / "trousse").symlink_to(outside, target_is_directory=True)
    expected = _run(kit, "check", no_cache=True)
    assert _run(kit, "check") == expected
    assert list(outside.iterdir()) == []


# ---------------------------------------------------------------- the plain-data codec
def test_history_round_trips_with_losses_and_disorder() -> None:
    origin = ("a" * 40, "2026-01-10T10:00:00+01:00", "Marie")
    hist = History(
        "b" * 40,
        "kit/",
        dt.date(2026, 11, 23),
        commits=3,
        alive={"records/a.yml": origin},
        lost={"records/b.yml": Loss("records/b.yml", "c" * 40, "2026-02-01T00:00:00+00:00", origin)},
        disorder=[Disorder("d" * 40, "2026-01-01T00:00:00Z", "e" * 40, "2026-02-01T00:00:00Z")],
        first_commit="2026-01-10T10:00:00+01:00",
    )
    data = cache.to_plain(hist, History)
    assert cache.from_plain(data, History) == hist
    assert cache.from_plain(cache.to_plain(History(None, "", None), History), History) == History(None, "", None)
    data["alive"]["records/a.yml"] = ["x", 1, "y"]  # a number where a date string is expected
    with pytest.raises(cache._Invalid):
        cache.from_plain(data, History)


def test_a_field_added_later_round_trips_and_is_validated() -> None:
    @dataclasses.dataclass
    class Later:
        name: str
        when: dt.date | None = None
        counts: dict[str, int] = dataclasses.field(default_factory=dict)
        pairs: list[tuple[str, int]] = dataclasses.field(default_factory=list)
        either: str | int = 0
        extra: Any = None

    value = Later("x", dt.date(2026, 1, 2), {"a": 1}, [("b", 2)], "s", {"k": [1, 2.5, dt.date(2026, 1, 1)]})
    assert cache.from_plain(cache.to_plain(value, Later), Later) == value
    with pytest.raises(cache._Invalid):
        cache.from_plain({"name": "x", "counts": {"a": "1"}}, Later)
    with pytest.raises(cache._Invalid):
        cache.from_plain({"name": "x", "unknown": 1}, Later)


def test_every_example_file_round_trips_as_plain_data() -> None:
    files = [p for p in examples_root().rglob("*") if p.suffix in (".yml", ".md") and p.is_file()]
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            parsed = parse_markdown(text) if path.suffix == ".md" else parse_yaml(text)
        except Exception:  # noqa: BLE001 - folder notes without front matter
            continue
        assert cache.decode_parsed(cache.encode_parsed(parsed)) == parsed, path


@pytest.mark.parametrize(
    "flat",
    [
        [],
        [65537] * 4,
        [65537] * 6,
        [65537, 65537, 65537, True, 65537],
        [65537] * 4 + ["1"],
        [65537] * 4 + [1.0],
        [65537] * 4 + [0],  # line 0
        [65537] * 4 + [-7 << 16 | 1],  # a negative line
        [65537] * 4 + [1 << 60],  # a line no file has
    ],
)
def test_a_parsed_file_whose_positions_do_not_fit_its_data_is_refused(flat: list[Any]) -> None:
    # {"a": [1, 2]} has five positions: the mapping, its key "a", the list, its two items; the
    # positions stay a flat list once read (built into tables when a finding asks), so a list of
    # another length, holding anything but ints or a place before line 1 or past any file, is
    # refused when read (a cache signed with the user's own key is trusted no further)
    good = cache.encode_parsed(parse_yaml("a: [1, 2]\n"))
    assert len(good[1]) == 5 and cache.decode_parsed(good).where(("a", 1)) == (1, 8)
    with pytest.raises(cache._Invalid):
        cache.decode_parsed([good[0], flat, None, 0])


# ---------------------------------------------------------------- what stands for trousse's code
def test_an_installed_wheel_is_known_by_its_record_and_a_source_tree_by_its_files(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    package = site / "trousse"
    (package / "kit-templates").mkdir(parents=True)
    assert cache.installed_wheel(package) is None  # no dist-info: walked file by file
    info = site / "trousse-0.1.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text("trousse/__init__.py,sha256=x,10\n", encoding="utf-8")
    (site / "other-1.0.dist-info").mkdir()  # another package's: not looked at
    first = cache.installed_wheel(package)
    assert first is not None and first.startswith("trousse-0.1.0.dist-info:")
    assert cache.installed_wheel(package) == first
    # installed again (pip writes RECORD anew, here one byte longer and later)
    (info / "RECORD").write_text("trousse/__init__.py,sha256=y,100\n", encoding="utf-8")
    os.utime(info / "RECORD", ns=(2_000_000_000_000_000_000, 2_000_000_000_000_000_000))
    assert cache.installed_wheel(package) not in (None, first)
    # a source tree (templates beside src/, not inside the package) is never taken for a wheel
    (package / "kit-templates").rmdir()
    assert cache.installed_wheel(package) is None
    # this checkout's own package: the tests run from a source tree or an installed wheel
    here = Path(cache.__file__).resolve().parent
    assert (cache.installed_wheel(here) is None) == (not (here / "kit-templates").is_dir())


# ---------------------------------------------------------------- signed kit caches
def _forge(kit: Path, text: str) -> None:
    """Replace the saved result of `check` with ``text``, keeping everything else of the file."""
    path = kit / ".git" / "trousse" / "results" / "check.json"
    raw = path.read_bytes()
    head, _, data = raw.partition(b"\n")
    saved = json.loads(data)
    saved["entries"] = [[key, text, 0] for key, _out, _code in saved["entries"]]
    path.write_bytes(head + b"\n" + json.dumps(saved).encode())


def test_a_result_forged_in_the_kit_is_never_shown(tmp_path: Path) -> None:
    """The right stamp and the right key, read from a cache this user wrote (a kit that came back),
    with another output: the signature no longer matches, the check is done again."""
    kit = _kit(tmp_path)
    expected = _run(kit, "check", no_cache=True)
    assert _run(kit, "check") == expected
    _forge(kit, "FORGED: no findings\n")
    assert _run(kit, "check") == expected
    # signed by another user (another key): a miss too
    _run(kit, "check")
    other = tmp_path / "other-user"
    env = {**os.environ, "XDG_CACHE_HOME": str(other)}
    proc = run_trousse(["check", str(kit), "--format", "json", "--as-of", "2026-11-23"], env=env)
    assert (proc.returncode, proc.stdout) == (expected[0], expected[1])
    assert (other / "trousse" / "secret").read_bytes() != (
        Path(os.environ["XDG_CACHE_HOME"]) / "trousse" / "secret"
    ).read_bytes()


def test_the_users_key_is_private_and_a_damaged_one_is_replaced(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    expected = _run(kit, "check", no_cache=True)
    _run(kit, "check")
    secret = Path(os.environ["XDG_CACHE_HOME"]) / "trousse" / "secret"
    assert len(secret.read_bytes()) == 32 and stat.S_IMODE(secret.stat().st_mode) == 0o600
    secret.write_bytes(b"short")  # damaged: a new key, the caches it signed are misses
    assert _run(kit, "check") == expected
    assert len(secret.read_bytes()) == 32
    known = secret.read_bytes()
    secret.chmod(0o644)  # readable by others: no longer a secret, replaced
    assert _run(kit, "check") == expected
    assert secret.read_bytes() != known and stat.S_IMODE(secret.stat().st_mode) == 0o600


# ---------------------------------------------------------------- what git status would not say
def _hide(kit: Path, how: str) -> None:
    """Break the record (a date that does not exist, the same size) and have the kit's own index or configuration
    keep `git status` from seeing it, as a kit that came back could."""
    record = kit / "records" / "inc" / "INC-2026-0001.yml"
    if how == "working-tree-encoding":  # git reads the bytes as UTF-7: "0+ADM-" is "03" to it
        with (kit / ".git" / "info" / "attributes").open("a", encoding="utf-8") as fh:
            fh.write("records/inc/INC-2026-0001.yml working-tree-encoding=UTF-7\n")
        text = record.read_text(encoding="utf-8").replace("date: 2026-03-14", "date: 2026-0+ADM--14")
        record.write_text(text, encoding="utf-8")
        git(kit, "add", "records/inc/INC-2026-0001.yml")  # the same blob as committed: no change to git
        assert git(kit, "status", "--porcelain") == ""
        return
    if how == "submodule-entry":  # the index says a submodule is there; a kit puts a file there
        other = kit / "records" / "inc" / "INC-2026-0099.yml"
        head = git(kit, "rev-parse", "HEAD").strip()
        git(kit, "update-index", "--add", "--cacheinfo", f"160000,{head},records/inc/INC-2026-0099.yml")
        git(kit, "commit", "-qm", "a submodule entry")
        other.write_text(record.read_text(encoding="utf-8").replace("INC-2026-0001", "INC-2026-0099"), encoding="utf-8")
        assert _now(kit, "check")[0] == 0  # read as a record, clean: cached
        other.write_text(
            other.read_text(encoding="utf-8").replace("date: 2026-03-14", "date: 2026-02-30"), encoding="utf-8"
        )
        return
    if how == "minimal-stat":  # an index recorded well after the file's date: not "racily clean"
        old = record.stat().st_mtime_ns - 100 * 10**9
        os.utime(record, ns=(old, old))
        git(kit, "update-index", "--really-refresh")
        time.sleep(1.1)  # git compares whole seconds of ctime: the edit comes a second later
    before = record.stat()
    record.write_text(
        record.read_text(encoding="utf-8").replace("date: 2026-03-14", "date: 2026-02-30"), encoding="utf-8"
    )
    if how == "assume-unchanged":
        git(kit, "update-index", "--assume-unchanged", "records/inc/INC-2026-0001.yml")
    elif how == "skip-worktree":
        git(kit, "update-index", "--skip-worktree", "records/inc/INC-2026-0001.yml")
    else:  # the kit's configuration compares less, and the date is put back
        git(kit, "config", "core.checkStat", "minimal")
        git(kit, "config", "core.trustctime", "false")
        os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))


def _now(kit: Path, command: str, no_cache: bool = False) -> tuple[int, str]:
    """``command`` on the work tree as it stands (no --as-of: that reads a commit)."""
    env = {**os.environ, "TROUSSE_NO_CACHE": "1"} if no_cache else dict(os.environ)
    proc = run_trousse([command, str(kit), "--format", "json"], env=env)
    return proc.returncode, proc.stdout


@pytest.mark.parametrize(
    "how", ["assume-unchanged", "skip-worktree", "minimal-stat", "working-tree-encoding", "submodule-entry"]
)
def test_an_edit_hidden_from_git_status_never_brings_back_a_cached_result(tmp_path: Path, how: str) -> None:
    kit = _kit(tmp_path)
    clean = _now(kit, "check")
    assert clean[0] == 0 and _now(kit, "check") == clean  # the second one from the cache
    _now(kit, "evidence")
    _hide(kit, how)
    expected = _now(kit, "check", no_cache=True)
    assert expected[0] == 1 and "SCH001" in expected[1]
    assert _now(kit, "check") == expected
    assert _now(kit, "evidence") == _now(kit, "evidence", no_cache=True)


def test_a_marked_file_left_as_committed_is_no_change(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    git(kit, "update-index", "--assume-unchanged", "records/inc/INC-2026-0001.yml")
    assert cache.changed_files(kit) == []
