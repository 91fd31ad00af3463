"""Build examples/fr and examples/en from `trousse init` output plus the firm's own files."""

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import records as R  # noqa: E402
from adapt import adapt, is_adapted  # noqa: E402
from catalogue import actions, audits, catalogue_text, customers_text, fallback_docs, scope  # noqa: E402
from own import audit_programme_body, facts_block, own_facts, scope_body  # noqa: E402
from people import CUSTOMERS, EXTERNAL_AUDITOR, HOLDERS, ORG, SERVICES, SUPPLIERS, email, name  # noqa: E402
from processes import process_body, process_head  # noqa: E402
from revisions import CHANGES, undo  # noqa: E402

from trousse.demo import (  # noqa: E402
    document_versions,
    due_on_working_days,
    recount_management_reviews,
    recount_reports,
    recount_reviews,
    revision_rows,
)
from trousse.packs import shipped_packs  # noqa: E402
from trousse.scaffold import InitOptions, plan_kit  # noqa: E402
from trousse.yamlio import dump, load_plain, parse_markdown  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "examples"
PACK = "iso20000-1-2018"
CREATED = dt.date(2026, 5, 26)
APPROVED = "2026-05-28"
OWN: dict = {}  # artefact -> the firm's full text of that document (set by build)


def placeholders(text: str, lang: str) -> str:
    text = re.sub(r"\{P(\d+)\}", lambda m: name(int(m[1]), lang), text)
    text = re.sub(r"\{C(\d)\}", lambda m: CUSTOMERS[lang][int(m[1])][1], text)
    return text


def resolve(v, lang, docs):
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v):
        return placeholders(v[0] if lang == "fr" else v[1], lang)
    if isinstance(v, R.P):
        return name(v.i, lang)
    if isinstance(v, R.C):
        return CUSTOMERS[lang][v.k][1]
    if isinstance(v, R.CC):
        c = CUSTOMERS[lang][v.k]
        return f"{c[2]} ({c[1]})"
    if isinstance(v, R.S):
        return SERVICES[lang][v.key]
    if isinstance(v, R.SU):
        return SUPPLIERS[lang][v.key]
    if isinstance(v, R.DOC):
        return docs[v.artefact]
    if isinstance(v, list):
        return [resolve(x, lang, docs) for x in v]
    if isinstance(v, dict):
        return {k: resolve(x, lang, docs) for k, x in v.items()}
    if isinstance(v, str):
        return placeholders(v, lang)
    return v


_PLAIN = re.compile(r"^[A-Za-zÀ-ÿ0-9][^:#\n]*$")
_SPECIAL = re.compile(r"^(true|false|yes|no|null|on|off|~|[-+]?[0-9.]+)$", re.I)


def scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return s
    if re.fullmatch(r"\d{4}-(\d{2}|Q[1-4])", s):
        return f'"{s}"'
    if (
        _PLAIN.match(s)
        and not _SPECIAL.match(s)
        and not s.endswith((" ", ":"))
        and ": " not in s
        and " #" not in s
        and not re.fullmatch(r"[0-9].*", s)
        and "[" not in s
        and "{" not in s
        and not s.startswith(("-", "*", "&", "!", "%", "@", "`", "'", '"'))
    ):
        return s
    return json.dumps(s, ensure_ascii=False)


def to_yaml(data: dict) -> str:
    lines = []
    for k, v in data.items():
        if v is None:
            continue
        if isinstance(v, list):
            if all(not isinstance(x, (dict, list)) for x in v) and sum(len(scalar(x)) for x in v) < 70:
                lines.append(f"{k}: [{', '.join(scalar(x) for x in v)}]")
            else:
                lines.append(f"{k}:")
                for x in v:
                    if isinstance(x, dict):  # one row of a table (a review's decision items)
                        rows = [f"{kk}: {scalar(vv)}" for kk, vv in x.items()]
                        lines += [("  - " if i == 0 else "    ") + r for i, r in enumerate(rows)]
                    else:
                        lines.append(f"  - {scalar(x)}")
        else:
            lines.append(f"{k}: {scalar(v)}")
    return "\n".join(lines) + "\n"


