"""The adoption plan: made from the repository's documents, edited by the user, applied in place."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.adopt.scan import EXTRA, FIELDS, LABELS, Found, fold, match_types, norm_cycle, norm_date, read_lines
from trousse.errors import ConfigError
from trousse.inventory import CONFIG, NOT_KIT_FILES, work_tree
from trousse.models import Document, Pack
from trousse.models.common import SAFE_ID_RE
from trousse.packs import shipped_packs
from trousse.yamlio import YamlProblem, dump, parse_markdown

# Folders of the kit itself: their Markdown files are not an adopter's documents.
KIT_FOLDERS = ("processes/", "checklists/", "templates/", "records/", "audits/", "actions/", "reports/", "standards/")
NOT_DOCUMENTS = {*NOT_KIT_FILES, "changelog.md", "license.md", "contributing.md", "code_of_conduct.md", "security.md"}
DOC_KEYS = set(Document.model_fields) - {"body"}
DATES = ("approved_on", "reviewed_on", "effective_on", "next_review")


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
    skipped: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``--dry-run --format json`` (and of ``--plan FILE``)."""
        return {
            "documents": self.documents,
            "conflicts": self.conflicts,
            "unmapped_required": self.unmapped_required,
            "roles": self.roles,
            "skipped": self.skipped,
            "files": self.files,
            "extensions": self.extensions,
        }


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


