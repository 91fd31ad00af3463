"""The evidence trail: what git proves about a kit's records.

- :mod:`~trousse.evidence.history` replays HEAD's history once (when each path came to exist,
  what was lost);
- :mod:`~trousse.evidence.dates` counts periods the way people do;
- :mod:`~trousse.evidence.model` holds the result values and their statuses;
- :mod:`~trousse.evidence.periods` builds each process's history and the kit's readiness;
- :mod:`~trousse.evidence.compute` puts them together for one kit.
"""
