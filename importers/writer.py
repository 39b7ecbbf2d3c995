"""Batched writes: one ``UNWIND $rows`` statement per batch, sent while the next chunk is validated.

A single statement is atomic on both engines (FalkorDB runs each query alone; Neo4j runs it in one
transaction), so a crash leaves whole batches only. Every write statement MERGEs by id, so running
the same import again completes it without duplicates. Rows the comparison proved new may be sent
with a cheaper CREATE; should one of them exist after all (created meanwhile by someone else, or left
behind without its unit), the unique constraint refuses that whole batch and it is sent again with the
MERGE statement.

One statement is in flight at a time, sent from a single worker thread, and one more may wait behind
it; the caller meanwhile validates the next chunk and encodes its parameters, so the engine does not
wait for Python between batches even when a chunk takes longer than usual to validate. A batch is
only sent once the previous one has succeeded, so a failure stops the import after the last whole
batch: a batch already waiting behind a failed one is not sent.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
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


#: Batches sent or waiting to be sent at once: one in flight and one behind it.
QUEUED = 2


class _NotSent(Exception):
    """A batch left unsent because an earlier one failed."""


@dataclass
class _Queued:
    future: Future[Any]
    credit: int = 0  # source rows done once this batch is written


class BatchWriter:
    """Writes batches in order, one in flight and one waiting, and reports progress in rows of the
    source list.

    :meth:`credit` counts source rows as done once everything queued before it has been written.
    """

    def __init__(
        self, graph: Graph, batch_size: int, total: int = 0, progress: Progress | None = None
    ) -> None:
        self._graph = graph
        self._batch_size = batch_size
        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gongjian-write")
        self._queue: deque[_Queued] = deque()
        self._failed = False  # a batch failed: nothing after it is sent
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
            while len(self._queue) >= QUEUED:
                self._complete_oldest()
            self._queue.append(_Queued(self._sender.submit(self._send, prepared, batch, fallback)))
            self.written += len(batch)

    def _send(
        self, prepared: PreparedWrite, batch: Sequence[Any], fallback: tuple[str, Params] | None
    ) -> Any:
        if self._failed:
            raise _NotSent()
        try:
            try:
                return self._graph.send(prepared)
            except DuplicateKey:
                if fallback is None:
                    raise
                name, params = fallback
                log.info("a batch of %d rows met rows that exist already; written with %s", len(batch), name)
                query = self._graph.named(name)
                return self._graph.send(self._graph.prepare_write(query, **params(batch)))
        except BaseException:
            self._failed = True
            raise

    def credit(self, rows: int) -> None:
        """Count ``rows`` source rows as done when what is queued so far has been written."""
        if self._queue:
            self._queue[-1].credit += rows
        else:
            self._report(rows)

    def flush(self) -> None:
        """Wait until everything queued has been written (re-raising a failed batch's error)."""
        while self._queue:
            self._complete_oldest()

    def _complete_oldest(self) -> None:
        queued = self._queue.popleft()
        try:
            queued.future.result()
        except _NotSent:  # behind a failed batch, whose error the caller has had or will have
            return
        except BaseException:
            for behind in self._queue:  # their _NotSent says nothing the caller needs
                behind.future.cancel()
            self._queue.clear()
            raise
        self._report(queued.credit)

    def _report(self, rows: int) -> None:
        if not rows:
            return
        self.done += rows
        if self._progress is not None:
            elapsed = self.elapsed()
            rate = self.done / elapsed if elapsed > 0 else 0.0
            self._progress(self.done, max(self.total, self.done), rate)
