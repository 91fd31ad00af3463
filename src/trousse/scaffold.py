"""`trousse init`: render a new kit from kit-templates for an organisation, language and standards.

Nothing is written until the whole kit has been rendered and no file it would write exists: a
kit never overwrites what a user has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import __version__, i18n
from trousse.errors import ConfigError, WouldOverwrite
from trousse.gitio import init_and_commit, inside_repo
from trousse.models import ArtefactDef, Pack, Process
from trousse.packs import shipped_packs
from trousse.shipped import ShippedTemplates, flow_list
from trousse.yamlio import YamlProblem, dump, parse_markdown

CONFIG_TEXT = {
    "fr": """\
# Configuration de la trousse de déploiement (sa présence marque la racine de la trousse).
trousse: 1
organisation:
  name: {org}
{people}language: fr
# Les normes visées (« trousse standards » les liste).
standards: {standards}
# Le périmètre du système de management : à préciser.
scope: {scope}
evidence:
  # L'historique d'enregistrements exigé avant la certification, prouvé par git.
  minimum_history: {minimum}
  # Écart toléré entre la date déclarée d'un enregistrement et sa date de commit.
  backdating_tolerance: {tolerance}
# Gravité des règles, si besoin : {{DOC003: warning, DOC002: off}}
rules: {{}}
""",
    "en": """\
# Deployment kit configuration (its presence marks the kit root).
trousse: 1
organisation:
  name: {org}
{people}language: en
# The standards the kit targets ('trousse standards' lists them).
standards: {standards}
# The scope of the management system: to be refined.
scope: {scope}
evidence:
  # The history of records required before certification, proven by git.
  minimum_history: {minimum}
  # Allowed gap between a record's declared date and its commit date.
  backdating_tolerance: {tolerance}
# Rule severities, if needed: {{DOC003: warning, DOC002: off}}
rules: {{}}
""",
}

SCOPE = {
    "fr": "Services fournis par {org} à ses clients (à préciser : services, sites, clients).",
    "en": "Services provided by {org} to its customers (to be refined: services, sites, customers).",
}

GITIGNORE = "# Rendered reports are rebuilt from the kit: not kept in git.\nreports/\n"

GITHUB_WORKFLOW = """\
# Checks the kit on every push with trousse.
name: trousse
on:
  push:
  pull_request:
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # The whole history: a shallow clone cannot prove when records were made.
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "trousse>={version}"
      - run: trousse check --format github
"""

GITLAB_CI = """\
# Checks the kit on every push with trousse.
trousse-check:
  image: python:3.12
  variables:
    # The whole history: a shallow clone cannot prove when records were made.
    GIT_DEPTH: "0"
  script:
    - pip install "trousse>={version}"
    - trousse check --format text
