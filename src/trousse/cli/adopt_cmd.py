"""`trousse adopt [DIR]`: bring a repository's existing Markdown documents into a kit, in place."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from trousse import i18n

i18n.register(
    {
        "adoptc.help": (
            "Reprend un système de management déjà tenu en Markdown dans un dépôt : associe chaque document aux types "
            "de documents de la norme, lit ses métadonnées (propriétaire, version, approbation, revue), puis écrit "
            "l'en-tête YAML sur place (corps inchangé, aucun fichier déplacé ni supprimé) et ajoute les fichiers de "
            "trousse manquants. --dry-run montre le plan sans rien écrire.",
            "Adopt a management system already kept as Markdown in a repository: map each document to the standard's "
            "document types, read its metadata (owner, version, approval, review), then write the front matter in "
            "place (body unchanged, no file moved or deleted) and add the missing kit files. --dry-run shows the plan "
            "without writing anything.",
        ),
        "adoptc.dir": (
            "Dossier du dépôt (par défaut : le dossier courant).",
            "Folder of the repository (default: here).",
        ),
        "adoptc.standard": ("Norme visée (plusieurs possibles).", "Targeted standard (may be repeated)."),
        "adoptc.lang": ("Langue de la trousse : fr ou en.", "Language of the kit: fr or en."),
        "adoptc.org": ("Nom de l'organisation.", "Name of the organisation."),
        "adoptc.dry": ("Montrer le plan sans rien écrire.", "Show the plan without writing anything."),
        "adoptc.plan": (
            "Appliquer ce plan JSON (celui de --dry-run --format json, modifié).",
            "Apply this JSON plan (the one of --dry-run --format json, edited).",
        ),
        "adoptc.format": ("Format de sortie : text ou json.", "Output format: text or json."),
        "adoptc.bad_format": ("--format : choisissez text ou json", "--format: choose text or json"),
        "adoptc.need": (
            'indiquez --standard, --lang et --org (par exemple : --standard iso20000-1-2018 --lang fr --org "Acme")',
            'give --standard, --lang and --org (for example: --standard iso20000-1-2018 --lang en --org "Acme")',
        ),
        "adoptc.doc": ("{path} : {artefacts} ; propriétaire {owner}", "{path}: {artefacts}; owner {owner}"),
        "adoptc.conflict": (
            "{path} : « {field} » se contredit ({values}) : choisissez une valeur dans le plan",
            "{path}: '{field}' disagrees with itself ({values}): choose one value in the plan",
        ),
        "adoptc.missing": (
            "type de document requis sans candidat : {artefact} ; écrivez-le ou indiquez le document qui en tient lieu",
            "required document type with no candidate: {artefact}; write it or name the document that serves as one",
        ),
        "adoptc.role": (
            "rôle inconnu : « {text} » ; donnez son identifiant de rôle dans la table « roles » du plan",
            "unknown role: '{text}'; give its role id in the plan's 'roles' table",
        ),
        "adoptc.docs.one": ("1 document reconnu", "1 document recognised"),
        "adoptc.docs.many": ("{count} documents reconnus", "{count} documents recognised"),
        "adoptc.none": ("Rien à écrire : la trousse est déjà à jour.", "Nothing to write: the kit is up to date."),
        "adoptc.wrote.one": ("1 fichier écrit.", "1 file written."),
        "adoptc.wrote.many": ("{count} fichiers écrits.", "{count} files written."),
    }
)


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
        from trousse.adopt import AdoptOptions, apply_plan, make_plan, read_plan  # noqa: PLC0415
        from trousse.errors import ConfigError  # noqa: PLC0415

        if fmt not in ("text", "json"):
            raise ConfigError(i18n.t("adoptc.bad_format"))
        if not standard or lang not in ("fr", "en") or not org:
            raise ConfigError(i18n.t("adoptc.need"))
        opts = AdoptOptions(directory.absolute(), list(standard), lang, org)
        plan = read_plan(plan_file) if plan_file is not None else make_plan(opts)
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
            typer.echo(
                "  "
                + i18n.t("adoptc.doc", path=d["path"], artefacts=", ".join(d["artefacts"]), owner=d["owner"] or "?")
            )
        for c in plan.conflicts:
            typer.echo(
                i18n.t("adoptc.conflict", path=c["path"], field=c["field"], values=", ".join(map(str, c["values"])))
            )
        for text, role in plan.roles.items():
            if role is None:
                typer.echo(i18n.t("adoptc.role", text=text))
        for art in plan.unmapped_required:
            typer.echo(i18n.t("adoptc.missing", artefact=art))
        if not dry_run:
            if written:
                typer.echo(i18n.t("adoptc.wrote.one" if len(written) == 1 else "adoptc.wrote.many", count=len(written)))
            else:
                typer.echo(i18n.t("adoptc.none"))
        raise typer.Exit(0)
