"""Live updates: ``demandEvents(areaId)`` through the real ASGI app over a websocket speaking
graphql-transport-ws, fed by loop steps whose listener is the app's broker; and the broker itself
(bounded queues, area routing, failures that must not reach the writer)."""

from __future__ import annotations

import queue
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import anyio
import pytest
from fastapi import FastAPI

from gongjian.api.app import create_app
from gongjian.api.broker import Broker, area_ancestors
from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import Action
from gongjian.graph.loop.clock import CST
from gongjian.graph.loop.engine import Loop, Outcome, Step
from gongjian.settings import Settings

from . import matchkit as kit

if TYPE_CHECKING:
    from starlette.testclient import TestClient, WebSocketTestSession

PROTOCOL = "graphql-transport-ws"
TIMEOUT = 10.0  # seconds; generous, only ever waited in full when a test is about to fail
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)

EVENTS = """
subscription Events($area: ID!) {
  demandEvents(areaId: $area) {
    eventId at actor action fromStatus toStatus note demandId projectId areaId missed
  }
}"""
EVENTS_WITH_DEMAND = """
subscription Events($area: ID!) {
  demandEvents(areaId: $area) { action demand { id status events { action } } }
}"""


def client_for(app: FastAPI) -> TestClient:
    with warnings.catch_warnings():
        # starlette 1.x would rather drive its test client with httpx2; the project's tools use httpx
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    return TestClient(app)


class Ticker:
    """A controlled clock: each call is one minute after the last."""

    def __init__(self) -> None:
        self.moment = T0
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            self.moment += timedelta(minutes=1)
            return self.moment


class Socket:
    """A graphql-transport-ws client on the test client's websocket, whose reads time out clearly."""

    def __init__(self, ws: WebSocketTestSession) -> None:
        self.ws = ws
        self._inbox: queue.Queue[Any] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send({"type": "connection_init"})
        assert self.next() == {"type": "connection_ack"}

    def _read(self) -> None:
        try:
            while True:
                self._inbox.put(self.ws.receive_json())
        except BaseException as exc:  # the socket closed: hand it to the reader
            self._inbox.put(exc)

    def send(self, message: dict[str, Any]) -> None:
        self.ws.send_json(message)

    def next(self) -> dict[str, Any]:
        try:
            item = self._inbox.get(timeout=TIMEOUT)
        except queue.Empty:
            pytest.fail(f"no websocket message within {TIMEOUT} s")
        if isinstance(item, BaseException):
            raise item
        return item

    def subscribe(self, op: str, area: str, query: str = EVENTS) -> None:
        self.send({"id": op, "type": "subscribe", "payload": {"query": query, "variables": {"area": area}}})

    def until_pong(self) -> list[dict[str, Any]]:
        """Every message before the answer to a ping."""
        self.send({"type": "ping"})
        seen = []
        while (message := self.next()) != {"type": "pong"}:
            seen.append(message)
        return seen


@pytest.fixture
def world(graph: Graph) -> Graph:
    """Street s1 > community c1 > grid g1; street s2 > community c2 (tests/matchkit.py)."""
    kit.base(graph)
    kit.unit(graph, "u-park", "星城停车公司")
    kit.resource(graph, "u-park", "r-park", quantity=100)
    kit.demand(graph, "d-1", "c1", quantity=2)
    kit.demand(graph, "d-2", "c2", quantity=1, title="寥廓街道停车需求")
    return graph


@pytest.fixture
def app(world: Graph, settings: Settings) -> FastAPI:
    return create_app(settings, graph=world)


@pytest.fixture
def http(app: FastAPI) -> Iterator[TestClient]:
    with client_for(app) as client:  # runs the lifespan; websockets share its event loop
        yield client


@pytest.fixture
def broker(app: FastAPI) -> Broker:
    return app.state.broker


@pytest.fixture
def loop(world: Graph, settings: Settings, broker: Broker) -> Loop:
    """The loop engine as the mutations run it: announcing to the app's broker."""
    return Loop(world, settings, clock=Ticker(), listeners=[broker.publish])


@pytest.fixture
def socket(http: TestClient) -> Iterator[Socket]:
    with http.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as ws:
        assert ws.accepted_subprotocol == PROTOCOL
        yield Socket(ws)


def dispatch(demand_id: str, **kwargs: Any) -> Step:
    return Step(
        Action.DISPATCH, demand_id, actor="星城社区", unit_id="u-park", resource_id="r-park", **kwargs
    )


def accept(demand_id: str) -> Step:
    return Step(Action.ACCEPT, demand_id, actor="星城停车公司", note="已接单")


def expected(outcome: Outcome) -> dict[str, Any]:
    return {
        "eventId": outcome.event_id,
        "at": outcome.at,
        "actor": outcome.actor,
        "action": outcome.action.value,
        "fromStatus": outcome.from_status.name if outcome.from_status else None,
        "toStatus": outcome.to_status.name,
        "note": outcome.note,
        "demandId": outcome.demand_id,
        "projectId": outcome.project_id,
        "areaId": outcome.area_id,
        "missed": 0,
    }


