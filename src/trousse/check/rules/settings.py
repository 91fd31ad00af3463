"""Settings of trousse.yml that are checked as findings rather than refused (exit 2): the kit's
own action-plan delay longer than the standard's (ACT006), a kit written for a newer trousse
(SCH005). The kit is still read; the finding names the line to change."""

from __future__ import annotations

import re
from collections.abc import Iterator

from trousse import __version__
from trousse.check.rules.registry import Context, rule
from trousse.evidence.nonconformities import action_plan_delay
from trousse.findings import Finding, RuleId

_RELEASE = re.compile(r"^(?:(?P<epoch>[0-9]+)!)?(?P<release>[0-9]+(?:\.[0-9]+)*)(?P<rest>.*)$")
_PRE = re.compile(r"^[.-]?(a|b|c|rc|alpha|beta|pre|preview|dev)", re.IGNORECASE)


def version_key(text: str) -> tuple[int, tuple[int, ...], int]:
    """A sortable key of a release number as pip reads it, enough to tell newer from older:
    the epoch (``2!1.0``), the release numbers (trailing zeros dropped: 1.0 is 1), then a pre-release or development
    suffix (1.0rc1, 1.0.dev2) before the release, a post-release or local one after it."""
    m = _RELEASE.match(text.strip())
    if m is None:
        return (0, (), 0)
    numbers = [int(n) for n in m["release"].split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    rest = m["rest"]
    return (int(m["epoch"] or 0), tuple(numbers), -1 if _PRE.match(rest) else (1 if rest else 0))


def is_newer(wanted: str, installed: str) -> bool:
    """Whether release ``wanted`` is newer than ``installed``."""
    return version_key(wanted) > version_key(installed)


@rule(
    RuleId.ACT006,
    "error",
    fr_title="Délai de plan d'action plus long que celui de la norme",
    en_title="Action-plan delay longer than the standard's",
    fr="""Une trousse peut raccourcir le délai dans lequel chaque non-conformité a son plan d'action
      (trousse.yml : ``nonconformities: {action_plan_within: 15 days}``), jamais l'allonger : la
      NF EN 15838 demande un plan d'action dans le mois, et c'est aussi le délai par défaut. Une
      valeur de plus d'un mois (« 3 months », « 5 weeks », « 32 days ») est signalée à sa ligne et
      n'est pas prise : ACT001 garde le délai des normes (un mois par défaut). Écrivez un mois ou
      moins, ou retirez ``action_plan_within``.""",
)
def action_plan_delay_too_long(ctx: Context) -> Iterator[Finding]:
    """A kit may shorten the delay within which each nonconformity has an action plan
    (trousse.yml: ``nonconformities: {action_plan_within: 15 days}``), never lengthen it: NF EN
    15838 asks for an action plan within one month, which is also the default. A value over one
    month ('3 months', '5 weeks', '32 days') is reported at its line and not taken: ACT001 keeps
    the standards' delay (one month by default). Write one month or less, or remove
    ``action_plan_within``."""
    value = ctx.kit.config.nonconformities.too_long
    if value is None:
        return
    line, col = ctx.kit.config_parsed.where(("nonconformities", "action_plan_within"))
    yield ctx.finding(
        RuleId.ACT006,
        ("trousse.yml", line, col),
        "act.plan_within_max",
        "act.plan_within_max.hint",
        value=value.text(ctx.lang),
        delay=action_plan_delay(ctx.kit).text(ctx.lang),
    )


@rule(
    RuleId.SCH005,
    "warning",
    fr_title="Trousse écrite pour une version plus récente de trousse",
    en_title="Kit written for a newer trousse",
    fr="""``trousse_version`` dans trousse.yml est la version de trousse que la CI de la trousse
      installe. Si elle est plus récente que la version de trousse installée ici, la trousse peut compter sur
      des règles et des champs que cette version ne connaît pas : ses constats peuvent différer de
      ceux de la CI. Mettez trousse à jour (``pip install -U trousse``, ou
      ``pip install trousse==<version>``). Une version plus ancienne ou égale ne dit rien
      (``trousse upgrade`` amène une trousse à la version installée).""",
)
def newer_trousse(ctx: Context) -> Iterator[Finding]:
    """``trousse_version`` in trousse.yml is the trousse the kit's CI installs. When it is newer
    than the trousse installed here, the kit may rely on rules and fields this version does not
    know: its findings may differ from CI's. Upgrade trousse (``pip install -U trousse``, or
    ``pip install trousse==<version>``). An older or equal version says nothing (``trousse
    upgrade`` brings a kit forward to the installed version)."""
    wanted = ctx.kit.config.trousse_version
    if wanted is None or not is_newer(wanted, __version__):
        return
    line, col = ctx.kit.config_parsed.where(("trousse_version",))
    yield ctx.finding(
        RuleId.SCH005,
        ("trousse.yml", line, col),
        "sch.newer_trousse",
        "sch.newer_trousse.hint",
        wanted=wanted,
        installed=__version__,
    )
