"""Turn a report context into bytes: Markdown and HTML through jinja2 templates, PDF through
WeasyPrint (an optional extra)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from trousse import i18n
from trousse.errors import MissingExtra
from trousse.reports.labels import label
from trousse.reports.model import Meta
from trousse.resources import templates_root
from trousse.templating import render_template, report_environment

FORMATS = ("md", "html", "pdf")


_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(value: Any) -> Any:
    """Escape a value printed in a Markdown template so that it reads as plain text: HTML is
    neutralised and Markdown punctuation loses its meaning; newlines become spaces, so that a
    value cannot break a table or a list. Values marked safe pass unchanged."""
    if isinstance(value, Markup) or value is None:
        return value
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[ \t]*\r?\n\s*", " ", text)


def longdate(value: dt.date | None, lang: str) -> str:
    """``23 novembre 2026`` or ``23 November 2026``."""
    if value is None:
        return ""
    months = _MONTHS_FR if lang == "fr" else _MONTHS_EN
    day = "1er" if (lang == "fr" and value.day == 1) else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


def paragraphs_html(value: str | None) -> Markup:
    """Text split on blank lines into escaped ``<p>`` paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", value or "") if p.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(escape(p)) for p in parts)


def paragraphs_md(value: str | None) -> Markup:
    """Text split on blank lines into escaped Markdown paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", value or "") if p.strip()]
    return Markup("\n\n".join(md_escape(p) for p in parts))


def _roots(kit_root: Path) -> list[Path]:
    """Where templates are searched: the kit's overrides, then the shipped ones."""
    own = kit_root / "templates"
    return [own / "reports", own, templates_root() / "reports"]


def _environment(kit_root: Path, ext: str, lang: str) -> Any:
    # Built per render (cheap): a cached one would miss an override added since.
    html = ext == "html"
    return report_environment(
        _roots(kit_root),
        autoescape=html,
        finalize=None if html else md_escape,
        filters={
            "longdate": lambda d: longdate(d, lang),
            "paragraphs": paragraphs_html if html else paragraphs_md,
        },
        globals_={"t": lambda key, **kw: label(key, lang, **kw)},
    )


def render_text(kit_root: Path, meta: Meta, report: Any, ext: str) -> str:
    """Render ``<kind>.<ext>.j2`` (``ext`` md or html) with ``meta`` and ``report``."""
    env = _environment(kit_root.resolve(), ext, meta.lang)
    return render_template(env, f"{meta.kind}.{ext}.j2", {"meta": meta, "report": report})


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page; :class:`MissingExtra` without WeasyPrint."""
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415 - optional extra
    except (ImportError, OSError):
        raise MissingExtra(i18n.t("report.no_weasyprint")) from None
    # A report is self-contained: nothing is fetched (a template cannot attach a local file).
    fetcher: Any
    if hasattr(weasyprint, "urls") and hasattr(weasyprint.urls, "URLFetcher"):
        fetcher = weasyprint.urls.URLFetcher(allowed_protocols=["data"])
    else:  # WeasyPrint before 68 takes a function
        fetcher = _refuse_url
    return bytes(weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf())


def _refuse_url(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"reports fetch nothing: {url[:80]}")


def render(kit_root: Path, meta: Meta, report: Any, fmt: str) -> bytes:
    """The report's bytes in ``fmt`` (md, html or pdf)."""
    if fmt == "pdf":
        return html_to_pdf(render_text(kit_root, meta, report, "html"))
    return render_text(kit_root, meta, report, fmt).encode("utf-8")
