"""Turn a report context into bytes: Markdown and HTML through jinja2 templates, PDF through
WeasyPrint (an optional extra)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from trousse import i18n
from trousse.errors import MissingExtra, TrousseError
from trousse.reports.labels import label, plural
from trousse.reports.model import Meta
from trousse.reports.typo import AsWritten, longdate, typeset
from trousse.reports.write import inside_kit
from trousse.resources import templates_root
from trousse.templating import RENDER_MEMORY, RenderLimit, render_limits, render_template, report_environment

FORMATS = ("md", "html", "pdf", "docx", "xlsx")
MAX_PDF_HTML = 8 * 1024 * 1024  # characters of the page WeasyPrint is given (the demo's largest: 0.1 MB)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
# An ampersand that would start a character reference (``&amp;``, ``&#38;``) is escaped with a
# backslash; any other stays as written ("Dupont & Fils"), since Markdown shows it as it is.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_escape(value: Any) -> Any:
    """Escape a value printed in a Markdown template so that it reads as plain text: HTML tags are
    neutralised and Markdown punctuation loses its meaning; newlines become spaces, so that a
    value cannot break a table or a list. Values marked safe pass unchanged. An ampersand stays
    as written unless it would start a character reference."""
    if isinstance(value, Markup) or value is None:
        return value
    text = str(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_START.sub(r"\\&", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"[ \t]*\r?\n\s*", " ", text)


def paragraphs_html(value: str | None) -> Markup:
    """Text split on blank lines into escaped ``<p>`` paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", value or "") if p.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(escape(p)) for p in parts)


