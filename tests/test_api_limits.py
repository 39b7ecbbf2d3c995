"""GraphQL and HTTP protections (docs/security.md, "GraphQL limits") through the real ASGI app.

Each attack is tried the plain way and through fragments, which older limiters did not follow.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from graphql import get_introspection_query

from gongjian.api.app import create_app
from gongjian.graph.facade import Graph
from gongjian.settings import Settings

from . import matchkit as k
from .conftest import embedded_only


@asynccontextmanager
async def serve(graph: Graph, tmp_path: Path, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app built with the given settings (``require_auth`` off unless given)."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", **{"require_auth": False, **overrides})  # type: ignore[call-arg]
    app = create_app(settings, graph=graph)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def ask(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def refusal(body: dict[str, Any]) -> str:
    """The one error of a refused operation (nothing ran: no data)."""
    assert body.get("data") is None, body
    assert len(body["errors"]) == 1, body["errors"]
    return body["errors"][0]["message"]


def nested(levels: int) -> str:
    """``areas`` then ``parent`` ``levels`` times deep (not a list: the cost stays small)."""
    inner = "id"
    for _ in range(levels):
        inner = f"parent {{ {inner} }}"
    return f"{{ areas(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"


# A dashboard a frontend would send: a full page of units with their area, agreements and resources.
DASHBOARD = """
query Dashboard($first: Int!) {
  units(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name type contactName contactPhone
      area { id name path parent { id name } }
      agreements { since until inForce area { id name } }
      seats { role org { id name } }
      resources { id name quantity remaining availabilityText category { code name } owner { __typename } }
    } } }
  areas(first: 20) { edges { node { id name level children { id name } } } }
}
"""


# ------------------------------------------------------------------------------------ legitimate use
async def test_realistic_queries_and_graphiql_introspection_pass(
    client: httpx.AsyncClient, graph: Graph
) -> None:
    k.base(graph)
    k.unit(graph, "u1", "星城小学")
    k.resource(graph, "u1", "r1")
    body = await ask(client, DASHBOARD, first=100)
    assert not body.get("errors"), body.get("errors")
    assert body["data"]["units"]["totalCount"] == 1
    # GraphiQL's own introspection query, with every option it may turn on.
    introspection = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    body = await ask(client, introspection)
    assert not body.get("errors"), body.get("errors")
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


# ------------------------------------------------------------------------------------ depth
async def test_depth_bomb_is_refused_plain_and_through_fragments(client: httpx.AsyncClient) -> None:
    assert not (await ask(client, nested(9))).get("errors")  # depth 12: areas edges node + 9 parents
    assert "exceeds maximum operation depth of 12" in refusal(await ask(client, nested(12)))
    # The same depth spread over fragments, one level each.
    names = [f"F{i}" for i in range(12)]
    fragments = " ".join(
        f"fragment {name} on Area {{ id parent {{ {'...' + nxt if nxt else 'id'} }} }}"
        for name, nxt in zip(names, [*names[1:], None], strict=True)
    )
    query = f"{{ areas(first: 1) {{ edges {{ node {{ ...F0 }} }} }} }} {fragments}"
    assert "exceeds maximum operation depth of 12" in refusal(await ask(client, query))
    # Inline fragments do not hide depth either.
    inline = nested(12).replace("parent {", "... on Area { parent {").replace("}", "} }", 12)
    assert "exceeds maximum operation depth" in refusal(await ask(client, inline))


async def test_fragments_that_fan_out_are_refused_fast(client: httpx.AsyncClient) -> None:
    # F0 spreads F1 twice, F1 spreads F2 twice …: 2^40 fields once expanded, in 400 tokens.
    levels = 40
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    query = f"{{ ...F0 }} {fragments} fragment F{levels} on Query {{ health {{ backend }} }}"
    started = time.monotonic()
    body = await ask(client, query)
    assert time.monotonic() - started < 5
    assert body["errors"][0]["extensions"]["code"] == "COST_LIMIT"


async def test_unknown_or_cyclic_fragments_are_errors_not_crashes(client: httpx.AsyncClient) -> None:
    assert "Unknown fragment 'Nope'" in refusal(await ask(client, "{ ...Nope }"))
    cyclic = "{ ...A } fragment A on Query { health { backend } ...B } fragment B on Query { ...A }"
    assert "Cannot spread fragment" in refusal(await ask(client, cyclic))


# ------------------------------------------------------------------------------------ aliases, tokens
async def test_alias_flood_is_refused_plain_and_through_fragments(client: httpx.AsyncClient) -> None:
    thirty = " ".join(f"a{i}: health {{ backend }}" for i in range(30))
    assert not (await ask(client, f"{{ {thirty} }}")).get("errors")
    assert refusal(await ask(client, f"{{ {thirty} extra: health {{ backend }} }}")) == (
        "31 aliases found. Allowed: 30"
    )
    # Eight aliases in a fragment, spread four times through another fragment: 32.
    eight = " ".join(f"b{i}: health {{ backend }}" for i in range(8))
    query = (
        f"{{ ...Twice ...Twice }} fragment Twice on Query {{ ...A ...A }} fragment A on Query {{ {eight} }}"
    )
    assert refusal(await ask(client, query)) == "32 aliases found. Allowed: 30"


async def test_token_flood_is_refused_including_comments(client: httpx.AsyncClient) -> None:
    fields = " ".join(["backend"] * 2100)
    assert "more than 2000 tokens" in refusal(await ask(client, f"{{ health {{ {fields} }} }}"))
    comments = "\n".join(["# padding"] * 2100)
    assert "more than 2000 tokens" in refusal(await ask(client, f"{comments}\n{{ health {{ backend }} }}"))


# ------------------------------------------------------------------------------------ cost, page size
async def test_cost_counts_list_sizes_and_variables(client: httpx.AsyncClient) -> None:
    # units 1 + edges (1 + n × node (1 + resources (1 + 20 × usages (1 + 20 × project (1 + id 1))))))
    query = (
        "query Deep($n: Int!) { units(first: $n) "
        "{ edges { node { resources { usages { project { id } } } } } } }"
    )
    assert not (await ask(client, query, n=60)).get("errors")  # 2 + 60 × 822 = 49 322
    body = await ask(client, query, n=100)
    message = refusal(body)
    assert body["errors"][0]["extensions"] == {"code": "COST_LIMIT", "cost": 82_202, "maxCost": 50_000}
    assert message.startswith("'Deep' costs 82202, above the limit of 50000: ask for fewer items")
    # The verdicts are remembered by document and size variables, never carried to other values.
    for n, refused in [(60, False), (100, True), (60, False), (100, True)]:
        assert bool((await ask(client, query, n=n)).get("errors")) is refused
    # An absent variable takes its default (refused for its size); an explicit null does not (refused
    # later, as null): two different verdicts, whatever came first.
    defaulted = "query Paged($n: Int = 100000) { units(first: $n) { totalCount } }"
    out_of_range = "first: 100000 is out of range; ask for 0 to 100 items per page"
    for variables, sized in [({}, True), ({"n": None}, False), ({}, True)]:
        message = (await ask(client, defaulted, **variables))["errors"][0]["message"]
        assert (message == out_of_range) is sized, message


async def test_cost_limit_follows_the_setting(graph: Graph, tmp_path: Path) -> None:
    async with serve(graph, tmp_path, api_max_cost=10) as http:
        body = await ask(http, "{ areas(first: 5) { edges { node { id name } } } }")  # 1 + 1 + 5 × 3
        assert body["errors"][0]["extensions"] == {"code": "COST_LIMIT", "cost": 17, "maxCost": 10}
        assert not (await ask(http, "{ areas(first: 1) { edges { node { id name } } } }")).get("errors")


async def test_huge_page_sizes_are_refused_clearly(client: httpx.AsyncClient, graph: Graph) -> None:
    for query, variables in [
        ("{ units(first: 100000) { totalCount } }", {}),
        ("query($n: Int!) { units(first: $n) { totalCount } }", {"n": 100000}),
        ('{ search(text: "星", first: 100000) { __typename } }', {}),
    ]:
        message = refusal(await ask(client, query, **variables))
        assert message == "first: 100000 is out of range; ask for 0 to 100 items per page"
    # The matching queries' `limit` is refused as data (InvalidArgumentError), like their other arguments.
    k.base(graph)
    body = await ask(
        client,
        '{ match(communityId: "c1", need: "parking", limit: 100000) '
        "{ __typename ... on InvalidArgumentError { argument message } } }",
    )
    assert body["data"]["match"]["__typename"] == "InvalidArgumentError", body
    assert body["data"]["match"]["argument"] == "limit"


# ------------------------------------------------------------------------------------ body, batches
async def test_batched_operations_are_refused_unless_allowed(
    client: httpx.AsyncClient, graph: Graph, tmp_path: Path
) -> None:
    batch = [{"query": "{ health { backend } }"}] * 2
    response = await client.post("/graphql", json=batch)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BATCH_REFUSED"
    async with serve(graph, tmp_path, api_max_batch=2) as http:
        answers = (await http.post("/graphql", json=batch)).json()
        assert [a["data"]["health"]["backend"] for a in answers] == [graph.kind, graph.kind]
        response = await http.post("/graphql", json=batch * 2)
        assert response.status_code == 400
        assert "4 operations is more than the 2 allowed" in response.json()["errors"][0]["message"]


async def test_oversized_bodies_get_413(graph: Graph, tmp_path: Path) -> None:
    async with serve(graph, tmp_path, api_max_body_bytes=4096) as http:
        small = await http.post(
            "/graphql", json={"query": "{ health { backend } }", "variables": {"x": "a" * 3000}}
        )
        assert small.status_code == 200
        big = await http.post(
            "/graphql", json={"query": "{ health { backend } }", "variables": {"x": "a" * 5000}}
        )
        assert big.status_code == 413
        assert big.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
        assert big.headers["x-content-type-options"] == "nosniff"

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"query": "{ health { backend } }", "variables": {"x": "'
            for _ in range(10):
                yield b"a" * 1000
            yield b'"}}'

        streamed = await http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


# ------------------------------------------------------------------------------------ rate limit
async def test_rate_limit_answers_429_with_retry_after_then_recovers(graph: Graph, tmp_path: Path) -> None:
    query = {"query": "{ health { backend } }"}
    async with serve(graph, tmp_path, api_rate_per_minute=600, api_rate_burst=3) as http:  # 10 a second
        statuses = [(await http.post("/graphql", json=query)).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        limited = await http.post("/graphql", json=query)
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "1"
        assert limited.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert (await http.get("/healthz")).status_code == 200  # probes are exempt
        # Another key has its own bucket (its answer may be 401, but it is not rate limited).
        other = await http.post("/graphql", json=query, headers={"Authorization": "Bearer another-key"})
        assert other.status_code != 429
        await anyio.sleep(0.25)
        assert (await http.post("/graphql", json=query)).status_code == 200


# ------------------------------------------------------------------------------------ production mode
async def test_introspection_and_graphiql_are_off_in_production(
    client: httpx.AsyncClient, graph: Graph, tmp_path: Path
) -> None:
    query = "{ __schema { queryType { name } } }"
    assert (await ask(client, query))["data"]["__schema"]["queryType"]["name"] == "Query"
    async with serve(graph, tmp_path, environment="production") as http:
        for introspection in (query, '{ __type(name: "Unit") { name } }'):
            body = await ask(http, introspection)
            assert body["data"] is None and "introspection has been disabled" in body["errors"][0]["message"]
        assert (await ask(http, "{ health { backend } }"))["data"]["health"]["backend"] == graph.kind
        page = await http.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code != 200 and "graphiql" not in page.text.lower()
        assert (await http.get("/docs")).status_code == 404
        suggestion = refusal(await ask(http, "{ healt { backend } }"))
        assert "Did you mean" not in suggestion


# ------------------------------------------------------------------------------------ internal errors
async def test_internal_errors_are_masked_with_an_id_that_is_logged(
    client: httpx.AsyncClient, graph: Graph, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "张三丰 138" + "00000003"  # what an exception message might carry

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(secret)

    monkeypatch.setattr(graph, "read", broken)
    caplog.set_level(logging.INFO, logger="gongjian.api")
    body = await ask(client, "query Lookup($id: ID!) { unit(id: $id) { id } }", id="13900000009")
    error = body["errors"][0]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    error_id = error["extensions"]["errorId"]
    assert len(error_id) == 16
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert error_id in logged and "'Lookup'" in logged and "RuntimeError" in logged
    assert "broken" in logged  # the stack frames
    for personal in ("13800000003", "张三丰", "13900000009"):
        assert personal not in logged and personal not in str(body)
    # A variable of the wrong type is the caller's mistake: said plainly, not masked, not logged.
    caplog.clear()
    wrong = await ask(client, "query($n: Int!) { units(first: $n) { totalCount } }", n="many")
    assert "Int cannot represent non-integer value" in refusal(wrong)
    assert "errorId" not in str(wrong) and not caplog.records


@embedded_only
async def test_a_slow_query_times_out_with_a_clear_error(
    graph: Graph, graph_home: Path, tmp_path: Path
) -> None:
    graph.write(
        "UNWIND range(1, 200000) AS i CREATE (:Unit {id: 'u' + toString(i), name: '单位' + toString(i)})"
    )
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", query_timeout_ms=1)  # type: ignore[call-arg]
    slow = Graph.open(f"embedded://{graph_home}?graph={graph.backend.graph_name}", settings)  # type: ignore[attr-defined]
    try:
        transport = httpx.ASGITransport(app=create_app(settings, graph=slow))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            body = await ask(http, '{ search(text: "没有这个单位") { __typename } }')
    finally:
        slow.close()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TIMEOUT" and error["extensions"]["errorId"]
    assert error["message"].startswith("The query ran longer than 1 ms and was stopped")


# ------------------------------------------------------------------------------------ CORS, headers
async def test_cors_only_for_configured_origins(
    client: httpx.AsyncClient, graph: Graph, tmp_path: Path
) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    none = await client.options("/graphql", headers={"Origin": "https://app.example", **preflight})
    assert "access-control-allow-origin" not in none.headers
    async with serve(graph, tmp_path, api_cors_origins="https://app.example, https://admin.example") as http:
        allowed = await http.options("/graphql", headers={"Origin": "https://app.example", **preflight})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://app.example"
        refused = await http.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
        assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
        simple = await http.post(
            "/graphql", json={"query": "{ health { backend } }"}, headers={"Origin": "https://admin.example"}
        )
        assert simple.headers["access-control-allow-origin"] == "https://admin.example"


async def test_secure_headers_on_every_response(
    client: httpx.AsyncClient, graph: Graph, tmp_path: Path
) -> None:
    for response in [
        await client.post("/graphql", json={"query": "{ health { backend } }"}),
        await client.get("/healthz"),
        await client.get("/graphql", headers={"Accept": "text/html"}),
    ]:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "https://unpkg.com" in response.headers["content-security-policy"]  # GraphiQL's CDN
        assert "strict-transport-security" not in response.headers
    async with serve(graph, tmp_path, environment="production", api_https=True) as http:
        response = await http.post("/graphql", json={"query": "{ health { backend } }"})
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
        assert response.headers["strict-transport-security"].startswith("max-age=31536000")
        assert response.headers["x-frame-options"] == "DENY"


def test_verdicts_are_remembered_by_the_document_itself_never_by_hashing_its_tree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """graphql-core's nodes hash their whole tree (a tenth of a match request's time when verdicts were
    looked up that way): the verdict caches key documents by identity."""
    from graphql import DocumentNode, parse

    from gongjian.api.limits import _remembered

    document, twin = parse("{ a { b } }"), parse("{ a { b } }")
    calls: list[object] = []
    verdict = _remembered(lambda doc, n: calls.append(doc) or n, 8)

    def refuse(_: object) -> int:
        raise AssertionError("a document was hashed")

    monkeypatch.setattr(DocumentNode, "__hash__", refuse)
    assert [verdict(document, 1), verdict(document, 1), verdict(twin, 1), verdict(document, 2)] == [
        1,
        1,
        1,
        2,
    ]
    assert calls == [document, twin, document]
