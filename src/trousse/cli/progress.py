"""A progress bar on stderr while git history is read (core code never draws anything)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from trousse import i18n


class TerminalProgress:
    """A progress bar on stderr, shown only on a terminal and only once reading takes over a second."""

    def __init__(self, total: Callable[[], int]) -> None:
        self.total = total
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = 0

    def update(self, done: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < 1.0 or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn(i18n.t("evidence.progress")),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task("git", total=self.total() or None)
            self.bar.start()
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def install() -> None:
    """Show progress in the commands that read history (check, evidence, report)."""
    from trousse.evidence.compute import set_progress

    set_progress(TerminalProgress)
