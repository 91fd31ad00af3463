"""Shared pieces of the schemas: the base model, bilingual text, periods, ids."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict

# Text that may be given once or per language: "Incident" or {fr: Incident, en: Incident}.
Text = str | dict[Literal["fr", "en"], str]

Severity = Literal["error", "warning", "notice", "off"]

M = TypeVar("M", bound=BaseModel)


def new_list() -> list[Any]:
    """An empty list: a field's default. A Python function, not ``list``: pydantic reads the
    signature of every default factory when it builds a schema, and a builtin's is parsed from
    text (about a fifth of a millisecond per field, some 60 fields at each cold start)."""
    return []


def new_dict() -> dict[Any, Any]:
    """An empty mapping: a field's default (see :func:`new_list`)."""
    return {}


def defaults_of(model: type[M]) -> Callable[[], M]:
    """A field's default: ``model`` with its own defaults, built without its validator. A default
    holds no input to check, and ``model()`` had pydantic build the model's validator for that
    alone (half a millisecond for each of the half-dozen sections trousse.yml may leave out)."""

    def make() -> M:
        return model.model_construct()

    return make


class Located:
    """Where a model instance came from: the kit-relative file and the value's path in it."""

    __slots__ = ("file", "parsed", "base")

    def __init__(self, file: str, parsed: Any, base: tuple[str | int, ...]) -> None:
        self.file = file
        self.parsed = parsed
        self.base = base

    def where(self, *path: str | int) -> tuple[str, int, int]:
        """(file, line, column) of the field at ``path`` under this object."""
        if self.parsed is None:
            return (self.file, 1, 1)
        line, col = self.parsed.where(self.base + tuple(path))
        return (self.file, line, col)


class KitModel(BaseModel):
    """Base of every closed schema: unknown fields are errors, and each instance knows its place.

    The place (a :class:`Located`) is kept under ``_loc`` in pydantic's private storage, set by
    :func:`attach` only, not declared as a private attribute: a declared one has pydantic run a
    post-init hook on every instance validated (a third of a large kit's validation)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False, defer_build=True)

    def where(self, *path: str | int) -> tuple[str, int, int]:
        """(file, line, column) of ``path`` in this object's source, or (``"?"``, 1, 1)."""
        loc = location(self)
        return loc.where(*path) if loc else ("?", 1, 1)

    @property
    def file(self) -> str:
        """The kit-relative path of the file this object was read from."""
        loc = location(self)
        return loc.file if loc else "?"


def location(model: BaseModel) -> Located | None:
    """Where ``model`` was read (:func:`attach`), or None."""
    private = model.__pydantic_private__
    got = private.get("_loc") if private else None
    return got if isinstance(got, Located) else None


def locate(model: BaseModel, loc: Located | None) -> None:
    """Set where ``model`` was read."""
    private = model.__pydantic_private__
    if private is None:
        object.__setattr__(model, "__pydantic_private__", {"_loc": loc})
    else:
        private["_loc"] = loc


_NESTING: dict[type, tuple[str, ...]] = {}


