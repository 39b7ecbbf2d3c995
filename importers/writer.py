"""Batched writes: one ``UNWIND $rows`` statement per batch.

A single statement is atomic on both engines (FalkorDB runs each query alone; Neo4j runs it in one
transaction), so a crash leaves whole batches only. Every statement MERGEs by id, so running the same
import again completes it without duplicates.

While the database executes one batch, the next batch's parameters are built: one statement is in
flight at a time, sent from a single worker thread, and a batch is only sent once the previous one
has succeeded, so a failure stops the import after the last whole batch, as before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from gongjian.graph.facade import Graph

log = logging.getLogger("gongjian.importers")

#: ``progress(done, total, rows_per_second)``
Progress = Callable[[int, int, float], None]
Params = dict[str, Any]


def _as_is(row: Any) -> Params:
    return row  # type: ignore[no-any-return]


def write_batches(
    graph: Graph,
    query_name: str,
    rows: Sequence[Any],
    batch_size: int,
    progress: Progress | None = None,
    to_params: Callable[[Any], Params] = _as_is,
) -> int:
    """Write ``rows`` (each turned into the statement's row map by ``to_params``) in batches."""
    query = graph.named(query_name)
    tracker = _Tracker(len(rows), progress)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gongjian-write") as sender:
        in_flight: tuple[Future[Any], int] | None = None
        for start in range(0, len(rows), batch_size):
            batch = [to_params(row) for row in rows[start : start + batch_size]]
            if in_flight is not None:
                tracker.wait(*in_flight)
            in_flight = (sender.submit(graph.write, query, rows=batch), len(batch))
        if in_flight is not None:
            tracker.wait(*in_flight)
    log.info("%s: %d rows written in %.2f s", query_name, tracker.done, tracker.elapsed())
    return tracker.done


class _Tracker:
    """Rows written so far, and the progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._started = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self._started

    def wait(self, future: Future[Any], size: int) -> None:
        """Wait for a batch in flight (re-raising its error), then count it."""
        future.result()
        self.done += size
        if self._progress is not None:
            elapsed = self.elapsed()
            self._progress(self.done, self.total, self.done / elapsed if elapsed > 0 else 0.0)
