"""DOC008: a controlled document or a process description that contradicts a fact the kit declares once in trousse.yml
(``scope`` and ``facts:``, see :mod:`trousse.models.facts`).

Precision comes first: a document is only read where it plainly states a fact. A *statement line*
opens with the fact's label and a colon (``Périmètre :``, ``Sites:``, ``Incident majeur :``); a
*figure* (a delay, a percentage, a satisfaction scale) counts only in the sentence, list item or
table row that names the fact before it, and belongs to the nearest label before it. Quoted
guidance and example blocks, code, comments and [[...]] placeholders are not read, nor are
supplier contracts and the supplier register, whose figures are the supplier's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from trousse import i18n
from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding
from trousse.models import Document, Process
from trousse.models.common import location
from trousse.models.facts import UNIT_WORDS, Delay, Facts, percent_text

SKIPPED_ARTEFACTS = ("supplier-contract", "supplier-register")

# Statement lines: fact -> label words (fr and en), written at the start of a line before a colon.
STATEMENTS: dict[str, tuple[str, ...]] = {
    "scope": ("périmètre", "perimetre", "scope"),
    "sites": ("sites", "site"),
    "major_incident": ("incident majeur", "major incident"),
}
_STATEMENT = re.compile(r"^\s*(?:[-*]\s+)?\**\s*([^:*\n]{2,40}?)\s*\**\s*:\s*\**\s*(.+?)\s*$")

# Figures: fact -> (a word the unit must hold, or None) and the labels that name the fact.
_COMPLAINT = r"réclamation|reclamation|plainte|complain|complaint"
LABELS: dict[str, tuple[str | None, str]] = {
    "complaint_acknowledgement": (_COMPLAINT, r"accus\w*\s+(?:de\s+)?r[ée]ception|acknowledg\w*"),
    "complaint_response": (
        _COMPLAINT,
        r"\br[ée]pon(?:se|dre|d|due?)s?\b|\br[ée]pond(?:ons|ez|ent|ant)\b|\brespon(?:se|d|ds|ded)\b|\brepl(?:y|ies)\b|\banswer(?:s|ed)?\b",
    ),
    "maintenance_notice": (
        r"maintenance",
        r"annonc\w*|pr[ée]avis|à l'avance|prévenu\w*|informé\w*|\bnotice\b|announc\w*|in advance|notified",
    ),
    "availability": (None, r"\bdisponibilit[ée]s?\b|\bavailability\b|\buptime\b"),
}
_UNIT_ALT = "|".join(sorted((re.escape(w) for w in UNIT_WORDS), key=len, reverse=True))
# A rate ("7 days a week", "24 heures sur 24") is not a delay.
_RATE = r"(?!\s*(?:a|per|par|sur|/)\s*(?:week|semaine|day|jour|month|mois|year|an|\d+)\b)"
_DELAY = re.compile(rf"(?<![\d,.])(\d{{1,4}})\s*({_UNIT_ALT})(?![\w]){_RATE}", re.I)
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:[.,]\d{1,3})?)\s*%")
_SCALE = re.compile(
    r"\b(?:de|from|entre|between)\s+(\d{1,3})\s+(?:à|a|to|et|and)\s+(\d{1,3})\b(?!\s*(?:%|jour|day|heure|hour))"
    r"|(?:/|\bsur\b|\bout of\b)\s*(\d{1,3})\b(?!\s*(?:%|jour|day|heure|hour))",
    re.I,
)
_SATISFACTION = re.compile(r"satisf", re.I)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?;])\s+(?=[A-ZÀ-Ý0-9*])")  # not after "1." of a list
_PLACEHOLDER = re.compile(r"\[\[[^\]\n]*\]\]")
_TABLE_RULE = re.compile(r"[|:\-\s]+")
_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s")
# LABELS compiled: (the context in the text, any case; the context in a document type's name; the label)
_LABELS = {
    key: (
        re.compile(context, re.I) if context else None,
        re.compile(context) if context else None,
        re.compile(label, re.I),
    )
    for key, (context, label) in LABELS.items()
}


@dataclass(frozen=True)
class Unit:
    """A piece of text read as one: a table row, a list item or a sentence; ``line`` in the file,
    and where each further line of it starts (character offset, file line)."""

    text: str
    line: int
    breaks: tuple[tuple[int, int], ...] = ()

    def line_at(self, pos: int) -> int:
        """The file line of the character at ``pos``."""
        return max((n for off, n in self.breaks if off <= pos), default=self.line)


def _body_line(doc: Document | Process) -> int:
    """The file line where the document's body starts (1 when unknown)."""
    loc = location(doc)
    parsed = getattr(loc, "parsed", None) if loc else None
    return int(getattr(parsed, "body_line", 1) or 1)


