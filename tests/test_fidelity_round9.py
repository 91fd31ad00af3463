"""Issue 17, ninth round: the demo's commit messages, the months its records name, the chain of
the backup link, and the changes incidents follow.

Every commit of the demo has a real title; a month a record, action or audit names (outside the
audit findings' statements, which round 8 checks against their evidence) is the month of a record it
cites, on any day the demo is built; the backup link the continuity test exercises was installed by a
change after the supplier review that asked for it; an incident that followed an update links the
change, through the form's ``change`` field, to a change record dated before it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import demo_kit, git

from trousse.demo import ANCHOR
from trousse.yamlio import load_plain

SUBJECT = re.compile(
    r"^(?:Révision\s*:|Revised:|\w+ [A-Z]+-\d{4}-[\d-]+\s*:|Trousse de déploiement|Deployment kit)\s*(.*?)(?:\s*\(([^()]+)\))?$"
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_demo_commit_has_a_title(tmp_path: Path, lang: str) -> None:
    """No commit message of the demo has an empty title part ("Révision :  (trousse.yml)")."""
    root = demo_kit(tmp_path, lang, ANCHOR)
    subjects = git(root, "log", "--format=%s").splitlines()
    assert len(subjects) > 100
    bad = []
    for subject in subjects:
        m = SUBJECT.match(subject)
        assert m, subject
        title = m[1]
        if "  " in subject or not re.search(r"\w{3}", title.split(", version")[0]):
            bad.append(subject)
    assert not bad, bad
    revised = [s for s in subjects if s.endswith("(trousse.yml)")]
    assert revised and all("CHG-" in s for s in revised), revised
