"""Exact (golden) outputs: every ``check`` format, ``evidence`` in text and JSON, and every report
in Markdown and HTML, on the demo kit built as of a fixed day and read ``--as-of`` that day.

The expected outputs are the files under ``tests/snapshots/``. After a deliberate change of an
output, regenerate them and review the diff before committing::

    TROUSSE_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py

Only what must vary is normalised: the kit's absolute path (``<KIT>``) and trousse's version
(``<VERSION>``). The demo's commits have fixed dates and authors, so their ids are stable.

The ``check`` outputs run on the demo kit with a few defects committed on the anchor day (an
invalid date, an unknown role, a duplicate key with characters that need escaping, a document
without review period), so that each format shows findings of both severities: ``--as-of`` reads
the kit as committed on that day, so an uncommitted record left beside them does not show. SARIF output is also validated against the SARIF 2.1.0 JSON Schema
(``tests/data/sarif-schema-2.1.0.json``) and JUnit output is parsed as XML. The snapshots run with
every cache off; a JSON check, a SARIF check and the JSON evidence run again with the caches on,
cold then read back, and must print the pinned output both times.
"""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from forkserver import run_trousse as trousse_process

from trousse import __version__
from trousse.demo import ANCHOR, run_demo

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
SARIF_SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
UPDATE = os.environ.get("TROUSSE_UPDATE_SNAPSHOTS") == "1"
AS_OF = ANCHOR.isoformat()
AUDIT = "AUD-2026-02"

# Planted in the "defects" kit (committed on the anchor day, on top of the demo's history).
RECORD = (
    "id: {id}\nartefact: incident-record\ndate: {date}\ntitle: Imprimante hors ligne\nauthor: Nicolas Perrin\n"
    "priority: P3\nservice: SVC-SUPPORT\nreported_by: Accueil\nstatus: closed\n"
)
DEFECTS = {
    "records/inc/INC-2026-0999.yml": RECORD.format(id="INC-2026-0999", date="hier"),  # SCH001
    "records/inc/INC-2026-0998.yml": RECORD.format(id="INC-2026-0998", date="2026-11-20")
    + '"r&d <50%>, a:b": 1\n"r&d <50%>, a:b": 2\n',  # YML002, with text to escape
}
UNCOMMITTED = {  # not part of the kit as of the anchor day: must not show
    "records/inc/INC-2026-0997.yml": RECORD.format(id="INC-2026-0997", date="2026-11-20"),
}
EDITS = {  # path -> (old, new)
    "processes/INC.md": ("owner: RGS", "owner: RESPONSABLE"),  # REF001
    "documents/change-management-policy.md": ("review_every: 12 months\n", ""),  # DOC003 (warning)
}

# (snapshot file name, kit, arguments after the kit path)
CHECKS = [
    (f"check.{fmt}.{ext}", "defects", ["check", "--format", fmt])
    for fmt, ext in (
        ("text", "txt"),
        ("json", "json"),
        ("github", "txt"),
        ("junit", "xml"),
        ("sarif", "json"),
        ("gitlab", "json"),
    )
]
CHECKS += [("check.text.en.txt", "defects", ["check", "--format", "text", "--lang", "en"])]
EVIDENCE = [
    ("evidence.text.txt", "demo", ["evidence"]),
    ("evidence.json.json", "demo", ["evidence", "--format", "json"]),
    ("evidence.text.en.txt", "demo", ["evidence", "--lang", "en"]),
    ("evidence.json.en.json", "demo", ["evidence", "--format", "json", "--lang", "en"]),
]
REPORTS = [
    (f"report.{kind}.{fmt}", "demo", ["report", kind, "--format", fmt, "-o", "-", *extra])
    for kind, extra in (
        ("audit", ["--audit", AUDIT]),
        ("action-plan", []),
        ("readiness", []),
        ("matrix", []),
        ("catalogue", []),
        ("register", []),
        ("review-inputs", ["--since", "2026-01-01"]),
    )
    for fmt in ("md", "html")
]
REPORTS += [
    (f"report.{kind}.en.{fmt}", "demo", ["report", kind, "--format", fmt, "-o", "-", "--lang", "en", *extra])
    for kind, extra in (
        ("audit", ["--audit", AUDIT]),
        ("action-plan", []),
        ("readiness", []),
        ("matrix", []),
        ("catalogue", []),
        ("register", []),
        ("review-inputs", ["--since", "2026-01-01"]),
    )
    for fmt in ("md", "html")
]
OUTPUTS = CHECKS + EVIDENCE + REPORTS


