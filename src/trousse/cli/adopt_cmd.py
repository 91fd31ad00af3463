"""`trousse adopt [DIR]`: bring a repository's existing Markdown documents into a kit, in place."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import typer

from trousse import i18n

NEAR = 10  # near misses shown in the text output
LISTINGS = 3  # index pages named one by one in the text output; more are counted
# One message per field the plan leaves to fill (plan.find_gaps): each says what is missing.
FILL_KEYS = {"owner": "adoptc.to_fill", "version": "adoptc.to_fill_version", "approved_by": "adoptc.to_fill_approver"}


def add(app: typer.Typer) -> None:
    """Declare ``trousse adopt`` on ``app``."""

    @app.command("adopt", help=i18n.t("adoptc.help"))
    def adopt_command(
        directory: Path = typer.Argument(Path("."), help=i18n.t("adoptc.dir"), metavar="DIR"),
        standard: list[str] | None = typer.Option(None, "--standard", help=i18n.t("adoptc.standard"), metavar="ID"),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("adoptc.lang"), metavar="fr|en"),
        org: str | None = typer.Option(None, "--org", help=i18n.t("adoptc.org"), metavar="NAME"),
        dry_run: bool = typer.Option(False, "--dry-run", help=i18n.t("adoptc.dry")),
        plan_file: Path | None = typer.Option(None, "--plan", help=i18n.t("adoptc.plan"), metavar="FILE"),
        fmt: str = typer.Option("text", "--format", help=i18n.t("adoptc.format"), metavar="text|json"),
    ) -> None:
        from trousse.adopt import AdoptOptions, apply_plan, make_plan, prepare, read_plan  # noqa: PLC0415
        from trousse.errors import ConfigError  # noqa: PLC0415

        if fmt not in ("text", "json"):
            raise ConfigError(i18n.t("adoptc.bad_format"))
        if not standard or lang not in ("fr", "en") or not org:
            raise ConfigError(i18n.t("adoptc.need"))
        opts = AdoptOptions(directory.absolute(), list(standard), lang, org)
        # Once adopted (trousse.yml is there), a plain run only proposes: applying it again would
        # bring back what the consultant removed from the plan; changes go through --plan.
        adopted = plan_file is None and not dry_run and (opts.root / "trousse.yml").exists()
        dry_run = dry_run or adopted
        fresh = not (opts.root / "trousse.yml").exists()  # not adopted yet: say how history can count
        plan = read_plan(plan_file, opts) if plan_file is not None else make_plan(opts)
        if dry_run:
            prepare(opts, plan)  # the same checks as applying: a plan the dry run accepts, apply accepts
        written = [] if dry_run else apply_plan(opts, plan)
        if fmt == "json":
            data = plan.as_dict()
            if not dry_run:
                data["written"] = written
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            raise typer.Exit(0)
        count = len(plan.documents)
        typer.echo(i18n.t("adoptc.docs.one" if count == 1 else "adoptc.docs.many", count=count))
        for d in plan.documents:
            why = d.get("why")
            if why == "words":
                said = i18n.t("adoptc.why.words", words=", ".join(d.get("matched") or []))
            else:
                said = i18n.t("adoptc.why.front" if why == "front-matter" else "adoptc.why.plan")
            owner = d.get("owner")
            typer.echo(
                "  "
                + i18n.t(
                    "adoptc.doc",
                    path=d["path"],
                    artefacts=", ".join(d.get("artefacts") or []),
                    why=said,
                    owner=(plan.role_of(owner) or owner) if owner else i18n.t("adoptc.owner_unknown"),
                )
            )
        listed = {d["path"] for d in plan.documents}
        skipped = [s for s in plan.skipped if isinstance(s, dict) and s.get("path") not in listed]
        listings = [s["path"] for s in skipped if s.get("why") == "listing"]
        if len(listings) > LISTINGS:  # a handbook has dozens: their number, not a flood of lines
            typer.echo(i18n.t("adoptc.listings", count=len(listings)))
        for path in listings if len(listings) <= LISTINGS else []:
            typer.echo(i18n.t("adoptc.listing", path=path))
        near = sorted((len(s.get("missing") or []), s["path"], s) for s in skipped if s.get("nearest"))
        for _, _, s in near[:NEAR]:  # the nearest first; --format json lists them all
            missing, count = ", ".join(s.get("missing") or []), len(s.get("missing") or [])
            typer.echo(i18n.t("adoptc.near", path=s["path"], artefact=s["nearest"], missing=missing, count=count))
        records = [s for s in skipped if s.get("why") == "record"]
        if records:  # the kit reads them as records: never proposed, counted apart from the unfit
            typer.echo(i18n.t("adoptc.records", count=len(records)))
        unfit = [s for s in skipped if s.get("why") not in ("listing", "record")]
        if unfit:
            typer.echo(i18n.t("adoptc.skipped", count=len(unfit)))
        for c in plan.conflicts:
            typer.echo(
                i18n.t("adoptc.conflict", path=c["path"], field=c["field"], values=", ".join(map(str, c["values"])))
            )
        for text, role in plan.roles.items():
            if role is None:
                typer.echo(i18n.t("adoptc.role", text=text))
        for text, role in plan.people.items():
            if role is None:
                typer.echo(i18n.t("adoptc.person", text=text))
            else:
                typer.echo(i18n.t("adoptc.holder", text=text, role=role))
        for gap in plan.to_fill:
            typer.echo(i18n.t(FILL_KEYS.get(gap["field"], "adoptc.to_fill_version"), path=gap["path"]))
        for art in plan.unmapped_required:
            typer.echo(i18n.t("adoptc.missing", artefact=art, name=plan.names.get(art, art)))
        if fresh:
            typer.echo(i18n.t("adoptc.sources"))
        if adopted:
            typer.echo(i18n.t("adoptc.adopted"))
        if dry_run and plan_file is None:
            options = " ".join([*(f"--standard {s}" for s in standard), f"--lang {lang}", f"--org {shlex.quote(org)}"])
            typer.echo(i18n.t("adoptc.edit", dir=shlex.quote(str(directory)), options=options))
        if not dry_run:
            if written:
                typer.echo(i18n.t("adoptc.wrote.one" if len(written) == 1 else "adoptc.wrote.many", count=len(written)))
            else:
                typer.echo(i18n.t("adoptc.none"))
        from trousse import gitio  # noqa: PLC0415

        if not (gitio.git_available() and gitio.inside_repo(opts.root)):
            typer.echo(i18n.t("adoptc.no_git"))  # a word, not an error: adopt works, evidence waits for git
        raise typer.Exit(0)
