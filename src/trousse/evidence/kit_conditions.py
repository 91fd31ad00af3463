"""The conditions of the readiness verdict about the kit's set-up, its documents, its integrity
and the standards' own conditions (pack data), one function each (see :mod:`.conditions`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from trousse import i18n
from trousse.cache import shipped_texts
from trousse.evidence.conditions import gating, separator
from trousse.evidence.dates import add_period, period_index
from trousse.evidence.model import Evidence
from trousse.evidence.periods import consecutive_quarters
from trousse.evidence.status import Condition, IntegrityItem, latest
from trousse.findings import RuleId
from trousse.i18n import pick
from trousse.models import Role
from trousse.models.pack import ReadinessDef, waived_artefacts

if TYPE_CHECKING:
    from trousse.kit import Kit

# Words the shipped templates and `init` leave where the organisation still has to write.
PLACEHOLDERS = ("à préciser", "à compléter", "to be refined", "to be completed", "todo", "tbd")


_DIGITS_SPACES = re.compile(r"[\d\s]+")


def _normal(text: str) -> str:
    """Text compared with a template: without digits (years, dates) and whitespace."""
    return _DIGITS_SPACES.sub("", text)


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_SHIPPED: dict[str, list[str]] = {}  # template name -> its literal passages, normalised


def _passages(name: str) -> list[str]:
    """The literal passages of a shipped document template's body (between its template tags),
    normalised: kept in the user's cache (:func:`~trousse.cache.shipped_texts`), one per line."""
    if name not in _SHIPPED:

        def split() -> str:
            from trousse.resources import templates_root  # noqa: PLC0415 - only when a document is checked

            path = templates_root() / name
            source = path.read_text(encoding="utf-8") if path.is_file() else ""
            parts = source.split("\n---\n", 1)  # the body follows the front matter
            body = parts[1] if len(parts) == 2 and source.startswith("---") else ""
            return "\n".join(p for p in (_normal(x) for x in _TAG.split(body)) if len(p) >= 20)

        _SHIPPED[name] = [p for p in shipped_texts(["passages"]).get(name, split).split("\n") if p]
    return _SHIPPED[name]


def passages_in(name: str, normal: str) -> bool:
    """Whether a body holds every literal passage of the shipped template ``name``, in order:
    ``normal`` is the body as :func:`_normal` writes it (compared without digits and spaces)."""
    passages = _passages(name)
    at = 0
    for p in passages:
        at = normal.find(p, at)
        if at < 0:
            return False
        at += len(p)
    return bool(passages)


