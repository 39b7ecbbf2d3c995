"""The in-process broker of live loop events, behind the ``demandEvents`` subscription.

Writers: the loop engine calls :meth:`Broker.publish` with each :class:`Outcome` after its step
committed, synchronously, on the thread that ran the step (resolvers run ``Loop.perform`` in the
threadpool). Readers: subscriptions, each an asyncio consumer with its own bounded queue.

- **Publishing never waits for a reader.** An event is handed to each matching subscriber's event loop
  with ``call_soon_threadsafe``; the subscriber's queue holds at most ``queue_size`` events. When a
  reader falls that far behind, the *oldest* queued event is dropped and counted: the next event it
  reads carries ``missed`` (how many were dropped just before it), so a dashboard knows to refetch.
  Memory stays bounded and writers are never blocked by a slow or stalled websocket.
- **Routing by area.** A subscriber to area X gets the events of demands raised by X or by any area
  below X (``Area -[:WITHIN]-> Area``). The raising area's chain upwards is read once
  (``read_area_ancestors``) and cached for ``ttl`` seconds, only while someone is subscribed, on the
  publishing thread: the worker thread that ran the step, not the event loop.
- **Per process.** Subscribers only hear steps taken in the same server process: run one worker, or
  put a shared broker (e.g. Redis pub/sub) in front when running several.
- A failure here never fails the step that was published: it is logged (ids only) and swallowed.
- Replayed outcomes (a retried ``clientMutationId``) are not published again.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongjian.graph.facade import Graph
from gongjian.graph.loop.engine import Outcome

log = logging.getLogger(__name__)

Ancestors = Callable[[str], Iterable[str]]
"""An area id → the ids of the areas it lies within (it need not include the area itself)."""


def area_ancestors(graph: Graph, area_id: str) -> tuple[str, ...]:
    """The areas ``area_id`` lies within, nearest first (empty for a top area or an unknown id)."""
    rows = graph.read(graph.named("read_area_ancestors"), id=area_id)
    return tuple(rows[0]["above"]) if rows else ()


@dataclass(frozen=True)
class Delivery:
    """One event as a subscriber reads it."""

    outcome: Outcome
    missed: int
    """Events dropped just before this one because the subscriber read too slowly."""


class Subscriber:
    """One subscription: a bounded queue on the subscriber's event loop, iterated with ``async for``."""

    def __init__(self, broker: Broker, area_id: str, loop: asyncio.AbstractEventLoop, size: int) -> None:
        self.area_id = area_id
        self.dropped = 0
        self._broker = broker
        self._loop = loop
        self._queue: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=size)
        self._missed = 0
        self._finished = False

    def __aiter__(self) -> Subscriber:
        return self

    async def __anext__(self) -> Delivery:
        item = await self._queue.get()
        if item is None:
            raise StopAsyncIteration
        missed, self._missed = self._missed, 0
        return Delivery(item, missed)

    def close(self) -> None:
        """Stop hearing events (idempotent); what is already queued is discarded."""
        self._broker._remove(self)

    # -- called on the subscriber's event loop (scheduled by the broker) ------------------------
    def _offer(self, outcome: Outcome) -> None:
        if self._finished:
            return
        if self._queue.full():
            self._drop_oldest()
        self._queue.put_nowait(outcome)

    def _finish(self) -> None:
        """End the stream after what is queued (the broker is closing)."""
        if self._finished:
            return
        self._finished = True
        if self._queue.full():
            self._drop_oldest()
        self._queue.put_nowait(None)

    def _drop_oldest(self) -> None:
        self._queue.get_nowait()
        if not self.dropped:
            log.warning("live updates: a subscriber to area %s reads too slowly; dropping", self.area_id)
        self._missed += 1
        self.dropped += 1

    def _schedule(self, callback: Callable[[], None]) -> bool:
        try:
            self._loop.call_soon_threadsafe(callback)
        except RuntimeError:  # its event loop is closed: nobody will read
            return False
        return True


class Broker:
    """Fans committed loop outcomes out to asyncio subscribers, filtered by area. Thread-safe."""

    def __init__(self, ancestors: Ancestors, *, queue_size: int = 256, ttl: float = 600.0) -> None:
        if queue_size < 1:
            raise ValueError("queue_size must be at least 1")
        self._ancestors = ancestors
        self._queue_size = queue_size
        self._ttl = ttl
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._subscribers: dict[str, set[Subscriber]] = {}
        self._chains: dict[str, tuple[float, frozenset[str]]] = {}
        self._closed = False

    # -- readers -------------------------------------------------------------------------------
    def subscribe(self, area_id: str) -> Subscriber:
        """A new subscriber to the events of demands raised in ``area_id`` or below it.

        Call it on the event loop that will read the events. A closed broker gives a subscriber whose
        stream ends at once.
        """
        subscriber = Subscriber(self, area_id, asyncio.get_running_loop(), self._queue_size)
        with self._changed:
            if self._closed:
                subscriber._finish()
                return subscriber
            self._subscribers.setdefault(area_id, set()).add(subscriber)
            self._changed.notify_all()
        return subscriber

    def _remove(self, subscriber: Subscriber) -> None:
        with self._changed:
            subscribers = self._subscribers.get(subscriber.area_id)
            if subscribers is None or subscriber not in subscribers:
                return
            subscribers.discard(subscriber)
            if not subscribers:
                del self._subscribers[subscriber.area_id]
            self._changed.notify_all()

    def subscriber_count(self, area_id: str | None = None) -> int:
        """How many subscribers listen (to ``area_id``, or in all)."""
        with self._lock:
            return self._count(area_id)

    def wait_for_subscribers(self, count: int, area_id: str | None = None, timeout: float = 5.0) -> bool:
        """Block (a thread, not the event loop) until exactly ``count`` listen; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count(area_id) == count, timeout)

    def _count(self, area_id: str | None) -> int:
        if area_id is not None:
            return len(self._subscribers.get(area_id, ()))
        return sum(len(s) for s in self._subscribers.values())

    # -- writers -------------------------------------------------------------------------------
    def publish(self, outcome: Outcome) -> None:
        """A loop listener: hand ``outcome`` to every subscriber of its area or an area above it."""
        if outcome.replayed or not outcome.area_id:
            return
        try:
            with self._lock:
                if not self._subscribers:
                    return
            chain = self._chain(outcome.area_id)
            with self._lock:
                targets = [s for area in chain for s in self._subscribers.get(area, ())]
            for subscriber in targets:
                if not subscriber._schedule(lambda s=subscriber: s._offer(outcome)):
                    subscriber.close()
        except Exception:
            log.exception(
                "live updates: event %s of demand %s not delivered", outcome.event_id, outcome.demand_id
            )

    def _chain(self, area_id: str) -> frozenset[str]:
        """``area_id`` and the areas above it, from the cache or read once."""
        now = time.monotonic()
        with self._lock:
            cached = self._chains.get(area_id)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        chain = frozenset((area_id, *self._ancestors(area_id)))
        with self._lock:
            self._chains[area_id] = (now, chain)
        return chain

    # -- shutdown ------------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """End every subscriber's stream (after what it has queued); later subscribers end at once."""
        with self._changed:
            self._closed = True
            subscribers = [s for group in self._subscribers.values() for s in group]
            self._subscribers.clear()
            self._changed.notify_all()
        for subscriber in subscribers:
            subscriber._schedule(subscriber._finish)
