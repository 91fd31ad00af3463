"""Turn pydantic validation errors into located, plain findings (SCH family)."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from trousse import i18n
from trousse.findings import Finding, RuleId
from trousse.models.common import SAFE_ID_RE, VERSION_RE
from trousse.models.placeholders import is_placeholder
from trousse.yamlio import Parsed

_DATE = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_type",
    "date_from_datetime_inexact",
    "date_future",
    "date_past",
}
_TEXT = {"string_type", "string_sub_type"}
_INT = {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}
_NUM = {"float_parsing", "float_type", "decimal_parsing", "decimal_type"}
_BOOL = {"bool_parsing", "bool_type"}
_LIST = {"list_type", "tuple_type", "set_type"}
_MAP = {"dict_type", "model_type", "model_attributes_type", "dataclass_type"}


def field_label(loc: tuple[Any, ...]) -> str:
    """``("activities", 0, "tasks", 1, "roles")`` → ``activities[1].tasks[2].roles``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


def _show(value: Any, lang: str | None = None) -> str:
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return i18n.t("sch.a_mapping", _lang=lang)
    if isinstance(value, list):
        return i18n.t("sch.a_list", _lang=lang)
    if value is None:  # "due:" with nothing after it
        return i18n.t("sch.nothing", _lang=lang)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    if origin in (list, tuple, set, dict):
        args = typing.get_args(annotation)
        return _unwrap(args[-1]) if args else []
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


Fields = Mapping[str, FieldInfo]  # a model's fields (``model_fields``), or a record type's


def _fields_at(fields: Fields, loc: tuple[Any, ...]) -> Fields | None:
    """The fields of the model found at ``loc`` under ``fields`` (None: no model there)."""
    current: Fields | None = fields
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.get(str(part))
        if info is None:
            return None
        nested = next(
            (c for c in _unwrap(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)),
            None,
        )
        current = nested.model_fields if nested is not None else None
    return current


def _message(
    err: dict[str, Any], fields: Fields | None, loc: tuple[Any, ...], lang: str | None = None
) -> tuple[RuleId, str]:
    """(rule id, message) for one pydantic error."""
    typ = err["type"]
    field = field_label(loc)
    value = _show(err.get("input"), lang)
    ctx = err.get("ctx") or {}
    if typ == "missing":
        return RuleId.SCH002, i18n.t("sch.missing", _lang=lang, field=field)
    if typ == "extra_forbidden":
        allowed = ""
        parent = _fields_at(fields, loc[:-1]) if fields else None
        if parent is not None:
            names = ", ".join(n for n, f in parent.items() if not f.exclude)
            allowed = i18n.t("sch.allowed", _lang=lang, names=names)
        return RuleId.SCH003, i18n.t("sch.extra", _lang=lang, field=field, allowed=allowed)
    if typ in _DATE:
        return RuleId.SCH001, i18n.t("sch.date", _lang=lang, field=field, value=value)
    if typ == "literal_error":
        expected = str(ctx.get("expected", ""))
        if (lang or i18n.language()) == "fr":
            expected = expected.replace(" or ", " ou ")
        return RuleId.SCH001, i18n.t("sch.choice", _lang=lang, field=field, value=value, expected=expected)
    if typ in _TEXT:
        return RuleId.SCH001, i18n.t("sch.text", _lang=lang, field=field, value=value)
    if typ in _INT:
        return RuleId.SCH001, i18n.t("sch.int", _lang=lang, field=field, value=value)
    if typ in _NUM:
        return RuleId.SCH001, i18n.t("sch.number", _lang=lang, field=field, value=value)
    if typ in _BOOL:
        return RuleId.SCH001, i18n.t("sch.bool", _lang=lang, field=field, value=value)
    if typ in _LIST:
        return RuleId.SCH001, i18n.t("sch.list", _lang=lang, field=field)
    if typ in _MAP:
        target = _fields_at(fields, loc) if fields else None
        if target is not None and isinstance(
            err.get("input"), str
        ):  # say which fields are expected (a holder: name, email, since)
            names = ", ".join(n for n, f in target.items() if not f.exclude)
            return RuleId.SCH001, i18n.t("sch.mapping_fields", _lang=lang, field=field, value=value, names=names)
        return RuleId.SCH001, i18n.t("sch.mapping", _lang=lang, field=field)
    if typ == "too_short":
        return RuleId.SCH001, i18n.t("sch.empty", _lang=lang, field=field)
    if typ == "string_pattern_mismatch":
        forms = {SAFE_ID_RE: "sch.form.safe_id", VERSION_RE: "sch.form.version"}
        form = forms.get(str(ctx.get("pattern")), "sch.form.kebab")
        return RuleId.SCH001, i18n.t("sch.pattern", _lang=lang, field=field, value=value, form=i18n.t(form, _lang=lang))
    if typ in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt", ""))
        return RuleId.SCH001, i18n.t("sch.min", _lang=lang, field=field, value=value, limit=limit)
    if typ == "value_error" and "period_range" in str(err.get("msg", "")):
        return RuleId.SCH001, i18n.t("sch.period_range", _lang=lang, field=field, value=value)
    if typ == "value_error" and "period_format" in str(err.get("msg", "")):
        return RuleId.SCH001, i18n.t("sch.period", _lang=lang, field=field, value=value)
    return RuleId.SCH001, i18n.t("sch.other", _lang=lang, field=field, message=err.get("msg", typ))


