"""The parts of a readiness condition's detail are separated as each language writes them: French
puts a narrow no-break space before the semicolon (as trousse's French messages do), English none
(issue 14: the French details read "à écrire; rôles sans titulaire")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cli


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_detail_separators_follow_the_language(tmp_path: Path, lang: str) -> None:
    kit = tmp_path / "kit"
    assert cli("init", str(kit), "--standard", "iso20000-1-2018", "--lang", lang, "--org", "Acme").returncode == 0
    proc = cli("readiness", str(kit), "--format", "json", raw=True)
    assert proc.returncode == 1, proc.stderr
    details = [c["detail"] for c in json.loads(proc.stdout)["conditions"] if ";" in (c["detail"] or "")]
    assert len(details) >= 3  # setup, history and documents have several parts on a fresh kit
    for detail in details:
        if lang == "fr":
            assert re.findall(r".;", detail) == ["\u202f;"] * detail.count(";"), detail
        else:
            assert re.findall(r".;", detail) and all(m[0] not in " \u202f\u00a0" for m in re.findall(r".;", detail))