SILENCES = {
    "PRB": (
        "Peu de problèmes dans une entreprise de 12 personnes : les incidents sont passés en revue chaque "
        "semaine pour repérer les tendances, et une fiche de problème n'est ouverte que si un incident se "
        "répète ou reste sans cause connue.",
        "Few problems in a 12-person firm: incidents are reviewed every week for trends, and a problem "
        "record is opened only when an incident recurs or has no known cause.",
    ),
    "SDT": (
        "Deux ou trois services sont conçus ou modifiés par an ; chaque conception est consignée dès qu'elle commence.",
        "Two or three services are designed or changed a year; each design is recorded as soon as it starts.",
    ),
    "CAT": (
        "Le catalogue change rarement : il est revu chaque trimestre avec les revues de service, et chaque "
        "modification passe par la gestion des changements.",
        "The catalogue seldom changes: it is reviewed every quarter with the service reviews, and every change "
        "to it goes through change management.",
    ),
}


def silences(lang: str) -> str:
    """trousse.yml lines: the kit-wide allowed silence and the justified longer ones."""
    head = {
        "fr": (
            "  # Silence le plus long permis à un processus dont les enregistrements suivent les événements.\n"
            "  max_silence: 1 month\n"
            "  # Processus aux enregistrements plus rares : le silence permis, et pourquoi (l'auditeur le lit).\n"
        ),
        "en": (
            "  # The longest silence allowed to a process whose records follow events.\n"
            "  max_silence: 1 month\n"
            "  # Processes whose records are rarer: the allowed silence, and why (the auditor reads it).\n"
        ),
    }[lang]
    lines = [head, "  processes:\n"]
    for pid, why in SILENCES.items():
        text = why[0] if lang == "fr" else why[1]
        lines.append(f"    {pid}:\n      max_silence: 3 months\n      why: {json.dumps(text, ensure_ascii=False)}\n")
    return "".join(lines)


TEXTS = Path(__file__).parent / "texts"


def own_text(art: str, lang: str) -> str | None:
    """The firm's own text of a document of type ``art`` (texts/<lang>/<art>.md), if it wrote one."""
    path = TEXTS / lang / f"{art}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def approve(text: str, lang: str) -> str:
    """The front matter the document's revision table says: its last row gives the version and the
    day; a version 1.0 or later is approved by the director on that day, an earlier one is a draft
    (the certification body's contract stays in review until it is signed)."""
    fm = parse_markdown(text).data
    art = fm.get("artefact")
    head, sep, rest = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    rows = revision_rows(rest)
    version, day = (rows[-1][0], rows[-1][1].isoformat()) if rows else ("1.0", APPROVED)
    status = "approved" if int(version.split(".")[0]) >= 1 else "draft"
    if art == "certification-contract":
        status = "in-review"
    head = re.sub(r"^version:.*$", f'version: "{version}"', head, flags=re.M)
    head = re.sub(r"^approved_(by|on):.*\n?", "", head, flags=re.M)
    extra = f"\napproved_by: D\napproved_on: {day}" if status == "approved" else ""
    head = re.sub(r"^status:.*$", f"status: {status}{extra}", head, flags=re.M)
    return head + sep + rest


def works_in(files: dict[str, str], person: int) -> list[str]:
    """The processes whose tasks name a role ``person`` holds (their own work: they do not audit it)."""
    held = {role for role, idx in HOLDERS.items() if person in idx}
    out = []
    for path, text in files.items():
        if path.startswith("processes/") and path.endswith(".md"):
            roles = set(re.findall(r"^\s*roles: \[([^\]]*)\]", text, re.M))
            named = {r.strip() for line in roles for r in line.split(",")}
            if named & held:
                out.append(parse_markdown(text).data["id"])
    return sorted(out)


_OWN_FILES = ("records/", "audits/", "actions/", "documents/", "services/", "organisation/", "trousse.yml")