def documents(kit: Kit, day: dt.date, lang: str) -> Condition:
    """Every required document is in place by ``day``: each document type a targeted standard
    marks required has a document approved by ``day`` (CMP003), within its review date, whose
    text is the organisation's own; every required item of the register has a file, and an
    approved one when only documents answer it (DOC007); and
    no approved document or process description is still template text (DOC006). Items
    trousse.yml declares not applicable with a reason are not asked for. The rules and this condition ask the same
    functions (:mod:`.adaptation`), so that they agree."""
    from trousse.evidence.adaptation import (  # noqa: PLC0415 - it imports this module
        approved_unadapted,
        register_missing,
        register_unapproved,
    )

    c = Condition("documents", True)
    packs = kit.standards()
    waived = waived_artefacts(packs, kit.config.not_applicable)  # justified in trousse.yml
    units: dict[str, set[str]] = {
        a.id: {a.id} for a in kit.artefacts.values() if a.kind == "document" and a.required and a.id not in waived
    }
    missing = {item.id for _, item in register_missing(kit)}
    problems: list[tuple[str, str]] = []
    said: set[str] = set()  # the types a missing register item already names: not said twice
    for pack in packs:
        for item in pack.documented_information:
            if not item.required or kit.config.not_applicable.get(item.id, "").strip():
                continue
            if item.id in missing:
                said |= set(item.artefacts)
                problems.append((item.id, i18n.t("rdy.docs.missing", _lang=lang, artefact=" | ".join(item.artefacts))))
    for _pack, _item, doc in register_unapproved(kit, day):  # DOC007: only a draft answers it
        problems.append((doc.file, i18n.t("rdy.docs.unapproved", _lang=lang, path=doc.file)))
    bad = {item.file: item for item, _ in approved_unadapted(kit)}
    since: list[dt.date | None] = []
    for key in sorted(units):
        arts = units[key]
        docs = sorted(
            (d for d in kit.documents if arts & set(d.types) and d.status != "obsolete"), key=lambda d: d.file
        )
        if not docs:
            if key not in missing and key not in said:
                problems.append((key, i18n.t("rdy.docs.missing", _lang=lang, artefact=" | ".join(sorted(arts)))))
            continue
        good: list[dt.date] = []
        issues: list[tuple[str, str]] = []
        for d in docs:
            if d.status != "approved" or d.approved_on is None or d.approved_on > day:
                issues.append((d.file, i18n.t("rdy.docs.unapproved", _lang=lang, path=d.file)))
            elif d.review_every and add_period(d.last_review(day) or d.approved_on, d.review_every) < day:
                due = add_period(d.last_review(day) or d.approved_on, d.review_every).isoformat()
                issues.append((d.file, i18n.t("rdy.docs.expired", _lang=lang, path=d.file, date=due)))
            elif d.file in bad:
                issues.append((d.file, i18n.t("rdy.docs.template", _lang=lang, path=d.file)))
            else:
                good.append(d.approved_on)
        if good:
            since.append(min(good))
        else:
            problems.extend(issues)
    problems = list(dict.fromkeys(problems))  # a document two reasons name is said once
    listed = {p for p, _ in problems}
    for path in sorted(bad):  # any other approved document or process still the template (DOC006)
        if path not in listed:
            problems.append((path, i18n.t("rdy.docs.template", _lang=lang, path=path)))
    problems = list(dict.fromkeys(problems))  # a document covering several types is said once
    if problems:
        c.met, c.blocking = False, list(dict.fromkeys(p for p, _ in problems))
        c.detail = separator(lang).join(text for _, text in problems)
    else:
        c.met_on = latest(since)
        c.detail = i18n.t("rdy.docs.ok", _lang=lang, count=len(units))
    return c


def integrity(kit: Kit, ev: Evidence, items: list[IntegrityItem], lang: str) -> Condition:
    """No signed record altered after signature, no EVD error (a history out of order), and no
    record or audit file that cannot be counted (a YML or SCH error: ``Evidence.uncounted``)."""
    c = Condition("integrity", True)
    problems: list[tuple[str, str]] = []
    for it in items:
        text = i18n.t(
            "rdy.integrity.altered",
            _lang=lang,
            path=it.path,
            author=it.author or "?",
            date=it.date or "?",
            commit=(it.commit or "?")[:10],
            fields=", ".join(it.fields) or "?",
        )
        problems.append((it.path, text))
    if ev.history is not None and kit.config.rules.get(RuleId.EVD008) != "off":
        for d in ev.history.disorder:
            problems.append((d.commit, i18n.t("rdy.integrity.disorder", _lang=lang, commit=d.commit[:10])))
    for u in ev.uncounted:  # check fails on them: the verdict cannot say ready
        reason = u.reason or "?"
        problems.append(
            (u.path, i18n.t("rdy.integrity.unreadable", _lang=lang, path=u.path, rule=u.rule or "?", reason=reason))
        )
    if problems:
        c.met = False
        c.blocking = sorted({p for p, _ in problems})
        c.detail = separator(lang).join(text for _, text in problems)
    else:
        c.detail = i18n.t("rdy.integrity.ok", _lang=lang)
    return c


def scope_placeholder(text: str) -> bool:
    """Whether a written scope still says it is to be written (init's placeholder); check's CMP007."""
    low = text.strip().lower()
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in PLACEHOLDERS)


def _placeholder(text: str) -> bool:
    return not text.strip() or scope_placeholder(text)


