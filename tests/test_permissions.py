"""Access control: every root query and mutation called as each role, in scope and out of scope.

The world: street s1 > community c1 (unit u1, member m1, demand d1, resource r1, demand d3 dispatched
to u1) and street s2 > community c2 (unit u2, member m2, demand d2, resource r2, demand d4 dispatched to
u2). Accounts: admin; a street coordinator of s1; a community worker of c1; the liaison of u1; an
analyst; a viewer; and an anonymous caller (a viewer while authentication is not required).

Outcomes: ``ok`` (answered, whatever the business result), ``denied`` (a FORBIDDEN error, nothing
done), ``hidden`` (answered, but the out-of-scope object is absent).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from graphql import is_required_argument

from gongjian.api.app import create_app
from gongjian.api.permissions import MUTATIONS, QUERY_ROLES
from gongjian.api.schema import schema
from gongjian.graph.accounts import Accounts
from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import Action
from gongjian.graph.loop.engine import Loop, Step
from gongjian.settings import Settings

from . import matchkit as kit

ROLES = ("admin", "street", "community", "liaison", "analyst", "viewer", "anonymous")


@pytest.fixture
async def world(schema_graph: Graph, settings: Settings) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    g = schema_graph
    kit.base(g)
    kit.unit(g, "u1", "星城停车公司")
    kit.unit(g, "u2", "寥廓停车公司", located_in="c2")
    kit.unit(g, "gov", "麒麟区住建局", type_="government")
    kit.resource(g, "u1", "r1", category="parking", quantity=20)
    kit.resource(g, "u2", "r2", category="parking", quantity=20)
    kit.committee_seat(g, "u1", "c1")  # the community committee o-c1 covers c1
    kit.member(g, "m1", "张三", "13800000001", skills=["volunteer"], lives_in="c1")
    kit.member(g, "m2", "李四", "13800000002", skills=["volunteer"], lives_in="c2")
    for demand, community in (("d1", "c1"), ("d2", "c2"), ("d3", "c1"), ("d4", "c2")):
        kit.demand(g, demand, community, title=f"停车需求{demand}", quantity=1)
        g.write(
            "MATCH (d:Demand {id: $d}), (c:Category {code: 'parking'}) CREATE (d)-[:IN_CATEGORY]->(c)",
            d=demand,
        )
    loop = Loop(g, settings)
    loop.perform(Step(Action.DISPATCH, "d3", actor="t", unit_id="u1", resource_id="r1", quantity=1))
    loop.perform(Step(Action.DISPATCH, "d4", actor="t", unit_id="u2", resource_id="r2", quantity=1))
    accounts = Accounts(g, settings)
    keys = {
        "admin": accounts.create("管理员", ["admin"])[1],
        "street": accounts.create("街道", ["street_coordinator"], scopes=["s1"])[1],
        "community": accounts.create("社区", ["community_worker"], scopes=["c1"])[1],
        "liaison": accounts.create("联络员", ["unit_liaison"], unit_id="u1")[1],
        "analyst": accounts.create("分析", ["analyst"])[1],
        "viewer": accounts.create("查看", ["viewer"])[1],
    }
    app = create_app(settings.model_copy(update={"api_rate_per_minute": 0}), graph=g)
    clients: dict[str, httpx.AsyncClient] = {}
    for role in ROLES:
        headers = {"Authorization": f"Bearer {keys[role]}"} if role in keys else {}
        clients[role] = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=headers
        )
    yield clients
    for client in clients.values():
        await client.aclose()


@dataclass(frozen=True)
class Case:
    field: str
    document: str
    inside: dict[str, Any]
    outside: dict[str, Any]
    expect: dict[str, tuple[str, str]]  # role -> (inside outcome, outside outcome)


ALL_OK = {role: ("ok", "ok") for role in ROLES}
#: There is no organisation in c2 (and none has the id "none"): nobody finds one there.
ORG_OUTSIDE = {role: ("ok", "hidden") for role in ("admin", "analyst", "viewer", "anonymous")}


def scoped(
    inside: str = "ok", outside: str = "hidden", liaison: tuple[str, str] = ("hidden", "hidden"), **more: Any
):
    table = {**ALL_OK, "street": (inside, outside), "community": (inside, outside), "liaison": liaison}
    return table | more


def writers(liaison: tuple[str, str] = ("denied", "denied")) -> dict[str, tuple[str, str]]:
    table = {role: ("denied", "denied") for role in ROLES}
    return table | {"admin": ("ok", "ok"), "street": ("ok", "denied"), "community": ("ok", "denied"),
                    "liaison": liaison}  # fmt: skip


def _node(field: str) -> str:
    return f"query($id: ID!) {{ {field}(id: $id) {{ id }} }}"


def _list(field: str) -> str:
    return f"query($area: ID) {{ {field}(filter: {{area: $area}}) {{ edges {{ node {{ id }} }} }} }}"


def _mutation(field: str) -> str:
    return (
        f"mutation($input: {field[0].upper()}{field[1:]}Input!) {{ {field}(input: $input) {{ __typename }} }}"
    )


def _d(demand: str, **more: Any) -> dict[str, Any]:
    return {"input": {"demandId": demand, **more}}


READ_CASES = [
    Case("area", _node("area"), {"id": "c1"}, {"id": "c2"}, scoped()),
    Case("unit", _node("unit"), {"id": "u1"}, {"id": "u2"}, scoped(liaison=("ok", "hidden"))),
    Case("member", _node("member"), {"id": "m1"}, {"id": "m2"}, scoped()),
    Case("resource", _node("resource"), {"id": "r1"}, {"id": "r2"}, scoped(liaison=("ok", "hidden"))),
    Case("demand", _node("demand"), {"id": "d3"}, {"id": "d4"}, scoped(liaison=("ok", "hidden"))),
    Case("org", _node("org"), {"id": "o-c1"}, {"id": "none"}, scoped(outside="hidden") | ORG_OUTSIDE),
    Case("areas", _list("areas"), {"area": "c1"}, {"area": "c2"}, scoped()),
    Case("units", _list("units"), {"area": "c1"}, {"area": "c2"}, scoped()),
    Case("members", _list("members"), {"area": "c1"}, {"area": "c2"}, scoped()),
    Case("resources", _list("resources"), {"area": "c1"}, {"area": "c2"}, scoped()),
    Case("demands", _list("demands"), {"area": "c1"}, {"area": "c2"}, scoped()),
    Case("projects", _list("projects"), {"area": "c1"}, {"area": "c2"}, scoped()),
    Case("orgs", _list("orgs"), {"area": "c1"}, {"area": "c2"}, scoped(outside="hidden") | ORG_OUTSIDE),
    Case(
        "search",
        "query($t: String!) { search(text: $t) { ... on Unit { id } ... on Area { id } } }",
        {"t": "星城停车"},
        {"t": "寥廓停车"},
        scoped(liaison=("ok", "hidden")),
    ),
    Case(
        "overdueDemands",
        "query($area: ID) { overdueDemands(area: $area) { id } }",
        {"area": "c1"},
        {"area": "c2"},
        scoped(),
    ),
    Case(
        "match",
        'query($c: String!) { match(communityId: $c, need: "parking") { __typename } }',
        {"c": "c1"},
        {"c": "c2"},
        scoped(outside="denied", liaison=("denied", "denied")),
    ),
    Case(
        "matchDemand",
        "query($d: ID!) { matchDemand(demandId: $d) { __typename } }",
        {"d": "d1"},
        {"d": "d2"},
        scoped(outside="denied", liaison=("denied", "denied")),
    ),
    Case(
        "membersWithSkill",
        'query($c: String!) { membersWithSkill(communityId: $c, skill: "volunteer") { __typename } }',
        {"c": "c1"},
        {"c": "c2"},
        scoped(outside="denied", liaison=("denied", "denied")),
    ),
    Case(
        "demandsForUnit",
        "query($u: ID!) { demandsForUnit(unitId: $u) { __typename } }",
        {"u": "u1"},
        {"u": "u2"},
        scoped(outside="denied", liaison=("ok", "denied")),
    ),
    Case(
        "analyses",
        "query { analyses { name } }",
        {},
        {},
        {role: ("denied", "denied") for role in ROLES} | {"admin": ("ok", "ok"), "analyst": ("ok", "ok")},
    ),
    Case(
        "analysis",
        'query { analysis(name: "loop/satisfaction") { __typename } }',
        {},
        {},
        {role: ("denied", "denied") for role in ROLES} | {"admin": ("ok", "ok"), "analyst": ("ok", "ok")},
    ),
    Case("viewer", "query { viewer { id } }", {}, {}, ALL_OK),
    Case("health", "query { health { backend } }", {}, {}, ALL_OK),
    Case("category", 'query { category(code: "parking") { code } }', {}, {}, ALL_OK),
    Case("categories", "query { categories { code } }", {}, {}, ALL_OK),
]

_OWN = ("ok", "denied")
MUTATION_CASES = [
    Case(
        "raiseDemand",
        _mutation("raiseDemand"),
        {"input": {"communityId": "c1", "need": "parking", "title": "新需求", "quantity": 1}},
        {"input": {"communityId": "c2", "need": "parking", "title": "新需求", "quantity": 1}},
        writers(),
    ),
    Case("updateDemand", _mutation("updateDemand"), _d("d1", note="更新"), _d("d2", note="更新"), writers()),
    Case(
        "dispatchDemand", _mutation("dispatchDemand"), _d("d1", unitId="u1"), _d("d2", unitId="u2"), writers()
    ),
    Case(
        "claimDemand", _mutation("claimDemand"), _d("d1", unitId="u1"), _d("d2", unitId="u2"), writers(_OWN)
    ),
    Case("acceptDemand", _mutation("acceptDemand"), _d("d3"), _d("d4"), writers(_OWN)),
    Case(
        "rejectDemand", _mutation("rejectDemand"), _d("d3", reason="满"), _d("d4", reason="满"), writers(_OWN)
    ),
    Case("startDemand", _mutation("startDemand"), _d("d3"), _d("d4"), writers(_OWN)),
    Case("completeDemand", _mutation("completeDemand"), _d("d3"), _d("d4"), writers(_OWN)),
    Case("rateDemand", _mutation("rateDemand"), _d("d1", rating=5), _d("d2", rating=5), writers()),
    Case(
        "escalateDemand",
        _mutation("escalateDemand"),
        _d("d1", unitId="gov", reason="需部门"),
        _d("d2", unitId="gov", reason="需部门"),
        writers(),
    ),
    Case(
        "reopenDemand", _mutation("reopenDemand"), _d("d1", reason="复发"), _d("d2", reason="复发"), writers()
    ),
    Case(
        "cancelDemand", _mutation("cancelDemand"), _d("d1", reason="撤销"), _d("d2", reason="撤销"), writers()
    ),
    Case(
        "offerResource",
        _mutation("offerResource"),
        {"input": {"ownerId": "u1", "category": "parking", "name": "新车位", "quantity": 3}},
        {"input": {"ownerId": "u2", "category": "parking", "name": "新车位", "quantity": 3}},
        writers(_OWN),
    ),
    Case(
        "updateResource",
        _mutation("updateResource"),
        {"input": {"resourceId": "r1", "note": "说明"}},
        {"input": {"resourceId": "r2", "note": "说明"}},
        writers(_OWN),
    ),
    *(
        Case(
            field,
            _mutation(field),
            {"input": {"resourceId": "r1"}},
            {"input": {"resourceId": "r2"}},
            writers(_OWN),
        )
        for field in ("pauseResource", "resumeResource", "retireResource")
    ),
    *(
        Case(
            field,
            _mutation(field),
            {"input": {"unitId": "u1", "communityId": "c1", "kind": "CO_BUILDING"}},
            {"input": {"unitId": "u2", "communityId": "c2", "kind": "CO_BUILDING"}},
            writers(),
        )
        for field in ("signAgreement", "endAgreement")
    ),
    Case(
        "reportToCommunity",
        _mutation("reportToCommunity"),
        {"input": {"unitId": "u1", "communityId": "c1"}},
        {"input": {"unitId": "u2", "communityId": "c2"}},
        writers(_OWN),
    ),
]


def test_every_root_field_has_a_rule_and_a_case() -> None:
    graphql = schema._schema
    queries = set(graphql.get_type("Query").fields) | set(graphql.get_type("Subscription").fields)
    mutations = set(graphql.get_type("Mutation").fields)
    assert queries == set(QUERY_ROLES)
    assert mutations == set(MUTATIONS)
    covered = {case.field for case in READ_CASES + MUTATION_CASES}
    # project ids are drawn by the loop; demandEvents is a stream (tests/test_api_subscription.py)
    assert queries - {"demandEvents", "project"} | mutations <= covered


def outcome(body: dict[str, Any], field: str) -> str:
    errors = body.get("errors") or []
    if any((e.get("extensions") or {}).get("code") == "FORBIDDEN" for e in errors):
        assert (body.get("data") or {}).get(field) is None
        return "denied"
    assert not errors, body
    value = body["data"][field]
    if value is None or value == [] or (isinstance(value, dict) and value.get("edges") == []):
        return "hidden"
    return "ok"


async def _inside_and_outside(client: httpx.AsyncClient, case: Case) -> tuple[str, str]:
    """The outcome of the case's document on a target in the caller's scope, then on one outside it."""
    outcomes = []
    for variables in (case.inside, case.outside):
        body = (await client.post("/graphql", json={"query": case.document, "variables": variables})).json()
        outcomes.append(outcome(body, case.field))
    return outcomes[0], outcomes[1]


@pytest.mark.parametrize("case", READ_CASES, ids=lambda c: c.field)
async def test_reads(world: dict[str, httpx.AsyncClient], case: Case) -> None:
    seen = {}
    for role in ROLES:
        seen[role] = await _inside_and_outside(world[role], case)
    assert seen == case.expect


@pytest.mark.parametrize("case", MUTATION_CASES, ids=lambda c: c.field)
async def test_mutations(world: dict[str, httpx.AsyncClient], case: Case) -> None:
    seen = {}
    # The liaison goes first (its rights depend on the work dispatched to its unit, which others may
    # change); later callers meet a changed state, never a different rule.
    for role in ("liaison", *(r for r in ROLES if r != "liaison")):
        seen[role] = await _inside_and_outside(world[role], case)
    assert seen == case.expect


async def test_a_refused_mutation_changes_nothing_and_says_why(world: dict[str, httpx.AsyncClient]) -> None:
    body = (
        await world["community"].post(
            "/graphql", json={"query": _mutation("cancelDemand"), "variables": _d("d2", reason="x")}
        )
    ).json()
    assert "outside your scope" in body["errors"][0]["message"]
    status = (await world["admin"].post("/graphql", json={"query": '{ demand(id: "d2") { status } }'})).json()
    assert status["data"]["demand"]["status"] == "OPEN"


async def test_nested_fields_leave_out_what_is_out_of_scope(world: dict[str, httpx.AsyncClient]) -> None:
    query = '{ area(id: "s1") { id parent { id } children { id } } }'
    street = (await world["street"].post("/graphql", json={"query": query})).json()["data"]["area"]
    assert street == {"id": "s1", "parent": None, "children": [{"id": "c1"}]}
    admin = (await world["admin"].post("/graphql", json={"query": query})).json()["data"]["area"]
    assert admin["parent"] == {"id": "d"}


async def test_personal_data_is_shown_only_within_scope(world: dict[str, httpx.AsyncClient]) -> None:
    query = '{ member(id: "m1") { name phone } }'
    names = {}
    for role in ROLES:
        data = (await world[role].post("/graphql", json={"query": query})).json()["data"]["member"]
        names[role] = data and data["name"]
    assert names == {
        "admin": "张三", "street": "张三", "community": "张三", "liaison": None,
        "analyst": "张*", "viewer": "张*", "anonymous": "张*",
    }  # fmt: skip


HOSTILE = "') MATCH (n) DETACH DELETE n //"


def _string_fields(type_name: str) -> dict[str, bool]:
    """The String fields of an input type: name -> whether it is a list of strings."""
    fields = schema._schema.get_type(type_name).fields  # type: ignore[union-attr]
    found = {}
    for name, field in fields.items():
        text = str(field.type).replace("!", "")
        if text in ("String", "[String]"):
            found[name] = text.startswith("[")
    return found


async def test_cypher_looking_text_in_every_string_argument_is_only_ever_data(
    world: dict[str, httpx.AsyncClient], schema_graph: Graph
) -> None:
    admin = world["admin"]
    labels_before = {
        r["label"] for r in schema_graph.read("MATCH (n) UNWIND labels(n) AS label RETURN label")
    }
    nodes_before = schema_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    answers = []
    for case in MUTATION_CASES:
        type_name = f"{case.field[0].upper()}{case.field[1:]}Input"
        data = dict(case.inside["input"])
        for name, is_list in _string_fields(type_name).items():
            data[name] = [HOSTILE] if is_list else HOSTILE
        body = (
            await admin.post("/graphql", json={"query": case.document, "variables": {"input": data}})
        ).json()
        answers.append((case.field, body))
    for name, field in schema._schema.get_type("Query").fields.items():  # type: ignore[union-attr]
        textual = {
            a: str(arg.type) for a, arg in field.args.items() if str(arg.type).rstrip("!") in ("String", "ID")
        }
        required = {a for a, arg in field.args.items() if is_required_argument(arg)}
        if not textual or required - set(textual):
            continue
        declared = ", ".join(f"${a}: {t}" for a, t in textual.items())
        passed = ", ".join(f"{a}: ${a}" for a in textual)
        document = f"query({declared}) {{ {name}({passed}) {{ __typename }} }}"
        variables = dict.fromkeys(textual, HOSTILE)
        answers.append(
            (name, (await admin.post("/graphql", json={"query": document, "variables": variables})).json())
        )
    for field, body in answers:
        for error in body.get("errors") or []:
            assert "errorId" not in (error.get("extensions") or {}), (field, body)
    assert {q for q, _ in answers} >= set(MUTATIONS) | {"search", "match", "demand", "unit", "analysis"}
    labels_after = {r["label"] for r in schema_graph.read("MATCH (n) UNWIND labels(n) AS label RETURN label")}
    assert labels_before <= labels_after
    assert schema_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] >= nodes_before
    # nothing was executed: the world is all there (verbatim storage: tests/test_masking_roles.py)
    assert schema_graph.read("MATCH (m:Member {id: 'm1'}) RETURN m.name AS n")[0]["n"] == "张三"
    assert schema_graph.read("MATCH (d:Demand) RETURN count(d) AS n")[0]["n"] >= 4
