"""Every checklist a kit gets is ready to audit with (issue 11): each question row, general or
process-specific, has its number, question, evidence and clause cell filled, for every shipped pack
and for a kit of all of them, in both languages; a clause cell cites only clauses of the kit's own
packs. The finding and notes cells stay empty on purpose: the auditor writes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trousse.packs import shipped_packs
from trousse.scaffold import InitOptions, plan_kit

# The one clause cell that is not a clause number: ITSM-CERT's question on the certification
# contract belongs to the route, and no clause of ISO/IEC 20000-1 requires it. The checklist's
# footer says what the word means.
ROUTE_WORD = {"fr": "démarche", "en": "route"}
CLAUSE_HEADER = {"fr": "Art.", "en": "Cl."}
FINDING_HEADER = {"fr": "Constat", "en": "Finding"}


def question_rows(text: str, lang: str) -> list[dict[str, str]]:
    """The rows of every question table of a rendered checklist, as header -> cell."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip()[1:-1].split("|")]
        if header is None:
            header = cells
        elif not re.fullmatch(r"[-| ]+", line) and "Question" in header:
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


def kits() -> list[tuple[str, list[str], str]]:
    ids = sorted(shipped_packs())
    return [(pack, [pack], lang) for pack in ids for lang in ("fr", "en")] + [
        ("all", ids, lang) for lang in ("fr", "en")
    ]


@pytest.mark.parametrize(("name", "packs", "lang"), kits(), ids=[f"{k[0]}-{k[2]}" for k in kits()])
def test_every_checklist_row_has_every_cell_the_kit_fills(name: str, packs: list[str], lang: str) -> None:
    files = plan_kit(InitOptions(Path("/tmp/unused"), packs, lang, "Acme", 5, git=False))
    numbers = {c.number for p in packs for c in shipped_packs()[p].clauses}
    checklists = {n: t for n, t in files.items() if n.startswith("checklists/")}
    assert checklists
    empty: list[str] = []
    foreign: list[str] = []
    seen = 0
    for path, text in sorted(checklists.items()):
        for row in question_rows(text, lang):
            seen += 1
            filled = list(row)[: list(row).index(FINDING_HEADER[lang])]
            assert CLAUSE_HEADER[lang] in filled, path
            empty += [f"{path} #{row['#']} {h}" for h in filled if not row[h]]
            for n in filter(None, row[CLAUSE_HEADER[lang]].split(", ")):
                if n == ROUTE_WORD[lang] and path == "checklists/ITSM-CERT.md":
                    continue
                if n not in numbers:
                    foreign.append(f"{path} #{row['#']}: {n}")
    assert seen >= 3 * len(checklists) - 3  # the three general questions, at least, in each
    assert empty == []
    assert foreign == []


def test_the_route_word_is_explained_in_the_itsm_cert_footer() -> None:
    for lang, words in (("fr", "aucun article"), ("en", "no clause")):
        files = plan_kit(InitOptions(Path("/tmp/unused"), ["iso20000-1-2018"], lang, "Acme", 5, git=False))
        footer = files["checklists/ITSM-CERT.md"].rstrip().splitlines()[-1]
        assert ROUTE_WORD[lang] in footer
        assert words in footer
