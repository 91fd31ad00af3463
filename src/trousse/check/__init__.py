"""``trousse check``: the rules and what runs them.

- :mod:`~trousse.check.engine` loads the kit, runs every rule, applies the kit's severities;
- :mod:`~trousse.check.rules` is the table of rules, one module per family;
- :mod:`~trousse.check.formats` writes the findings as text, json, github, junit or sarif.
"""