@lru_cache(maxsize=64)
def _readable_lines(body: str) -> tuple[tuple[int, str], ...]:
    """The body's lines (index from 0) that are the organisation's text: no code, no comment, no
    quoted guidance or example, placeholders blanked. Kept for the next call: a body is read for
    its statement lines, then for its figures."""
    return tuple(_readable(body))


def _readable(body: str) -> Iterator[tuple[int, str]]:
    fence = comment = False
    for i, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        if comment or "<!--" in stripped:
            comment = "-->" not in stripped
            continue
        if stripped.startswith(">"):
            continue
        yield i, _PLACEHOLDER.sub(" ", line) if "[[" in line else line


def figure_units(body: str, first_line: int) -> Iterator[Unit]:
    """The table rows, list items and paragraph sentences of the body that hold a digit, each with
    its file line: the pieces of text that may write a figure (:func:`figure_clashes` reads nothing
    in the others, a delay, a percentage and a scale being written with digits)."""
    para: list[tuple[int, str]] = []

    def flush() -> Iterator[Unit]:
        if not para:
            return
        text = " ".join(t.strip() for _, t in para)
        if not _DIGIT.search(text):
            para.clear()
            return
        start = para[0][0]
        offsets = []  # character offset of each line in ``text``
        at = 0
        for n, t in para:
            offsets.append((at, n))
            at += len(t.strip()) + 1
        pos = 0
        for sentence in _SENTENCE_END.split(text):
            where = text.find(sentence, pos)
            pos = where + len(sentence)
            if not _DIGIT.search(sentence):
                continue
            line = max((n for off, n in offsets if off <= where), default=start)
            breaks = tuple((off - where, first_line + n) for off, n in offsets if where < off < pos)
            yield Unit(sentence, first_line + line, breaks)
        para.clear()

    for i, line in _readable_lines(body):
        s = line.strip()
        if not s or s.startswith("#") or s.startswith("|"):
            yield from flush()
            if s.startswith("|") and _DIGIT.search(s) and not _TABLE_RULE.fullmatch(s):
                yield Unit(s, first_line + i)
            continue
        if _LIST_ITEM.match(s):
            yield from flush()
        para.append((i, line))
    yield from flush()


def _norm(text: str) -> str:
    """Text compared with a fact: no markup, case, accents' variants, spacing or final stop."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("«", "").replace("»", "")
    text = re.sub(r"[*_`\"“”]", "", text)
    text = " ".join(text.split()).lower().rstrip(" .;")
    return text.replace(" :", ":").replace(" ;", ";")


def _delay_of(count: str, word: str) -> Delay | None:
    unit = UNIT_WORDS.get(" ".join(word.lower().split()))
    return Delay(int(count), unit) if unit else None


def _labels(facts: Facts, text: str, artefact: str = "") -> list[tuple[int, str]]:
    """(position, fact) of every declared figure fact's label in ``text`` (a label counts where
    the text or the document's type names its subject)."""
    found = []
    subject = artefact.replace("-", " ")
    spoken: dict[re.Pattern[str], bool] = {}  # whether each subject is in sight (two facts share one)
    for key, (context, named, label) in _LABELS.items():
        if getattr(facts, key) is None:
            continue
        if context and named:
            if context not in spoken:
                spoken[context] = bool(context.search(text) or named.search(subject))
            if not spoken[context]:
                continue
        found += [(m.start(), key) for m in label.finditer(text)]
    return sorted(found)


def _owner(labels: list[tuple[int, str]], pos: int) -> str | None:
    """The fact whose label comes last before ``pos``."""
    before = [key for at, key in labels if at < pos]
    return before[-1] if before else None


def _same_clause(between: str) -> bool:
    """Whether a label this far after a figure still speaks of it: a few words, no clause break."""
    return len(between) <= 30 and not any(c in between for c in ",;()")


