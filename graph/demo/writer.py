"""Writing the demo: batches of rows per ``demo_*.cypher`` statement, and jobs of the loop engine, sent in
order by one background thread."""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import GraphError
from ..facade import Graph
from .common import Progress, Row


@dataclass(frozen=True)
class _Statement:
    """A demo_*.cypher statement: what one row creates and the optional parts it reports."""

    step: str
    creates: dict[str, int]
    optional: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (row key, rel type)


_MEMBER = {"Member": 1, "BELONGS_TO": 1, "LIVES_IN": 1}
_RESOURCE = {"Resource": 1, "OFFERS": 1, "IN_CATEGORY": 1}
_STATEMENTS: dict[str, _Statement] = {
    "demo_districts": _Statement("areas", {"Area": 1}),
    "demo_areas": _Statement("areas", {"Area": 1, "WITHIN": 1}),
    "demo_orgs": _Statement("orgs", {"Org": 1, "COVERS": 1}, {"linked": ("parentId", "UNDER")}),
    "demo_units": _Statement("units", {"Unit": 1, "LOCATED_IN": 1}),
    "demo_unit_orgs": _Statement("unit orgs", {"Org": 1, "ORG_OF": 1, "UNDER": 1}),
    "demo_co_builds": _Statement("co-building agreements", {"CO_BUILDS": 1}),
    "demo_seated_on": _Statement("committee seats", {"SEATED_ON": 1}),
    "demo_unit_reports": _Statement("unit reports", {"REPORTED_TO": 1}),
    "demo_members": _Statement("members", _MEMBER),
    "demo_members_working": _Statement("members", {**_MEMBER, "WORKS_AT": 1}),
    "demo_members_reported": _Statement("members", {**_MEMBER, "WORKS_AT": 1, "REPORTED_TO": 1}),
    "demo_resources_unit": _Statement("resources", _RESOURCE),
    "demo_resources_member": _Statement("resources", _RESOURCE),
    "demo_resources_area": _Statement("resources", _RESOURCE),
}


@dataclass(frozen=True)
class _Job:
    """One write: ``run`` on the writer's thread, then ``check(result)`` on the caller's. A ``held``
    job holds rows generated for it, so only a few of those may wait at a time."""

    run: Callable[[], Any]
    check: Callable[[Any], None]
    held: bool = False


class _Writer:
    """Buffers rows per statement and writes them in batches, in dependency order.

    Statements added to the writer earlier are dependencies of later ones: before a batch of a
    statement is sent, every earlier statement's buffer is sent, so the nodes a row MATCHes always
    exist. Batches go to one background thread in order (first in, first written), so generating the
    next batch overlaps with the database writing the last one; results are checked, counted and
    reported (``progress(step, done, total)``) on the caller's thread. :meth:`submit` queues other
    writes (the loop engine's) behind everything added before, without waiting: their data is planned
    and held anyway, while buffered rows are generated for the write, so at most two of those wait.
    """

    def __init__(self, graph: Graph, batch_size: int, progress: Progress | None) -> None:
        self.graph = graph
        self.batch_size = batch_size
        self.progress = progress
        self.counts: Counter[str] = Counter()
        self._buffers: dict[str, list[Row]] = {}
        self._done: Counter[str] = Counter()
        self._totals: Counter[str] = Counter()
        self._outbox: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._waiting = threading.BoundedSemaphore(3)  # held jobs queued or running
        self._results: queue.SimpleQueue[tuple[_Job, Any]] = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="gongjian-demo-writer", daemon=True)
        self._thread.start()

    def expect(self, step: str, total: int) -> None:
        """Announce how many rows ``step`` will write (for progress reports)."""
        self._totals[step] += total

    def add(self, name: str, row: Row) -> None:
        buffer = self._buffers.setdefault(name, [])
        buffer.append(row)
        if len(buffer) >= self.batch_size:
            self.flush(name)

    def add_all(self, name: str, rows: Iterable[Row]) -> None:
        for row in rows:
            self.add(name, row)

    def flush(self, name: str | None = None) -> None:
        """Send ``name``'s buffer after those of every earlier statement (all buffers when None)."""
        for current in list(self._buffers):
            if self._buffers[current]:
                self._waiting.acquire()  # blocks while three batches wait; the thread always drains them
                self._send(self._statement_job(current, self._buffers[current]))
                self._buffers[current] = []
            if current == name:
                return

    def submit(self, run: Callable[[], Any], check: Callable[[Any], None]) -> None:
        """Queue ``run`` after every row added so far; ``check`` gets its result on this thread."""
        self.flush()
        self._send(_Job(run, check))

    def report(self, step: str, done: int) -> None:
        """Count ``done`` more items of ``step`` and tell the progress callback."""
        self._done[step] += done
        if self.progress is not None:
            self.progress(step, self._done[step], max(self._totals[step], self._done[step]))

    def finish(self) -> None:
        """Send what is left, wait for every write and check it."""
        self.flush()
        self.stop()
        self._collect()

    def stop(self) -> None:
        """Stop the background thread once its queue is drained (idempotent)."""
        if self._thread.is_alive():
            self._outbox.put(None)
            self._thread.join()

    def _statement_job(self, name: str, rows: list[Row]) -> _Job:
        statement = self.graph.named(name)
        return _Job(
            lambda: self.graph.write(statement, rows=rows)[0],
            lambda result: self._check(name, rows, result),
            held=True,
        )

    def _send(self, job: _Job) -> None:
        self._collect()
        self._outbox.put(job)

    def _work(self) -> None:
        while (job := self._outbox.get()) is not None:
            try:
                if self._failure is None:  # after a failure nothing more is written; the caller raises it
                    self._results.put((job, job.run()))
            except BaseException as exc:  # handed over to the caller's thread by _collect
                self._failure = exc
            finally:
                if job.held:
                    self._waiting.release()

    def _collect(self) -> None:
        """Check and report finished jobs; raise the background thread's failure, if any."""
        while True:
            try:
                job, result = self._results.get_nowait()
            except queue.Empty:
                break
            job.check(result)
        if self._failure is not None:
            raise self._failure

    def _check(self, name: str, rows: list[Row], result: Row) -> None:
        spec = _STATEMENTS[name]
        if result["written"] != len(rows):
            raise GraphError(
                f"{name}: wrote {result['written']} of {len(rows)} rows — a row referred to a node that "
                "does not exist; this is a bug in the demo generator"
            )
        for key, per_row in spec.creates.items():
            self.counts[key] += per_row * len(rows)
        for column, (row_key, rel) in spec.optional.items():
            expected = sum(1 for row in rows if row.get(row_key) is not None)
            if result[column] != expected:
                raise GraphError(f"{name}: created {result[column]} {rel} of {expected} expected")
            self.counts[rel] += expected
        self.report(spec.step, len(rows))
