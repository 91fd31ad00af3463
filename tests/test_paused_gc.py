"""Reading a kit pauses the cyclic garbage collector (trousse.loader.paused_gc) and gives it back
as it found it, whatever happens inside."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import clean_kit_files, commit_all, write_files

from trousse.collector import paused as paused_gc
from trousse.loader import load_kit


def test_paused_inside_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: still paused when the inner one ends
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_kit_is_read_with_the_collector_paused_and_given_back(tmp_path: Path) -> None:
    write_files(tmp_path, clean_kit_files("en"))
    commit_all(tmp_path, "kit")
    seen = []
    gc.callbacks.append(lambda phase, _info: seen.append(phase))
    try:
        kit = load_kit(tmp_path)
    finally:
        gc.callbacks.pop()
    assert kit.records and seen == []  # no collection while reading
    assert gc.isenabled()


def test_a_command_runs_with_the_collector_paused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from trousse.cli.app import run

    write_files(tmp_path, clean_kit_files("en"))
    commit_all(tmp_path, "kit")
    seen = []
    gc.callbacks.append(lambda phase, _info: seen.append(phase))
    try:
        code = run(["check", str(tmp_path), "--format", "json", "--jobs", "1"])
    finally:
        gc.callbacks.pop()
    assert code == 0, capsys.readouterr()
    assert seen == [] and gc.isenabled()
