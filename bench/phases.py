"""Where a command's time goes, per phase, from a cProfile of it (``bench/run.py --profile``).

Every profiled function's own time (cProfile's ``tottime``) goes to the phase of the module it is
in. A function of no phase of its own (a builtin such as ``read`` or ``validate_python``, the
standard library, a small trousse helper) hands its own time to its callers, in proportion to the
time it spent for each caller, and so on up the stack until a caller with a phase is found. The
phases therefore add up to the profiled total, with nothing counted twice.

The profiler slows Python function calls (C code and waiting on git do not slow down), so the
Python-heavy phases are over-stated: read the split as shares, scaled to the unprofiled run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# A cProfile function key: (file name, first line, function name).
Func = tuple[str, int, str]

START_UP = "start-up (imports)"
GIT = "git read"
REPLAY = "history replay"
EVIDENCE = "evidence (dates, periods, verdict)"
FILES = "file walk and read"
YAML = "YAML composition"
SCHEMA = "schema validation"
LOADER = "loader (glue)"
RULES = "rules"
CACHE = "cache (load, save)"
OUTPUT = "CLI and output"
OTHER = "other"

PHASES = (START_UP, GIT, REPLAY, EVIDENCE, FILES, YAML, SCHEMA, LOADER, RULES, CACHE, OUTPUT, OTHER)

# (text found in the forward-slash file name, phase); the first match wins, so the more precise first.
_BY_FILE: tuple[tuple[str, str], ...] = (
    ("trousse/gitio.py", GIT),
    ("trousse/evidence/history.py", REPLAY),
    ("trousse/evidence/", EVIDENCE),
    ("trousse/inventory.py", FILES),
    ("trousse/yamlio.py", YAML),
    ("/ruamel/", YAML),
    ("/yaml/", YAML),
    ("trousse/loader/schema.py", SCHEMA),
    ("trousse/models/", SCHEMA),
    ("/pydantic/", SCHEMA),
    ("/pydantic_core/", SCHEMA),
    ("trousse/loader/", LOADER),
    ("trousse/check/rules/", RULES),
    ("trousse/check/engine.py", RULES),
    ("trousse/cache.py", CACHE),
    ("trousse/check/formats.py", OUTPUT),
    ("trousse/cli/", OUTPUT),
    ("/typer/", OUTPUT),
    ("/click/", OUTPUT),
    ("/rich/", OUTPUT),
)
# Builtins have no file: cProfile names them "{method 'x' of 'module.Type' objects}".
_BY_BUILTIN: tuple[tuple[str, str], ...] = (
    ("pydantic_core", SCHEMA),
    ("_ruamel_yaml", YAML),
    ("ruamel", YAML),
)


def phase_of(func: Func) -> str | None:
    """The phase that owns ``func``'s own time, or None when its callers own it."""
    filename, _line, name = func
    path = filename.replace("\\", "/")
    if path.startswith("<frozen importlib") or "/importlib/" in path or name == "<module>":
        return START_UP
    if path == "~":
        for text, phase in _BY_BUILTIN:
            if text in name:
                return phase
        return None
    for text, phase in _BY_FILE:
        if text in path:
            return phase
    return None


def attribute(stats: Mapping[Func, Any]) -> dict[str, float]:
    """Seconds per phase from ``pstats.Stats(...).stats`` (func -> (cc, nc, tt, ct, callers),
    callers: caller -> (cc, nc, tt, ct) of ``func`` when called by it)."""
    return {phase: sum(funcs.values()) for phase, funcs in contributions(stats).items()}


