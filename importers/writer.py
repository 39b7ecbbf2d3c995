"""Batched writes: one ``UNWIND $rows`` statement per batch, sent while the next chunk is validated.

A single statement is atomic on both engines (FalkorDB runs each query alone; Neo4j runs it in one
transaction), so a crash leaves whole batches only. Every write statement MERGEs by id, so running
the same import again completes it without duplicates. Rows the comparison proved new may be sent
with a cheaper CREATE; should one of them exist after all (created meanwhile by someone else, or left
behind without its unit), the unique constraint refuses that whole batch and it is sent again with the
MERGE statement.

One statement is in flight at a time, sent from a single worker thread; the caller meanwhile
validates the next chunk and encodes its parameters, so the engine never waits for Python between
batches. A batch is only sent once the previous one has succeeded, so a failure stops the import
after the last whole batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from gongjian.graph.backends.base import PreparedWrite
from gongjian.graph.errors import DuplicateKey
from gongjian.graph.facade import Graph

log = logging.getLogger("gongjian.importers")

#: ``progress(done, total, rows_per_second)``
Progress = Callable[[int, int, float], None]
#: What a statement's parameters are made of for one batch.
Params = Callable[[Sequence[Any]], dict[str, Any]]


class BatchWriter:
    """Writes batches in order, one in flight, and reports progress in rows of the source list.

    :meth:`credit` counts source rows as done once everything queued before it has been written.
    """

    def __init__(
        self, graph: Graph, batch_size: int, total: int = 0, progress: Progress | None = None
    ) -> None:
        self._graph = graph
        self._batch_size = batch_size
        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gongjian-write")
        self._in_flight: Future[Any] | None = None
        self._credit = 0  # source rows done once the batch in flight is written
        self.total = total
        self.done = 0
        self.written = 0
        self._progress = progress
        self._started = time.perf_counter()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if error is None:
                self.flush()
        finally:
            self._sender.shutdown(wait=True)
        if error is None:
            log.info("%d rows written in %.2f s", self.written, self.elapsed())

    def elapsed(self) -> float:
        return time.perf_counter() - self._started

    def write(
        self,
        query_name: str,
        params: Params,
        items: Sequence[Any],
        fallback: tuple[str, Params] | None = None,
    ) -> None:
        """Queue ``items`` in batches, each sent as the parameters ``params`` makes of it.

        ``fallback`` names the statement (and its parameter maker) a batch is sent with instead when
        the engine refuses it for a duplicate key: the MERGE behind a CREATE.
        """
        query = self._graph.named(query_name)
        for start in range(0, len(items), self._batch_size):
            batch = items[start : start + self._batch_size]
            # encoded before waiting, so the engine gets the next batch as soon as it is free
            prepared = self._graph.prepare_write(query, **params(batch))
            self._wait()
            self._in_flight = self._sender.submit(self._send, prepared, batch, fallback)
            self.written += len(batch)

    def _send(
        self, prepared: PreparedWrite, batch: Sequence[Any], fallback: tuple[str, Params] | None
    ) -> Any:
        try:
            return self._graph.send(prepared)
        except DuplicateKey:
            if fallback is None:
                raise
            name, params = fallback
            log.info("a batch of %d rows met rows that exist already; written with %s", len(batch), name)
            query = self._graph.named(name)
            return self._graph.send(self._graph.prepare_write(query, **params(batch)))

    def credit(self, rows: int) -> None:
        """Count ``rows`` source rows as done when what is queued so far has been written."""
        self._credit += rows
        if self._in_flight is None:
            self._report()

    def flush(self) -> None:
        """Wait until everything queued has been written (re-raising a failed batch's error)."""
        self._wait()
        self._report()

    def _wait(self) -> None:
        if self._in_flight is None:
            return
        future, self._in_flight = self._in_flight, None
        future.result()
        self._report()

    def _report(self) -> None:
        if not self._credit:
            return
        self.done += self._credit
        self._credit = 0
        if self._progress is not None:
            elapsed = self.elapsed()
            rate = self.done / elapsed if elapsed > 0 else 0.0
            self._progress(self.done, max(self.total, self.done), rate)
