"""List maintenance through GraphQL: each mutation's answer and the graph behind it, refusals as data,
idempotent repeats, verbatim text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from gongjian.api.app import create_app
from gongjian.graph.accounts import Accounts
from gongjian.graph.facade import Graph
from gongjian.graph.loop.clock import CST
from gongjian.settings import Settings

from . import matchkit as kit
from .test_api_entities import data, gql

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=CST)
TODAY = "2026-03-02"
INJECTION = "') MATCH (n) DETACH DELETE n //"


@pytest.fixture
def world(schema_graph: Graph) -> Graph:
    g = schema_graph
    kit.base(g)
    kit.unit(g, "u1", "星城停车公司", metres=300)
    kit.unit(g, "u2", "星城医院", metres=600)
    kit.resource(g, "u1", "r1", quantity=10)
    kit.member(g, "m1", "张三", "13800000001", skills=["volunteer"], lives_in="g1")
    kit.demand(g, "d1", "c1", quantity=2)
    return g


@pytest.fixture
async def api(world: Graph, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, graph=world, clock=lambda: NOW)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {Accounts(world, settings).create('协调员', ['admin'])[1]}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as http:
        yield http


ERRORS = """
    ... on UserFacingError { __typename message }
    ... on NotFoundError { kind value }
    ... on InvalidArgumentError { argument }
"""
DEMAND = (
    """
    ... on UpdateDemandPayload { clientMutationId replayed changed
        demand { id title quantity window urgency status deadline }
        event { id action fromStatus toStatus note actor } }
    ... on IllegalTransitionError { currentStatus allowedActions }
    ... on QuantityBelowReservedError { held }
"""
    + ERRORS
)
RESOURCE = """
    ... on ResourcePayload { clientMutationId created changed held
        resource { id name categoryCode quantity availability conditions serviceType status
                   location { latitude longitude } owner { __typename ... on Unit { id } } } }
"""
OFFER = (
    RESOURCE
    + """
    ... on UnknownNeedError { text suggestions { code } }
    ... on DuplicateResourceError { existingId }
"""
    + ERRORS
)
UPDATE = RESOURCE + "... on QuantityBelowReservedError { held }" + ERRORS
STATUS = RESOURCE + "... on ResourceStatusConflictError { resourceId resourceStatus }" + ERRORS
AGREEMENT = """
    ... on AgreementPayload { clientMutationId agreementKind changed inForce
        unit { id agreements { since } seats { role } } community { id }
        agreement { since until agreementNo inForce } seat { role since org { id } } }
"""
SIGN = AGREEMENT + "... on AgreementConflictError { since until agreementNo role }" + ERRORS
END = AGREEMENT + ERRORS
REPORT = (
    """
    ... on ReportPayload { clientMutationId changed date unit { id reportedTo { date } } member { id }
        community { id } }
