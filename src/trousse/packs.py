"""Standard packs: the shipped ones under kit-templates/standards, and a kit's own."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from trousse.models import Pack, attach
from trousse.resources import standards_dir
from trousse.yamlio import YamlProblem, parse_yaml, read_text


@cache
def _load_shipped(path: str) -> Pack:
    p = Path(path)
    parsed = parse_yaml(read_text(p.read_bytes()))
    try:
        pack = Pack.model_validate(parsed.data)
    except ValidationError as exc:  # a shipped pack that does not validate is a bug
        raise RuntimeError(f"shipped pack {p.name} is invalid: {exc}") from None
    attach(pack, f"<trousse>/standards/{p.name}", parsed)
    return pack


def shipped_packs() -> dict[str, Pack]:
    """Every valid pack trousse ships, by id (sorted). A broken one is left out (see
    :func:`broken_packs`; the test suite keeps that list empty)."""
    packs = {}
    for path in sorted(standards_dir().glob("*.yml")):
        try:
            pack = _load_shipped(str(path))
        except (RuntimeError, YamlProblem):
            continue
        packs[pack.id] = pack
    return packs


def broken_packs() -> dict[str, str]:
    """Shipped pack files that do not load, with the reason."""
    out = {}
    for path in sorted(standards_dir().glob("*.yml")):
        try:
            _load_shipped(str(path))
        except (RuntimeError, YamlProblem) as exc:
            out[path.name] = str(exc)
    return out


def shipped_pack_ids() -> list[str]:
    """The ids of the shipped packs, sorted, from their file names (cheap: nothing is parsed)."""
    return sorted(p.stem for p in standards_dir().glob("*.yml"))
