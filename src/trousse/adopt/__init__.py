"""``trousse adopt``: bring a management system already kept as Markdown in a repository into trousse.

:func:`make_plan` reads every Markdown document of the repository where it is and proposes a plan
(each document mapped to the pack's document types, its metadata normalised, its conflicts, the
required types with no candidate); :func:`apply_plan` writes it: front matter in place (the body
byte-identical; nothing moved, renamed or deleted) and the kit's missing files (an existing file is
never touched). The plan is what gets written: one the user edited (saved from ``--dry-run
--format json``) is honoured, keys the document already holds included. Applying the same plan
twice changes nothing the second time.
"""

from __future__ import annotations

from trousse.adopt.apply import apply_plan, prepare
from trousse.adopt.plan import AdoptOptions, Plan, make_plan, read_plan

__all__ = ["AdoptOptions", "Plan", "apply_plan", "make_plan", "prepare", "read_plan"]