def schema_findings(
    exc: ValidationError | list[Any],
    parsed: Parsed,
    file: str,
    model: type[BaseModel] | None = None,
    base: tuple[Any, ...] = (),
    lang: str | None = None,
    fields: Fields | None = None,
) -> list[Finding]:
    """One SCH finding per pydantic error (of ``exc``, or the list of them), at the offending
    value's line and column; messages in ``lang`` (default: the active language). The fields
    named in messages are ``model``'s, or ``fields`` (a record type's)."""
    out: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    data = parsed.data if not base and isinstance(parsed.data, dict) else {}
    if fields is None and model is not None:
        fields = model.model_fields
    errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else exc
    for err in errors:
        loc = _clean_loc(tuple(err["loc"]), fields)
        # A value that fails every branch of a union gives one error per branch: report it once.
        if loc in seen:
            continue
        seen.add(loc)
        rule, message = _message(dict(err), fields, loc, lang)
        if len(loc) == 1 and loc[0] in data and _to_fill(fields, str(loc[0]), data[loc[0]]):
            rule, message = RuleId.SCH004, i18n.t("sch.left_to_fill", _lang=lang, field=loc[0])
        full = base + loc
        if err["type"] == "extra_forbidden":
            line, col = parsed.where_key(full)
        else:
            line, col = parsed.where(full)
        out.append(Finding(rule, "error", file, line, col, message))
    # A file a form left half-filled is refused for one field: name every other one left to fill
    # in the same pass, so that the user is not told them one ``check`` at a time.
    for key, value in data.items():
        if (key,) not in seen and _to_fill(fields, str(key), value):
            line, col = parsed.where((key,))
            out.append(
                Finding(RuleId.SCH004, "error", file, line, col, i18n.t("sch.left_to_fill", _lang=lang, field=key))
            )
    return out


def _to_fill(fields: Fields | None, name: str, value: Any) -> bool:
    """Whether a top-level field holds what a form left to fill: a placeholder ("First Last",
    "YYYY-MM-DD"...), or nothing where ``fields`` require a value."""
    if is_placeholder(value):
        return True
    info = fields.get(name) if fields is not None else None
    return info is not None and info.is_required() and value in (None, "")


def _clean_loc(loc: tuple[Any, ...], fields: Fields | None) -> tuple[Any, ...]:
    """Drop the union branch names pydantic adds to a location ("str", "dict[...]"), keeping
    real field names even when they look like one (a field called ``date``)."""
    out: list[Any] = []
    current = fields
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            continue
        if current is not None and part in current:
            out.append(part)
            current = _fields_at(current, (part,))
            continue
        if _is_branch(str(part)):
            continue
        out.append(part)
        current = None
    return tuple(out)


def _is_branch(part: str) -> bool:
    return (
        "[" in part
        or part in {"str", "int", "float", "bool", "date", "list", "dict"}
        or part.startswith(("function-", "literal[", "Literal["))
    )
