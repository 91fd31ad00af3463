"""Plain words where the parser or the OS would speak: a duplicate key in answers.yml, a file
where `trousse schema -o` needs a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import cli, plain

from trousse.yamlio import YamlProblem, load_plain

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_a_duplicate_key_names_the_key_and_both_lines() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_plain("trousse_version: 0.1.0\nstandards: []\nlanguage: fr\nstandards: []\n")
    assert caught.value.line == 4
    assert "'standards' appears twice, on lines 2 and 4" in str(caught.value), caught.value
    assert "original value" not in str(caught.value)


def test_a_broken_answers_file_is_said_in_french(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    assert cli("init", str(kit), "--standard", "iso9001-2015", "--lang", "fr", "--org", "Acme").returncode == 0
    answers = kit / ".trousse/answers.yml"
    answers.write_text(answers.read_text(encoding="utf-8") + "standards: []\n", encoding="utf-8")
    proc = cli("upgrade", str(kit), "--lang", "fr")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = plain(proc.stderr)
    assert "la clé « standards » apparaît deux fois, lignes" in line, line
    assert "found duplicate key" not in line and "original value" not in line


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", "un fichier se trouve là où il faut un dossier"), ("en", "a file stands where a folder is needed")],
)
def test_schema_into_a_file_says_why_in_plain_words(tmp_path: Path, lang: str, said: str) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(EXAMPLES / lang, kit)
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    proc = cli("schema", str(kit), "-o", str(target), "--lang", lang)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert said in plain(proc.stderr) and "File exists" not in proc.stderr, proc.stderr