def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "LC_"))}
    (home / ".gitconfig").write_text("[user]\n\tname = Test User\n\temail = test@example.org\n", encoding="utf-8")
    env.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        LANG="C.UTF-8",
        COLUMNS="100",  # rich's tables: the same width everywhere
        TROUSSE_NO_CACHE="1",
        TZ="Europe/Paris",
    )
    return env


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo kit (French) as of the anchor day, and a copy with defects added."""
    base = tmp_path_factory.mktemp("snapshots")
    home = base / "home"
    home.mkdir()
    env = _git_env(home)
    out: dict[str, Path] = {}
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        for name in ("demo", "defects"):
            out[name] = run_demo(base / name, "fr", today=ANCHOR).root
    finally:
        os.environ.clear()
        os.environ.update(saved)
    defects = out["defects"]
    for path, text in DEFECTS.items():
        (defects / path).write_text(text, encoding="utf-8")
    for path, (old, new) in EDITS.items():
        text = (defects / path).read_text(encoding="utf-8")
        assert old in text, f"the demo kit changed: {old!r} is no longer in {path}"
        (defects / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    planted_at = ANCHOR.isoformat() + "T18:00:00+01:00"  # after the demo's last commit, same day
    git_env = {**env, "GIT_AUTHOR_DATE": planted_at, "GIT_COMMITTER_DATE": planted_at}
    for argv in (["add", "--all"], ["commit", "-q", "-m", "Planted defects"]):
        subprocess.run(["git", *argv], cwd=defects, env=git_env, check=True, capture_output=True)
    for path, text in UNCOMMITTED.items():
        (defects / path).write_text(text, encoding="utf-8")
    out["env"] = home
    return out


def run_trousse(kits: dict[str, Path], kit: str, args: list[str]) -> tuple[int, str, str]:
    """The real CLI in a subprocess, on the named kit, as of the anchor day."""
    root = kits[kit]
    command, *rest = args
    argv = [command]
    if command == "report":
        argv += [rest[0], str(root), *rest[1:]]
    else:
        argv += [str(root), *rest]
    argv += ["--as-of", AS_OF]
    proc = trousse_process(argv, env=_git_env(kits["env"]), cwd=root)
    return proc.returncode, proc.stdout, proc.stderr


def normalise(text: str, root: Path) -> str:
    """Replace what varies from run to run: the kit's absolute path and trousse's version."""
    for form in (root.as_posix(), str(root), json.dumps(str(root))[1:-1]):
        text = text.replace(form, "<KIT>")
    return text.replace(f"trousse {__version__}", "trousse <VERSION>").replace(
        f'"version": "{__version__}"', '"version": "<VERSION>"'
    )


def compare(name: str, actual: str) -> None:
    """Compare with the snapshot file, or write it when TROUSSE_UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), (
        f"no snapshot {path.relative_to(HERE.parent)}: run TROUSSE_UPDATE_SNAPSHOTS=1 python -m pytest "
        "tests/test_snapshots.py, then review and commit it"
    )
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from its snapshot; if the change is intended, regenerate with "
        "TROUSSE_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py and review the diff"
    )