def follow_forms(out: dict[str, str]) -> dict[str, str]:
    """Number each record under the prefix its kit's own form gives (``templates/records/<artefact>.yml``):
    the records are written with the French demo's prefixes (RDD, PCA...); the English kit's forms
    say MRV, TCO... Within an artefact the numbers follow the records' dates. Every mention of an
    id in the firm's own files follows; the templates and ``.trousse/`` are left as init wrote them."""
    prefixes = {}
    for path, text in out.items():
        if path.startswith("templates/records/") and (m := re.search(r"^id: ([A-Z]+)-", text, re.M)):
            prefixes[Path(path).stem] = m[1]
    by_artefact: dict[str, list[tuple[str, str]]] = {}
    for path, text in out.items():
        if path.startswith("records/") and path.endswith(".yml"):
            data = load_plain(text) or {}
            by_artefact.setdefault(data["artefact"], []).append((str(data["date"]), data["id"]))
    renames = {}
    for art, entries in by_artefact.items():
        prefix = prefixes[art]
        if all(rid.startswith(prefix + "-") for _, rid in entries):
            continue
        for n, (_, rid) in enumerate(sorted(entries, key=lambda e: (e[0], e[1])), 1):
            year = rid.split("-")[1]
            renames[rid] = f"{prefix}-{year}-{n:04d}"
    if not renames:
        return out
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(renames, key=len, reverse=True))) + r")(?![\w-])"
    )

    def sub(text: str) -> str:
        return pattern.sub(lambda m: renames[m[1]], text)

    return {
        (sub(p) if p.startswith(_OWN_FILES) else p): (sub(t) if p.startswith(_OWN_FILES) else t) for p, t in out.items()
    }


# The catalogue before the change that revised its prices and hourly rate: `trousse demo` commits it with
# the kit's structure, then the current catalogue on the change's day (examples/earlier/<lang>/<day
# the current text replaces it>/<path>; see src/trousse/demo.py).
CATALOGUE_CHANGE = "records/chg/CHG-2026-0013.yml"
CATALOGUE_BEFORE = {
    "fr": [("38 € HT par poste", "35 € HT par poste"), ("65 € HT de l'heure", "60 € HT de l'heure")],
    "en": [("£32 per covered PC", "£30 per covered PC"), ("£55 an hour", "£50 an hour")],
}


def earlier_versions(out: dict[str, str], lang: str) -> dict[str, str]:
    """Earlier texts of the kit's files, keyed ``<day>/<path>``: the text the file had until ``day``."""
    change = out[CATALOGUE_CHANGE]
    day = re.search(r"^date: (\d{4}-\d{2}-\d{2})", change, re.M)
    assert day and "catalog" in change.lower(), CATALOGUE_CHANGE
    before = out["services/catalogue.yml"]
    for new, old in CATALOGUE_BEFORE[lang]:
        assert new in before, (lang, new)
        before = before.replace(new, old)
    out_earlier = {f"{day.group(1)}/services/catalogue.yml": before}
    # Before the change that added the security service: the scope, the catalogue (at its old
    # prices) and the customers without it, committed with the structure until the change's day.
    added = re.search(r"^implemented_on: (\d{4}-\d{2}-\d{2})", out[SECURITY_CHANGE], re.M)
    assert added and added.group(1) < day.group(1), SECURITY_CHANGE
    service = SECURITY_SERVICE[lang]
    out_earlier[f"{added.group(1)}/services/catalogue.yml"] = without_service(before, service)
    out_earlier[f"{added.group(1)}/organisation/customers.yml"] = out["organisation/customers.yml"].replace(
        f", {service}]", "]"
    )
    now, then = SCOPE_BEFORE_SECURITY[lang]
    assert now in out["trousse.yml"], (lang, now)
    out_earlier[f"{added.group(1)}/trousse.yml"] = out["trousse.yml"].replace(now, then)
    out_earlier.update(earlier_documents(out, lang))
    return out_earlier


SECURITY_CHANGE = "records/chg/CHG-2026-0004.yml"
SECURITY_SERVICE = {"fr": "SVC-SECURITE", "en": "SVC-SECURITY"}
SCOPE_BEFORE_SECURITY = {
    "fr": (
        "Services d'assistance aux utilisateurs, d'hébergement et de sauvegarde, et de sécurité du poste et de la messagerie, fournis",
        "Services d'assistance aux utilisateurs et d'hébergement et de sauvegarde, fournis",
    ),
    "en": (
        "User support, hosting and backup, and workstation and mail security services delivered",
        "User support and hosting and backup services delivered",
    ),
}


def without_service(catalogue: str, service: str) -> str:
    """The catalogue's YAML text without the item of ``service`` (from its ``- id:`` line to the next)."""
    lines = catalogue.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {service}")
    indent = lines[start].index("-")
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent
        ),
        len(lines),
    )
    return "".join(lines[:start] + lines[end:])


