"""``health``: which backend answers, whether it is reachable, and what it holds."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from gongjian.graph.errors import GraphError
from gongjian.graph.schema import stats

from ..context import Info


@strawberry.type(description="A count of nodes with one label / 某类节点的数量")
class LabelCount:
    label: str
    count: int


@strawberry.type(description="Service health / 服务健康状态")
class Health:
    backend: str = strawberry.field(description="embedded, falkordb or neo4j / 图数据库类型")
    description: str = strawberry.field(description="Where the data lives / 数据所在位置")
    reachable: bool = strawberry.field(description="The graph answers / 图数据库可达")
    nodes: list[LabelCount] = strawberry.field(description="Node counts per label / 各类节点数量")
    relationships: list[LabelCount] = strawberry.field(
        description="Relationship counts per type / 各类关系数量"
    )


def _health(info: Info) -> Health:
    graph = info.context.graph
    try:
        counts = stats(graph)
        reachable = True
    except GraphError:
        counts, reachable = {"nodes": {}, "relationships": {}}, False
    return Health(
        backend=graph.kind,
        description=graph.description,
        reachable=reachable,
        nodes=[LabelCount(label=k, count=v) for k, v in sorted(counts["nodes"].items())],
        relationships=[LabelCount(label=k, count=v) for k, v in sorted(counts["relationships"].items())],
    )


@strawberry.type
class HealthQuery:
    @strawberry.field(description="Backend kind, reachability and counts / 后端类型、可达性与数量")
    async def health(self, info: Info) -> Health:
        return await run_in_threadpool(_health, info)
