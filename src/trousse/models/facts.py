"""The kit's facts (``facts:`` in trousse.yml): values several documents repeat, declared once.

``init`` renders them into the document templates (:func:`template_facts`), and DOC008 reports a
document whose text contradicts one (see :mod:`trousse.check.rules.doc_facts`). A delay is written
as the other periods of trousse.yml are, in English units (``10 working days``); documents show it
in the kit's language (``10 jours ouvrés``). Models do no I/O: this module is data and parsing.
"""

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from trousse import i18n
from trousse.models.common import KitModel, new_list

# Delay units: canonical id -> (English singular, English plural, French singular, French plural).
DELAY_UNITS: dict[str, tuple[str, str, str, str]] = {
    "minutes": ("minute", "minutes", "minute", "minutes"),
    "hours": ("hour", "hours", "heure", "heures"),
    "working hours": ("business hour", "business hours", "heure ouvrée", "heures ouvrées"),
    "days": ("day", "days", "jour", "jours"),
    "working days": ("business day", "business days", "jour ouvré", "jours ouvrés"),
    "weeks": ("week", "weeks", "semaine", "semaines"),
    "months": ("month", "months", "mois", "mois"),
}

# Every way a document may write a unit (fr and en), to its canonical id.
UNIT_WORDS: dict[str, str] = {}
for _unit, _names in DELAY_UNITS.items():
    for _name in _names:
        UNIT_WORDS[_name] = _unit
UNIT_WORDS.update(
    {
        "working day": "working days",
        "working days": "working days",
        "working hour": "working hours",
        "working hours": "working hours",
        "jour ouvrable": "working days",
        "jours ouvrables": "working days",
        "heure ouvrable": "working hours",
        "heures ouvrables": "working hours",
        "min": "minutes",
        "h": "hours",
        "jours calendaires": "days",
        "calendar days": "days",
    }
)

_DELAY = re.compile(r"^\s*(\d{1,4})\s+([a-zA-Zéè ]+?)\s*$")
_PERCENT = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{1,3})?)\s*%\s*$")
_SCALE = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")


@dataclass(frozen=True)
class Delay:
    """A delay as a fact states it: a count and a unit (``10 working days``)."""

    count: int
    unit: str

    def text(self, lang: str) -> str:
        """The delay in ``lang`` (``10 jours ouvrés``, ``1 working day``)."""
        names = DELAY_UNITS[self.unit]
        i = (0 if self.count == 1 else 1) + (2 if lang == "fr" else 0)
        return f"{self.count} {names[i]}"

    def __str__(self) -> str:
        """As trousse.yml writes it: ``10 working days``."""
        return f"{self.count} {self.unit[:-1] if self.count == 1 else self.unit}"


def parse_delay(value: Any) -> Delay:
    """``"10 working days"`` (or the French words) as a :class:`Delay`; a schema error otherwise."""
    if isinstance(value, Delay):
        return value
    m = _DELAY.match(str(value)) if isinstance(value, str) else None
    unit = UNIT_WORDS.get(" ".join(m.group(2).lower().split())) if m else None
    if m is None or unit is None:
        raise PydanticCustomError("fact_delay", i18n.t("facts.bad_delay", value=str(value)))
    return Delay(int(m.group(1)), unit)


def parse_percent(value: Any) -> float:
    """``"99.5 %"`` or ``"99,5 %"`` as a number; a schema error otherwise."""
    m = _PERCENT.match(str(value)) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    if m is None:
        raise PydanticCustomError("fact_percent", i18n.t("facts.bad_percent", value=str(value)))
    return float(m.group(1).replace(",", "."))


def parse_scale(value: Any) -> tuple[int, int]:
    """``"1-10"`` as (1, 10); a schema error otherwise."""
    m = _SCALE.match(str(value)) if isinstance(value, (str, tuple)) else None
    if isinstance(value, tuple) and len(value) == 2:
        return (int(value[0]), int(value[1]))
    if m is None or int(m.group(1)) >= int(m.group(2)):
        raise PydanticCustomError("fact_scale", i18n.t("facts.bad_scale", value=str(value)))
    return (int(m.group(1)), int(m.group(2)))


# As editors see them (the JSON Schemas init writes): strings in the form trousse.yml writes them.
DelayField = Annotated[
    Delay,
    BeforeValidator(parse_delay),
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d{1,4}\s+[A-Za-zéè ]+$", "examples": ["10 working days"]}),
]
PercentField = Annotated[
    float,
    BeforeValidator(parse_percent),
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d{1,3}([.,]\d{1,3})?\s*%\s*$", "examples": ["99.5 %"]}),
]
ScaleField = Annotated[
    tuple[int, int],
    BeforeValidator(parse_scale),
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d{1,3}\s*-\s*\d{1,3}\s*$", "examples": ["1-10"]}),
]


class Facts(KitModel):
    """``facts:`` in trousse.yml. Every fact is optional: one not declared is not checked."""

    sites: list[str] = Field(default_factory=new_list)
    complaint_acknowledgement: DelayField | None = None
    complaint_response: DelayField | None = None
    maintenance_notice: DelayField | None = None
    availability: PercentField | None = None
    satisfaction_scale: ScaleField | None = None
    major_incident: str | None = None


def percent_text(value: float, lang: str) -> str:
    """``99,5 %`` (fr) or ``99.5 %`` (en, as trousse.yml and the templates write it); whole
    numbers without decimals."""
    num = f"{value:g}"
    return (num.replace(".", ",") if lang == "fr" else num) + " %"


def template_facts(lang: str, org: str) -> dict[str, Any]:
    """The facts a new kit starts with, as the templates show them: the values ``init`` writes
    into trousse.yml and into every document that repeats them (``scope`` is trousse.yml's
    ``scope``). Keys: the trousse.yml text (``complaint_response``) and the document text
    (``complaint_response_text``)."""
    fr = lang == "fr"
    raw: dict[str, Any] = {
        "complaint_acknowledgement": Delay(2, "working days"),
        "complaint_response": Delay(10, "working days"),
        "maintenance_notice": Delay(5, "working days"),
        "availability": 99.5,
        "satisfaction_scale": (1, 10),
    }
    out: dict[str, Any] = {
        "scope": (
            f"Services fournis par {org} à ses clients (à préciser : services, sites, clients)."
            if fr
            else f"Services provided by {org} to its customers (to be refined: services, sites, customers)."
        ),
        "major_incident": (
            "un incident qui touche plusieurs clients, dure plus de 4 heures ou touche des données"
            if fr
            else "an incident that affects several customers, lasts more than 4 hours or involves data"
        ),
    }
    for key, value in raw.items():
        if isinstance(value, Delay):
            out[key], out[f"{key}_text"] = str(value), value.text(lang)
        elif key == "availability":
            out[key], out[f"{key}_text"] = percent_text(value, "en"), percent_text(value, lang)
        else:
            out[key], out[f"{key}_text"] = f"{value[0]}-{value[1]}", str(value[1])
    return out
