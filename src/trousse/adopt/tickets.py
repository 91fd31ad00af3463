"""``trousse import tickets``: a ticketing tool's CSV export turned into incident, request and change records.

Each tool has its column mapping (GLPI, iTop, Zammad, Jira, and a generic CSV one); the source's
id and dates are kept (``source_system``, ``source_id``, ``date`` = the ticket's opening day).
Run every day (in CI), the import commits tickets within days of their opening: git dates them.
Tickets imported long after they happened are *source-dated* (kit-format.md, "Adopters"): reported,
not counted, unless the kit accepts such evidence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.adopt.scan import MONTHS, fold, norm_date
from trousse.errors import ConfigError
from trousse.fsio import read_problem
from trousse.yamlio import YamlProblem, dump, load_plain

# field -> the column names each tool uses (compared folded: lowercase, no accents)
_COMMON: dict[str, list[str]] = {
    "priority": ["priority", "priorite", "priority_id"],
    "status": ["status", "statut", "state", "etat"],
}
MAPPINGS: dict[str, dict[str, list[str]]] = {
    "csv": {
        "id": ["id"],
        "title": ["title", "titre"],
        "date": ["date", "opened", "created"],
        "type": ["type"],
        "closed": ["closed", "closed_on", "resolved"],
        "service": ["service"],
        "requester": ["requester", "reported_by", "demandeur"],
    },
    "glpi": {
        "id": ["id"],
        "title": ["title", "titre"],
        "date": ["opening date", "date d'ouverture", "date douverture"],
        "type": ["type"],
        "closed": [
            "closing date",
            "close date",
            "date de cloture",
            "solve date",
            "resolution date",
            "date de resolution",
        ],  # fmt: skip
        "service": ["category", "categorie"],
        "requester": ["requester - requester", "requester", "demandeur - demandeur", "demandeur"],
    },
    "itop": {
        "id": ["ref", "id"],
        "title": ["title", "titre"],
        "date": ["start_date", "start date", "date de debut"],
        "type": ["finalclass", "class", "type"],
        "closed": ["close_date", "resolution_date", "date de fermeture"],
        "service": ["service_name", "service"],
        "requester": ["caller_id_friendlyname", "caller_name", "caller", "demandeur"],
    },
    "zammad": {
        "id": ["number", "#"],
        "title": ["title", "titre"],
        "date": ["created_at", "created"],
        "type": ["type"],
        "closed": ["close_at", "closed_at"],
        "service": ["group", "groupe"],
        "requester": ["customer", "client"],
    },
    "jira": {
        "id": ["issue key", "key"],
        "title": ["summary"],
        "date": ["created"],
        "type": ["issue type"],
        "closed": ["resolved", "resolution date"],
        "service": ["component/s", "components", "project name"],
        "requester": ["reporter"],
    },
}
REQUIRED = ("id", "title", "date")


@dataclass
class ImportResult:
    """What an import wrote: kit-relative paths added, updated, and unchanged tickets."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    unmapped: list[str] = field(default_factory=list)  # the tool's service values the catalogue lacks
    ignored: list[str] = field(default_factory=list)  # the export's columns trousse does not read
    no_service: list[str] = field(default_factory=list)  # record files written without a service
    # (ticket id, priority value, record file) of each ticket whose priority cannot be read
    bad_priority: list[tuple[str, str, str]] = field(default_factory=list)


def service_map(pairs: list[str]) -> dict[str, str]:
    """``--service dotcom=SVC-WEB`` options as tool value -> catalogue service id."""
    out: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise ConfigError(i18n.t("tickets.service_option", value=pair))
        out[source.strip()] = target.strip()
    return out


def ticket_day(value: str) -> dt.date | None:
    """The day of a tool's date: ISO, day-first (GLPI in French), Jira's ``14/Mar/26 10:22 AM``."""
    text = value.strip()
    if not text:
        return None
    if m := re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4})", text):  # GLPI: 14-03-2026 10:22
        text = f"{m[3]}-{m[2]}-{m[1]}"
    if (m := re.match(r"^(\d{1,2})/([A-Za-z]{3,})/(\d{2,4})", text)) is not None:
        months = {k[:3]: v for k, v in MONTHS.items()}
        month = months.get(fold(m[2])[:3])
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        if month is not None:
            try:
                return dt.date(year, month, int(m[1]))
            except ValueError:
                return None
    iso = norm_date(text)
    return dt.date.fromisoformat(iso) if iso else None


def artefact_of(kind: str) -> str:
    """The record type of a ticket's type."""
    k = fold(kind)
    if "change" in k or "changement" in k:
        return "change-record"
    if any(w in k for w in ("request", "demande", "task", "tache")):
        return "service-request-record"
    return "incident-record"


