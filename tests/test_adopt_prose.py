"""Approval said in a sentence of prose, as handbooks often close a document ("Approved on 12 March
2025 by Jane Doe.", « Approuvé le 12 mars 2025 par Jeanne Dupont. »): adopt reads the date and the
approver from it, in either order, and reads nothing from a sentence that only looks like one.
Issue 15's review (N3). Real git repositories, the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_adopt_reading import _plan

NAME = "policies/service-management-policy.md"
BODY = "# Service Management Policy\n\nWe run our services well.\n\nSecond paragraph.\n\nThird.\n\n"


@pytest.mark.parametrize(
    ("footer", "day", "approver"),
    [
        ("Approved on 12 March 2025 by Jane Doe.", "2025-03-12", "Jane Doe"),
        ("*Approved by the Board on 2025-03-12*", "2025-03-12", "the Board"),
        ("Approuvé le 12 mars 2025 par Jeanne Dupont.", "2025-03-12", "Jeanne Dupont"),
        ("_Approuvée le 3 février 2024 par la direction générale._", "2024-02-03", "la direction générale"),
        ("Approved for release on all platforms.", None, None),  # silent: no date, no approver
        ("Approved on Tuesday by Jane Doe.", None, None),  # silent: no day to read, nothing taken
    ],
)
def test_approval_sentence_in_the_footer(tmp_path: Path, footer: str, day: str | None, approver: str | None) -> None:
    _, plan = _plan({NAME: BODY + footer + "\n"}, tmp_path)
    doc = plan["documents"][0]
    assert (doc["approved_on"], doc["approved_by"]) == (day, approver)


def test_a_sentence_and_a_label_that_disagree_are_a_conflict(tmp_path: Path) -> None:
    text = "# Service Management Policy\n\n**Approval date:** 2025-01-10\n\nBody.\n\nMore.\n\nApproved on 12 March 2025 by Jane Doe.\n"
    _, plan = _plan({NAME: text}, tmp_path)
    assert {"path": NAME, "field": "approved_on"} in [
        {"path": c["path"], "field": c["field"]} for c in plan["conflicts"]
    ]