"""
    + ERRORS
)


async def mutate(api: httpx.AsyncClient, mutation: str, selection: str, /, **fields: Any) -> dict[str, Any]:
    input_type = mutation[0].upper() + mutation[1:] + "Input"
    query = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {selection} }} }}"
    return data(await gql(api, query, input=fields))[mutation]


def count(graph: Graph, query: str, **params: object) -> int:
    return graph.read(query, **params)[0]["n"]


#: Every node but the audit trail's (api/audit.py records every mutation, refused ones too).
DATA_NODES = "MATCH (n) WHERE NOT coalesce(n.action, '') STARTS WITH 'audit.' RETURN count(n) AS n"


# ------------------------------------------------------------------------------------ updateDemand
async def test_update_demand_answers_the_demand_and_its_event(api: httpx.AsyncClient, world: Graph) -> None:
    answer = await mutate(
        api,
        "updateDemand",
        DEMAND,
        demandId="d1",
        quantity=4,
        window=["周末全天"],
        urgency="HIGH",
        deadline="2026-03-31",
        contactPhone="13912345678",
        clientMutationId="u-1",
    )
    assert answer["clientMutationId"] == "u-1" and not answer["replayed"]
    assert answer["changed"] == ["quantity", "window", "urgency", "deadline", "contactPhone"]
    assert answer["demand"] == {
        "id": "d1",
        "title": "居民夜间停车难",
        "quantity": 4,
        "window": ["sat,sun 00:00-24:00"],
        "urgency": "HIGH",
        "status": "OPEN",
        "deadline": "2026-03-31T23:59:00+08:00",
    }
    event = answer["event"]
    assert event["action"] == "update" and event["fromStatus"] == event["toStatus"] == "open"
    assert "contactPhone" in event["note"] and "13912345678" not in event["note"]
    stored = world.read("MATCH (d:Demand {id: 'd1'}) RETURN d.contactPhone AS p, d.quantity AS q")[0]
    assert stored == {"p": "13912345678", "q": 4}
    again = await mutate(api, "updateDemand", DEMAND, demandId="d1", quantity=7, clientMutationId="u-1")
    assert again["replayed"] and again["event"]["id"] == event["id"] and again["demand"]["quantity"] == 4
    assert count(world, "MATCH (:Demand {id: 'd1'})-[:HAS_EVENT]->(e) RETURN count(e) AS n") == 1


async def test_update_demand_refusals_are_data(api: httpx.AsyncClient, world: Graph) -> None:
    missing = await mutate(api, "updateDemand", DEMAND, demandId="d-nope", quantity=3)
    assert missing["__typename"] == "NotFoundError" and missing["kind"] == "demand"
    bad = await mutate(api, "updateDemand", DEMAND, demandId="d1", window=["someday"])
    assert bad["__typename"] == "InvalidArgumentError" and bad["argument"] == "window"
    kit.demand(world, "d-done", "c1", status="done", title="已完成")
    settled = await mutate(api, "updateDemand", DEMAND, demandId="d-done", title="改")
    assert settled["__typename"] == "IllegalTransitionError" and settled["currentStatus"] == "DONE"
    assert "reopen" in settled["allowedActions"]
    dispatched = await gql(
        api,
        'mutation { dispatchDemand(input: {demandId: "d1", unitId: "u1", resourceId: "r1"}) { __typename } }',
    )
    assert data(dispatched)["dispatchDemand"]["__typename"] == "DemandChangePayload"
    low = await mutate(api, "updateDemand", DEMAND, demandId="d1", quantity=1)
    assert low["__typename"] == "QuantityBelowReservedError" and low["held"] == 2
    assert world.read("MATCH (d:Demand {id: 'd1'}) RETURN d.quantity AS q")[0]["q"] == 2


# ------------------------------------------------------------------------------------ resources
async def test_offer_resource_at_the_owners_location_is_then_matched(api: httpx.AsyncClient) -> None:
    answer = await mutate(
        api,
        "offerResource",
        OFFER,
        ownerId="u2",
        category="错时停车",
        name="医院夜间车位",
        quantity=8,
        availability=["工作日18:00-次日7:30"],
        serviceType="SOCIAL",
        clientMutationId="o-1",
    )
    assert answer["clientMutationId"] == "o-1" and answer["created"] and answer["held"] == 0
    resource = answer["resource"]
    assert resource["categoryCode"] == "parking.offpeak" and resource["status"] == "ACTIVE"
    assert resource["availability"] == ["workday 18:00-07:30"] and resource["serviceType"] == "SOCIAL"
    assert resource["owner"] == {"__typename": "Unit", "id": "u2"}
    lat, lon = kit.north(600)
    assert (
        abs(resource["location"]["latitude"] - lat) < 1e-5
        and abs(resource["location"]["longitude"] - lon) < 1e-5
    )
    matched = data(
        await gql(
            api,
            'query { match(communityId: "c1", need: "parking") '
            "{ ... on MatchList { candidates { resourceId } } } }",
        )
    )["match"]["candidates"]
    assert resource["id"] in [c["resourceId"] for c in matched]


async def test_offer_resource_refusals_are_data(api: httpx.AsyncClient, world: Graph) -> None:
    nodes = count(world, DATA_NODES)
    unknown = await mutate(
        api, "offerResource", OFFER, ownerId="u1", category="飞船停泊", name="x", quantity=1
    )
    assert unknown["__typename"] == "UnknownNeedError" and unknown["text"] == "飞船停泊"
    assert len(unknown["suggestions"]) == 3
    schedule = await mutate(
        api,
        "offerResource",
        OFFER,
        ownerId="u1",
        category="parking",
        name="x",
        quantity=1,
        availability=["mon-xyz 1:00-2:00"],
    )
    assert schedule["__typename"] == "InvalidArgumentError" and schedule["argument"] == "availability"
    nobody = await mutate(
        api, "offerResource", OFFER, ownerId="u-nope", category="parking", name="x", quantity=1
    )
    assert nobody["__typename"] == "NotFoundError" and nobody["kind"] == "owner"
    phone = await mutate(
        api,
        "offerResource",
        OFFER,
        ownerId="u1",
        category="parking",
        name="x",
        quantity=1,
        contactPhone="1x2",
    )
    assert phone["argument"] == "contactPhone" and "1x2" not in phone["message"]
    assert count(world, DATA_NODES) == nodes
    first = await mutate(
        api, "offerResource", OFFER, ownerId="u1", category="parking", name="地下车库", quantity=3
    )
    again = await mutate(
        api, "offerResource", OFFER, ownerId="u1", category="停车位", name="地下车库", quantity=9
    )
    assert again["__typename"] == "DuplicateResourceError" and again["existingId"] == first["resource"]["id"]


async def test_update_resource_and_its_refusals(api: httpx.AsyncClient, world: Graph) -> None:
    changed = await mutate(
        api,
        "updateResource",
        UPDATE,
        resourceId="r1",
        quantity=12,
        conditions="需预约",
        availability=["每天9:00-17:00"],
    )
    assert changed["changed"] == ["quantity", "availability", "conditions"]
    assert changed["resource"]["quantity"] == 12 and changed["resource"]["availability"] == [
        "daily 09:00-17:00"
    ]
    same = await mutate(api, "updateResource", UPDATE, resourceId="r1", quantity=12)
    assert same["changed"] == []
    renamed = await mutate(api, "updateResource", UPDATE, resourceId="r1", name="新名字")
    assert renamed["__typename"] == "InvalidArgumentError" and renamed["argument"] == "name"
    kit.project(world, "p1", "in_progress", deliverer="u1", uses=("r1", 7))
    low = await mutate(api, "updateResource", UPDATE, resourceId="r1", quantity=6)
    assert low["__typename"] == "QuantityBelowReservedError" and low["held"] == 7 and " 7 " in low["message"]
    missing = await mutate(api, "updateResource", UPDATE, resourceId="r-nope", quantity=6)
    assert missing["__typename"] == "NotFoundError"


async def test_pause_resume_retire(api: httpx.AsyncClient, world: Graph) -> None:
    paused = await mutate(api, "pauseResource", STATUS, resourceId="r1", reason="检修", clientMutationId="p")
    assert paused["resource"]["status"] == "PAUSED" and paused["changed"] == ["status"]
    assert paused["clientMutationId"] == "p"
    assert world.read("MATCH (r:Resource {id: 'r1'}) RETURN r.statusReason AS s")[0]["s"] == "检修"
    resumed = await mutate(api, "resumeResource", STATUS, resourceId="r1")
    assert resumed["resource"]["status"] == "ACTIVE"
    retired = await mutate(api, "retireResource", STATUS, resourceId="r1", reason="搬迁")
    assert retired["resource"]["status"] == "RETIRED"
    stuck = await mutate(api, "resumeResource", STATUS, resourceId="r1")
    assert stuck["__typename"] == "ResourceStatusConflictError" and stuck["resourceStatus"] == "RETIRED"
    assert "retired" in stuck["message"]


# ------------------------------------------------------------------------------------ agreements
async def test_sign_and_end_agreements(api: httpx.AsyncClient, world: Graph) -> None:
    signed = await mutate(
        api, "signAgreement", SIGN, unitId="u1", communityId="c1", kind="CO_BUILDING", agreementNo="XC-1"
    )
    assert signed["changed"] and signed["inForce"] and signed["agreementKind"] == "CO_BUILDING"
    assert signed["agreement"] == {"since": TODAY, "until": None, "agreementNo": "XC-1", "inForce": True}
    assert signed["seat"] is None and signed["unit"]["agreements"] == [{"since": TODAY}]
    again = await mutate(api, "signAgreement", SIGN, unitId="u1", communityId="c1", kind="CO_BUILDING")
    assert not again["changed"] and len(again["unit"]["agreements"]) == 1
    conflict = await mutate(
        api, "signAgreement", SIGN, unitId="u1", communityId="c1", kind="CO_BUILDING", agreementNo="XC-2"
    )
    assert conflict["__typename"] == "AgreementConflictError" and conflict["agreementNo"] == "XC-1"
    ended = await mutate(
        api, "endAgreement", END, unitId="u1", communityId="c1", kind="CO_BUILDING", until="2026-06-30"
    )
    assert ended["changed"] and ended["agreement"]["until"] == "2026-06-30"
    no_committee = await mutate(
        api, "signAgreement", SIGN, unitId="u1", communityId="c1", kind="COMMITTEE_SEAT", role="兼职委员"
    )
    assert no_committee["__typename"] == "NotFoundError" and no_committee["kind"] == "committee"
    world.write(
        "MATCH (a:Area {id: 'c1'}) "
        "CREATE (:Org {id: 'o-c1', name: '星城社区大党委', kind: 'community_committee'})-[:COVERS]->(a)"
    )
    seat = await mutate(
        api, "signAgreement", SIGN, unitId="u1", communityId="c1", kind="COMMITTEE_SEAT", role="兼职委员"
    )
    assert seat["seat"] == {"role": "兼职委员", "since": TODAY, "org": {"id": "o-c1"}}
    assert seat["agreement"] is None and seat["unit"]["seats"] == [{"role": "兼职委员"}]
    unseated = await mutate(api, "endAgreement", END, unitId="u1", communityId="c1", kind="COMMITTEE_SEAT")
    assert unseated["changed"] and unseated["seat"]["role"] == "兼职委员" and unseated["unit"]["seats"] == []
    street = await mutate(api, "signAgreement", SIGN, unitId="u1", communityId="s1", kind="CO_BUILDING")
    assert street["__typename"] == "InvalidArgumentError" and street["argument"] == "communityId"


async def test_report_to_community_once(api: httpx.AsyncClient, world: Graph) -> None:
    first = await mutate(
        api, "reportToCommunity", REPORT, unitId="u1", communityId="c1", clientMutationId="r"
    )
    assert first["changed"] and first["date"] == TODAY and first["clientMutationId"] == "r"
    assert first["unit"] == {"id": "u1", "reportedTo": [{"date": TODAY}]} and first["member"] is None
    again = await mutate(api, "reportToCommunity", REPORT, unitId="u1", communityId="c1", date="2026-04-01")
    assert not again["changed"] and again["date"] == TODAY and len(again["unit"]["reportedTo"]) == 1
    member = await mutate(
        api, "reportToCommunity", REPORT, memberId="m1", communityId="c1", date="2026-02-01"
    )
    assert member["member"] == {"id": "m1"} and member["unit"] is None and member["date"] == "2026-02-01"
    both = await mutate(api, "reportToCommunity", REPORT, unitId="u1", memberId="m1", communityId="c1")
    assert both["__typename"] == "InvalidArgumentError" and both["argument"] == "unitId/memberId"
    assert count(world, "MATCH ()-[r:REPORTED_TO]->(:Area {id: 'c1'}) RETURN count(r) AS n") == 2


# ------------------------------------------------------------------------------------ verbatim
async def test_cypher_looking_text_comes_back_verbatim(api: httpx.AsyncClient, world: Graph) -> None:
    nodes = count(world, DATA_NODES)
    offered = await mutate(
        api,
        "offerResource",
        OFFER,
        ownerId="u1",
        category="parking",
        name=INJECTION,
        quantity=2,
        conditions=INJECTION,
    )
    assert offered["resource"]["name"] == INJECTION and offered["resource"]["conditions"] == INJECTION
    updated = await mutate(api, "updateDemand", DEMAND, demandId="d1", title=INJECTION)
    assert updated["demand"]["title"] == INJECTION
    signed = await mutate(
        api,
        "signAgreement",
        SIGN,
        unitId="u1",
        communityId="c1",
        kind="CO_BUILDING",
        agreementNo=INJECTION,
    )
    assert signed["agreement"]["agreementNo"] == INJECTION
    assert count(world, DATA_NODES) == nodes + 2  # the resource, the update event
