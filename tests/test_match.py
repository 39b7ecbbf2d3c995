"""The matching engine on small constructed graphs: every hard rule holds, every ranking factor moves a
candidate the right way when all else is equal (docs/matching.md)."""

from __future__ import annotations

from datetime import date

import pytest

from gongjian.graph.facade import Graph
from gongjian.graph.matching import (
    AmbiguousName,
    InvalidArgument,
    Matcher,
    NotFound,
    Tie,
    UnknownCategory,
)
from gongjian.graph.matching.score import bayes_rating
from gongjian.settings import Settings

from . import matchkit as k

TODAY = date(2025, 6, 1)


@pytest.fixture
def g(graph: Graph) -> Graph:
    k.base(graph)
    return graph


def matcher(graph: Graph) -> Matcher:
    return Matcher(graph, Settings(_env_file=None), today=TODAY)  # type: ignore[call-arg]


def ids(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.resource_id for c in answer.candidates]


def twins(graph: Graph, **resource: object) -> None:
    """Two units at the same place with the same resource: only what a test changes differs."""
    for n in ("a", "b"):
        k.unit(graph, f"u{n}", f"单位{n.upper()}", metres=300, located_in=None)
        k.resource(graph, f"u{n}", f"r{n}", **resource)  # type: ignore[arg-type]


def order(graph: Graph, **kwargs: object) -> list[str]:
    return ids(matcher(graph).match("c1", "parking", **kwargs))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------- hard rules
def test_only_active_resources_are_candidates(g: Graph) -> None:
    k.unit(g, "u1", "单位一")
    k.resource(g, "u1", "r-active")
    k.resource(g, "u1", "r-paused", status="paused")
    k.resource(g, "u1", "r-retired", status="retired")
    assert order(g) == ["r-active"]


def test_category_is_the_need_or_narrower(g: Graph) -> None:
    k.unit(g, "u1", "单位一")
    k.resource(g, "u1", "r-parking", category="parking")
    k.resource(g, "u1", "r-offpeak", category="parking.offpeak")
    k.resource(g, "u1", "r-hall", category="venue.hall")
    assert sorted(order(g)) == ["r-offpeak", "r-parking"]
    narrow = matcher(g).match("c1", "parking.offpeak")
    assert ids(narrow) == ["r-offpeak"]  # a broader category does not answer a narrower need


def test_remaining_capacity_counts_proposed_accepted_and_in_progress_projects_only(g: Graph) -> None:
    k.unit(g, "u1", "单位一")
    k.resource(g, "u1", "r-full", quantity=5)
    k.project(g, "p1", "accepted", uses=("r-full", 3))
    k.project(g, "p2", "in_progress", uses=("r-full", 2))
    k.resource(g, "u1", "r-free", quantity=5)
    k.project(g, "p3", "done", uses=("r-free", 5))
    k.project(g, "p4", "rejected", uses=("r-free", 5))
    k.project(g, "p4b", "cancelled", uses=("r-free", 5))
    k.resource(g, "u1", "r-part", quantity=5)
    k.project(g, "p5", "accepted", uses=("r-part", 3))
    k.project(g, "p6", "proposed", uses=("r-part", 1))  # a dispatch books the space before acceptance
    answer = matcher(g).match("c1", "parking")
    remaining = {c.resource_id: c.remaining for c in answer.candidates}
    assert remaining == {"r-free": 5, "r-part": 1}


def test_radius_per_category_and_override(g: Graph) -> None:
    k.unit(g, "near", "近单位", metres=900)
    k.unit(g, "far", "远单位", metres=1500)
    k.resource(g, "near", "r-near")
    k.resource(g, "far", "r-far")
    k.resource(g, "far", "r-hall", category="venue.hall")  # venues reach 2 km
    assert order(g) == ["r-near"]
    assert sorted(order(g, radius_m=2000)) == ["r-far", "r-near"]
    assert ids(matcher(g).match("c1", "venue")) == ["r-hall"]