def _exit_codes() -> dict[str, int]:
    path = SNAPSHOTS / "exit-codes.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@pytest.mark.parametrize(("name", "kit", "args"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_output_matches_its_snapshot(kits: dict[str, Path], name: str, kit: str, args: list[str]) -> None:
    code, out, err = run_trousse(kits, kit, args)
    assert code in (0, 1), err
    assert "Traceback" not in err
    compare(name, normalise(out, kits[kit]))
    if UPDATE:  # one file of exit codes, merged key by key (tests may run in parallel)
        codes = _exit_codes()
        codes[name] = code
        (SNAPSHOTS / "exit-codes.json").write_text(json.dumps(codes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    else:
        assert _exit_codes().get(name) == code, f"{name}: exit code {code}"


@pytest.mark.parametrize(
    ("name", "kit", "args"),
    [o for o in OUTPUTS if o[0] in ("check.json.json", "check.sarif.json", "evidence.json.json")],
    ids=["check.json", "check.sarif", "evidence.json"],
)
def test_an_output_read_back_from_the_caches_is_the_pinned_one(
    kits: dict[str, Path], tmp_path: Path, name: str, kit: str, args: list[str]
) -> None:
    # The snapshots above run with every cache off; here the caches are on: a first run (cold)
    # writes them, a second (the result read back, or the parses and history when it is not kept)
    # must print exactly the pinned output.
    root = tmp_path / kit
    subprocess.run(["git", "clone", "-q", str(kits[kit]), str(root)], check=True, capture_output=True)
    for path, text in UNCOMMITTED.items() if kit == "defects" else ():
        (root / path).write_text(text, encoding="utf-8")
    env = {k: v for k, v in _git_env(kits["env"]).items() if k != "TROUSSE_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")
    command, *rest = args
    for run in ("cold", "cached"):
        proc = trousse_process([command, str(root), *rest, "--as-of", AS_OF], env=env, cwd=root)
        assert "Traceback" not in proc.stderr
        assert proc.returncode == _exit_codes().get(name), (run, proc.stderr)
        assert normalise(proc.stdout, root) == (SNAPSHOTS / name).read_text(encoding="utf-8"), run
    assert (root / ".git" / "trousse").is_dir()  # the caches were written, and read the second time


def test_every_output_has_a_snapshot_and_no_snapshot_is_stale() -> None:
    names = {o[0] for o in OUTPUTS} | {"exit-codes.json"}
    on_disk = {p.name for p in SNAPSHOTS.iterdir() if p.is_file()}
    assert on_disk == names, f"missing: {sorted(names - on_disk)}; stale: {sorted(on_disk - names)}"


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(kits: dict[str, Path]) -> None:
    code, out, err = run_trousse(kits, "defects", ["check", "--format", "sarif"])
    assert code == 1, err
    doc = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(doc)
    run = doc["runs"][0]
    assert run["language"] == "fr"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {r["ruleId"] for r in run["results"]}
    assert {r["level"] for r in run["results"]} == {"error", "warning"}
    # Validation is not vacuous: a result without its message is refused.
    del run["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(doc)


def test_junit_parses_with_one_failure_per_finding(kits: dict[str, Path]) -> None:
    code, out, err = run_trousse(kits, "defects", ["check", "--format", "junit"])
    _, findings_json, _ = run_trousse(kits, "defects", ["check", "--format", "json"])
    findings = json.loads(findings_json)["findings"]
    suites = ET.fromstring(out.encode("utf-8"))
    suite = suites.find("testsuite")
    assert suite is not None
    failures = suite.findall("testcase/failure")
    assert len(failures) == len(findings)
    failed_cases = {case.get("name") for case in suite.findall("testcase") if case.find("failure") is not None}
    assert failed_cases == {f["path"] for f in findings}
    assert suites.get("failures") == str(len(failed_cases)) == suite.get("failures")
    assert suite.get("tests") == str(len(suite.findall("testcase")))
    # Text that needs escaping comes back intact.
    assert any("r&d <50%>, a:b" in (f.get("message") or "") for f in failures)
