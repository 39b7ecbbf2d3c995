"""Batched writes: one ``UNWIND $rows`` statement per batch.

A single statement is atomic on both engines (FalkorDB runs each query alone; Neo4j runs it in one
transaction), so a crash leaves whole batches only. Every statement MERGEs by id, so running the same
import again completes it without duplicates.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from gongjian.graph.facade import Graph

log = logging.getLogger("gongjian.importers")

#: ``progress(done, total, rows_per_second)``
Progress = Callable[[int, int, float], None]


def write_batches(
    graph: Graph,
    query_name: str,
    rows: Sequence[dict[str, Any]],
    batch_size: int,
    progress: Progress | None = None,
) -> int:
    query = graph.named(query_name)
    started = time.perf_counter()
    done = 0
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        graph.write(query, rows=list(batch))
        done += len(batch)
        if progress is not None:
            elapsed = time.perf_counter() - started
            progress(done, len(rows), done / elapsed if elapsed > 0 else 0.0)
    log.info("%s: %d rows written in %.2f s", query_name, done, time.perf_counter() - started)
    return done