def test_the_radius_holds_to_the_metre_for_untied_candidates(schema_graph: Graph) -> None:
    """Untied candidates are found through the spatial key's index and the exact distance: FalkorDB's
    point index, used before, let through resources up to 4 m beyond a 5 km radius."""
    g = schema_graph  # with the indexes
    k.base(g)
    k.unit(g, "u1", "志愿服务队", metres=300, located_in=None)  # no tie: found by location alone
    for bearing in range(0, 360, 30):
        k.resource(g, "u1", f"r-in-{bearing}", category="volunteer.fixit", metres=4998, bearing=bearing)
        k.resource(g, "u1", f"r-out-{bearing}", category="volunteer.fixit", metres=5002, bearing=bearing)
    answer = matcher(g).match("c1", "volunteer", limit=100)
    assert answer.radius_m == 5000
    assert sorted(ids(answer)) == sorted(f"r-in-{bearing}" for bearing in range(0, 360, 30))
    assert answer.candidates[0].tie is Tie.NONE


def test_resource_location_wins_over_the_units(g: Graph) -> None:
    k.unit(g, "u1", "单位一", metres=5000)
    k.resource(g, "u1", "r-here", metres=200)  # its own location is near
    k.resource(g, "u1", "r-there")  # falls back to the unit, 5 km away
    answer = matcher(g).match("c1", "parking")
    assert ids(answer) == ["r-here"]
    assert answer.candidates[0].distance_m == pytest.approx(200, abs=2)


def test_area_owned_resource_without_location_uses_the_area(g: Graph) -> None:
    k.resource(g, "c1", "r-own", owner_label="Area")
    answer = matcher(g).match("c1", "parking")
    assert ids(answer) == ["r-own"]
    assert answer.candidates[0].tie is Tie.OWN


def test_community_without_candidates_gets_an_empty_list(g: Graph) -> None:
    k.unit(g, "u1", "单位一")
    k.resource(g, "u1", "r1")
    assert ids(matcher(g).match("c3", "parking")) == []
    assert ids(matcher(g).match("c1", "medical")) == []


def test_unknown_need_lists_the_closest_categories(g: Graph) -> None:
    with pytest.raises(UnknownCategory) as caught:
        matcher(g).match("c1", "宇宙飞船")
    assert caught.value.suggestions
    assert "closest" in str(caught.value)


def test_free_text_needs_resolve_through_the_taxonomy(g: Graph) -> None:
    k.unit(g, "u1", "单位一")
    k.resource(g, "u1", "r1")
    assert matcher(g).match("c1", "停车位").need.code == "parking"
    assert matcher(g).match("c1", "错时停车").need.code == "parking.offpeak"
    assert ids(matcher(g).match("c1", "错时停车")) == ["r1"]


def test_community_by_id_name_or_path(g: Graph) -> None:
    m = matcher(g)
    assert m.resolve_community("c1").id == "c1"
    assert m.resolve_community("远方社区").id == "c3"
    assert m.resolve_community("南宁街道/星城社区").id == "c1"
    with pytest.raises(AmbiguousName) as caught:
        m.resolve_community("星城社区")
    assert "南宁街道" in str(caught.value) and "寥廓街道" in str(caught.value)
    with pytest.raises(NotFound):
        m.resolve_community("不存在社区")


def test_bad_arguments_are_refused_with_a_clear_message(g: Graph) -> None:
    m = matcher(g)
    with pytest.raises(InvalidArgument, match="quantity"):
        m.match("c1", "parking", quantity=0)
    with pytest.raises(InvalidArgument, match="limit"):
        m.match("c1", "parking", limit=1000)
    with pytest.raises(InvalidArgument, match="window"):
        m.match("c1", "parking", window="whenever you like")


