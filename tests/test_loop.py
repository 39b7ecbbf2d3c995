"""The loop engine on the real graph: full loops, every illegal move, capacity under concurrency,
retried requests and points."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import MOVES, Action, allowed_actions, check_table
from gongjian.graph.loop.clock import CST
from gongjian.graph.loop.engine import Loop, Step
from gongjian.graph.loop.errors import (
    IllegalTransition,
    InsufficientCapacity,
    InvalidValue,
    LoopError,
    NotFound,
    ResourceUnavailable,
)
from gongjian.graph.model import DemandStatus
from gongjian.settings import Settings

from . import matchkit as kit

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)


class Ticker:
    """A controlled clock: each call is one minute after the last."""

    def __init__(self, start: datetime = T0) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.fixture
def world(graph: Graph) -> Graph:
    kit.base(graph)
    kit.unit(graph, "u-park", "星城停车公司")
    kit.unit(graph, "u-gov", "麒麟区住建局", type_="government")
    kit.resource(graph, "u-park", "r-park", quantity=5)
    kit.member(graph, "m-1", "张三", "13800000001", skills=["volunteer"], reported_to="c1")
    kit.member(graph, "m-2", "李四", "13800000002", skills=["volunteer"], reported_to="c1")
    kit.demand(graph, "d-1", "c1", quantity=2)
    return graph


@pytest.fixture
def loop(world: Graph, settings: Settings) -> Loop:
    return Loop(world, settings, clock=Ticker())


def status(graph: Graph, demand_id: str) -> str:
    return graph.read("MATCH (d:Demand {id: $id}) RETURN d.status AS s", id=demand_id)[0]["s"]


def step(action: Action, demand_id: str = "d-1", **kwargs: object) -> Step:
    return Step(action, demand_id, actor="星城社区", **kwargs)  # type: ignore[arg-type]


def test_the_move_table_matches_the_model() -> None:
    check_table()


def test_full_loop_writes_every_state_event_and_project_field(loop: Loop, world: Graph) -> None:
    dispatched = loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park", note="派单"))
    assert (dispatched.from_status, dispatched.to_status) == (DemandStatus.OPEN, DemandStatus.DISPATCHED)
    assert dispatched.remaining == 3 and dispatched.project_id and dispatched.area_id == "c1"
    for action, kwargs in (
        (Action.ACCEPT, {}),
        (Action.START, {}),
        (Action.COMPLETE, {"note": "已完成", "participants": ("m-1",)}),
        (Action.RATE, {"rating": 5, "feedback": "很满意"}),
    ):
        loop.perform(step(action, **kwargs))
    assert status(world, "d-1") == "closed"
    project = world.read(
        "MATCH (p:Project)-[:FULFILS]->(:Demand {id: 'd-1'}) RETURN p.status AS status, p.startedAt AS s, "
        "p.completedAt AS c, p.rating AS rating, p.feedback AS feedback, p.quantity AS q"
    )
    assert project == [
        {
            "status": "closed",
            "s": "2026-03-02T09:03:00+08:00",
            "c": "2026-03-02T09:04:00+08:00",
            "rating": 5,
            "feedback": "很满意",
            "q": 2,
        }
    ]
    timeline = world.read(
        "MATCH (:Demand {id: 'd-1'})-[:HAS_EVENT]->(e:Event) "
        "RETURN e.action AS action, e.fromStatus AS f, e.toStatus AS t, e.actor AS actor ORDER BY e.at"
    )
    assert [(e["action"], e["f"], e["t"]) for e in timeline] == [
        ("dispatch", "open", "dispatched"),
        ("accept", "dispatched", "accepted"),
        ("start", "accepted", "in_progress"),
        ("complete", "in_progress", "done"),
        ("rate", "done", "closed"),
    ]
    # the project's timeline holds the same five events plus the points credited
    actions = world.read(
        "MATCH (:Project)-[:HAS_EVENT]->(e:Event) RETURN e.action AS action, e.points AS points ORDER BY e.id"
    )
    assert sorted(a["action"] for a in actions) == sorted(
        ["dispatch", "accept", "start", "complete", "rate", "credit", "credit"]
    )
    points = world.read("MATCH (m:Member {id: 'm-1'}) RETURN m.points AS p")[0]["p"]
    assert points == 15  # 10 for completing, 5 for a 5-star rating
    # a closed project no longer holds the parking spaces
    rows = world.read(
        "MATCH (p:Project)-[u:USES]->(r:Resource {id: 'r-park'}) RETURN p.status AS s, u.quantity AS q"
    )
    assert rows == [{"s": "closed", "q": 2}]


@pytest.mark.parametrize("current", [s for s in DemandStatus])
def test_every_illegal_move_names_the_state_and_the_allowed_next_steps(
    loop: Loop, world: Graph, current: DemandStatus
) -> None:
    world.write("MATCH (d:Demand {id: 'd-1'}) SET d.status = $s", s=current.value)
    for action, move in MOVES.items():
        if current in move.sources:
            continue
        kwargs: dict[str, object] = {"note": "原因"}
        if action in (Action.DISPATCH, Action.CLAIM, Action.ESCALATE):
            kwargs["unit_id"] = "u-gov"
        if action == Action.RATE:
            kwargs["rating"] = 4
        with pytest.raises(IllegalTransition) as refused:
            loop.perform(step(action, **kwargs))
        assert refused.value.current == current
        assert refused.value.allowed == tuple(allowed_actions(current))
        assert current.value in str(refused.value)
        for allowed in allowed_actions(current):
            assert allowed.value in str(refused.value)
    assert status(world, "d-1") == current.value
    assert world.read("MATCH (e:Event) RETURN count(e) AS n")[0]["n"] == 0


def test_capacity_is_checked_and_partial_dispatch_is_explicit(loop: Loop, world: Graph) -> None:
    kit.demand(world, "d-2", "c1", quantity=4, title="另一个停车需求")
    loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park"))  # reserves 2 of 5
    with pytest.raises(InsufficientCapacity) as refused:
        loop.perform(step(Action.DISPATCH, "d-2", unit_id="u-park", resource_id="r-park"))
    assert (refused.value.remaining, refused.value.requested) == (3, 4)
    assert "quantity: 3" in str(refused.value)
    assert status(world, "d-2") == "open"
    partial = loop.perform(step(Action.DISPATCH, "d-2", unit_id="u-park", resource_id="r-park", quantity=3))
    assert partial.remaining == 0


def test_rejection_releases_capacity_and_the_demand_can_be_dispatched_again(loop: Loop, world: Graph) -> None:
    loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park", quantity=5))
    loop.perform(step(Action.REJECT, note="资源已满"))
    again = loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park", quantity=5))
    assert again.from_status == DemandStatus.REJECTED and again.remaining == 0
    statuses = world.read(
        "MATCH (p:Project)-[:FULFILS]->(:Demand {id: 'd-1'}) RETURN p.status AS s ORDER BY s"
    )
    assert [r["s"] for r in statuses] == ["proposed", "rejected"]


def test_cancel_releases_the_reservation(loop: Loop, world: Graph) -> None:
    loop.perform(step(Action.CLAIM, unit_id="u-park", resource_id="r-park", quantity=5))
    loop.perform(step(Action.CANCEL, note="居民已自行解决"))
    kit.demand(world, "d-2", "c1", quantity=5, title="又一个")
    assert loop.perform(step(Action.CLAIM, "d-2", unit_id="u-park", resource_id="r-park")).remaining == 0


def test_resource_refusals(loop: Loop, world: Graph) -> None:
    kit.unit(world, "u-other", "别的单位")
    with pytest.raises(ResourceUnavailable, match="does not offer"):
        loop.perform(step(Action.DISPATCH, unit_id="u-other", resource_id="r-park"))
    world.write("MATCH (r:Resource {id: 'r-park'}) SET r.status = 'paused'")
    with pytest.raises(ResourceUnavailable, match="paused"):
        loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park"))
    with pytest.raises(NotFound, match="r-none"):
        loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-none"))
    with pytest.raises(NotFound, match="u-none"):
        loop.perform(step(Action.DISPATCH, unit_id="u-none"))
    with pytest.raises(NotFound, match="d-none"):
        loop.perform(step(Action.ACCEPT, "d-none"))
    assert status(world, "d-1") == "open"


def test_argument_refusals(loop: Loop) -> None:
    with pytest.raises(InvalidValue, match="exactly one"):
        loop.perform(step(Action.DISPATCH, unit_id="u-park", member_id="m-1"))
    with pytest.raises(InvalidValue, match="quantity"):
        loop.perform(step(Action.DISPATCH, unit_id="u-park", quantity=0))
    with pytest.raises(InvalidValue, match="reason"):
        loop.perform(step(Action.REOPEN))
    with pytest.raises(InvalidValue, match="government"):
        loop.perform(step(Action.ESCALATE, unit_id="u-park", note="需要部门协调"))


def test_escalate_then_the_department_claims(loop: Loop, world: Graph) -> None:
    escalated = loop.perform(step(Action.ESCALATE, unit_id="u-gov", note="涉及管线改造，需住建部门"))
    assert escalated.to_status == DemandStatus.ESCALATED
    claimed = loop.perform(step(Action.CLAIM, unit_id="u-gov", note="部门报到"))
    assert claimed.to_status == DemandStatus.ACCEPTED
    target = world.read("MATCH (e:Event {action: 'escalate'}) RETURN e.targetId AS t")[0]["t"]
    assert target == "u-gov"


def test_member_dispatch_and_reopen(loop: Loop, world: Graph) -> None:
    loop.perform(step(Action.DISPATCH, member_id="m-2"))
    for action in (Action.ACCEPT, Action.START, Action.COMPLETE):
        loop.perform(step(action))
    loop.perform(step(Action.RATE, rating=2, feedback="未根本解决"))
    points = world.read("MATCH (m:Member {id: 'm-2'}) RETURN m.points AS p")[0]["p"]
    assert points == 10  # no bonus at 2 stars
    reopened = loop.perform(step(Action.REOPEN, note="问题复发"))
    assert reopened.to_status == DemandStatus.OPEN


def test_a_retried_request_does_not_act_twice(loop: Loop, world: Graph) -> None:
    first = loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park", request_id="k:1"))
    again = loop.perform(step(Action.DISPATCH, unit_id="u-park", resource_id="r-park", request_id="k:1"))
    assert again.replayed and not first.replayed
    assert (again.event_id, again.project_id) == (first.event_id, first.project_id)
    assert world.read("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 1
    with pytest.raises(InvalidValue, match="already used"):
        loop.perform(step(Action.ACCEPT, request_id="k:1"))


def test_twenty_concurrent_claims_for_the_last_five_spaces(world: Graph, settings: Settings) -> None:
    for i in range(20):
        kit.demand(world, f"d-c{i}", "c1", quantity=1, title=f"停车需求{i}")
    loop = Loop(world, settings)

    def claim(i: int) -> str:
        try:
            loop.perform(Step(Action.CLAIM, f"d-c{i}", actor="u", unit_id="u-park", resource_id="r-park"))
        except InsufficientCapacity:
            return "refused"
        return "ok"

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(claim, range(20)))
    assert results.count("ok") == 5 and results.count("refused") == 15
    held = world.read("MATCH (:Project)-[u:USES]->(:Resource {id: 'r-park'}) RETURN sum(u.quantity) AS q")
    assert held[0]["q"] == 5


def test_many_steps_in_one_statement_refuse_overlaps(loop: Loop, world: Graph) -> None:
    kit.demand(world, "d-2", "c1", quantity=1, title="第二个")
    outcomes = loop.perform_many(
        [
            step(Action.DISPATCH, unit_id="u-park", resource_id="r-park", quantity=1, project_title="甲"),
            step(Action.DISPATCH, "d-2", member_id="m-1", quantity=1, project_title="乙"),
        ]
    )
    assert [o.to_status for o in outcomes] == [DemandStatus.DISPATCHED, DemandStatus.DISPATCHED]
    with pytest.raises(ValueError, match="same node"):
        loop.perform_many([step(Action.ACCEPT), step(Action.ACCEPT)])
    with pytest.raises(LoopError):
        loop.perform_many([step(Action.START)])


def test_schema_init_fills_in_project_statistics_a_graph_lacks(schema_graph: Graph) -> None:
    """A graph written before the loop kept each deliverer's counts gets them from ``init_schema``."""
    from gongjian.graph.schema import init_schema

    schema_graph.write(
        "CREATE (u:Unit {id: 'u1'}), (u)-[:DELIVERS]->(:Project {id: 'p1', status: 'closed', rating: 4}), "
        "(u)-[:DELIVERS]->(:Project {id: 'p2', status: 'done'}), "
        "(u)-[:DELIVERS]->(:Project {id: 'p3', status: 'accepted'}), (:Unit {id: 'u2'})"
    )
    assert init_schema(schema_graph).statistics_refreshed == 1
    assert schema_graph.read(
        "MATCH (u:Unit) RETURN u.id AS id, u.projectsCompleted AS done, u.projectsOpen AS open, "
        "u.projectsRated AS rated, u.ratingSum AS ratings ORDER BY id"
    ) == [
        {"id": "u1", "done": 2, "open": 1, "rated": 1, "ratings": 4.0},
        {"id": "u2", "done": None, "open": None, "rated": None, "ratings": None},
    ]
    assert init_schema(schema_graph).statistics_refreshed == 0  # nothing missing: nothing recounted


def test_schema_init_fills_in_reserved_quantities_a_graph_lacks(schema_graph: Graph) -> None:
    """A graph written before the loop kept each resource's reserved quantity gets it from ``init_schema``."""
    from gongjian.graph.schema import init_schema

    schema_graph.write(
        "CREATE (r:Resource {id: 'r1', quantity: 10}), (:Resource {id: 'r2', quantity: 3}), "
        "(:Project {id: 'p1', status: 'accepted'})-[:USES {quantity: 4}]->(r), "
        "(:Project {id: 'p2', status: 'proposed'})-[:USES {quantity: 1}]->(r), "
        "(:Project {id: 'p3', status: 'done'})-[:USES {quantity: 5}]->(r)"
    )
    assert init_schema(schema_graph).reserved_refreshed == 1
    assert schema_graph.read("MATCH (r:Resource) RETURN r.id AS id, r.reserved AS reserved ORDER BY id") == [
        {"id": "r1", "reserved": 5},
        {"id": "r2", "reserved": None},
    ]
    assert init_schema(schema_graph).reserved_refreshed == 0  # nothing missing: nothing recounted
