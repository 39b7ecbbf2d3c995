"""The FastAPI application: GraphQL at ``/graphql`` (GraphiQL in development) and ``/healthz``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from strawberry.fastapi import GraphQLRouter

from gongjian import __version__
from gongjian.graph.facade import Graph
from gongjian.settings import Settings, get_settings

from .context import Context
from .schema import build_schema


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    """The app. A ``graph`` passed in is used and left open; otherwise one is opened and closed."""
    settings = settings or get_settings()
    production = settings.environment == "production"
    state: dict[str, Graph] = {"graph": graph} if graph is not None else {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state["graph"] = graph or await run_in_threadpool(Graph.open, None, settings)
        try:
            yield
        finally:
            if graph is None:
                await run_in_threadpool(state["graph"].close)

    app = FastAPI(title="Gongjian 共建", version=__version__, lifespan=lifespan)

    async def get_context() -> Context:
        return Context.create(state["graph"], settings)

    router = GraphQLRouter(
        build_schema(production=production),
        context_getter=get_context,
        graphql_ide=None if production else "graphiql",
    )
    app.include_router(router, prefix="/graphql")

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        current = state.get("graph")
        reachable = current is not None and await run_in_threadpool(current.ping)
        body = {"status": "ok" if reachable else "unavailable", "backend": current.kind if current else None}
        return JSONResponse(body, status_code=200 if reachable else 503)

    return app
