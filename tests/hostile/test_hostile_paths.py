"""Nothing leaves the kit, output is safe, every unusable input is exit 2: unsafe ids, evidence
cited outside the kit, report targets that are not regular files or are the kit's own, closed or
full output streams, foreign output encodings, dates and periods out of range, git missing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_files
from hostile_support import assert_clean_exit, committed_kit, snapshot, trousse

AS_OF: tuple[
    str, ...
] = ()  # the working tree today: --as-of would read the kit as committed, without the hostile edits


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return committed_kit(tmp_path_factory.mktemp("base"))


@pytest.fixture
def kit(base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(base, root, symlinks=True)
    return root


def _findings(run_out: str) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["path"], f["line"]) for f in json.loads(run_out)["findings"]]


# ---------------------------------------------------------------- ids and evidence paths
@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("audits/AUD-2026-01.yml", "id: AUD-2026-01\n", "id: ../../../../tmp/pwned\n"),
        ("audits/AUD-2026-01.yml", "  - id: AUD-2026-01-F1\n", "  - id: /etc/F1\n"),
        ("records/inc/INC-2026-0001.yml", "id: INC-2026-0001\n", "id: 'INC\\u0000/..'\n"),
        ("actions/ACT-2026-001.yml", "id: ACT-2026-001\n", "id: ACT 2026 001\n"),
        ("documents/POL-001.md", "id: POL-001\n", "id: .hidden\n"),
    ],
)
def test_unsafe_id_is_sch001_naming_the_allowed_form(kit: Path, path: str, old: str, new: str) -> None:
    text = (kit / path).read_text(encoding="utf-8")
    assert old in text
    write_files(kit, {path: text.replace(old, new, 1)})
    run = trousse("check", str(kit), "--format", "json", "--lang", "en", *AS_OF)
    assert_clean_exit(run, 1)
    hits = [f for f in json.loads(run.out)["findings"] if f["rule"] == "SCH001" and f["path"] == path]
    assert hits and "used as a file name" in hits[0]["message"], hits


def test_unsafe_audit_id_never_names_a_file(kit: Path, tmp_path: Path) -> None:
    text = (kit / "audits/AUD-2026-01.yml").read_text(encoding="utf-8")
    write_files(kit, {"audits/AUD-2026-01.yml": text.replace("id: AUD-2026-01\n", "id: ../../../escaped\n", 1)})
    before = snapshot(tmp_path, skip=(kit,))
    run = trousse("report", "audit", str(kit), "--audit", "../../../escaped")
    assert_clean_exit(run, 2)
    assert len(run.err.strip().splitlines()) == 1
    run = trousse("report", "pack", str(kit), "--allow-dirty", *AS_OF)
    assert_clean_exit(run, 0)
    assert snapshot(tmp_path, skip=(kit,)) == before
    assert not list(tmp_path.rglob("*escaped*"))
    assert sorted(p.name for p in (kit / "reports").iterdir()) == [f"pack-{dt.date.today().isoformat()}.zip"]


@pytest.mark.parametrize(
    "ref",
    ["../../../../../etc/passwd", "/etc/hostname", "records/../../outside.yml", "file:///etc/passwd", "C:/x.yml"],
)
def test_evidence_outside_the_kit_is_ref009_whether_or_not_it_exists(kit: Path, ref: str) -> None:
    (kit.parent / "outside.yml").write_text("x: 1\n", encoding="utf-8")
    text = (kit / "audits/AUD-2026-01.yml").read_text(encoding="utf-8")
    write_files(kit, {"audits/AUD-2026-01.yml": text.replace("records/inc/INC-2026-0001.yml", ref, 1)})
    run = trousse("check", str(kit), "--format", "json", "--lang", "en", *AS_OF)
    assert_clean_exit(run, 1)
    hits = [f for f in json.loads(run.out)["findings"] if f["rule"] == "REF009"]
    assert len(hits) == 1 and "points outside the kit" in hits[0]["message"], hits


def test_evidence_link_leaving_the_kit_is_ref009(kit: Path) -> None:
    (kit / "records" / "link.yml").symlink_to("/etc/hostname")
    text = (kit / "audits/AUD-2026-01.yml").read_text(encoding="utf-8")
    write_files(kit, {"audits/AUD-2026-01.yml": text.replace("records/inc/INC-2026-0001.yml", "records/link.yml", 1)})
    run = trousse("check", str(kit), "--format", "json", "--lang", "en", *AS_OF)
    assert any(f["rule"] == "REF009" and "outside" in f["message"] for f in json.loads(run.out)["findings"])


def test_evidence_inside_the_kit_and_urls_are_silent(kit: Path) -> None:
    text = (kit / "audits/AUD-2026-01.yml").read_text(encoding="utf-8")
    cited = "[records/inc/INC-2026-0001.yml, ./records/inc/INC-2026-0001.yml, https://example.org/x.pdf]"
    write_files(kit, {"audits/AUD-2026-01.yml": text.replace("[records/inc/INC-2026-0001.yml]", cited, 1)})
    run = trousse("check", str(kit), "--format", "json", *AS_OF)
    assert not [f for f in _findings(run.out) if f[0] == "REF009"]


# ---------------------------------------------------------------- report -o
def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda kit: _fifo(kit.parent / "pipe"), id="fifo"),
        pytest.param(lambda kit: Path("/dev/null"), id="device"),
        pytest.param(lambda kit: (kit.parent / "dir.md").mkdir() or kit.parent / "dir.md", id="folder"),
        pytest.param(
            lambda kit: (kit.parent / "link.md").symlink_to(kit / "trousse.yml") or kit.parent / "link.md", id="link"
        ),
        pytest.param(lambda kit: kit / "trousse.yml", id="config"),
        pytest.param(lambda kit: kit / "records" / "inc" / "INC-2026-0001.yml", id="record"),
        pytest.param(lambda kit: kit / "records" / "inc" / "new.md", id="new-in-records"),
        pytest.param(lambda kit: kit / ".git" / "config", id="git"),
        pytest.param(lambda kit: kit / "templates" / "reports" / "x.md", id="templates"),
    ],
)
def test_report_refuses_targets_that_are_not_a_report(kit: Path, make: object) -> None:
    target = make(kit)  # type: ignore[operator]
    before = target.lstat() if os.path.lexists(target) else None
    content = target.read_bytes() if target.is_file() and not target.is_symlink() else None
    run = trousse("report", "readiness", str(kit), "-o", str(target), "--lang", "en", *AS_OF, timeout=30)
    assert_clean_exit(run, 2)
    assert len(run.err.strip().splitlines()) == 1, run.err
    assert "regular file" in run.err or "kit's own files" in run.err, run.err
    if before is None:
        assert not os.path.lexists(target)
    else:
        assert target.lstat().st_mode == before.st_mode
        if content is not None:
            assert target.read_bytes() == content
    assert (kit / "trousse.yml").read_text(encoding="utf-8").startswith("trousse: 1")


def test_report_replaces_atomically_keeping_permissions_and_says_so(kit: Path) -> None:
    target = kit / "reports" / "readiness.md"
    first = trousse("report", "readiness", str(kit), "--lang", "en", *AS_OF)
    assert_clean_exit(first, 0)
    assert "written" in first.out
    target.chmod(0o600)
    again = trousse("report", "readiness", str(kit), "--lang", "en", *AS_OF)
    assert_clean_exit(again, 0)
    assert "replaced" in again.out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["readiness.md"]  # no temporary file left
    outside = kit.parent / "readiness.md"
    assert_clean_exit(trousse("report", "readiness", str(kit), "-o", str(outside), *AS_OF), 0)
    assert outside.is_file()


# ---------------------------------------------------------------- output streams
def _run_into(stdout: object, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "trousse", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if stdout is subprocess.PIPE:
        assert proc.stdout is not None
        proc.stdout.close()  # the reader is gone before trousse writes: `trousse ... | head -0`
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.mark.parametrize(
    "args",
    [("check",), ("check", "--format", "json"), ("rules",), ("evidence",), ("report", "readiness", "-o", "-")],
    ids=["check", "check-json", "rules", "evidence", "report-stdout"],
)
def test_closed_stdout_is_quiet_and_full_stdout_is_exit_2_with_one_line(kit: Path, args: tuple[str, ...]) -> None:
    argv = (
        [*args[:2], str(kit), *args[2:]]
        if args[0] == "report"
        else [*args, str(kit)]
        if args[0] != "rules"
        else [*args]
    )
    code, err = _run_into(subprocess.PIPE, *argv, "--lang", "en")
    # the reader stopped early, as `git log | head`: nothing to say, and exit 141 (128 + SIGPIPE), so
    # that a check cut short never passes for a clean one
    assert (code, err) == (141, "")
    with open("/dev/full", "w") as full:  # noqa: PTH123
        code, err = _run_into(full, *argv, "--lang", "en")
    assert code == 2 and "standard output cannot be written" in err and "Traceback" not in err, (code, err)


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["latin-1", "ascii", "c-locale"],
)
@pytest.mark.parametrize("args", [("rules",), ("standards",), ("check",), ("evidence",)])
def test_foreign_output_encoding_degrades(kit: Path, env: dict[str, str], args: tuple[str, ...]) -> None:
    argv = [*args] if args[0] in ("rules", "standards") else [*args, str(kit)]
    run = trousse(*argv, "--lang", "fr", env=env)
    assert_clean_exit(run, 0, 1)
    assert run.out.strip()


# ---------------------------------------------------------------- unusable input
@pytest.mark.parametrize("day", ["1969-12-31", "2100-01-01", "0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", [("check",), ("evidence",), ("report", "readiness")])
def test_as_of_outside_the_supported_range_is_exit_2(kit: Path, day: str, command: tuple[str, ...]) -> None:
    run = trousse(*command, str(kit), "--as-of", day, "--lang", "en")
    assert_clean_exit(run, 2)
    assert "1 January 1970 to 31 December 2099" in run.err and len(run.err.strip().splitlines()) == 1


def test_as_of_at_the_edges_is_accepted(kit: Path) -> None:
    # Within the range: 2099 reads the last commit; 1970 is before the kit's first commit, which
    # is a plain exit 2 of its own (not the range message).
    assert_clean_exit(trousse("check", str(kit), "--as-of", "2099-12-31"), 0, 1)
    run = trousse("check", str(kit), "--as-of", "1970-01-01", "--lang", "en")
    assert_clean_exit(run, 2)
    assert "1 January 1970 to 31 December 2099" not in run.err and len(run.err.strip().splitlines()) == 1


@pytest.mark.parametrize("period", ["99999999 years", "1000000000000000000000 days", "401 quarters", 99999999])
def test_period_too_long_is_exit_2_in_trousse_yml(kit: Path, period: object) -> None:
    config = (kit / "trousse.yml").read_text(encoding="utf-8")
    write_files(kit, {"trousse.yml": config + f"evidence:\n  minimum_history: {period}\n"})
    for command in (("check",), ("evidence",), ("report", "readiness")):
        run = trousse(*command, str(kit), "--lang", "en")
        assert_clean_exit(run, 2)
        assert "100 years at most" in run.err, run.err


def test_period_too_long_and_dates_at_the_calendar_edge_in_kit_files(kit: Path) -> None:
    doc = (kit / "documents/POL-001.md").read_text(encoding="utf-8")
    rec = (kit / "records/inc/INC-2026-0001.yml").read_text(encoding="utf-8")
    write_files(
        kit,
        {
            "documents/POL-001.md": doc.replace("review_every: 12 months", "review_every: 5000 years"),
            "documents/POL-002.md": doc.replace("POL-001", "POL-002")
            .replace("approved_on: 2026-09-14", "approved_on: 9999-12-30")
            .replace("review_every: 12 months", "review_every: 100 years"),
            "records/inc/INC-2026-0002.yml": rec.replace("0001", "0002").replace("2026-03-14", "0001-01-01"),
            "records/inc/INC-2026-0003.yml": rec.replace("0001", "0003").replace("2026-03-14", "9999-12-31"),
        },
    )
    run = trousse("check", str(kit), "--format", "json", "--lang", "en", *AS_OF)
    assert_clean_exit(run, 1)
    assert ("SCH001", "documents/POL-001.md") in {(f[0], f[1]) for f in _findings(run.out)}
    for command in (("evidence",), ("report", "readiness"), ("report", "action-plan"), ("report", "pack")):
        extra = ("--allow-dirty",) if command[-1] == "pack" else ()  # the hostile edits are not committed
        assert_clean_exit(trousse(*command, str(kit), *extra, *AS_OF), 0, 1)


def test_git_missing_from_the_path(kit: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"  # a PATH with python (run by its full path) and no git
    bare.mkdir()
    env = {"PATH": str(bare)}
    for args in (("--version",), ("rules",), ("standards",)):
        assert_clean_exit(trousse(*args, env=env), 0)
    made = tmp_path / "made"
    run = trousse("init", str(made), "--standard", "iso20000-1-2018", "--lang", "en", "--org", "A", "--no-git", env=env)
    assert_clean_exit(run, 0)
    run = trousse("evidence", str(kit), "--lang", "en", env=env)
    assert_clean_exit(run, 2)
    assert "git" in run.err and "install" in run.err
    run = trousse("check", str(kit), "--format", "json", "--lang", "en", env=env)
    assert_clean_exit(run, 1)
    assert any(f["rule"] == "EVD001" and "install git" in f["message"] for f in json.loads(run.out)["findings"])
    run = trousse("demo", str(tmp_path / "demo"), "--lang", "en", env=env)
    assert_clean_exit(run, 2)
    assert "needs git" in run.err and len(run.err.strip().splitlines()) == 1
