"""How fast the host is right now: a fixed piece of pure-Python work, timed.

The development machines are shared, and their speed drifts by half or more within an hour: the same
import took 3.1 s in one run and 4.5 s a few minutes later. Each benchmark prints this figure before
and after its measurements, so that a reader can tell a slower minute from slower code.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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


@dataclass
class Collections:
    """The garbage collector's work while a :func:`collections_timed` block ran."""

    count: int = 0
    seconds: float = 0.0
    longest: float = 0.0

    def describe(self) -> str:
        return (
            f"Python garbage collection: {self.count} collections, {self.seconds * 1000:.0f} ms "
            f"(longest {self.longest * 1000:.1f} ms)"
        )


@contextmanager
def collections_timed() -> Iterator[Collections]:
    """Time every garbage collection in this process while the block runs (``gc.callbacks``)."""
    found = Collections()
    started = 0.0

    def callback(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.perf_counter()
            return
        took = time.perf_counter() - started
        found.count += 1
        found.seconds += took
        found.longest = max(found.longest, took)

    gc.callbacks.append(callback)
    try:
        yield found
    finally:
        gc.callbacks.remove(callback)
