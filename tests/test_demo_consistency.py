"""The demo organisation's documented information is its own and agrees with itself at every date
of its history (issue 17, part 6): what a lead auditor reads at stage 1.

These tests read the example kits (``examples/<lang>``) that `trousse demo` copies and dates; the
demo moves every date by the same shift, so what holds here holds in the demo's history.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import pytest

from trousse.resources import examples_root
from trousse.yamlio import load_plain, parse_markdown

LANGS = ("fr", "en")

# A document whose text beyond its opening paragraph is more than this much like the text `init`
# wrote is the template with names swapped in. Measured on the kits: a firm's own text that keeps the
# template's headings and table layout scores 0.2-0.45; a template with only its names and opening
# changed scores 0.97-1.0. The threshold sits well between the two.
MAX_SIMILARITY = 0.6


def _kit(lang: str) -> Path:
    return examples_root() / lang


def _documents(lang: str) -> dict[str, tuple[dict, str]]:
    """Kit-relative path -> (front matter, body) of every controlled document."""
    out = {}
    for path in sorted((_kit(lang) / "documents").glob("*.md")):
        parsed = parse_markdown(path.read_text(encoding="utf-8"))
        out[f"documents/{path.name}"] = (dict(parsed.data), parsed.body)
    return out


def _records(lang: str) -> dict[str, tuple[dict, str]]:
    out = {}
    for path in sorted((_kit(lang) / "records").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        out[path.relative_to(_kit(lang)).as_posix()] = (load_plain(text) or {}, text)
    return out


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _service_starts(lang: str) -> dict[str, tuple[list[str], dt.date | None]]:
    """Service id -> (the words that name it, the day it entered the catalogue or None if it was
    there from the start). A service added later says so in its `information` with the change
    that added it; it exists from the day that change was implemented."""
    catalogue = load_plain((_kit(lang) / "services" / "catalogue.yml").read_text(encoding="utf-8"))
    changes = {data.get("id"): data for data, _ in _records(lang).values() if data.get("artefact") == "change-record"}
    out: dict[str, tuple[list[str], dt.date | None]] = {}
    for service in catalogue["services"]:
        start = None
        for ref in re.findall(r"CHG-\d{4}-\d{4}", service.get("information") or ""):
            change = changes[ref]
            start = _day(change.get("implemented_on") or change["date"])
        out[service["id"]] = ([service["id"], service["name"]], start)
    return out


def _named(text: str, words: list[str]) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text, re.I) for w in words)


@pytest.mark.parametrize("lang", LANGS)
def test_a_later_service_is_added_to_the_catalogue_by_a_change(lang: str) -> None:
    """The demo has a service added part-way through its history: the tests below bite."""
    starts = _service_starts(lang)
    assert any(start is not None for _, start in starts.values())


@pytest.mark.parametrize("lang", LANGS)
def test_no_approved_document_names_a_service_before_it_exists(lang: str) -> None:
    """A document approved before a service entered the catalogue does not name it; its later
    revision (approved after) may."""
    starts = _service_starts(lang)
    wrong = []
    for path, (meta, body) in _documents(lang).items():
        if meta.get("status") != "approved":
            continue
        approved = _day(meta["approved_on"])
        for sid, (words, start) in starts.items():
            if start is not None and approved < start and _named(body, words):
                wrong.append(f"{path} (approved {approved}) names {sid} (added {start})")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_record_names_a_service_before_it_exists(lang: str) -> None:
    """Records dated before a service entered the catalogue do not report on it, apart from its
    design record and the change that added it (they come first by nature)."""
    starts = _service_starts(lang)
    wrong = []
    for path, (data, text) in _records(lang).items():
        if data.get("artefact") in ("service-design-record", "change-record") or "date" not in data:
            continue
        day = _day(data["date"])
        for sid, (words, start) in starts.items():
            if start is not None and day < start and _named(text, words):
                wrong.append(f"{path} ({day}) names {sid} (added {start})")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_revised_documents_carry_their_revision_table(lang: str) -> None:
    """Every approved document has a revision table whose last row is its current version,
    approved on its approval date; a revision names what changed."""
    wrong = []
    for path, (meta, body) in _documents(lang).items():
        if meta.get("status") != "approved":
            continue
        rows = re.findall(r"^\|\s*(\d+\.\d+)\s*\|\s*(\d{4}-\d{2}-\d{2})\s*\|\s*([^|]+?)\s*\|", body, re.M)
        if not rows:
            wrong.append(f"{path}: no revision table")
            continue
        version, day, what = rows[-1]
        if version != str(meta["version"]) or _day(day) != _day(meta["approved_on"]) or len(what) < 10:
            wrong.append(f"{path}: last revision {version} {day}, front matter {meta['version']} {meta['approved_on']}")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_scope_sla_catalogue_and_customers_agree(lang: str) -> None:
    """Every service of the catalogue is in the scope document; every customer-facing service is
    in the SLA it points to; every customer's service exists; the application questionnaire asks
    for the scope trousse.yml declares."""
    catalogue = load_plain((_kit(lang) / "services" / "catalogue.yml").read_text(encoding="utf-8"))
    customers = load_plain((_kit(lang) / "organisation" / "customers.yml").read_text(encoding="utf-8"))
    docs = {meta["id"]: body for meta, body in _documents(lang).values()}
    scope_doc = next(body for meta, body in _documents(lang).values() if meta["artefact"] == "sms-scope")
    ids = {s["id"] for s in catalogue["services"]}
    for service in catalogue["services"]:
        assert service["id"] in scope_doc, service["id"]
        assert service["id"] in docs[service["sla"]], (service["id"], service["sla"])
    for customer in customers["customers"]:
        assert set(customer["services"]) <= ids, customer["id"]
        for sid in customer["services"]:
            service = next(s for s in catalogue["services"] if s["id"] == sid)
            assert customer["id"] in service["customers"], (customer["id"], sid)
    config = load_plain((_kit(lang) / "trousse.yml").read_text(encoding="utf-8"))
    questionnaire = next(d for d, _ in _records(lang).values() if d.get("artefact") == "certification-questionnaire")
    assert questionnaire["scope"] == config["scope"]


def _beyond_opening(body: str) -> str:
    """The text after the title and the first prose paragraph (the part a firm that only wrote its
    own opening would leave as the template wrote it)."""
    paras = [p for p in body.split("\n\n") if p.strip()]
    out, dropped = [], False
    for p in paras:
        s = p.strip()
        if s.startswith("#") and "\n" not in s:
            continue
        if not dropped and s[0] not in "#|->`*{":
            dropped = True
            continue
        out.append(s)
    return "\n\n".join(out)


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_is_the_firms_own_beyond_its_opening(lang: str) -> None:
    """Compared with what `init` wrote (kept in .trousse/base), each document's text after its
    opening paragraph is mostly the firm's own."""
    base = _kit(lang) / ".trousse" / "base" / "documents"
    similar = {}
    for path, (_, body) in _documents(lang).items():
        template = base / Path(path).name
        assert template.is_file(), path
        before = _beyond_opening(parse_markdown(template.read_text(encoding="utf-8")).body)
        ratio = difflib.SequenceMatcher(None, before, _beyond_opening(body), autojunk=False).ratio()
        if ratio >= MAX_SIMILARITY:
            similar[path] = round(ratio, 2)
    assert similar == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_process_description_is_the_firms_own_beyond_its_opening(lang: str) -> None:
    """Each process description's text (after its opening paragraph) is mostly the firm's own,
    compared with what `init` wrote; the activities and steps stay the pack's."""
    base = _kit(lang) / ".trousse" / "base" / "processes"
    similar = {}
    paths = sorted((_kit(lang) / "processes").glob("*.md"))
    assert len(paths) == 25
    for path in paths:
        template = base / path.name
        assert template.is_file(), path.name
        before = _beyond_opening(parse_markdown(template.read_text(encoding="utf-8")).body)
        after = _beyond_opening(parse_markdown(path.read_text(encoding="utf-8")).body)
        ratio = difflib.SequenceMatcher(None, before, after, autojunk=False).ratio()
        if ratio >= MAX_SIMILARITY:
            similar[path.name] = round(ratio, 2)
    assert similar == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_folder_a_process_or_document_names_exists(lang: str) -> None:
    """A folder written as `some/folder/` in a process description or a document is in the kit."""
    kit = _kit(lang)
    missing = []
    for path in sorted([*(kit / "processes").glob("*.md"), *(kit / "documents").glob("*.md")]):
        for folder in re.findall(r"`([a-z][\w.-]*(?:/[\w.-]+)*/)`", path.read_text(encoding="utf-8")):
            if not (kit / folder).is_dir():
                missing.append(f"{path.relative_to(kit).as_posix()}: {folder}")
    assert missing == []


def test_french_demo_says_fondation() -> None:
    """The seed and the French kit say « certifiée Fondation »: the demo's own French text too."""
    kit = _kit("fr")
    own = [kit / "trousse.yml", *(kit / d for d in ("documents", "records", "audits", "actions", "organisation"))]
    found = []
    for top in own:
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file() and "Foundation" in path.read_text(encoding="utf-8"):
                found.append(path.relative_to(kit).as_posix())
    assert found == []
