"""The rule families. Importing this package fills :data:`registry.REGISTRY`.

The table of rules is the registry; each family is one module:

===== ==========================================================
YML   files that are not valid YAML or front matter (loader)
SCH   schema errors, one per error (loader)
REF   references resolve, ids are unique
CMP   completeness against the kit's standards
DOC   document control
EVD   evidence dated by git history
CRT   the certification cycle (certificate, surveillance, renewal)
AUD   audits that can be trusted (auditor independence)
ACT   the life of nonconformities and corrective actions
CAL   the calendar of recurring activities (missed, due soon)
===== ==========================================================
"""

from trousse.check.rules import (  # noqa: F401  (registration)
    act,
    aud,
    cal,
    cat,
    cmp,
    crt,
    doc,
    doc_facts,
    evd,
    evd_control,
    ref,
    ref_adopt,
    sch,
    settings,
    xrf,
    yml,
)
from trousse.check.rules.registry import REGISTRY, Context, Rule, rules_sorted

__all__ = ["REGISTRY", "Context", "Rule", "rules_sorted"]
