"""The rule table: every rule has a stable id, a family, a default severity and its documentation.

A rule is a small function ``(ctx) -> Iterable[Finding]`` registered with :func:`rule`; its
docstring is its English documentation and ``fr=`` its French one (``trousse rules ID`` prints
them). Rules whose findings are made while reading the kit (YML, SCH) are declared with
:func:`declare` and have no function.

A rule is complete when it has, besides its registration here: its id in the table
``trousse.findings.RuleId``, a failing and a passing example in ``docs/<ID>.yml`` (see
:mod:`trousse.check.rules.examples`), and test cases under ``tests/rules/cases/<ID>/``. The tests
``tests/test_rule_table.py`` and ``tests/test_rule_cases.py`` name any rule that lacks one.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from trousse import i18n
from trousse.findings import Finding

if TYPE_CHECKING:
    from trousse.evidence.model import Evidence, EvidenceProvider
    from trousse.kit import Kit

Sev = Literal["error", "warning", "notice"]
RuleFunc = Callable[["Context"], Iterable[Finding]]

FAMILIES: dict[str, tuple[str, str]] = {
    "YML": ("Fichiers YAML et en-têtes lisibles", "Readable YAML files and front matter"),
    "SCH": ("Conformité aux schémas", "Schema conformance"),
    "REF": ("Références et identifiants", "References and identifiers"),
    "CMP": ("Complétude par rapport aux normes", "Completeness against the standards"),
    "DOC": ("Maîtrise des documents", "Document control"),
    "EVD": ("Preuves datées par git", "Evidence dated by git"),
    "CRT": ("Cycle de certification", "Certification cycle"),
    "AUD": ("Audits dignes de confiance", "Trustworthy audits"),
    "ACT": ("Vie des non-conformités et des actions", "Life of nonconformities and actions"),
    "CAL": ("Calendrier des activités récurrentes", "Calendar of recurring activities"),
    # Not "catalogue": the family checks each service description against the seven rules, and must
    # not read like the CAT process (service catalogue management) of ISO/IEC 20000-1:2018.
    "CAT": ("Descriptions de service selon les sept règles", "Service descriptions by the seven rules"),
}


@dataclass(frozen=True)
class Rule:
    """One rule of the table."""

    id: str
    severity: Sev
    title: tuple[str, str]  # (fr, en)
    doc_fr: str
    doc_en: str
    func: RuleFunc | None = None

    @property
    def family(self) -> str:
        """The three-letter family (YML, SCH, REF, CMP, DOC, EVD)."""
        return self.id[:3]

    def title_in(self, lang: str) -> str:
        """The one-line title in ``lang`` (French typeset as trousse's messages are)."""
        return i18n.french_typography(self.title[0]) if lang == "fr" else self.title[1]

    def doc_in(self, lang: str) -> str:
        """The documentation in ``lang`` as users read it: plain text, without the reST markup
        the docstrings use (``code``, :role:`x`), French typeset as trousse's messages are."""
        return i18n.french_typography(plain(self.doc_fr)) if lang == "fr" else plain(self.doc_en)


_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``|`([^`]+)`")


def plain(doc: str) -> str:
    """``doc`` without reST inline markup: ``x``, `x` and :role:`x` become x."""
    doc = _ROLE.sub(lambda m: m.group(1), doc)
    return _LITERAL.sub(lambda m: m.group(1) or m.group(2), doc)


REGISTRY: dict[str, Rule] = {}


def _add(r: Rule) -> None:
    if r.id in REGISTRY:
        raise ValueError(f"rule {r.id} registered twice")
    if r.family not in FAMILIES:
        raise ValueError(f"rule {r.id}: unknown family")
    REGISTRY[r.id] = r


def rule(rule_id: str, severity: Sev, *, fr_title: str, en_title: str, fr: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as rule ``rule_id``; its docstring is the English doc."""

    def wrap(func: RuleFunc) -> RuleFunc:
        _add(
            Rule(
                rule_id,
                severity,
                (fr_title, en_title),
                inspect.cleandoc(fr),
                inspect.cleandoc(func.__doc__ or ""),
                func,
            )
        )
        return func

    return wrap


def declare(rule_id: str, severity: Sev, *, fr_title: str, en_title: str, fr: str, en: str) -> None:
    """Declare a rule whose findings the loader (or another pass) makes."""
    _add(Rule(rule_id, severity, (fr_title, en_title), inspect.cleandoc(fr), inspect.cleandoc(en)))


@dataclass
class Context:
    """What a rule sees: the kit, the language of messages and the as-of date."""

    kit: Kit
    lang: str
    as_of: dt.date
    as_of_given: bool = False
    extras: dict[str, Any] = field(default_factory=dict)
    evidence_provider: EvidenceProvider | None = None  # handed by the check engine

    def finding(
        self, rule_id: str, where: tuple[str, int, int], msg_id: str, hint_id: str | None = None, **values: object
    ) -> Finding:
        """A finding of ``rule_id`` at ``where`` with message ``msg_id`` in the kit's language."""
        r = REGISTRY[rule_id]
        file, line, col = where
        message = i18n.t(msg_id, _lang=self.lang, **values)
        hint = i18n.t(hint_id, _lang=self.lang, **values) if hint_id else None
        return Finding(rule_id, r.severity, file, line, col, message, hint)

    @cached_property
    def evidence(self) -> Evidence:
        """The kit's evidence (dates from git), computed once on first use by the provider the
        engine handed over (git is only read when an EVD rule asks)."""
        if self.evidence_provider is None:
            raise RuntimeError("no evidence provider: the check engine sets one")
        return self.evidence_provider()


def rules_sorted() -> list[Rule]:
    """Every rule, by id."""
    return [REGISTRY[k] for k in sorted(REGISTRY)]
