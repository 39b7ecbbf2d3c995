"""The GraphQL schema, assembled from per-domain root types (``class Query(HealthQuery, …)``)."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors
from strawberry.schema.config import StrawberryConfig

from .errors import should_mask
from .types.entities import EntityQuery
from .types.health import HealthQuery
from .types.matching import MatchQuery


@strawberry.type
class Query(HealthQuery, EntityQuery, MatchQuery):
    """Root query / 根查询"""


def build_schema(*, production: bool = False) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        config=StrawberryConfig(disable_field_suggestions=production),
        # Unexpected errors are masked ("Unexpected error."); our user-facing ones pass (api/errors.py).
        extensions=[lambda: MaskErrors(should_mask_error=should_mask)],
    )


schema = build_schema()
