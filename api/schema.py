"""The GraphQL schema, assembled from per-domain root types (``class Query(HealthQuery, …)``)."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from .errors import should_mask
from .types.analysis import AnalysisQuery
from .types.entities import EntityQuery
from .types.health import HealthQuery
from .types.matching import MatchQuery


@strawberry.type
class Query(HealthQuery, EntityQuery, MatchQuery, AnalysisQuery):
    """Root query / 根查询"""


def build_schema(*, production: bool = False) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        config=StrawberryConfig(disable_field_suggestions=production),
        # Unexpected errors are masked ("Unexpected error."); our user-facing ones pass (api/errors.py).
        # Parsing and validating a document costs milliseconds; clients repeat the same few documents
        # with different variables, so both are cached by document text (the schema never changes).
        extensions=[
            lambda: MaskErrors(should_mask_error=should_mask),
            lambda: ParserCache(maxsize=256),  # the caches live at module level, shared by requests
            lambda: ValidationCache(maxsize=256),
        ],
    )


schema = build_schema()