def _slug_id(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").upper()[:90] or "DOC"
    return slug if re.match(SAFE_ID_RE, slug) else "DOC-" + slug


def _read(root: Path, name: str) -> tuple[Found, str] | None:
    try:
        text = (root / name).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
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
                key = name if name in FIELDS or name in EXTRA or name == "status" else LABELS.get(fold(name))
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


def make_plan(opts: AdoptOptions) -> Plan:
    """Read the repository's Markdown documents and propose the plan (nothing is written)."""
    if not opts.root.is_dir():
        raise ConfigError(i18n.t("adopt.no_dir", where=str(opts.root)))
    packs = _packs(opts)
    types: list[tuple[str, list[str]]] = []
    required: list[str] = []
    for pack in packs:
        for a in pack.artefacts:
            if a.kind == "document" and a.id not in {t for t, _ in types}:
                types.append((a.id, [a.name] if isinstance(a.name, str) else list(a.name.values())))
                if a.required:
                    required.append(a.id)
    plan = Plan()
    seen_types: set[str] = set()
    extensions: set[str] = set()
    for name in work_tree(opts.root).names:
        low = name.lower()
        if not low.endswith(".md") or low.rsplit("/", 1)[-1] in NOT_DOCUMENTS or name.startswith(KIT_FOLDERS):
            continue
        if any(part.startswith(".") for part in name.split("/")):
            continue
        got = _read(opts.root, name)
        if got is None:
            plan.skipped.append(name)
            continue
        found, _ = got
        title = found.first("title") or name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        declared = found.front.get("artefact")
        arts = [declared] if isinstance(declared, str) else match_types(name, title, types)
        more = found.front.get("artefacts")
        if isinstance(more, list):
            arts += [a for a in more if isinstance(a, str) and a not in arts]
        if not arts:
            plan.skipped.append(name)
            continue
        seen_types.update(arts)
        owner_text = found.first("owner")
        owner = None
        if owner_text is not None:
            owner = _role(owner_text, packs)
            if owner is None:
                plan.roles.setdefault(owner_text, None)
        approver_text = found.first("approved_by")
        approver = _role(approver_text, packs) if approver_text is not None else None
        if approver_text is not None and approver is None:
            plan.roles.setdefault(approver_text, None)
        approved = found.first("approved_on")
        doc: dict[str, Any] = {
            "path": name,
            "artefacts": arts,
            "owner": owner or owner_text,
            "version": found.first("version"),
            "approved_on": approved,
            "review_every": found.first("review_every"),
            "id": found.first("id") or _slug_id(name),
            "title": title,
            "status": found.first("status") or ("approved" if approved else "draft"),
            "approved_by": approver or approver_text,
            "reviewed_on": found.first("reviewed_on"),
        }
        for key in EXTRA:
            if (value := found.first(key)) is not None:
                doc[key] = value
        plan.documents.append(doc)
        for key, values in found.conflicts():
            plan.conflicts.append({"path": name, "field": key, "values": values})
        extensions |= {str(k) for k in found.front if str(k) not in DOC_KEYS}
    plan.unmapped_required = [a for a in required if a not in seen_types]
    plan.extensions = sorted(extensions | set(EXTRA))
    plan.files = sorted(_kit_files(opts))
    return plan


def _kit_files(opts: AdoptOptions) -> dict[str, str]:
    """The kit files ``trousse init`` would write that the repository lacks (never its documents:
    the adopter's own documents take their place)."""
    from trousse.scaffold import InitOptions, plan_kit  # noqa: PLC0415 - only when a plan is made

    files = plan_kit(InitOptions(opts.root, list(opts.standards), opts.lang, opts.org, git=False, force=True))
    return {n: t for n, t in files.items() if not n.startswith("documents/") and not (opts.root / n).exists()}


def read_plan(path: Path) -> Plan:
    """A plan saved as JSON (``--dry-run --format json``) and edited by the user."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
            raise ValueError("documents")
        return Plan(
            documents=[d for d in data["documents"] if isinstance(d, dict) and isinstance(d.get("path"), str)],
            conflicts=list(data.get("conflicts") or []),
            unmapped_required=list(data.get("unmapped_required") or []),
            roles=dict(data.get("roles") or {}),
            skipped=list(data.get("skipped") or []),
            files=[f for f in data.get("files") or [] if isinstance(f, str)],
            extensions=[e for e in data.get("extensions") or [] if isinstance(e, str)],
        )
    except (OSError, ValueError) as exc:
        raise ConfigError(i18n.t("adopt.bad_plan", file=str(path), error=str(exc))) from None


# ---------------------------------------------------------------- applying


def _front(doc: dict[str, Any], have: dict[str, Any], roles: dict[str, str | None]) -> dict[str, Any]:
    """The front matter keys to add (those the document does not have yet), in the contract's order."""
    arts = [a for a in doc.get("artefacts") or [] if isinstance(a, str)]
    owner = doc.get("owner")
    owner = roles.get(owner) or owner if isinstance(owner, str) else owner
    approver = doc.get("approved_by")
    approver = roles.get(approver) or approver if isinstance(approver, str) else approver
    want: dict[str, Any] = {
        "id": doc.get("id") or _slug_id(doc["path"]),
        "title": doc.get("title") or doc["path"],
        "artefact": arts[0] if arts else None,
        "artefacts": arts[1:] or None,
        "version": str(doc.get("version") or "1.0"),
        "status": doc.get("status") or ("approved" if doc.get("approved_on") else "draft"),
        "owner": owner or "?",
        "approved_by": approver,
        "approved_on": doc.get("approved_on"),
        "reviewed_on": doc.get("reviewed_on"),
        "review_every": doc.get("review_every"),
    }
    out = {k: v for k, v in want.items() if v is not None and k not in have}
    for key in DATES:
        if isinstance(out.get(key), str):
            try:
                out[key] = dt.date.fromisoformat(out[key])
            except ValueError:
                pass  # written as given: the schema check will say what to correct
    return out


def _with_front(raw: bytes, add: dict[str, Any]) -> bytes:
    """``raw`` with the keys ``add`` written in its front matter (created when it has none); every
    other byte is kept."""
    text = dump(add).encode("utf-8")
    if raw.startswith(b"---"):
        lines = raw.splitlines(keepends=True)
        for i in range(1, len(lines)):
            if lines[i].rstrip(b"\r\n").rstrip() in (b"---", b"..."):
                before = b"".join(lines[:i])
                if not before.endswith(b"\n"):
                    before += b"\n"
                return before + text + b"".join(lines[i:])
    return b"---\n" + text + b"---\n" + raw


def _config(opts: AdoptOptions, plan: Plan, rendered: str | None) -> str:
    base = rendered or (
        f"trousse: 1\norganisation: {{name: {json.dumps(opts.org)}}}\nlanguage: {opts.lang}\n"
        f"standards: [{', '.join(opts.standards)}]\n"
    )
    outside = [d["path"] for d in plan.documents if not d["path"].startswith("documents/")]
    extra: dict[str, Any] = {}
    if outside:
        extra["locations"] = {"documents": outside}
    if plan.extensions:
        extra["extensions"] = {"fields": plan.extensions}
    return base.rstrip("\n") + "\n" + (dump(extra) if extra else "")


def apply_plan(opts: AdoptOptions, plan: Plan) -> list[str]:
    """Write the plan; return the files written or changed (sorted). Never moves, renames or
    deletes a file; an existing file other than a planned document is never touched."""
    written: list[str] = []
    for doc in plan.documents:
        path = opts.root / doc["path"]
        if not path.is_file() or path.is_symlink():
            continue
        raw = path.read_bytes()
        have: dict[str, Any] = {}
        if raw.startswith(b"---"):
            try:
                parsed = parse_markdown(raw.decode("utf-8"))
            except (YamlProblem, UnicodeDecodeError):
                continue
            have = dict(parsed.data) if isinstance(parsed.data, dict) else {}
        add = _front(doc, have, plan.roles)
        if add:
            path.write_bytes(_with_front(raw, add))
            written.append(doc["path"])
    missing = _kit_files(opts)
    config = opts.root / CONFIG
    if not config.exists():
        config.write_text(_config(opts, plan, missing.pop(CONFIG, None)), encoding="utf-8")
        written.append(CONFIG)
    for name, text in sorted(missing.items()):
        if name == CONFIG or (opts.root / name).exists():
            continue
        (opts.root / name).parent.mkdir(parents=True, exist_ok=True)
        (opts.root / name).write_text(text, encoding="utf-8")
        written.append(name)
    return sorted(written)
