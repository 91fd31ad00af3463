"""Document templates cannot be approved as they stand (issue 17 part 2): each separates its
guidance and examples, in blocks marked "Guide"/"Guidance" and "Exemple"/"Example", from the text
the organisation writes, shown as visible ``[[...]]`` placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trousse.packs import shipped_packs
from trousse.scaffold import InitOptions, plan_kit

GUIDANCE = re.compile(r"^> \*\*(Guide|Guidance)\*\* — ", re.M)
# A whole placeholder on one line, as the DOC rule and readiness read it (evidence/adaptation.py).
PLACEHOLDER = re.compile(r"\[\[[^\]\n]{1,200}\]\]")


def unseparated(pack: str, lang: str) -> set[str]:
    files = plan_kit(InitOptions(Path("/tmp/unused"), [pack], lang, "Acme", 5, git=False))
    out = set()
    for name, text in files.items():
        if name.startswith("documents/") and name.endswith(".md"):
            if not (GUIDANCE.search(text) and PLACEHOLDER.search(text)):
                out.add(re.sub(r"^artefact: ", "", re.search(r"^artefact: .*$", text, re.M).group(0)))  # type: ignore[union-attr]
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_document_templates_separate_guidance_from_text_to_write(pack: str, lang: str) -> None:
    assert unseparated(pack, lang) == set()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_quality_policy_is_guidance_examples_and_placeholders(lang: str) -> None:
    for pack in ("iso9001-2015", "nf-en-15838", "iso18295-1-2017"):
        assert "quality-policy" not in unseparated(pack, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_every_placeholder_opens_and_closes_on_one_line(pack: str, lang: str) -> None:
    """A placeholder split over two lines is not seen by the DOC rule nor by readiness, so an
    approved document could keep it: every ``[[`` of every file ``init`` writes closes on its line."""
    files = plan_kit(InitOptions(Path("/tmp/unused"), [pack], lang, "Acme", 5, git=False))
    split = [
        f"{name}:{number}"
        for name, text in files.items()
        for number, line in enumerate(text.splitlines(), 1)
        if line.count("[[") != len(PLACEHOLDER.findall(line))
    ]
    assert split == []