# The priorities read, whole values only (folded: lowercase, no accents, spaces collapsed); any
# other value is left out and named, never guessed from a word inside it ("not urgent").
PRIORITY_WORDS: dict[str, str] = {
    **dict.fromkeys(("critical", "critique", "highest", "major", "majeure", "very high", "tres haute",
                     "urgent", "urgente", "blocker", "bloquant", "bloquante"), "P1"),
    **dict.fromkeys(("high", "haute", "elevee", "eleve"), "P2"),
    **dict.fromkeys(("medium", "moyenne", "moyen", "normal", "normale"), "P3"),
    **dict.fromkeys(("low", "basse", "bas", "faible", "very low", "tres basse", "lowest", "minor", "mineure",
                     "trivial", "triviale"), "P4"),
}  # fmt: skip
# A bare number: GLPI 1 (very low) to 5 (very high) and 6 (major); the others 1 (most urgent) to 5.
PRIORITY_NUMBERS: dict[str, dict[str, str]] = {
    "glpi": {"1": "P4", "2": "P4", "3": "P3", "4": "P2", "5": "P1", "6": "P1"},
    "other": {"1": "P1", "2": "P2", "3": "P3", "4": "P4", "5": "P4"},
}


def priority_of(value: str, tool: str) -> str | None:
    """P1 (most urgent) to P4 from a tool's priority, read from the tables above only: ``P1`` to
    ``P5`` as written (P5, the lowest of five, is the kit's lowest), a word of PRIORITY_WORDS, a
    number, or a number followed by such a word (Zammad's ``2 normal``: the word decides). None for
    any other value: it is left out and named, never guessed."""
    v = " ".join(fold(value).replace("-", " ").split())
    if m := re.fullmatch(r"p ?([1-5])", v):
        return f"P{min(int(m[1]), 4)}"
    if v in PRIORITY_WORDS:
        return PRIORITY_WORDS[v]
    if m := re.fullmatch(r"(\d) (.+)", v):  # a number and its word: the word, when the table has it
        return PRIORITY_WORDS.get(m[2])
    return PRIORITY_NUMBERS["glpi" if tool == "glpi" else "other"].get(v)


def status_of(value: str, artefact: str) -> str:
    """The record's status from a tool's status."""
    v = fold(value)
    closed = any(w in v for w in ("closed", "clos", "ferme"))
    solved = any(w in v for w in ("solved", "resolu", "resolved", "done", "termine", "fulfilled"))
    waiting = any(w in v for w in ("pending", "waiting", "attente", "on hold"))
    if artefact == "change-record":
        return "closed" if closed else "implemented" if solved else "requested"
    if artefact == "service-request-record":
        return "closed" if closed else "fulfilled" if solved else "in-progress" if waiting else "open"
    return "closed" if closed else "resolved" if solved else "on-hold" if waiting else "open"


