"""Word and spreadsheet outputs (the optional extra ``trousse[office]``): the only module that
imports docxtpl, python-docx and openpyxl.

``--format docx`` renders the audit report, the action plan and the readiness report through a
Word template holding Jinja tags (docxtpl), in the same sandbox as the other templates and with
XML escaping; a kit may restyle it in Word and put it at ``templates/reports/<kind>.docx``. The
default templates are built here with python-docx, so that they never drift from the context.
``--format xlsx`` writes the action plan, the matrix, the evidence table (readiness) and the
register of documented information as sheets with filters and frozen headers.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
from pathlib import Path
from typing import Any

from trousse import i18n
from trousse.errors import ConfigError, MissingExtra, TrousseError
from trousse.reports.labels import LABELS, label
from trousse.reports.model import Meta
from trousse.reports.typo import typeset
from trousse.reports.write import inside_kit
from trousse.templating import RenderLimit, render_limits, report_environment

DOCX_KINDS = ("audit", "action-plan", "readiness")
XLSX_KINDS = ("action-plan", "matrix", "readiness", "register")
MAX_TEMPLATE = 20 * 1024 * 1024


_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible(data: bytes, day: dt.date | None = None) -> bytes:
    """The zip ``data`` (a docx or xlsx) with every entry dated ``day`` at midnight (1 January 1980,
    the zip format's first day, without one), and its document's "modified" property that day:
    the libraries stamp the time of writing, so the same report written twice would differ.
    Entries keep their order, names, compression and otherwise their content."""
    import zipfile  # noqa: PLC0415

    stamp = (day.year, day.month, day.day, 0, 0, 0) if day is not None and day.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            content = zin.read(info)
            if info.filename == "docProps/core.xml" and day is not None:  # openpyxl stamps the save's time
                content = _MODIFIED.sub(rf"\g<1>{day.isoformat()}T00:00:00Z\g<2>", content.decode("utf-8")).encode()
            zout.writestr(entry, content)
    return out.getvalue()


def formats_for(kind: str) -> tuple[str, ...]:
    """The formats a report kind exists in: md, html and pdf for all, docx and xlsx for some."""
    return (
        "md",
        "html",
        "pdf",
        *(("docx",) if kind in DOCX_KINDS else ()),
        *(("xlsx",) if kind in XLSX_KINDS else ()),
    )


def check_office(kind: str, fmt: str) -> None:
    """A :class:`ConfigError` when ``fmt`` (docx, xlsx) does not exist for ``kind``; it names
    exactly the formats that ``kind`` exists in."""
    kinds = DOCX_KINDS if fmt == "docx" else XLSX_KINDS
    if kind not in kinds:
        *first, last = formats_for(kind)
        raise ConfigError(
            i18n.t("office.kind", fmt=fmt, kinds=", ".join(kinds), kind=kind, formats=", ".join(first), last=last)
        )


def _labels(lang: str) -> dict[str, str]:
    return {key: label(key, lang) for key in LABELS if "{" not in LABELS[key][0]}


# ---------------------------------------------------------------- docx
def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of ``paragraph``: Word computes it when it lays
    out the pages, as the PDF's "page N / M"."""
    from docx.oxml import OxmlElement  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    from docx.oxml.ns import qn  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    run = paragraph.add_run()
    for part in ("begin", instruction, "separate", "1", "end"):
        if part in ("begin", "separate", "end"):
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), part)
        elif part == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = part
        run._r.append(el)


def _page_numbers(paragraph: Any) -> None:
    """ "page N / M" with Word's PAGE and NUMPAGES fields."""
    _field(paragraph, "PAGE")
    paragraph.add_run(" / ")
    _field(paragraph, "NUMPAGES")


# The PDFs' pages (base.html.j2's @page): A4, margins top, sides, bottom in millimetres; the
# action plan, a wide table, in landscape as its PDF.
PAGE_MM = (210, 297)
MARGINS_MM = (20, 14, 18)
LANDSCAPE_MARGINS_MM = (16, 10, 14)


def _page_setup(section: Any, landscape: bool) -> None:
    """A4 and the PDF's margins (python-docx's default document is US Letter with 1-inch margins)."""
    from docx.enum.section import WD_ORIENT  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    from docx.shared import Mm  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    width, height = PAGE_MM
    top, side, bottom = LANDSCAPE_MARGINS_MM if landscape else MARGINS_MM
    if landscape:
        width, height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin = section.right_margin = Mm(side)


