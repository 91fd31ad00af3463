"""The CI and editor files `init` writes speak the kit's language in their comments and step names,
and do the same thing in both languages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from trousse.scaffold import InitOptions, plan_kit
from trousse.yamlio import load_plain

CI_FILES = (".github/workflows/trousse.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml", ".gitignore")


def _kit(lang: str) -> dict[str, str]:
    opts = InitOptions(Path("k"), ["iso20000-1-2018"], lang, "Acme", 4, pre_commit=True, today=dt.date(2026, 3, 2))
    return plan_kit(opts)


def _comments(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"(?:^|\s)#\s(.*)$", text, re.M)]


def _without_names(data: Any) -> Any:
    """The YAML data without what is translated: the GitHub steps' display names and the job
    summary's headings."""
    if isinstance(data, str):
        return "\n".join(line for line in data.splitlines() if 'echo "## ' not in line)
    if isinstance(data, dict):
        return {k: _without_names(v) for k, v in data.items() if k != "name" or not isinstance(v, str)}
    if isinstance(data, list):
        return [_without_names(v) for v in data]
    return data


@pytest.mark.parametrize("path", CI_FILES)
def test_comments_are_in_the_kit_language(path: str) -> None:
    fr, en = _kit("fr")[path], _kit("en")[path]
    fr_comments, en_comments = _comments(fr), _comments(en)
    assert fr_comments and len(fr_comments) == len(en_comments)
    assert not set(fr_comments) & set(en_comments), "an English comment left in the French file"
    english = re.compile(r"\b(the|every|with|without|only|to|this|not kept|once)\b")
    assert [c for c in fr_comments if english.search(c)] == []


@pytest.mark.parametrize("path", CI_FILES[:3])
def test_both_languages_do_the_same_thing(path: str) -> None:
    fr, en = load_plain(_kit("fr")[path]), load_plain(_kit("en")[path])
    assert _without_names(fr) == _without_names(en)


def test_github_step_names_are_translated() -> None:
    fr = load_plain(_kit("fr")[".github/workflows/trousse.yml"])
    names = [s["name"] for s in fr["jobs"]["check"]["steps"] if "name" in s]
    assert "Vérifier" in names and not any(n.startswith("Install ") for n in names)


def test_json_editor_files_have_no_comment_to_translate() -> None:
    """.vscode's files are plain JSON (no comments): the same in both languages."""
    fr, en = _kit("fr"), _kit("en")
    for path in (".vscode/settings.json", ".vscode/extensions.json"):
        assert fr[path] == en[path] and "//" not in fr[path]
