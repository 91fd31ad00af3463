"""Property-based fuzzing (Hypothesis, derandomized so that CI is stable): YAML of any structure
and kits of any layout never make trousse fail with anything but a finding or one plain error
(never exit 3, never a traceback) and never make it write outside the kit."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from conftest import clean_kit_files, write_files
from hostile_support import assert_clean_exit, snapshot, trousse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trousse import yamlio
from trousse.check.engine import run_check
from trousse.errors import TrousseError

AS_OF = dt.date(2026, 11, 23)

# Pieces of YAML syntax, put together at random: nesting, anchors and aliases, tags, documents,
# quotes, merges, odd indentation and characters.
TOKENS = [
    "[", "]", "{", "}", ", ", ": ", ":", "- ", "-", "? ", "\n", "\n  ", "\n    ", "\n- ", "  ", "\t",
    "&a ", "&b ", "*a", "*b", "<<: *a", "!!str ", "!!int ", "!!binary ", "!!set ", "!!omap ", "!!python/object ",
    "!local ", "---\n", "...\n", "'", '"', "|\n  ", ">\n  ", "#", "%YAML 1.1\n", "id", "date", "2026-02-30",
    "2026-03-14", "1e999", "0x1F", "~", "null", "true", "yes", "é", "\u2028", "\x00", "\ufeff", "\\", "INC", "x" * 40,
]  # fmt: skip
yaml_text = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)

KEYS = ["id", "artefact", "date", "title", "process", "owner", "findings", "evidence", "kind", "status",
        "due", "roles", "holders", "activities", "tasks", "clauses", "minimum_history", "review_every", "x"]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["../../etc/passwd", "/etc/hostname", "INC-2026-0001", "3 months", "99999999 years", "", "é"]),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
    max_leaves=25,
)

FUZZ = settings(
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@settings(FUZZ, max_examples=400)
@given(text=yaml_text)
def test_any_yaml_is_parsed_or_one_yaml_problem(text: str) -> None:
    for parse in (yamlio.parse_yaml, yamlio.parse_markdown):
        try:
            parsed = parse(text)
        except yamlio.YamlProblem as exc:
            assert isinstance(exc.kind, yamlio.ProblemKind) and exc.line >= 1 and exc.column >= 1
            assert "\n" not in exc.message
        else:
            assert isinstance(parsed.data, dict)


@settings(FUZZ, max_examples=100)
@given(data=st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
def test_any_yaml_data_round_trips_or_is_refused(data: dict[str, object]) -> None:
    try:
        text = yamlio.dump(data)
    except Exception:  # noqa: BLE001 - data ruamel cannot write (e.g. a float key) is not the point
        return
    try:
        yamlio.parse_yaml(text)
    except yamlio.YamlProblem as exc:
        assert isinstance(exc.kind, yamlio.ProblemKind)


KIT_PATHS = [
    "trousse.yml",
    "organisation/roles.yml",
    "organisation/customers.yml",
    "services/catalogue.yml",
    "artefacts.yml",
    "standards/test-pack.yml",
    "standards/other.yml",
    "processes/INC.md",
    "processes/NEW.md",
    "documents/POL-001.md",
    "documents/sub/DOC.md",
    "records/inc/INC-2026-0001.yml",
    "records/inc/INC-2026-0002.md",
    "records/x.yaml",
    "audits/AUD-1.yml",
    "actions/ACT-1.yml",
]
content = st.one_of(
    yaml_text,
    values.map(lambda v: yamlio.dump({"id": "X-1", "v": v}) if not isinstance(v, dict) else _dump(v)),
    yaml_text.map(lambda t: "---\n" + t + "\n---\nbody\n"),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)
oddities = st.sampled_from(["none", "folder-named-like-a-record", "link-outside", "link-loop", "empty-folder"])


def _dump(data: dict[str, object]) -> str:
    try:
        return yamlio.dump(data)
    except Exception:  # noqa: BLE001 - see above
        return "x: 1\n"


def _build(root: Path, changes: dict[str, str], oddity: str) -> Path:
    kit = root / "kit"
    files = dict(clean_kit_files("en"))
    files.update(changes)
    write_files(kit, files)
    if oddity == "folder-named-like-a-record":
        (kit / "records" / "inc" / "INC-2026-0099.yml").mkdir(parents=True)
    elif oddity == "link-outside":
        (root / "outside.yml").write_text("id: OUT\n", encoding="utf-8")
        (kit / "records" / "out.yml").symlink_to(root / "outside.yml")
    elif oddity == "link-loop":
        (kit / "records" / "loop.yml").symlink_to(kit / "records" / "loop.yml")
    elif oddity == "empty-folder":
        (kit / "audits").mkdir(exist_ok=True)
    return kit


@settings(FUZZ, max_examples=60)
@given(changes=st.dictionaries(st.sampled_from(KIT_PATHS), content, min_size=1, max_size=4), oddity=oddities)
def test_any_kit_layout_is_checked_or_refused_in_one_line(changes: dict[str, str], oddity: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="trousse-fuzz-"))
    try:
        kit = _build(root, changes, oddity)
        before = snapshot(root, skip=(kit,))
        try:
            result = run_check(kit, as_of=AS_OF)
        except TrousseError as exc:
            assert str(exc) and "\n" not in str(exc).strip()
        else:
            assert all(f.path != "?" and ".." not in f.path.split("/") for f in result.findings)
        assert snapshot(root, skip=(kit,)) == before
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(FUZZ, max_examples=4)
@given(changes=st.dictionaries(st.sampled_from(KIT_PATHS), content, min_size=1, max_size=3), oddity=oddities)
def test_the_real_cli_never_exits_3_on_any_layout(changes: dict[str, str], oddity: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="trousse-fuzz-"))
    try:
        kit = _build(root, changes, oddity)
        before = snapshot(root, skip=(kit,))
        for args in (("check", str(kit), "--format", "json"), ("report", "matrix", str(kit), "-o", "-")):
            run = trousse(*args, "--as-of", "2026-11-23", env={"HOME": str(root / "home")}, timeout=60)
            assert_clean_exit(run, 0, 1, 2)
            if run.code == 2:
                assert len(run.err.strip().splitlines()) == 1, run.err
        after = snapshot(root, skip=(kit,))
        assert {k for k in after if k not in before} <= {k for k in after if k.startswith("home" + os.sep)}
    finally:
        shutil.rmtree(root, ignore_errors=True)