def figure_clashes(facts: Facts, unit: Unit, lang: str, artefact: str = "") -> Iterator[tuple[str, str, str, int]]:
    """(fact, what the text writes, what the fact says, file line) for each figure of ``unit``
    that contradicts the fact it belongs to (``artefact``: the document's type, which may name
    the subject, as a complaint-handling procedure does)."""
    text = unit.text
    # a delay or a percentage is written with digits: a unit without one has no figure to judge
    labels = _labels(facts, text, artefact) if _DIGIT.search(text) else []
    if labels:
        for m in _DELAY.finditer(text):
            key = _owner(labels, m.start())
            want = getattr(facts, key) if key else None
            got = _delay_of(m.group(1), m.group(2))
            if isinstance(want, Delay) and got is not None and got != want:
                yield key or "", m.group(0), want.text(lang), unit.line_at(m.start())
        for m in _PERCENT.finditer(text):
            # "99.9 % availability", "99,9 % de disponibilité": the label right after the figure,
            # in the same clause (never across a comma, a semicolon or a bracket: "P1 pick-up at 95 %,
            # resolution at 90 %, availability at 99.5 %" gives availability only its own figure)
            after = [k for at, k in labels if at > m.end() and _same_clause(text[m.end() : at])]
            key = _owner(labels, m.start()) or (after[0] if after else None)
            if key == "availability" and facts.availability is not None:
                got_pct = float(m.group(1).replace(",", "."))
                if got_pct != facts.availability:
                    yield key, m.group(0), percent_text(facts.availability, lang), unit.line_at(m.start())
    if facts.satisfaction_scale is not None and _SATISFACTION.search(text):
        low, high = facts.satisfaction_scale
        for m in _SCALE.finditer(text):
            top = int(m.group(2) or m.group(3))
            bottom = int(m.group(1)) if m.group(1) else None
            if top != high or (bottom is not None and bottom != low):
                yield "satisfaction_scale", m.group(0).strip(), f"{low}-{high}", unit.line_at(m.start())


def _statements(
    ctx: Context, facts: Facts, scope: str, file: str, ref: str, body: str, first: int, msg_id: str
) -> Iterator[Finding]:
    """DOC008 for each line of ``body`` (starting at file line ``first``) stating a fact otherwise."""
    for i, text in _readable_lines(body):
        for key, declared in statement_clashes(facts, scope, text):
            yield ctx.finding(
                "DOC008",
                (file, first + i, 1),
                msg_id,
                ref=ref,
                fact=i18n.t(f"doc.fact.name.{key}", _lang=ctx.lang),
                value=declared,
                key="scope" if key == "scope" else f"facts.{key}",
            )


def _as_written(ctx: Context, key: str, value: str) -> str:
    """A fact as trousse.yml writes it (``10 working days``), else as trousse renders it. A French
    kit gets it as rendered (``10 jours ouvrés``): trousse.yml writes delays in English, and the
    message names the key to find it."""
    if ctx.lang != "en":
        return value
    data = ctx.kit.config_parsed.data
    facts = data.get("facts") if isinstance(data, dict) else None
    written = facts.get(key) if isinstance(facts, dict) else None
    return written.strip() if isinstance(written, str) and written.strip() else value


SERVICE_TEXTS = ("promise", "conditions")  # what the service commits to, not what it measured


def _statement_value(facts: Facts, scope: str, key: str) -> str | None:
    if key == "scope":
        return scope.strip() or None
    if key == "sites":
        return " ; ".join(facts.sites) if facts.sites else None
    return facts.major_incident


def _same(key: str, written: str, declared: str) -> bool:
    if key == "sites":
        split = re.compile(r"\s*;\s*")
        return {_norm(x) for x in split.split(written) if x.strip()} == {
            _norm(x) for x in split.split(declared) if x.strip()
        }
    return _norm(written) == _norm(declared)


def statement_clashes(facts: Facts, scope: str, line: str) -> Iterator[tuple[str, str]]:
    """(fact, declared value) when ``line`` states a fact differently."""
    m = _STATEMENT.match(line) if ":" in line else None
    if not m:
        return
    label = _norm(m.group(1))
    for key, words in STATEMENTS.items():
        if label in words:
            declared = _statement_value(facts, scope, key)
            if declared and not _same(key, m.group(2), declared):
                yield key, declared


def _figure(
    ctx: Context, message: str, where: tuple[str, int, int], ref: str, key: str, found: str, want: str
) -> Finding:
    """DOC008 for a figure that differs from the fact ``key`` (``found`` written, ``want`` declared)."""
    return ctx.finding(
        "DOC008",
        where,
        message,
        ref=ref,
        fact=i18n.t(f"doc.fact.name.{key}", _lang=ctx.lang),
        found=found,
        value=_as_written(ctx, key, want),
        key=f"facts.{key}",
    )


def _process_clashes(ctx: Context, proc: Process, facts: Facts, scope: str) -> Iterator[Finding]:
    """DOC008 for a process description: its front matter's texts (an indicator is one unit) and
    its body, read as a document's."""
    found: list[tuple[str, str, str, int]] = []
    for text, path in proc.prose():
        if text and _DIGIT.search(text):  # a figure is written with digits
            line = proc.where(*path)[1]
            found += [c for u in figure_units(text, line) for c in figure_clashes(facts, Unit(u.text, line), ctx.lang)]
    first = _body_line(proc)
    if proc.body:
        yield from _statements(ctx, facts, scope, proc.file, proc.id, proc.body, first, "doc.fact.process_statement")
        found += [c for u in figure_units(proc.body, first) for c in figure_clashes(facts, u, ctx.lang)]
    for key, got, want, at in found:
        yield _figure(ctx, "doc.fact.process", (proc.file, at, 1), proc.id, key, got, want)


