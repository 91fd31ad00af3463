"""The shipped kit templates (``kit-templates/``), rendered for a kit's standards, language and
organisation: ``init`` renders a whole kit with them, and the readiness report renders the shipped
certification journey when a kit has none of its own.

Also the one way ``init`` and ``demo`` put shipped files into a new folder
(:func:`refuse_overwrite`, then :func:`write_new`): never over a file the user has, never into a
folder that already holds files unless asked, and never leaving half a kit behind.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from trousse import __version__, i18n
from trousse.errors import TrousseError, WouldOverwrite
from trousse.models import Pack
from trousse.models.facts import template_facts
from trousse.models.pack import route_words
from trousse.resources import templates_root
from trousse.templating import CompiledTemplates, render_template, report_environment
from trousse.yamlio import YamlProblem, dump, load_plain


def flow_list(items: list[str]) -> str:
    """A YAML flow list: ``[a, b]``; an item holding ``:`` (``iso20000-1-2018:8.2``) is quoted,
    as older libyaml versions (the one in ruamel.yaml.clib among them) refuse it plain there."""
    return "[" + ", ".join(yaml_string(i) if ":" in str(i) else str(i) for i in items) + "]"


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML string."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_plain(text: str) -> str:
    """``text`` as a YAML value: as it is when YAML reads it back unchanged (most names), else
    double-quoted (a name such as ``Acme: #1`` would otherwise break the file)."""
    text = str(text)
    try:
        if "\n" not in text and load_plain(f"v: {text}\n") == {"v": text}:
            return text
    except YamlProblem:
        pass
    return yaml_string(text)


def yaml_block(data: Any) -> str:
    """Plain data as block-style YAML, without the final line break (the template has it)."""
    return dump(data).rstrip("\n")


# The shipped kit templates compiled in this process: every ShippedTemplates environment has the
# same options and filters (only its globals, read when rendering, differ), so one compiled
# template serves them all.
_COMPILED = CompiledTemplates()


class ShippedTemplates:
    """The template environment and context for one kit (sandboxed, strict, no autoescape).

    Besides the context (``org``, ``people``, ``lang``, ``standards``, ``today``, ``year``,
    ``version``), templates have the globals ``clauses_of`` and ``targets`` and the filters
    ``flow_list``, ``yaml_string``, ``yaml_plain``, ``yaml_block`` and ``de`` (French "de" before
    the organisation's name, elided before a vowel: ``{{ org | de }}``).
    """

    def __init__(
        self, targeted: list[Pack], lang: str, org: str, people: int | None = None, today: dt.date | None = None
    ) -> None:
        self.targeted = targeted
        self.standards = [p.id for p in targeted]
        self.root = templates_root()
        day = today or dt.date.today()
        self.env = report_environment(
            [self.root],
            autoescape=False,
            compiled=_COMPILED,
            globals_={"clauses_of": self.clauses_of, "targets": self.targets},
            filters={
                "flow_list": flow_list,
                "yaml_string": yaml_string,
                "yaml_plain": yaml_plain,
                "yaml_block": yaml_block,
                "de": i18n.de,  # French "de" before a name, elided: "d’Infogérance"
            },
        )
        self.context: dict[str, Any] = {
            "org": org,
            "people": people,
            "lang": lang,
            "standards": list(self.standards),
            "today": day.isoformat(),
            "year": day.year,
            "version": __version__,
            "route": route_words(targeted, lang),  # the route's words: SMS or SMQ, counts...
            "facts": template_facts(lang, org),  # what trousse.yml's facts and scope start as
        }

    def clauses_of(self, process_id: str) -> str:
        """The clauses of the targeted packs that require ``process_id``, as a YAML flow list."""
        refs = []
        for pack in self.targeted:
            for pdef in pack.processes:
                if pdef.id == process_id:
                    refs += [f"{pack.id}:{c}" for c in pdef.clauses]
        return flow_list(refs)

    def targets(self, pack_id: str) -> bool:
        """Whether the kit targets the pack ``pack_id``."""
        return pack_id in self.standards

    def text(self, template: str, **extra: Any) -> str:
        """One template (path under kit-templates) rendered, with ``extra`` added to the context."""
        return render_template(self.env, template, {**self.context, **extra})

    def exists(self, template: str) -> bool:
        """Whether the template ships."""
        return (self.root / template).is_file()

    def listing(self, folder: str) -> list[str]:
        """The templates under ``folder`` (paths under kit-templates, sorted; none if it is absent)."""
        base = self.root / folder
        if not base.is_dir():
            return []
        return [f"{folder}/{p.relative_to(base).as_posix()}" for p in sorted(base.rglob("*")) if p.is_file()]


def render_shipped(template: str, packs: list[Pack], lang: str, org: str) -> str:
    """One shipped kit template rendered as ``init`` would render it for a kit targeting ``packs``."""
    return ShippedTemplates(packs, lang, org).text(template)


# ---------------------------------------------------------------- writing a new kit folder


_REASONS = {
    errno.EACCES: "new.reason.denied",
    errno.EPERM: "new.reason.denied",
    errno.ENOSPC: "new.reason.full",
    errno.EDQUOT: "new.reason.quota",
    errno.EFBIG: "new.reason.too_big",
    errno.EROFS: "new.reason.read_only",
    errno.ENOTDIR: "new.reason.not_dir",
    errno.EEXIST: "new.reason.exists",
}


class WriteFailed(TrousseError):
    """A new kit could not be written whole; what was written has been removed."""


def _shown(names: list[str], limit: int = 10) -> str:
    return ", ".join(names[:limit]) + (" …" if len(names) > limit else "")


def reason(exc: OSError) -> str:
    """A plain, translated reason for a failed write."""
    key = _REASONS.get(exc.errno or 0)
    return i18n.t(key) if key else (exc.strerror or str(exc))


def refuse_overwrite(target: Path, names: Iterable[str], *, force: bool, demo: bool = False) -> None:
    """Raise :class:`WouldOverwrite` (nothing written) unless ``names`` (kit-relative, forward
    slashes) can all be written as new files under ``target``.

    ``target`` must be a folder or not exist, and not lie under a file; an existing folder must be
    empty (but for a ``.git``) unless ``force``; and even then no name may exist already, nor any folder on its way be
    a file. ``demo`` chooses the message without ``--force`` (demo has no such option).
    """
    absolute = target.absolute()
    probe = absolute
    while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        if probe == absolute:
            raise WouldOverwrite(i18n.t("new.not_dir", path=str(target)))
        raise WouldOverwrite(i18n.t("new.under_file", path=str(target), file=str(probe)))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise WouldOverwrite(i18n.t("new.read_only", path=str(probe)))
    if probe != absolute:
        return  # a new folder: nothing there to overwrite
    # A repository's own .git (say, a freshly cloned empty repository) is not the user's files:
    # init never writes into it (inside a repository it makes no commit).
    present = sorted(p.name for p in absolute.iterdir() if p.name != ".git")
    if present and not force:
        key = "new.not_empty_demo" if demo else "new.not_empty"
        raise WouldOverwrite(i18n.t(key, path=str(target), files=_shown(present, 5)))
    clashes: list[str] = []
    for name in names:
        parts = name.split("/")
        for depth in range(1, len(parts) + 1):
            here = "/".join(parts[:depth])
            path = absolute / here
            is_last = depth == len(parts)
            if path.is_symlink() or (path.exists() and (is_last or not path.is_dir())):
                if here not in clashes:
                    clashes.append(here)
                break
            if not path.exists():
                break
    if clashes:
        raise WouldOverwrite(i18n.t("new.exists", files=_shown(clashes)))


class Written:
    """What :func:`write_new` wrote under ``root``, so that it can be taken back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[str] = []
        self.folders: list[Path] = []  # created, outermost first

    def undo(self, *also: str) -> None:
        """Remove the files and folders written (and ``also``, kit-relative names created since,
        such as ``.git``). Best effort: what cannot be removed stays, nothing else is touched."""
        for name in also:
            path = self.root / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                _unlink(path)
        for name in reversed(self.files):
            _unlink(self.root / name)
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                pass


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_new(target: Path, files: Mapping[str, bytes]) -> Written:
    """Write ``files`` (kit-relative name -> content) under ``target`` as new files (mode "x":
    never over an existing file), creating folders as needed. If any write fails, or the run is
    interrupted, everything written is removed again before the error goes on: a
    :class:`WriteFailed` naming the file and the reason for an ``OSError``."""
    done = Written(target)
    current = target
    try:
        for name, content in files.items():
            current = target / name
            _make_folders(current.parent, done)
            with open(current, "xb") as fh:
                done.files.append(name)  # from here on, ours to remove
                fh.write(content)
    except OSError as exc:
        done.undo()
        raise WriteFailed(i18n.t("new.failed", path=str(current), reason=reason(exc))) from None
    except BaseException:
        done.undo()
        raise
    return done


def _make_folders(folder: Path, done: Written) -> None:
    """Create ``folder`` and its missing parents, remembering each one created."""
    missing: list[Path] = []
    probe = folder
    while not probe.is_dir():
        if probe.exists() or probe.is_symlink():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(probe))
        missing.append(probe)
        if probe == probe.parent:
            break
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir()
        done.folders.append(path)