def _default_docx(kind: str) -> bytes:
    """The shipped Word template of ``kind``: headings, paragraphs and tables with Jinja tags."""
    try:
        import docx  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415 - optional extra
    except ImportError:
        raise MissingExtra(i18n.t("office.missing", fmt="docx")) from None
    doc = docx.Document()
    doc.add_heading("{{ meta.title }}{% if report_id %} — {{ report_id }}{% endif %}", level=0)
    doc.add_paragraph("{{ meta.identity }}")
    # the facts every other format shows under the title (base.html.j2, _header.md.j2)
    head = doc.add_table(rows=4, cols=2)
    head.style = "Table Grid"
    for row, (name, value) in zip(
        head.rows,
        [
            ("t.organisation", "meta.organisation"),
            ("t.scope", "meta.scope or '—'"),
            ("t.standards", "standards"),
            ("t.as_of", "meta.as_of|longdate"),
        ],
        strict=True,
    ):
        row.cells[0].text = "{{ " + name + " }}"
        row.cells[1].text = "{{ " + value + " }}"
    section = doc.sections[0]
    _page_setup(section, landscape=kind == "action-plan")
    section.footer.paragraphs[0].text = "{{ meta.identity }}"
    _page_numbers(section.footer.add_paragraph("{{ t.page }} "))

    def table(headers: list[str], loop: str, cells: list[str]) -> None:
        t = doc.add_table(rows=4, cols=len(headers))
        t.style = "Table Grid"
        for i, h in enumerate(headers):
            t.rows[0].cells[i].text = h
        t.rows[1].cells[0].text = "{%tr for " + loop + " %}"
        for i, c in enumerate(cells):
            t.rows[2].cells[i].text = c
        t.rows[3].cells[0].text = "{%tr endfor %}"

    if kind == "audit":
        doc.add_heading("{{ report.title }}", level=1)
        # the rows and sections of audit.md.j2 and audit.html.j2, in their order: an optional one
        # (certification body, context, summary) is left out when the audit does not give it
        facts: list[tuple[str, str | None, str | None]] = [
            ("t.kind", "report.kind_label", None),
            ("t.report_version", "report.version or t['ns.version']", None),
            ("t.audited_entity", "meta.organisation", None),
            ("t.sites", 'report.sites|join(", ") or t["ns.sites"]', None),
            ("t.dates", 'report.date|longdate ~ ((" – " ~ report.end_date|longdate) if report.end_date else "")', None),
            ("t.certification_body", "report.body", "report.body"),
            ("t.lead_auditor", "report.lead_auditor or t['ns.lead_auditor']", None),
            ("t.audit_team", None, None),
            ("t.auditees", 'report.auditees|join(", ") or t["ns.auditees"]', None),
            ("t.distribution", 'report.distribution|join(", ") or t["ns.distribution"]', None),
            ("t.confidentiality", "report.confidentiality or t['ns.confidentiality']", None),
        ]
        t = doc.add_table(rows=len(facts) + 2 * sum(1 for f in facts if f[2]), cols=2)
        t.style = "Table Grid"
        team = (
            "{% for a in report.team %}{{ a.name }}{% if a.role or a.organisation %} "
            '({{ [a.role, a.organisation]|select|join(", ") }}){% endif %}'
            "{% if a.lead %} — {{ t.lead_mark }}{% endif %}{% if not loop.last %}, {% endif %}"
            '{% else %}{{ t["ns.audit_team"] }}{% endfor %}'
        )
        rows = iter(t.rows)
        for name, expr, condition in facts:
            if condition:  # docxtpl drops the rows holding {%tr %} tags, and the row between when false
                next(rows).cells[0].text = "{%tr if " + condition + " %}"
            row = next(rows)
            row.cells[0].text = "{{ " + name + " }}"
            row.cells[1].text = team if expr is None else "{{ " + expr + " }}"
            if condition:
                next(rows).cells[0].text = "{%tr endif %}"
        doc.add_heading("{{ t.objectives }}", level=2)
        doc.add_paragraph("{{ report.objectives or t['ns.objectives'] }}")
        doc.add_paragraph("{%p if report.context %}")
        doc.add_heading("{{ t.context }}", level=2)
        doc.add_paragraph("{{ report.context }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_heading("{{ t.scope }}", level=2)
        doc.add_paragraph("{%p for p in report.scope %}")
        doc.add_paragraph("{{ p.id }} — {{ p.name }}", style="List Bullet")
        doc.add_paragraph("{%p endfor %}")
        doc.add_heading("{{ t.criteria }}", level=2)
        doc.add_paragraph("{%p for c in report.criteria %}")
        doc.add_paragraph("{{ c.id }}{% if c.name %} — {{ c.name }}{% endif %}", style="List Bullet")
        doc.add_paragraph("{%p endfor %}")
        doc.add_heading("{{ t.method }}", level=2)
        doc.add_paragraph("{{ report.method or t['ns.method'] }}")
        doc.add_paragraph("{{ t.sampling }}{{ t.sep }}{{ report.sampling or t['ns.sampling'] }}")
        doc.add_heading("{{ t.follow_up }}", level=2)
        doc.add_paragraph("{%p if report.previous %}")
        doc.add_paragraph("{{ t.previous_audit }}{{ t.sep }}{{ report.previous.id }} — {{ report.previous.name }}")
        doc.add_paragraph("{%p if report.follow_up %}")
        table(
            ["{{ t.finding }}", "{{ t.statement }}", "{{ t.actions }}", "{{ t.status }}"],
            "u in report.follow_up",
            [
                "{{ u.finding }} ({{ u.kind_label }})",
                "{{ u.statement }}{% if u.note %} — {{ u.note }}{% endif %}",
                "{{ u.actions|join(', ') or '—' }}",
                "{{ u.status_label }}",
            ],
        )
        doc.add_paragraph("{%p else %}")
        doc.add_paragraph("{{ t.no_previous_nc }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_paragraph("{%p else %}")
        doc.add_paragraph("{{ t.no_previous }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_heading("{{ t.summary }}", level=2)
        doc.add_paragraph("{%p if report.summary %}")
        doc.add_paragraph("{{ report.summary }}")
        doc.add_paragraph("{%p endif %}")
        table(["{{ t.finding }}", "{{ t.total }}"], "c in report.counts", ["{{ c.label }}", "{{ c.count }}"])
        doc.add_heading("{{ t.graded_findings }}", level=2)
        doc.add_paragraph("{%p for g in report.graded %}")
        doc.add_heading("{{ g.label }}", level=3)
        doc.add_paragraph("{%p for f in g.findings %}")
        doc.add_heading(
            "{{ f.id }} · {{ f.kind_label }}{% if f.process_id %} · {{ f.process_id }} — "
            "{{ f.process_name }}{% endif %}",
            level=4,
        )
        # each line only when the finding gives it, as in the other formats
        for condition, line in (
            (
                None,  # "not stated" when the finding gives no clause
                "{{ t.clause }}{{ t.sep }}{{ f.clause_label }}{% if f.clause_title %} — {{ f.clause_title }}{% endif %}",
            ),
            ("f.requirement", "{{ t.requirement }}{{ t.sep }}{{ f.requirement }}"),
            (None, "{{ t.statement }}{{ t.sep }}{{ f.statement }}"),
            (
                "f.evidence",
                "{{ t.evidence }}{{ t.sep }}{% for e in f.evidence %}{{ e.path }}"
                "{% if not e.exists %} ({{ t.missing_file }}){% endif %}{% if not loop.last %}, {% endif %}{% endfor %}",
            ),
            ("f.actions", "{{ t.actions }}{{ t.sep }}{{ f.actions|join(', ') }}"),
        ):
            if condition:
                doc.add_paragraph("{%p if " + condition + " %}")
            doc.add_paragraph(line)
            if condition:
                doc.add_paragraph("{%p endif %}")
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("{%p else %}")
        doc.add_paragraph("{{ t.no_findings }}")
        doc.add_paragraph("{%p endfor %}")
        doc.add_heading("{{ t.conclusion }}", level=2)
        doc.add_paragraph("{{ report.conclusion or t['ns.conclusion'] }}")
        doc.add_paragraph(
            "{{ t.recommendation }}{{ t.sep }}{{ report.recommendation_label or t['ns.recommendation'] }}"
        )
        doc.add_heading("{{ t.signoff }}", level=2)
        doc.add_paragraph("{{ t.signatory }}{{ t.sep }}{{ report.signed_by or t.not_signed }}")
        doc.add_paragraph(
            "{{ t.signature_date }}{{ t.sep }}{{ report.signed_on|longdate if report.signed_on else t['ns.signature_date'] }}"
        )
        doc.add_paragraph("{%p if report.altered %}")
        doc.add_paragraph("⚠ {{ report.altered }}")
        doc.add_paragraph("{%p endif %}")
    elif kind == "action-plan":
        doc.add_paragraph("{{ overdue_line }}")
        table(["{{ t.status }}", "{{ t.total }}"], "c in report.counts", ["{{ c.label }}", "{{ c.count }}"])
        doc.add_paragraph("{%p for g in report.groups %}")
        doc.add_heading("{% if g.process_id %}{{ g.process_id }} — {% endif %}{{ g.process_name }}", level=1)
        table(
            [
                "{{ t.action }}",
                "{{ t.finding }}",
                "{{ t.owner_holder }}",
                "{{ t.opened_on }}",
                "{{ t.due }}",
                "{{ t.done_on }}",
                "{{ t.verified }}",
                "{{ t.effectiveness }}",
                "{{ t.status }}",
            ],
            "a in g.actions",
            [
                "{{ a.id }} ({{ a.kind_label }}) {{ a.title }}{% if a.description %} — {{ a.description }}{% endif %}",
                "{{ a.finding or '—' }}",
                "{{ a.owner_id }} — {{ a.owner_name }}{% if a.holders %} ({{ a.holders|join(', ') }}){% endif %}",
                "{{ a.opened_on or t['ns.date'] }}",
                "{{ a.due }}",
                "{{ a.done_on or t['trail.not_done'] }}",
                "{% if a.verified_on %}{{ a.verified_on }}{% if a.verified_by %} {{ a.verified_by }}{% endif %}"
                "{% else %}{{ t['trail.not_verified'] }}{% endif %}",
                "{{ a.effectiveness or t['trail.not_assessed'] }}",
                "{{r status_run(a) }}",  # overdue in bold red, due soon in bold amber, as the HTML shows
            ],
        )
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("{%p if not report.groups %}")
        doc.add_paragraph("{{ t.no_actions }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_heading("{{ t.deadlines }}", level=1)
        doc.add_paragraph("{{ deadline_line }}")
        # one table for every nonconformity, as in the other formats (not one table per record)
        doc.add_paragraph("{%p if report.deadlines %}")
        table(
            [
                "{{ t.finding }}",
                "{{ t.kind }}",
                "{{ t.from_audit }}",
                "{{ t.found_on }}",
                "{{ t.deadline }}",
                "{{ t.actions }}",
                "{{ t.opened_on }}",
                "{{ t.status }}",
            ],
            "d, r in report.responses",
            [
                "{{ r.finding }}",
                "{{ r.finding_kind }}",
                "{{ r.from_audit or '—' }}",
                "{{ d.audit_date }}",
                "{{ d.deadline }}",
                "{{ r.actions|join(', ') or '—' }}",
                "{{ r.opened_on or '—' }}",
                "{% if r.state in ('late', 'missing', 'undated') %}⚠ {% endif %}{{ r.state_label }}",
            ],
        )
        doc.add_paragraph("{%p endif %}")
    else:  # readiness
        doc.add_heading("{{ t.booking_question }}", level=1)
        doc.add_paragraph("{{ verdict }}")
        doc.add_heading("{{ t.blockers }}", level=2)
        doc.add_paragraph("{%p for c in report.checks if not c.met %}")
        doc.add_paragraph(
            "{{ c.label }}{% if c.projected_on %} — {{ projected(c.projected_on|longdate) }}{% endif %}",
            style="List Bullet",
        )
        doc.add_paragraph(
            "{{ t.blocker_missing }}{{ t.sep }}{{ c.detail }}{% if c.blocking and c.blocking|join(', ') not in c.detail %} ({{ c.blocking|join(', ') }}){% endif %}"
        )
        doc.add_paragraph("{%p if c.todo %}")
        doc.add_paragraph("{{ t.blocker_todo }}{{ t.sep }}{{ c.todo }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("{%p if report.ready %}")
        doc.add_paragraph("{{ t.no_blockers }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_heading("{{ t.conditions_title }}", level=2)
        table(
            ["{{ t.condition }}", "{{ t.status }}", "{{ t.dates }}", "{{ t.blocking }}", "{{ t.note }}"],
            "c in report.checks",
            [
                "{{ c.label }}",
                "{{ ('✓ ' ~ t.met) if c.met else ('✗ ' ~ t.not_met) }}",
                "{% if c.met and c.met_on %}{{ met(c.met_on) }}{% elif not c.met and c.projected_on %}"
                "{{ projected(c.projected_on) }}{% else %}—{% endif %}",
                "{{ c.blocking|join(', ') or '—' }}",
                "{{ c.detail }}{% for n in c.notes %} — {{ n }}{% endfor %}",
            ],
        )
        doc.add_paragraph("{{ latest_review }}")
        doc.add_paragraph("{%p if report.next_steps %}")
        doc.add_heading("{{ t.next_steps }}", level=2)
        doc.add_paragraph("{%p for s in report.next_steps %}")
        doc.add_paragraph("{{ s }}", style="List Number")
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("{%p endif %}")
        doc.add_heading("{{ t.journey }}", level=1)
        doc.add_paragraph("{%p if not report.journey_found %}")
        doc.add_paragraph("{{ t.journey_missing }}")
        doc.add_paragraph("{%p endif %}")
        doc.add_paragraph("{%p for task in report.tasks %}")
        doc.add_heading("{{ task.id }} — {{ task.name }} ({{ task.status_label }})", level=2)
        doc.add_paragraph("{{ task.objective }}")
        table(
            ["{{ t.step }}", "{{ t.status }}"],
            "s in task.steps",
            ["{{ s.name }}", "{% if s.status == 'done' %}✓ {% endif %}{{ s.status_label }}"],
        )
        doc.add_paragraph("{% if task.outputs %}{{ task_outputs }} {{ task.outputs|join(list_sep) }}.{% endif %}")
        doc.add_paragraph("{%p endfor %}")
        doc.add_heading("{{ t.evidence_history }}", level=1)
        table(
            [
                "{{ t.process }}",
                "{{ t.records }}",
                "{{ t.first_evidence }}",
                "{{ t.last_evidence }}",
                "{{ t.span }}",
                "{{ minimum }}",
                "{{ t.process_ready_on }}",
            ],
            "p in report.processes",
            [
                "{{ p.id }} — {{ p.name }}",
                "{{ p.records }}",
                "{{ p.first or '—' }}",
                "{{ p.last or '—' }}",
                "{{ p.span_days }}",
                "{{ ('✓ ' ~ t.yes) if p.minimum_met else ('✗ ' ~ t.no) }}",
                "{{ p.ready_on or '—' }}",
            ],
        )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


TEMPLATES = "templates/reports"  # where a kit keeps its own Word templates


def default_template(kind: str) -> bytes:
    """The shipped Word template of ``kind`` (audit, action-plan, readiness), as
    ``trousse report KIND --format docx --template`` writes it for a consultant to restyle."""
    check_office(kind, "docx")
    return _reproducible(_default_docx(kind))


def _kit_template(kit_root: Path, kind: str) -> bytes | None:
    path = kit_root / TEMPLATES / f"{kind}.docx"
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not inside_kit(kit_root, path):  # through a linked folder, or out of the kit
        raise TrousseError(i18n.t("office.bad_template", path=path))
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEMPLATE:
        raise TrousseError(i18n.t("office.bad_template", path=path))
    return path.read_bytes()


def _docx_finalize(lang: str) -> Any:
    """What every value a Word template prints goes through: French typography in French (narrow
    no-break spaces before « : ; ? ! » and inside guillemets, typographic apostrophes), kit text
    included, as in the other reports."""

    def finalize(value: Any) -> Any:
        return typeset(value) if lang == "fr" and isinstance(value, str) else value

    return finalize


DATE_FORMAT = "yyyy-mm-dd"  # ISO, as the other formats' tables; the cell holds a real date
OVERDUE_RGB = "B00020"  # the HTML's tone-bad
DUE_SOON_RGB = "9A5B00"  # the HTML's tone-warn, dark enough to read on white


def _status_run(a: Any, lang: str) -> Any:
    """An action's status cell in Word: its status, then "overdue by N days" in bold red or "due
    in N days" in bold amber (the HTML's badges), then the altered-after-signature note."""
    from docxtpl import RichText  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415 - optional extra

    def fr(text: str) -> str:
        return typeset(text) if lang == "fr" else text

    run = RichText()
    run.add(fr(a.status_label))
    if a.overdue:
        run.add(" ⚠ " + fr(label("overdue_days", lang, days=a.days_late)), bold=True, color=OVERDUE_RGB)
    elif a.due_soon:
        run.add(" " + fr(label("due_soon", lang, days=a.days_left)), bold=True, color=DUE_SOON_RGB)
    if a.altered:
        run.add(" ⚠ " + fr(a.altered))
    return run


def render_docx(kit_root: Path, meta: Meta, report: Any) -> bytes:
    """The report as a Word document, from the kit's template or the shipped one."""
    try:
        from docxtpl import DocxTemplate  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415 - optional extra
    except ImportError:
        raise MissingExtra(i18n.t("office.missing", fmt="docx")) from None
    from trousse.reports.labels import plural  # noqa: PLC0415
    from trousse.reports.typo import longdate  # noqa: PLC0415

    lang = meta.lang
    source = _kit_template(kit_root, meta.kind) or _default_docx(meta.kind)
    env = report_environment(
        [],
        autoescape=True,
        finalize=_docx_finalize(lang),
        filters={"longdate": lambda d: longdate(d, lang), "de": i18n.de},
    )
    standards = ", ".join(f"{s.title} ({s.edition})" for s in meta.standards)
    context: dict[str, Any] = {
        "meta": meta,
        "report": report,
        "t": _labels(lang),
        "report_id": None,
        "standards": standards,
    }
    if meta.kind == "audit":
        context["report_id"] = report.id
    if meta.kind == "action-plan":
        context["actions"] = [a for g in report.groups for a in g.actions]
        context["overdue_line"] = plural("overdue_count", report.overdue, lang, total=report.total)
        context["late_label"] = lambda a: label("overdue_days", lang, days=a.days_late)
        context["soon_label"] = lambda a: label("due_soon", lang, days=a.days_left)
        context["status_run"] = lambda a: _status_run(a, lang)
        first = report.deadlines[0] if report.deadlines else None
        if first is None:
            context["deadline_line"] = label("no_nc", lang)
        elif report.no_deadline_rule:
            context["deadline_line"] = label("no_deadline_rule", lang, within=first.within)
        else:
            context["deadline_line"] = label("deadline_rule", lang, standard=first.standard, within=first.within)
        if report.breaches:
            context["deadline_line"] += " ⚠ " + plural("breaches", report.breaches, lang)
    if meta.kind == "readiness":
        if report.ready:
            verdict = label("booking_yes", lang, date=longdate(report.ready_on, lang))
        elif report.earliest_booking:
            verdict = label("booking_from", lang, date=longdate(report.earliest_booking, lang))
        else:
            verdict = label("booking_undated", lang)
        context["verdict"] = verdict
        context["projected"] = lambda d: label("projected_on", lang, date=d)
        context["met"] = lambda d: label("met_on", lang, date=d)
        context["list_sep"] = " ; " if lang == "fr" else "; "
        context["task_outputs"] = label("task_outputs", lang)
        context["minimum"] = label("minimum", lang, minimum=report.minimum_history)
        review = report.latest_review
        context["latest_review"] = (
            label("latest_review", lang, id=review.id, date=longdate(review.date, lang))
            if review
            else label("no_review", lang)
        )
    try:
        tpl = DocxTemplate(io.BytesIO(source))
        with render_limits():  # the time and memory limits of every other template
            tpl.render(context, jinja_env=env, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
    except TrousseError:
        raise
    except Exception as exc:  # a template a consultant edited: say which, never a traceback
        raise template_problem(exc, meta.kind) from None
    return _reproducible(buf.getvalue(), meta.as_of)


_TAG = re.compile(r"\{[{%].*?[}%]\}|\{[{%][^{]*")


def _failing_tag(exc: BaseException) -> str | None:
    """The Jinja tag on the line where ``exc`` happened, as docxtpl reports it (the paragraph's
    text, XML markup removed); None when it does not say."""
    import html  # noqa: PLC0415

    context = getattr(exc, "docx_context", None)
    if context is None:
        return None
    lines = list(context)
    lineno = getattr(exc, "lineno", None) or 1
    at = min(3, lineno - 1)  # docxtpl keeps from three lines before the failing one
    for line in lines[at : at + 1] + lines:
        tags = _TAG.findall(html.unescape(line))
        if tags:
            return " ".join(tags[-1].split())[:120]
    return None


def template_problem(exc: BaseException, kind: str) -> TrousseError:
    """One plain line for a Word template that cannot be used: not a zip, a zip that is not a Word
    document, a Jinja tag that does not parse (named when docxtpl says which), or a tag naming
    something the report does not have."""
    import zipfile  # noqa: PLC0415

    from jinja2 import TemplateSyntaxError, UndefinedError  # noqa: PLC0415

    name = f"{TEMPLATES}/{kind}.docx"
    if isinstance(exc, zipfile.BadZipFile):
        return TrousseError(i18n.t("office.tpl_not_zip", name=name))
    if isinstance(exc, TemplateSyntaxError):
        tag = _failing_tag(exc)
        return TrousseError(
            i18n.t("office.tpl_tag" if tag else "office.tpl_syntax", name=name, tag=tag or "", kind=kind)
        )
    if isinstance(exc, UndefinedError):
        hit = re.search(r"'([^']+)'(?: is undefined| has no attribute '([^']+)')", str(exc))
        what = (hit.group(2) or hit.group(1)) if hit else ""
        return TrousseError(i18n.t("office.tpl_undefined", name=name, what=what or "?"))
    if isinstance(exc, (KeyError, ValueError)) or type(exc).__module__.startswith("docx"):
        return TrousseError(i18n.t("office.tpl_not_docx", name=name))
    if isinstance(exc, RenderLimit):  # its message is for the user already (time, size)
        return TrousseError(i18n.t("office.tpl_broken", name=name, error=str(exc)))
    return TrousseError(i18n.t("office.tpl_broken", name=name, error=type(exc).__name__))


# ---------------------------------------------------------------- xlsx
def _register_rows(report: Any, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The register of documented information as one table: a row per file of each item (one
    for an item with no file), with the columns of the Markdown report and the standard."""
    keys = ("reg.item", "reg.kind", "reg.required", "reg.files", "reg.version", "reg.approved_by", "reg.approved_on")
    headers = [label("standard", lang), label("clause", lang), *(label(k, lang) for k in keys)]
    headers.insert(3, label("id", lang))  # the item's id, after its title: to filter and to cite
    headers += [label("reg.next_review", lang), label("reg.status", lang), label("reg.justification", lang)]
    rows: list[list[Any]] = []
    for r in report.rows:
        head = [
            r.pack,
            r.clause,
            r.title,
            r.id,
            label(f"reg.kind.{r.kind}", lang),
            label("yes" if r.required else "no", lang),
        ]
        for f in r.files or [None]:
            if f is None:
                rows.append(
                    [*head, None, None, None, None, None, label(f"reg.st.{r.status}", lang), r.justification or None]
                )
                continue
            status = label(f"reg.st.{f.status or r.status}", lang)
            # the approver and the approval date in two columns: the date a real date, to sort and filter
            rows.append(
                [
                    *head,
                    f.text or f.path,
                    f.version or None,
                    (f.approved_by or None) if f.approved_on else (f.approval or None),
                    f.approved_on,
                    f.next_review,
                    status,
                    r.justification or None,
                ]
            )
    return headers, rows


# A text that a spreadsheet would read as a formula (or as the start of one, once edited).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(cell: Any) -> None:
    """Keep a kit string a string: openpyxl stores a value starting with ``=`` as a formula
    (``=HYPERLINK(...)``, ``=cmd|...`` would run when the workbook is opened). The cell is made a
    text cell, and one that starts like a formula gets the quote prefix, so that editing it in a
    spreadsheet does not turn it into one either."""
    cell.data_type = "s"
    if cell.value.startswith(_FORMULA_START):
        cell.quotePrefix = True


def render_xlsx(meta: Meta, report: Any) -> bytes:
    """The report's tables as a workbook: one sheet per table, a header row frozen and filtered."""
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415 - optional extra
        from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError:
        raise MissingExtra(i18n.t("office.missing", fmt="xlsx")) from None
    lang = meta.lang
    t = _labels(lang)
    wb = Workbook()
    wb.remove(wb.active)
    stamp = dt.datetime.combine(meta.as_of, dt.time())
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.title = meta.identity
    wb.properties.creator = f"trousse {meta.version}"

    def french(value: Any) -> Any:
        # French typography in every text cell, kit data included, as the other formats print it
        return typeset(value) if lang == "fr" and isinstance(value, str) else value

    def sheet(name: str, headers: list[str], rows: list[list[Any]], freeze: str = "A2") -> Any:
        # Excel refuses : \\ / ? * [ ] in a sheet's name, and names longer than 31 characters.
        title = re.sub(r"(?<=\d):(?=\d)", "-", name)  # ISO 9001:2015 -> ISO 9001-2015
        title = re.sub(r"[:\\/?*\[\]]", " ", title).strip(" '")
        ws = wb.create_sheet(" ".join(title.split())[:31] or "trousse")
        ws.append([french(meta.identity)])
        ws.append([french(h) for h in headers])
        for row in rows:
            ws.append([french(v) for v in row])
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF1F5")
        ws.freeze_panes = freeze.replace("2", "3")
        ws.auto_filter.ref = f"A2:{ws.cell(row=2, column=len(headers)).column_letter}{max(2, ws.max_row)}"
        for i, h in enumerate(headers, 1):
            width = max([len(str(h))] + [len(str(r[i - 1] or "")) for r in rows[:200]])
            ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = min(max(8, width + 2), 60)
        return ws

    if meta.kind == "action-plan":
        # date columns hold real dates (or nothing), so that a spreadsheet sorts and filters them;
        # the trail's words for a step not done yet, as in the other formats, go in their own column
        rows = [
            [
                a.id,
                f"{g.process_id} — {g.process_name}" if g.process_id else g.process_name,
                a.title,
                a.description or None,
                a.kind_label,
                a.finding,
                f"{a.owner_id} — {a.owner_name}",
                ", ".join(a.holders),
                a.opened_on,
                a.due,
                a.done_on,
                a.verified_on,
                a.verified_by,
                a.effectiveness or t["trail.not_assessed"],
                ", ".join(
                    word
                    for word, missing in (
                        (t["ns.date"], not a.opened_on),
                        (t["trail.not_done"], not a.done_on),
                        (t["trail.not_verified"], not a.verified_on),
                    )
                    if missing
                )
                or None,
                a.status_label,
                a.days_late if a.overdue else None,
                label("due_soon", lang, days=a.days_left) if a.due_soon else None,
            ]
            for g in report.groups
            for a in g.actions
        ]
        marked = [(a.overdue, a.due_soon) for g in report.groups for a in g.actions]
        ws = sheet(
            t["action-plan"],
            [
                t["action"],
                t["process"],
                t["title"],
                t["description"],
                t["kind"],
                t["finding"],
                t["owner"],
                t["holders"],
                t["opened_on"],
                t["due"],
                t["done_on"],
                t["verified_on"],
                t["verified_by"],
                t["effectiveness"],
                t["trail.pending"],
                t["status"],
                t["days_overdue"],
                t["due_soon_header"],
            ],
            rows,
            "B2",
        )
        # an overdue action's row in light red with its due date, status and delay in bold dark red,
        # one due soon in light amber: as the HTML's rows stand out
        tones = {True: ("FBE3E6", OVERDUE_RGB), False: ("FFF1D6", DUE_SOON_RGB)}
        for index, (late, soon) in enumerate(marked, start=3):
            if not (late or soon):
                continue
            fill, ink = tones[late]
            for cell in ws[index]:
                cell.fill = PatternFill("solid", fgColor=fill)
            for column in (10, 16, 17, 18):  # due, status, days overdue, due soon
                ws.cell(row=index, column=column).font = Font(bold=True, color=ink)
        # the response deadlines, one row per nonconformity as in the other formats
        sheet(
            label("sheet.deadlines", lang),
            [
                t["finding"],
                t["kind"],
                t["from_audit"],
                t["found_on"],
                t["deadline"],
                t["actions"],
                t["opened_on"],
                t["status"],
            ],
            [
                [
                    r.finding,
                    r.finding_kind,
                    r.from_audit,
                    d.audit_date,
                    d.deadline,
                    ", ".join(r.actions) or None,
                    r.opened_on,
                    r.state_label,
                ]
                for d, r in report.responses
            ],
            "B2",
        )
    elif meta.kind == "matrix":
        for s in report.standards:
            rows = [
                [r.number, r.title, *("✓" if c else "" for c in r.cells), t["yes"] if r.covered else t["no"]]
                for r in s.rows
            ]
            sheet(s.short or s.id, [t["clause"], t["title"], *(p.id for p in s.processes), t["covered"]], rows, "C2")
        for m in report.mappings:
            rows = [[r.source, r.source_title, r.target, r.target_title, r.coverage, r.note] for r in m.rows]
            sheet(
                f"→ {m.target}",  # after the sheet of the standard it maps from
                [m.source, t["title"], m.target, t["title"], t["coverage"], t["note"]],
                rows,
                "B2",
            )
    elif meta.kind == "register":
        headers, rows = _register_rows(report, lang)
        sheet(label("sheet.register", lang), headers, rows, "C2")
    else:  # readiness: the evidence table
        months = report.timeline.months
        rows = []
        for p in report.processes:
            counts = {c.month: c.count for c in p.months}
            rows.append(
                [
                    p.id,
                    p.name,
                    p.records,
                    p.first,
                    p.last,
                    p.span_days,
                    t["yes"] if p.minimum_met else t["no"],
                    p.ready_on,
                    *(counts.get(m, 0) for m in months),
                ]
            )
        sheet(
            label("sheet.evidence", lang),
            [
                t["process"],
                t["name"],
                t["records"],
                t["first_evidence"],
                t["last_evidence"],
                t["span"],
                label("minimum", lang, minimum=report.minimum_history),
                t["process_ready_on"],
                *months,
            ],
            rows,
            "C2",
        )
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(cell.value, str):
                    _text_cell(cell)
    buf = io.BytesIO()
    wb.save(buf)
    return _reproducible(buf.getvalue(), meta.as_of)