# ------------------------------------------------------------------------------- ranking factors
def test_tie_order_co_builds_over_committee_over_street_over_none(g: Graph) -> None:
    for n in ("a", "b", "c", "d", "e"):
        k.unit(g, f"u{n}", f"单位{n}", metres=300, located_in=None)
        k.resource(g, f"u{n}", f"r{n}")
    k.co_builds(g, "ua", "c1", "2021-05-01")
    k.committee_seat(g, "ub", "c1")
    g.write("MATCH (u:Unit {id: 'uc'}), (a:Area {id: 'g1'}) CREATE (u)-[:LOCATED_IN]->(a)")
    k.co_builds(g, "ue", "c1", "2019-01-01", until="2020-12-31")  # expired: no tie
    answer = matcher(g).match("c1", "parking")
    assert ids(answer)[:3] == ["ra", "rb", "rc"]
    ties = {c.resource_id: c.tie for c in answer.candidates}
    assert ties == {
        "ra": Tie.CO_BUILDS,
        "rb": Tie.COMMITTEE,
        "rc": Tie.SAME_STREET,
        "rd": Tie.NONE,
        "re": Tie.NONE,
    }
    first = answer.candidates[0]
    assert first.reasons[0] == "共建单位（协议2021年起）"
    assert [(s.relationship, s.direction) for s in first.path] == [
        ("CO_BUILDS", "in"),
        ("OFFERS", "out"),
        ("IN_CATEGORY", "out"),
    ]
    seat = answer.candidates[1]
    assert [s.relationship for s in seat.path] == ["COVERS", "SEATED_ON", "OFFERS", "IN_CATEGORY"]
    assert seat.reasons[0].startswith("社区大党委成员单位")
    street = answer.candidates[2]
    assert street.reasons[0] == "同属南宁街道"
    assert [s.relationship for s in street.path][:2] == ["WITHIN", "WITHIN"]


def test_agreement_not_yet_in_force_does_not_count(g: Graph) -> None:
    twins(g)
    k.co_builds(g, "ua", "c1", "2030-01-01")
    k.co_builds(g, "ub", "c1", "2024-01-01", until="2026-01-01")
    answer = matcher(g).match("c1", "parking")
    assert ids(answer) == ["rb", "ra"]


def test_nearer_over_farther(g: Graph) -> None:
    k.unit(g, "ua", "单位A", metres=700, located_in=None)
    k.unit(g, "ub", "单位B", metres=200, located_in=None)
    k.resource(g, "ua", "ra")
    k.resource(g, "ub", "rb")
    answer = matcher(g).match("c1", "parking")
    assert ids(answer) == ["rb", "ra"]
    assert answer.candidates[0].reasons[1] == "距离200米"


def test_enough_capacity_over_partial(g: Graph) -> None:
    twins(g, quantity=10)
    k.project(g, "p1", "accepted", uses=("ra", 8))  # ra has 2 left
    answer = matcher(g).match("c1", "parking", quantity=5)
    assert ids(answer) == ["rb", "ra"]
    assert answer.candidates[1].reasons[2] == "可用车位2个，少于所需5个"


def test_overlapping_window_over_not(g: Graph) -> None:
    k.unit(g, "ua", "单位A", metres=300, located_in=None)
    k.unit(g, "ub", "单位B", metres=300, located_in=None)
    k.resource(g, "ua", "ra", availability=["sat,sun 08:00-20:00"])
    k.resource(g, "ub", "rb", availability=["mon-fri 18:00-08:00"])
    answer = matcher(g).match("c1", "parking", window="mon-fri 19:00-07:00")
    assert ids(answer) == ["rb", "ra"]
    assert "开放时间覆盖所需时段" in answer.candidates[0].reasons
    assert "开放时间与所需时段不重叠" in answer.candidates[1].reasons
    assert answer.candidates[0].reasons[2] == "可用车位10个（周一至周五18:00-次日8:00）"
    # Chinese windows are read too
    assert matcher(g).match("c1", "parking", window="工作日19:00-次日7:00").window


def test_better_record_over_worse(g: Graph) -> None:
    twins(g)
    for i in range(4):
        k.project(g, f"pa{i}", "done", deliverer="ua", rating=3)
        k.project(g, f"pb{i}", "closed", deliverer="ub", rating=5)
    answer = matcher(g).match("c1", "parking")
    assert ids(answer) == ["rb", "ra"]
    assert "已完成共建项目4个，平均评分5.0" in answer.candidates[0].reasons


def test_few_ratings_are_shrunk_toward_the_mean(g: Graph) -> None:
    twins(g)
    k.project(g, "pa", "done", deliverer="ua", rating=5)  # one perfect rating
    for i in range(10):
        k.project(g, f"pb{i}", "done", deliverer="ub", rating=5 if i % 5 else 4)  # 4.8 over ten
    assert ids(matcher(g).match("c1", "parking"))[0] == "rb"
    assert bayes_rating([5], 3.0, 3) == pytest.approx(3.5)
    assert bayes_rating([], 4.2, 3) == pytest.approx(4.2)