def _columns(header: list[str], tool: str, file: str) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field, and the columns no field reads (said to the user)."""
    folded = [fold(h).strip() for h in header]
    mapping = {**MAPPINGS[tool], **_COMMON}
    out: dict[str, int] = {}
    for key, names in mapping.items():
        for name in names:
            if name in folded:
                out[key] = folded.index(name)
                break
    missing = [k for k in REQUIRED if k not in out]
    if missing:
        raise ConfigError(
            i18n.t(
                "tickets.columns",
                file=file,
                missing=missing[0],
                tool=tool,
                found=", ".join(header) or "-",
                accepted=", ".join(f"'{name}'" for name in mapping[missing[0]]),
            )
        )
    used = set(out.values())
    return out, [h.strip() for i, h in enumerate(header) if i not in used and h.strip()]


def readable_headers(tool: str) -> str:
    """The header trousse reads for each optional field of ``tool``'s export (for the message
    that lists the columns it left out)."""
    mapping = {**MAPPINGS[tool], **_COMMON}
    return ", ".join(f"'{mapping[k][0]}'" for k in ("closed", "service", "requester", "priority", "status"))


def read_export(path: Path, tool: str) -> tuple[list[dict[str, str]], list[str]]:
    """The tickets of a CSV export (separator guessed: ``,`` ``;`` or tab), as field -> text, and
    the export's columns no field reads."""
    if tool not in MAPPINGS:
        raise ConfigError(i18n.t("tickets.tool", tool=tool))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            i18n.t("tickets.unreadable", file=str(path), error=read_problem(exc, "tickets.why."))
        ) from None
    first = text.splitlines()[0] if text else ""
    sep = max((";", ",", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    except csv.Error:
        raise ConfigError(i18n.t("tickets.unreadable", file=str(path), error=i18n.t("tickets.why.csv"))) from None
    if not rows:
        raise ConfigError(i18n.t("tickets.unreadable", file=str(path), error=i18n.t("tickets.why.empty")))
    cols, ignored = _columns(rows[0], tool, str(path))
    tickets = [{k: row[i].strip() for k, i in cols.items() if i < len(row)} for row in rows[1:] if any(row)]
    return tickets, ignored


def record_of(
    ticket: dict[str, str], tool: str, fields: dict[str, set[str]], services: dict[str, str] | None = None
) -> tuple[str, dict[str, Any], set[str]] | None:
    """(file name, record data, the keys the export did not give) of one ticket, or None when it
    has no id or no readable date. A value the export does not give is a stand-in (``priority: P3``,
    ``status: open``...), kept only when the record has none yet; a ticket without a service gets
    none (the user writes it). ``fields``: artefact id -> the field ids its type declares (only
    those are written); ``services``: the tool's service value -> the catalogue's service id
    (``--service``)."""
    source_id = ticket.get("id", "").strip()
    day = ticket_day(ticket.get("date", ""))
    if not source_id or day is None:
        return None
    artefact = artefact_of(ticket.get("type", ""))
    rid = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{tool.upper()}-{source_id}").strip("-")[:100]
    data: dict[str, Any] = {
        "id": rid,
        "artefact": artefact,
        "date": day,
        "title": ticket.get("title") or rid,
        "source_system": tool,
        "source_id": source_id,
    }
    own = fields.get(artefact, set())
    closed = ticket_day(ticket.get("closed", ""))
    service = (ticket.get("service") or "").strip()
    priority = priority_of(ticket.get("priority", ""), tool)
    given_status = bool(ticket.get("status", "").strip())
    # a closing date without a status says the ticket is closed (never "open" beside resolved_on)
    status = ticket.get("status", "") if given_status or closed is None else "closed"
    given_priority = bool(ticket.get("priority", "").strip())
    extra: dict[str, tuple[Any, bool]] = {  # key -> (value, given by the export)
        # a priority given but unreadable is left out (the import says so), never guessed
        "priority": (priority or (None if given_priority else "P3"), priority is not None),
        "service": ((services or {}).get(service, service) or None, True),
        # a change names the services it touches as a list: the ticket's one, never dropped
        "services": ([(services or {}).get(service, service)] if service else None, True),
        "reported_by": (ticket.get("requester") or "?", bool(ticket.get("requester"))),
        "requested_by": (ticket.get("requester") or "?", bool(ticket.get("requester"))),
        "status": (status_of(status, artefact), given_status or closed is not None),
        "change_type": ("emergency" if "emergency" in fold(ticket.get("type", "")) else "normal", "type" in ticket),
        "resolved_on": (closed, True),
        "fulfilled_on": (closed, True),
        "implemented_on": (closed, True),
    }
    stand_in: set[str] = set()
    for key, (value, given) in extra.items():
        if key in own and value is not None:
            data[key] = value
            if not given:
                stand_in.add(key)
    return f"records/tickets/{rid}.yml", data, stand_in


def _merged(path: Path, data: dict[str, Any], stand_in: set[str]) -> dict[str, Any]:
    """``data`` over the ticket's record already in the kit: a value the export does not give (an
    empty closing date, a column left out) never removes or replaces the one the record has, and
    fields the user added are kept."""
    try:
        old = load_plain(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return data
    if not isinstance(old, dict):
        return data
    merged = dict(old)
    for key, value in data.items():
        if key in stand_in and old.get(key) is not None:
            continue
        merged[key] = value
    return merged


def import_tickets(
    kit_root: Path,
    export: Path,
    tool: str,
    fields: dict[str, set[str]],
    services: dict[str, str] | None = None,
    known: set[str] | None = None,
) -> ImportResult:
    """Write the export's tickets as records under ``records/tickets/``; an unchanged ticket is not
    rewritten, so that a daily import only commits what changed. ``services`` maps the tool's
    service values to catalogue ids; a value written that the catalogue (``known``) lacks is listed
    once in ``unmapped``."""
    result = ImportResult()
    unmapped: set[str] = set()
    tickets, result.ignored = read_export(export, tool)
    for ticket in tickets:
        got = record_of(ticket, tool, fields, services)
        if got is None:
            continue
        name, data, stand_in = got
        value = ticket.get("priority", "").strip()
        if value and "priority" in fields.get(data["artefact"], set()) and priority_of(value, tool) is None:
            result.bad_priority.append((data["source_id"], value, name))
        path = kit_root / name
        existing = path.is_file() and not path.is_symlink()
        if existing:
            data = _merged(path, data, stand_in)
        service = data.get("service")
        named = [service, *(data.get("services") or [])] if "services" in data else [service]
        if known is not None:  # a value the catalogue lacks is named, whatever field holds it
            unmapped |= {v for v in named if isinstance(v, str) and v and v not in known}
        if "service" in fields.get(data["artefact"], set()) and not service:
            result.no_service.append(name)
        text = dump(data)
        if existing:
            if path.read_text(encoding="utf-8") == text:
                result.unchanged += 1
                continue
            result.updated.append(name)
        else:
            result.added.append(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result.unmapped = sorted(unmapped)
    return result
