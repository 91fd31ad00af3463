"""Whether a controlled document is the organisation's own text or still the shipped template.

The shipped document templates separate what the organisation must write from the help around it:
placeholders are written ``[[...]]`` and guidance and examples are quoted blocks that open with
``**Guide**``, ``**Guidance**``, ``**Exemple**`` or ``**Example**``. A document is *not adapted*
while it still holds a placeholder, a guidance block, or the shipped template's text (every literal
passage of the template still there, in order, or at least ``SHIPPED_SHARE`` of its own sentences
found word for word in the template as ``init`` rendered it, examples included). The DOC rule, the register and the readiness
verdict all ask this module, so that they agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from trousse.cache import save_shipped_texts, shipped_texts
from trousse.errors import TrousseError
from trousse.evidence.kit_conditions import _normal, passages_in
from trousse.yamlio import YamlProblem, load_plain, parse_markdown

if TYPE_CHECKING:
    from collections.abc import Callable

    from trousse.kit import Kit
    from trousse.models import Document, Process
    from trousse.models.pack import DocumentedInfoDef, Pack

Reason = Literal["placeholder", "guidance", "template", "header"]

PLACEHOLDER_RE = re.compile(r"\[\[[^\]\n]{1,200}\]\]")
GUIDANCE_RE = re.compile(r"^[ \t]*>[ \t]*\*\*(Guide|Guidance|Exemple|Example)\*\*", re.M)


def first_line(text: str, pattern: re.Pattern[str]) -> int | None:
    """The 1-based line of ``text`` where ``pattern`` first matches, if it does."""
    m = pattern.search(text)
    return None if m is None else text.count("\n", 0, m.start()) + 1


_RENDERED: dict[tuple[object, ...], str] = {}  # (standards, lang, org, people, "part:template") -> text


def _group(kit: Kit) -> list[str]:
    """What the shipped texts rendered for this kit depend on besides the template: its standards,
    language and organisation (one group of texts in the user's cache)."""
    org = kit.config.organisation
    return ["rendered", *kit.config.standards, "|", kit.lang, org.name, str(org.people)]


def rendered_body(kit: Kit, artefact: str) -> str:
    """The body ``init`` wrote for a document of type ``artefact`` in this kit (normalised: no
    digits, no spaces; empty when trousse ships no such template)."""
    return _rendered(kit, f"documents/{kit.lang}/{artefact}.md.j2")


def _rendered(kit: Kit, name: str) -> str:
    """The body ``init`` rendered from the shipped template ``name`` in this kit, normalised (no
    digits, no spaces; empty when trousse ships no such template)."""
    return _rendered_part(kit, name, "normal", lambda text: _normal(parse_markdown(text).body or ""))


# A document whose own text (guidance blocks, headings and sentences holding a placeholder aside)
# is at least this share shipped text, sentence by sentence, is still the template (DOC006).
SHIPPED_SHARE = 0.8
MIN_SENTENCE = 20  # letters: shorter sentences ("Yes.", a name) say nothing of who wrote them
_MARKER_RE = re.compile(r"\*\*(Guide|Guidance|Exemple|Example)\*\*\s*[—–-]?\s*")
_NEW_PARA_RE = re.compile(r"([-*+]|\d+[.)])\s|\|")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


_NOT_LETTERS_RE = re.compile(r"[\W\d_]+")


def _letters(text: str) -> str:
    """Text compared sentence by sentence: lower case, letters only (no digits, spaces, marks)."""
    return _NOT_LETTERS_RE.sub("", text.lower())


def sentences(body: str, *, own: bool) -> list[str]:
    """The sentences of a Markdown body, as :func:`_letters` writes them, of at least
    ``MIN_SENTENCE`` letters, headings and sentences holding a ``[[...]]`` placeholder aside. With
    ``own``, the guidance and example blocks are left out too (a document's own text); without,
    their text counts with the rest, markers and quote signs removed (all the shipped text)."""
    paras: list[list[str]] = []
    current: list[str] = []
    in_guide = False
    for line in body.splitlines():
        quoted = ">" in line and line.lstrip().startswith(">")
        if quoted and GUIDANCE_RE.match(line):
            in_guide = True
            if own:
                continue
        elif in_guide and quoted:
            if own:
                continue
        else:
            in_guide = False
        text = line.strip().lstrip(">").strip()
        if "**" in text:
            text = _MARKER_RE.sub("", text)
        if not text or text.startswith("#") or _NEW_PARA_RE.match(text):
            if current:
                paras.append(current)
            current = [] if not text or text.startswith("#") else [text]
            continue
        current.append(text)
    if current:
        paras.append(current)
    out: list[str] = []
    for para in paras:
        for sentence in _SENTENCE_END_RE.split(" ".join(para)):
            if "[[" in sentence:  # a placeholder (PLACEHOLDER_RE), or the start of one
                continue
            letters = _letters(sentence)
            if len(letters) >= MIN_SENTENCE:
                out.append(letters)
    return out


def shipped_share(body: str, shipped: str) -> float:
    """The share of ``body``'s own text (by letters, see :func:`sentences`) made of sentences found
    word for word in ``shipped``: the sentences of a template as ``init`` rendered it, guidance and
    examples included (:func:`shipped_sentences`), one per line; 0 when the body has no sentence
    of its own."""
    mine = sentences(body, own=True)
    total = sum(len(s) for s in mine)
    if not total:
        return 0.0
    return sum(len(s) for s in mine if s in shipped) / total


def shipped_sentences(text: str) -> str:
    """All the sentences of a shipped text (:func:`sentences`, guidance and examples included),
    one per line: what :func:`shipped_share` compares a document with."""
    return "\n".join(sentences(text, own=False))


def _rendered_raw(kit: Kit, name: str) -> str:
    """The sentences (:func:`shipped_sentences`) of the body ``init`` rendered from the shipped
    template ``name`` in this kit (empty when trousse ships no such template): kept in the user's
    cache already split, a template being compared with every document of its type."""
    return _rendered_part(kit, name, "sentences", lambda text: shipped_sentences(parse_markdown(text).body or ""))


def _rendered_part(kit: Kit, name: str, part: str, extract: Callable[[str], str]) -> str:
    """``extract`` of the text ``init`` rendered from the shipped template ``name`` in this kit
    (empty when trousse ships no such template or ``extract`` cannot read it), kept per kit
    settings and ``part``;
    shipped packs only are kept across runs (:func:`~trousse.cache.shipped_texts`, named
    ``<part>:<name>``)."""
    org = kit.config.organisation
    key = (tuple(kit.config.standards), kit.lang, org.name, org.people, f"{part}:{name}")
    if key not in _RENDERED:
        packs = kit.standards()

        def render() -> str:
            from trousse.shipped import ShippedTemplates  # noqa: PLC0415 - the template engine, on a miss only

            shipped = ShippedTemplates(packs, kit.lang, org.name, org.people)
            if not shipped.exists(name):
                return ""
            try:
                return extract(shipped.text(name))
            except (TrousseError, YamlProblem):
                return ""

        if all(pack.file.startswith("<trousse>/") for pack in packs):
            texts = kit.memo.get("shipped_texts")
            if texts is None:  # asked for each of a hundred templates: the group's file found once
                texts = kit.memo["shipped_texts"] = shipped_texts(_group(kit))
            _RENDERED[key] = texts.get(f"{part}:{name}", render)
        else:
            _RENDERED[key] = render()
    return _RENDERED[key]


def header_prose(data: Any) -> str:
    """The prose of a process description's header (front matter), as Markdown paragraphs for
    :func:`sentences`: its objective, indicators, activity descriptions, task objectives and
    justifications and step descriptions, one paragraph each (names, ids, roles and artefacts
    aside). ``data`` is the front matter as a mapping, or a :class:`~trousse.models.Process`."""
    if not isinstance(data, dict):
        return "\n\n".join(" ".join(text.split()) for text, _path in data.prose() if text.strip())

    def texts(value: Any) -> list[str]:
        return [value] if isinstance(value, str) else []

    def items(value: Any) -> list[dict[str, Any]]:
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    parts = texts(data.get("objective"))
    indicators = data.get("indicators")
    parts += [i for i in indicators if isinstance(i, str)] if isinstance(indicators, list) else []
    for activity in items(data.get("activities")):
        parts += texts(activity.get("description"))
        for task in items(activity.get("tasks")):
            parts += texts(task.get("objective")) + texts(task.get("justification"))
            for step in items(task.get("steps")):
                parts += texts(step.get("description"))
    return "\n\n".join(" ".join(p.split()) for p in parts if p.strip())


def _rendered_header(kit: Kit, name: str) -> str:
    """The sentences (:func:`shipped_sentences`) of the header prose (:func:`header_prose`)
    ``init`` rendered from the shipped process template ``name`` in this kit (empty when trousse
    ships no such template)."""

    def extract(text: str) -> str:
        data = parse_markdown(text).data
        return shipped_sentences(header_prose(data)) if isinstance(data, dict) else ""

    return _rendered_part(kit, name, "header-sentences", extract)


def header_share(kit: Kit, process: Process) -> float:
    """The share of ``process``'s header prose (by letters) made of sentences of its shipped
    template's header as ``init`` rendered it (0 when trousse ships no such template)."""
    shipped = _rendered_header(kit, f"processes/{kit.lang}/{process.id}.md.j2")
    return shipped_share(header_prose(process), shipped) if shipped else 0.0


def not_adapted(kit: Kit, doc: Document) -> list[Reason]:
    """Why ``doc`` is still template text: a placeholder, a guidance block, the template's own text
    (an empty list when the document reads as the organisation's own)."""
    reasons: list[Reason] = []
    if PLACEHOLDER_RE.search(doc.body):
        reasons.append("placeholder")
    if GUIDANCE_RE.search(doc.body):
        reasons.append("guidance")
    name = f"documents/{kit.lang}/{doc.artefact}.md.j2"
    rendered = rendered_body(kit, doc.artefact)
    raw = _rendered_raw(kit, name)
    normal = _normal(doc.body)
    if (
        (rendered and normal == rendered)
        or passages_in(name, normal)  # every literal passage of the template, in order
        or (raw and shipped_share(doc.body, raw) >= SHIPPED_SHARE)
    ):
        reasons.append("template")
    return reasons


def process_not_adapted(kit: Kit, process: Process) -> list[Reason]:
    """Why a process description is still template text, as :func:`not_adapted` says of a
    document: its shipped template is ``processes/<lang>/<ID>.md.j2``. Its header prose is judged
    as its body is (``header``: at least ``SHIPPED_SHARE`` of it is the template header's
    sentences)."""
    reasons: list[Reason] = []
    if PLACEHOLDER_RE.search(process.body):
        reasons.append("placeholder")
    if GUIDANCE_RE.search(process.body):
        reasons.append("guidance")
    name = f"processes/{kit.lang}/{process.id}.md.j2"
    rendered = _rendered(kit, name)
    raw = _rendered_raw(kit, name)
    normal = _normal(process.body)
    if (
        (rendered and normal == rendered)
        or passages_in(name, normal)
        or (raw and shipped_share(process.body, raw) >= SHIPPED_SHARE)
    ):
        reasons.append("template")
    if header_share(kit, process) >= SHIPPED_SHARE:
        reasons.append("header")
    return reasons


def approved_unadapted(kit: Kit) -> list[tuple[Document | Process, list[Reason]]]:
    """The approved documents and process descriptions still template text, with why: DOC006
    reports each, and the readiness verdict's ``documents`` condition counts none of them."""
    got = kit.memo.get("approved_unadapted")
    if got is None:  # DOC006 and the readiness verdict both ask: judge once per kit as read
        judged: list[tuple[Document | Process, list[Reason]]] = [
            (d, not_adapted(kit, d)) for d in kit.documents if d.status == "approved"
        ]
        judged += [(p, process_not_adapted(kit, p)) for p in kit.processes if p.status == "approved"]
        got = kit.memo["approved_unadapted"] = [(item, reasons) for item, reasons in judged if reasons]
        save_shipped_texts()  # the templates first rendered here: kept for the next run
    return list(got)


def register_missing(kit: Kit) -> list[tuple[Pack, DocumentedInfoDef]]:
    """The required items of the targeted standards' registers (documented_information) that no
    file of the kit answers (a document that is not obsolete, a record, a record form) and that
    trousse.yml does not declare not applicable with a reason: DOC007 reports them (but those the
    pack's own required types cover, left to CMP003 and CMP004) and the readiness verdict's
    ``documents`` condition blocks on each."""
    have = {a for d in kit.documents if d.status != "obsolete" for a in d.types}
    have |= {r.artefact for r in kit.records} | kit.broken_artefacts
    out: list[tuple[Pack, DocumentedInfoDef]] = []
    seen: set[str] = set()
    for pack in kit.standards():
        for item in pack.documented_information:
            if not item.required or item.id in seen:
                continue
            seen.add(item.id)
            if kit.config.not_applicable.get(item.id, "").strip():
                continue
            if any(a in have or kit.exists(f"templates/records/{a}.yml", True) for a in item.artefacts):
                continue
            out.append((pack, item))
    return out


def register_unapproved(kit: Kit, day: dt.date) -> list[tuple[Pack, DocumentedInfoDef, Document]]:
    """The required items of the targeted standards' registers that have a file but are not in
    place on ``day``: their only files are documents (no record, no record form of the item's
    types) and none of them is approved by ``day`` (``status: approved`` with an ``approved_on``
    on or before it). Each comes with the document to approve (the first by path). DOC007 reports
    them (but those the pack's own required types cover, left to CMP003) and the readiness
    verdict's ``documents`` condition blocks on each, so that they agree."""
    missing = {item.id for _, item in register_missing(kit)}
    recorded = {r.artefact for r in kit.records} | kit.broken_artefacts
    out: list[tuple[Pack, DocumentedInfoDef, Document]] = []
    seen: set[str] = set()
    for pack in kit.standards():
        for item in pack.documented_information:
            if not item.required or item.id in seen or item.id in missing:
                continue
            seen.add(item.id)
            if kit.config.not_applicable.get(item.id, "").strip():
                continue
            arts = set(item.artefacts)
            if arts & recorded or any(kit.exists(f"templates/records/{a}.yml", True) for a in arts):
                continue  # kept as records: nothing to approve
            docs = sorted(
                (d for d in kit.documents if arts & set(d.types) and d.status != "obsolete"), key=lambda d: d.file
            )
            if docs and not any(
                d.status == "approved" and d.approved_on is not None and d.approved_on <= day for d in docs
            ):
                out.append((pack, item, docs[0]))
    return out


# services/catalogue.yml and organisation/customers.yml as init writes them: example entries the
# organisation replaces. An entry is still the example when it is init's entry field for field,
# keeps an example id, keeps text the templates mark as to be replaced, or, whatever its id, keeps
# an example's e-mail address or most of an example's text (renaming the id adapts nothing).
EXAMPLE_FILES = {"services": "services/catalogue.yml", "customers": "organisation/customers.yml"}
EXAMPLE_IDS = frozenset({"CLI-EXEMPLE", "CUS-EXAMPLE"})
EXAMPLE_MARK_RE = re.compile(r"\b(à remplacer|à adapter|to replace|to adapt)\b", re.I)


@dataclass(frozen=True)
class ExampleEntry:
    """A service or a customer still the shipped example: its file, list (``services`` or
    ``customers``), where its id is written, its id and why (``init``: init's entry unchanged;
    ``id``: an example id; ``mark``: text marked to be replaced; ``content``: under another id,
    an example's e-mail address or most of its text)."""

    file: str
    key: str
    where: tuple[str, int, int]
    id: str
    why: Literal["init", "id", "mark", "content"]


def _shipped_entries(kit: Kit, key: str) -> dict[str, dict[str, Any]]:
    """The entries ``init`` wrote in this kit's ``key`` file, by id (empty when none ships)."""
    cache_key = (tuple(kit.config.standards), kit.lang, kit.config.organisation.name, key)
    if cache_key not in _ENTRIES:
        name = f"kit/{kit.lang}/{EXAMPLE_FILES[key]}.j2"
        entries: dict[str, dict[str, Any]] = {}
        text = _rendered_part(kit, name, "text", lambda text: text)
        if text:
            try:
                data = load_plain(text)
            except (TrousseError, YamlProblem):
                data = None
            items = data.get(key) if isinstance(data, dict) else None
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    entries[item["id"]] = item
        _ENTRIES[cache_key] = entries
        save_shipped_texts()
    return _ENTRIES[cache_key]


_ENTRIES: dict[tuple[object, ...], dict[str, dict[str, Any]]] = {}


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """An entry compared with init's: its fields as strings, without empty ones."""
    return {str(k): str(v) for k, v in data.items() if v not in (None, [], {}, "")}


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def example_entries(kit: Kit) -> list[ExampleEntry]:
    """The services and customers of the kit that are still the shipped examples (see
    :class:`ExampleEntry`), in file order."""
    got = kit.memo.get("example_entries")
    if got is None:  # DOC009 and the readiness verdict both ask: judge once per kit as read
        got = kit.memo["example_entries"] = _example_entries(kit)
    return list(got)


def _example_entries(kit: Kit) -> list[ExampleEntry]:
    out: list[ExampleEntry] = []
    lists: list[tuple[str, list[Any]]] = [
        ("services", kit.catalogue.services if kit.catalogue else []),
        ("customers", kit.customers.customers if kit.customers else []),
    ]
    for key, entries in lists:
        shipped = _shipped_entries(kit, key) if entries else {}
        for entry in entries:
            data = entry.model_dump(mode="json", exclude_defaults=True)
            why: Literal["init", "id", "mark", "content"] | None = None
            if entry.id in shipped and _plain(data) == _plain(shipped[entry.id]):
                why = "init"
            elif entry.id in EXAMPLE_IDS:
                why = "id"
            elif any(EXAMPLE_MARK_RE.search(t) for k, v in data.items() if k != "id" for t in _texts(v)):
                why = "mark"
            elif any(_like_example(data, example) for example in shipped.values()):
                why = "content"
            if why is not None:
                out.append(ExampleEntry(entry.file, key, entry.where("id"), entry.id, why))
    return out


# The fields of an entry that are ids or choices, not the example's words.
_ID_FIELDS = frozenset({"id", "kind", "category", "services", "customers", "processes", "sla"})
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _like_example(data: dict[str, Any], example: dict[str, Any]) -> bool:
    """Whether an entry (under any id) is still ``example``: it keeps the example's e-mail address
    (contact@example.com), or more than half of the example's words, by letters, are texts of the
    same field kept word for word (a list item counts on its own)."""
    mails = {m.lower() for t in _texts(example.get("contact")) for m in _EMAIL_RE.findall(t)}
    if mails & {m.lower() for t in _texts(data.get("contact")) for m in _EMAIL_RE.findall(t)}:
        return True
    total = kept = 0
    for key, value in example.items():
        if key in _ID_FIELDS:
            continue
        own = {" ".join(t.split()) for t in _texts(data.get(key))}
        for text in _texts(value):
            size = sum(map(str.isalpha, text))
            total += size
            kept += size if " ".join(text.split()) in own else 0
    return total > 0 and kept * 2 > total