"""

FOLDER_NOTES = {
    "fr": {
        "records/README.md": "# Enregistrements\n\nLes preuves de l'activité : un fichier YAML par enregistrement (incident, changement, revue...).\nCopiez un formulaire de `templates/records/`, remplissez-le, puis faites un commit : la date du commit prouve quand l'enregistrement a été fait.\n",
        "audits/README.md": "# Audits\n\nUn fichier YAML par audit (interne, à blanc, certification) avec ses constats.\n",
        "actions/README.md": "# Plan d'actions\n\nUn fichier YAML par action corrective, préventive ou d'amélioration, liée au constat qui l'a fait naître.\n",
    },
    "en": {
        "records/README.md": "# Records\n\nThe proof of activity: one YAML file per record (incident, change, review...).\nCopy a form from `templates/records/`, fill it in, then commit: the commit date proves when the record was made.\n",
        "audits/README.md": "# Audits\n\nOne YAML file per audit (internal, mock, certification) with its findings.\n",
        "actions/README.md": "# Action plan\n\nOne YAML file per corrective, preventive or improvement action, linked to the finding that raised it.\n",
    },
}


@dataclass
class InitOptions:
    """What `trousse init` needs to know."""

    target: Path
    standards: list[str]
    lang: str
    org: str
    people: int | None = None
    git: bool = True
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class InitResult:
    """What `trousse init` did."""

    root: Path
    files: list[str]
    commit: str | None
    inside_existing_repo: bool


def _approx_days(period: Any) -> tuple[int, bool]:
    """A period's rough length, to compare standards' defaults ("consecutive" wins a tie)."""
    per = {"days": 1, "weeks": 7, "months": 30, "quarters": 91, "years": 365}[period.unit]
    return (period.count * per, bool(period.consecutive))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def validate_options(opts: InitOptions) -> list[Pack]:
    """The targeted packs; a :class:`ConfigError` for an unknown pack, language or count."""
    packs = shipped_packs()
    known = ", ".join(sorted(packs))
    if opts.lang not in i18n.LANGUAGES:
        raise ConfigError(i18n.t("init.bad_lang", value=opts.lang))
    if not opts.standards:
        raise ConfigError(i18n.t("init.no_standard", known=known))
    if not opts.org.strip():
        raise ConfigError(i18n.t("init.no_org"))
    if opts.people is not None and opts.people < 1:
        raise ConfigError(i18n.t("init.bad_people"))
    for s in opts.standards:
        if s not in packs:
            raise ConfigError(i18n.t("init.unknown_pack", pack=s, known=known))
    seen: list[str] = []
    for s in opts.standards:
        if s not in seen:
            seen.append(s)
    opts.standards = seen
    return [packs[s] for s in seen]


class _Planner:
    def __init__(self, opts: InitOptions, targeted: list[Pack]) -> None:
        self.opts = opts
        self.targeted = targeted
        self.shipped = ShippedTemplates(targeted, opts.lang, opts.org, opts.people, opts.today)
        self.root = self.shipped.root
        self.files: dict[str, str] = {}

    def text(self, template: str) -> str:
        return self.shipped.text(template)

    def exists(self, template: str) -> bool:
        return self.shipped.exists(template)

    def render(self, template: str, out: str) -> None:
        self.files[out] = self.text(template)

    def plan(self) -> dict[str, str]:
        lang = self.opts.lang
        process_ids: list[str] = []
        for pack in self.targeted:
            process_ids += [p.id for p in pack.processes if p.id not in process_ids]
        for pid in process_ids:
            for kind, suffix, out in (
                ("processes", ".md.j2", f"processes/{pid}.md"),
                ("checklists", ".md.j2", f"checklists/{pid}.md"),
            ):
                tpl = f"{kind}/{lang}/{pid}{suffix}"
                if self.exists(tpl):
                    self.render(tpl, out)
        arts: list[ArtefactDef] = []
        for pack in self.targeted:
            arts += [a for a in pack.artefacts if a.id not in {x.id for x in arts}]
        for art in arts:
            if art.kind == "document" and self.exists(f"documents/{lang}/{art.id}.md.j2"):
                self.render(f"documents/{lang}/{art.id}.md.j2", f"documents/{art.id}.md")
            if art.kind == "record" and self.exists(f"records/{lang}/{art.id}.yml.j2"):
                self.render(f"records/{lang}/{art.id}.yml.j2", f"templates/records/{art.id}.yml")
        kit_dir = self.root / "kit" / lang
        if kit_dir.is_dir():
            for path in sorted(kit_dir.rglob("*")):
                if path.is_file():
                    relative = path.relative_to(kit_dir).as_posix()
                    out = relative[:-3] if relative.endswith(".j2") else relative
                    self.render(f"kit/{lang}/{relative}", out)
        for name, text in FOLDER_NOTES[lang].items():
            self.files.setdefault(name, text)
        self.files["trousse.yml"] = self.config_text()
        self.files[".gitignore"] = GITIGNORE
        self.files[".github/workflows/trousse.yml"] = GITHUB_WORKFLOW.format(version=__version__)
        self.files[".gitlab-ci.yml"] = GITLAB_CI.format(version=__version__)
        used_roles, used_arts = self.references()
        self.files["organisation/roles.yml"] = self.roles_text(used_roles)
        extra = self.extra_artefacts(used_arts, {a.id for a in arts})
        if extra:
            self.files["artefacts.yml"] = extra
        return dict(sorted(self.files.items()))

    def config_text(self) -> str:
        # The strictest evidence rules of the targeted standards (e.g. NF EN 15838's two
        # consecutive quarters over ISO 9001's three months).
        minimums = [p.defaults.evidence.minimum_history for p in self.targeted if p.defaults.evidence.minimum_history]
        tolerances = [
            p.defaults.evidence.backdating_tolerance for p in self.targeted if p.defaults.evidence.backdating_tolerance
        ]
        minimum = str(max(minimums, key=_approx_days)) if minimums else "3 months"
        tolerance = str(min(tolerances, key=_approx_days)) if tolerances else "7 days"
        people = f"  people: {self.opts.people}\n" if self.opts.people else ""
        lang = self.opts.lang
        return CONFIG_TEXT[lang].format(
            org=_quote(self.opts.org),
            people=people,
            standards=flow_list(self.opts.standards),
            scope=_quote(SCOPE[lang].format(org=self.opts.org)),
            minimum=minimum,
            tolerance=tolerance,
        )

    def references(self) -> tuple[list[str], list[str]]:
        """Roles and artefact types the rendered processes and documents use."""
        roles: list[str] = []
        arts: list[str] = []

        def add(target: list[str], value: str | None) -> None:
            if value and value not in target:
                target.append(value)

        for name, text in self.files.items():
            if not name.endswith(".md") or not name.startswith(("processes/", "documents/")):
                continue
            try:
                data = parse_markdown(text).data
            except YamlProblem:
                continue  # reported by `check` as YML
            if name.startswith("documents/"):
                add(roles, data.get("owner"))
                add(arts, data.get("artefact"))
                continue
            try:
                proc = Process.model_validate(data)
            except ValueError:
                continue  # reported by `check` as SCH
            add(roles, proc.owner)
            for act in proc.activities:
                for task in act.tasks:
                    for r in task.roles:
                        add(roles, r)
                    for a in task.inputs + task.outputs:
                        add(arts, a)
        return roles, arts

    def roles_text(self, used: list[str]) -> str:
        lang = self.opts.lang
        defs: dict[str, Any] = {}
        for pack in self.targeted:
            for r in pack.roles:
                defs.setdefault(r.id, r)
        others = {r.id: r for p in shipped_packs().values() for r in p.roles}
        for rid in used:
            if rid not in defs and rid in others:
                defs[rid] = others[rid]
        roles = []
        for rdef in defs.values():
            entry: dict[str, Any] = {"id": rdef.id, "name": i18n.pick(rdef.name, lang)}
            competence = i18n.pick(rdef.competence, lang)
            if competence:
                entry["competence"] = competence
            if rdef.external:
                entry["external"] = True
            entry["holders"] = []
            roles.append(entry)
        head = {
            "fr": "# Les rôles de l'organisation et qui les tient (holders : nom et courriel).\n"
            "# Une personne peut tenir plusieurs rôles ; les rôles externes peuvent n'avoir aucun titulaire.\n",
            "en": "# The organisation's roles and who holds them (holders: name and email).\n"
            "# One person may hold several roles; external roles may have no holder.\n",
        }[lang]
        return head + dump({"roles": roles})

    def extra_artefacts(self, used: list[str], have: set[str]) -> str | None:
        others: dict[str, ArtefactDef] = {}
        for pack in shipped_packs().values():
            for a in pack.artefacts:
                others.setdefault(a.id, a)
        extra = [others[a] for a in used if a not in have and a in others]
        if not extra:
            return None
        head = {
            "fr": "# Types d'artefacts que la trousse ajoute à ceux de ses normes.\n",
            "en": "# Artefact types the kit adds to those of its standards.\n",
        }[self.opts.lang]
        return head + dump({"artefacts": [a.model_dump(mode="json", exclude_defaults=True) for a in extra]})


def plan_kit(opts: InitOptions) -> dict[str, str]:
    """Every file of the new kit, rendered (relative path -> text), without writing anything."""
    targeted = validate_options(opts)
    return _Planner(opts, targeted).plan()


def run_init(opts: InitOptions) -> InitResult:
    """Render the kit, refuse if any file exists, write it, and commit when not inside a repo."""
    files = plan_kit(opts)
    target = opts.target
    if target.exists() and not target.is_dir():
        raise WouldOverwrite(i18n.t("init.not_dir", path=str(target)))
    clashes = [name for name in files if (target / name).exists() or (target / name).is_symlink()]
    if clashes:
        shown = ", ".join(clashes[:10]) + (" …" if len(clashes) > 10 else "")
        raise WouldOverwrite(i18n.t("init.exists", count=len(clashes), files=shown))
    in_repo = inside_repo(target)
    written: list[str] = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:  # "x": never clobber
            fh.write(text)
        written.append(name)
    commit = None
    if opts.git and not in_repo:
        commit = init_and_commit(target, i18n.t("init.commit", _lang=opts.lang, org=opts.org))
    return InitResult(target, written, commit, in_repo)
