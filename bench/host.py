"""How fast the host is right now: a fixed piece of pure-Python work, timed.

The development machines are shared, and their speed drifts by half or more within an hour: the same
import took 3.1 s in one run and 4.5 s a few minutes later. Each benchmark prints this figure before
and after its measurements, so that a reader can tell a slower minute from slower code.
"""

from __future__ import annotations

import statistics
import time

LOOP = 5_000_000


def probe() -> float:
    """Seconds for the fixed loop, the median of three runs."""
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(LOOP):
            total += i
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def describe(when: str) -> str:
    return f"host speed {when}: {probe() * 1000:.0f} ms for a {LOOP:,}-step Python loop (lower is faster)"
