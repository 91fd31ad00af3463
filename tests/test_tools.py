"""Fitting the tools people use: editor schemas, GitLab Code Quality, the CI files init writes,
the pre-commit hook."""

from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_kit_files, cli, commit_all, git, write_files
from jsonschema import Draft202012Validator, FormatChecker

from trousse import __version__
from trousse.schemas import RECORDS_SCHEMA, SCHEMA_DIR, editor_form, editor_globs, schemas_of_kit
from trousse.yamlio import load_plain

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _schemas(kit: Path) -> dict[str, dict[str, Any]]:
    _root, texts = schemas_of_kit(kit)
    return {name: json.loads(text) for name, text in texts.items()}


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _matches(rel: str, glob: str) -> bool:
    if glob.startswith("records/**/"):  # the language server's ** matches no folder too
        return rel.startswith("records/") and fnmatch.fnmatch(rel.rsplit("/", 1)[1], glob.rsplit("/", 1)[1])
    return fnmatch.fnmatch(rel, glob)


def _files_for(kit: Path, schema_name: str) -> list[Path]:
    globs = editor_globs()[f"./{SCHEMA_DIR}/{schema_name}"]
    return [
        p
        for p in sorted(kit.rglob("*"))
        if p.is_file()
        and any(_matches(p.relative_to(kit).as_posix(), g) for g in globs if not g.startswith("!"))
        and not any(fnmatch.fnmatch(p.relative_to(kit).as_posix(), g[1:]) for g in globs if g.startswith("!"))
    ]


# ---------------------------------------------------------------- schemas
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_schemas_are_valid_2020_12_and_accept_the_demo_kits(tmp_path: Path, lang: str) -> None:
    kit = tmp_path / lang
    shutil.copytree(EXAMPLES / lang, kit)
    schemas = _schemas(kit)
    for name, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        Draft202012Validator.check_schema(schema)
    checked = 0
    for path in editor_globs():
        name = path.rsplit("/", 1)[1]
        validator = _validator(schemas[name])
        for file in _files_for(kit, name):
            errors = [e.message for e in validator.iter_errors(editor_form(load_plain(file.read_text("utf-8"))))]
            assert errors == [], (file, errors)
            checked += 1
    assert checked > 20
    # Descriptions in the kit's language.
    config = schemas["trousse.schema.json"]
    wanted = "Normes visées" if lang == "fr" else "Targeted standards"
    assert wanted in config["properties"]["standards"]["description"]
    assert config["properties"]["language"]["enum"] == ["fr", "en"]


