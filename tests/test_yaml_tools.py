"""Every YAML file `init` and `demo` write is readable by every YAML tool (issue 11, part 6):
libyaml through PyYAML, the older libyaml in ruamel.yaml.clib that trousse's fast reader uses
(no silent fall-back to the slow pure-Python parser), and yamllint's default rules apart from
line length. Each pack in both languages, and the demo kits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from trousse import yamlio
from trousse.demo import example_files
from trousse.packs import shipped_pack_ids
from trousse.scaffold import InitOptions, plan_kit

yaml = pytest.importorskip("yaml")
linter = pytest.importorskip("yamllint.linter")
YamlLintConfig = pytest.importorskip("yamllint.config").YamlLintConfig

LINT = YamlLintConfig("extends: default\nrules:\n  line-length: disable\n  document-start: disable\n")


def _yaml_texts(files: dict[str, str]) -> dict[str, str]:
    """The YAML of each file: a .yml file whole, a Markdown file's front matter."""
    out = {}
    for name, text in files.items():
        if name.endswith((".yml", ".yaml")):
            out[name] = text
        elif name.endswith(".md") and text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end > 0:
                out[name] = text[4 : end + 1]
    return out


def _plain(value: Any) -> Any:
    """Dates as ISO text, so that both readers' results compare."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _problems(files: dict[str, str]) -> list[str]:
    problems = []
    for name, text in sorted(_yaml_texts(files).items()):
        try:
            yamlio._compose_fast(text)  # trousse's own fast path: libyaml of ruamel.yaml.clib
        except Exception as exc:  # noqa: BLE001 - any refusal is the finding
            problems.append(f"{name}: fast reader refuses it: {str(exc).splitlines()[0]}")
            continue
        try:
            theirs = yaml.load(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
        except yaml.YAMLError as exc:
            problems.append(f"{name}: PyYAML refuses it: {str(exc).splitlines()[0]}")
            continue
        ours = yamlio.parse_yaml(text).data if text.strip() else None
        if _plain(ours) != _plain(theirs):
            problems.append(f"{name}: PyYAML reads other values than trousse")
        for p in linter.run(text, LINT):
            problems.append(f"{name}:{p.line}: yamllint {p.level} {p.rule}: {p.desc}")
    return problems


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("pack", shipped_pack_ids())
def test_init_files_read_by_every_yaml_tool(pack: str, lang: str) -> None:
    files = plan_kit(InitOptions(Path("/tmp/unused"), [pack], lang, "Dupont & Fils: #1", 5, git=False))
    assert _yaml_texts(files), "no YAML file planned"
    assert _problems(files) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_init_with_every_pack_read_by_every_yaml_tool(lang: str) -> None:
    files = plan_kit(InitOptions(Path("/tmp/unused"), shipped_pack_ids(), lang, "Acme", None, git=False))
    assert _problems(files) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_files_read_by_every_yaml_tool(lang: str) -> None:
    files = {name: raw.decode("utf-8") for name, raw in example_files(lang).items()}
    assert _problems(files) == []


def test_a_plain_colon_in_a_flow_list_is_caught() -> None:
    """The check is real: the flow list that the old libyaml refuses is reported."""
    problems = _problems({"processes/X.md": "---\nid: X\nclauses: [iso20000-1-2005:4.3]\n---\n"})
    assert any("fast reader refuses it" in p for p in problems)


def test_an_unindented_sequence_is_caught() -> None:
    problems = _problems({"a.yml": "roles:\n- id: D\n"})
    assert any("indentation" in p for p in problems)
