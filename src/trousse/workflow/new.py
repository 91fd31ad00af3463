"""``trousse new KIND``: a new record, audit, action, nonconformity or management review, written
from the kit's own form with the next free id, today's date and the author git knows.

The file is never written over an existing one. ``commit=True`` commits that file alone (its
evidence date starts then). What is left to fill is named field by field: the required fields
still empty and the placeholders of the form.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from trousse import gitio, i18n
from trousse.errors import ConfigError, TrousseError, WouldOverwrite
from trousse.fsio import create_new, kit_target, read_kit_file, read_problem
from trousse.inventory import DEFAULT_FILE_SIZE
from trousse.kit import Kit
from trousse.loader import load_kit
from trousse.models import Action, ArtefactDef, Audit, AuditFinding, Nonconformity
from trousse.models.kit import NONCONFORMITY_ARTEFACTS
from trousse.models.records import record_model
from trousse.workflow.decisions import decision_followers
from trousse.workflow.forms import (
    PLACEHOLDER_DATES,
    PLACEHOLDER_PEOPLE,
    audit_required,
    field_value,
    is_placeholder,
    record_form,
    render_own_form,
    renumber_comments,
    scalar,
    set_fields,
    split_comment,
)
from trousse.workflow.numbering import kit_prefix, next_id, placeholder_parts, taken_ids
from trousse.yamlio import YamlProblem, load_plain

SPECIAL = ("audit", "action")
# What an action created by ``new`` must get before it counts: an action plan is approved
# (approved_by, approved_on: the readiness condition "action-plans" asks for it). An audit's depend
# on its date (forms.audit_required): its scope, and its auditors once held.
SPECIAL_REQUIRED = {
    "audit": ("title",),
    "action": ("title", "owner", "due", "approved_by", "approved_on"),
}
ALIASES = {"management-review": ("management-review-record",), "nonconformity": NONCONFORMITY_ARTEFACTS}


@dataclass
class NewResult:
    """What ``new`` wrote: the kit-relative path, the id, what is left to fill, the commit."""

    path: str
    id: str
    kind: str
    to_fill: list[str] = field(default_factory=list)
    commit: str | None = None
    to_check: list[str] = field(default_factory=list)  # choices left at the form's value ("severity: major")
    message: str = ""  # the commit message, in the kit's language (the same with or without the editor)
    notes: list[str] = field(default_factory=list)  # what the user must decide (a decision owner's roles)


def record_kinds(kit: Kit) -> list[str]:
    """The kinds ``new`` accepts in this kit: audit, action, and every record type of its packs."""
    arts = sorted(a.id for a in kit.artefacts.values() if a.kind == "record")
    return [*SPECIAL, *arts]


def kind_for(kit: Kit, artefact: str) -> str | None:
    """The shortest kind ``trousse new`` takes for records of type ``artefact`` (``incident`` for
    ``incident-record``, ``nonconformity``, ``management-review``); None when the kit has no such
    record type."""
    art = kit.artefacts.get(artefact)
    if art is None or art.kind != "record":
        return None
    short = [alias for alias, ids in ALIASES.items() if artefact in ids]
    if artefact.endswith("-record"):
        short.append(artefact.removesuffix("-record"))
    for kind in (*short, artefact):
        try:
            if kind not in SPECIAL and resolve_kind(kit, kind) is art:
                return kind
        except ConfigError:
            continue
    return None


def resolve_kind(kit: Kit, kind: str) -> ArtefactDef | None:
    """The record type ``kind`` names (``incident`` for ``incident-record``); None for audit and
    action; a :class:`ConfigError` listing the kinds when it names nothing."""
    if kind in SPECIAL:
        return None
    records = {a.id: a for a in kit.artefacts.values() if a.kind == "record"}
    for candidate in (kind, f"{kind}-record", *ALIASES.get(kind, ())):
        if candidate in records:
            return records[candidate]
    raise ConfigError(i18n.t("wnew.unknown_kind", kind=kind, kinds=", ".join(kinds_listing(kit))))


def kinds_listing(kit: Kit) -> list[str]:
    """The kinds as a user may write them: the short name a hint uses, with its record type
    (``incident (incident-record)``)."""
    out = []
    for kind in record_kinds(kit):
        short = None if kind in SPECIAL else kind_for(kit, kind)
        out.append(f"{short} ({kind})" if short and short != kind else kind)
    return out


def read_values(path: Path) -> dict[str, Any]:
    """The fields a ``--from`` file gives: a ``.json`` file is read as JSON (and its mistakes told
    as JSON's), any other as YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(i18n.t("wnew.bad_from", path=path, problem=read_problem(exc, "wnew.read."))) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problem = i18n.t("wnew.bad_json", line=exc.lineno, column=exc.colno)
            raise ConfigError(i18n.t("wnew.bad_from", path=path, problem=problem)) from None
    else:
        data = _yaml_values(path, text)
    if not isinstance(data, dict):
        raise ConfigError(i18n.t("wnew.bad_from", path=path, problem=i18n.t("wnew.not_mapping")))
    return {str(k): v for k, v in data.items()}


def _yaml_values(path: Path, text: str) -> Any:
    try:
        return load_plain(text)
    except Exception as exc:  # noqa: BLE001 - any YAML error is the user's input
        raise ConfigError(i18n.t("wnew.bad_from", path=path, problem=str(exc).splitlines()[0])) from None


def _check_given(text: str, art: ArtefactDef | None, kind: str, given: dict[str, Any], where: str) -> None:
    """Refuse, before anything is written, a value given by ``--from`` (or ``--title``, ``--date``)
    that ``check`` would refuse: an unknown field, a value outside a field's choices, a date that is
    not one. The message is check's own (SCH family), naming the field and what it allows."""
    from trousse.loader.schema import _clean_loc, _message

    data = load_plain(text)
    model: Any = Audit if kind == "audit" else Action if kind == "action" else record_model(art) if art else None
    if model is None or not isinstance(data, dict):
        return
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems: list[str] = []
        for err in exc.errors(include_url=False):
            loc = _clean_loc(tuple(err["loc"]), model.model_fields)
            if not loc or str(loc[0]) not in given or is_placeholder(given[str(loc[0])]):
                continue
            message = _message(dict(err), model.model_fields, loc)[1]
            if message not in problems:
                problems.append(message)
        if problems:
            sep = " ; " if i18n.language() == "fr" else "; "
            raise ConfigError(i18n.t("wnew.bad_values", where=where, problems=sep.join(problems))) from None


def git_author(root: Path) -> str | None:
    """The name git commits under here (``GIT_AUTHOR_NAME``, else ``user.name``)."""
    if os.environ.get("GIT_AUTHOR_NAME"):
        return os.environ["GIT_AUTHOR_NAME"]
    try:
        return gitio.run(root, "config", "user.name").strip() or None
    except gitio.GitCommandError:
        return None


def _find(kit: Kit, finding_id: str) -> tuple[Audit, AuditFinding]:
    for audit in kit.audits:
        for f in audit.findings:
            if f.id == finding_id:
                if f.kind not in ("major-nc", "minor-nc"):
                    raise ConfigError(i18n.t("wnew.finding_not_nc", id=finding_id, kind=f.kind))
                return audit, f
    raise ConfigError(i18n.t("wnew.bad_finding", id=finding_id))


def from_finding(kit: Kit, finding_id: str) -> dict[str, Any]:
    """The fields of a nonconformity started from an audit finding; a :class:`ConfigError` naming
    the file when a nonconformity already comes from that finding (one finding, one nonconformity:
    its further actions go on that one, so its life is followed in one place)."""
    audit, f = _find(kit, finding_id)
    for rec in kit.records:
        nc = Nonconformity.of(rec)
        if nc is not None and nc.finding == finding_id:
            raise ConfigError(i18n.t("wnew.finding_taken", id=finding_id, nc=nc.id, path=rec.file))
    source = {"internal": "internal-audit", "mock": "mock-audit"}.get(audit.kind, "external-audit")
    statement = " ".join(f.statement.split())
    return {
        "title": statement if len(statement) <= 80 else statement[:77].rstrip() + "...",
        "source": source,
        "severity": "major" if f.kind == "major-nc" else "minor",
        "clause": f.clause or "",
        "statement": statement,
        "finding": f.id,
    }


def _existing_ids(kit: Kit, art: ArtefactDef | None, kind: str) -> list[str]:
    """The ids of the kit's existing files of that kind (their prefix is the kit's numbering)."""
    if art is not None:
        return [r.id for r in kit.records if r.artefact == art.id]
    return [a.id for a in (kit.audits if kind == "audit" else kit.actions)]


def _folder(kit: Kit, art: ArtefactDef) -> str:
    """Where records of ``art`` live: the folder most of them are in; for the first of its type,
    the folder most records of its process are in (``records/cert/`` for a certificate when the
    kit keeps its certification records there); else records/<artefact>/."""
    process = {a.id: a.process for a in kit.artefacts.values()}
    for same in (
        lambda r: r.artefact == art.id,
        lambda r: art.process is not None and process.get(r.artefact) == art.process,
    ):
        folders = Counter(
            str(PurePosixPath(r.file).parent)
            for r in kit.records
            if same(r) and r.file != "?" and r.file.startswith("records/")
        )
        if folders:
            return folders.most_common(1)[0][0]
    return f"records/{art.id}"


# A form's "copy this file into records/x/ as <id>.yml," (what ``new`` has just done): dropped, the
# rest of the sentence kept ("How to use: fill in each field...").
_COPY_NOTE = re.compile(
    r"(?:copy this file into|copiez ce fichier dans) \S+ (?:as|sous le nom) <[^>]+>\.yml(?: \([^)]*\))?,?[ \t]*(?:\n# ?)?",
    re.IGNORECASE,
)


def drop_copy_note(text: str) -> str:
    """``text`` without the form's note to copy it into its folder, in its comments only."""
    out = []
    for block in re.split(r"(?m)^(?=[^#\n])", text, maxsplit=1):  # the comment head, then the fields
        out.append(_COPY_NOTE.sub("", block) if block.startswith("#") else block)
    return "".join(out)


def _blank(kit: Kit, kind: str, today: dt.date) -> dict[str, Any]:
    """The values a new audit or action starts from: nothing an example form holds is kept as if
    it were true; what is to fill says so (a title "to complete", "First Last", a date
    "YYYY-MM-DD"), so that ``check`` names every such field at once."""
    fr = kit.lang == "fr"
    day = PLACEHOLDER_DATES[fr]
    if kind == "audit":
        return {
            "id": "AUD-YYYY-NN",
            "kind": "internal",
            "date": today,
            "title": i18n.t("wnew.audit_title", _lang=kit.lang),
            "auditors": [],
            "auditees": [],
            "scope": [],
            "criteria": [],
            "summary": "",
            "conclusion": "",
            "findings": [],
            "signed_by": None,
            "signed_on": None,
        }
    return {
        "id": "ACT-YYYY-NNN",
        "kind": "corrective",
        "nonconformity": None,
        "finding": None,
        "title": i18n.t("wnew.action_title", _lang=kit.lang),
        "description": "",
        "process": None,
        "owner": "",
        "opened_on": today,
        "approved_by": PLACEHOLDER_PEOPLE[fr],
        "approved_on": day,
        "due": day,
        "status": "open",
        "done_on": None,
        "verified_on": None,
        "verified_by": None,
        "effectiveness": None,
    }


def kit_form(kit: Kit, kind: str) -> Path | None:
    """The kit's own form of an audit or an action: ``templates/<kind>s/<kind>.yml``, else the
    example the kit ships there (``example-action.yml``), else the only form in that folder. A
    linked ``templates/`` or ``templates/<kind>s/`` folder is refused (:class:`~trousse.fsio.UnsafePath`),
    and so is a form that is a link, when it is read: a kit's form is never read from elsewhere."""
    folder = kit_target(kit.root, f"templates/{kind}s/{kind}.yml").parent
    for name in (f"{kind}.yml", f"example-{kind}.yml"):
        if os.path.lexists(folder / name):
            return folder / name
    forms = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    return forms[0] if len(forms) == 1 else None


def _special_form(kit: Kit, kind: str, today: dt.date) -> str:
    """The form of a new audit or action: the kit's own (its comments and its own fields kept, the
    values of its example replaced by blanks), else one written here."""
    blank = _blank(kit, kind, today)
    own = kit_form(kit, kind)
    if own is not None:
        text = render_own_form(kit, own, own.relative_to(kit.root).as_posix())
        # the form's own fields, and those it lacks only when they are to fill
        # (and the links of an action: ACT001's hint asks for "nonconformity: <id>", whatever the form)
        links = ("nonconformity", "finding") if kind == "action" else ()
        keep = {
            k: v for k, v in blank.items() if field_value(text, k) is not None or v not in (None, "", []) or k in links
        }
        out = set_fields(text, keep)
        if kind == "action" and field_value(text, "nonconformity") is None:  # beside finding:, said
            lines = [line for line in out.splitlines() if line != "nonconformity: null"]
            at = next((i + 1 for i, line in enumerate(lines) if line.startswith("finding:")), len(lines))
            lines.insert(at, f"nonconformity: null  # {i18n.t('wnew.nonconformity_note', _lang=kit.lang)}")
            out = "\n".join(lines) + "\n"
        return out
    org = kit.config.organisation.name
    head = i18n.t("wnew.form_audit" if kind == "audit" else "wnew.form_action", _lang=kit.lang, org=org)
    notes = {
        "approved_by": "wnew.approved_by",
        "approved_on": "wnew.approved_on",
        "nonconformity": "wnew.nonconformity_note",
    }
    body = "".join(
        f"{k}: {scalar(v)}" + (f"  # {i18n.t(notes[k], _lang=kit.lang)}" if k in notes else "") + "\n"
        for k, v in blank.items()
    )
    return head + "\n" + body


# A management review records at least one decision or output (CMP009): until it does, the fields
# that can hold one are to fill.
REVIEW_RECORD = "management-review-record"
REVIEW_OUTPUTS = ("output_improvements", "output_changes", "output_resources", "decisions")
REVIEW_DECIDES = ("decision_items", *REVIEW_OUTPUTS)  # one of them filled is enough (CMP009)


def _review_decided(data: dict[str, Any]) -> bool:
    items = data.get("decision_items")
    if isinstance(items, list) and any(isinstance(i, dict) and str(i.get("decision") or "").strip() for i in items):
        return True
    return any(data.get(k) not in (None, "", []) for k in REVIEW_OUTPUTS)


def to_fill(kit: Kit, text: str, art: ArtefactDef | None, kind: str, today: dt.date | None = None) -> list[str]:
    """The fields still to fill in ``text`` on ``today``: schema errors by field, required fields
    left empty, placeholders of the form (a title "to complete", "First Last")."""
    data = load_plain(text)
    if not isinstance(data, dict):
        return []
    model: Any = Audit if kind == "audit" else Action if kind == "action" else record_model(art) if art else None
    names: list[str] = []
    if model is not None:
        try:
            model.model_validate(data)
        except ValidationError as exc:
            names += [str(e["loc"][0]) for e in exc.errors() if e["loc"]]
    required = {f.id for f in art.fields if f.required} | {"title"} if art else set(SPECIAL_REQUIRED.get(kind, ()))
    if kind == "audit":
        required |= set(audit_required(data.get("date"), today or dt.date.today()))
    for key, value in data.items():
        empty = value in (None, "", []) and key in required
        if empty or is_placeholder(value):
            names.append(str(key))
    if art is not None and art.id == REVIEW_RECORD and not _review_decided(data):
        names += [k for k in REVIEW_DECIDES if k in data]  # CMP009 asks for one
    return sorted(set(names), key=lambda n: list(data).index(n) if n in data else len(data))


def _defaults_kept(text: str, art: ArtefactDef | None, given: dict[str, Any]) -> list[str]:
    """The fields with a list of choices that keep the form's value (``severity (major)``): a
    default nobody chose, worth a look before the record counts."""
    if art is None:
        return []
    out = []
    for f in art.fields:
        if not f.choices or f.id in given or f.id == "status":  # a new record is open: no choice there
            continue
        value = field_value(text, f.id)
        if value not in (None, "", "null", "[]", '""'):
            out.append(f"{f.id} ({value.strip(chr(34))})")
    return out


@dataclass
class Draft:
    """The text of a new file before it is written: where it goes, its id, its record type and
    the values it was given (to tell the defaults kept)."""

    text: str
    rel: str
    id: str
    art: ArtefactDef | None
    given: dict[str, Any]


def compose(
    kit: Kit,
    kind: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    values: dict[str, Any] | None = None,
    finding: str | None = None,
    today: dt.date | None = None,
    source: Path | None = None,
    author: bool = True,
) -> Draft:
    """The new file ``new`` writes, from the kit's own form, without writing it: the one renderer
    of ``trousse new`` and of the skeleton ``report review-inputs`` shows. ``author=False`` leaves
    the form's author (a report does not name who runs it)."""
    day = today or dt.date.today()
    art = resolve_kind(kit, kind)
    if finding is not None and (art is None or art.id not in NONCONFORMITY_ARTEFACTS):
        raise ConfigError(i18n.t("wnew.from_finding_kind"))
    if art is not None:
        form, _origin = record_form(kit, art)
        folder = _folder(kit, art)
    else:
        form = _special_form(kit, kind, day)
        folder = f"{kind}s"
    try:  # a kit's own form that is not YAML: say where, before anything is written
        load_plain(form)
    except YamlProblem as exc:
        where = _origin if art is not None and isinstance(_origin, str) else kind
        raise ConfigError(
            i18n.t("wnew.bad_form", form=where, line=exc.line, column=exc.column, problem=exc.message)
        ) from None
    fill: dict[str, Any] = {}
    if finding is not None:
        fill.update(from_finding(kit, finding))
    fill.update(values or {})
    the_day = date or fill.get("date") or day
    if isinstance(the_day, str):
        try:
            the_day = dt.date.fromisoformat(the_day)
        except ValueError:
            the_day = day
    form_prefix, width = placeholder_parts(field_value(form, "id") or "REC-YYYY-NNNN")
    prefix = kit_prefix(_existing_ids(kit, art, kind)) or form_prefix
    form = renumber_comments(form, form_prefix, prefix)  # the kept comments tell the kit's numbering
    new_id = str(fill.pop("id", None) or next_id(taken_ids(kit), prefix, the_day.year, width))
    base: dict[str, Any] = {"id": new_id}
    if kind == "action":
        base["opened_on"] = day
    else:
        base["date"] = the_day
    if author and art is not None and field_value(form, "author") is not None:
        name = git_author(kit.root)
        if name:
            base["author"] = name
    if title:
        base["title"] = title
    text = set_fields(form, {**base, **fill})
    given = {**(values or {}), **({"title": title} if title else {})}
    _check_given(text, art, kind, given, f"--from {source}" if source is not None else "--title")
    text = drop_copy_note(text)  # the file is where it belongs: no "copy this file into"
    return Draft(text, f"{folder}/{new_id}.yml", new_id, art, {**base, **fill})


def run_new(
    start: Path | None,
    kind: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    values: dict[str, Any] | None = None,
    finding: str | None = None,
    decision: str | None = None,
    commit: bool = False,
    today: dt.date | None = None,
    lang: str | None = None,
    source: Path | None = None,
) -> NewResult:
    """Write the new file (see the module docstring); raise a :class:`TrousseError` for bad input.
    ``decision`` (``MRV-2026-0002:1``) starts an action from a management review's decision item."""
    kit = load_kit(start, lang=lang)
    day = today or dt.date.today()
    if decision is not None:
        if kind != "action":
            raise ConfigError(i18n.t("wnew.from_decision_kind"))
        values = {**from_decision(kit, decision), **(values or {})}
    draft = compose(kit, kind, title=title, date=date, values=values, finding=finding, today=day, source=source)
    text, rel, new_id, art = draft.text, draft.rel, draft.id, draft.art
    if kind == "action" and values and values.get("due") is not None:  # a due date given is not the form's "today"
        text = _drop_comment(text, "due")
    target = kit_target(kit.root, rel)  # a linked actions/ or records/<type>/ folder: refused
    try:
        create_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise WouldOverwrite(i18n.t("wnew.exists", path=rel)) from None
    result = NewResult(rel, new_id, art.id if art else kind, to_fill(kit, text, art, kind, day))
    result.to_check = _defaults_kept(text, art, draft.given)
    result.message = i18n.t("wnew.commit_message", _lang=kit.lang, id=new_id, kind=result.kind)
    if decision is not None and values and values.get("holder") and not values.get("owner"):
        held = held_roles(kit, str(values["holder"]))
        key = "wnew.owner_roles" if held else "wnew.owner_no_role"
        result.notes.append(i18n.t(key, who=values["holder"], roles=", ".join(held), path=rel))
    if commit:
        result.commit = commit_one(kit.root, rel, result.message)
    return result


def _drop_comment(text: str, key: str) -> str:
    """``text`` without the comment on the line of top-level field ``key`` (a form's "replace it
    with a realistic date" once the date was given)."""
    out = []
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            value, _comment = split_comment(line[len(key) + 1 :])
            line = f"{key}:{value}"
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


REVIEW = "management-review-record"


def from_decision(kit: Kit, ref: str) -> dict[str, Any]:
    """The fields of an action that follows decision item ``n`` (from 1) of management review
    ``ID`` (``ref`` is ``ID:n``): its title, owner (see :func:`_owner_fields`) and due date,
    ``kind: improvement`` and
    ``review: ID``. The review file is read, never edited. A :class:`ConfigError` when ``ref`` names
    no review, no item, or an item without a decision."""
    review_id, _, number = ref.rpartition(":")
    if not review_id or not number.isdigit() or int(number) < 1:
        raise ConfigError(i18n.t("wnew.decision_ref", ref=ref, example=f"{_review_example(kit)}:1"))
    review = next((r for r in kit.records if r.artefact == REVIEW and r.id == review_id), None)
    if review is None:
        known = ", ".join(sorted(r.id for r in kit.records if r.artefact == REVIEW)) or "—"
        raise ConfigError(i18n.t("wnew.decision_no_review", id=review_id, known=known))
    items = [i for i in (getattr(review, "decision_items", None) or [])]
    n = int(number)
    if n > len(items):
        raise ConfigError(i18n.t("wnew.decision_no_item", id=review_id, n=n, count=len(items), path=review.file))
    item = items[n - 1]
    text = item.get("decision") if isinstance(item, dict) else None
    if not isinstance(text, str) or not text.strip() or is_placeholder(text):
        raise ConfigError(i18n.t("wnew.decision_empty", id=review_id, n=n, path=review.file))
    follower = decision_followers(kit, review).get(n)
    if follower is not None:  # a second action for the same decision would be a duplicate
        label, where = (follower, "") if isinstance(follower, str) else (follower.label, follower.file)
        key = "wnew.decision_taken_named" if isinstance(follower, str) else "wnew.decision_taken"
        raise ConfigError(i18n.t(key, id=review_id, n=n, action=label, path=where or review.file))
    values: dict[str, Any] = {"kind": "improvement", "title": " ".join(text.split()), "review": review_id}
    owner, due = item.get("owner"), item.get("due")
    if isinstance(owner, str) and owner.strip() and not is_placeholder(owner):
        values.update(_owner_fields(kit, owner.strip()))
    if isinstance(due, dt.date):
        values["due"] = due
    elif isinstance(due, str):
        try:
            values["due"] = dt.date.fromisoformat(due)
        except ValueError:
            pass
    return values


def _review_example(kit: Kit) -> str:
    """A review id as the kit writes them: its latest review's, else the next one its numbering
    gives (``RDD-2026-0001`` in a French kit)."""
    known = sorted(r.id for r in kit.records if r.artefact == REVIEW)
    if known:
        return known[-1]
    art = resolve_kind(kit, "management-review")
    try:
        form = record_form(kit, art)[0] if art is not None else ""
    except TrousseError:
        form = ""
    prefix, width = placeholder_parts(field_value(form, "id") or "MRV-YYYY-NNNN")
    return next_id(set(), prefix, dt.date.today().year, width)


def held_roles(kit: Kit, who: str) -> list[str]:
    """The ids of the roles person ``who`` holds in organisation/roles.yml (case and spaces aside)."""
    name = " ".join(who.split()).casefold()
    return [r.id for r in kit.roles if any(" ".join(h.name.split()).casefold() == name for h in r.holders)]


def _owner_fields(kit: Kit, who: str) -> dict[str, str]:
    """A decision's owner as an action's fields: an action's ``owner`` is a role of the kit (else
    REF001), its ``holder`` the person who leads it. A role id stays the owner; a person (what the
    review form asks) becomes the holder, and the owner is the role they hold when they hold exactly
    one (else it is left to fill: which of their roles answers for it is the user's choice)."""
    if kit.role(who) is not None:
        return {"owner": who}
    held = held_roles(kit, who)
    return {"holder": who, **({"owner": held[0]} if len(held) == 1 else {})}


def commit_one(root: Path, rel: str, message: str) -> str:
    """Commit the file ``rel`` alone (nothing else staged goes with it); its commit id."""
    if not gitio.inside_repo(root):
        raise TrousseError(i18n.t("wnew.no_repository", path=rel))
    try:  # who commits: without a name and an e-mail git refuses, in several lines of English
        gitio.run(root, "var", "GIT_AUTHOR_IDENT")
        gitio.run(root, "var", "GIT_COMMITTER_IDENT")
    except gitio.GitCommandError:
        raise TrousseError(i18n.t("wnew.no_identity", path=rel)) from None
    try:  # when it fails, nothing is left staged: the file stays, as it was before
        return gitio.commit_only(root, message, [rel])
    except gitio.GitCommandError as exc:
        reason = " ".join((exc.stderr.strip() or str(exc)).splitlines()[:1])
        raise TrousseError(i18n.t("wnew.commit_failed", path=rel, reason=reason)) from None


def refresh(root: Path, rel: str, kind: str, lang: str | None = None) -> list[str]:
    """What is left to fill in ``rel`` after an edit (the editor was closed)."""
    kit = load_kit(root, lang=lang)
    art = resolve_kind(kit, kind) if kind not in SPECIAL else None
    return to_fill(kit, read_kit_file(kit.root, rel, DEFAULT_FILE_SIZE).decode("utf-8"), art, kind)
