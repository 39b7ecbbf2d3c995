"""Running a guarded list statement: on Neo4j the nodes it guards are locked first, in the same
transaction (``lists_lock.neo4j.cypher``), so that a concurrent dispatch cannot slip between the check
and the write; FalkorDB runs one writer per graph and one statement is atomic by itself.
"""

from __future__ import annotations

from typing import Any

from gongjian.graph.facade import Graph

Rows = list[dict[str, Any]]


def guarded_write(
    graph: Graph,
    name: str,
    params: dict[str, Any],
    *,
    demand_id: str | None = None,
    resource_id: str | None = None,
) -> Rows:
    statement = graph.named(name)
    if graph.dialect == "neo4j" and (demand_id or resource_id):
        lock = graph.named("lists_lock")
        return graph.write_unit(
            [(lock, {"demandId": demand_id, "resourceId": resource_id}), (statement, params)]
        )
    return graph.write(statement, **params)