def unheld_owners(kit: Kit) -> list[tuple[Role, list[str]]]:
    """Each role that owns a process the kit does not exclude and that nobody holds, with those
    processes (sorted), in the order the processes are read: a process nobody answers for is not in
    place. An external role counts too (someone at the partner answers for it). CMP002 reports
    these roles and the readiness ``setup`` condition blocks on them: one answer for both."""
    excluded = kit.excluded_processes()
    owned: dict[str, list[str]] = {}
    for p in kit.processes:
        if p.id not in excluded:
            owned.setdefault(p.owner, []).append(p.id)
    out = []
    for role_id, processes in owned.items():
        role = kit.role(role_id)
        if role is not None and not role.holders:
            out.append((role, sorted(processes)))
    return out


def setup(kit: Kit, lang: str) -> Condition:
    """The scope is written (not init's placeholder: CMP007), every role that owns a process the kit
    does not exclude has a holder (:func:`unheld_owners`: check's CMP002 names the same roles), and
    no service or customer is still a shipped example (DOC009)."""
    c = Condition("setup", True)
    parts = []
    if _placeholder(kit.config.scope):
        c.blocking.append("trousse.yml")
        parts.append(i18n.t("rdy.setup.scope", _lang=lang))
    empty = sorted(role.id for role, _processes in unheld_owners(kit))
    if empty:
        c.blocking.extend(empty)
        parts.append(i18n.t("rdy.setup.roles", _lang=lang, items=", ".join(empty)))
    from trousse.evidence.adaptation import example_entries  # noqa: PLC0415 - it imports this module

    examples = example_entries(kit)  # DOC009's: the catalogue or customers still init's examples
    if examples:
        c.blocking.extend(sorted({e.file for e in examples}))
        parts.append(i18n.t("rdy.setup.examples", _lang=lang, items=", ".join(e.id for e in examples)))
    c.met = not parts
    c.detail = separator(lang).join(parts) or i18n.t("rdy.setup.ok", _lang=lang)
    return c


def _quarter(label: str) -> int:
    year, q = label.split("-Q")
    return int(year) * 4 + int(q) - 1


def standard(kit: Kit, ev: Evidence, rd: ReadinessDef, day: dt.date, lang: str) -> Condition:
    """A pack's own condition (``standard:<id>``), as its data describes it."""
    c = Condition(f"standard:{rd.id}", False, label=pick(rd.name, lang), hint=pick(rd.hint, lang))
    if rd.kind == "record":
        recs = [r for r in ev.records if r.artefact in rd.artefacts and r.evidence is not None and r.declared <= day]
        if recs:
            c.met = True
            c.met_on = min(max(r.declared, r.evidence) for r in recs if r.evidence)
            c.detail = i18n.t("rdy.record.some", _lang=lang, items=", ".join(sorted(r.id for r in recs)))
        else:
            c.blocking = list(rd.artefacts)
            c.detail = i18n.t("rdy.record.none", _lang=lang, artefacts=", ".join(rd.artefacts))
        return c
    shown = gating(ev)
    sets = [{_quarter(q) for q in p.quarters} for p in shown]
    common = set.intersection(*sets) if sets else set()
    met, when = consecutive_quarters(common, rd.count, day)
    last = period_index(day, "quarterly") - 1  # the last complete quarter
    c.met = met and bool(shown)
    c.met_on, c.projected_on = (when, None) if c.met else (None, when if shown else None)
    labels = ", ".join(f"{q // 4}-Q{q % 4 + 1}" for q in sorted(common)) or "—"
    if c.met:
        c.detail = i18n.t("rdy.quarters.ok", _lang=lang, quarters=labels)
    else:
        recent = range(last - rd.count + 1, last + 1)
        lacking = [p.id for p, s in zip(shown, sets, strict=True) if any(q not in s for q in recent)]
        c.blocking = lacking or [p.id for p in shown]
        c.detail = i18n.t(
            "rdy.quarters.missing", _lang=lang, quarters=labels, count=rd.count, items=", ".join(c.blocking) or "—"
        )
    return c
