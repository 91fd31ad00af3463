"""A file composed by a worker process comes back with its positions as the parse cache's flat list
(trousse.loader.pool._light); the positions rebuilt from it are exactly those the reader found, for
every shipped file and for random YAML, and such a value survives pickling (what the pool does)."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trousse.cache import encode_parsed
from trousse.resources import examples_root, standards_dir
from trousse.yamlio import Parsed, YamlProblem, dump, parse_markdown, parse_yaml, read_text


def _shipped() -> list[Path]:
    roots = [standards_dir().parent, examples_root()]
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in (".yml", ".yaml", ".md") and p.is_file())


def _round_trip(parsed: Parsed) -> Parsed:
    encoded = encode_parsed(parsed)
    light = Parsed.from_flat(parsed.data, encoded[1], parsed.body, parsed.body_line)
    return pickle.loads(pickle.dumps(light))  # noqa: S301 - our own value, in memory


def _same(parsed: Parsed) -> None:
    light = _round_trip(parsed)
    assert light.data == parsed.data and (light.body, light.body_line) == (parsed.body, parsed.body_line)
    assert light.positions == parsed.positions
    assert light.key_positions == parsed.key_positions
    for path in list(parsed.positions)[:50]:
        assert light.where(path) == parsed.where(path) and light.where_key(path) == parsed.where_key(path)


def test_every_shipped_file_gets_its_positions_back() -> None:
    checked = 0
    for path in _shipped():
        text = read_text(path.read_bytes())
        try:
            parsed = parse_markdown(text) if path.suffix == ".md" else parse_yaml(text)
        except YamlProblem:
            continue  # Markdown without front matter, templates with Jinja: not kit files
        _same(parsed)
        checked += 1
    assert checked > 200


_SCALARS = st.one_of(st.text(max_size=8), st.integers(-5, 10**6), st.booleans(), st.none(), st.dates())
_KEYS = st.text(alphabet="abcdéz-_ 1", min_size=1, max_size=6)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=6))
def test_random_yaml_gets_its_positions_back(data: dict[str, Any]) -> None:
    _same(parse_yaml(dump(data)))


def test_a_value_without_a_flat_list_keeps_its_tables() -> None:
    parsed = parse_yaml("a: 1\nb:\n  - x\n  - y\n")
    assert Parsed(parsed.data, parsed.positions, parsed.key_positions) == parsed
    assert parsed.where(("b", 1)) == (4, 5)


@pytest.mark.parametrize("flat", [[], [1 << 16 | 1]])
def test_a_short_flat_list_places_what_it_lacks_at_the_top(flat: list[int]) -> None:
    light = Parsed.from_flat({"a": {"b": 1}}, flat, None, 0)
    assert light.where(("a", "b")) == (1, 1)
