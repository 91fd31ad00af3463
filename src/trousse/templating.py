"""The only module that talks to jinja2. Templates from a kit are untrusted: every environment
is sandboxed, undefined variables are errors, and loaders refuse paths outside their roots."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from trousse import i18n
from trousse.errors import TrousseError

i18n.register(
    {
        "tpl.error": ("modèle {name}, ligne {line} : {error}", "template {name}, line {line}: {error}"),
    }
)


def text_environment(root: Path, globals_: Mapping[str, Any] | None = None) -> SandboxedEnvironment:
    """A sandboxed environment for plain-text templates (kit files): no autoescape, strict."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(root)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if globals_:
        env.globals.update(globals_)
    return env


def render_text(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; a template error becomes a :class:`TrousseError` naming it."""
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        raise TrousseError(i18n.t("tpl.error", name=exc.filename or name, line=exc.lineno, error=exc.message)) from None
    except TemplateError as exc:
        raise TrousseError(i18n.t("tpl.error", name=name, line=_line_of(exc), error=str(exc))) from None


def _line_of(exc: BaseException) -> int | str:
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((".j2", ".html", ".md")) or "template" in tb.tb_frame.f_code.co_filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


Renderer = Callable[[str, Mapping[str, Any]], str]
