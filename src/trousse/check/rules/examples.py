"""Each rule's examples: one file the rule reports and one it accepts, in ``docs/<ID>.yml``.

They are data, read only when ``trousse rules ID`` prints a rule (never by ``check``). A file holds
``fails`` and ``passes``, each with ``file`` (where the text lives), ``fr`` and ``en`` (what the
example shows) and ``text`` (the file's content, or the command and its output): one text, or
``{fr: ..., en: ...}`` when its words depend on the kit's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trousse import i18n
from trousse.yamlio import YamlProblem, load_plain

DOCS = Path(__file__).parent / "docs"
KINDS = ("fails", "passes")


@dataclass(frozen=True)
class Example:
    """One example of a rule."""

    kind: str  # "fails" (the rule reports it) or "passes" (it does not)
    file: str
    caption: tuple[str, str]  # (fr, en)
    texts: tuple[str, str]  # (fr, en): the same text twice when it does not depend on the language

    def caption_in(self, lang: str) -> str:
        """What the example shows, in ``lang``."""
        return i18n.french_typography(self.caption[0]) if lang == "fr" else self.caption[1]

    def text_in(self, lang: str) -> str:
        """The example's file or command, in ``lang`` (a kit written in that language)."""
        return self.texts[0] if lang == "fr" else self.texts[1]

    @property
    def text(self) -> str:
        """The French text (the one of a kit in French)."""
        return self.texts[0]


def documented() -> list[str]:
    """The rule ids that have an examples file."""
    return sorted(p.stem for p in DOCS.glob("*.yml"))


def examples(rule_id: str) -> list[Example]:
    """The examples of ``rule_id`` (failing first); empty when it has no valid examples file."""
    path = DOCS / f"{rule_id}.yml"
    try:
        data = load_plain(path.read_text(encoding="utf-8"))
    except (OSError, YamlProblem):
        return []
    out: list[Example] = []
    for kind in KINDS:
        item = data.get(kind) if isinstance(data, dict) else None
        if not isinstance(item, dict):
            continue
        text = item.get("text")
        texts = (text.get("fr"), text.get("en")) if isinstance(text, dict) else (text, text)
        fields = [item.get(k) for k in ("file", "fr", "en")] + list(texts)
        if all(isinstance(v, str) and v.strip() for v in fields):
            file, fr, en, text_fr, text_en = (str(v) for v in fields)
            out.append(Example(kind, file, (fr, en), (text_fr, text_en)))
    return out
