"""The GraphQL app through its ASGI interface."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from gongjian.api.schema import build_schema
from gongjian.graph.facade import Graph
from gongjian.graph.schema import init_schema

SDL = Path(__file__).resolve().parent.parent / "api" / "schema.graphql"


async def test_health_reports_backend_reachability_and_counts(
    client: httpx.AsyncClient, graph: Graph
) -> None:
    init_schema(graph)
    graph.write("CREATE (:Area {id: 'a1', name: '星城社区'})-[:WITHIN]->(:Area {id: 'a0', name: '星城街道'})")
    response = await client.post(
        "/graphql",
        json={
            "query": "{ health { backend reachable nodes { label count } relationships { label count } } }"
        },
    )
    assert response.status_code == 200
    health = response.json()["data"]["health"]
    assert health["backend"] == graph.kind
    assert health["reachable"] is True
    nodes = {row["label"]: row["count"] for row in health["nodes"]}
    assert nodes["Area"] == 2 and nodes["Category"] > 50
    assert {"label": "WITHIN", "count": 1} in health["relationships"]


async def test_health_reads_the_counts_only_when_asked(
    client: httpx.AsyncClient, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts scan the whole graph (seconds at city scale): a liveness probe must not pay for them."""
    seen: list[str] = []
    read = graph.read

    def spy(query: str, /, **params: object) -> list[dict[str, object]]:
        seen.append(query)
        return read(query, **params)

    monkeypatch.setattr(graph, "read", spy)
    response = await client.post("/graphql", json={"query": "{ health { backend reachable } }"})
    assert response.json()["data"]["health"]["reachable"] is True
    assert seen == []
    await client.post("/graphql", json={"query": "{ health { nodes { label } } }"})
    assert len(seen) == 1


async def test_healthz_answers_ok(client: httpx.AsyncClient, graph: Graph) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "backend": graph.kind}


async def test_graphiql_is_served_in_development(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_unknown_fields_are_graphql_errors_not_server_errors(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ nothing }"})
    assert response.status_code == 200
    assert response.json()["errors"]


def test_committed_sdl_matches_the_code() -> None:
    current = build_schema().as_str() + "\n"
    assert SDL.read_text(encoding="utf-8") == current, (
        "api/schema.graphql is out of date: run `make schema` and commit the result"
    )
