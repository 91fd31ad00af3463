"""Templates compiled once per process (trousse.templating.CompiledTemplates): a second environment
of the same configuration reuses the code, a changed template is compiled again, and a kit
rendered with the shipped templates' cache is the same kit."""

from __future__ import annotations

from pathlib import Path

from trousse import shipped
from trousse.scaffold import InitOptions, plan_kit
from trousse.templating import CompiledTemplates, render_template, report_environment


def test_code_is_reused_and_a_changed_source_is_compiled_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one {{ x }}\n", encoding="utf-8")
    compiled = CompiledTemplates()
    first = report_environment([tmp_path], autoescape=False, compiled=compiled)
    assert render_template(first, "a.txt", {"x": 1}) == "one 1\n"
    assert len(compiled.codes) == 1
    (code_checksum, code) = next(iter(compiled.codes.values()))
    second = report_environment([tmp_path], autoescape=False, compiled=compiled)
    assert render_template(second, "a.txt", {"x": 2}) == "one 2\n"
    assert next(iter(compiled.codes.values()))[1] is code  # not compiled again
    (tmp_path / "a.txt").write_text("two {{ x }}\n", encoding="utf-8")
    third = report_environment([tmp_path], autoescape=False, compiled=compiled)
    assert render_template(third, "a.txt", {"x": 3}) == "two 3\n"  # the new source, not the old code
    assert next(iter(compiled.codes.values()))[0] != code_checksum


def test_a_kit_rendered_twice_in_one_process_is_the_same(tmp_path: Path) -> None:
    opts = InitOptions(tmp_path / "kit", ["iso20000-1-2018"], "fr", "Acme")
    first = plan_kit(opts)
    assert shipped._COMPILED.codes  # the shipped templates' code is kept
    assert plan_kit(opts) == first
