"""Words the report templates use, in French and English (``t("key")`` in a template)."""

from __future__ import annotations

from trousse import i18n


def label(key: str, lang: str, **values: object) -> str:
    """The label ``key`` in ``lang``."""
    return i18n.t(f"rpt.{key}", _lang=lang, **values)
