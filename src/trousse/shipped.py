"""The shipped kit templates (``kit-templates/``), rendered for a kit's standards, language and
organisation: ``init`` renders a whole kit with them, and the readiness report renders the shipped
certification journey when a kit has none of its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trousse.models import Pack
from trousse.resources import templates_root
from trousse.templating import render_template, report_environment


def flow_list(items: list[str]) -> str:
    """A YAML flow list: ``[a, b]``."""
    return "[" + ", ".join(items) + "]"


class ShippedTemplates:
    """The template environment and context for one kit (sandboxed, strict, no autoescape)."""

    def __init__(
        self, targeted: list[Pack], lang: str, org: str, people: int | None = None, today: dt.date | None = None
    ) -> None:
        self.targeted = targeted
        self.standards = [p.id for p in targeted]
        self.root = templates_root()
        day = today or dt.date.today()
        self.env = report_environment(
            [self.root], autoescape=False, globals_={"clauses_of": self.clauses_of, "targets": self.targets}
        )
        self.context: dict[str, Any] = {
            "org": org,
            "people": people,
            "lang": lang,
            "standards": list(self.standards),
            "today": day.isoformat(),
            "year": day.year,
        }

    def clauses_of(self, process_id: str) -> str:
        """The clauses of the targeted packs that require ``process_id``, as a YAML flow list."""
        refs = []
        for pack in self.targeted:
            for pdef in pack.processes:
                if pdef.id == process_id:
                    refs += [f"{pack.id}:{c}" for c in pdef.clauses]
        return flow_list(refs)

    def targets(self, pack_id: str) -> bool:
        """Whether the kit targets the pack ``pack_id``."""
        return pack_id in self.standards

    def text(self, template: str) -> str:
        """One template (path under kit-templates) rendered."""
        return render_template(self.env, template, self.context)

    def exists(self, template: str) -> bool:
        """Whether the template ships."""
        return (self.root / template).is_file()


def render_shipped(template: str, packs: list[Pack], lang: str, org: str) -> str:
    """One shipped kit template rendered as ``init`` would render it for a kit targeting ``packs``."""
    return ShippedTemplates(packs, lang, org).text(template)
