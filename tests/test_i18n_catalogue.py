"""The message catalogues: the same keys and placeholders in French and English, real plural forms,
no duplicated key, and every key the code or the report templates use exists (and every key in the
catalogues is used), with the values the message needs."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import trousse
from trousse import i18n
from trousse.resources import templates_root

PACKAGE = Path(trousse.__file__).parent
LAZY_PLURAL = re.compile(r"\w\((?:s|x|es|ies|e|nt)\)")
# Functions that forward a key to the catalogue under a prefix: label("overdue", lang) is rpt.overdue.
DISPATCH = {"label": "rpt."}
TEMPLATE_CALL = re.compile(r"\bt\(\s*\"([\w.-]+)\"")


def _no_duplicates(pairs: list[tuple[str, str]]) -> dict[str, str]:
    keys = [k for k, _ in pairs]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"keys written twice: {dupes}"
    return dict(pairs)


def load(lang: str) -> dict[str, str]:
    text = (i18n.LOCALES / f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=_no_duplicates)  # type: ignore[no-any-return]


def messages() -> dict[str, dict[str, str]]:
    """Every message: the catalogues, plus any still given to the deprecated register()."""
    for info in pkgutil.walk_packages(trousse.__path__, "trousse."):
        if info.name != "trousse.__main__":
            importlib.import_module(info.name)
    out = {lang: dict(load(lang)) for lang in i18n.LANGUAGES}
    for key, pair in i18n.registered().items():
        for lang, text in zip(i18n.LANGUAGES, pair, strict=True):
            out[lang].setdefault(key, text)
    return out


def sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _is_t(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "t" and getattr(func.value, "id", None) == "i18n") or (
        isinstance(func, ast.Name) and func.id == "t"
    )


def calls() -> Iterator[tuple[str, str, set[str] | None]]:
    """(where, key, keyword names or None when ``**values`` is passed) for each call with a literal key."""
    for path, tree in sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            key = node.args[0].value
            if not isinstance(key, str):
                continue
            if _is_t(node.func):
                pass
            elif isinstance(node.func, ast.Name) and node.func.id in DISPATCH:
                key = DISPATCH[node.func.id] + key
            else:
                continue
            names = {k.arg for k in node.keywords if k.arg is not None} - {"_lang"}
            star = any(k.arg is None for k in node.keywords)
            yield f"{path.relative_to(PACKAGE)}:{node.lineno}", key, None if star else names
    for path in sorted(templates_root().rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for m in TEMPLATE_CALL.finditer(text):
            if m.group(1).endswith("."):  # t("rpt.reg.st." ~ status): a family of keys (used_strings)
                continue
            depth, end = 0, m.start() + 1
            for end in range(m.start() + 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            args = text[m.end() : end]
            line = text.count("\n", 0, m.start()) + 1
            yield f"{path.name}:{line}", "rpt." + m.group(1), set(re.findall(r"(\w+)\s*=(?!=)", args))


def used_strings() -> tuple[set[str], set[str]]:
    """Every string literal of the package and the templates' keys; the f-string prefixes ``x.y.``."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    for _, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
                if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+\.", node.value):  # a key prefix given to a helper
                    prefixes.add(node.value)  # (fsio.read_problem(exc, "wnew.read.")): its family of keys
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if head.endswith(".") and head not in DISPATCH.values():
                    prefixes.add(head)
    for _, key, _ in calls():
        literals.add(key)
    for path in sorted(templates_root().rglob("*.j2")):  # t("rpt.reg.st." ~ status) in a template
        prefixes.update(m.group(1) for m in TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8")))
    prefixes = {p for p in prefixes if p.endswith(".")}
    return literals, prefixes


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict[str, str]]:
    return messages()


def test_catalogues_are_valid_json_without_duplicated_keys() -> None:
    for lang in i18n.LANGUAGES:
        data = load(lang)
        assert data and all(isinstance(v, str) for v in data.values())
        assert list(data) == sorted(data), f"{lang}.json: keys not sorted"


def test_duplicated_key_is_caught() -> None:
    with pytest.raises(AssertionError, match="written twice"):
        json.loads('{"a": "x", "a": "y"}', object_pairs_hook=_no_duplicates)


def test_no_module_still_registers_messages() -> None:
    messages()
    assert i18n.registered() == {}, "run tools/i18n-migrate.py: these messages are not in the catalogues yet"


def test_same_keys_in_both_languages(catalogue: dict[str, dict[str, str]]) -> None:
    fr, en = catalogue["fr"], catalogue["en"]
    assert sorted(set(fr) - set(en)) == [] and sorted(set(en) - set(fr)) == []


def test_same_placeholders_in_both_languages(catalogue: dict[str, dict[str, str]]) -> None:
    wrong = [
        key
        for key, text in catalogue["fr"].items()
        if key in catalogue["en"] and i18n.placeholders(text) != i18n.placeholders(catalogue["en"][key])
    ]
    assert wrong == []


def test_real_plural_forms(catalogue: dict[str, dict[str, str]]) -> None:
    lazy = [
        f"{lang} {key}" for lang, msgs in catalogue.items() for key, text in msgs.items() if LAZY_PLURAL.search(text)
    ]
    assert lazy == [], "write plural forms: {count, plural, one {...} other {...}}"
    for msgs in catalogue.values():
        for key, text in msgs.items():
            for m in re.finditer(r"\{(\w+),\s*plural,", text):
                _, forms, _ = i18n.plural_forms(text, m.start())
                assert "other" in forms, key
                assert set(forms) <= {"one", "other"} | {s for s in forms if re.fullmatch(r"=\d+", s)}, key


def test_every_key_in_the_code_exists_with_its_values(catalogue: dict[str, dict[str, str]]) -> None:
    missing, mismatched = [], []
    for where, key, names in calls():
        if key not in catalogue["en"]:
            missing.append(f"{where} {key}")
        elif names is not None and names != i18n.placeholders(catalogue["en"][key]):
            mismatched.append(
                f"{where} {key}: given {sorted(names)}, needs {sorted(i18n.placeholders(catalogue['en'][key]))}"
            )
    assert missing == [] and mismatched == []


def test_every_key_in_the_catalogue_is_used(catalogue: dict[str, dict[str, str]]) -> None:
    literals, prefixes = used_strings()

    def used(key: str) -> bool:
        for prefix in DISPATCH.values():
            if key.startswith(prefix) and (
                key[len(prefix) :] in literals or any(key[len(prefix) :].startswith(p) for p in prefixes)
            ):
                return True
        return key in literals or any(key.startswith(p) for p in prefixes)

    assert sorted(k for k in catalogue["en"] if not used(k)) == []


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 fichier"),
        ("fr", 1, "1 fichier"),
        ("fr", 2, "2 fichiers"),
        ("en", 0, "0 files"),
        ("en", 1, "1 file"),
    ],
)
def test_plural_rules(lang: str, n: int, expected: str) -> None:
    word = {"fr": "{n, plural, one {# fichier} other {# fichiers}}", "en": "{n, plural, one {# file} other {# files}}"}
    assert i18n.expand_plurals(word[lang], {"n": n}, lang) == expected


def test_exact_forms_and_several_counts() -> None:
    text = "{e, plural, =0 {aucune erreur} one {# erreur} other {# erreurs}} dans {f, plural, one {# fichier} other {# fichiers}}"
    assert i18n.expand_plurals(text, {"e": 0, "f": 3}, "fr") == "aucune erreur dans 3 fichiers"
    assert i18n.expand_plurals(text, {"e": 2, "f": 1}, "fr") == "2 erreurs dans 1 fichier"
    assert i18n.placeholders(text) == {"e", "f"}
