"""`trousse init`: render a new kit from kit-templates for an organisation, language and standards.

Every file comes from a template: the processes, checklists, documents and record forms of the
targeted packs, then every template under ``kit-templates/kit/<lang>/`` and ``kit/common/``
(the configuration, the roles, the folder notes, the CI files...), rendered with the pack-wide
values computed here (roles and artefact types the rendered processes use, the strictest evidence
rules). A kit template that renders to nothing but blank space is not written (``artefacts.yml``
when no extra artefact type is needed).

Nothing is written until the whole kit has been rendered and the folder has passed the overwrite
guard (:func:`trousse.shipped.refuse_overwrite`); a write or the first commit failing half-way
removes everything written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trousse import __version__, i18n
from trousse.errors import ConfigError
from trousse.gitio import GitCommandError, init_and_commit, inside_repo
from trousse.models import ArtefactDef, Pack, Process
from trousse.packs import shipped_pack_ids, shipped_packs
from trousse.schemas import SCHEMA_DIR, editor_globs, kit_schemas, schema_texts
from trousse.shipped import ShippedTemplates, WriteFailed, refuse_overwrite, write_new
from trousse.yamlio import YamlProblem, dump, parse_markdown

# What init keeps for `trousse upgrade` (see kit-format.md, "Upgrading a kit"): the files as the
# templates rendered them, and the version and answers they were rendered with.
BASE_DIR = ".trousse/base"
ANSWERS = ".trousse/answers.yml"


@dataclass
class InitOptions:
    """What `trousse init` needs to know."""

    target: Path
    standards: list[str]
    lang: str
    org: str
    people: int | None = None
    git: bool = True
    force: bool = False  # a folder that already holds files is allowed (still never overwritten)
    today: dt.date = field(default_factory=dt.date.today)
    pre_commit: bool = False  # also write .pre-commit-config.yaml


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
        self.files: dict[str, str] = {}
        self.artefacts: dict[str, ArtefactDef] = {}  # the kit's artefact types (for its schemas)

    def render(self, template: str, out: str, **extra: Any) -> None:
        self.files[out] = self.shipped.text(template, **extra)

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
                if self.shipped.exists(tpl):
                    self.render(tpl, out)
        arts: list[ArtefactDef] = []
        for pack in self.targeted:
            arts += [a for a in pack.artefacts if a.id not in {x.id for x in arts}]
        for art in arts:
            if art.kind == "document" and self.shipped.exists(f"documents/{lang}/{art.id}.md.j2"):
                self.render(f"documents/{lang}/{art.id}.md.j2", f"documents/{art.id}.md")
            if art.kind == "record" and self.shipped.exists(f"records/{lang}/{art.id}.yml.j2"):
                self.render(f"records/{lang}/{art.id}.yml.j2", f"templates/records/{art.id}.yml")
        # Example audit and action files to copy into audits/ and actions/ (issue 17).
        for kind in ("audit", "action"):
            tpl = f"records/{lang}/_example-{kind}.yml.j2"
            if self.shipped.exists(tpl):
                self.render(tpl, f"templates/{kind}s/example-{kind}.yml")
        # The kit's own files, with what the processes and documents above need.
        used_roles, used_arts = self.references()
        minimum, tolerance = self.evidence_rules()
        extra_arts = self.extra_artefacts(used_arts, {a.id for a in arts})
        self.artefacts = {a.id: a for a in arts}
        for dumped in extra_arts:
            self.artefacts.setdefault(dumped["id"], ArtefactDef.model_validate(dumped))
        extra = {
            "minimum_history": minimum,
            "backdating_tolerance": tolerance,
            "roles": self.roles(used_roles),
            "extra_artefacts": extra_arts,
            "pre_commit": self.opts.pre_commit,
            "yaml_schemas": _yaml_schemas(),
        }
        for folder in (f"kit/{lang}", "kit/common"):
            for template in self.shipped.listing(folder):
                relative = template[len(folder) + 1 :]
                out = relative[:-3] if relative.endswith(".j2") else relative
                if out in self.files:
                    continue  # the language's own file wins over the common one
                text = self.shipped.text(template, **extra)
                if text.strip():
                    self.files[out] = text
        return dict(sorted(self.files.items()))

    def evidence_rules(self) -> tuple[str, str]:
        """The strictest evidence rules of the targeted standards (e.g. NF EN 15838's two
        consecutive quarters over ISO 9001's three months)."""
        minimums = [p.defaults.evidence.minimum_history for p in self.targeted if p.defaults.evidence.minimum_history]
        tolerances = [
            p.defaults.evidence.backdating_tolerance for p in self.targeted if p.defaults.evidence.backdating_tolerance
        ]
        minimum = str(max(minimums, key=_approx_days)) if minimums else "3 months"
        tolerance = str(min(tolerances, key=_approx_days)) if tolerances else "7 days"
        return minimum, tolerance

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

    def roles(self, used: list[str]) -> list[dict[str, Any]]:
        """The roles of the targeted packs, and those of other packs the processes use."""
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
        return roles

    def extra_artefacts(self, used: list[str], have: set[str]) -> list[dict[str, Any]]:
        """The artefact types of other packs that the processes and documents use."""
        others: dict[str, ArtefactDef] = {}
        for pack in shipped_packs().values():
            for a in pack.artefacts:
                others.setdefault(a.id, a)
        extra = [others[a] for a in used if a not in have and a in others]
        return [a.model_dump(mode="json", exclude_defaults=True) for a in extra]


def _yaml_schemas() -> str:
    """The ``yaml.schemas`` setting of .vscode/settings.json, indented for its place."""
    return json.dumps(editor_globs(), indent=2).replace("\n", "\n  ")


def render_templates(opts: InitOptions) -> tuple[dict[str, str], dict[str, ArtefactDef]]:
    """The kit's files as the installed templates render them, and the kit's artefact types."""
    targeted = validate_options(opts)
    planner = _Planner(opts, targeted)
    return planner.plan(), planner.artefacts


def answers_text(opts: InitOptions, version: str = __version__) -> str:
    """The answers record (``.trousse/answers.yml``): the version and the answers init used."""
    data: dict[str, Any] = {
        "trousse_version": version,
        "standards": list(opts.standards),
        "language": opts.lang,
        "organisation": opts.org,
        "people": opts.people,
        "rendered_on": opts.today.isoformat(),
        "options": {"pre_commit": opts.pre_commit},
    }
    head = "".join(f"# {line}\n" for line in i18n.t("init.answers_header", _lang=opts.lang).splitlines())
    return head + dump(data)


def kept_files(opts: InitOptions, rendered: dict[str, str], artefacts: dict[str, ArtefactDef]) -> dict[str, str]:
    """What init keeps beside the kit's files: the rendered copy for ``upgrade``, the answers and
    the editor schemas (all under ``.trousse/``, which ``check`` does not read)."""
    out = {f"{BASE_DIR}/{name}": text for name, text in rendered.items()}
    out[ANSWERS] = answers_text(opts)
    schemas = kit_schemas(artefacts, opts.lang, shipped_pack_ids())
    out.update({f"{SCHEMA_DIR}/{name}": text for name, text in schema_texts(schemas).items()})
    return out


def plan_kit(opts: InitOptions) -> dict[str, str]:
    """Every file of the new kit, rendered (relative path -> text), without writing anything."""
    rendered, artefacts = render_templates(opts)
    return dict(sorted({**rendered, **kept_files(opts, rendered, artefacts)}.items()))


def run_init(opts: InitOptions) -> InitResult:
    """Render the kit, pass the overwrite guard, write it, and commit exactly its files when the
    folder is not inside a repository. A failure half-way removes what was written."""
    files = plan_kit(opts)
    target = opts.target
    refuse_overwrite(target, files, force=opts.force)
    in_repo = inside_repo(target)
    had_git = (target / ".git").exists() or (target / ".git").is_symlink()
    written = write_new(target, {name: text.encode("utf-8") for name, text in files.items()})
    commit = None
    if opts.git and not in_repo:
        also = () if had_git else (".git",)
        try:
            commit = init_and_commit(target, i18n.t("init.commit", _lang=opts.lang, org=opts.org), list(files))
        except GitCommandError as exc:
            written.undo(*also)
            said = (exc.stderr or str(exc)).strip().splitlines() or [str(exc)]
            raise WriteFailed(i18n.t("init.commit_failed", error=said[-1].strip())) from None
        except BaseException:
            written.undo(*also)
            raise
    return InitResult(target, written.files, commit, in_repo)
