"""YAML syntax errors say, in the kit's language, what is wrong and what to do, never the parser's
own English; a file left with git conflict markers says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, commit_all, write_files

from trousse import i18n
from trousse.yamlio import YamlProblem, parse_markdown, parse_yaml

# (YAML text, line, column, words of the French message, words of the English message)
CASES = [
    ('a: "abc\nb: 1\n', 1, 4, "guillemet ouvert n'est jamais fermé", "quote is opened and never closed"),
    ("a: b: c\n", 1, 5, "deux-points inattendus", "unexpected colon"),
    ("a: 1\nb\nc: 2\n", 3, 1, "une ligne sans « clé: valeur »", "not 'key: value'"),
    ("a:\n\tb: 1\n", 2, 1, "tabulation", "a tab in the indentation"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "indentation incohérente", "inconsistent indentation"),
    ("a: *x\n", 1, 4, "l'alias « *x » n'est défini nulle part", "the alias '*x' is defined nowhere"),
    ("a: [1, 2\nb: 3\n", 2, 2, "crochets n'est pas fermée", "square brackets is not closed"),
    ("a: {x: 1\nb: 3\n", 2, 2, "accolades n'est pas fermé", "braces is not closed"),
    ('a: "\\q"\n', 1, 6, "la séquence « \\q » n'existe pas", "'\\q' is not an escape sequence"),
    ("a: @x\n", 1, 4, "le caractère « @ »", "the character '@' cannot start a value"),
    (
        "a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> theirs\n",
        2,
        1,
        "marques de conflit git",
        "git conflict markers",
    ),
]
ENGLISH_PARSER_WORDS = ("found", "expected", "while scanning", "while parsing", "token")


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u2019", "'")


@pytest.mark.parametrize(("text", "line", "column", "fr", "en"), CASES)
def test_syntax_errors_are_plain_in_both_languages(text: str, line: int, column: int, fr: str, en: str) -> None:
    for lang, words in (("fr", fr), ("en", en)):
        i18n.set_language(lang)
        try:
            with pytest.raises(YamlProblem) as caught:
                parse_yaml(text)
        finally:
            i18n.set_language("en")
        problem = caught.value
        assert (problem.line, problem.column) == (line, column)
        assert words in plain(str(problem))
        if lang == "fr":
            assert not any(w in str(problem) for w in ENGLISH_PARSER_WORDS), str(problem)


def test_an_unknown_problem_keeps_the_generic_advice() -> None:
    # a syntax error no pattern knows: the parser's words, with what to check
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("a: !!binary x\n")
    assert str(caught.value).startswith("invalid YAML: failed to decode base64 data")
    assert str(caught.value).endswith("check the indentation and colons")


def test_conflict_markers_in_a_markdown_body_and_a_setext_heading() -> None:
    text = "---\nid: X\n---\n# T\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n"
    with pytest.raises(YamlProblem) as caught:
        parse_markdown(text)
    assert caught.value.line == 5
    # "=======" alone is a Markdown heading underline, not a conflict
    assert parse_markdown("---\nid: X\n---\nTitle\n=======\n").body.endswith("=======\n")


def test_check_names_a_record_left_in_conflict(tmp_path: Path) -> None:
    kit = write_files(tmp_path, clean_kit_files("fr"))
    record = kit / "records" / "inc" / "INC-2026-0001.yml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    record.write_text(
        "".join([lines[0], "<<<<<<< HEAD\n", *lines[1:], "=======\n", ">>>>>>> autre\n"]), encoding="utf-8"
    )
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    proc = cli("check", str(kit), "--format", "json")
    found = [f for f in json.loads(proc.stdout)["findings"] if f["path"] == "records/inc/INC-2026-0001.yml"]
    assert [(f["rule"], f["line"]) for f in found] == [("YML001", 2)]
    assert "marques de conflit git" in found[0]["message"]


def test_new_on_a_broken_form_names_it_and_writes_nothing(tmp_path: Path) -> None:
    """A kit's own form with a YAML error: exit 2, one line naming the form and the place, no file
    left behind (it was an internal error, exit 3, with a half-made record)."""
    kit = write_files(tmp_path, clean_kit_files("fr"))
    form = kit / "templates" / "records" / "incident-record.yml"
    form.parent.mkdir(parents=True, exist_ok=True)
    form.write_text('id: INC-AAAA-NNNN\ntitle: "Fiche\ndate: 2026-01-01\n', encoding="utf-8")
    commit_all(kit, "kit", date="2026-06-01T10:00:00+02:00")
    before = sorted(p.name for p in (kit / "records" / "inc").iterdir())
    proc = cli("new", "incident-record", "--kit", str(kit), "--no-edit")
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "templates/records/incident-record.yml" in proc.stderr and "ligne 2, colonne 8" in proc.stderr
    assert "guillemet" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in (kit / "records" / "inc").iterdir()) == before
