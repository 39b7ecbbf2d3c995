"""The GraphQL schema, assembled from per-domain root types (``class Query(HealthQuery, …)``)."""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

from .types.health import HealthQuery


@strawberry.type
class Query(HealthQuery):
    """Root query / 根查询"""


def build_schema(*, production: bool = False) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        config=StrawberryConfig(disable_field_suggestions=production),
    )


schema = build_schema()
