"""Move the messages that modules still give to ``i18n.register`` into the catalogues.

    python tools/i18n-migrate.py [--dry-run] [--prefer-code] [--no-format]

Re-runnable: run it after merging a branch that added ``i18n.register({key: (fr, en)})`` blocks.

1. Imports every ``trousse`` module, so that every ``register`` call runs, and collects what they
   hold (``i18n.registered()``).
2. Merges them into ``src/trousse/locales/fr.json`` and ``en.json`` (keys sorted). An entry already
   in a catalogue wins when it says the same thing, or when it is the hand-written plural form
   (``{count, plural, ...}``) of a message that the code still writes with "(s)". Any other
   difference stops the script before anything is written (``--prefer-code``: the code's text wins).
   ("Titulaire(s)" in the code, "Titulaires" in the catalogue: the catalogue's hand-written form wins.)
3. Removes the ``register(...)`` statements from the sources (their exact AST spans), the module
   constants that only fed them (``LABELS = {...}``), and the ``i18n`` import if nothing else uses
   it; then runs ``ruff format`` on the files it changed (unless ``--no-format``).

A message still written with "(s)" after the merge is listed at the end: write its plural forms by
hand in both catalogues (``{count, plural, one {...} other {...}}``) and run the script again.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "trousse"
LOCALES = PACKAGE / "locales"
LANGS = ("fr", "en")
# "période(s)", "vide(s)", "existe(nt)", "nonconformity(ies)": a plural written the lazy way.
LAZY_PLURAL = re.compile(r"\w\((?:s|x|es|ies|e|nt)\)")


class Conflict(Exception):
    pass


def load_catalogues() -> dict[str, dict[str, str]]:
    out = {}
    for lang in LANGS:
        path = LOCALES / f"{lang}.json"
        out[lang] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return out


def write_catalogues(catalogues: dict[str, dict[str, str]]) -> None:
    LOCALES.mkdir(parents=True, exist_ok=True)
    for lang, messages in catalogues.items():
        text = json.dumps(dict(sorted(messages.items())), ensure_ascii=False, indent=2) + "\n"
        (LOCALES / f"{lang}.json").write_text(text, encoding="utf-8")


def collect_registered() -> dict[str, tuple[str, str]]:
    """Import every trousse module and return what their ``register`` calls hold."""
    sys.path.insert(0, str(SRC))
    import trousse
    from trousse import i18n

    failed = []
    for info in pkgutil.walk_packages(trousse.__path__, "trousse."):
        if info.name == "trousse.__main__":
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, then the script stops
            failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
    if failed:
        raise SystemExit("cannot import every module, so messages could be missed:\n  " + "\n  ".join(failed))
    return i18n.registered()


def merge(
    catalogues: dict[str, dict[str, str]], registered: dict[str, tuple[str, str]], prefer_code: bool
) -> tuple[list[str], list[str]]:
    """Merge ``registered`` into ``catalogues`` in place; the keys added and the plural forms kept."""
    added: list[str] = []
    kept: list[str] = []
    conflicts: list[str] = []
    for key, pair in sorted(registered.items()):
        for lang, new in zip(LANGS, pair, strict=True):
            old = catalogues[lang].get(key)
            if old is None:
                catalogues[lang][key] = new
                if lang == LANGS[0]:
                    added.append(key)
            elif old == new:
                continue
            elif LAZY_PLURAL.search(new) and not LAZY_PLURAL.search(old):
                kept.append(f"{lang} {key}")
            elif prefer_code:
                catalogues[lang][key] = new
            else:
                conflicts.append(f"{lang} {key}:\n    catalogue: {old!r}\n    code:      {new!r}")
    if conflicts:
        raise Conflict(
            "these messages say something else in the code than in the catalogue; edit one of the two "
            "(or run with --prefer-code):\n  " + "\n  ".join(conflicts)
        )
    return added, kept


def _is_register_call(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return False
    func = node.value.func
    if isinstance(func, ast.Attribute):
        return func.attr == "register" and isinstance(func.value, ast.Name) and func.value.id == "i18n"
    return isinstance(func, ast.Name) and func.id == "register"


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _imported_elsewhere(name: str, module: Path) -> bool:
    """Whether another source or test file imports ``name`` (a constant we would remove)."""
    pattern = re.compile(rf"\bimport\b[^\n]*\b{re.escape(name)}\b")
    for path in [*SRC.rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        if path != module and pattern.search(path.read_text(encoding="utf-8")):
            return True
    return False


def strip_source(path: Path) -> str | None:
    """The source of ``path`` without its register statements (None: nothing to remove)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if node is not tree and isinstance(body, list) and any(_is_register_call(n) for n in body):
            raise SystemExit(f"{path}:{node.lineno}: register() called inside a block; move it by hand")
    calls = [n for n in tree.body if _is_register_call(n)]
    if not calls:
        return None
    spans: list[tuple[int, int]] = []
    fed = set().union(*(_names(c) for c in calls)) - {"i18n", "register"}
    other_uses: set[str] = set()
    for node in tree.body:
        if node in calls:
            continue
        targets = _assigned(node)
        if targets & fed:
            continue
        other_uses |= _names(node)
    for node in tree.body:
        targets = _assigned(node)
        if targets and targets <= fed and not (targets & other_uses):
            if not any(_imported_elsewhere(t, path) for t in targets):
                spans.append(_span(node))
    spans += [_span(c) for c in calls]
    lines = source.splitlines(keepends=True)
    for start, end in sorted(spans, reverse=True):
        del lines[start - 1 : end]
    text = "".join(lines)
    text = _drop_unused_i18n_import(text)
    return re.sub(r"\n{4,}", "\n\n\n", text)


