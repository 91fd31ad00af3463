"""Reports an auditor reads: audit report, action plan, readiness, traceability matrix, service
catalogue, and the pack that zips them with the kit and a manifest.

Each kind has a context builder (``build_*``) producing a model from :mod:`trousse.reports.model`;
:mod:`trousse.reports.render` turns it into Markdown, HTML or PDF through templates that a kit may
override; :func:`run_report` is what the CLI (and a library user) calls.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.errors import ConfigError, TrousseError, WouldOverwrite
from trousse.inventory import changed_files
from trousse.kit import Kit
from trousse.loader import load_kit
from trousse.reports.actions import build_action_plan
from trousse.reports.audit import build_audit, find_audit
from trousse.reports.catalogue import build_catalogue
from trousse.reports.common import make_meta
from trousse.reports.matrix import build_matrix
from trousse.reports.pack import build_zip, head_commit
from trousse.reports.register import build_register
from trousse.reports.render import FORMATS, html_to_pdf, render, render_text
from trousse.reports.review_inputs import REVIEW
from trousse.reports.write import atomic_write, check_target, report_path

KINDS = ("audit", "action-plan", "readiness", "matrix", "catalogue", "register", "pack")


@dataclass
class ReportResult:
    """What a run produced: the file written (None when sent to stdout) and the bytes."""

    kind: str
    fmt: str
    path: Path | None
    data: bytes
    replaced: bool = False  # an existing report was replaced


def build_context(
    kit: Kit, kind: str, lang: str, as_of: dt.date, kit_href: str | None, audit_id: str | None = None
) -> tuple[Any, Any]:
    """``(meta, report)`` for one report kind (not ``pack``)."""
    if kind == "audit":
        audit = find_audit(kit, audit_id)
        meta = make_meta(kit, kind, lang, as_of, kit_href, doc_version=audit.version, subtitle=audit.id)
        return meta, build_audit(kit, audit, lang, kit_href, as_of)
    meta = make_meta(kit, kind, lang, as_of, kit_href)
    if kind == "action-plan":
        return meta, build_action_plan(kit, lang, as_of)
    if kind == "readiness":
        from trousse.reports.readiness import build_readiness  # noqa: PLC0415 - reads git

        return meta, build_readiness(kit, lang, as_of)
    if kind == "matrix":
        return meta, build_matrix(kit, lang)
    if kind == "catalogue":
        return meta, build_catalogue(kit, lang)
    if kind == "register":
        return meta, build_register(kit, lang, as_of)
    if kind == "review-inputs":  # for the pack (its own command is run_review_inputs)
        from trousse.reports.review_inputs import build_review_inputs  # noqa: PLC0415

        return meta, build_review_inputs(kit, lang, as_of)
    raise ConfigError(i18n.t("report.bad_kind", value=kind, known=", ".join(KINDS)))


def render_report(
    kit: Kit,
    kind: str,
    fmt: str,
    lang: str,
    as_of: dt.date,
    kit_href: str | None,
    audit_id: str | None = None,
    siblings: frozenset[str] = frozenset(),
) -> bytes:
    """One report's bytes; ``siblings``: the stems of the reports whose PDF lies beside it (a PDF
    links to them)."""
    meta, report = build_context(kit, kind, lang, as_of, kit_href, audit_id)
    own = f"audit-{audit_id}" if kind == "audit" else kind
    return render(kit.root, meta, report, fmt, own, siblings)


def pdf_siblings(folder: Path) -> frozenset[str]:
    """The stems of the PDF files in ``folder`` (none when it cannot be read)."""
    try:
        return frozenset(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".pdf") and p.is_file())
    except OSError:
        return frozenset()


def _mark(data: str, fmt: str, banner: str) -> str:
    """``data`` with ``banner`` on top of the page (Markdown: a quote; HTML: after ``<body>``)."""
    if fmt == "md":
        return f"> **{banner}**\n\n{data}"
    import html  # noqa: PLC0415

    tag = f'<p class="uncommitted" role="alert"><strong>{html.escape(banner)}</strong></p>'
    at = data.find("<body")
    end = data.find(">", at) if at >= 0 else -1
    return data[: end + 1] + tag + data[end + 1 :] if end >= 0 else tag + data


def pack_reports(
    kit: Kit, lang: str, as_of: dt.date, with_pdf: bool, uncommitted: str | None = None
) -> dict[str, bytes]:
    """Every report of the kit by file name (each audit's, then the action plan, readiness, matrix,
    catalogue, register, and the management review's inputs when the kit keeps management reviews:
    those gathered since the latest one), in md and html, and in pdf too when asked; evidence links point into the pack's ``kit/`` folder. ``uncommitted``,
    when given, is a banner put on top of every page (the kit has changes not yet committed)."""
    names: list[tuple[str, str, str | None]] = [
        (f"audit-{a.id}", "audit", a.id) for a in sorted(kit.audits, key=lambda a: a.id)
    ]
    names += [(k, k, None) for k in ("action-plan", "readiness", "matrix", "catalogue", "register")]
    if REVIEW in kit.artefacts:  # the kit holds management reviews: the next one's inputs so far
        names.append(("review-inputs", "review-inputs", None))
    formats = ("md", "html", "pdf") if with_pdf else ("md", "html")
    stems = frozenset(stem for stem, _, _ in names)  # each PDF links to the others in the pack
    out = {}
    for stem, kind, audit_id in names:
        meta, report = build_context(kit, kind, lang, as_of, "../kit", audit_id)
        for fmt in formats:
            if uncommitted is None:
                out[f"{stem}.{fmt}"] = render(kit.root, meta, report, fmt, stem, stems)
                continue
            ext = "md" if fmt == "md" else "html"
            text = render_text(kit.root, meta, report, ext, fmt == "pdf", stem, stems)
            page = _mark(text, fmt, uncommitted)
            out[f"{stem}.{fmt}"] = html_to_pdf(page) if fmt == "pdf" else page.encode("utf-8")
    return out


def uncommitted_banner(kit: Kit, lang: str, allow_dirty: bool) -> str | None:
    """None when the kit as read is committed (or read from a commit, or outside git); else the
    banner of an ``--allow-dirty`` pack, or a :class:`ConfigError` without it."""
    if kit.snapshot is not None:
        return None
    changed = changed_files(kit.root)
    if not changed:
        return None
    if not allow_dirty:
        raise ConfigError(i18n.t("report.dirty", _lang=lang, count=len(changed), first=changed[0]))
    commit = head_commit(kit)
    return i18n.t("report.dirty_mark", _lang=lang, commit=commit[:12] if commit else "—")


def _audit_as_of(start: Path | None, kit: Kit, audit_id: str | None, lang: str | None, as_of: dt.date | None) -> str:
    """The id of the audit asked for; one not in the kit as of ``as_of`` but in it today is said
    to have not existed yet on that day (not to be unknown)."""
    try:
        return find_audit(kit, audit_id).id
    except ConfigError:
        if as_of is None or audit_id is None:
            raise
        today = load_kit(start, lang)
        if not any(a.id == audit_id for a in today.audits):
            raise
        from trousse.reports.typo import longdate  # noqa: PLC0415

        known = ", ".join(sorted(a.id for a in kit.audits)) or "—"
        day = longdate(as_of, lang or kit.lang)
        raise ConfigError(i18n.t("report.audit_not_yet", audit=audit_id, day=day, known=known)) from None


def default_path(kit: Kit, kind: str, fmt: str, as_of: dt.date, audit_id: str | None) -> Path:
    """``<kit>/reports/<kind>.<fmt>``; ``audit-<ID>``; ``pack-<as-of>.zip``."""
    if kind == "pack":
        return report_path(kit.root, f"pack-{as_of.isoformat()}", "zip")
    stem = f"audit-{audit_id}" if kind == "audit" else kind
    return report_path(kit.root, stem, fmt)


def run_report(
    start: Path | None,
    kind: str,
    *,
    fmt: str = "md",
    output: Path | None = None,
    as_of: dt.date | None = None,
    lang: str | None = None,
    audit_id: str | None = None,
    to_stdout: bool = False,
    allow_dirty: bool = False,
) -> ReportResult:
    """Build, render and write one report (or the pack); the file is replaced atomically. With
    ``as_of``, the kit is read as committed on that day. The pack refuses a kit with uncommitted
    changes unless ``allow_dirty`` is given, and then marks its manifest and every page."""
    if kind not in KINDS:
        raise ConfigError(i18n.t("report.bad_kind", value=kind, known=", ".join(KINDS)))
    if fmt not in FORMATS:
        raise ConfigError(i18n.t("report.bad_format", value=fmt, known=", ".join(FORMATS)))
    if fmt in ("docx", "xlsx"):
        from trousse.reports.office import check_office  # noqa: PLC0415

        check_office(kind, fmt)
    kit = load_kit(start, lang, as_of)  # messages in --lang, else the kit's language
    language = lang or kit.lang
    day = as_of or dt.date.today()
    if kind == "audit":
        audit_id = _audit_as_of(start, kit, audit_id, lang, as_of)
    path = None if to_stdout else (output or default_path(kit, kind, fmt, day, audit_id)).absolute()
    if path is not None:
        check_target(path, kit.root)  # before the work of rendering
    if kind == "pack":
        banner = uncommitted_banner(kit, language, allow_dirty)
        pages = pack_reports(kit, language, day, with_pdf=fmt == "pdf", uncommitted=banner)
        data = build_zip(kit, day, pages, uncommitted=banner is not None)
    else:
        href = None if path is None else Path(os.path.relpath(kit.root, path.parent)).as_posix()
        siblings = pdf_siblings(path.parent) if fmt == "pdf" and path is not None else frozenset()
        data = render_report(kit, kind, fmt, language, day, href, audit_id, siblings)
    replaced = atomic_write(path, data) if path is not None else False
    return ReportResult(kind, fmt, path, data, replaced)


def run_template(
    start: Path | None, kind: str, *, output: Path | None = None, to_stdout: bool = False
) -> tuple[Path | None, bytes]:
    """Write the shipped Word template of ``kind`` for a consultant to restyle in Word: by default
    to ``templates/reports/<kind>.docx`` in the kit, where ``report KIND --format docx`` then
    takes it. Never over an existing file. Return the path written (None on stdout) and the bytes."""
    from trousse.reports.office import TEMPLATES, check_office, default_template  # noqa: PLC0415

    if kind not in KINDS:
        raise ConfigError(i18n.t("report.bad_kind", value=kind, known=", ".join(KINDS)))
    check_office(kind, "docx")
    path = None
    if not to_stdout:
        if output is None:
            kit = load_kit(start)
            output = kit.root / TEMPLATES / f"{kind}.docx"
        path = output.absolute()
        if os.path.lexists(path):
            raise WouldOverwrite(i18n.t("office.template_exists", path=path))
    data = default_template(kind)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as out:  # exclusive: never over a file made meanwhile
                out.write(data)
        except FileExistsError:
            raise WouldOverwrite(i18n.t("office.template_exists", path=path)) from None
        except OSError as exc:
            raise TrousseError(i18n.t("report.cannot_write", path=path, error=exc.strerror)) from None
    return path, data
