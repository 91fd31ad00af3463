"""The last gaps of the daily workflow (issue 13, third round): an audit's empty auditors and
scope are fields to fill, kept form comments tell the kit's numbering, review-inputs' section 2
says how to widen it, and ``new`` fills a form's ``{{ facts.* }}`` with the kit's values. Real
kits made by ``trousse init`` or ``trousse demo``, real git, the real CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import check_json, cli, commit_all, init_kit

from trousse.demo import run_demo
from trousse.yamlio import load_plain


def _kit(tmp_path: Path, lang: str = "fr") -> Path:
    root = init_kit(tmp_path / f"kit-{lang}", "--standard", "iso20000-1-2018", "--lang", lang, "--org", "Acme")
    commit_all(root, "init")
    return root


def _new(root: Path, *args: str) -> tuple[str, list[str]]:
    """``trousse new``: (the kit-relative path written, the fields it names as left to fill)."""
    proc = cli("new", *args, "--kit", str(root), "--no-edit")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    named = lines[1].split(":", 1)[1].replace(" ", "").split(",") if len(lines) > 1 and ":" in lines[1] else []
    return lines[0].split()[0], named


def _left_to_fill(root: Path, rel: str) -> list[str]:
    """The fields ``check`` reports as left to fill (SCH004) in ``rel``, in file order."""
    _code, data = check_json(root)
    found = [f for f in data["findings"] if f["path"] == rel and f["rule"] == "SCH004"]
    return [f["message"].split()[0].rstrip(":") for f in sorted(found, key=lambda f: f["line"])]


def test_a_held_audit_left_without_auditors_or_scope_is_to_fill(tmp_path: Path) -> None:
    root = _kit(tmp_path, "en")
    rel, named = _new(root, "audit")
    assert named == ["title", "auditors", "scope"]
    assert _left_to_fill(root, rel) == named
    text = (root / rel).read_text(encoding="utf-8")
    title = load_plain(text)["title"]
    text = text.replace(f'"{title}"', '"Internal audit: incidents"')
    (root / rel).write_text(text, encoding="utf-8")
    assert _left_to_fill(root, rel) == ["auditors", "scope"]
    text = text.replace("auditors: []", "auditors: [{name: Luc Roy, role: RGS}]").replace("scope: []", "scope: [INC]")
    (root / rel).write_text(text, encoding="utf-8")
    assert _left_to_fill(root, rel) == []


def test_a_planned_audit_needs_its_scope_not_yet_its_auditors(tmp_path: Path) -> None:
    root = _kit(tmp_path, "fr")
    later = dt.date.today() + dt.timedelta(days=60)
    rel, named = _new(root, "audit", "--date", later.isoformat())
    assert named == ["title", "scope"]
    assert _left_to_fill(root, rel) == ["title", "scope"]
    text = (root / rel).read_text(encoding="utf-8")
    text = text.replace(f'"{load_plain(text)["title"]}"', '"Audit interne : achats"').replace(
        "scope: []", "scope: [SUP]"
    )
    (root / rel).write_text(text, encoding="utf-8")
    assert _left_to_fill(root, rel) == []  # auditors: [] is fine while the audit is planned
    # read on its day (it is held by then), its auditors are to fill
    commit_all(root, "audit planned")
    _code, data = check_json(root, "--as-of", later.isoformat())
    assert [
        f["message"].split()[0].rstrip(":") for f in data["findings"] if f["path"] == rel and f["rule"] == "SCH004"
    ] == ["auditors"]


def test_the_kept_id_comment_tells_the_kits_numbering(tmp_path: Path) -> None:
    root = _kit(tmp_path, "fr")
    first, _named = _new(root, "management-review")
    assert Path(first).stem.startswith("MRV-")  # no review yet: the form's numbering
    (root / first).rename(root / first.replace("MRV-", "RDD-"))
    text = (root / first.replace("MRV-", "RDD-")).read_text(encoding="utf-8").replace("id: MRV-", "id: RDD-")
    (root / first.replace("MRV-", "RDD-")).write_text(text, encoding="utf-8")
    commit_all(root, "first review")
    rel, _named = _new(root, "management-review")
    assert Path(rel).stem.startswith("RDD-")
    text = (root / rel).read_text(encoding="utf-8")
    id_line = next(line for line in text.splitlines() if line.startswith("id:"))
    assert "MRV" not in id_line and "RDD, l'année" in id_line and f"RDD-{dt.date.today().year}-0001" in id_line


def test_renumbering_keeps_a_process_id_in_other_comments() -> None:
    from trousse.workflow.forms import renumber_comments

    form = (
        "# records of the MRV process, numbered MRV-YYYY-NNNN\n"
        "id: MRV-YYYY-NNNN  # unique id: MRV, the year, a number (e.g. MRV-2026-0001)\n"
        'title: "MRV # not a comment"  # see MRV-2026-0001 and process MRV\n'
    )
    out = renumber_comments(form, "MRV", "RDD")
    assert out.splitlines() == [
        "# records of the MRV process, numbered RDD-YYYY-NNNN",
        "id: MRV-YYYY-NNNN  # unique id: RDD, the year, a number (e.g. RDD-2026-0001)",
        'title: "MRV # not a comment"  # see RDD-2026-0001 and process MRV',
    ]


def test_review_inputs_section_2_says_how_to_widen_it(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    run_demo(root, "fr", today=dt.date(2026, 11, 29))
    # The demo revises three documents on the day of its last review (2026-11-26): from the next day
    # on, nothing in section 2 is new.
    proc = cli("report", "review-inputs", str(root), "-o", "-", "--as-of", "2026-11-29", "--since", "2026-11-27")
    assert proc.returncode == 0, proc.stderr
    context = proc.stdout.split("\n## 2. ", 1)[1].split("\n## ", 1)[0]
    assert "documents approuvés ou révisés : 0" not in context
    assert "Rien dans la trousse depuis le 27 novembre 2026" in context and "--since" in context
    widened = cli("report", "review-inputs", str(root), "-o", "-", "--as-of", "2026-11-29", "--since", "2026-01-01")
    context = widened.stdout.split("\n## 2. ", 1)[1].split("\n## ", 1)[0]
    assert "documents approuvés ou révisés : " in context and "--since" not in context


def _with_facts_in_form(root: Path) -> None:
    form = root / "templates/records/customer-complaint-record.yml"
    text = form.read_text(encoding="utf-8")
    form.write_text(
        "# Accusez réception sous {{ facts.complaint_acknowledgement_text }} ; "
        "répondez sous {{ facts.complaint_response_text }}.\n" + text,
        encoding="utf-8",
    )


def test_new_fills_the_forms_facts_with_the_kits_values(tmp_path: Path) -> None:
    root = _kit(tmp_path, "fr")
    _with_facts_in_form(root)
    config = root / "trousse.yml"
    text = config.read_text(encoding="utf-8")
    assert "complaint_response: 10 working days" in text
    config.write_text(
        text.replace("complaint_response: 10 working days", "complaint_response: 15 days"), encoding="utf-8"
    )
    rel, _named = _new(root, "customer-complaint")
    written = (root / rel).read_text(encoding="utf-8")
    assert written.startswith("# Accusez réception sous 2 jours ouvrés ; répondez sous 15 jours.\n")
    assert "{{" not in written and "10 jours ouvrés" not in written


def test_new_audit_fills_the_facts_of_the_kits_own_audit_form(tmp_path: Path) -> None:
    root = _kit(tmp_path, "en")
    form = root / "templates/audits/example-audit.yml"
    form.write_text("# Sites: {{ facts.sites | join('; ') }}\n" + form.read_text(encoding="utf-8"), encoding="utf-8")
    config = root / "trousse.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  sites: []", '  sites: ["Head office, Lyon", "Depot, Vienne"]'),
        encoding="utf-8",
    )
    rel, _named = _new(root, "audit")
    assert (root / rel).read_text(encoding="utf-8").startswith("# Sites: Head office, Lyon; Depot, Vienne\n")


def test_a_fact_the_kit_does_not_declare_is_one_plain_line(tmp_path: Path) -> None:
    root = _kit(tmp_path, "fr")
    _with_facts_in_form(root)
    config = root / "trousse.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if "complaint_acknowledgement:" not in x), encoding="utf-8")
    before = sorted(p.name for p in root.rglob("*.yml"))
    proc = cli("new", "customer-complaint", "--kit", str(root), "--no-edit")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "templates/records/customer-complaint-record.yml" in proc.stderr
    assert "« complaint_acknowledgement »" in proc.stderr and "trousse.yml" in proc.stderr
    assert sorted(p.name for p in root.rglob("*.yml")) == before  # nothing written


def test_calendar_writes_its_ics_file_and_never_over_a_kit_file(tmp_path: Path) -> None:
    import icalendar

    root = _kit(tmp_path, "en")
    target = tmp_path / "team.ics"
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    proc = cli("calendar", str(root), "-f", "ics", "-o", str(target), "--to", later)
    assert proc.returncode == 0, proc.stderr
    assert str(target) in proc.stdout
    parsed = icalendar.Calendar.from_ical(target.read_bytes())
    summaries = [str(e.get("summary")) for e in parsed.walk("VEVENT")]
    assert any("Internal audit of INC" in s for s in summaries), summaries[:5]  # the audit programme
    before = (root / "trousse.yml").read_bytes()
    proc = cli("calendar", str(root), "-f", "ics", "-o", str(root / "trousse.yml"))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert (root / "trousse.yml").read_bytes() == before
