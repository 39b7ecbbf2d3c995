"""List maintenance on the real graph: updating demands, offering and changing resources, agreements and
双报到 — each happy path with the graph state, each refusal, idempotent repeats."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gongjian.graph.facade import Graph
from gongjian.graph.identity import resource_id
from gongjian.graph.lists import (
    AgreementConflict,
    AgreementKind,
    DemandUpdate,
    DuplicateResource,
    Missing,
    Offer,
    QuantityBelowReserved,
    Report,
    ResourceStatusConflict,
    ResourceUpdate,
    Signing,
    end_agreement,
    offer_resource,
    pause_resource,
    report_to_community,
    resume_resource,
    retire_resource,
    sign_agreement,
    update_demand,
    update_resource,
)
from gongjian.graph.loop.actions import Action
from gongjian.graph.loop.clock import CST
from gongjian.graph.loop.engine import Loop, Outcome, Step
from gongjian.graph.loop.errors import IllegalTransition, InvalidValue, NotFound, ResourceUnavailable
from gongjian.graph.matching.engine import Matcher
from gongjian.graph.taxonomy import UnknownCategory
from gongjian.settings import Settings

from . import matchkit as kit

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=CST)
TODAY = "2026-03-02"
INJECTION = "') MATCH (n) DETACH DELETE n //"


def clock() -> datetime:
    return NOW


@pytest.fixture
def world(schema_graph: Graph) -> Graph:
    g = schema_graph
    kit.base(g)
    kit.unit(g, "u1", "星城停车公司", metres=300)
    kit.resource(g, "u1", "r1", quantity=10)
    kit.member(g, "m1", "张三", "13800000001", skills=["volunteer"], lives_in="g1")
    kit.member(g, "m-nowhere", "李四", "13800000002", skills=["volunteer"])
    kit.demand(g, "d1", "c1", quantity=2)
    return g


@pytest.fixture
def loop(world: Graph, settings: Settings) -> Loop:
    return Loop(world, settings, clock=clock)


def one(graph: Graph, query: str, **params: object) -> dict:
    rows = graph.read(query, **params)
    assert len(rows) == 1, rows
    return rows[0]


def count(graph: Graph, query: str, **params: object) -> int:
    return one(graph, query, **params)["n"]


def node_count(graph: Graph) -> int:
    return count(graph, "MATCH (n) RETURN count(n) AS n")


def resource(graph: Graph, id_: str) -> dict:
    return one(graph, "MATCH (r:Resource {id: $id}) RETURN properties(r) AS r", id=id_)["r"]


def demand(graph: Graph, id_: str) -> dict:
    return one(graph, "MATCH (d:Demand {id: $id}) RETURN properties(d) AS d", id=id_)["d"]


def events(graph: Graph, demand_id: str) -> list[dict]:
    rows = graph.read(
        "MATCH (:Demand {id: $id})-[:HAS_EVENT]->(e:Event) RETURN properties(e) AS e ORDER BY e.at",
        id=demand_id,
    )
    return [r["e"] for r in rows]


def near(a: dict, b: dict) -> bool:
    return abs(a["latitude"] - b["latitude"]) < 1e-5 and abs(a["longitude"] - b["longitude"]) < 1e-5


# ------------------------------------------------------------------------------------ offerResource
def test_offer_creates_an_active_resource_at_its_owners_location(world: Graph) -> None:
    change = offer_resource(
        world,
        Offer(
            "u1",
            "错时停车",
            "  教职工 停车场 ",
            30,
            unit_of_measure="个",
            availability=["工作日18:00-次日7:30", "sat,sun 00:00-24:00"],
            service_type="social",
            conditions="需提前一天预约",
            contact_name="王老师",
            contact_phone="138-0000-0009",
        ),
    )
    expected_id = resource_id("u1", "parking.offpeak", "教职工停车场")
    assert change.created and change.resource["id"] == expected_id
    stored = resource(world, expected_id)
    assert stored["name"] == "教职工停车场" and stored["category"] == "parking.offpeak"
    assert stored["status"] == "active" and stored["quantity"] == 30 and stored["unitOfMeasure"] == "个"
    assert stored["availability"] == ["workday 18:00-07:30", "sat,sun 00:00-24:00"]
    assert stored["contactPhone"] == "13800000009" and stored["serviceType"] == "social"
    unit_location = one(world, "MATCH (u:Unit {id: 'u1'}) RETURN u.location AS l")["l"]
    assert near(stored["location"], unit_location)
    links = one(
        world,
        "MATCH (o)-[:OFFERS]->(r:Resource {id: $id})-[:IN_CATEGORY]->(c:Category) "
        "RETURN o.id AS owner, c.code AS code, count(*) AS n",
        id=expected_id,
    )
    assert links == {"owner": "u1", "code": "parking.offpeak", "n": 1}


def test_an_offered_resource_is_found_by_the_matching_engine(world: Graph) -> None:
    matcher = Matcher(world, Settings(_env_file=None), today=date(2026, 3, 2))  # type: ignore[call-arg]
    kit.unit(world, "u2", "星城医院", metres=600)
    before = [c.resource_id for c in matcher.match("c1", "parking").candidates]
    change = offer_resource(world, Offer("u2", "parking.offpeak", "夜间车位", 5))
    after = [c.resource_id for c in matcher.match("c1", "parking").candidates]
    assert change.resource["id"] not in before and change.resource["id"] in after
    found = next(
        c for c in matcher.match("c1", "parking").candidates if c.resource_id == change.resource["id"]
    )
    assert found.unit_id == "u2" and found.remaining == 5 and 550 < found.distance_m < 650


def test_a_member_offers_at_the_nearest_located_area_of_their_home(world: Graph) -> None:
    change = offer_resource(world, Offer("m1", "volunteer", "周末义务理发", 4))
    community = one(world, "MATCH (a:Area {id: 'c1'}) RETURN a.location AS l")["l"]
    assert near(change.resource["location"], community)  # g1 has none; it lies WITHIN c1
    assert count(world, "MATCH (:Member {id: 'm1'})-[:OFFERS]->(r:Resource) RETURN count(r) AS n") == 1


def test_an_area_offers_at_its_own_location_and_given_coordinates_win(world: Graph) -> None:
    hall = offer_resource(world, Offer("c1", "活动室", "党群服务中心活动室", 1))
    assert near(hall.resource["location"], {"latitude": kit.LAT, "longitude": kit.LON})
    lat, lon = kit.north(900)
    own = offer_resource(world, Offer("u1", "parking", "地面车位", 3, latitude=lat, longitude=lon))
    assert near(own.resource["location"], {"latitude": lat, "longitude": lon})


def test_offer_refusals_name_the_argument_and_write_nothing(world: Graph) -> None:
    before = node_count(world)
    with pytest.raises(NotFound) as missing:
        offer_resource(world, Offer("unit-nope", "parking", "车位", 1))
    assert missing.value.kind == "owner" and "unit-nope" in str(missing.value)
    with pytest.raises(InvalidValue) as bad_category:
        offer_resource(world, Offer("u1", "飞船停泊", "车位", 1))
    assert bad_category.value.argument == "category"
    assert isinstance(bad_category.value.__cause__, UnknownCategory)
    assert len(bad_category.value.__cause__.suggestions) == 3
    with pytest.raises(InvalidValue) as bad_schedule:
        offer_resource(world, Offer("u1", "parking", "车位", 1, availability=["mon-xyz 8:00-9:00"]))
    assert bad_schedule.value.argument == "availability" and "mon-fri 18:00-08:00" in str(bad_schedule.value)
    with pytest.raises(InvalidValue) as no_place:
        offer_resource(world, Offer("m-nowhere", "volunteer", "陪诊", 1))
    assert no_place.value.argument == "latitude/longitude"
    with pytest.raises(InvalidValue) as half:
        offer_resource(world, Offer("u1", "parking", "车位", 1, latitude=30.0))
    assert half.value.argument == "longitude"
    with pytest.raises(InvalidValue) as zero:
        offer_resource(world, Offer("u1", "parking", "车位", 0))
    assert zero.value.argument == "quantity"
    with pytest.raises(InvalidValue) as phone:
        offer_resource(world, Offer("u1", "parking", "车位", 1, contact_phone="13x"))
    assert phone.value.argument == "contactPhone" and "13x" not in str(phone.value)
    assert node_count(world) == before


def test_offering_the_same_resource_again_is_refused_with_its_id(world: Graph) -> None:
    first = offer_resource(world, Offer("u1", "parking", "地下车库", 20))
    with pytest.raises(DuplicateResource) as again:
        offer_resource(world, Offer("u1", "停车位", "地下 车库", 5))  # same category and name, other forms
    assert again.value.existing_id == first.resource["id"] and "updateResource" in str(again.value)
    assert resource(world, first.resource["id"])["quantity"] == 20


# ------------------------------------------------------------------------------------ updateResource
def test_update_resource_changes_only_what_differs(world: Graph) -> None:
    lat, lon = kit.north(450)
    change = update_resource(
        world,
        ResourceUpdate(
            "r1",
            quantity=12,
            availability=["每天9:00-17:00"],
            conditions="凭社区证明",
            service_type="public",
            latitude=lat,
            longitude=lon,
            note="",
        ),
    )
    assert change.changed == ("quantity", "availability", "conditions", "serviceType", "location")
    stored = resource(world, "r1")
    assert stored["quantity"] == 12 and stored["availability"] == ["daily 09:00-17:00"]
    assert stored["conditions"] == "凭社区证明" and stored["serviceType"] == "public"
    assert near(stored["location"], {"latitude": lat, "longitude": lon})
    again = update_resource(world, ResourceUpdate("r1", quantity=12, availability=["daily 09:00-17:00"]))
    assert again.changed == ()
    cleared = update_resource(world, ResourceUpdate("r1", conditions="  "))
    assert cleared.changed == ("conditions",) and "conditions" not in resource(world, "r1")


def test_update_resource_refuses_a_new_name_and_unknown_ids(world: Graph) -> None:
    with pytest.raises(InvalidValue) as renamed:
        update_resource(world, ResourceUpdate("r1", name="新名字"))
    assert renamed.value.argument == "name" and "offerResource" in str(renamed.value)
    with pytest.raises(NotFound):
        update_resource(world, ResourceUpdate("r-nope", quantity=3))
    with pytest.raises(InvalidValue) as bad:
        update_resource(world, ResourceUpdate("r1", availability=["周八全天"]))
    assert bad.value.argument == "availability"


def test_quantity_cannot_drop_below_what_live_projects_hold(world: Graph) -> None:
    kit.project(world, "p-live", "accepted", deliverer="u1", uses=("r1", 4))
    kit.project(world, "p-proposed", "proposed", deliverer="u1", uses=("r1", 2))
    kit.project(world, "p-done", "done", deliverer="u1", uses=("r1", 3))
    with pytest.raises(QuantityBelowReserved) as low:
        update_resource(world, ResourceUpdate("r1", quantity=5))
    assert low.value.held == 6 and " 6 " in str(low.value) and low.value.argument == "quantity"
    assert resource(world, "r1")["quantity"] == 10
    assert update_resource(world, ResourceUpdate("r1", quantity=6)).held == 6
    assert resource(world, "r1")["quantity"] == 6


# ------------------------------------------------------------------------------------ status
def test_pause_resume_retire_keep_reservations_and_stop_new_dispatches(world: Graph, loop: Loop) -> None:
    kit.project(world, "p-live", "accepted", deliverer="u1", uses=("r1", 4))
    paused = pause_resource(world, "r1", "设备检修", clock=clock)
    assert paused.changed == ("status",) and paused.held == 4
    stored = resource(world, "r1")
    assert stored["status"] == "paused" and stored["statusReason"] == "设备检修"
    assert stored["statusChangedAt"] == "2026-03-02T09:00:00+08:00"
    assert count(world, "MATCH (:Project)-[u:USES]->(:Resource {id: 'r1'}) RETURN count(u) AS n") == 1
    with pytest.raises(ResourceUnavailable):
        loop.perform(Step(Action.DISPATCH, "d1", actor="星城社区", unit_id="u1", resource_id="r1"))
    assert pause_resource(world, "r1", clock=clock).changed == ()  # pausing again: nothing to do
    resumed = resume_resource(world, "r1", clock=clock)
    assert resumed.resource["status"] == "active" and "statusReason" not in resumed.resource
    retired = retire_resource(world, "r1", "单位搬迁", clock=clock)
    assert retired.resource["status"] == "retired"
    assert retire_resource(world, "r1", clock=clock).changed == ()
    with pytest.raises(ResourceStatusConflict) as stuck:
        resume_resource(world, "r1", clock=clock)
    assert "retired" in str(stuck.value) and "offerResource" in str(stuck.value)
    with pytest.raises(ResourceStatusConflict):
        pause_resource(world, "r1", clock=clock)
    assert resource(world, "r1")["status"] == "retired"
    with pytest.raises(NotFound):
        retire_resource(world, "r-nope", clock=clock)


# ------------------------------------------------------------------------------------ updateDemand
def test_update_demand_writes_the_change_and_its_event_in_one_step(loop: Loop, world: Graph) -> None:
    heard: list[Outcome] = []
    loop.listeners.append(heard.append)
    change = update_demand(
        loop,
        DemandUpdate(
            "d1",
            actor="星城社区",
            title="夜间停车难（东区）",
            quantity=6,
            window=["工作日18:00-次日8:00"],
            urgency="high",
            deadline="2026-03-31",
            contact_name="赵六",
            contact_phone="13912345678",
        ),
    )
    fields = ("title", "quantity", "window", "urgency", "deadline", "contactName", "contactPhone")
    assert change.changed == fields and change.event is not None
    stored = demand(world, "d1")
    assert stored["title"] == "夜间停车难(东区)" and stored["quantity"] == 6
    assert stored["window"] == ["workday 18:00-08:00"] and stored["urgency"] == "high"
    assert stored["deadline"] == "2026-03-31T23:59:00+08:00" and stored["contactPhone"] == "13912345678"
    assert stored["status"] == "open" and stored["id"] == "d1"
    [event] = events(world, "d1")
    assert event["action"] == "update" and event["fromStatus"] == event["toStatus"] == "open"
    assert event["note"] == "更新 / updated: " + ", ".join(fields)
    assert "赵六" not in event["note"] and "13912345678" not in event["note"]
    assert event["at"] == "2026-03-02T09:00:00+08:00" and event["actor"] == "星城社区"
    assert [(o.action, o.demand_id, o.area_id) for o in heard] == [(Action.UPDATE, "d1", "c1")]


def test_an_update_that_changes_nothing_writes_no_event(loop: Loop, world: Graph) -> None:
    change = update_demand(loop, DemandUpdate("d1", actor="星城社区", quantity=2, title="居民夜间停车难"))
    assert change.changed == () and change.event is None and events(world, "d1") == []


def test_a_retried_update_runs_once(loop: Loop, world: Graph) -> None:
    first = update_demand(loop, DemandUpdate("d1", actor="a", note="第一次", request_id="me:1"))
    again = update_demand(loop, DemandUpdate("d1", actor="a", note="第二次", request_id="me:1"))
    assert not first.replayed and again.replayed and again.event == first.event
    assert demand(world, "d1")["note"] == "第一次" and len(events(world, "d1")) == 1


@pytest.mark.parametrize("settled", ["done", "closed", "cancelled"])
def test_a_settled_demand_cannot_be_updated(loop: Loop, world: Graph, settled: str) -> None:
    kit.demand(world, "d-set", "c1", status=settled, title="已处理")
    with pytest.raises(IllegalTransition) as refused:
        update_demand(loop, DemandUpdate("d-set", actor="星城社区", quantity=9))
    assert refused.value.action == Action.UPDATE and "reopen" in str(refused.value)
    assert demand(world, "d-set")["quantity"] == 5 and events(world, "d-set") == []


def test_demand_quantity_cannot_drop_below_what_its_project_reserves(loop: Loop, world: Graph) -> None:
    loop.perform(Step(Action.DISPATCH, "d1", actor="星城社区", unit_id="u1", resource_id="r1", quantity=2))
    with pytest.raises(QuantityBelowReserved) as low:
        update_demand(loop, DemandUpdate("d1", actor="星城社区", quantity=1))
    assert low.value.held == 2 and "d1" in str(low.value)
    assert update_demand(loop, DemandUpdate("d1", actor="星城社区", quantity=3)).changed == ("quantity",)
    assert demand(world, "d1")["status"] == "dispatched"  # an update never moves the loop


def test_update_demand_refusals(loop: Loop, world: Graph) -> None:
    with pytest.raises(NotFound):
        update_demand(loop, DemandUpdate("d-nope", actor="a", quantity=1))
    for request, argument in (
        (DemandUpdate("d1", actor="a", title="  "), "title"),
        (DemandUpdate("d1", actor="a", quantity=0), "quantity"),
        (DemandUpdate("d1", actor="a", window=["someday"]), "window"),
        (DemandUpdate("d1", actor="a", urgency="asap"), "urgency"),
        (DemandUpdate("d1", actor="a", deadline="2025-01-01"), "deadline"),
        (DemandUpdate("d1", actor="a", deadline="soon"), "deadline"),
    ):
        with pytest.raises(InvalidValue) as refused:
            update_demand(loop, request)
        assert refused.value.argument == argument
    assert events(world, "d1") == []


# ------------------------------------------------------------------------------------ agreements
def agreements(graph: Graph) -> list[dict]:
    rows = graph.read("MATCH (:Unit {id: 'u1'})-[r:CO_BUILDS]->(:Area {id: 'c1'}) RETURN properties(r) AS r")
    return [r["r"] for r in rows]


def test_sign_and_end_a_co_construction_agreement(world: Graph) -> None:
    signed = sign_agreement(
        world, Signing("u1", "c1", AgreementKind.CO_BUILDING, until="2027-12-31", agreement_no="XC-1"), clock
    )
    assert signed.changed and signed.in_force and signed.target_id == "c1"
    assert agreements(world) == [{"since": TODAY, "until": "2027-12-31", "agreementNo": "XC-1"}]
    for repeat in (
        Signing("u1", "c1", "CO_BUILDING"),
        Signing("u1", "c1", "CO_BUILDING", since=TODAY, until="2027-12-31", agreement_no="XC-1"),
    ):
        assert not sign_agreement(world, repeat, clock).changed
    assert len(agreements(world)) == 1
    with pytest.raises(AgreementConflict) as conflict:
        sign_agreement(world, Signing("u1", "c1", "CO_BUILDING", agreement_no="XC-2"), clock)
    assert "XC-1" in str(conflict.value) and "endAgreement" in str(conflict.value)
    ended = end_agreement(world, "u1", "c1", "CO_BUILDING", "2026-06-30", clock)
    assert ended.changed and agreements(world)[0]["until"] == "2026-06-30"
    assert not end_agreement(world, "u1", "c1", "CO_BUILDING", "2026-07-31", clock).changed
    with pytest.raises(InvalidValue) as early:
        end_agreement(world, "u1", "c1", "CO_BUILDING", "2026-01-01", clock)
    assert early.value.argument == "until"


def test_a_signed_agreement_ties_the_unit_to_the_community_in_matching(world: Graph) -> None:
    sign_agreement(world, Signing("u1", "c1", "CO_BUILDING", since="2026-01-01"), clock)
    matcher = Matcher(world, Settings(_env_file=None), today=date(2026, 3, 2))  # type: ignore[call-arg]
    [candidate] = [c for c in matcher.match("c1", "parking").candidates if c.resource_id == "r1"]
    assert candidate.tie.value == "co_builds"


def test_an_ended_agreement_is_replaced_by_a_new_signing(world: Graph) -> None:
    kit.co_builds(world, "u1", "c1", since="2023-01-01", until="2025-12-31")
    signed = sign_agreement(world, Signing("u1", "c1", "CO_BUILDING", agreement_no="XC-9"), clock)
    assert signed.changed and agreements(world) == [{"since": TODAY, "agreementNo": "XC-9"}]


def test_committee_seats_need_the_communitys_committee(world: Graph) -> None:
    with pytest.raises(Missing) as none:
        sign_agreement(world, Signing("u1", "c1", "COMMITTEE_SEAT", role="兼职委员"), clock)
    assert none.value.kind == "committee" and "社区党委" in str(none.value)
    world.write(
        "MATCH (a:Area {id: 'c1'}) "
        "CREATE (:Org {id: 'o-c1', name: '星城社区大党委', kind: 'community_committee'})-[:COVERS]->(a)"
    )
    seat = sign_agreement(world, Signing("u1", "c1", "COMMITTEE_SEAT", role="兼职委员"), clock)
    assert seat.changed and seat.target_id == "o-c1"
    stored = one(
        world, "MATCH (:Unit {id: 'u1'})-[s:SEATED_ON]->(:Org {id: 'o-c1'}) RETURN properties(s) AS s"
    )
    assert stored["s"] == {"role": "兼职委员", "since": TODAY}
    assert not sign_agreement(world, Signing("u1", "c1", "COMMITTEE_SEAT"), clock).changed
    with pytest.raises(AgreementConflict):
        sign_agreement(world, Signing("u1", "c1", "COMMITTEE_SEAT", role="副书记"), clock)
    assert count(world, "MATCH (:Unit {id: 'u1'})-[s:SEATED_ON]->() RETURN count(s) AS n") == 1
    ended = end_agreement(world, "u1", "c1", "COMMITTEE_SEAT", clock=clock)
    assert ended.changed and ended.target_id == "o-c1"
    assert count(world, "MATCH (:Unit {id: 'u1'})-[s:SEATED_ON]->() RETURN count(s) AS n") == 0
    with pytest.raises(Missing) as gone:
        end_agreement(world, "u1", "c1", "COMMITTEE_SEAT", clock=clock)
    assert gone.value.kind == "seat"


def test_agreement_refusals(world: Graph) -> None:
    with pytest.raises(NotFound):
        sign_agreement(world, Signing("u-nope", "c1", "CO_BUILDING"), clock)
    with pytest.raises(NotFound):
        sign_agreement(world, Signing("u1", "c-nope", "CO_BUILDING"), clock)
    cases = (
        (Signing("u1", "s1", "CO_BUILDING"), "communityId"),
        (Signing("u1", "c1", "PARTNERSHIP"), "kind"),
        (Signing("u1", "c1", "CO_BUILDING", role="兼职委员"), "role"),
        (Signing("u1", "c1", "COMMITTEE_SEAT", agreement_no="X"), "agreementNo"),
        (Signing("u1", "c1", "CO_BUILDING", since="2026-05-01", until="2026-04-01"), "until"),
        (Signing("u1", "c1", "CO_BUILDING", since="明年"), "since"),
    )
    for signing, argument in cases:
        with pytest.raises(InvalidValue) as refused:
            sign_agreement(world, signing, clock)
        assert refused.value.argument == argument
    with pytest.raises(Missing) as none:
        end_agreement(world, "u1", "c1", "CO_BUILDING", clock=clock)
    assert none.value.kind == "agreement"
    assert agreements(world) == []


# ------------------------------------------------------------------------------------ 双报到
def test_units_and_members_report_once(world: Graph) -> None:
    unit = report_to_community(world, Report("c1", unit_id="u1"), clock)
    assert unit.changed and unit.date == TODAY
    member = report_to_community(world, Report("c1", member_id="m1", date="2026-02-01"), clock)
    assert member.changed and member.date == "2026-02-01"
    again = report_to_community(world, Report("c1", member_id="m1", date="2026-03-01"), clock)
    assert not again.changed and again.date == "2026-02-01"
    assert not report_to_community(world, Report("c1", unit_id="u1"), clock).changed
    reports = one(world, "MATCH (x)-[r:REPORTED_TO]->(:Area {id: 'c1'}) RETURN count(r) AS n")
    assert reports["n"] == 2


def test_report_refusals(world: Graph) -> None:
    for report, argument in (
        (Report("c1"), "unitId/memberId"),
        (Report("c1", unit_id="u1", member_id="m1"), "unitId/memberId"),
        (Report("c1", unit_id="u1", date="03/01"), "date"),
        (Report("g1", unit_id="u1"), "communityId"),
    ):
        with pytest.raises(InvalidValue) as refused:
            report_to_community(world, report, clock)
        assert refused.value.argument == argument
    with pytest.raises(NotFound) as nobody:
        report_to_community(world, Report("c1", member_id="u1"), clock)  # a unit's id is no member's
    assert nobody.value.kind == "member"
    with pytest.raises(NotFound):
        report_to_community(world, Report("c-nope", unit_id="u1"), clock)


# ------------------------------------------------------------------------------------ verbatim
def test_cypher_looking_text_is_stored_and_returned_verbatim(loop: Loop, world: Graph) -> None:
    before = node_count(world)
    offered = offer_resource(
        world, Offer("u1", "parking", INJECTION, 2, conditions=INJECTION, note=INJECTION)
    )
    assert offered.resource["name"] == INJECTION and offered.resource["conditions"] == INJECTION
    update_resource(world, ResourceUpdate(offered.resource["id"], address=INJECTION))
    update_demand(loop, DemandUpdate("d1", actor=INJECTION, title=INJECTION, note=INJECTION))
    sign_agreement(world, Signing("u1", "c1", "CO_BUILDING", agreement_no=INJECTION), clock)
    stored = resource(world, offered.resource["id"])
    assert stored["note"] == stored["address"] == INJECTION
    assert demand(world, "d1")["title"] == INJECTION and events(world, "d1")[0]["actor"] == INJECTION
    assert agreements(world)[0]["agreementNo"] == INJECTION
    assert node_count(world) == before + 2  # the resource and the update event
