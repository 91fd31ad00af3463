"""Round-2 fixes of the check rules, through the real CLI on real git repositories:

- DOC002 counts ``reviewed_on`` (issue 15), and the readiness condition ``documents`` agrees;
- a ``notice`` severity (CAL002, due soon): it never fails a run, even with ``--strict``, and each
  format says it in its own words (GitHub ``::notice``, SARIF ``note``, GitLab ``info``, JUnit not a
  failure, JSON ``notice``); ``rules:`` in trousse.yml may set it;
- ``check``'s text output never breaks a path, and does not wrap at all outside a terminal;
- ``trousse rules``: no reST markup, examples in the asked language.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from conftest import clean_kit_files, cli, commit_all, git, write_files
from test_evidence_support import CONFIG as EV_CONFIG
from test_evidence_support import EV_PACK

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(autouse=True)
def _env(isolated_git: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TROUSSE_NO_CACHE", "1")
    monkeypatch.delenv("CI", raising=False)
    yield


def _findings(proc_stdout: str) -> list[dict[str, object]]:
    return list(json.loads(proc_stdout)["findings"])


# ------------------------------------------------------------------ DOC002 and reviewed_on
def _policy_kit(root: Path, dates: str) -> Path:
    files = clean_kit_files("en")
    files["documents/POL-001.md"] = files["documents/POL-001.md"].replace("approved_on: 2026-09-14\n", dates)
    write_files(root, files)
    git(root, "init", "-q")
    commit_all(root, "kit", date="2022-07-26T10:00:00+00:00")
    return root


def test_doc002_counts_a_review_without_a_new_approval(tmp_path: Path) -> None:
    kit = _policy_kit(tmp_path, "approved_on: 2022-07-26\nreviewed_on: 2026-06-01\n")
    proc = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23")
    assert [f for f in _findings(proc.stdout) if f["rule"] == "DOC002"] == [], proc.stdout


def test_doc002_after_an_old_review_says_what_to_do(tmp_path: Path) -> None:
    kit = _policy_kit(tmp_path, "approved_on: 2022-07-26\nreviewed_on: 2025-06-01\n")
    proc = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23")
    doc002 = [f for f in _findings(proc.stdout) if f["rule"] == "DOC002"]
    assert len(doc002) == 1, proc.stdout
    msg = str(doc002[0]["message"])
    assert "due for review on 2026-06-01 (last reviewed 2025-06-01" in msg
    assert "update reviewed_on" in msg and "approved_on" in msg
    assert doc002[0]["line"] == 10  # the reviewed_on line


def test_doc002_without_review_still_fires_and_names_both_ways(tmp_path: Path) -> None:
    kit = _policy_kit(tmp_path, "approved_on: 2022-07-26\n")
    proc = cli("check", str(kit), "--format", "json", "--as-of", "2026-11-23")
    doc002 = [f for f in _findings(proc.stdout) if f["rule"] == "DOC002"]
    assert len(doc002) == 1, proc.stdout
    assert "due for review on 2023-07-26" in str(doc002[0]["message"])
    assert "reviewed_on" in str(doc002[0]["message"])


# ------------------------------------------------------------------ notice severity
def _due_soon_kit(root: Path, extra_rules: str = "") -> Path:
    """A kit activity every quarter, done last quarter; this quarter ends 11 days after the as-of day."""
    config = EV_CONFIG.format(lang="fr", minimum="3 months", tolerance="7 days", extra="")
    config = config.replace(
        "standards: [test-pack]\n",
        "standards: [test-pack]\ncalendar:\n"
        "  - {id: restore-test, name: Test de restauration, every: quarter, artefact: incident-record}\n" + extra_rules,
    )
    write_files(root, {"trousse.yml": config, "standards/test-pack.yml": EV_PACK})
    write_files(
        root,
        {
            "records/inc/INC-7.yml": "id: INC-7\nartefact: incident-record\ndate: 2026-08-05\n"
            "title: Restore test\npriority: P4\n"
        },
    )
    git(root, "init", "-q")
    commit_all(root, "kit", date="2026-08-10T10:00:00+00:00")
    return root


def _check(kit: Path, *args: str) -> tuple[int, str]:
    proc = cli("check", str(kit), "--as-of", "2026-12-20", *args)
    return proc.returncode, proc.stdout


def test_due_soon_is_a_notice_that_never_fails_even_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kit = _due_soon_kit(tmp_path)
    monkeypatch.setenv("CI", "true")
    code, out = _check(kit, "--format", "json", "--strict")
    cal = [f for f in _findings(out) if f["rule"] == "CAL002"]
    assert [f["severity"] for f in cal] == ["notice"], out
    summary = json.loads(out)["summary"]
    assert summary["notices"] == 1
    others = [f for f in _findings(out) if f["rule"] != "CAL002"]
    assert code == (1 if others else 0), out
    if not others:
        assert summary["exit_code"] == 0


def test_notice_in_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kit = _due_soon_kit(
        tmp_path, "rules: {EVD002: off, EVD003: off, CAL001: off, SCH003: off, CMP001: off, CMP005: off, CMP006: off}\n"
    )
    monkeypatch.setenv("CI", "true")
    code, out = _check(kit, "--format", "json", "--strict")
    assert [f["rule"] for f in _findings(out)] == ["CAL002"], out
    assert code == 0, out  # only a notice: --strict does not fail
    _, gh = _check(kit, "--format", "github")
    assert gh.startswith("::notice file=trousse.yml,"), gh
    assert "1 remarque" in gh.splitlines()[-1]  # the summary, in the kit's language
    _, sarif = _check(kit, "--format", "sarif")
    doc = json.loads(sarif)
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run_ = doc["runs"][0]
    assert [r["level"] for r in run_["results"]] == ["note"]
    assert run_["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "note"
    _, gitlab = _check(kit, "--format", "gitlab")
    assert [i["severity"] for i in json.loads(gitlab)] == ["info"]
    _, junit = _check(kit, "--format", "junit")
    root = ET.fromstring(junit)
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []
    outs = [e.text or "" for e in root.iter("system-out")]
    assert len(outs) == 1 and "CAL002" in outs[0], junit
    code, text = _check(kit, "--format", "text", "--strict")
    assert code == 0
    assert "remarque" in text and "CAL002" in text, text  # the kit's language (French)


def test_rule_override_may_set_notice(tmp_path: Path) -> None:
    files = clean_kit_files("en")
    files["trousse.yml"] += "rules: {DOC002: notice}\n"
    files["documents/POL-001.md"] = files["documents/POL-001.md"].replace("2026-09-14", "2022-07-26")
    write_files(tmp_path, files)
    proc = cli("check", str(tmp_path), "--format", "json", "--strict", "--as-of", "2026-11-23")
    doc002 = [f for f in _findings(proc.stdout) if f["rule"] == "DOC002"]
    assert [f["severity"] for f in doc002] == ["notice"], proc.stdout + proc.stderr
    others = [f for f in _findings(proc.stdout) if f["severity"] != "notice"]
    assert proc.returncode == (1 if others else 0), proc.stdout


# ------------------------------------------------------------------ text output never broken
LONG = "documents/" + "/".join(["a-very-long-folder-name-for-policies"] * 3) + "/risk-management-policy.md"


def test_text_output_keeps_long_paths_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = clean_kit_files("en")
    files[LONG] = files.pop("documents/POL-001.md").replace("owner: RGS", "owner: NOBODY")
    write_files(tmp_path, files)
    for columns in ("200", "40"):
        monkeypatch.setenv("COLUMNS", columns)
        proc = cli("check", str(tmp_path), "--format", "text", "--as-of", "2026-11-23")
        lines = proc.stdout.splitlines()
        assert LONG in lines, proc.stdout  # the path, whole, on its own line
        finding = [ln for ln in lines if "REF001" in ln]
        assert finding and len(finding[0]) > 40, proc.stdout  # not a terminal: never wrapped
        assert all(not ln.startswith("olicy") for ln in lines)


# ------------------------------------------------------------------ trousse rules
def test_rules_docs_have_no_rest_markup() -> None:
    for rid in ("ACT001", "CAL001", "CAL002"):
        for lang in ("fr", "en"):
            proc = cli("--lang", lang, "rules", rid)
            assert proc.returncode == 0, proc.stderr
            assert "``" not in proc.stdout, (rid, lang, proc.stdout)
    assert "action_plan_within" in cli("--lang", "en", "rules", "ACT001").stdout


def test_sarif_full_description_is_plain(tmp_path: Path) -> None:
    from trousse.check.rules import REGISTRY

    for r in REGISTRY.values():
        for lang in ("fr", "en"):
            assert "``" not in r.doc_in(lang), (r.id, lang)


@pytest.mark.parametrize(
    ("rid", "en_word", "fr_word"),
    [
        ("ACT001", "Calls not logged", "Appels non enregistrés"),
        ("DOC006", "Register of legal requirements", "Registre des exigences légales"),
        ("DOC007", "We make parts to the customer's drawings", "Nous réalisons des pièces"),
        ("DOC008", "within 15 working days", "sous 15 jours ouvrés"),
        ("DOC002", "Service management policy", "Politique de gestion des services"),
    ],
)
def test_rules_examples_in_the_asked_language(rid: str, en_word: str, fr_word: str) -> None:
    en = cli("--lang", "en", "rules", rid).stdout
    fr = cli("--lang", "fr", "rules", rid).stdout
    flat_en, flat_fr = " ".join(en.split()), " ".join(fr.split())
    assert en_word in flat_en and fr_word not in flat_en, en
    assert fr_word in flat_fr and en_word not in flat_fr, fr


def test_no_ci_no_notice(tmp_path: Path) -> None:
    kit = _due_soon_kit(tmp_path)
    assert os.environ.get("CI") is None
    _, out = _check(kit, "--format", "json")
    assert [f for f in _findings(out) if f["rule"] == "CAL002"] == []
