"""The adoption plan: made from the repository's documents, edited by the user, applied in place."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.adopt.mapping import explain_types
from trousse.adopt.memory import read_memory
from trousse.adopt.scan import (
    EXTRA,
    FIELDS,
    Found,
    fold,
    label_fields,
    norm_cycle,
    norm_date,
    read_lines,
)
from trousse.errors import ConfigError
from trousse.fsio import UnsafePath, read_kit_file
from trousse.inventory import NOT_KIT_FILES, glob_regex, work_tree
from trousse.models import Document, Pack
from trousse.models.common import SAFE_ID_RE
from trousse.packs import shipped_packs
from trousse.yamlio import YamlProblem, parse_markdown, parse_yaml

# Folders of the kit itself: their Markdown files are not an adopter's documents.
KIT_FOLDERS = ("processes/", "checklists/", "templates/", "records/", "audits/", "actions/", "reports/", "standards/")
NOT_DOCUMENTS = {*NOT_KIT_FILES, "changelog.md", "license.md", "contributing.md", "code_of_conduct.md", "security.md"}
DOC_KEYS = set(Document.model_fields) - {"body"}
CATALOGUE = "services/catalogue.yml"
MAX_DOCUMENT = 64 * 1024 * 1024  # a document larger than this is not read (never read whole first)
DATES = ("approved_on", "reviewed_on", "effective_on", "next_review")
# What a plan file may take out of a document's front matter by setting it to null.
CLEARABLE = ("approved_by", "approved_on", "reviewed_on", "review_every", *EXTRA)


@dataclass
class AdoptOptions:
    """What ``trousse adopt`` was asked."""

    root: Path
    standards: list[str]
    lang: str
    org: str


@dataclass
class Plan:
    """The plan: documents with their metadata, conflicts, required types with no candidate, the
    role mapping table (text met -> role id, None when unknown) and the kit files to add."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    unmapped_required: list[str] = field(default_factory=list)
    roles: dict[str, str | None] = field(default_factory=dict)
    people: dict[str, str | None] = field(default_factory=dict)  # a person's name -> the role they hold
    skipped: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    to_fill: list[dict[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # document type id -> its name (not in the JSON)
    # a plan file's document -> the keys it sets to null: taken out of its front matter (not in the JSON)
    cleared: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``--dry-run --format json`` (and of ``--plan FILE``)."""
        return {
            "documents": self.documents,
            "conflicts": self.conflicts,
            "unmapped_required": self.unmapped_required,
            "roles": self.roles,
            "people": self.people,
            "skipped": self.skipped,
            "files": self.files,
            "extensions": self.extensions,
            "to_fill": self.to_fill,
        }

    def role_of(self, text: str) -> str | None:
        """The role id the plan gives a name (a role's name, or a person's: the role they hold)."""
        return self.roles.get(text) or self.people.get(text)

    def named(self) -> dict[str, str | None]:
        """Every name the plan maps: roles' and people's."""
        return {**self.people, **self.roles}

    def find_gaps(self) -> None:
        """List in ``to_fill`` what the plan leaves for the user to give: the owner and the version
        of a typed document when none was found, and the approver of an approved one (adopt writes no placeholder, never an invented
        "1.0": check then asks for them)."""
        self.to_fill = []
        for d in self.documents:
            if not d.get("artefacts"):
                continue
            if not (self.role_of(d.get("owner") or "") or d.get("owner")):
                self.to_fill.append({"path": d["path"], "field": "owner"})
            if not d.get("version"):
                self.to_fill.append({"path": d["path"], "field": "version"})
            approver = d.get("approved_by")
            if (d.get("status") == "approved" or d.get("approved_on")) and not (
                self.role_of(approver or "") or approver
            ):
                self.to_fill.append({"path": d["path"], "field": "approved_by"})


def _packs(opts: AdoptOptions) -> list[Pack]:
    known = shipped_packs()
    out = []
    for pid in opts.standards:
        if pid not in known:
            raise ConfigError(i18n.t("adopt.unknown_pack", pack=pid, known=", ".join(sorted(known))))
        out.append(known[pid])
    return out


def _role(text: str, packs: list[Pack]) -> str | None:
    """The pack role ``text`` names (its id or one of its names), or None. A name's first words
    count too ("Director" for "Director of the very small entity") when they name one role only."""
    want = fold(text).strip()
    starts: set[str] = set()
    for pack in packs:
        for r in pack.roles:
            names = [fold(n) for n in ([r.name] if isinstance(r.name, str) else list(r.name.values()))]
            if want == fold(r.id) or want in names:
                return r.id
            if want and any(n.startswith(want + " ") for n in names):
                starts.add(r.id)
    return starts.pop() if len(starts) == 1 else None


def slug_id(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").upper()[:90] or "DOC"
    return slug if re.match(SAFE_ID_RE, slug) else "DOC-" + slug


def _read(root: Path, name: str) -> tuple[Found, str] | None:
    try:  # a regular file of the repository only: never through a link, never a FIFO
        text = read_kit_file(root, name, MAX_DOCUMENT).decode("utf-8")
    except (OSError, UnicodeDecodeError, UnsafePath):
        return None
    found = Found()
    body = text
    if text.startswith("---"):
        try:
            parsed = parse_markdown(text)
        except YamlProblem:
            return None  # a broken front matter is left for the user to mend
        if isinstance(parsed.data, dict):
            found.front, found.has_front, body = dict(parsed.data), True, parsed.body or ""
            for k, v in found.front.items():
                name = str(k)
                named = label_fields(name)
                key = name if name in FIELDS or name in EXTRA or name == "status" else (named[0] if named else None)
                if key is None or not isinstance(v, (str, int, float, dt.date)):
                    continue
                raw = v.isoformat() if isinstance(v, dt.date) else str(v)
                if key in DATES:
                    found.add(key, norm_date(raw) or raw, "front matter")
                elif key == "review_every":
                    found.add(key, norm_cycle(raw) or raw, "front matter")
                else:
                    found.add(key, raw, "front matter")
    read_lines(found, body)
    return found, text


_LINK = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*\[[^\]]*\]\([^)]*\)[\s.,;:]*$")


def is_listing(text: str) -> bool:
    """Whether a page is an index of other pages (its lines, headings aside, are mostly links, three
    at least): it leads to the documents, it is not one, so it is never proposed for a type."""
    lines = [t for t in text.splitlines() if t.strip() and not t.lstrip().startswith(("#", "---"))]
    links = sum(1 for t in lines if _LINK.match(t))
    return links >= 3 and links * 3 >= len(lines) * 2


def _types(packs: list[Pack]) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The packs' document types (id, names) and the required ones, in pack order."""
    types: list[tuple[str, list[str]]] = []
    required: list[str] = []
    for pack in packs:
        for a in pack.artefacts:
            if a.kind == "document" and a.id not in {t for t, _ in types}:
                types.append((a.id, [a.name] if isinstance(a.name, str) else list(a.name.values())))
                if a.required:
                    required.append(a.id)
    return types, required


class Records:
    """What the kit reads as a record, never a document candidate: a file under one of trousse.yml's
    ``locations.records`` globs, or one whose front matter names a record type of the standards."""

    def __init__(self, root: Path, packs: list[Pack]) -> None:
        self.types = {a.id for pack in packs for a in pack.artefacts if a.kind == "record"}
        self.globs = [glob_regex(g) for g in _record_globs(root)]

    def holds(self, name: str, found: Found | None) -> bool:
        """Whether the file ``name`` (its front matter ``found``, when read) is one of the kit's records."""
        if any(p.fullmatch(name) for p in self.globs):
            return True
        declared = found.front.get("artefact") if found is not None else None
        return isinstance(declared, str) and declared in self.types


def _record_globs(root: Path) -> list[str]:
    """The ``locations.records`` globs of the repository's trousse.yml (none when there is none or it
    cannot be read: check says what is wrong with it)."""
    try:
        data = parse_yaml(read_kit_file(root, "trousse.yml", MAX_DOCUMENT).decode("utf-8")).data
    except (OSError, UnicodeDecodeError, UnsafePath, YamlProblem):
        return []
    locations = data.get("locations") if isinstance(data, dict) else None
    globs = locations.get("records") if isinstance(locations, dict) else None
    return [g for g in globs if isinstance(g, str)] if isinstance(globs, list) else []


def _propose(
    plan: Plan, name: str, found: Found, packs: list[Pack], types: list[tuple[str, list[str]]]
) -> dict[str, Any] | None:
    """The plan's entry for the document ``name`` (None when no type fits it: then ``skipped``
    says why, with the nearest type and the words it lacks)."""
    title = found.first("title") or name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    declared = found.front.get("artefact")
    why: dict[str, Any]
    if isinstance(declared, str):
        arts, why = [declared], {"why": "front-matter"}
    else:
        match = explain_types(name, title, types)
        arts = [a for a, _ in match.types]
        why = {"why": "words", "matched": match.types[0][1]} if match.types else {}
        if not arts:
            skip: dict[str, Any] = {"path": name, "why": "no-type"}
            if match.nearest is not None:
                skip |= {"nearest": match.nearest[0], "missing": match.nearest[1]}
            plan.skipped.append(skip)
            return None
    more = found.front.get("artefacts")
    if isinstance(more, list):
        arts += [a for a in more if isinstance(a, str) and a not in arts]
    return {"path": name, "artefacts": arts, **_metadata(plan, found, packs, title), **why}


# Words that name a function, not a person ("Security Engineering Manager", "Head of Support").
_FUNCTION_WORDS = {
    "manager", "head", "team", "lead", "leader", "director", "officer", "engineer", "engineering", "owner",
    "ceo", "cto", "cfo", "coo", "ciso", "cio", "dpo", "vp", "security", "support", "department", "committee",
    "board", "group", "admin", "administrator", "chief", "president", "coordinator", "analyst", "specialist",
    "responsable", "directeur", "directrice", "equipe", "service", "direction", "comite", "gerant", "gerante",
    "operations", "ops", "it", "hr", "legal", "finance", "staff", "counsel", "executive", "management",
}  # fmt: skip


def is_person(text: str) -> bool:
    """Whether a name met as an owner or approver is a person's ("Diego Comas", an email), not a
    role's: two to four capitalised words, none naming a function."""
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", text.strip(), re.I):
        return True
    parts = text.split()
    if not 2 <= len(parts) <= 4:
        return False
    return all(p[:1].isupper() and fold(p).strip(".,") not in _FUNCTION_WORDS for p in parts) and not any(
        c.isdigit() for c in text
    )


def _unknown(plan: Plan, text: str) -> None:
    """A name the packs do not know: in the people table when it is a person's, in the roles table
    otherwise (each for the user to map to a role id)."""
    if is_person(text):
        plan.people.setdefault(text, None)
    else:
        plan.roles.setdefault(text, None)


def _metadata(plan: Plan, found: Found, packs: list[Pack], title: str) -> dict[str, Any]:
    """What the document says of itself, normalised: its owner and approver as role ids when the
    packs know them (a name they do not know goes to the plan's role table)."""
    owner_text = found.first("owner")
    owner = None
    if owner_text is not None:
        owner = _role(owner_text, packs)
        if owner is None:
            _unknown(plan, owner_text)
    approver_text = found.first("approved_by")
    approver = _role(approver_text, packs) if approver_text is not None else None
    if approver_text is not None and approver is None:
        _unknown(plan, approver_text)
    approved = found.first("approved_on")
    doc: dict[str, Any] = {
        "owner": owner or owner_text,
        "version": found.first("version"),
        "approved_on": approved,
        "review_every": found.first("review_every"),
        "id": found.first("id"),
        "title": title,
        "status": found.first("status") or ("approved" if approved else "draft"),
        "approved_by": approver or approver_text,
        "reviewed_on": found.first("reviewed_on"),
    }
    for key in EXTRA:
        if (value := found.first(key)) is not None:
            doc[key] = value
    return doc


def make_plan(opts: AdoptOptions) -> Plan:
    """Read the repository's Markdown documents and propose the plan (nothing is written)."""
    if not opts.root.is_dir():
        raise ConfigError(i18n.t("adopt.no_dir", where=str(opts.root)))
    packs = _packs(opts)
    types, required = _types(packs)
    plan = Plan()
    # the names an earlier apply mapped: a role id it wrote agrees with the name it came from
    remembered_roles, remembered_people = read_memory(opts.root)
    plan.roles.update(remembered_roles)
    plan.people.update(remembered_people)
    extensions: set[str] = set()
    records = Records(opts.root, packs)
    for name in work_tree(opts.root).names:
        low = name.lower()
        if not low.endswith(".md") or low.rsplit("/", 1)[-1] in NOT_DOCUMENTS or name.startswith(KIT_FOLDERS):
            continue
        if any(part.startswith(".") for part in name.split("/")) or (opts.root / name).is_symlink():
            continue  # a link is not a document of its own: adopt never writes through one
        got = _read(opts.root, name)
        if got is None:
            plan.skipped.append({"path": name, "why": "unreadable"})
            continue
        found, text = got
        if records.holds(name, found):
            plan.skipped.append({"path": name, "why": "record"})  # the kit reads it as a record
            continue
        if found.front.get("artefact") is None and is_listing(text):
            plan.skipped.append({"path": name, "why": "listing"})
            continue
        doc = _propose(plan, name, found, packs, types)
        if doc is None:
            continue
        doc["id"] = doc["id"] or slug_id(name)
        plan.documents.append(doc)
        for key, values in found.conflicts():
            if key in ("owner", "approved_by") and len({_as_role(plan, v, packs) for v in values}) == 1:
                continue  # one role, named by its id and by the name the plan mapped to it
            plan.conflicts.append({"path": name, "field": key, "values": values})
        extensions |= {str(k) for k in found.front if str(k) not in DOC_KEYS}
    plan.unmapped_required = _unmapped(plan, required)
    plan.names = _names(packs, opts.lang)
    plan.extensions = sorted(extensions | set(EXTRA))
    plan.files = sorted(kit_files(opts))
    plan.find_gaps()
    return plan


def _as_role(plan: Plan, text: str, packs: list[Pack]) -> str:
    """The role id ``text`` stands for (the plan's mapping, else the packs'), else ``text``."""
    return plan.role_of(text) or _role(text, packs) or text


def _names(packs: list[Pack], lang: str) -> dict[str, str]:
    """Each document type's name in the kit's language."""
    out: dict[str, str] = {}
    for pack in packs:
        for a in pack.artefacts:
            names: dict[str, str] = {} if isinstance(a.name, str) else {str(k): v for k, v in a.name.items()}
            name = a.name if isinstance(a.name, str) else names.get(lang) or next(iter(names.values()), a.id)
            out.setdefault(a.id, name)
    return out


def _unmapped(plan: Plan, required: list[str]) -> list[str]:
    """The required document types no document of the plan takes."""
    taken = {a for d in plan.documents for a in d.get("artefacts") or []}
    return [a for a in required if a not in taken]


def kit_files(opts: AdoptOptions) -> dict[str, str]:
    """The kit files ``trousse init`` would write that the repository lacks (never its documents:
    the adopter's own documents take their place)."""
    return missing_files(opts, kit_templates(opts))


def kit_templates(opts: AdoptOptions) -> dict[str, str]:
    """Every file ``trousse init`` would write for these options (name -> text)."""
    from trousse.scaffold import InitOptions, plan_kit  # noqa: PLC0415 - only when a plan is made

    files = plan_kit(InitOptions(opts.root, list(opts.standards), opts.lang, opts.org, git=False, force=True))
    if ".gitignore" in files:
        kept = _not_ignoring_tracked(files[".gitignore"], work_tree(opts.root).names)
        if kept is None:
            del files[".gitignore"]
        else:
            files[".gitignore"] = kept
    return files


def _not_ignoring_tracked(text: str, names: tuple[str, ...]) -> str | None:
    """The kit's ``.gitignore`` without the folders the repository keeps files in (its own
    ``reports/``: ignoring it would hide a new report there), each with the comment lines just
    above it; None when no rule is left."""
    out: list[str] = []
    comments: list[str] = []
    for line in text.splitlines(keepends=True):
        rule = line.strip()
        if not rule or rule.startswith("#"):
            comments.append(line)
            continue
        if _hides(rule, names):
            comments = []  # the folder is the repository's: neither it nor its comment
            continue
        out += [*comments, line]
        comments = []
    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in out):
        return None
    return "".join(out + comments)


def _hides(rule: str, names: tuple[str, ...]) -> bool:
    """Whether the ignore ``rule`` (a plain file or folder name, anchored with a leading ``/`` or
    not, as the kit's are) would hide one of the repository's files ``names``: an anchored rule
    at the top only, an unanchored one at any depth, as git reads them. A rule of another shape
    (a wildcard) is said to hide something: adopt never writes it into an adopter's repository."""
    if "*" in rule or "?" in rule or "[" in rule or rule.startswith("!"):
        return True
    anchored = rule.startswith("/") or "/" in rule.rstrip("/")
    name = rule.strip("/")
    if rule.endswith("/"):
        return any(n.startswith(name + "/") or (not anchored and f"/{name}/" in f"/{n}") for n in names)
    return any(n == name or n.startswith(name + "/") or (not anchored and (f"/{name}/" in f"/{n}/")) for n in names)


def missing_files(opts: AdoptOptions, files: dict[str, str]) -> dict[str, str]:
    """Those of the kit's ``files`` the repository lacks (never its documents)."""
    out = {n: t for n, t in files.items() if not n.startswith("documents/") and not (opts.root / n).exists()}
    if CATALOGUE in out:  # its example services name the template SLA, which is not written: no dangling id
        out[CATALOGUE] = re.sub(r"(?m)^[ \t]+sla:[ \t]*\S+[ \t]*\n", "", out[CATALOGUE])
    return out


def read_plan(path: Path, opts: AdoptOptions) -> Plan:
    """A plan saved as JSON (``--dry-run --format json``) and edited by the user, every value checked
    before anything is written (:mod:`trousse.adopt.planfile`). Each document's ``artefacts`` may be
    written as one type or a list; a document path must be relative and stay inside the repository."""
    from trousse.adopt.planfile import load_plan_file  # noqa: PLC0415 - pydantic only for a plan file

    packs = _packs(opts)
    types = {a.id for pack in packs for a in pack.artefacts if a.kind == "document"}
    roles = {r.id for pack in packs for r in pack.roles}
    data = load_plan_file(path, types, roles)
    plan = Plan(
        documents=data.documents,
        conflicts=list(data.conflicts),
        roles=dict(data.roles),
        people=dict(data.people),
        skipped=list(data.skipped),
        files=list(data.files),
        extensions=list(data.extensions),
    )
    records = Records(opts.root, packs)
    for d in plan.documents:
        name = d["path"]
        if not _inside(name):
            raise ConfigError(i18n.t("adopt.plan_outside", file=str(path), path=name))
        got = _read(opts.root, name) if name.lower().endswith(".md") else None
        if records.holds(name, got[0] if got is not None else None):
            raise ConfigError(i18n.t("adopt.plan_record", file=str(path), path=name))
        cleared = [k for k in CLEARABLE if k in d and d[k] is None]  # before _complete reads the file
        if cleared:
            plan.cleared[name] = cleared
        _complete(opts, plan, d, packs)
    listed = {d["path"] for d in plan.documents}
    plan.skipped = [s for s in plan.skipped if not (isinstance(s, dict) and s.get("path") in listed)]
    plan.unmapped_required = _unmapped(plan, _types(packs)[1])
    plan.names = _names(packs, opts.lang)
    plan.find_gaps()
    return plan


def _complete(opts: AdoptOptions, plan: Plan, doc: dict[str, Any], packs: list[Pack]) -> None:
    """Give an entry of the user's plan what adopt reads in its document for every key the entry
    does not give (an entry added by hand as ``{path, artefacts}`` keeps the document's title, owner
    and dates). Only a regular Markdown file is read; whether it may be written is decided later."""
    target = opts.root / doc["path"]
    if not doc["path"].lower().endswith(".md") or target.is_symlink() or not target.is_file():
        return
    got = _read(opts.root, doc["path"])
    if got is None:
        return
    found = got[0]
    scratch = Plan()
    title = found.first("title") or doc["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for key, value in _metadata(scratch, found, packs, title).items():
        if key == "status" and found.first("status") is None:
            continue  # not stated: derived from the plan's approved_on when written
        if key not in doc and value is not None:
            doc[key] = value
            if key in ("owner", "approved_by") and value in scratch.roles:
                plan.roles.setdefault(value, None)
            if key in ("owner", "approved_by") and value in scratch.people:
                plan.people.setdefault(value, None)
    doc.setdefault("why", "plan")


def _inside(name: str) -> bool:
    """Whether the plan's path ``name`` is relative, with forward slashes, and stays inside."""
    if not name or "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return False
    return all(part not in ("..", "") for part in name.split("/"))
