"""The command line as a user meets it: exit codes, one-line errors, formats, languages."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, write_files

from trousse.check.rules import registry
from trousse.cli.app import run


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_version_and_module_entry_point() -> None:
    proc = cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("trousse ")


def test_check_clean_kit_text(tmp_path: Path) -> None:
    write_files(tmp_path, clean_kit_files("en"))
    proc = cli("check", str(tmp_path), "--format", "text", "--as-of", "2026-11-23")
    # Not a git repository: the evidence family reports it; the other families are clean.
    assert "SCH" not in proc.stdout and "REF" not in proc.stdout
    assert "Traceback" not in proc.stderr


def test_check_finds_root_from_a_sub_folder(tmp_path: Path) -> None:
    write_files(tmp_path, clean_kit_files("en"))
    text = (tmp_path / "processes" / "INC.md").read_text(encoding="utf-8").replace("owner: RGS", "owner: NOBODY")
    (tmp_path / "processes" / "INC.md").write_text(text, encoding="utf-8")
    proc = cli("check", "--format", "json", cwd=tmp_path / "processes")
    assert proc.returncode == 1
    found = json.loads(proc.stdout)["findings"]
    assert any(f["rule"] == "REF001" and f["path"] == "processes/INC.md" and f["line"] == 4 for f in found)


def test_not_a_kit_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    before = _snapshot(tmp_path)
    proc = cli("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "trousse.yml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _snapshot(tmp_path) == before


def test_missing_folder_exit_2(tmp_path: Path) -> None:
    proc = cli("check", str(tmp_path / "nope"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def test_error_language_follows_locale_outside_a_kit(tmp_path: Path) -> None:
    env_lang = os.environ.get("LANG")
    os.environ["LANG"] = "fr_FR.UTF-8"
    try:
        proc = cli("check", cwd=tmp_path)
    finally:
        os.environ["LANG"] = env_lang or "C.UTF-8"
    assert proc.returncode == 2
    assert "n'est pas dans une trousse" in proc.stderr


def test_broken_config_exit_2_with_location(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["trousse.yml"] = files["trousse.yml"].replace("language: en", "language: de")
    write_files(tmp_path, files)
    proc = cli("check", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.startswith("trousse: trousse.yml:3:11: language:")


def test_unknown_rule_override_exit_2(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["trousse.yml"] += "rules: {XYZ999: off}\n"
    write_files(tmp_path, files)
    proc = cli("check", str(tmp_path))
    assert proc.returncode == 2 and "XYZ999" in proc.stderr and "trousse rules" in proc.stderr


def test_unknown_standard_exit_2(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[test-pack, iso99999]")
    write_files(tmp_path, files)
    proc = cli("check", str(tmp_path))
    assert proc.returncode == 2 and "iso99999" in proc.stderr


def _broken_kit(tmp_path: Path) -> Path:
    files = clean_kit_files("en")
    files["processes/INC.md"] = files["processes/INC.md"].replace("owner: RGS", "owner: NOBODY")
    files["documents/POL-001.md"] = files["documents/POL-001.md"].replace("review_every: 12 months\n", "")
    return write_files(tmp_path, files)


def test_formats(tmp_path: Path) -> None:
    kit = _broken_kit(tmp_path)
    gh = cli("check", str(kit), "--format", "github")
    assert "::error file=processes/INC.md,line=4,col=8,title=REF001::REF001 " in gh.stdout
    assert "::warning file=documents/POL-001.md" in gh.stdout
    junit = cli("check", str(kit), "--format", "junit")
    assert junit.stdout.startswith("<?xml") and "<failure" in junit.stdout
    sarif = json.loads(cli("check", str(kit), "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "REF001" for r in sarif["runs"][0]["results"])
    os.environ["GITHUB_ACTIONS"] = "true"
    try:
        auto = cli("check", str(kit))
    finally:
        del os.environ["GITHUB_ACTIONS"]
    assert auto.stdout.startswith("::")
    bad = cli("check", str(kit), "--format", "xml")
    assert bad.returncode == 2


def test_json_contract_keys_and_order(tmp_path: Path) -> None:
    kit = _broken_kit(tmp_path)
    proc = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23")
    data = json.loads(proc.stdout)
    assert list(data) == ["findings", "summary"]
    f = data["findings"][0]
    assert list(f)[:6] == ["rule", "severity", "path", "line", "column", "message"]
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in data["findings"]]
    assert keys == sorted(keys)
    again = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert again.stdout == proc.stdout


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["documents/POL-001.md"] = files["documents/POL-001.md"].replace("review_every: 12 months\n", "")
    files["trousse.yml"] += (
        "rules: {EVD001: off, EVD002: off, EVD003: off, EVD004: off, EVD005: off, EVD006: off, EVD007: off, EVD008: off, EVD009: off, EVD010: off}\n"
    )
    write_files(tmp_path, files)
    cfg = tmp_path / "trousse.yml"
    # Keep only the overrides of rules that exist in this build.
    from trousse.check.rules import REGISTRY

    text = cfg.read_text(encoding="utf-8")
    line = "rules: {" + ", ".join(f"{r}: off" for r in sorted(REGISTRY) if r.startswith("EVD")) + "}\n"
    cfg.write_text(text.split("rules:")[0] + (line if "EVD" in line else ""), encoding="utf-8")
    assert run(["check", str(tmp_path), "--format", "json"]) == 0
    assert run(["check", str(tmp_path), "--format", "json", "--strict"]) == 1


def test_rules_command() -> None:
    listing = cli("rules", "--lang", "en")
    assert listing.returncode == 0 and "REF001" in listing.stdout and "SCH001" in listing.stdout
    one = cli("rules", "ref001", "--lang", "fr")
    assert one.returncode == 0 and "roles.yml" in one.stdout and "Rôle inconnu" in one.stdout
    fam = cli("rules", "CMP", "--lang", "en")
    assert "CMP001" in fam.stdout and "REF001" not in fam.stdout
    unknown = cli("rules", "ZZZ999")
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1


def test_a_bug_is_exit_3_with_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, clean_kit_files("en"))

    def boom(ctx: registry.Context) -> list:  # a rule with a bug
        raise ZeroDivisionError("secret document content")

    rule = registry.REGISTRY["REF001"]
    monkeypatch.setitem(
        registry.REGISTRY, "REF001", registry.Rule(rule.id, rule.severity, rule.title, rule.doc_fr, rule.doc_en, boom)
    )
    assert run(["check", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "crash.log" in err and "Traceback" not in err and "secret" not in err
    log = Path(os.environ["XDG_CACHE_HOME"]) / "trousse" / "crash.log"
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


GARBAGE = [
    "",
    "---",
    "- - -\n",
    "a: [",
    "{",
    "\x00\x01",
    "id: [1, 2]\nartefact: {x: 1}\ndate: 12\n",
    "---\n---\n",
    "roles: 5\n",
    "roles:\n  - 1\n  - {id: [x]}\n",
    "services: {a: 1}\n",
    "id: X\nkind: internal\ndate: 2026-13-45\nfindings: [{}]\n",
    ": : :\n",
    "a: &x 1\nb: *x\n",
    "<<: {a: 1}\n",
    "? [a, b]\n: c\n",
    "id: !!binary aGVsbG8=\n",
    "date: 2026-02-30\n",
]


@pytest.mark.parametrize("seed", range(6))
def test_no_input_produces_a_traceback(tmp_path: Path, seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    rnd = random.Random(seed)
    files = clean_kit_files("en")
    targets = [
        "organisation/roles.yml",
        "processes/INC.md",
        "documents/POL-001.md",
        "records/inc/INC-2026-0001.yml",
        "services/catalogue.yml",
        "audits/A.yml",
        "actions/B.yml",
        "organisation/customers.yml",
        "artefacts.yml",
        "standards/test-pack.yml",
    ]
    for target in rnd.sample(targets, 4):
        files[target] = rnd.choice(GARBAGE)
    write_files(tmp_path, files)
    for fmt in ("json", "text"):
        code = run(["check", str(tmp_path), "--format", fmt])
        err = capsys.readouterr().err
        assert code in (0, 1, 2), err
        assert "Traceback" not in err and "crash.log" not in err