def earlier_documents(out: dict[str, str], lang: str) -> dict[str, str]:
    """The earlier versions of each document with a revision table of several rows, keyed
    ``<day the next version took over>/<path>``: the table cut after that version's row, its
    version and approval day in the front matter, and its body without what the later revisions
    changed (revisions.CHANGES: each row after the first must say what it changed)."""
    found = {}
    for path, text in sorted(out.items()):
        if not (path.startswith("documents/") and path.endswith(".md")):
            continue
        versions = document_versions(text)
        if len(versions) < 2:
            continue
        art = parse_markdown(text).data["artefact"]
        numbers = [parse_markdown(v).data["version"] for _, v in versions]
        changes = CHANGES.get(art, {})
        assert sorted(changes) == numbers[1:], (lang, art, numbers, sorted(changes))
        for k in range(len(versions) - 1):
            body = versions[k][1]
            for later in reversed(numbers[k + 1 :]):
                body = undo(body, changes[later][lang], f"{lang} {art} {later}")
            found[f"{versions[k + 1][0].isoformat()}/{path}"] = body
    return found


def build(lang: str) -> None:
    processes = sorted({p.id for p in shipped_packs()[PACK].processes})
    auditor = name(HOLDERS["RCF"][0], lang)
    files = plan_kit(InitOptions(Path("/tmp/unused"), [PACK], lang, ORG[lang], 12, git=False, today=CREATED))
    hers = works_in(files, HOLDERS["RCF"][0])
    global OWN
    OWN = {
        "sms-scope": lambda lg: scope_body(lg, scope(lg)),
        "internal-audit-programme": lambda lg: audit_programme_body(lg, auditor, processes, hers, EXTERNAL_AUDITOR[lg]),
    }
    out: dict[str, str] = {k: v for k, v in files.items()}
    # trousse.yml: the firm's scope
    out["trousse.yml"] = re.sub(
        r"^scope: .*$", "scope: " + json.dumps(scope(lang), ensure_ascii=False), files["trousse.yml"], flags=re.M
    )
    said = {"fr": "# Le périmètre du système de management ", "en": "# The scope of the management system"}[lang]
    done = {
        "fr": "# Le périmètre du système de management, tel que le certificat le dira (le document SCO-SMS le reprend).",
        "en": "# The scope of the management system, as the certificate will state it (document SCO-SMS repeats it).",
    }[lang]
    out["trousse.yml"] = re.sub(r"^" + re.escape(said) + r".*$", done, out["trousse.yml"], count=1, flags=re.M)
    # facts: the firm's own, declared once (issue 17 part 5); the documents repeat them
    out["trousse.yml"] = re.sub(
        r"^facts:\n(?:(?:  .*|\s*)\n)*", facts_block(lang, ORG[lang]), out["trousse.yml"], count=1, flags=re.M
    )
    # evidence: the allowed silences, and the three processes whose records are rarer, with the reason
    out["trousse.yml"] = re.sub(
        r"^(  backdating_tolerance: .*\n)", lambda m: m[1] + silences(lang), out["trousse.yml"], count=1, flags=re.M
    )
    # roles with holders
    head = "".join(line + "\n" for line in files["organisation/roles.yml"].splitlines() if line.startswith("#"))
    roles = load_plain(files["organisation/roles.yml"])
    for role in roles["roles"]:
        idx = HOLDERS.get(role["id"], [])
        role["holders"] = [{"name": name(i, lang), "email": email(i, lang), "since": "2026-05-26"} for i in idx]
        if role["id"] == "RCF":
            role["holders"][0]["since"] = "2026-07-09"
    extra = {
        "fr": [
            (
                "ADM",
                "Administration et comptabilité",
                "Tient la comptabilité, le suivi budgétaire des services et le registre des actifs et des licences.",
                9,
            ),
            (
                "COM",
                "Relation client",
                "Suit les clients, mène les enquêtes de satisfaction et traite les réclamations.",
                10,
            ),
        ],
        "en": [
            (
                "ADM",
                "Office and accounts",
                "Keeps the accounts, the service budget reports and the asset and licence register.",
                9,
            ),
            (
                "COM",
                "Account management",
                "Looks after customers, runs satisfaction surveys and handles complaints.",
                10,
            ),
        ],
    }[lang]
    for rid, rname, comp, i in extra:
        roles["roles"].insert(
            3,
            {
                "id": rid,
                "name": rname,
                "competence": comp,
                "holders": [{"name": name(i, lang), "email": email(i, lang), "since": "2026-05-26"}],
            },
        )
    text = head + dump(roles)
    text = re.sub(r"since: '(\d{4}-\d\d-\d\d)'", r"since: \1", text)
    out["organisation/roles.yml"] = text
    # documents: approve, fill the missing required ones
    docs: dict[str, str] = {}
    for path, text in list(out.items()):
        if path.startswith("documents/") and path.endswith(".md"):
            art = parse_markdown(text).data["artefact"]
            text = own_facts(text, lang, ORG[lang])
            out[path] = text
            head = text.partition("\n---\n")[0]
            if art in OWN:  # written by the firm in full, from its data
                out[path] = approve(head + "\n---\n" + OWN[art](lang), lang)
            elif (body := own_text(art, lang)) is not None:  # written by the firm in full
                out[path] = approve(head + "\n---\n" + body, lang)
            elif is_adapted(art):  # the firm's own opening only
                out[path] = approve(adapt(text, art, lang), lang)
            docs[art] = parse_markdown(text).data["id"]
    for art, (did, path, text) in fallback_docs(lang).items():
        if art not in docs:
            out[path] = text
            docs[art] = did
    out["services/catalogue.yml"] = catalogue_text(lang, docs)
    out["organisation/customers.yml"] = customers_text(lang)
    # records
    for folder, data in R.R:
        d = {k: resolve(v, lang, docs) for k, v in data.items()}
        order = ["id", "artefact", "date", "title", "process", "author"]
        d = {**{k: d[k] for k in order if k in d}, **{k: v for k, v in d.items() if k not in order}}
        out[f"records/{folder}/{d['id']}.yml"] = to_yaml(d)
    # processes: the firm's own description, naming the folders its records are really in
    folders: dict[str, set[str]] = {}
    for path, text in out.items():
        if path.startswith("records/") and path.endswith(".yml"):
            folder = path.rsplit("/", 1)[0]
            m = re.search(r"^process: (\S+)", text, re.M)
            pid = m[1] if m else {"cert": "ITSM-CERT"}.get(folder.split("/")[1], folder.split("/")[1].upper())
            folders.setdefault(pid, set()).add(folder + "/")
    for path, text in list(out.items()):
        if path.startswith("processes/") and path.endswith(".md"):
            meta = parse_markdown(text).data
            head = process_head(text.partition("\n---\n")[0], lang)  # the firm's own header prose
            body = process_body(meta["id"], meta["name"], lang, ORG[lang], sorted(folders.get(meta["id"], ())))
            # approved by the director with the documents: the audit says all 25 are (DOC001, DOC006)
            head = re.sub(r"^version:.*\n?", "", head, flags=re.M)
            head += f'\nversion: "1.0"\nstatus: approved\napproved_by: D\napproved_on: {APPROVED}'
            out[path] = head + "\n---\n" + placeholders(body, lang)
    for path, text in audits(lang, hers).items():
        out[path] = placeholders(text, lang)
    for path, text in actions(lang).items():
        out[path] = placeholders(text, lang)
    if lang == "en":
        out = follow_forms(out)
    # the monthly reports' figures and sentences, computed from the records as `trousse demo` does
    # after moving the dates (the same function, so that a build on the anchor day changes nothing)
    recount_reports(out, lang)
    recount_reviews(out, lang)
    recount_management_reviews(out, lang)
    for path in [p for p in out if p.startswith(("records/", "audits/", "actions/"))]:
        out[path] = due_on_working_days(out[path], lang)
    target = OUT / lang
    if target.exists():
        shutil.rmtree(target)
    earlier = OUT / "earlier" / lang
    if earlier.exists():
        shutil.rmtree(earlier)
    for path, text in earlier_versions(out, lang).items():
        p = earlier / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for path, text in sorted(out.items()):
        p = target / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    print(lang, len(out), "files; fallback documents:", [a for a, v in fallback_docs(lang).items() if docs[a] == v[0]])


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["fr", "en"]:
        build(lang)