def _assigned(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.Assign):
        return {t.id for t in node.targets if isinstance(t, ast.Name)}
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
        return {node.target.id}
    return set()


def _span(node: ast.stmt) -> tuple[int, int]:
    start = node.lineno
    if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.decorator_list:
        start = node.decorator_list[0].lineno
    return start, node.end_lineno or node.lineno


def _drop_unused_i18n_import(text: str) -> str:
    tree = ast.parse(text)
    used = any(isinstance(n, ast.Name) and n.id in ("i18n", "register") for n in ast.walk(tree))
    if used:
        return text
    lines = text.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in ("trousse", "trousse.i18n"):
            names = [a for a in node.names if a.name not in ("i18n", "register")]
            if len(names) == len(node.names):
                continue
            start, end = node.lineno, node.end_lineno or node.lineno
            replacement = []
            if names:
                listed = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
                replacement = [f"from {node.module} import {listed}\n"]
            lines[start - 1 : end] = replacement
            break
    return "".join(lines)


def lazy_plurals(catalogues: dict[str, dict[str, str]]) -> list[str]:
    return sorted(
        f"{lang} {key}: {text!r}"
        for lang, messages in catalogues.items()
        for key, text in messages.items()
        if LAZY_PLURAL.search(text)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    parser.add_argument("--prefer-code", action="store_true", help="on a difference, the code's text wins")
    parser.add_argument("--no-format", action="store_true", help="do not run ruff format on changed files")
    args = parser.parse_args(argv)

    catalogues = load_catalogues()
    registered = collect_registered()
    try:
        added, kept = merge(catalogues, registered, args.prefer_code)
    except Conflict as exc:
        print(exc, file=sys.stderr)
        return 1
    changed: dict[Path, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == PACKAGE:
            continue
        new = strip_source(path)
        if new is not None:
            changed[path] = new
    print(f"{len(registered)} registered messages; {len(added)} added to the catalogues")
    for item in kept:
        print(f"  hand-written plural kept: {item}")
    for path in changed:
        print(f"  register() removed from {path.relative_to(ROOT)}")
    if args.dry_run:
        return 0
    write_catalogues(catalogues)
    for path, text in changed.items():
        compile(text, str(path), "exec")  # never write a file that does not parse
        path.write_text(text, encoding="utf-8")
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if changed and not args.no_format and Path(ruff).exists():
        subprocess.run([ruff, "format", "--quiet", *map(str, changed)], check=False)
        subprocess.run([ruff, "check", "--fix", "--quiet", *map(str, changed)], check=False)
    lazy = lazy_plurals(catalogues)
    if lazy:
        print("messages still written with '(s)': give them plural forms by hand in both catalogues:")
        for item in lazy:
            print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
