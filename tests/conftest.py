"""Test fixtures: each test gets its own empty graph on the real engine.

By default the embedded FalkorDB: one private server for the session, one named graph per test.
With ``GONGJIAN_TEST_GRAPH_URI`` set (e.g. ``bolt://localhost:7687``), the same tests run against that
database instead, which is emptied before and after each test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from gongjian.api.app import create_app
from gongjian.graph.facade import Graph
from gongjian.settings import Settings

from .fixtures.clock import Clock

TEST_GRAPH_URI = os.environ.get("GONGJIAN_TEST_GRAPH_URI", "")

embedded_only = pytest.mark.skipif(
    bool(TEST_GRAPH_URI), reason="exercises the embedded server process itself"
)


@pytest.fixture(scope="session")
def graph_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder of the session's embedded server, held open for the whole session: the server stops
    when its last handle closes, and starting it again replays its whole append-only file."""
    home = tmp_path_factory.mktemp("graph-home")
    if TEST_GRAPH_URI:
        yield home
        return
    keeper = Graph.open(
        f"embedded://{home}?graph=session-keeper",
        Settings(data_dir=home, _env_file=None),  # type: ignore[call-arg]
    )
    try:
        yield home
    finally:
        keeper.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def graph(graph_home: Path, settings: Settings) -> Iterator[Graph]:
    if TEST_GRAPH_URI:
        opened = Graph.open(TEST_GRAPH_URI, settings)
    else:
        opened = Graph.open(f"embedded://{graph_home}?graph=t{uuid.uuid4().hex[:12]}", settings)
    opened.clear()
    try:
        yield opened
    finally:
        opened.clear()
        opened.close()


@pytest.fixture
def schema_graph(graph: Graph) -> Graph:
    """An empty graph with the schema and the taxonomy loaded."""
    from gongjian.graph.schema import init_schema

    init_schema(graph)
    return graph


@pytest.fixture
async def client(graph: Graph, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, graph=graph)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def admin_client(graph: Graph, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client acting as an admin account (Bearer key): mutations and analyses need a role that may."""
    from gongjian.graph.accounts import Accounts

    _, key = Accounts(graph, settings).create("测试管理员", ["admin"])
    app = create_app(settings, graph=graph)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers={"Authorization": f"Bearer {key}"}
    ) as http:
        yield http


@pytest.fixture
def clock() -> Clock:
    return Clock()
