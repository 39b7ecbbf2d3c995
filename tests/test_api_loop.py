"""The closed loop through GraphQL: mutations, refusals as data, concurrency, retries, derived times,
overdue detection and points."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gongjian.api.app import create_app
from gongjian.graph.accounts import Accounts
from gongjian.graph.facade import Graph
from gongjian.settings import Settings

from . import matchkit as kit
from .fixtures.clock import Clock
from .test_api_entities import data, gql


@pytest.fixture
def world(schema_graph: Graph) -> Graph:
    graph = schema_graph
    kit.base(graph)
    kit.unit(graph, "u-park", "星城停车公司")
    kit.unit(graph, "u-gov", "麒麟区住建局", type_="government")
    kit.resource(graph, "u-park", "r-park", quantity=5)
    kit.member(graph, "m-1", "张三", "13800000001", skills=["volunteer"], reported_to="c1")
    kit.member(graph, "m-2", "李四", "13800000002", skills=["volunteer"], reported_to="c1")
    kit.demand(graph, "d-1", "c1", quantity=2)
    return graph


@pytest.fixture
async def api(world: Graph, settings: Settings, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, graph=world, clock=clock)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {Accounts(world, settings).create('协调员', ['admin'])[1]}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as http:
        yield http


PAYLOAD = """
    ... on DemandChangePayload { clientMutationId replayed remaining
        demand { id status } project { id status quantity } event { id action fromStatus toStatus actor } }
    ... on UserFacingError { message }
    ... on NotFoundError { kind value }
    ... on InvalidArgumentError { argument }
"""
MOVE = PAYLOAD + "... on IllegalTransitionError { demandId action currentStatus allowedActions }"
ASSIGN = (
    MOVE
    + """
    ... on InsufficientCapacityError { resourceId remaining requested }
    ... on ResourceUnavailableError { resourceId }
"""
)
RAISE = (
    PAYLOAD
    + """
    ... on DuplicateDemandError { existingId }
    ... on UnknownNeedError { text suggestions { code } }
"""
)

#: Each mutation's input type and the result fragments valid on its union.
MUTATIONS = {
    "raiseDemand": ("RaiseDemandInput", RAISE),
    "dispatchDemand": ("DispatchDemandInput", ASSIGN),
    "claimDemand": ("ClaimDemandInput", ASSIGN),
    "acceptDemand": ("AcceptDemandInput", MOVE),
    "rejectDemand": ("RejectDemandInput", MOVE),
    "startDemand": ("StartDemandInput", MOVE),
    "completeDemand": ("CompleteDemandInput", MOVE),
    "rateDemand": ("RateDemandInput", MOVE),
    "escalateDemand": ("EscalateDemandInput", MOVE),
    "reopenDemand": ("ReopenDemandInput", MOVE),
    "cancelDemand": ("CancelDemandInput", MOVE),
}


async def mutate(client: httpx.AsyncClient, name: str, **fields: Any) -> dict[str, Any]:
    input_type, result = MUTATIONS[name]
    query = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename {result} }} }}"
    return data(await gql(client, query, input=fields))[name]


async def ok(client: httpx.AsyncClient, name: str, **fields: Any) -> dict[str, Any]:
    answer = await mutate(client, name, **fields)
    assert answer["__typename"] == "DemandChangePayload", answer
    return answer


DEMAND = """
query($id: ID!) { demand(id: $id) { id status dueAt overdue hoursToDispatch hoursToAccept hoursToComplete
    events { action fromStatus toStatus at actor note targetId quantity }
    projects { status events { action points targetId } } } }
