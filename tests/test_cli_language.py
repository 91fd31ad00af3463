"""The language is decided once, at the entry point, and everything speaks it: our messages, Click's
own words (usage, headings, errors), SARIF."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, commit_all, git, plain, write_files

from trousse.cli.app import decide_language, run

# Click's English words, none of which may show in French.
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message",
    "Show the version",
    "Error:",
    "No such option",
    "Possible options",
    "Missing argument",
    "Missing command",
    "No such command",
    "Aborted",
    "Try '",
    "for help",
    "[default:",
    "[required]",
    "unexpected extra",
    # placeholders: Click's, typer's type hints, and trousse's own metavars
    "COMMAND",
    "[ARGS]",
    "<path>",
    "<str>",
    " KIT",
    "KIND",
    "FILE",
    "YYYY",
)


def english_words(text: str) -> list[str]:
    # a placeholder counts as a word of its own ("COMMAND" is not in "COMMANDE")
    return [w for w in CLICK_ENGLISH if re.search(rf"{re.escape(w)}(?![A-Z])", text)]


@pytest.fixture
def kit_fr(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "kit", clean_kit_files("fr"))
    git(root, "init", "-q")
    commit_all(root, "kit", date="2026-01-05T10:00:00+01:00")
    return root


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--help"],
        ["init", "--help"],
        ["report", "--help"],
        ["evidence", "-h"],
    ],
)
def test_french_help_has_no_english_click_words(args: list[str]) -> None:
    proc = cli(*args, "--lang", "fr") if args != ["--help"] else _root_help_fr()
    assert proc.returncode == 0, proc.stderr
    assert english_words(proc.stdout) == []
    assert "Utilisation : trousse" in proc.stdout and "Options :" in proc.stdout
    assert "Affiche cette aide et quitte." in proc.stdout


def _root_help_fr():  # type: ignore[no-untyped-def]
    # The root takes no --lang: the locale decides.
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "fr_FR.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "trousse", "--help"], capture_output=True, text=True, env=env)
    proc.stdout = plain(proc.stdout)
    return proc


def test_french_root_help_lists_commands_in_french() -> None:
    out = _root_help_fr().stdout
    assert "Commandes :" in out and "Vérifie la trousse" in out


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (["check", "--bogus"], "l'option « --bogus » n'existe pas."),
        (["check", "--form"], "options possibles : --format"),
        (["init"], "il manque l'argument « DOSSIER »"),
        (["check", "a", "b", "c"], "arguments en trop : b c"),
        (["nonsense"], "la commande « nonsense » n'existe pas"),
        (["init", "x", "--people", "many"], "valeur invalide pour « --people »"),
    ],
)
def test_french_usage_errors(args: list[str], french: str) -> None:
    proc = cli(*args, "--lang", "fr")
    assert proc.returncode == 2
    assert french in proc.stderr
    assert "Erreur : " in proc.stderr and "« trousse" in proc.stderr and "affiche l'aide" in proc.stderr
    assert english_words(proc.stderr) == [], proc.stderr
    assert "Traceback" not in proc.stderr


def test_english_usage_error_keeps_clicks_words() -> None:
    proc = cli("check", "--bogus", "--lang", "en")
    assert proc.returncode == 2
    assert "Usage: trousse check" in proc.stderr and "Error: No such option: --bogus" in proc.stderr
    assert "Try 'trousse check -h' for help." in proc.stderr


def test_aborted_prompt_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("trousse.cli.init_cmd._interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # end of input at the first question
    assert run(["init", str(tmp_path / "new"), "--lang", "fr"]) == 130  # as Ctrl-C
    err = plain(capsys.readouterr().err)
    assert "interrompu : aucun fichier" in err and english_words(err) == []


def test_language_from_the_kit_named_on_the_command_line(kit_fr: Path, tmp_path: Path) -> None:
    assert decide_language(["check", str(kit_fr)]) == "fr"
    assert decide_language(["check", str(kit_fr), "--lang", "en"]) == "en"
    assert decide_language(["check", str(kit_fr), "--lang=en"]) == "en"
    proc = cli("check", str(kit_fr), "--bogus")
    assert "l'option « --bogus » n'existe pas." in proc.stderr


def test_language_from_the_kit_around_the_current_folder(kit_fr: Path) -> None:
    proc = cli("check", "--bogus", cwd=kit_fr / "processes")
    assert "l'option « --bogus » n'existe pas." in proc.stderr


def test_a_bad_lang_value_is_one_plain_line() -> None:
    proc = cli("check", "--lang", "de")
    assert proc.returncode == 2 and "'de' is not a known language" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_sarif_speaks_the_language_of_the_messages(kit_fr: Path) -> None:
    from trousse.check.rules import REGISTRY

    (kit_fr / "processes" / "INC.md").unlink()  # a finding, so that a rule is described
    names = []
    for lang in ("en", "fr"):
        proc = cli("check", str(kit_fr), "--format", "sarif", "--lang", lang, raw=True)
        assert proc.returncode == 1, proc.stderr
        sarif = json.loads(proc.stdout)
        run_ = sarif["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        assert rules and all(r["shortDescription"]["text"] == REGISTRY[r["id"]].title_in(lang) for r in rules)
        # SARIF's name is an identifier, never translated (SARIF 3.49.7): PascalCase, the same in both
        assert all(re.fullmatch(r"(?:[A-Z0-9][a-z0-9]*)+", r["name"]) for r in rules), rules
        names.append([r["name"] for r in rules])
        text = cli("check", str(kit_fr), "--format", "json", "--lang", lang, raw=True).stdout
        messages = {f["message"] for f in json.loads(text)["findings"]}
        assert {r["message"]["text"] for r in run_["results"]} == messages
    assert names[0] == names[1]


def test_summary_uses_plural_forms(kit_fr: Path) -> None:
    (kit_fr / "processes" / "INC.md").unlink()
    out = cli("check", str(kit_fr), "--format", "text", "--lang", "fr").stdout
    assert "(s)" not in out and re.search(r"^1 erreur, \d+ avertissements? dans \d+ fichiers?$", out, re.M), out
    out = cli("check", str(kit_fr), "--format", "text", "--lang", "en").stdout
    assert "(s)" not in out and re.search(r"^1 error, \d+ warnings? in \d+ files?$", out, re.M), out


def test_lang_before_the_command() -> None:
    """``trousse --lang fr --help`` and ``trousse --lang en check ...``: --lang is taken before the
    command too, as the README says every command takes it."""
    proc = cli("--lang", "fr", "--help")
    assert proc.returncode == 0 and "Utilisation" in proc.stdout and english_words(proc.stdout) == []
    assert cli("--lang", "en", "rules").returncode == 0
    bad = cli("--lang", "de", "rules")
    assert bad.returncode == 2 and "'de' is not a known language" in bad.stderr
