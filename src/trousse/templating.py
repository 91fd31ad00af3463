"""The only module that talks to jinja2. Templates from a kit are untrusted: every environment
is sandboxed, undefined variables are errors, and loaders refuse paths outside their roots."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment

from trousse import i18n
from trousse.errors import TrousseError


class RootedLoader(FileSystemLoader):
    """A file loader over several roots that refuses any template whose real path (symbolic
    links resolved) lies outside the root it was found in."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = [r.resolve() for r in roots if r.is_dir()]
        super().__init__([str(r) for r in self.roots])

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, refused when it resolves outside its root."""
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(root) for root in self.roots):
            raise TrousseError(i18n.t("tpl.outside", name=template))
        return source, filename, uptodate


def report_environment(
    roots: list[Path],
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals_: Mapping[str, Any] | None = None,
) -> SandboxedEnvironment:
    """A sandboxed, strict environment for templates searched in ``roots`` in order (for
    reports: the kit's overrides first, then the shipped templates; for ``init``: the shipped
    kit templates, without autoescape)."""
    env = SandboxedEnvironment(
        loader=RootedLoader(roots),
        undefined=StrictUndefined,
        autoescape=autoescape,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if filters:
        env.filters.update(filters)
    if globals_:
        env.globals.update(globals_)
    return env


def render_template(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name``; any template error becomes a :class:`TrousseError` naming the template
    file (as found: the kit's override or the shipped one) and the line."""
    try:
        template = env.get_template(name)
    except TemplateNotFound as exc:
        raise TrousseError(i18n.t("tpl.missing", name=exc.name)) from None
    except TemplateSyntaxError as exc:
        raise TrousseError(i18n.t("tpl.error", name=exc.filename or name, line=exc.lineno, error=exc.message)) from None
    except TemplateError as exc:
        raise TrousseError(i18n.t("tpl.error", name=name, line="?", error=str(exc))) from None
    try:
        return template.render(**context)
    except TemplateError as exc:
        where, line = _template_frame(exc, template.filename or name)
        raise TrousseError(i18n.t("tpl.error", name=where, line=line, error=str(exc))) from None


def _template_frame(exc: BaseException, default: str) -> tuple[str, int | str]:
    """The innermost traceback frame that belongs to a template file (jinja gives rendered
    templates their file name and source lines in tracebacks)."""
    tb = exc.__traceback__
    found: tuple[str, int | str] = (default, "?")
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename == default:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
