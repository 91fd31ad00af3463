"""Signed records stay signed: a change to a signed record's content after its signature.

An audit, an internal or external audit report, a management review, a nonconformity or an
approved action plan is *signed* by the first commit in which its signature date (``signed_on``,
or ``approved_on`` for plans and actions; the pack says which) appears. From then on, any commit
that changes its content, apart from the follow-up fields its type lists (an action's status, its
done and verified dates...), is an integrity error naming the commit, its author and the fields
changed, until the record is signed again with a later date. A record whose content is back to
what was signed has nothing to report.

The history pass (:mod:`~trousse.evidence.history`) already kept the blob id of every version of
the candidate files; this module reads only those blobs, in one ``git cat-file --batch`` call.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trousse.evidence.dates import local_day
from trousse.evidence.history import History, Version
from trousse.evidence.model import Alteration
from trousse.models.pack import SignatureDef, SignatureDefaults
from trousse.yamlio import YamlProblem, parse_markdown, parse_yaml, read_text

if TYPE_CHECKING:
    from trousse.kit import Kit

CONTENT = "(content)"  # the "field" of a version that is not a readable YAML mapping


def signature_for(kit: Kit, path: str, artefacts: dict[str, str] | None = None) -> SignatureDef | None:
    """How the file at ``path`` is signed, or None when it is not a signed kind of file.
    ``artefacts`` maps record paths to their artefact type (built once by :func:`check`)."""
    packs = kit.standards()
    defaults = packs[0].defaults.signatures if packs else SignatureDefaults()
    if path.startswith("audits/"):
        return defaults.audit
    if path.startswith("actions/"):
        return defaults.action
    if artefacts is None:
        artefacts = {r.file: r.artefact for r in kit.records}
    if not path.startswith("records/") and path not in artefacts:
        return None  # neither under records/ nor a record trousse.yml's locations finds elsewhere
    artefact: Any = artefacts.get(path)
    if artefact is None:  # not readable at HEAD: the artefact it declares
        parsed = kit.files.get(path)
        artefact = parsed.data.get("artefact") if parsed is not None and isinstance(parsed.data, dict) else None
    art = kit.artefacts.get(artefact) if isinstance(artefact, str) else None
    return art.signature if art is not None else None


def _content(path: str, raw: bytes | None) -> dict[str, Any] | None:
    """A version's content as flat fields; None when it cannot be read as a mapping."""
    if raw is None:
        return None
    try:
        text = read_text(raw)
        parsed = parse_markdown(text) if path.endswith(".md") else parse_yaml(text)
    except (YamlProblem, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(parsed.data, dict):
        return None
    out: dict[str, Any] = {}
    for key, value in parsed.data.items():
        if (
            isinstance(value, list)
            and value
            and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in value)
        ):
            out[str(key)] = [x["id"] for x in value]  # the list of ids, then each item's fields
            for item in value:
                for sub, v in item.items():
                    out[f"{key}.{item['id']}.{sub}"] = v
        else:
            out[str(key)] = value
    if parsed.body is not None:
        out["body"] = parsed.body
    return out


def _signed(content: dict[str, Any], follow_up: set[str]) -> dict[str, Any]:
    """The signed part of a version: every field but the follow-up ones (and their sub-fields)."""
    return {k: v for k, v in content.items() if k.split(".", 1)[0] not in follow_up and k not in follow_up}


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _day(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def alterations(
    path: str, versions: list[Version], contents: dict[str, bytes], sig: SignatureDef, record_id: str | None
) -> list[Alteration]:
    """The commits that changed the signed content of one file after its signature."""
    follow = set(sig.follow_up)
    reference: dict[str, Any] | None = None
    signed_on: str | None = None
    signed_commit = ""
    previous: dict[str, Any] = {}
    found: list[Alteration] = []
    for v in versions:
        content = _content(path, contents.get(v.blob))
        current = _signed(content, follow) if content is not None else {CONTENT: v.blob}
        day = _day(content.get(sig.field)) if content is not None else None
        if reference is None or (day is not None and signed_on is not None and day > signed_on):
            if day is not None:  # signed (or signed again, later): this is what the signature covers
                reference, signed_on, signed_commit, found = current, day, v.commit, []
            previous = current
            continue
        fields = _changed(previous, current)
        if fields:
            found.append(
                Alteration(
                    path,
                    record_id,
                    v.commit,
                    v.author,
                    local_day(v.when).isoformat(),
                    fields,
                    signed_on or "",
                    signed_commit,
                )
            )
        previous = current
    if reference is None or previous == reference:
        return []
    return found


def located(kit: Kit) -> set[str]:
    """The records trousse.yml's ``locations`` finds outside the record folders whose type is signed:
    the history pass keeps their revisions (they are watched) so that they are held to EVD009 too."""
    out = set()
    for rec in kit.records:
        if rec.file.startswith("records/"):
            continue  # the history pass keeps the versions of the record folders' files anyway
        art = kit.artefacts.get(rec.artefact)
        if art is not None and art.signature is not None:
            out.add(rec.file)
    return out


def _versions(kit: Kit, hist: History) -> dict[str, list[Version]]:
    """The versions of every candidate file: those the history pass kept for the kit's folders, and
    the revisions of the signed records found through ``locations`` (watched)."""
    out = dict(hist.versions)
    for path in located(kit):
        revs = hist.revisions.get(path, [])
        if len(revs) > 1 and path not in out:
            out[path] = revs
    return out


def check(kit: Kit, hist: History, toplevel: Path) -> list[Alteration]:
    """Every change made after signature to a signed record of the kit, oldest first per file."""
    from trousse import gitio  # noqa: PLC0415 - git is read only when a signed file has versions

    candidates: list[tuple[str, list[Version], SignatureDef]] = []
    if not any(a.signature for a in kit.artefacts.values()) and not kit.audits and not kit.actions:
        return []
    artefacts = {r.file: r.artefact for r in kit.records}
    for path, versions in sorted(_versions(kit, hist).items()):
        if hist.cutoff is not None:
            versions = [v for v in versions if local_day(v.when) <= hist.cutoff]
        sig = signature_for(kit, path, artefacts) if len(versions) > 1 else None
        if sig is not None:
            candidates.append((path, versions, sig))
    if not candidates:
        return []
    contents = gitio.read_blobs(toplevel, [v.blob for _, versions, _ in candidates for v in versions])
    ids = {r.file: r.id for r in kit.records} | {a.file: a.id for a in kit.audits} | {a.file: a.id for a in kit.actions}
    out: list[Alteration] = []
    for path, versions, sig in candidates:
        out.extend(alterations(path, versions, contents, sig, ids.get(path)))
    return out