def paragraphs_md(value: str | None) -> Markup:
    """Text split on blank lines into escaped Markdown paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", value or "") if p.strip()]
    return Markup("\n\n".join(md_escape(p) for p in parts))


def id_html(value: Any) -> Markup:
    """An identifier as a span that never breaks across lines (``AUD-2026-02-F1``, ``ITSM-CERT``:
    a line may otherwise break after a hyphen followed by a letter)."""
    return Markup('<span class="id">{}</span>').format(value)


def ids_html(values: Any) -> Markup:
    """Identifiers separated by commas, each unbreakable (:func:`id_html`)."""
    return Markup(", ").join(id_html(v) for v in values or ())


def idtext_html(value: Any) -> Markup:
    """Text (escaped) with each identifier in it unbreakable (``NC-2026-0002 est ouverte``): a
    narrow screen breaks the line between words, never inside an id at its hyphen."""

    def one(m: re.Match[str]) -> str:
        return f'<span class="id">{m.group(0)}</span>'

    return Markup(_ID_TOKEN.sub(one, str(escape(value if value is not None else ""))))


def ids_md(values: Any) -> str:
    """Identifiers separated by commas."""
    return ", ".join(str(v) for v in values or ())


def _roots(kit_root: Path) -> list[Path]:
    """Where templates are searched: the kit's overrides, then the shipped ones. A kit folder that
    is a symbolic link, or lies on one, or whose real path leaves the kit, is refused (exit 2,
    naming it), as README "Security" and the contract say: a committed ``templates/reports -> /``
    would let a template include any file of the machine, and rendering silently with the shipped
    templates instead would hand an auditor a report the organisation did not design."""
    own = kit_root / "templates"
    kept: list[Path] = []
    for r in (own, own / "reports"):  # the outer one first: it is the link to name
        if not (r.is_symlink() or r.exists()):
            continue
        if not inside_kit(kit_root, r):
            raise TrousseError(i18n.t("tpl.linked_folder", path=r.relative_to(kit_root).as_posix()))
        kept.insert(0, r)
    return [*kept, templates_root() / "reports"]


def _finalize(ext: str, lang: str) -> Any:
    """What every ``{{ }}`` output goes through: the Markdown escape (md), then French typography
    (fr), kit text included (:func:`~trousse.reports.typo.typeset`). Values marked safe keep their
    mark (HTML autoescape then leaves them as they are)."""
    escape_md = ext != "html"

    def finalize(value: Any) -> Any:
        if lang != "fr" or value is None or isinstance(value, (int, float, dt.date)):
            return md_escape(value) if escape_md else value
        if isinstance(value, AsWritten):  # a path, a link: as written (escaped in Markdown)
            return md_escape(value) if escape_md else value
        if escape_md:
            value = md_escape(value)
        return typeset(value if isinstance(value, Markup) else str(value))

    return finalize


def _goto(for_print: bool, own: str | None, siblings: frozenset[str]) -> Any:
    """The ``goto`` of templates: a link to another report (``action-plan.html#A-1``) as the page
    writes it. In HTML, as written. In the HTML a PDF is made from: ``#A-1`` when the target is in
    this very PDF, ``action-plan.pdf#A-1`` when the PDF of the target is in ``siblings`` (made in
    the same run or the pack, or already beside the file written), else None (plain text)."""

    def goto(href: str | None) -> str | None:
        if not href:
            return None
        if not for_print:
            return href
        page, _, anchor = str(href).partition("#")
        stem = page.removesuffix(".html")
        if not anchor:
            return None
        if not stem or stem == own:
            return f"#{anchor}"
        return f"{stem}.pdf#{anchor}" if stem in siblings else None

    return goto


def _environment(
    kit_root: Path,
    ext: str,
    lang: str,
    for_print: bool = False,
    own: str | None = None,
    siblings: frozenset[str] = frozenset(),
) -> Any:
    # Built per render (cheap): a cached one would miss an override added since. ``pdf`` tells a
    # template that its HTML is for WeasyPrint (lighter markup where a big table costs seconds).
    html = ext == "html"
    return report_environment(
        _roots(kit_root),
        autoescape=html,
        finalize=_finalize(ext, lang),
        filters={
            "longdate": lambda d: longdate(d, lang),
            "de": i18n.de,  # French "de" before a name: d'Atelier Martin
            "paragraphs": paragraphs_html if html else paragraphs_md,
            "id": id_html if html else (lambda v: v),
            "ids": ids_html if html else ids_md,
            "idtext": idtext_html if html else (lambda v: v),
        },
        globals_={
            "pdf": for_print,
            "goto": _goto(for_print, own, siblings),
            "t": lambda key, **kw: label(key, lang, **kw),
            "tp": lambda key, count, **kw: plural(key, count, lang, **kw),
        },
    )


def render_text(
    kit_root: Path,
    meta: Meta,
    report: Any,
    ext: str,
    for_print: bool = False,
    own: str | None = None,
    siblings: frozenset[str] = frozenset(),
) -> str:
    """Render ``<kind>.<ext>.j2`` (``ext`` md or html) with ``meta`` and ``report``; ``for_print``:
    the HTML a PDF is made from, ``own`` its file stem (``audit-AUD-2026-02``, default the kind)
    and ``siblings`` the stems of the other reports whose PDF lies beside it (``goto``)."""
    env = _environment(kit_root.resolve(), ext, meta.lang, for_print, own or meta.kind, siblings)
    return render_template(env, f"{meta.kind}.{ext}.j2", {"meta": meta, "report": report})


# An identifier (AUD-2026-02-F1, ITSM-CERT): a line may break after a hyphen followed by a letter.
_ID_TOKEN = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+(?![\w-])")
_TEXT = re.compile(r">([^<]+)<")
_SKIP = re.compile(r"<(svg|style|script|title)\b.*?</\1>", re.S | re.I)


def keep_ids_whole(html: str) -> str:
    """The page with every identifier in the text of its body (outside SVG) wrapped in a span of
    class ``id``, which never breaks across lines: the ids that templates print inside messages
    ("AUD-2026-02-F1 est ouverte") are kept whole too. For the PDF only; the text is unchanged,
    so that a reader can still search the PDF for the id."""
    start = html.find("<body")
    if start < 0:
        return html

    def ids(m: re.Match[str]) -> str:
        token = m.group(0)
        return f'<span class="id">{token}</span>' if re.search(r"-[A-Za-z]", token) else token

    def text(m: re.Match[str]) -> str:
        return ">" + _ID_TOKEN.sub(ids, m.group(1)) + "<"

    out, pos = [html[:start]], start
    for skip in _SKIP.finditer(html, start):
        out.append(_TEXT.sub(text, html[pos : skip.start()]))
        out.append(skip.group(0))
        pos = skip.end()
    out.append(_TEXT.sub(text, html[pos:]))
    return "".join(out)


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
    if len(html) > MAX_PDF_HTML:
        raise TrousseError(
            i18n.t("report.pdf_too_big", size=len(html) // (1024 * 1024), limit=MAX_PDF_HTML // (1024 * 1024))
        )
    page = keep_ids_whole(html)
    # WeasyPrint works within the limits of every template (time, memory): a template looping a
    # hundred thousand paragraphs would otherwise take minutes and gigabytes.
    try:
        with render_limits():
            return bytes(weasyprint.HTML(string=page, base_url=None, url_fetcher=fetcher).write_pdf())
    except RenderLimit as exc:
        raise TrousseError(i18n.t("report.pdf_failed", error=str(exc))) from None
    except (MemoryError, RecursionError):
        raise TrousseError(
            i18n.t("report.pdf_failed", error=i18n.t("tpl.memory", limit=RENDER_MEMORY // (1024 * 1024)))
        ) from None


def _refuse_url(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"reports fetch nothing: {url[:80]}")


def render(
    kit_root: Path,
    meta: Meta,
    report: Any,
    fmt: str,
    own: str | None = None,
    siblings: frozenset[str] = frozenset(),
) -> bytes:
    """The report's bytes in ``fmt`` (md, html, pdf, docx or xlsx); ``own`` and ``siblings``: the
    PDF's links (:func:`render_text`)."""
    if fmt in ("docx", "xlsx"):
        from trousse.reports import office  # noqa: PLC0415 - optional extra

        office.check_office(meta.kind, fmt)
        return office.render_docx(kit_root, meta, report) if fmt == "docx" else office.render_xlsx(meta, report)
    if fmt == "pdf":
        return html_to_pdf(render_text(kit_root, meta, report, "html", True, own, siblings))
    return render_text(kit_root, meta, report, fmt).encode("utf-8")
