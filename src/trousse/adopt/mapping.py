"""Which of the standard's document types an adopter's document is, and why (or why none).

A type fits a document when every word of its id or of one of its names is among the document's
words (its path and title, singular, with a few synonyms: a vendor is a supplier, a disaster
recovery policy is a continuity plan). When none fits, the nearest type and the words it lacks are
kept, so that the plan can say why a file was not proposed and what it would take.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from trousse.adopt.scan import fold


def _stem(word: str) -> str:
    """A plural's singular, roughly (policies -> policy, incidents -> incident, politiques ->
    politique): applied alike to a document's words and to a type's, so both meet."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> set[str]:
    """The words of a path or title, folded and singular (``ContractReviewPolicy`` is three words)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return {_stem(w) for w in re.split(r"[^a-z0-9]+", fold(spaced)) if w}


_STOP = {"de", "des", "du", "la", "le", "les", "d", "l", "et", "of", "the", "and", "a", "for", "pour", "avec"}
_SYNONYMS = {
    "sms": {"service", "management"},
    "sla": {"service", "level", "agreement"},
    "vendor": {"supplier"},
    "fournisseur": {"supplier"},
    "bcp": {"business", "continuity", "plan"},
    "drp": {"continuity", "plan"},
}
# Word pairs that say what a document is in other words: a business continuity and disaster
# recovery policy is the organisation's continuity plan; a third party is a supplier.
_PHRASES = {("disaster", "recovery"): {"continuity", "plan"}, ("third", "party"): {"supplier"}}
_SECURITY = {"security", "policy"}
# Words too general to make a type "nearly fit" on their own (every policy has "policy").
_GENERIC = {
    "policy", "plan", "procedure", "management", "service", "register", "list", "document", "process",
    "programme", "program", "report", "requirement", "agreement", "information", "politique", "gestion",
    "internal", "external", "contract", "rule",
}  # fmt: skip


@functools.lru_cache(maxsize=1024)
def _needed(text: str) -> frozenset[str]:
    """The words a type's id or name needs (computed once per name: a handbook has hundreds of pages)."""
    out: set[str] = set()
    for w in words(text) - _STOP:
        out |= _SYNONYMS.get(w, {w})
    return frozenset(out)


def document_words(path: str, title: str) -> set[str]:
    """The words a document offers to the types: its file name's, its folder's and its title's,
    with their synonyms (folders further up name a team or a department, not the document)."""
    have = words("/".join(path.split("/")[-2:])) | words(title)
    for w in list(have):
        have |= _SYNONYMS.get(w, set())
    for pair, more in _PHRASES.items():
        if set(pair) <= have:
            have |= more
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if _SECURITY in (words(title) - _STOP, words(stem) - _STOP):
        have.add("information")  # a page called just "Security Policy" is the security policy
    return have


@dataclass
class Match:
    """How a document meets the types: the types all of whose words it has (best first, with the
    words that matched) and, when none does, the nearest type with the words it lacks."""

    types: list[tuple[str, list[str]]]
    nearest: tuple[str, list[str]] | None = None


def explain_types(path: str, title: str, types: list[tuple[str, list[str]]]) -> Match:
    """The document artefact types whose id or one of whose names has all its words in the
    document's path and title (``types``: id and names), best first (most words matched); and
    the nearest type when none has (at least one specific word in common, the fewest missing)."""
    have = document_words(path, title)
    scored: list[tuple[int, str, list[str]]] = []
    near: list[tuple[int, int, int, str, list[str]]] = []
    for art_id, names in types:
        best: frozenset[str] = frozenset()
        for rank, text in enumerate((art_id.replace("-", " "), *names)):
            need = _needed(text)
            if need and need <= have and len(need) > len(best):
                best = need
            elif need and (need & have) - _GENERIC:
                missing = sorted(need - have)
                near.append((len(missing), -len(need & have), rank, art_id, missing))
        if best:
            scored.append((-len(best), art_id, sorted(best)))
    found = [(a, m) for _, a, m in sorted(scored)]
    if found or not near:
        return Match(found)
    _, _, _, art_id, missing = min(near)
    return Match([], (art_id, missing))


def match_types(path: str, title: str, types: list[tuple[str, list[str]]]) -> list[str]:
    """The ids of :func:`explain_types`' matching types, best first."""
    return [a for a, _ in explain_types(path, title, types).types]
