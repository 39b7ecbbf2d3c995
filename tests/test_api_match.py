"""Matching through GraphQL, result unions for expected refusals, and no N+1 on nested queries."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gongjian.graph.facade import Graph

from . import matchkit as k
from .test_api_entities import data, gql

MATCH = """
query($c: String!, $n: String!, $q: Int! = 1, $w: [String!], $l: Int) {
  match(communityId: $c, need: $n, quantity: $q, window: $w, limit: $l) {
    __typename
    ... on MatchList { communityId need { code } radiusMeters
      candidates { unitId unitName resourceId remaining distanceMeters score tie reasons pathText
                   parts { factor nameZh value weight contribution } path { relationship direction toLabel }
                   unit { id name } resource { id remaining } } }
    ... on UnknownNeedError { message text suggestions { code } }
    ... on NotFoundError { message kind value }
    ... on InvalidArgumentError { message argument options }
  }
}
"""


@pytest.fixture
def net(graph: Graph) -> Graph:
    k.base(graph)
    k.unit(graph, "u1", "星城小学", metres=320)
    k.unit(graph, "u2", "远方公司", metres=600, located_in=None)
    k.co_builds(graph, "u1", "c1", "2021-05-01")
    k.resource(graph, "u1", "r1", quantity=40, availability=["workday 18:00-07:30"])
    k.resource(graph, "u2", "r2", quantity=3)
    for i in range(12):
        k.project(graph, f"p{i}", "done", deliverer="u1", rating=5 if i % 5 else 4)
    return graph


async def test_match_returns_ranked_candidates_with_parts_reasons_and_path(
    client: httpx.AsyncClient, net: Graph
) -> None:
    answer = data(await gql(client, MATCH, c="南宁街道/星城社区", n="停车位", q=5))["match"]
    assert answer["__typename"] == "MatchList"
    assert answer["communityId"] == "c1" and answer["need"] == {"code": "parking"}
    assert answer["radiusMeters"] == 1000
    best, other = answer["candidates"]
    assert best["unitId"] == "u1" and best["tie"] == "CO_BUILDS"
    assert best["reasons"][:4] == [
        "共建单位（协议2021年起）",
        "距离320米",
        "可用车位40个（工作日18:00-次日7:30）",
        "已完成共建项目12个，平均评分4.8",
    ]
    assert best["pathText"] == "星城社区 ← CO_BUILDS ← 星城小学 → OFFERS → r1停车场 → IN_CATEGORY → 错时停车"
    assert sum(p["contribution"] for p in best["parts"]) == pytest.approx(best["score"], abs=1e-3)
    assert {p["factor"] for p in best["parts"]} == {
        "tie",
        "distance",
        "capacity",
        "schedule",
        "record",
        "load",
    }
    assert best["unit"] == {"id": "u1", "name": "星城小学"} and best["resource"] == {
        "id": "r1",
        "remaining": 40,
    }
    assert other["tie"] == "NONE" and other["score"] < best["score"]


@pytest.mark.parametrize(
    ("variables", "typename", "check"),
    [
        (
            {"c": "c1", "n": "宇宙飞船"},
            "UnknownNeedError",
            lambda a: a["suggestions"] and "未知类别" in a["message"],
        ),
        ({"c": "nowhere", "n": "parking"}, "NotFoundError", lambda a: a["kind"] == "community"),
        ({"c": "星城社区", "n": "parking"}, "InvalidArgumentError", lambda a: len(a["options"]) == 2),
        ({"c": "c1", "n": "parking", "q": 0}, "InvalidArgumentError", lambda a: a["argument"] == "quantity"),
        ({"c": "c1", "n": "parking", "l": 500}, "InvalidArgumentError", lambda a: a["argument"] == "limit"),
        (
            {"c": "c1", "n": "parking", "w": ["sometime"]},
            "InvalidArgumentError",
            lambda a: a["argument"] == "window",
        ),
    ],
)
async def test_expected_refusals_are_data_not_errors(
    client: httpx.AsyncClient, net: Graph, variables: dict[str, Any], typename: str, check: Any
) -> None:
    answer = data(await gql(client, MATCH, **variables))["match"]
    assert answer["__typename"] == typename
    assert check(answer), answer


async def test_community_without_candidates_is_an_empty_list(client: httpx.AsyncClient, net: Graph) -> None:
    answer = data(await gql(client, MATCH, c="c3", n="parking"))["match"]
    assert answer["__typename"] == "MatchList" and answer["candidates"] == []


async def test_match_demand_demands_for_unit_and_members_with_skill(
    client: httpx.AsyncClient, net: Graph
) -> None:
    k.demand(net, "d1", "g1", category="parking", quantity=5, window=["mon-fri 19:00-07:00"])
    k.member(net, "m1", "张三丰", "13800000003", skills=["medical.clinic"], reported_to="c1")
    body = await gql(
        client,
        """{ matchDemand(demandId: "d1") { __typename
                 ... on MatchList { demandId quantity window candidates { resourceId } } }
             missing: matchDemand(demandId: "nope") { __typename ... on NotFoundError { kind } }
             demandsForUnit(unitId: "u1") { __typename ... on DemandMatchList { unitName
                 demands { demandId communityName candidate { resourceId tie } demand { title } } } }
             membersWithSkill(communityId: "c1", skill: "义诊") { __typename
                 ... on MemberMatchList { skill { code }
                                          members { memberId name phone reported reasons } } } }""",
    )
    d = data(body)
    assert d["matchDemand"] == {
        "__typename": "MatchList",
        "demandId": "d1",
        "quantity": 5,
        "window": ["mon-fri 19:00-07:00"],
        "candidates": [{"resourceId": "r1"}, {"resourceId": "r2"}],
    }
    assert d["missing"] == {"__typename": "NotFoundError", "kind": "demand"}
    demands = d["demandsForUnit"]["demands"]
    assert demands == [
        {
            "demandId": "d1",
            "communityName": "星城社区",
            "candidate": {"resourceId": "r1", "tie": "CO_BUILDS"},
            "demand": {"title": "居民夜间停车难"},
        }
    ]
    members = d["membersWithSkill"]
    assert members["skill"] == {"code": "medical.clinic"}
    assert members["members"][0]["name"] == "张**" and members["members"][0]["phone"] == "138****0003"
    assert members["members"][0]["reported"] is True


# ------------------------------------------------------------------------------- no N+1
NESTED = """
{ units(first: 100) { totalCount edges { node { id name contactName
    area { id name parent { id name } }
    agreements { since area { name } }
    resources { id name remaining category { code } owner { __typename } } } } } }
