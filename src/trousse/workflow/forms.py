"""Forms: the text a new record starts from, and the line-by-line editing that keeps its comments.

A form is a YAML file whose top-level fields each sit on one line, ``key: value  # comment``: the
kit's own (``templates/records/<artefact>.yml``), else the shipped one rendered for the kit, else
one written from the artefact type's fields. Filling a field rewrites the value on its line and
leaves the comment that explains it; a field the form lacks is added at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.errors import ConfigError
from trousse.fsio import kit_target, read_regular
from trousse.inventory import DEFAULT_FILE_SIZE
from trousse.kit import Kit
from trousse.models import ArtefactDef, RecordBase
from trousse.models.facts import Delay, percent_text
from trousse.models.placeholders import PLACEHOLDER_DATES as PLACEHOLDER_DATES
from trousse.models.placeholders import PLACEHOLDER_PEOPLE as PLACEHOLDER_PEOPLE
from trousse.models.placeholders import is_placeholder as is_placeholder

# What an audit must name (see the contract, "Audits"): its scope as soon as it is planned, its
# auditors too once its date has come. Written empty, such a list is a field left to fill.
AUDIT_PLANNED_REQUIRED = ("scope",)
AUDIT_HELD_REQUIRED = ("auditors", "scope")


def audit_required(date: Any, today: dt.date) -> tuple[str, ...]:
    """The list fields an audit dated ``date`` must name on ``today``: ``scope`` while it is
    planned (dated later), ``auditors`` and ``scope`` once held. A date that is not one (a
    placeholder) counts as held: the form is being filled."""
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            return AUDIT_HELD_REQUIRED
    planned = isinstance(date, dt.date) and date > today
    return AUDIT_PLANNED_REQUIRED if planned else AUDIT_HELD_REQUIRED


def records_left_to_fill(kit: Kit) -> list[tuple[RecordBase, str]]:
    """Every (record, field) still holding what its form left to fill: a placeholder ("First
    Last", "YYYY-MM-DD", a title "to complete") or a required field written empty (""). Computed
    once per kit read: SCH004 names each field, the calendar leaves such records unfulfilled."""
    got = kit.memo.get("records_left_to_fill")
    if got is not None:
        return got  # type: ignore[no-any-return]
    out: list[tuple[RecordBase, str]] = []
    # per artefact type: its required fields, and whether its own fields are checked (they are
    # then the record's extra fields; those of a type trousse does not know are not looked at)
    of_type: dict[str, tuple[set[str], bool]] = {}
    for rec in kit.records:
        known = of_type.get(rec.artefact)
        if known is None:
            art = kit.artefacts.get(rec.artefact)
            required = {f.id for f in art.fields if f.required} if art else set()
            known = of_type[rec.artefact] = (required, art is not None and art.kind == "record")
        required, typed = known
        extra = rec.__pydantic_extra__ if typed else None
        # the fields' values in their declared order (a large kit has tens of thousands of them)
        for name, value in (rec.__dict__ | extra).items() if extra else rec.__dict__.items():
            if value.__class__ is not str and value.__class__ is not list:
                continue  # dates, numbers, nested forms: never a placeholder
            if is_placeholder(value) or (value == "" and name in required):
                out.append((rec, name))
    kit.memo["records_left_to_fill"] = out
    return out


_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")


# A string written without quotes: an id-like word that YAML reads back as the same string.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_./@-]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value: Any) -> str:
    """``value`` written as one line of YAML (flow style for lists and mappings)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {scalar(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _split_comment(rest: str) -> tuple[str, str]:
    """The value and the comment (with its leading spaces) of what follows ``key:``."""
    text = rest
    i = 0
    quote = None
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'" and text[:i].strip() == "":
            quote = c
        elif c == "#" and i > 0 and text[i - 1] in " \t":
            j = i
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            return text[:j], text[j:]
        i += 1
    return text, ""


split_comment = _split_comment  # the value and the comment of what follows ``key:``


def set_fields(text: str, values: dict[str, Any]) -> str:
    """``text`` with each top-level field of ``values`` set (comments kept; missing fields added).
    A field written as a block (a list on the lines below it, as in an example form) becomes one
    line: its block lines go, and the first comment among them stays on the field's line."""
    lines = text.splitlines()
    out: list[str] = []
    done: set[str] = set()
    n = 0
    while n < len(lines):
        line = lines[n]
        n += 1
        m = _LINE.match(line)
        if not m or m["key"] not in values or m["key"] in done:
            out.append(line)
            continue
        _value, comment = _split_comment(m["rest"])
        while n < len(lines) and lines[n][:1] in (" ", "\t", "-") and not lines[n].startswith("---"):
            if not comment and _split_comment(lines[n])[1]:
                comment = "  " + _split_comment(lines[n])[1].lstrip()
            n += 1
        out.append(f"{m['key']}: {scalar(values[m['key']])}{comment}")
        done.add(m["key"])
    out += [f"{k}: {scalar(v)}" for k, v in values.items() if k not in done]
    return "\n".join(out) + "\n"


def renumber_comments(text: str, old: str, new: str) -> str:
    """``text`` with the comments that describe the form's numbering (prefix ``old``) telling the
    kit's (``new``): on the ``id`` line, the word ``old`` ("MRV, the year, a number (e.g.
    MRV-2026-0001)"); on any other comment, ids numbered ``old-YEAR-`` (a process id written
    ``MRV`` alone elsewhere is not a number and stays)."""
    if not old or old == new:
        return text
    word = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w])")
    numbered = re.compile(rf"(?<![\w-]){re.escape(old)}(?=-(?:\d{{4}}|YYYY|AAAA)-)")
    out = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:  # key: value  # comment
            value, comment = _split_comment(m["rest"])
            line = f"{m['key']}:{value}{(word if m['key'] == 'id' else numbered).sub(new, comment)}"
        elif line.lstrip().startswith("#"):
            line = numbered.sub(new, line)
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def field_value(text: str, key: str) -> str | None:
    """The raw value written on the line of top-level field ``key`` (None: no such line)."""
    for line in text.splitlines():
        m = _LINE.match(line)
        if m and m["key"] == key:
            return _split_comment(m["rest"])[0].strip()
    return None


def _generated(kit: Kit, art: ArtefactDef, lang: str) -> str:
    """A form written from the artefact type's fields (a kit-local type with no form)."""
    name = i18n.pick(art.name, lang)
    head = i18n.t("form.head", _lang=lang, name=name, artefact=art.id, org=kit.config.organisation.name)
    prefix = "".join(w[0] for w in art.id.split("-") if w).upper() or "REC"
    lines = [
        f"id: {prefix}-YYYY-NNNN  # {i18n.t('form.id', _lang=lang)}",
        f"artefact: {art.id}",
        f"date: {dt.date.today().isoformat()}  # {i18n.t('form.date', _lang=lang)}",
        f'title: "{name}: {i18n.t("form.to_complete", _lang=lang)}"  # {i18n.t("form.title", _lang=lang)}',
        f"author: null  # {i18n.t('form.author', _lang=lang)}",
    ]
    for f in art.fields:
        if f.id in ("id", "artefact", "date", "title", "author"):
            continue
        value = "[]" if f.type == "list" else ('""' if f.type == "text" else "null")
        notes = [i18n.pick(f.label, lang)] if f.label else []
        if f.choices:
            notes.append(i18n.t("form.values", _lang=lang, values=" | ".join(f.choices)))
        notes.append(i18n.t("form.required" if f.required else "form.optional", _lang=lang))
        lines.append(f"{f.id}: {value}  # {' ; '.join(notes) if lang == 'fr' else '; '.join(notes)}")
    return head + "\n" + "\n".join(lines) + "\n"


# A form names a fact of the kit as the shipped templates do: ``{{ facts.complaint_response_text }}``.
_FACT = re.compile(r"\bfacts\.(\w+)")
_JINJA = re.compile(r"\{\{|\{%")


def kit_facts(kit: Kit) -> dict[str, Any]:
    """The facts the kit declares (``facts:`` and ``scope`` in trousse.yml), named as ``init``
    names them in its templates (:func:`trousse.models.facts.template_facts`): ``scope``,
    ``major_incident``, ``sites``, and for each delay, percentage or scale both its trousse.yml
    text (``complaint_response``: ``10 working days``) and its text in the kit's language
    (``complaint_response_text``: ``10 jours ouvrés``). A fact not declared is absent."""
    facts, lang = kit.config.facts, kit.lang
    out: dict[str, Any] = {}
    if kit.config.scope:
        out["scope"] = kit.config.scope
    if facts.major_incident:
        out["major_incident"] = facts.major_incident
    if facts.sites:
        out["sites"] = list(facts.sites)
    for name in ("complaint_acknowledgement", "complaint_response", "maintenance_notice"):
        delay = getattr(facts, name)
        if isinstance(delay, Delay):
            out[name], out[f"{name}_text"] = str(delay), delay.text(lang)
    if facts.availability is not None:
        out["availability"] = percent_text(facts.availability, "en")
        out["availability_text"] = percent_text(facts.availability, lang)
    if facts.satisfaction_scale is not None:
        low, high = facts.satisfaction_scale
        out["satisfaction_scale"], out["satisfaction_scale_text"] = f"{low}-{high}", str(high)
    return out


def _facts_for(kit: Kit, source: str, where: str) -> dict[str, Any]:
    """The kit's facts, refused with a plain message naming the first fact the form ``where``
    uses and the kit does not declare (rather than writing a value nobody chose)."""
    facts = kit_facts(kit)
    for name in _FACT.findall(source):
        if name not in facts:
            raise ConfigError(i18n.t("wnew.fact_missing", form=where, fact=name.removesuffix("_text")))
    return facts


def render_own_form(kit: Kit, path: Path, where: str) -> str:
    """The kit's own form at ``path`` (kit-relative ``where``), its ``{{ facts.* }}`` replaced by
    the kit's values in the sandboxed template environment; a form without template syntax is
    returned as written. Only a regular file is read (never through a link: :class:`~trousse.fsio.UnsafePath`)."""
    text = read_regular(path, DEFAULT_FILE_SIZE, where).decode("utf-8")
    if not _JINJA.search(text):
        return text
    # Rendering needs jinja2: imported here, so that ``check`` (SCH004 uses audit_required) never
    # loads the template engine.
    from trousse.shipped import flow_list, yaml_plain, yaml_string  # noqa: PLC0415
    from trousse.templating import render_template, report_environment  # noqa: PLC0415

    env = report_environment(
        [path.parent],
        kit_root=kit.root,
        autoescape=False,
        filters={"flow_list": flow_list, "yaml_string": yaml_string, "yaml_plain": yaml_plain},
    )
    day = dt.date.today()
    context = {
        "facts": _facts_for(kit, text, where),
        "org": kit.config.organisation.name,
        "lang": kit.lang,
        "today": day.isoformat(),
        "year": day.year,
    }
    return render_template(env, path.name, context)


def record_form(kit: Kit, art: ArtefactDef) -> tuple[str, str]:
    """The form of a record of type ``art`` and where it came from (a kit path, ``shipped``,
    ``generated``). The kit's facts fill the ``{{ facts.* }}`` a form names (the shipped forms
    as ``init`` rendered them, but with the kit's values as trousse.yml declares them now)."""
    own = f"templates/records/{art.id}.yml"
    path = kit_target(kit.root, own)  # a linked templates/ or templates/records/ folder: refused
    if os.path.lexists(path):
        return render_own_form(kit, path, own), own
    from trousse.shipped import ShippedTemplates  # noqa: PLC0415  (jinja2: only when rendering)

    template = f"records/{kit.lang}/{art.id}.yml.j2"
    shipped = ShippedTemplates(kit.standards(), kit.lang, kit.config.organisation.name)
    if shipped.exists(template):
        source = (shipped.root / template).read_text(encoding="utf-8")
        shipped.context["facts"] = _facts_for(kit, source, template)
        return shipped.text(template), "shipped"
    return _generated(kit, art, kit.lang), "generated"
