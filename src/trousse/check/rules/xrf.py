"""REF011-REF012: what a record names is checked against the kit. A record that names a service,
a problem, a change, another record or a person must name one the kit knows (the catalogue, the
records, the roles); a record cannot be resolved before the day it records."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from trousse import i18n
from trousse.check.rules.registry import Context, rule
from trousse.findings import Finding
from trousse.models import RecordBase
from trousse.models.pack import FieldDef

# Field ids that name another record, with the artefact type it must have ("" = any record).
_RECORD_FIELDS = {
    "problem": "problem-record",
    "problems": "problem-record",
    "change": "change-record",
    "changes": "change-record",
    "incident": "incident-record",
    "incidents": "incident-record",
}
_SERVICE_FIELDS = ("service", "services")
_RESOLVED_FIELDS = ("resolved_on", "closed_on", "done_on")
_ROLE_LIKE = re.compile(r"^[A-Z][A-Z0-9-]{0,9}$")


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [v.strip() for v in items if isinstance(v, str) and v.strip()]  # a count is not an id


def _data(rec: RecordBase) -> dict[str, Any]:
    """A record's fields and values as written (its declared fields, then those its type allows
    beyond them), without dumping the model: these rules read its top-level values only."""
    extra = rec.__pydantic_extra__
    return {**rec.__dict__, **extra} if extra else dict(rec.__dict__)


def _fields(ctx: Context, artefact: str) -> dict[str, FieldDef]:
    art = ctx.kit.artefacts.get(artefact)
    return {f.id: f for f in art.fields} if art is not None else {}


def _unreadable(broken: set[str], files: dict[str, Any]) -> dict[str, str]:
    """The ids of the records that exist but could not be read (YAML that fails its schema, which
    SCH reports), with their file: citing one is not citing a missing record."""
    out: dict[str, str] = {}
    for name in sorted(broken):
        parsed = files.get(name)
        data = parsed.data if parsed is not None else None
        if not isinstance(data, dict) or not isinstance(data.get("artefact"), str):
            continue
        rid = data.get("id")
        if isinstance(rid, str) and rid.strip():
            out.setdefault(rid.strip(), name)
    return out


@rule(
    "REF011",
    "error",
    fr_title="Un enregistrement cite ce que la trousse ne connaît pas",
    en_title="A record names what the kit does not know",
    fr="""Un enregistrement qui cite un service, un problème, un changement, un autre enregistrement ou
      une personne cite un élément que la trousse connaît : un service du catalogue, un
      enregistrement existant du bon type, un titulaire ou un rôle de organisation/roles.yml. Un
      enregistrement cité qui existe mais ne peut être lu (son schéma est en défaut) est signalé
      comme tel, avec son fichier : corrigez d'abord le constat SCH de ce fichier.""",
)
def record_references(ctx: Context) -> Iterator[Finding]:
    """A record that names a service, a problem, a change, another record or a person names one
    the kit knows: a service of the catalogue, an existing record of the right type, a holder or a
    role of organisation/roles.yml. A cited record that exists but cannot be read (it fails its
    schema) is reported as such, with its file: fix that file's SCH finding first."""
    kit = ctx.kit
    services = {s.id for s in kit.catalogue.services} if kit.catalogue is not None else None
    by_id = {r.id: r.artefact for r in kit.records}
    unreadable = _unreadable(kit.broken, kit.files)
    people = {r.id for r in kit.roles} | {h.name for r in kit.roles for h in r.holders}
    people |= {h.email for r in kit.roles for h in r.holders if h.email}
    check_people = bool(kit.roles) and not kit.roles_broken
    for rec in kit.records:
        data = _data(rec)
        defs = _fields(ctx, rec.artefact)
        for name, value in data.items():
            fdef = defs.get(name)
            if fdef is not None and fdef.type in ("integer", "number", "boolean", "date", "duration"):
                continue  # "incidents: 14" in a service report is a count, not a reference
            if name in _SERVICE_FIELDS and services is not None:
                for v in _values(value):
                    if v not in services:
                        yield ctx.finding("REF011", rec.where(name), "xrf.service", ref=rec.id, value=v, field=name)
            elif name in _RECORD_FIELDS or (fdef is not None and (fdef.type == "record" or fdef.of == "record")):
                kind = _RECORD_FIELDS.get(name, "")
                for v in _values(value):
                    if v not in by_id and v in unreadable:  # it exists: its schema finding says why unread
                        yield ctx.finding(
                            "REF011",
                            rec.where(name),
                            "xrf.unreadable",
                            ref=rec.id,
                            value=v,
                            field=name,
                            file=unreadable[v],
                        )
                    elif v not in by_id or (kind and by_id[v] != kind):
                        shown = kind or i18n.t("xrf.any", _lang=ctx.lang)
                        yield ctx.finding(
                            "REF011", rec.where(name), "xrf.record", ref=rec.id, value=v, field=name, kind=shown
                        )
            elif check_people and fdef is not None and (fdef.type == "person" or fdef.of == "person"):
                for v in _values(value):
                    # Free names may be customers' or suppliers' contacts: only a value written as a
                    # role id (RGS, TECH...) is checked against the roles.
                    if _ROLE_LIKE.match(v) and v not in people:
                        yield ctx.finding("REF011", rec.where(name), "xrf.person", ref=rec.id, value=v, field=name)


@rule(
    "REF012",
    "error",
    fr_title="Résolu avant d'avoir eu lieu",
    en_title="Resolved before it happened",
    fr="""Un enregistrement n'est pas résolu, clos ou fait (resolved_on, closed_on, done_on) avant la date
      de l'événement qu'il enregistre (date).""",
)
def resolved_before_date(ctx: Context) -> Iterator[Finding]:
    """A record is not resolved, closed or done (resolved_on, closed_on, done_on) before the date of
    the event it records (date)."""
    for rec in ctx.kit.records:
        data = _data(rec)
        for name in _RESOLVED_FIELDS:
            value = data.get(name)
            if isinstance(value, dt.date) and value < rec.date:
                yield ctx.finding(
                    "REF012",
                    rec.where(name),
                    "xrf.resolved",
                    ref=rec.id,
                    resolved=value.isoformat(),
                    date=rec.date.isoformat(),
                    field=name,
                )