def _may_nest(annotation: Any) -> bool:
    """Whether a field of this type can hold a model, a list or a mapping (what :func:`attach`
    walks into); unknown shapes count as yes."""
    if annotation is Any or annotation is object:
        return True
    origin = get_origin(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_nest(get_args(annotation)[0])
    if origin is not None:
        args = get_args(annotation)
        if origin in (Union, UnionType):
            return any(_may_nest(arg) for arg in args)
        if origin in (list, tuple, set, frozenset) and args:  # what its items may hold
            return any(_may_nest(arg) for arg in args if arg is not Ellipsis)
        if origin is dict and len(args) == 2:  # keys are never walked: what its values may hold
            return _may_nest(args[1])
        return True  # another container
    if isinstance(annotation, type):
        return issubclass(annotation, (BaseModel, list, dict, tuple))
    return True


def _nesting(cls: type[KitModel]) -> tuple[str, ...]:
    """The fields of ``cls`` that may hold something :func:`attach` walks into, found once per
    class: most records are flat, and a kit of 100,000 records is attached field by field."""
    got = _NESTING.get(cls)
    if got is None:
        got = _NESTING[cls] = tuple(name for name, info in cls.model_fields.items() if _may_nest(info.annotation))
    return got


def attach(model: Any, file: str, parsed: Any, base: tuple[str | int, ...] = ()) -> None:
    """Give ``model`` and every nested model its :class:`Located` (walks fields and lists).

    Runs once per file of the kit: it reads the instance's ``__dict__`` and sets the private
    attribute directly, which is several times faster than going through pydantic's accessors."""
    if isinstance(model, KitModel):
        locate(model, Located(file, parsed, base))
        fields = model.__dict__
        for name in _nesting(type(model)):
            value = fields.get(name)
            if isinstance(value, (KitModel, list, dict)):
                attach(value, file, parsed, base + (name,))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            if isinstance(item, (KitModel, list, dict)):
                attach(item, file, parsed, base + (i,))
    elif isinstance(model, dict):
        for key, item in model.items():
            if isinstance(item, (KitModel, list)):
                attach(item, file, parsed, base + (key,))


_UNITS = {
    "day": "days",
    "days": "days",
    "jour": "days",
    "jours": "days",
    "j": "days",
    "month": "months",
    "months": "months",
    "mois": "months",
    "quarter": "quarters",
    "quarters": "quarters",
    "trimestre": "quarters",
    "trimestres": "quarters",
    "year": "years",
    "years": "years",
    "an": "years",
    "ans": "years",
    "année": "years",
    "années": "years",
    "week": "weeks",
    "weeks": "weeks",
    "semaine": "weeks",
    "semaines": "weeks",
}
_CONSECUTIVE_WORDS = (
    "consecutive",
    "consécutifs",
    "consecutifs",
    "consécutives",
    "consecutives",
    "consécutif",
    "consecutif",
)
_CONSECUTIVE = r"consecutive|consécutifs|consecutifs|consécutives|consecutives"
# "3 consecutive quarters" (English word order) or "3 trimestres consécutifs" (French).
_CONSECUTIVE = r"(?:" + "|".join(_CONSECUTIVE_WORDS) + ")"
# "2 consecutive quarters" (English order) or "2 trimestres consécutifs" (French order).
_PERIOD = re.compile(rf"^\s*(\d+)\s+(?:({_CONSECUTIVE})\s+)?([a-zA-Zéè]+)(?:\s+({_CONSECUTIVE}))?\s*$")


# The longest period that can be written, per unit: a hundred years. Longer ones could not be
# added to a date (past year 9999) and mean nothing for evidence or reviews.
MAX_PERIOD = {"days": 36_525, "weeks": 5_218, "months": 1_200, "quarters": 400, "years": 100}


@dataclass(frozen=True)
class Period:
    """A length of time as people write it: "3 months", "7 jours", "2 consecutive quarters"."""

    count: int
    unit: Literal["days", "weeks", "months", "quarters", "years"]
    consecutive: bool = False

    @classmethod
    def parse(cls, value: Any) -> "Period":
        """Read "N days|weeks|months|quarters|years" (English or French); raise ValueError."""
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value <= MAX_PERIOD["days"]:
                raise ValueError("period_range")
            return cls(value, "days")
        if not isinstance(value, str):
            raise ValueError("period")
        m = _PERIOD.match(value.lower())
        if not m or m.group(3) not in _UNITS or (m.group(2) and m.group(4)):
            raise ValueError("period")
        unit = _UNITS[m.group(3)]
        consecutive = bool(m.group(2) or m.group(4))
        if consecutive and unit != "quarters":
            raise ValueError("period")
        if len(m.group(1)) > 6 or int(m.group(1)) > MAX_PERIOD[unit]:
            raise ValueError("period_range")
        return cls(int(m.group(1)), unit, consecutive)  # type: ignore[arg-type]

    def __str__(self) -> str:
        unit = self.unit if self.count != 1 else self.unit[:-1]
        if self.unit == "quarters" and self.consecutive:
            return f"{self.count} consecutive {unit}"
        return f"{self.count} {unit}"

    def text(self, lang: str) -> str:
        """The period in ``lang``."""
        if lang != "fr":
            return str(self)
        names = {"days": "jours", "weeks": "semaines", "months": "mois", "quarters": "trimestres", "years": "ans"}
        name = names[self.unit]
        if self.count == 1 and self.unit != "months":
            name = {"days": "jour", "weeks": "semaine", "quarters": "trimestre", "years": "an"}[self.unit]
        s = f"{self.count} {name}"
        return s + (" consécutifs" if self.count != 1 else " consécutif") if self.consecutive else s


def _period(value: Any) -> Period:
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise ValueError("period_range" if str(exc) == "period_range" else "period_format") from None


PeriodField = Annotated[Period, BeforeValidator(_period)]

# Identifiers: process and role ids are upper-case codes (INC, RGS, ITSM-CERT); artefact ids
# are kebab-case English words.
CODE_RE = r"^[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*$"
# Ids that name files (``reports/audit-<id>.md``, zip entries): letters, digits, ".", "_" and "-",
# starting with a letter or digit, at most 100 characters: never a "/", a "\\", a leading "." or
# "-", a space or a control character, so a name built from one stays in its folder.
SAFE_ID_RE = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
VERSION_RE = r"^(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*[0-9A-Za-z.+-]*$"  # a release number (0.1.0, 1.2rc1)
KEBAB_RE = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
