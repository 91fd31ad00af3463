"""`trousse verify PACK.zip`: check an audit pack (0 intact, 1 altered or missing files, 2 unreadable)."""

from __future__ import annotations

from pathlib import Path

import typer

from trousse import i18n
from trousse.cli.common import check_lang, lang_option


def add(app: typer.Typer) -> None:
    """Declare ``trousse verify`` on ``app``."""

    @app.command("verify", help=i18n.t("verify.help"))
    def verify_command(
        pack: Path = typer.Argument(..., help=i18n.t("verify.pack"), metavar="PACK.zip", show_default=False),
        kit: Path | None = typer.Option(None, "--kit", help=i18n.t("verify.kit"), metavar="KIT", show_default=False),
        lang: str | None = lang_option(),
    ) -> None:
        check_lang(lang)  # the entry point made it the language of the messages
        import datetime as dt  # noqa: PLC0415

        from trousse.errors import EXIT_FINDINGS, EXIT_OK, ConfigError  # noqa: PLC0415 - lazy start-up
        from trousse.gitio import LinkedGitDir  # noqa: PLC0415
        from trousse.reports.typo import longdate  # noqa: PLC0415
        from trousse.reports.verify import check_against_kit, check_reports, pack_language, verify_pack  # noqa: PLC0415

        language = None if lang is not None else pack_language(pack)
        if language:  # the pack's own language (its manifest), unless --lang says, before any message
            i18n.set_language(language)
        result = verify_pack(pack)
        if kit is not None and not kit.is_dir():
            raise ConfigError(i18n.t("verify.no_kit", path=kit))
        # Without --kit, the kit holding the current folder is the kit (a forged commit is then a
        # problem there too); outside any kit, the commit is not checked, and the result says so.
        here = kit
        if here is None:
            from trousse.errors import KitNotFound  # noqa: PLC0415
            from trousse.inventory import find_root  # noqa: PLC0415

            try:
                here = find_root(Path.cwd())
            except KitNotFound:
                here = None
        try:
            against = check_against_kit(result, here) if here is not None else None
        except LinkedGitDir:
            if kit is not None:
                raise
            against = None  # the current folder is a linked worktree trousse does not read: no comparison
        as_of = result.as_of or "—"
        try:
            as_of = longdate(dt.date.fromisoformat(as_of), i18n.language())
        except ValueError:
            pass
        problems = False
        if against is not None and not against.found:
            problems = True  # asked for: a commit the kit does not hold is a problem
            typer.echo(i18n.t("verify.commit_unknown", commit=(result.commit or "")[:12], repo=against.repository))
        elif against is not None:
            for name in against.differing:
                typer.echo(i18n.t("verify.kit_differs", name=name, commit=(result.commit or "")[:12]))
            for name in against.absent:
                typer.echo(i18n.t("verify.kit_absent", name=name, commit=(result.commit or "")[:12]))
            problems = bool(against.differing or against.absent) and not result.uncommitted
            if not (against.differing or against.absent):
                # the manifest's hashes are those of the commit; whether the zip's files are those of
                # the manifest is said below (altered, missing, added): never "the same" over that
                same = "verify.kit_same" if result.intact else "verify.kit_same_manifest"
                typer.echo(i18n.t(same, commit=(result.commit or "")[:12], repo=against.repository))
            # the reports: rendered again from the commit and compared (md, html), or said why not
            reports = check_reports(result, here or Path.cwd())
            short = (result.commit or "")[:12]
            for name in reports.differing:
                typer.echo(i18n.t("verify.report_differs", name=name, commit=short))
            if reports.same:
                typer.echo(i18n.t("verify.reports_same", count=len(reports.same), commit=short))
            if reports.reason:
                typer.echo(i18n.t(reports.reason, commit=short))
            if reports.not_compared:
                typer.echo(i18n.t("verify.reports_pdf", count=len(reports.not_compared)))
            problems = problems or bool(reports.differing)
        if result.intact and not problems:
            typer.echo(
                i18n.t(
                    "verify.ok",
                    path=pack,
                    count=result.checked,
                    commit=(result.commit or "—")[:12],
                    as_of=as_of,
                )
            )
            if against is None and result.commit:  # never "intact" without saying the commit was not checked
                typer.echo(i18n.t("verify.commit_not_checked", commit=result.commit[:12]))
            if result.uncommitted:
                typer.echo(i18n.t("verify.dirty"))
            typer.echo(i18n.t("verify.proves"))
            raise typer.Exit(EXIT_OK)
        for key, names in (
            ("verify.altered", result.altered),
            ("verify.missing", result.missing),
            ("verify.added", result.added),
            ("verify.commit", result.commit_problems),
        ):
            for name in names:
                typer.echo(i18n.t(key, name=name))
        if result.intact:  # the zip is whole, but it is not what the kit repository holds
            typer.echo(i18n.t("verify.kit_failed", path=pack, commit=(result.commit or "")[:12]), err=True)
            raise typer.Exit(EXIT_FINDINGS)
        typer.echo(i18n.t("verify.failed", path=pack), err=True)
        raise typer.Exit(EXIT_FINDINGS)
