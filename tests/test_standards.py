"""`trousse standards`: the shipped packs and one pack's clauses and processes."""

from __future__ import annotations

import pytest

from trousse.cli.app import run
from trousse.packs import shipped_packs


def test_lists_every_shipped_pack_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["standards", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:6] == ["standard", "edition", "clauses", "processes", "documents", "records"]
    for pid, pack in shipped_packs().items():
        row = next(line for line in lines if line.startswith(pid + " "))
        cells = row.split()
        assert cells[1] == pack.edition
        assert int(cells[2]) == len(pack.clauses)
        assert int(cells[3]) == len(pack.processes)
        assert int(cells[5]) == sum(1 for a in pack.artefacts if a.kind == "record")


def test_lists_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["standards", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["norme", "édition", "articles"]
    assert "ISO/CEI 20000-1:2018" in out


def test_one_pack_shows_clauses_and_processes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["standards", "iso20000-1-2018", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("iso20000-1-2018 — ")
    pack = shipped_packs()["iso20000-1-2018"]
    assert f"Clauses ({len(pack.clauses)})" in out
    assert f"Processes ({len(pack.processes)})" in out
    assert any(line.split()[:1] == ["8.6.1"] for line in out.splitlines())
    assert any(line.split()[:1] == ["ITSM-CERT"] for line in out.splitlines())


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    run(["standards", "--lang", "en"])
    first = capsys.readouterr().out
    run(["standards", "--lang", "en"])
    assert capsys.readouterr().out == first


def test_unknown_pack_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["standards", "iso-nope", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "iso-nope" in err and "iso20000-1-2018" in err