def test_lighter_load_over_heavier(g: Graph) -> None:
    twins(g)
    for i in range(3):
        k.project(g, f"pa{i}", "in_progress", deliverer="ua")
    k.project(g, "pb", "proposed", deliverer="ub")
    answer = matcher(g).match("c1", "parking")
    assert ids(answer) == ["rb", "ra"]
    assert "在办项目3个" in answer.candidates[1].reasons


def test_parts_add_up_to_the_score_and_weights_come_from_settings(g: Graph) -> None:
    twins(g)
    k.co_builds(g, "ua", "c1", "2021-01-01")
    answer = matcher(g).match("c1", "parking")
    for c in answer.candidates:
        assert sum(p.contribution for p in c.parts) == pytest.approx(c.score)
        assert {p.factor.value for p in c.parts} == {
            "tie",
            "distance",
            "capacity",
            "schedule",
            "record",
            "load",
        }
    no_tie = Settings(_env_file=None, match_weight_tie=0.0)  # type: ignore[call-arg]
    flat = Matcher(g, no_tie, today=TODAY).match("c1", "parking")
    assert flat.candidates[0].score == pytest.approx(flat.candidates[1].score)


# ------------------------------------------------------------------------------- other questions
def test_match_demand_takes_need_quantity_and_window_from_the_demand(g: Graph) -> None:
    k.unit(g, "ua", "单位A", metres=300, located_in=None)
    k.resource(g, "ua", "ra", quantity=3, availability=["mon-fri 18:00-08:00"])
    k.demand(g, "d1", "g1", category="parking", quantity=5, window=["mon-fri 19:00-07:00"])
    answer = matcher(g).match_demand("d1")
    assert answer.community.id == "c1"  # raised by a grid: the community above it
    assert (answer.need.code, answer.quantity, answer.window) == ("parking", 5, ["mon-fri 19:00-07:00"])
    assert ids(answer) == ["ra"]
    with pytest.raises(NotFound):
        matcher(g).match_demand("nope")


def test_demands_for_unit_finds_open_demands_in_reach(g: Graph) -> None:
    k.unit(g, "ua", "单位A", metres=300)
    k.co_builds(g, "ua", "c1", "2022-01-01")
    k.resource(g, "ua", "ra", category="parking.offpeak", quantity=10)
    k.resource(g, "ua", "rh", category="venue.hall", quantity=1)
    k.demand(g, "d-park", "c1", category="parking", quantity=5)
    k.demand(g, "d-hall", "g1", category="venue.hall", quantity=1, title="活动场地")
    k.demand(g, "d-closed", "c1", category="parking", status="closed")
    k.demand(g, "d-offpeak-far", "c3", category="parking")  # 30 km away
    k.demand(g, "d-narrow", "c1", category="parking.charging")  # offpeak cannot serve charging
    found = matcher(g).demands_for_unit("ua")
    by_id = {d.demand_id: d for d in found.demands}
    assert set(by_id) == {"d-park", "d-hall"}
    assert by_id["d-park"].candidate.resource_id == "ra"
    assert by_id["d-park"].candidate.tie is Tie.CO_BUILDS
    assert by_id["d-hall"].community_id == "c1"
    with pytest.raises(NotFound):
        matcher(g).demands_for_unit("nope")


def test_members_with_skill(g: Graph) -> None:
    k.member(g, "m1", "张三丰", "13800000001", skills=["medical.clinic"], reported_to="c1")
    k.member(g, "m2", "李四", "13800000002", skills=["medical"], lives_in="g1")
    k.member(g, "m3", "王五", "13800000003", skills=["legal"], reported_to="c1")
    k.member(g, "m4", "赵六", "13800000004", skills=["medical"], reported_to="c3")
    found = matcher(g).members_with_skill("c1", "义诊")
    assert [m.member_id for m in found.members] == ["m1"]
    broad = matcher(g).members_with_skill("c1", "medical")
    assert [m.member_id for m in broad.members] == ["m1", "m2"]  # reported › lives in
    assert broad.members[0].reasons[0] == "已到本社区报到（2023-03-01）"
    assert broad.members[1].reasons[0] == "居住在本社区（星城一网格）"
    with pytest.raises(UnknownCategory):
        matcher(g).members_with_skill("c1", "宇宙飞船")
