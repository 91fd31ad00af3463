"""Issue 17 review minors: a closed pipe ends quietly, CMP009 says any one output suffices, SCH001
does not repeat a holder's fields, the 9001 checklist and the 15838 glossary point to the right
places, and the audits/ and actions/ READMEs point to the example files and `trousse new`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli, init_kit


def _init(tmp_path: Path, standard: str, lang: str) -> Path:
    return init_kit(tmp_path / f"{standard}-{lang}", "--standard", standard, "--lang", lang, "--org", "Acme")


def _piped(args: str, reader: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        f"set -o pipefail; {sys.executable} -m trousse {args} --lang fr | {reader}",
        shell=True,
        cwd=cwd,
        capture_output=True,
        text=True,
        executable="/bin/bash",
    )


@pytest.mark.parametrize("args", ["rules DOC008", "rules", "standards"])
def test_a_pipe_closed_early_ends_quietly_with_exit_141(tmp_path: Path, args: str) -> None:
    # a reader gone before trousse writes (`true` reads nothing): trousse meets the closed pipe,
    # says nothing, and exits 141 (128 + SIGPIPE, as `git log | head` under pipefail), never 0
    proc = _piped(args, "true", tmp_path)
    assert (proc.returncode, proc.stderr) == (141, "")
    # a reader that takes one line and leaves: one line, nothing on stderr; 0 when the whole output
    # fitted in the pipe before the reader left, else 141
    proc = _piped(args, "head -1", tmp_path)
    assert proc.returncode in (0, 141) and proc.stderr == "", proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_a_full_output_still_says_so(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123
        proc = subprocess.run(
            [sys.executable, "-m", "trousse", "rules", "--lang", "en"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert proc.returncode == 2
    assert proc.stderr.count("standard output cannot be written") == 1, proc.stderr


REVIEW = """\
id: MRV-2026-0001
artefact: management-review-record
date: 2026-10-20
title: Revue de direction 2026
attendees: [Paul Roy, Marie Tremblay]
audit_results: "Audit interne du 2 octobre : 1 non-conformité mineure."
decision_items: []
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cmp009_says_any_one_output_suffices(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "iso9001-2015", lang)
    (kit / "records/management-review-record").mkdir(parents=True)
    (kit / "records/management-review-record/MRV-2026-0001.yml").write_text(REVIEW, encoding="utf-8")
    r = cli("check", str(kit), "--format", "json")
    found = [f["message"] for f in json.loads(r.stdout)["findings"] if f["rule"] == "CMP009"]
    assert len(found) == 1, found
    if lang == "fr":
        assert "ou à défaut l'un des champs output_improvements, output_changes ou output_resources" in found[0]
    else:
        assert "or failing that one of output_improvements, output_changes or output_resources" in found[0]
    assert "at least output_improvements" not in found[0] and "au moins output_improvements" not in found[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sch001_names_a_holders_fields_once(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "iso9001-2015", lang)
    roles = kit / "organisation/roles.yml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("    holders: []", '    holders: ["Jean Dupont"]', 1), encoding="utf-8")
    r = cli("check", str(kit), "--format", "json")
    found = [f["message"] for f in json.loads(r.stdout)["findings"] if f["rule"] == "SCH001"]
    assert len(found) == 1, found
    assert found[0].count("name, email, since") == 1, found[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_9001_qms_checklist_points_to_context_and_competence_matrix(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "iso9001-2015", lang)
    rows = {
        line.split("|")[1].strip(): line
        for line in (kit / "checklists/QMS.md").read_text(encoding="utf-8").split("\n")
        if line.startswith("| ") and line.split("|")[1].strip().isdigit()
    }
    assert "`context-analysis`" in rows["1"] and "4.1" in rows["1"]
    assert "`competence-matrix`" in rows["6"] and "7.2" in rows["6"]
    for artefact in ("context-analysis", "competence-matrix"):
        assert (kit / f"documents/{artefact}.md").is_file()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_15838_glossary_speaks_of_contact_centre_services(tmp_path: Path, lang: str) -> None:
    kit = _init(tmp_path, "nf-en-15838", lang)
    glossary = next(p for p in kit.glob("*.md") if p.stem in ("glossaire", "glossary")).read_text(encoding="utf-8")
    for word in ("pièce", "ouvrage", "une étude", "a part, a", "a study", "nonconforming part"):
        assert word not in glossary, word
    assert ("centre de contact" if lang == "fr" else "Contact centre service") in glossary


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("standard", ["iso9001-2015", "iso20000-1-2018", "nf-en-15838"])
def test_audits_and_actions_readmes_point_to_the_examples_and_trousse_new(
    tmp_path: Path, standard: str, lang: str
) -> None:
    kit = _init(tmp_path, standard, lang)
    for folder, kind, example in (
        ("audits", "audit", "templates/audits/example-audit.yml"),
        ("actions", "action", "templates/actions/example-action.yml"),
    ):
        readme = (kit / folder / "README.md").read_text(encoding="utf-8")
        assert f"`{example}`" in readme and f"`trousse new {kind}`" in readme, folder
        assert (kit / example).is_file()
