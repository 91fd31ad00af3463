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
PLACEHOLDER = re.compile(r"\[\[[^\]\n]+")

# Templates still written as finished text, to be rewritten. They ship in the ISO/IEC 20000 packs
# (whose demo kit adapts and approves them: rewriting them changes the demo, owned by the example
# generator) or are the certification contract summary. The list may only shrink.
NOT_YET_SEPARATED = {
    "asset-register", "capacity-plan", "certification-contract", "change-management-policy",
    "client-contract", "contact-handling-procedure", "continuity-plan", "data-protection-policy",
    "incident-management-procedure", "information-security-policy", "internal-agreement",
    "internal-audit-programme", "release-policy", "service-budget", "service-catalogue",
    "service-management-plan", "sla", "sms-policy", "sms-requirements",
    "risk-register", "supplier-contract",  # their ISO/IEC 20000 variants only
}  # fmt: skip


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
    assert unseparated(pack, lang) <= NOT_YET_SEPARATED


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_quality_policy_is_guidance_examples_and_placeholders(lang: str) -> None:
    for pack in ("iso9001-2015", "nf-en-15838", "iso18295-1-2017"):
        assert "quality-policy" not in unseparated(pack, lang)