def collect(socket: Socket, wanted: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Read until each operation id has its number of events; every message must be a `next`."""
    got: dict[str, list[dict[str, Any]]] = {op: [] for op in wanted}
    while any(len(got[op]) < n for op, n in wanted.items()):
        message = socket.next()
        assert message["type"] == "next" and "errors" not in message["payload"], message
        got.setdefault(message["id"], []).append(message["payload"]["data"]["demandEvents"])
    return got


# ------------------------------------------------------------------------------------ over the websocket
def test_area_subscribers_get_the_events_below_them_in_order_and_others_none(
    socket: Socket, broker: Broker, loop: Loop
) -> None:
    socket.subscribe("street", "s1")
    socket.subscribe("community", "c1")
    socket.subscribe("other-street", "s2")
    assert broker.wait_for_subscribers(3), "the three subscriptions did not register"

    dispatched = loop.perform(dispatch("d-1", note="派单"))
    accepted = loop.perform(accept("d-1"))
    marker = loop.perform(dispatch("d-2"))  # in s2: published after d-1's, so s2 would see those first

    got = collect(socket, {"street": 2, "community": 2, "other-street": 1})
    assert got["street"] == [expected(dispatched), expected(accepted)]
    assert got["street"][0]["fromStatus"] == "OPEN" and got["street"][0]["toStatus"] == "DISPATCHED"
    assert got["street"][0]["note"] == "派单" and got["street"][0]["projectId"]
    assert got["street"][1]["action"] == "accept" and got["street"][1]["at"] == "2026-03-02T09:02:00+08:00"
    assert got["community"] == got["street"]
    assert got["other-street"] == [expected(marker)]
    assert socket.until_pong() == []  # nothing else was sent: d-2 reached neither s1 nor c1


def test_each_event_reads_the_demand_as_it_is_then(socket: Socket, broker: Broker, loop: Loop) -> None:
    socket.subscribe("live", "c1", EVENTS_WITH_DEMAND)
    assert broker.wait_for_subscribers(1)
    loop.perform(dispatch("d-1"))
    first = collect(socket, {"live": 1})["live"]
    loop.perform(accept("d-1"))
    second = collect(socket, {"live": 1})["live"]
    # one connection keeps one context: the second event must not answer from the first one's reads
    assert first[0]["demand"] == {"id": "d-1", "status": "DISPATCHED", "events": [{"action": "dispatch"}]}
    assert second[0]["demand"] == {
        "id": "d-1",
        "status": "ACCEPTED",
        "events": [{"action": "dispatch"}, {"action": "accept"}],
    }


def test_an_unknown_area_is_refused_with_a_message_naming_it(socket: Socket, broker: Broker) -> None:
    socket.subscribe("nowhere", "no-such-area")
    message = socket.next()
    assert message["type"] == "error" and message["id"] == "nowhere", message
    [error] = message["payload"]
    assert 'no area has the id "no-such-area"' in error["message"]
    assert "未找到区域" in error["message"] and "`areas`" in error["message"]
    assert broker.subscriber_count() == 0
    socket.subscribe("nowhere", "c1")  # the id is free again and the connection still serves
    assert broker.wait_for_subscribers(1, "c1")


def test_complete_and_disconnect_stop_delivery(http: TestClient, broker: Broker, loop: Loop) -> None:
    with http.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as ws:
        socket = Socket(ws)
        socket.subscribe("a", "s1")
        socket.subscribe("b", "s1")
        assert broker.wait_for_subscribers(2, "s1")
        socket.send({"id": "a", "type": "complete"})
        assert broker.wait_for_subscribers(1, "s1"), "completing did not unsubscribe"
        dispatched = loop.perform(dispatch("d-1"))
        assert collect(socket, {"b": 1}) == {"b": [expected(dispatched)]}
        assert socket.until_pong() == []
    assert broker.wait_for_subscribers(0), "closing the websocket did not unsubscribe"
    loop.perform(accept("d-1"))  # nobody listens: published to no one, and the step is unaffected


def test_closing_the_broker_completes_open_streams(http: TestClient, app: FastAPI) -> None:
    broker: Broker = app.state.broker
    with http.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as ws:
        socket = Socket(ws)
        socket.subscribe("live", "s1")
        assert broker.wait_for_subscribers(1)
        broker.close()  # what the app's shutdown does
        assert socket.next() == {"id": "live", "type": "complete"}
        socket.subscribe("late", "s1")
        assert socket.next() == {"id": "late", "type": "complete"}
    assert broker.closed


def test_shutting_the_app_down_closes_its_broker(app: FastAPI) -> None:
    with client_for(app):
        assert not app.state.broker.closed
    assert app.state.broker.closed


def test_a_burst_from_several_threads_arrives_whole_and_in_order_per_demand(
    world: Graph, socket: Socket, broker: Broker, loop: Loop
) -> None:
    demands = [f"burst-{i:02d}" for i in range(32)]
    for demand_id in demands:
        kit.demand(world, demand_id, "c1" if demand_id[-1] in "02468" else "g1", quantity=1)
    socket.subscribe("street", "s1")
    assert broker.wait_for_subscribers(1)

    def run(chunk: list[str]) -> None:
        for demand_id in chunk:
            loop.perform(dispatch(demand_id))
            loop.perform(accept(demand_id))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(run, [demands[i::4] for i in range(4)]))

    events = collect(socket, {"street": 2 * len(demands)})["street"]
    assert all(event["missed"] == 0 for event in events)
    for demand_id in demands:
        actions = [e["action"] for e in events if e["demandId"] == demand_id]
        assert actions == ["dispatch", "accept"], (demand_id, actions)
    raised_by = {e["demandId"]: e["areaId"] for e in events}
    assert raised_by["burst-00"] == "c1" and raised_by["burst-01"] == "g1"  # a grid below c1 counts too
    assert len({e["eventId"] for e in events}) == len(events)


# ------------------------------------------------------------------------------------ the broker itself
async def test_a_slow_subscriber_loses_the_oldest_events_and_is_told_how_many(
    world: Graph, settings: Settings
) -> None:
    broker = Broker(lambda area_id: area_ancestors(world, area_id), queue_size=2)
    loop = Loop(world, settings, clock=Ticker(), listeners=[broker.publish])
    for i in range(5):
        kit.demand(world, f"slow-{i}", "c1", quantity=1)
    subscriber = broker.subscribe("s1")

    def burst() -> list[Outcome]:
        return [loop.perform(dispatch(f"slow-{i}")) for i in range(5)]

    outcomes = await anyio.to_thread.run_sync(burst)  # writers never wait for the reader
    with anyio.fail_after(TIMEOUT):
        first, second = await subscriber.__anext__(), await subscriber.__anext__()
    assert (first.outcome, first.missed) == (outcomes[3], 3)
    assert (second.outcome, second.missed) == (outcomes[4], 0)
    assert subscriber.dropped == 3
    broker.close()
    with anyio.fail_after(TIMEOUT):
        assert [d async for d in subscriber] == []


async def test_the_area_chain_is_read_once_and_only_while_someone_listens(
    world: Graph, settings: Settings
) -> None:
    reads: list[str] = []

    def ancestors(area_id: str) -> tuple[str, ...]:
        reads.append(area_id)
        return area_ancestors(world, area_id)

    broker = Broker(ancestors)
    loop = Loop(world, settings, clock=Ticker(), listeners=[broker.publish])
    await anyio.to_thread.run_sync(loop.perform, dispatch("d-1"))
    assert reads == []  # nobody subscribed: no graph read
    subscriber = broker.subscribe("d")  # the district: above everything
    await anyio.to_thread.run_sync(loop.perform, accept("d-1"))
    await anyio.to_thread.run_sync(loop.perform, dispatch("d-2"))
    await anyio.to_thread.run_sync(loop.perform, Step(Action.START, "d-1", actor="星城停车公司"))
    with anyio.fail_after(TIMEOUT):
        got = [(await subscriber.__anext__()).outcome.action for _ in range(3)]
    assert got == [Action.ACCEPT, Action.DISPATCH, Action.START]
    assert reads == ["c1", "c2"]  # once per raising community
    subscriber.close()
    assert broker.subscriber_count() == 0


async def test_a_failing_broker_never_fails_the_step(world: Graph, settings: Settings) -> None:
    def broken(area_id: str) -> tuple[str, ...]:
        raise ConnectionError("graph unreachable")

    broker = Broker(broken)
    subscriber = broker.subscribe("s1")
    loop = Loop(world, settings, clock=Ticker(), listeners=[broker.publish])
    outcome = await anyio.to_thread.run_sync(loop.perform, dispatch("d-1"))
    assert outcome.to_status.value == "dispatched"
    subscriber.close()


async def test_a_replayed_outcome_is_not_announced_again(world: Graph, settings: Settings) -> None:
    broker = Broker(lambda area_id: area_ancestors(world, area_id))
    loop = Loop(world, settings, clock=Ticker(), listeners=[broker.publish])
    subscriber = broker.subscribe("c1")
    first = await anyio.to_thread.run_sync(loop.perform, dispatch("d-1", request_id="anonymous:retry-1"))
    # what a retried clientMutationId gives back: the first run's outcome, marked replayed
    await anyio.to_thread.run_sync(broker.publish, replace(first, replayed=True))
    await anyio.to_thread.run_sync(loop.perform, accept("d-1"))
    with anyio.fail_after(TIMEOUT):
        got = [(await subscriber.__anext__()).outcome for _ in range(2)]
    assert got[0] == first and got[1].action == Action.ACCEPT
    subscriber.close()
