"""Which action follows each decision of a management review: the one matching shared by ACT007
(a decision no action follows) and ``trousse new action --from-decision`` (which refuses a decision
an action already follows, so that running it twice never makes a duplicate).

An action follows decision item ``n`` when the item's ``action`` field names it (or an audit), or
when it carries ``review: <the review's id>`` with the decision as its title, or the same owner (its
``owner``, or the person who leads it, ``holder``) and due date; each action follows one decision.
An action file that is still a form to fill (it cannot be read as an action yet: SCH004 names its
unfilled fields) follows its decision too: it is there, and only waits to be filled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trousse.kit import Kit

REVIEW = "management-review-record"


@dataclass(frozen=True)
class Follower:
    """An action (read, or still a form) that names a review: ``label`` is its id, else its file."""

    label: str
    file: str
    title: str
    owner: str
    holder: str
    due: str


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


def _id(kit: Kit, path: str) -> str | None:
    """The id written in a file that cannot be read as its kind yet (a form still to fill)."""
    parsed = kit.files.get(path)
    data: Any = parsed.data if parsed is not None else None
    return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def _followers(kit: Kit, review_id: str) -> list[Follower]:
    out = [
        Follower(a.id, a.file, _norm(a.title), _norm(a.owner), _norm(a.holder), str(a.due))
        for a in kit.actions
        if a.review == review_id
    ]
    for path in sorted(kit.broken):  # an action still a form to fill (SCH004 reports its fields)
        parsed = kit.files.get(path)
        data: Any = parsed.data if parsed is not None else None
        if not path.startswith("actions/") or not isinstance(data, dict) or str(data.get("review")) != review_id:
            continue
        label = data.get("id") if isinstance(data.get("id"), str) else path
        out.append(
            Follower(
                str(label),
                path,
                _norm(data.get("title")),
                _norm(data.get("owner")),
                _norm(data.get("holder")),
                str(data.get("due")),
            )
        )
    return out


def decision_followers(kit: Kit, review: Any) -> dict[int, Follower | str]:
    """For each decision item (numbered from 1) of ``review`` (a management-review record) that an
    action follows: that action (a :class:`Follower`), or the id its ``action`` field names."""
    items = getattr(review, "decision_items", None) or []
    if not isinstance(items, list):
        return {}
    ids = {a.id for a in kit.actions} | {a.id for a in kit.audits}  # a decision may be an audit
    ids |= {i for path in kit.broken if path.startswith(("actions/", "audits/")) and (i := _id(kit, path))}
    free = _followers(kit, review.id)
    followed: dict[int, Follower | str] = {}
    entries = [(n, i) for n, i in enumerate(items, start=1) if isinstance(i, dict) and _norm(i.get("decision"))]
    for n, item in entries:  # named by the item itself
        if str(item.get("action") or "") in ids:
            followed[n] = str(item["action"])
    for n, item in entries:  # the same title first: it is what --from-decision writes
        match = next((a for a in free if a.title == _norm(item.get("decision"))), None)
        if n not in followed and match is not None:
            followed[n] = match
            free.remove(match)
    for n, item in entries:
        owner, due = _norm(item.get("owner")), item.get("due")
        if n in followed or not owner or due in (None, ""):
            continue
        match = next((a for a in free if owner in (a.owner, a.holder) and a.due == str(due)), None)
        if match is not None:
            followed[n] = match
            free.remove(match)
    return followed
