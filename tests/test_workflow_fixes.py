"""The daily workflow on the demo kits, as a quality lead tries it (issue 13, second round): the
kit's numbering and forms, placeholders whatever their typography, every field left to fill at
once, ids read from history, closed nonconformities, plurals, and review-inputs as a state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import check_json, cli, commit_all, git

from trousse.yamlio import load_plain


def _demo(tmp_path: Path, lang: str = "fr") -> Path:
    root = tmp_path / f"demo-{lang}"
    proc = cli("demo", str(root), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    return root


def _new(root: Path, *args: str) -> tuple[str, str]:
    """``trousse new`` in ``root``: (the kit-relative path written, the whole output)."""
    proc = cli("new", *args, "--kit", str(root), "--no-edit")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()[0].split()[0], proc.stdout


def _findings(root: Path, path: str) -> list[tuple[str, str]]:
    _code, data = check_json(root)
    return sorted((f["rule"], f["message"]) for f in data["findings"] if f["path"] == path)


def test_new_ids_follow_the_kits_own_numbering(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    year = dt.date.today().year
    rel, _out = _new(root, "management-review")
    assert Path(rel).stem.startswith(f"RDD-{year}-"), rel
    rel, _out = _new(root, "customer-complaint-record")
    assert Path(rel).stem.startswith(f"RCL-{year}-"), rel
    rel, _out = _new(root, "continuity-test")  # the form says TCO-, the kit's records PCA-
    assert Path(rel).stem.startswith(f"PCA-{year}-"), rel