"""


def populate(graph: Graph, n: int) -> None:
    k.base(graph)
    graph.write(
        "UNWIND range(1, $n) AS i "
        "MATCH (g:Area {id: 'g1'}), (c:Area {id: 'c1'}) "
        "CREATE (u:Unit {id: 'u' + toString(i), name: '单位' + toString(i), contactName: '王五'}), "
        "(u)-[:LOCATED_IN]->(g), (u)-[:CO_BUILDS {since: '2022-01-01'}]->(c), "
        "(u)-[:OFFERS]->(:Resource {id: 'ra' + toString(i), name: '车位', category: 'parking', "
        "quantity: 3, status: 'active'}), "
        "(u)-[:OFFERS]->(:Resource {id: 'rb' + toString(i), name: '会议室', category: 'venue.meeting', "
        "quantity: 1, status: 'active'})",
        n=n,
    )


async def count_reads(
    client: httpx.AsyncClient, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, dict]:
    calls: list[str] = []
    real = graph.read

    def spy(query: str, /, **params: Any) -> Any:
        calls.append(query)
        return real(query, **params)

    monkeypatch.setattr(graph, "read", spy)
    body = await gql(client, NESTED)
    monkeypatch.setattr(graph, "read", real)
    return len(calls), data(body)


async def test_nested_query_costs_the_same_round_trips_for_5_and_50_units(
    client: httpx.AsyncClient, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(graph, 5)
    small, small_data = await count_reads(client, graph, monkeypatch)
    assert small_data["units"]["totalCount"] == 5
    graph.clear()
    populate(graph, 50)
    large, large_data = await count_reads(client, graph, monkeypatch)
    units = large_data["units"]["edges"]
    assert len(units) == 50 and all(len(u["node"]["resources"]) == 2 for u in units)
    assert units[0]["node"]["area"]["parent"]["name"] == "星城社区"
    # list + count + area + parent + agreements + resources + remaining + owner: one query per level
    assert large == small == 8, f"{small} graph reads for 5 units, {large} for 50"
