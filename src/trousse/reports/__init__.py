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
from trousse.errors import ConfigError
from trousse.kit import Kit
from trousse.loader import load_kit
from trousse.reports.actions import build_action_plan
from trousse.reports.audit import build_audit, find_audit
from trousse.reports.catalogue import build_catalogue
from trousse.reports.common import make_meta
from trousse.reports.matrix import build_matrix
from trousse.reports.pack import build_zip
from trousse.reports.render import FORMATS, render
from trousse.reports.write import atomic_write

KINDS = ("audit", "action-plan", "readiness", "matrix", "catalogue", "pack")


@dataclass
class ReportResult:
    """What a run produced: the file written (None when sent to stdout) and the bytes."""

    kind: str
    fmt: str
    path: Path | None
    data: bytes


def build_context(
    kit: Kit, kind: str, lang: str, as_of: dt.date, kit_href: str | None, audit_id: str | None = None
) -> tuple[Any, Any]:
    """``(meta, report)`` for one report kind (not ``pack``)."""
    meta = make_meta(kit, kind, lang, as_of, kit_href)
    if kind == "audit":
        return meta, build_audit(kit, find_audit(kit, audit_id), lang, kit_href)
    if kind == "action-plan":
        return meta, build_action_plan(kit, lang, as_of)
    if kind == "readiness":
        from trousse.reports.readiness import build_readiness  # noqa: PLC0415 - reads git

        return meta, build_readiness(kit, lang, as_of)
    if kind == "matrix":
        return meta, build_matrix(kit, lang)
    if kind == "catalogue":
        return meta, build_catalogue(kit, lang)
    raise ConfigError(i18n.t("report.bad_kind", value=kind, known=", ".join(KINDS)))


def render_report(
    kit: Kit, kind: str, fmt: str, lang: str, as_of: dt.date, kit_href: str | None, audit_id: str | None = None
) -> bytes:
    """One report's bytes."""
    meta, report = build_context(kit, kind, lang, as_of, kit_href, audit_id)
    return render(kit.root, meta, report, fmt)


def pack_reports(kit: Kit, lang: str, as_of: dt.date, with_pdf: bool) -> dict[str, bytes]:
    """Every report of the kit by file name (each audit's, then the others), in md and html, and
    in pdf too when asked; evidence links point into the pack's ``kit/`` folder."""
    names: list[tuple[str, str, str | None]] = [
        (f"audit-{a.id}", "audit", a.id) for a in sorted(kit.audits, key=lambda a: a.id)
    ]
    names += [(k, k, None) for k in ("action-plan", "readiness", "matrix", "catalogue")]
    formats = ("md", "html", "pdf") if with_pdf else ("md", "html")
    out = {}
    for stem, kind, audit_id in names:
        meta, report = build_context(kit, kind, lang, as_of, "../kit", audit_id)
        for fmt in formats:
            out[f"{stem}.{fmt}"] = render(kit.root, meta, report, fmt)
    return out


def default_path(kit: Kit, kind: str, fmt: str, as_of: dt.date, audit_id: str | None) -> Path:
    """``<kit>/reports/<kind>.<fmt>``; ``audit-<ID>``; ``pack-<as-of>.zip``."""
    if kind == "pack":
        return kit.root / "reports" / f"pack-{as_of.isoformat()}.zip"
    stem = f"audit-{audit_id}" if kind == "audit" else kind
    return kit.root / "reports" / f"{stem}.{fmt}"


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
) -> ReportResult:
    """Build, render and write one report (or the pack); the file is replaced atomically."""
    if kind not in KINDS:
        raise ConfigError(i18n.t("report.bad_kind", value=kind, known=", ".join(KINDS)))
    if fmt not in FORMATS:
        raise ConfigError(i18n.t("report.bad_format", value=fmt, known=", ".join(FORMATS)))
    kit = load_kit(start, lang)  # messages in --lang, else the kit's language
    language = lang or kit.lang
    day = as_of or dt.date.today()
    if kind == "audit":
        audit_id = find_audit(kit, audit_id).id
    path = None if to_stdout else (output or default_path(kit, kind, fmt, day, audit_id)).absolute()
    if kind == "pack":
        data = build_zip(kit, day, pack_reports(kit, language, day, with_pdf=fmt == "pdf"))
    else:
        href = None if path is None else Path(os.path.relpath(kit.root, path.parent)).as_posix()
        data = render_report(kit, kind, fmt, language, day, href, audit_id)
    if path is not None:
        atomic_write(path, data)
    return ReportResult(kind, fmt, path, data)
