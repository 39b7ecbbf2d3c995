"""Entity queries, filters, keyset pagination and errors through the ASGI app."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gongjian.api.masking import mask_name, mask_phone
from gongjian.api.pagination import decode_cursor
from gongjian.graph.facade import Graph

from . import matchkit as k


async def gql(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def data(body: dict[str, Any]) -> dict[str, Any]:
    assert not body.get("errors"), body.get("errors")
    return body["data"]


@pytest.fixture
def net(graph: Graph) -> Graph:
    k.base(graph)
    k.unit(graph, "u1", "星城小学", type_="school", contact=("张三丰", "13800000003"))
    k.unit(graph, "u2", "星城医院", type_="hospital", located_in="c1")
    k.unit(graph, "u3", "寥廓银行", type_="bank", located_in="c3")
    k.co_builds(graph, "u1", "c1", "2021-05-01")
    k.committee_seat(graph, "u2", "c1")
    k.resource(graph, "u1", "r1", name="星城小学停车场", quantity=40, availability=["workday 18:00-07:30"])
    k.resource(graph, "u2", "r2", name="医院义诊", category="medical.clinic", quantity=2)
    k.resource(graph, "u3", "r3", name="银行会议室", category="venue.meeting", quantity=1)
    k.demand(graph, "d1", "g1", category="parking", quantity=5)
    k.demand(graph, "d2", "c1", category="venue", status="closed", title="活动场地")
    k.project(graph, "p1", "accepted", deliverer="u1", uses=("r1", 4), demand="d1")
    k.member(graph, "m1", "李四", "13912345678", skills=["medical.clinic"], reported_to="c1", lives_in="g1")
    return graph


async def test_entity_by_id_with_relationships(client: httpx.AsyncClient, net: Graph) -> None:
    body = await gql(
        client,
        """{ unit(id: "u1") { id name type contactName contactPhone
               area { id name parent { id name } }
               resources { id name remaining availabilityText category { code name parent { code } } }
               agreements { since inForce area { name } }
               projects { id status demand { id title } } } }""",
    )
    unit = data(body)["unit"]
    assert unit["name"] == "星城小学" and unit["type"] == "SCHOOL"
    assert unit["contactName"] == "张**" and unit["contactPhone"] == "138****0003"
    assert unit["area"] == {"id": "g1", "name": "星城一网格", "parent": {"id": "c1", "name": "星城社区"}}
    assert unit["resources"] == [
        {
            "id": "r1",
            "name": "星城小学停车场",
            "remaining": 36,
            "availabilityText": "工作日18:00-次日7:30",
            "category": {"code": "parking.offpeak", "name": "错时停车", "parent": {"code": "parking"}},
        }
    ]
    assert unit["agreements"] == [{"since": "2021-05-01", "inForce": True, "area": {"name": "星城社区"}}]
    assert unit["projects"] == [
        {"id": "p1", "status": "ACCEPTED", "demand": {"id": "d1", "title": "居民夜间停车难"}}
    ]


async def test_area_fields_and_unions(client: httpx.AsyncClient, net: Graph) -> None:
    body = await gql(
        client,
        """{ area(id: "c1") { name level children { id } orgs { name kind seats { role unit { id } } }
               demands { id } all: demands(openOnly: false) { id } agreements { unit { id } }
               reportedMembers { id name phone } }
             resource(id: "r1") { owner { __typename ... on Unit { id } } usages { quantity project { id } } }
             member(id: "m1") { name phone home { id } reportedTo { date area { id } }
                                skillCategories { code } }
             demand(id: "d1") { area { id } category { code }
                                projects { id deliverers { __typename ... on Unit { id } } } } }""",
    )
    d = data(body)
    area = d["area"]
    assert area["level"] == "COMMUNITY" and area["children"] == [{"id": "g1"}]
    assert area["orgs"] == [
        {
            "name": "星城社区大党委",
            "kind": "COMMUNITY_COMMITTEE",
            "seats": [{"role": "兼职委员", "unit": {"id": "u2"}}],
        }
    ]
    assert area["demands"] == [] and area["all"] == [{"id": "d2"}]
    assert area["agreements"] == [{"unit": {"id": "u1"}}]
    assert area["reportedMembers"] == [{"id": "m1", "name": "李*", "phone": "139****5678"}]
    assert d["resource"] == {
        "owner": {"__typename": "Unit", "id": "u1"},
        "usages": [{"quantity": 4, "project": {"id": "p1"}}],
    }
    assert d["member"]["home"] == {"id": "g1"}
    assert d["member"]["reportedTo"] == [{"date": "2023-03-01", "area": {"id": "c1"}}]
    assert d["member"]["skillCategories"] == [{"code": "medical.clinic"}]
    assert d["demand"]["projects"] == [{"id": "p1", "deliverers": [{"__typename": "Unit", "id": "u1"}]}]


async def test_unknown_ids_are_null(client: httpx.AsyncClient, net: Graph) -> None:
    body = await gql(
        client, '{ unit(id: "nope") { id } area(id: "nope") { id } category(code: "nope") { code } }'
    )
    assert data(body) == {"unit": None, "area": None, "category": None}


async def test_filters_by_area_subtree_type_category_status_and_name(
    client: httpx.AsyncClient, net: Graph
) -> None:
    async def unit_ids(filter_: dict[str, Any]) -> list[str]:
        body = await gql(
            client,
            "query($f: UnitFilter) { units(filter: $f) { totalCount edges { node { id } } } }",
            f=filter_,
        )
        units = data(body)["units"]
        assert units["totalCount"] == len(units["edges"])
        return [e["node"]["id"] for e in units["edges"]]

    assert await unit_ids({"area": "s1"}) == ["u2", "u1"]  # by name: 星城医院 < 星城小学
    assert await unit_ids({"area": "c3"}) == ["u3"]
    assert await unit_ids({"type": ["SCHOOL", "BANK"]}) == ["u3", "u1"]
    assert await unit_ids({"nameContains": "医院"}) == ["u2"]
    body = await gql(
        client,
        """{ resources(filter: {category: "场地"}) { edges { node { id } } }
             parking: resources(filter: {category: "parking", area: "d"}) { edges { node { id } } }
             demands(filter: {status: [OPEN]}) { edges { node { id } } }
             areas(filter: {level: [STREET]}) { edges { node { id } } }
             members(filter: {skill: "义诊", area: "c1"}) { edges { node { id } } }
             orgs(filter: {area: "s1"}) { totalCount }
             projects(filter: {area: "c1"}) { edges { node { id } } } }""",
    )
    d = data(body)
    assert [e["node"]["id"] for e in d["resources"]["edges"]] == ["r3"]
    assert [e["node"]["id"] for e in d["parking"]["edges"]] == ["r1"]
    assert [e["node"]["id"] for e in d["demands"]["edges"]] == ["d1"]
    assert sorted(e["node"]["id"] for e in d["areas"]["edges"]) == ["s1", "s2"]
    assert [e["node"]["id"] for e in d["members"]["edges"]] == ["m1"]
    assert d["orgs"]["totalCount"] == 1
    assert [e["node"]["id"] for e in d["projects"]["edges"]] == ["p1"]


async def test_keyset_pagination_walks_every_row_once(client: httpx.AsyncClient, graph: Graph) -> None:
    k.base(graph)
    for i in range(7):
        k.unit(graph, f"u{i}", "同名单位" if i < 3 else f"单位{i}")  # equal sort keys are split by id
    query = """query($a: String) { units(first: 3, after: $a) { totalCount edges { cursor node { id } }
               pageInfo { hasNextPage hasPreviousPage endCursor } } }"""
    seen, after, pages = [], None, 0
    while True:
        units = data(await gql(client, query, a=after))["units"]
        assert units["totalCount"] == 7
        seen += [e["node"]["id"] for e in units["edges"]]
        pages += 1
        assert units["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not units["pageInfo"]["hasNextPage"]:
            break
        after = units["pageInfo"]["endCursor"]
    assert pages == 3 and len(seen) == 7 and len(set(seen)) == 7
    assert decode_cursor(units["edges"][-1]["cursor"])[1] == seen[-1]  # the cursor is (sort key, id)
    # after the last row: an empty page, no next page
    last = units["pageInfo"]["endCursor"]
    end = data(await gql(client, query, a=last))["units"]
    assert end["edges"] == [] and end["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": None,
    }
    # a row added before the cursor does not shift the next page (keyset, not offset)
    first = data(await gql(client, query, a=None))["units"]
    k.unit(graph, "u-new", "一号单位")  # sorts first
    second = data(await gql(client, query, a=first["pageInfo"]["endCursor"]))["units"]
    assert [e["node"]["id"] for e in second["edges"]] == seen[3:6]


async def test_empty_list_and_first_zero(client: httpx.AsyncClient, graph: Graph) -> None:
    units = data(
        await gql(
            client, "{ units { totalCount edges { node { id } } pageInfo { hasNextPage startCursor } } }"
        )
    )
    assert units["units"] == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {"hasNextPage": False, "startCursor": None},
    }
    k.base(graph)
    zero = data(
        await gql(client, "{ areas(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }")
    )
    assert zero["areas"] == {"totalCount": 7, "edges": [], "pageInfo": {"hasNextPage": True}}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("first: 101", "first: 101 is out of range; ask for 0 to 100"),
        ("first: -1", "first: -1 is out of range"),
        ('after: "not-a-cursor"', "is not a cursor of this list"),
        ('filter: {area: "nope"}', 'area: no area has the id "nope"'),
        ('filter: {category: "宇宙飞船"}', "category: 未知类别"),
    ],
)
async def test_bad_arguments_are_clear_errors(
    client: httpx.AsyncClient, net: Graph, arguments: str, message: str
) -> None:
    what = "resources" if "category" in arguments else "units"
    body = await gql(client, f"{{ {what}({arguments}) {{ edges {{ node {{ id }} }} }} }}")
    assert body["errors"] and message in body["errors"][0]["message"]


async def test_search_and_categories(client: httpx.AsyncClient, net: Graph) -> None:
    body = await gql(
        client,
        """{ search(text: "星城") { __typename ... on Area { id } ... on Unit { id } ... on Org { id } }
             categories { code children { code } } }""",
    )
    d = data(body)
    hits = [(h["__typename"], h["id"]) for h in d["search"]]
    assert {
        ("Area", "c1"),
        ("Area", "c2"),
        ("Unit", "u1"),
        ("Unit", "u2"),
        ("Org", "o-c1"),
        ("Area", "g1"),
    } <= set(hits)
    assert hits.index(("Area", "c1")) < hits.index(("Area", "g1"))  # shorter names (closer hits) first
    parking = next(c for c in d["categories"] if c["code"] == "parking")
    assert {"code": "parking.offpeak"} in parking["children"]
    empty = await gql(client, '{ search(text: "  ") { __typename } }')
    assert "text: give at least one character" in empty["errors"][0]["message"]


async def test_unexpected_errors_are_masked(client: httpx.AsyncClient, graph: Graph, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(graph, "read", boom)
    body = await gql(client, '{ unit(id: "x") { id } }')
    assert body["errors"][0]["message"] == "Unexpected error."


def test_masking_helpers() -> None:
    assert mask_name("张三丰") == "张**" and mask_name("李四") == "李*"
    assert mask_phone("13800000003") == "138****0003" and mask_phone("+86 138-0000-0003") == "861****0003"
