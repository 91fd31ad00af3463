"""Small files that would crash the interpreter or exhaust memory (deep nesting, billion laughs,
too many values) and kit templates that would allocate gigabytes, loop without end or recurse:
each is one finding or one exit-2 line, within a memory limit and seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import commit_all, write_files
from hostile_support import assert_clean_exit, committed_kit, snapshot, trousse

RECORD = "records/inc/INC-2026-0009.yml"
HEAD = "id: INC-2026-0009\nartefact: incident-record\ndate: 2026-04-02\ntitle: Essai\npriority: P4\n"


def _laughs(levels: int = 9, width: int = 10) -> str:
    names = [f"l{i}" for i in range(levels + 1)]
    out = f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]\n"
    for prev, name in zip(names, names[1:], strict=False):
        out += f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]\n"
    return out


YAML_BOMBS = {
    "flow-100k": ("notes: " + "[" * 100_000 + "]" * 100_000 + "\n", "YML010"),
    "flow-unclosed-1M": ("notes: " + "[" * 1_000_000 + "\n", "YML010"),
    "mapping-100k": ("notes: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n", "YML010"),
    "block-deep": ("notes:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(3000)) + "\n", "YML010"),
    "sequence-deep": ("notes:\n" + "".join(" " * (2 * i + 1) + "-\n" for i in range(3000)), "YML010"),
    "billion-laughs": (_laughs(), "YML012"),
    "many-values": ("notes: [" + "0," * 300_000 + "0]\n", "YML011"),
    "many-aliases": ("a: &a x\nnotes: [" + "*a," * 300_000 + "*a]\n", "YML011"),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return committed_kit(tmp_path_factory.mktemp("base"))


def _copy(base: Path, tmp_path: Path) -> Path:
    import shutil

    kit = tmp_path / "kit"
    shutil.copytree(base, kit, symlinks=True)
    return kit


@pytest.mark.parametrize("name", sorted(YAML_BOMBS))
def test_yaml_bomb_in_a_record_is_one_finding(base: Path, tmp_path: Path, name: str) -> None:
    text, rule = YAML_BOMBS[name]
    kit = _copy(base, tmp_path)
    write_files(kit, {RECORD: HEAD + text})
    run = trousse("check", str(kit), "--format", "json")
    assert_clean_exit(run, 1)
    found = [(f["rule"], f["path"]) for f in json.loads(run.out)["findings"]]
    # a bomb larger than the file-size cap (5 MiB) is refused before it is parsed (YML008)
    assert (rule, RECORD) in found or ("YML008", RECORD) in found, found
    assert run.seconds < 30


@pytest.mark.parametrize("name", ["flow-100k", "billion-laughs", "block-deep"])
def test_yaml_bomb_in_front_matter_and_packs(base: Path, tmp_path: Path, name: str) -> None:
    text, rule = YAML_BOMBS[name]
    kit = _copy(base, tmp_path)
    proc = (kit / "processes" / "INC.md").read_text(encoding="utf-8")
    write_files(
        kit,
        {
            "processes/INC.md": proc.replace("objective:", text.replace("notes:", "extra:") + "objective:", 1),
            "standards/evil.yml": "id: evil\n" + text,
        },
    )
    run = trousse("check", str(kit), "--format", "json")
    assert_clean_exit(run, 1)
    found = {(f["rule"], f["path"]) for f in json.loads(run.out)["findings"]}
    assert {(rule, "processes/INC.md"), (rule, "standards/evil.yml")} <= found, found


def test_yaml_bomb_in_trousse_yml_is_exit_2(base: Path, tmp_path: Path) -> None:
    kit = _copy(base, tmp_path)
    config = (kit / "trousse.yml").read_text(encoding="utf-8")
    write_files(kit, {"trousse.yml": config + _laughs()})
    for command in (("check",), ("evidence",), ("report", "readiness")):
        run = trousse(*command, str(kit))
        assert_clean_exit(run, 2)
        assert "trousse.yml" in run.err and len(run.err.strip().splitlines()) == 1


# ---------------------------------------------------------------- kit templates
TEMPLATES = {
    "string-multiplication": ('{{ "x" * 10000000000 }}', "1000000"),
    "list-multiplication": ("{{ ([0] * 100000000)|length }}", "1000000"),
    "doubling": (
        '{% set ns = namespace(s="xxxxxxxx") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "1000000",
    ),
    "power": ("{{ 7 ** 100000000 }}", "4096"),
    "huge-range": ("{{ range(10000000000)|list|length }}", "MAX_RANGE"),
    "padding": ('{{ "x"|center(2000000000) }}{{ "x".zfill(2000000000) }}', "1000000"),
    "format-width": ('{{ "%2000000000s" % 1 }}', "1000000"),
    "endless-loop": (
        "{% set r = range(100000)|list %}{% for a in r %}{% for b in r %}{% for c in r %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "TROUSSE_RENDER_SECONDS",
    ),
    "recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}\n\n{{ f(1) }}", "line 1"),
    "self-include": ('{% include "readiness.md.j2" %}', "readiness.md.j2"),
    "division": ("\n{{ 1 / 0 }}", "line 2"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_hostile_report_template_is_exit_2_at_its_file(base: Path, tmp_path: Path, name: str) -> None:
    source, expected = TEMPLATES[name]
    kit = _copy(base, tmp_path)
    write_files(kit, {"templates/reports/readiness.md.j2": source})
    before = snapshot(tmp_path, skip=(kit / "reports",))
    run = trousse(
        "report", "readiness", str(kit), "--lang", "en", "--as-of", "2026-11-23", env={"TROUSSE_RENDER_SECONDS": "3"}
    )
    assert_clean_exit(run, 2)
    assert len(run.err.strip().splitlines()) == 1, run.err
    assert "readiness.md.j2" in run.err and expected in run.err, run.err
    assert run.seconds < 30
    after = snapshot(tmp_path, skip=(kit / "reports",))
    assert {k for k in after if k not in before} <= {str(p) for p in after if "/.git/" in f"/{p}"}


def test_reasonable_template_still_renders(base: Path, tmp_path: Path) -> None:
    kit = _copy(base, tmp_path)
    write_files(
        kit,
        {"templates/reports/readiness.md.j2": '{{ "{:,}".format(1234567) }} {{ "%5.1f" % 2.25 }} {{ "ab" * 3 }}\n'},
    )
    commit_all(kit, "override", date="2026-10-11T10:00:00+00:00")
    run = trousse("report", "readiness", str(kit), "-o", "-", "--as-of", "2026-11-23")
    assert_clean_exit(run, 0)
    assert run.out == "1,234,567   2.2 ababab\n"