def _customer_clashes(ctx: Context, facts: Facts, scope: str) -> Iterator[Finding]:
    """DOC008 for organisation/customers.yml: each customer's free texts (its name, its contact
    and each of its requirements, one unit each) read as a document's lines and figures."""
    for customer in ctx.kit.customers.customers if ctx.kit.customers else []:
        texts: list[tuple[str | None, tuple[str | int, ...]]] = [(customer.name, ("name",))]
        texts += [(customer.contact, ("contact",))]
        texts += [(text, ("requirements", i)) for i, text in enumerate(customer.requirements)]
        for text, path in texts:
            if not text:
                continue
            file, line, _ = customer.where(*path)
            yield from _statements(ctx, facts, scope, file, customer.id, text, line, "doc.fact.customer_statement")
            for key, found, want, _at in figure_clashes(facts, Unit(" ".join(text.split()), line), ctx.lang):
                yield _figure(ctx, "doc.fact.customer", (file, line, 1), customer.id, key, found, want)


@rule(
    "DOC008",
    "warning",
    fr_title="Document en contradiction avec un fait déclaré",
    en_title="Document contradicts a declared fact",
    fr="""Les valeurs que plusieurs documents répètent (périmètre, sites, délais de réponse aux
      réclamations, préavis de maintenance, disponibilité, échelle de satisfaction, critère
      d'incident majeur) sont déclarées une fois dans trousse.yml (scope et facts:). Un document
      ou une description de processus (ses indicateurs, son objectif, ses activités, tâches et
      étapes, son texte) qui les énonce autrement est signalé : une ligne « Périmètre : », « Sites : » ou « Incident
      majeur : » qui ne reprend pas le fait, ou un délai, un pourcentage ou une échelle écrit
      juste après le libellé du fait et différent de lui. Les blocs « Guide » et « Exemple », les
      contrats et le registre des fournisseurs ne sont pas lus. La promesse et les conditions des
      services du catalogue sont lues comme un document, engagement par engagement, comme le nom,
      le contact et chaque exigence des clients de organisation/customers.yml. Un
      fait non déclaré n'est pas vérifié.""",
)
def contradicts_fact(ctx: Context) -> Iterator[Finding]:
    """The values several documents repeat (scope, sites, complaint response delays, maintenance
    notice, availability, satisfaction scale, major-incident criterion) are declared once in
    trousse.yml (scope and facts:). A document or a process
    description (its indicators, objective, activities, tasks and steps, its text) that states one
    differently is reported: a line
    'Scope:', 'Sites:' or 'Major incident:' that does not repeat the fact, or a delay, a
    percentage or a scale written right after the fact's label and different from it. 'Guidance'
    and 'Example' blocks, supplier contracts and the supplier register are not read. The promise and
    conditions of the catalogue's services are read as a document's text, one commitment at a
    time, and so are the name, the contact and each requirement of the customers of
    organisation/customers.yml. A fact the kit does not declare is not checked."""
    config = ctx.kit.config
    facts, scope = config.facts, config.scope
    if facts == Facts.model_construct() and not scope.strip():  # nothing declared
        return
    for d in ctx.kit.documents:
        if d.status == "obsolete" or d.artefact in SKIPPED_ARTEFACTS or not d.body:
            continue
        first = _body_line(d)
        yield from _statements(ctx, facts, scope, d.file, d.id, d.body, first, "doc.fact.statement")
        for unit in figure_units(d.body, first):
            for key, found, want, at in figure_clashes(facts, unit, ctx.lang, d.artefact):
                yield _figure(ctx, "doc.fact.figure", (d.file, at, 1), d.id, key, found, want)
    for proc in ctx.kit.processes:
        if proc.status == "obsolete":
            continue
        yield from _process_clashes(ctx, proc, facts, scope)
    yield from _customer_clashes(ctx, facts, scope)
    for service in ctx.kit.catalogue.services if ctx.kit.catalogue else []:
        for name in SERVICE_TEXTS:  # a service's promise repeats the facts too
            text = getattr(service, name)
            if not text:
                continue
            file, line, _ = service.where(name)
            parts = [p for u in figure_units(text, line) for p in re.split(r";\s+", u.text)]  # one commitment each
            clashes = [c for p in parts for c in figure_clashes(facts, Unit(p, line), ctx.lang, "service-catalogue")]
            for key, found, want, _at in clashes:
                yield _figure(ctx, "doc.fact.service", (file, line, 1), service.id, key, found, want)
