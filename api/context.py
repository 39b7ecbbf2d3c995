"""The per-request GraphQL context: the graph, the settings and the caller.

DataLoaders are created here per request (never at module level) so that batching never leaks data
between callers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongjian.graph.facade import Graph
from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from gongjian.settings import Settings


@dataclass(frozen=True)
class Caller:
    """Who is asking. Anonymous until the access-control issue adds authentication."""

    id: str = "anonymous"
    roles: frozenset[str] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return self.id == "anonymous"


@dataclass
class Context(BaseContext):
    graph: Graph
    settings: Settings
    caller: Caller = field(default_factory=Caller)
    loaders: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()


Info = StrawberryInfo[Context, None]
