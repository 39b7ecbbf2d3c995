"""The GraphQL schema, assembled from per-domain root types (``class Query(HealthQuery, …)``)."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache
from strawberry.schema.config import StrawberryConfig

from gongjian.settings import Settings, get_settings

from .audit import AuditTrail
from .internal_errors import MaskInternalErrors, Schema
from .limits import limit_extensions
from .permissions import Authorization
from .types.analysis import AnalysisQuery
from .types.entities import EntityQuery
from .types.health import HealthQuery
from .types.lists import ListMutation
from .types.loop import LoopMutation, LoopQuery
from .types.matching import MatchQuery
from .types.subscription import Subscription
from .types.viewer import ViewerQuery


@strawberry.type
class Query(HealthQuery, EntityQuery, MatchQuery, AnalysisQuery, LoopQuery, ViewerQuery):
    """Root query / 根查询"""


@strawberry.type
class Mutation(LoopMutation, ListMutation):
    """Root mutation / 根变更"""


def build_schema(*, production: bool = False, settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or get_settings()
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(
            disable_field_suggestions=production,
            batching_config={"max_operations": settings.api_max_batch} if settings.api_max_batch else None,
        ),
        # Unexpected errors are masked with an error id (api/internal_errors.py); ours pass (api/errors.py).
        # Parsing and validating a document costs milliseconds; clients repeat the same few documents
        # with different variables, so both are cached by document text (the schema never changes);
        # validation is cached by api/limits.py, which runs the variable-dependent cost rule first.
        extensions=[
            lambda: MaskInternalErrors(settings),
            lambda: ParserCache(maxsize=256),  # the caches live at module level, shared by requests
            *limit_extensions(settings, production=production),
            Authorization,  # roles and scope of every root field (api/permissions.py)
            AuditTrail,  # last: its resolve is the outermost, seeing every mutation (api/audit.py)
        ],
    )


schema = build_schema()
