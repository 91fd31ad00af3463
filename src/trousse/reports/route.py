"""The certification route a kit follows, read from its standard packs (``route:``): which
process describes the journey, which readiness conditions each task shows, and whether each of
its steps is done (the step tokens of :class:`trousse.models.pack.RouteTask`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from trousse.kit import Kit
from trousse.models.pack import RouteDef, route_of

DEFAULT_JOURNEY = "ITSM-CERT"


def kit_route(kit: Kit) -> RouteDef | None:
    """The route of the kit's first standard that declares one."""
    return route_of(kit.standards())


def journey_id(kit: Kit) -> str:
    """The id of the process that describes the kit's certification journey."""
    route = kit_route(kit)
    return route.process if route else DEFAULT_JOURNEY


def task_checks(kit: Kit) -> dict[str, tuple[str, ...]]:
    """For each task of the route, the readiness conditions shown with it."""
    route = kit_route(kit)
    return {t.id: tuple(t.checks) for t in route.tasks} if route else {}


def step_states(kit: Kit, met: Iterable[str], as_of: dt.date) -> dict[str, list[bool]]:
    """For each task of the route, whether each of its steps is done on ``as_of``; ``met`` are
    the ids of the readiness conditions met."""
    route = kit_route(kit)
    if route is None:
        return {}
    met_ids = set(met)
    docs = {t for d in kit.documents if d.status == "approved" for t in d.types}
    required = {p.id for pack in kit.standards() for p in pack.processes if p.required}
    cert = kit.config.certification
    kinds = {a.kind for a in kit.audits if a.date <= as_of}

    def holds(token: str) -> bool:
        head, _, arg = token.partition(":")
        if head == "document":
            return bool(docs & set(arg.split("|")))
        if head == "audit" and arg:
            return arg in kinds
        if token == "processes":
            return all(kit.process(pid) is not None for pid in required)
        if token == "body":
            return bool(cert and cert.body)
        if token == "stage1":
            return bool(cert and cert.stage1_on) or "stage1" in kinds
        if token == "external-audit":
            return bool(kinds & {"stage1", "stage2"})
        if token == "certified":
            return bool(cert and cert.certified_on)
        return token in met_ids  # a readiness condition id

    return {t.id: [all(holds(tok) for tok in step) for step in t.steps] for t in route.tasks}
