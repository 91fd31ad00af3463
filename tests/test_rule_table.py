"""The table of rule ids (``trousse.findings.RuleId``) and the registry agree; every problem the YAML
reader reports has its rule; every rule is documented in both languages with a failing and a passing
example, which ``trousse rules ID`` prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import plain
from test_evidence_support import run_cli

from trousse.check.rules import REGISTRY
from trousse.check.rules.examples import KINDS, documented, examples
from trousse.findings import RuleId
from trousse.loader import YAML_RULES
from trousse.yamlio import ProblemKind

SRC = Path(__file__).parents[1] / "src" / "trousse"


def test_every_registered_rule_is_in_the_table_of_ids() -> None:
    missing = sorted(set(REGISTRY) - {r.value for r in RuleId})
    assert not missing, f"registered rules missing from trousse.findings.RuleId (add a line there): {missing}"


def test_every_id_of_the_table_is_registered() -> None:
    unregistered = sorted({r.value for r in RuleId} - set(REGISTRY))
    assert not unregistered, f"ids of trousse.findings.RuleId with no rule registered: {unregistered}"


def test_every_yaml_problem_has_its_rule() -> None:
    assert set(YAML_RULES) == set(ProblemKind)
    assert all(rid.startswith("YML") and rid in REGISTRY for rid in YAML_RULES.values())


def test_no_bare_rule_id_outside_the_rule_modules() -> None:
    """Code that makes findings outside ``check/rules`` names rules through RuleId."""
    bare = re.compile(r"[\"'](?:YML|SCH|REF|CMP|DOC|EVD|CRT)\d{3}[\"']")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in sorted(SRC.rglob("*.py"))
        if "check/rules" not in path.as_posix() and path.name != "findings.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert not offenders, f"bare rule ids (use trousse.findings.RuleId): {offenders}"


def test_every_rule_is_documented_with_a_failing_and_a_passing_example() -> None:
    problems = []
    for rid, r in sorted(REGISTRY.items()):
        if not (r.doc_in("fr").strip() and r.doc_in("en").strip() and r.title_in("fr") and r.title_in("en")):
            problems.append(f"{rid}: its title and documentation need both French and English")
        kinds = [e.kind for e in examples(rid)]
        for kind in KINDS:
            if kind not in kinds:
                problems.append(
                    f"{rid}: no '{kind}' example in src/trousse/check/rules/docs/{rid}.yml "
                    "(file, fr, en and text are required)"
                )
    assert not problems, "rules without complete documentation:\n" + "\n".join(problems)


def test_examples_files_name_registered_rules() -> None:
    unknown = sorted(set(documented()) - set(REGISTRY))
    assert not unknown, f"docs/*.yml for rules that do not exist: {unknown}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_command_shows_both_examples_of_every_rule(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    heads = {
        "fr": ("Exemple signalé par la règle", "Exemple accepté"),
        "en": ("Example the rule reports", "Example it accepts"),
    }
    for rid in sorted(REGISTRY):
        code, out, err = run_cli(capsys, "rules", rid, "--lang", lang)
        assert code == 0, err
        got = examples(rid)
        if len(got) != len(KINDS):
            continue  # reported, with its name, by the test above
        fails, passes = got
        assert heads[lang][0] in out and heads[lang][1] in out, (rid, out)
        assert out.index(heads[lang][0]) < out.index(heads[lang][1])
        for example in (fails, passes):
            assert " ".join(plain(example.caption_in(lang)).split()) in " ".join(out.split()), (rid, out)
            for line in example.text_in(lang).splitlines():
                assert line.strip() in out, (rid, line, out)
