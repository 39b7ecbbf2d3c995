"""``health``: which backend answers, whether it is reachable, and what it holds.

Reachability is one ping; the counts are read only when asked for (they scan the whole graph: seconds at
city scale), so a liveness probe such as ``{ health { reachable } }`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from starlette.concurrency import run_in_threadpool

from gongjian.graph.errors import GraphError
from gongjian.graph.facade import Graph
from gongjian.graph.schema import node_counts, relationship_counts

from ..context import Info


@strawberry.type(description="A count of nodes with one label / 某类节点的数量")
class LabelCount:
    label: str
    count: int


def _counts(graph: Graph, read: Callable[[Graph], dict[str, int]]) -> list[LabelCount]:
    try:
        counts = read(graph)
    except GraphError:
        return []
    return [LabelCount(label=k, count=v) for k, v in sorted(counts.items())]


@strawberry.type(description="Service health / 服务健康状态")
class Health:
    backend: str = strawberry.field(description="embedded, falkordb or neo4j / 图数据库类型")
    description: str = strawberry.field(description="Where the data lives / 数据所在位置")
    reachable: bool = strawberry.field(description="The graph answers / 图数据库可达")

    @strawberry.field(description="Node counts per label (scans the graph) / 各类节点数量")
    async def nodes(self, info: Info) -> list[LabelCount]:
        return await run_in_threadpool(_counts, info.context.graph, node_counts)

    @strawberry.field(description="Relationship counts per type (scans the graph) / 各类关系数量")
    async def relationships(self, info: Info) -> list[LabelCount]:
        return await run_in_threadpool(_counts, info.context.graph, relationship_counts)


@strawberry.type
class HealthQuery:
    @strawberry.field(description="Backend kind, reachability and counts / 后端类型、可达性与数量")
    async def health(self, info: Info) -> Health:
        graph = info.context.graph
        reachable = await run_in_threadpool(graph.ping)
        return Health(backend=graph.kind, description=graph.description, reachable=reachable)
