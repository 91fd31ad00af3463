"""Issue 15, third review round: what a fresh install still tripped on. Real git repositories with
chosen dates, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import clean_kit_files, cli, git, write_files

from trousse.evidence.model import RecordStatus

ROOT = Path(__file__).resolve().parents[1]

GLPI = (
    "ID;Titre;Type;Priorité;Statut;Date d'ouverture;Date de clôture;Catégorie;Demandeur - Demandeur\n"
    "4711;Panne messagerie;Incident;5;Clos;14-03-2026 09:12;14-03-2026 11:40;Messagerie;Marie\n"
)


def _commit(root: Path, when: str, message: str = "work") -> None:
    git(root, "add", "--all")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=when)


def _ticket_kit(tmp_path: Path, lang: str = "en") -> Path:
    root = tmp_path / "kit"
    files = clean_kit_files(lang)
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[test-pack, iso20000-1-2018]")
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    _commit(root, "2026-03-01T10:00:00+01:00", "kit")
    (tmp_path / "glpi.csv").write_text(GLPI, encoding="utf-8")
    return root


# ---------------------------------------------------------------- 1. evidence --records, source-dated


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "dated by its ticketing tool"),
        ("fr", "daté par l'outil de tickets"),
    ],
)
def test_records_list_shows_a_source_dated_ticket(tmp_path: Path, lang: str, words: str) -> None:
    root = _ticket_kit(tmp_path, lang)
    out = cli("import", "tickets", str(tmp_path / "glpi.csv"), "--from", "glpi", "--kit", str(root))
    assert out.returncode == 0, out.stderr
    _commit(root, "2026-11-20T10:00:00+01:00", "import")  # March's ticket committed in November
    out = cli("evidence", str(root), "--records", "--as-of", "2026-11-21", "--lang", lang)
    assert out.returncode in (0, 1), out.stderr  # no crash (it was exit 3, a missing message)
    line = next(ln for ln in out.stdout.splitlines() if "GLPI-4711" in ln)
    assert words in line, out.stdout


def test_every_record_status_has_its_message() -> None:
    for lang in ("en", "fr"):
        catalogue = json.loads((ROOT / f"src/trousse/locales/{lang}.json").read_text(encoding="utf-8"))
        missing = [s.value for s in RecordStatus if f"status.{s.value}" not in catalogue]
        assert missing == [], (lang, missing)
