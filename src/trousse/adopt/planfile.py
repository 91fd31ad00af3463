"""A plan the user saved and edited (``--plan FILE``, JSON or YAML): its shape checked whole before anything is written.

Every value's type is checked by a pydantic model (a path as text, types as a list of the standard's
document type ids, dates written YYYY-MM-DD, a review cycle as a period, role ids the standard
knows...). A bad value is one plain line naming the entry and its key; pydantic's own words (which
speak of Python types) are never shown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from trousse import i18n
from trousse.errors import ConfigError
from trousse.models.common import SAFE_ID_RE, Period

if TYPE_CHECKING:
    from trousse.yamlio import Parsed


def _text(value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("text")
    return value.strip()


def _day(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("date")
    dt.date.fromisoformat(value.strip())  # ValueError for a day that does not exist
    return value.strip()


def _period(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("period")
    return str(Period.parse(value))


def _types(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise ValueError("types")
    return [a.strip() for a in value]


def _role(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # a name left without its role id: still to fill
    return _text(value)


def _paths(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ValueError("list")
    return value


Text = Annotated[str, BeforeValidator(_text)]
Day = Annotated[str, BeforeValidator(_day)]
Cycle = Annotated[str, BeforeValidator(_period)]
Types = Annotated[list[str], BeforeValidator(_types)]
Names = Annotated[list[str], BeforeValidator(_paths)]
RoleId = Annotated[str | None, BeforeValidator(_role)]


class PlanDocument(BaseModel):
    """One document of the plan, as ``--dry-run --format json`` writes it."""

    model_config = ConfigDict(extra="forbid")

    path: Text
    artefacts: Types = []
    owner: Text | None = None
    version: Text | None = None
    approved_on: Day | None = None
    review_every: Cycle | None = None
    id: Annotated[str, BeforeValidator(_text)] | None = None
    title: Text | None = None
    status: Literal["draft", "in-review", "approved", "obsolete"] | None = None
    approved_by: Text | None = None
    reviewed_on: Day | None = None
    effective_on: Day | None = None
    next_review: Day | None = None
    classification: Text | None = None
    why: Any = None  # how adopt found its types (what it printed; not read back)
    matched: Any = None


class PlanFile(BaseModel):
    """The whole plan file; ``conflicts``, ``to_fill`` and ``written`` are what adopt printed (not read back)."""

    model_config = ConfigDict(extra="forbid")

    documents: list[Any]
    conflicts: list[Any] = []
    unmapped_required: list[Any] = []
    roles: dict[str, RoleId] = {}
    people: dict[str, RoleId] = {}
    skipped: list[Any] = []
    files: Names = []
    extensions: Names = []
    written: list[Any] = []
    to_fill: list[Any] = []


# What each key must hold, said plainly (the message key's suffix).
_EXPECT = {
    "path": "adoptp.expect.path",
    "artefacts": "adoptp.expect.types",
    "version": "adoptp.expect.version",
    "approved_on": "adoptp.expect.date",
    "reviewed_on": "adoptp.expect.date",
    "effective_on": "adoptp.expect.date",
    "next_review": "adoptp.expect.date",
    "review_every": "adoptp.expect.period",
    "status": "adoptp.expect.status",
    "id": "adoptp.expect.id",
}


def _entry(index: int, raw: Any) -> str:
    path = raw.get("path") if isinstance(raw, dict) else None
    if isinstance(path, str) and path:
        return i18n.t("adoptp.entry_path", n=index + 1, path=path)
    return i18n.t("adoptp.entry", n=index + 1)


def _bad(file: Path, entry: str, key: str, problem: str, at: tuple[int, int] | None = None) -> ConfigError:
    if at is not None:  # a YAML plan: where the value is
        return ConfigError(
            i18n.t(
                "adoptp.bad_value_at", file=str(file), line=at[0], column=at[1], entry=entry, key=key, problem=problem
            )
        )
    return ConfigError(i18n.t("adoptp.bad_value", file=str(file), entry=entry, key=key, problem=problem))


def _load(file: Path, raw_bytes: bytes) -> tuple[Any, Parsed | None]:
    """The plan's data, and for a YAML plan its positions. A ``.yml``/``.yaml`` file is YAML; any
    other is JSON, or YAML when it does not start as JSON does (``{`` or ``[``)."""
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(i18n.t("adoptp.not_json", file=str(file))) from None
    if file.suffix.lower() not in (".yml", ".yaml") and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            raise ConfigError(i18n.t("adoptp.bad_json", file=str(file), line=exc.lineno, column=exc.colno)) from None
    from trousse.yamlio import ProblemKind, YamlProblem, parse_yaml  # noqa: PLC0415 - only for a YAML plan

    try:
        parsed = parse_yaml(text)
    except YamlProblem as exc:
        if exc.kind == ProblemKind.SHAPE:  # a list, or empty: not a plan
            raise ConfigError(i18n.t("adoptp.no_documents", file=str(file))) from None
        raise ConfigError(
            i18n.t("adoptp.bad_yaml", file=str(file), line=exc.line, column=exc.column, problem=exc.message)
        ) from None
    return parsed.data, parsed


def _problem(key: str, error_type: str) -> str:
    if error_type == "extra_forbidden":
        return i18n.t("adoptp.unknown_key")
    return i18n.t(_EXPECT.get(key, "adoptp.expect.text"))


def load_plan_file(file: Path, known_types: set[str], known_roles: set[str]) -> PlanFile:
    """The plan in ``file``, its every value checked (a :class:`ConfigError` naming the entry and
    key otherwise); its documents as :class:`PlanDocument` dumps in ``documents``."""
    try:
        raw_bytes = file.read_bytes()
    except FileNotFoundError:
        raise ConfigError(i18n.t("adoptp.no_file", file=str(file))) from None
    except OSError:
        raise ConfigError(i18n.t("adoptp.unreadable", file=str(file))) from None
    data, parsed = _load(file, raw_bytes)

    def at(*path: str | int) -> tuple[int, int] | None:
        return parsed.where(path) if parsed is not None else None

    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ConfigError(i18n.t("adoptp.no_documents", file=str(file)))
    try:
        plan = PlanFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0])
        if key in ("roles", "people") and len(err["loc"]) > 1:
            entry = i18n.t("adoptp.role_entry" if key == "roles" else "adoptp.person_entry", name=str(err["loc"][1]))
            raise _bad(
                file,
                entry,
                key,
                i18n.t("adoptp.expect.role", known=", ".join(sorted(known_roles))),
                at(key, str(err["loc"][1])),
            ) from None
        raise _bad(file, i18n.t("adoptp.top"), key, _problem(key, err["type"]), at(key)) from None
    documents: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(plan.documents):
        if not isinstance(raw, dict):
            entry = i18n.t("adoptp.entry", n=i + 1)
            if parsed is not None:
                line, column = parsed.where(("documents", i))
                entry = i18n.t("adoptp.at", line=line, column=column, entry=entry)
            raise ConfigError(i18n.t("adoptp.not_entry", file=str(file), entry=entry))
        try:
            doc = PlanDocument.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = str(err["loc"][0]) if err["loc"] else "path"
            if parsed is not None and err["type"] == "extra_forbidden":
                place: tuple[int, int] | None = parsed.where_key(("documents", i, key))
            else:
                place = at("documents", i, key) if key in raw else at("documents", i)
            raise _bad(file, _entry(i, raw), key, _problem(key, err["type"]), place) from None
        if doc.id is not None and not re.match(SAFE_ID_RE, doc.id):
            raise _bad(file, _entry(i, raw), "id", i18n.t("adoptp.expect.id"), at("documents", i, "id"))
        for art in doc.artefacts:
            if art not in known_types:
                problem = i18n.t("adoptp.unknown_type", type=art, known=", ".join(sorted(known_types)))
                raise _bad(file, _entry(i, raw), "artefacts", problem, at("documents", i, "artefacts"))
        if doc.path in seen:
            raise ConfigError(i18n.t("adoptp.twice", file=str(file), path=doc.path))
        seen.add(doc.path)
        documents.append(doc.model_dump(exclude_unset=True) | {"artefacts": doc.artefacts})
    for table, names in (("roles", plan.roles), ("people", plan.people)):
        for name, role in names.items():
            if role is not None and role not in known_roles:
                entry = i18n.t("adoptp.role_entry" if table == "roles" else "adoptp.person_entry", name=name)
                known = i18n.t("adoptp.expect.role", known=", ".join(sorted(known_roles)))
                raise _bad(file, entry, table, known, at(table, name))
    plan.documents = documents
    return plan