BROKEN_RECORDS = {
    "bad-date": "date: hier\n",
    "bad-choice": "priority: P9\n",
    "unknown-field": "colour: blue\n",
    "missing-title": None,
    "wrong-type": "resolved_on: [2026-03-14]\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN_RECORDS))
def test_schema_rejects_what_check_rejects_as_sch(tmp_path: Path, case: str) -> None:
    files = clean_kit_files("en")
    record = files["records/inc/INC-2026-0001.yml"]
    change = BROKEN_RECORDS[case]
    if change is None:
        record = "\n".join(line for line in record.splitlines() if not line.startswith("title:")) + "\n"
    else:
        key = change.split(":")[0]
        record = "\n".join(line for line in record.splitlines() if not line.startswith(key + ":")) + "\n" + change
    files["records/inc/INC-2026-0001.yml"] = record
    kit = write_files(tmp_path / "kit", files)
    proc = cli("check", str(kit), "--format", "json", "--fast")
    sch = [f for f in json.loads(proc.stdout)["findings"] if f["rule"].startswith("SCH")]
    assert [f["path"] for f in sch] == ["records/inc/INC-2026-0001.yml"], sch
    schema = _schemas(kit)[RECORDS_SCHEMA]
    data = editor_form(load_plain(record))
    assert list(_validator(schema).iter_errors(data)), case


def test_schema_accepts_the_clean_record_and_rejects_a_misspelt_type_as_check_does(tmp_path: Path) -> None:
    """A type the kit does not know is a typo for check (REF002): the schema lists the kit's record
    types, so the editor completes ``artefact`` and flags the typo too."""
    files = clean_kit_files("en")
    record = files["records/inc/INC-2026-0001.yml"]
    typo = record.replace("artefact: incident-record", "artefact: incident-recrod")
    assert typo != record
    files["records/inc/INC-2026-0002.yml"] = typo.replace("INC-2026-0001", "INC-2026-0002")
    kit = write_files(tmp_path / "kit", files)
    proc = cli("check", str(kit), "--format", "json", "--fast")
    ref = [(f["rule"], f["path"]) for f in json.loads(proc.stdout)["findings"] if f["rule"] == "REF002"]
    assert ref == [("REF002", "records/inc/INC-2026-0002.yml")], proc.stdout
    schema = _schemas(kit)[RECORDS_SCHEMA]
    validator = _validator(schema)
    assert not list(validator.iter_errors(editor_form(load_plain(record))))
    assert list(validator.iter_errors(editor_form(load_plain(typo))))
    assert "incident-record" in schema["properties"]["artefact"]["enum"]
    assert "artefacts.yml" in schema["properties"]["artefact"]["description"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_field_of_a_shipped_record_type_is_described(lang: str) -> None:
    """Editors show a field's description on hover and in completion: every field of every record
    type of every shipped pack has one, in the kit's language."""
    from trousse.packs import shipped_packs
    from trousse.schemas import kit_schemas

    types = {a.id: a for pack in shipped_packs().values() for a in pack.artefacts if a.kind == "record"}
    for pack in shipped_packs().values():
        records = kit_schemas({a.id: a for a in pack.artefacts}, lang)[RECORDS_SCHEMA]
        for art_id in (a.id for a in pack.artefacts if a.kind == "record"):
            props = records["$defs"][f"record-{art_id}"]["properties"]
            bare = sorted(name for name, prop in props.items() if not prop.get("description"))
            assert bare == [], (pack.id, art_id, bare)
    english = kit_schemas(types, "en")[RECORDS_SCHEMA]["$defs"]["record-training-record"]["properties"]
    french = kit_schemas(types, "fr")[RECORDS_SCHEMA]["$defs"]["record-training-record"]["properties"]
    assert english["hours"]["description"] != french["hours"]["description"]
    assert "heures" in french["hours"]["description"] and "hours" in english["hours"]["description"]
    assert french["author"]["description"] == "Qui a rempli cet enregistrement."


def test_schema_command_writes_the_files(tmp_path: Path) -> None:
    kit = write_files(tmp_path / "kit", clean_kit_files("en"))
    proc = cli("schema", str(kit), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in (kit / SCHEMA_DIR).glob("*.schema.json"))
    assert RECORDS_SCHEMA in written and "trousse.schema.json" in written
    out = tmp_path / "elsewhere"
    assert cli("schema", str(kit), "-o", str(out)).returncode == 0
    assert sorted(p.name for p in out.glob("*.schema.json")) == written
    # Not a kit: one line, exit 2.
    bad = cli("schema", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


# ---------------------------------------------------------------- init's editor and CI files
@pytest.fixture(scope="module")
def new_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kit = tmp_path_factory.mktemp("init") / "kit"
    proc = cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", "fr", "--org", "Acme", "--pre-commit")
    assert proc.returncode == 0, proc.stderr
    return kit


def test_init_wires_the_editor_to_committed_schemas(new_kit: Path) -> None:
    settings = json.loads((new_kit / ".vscode/settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == editor_globs()
    for schema_path in mapping:
        assert (new_kit / schema_path).is_file(), schema_path
    assert json.loads((new_kit / ".vscode/extensions.json").read_text("utf-8")) == {
        "recommendations": ["redhat.vscode-yaml"]
    }
    tracked = git(new_kit, "ls-files").split()
    assert f"{SCHEMA_DIR}/{RECORDS_SCHEMA}" in tracked and ".trousse/answers.yml" in tracked
    # The schemas init wrote are those `trousse schema` writes for the kit.
    _root, texts = schemas_of_kit(new_kit)
    for name, text in texts.items():
        assert (new_kit / SCHEMA_DIR / name).read_text("utf-8") == text, name
    # The answers are recorded.
    answers = load_plain((new_kit / ".trousse/answers.yml").read_text("utf-8"))
    assert answers["trousse_version"] == __version__ and answers["standards"] == ["iso20000-1-2018"]
    assert answers["options"] == {"pre_commit": True}


def _version_script(lines: list[str]) -> str:
    return "\n".join(line.replace("pip install", "echo") for line in lines)


def test_github_workflow_structure_and_version_pin(new_kit: Path, tmp_path: Path) -> None:
    flow = load_plain((new_kit / ".github/workflows/trousse.yml").read_text("utf-8"))
    assert flow["permissions"]["security-events"] == "write"
    steps = flow["jobs"]["check"]["steps"]
    assert all(isinstance(s, dict) and ("uses" in s or "run" in s) for s in steps)
    assert steps[0]["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "trousse.sarif" and upload["if"] == "always()"
    assert any("--format sarif > trousse.sarif" in s.get("run", "") for s in steps)
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert "trousse readiness" in summary["run"] and "trousse check" in summary["run"]
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    # The install step reads trousse_version from trousse.yml: run it with pip replaced by echo.
    out = subprocess.run(
        ["bash", "-c", _version_script(install["run"].splitlines())], cwd=new_kit, capture_output=True, text=True
    )
    assert out.stdout.strip() == f"trousse=={__version__}"
    other = tmp_path / "pinned"
    other.mkdir()
    (other / "trousse.yml").write_text('trousse: 1\ntrousse_version: "9.8.7"  # pinned\n', encoding="utf-8")
    out = subprocess.run(
        ["bash", "-c", _version_script(install["run"].splitlines())], cwd=other, capture_output=True, text=True
    )
    assert out.stdout.strip() == "trousse==9.8.7"


def test_gitlab_job_structure(new_kit: Path) -> None:
    jobs = load_plain((new_kit / ".gitlab-ci.yml").read_text("utf-8"))
    job = jobs["trousse-check"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    reports = job["artifacts"]["reports"]
    assert reports == {"codequality": "gl-code-quality-report.json", "junit": "trousse-junit.xml"}
    assert job["artifacts"]["when"] == "always"
    assert any("--format gitlab > gl-code-quality-report.json" in s for s in job["script"])
    assert any("--format junit > trousse-junit.xml" in s for s in job["script"])
    out = subprocess.run(
        ["bash", "-c", _version_script(job["before_script"])], cwd=new_kit, capture_output=True, text=True
    )
    assert out.stdout.strip() == f"trousse=={__version__}"


# ---------------------------------------------------------------- GitLab Code Quality
def test_gitlab_format_follows_code_quality(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["records/inc/INC-2026-0001.yml"] += "colour: blue\nshade: dark\n"
    files["records/inc/INC-2026-0002.yml"] = files["records/inc/INC-2026-0001.yml"].replace("0001", "0002")
    kit = write_files(tmp_path / "kit", files)
    commit_all(kit, "kit", date="2026-03-15T10:00:00+00:00")
    proc = cli("check", str(kit), "--format", "gitlab", "--as-of", "2026-03-20")
    assert proc.returncode == 1
    issues = json.loads(proc.stdout)
    schema = {  # GitLab's documented Code Quality report format (the fields it reads)
        "type": "array",
        "items": {
            "type": "object",
            "required": ["description", "check_name", "fingerprint", "severity", "location"],
            "properties": {
                "description": {"type": "string", "minLength": 1},
                "check_name": {"type": "string", "minLength": 1},
                "fingerprint": {"type": "string", "minLength": 1},
                "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
                "location": {
                    "type": "object",
                    "required": ["path", "lines"],
                    "properties": {
                        "path": {"type": "string"},
                        "lines": {
                            "type": "object",
                            "required": ["begin"],
                            "properties": {"begin": {"type": "integer", "minimum": 1}},
                        },
                    },
                },
            },
        },
    }
    Draft202012Validator(schema).validate(issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues) >= 4
    json_out = json.loads(cli("check", str(kit), "--format", "json", "--as-of", "2026-03-20").stdout)["findings"]
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        (f["rule"], f["path"], f["line"]) for f in json_out
    ]
    assert {i["severity"] for i in issues if i["check_name"].startswith("SCH")} == {"major"}
    again = json.loads(cli("check", str(kit), "--format", "gitlab", "--as-of", "2026-03-20").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # stable across runs


def test_fast_check_reads_no_history(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    kit = write_files(tmp_path / "kit", files)
    commit_all(kit, "kit", date="2026-03-15T10:00:00+00:00")
    full = json.loads(cli("check", str(kit), "--format", "json").stdout)["findings"]
    fast = json.loads(cli("check", str(kit), "--format", "json", "--fast").stdout)["findings"]
    assert any(f["rule"].startswith("EVD") for f in full)
    assert fast == [f for f in full if f["rule"][:3] in ("YML", "SCH", "REF")]


# ---------------------------------------------------------------- pre-commit
def _pre_commit() -> list[str] | None:
    try:
        import pre_commit  # noqa: F401, PLC0415
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


def test_repository_hook_definition() -> None:
    hooks = load_plain((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "trousse-check")
    assert hook["entry"].startswith("trousse check") and "--fast" in hook["entry"]
    assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_pre_commit_runs_the_kit_hook(new_kit: Path, tmp_path: Path) -> None:
    runner = _pre_commit()
    if runner is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]' brings it)")
    kit = tmp_path / "demo"
    shutil.copytree(EXAMPLES / "en", kit)
    shutil.copy(new_kit / ".pre-commit-config.yaml", kit / ".pre-commit-config.yaml")
    commit_all(kit, "demo kit")
    env_bin = str(Path(sys.executable).parent)
    import os  # noqa: PLC0415

    env = {
        **os.environ,
        "PATH": env_bin + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(tmp_path / "pc"),
    }
    proc = subprocess.run([*runner, "run", "--all-files"], cwd=kit, capture_output=True, text=True, env=env)
    assert "trousse check --fast" in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # A broken record makes the hook fail.
    (kit / "records" / "broken.yml").write_text("id: X\nartefact: incident-record\ndate: hier\n", encoding="utf-8")
    proc = subprocess.run([*runner, "run", "--all-files"], cwd=kit, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "SCH" in proc.stdout, proc.stdout + proc.stderr
