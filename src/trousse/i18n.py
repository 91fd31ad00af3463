"""Messages in French and English.

Every module that talks to users registers its messages with :func:`register`, as
``{key: (french, english)}``, and formats them with :func:`t`. The active language is chosen once
per command (``--lang``, else the kit's language, else the locale) with :func:`set_language`.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("fr", "en")
_CATALOGUE: dict[str, tuple[str, str]] = {}
_current = "en"


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add messages to the catalogue; a key registered twice must say the same thing."""
    for key, pair in messages.items():
        if key in _CATALOGUE and _CATALOGUE[key] != pair:
            raise ValueError(f"message {key!r} registered twice with different text")
        _CATALOGUE[key] = pair


def locale_language() -> str:
    """The language of the environment's locale: ``fr`` for any French locale, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "fr" if loc.lower().startswith("fr") else "en"


def set_language(lang: str | None) -> str:
    """Make ``lang`` (or the locale's language when None) the language of all messages."""
    global _current
    _current = lang if lang in LANGUAGES else locale_language()
    return _current


def language() -> str:
    """The active language."""
    return _current


def t(msg_id: str, /, *, _lang: str | None = None, **values: object) -> str:
    """The message ``msg_id`` in ``_lang`` (default: the active language), formatted with ``values``."""
    pair = _CATALOGUE.get(msg_id)
    if pair is None:
        raise KeyError(f"no message {msg_id!r}")
    text = pair[0] if (_lang or _current) == "fr" else pair[1]
    return text.format(**values) if values else text


def pick(texts: Mapping[Any, str] | str | None, lang: str | None = None) -> str:
    """Choose the text in ``lang`` from a ``{fr: ..., en: ...}`` mapping (or return a plain string)."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    lang = lang or _current
    return texts.get(lang) or texts.get("en") or texts.get("fr") or next(iter(texts.values()), "")
