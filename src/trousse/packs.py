"""Standard packs: the shipped ones under kit-templates/standards, and a kit's own."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from trousse.cache import shipped_parse
from trousse.models import Pack, attach
from trousse.resources import standards_dir
from trousse.yamlio import YamlProblem, parse_yaml, read_text


@cache
def _shipped_paths() -> dict[str, Path]:
    """The shipped pack files by id (their file name), sorted: the one listing of the standards folder."""
    return {p.stem: p for p in sorted(standards_dir().glob("*.yml"))}


@cache
def _load_shipped(path: str) -> Pack:
    p = Path(path)
    raw = p.read_bytes()
    parsed = shipped_parse(p, raw, lambda: parse_yaml(read_text(raw)))
    try:
        pack = Pack.model_validate(parsed.data)
    except ValidationError as exc:  # a shipped pack that does not validate is a bug
        raise RuntimeError(f"shipped pack {p.name} is invalid: {exc}") from None
    if pack.id != p.stem:  # PackTable finds a shipped pack by its file name
        raise RuntimeError(f"shipped pack {p.name} declares id {pack.id}, not {p.stem}")
    attach(pack, f"<trousse>/standards/{p.name}", parsed)
    return pack


class PackTable(Mapping[str, Pack]):
    """The packs a kit can name, by id: the shipped ones, read on first use (a check reads only the
    packs the kit targets or a report looks up), then the kit's own, which add or replace one."""

    def __init__(self) -> None:
        self._paths = _shipped_paths()
        self._own: dict[str, Pack] = {}

    def add(self, pack: Pack) -> None:
        """A kit's own pack (it replaces a shipped one of the same id)."""
        self._own[pack.id] = pack

    def __getitem__(self, pack_id: str) -> Pack:
        if pack_id in self._own:
            return self._own[pack_id]
        path = self._paths.get(pack_id)
        if path is None:
            raise KeyError(pack_id)
        try:
            return _load_shipped(str(path))
        except (RuntimeError, YamlProblem):  # a broken shipped pack is left out (see broken_packs)
            raise KeyError(pack_id) from None

    def __contains__(self, pack_id: object) -> bool:
        return pack_id in self._own or pack_id in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(self._paths) | set(self._own)))

    def __len__(self) -> int:
        return len(set(self._paths) | set(self._own))


def shipped_packs() -> dict[str, Pack]:
    """Every valid pack trousse ships, by id (sorted). A broken one is left out (see
    :func:`broken_packs`; the test suite keeps that list empty)."""
    packs = {}
    for path in _shipped_paths().values():
        try:
            pack = _load_shipped(str(path))
        except (RuntimeError, YamlProblem):
            continue
        packs[pack.id] = pack
    return packs


def broken_packs() -> dict[str, str]:
    """Shipped pack files that do not load, with the reason."""
    out = {}
    for path in _shipped_paths().values():
        try:
            _load_shipped(str(path))
        except (RuntimeError, YamlProblem) as exc:
            out[path.name] = str(exc)
    return out


def shipped_pack_ids() -> list[str]:
    """The ids of the shipped packs, sorted, from their file names (cheap: nothing is parsed)."""
    return list(_shipped_paths())
