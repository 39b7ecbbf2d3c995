"""The FastAPI application: GraphQL at ``/graphql`` (GraphiQL in development) and ``/healthz``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from gongjian import __version__
from gongjian.graph.facade import Graph
from gongjian.graph.loop import clock as clocks
from gongjian.settings import Settings, get_settings

from .auth import AuthenticatingRouter, Authenticator, Unauthenticated, refuse
from .broker import Broker, area_ancestors
from .context import Context
from .middleware import install as install_protections
from .schema import build_schema


def create_app(
    settings: Settings | None = None, graph: Graph | None = None, clock: clocks.Clock = clocks.now
) -> FastAPI:
    """The app. A ``graph`` passed in is used and left open; otherwise one is opened and closed.
    ``clock`` is the loop's time (tests pass a controlled one)."""
    settings = settings or get_settings()
    production = settings.environment == "production"
    state: dict[str, Graph] = {"graph": graph} if graph is not None else {}
    # Live updates (demandEvents): one broker per app, fed by every request's loop engine.
    broker = Broker(lambda area_id: area_ancestors(state["graph"], area_id))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state["graph"] = graph or await run_in_threadpool(Graph.open, None, settings)
        try:
            yield
        finally:
            broker.close()  # ends every open subscription's stream
            if graph is None:
                await run_in_threadpool(state["graph"].close)

    hidden_docs = {"docs_url": None, "redoc_url": None, "openapi_url": None} if production else {}
    app = FastAPI(title="Gongjian 共建", version=__version__, lifespan=lifespan, **hidden_docs)
    install_protections(app, settings)  # api/middleware.py: headers, CORS, rate and body limits
    app.state.broker = broker
    authenticator = Authenticator(settings, clock)  # api/auth.py: Authorization: Bearer → caller
    app.add_exception_handler(Unauthenticated, refuse)

    async def get_context(connection: HTTPConnection) -> Context:
        caller = await authenticator.for_connection(state["graph"], connection)
        origin = connection.client.host if connection.client else None  # for the audit trail
        return Context.create(
            state["graph"], settings, caller, listeners=(broker.publish,), clock=clock, origin=origin
        )

    router = AuthenticatingRouter(
        build_schema(production=production, settings=settings),
        authenticator=authenticator,
        context_getter=get_context,
        graphql_ide=None if production else "graphiql",
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )
    app.include_router(router, prefix="/graphql")

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        current = state.get("graph")
        reachable = current is not None and await run_in_threadpool(current.ping)
        body = {"status": "ok" if reachable else "unavailable", "backend": current.kind if current else None}
        return JSONResponse(body, status_code=200 if reachable else 503)

    return app
