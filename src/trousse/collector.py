"""The cyclic garbage collector, paused while trousse works.

A command of trousse makes many objects (a kit's values, models, findings) and almost no cycles
worth collecting before it exits; left on, the collector visits the growing heap again and again:
a tenth of a cold check of 10,000 records, about 1 s at 100,000, a quarter of ``report pack`` on the
demo, for the same peak memory (within 3 %). Pausing it is what a short-lived process can afford;
the state is given back as found, so that a program using trousse as a library keeps its own.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside (the previous state restored after, even on an error).
    Processes forked meanwhile (the loader's workers) inherit it. Cycles made meanwhile are
    collected later, with the oldest generation."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if gc.get_freeze_count() == 0:
                # What was made meanwhile goes to the oldest generation without a collection:
                # turned on again as it is, the collector would at once visit every object made.
                gc.freeze()
                gc.unfreeze()
            gc.enable()