"""


async def demand(client: httpx.AsyncClient, id_: str) -> dict[str, Any]:
    return data(await gql(client, DEMAND, id=id_))["demand"]


def count(graph: Graph, pattern: str) -> int:
    return graph.read(f"MATCH {pattern} RETURN count(*) AS n")[0]["n"]


# ------------------------------------------------------------------------------------ full loop
async def test_the_full_loop_from_raise_to_closed(api: httpx.AsyncClient, world: Graph, clock: Clock) -> None:
    raised = await ok(
        api,
        "raiseDemand",
        communityId="c1",
        need="停车位",
        title="夜间停车难",
        quantity=2,
        window=["工作日18:00-次日8:00"],
        urgency="HIGH",
        source="入户走访",
        contactName="王小明",
        contactPhone="13900001111",
        clientMutationId="r1",
    )
    demand_id = raised["demand"]["id"]
    assert raised["demand"]["status"] == "OPEN" and raised["clientMutationId"] == "r1"
    assert raised["event"]["action"] == "raise" and raised["event"]["actor"].startswith("acct")
    assert raised["project"] is None and raised["remaining"] is None

    clock.advance(2)
    dispatched = await ok(api, "dispatchDemand", demandId=demand_id, unitId="u-park", resourceId="r-park")
    assert dispatched["remaining"] == 3
    assert dispatched["project"]["status"] == "PROPOSED" and dispatched["project"]["quantity"] == 2
    assert dispatched["event"]["fromStatus"] == "open" and dispatched["event"]["toStatus"] == "dispatched"
    clock.advance(1.5)
    assert (await ok(api, "acceptDemand", demandId=demand_id))["demand"]["status"] == "ACCEPTED"
    clock.advance(0.5)
    await ok(api, "startDemand", demandId=demand_id)
    clock.advance(20)
    completed = await ok(api, "completeDemand", demandId=demand_id, note="已协调车位")
    assert completed["demand"]["status"] == "DONE" and completed["project"]["status"] == "DONE"
    clock.advance(1)
    rated = await ok(api, "rateDemand", demandId=demand_id, rating=5, feedback="很满意")
    assert rated["demand"]["status"] == "CLOSED" and rated["project"]["status"] == "CLOSED"

    found = await demand(api, demand_id)
    assert [(e["action"], e["fromStatus"], e["toStatus"]) for e in found["events"]] == [
        ("raise", None, "open"),
        ("dispatch", "open", "dispatched"),
        ("accept", "dispatched", "accepted"),
        ("start", "accepted", "in_progress"),
        ("complete", "in_progress", "done"),
        ("rate", "done", "closed"),
    ]
    assert found["events"][1]["targetId"] == "u-park" and found["events"][1]["quantity"] == 2
    assert (found["hoursToDispatch"], found["hoursToAccept"], found["hoursToComplete"]) == (2.0, 1.5, 24.0)
    assert found["dueAt"] == "2026-03-05T09:00:00+08:00"  # 72 hours for a HIGH demand
    assert found["overdue"] is False
    # the resource is free again once the project closed
    remaining = data(await gql(api, '{ resource(id: "r-park") { remaining } }'))["resource"]["remaining"]
    assert remaining == 5


async def test_claim_and_later_steps_in_one_second_keep_their_order(
    api: httpx.AsyncClient, world: Graph
) -> None:
    claimed = await ok(api, "claimDemand", demandId="d-1", unitId="u-park", resourceId="r-park", quantity=1)
    assert claimed["demand"]["status"] == "ACCEPTED" and claimed["project"]["status"] == "ACCEPTED"
    assert claimed["remaining"] == 4
    # several mutations in one document run in order and each payload sees the state after its step
    body = await gql(
        api,
        """mutation { a: startDemand(input: {demandId: "d-1"}) { ... on DemandChangePayload {
                          demand { status } } }
                      b: completeDemand(input: {demandId: "d-1", participantIds: ["m-1"]}) {
                          ... on DemandChangePayload { demand { status events { action } } } } }""",
    )
    answer = data(body)
    assert answer["a"]["demand"]["status"] == "IN_PROGRESS"
    assert answer["b"]["demand"]["status"] == "DONE"
    assert [e["action"] for e in answer["b"]["demand"]["events"]] == ["claim", "start", "complete"]
    found = await demand(api, "d-1")
    assert found["hoursToDispatch"] is not None and found["hoursToAccept"] == 0.0
    (project,) = found["projects"]
    assert [e["action"] for e in project["events"]] == ["claim", "start", "complete", "credit"]
    assert project["events"][-1] == {"action": "credit", "points": 10, "targetId": "m-1"}


async def test_reject_and_dispatch_again(api: httpx.AsyncClient, world: Graph) -> None:
    await ok(api, "dispatchDemand", demandId="d-1", unitId="u-park", resourceId="r-park", quantity=5)
    refused = await mutate(api, "rejectDemand", demandId="d-1", reason="  ")
    assert refused["__typename"] == "InvalidArgumentError" and refused["argument"] == "reason"
    rejected = await ok(api, "rejectDemand", demandId="d-1", reason="车位已满")
    assert rejected["demand"]["status"] == "REJECTED" and rejected["project"]["status"] == "REJECTED"
    again = await ok(api, "dispatchDemand", demandId="d-1", unitId="u-park", resourceId="r-park", quantity=5)
    assert again["demand"]["status"] == "DISPATCHED" and again["remaining"] == 0
    statuses = data(await gql(api, '{ demand(id: "d-1") { projects { status } } }'))["demand"]["projects"]
    assert sorted(p["status"] for p in statuses) == ["PROPOSED", "REJECTED"]
    # all three steps fell within one second of the (stopped) clock: the timeline still follows them
    events = (await demand(api, "d-1"))["events"]
    assert [(e["action"], e["toStatus"]) for e in events] == [
        ("dispatch", "dispatched"),
        ("reject", "rejected"),
        ("dispatch", "dispatched"),
    ]


async def test_escalate_to_a_government_department_which_then_claims(
    api: httpx.AsyncClient, world: Graph
) -> None:
    wrong = await mutate(api, "escalateDemand", demandId="d-1", unitId="u-park", reason="需要部门协调")
    assert wrong["__typename"] == "InvalidArgumentError" and wrong["argument"] == "unitId"
    missing = await mutate(api, "escalateDemand", demandId="d-1", unitId="u-none", reason="需要部门协调")
    assert (missing["__typename"], missing["kind"], missing["value"]) == ("NotFoundError", "unit", "u-none")
    escalated = await ok(api, "escalateDemand", demandId="d-1", unitId="u-gov", reason="涉及管线改造")
    assert escalated["demand"]["status"] == "ESCALATED"
    claimed = await ok(api, "claimDemand", demandId="d-1", unitId="u-gov", note="部门报到")
    assert claimed["demand"]["status"] == "ACCEPTED" and claimed["remaining"] is None
    events = (await demand(api, "d-1"))["events"]
    assert [(e["action"], e["targetId"]) for e in events] == [("escalate", "u-gov"), ("claim", "u-gov")]


async def test_cancel_releases_the_reservation(api: httpx.AsyncClient, world: Graph) -> None:
    await ok(api, "claimDemand", demandId="d-1", unitId="u-park", resourceId="r-park", quantity=5)
    cancelled = await ok(api, "cancelDemand", demandId="d-1", reason="居民已自行解决")
    assert cancelled["demand"]["status"] == "CANCELLED" and cancelled["project"]["status"] == "CANCELLED"
    remaining = data(await gql(api, '{ resource(id: "r-park") { remaining } }'))["resource"]["remaining"]
    assert remaining == 5


@pytest.mark.parametrize(
    ("status", "name", "fields", "allowed"),
    [
        ("open", "acceptDemand", {}, ["dispatch", "claim", "escalate", "cancel"]),
        ("open", "rateDemand", {"rating": 5}, ["dispatch", "claim", "escalate", "cancel"]),
        ("dispatched", "startDemand", {}, ["accept", "reject", "cancel"]),
        ("in_progress", "cancelDemand", {}, ["complete", "escalate"]),
        ("closed", "dispatchDemand", {"unitId": "u-park"}, ["reopen"]),
        ("cancelled", "escalateDemand", {"unitId": "u-gov", "reason": "再议"}, ["reopen"]),
    ],
)
async def test_illegal_transitions_are_data_naming_the_state_and_the_next_steps(
    api: httpx.AsyncClient, world: Graph, status: str, name: str, fields: dict[str, Any], allowed: list[str]
) -> None:
    world.write("MATCH (d:Demand {id: 'd-1'}) SET d.status = $s", s=status)
    refused = await mutate(api, name, demandId="d-1", **fields)
    assert refused["__typename"] == "IllegalTransitionError"
    assert refused["currentStatus"] == status.upper() and refused["allowedActions"] == allowed
    assert refused["demandId"] == "d-1" and status in refused["message"]
    assert count(world, "(e:Event) WHERE NOT e.action STARTS WITH 'audit.'") == 0  # its audit event aside


async def test_other_refusals_are_data(api: httpx.AsyncClient, world: Graph) -> None:
    both = await mutate(api, "dispatchDemand", demandId="d-1", unitId="u-park", memberId="m-1")
    assert both["__typename"] == "InvalidArgumentError" and both["argument"] == "unitId/memberId"
    assert (await mutate(api, "acceptDemand", demandId="d-none"))["__typename"] == "NotFoundError"
    kit.unit(world, "u-other", "别的单位")
    foreign = await mutate(api, "claimDemand", demandId="d-1", unitId="u-other", resourceId="r-park")
    assert foreign["__typename"] == "ResourceUnavailableError" and foreign["resourceId"] == "r-park"
    too_many = await mutate(
        api, "claimDemand", demandId="d-1", unitId="u-park", resourceId="r-park", quantity=6
    )
    assert too_many["__typename"] == "InsufficientCapacityError"
    assert (too_many["remaining"], too_many["requested"]) == (5, 6)
    stars = await mutate(api, "rateDemand", demandId="d-1", rating=9)
    assert stars["__typename"] == "InvalidArgumentError" and stars["argument"] == "rating"
    assert count(world, "(p:Project)") == 0


# ------------------------------------------------------------------------------------ concurrency
async def test_twenty_concurrent_claims_for_five_spaces(api: httpx.AsyncClient, world: Graph) -> None:
    for i in range(20):
        kit.demand(world, f"d-c{i}", "c1", quantity=1, title=f"停车需求{i}")
    answers = await asyncio.gather(
        *(
            mutate(api, "claimDemand", demandId=f"d-c{i}", unitId="u-park", resourceId="r-park")
            for i in range(20)
        )
    )
    kinds = [a["__typename"] for a in answers]
    assert kinds.count("DemandChangePayload") == 5 and kinds.count("InsufficientCapacityError") == 15
    assert sorted(a["remaining"] for a in answers if a["__typename"] == "DemandChangePayload") == [
        0,
        1,
        2,
        3,
        4,
    ]
    held = world.read("MATCH (:Project)-[u:USES]->(:Resource {id: 'r-park'}) RETURN sum(u.quantity) AS q")
    assert held[0]["q"] == 5
    assert count(world, "(d:Demand {status: 'accepted'})") == 5


# ------------------------------------------------------------------------------------ retries
async def test_a_retried_mutation_is_replayed_not_repeated(api: httpx.AsyncClient, world: Graph) -> None:
    first = await ok(
        api, "dispatchDemand", demandId="d-1", unitId="u-park", resourceId="r-park", clientMutationId="k1"
    )
    again = await ok(
        api, "dispatchDemand", demandId="d-1", unitId="u-park", resourceId="r-park", clientMutationId="k1"
    )
    assert (first["replayed"], again["replayed"]) == (False, True)
    assert again["clientMutationId"] == "k1"
    assert again["event"]["id"] == first["event"]["id"] and again["project"]["id"] == first["project"]["id"]
    assert count(world, "(p:Project)") == 1
    assert count(world, "(:Demand {id: 'd-1'})-[:HAS_EVENT]->(e:Event)") == 1
    reused = await mutate(api, "acceptDemand", demandId="d-1", clientMutationId="k1")
    assert reused["__typename"] == "InvalidArgumentError" and reused["argument"] == "clientMutationId"

    fields = {"communityId": "c1", "need": "义诊", "title": "老人义诊", "clientMutationId": "k2"}
    raised = await ok(api, "raiseDemand", **fields)
    repeated = await ok(api, "raiseDemand", **fields)
    assert repeated["replayed"] is True and repeated["demand"]["id"] == raised["demand"]["id"]
    assert count(world, "(d:Demand)") == 2


# ------------------------------------------------------------------------------------ raising
async def test_raise_refusals(api: httpx.AsyncClient, world: Graph) -> None:
    unknown = await mutate(api, "raiseDemand", communityId="c1", need="宇宙飞船", title="想坐飞船")
    assert unknown["__typename"] == "UnknownNeedError" and unknown["text"] == "宇宙飞船"
    assert unknown["suggestions"] and "宇宙飞船" in unknown["message"]
    nowhere = await mutate(api, "raiseDemand", communityId="c-none", need="停车位", title="停车难")
    assert (nowhere["__typename"], nowhere["kind"], nowhere["value"]) == (
        "NotFoundError",
        "community",
        "c-none",
    )
    street = await mutate(api, "raiseDemand", communityId="s1", need="停车位", title="停车难")
    assert street["__typename"] == "InvalidArgumentError" and street["argument"] == "communityId"
    bad_window = await mutate(
        api,
        "raiseDemand",
        communityId="c1",
        need="停车位",
        title="停车难",
        window=["随时"],
        contactName="王小明",
        contactPhone="13900001111",
    )
    assert bad_window["__typename"] == "InvalidArgumentError" and bad_window["argument"] == "window"
    assert "13900001111" not in bad_window["message"] and "王小明" not in bad_window["message"]
    first = await ok(api, "raiseDemand", communityId="c1", need="parking", title="停车难")
    duplicate = await mutate(api, "raiseDemand", communityId="c1", need="停车位", title="停车难")
    assert duplicate["__typename"] == "DuplicateDemandError"
    assert duplicate["existingId"] == first["demand"]["id"]
    assert count(world, "(d:Demand)") == 2  # d-1 and the one raised


# ------------------------------------------------------------------------------------ overdue
OVERDUE = """query($area: ID) { overdueDemands(area: $area) { id overdue dueAt } }"""


async def test_overdue_by_service_level_and_deadline(
    api: httpx.AsyncClient, world: Graph, clock: Clock
) -> None:
    async def raise_(title: str, urgency: str = "URGENT", deadline: str | None = None) -> str:
        fields = {
            "communityId": "c1",
            "need": "停车位",
            "title": title,
            "urgency": urgency,
            "deadline": deadline,
        }
        return (await ok(api, "raiseDemand", **fields))["demand"]["id"]

    world.write("MATCH (d:Demand {id: 'd-1'}) SET d.status = 'cancelled'")
    late = await raise_("特急一")
    past_deadline = await raise_("一般但有截止", urgency="NORMAL", deadline="2026-03-02T12:00:00+08:00")
    done = await raise_("特急已完成")
    closed = await raise_("特急已办结")
    for id_ in (done, closed):
        await ok(api, "claimDemand", demandId=id_, memberId="m-1")
        await ok(api, "startDemand", demandId=id_)
        await ok(api, "completeDemand", demandId=id_)
    await ok(api, "rateDemand", demandId=closed, rating=3)
    clock.advance(2)
    in_time = await raise_("特急二")
    clock.advance(23)  # now = T0 + 25 h

    listed = data(await gql(api, OVERDUE))["overdueDemands"]
    assert sorted(d["id"] for d in listed) == sorted([late, past_deadline])
    assert all(d["overdue"] for d in listed)
    flags = {}
    for id_ in (late, past_deadline, done, closed, in_time):
        flags[id_] = (await demand(api, id_))["overdue"]
    assert flags == {late: True, past_deadline: True, done: False, closed: False, in_time: False}
    assert (await demand(api, late))["dueAt"] == "2026-03-03T09:00:00+08:00"
    assert (await demand(api, past_deadline))["dueAt"] == "2026-03-02T12:00:00+08:00"

    assert len(data(await gql(api, OVERDUE, area="d"))["overdueDemands"]) == 2
    assert data(await gql(api, OVERDUE, area="s2"))["overdueDemands"] == []
    unknown = await gql(api, OVERDUE, area="nowhere")
    assert unknown["data"] is None and 'no area has the id "nowhere"' in unknown["errors"][0]["message"]


async def test_derived_times_cost_one_read_for_many_demands(
    api: httpx.AsyncClient, world: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "{ demands(first: 100) { edges { node { id overdue dueAt hoursToDispatch hoursToAccept } } } }"

    async def reads() -> int:
        calls: list[str] = []
        real = world.read

        def spy(statement: str, /, **params: Any) -> Any:
            calls.append(statement)
            return real(statement, **params)

        monkeypatch.setattr(world, "read", spy)
        data(await gql(api, query))
        monkeypatch.setattr(world, "read", real)
        return len(calls)

    await reads()  # the first request also verifies the caller's key
    few = await reads()
    for i in range(10):
        kit.demand(world, f"d-n{i}", "c1", title=f"需求{i}")
    assert await reads() == few == 2  # the list, then every demand's events at once


# ------------------------------------------------------------------------------------ points
POINTS = """query($id: ID!) { member(id: $id) { points pointEvents { action points note targetId } } }"""


async def test_points_after_complete_and_rate(api: httpx.AsyncClient, world: Graph, clock: Clock) -> None:
    await ok(api, "dispatchDemand", demandId="d-1", memberId="m-1")
    await ok(api, "acceptDemand", demandId="d-1")
    await ok(api, "startDemand", demandId="d-1")
    clock.advance(1)
    completed = await ok(api, "completeDemand", demandId="d-1", participantIds=["m-2"])
    assert completed["demand"]["status"] == "DONE"
    clock.advance(1)
    await ok(api, "rateDemand", demandId="d-1", rating=5, feedback="很满意")
    for member in ("m-1", "m-2"):
        found = data(await gql(api, POINTS, id=member))["member"]
        assert found["points"] == 15
        assert [(e["action"], e["points"], e["targetId"]) for e in found["pointEvents"]] == [
            ("credit", 5, member),
            ("credit", 10, member),
        ]
        assert "积分" in found["pointEvents"][0]["note"]
