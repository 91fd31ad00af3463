"""Whether a controlled document is the organisation's own text or still the shipped template.

The shipped document templates separate what the organisation must write from the help around it:
placeholders are written ``[[...]]`` and guidance and examples are quoted blocks that open with
``**Guide**``, ``**Guidance**``, ``**Exemple**`` or ``**Example**``. A document is *not adapted*
while it still holds a placeholder, a guidance block, or the shipped template's text (every literal
passage of the template still there, in order). The DOC rule, the register and the readiness
verdict all ask this module, so that they agree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from trousse.cache import shipped_text
from trousse.errors import TrousseError
from trousse.evidence.kit_conditions import _normal, passages_in, template_text
from trousse.yamlio import YamlProblem, parse_markdown

if TYPE_CHECKING:
    from trousse.kit import Kit
    from trousse.models import Document, Process

Reason = Literal["placeholder", "guidance", "template"]

PLACEHOLDER_RE = re.compile(r"\[\[[^\]\n]{1,200}\]\]")
GUIDANCE_RE = re.compile(r"^[ \t]*>[ \t]*\*\*(Guide|Guidance|Exemple|Example)\*\*", re.M)


def first_line(text: str, pattern: re.Pattern[str]) -> int | None:
    """The 1-based line of ``text`` where ``pattern`` first matches, if it does."""
    m = pattern.search(text)
    return None if m is None else text.count("\n", 0, m.start()) + 1


_RENDERED: dict[tuple[object, ...], str] = {}  # (standards, lang, org, people, artefact) -> body


def rendered_body(kit: Kit, artefact: str) -> str:
    """The body ``init`` wrote for a document of type ``artefact`` in this kit (normalised: no
    digits, no spaces; empty when trousse ships no such template)."""
    return _rendered(kit, f"documents/{kit.lang}/{artefact}.md.j2", artefact)


def _rendered(kit: Kit, name: str, stamp: str) -> str:
    """The body ``init`` rendered from the shipped template ``name`` in this kit, normalised
    (``stamp`` names it in the cache: the artefact of a document, ``process:<ID>`` of a process)."""
    org = kit.config.organisation
    key = (tuple(kit.config.standards), kit.lang, org.name, org.people, stamp)
    if key not in _RENDERED:
        packs = kit.standards()

        def render() -> str:
            from trousse.shipped import ShippedTemplates  # noqa: PLC0415 - the template engine, on a miss only

            body = ""
            shipped = ShippedTemplates(packs, kit.lang, org.name, org.people)
            if shipped.exists(name):
                try:
                    body = parse_markdown(shipped.text(name)).body or ""
                except (TrousseError, YamlProblem):
                    body = ""
            return _normal(body)

        if all(pack.file.startswith("<trousse>/") for pack in packs):  # shipped packs only: their text is trousse's
            _RENDERED[key] = shipped_text("rendered", [*(str(part) for part in key)], render)
        else:  # a kit's own pack shapes the text: rendered each time
            _RENDERED[key] = render()
    return _RENDERED[key]


def not_adapted(kit: Kit, doc: Document) -> list[Reason]:
    """Why ``doc`` is still template text: a placeholder, a guidance block, the template's own text
    (an empty list when the document reads as the organisation's own)."""
    reasons: list[Reason] = []
    if PLACEHOLDER_RE.search(doc.body):
        reasons.append("placeholder")
    if GUIDANCE_RE.search(doc.body):
        reasons.append("guidance")
    rendered = rendered_body(kit, doc.artefact)
    if (rendered and _normal(doc.body) == rendered) or template_text(kit, doc):
        reasons.append("template")
    return reasons


def process_not_adapted(kit: Kit, process: Process) -> list[Reason]:
    """Why a process description is still template text, as :func:`not_adapted` says of a
    document: its shipped template is ``processes/<lang>/<ID>.md.j2``."""
    reasons: list[Reason] = []
    if PLACEHOLDER_RE.search(process.body):
        reasons.append("placeholder")
    if GUIDANCE_RE.search(process.body):
        reasons.append("guidance")
    name = f"processes/{kit.lang}/{process.id}.md.j2"
    rendered = _rendered(kit, name, f"process:{process.id}")
    if (rendered and _normal(process.body) == rendered) or passages_in(name, process.body):
        reasons.append("template")
    return reasons