def contributions(stats: Mapping[Func, Any]) -> dict[str, dict[Func, float]]:
    """Per phase, the seconds each function's own time gives it (see :func:`attribute`)."""
    shares: dict[Func, dict[str, float]] = {}
    visiting: set[Func] = set()  # the callers being resolved: a call cycle is not followed round

    def owners(func: Func) -> dict[str, float]:
        """The phases ``func``'s time belongs to, as fractions adding up to 1; empty when only a
        call cycle leads to it (the callers outside the cycle decide)."""
        if func in shares:
            return shares[func]
        phase = phase_of(func)
        if phase is not None:
            shares[func] = {phase: 1.0}
            return shares[func]
        entry = stats.get(func)
        every = {c: v for c, v in (entry[4] if entry else {}).items() if c != func}
        if not every:
            shares[func] = {OTHER: 1.0}
            return shares[func]
        callers = {c: v for c, v in every.items() if c not in visiting}
        visiting.add(func)
        try:
            # Its whole time (own and below) spent for each caller: v[3].
            mixed = mix(callers, weight_index=3)
        finally:
            visiting.discard(func)
        if len(callers) == len(every):  # not cut short by a cycle: the same from any path
            shares[func] = mixed
        return mixed

    def mix(callers: Mapping[Func, Any], weight_index: int) -> dict[str, float]:
        weights = {c: float(v[weight_index]) for c, v in callers.items()}
        if sum(weights.values()) <= 0:  # too quick to time: by number of calls instead
            weights = {c: float(v[1]) or 1.0 for c, v in callers.items()}
        known = {c: owners(c) for c in callers}
        total = sum(w for c, w in weights.items() if known[c])
        if total <= 0:  # the callers that lead somewhere took no measurable time: alike
            weights = {c: 1.0 for c in callers}
            total = sum(1.0 for c in callers if known[c])
        out: dict[str, float] = {}
        for caller, weight in weights.items():
            for phase, part in known[caller].items():
                out[phase] = out.get(phase, 0.0) + part * weight / total
        return out

    result: dict[str, dict[Func, float]] = {phase: {} for phase in PHASES}
    for func, (_cc, _nc, tt, _ct, callers) in stats.items():
        if tt <= 0:
            continue
        phase = phase_of(func)
        if phase is not None:
            result[phase][func] = tt
            continue
        own = {c: v for c, v in callers.items() if c != func}
        if not own:
            result[OTHER][func] = tt
            continue
        # The function's own time spent for each caller is known exactly (v[2]): split by it.
        visiting.add(func)
        split = mix(own, weight_index=2) or {OTHER: 1.0}
        visiting.discard(func)
        for phase, part in split.items():
            result[phase][func] = tt * part
    return result


def name(func: Func) -> str:
    """``yamlio.py:258 packed``, or a builtin's own name."""
    filename, line, function = func
    if filename == "~":
        return function
    return f"{filename.replace(chr(92), '/').rsplit('/', 1)[-1]}:{line} {function}"


def top(funcs: Mapping[Func, float], count: int = 3) -> list[tuple[str, float]]:
    """The ``count`` functions that give a phase the most time, with their seconds."""
    ranked = sorted(funcs.items(), key=lambda item: -item[1])[:count]
    return [(name(func), secs) for func, secs in ranked]


def table(
    phases: Mapping[str, float],
    wall: float,
    records: int,
    floor: Mapping[str, float] | None = None,
    details: Mapping[str, dict[Func, float]] | None = None,
) -> list[str]:
    """Lines of the split: profiled seconds, share, seconds scaled to the unprofiled ``wall`` and
    per 1,000 records; ``floor`` (phase -> seconds) is printed next to the phase it compares with;
    with ``details`` (:func:`contributions`), the three functions that cost each phase the most."""
    total = sum(phases.values()) or 1.0
    scale = wall / total
    lines = [f"    {'phase':36s} {'profiled':>9s} {'share':>6s} {'~unprof.':>9s} {'/1k rec':>8s}  floor"]
    for phase in PHASES:
        secs = phases.get(phase, 0.0)
        if secs <= 0:
            continue
        next_to = ""
        if floor and phase in floor:
            per_k = floor[phase] / records * 1000 if records else 0.0
            next_to = f"  {floor[phase]:.2f}s ({per_k:.3f}s/1k)"
        per_k = secs * scale / records * 1000 if records else 0.0
        lines.append(f"    {phase:36s} {secs:8.2f}s {secs / total:6.1%} {secs * scale:8.2f}s {per_k:7.3f}s{next_to}")
        if details:
            lines.extend(f"        {secs:6.2f}s  {what}" for what, secs in top(details.get(phase, {})) if secs >= 0.01)
    lines.append(
        f"    {'total':36s} {total:8.2f}s {1:6.1%} {wall:8.2f}s {wall / records * 1000 if records else 0:7.3f}s"
    )
    return lines
