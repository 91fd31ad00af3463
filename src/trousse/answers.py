"""What one command asks more than once and is the same each time (which repository holds the
kit, what differs from its HEAD): kept for the command's length, never across commands.

The CLI opens the scope (:func:`remembering`) around each command; outside it nothing is kept, so a
library caller, or a test, that commits between two calls gets fresh answers. The module that
asks (:mod:`trousse.gitio`) calls :func:`forget` whenever it writes to a repository.
"""

from __future__ import annotations

import contextlib
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_ANSWERS: dict[tuple[str, ...], Any] | None = None


@contextlib.contextmanager
def remembering() -> Iterator[None]:
    """Within the block, each answer asked through :func:`remembered` is computed once per key."""
    global _ANSWERS  # noqa: PLW0603 - one command's scope, opened by the CLI
    outer = _ANSWERS
    _ANSWERS = {} if outer is None else outer
    try:
        yield
    finally:
        _ANSWERS = outer


def forget() -> None:
    """Drop every answer kept (the repository changed)."""
    if _ANSWERS is not None:
        _ANSWERS.clear()


def remembered(key: tuple[str, ...], ask: Callable[[], T]) -> T:
    """``ask()``, computed once per ``key`` within :func:`remembering` (each time outside it)."""
    if _ANSWERS is None:
        return ask()
    if key not in _ANSWERS:
        _ANSWERS[key] = ask()
    return typing.cast("T", _ANSWERS[key])


def learn(key: tuple[str, ...], value: Any) -> None:
    """Keep ``value`` as the answer for ``key`` within :func:`remembering` (nothing outside it):
    for an answer found on the way to another (git ran, so git can be run)."""
    if _ANSWERS is not None:
        _ANSWERS[key] = value
