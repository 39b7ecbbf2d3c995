"""``gongjian db init``: constraints and indexes for the active dialect, then the taxonomy.

Running it twice is a no-op: Neo4j statements say ``IF NOT EXISTS``; on FalkorDB an index or
constraint that already exists is skipped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from . import cypher_loader, spatial
from .errors import GraphError, QueryError
from .facade import Graph
from .loop import statistics
from .model import NODES
from .taxonomy import Taxonomy, category_rows

_ALREADY = ("already indexed", "already exists", "no such index")  # created before / dropped before


@dataclass
class InitReport:
    statements_applied: int = 0
    statements_skipped: int = 0
    constraints_created: list[str] = field(default_factory=list)
    categories: int = 0
    taxonomy_version: int = 0
    statistics_refreshed: int = 0  # deliverers whose project statistics were filled in
    reserved_refreshed: int = 0  # resources whose reserved quantity was filled in
    cells_filled: int = 0  # resources whose spatial key was filled in


def init_schema(graph: Graph, taxonomy: Taxonomy | None = None) -> InitReport:
    report = InitReport()
    for statement in cypher_loader.statements(graph.named("schema")):
        try:
            graph.write(statement)
            report.statements_applied += 1
        except QueryError as exc:
            if not any(marker in str(exc) for marker in _ALREADY):
                raise
            report.statements_skipped += 1
    if graph.dialect == "falkordb":
        report.constraints_created = _falkordb_unique_constraints(graph)
        _falkordb_register_vocabulary(graph)
    taxonomy = taxonomy or Taxonomy.load()
    rows = category_rows(taxonomy)
    graph.write(graph.named("taxonomy_categories"), rows=rows)
    graph.write(graph.named("taxonomy_broader"), rows=rows)
    report.categories = len(rows)
    report.taxonomy_version = taxonomy.version
    refreshed = statistics.ensure(graph)
    report.statistics_refreshed, report.reserved_refreshed = refreshed.deliverers, refreshed.resources
    report.cells_filled = spatial.ensure_cells(graph)
    return report


def _falkordb_unique_constraints(graph: Graph, timeout_s: float = 30.0) -> list[str]:
    """Unique constraints on every node key; FalkorDB builds them asynchronously, so wait."""
    falkor = graph.backend.index_and_constraint_commands()  # type: ignore[attr-defined]
    existing = {(c["label"], tuple(c["properties"])) for c in falkor.list_constraints()}
    created = []
    for spec in NODES:
        if (spec.label.value, (spec.key,)) not in existing:
            falkor.create_node_unique_constraint(spec.label.value, spec.key)
            created.append(f"{spec.label.value}.{spec.key}")
    deadline = time.monotonic() + timeout_s
    while created and time.monotonic() < deadline:
        states = {c["status"] for c in falkor.list_constraints()}
        if states <= {"OPERATIONAL"}:
            break
        if "FAILED" in states:
            raise GraphError(
                "a unique constraint could not be built because existing nodes share a key; "
                "run `gongjian db stats` and remove the duplicates, then `gongjian db init` again"
            )
        time.sleep(0.05)
    return created


def _falkordb_register_vocabulary(graph: Graph) -> None:
    """Make every relationship type and property key of the model known to FalkorDB up front (see the
    header of ``schema_vocabulary.falkordb.cypher``: cached plans otherwise miss types created later)."""
    graph.write(graph.named("schema_vocabulary"))


def stats(graph: Graph) -> dict[str, dict[str, int]]:
    """Node counts per label and relationship counts per type."""
    return {"nodes": node_counts(graph), "relationships": relationship_counts(graph)}


def node_counts(graph: Graph) -> dict[str, int]:
    return {row["label"]: row["count"] for row in graph.read(graph.named("stats_labels"))}


def relationship_counts(graph: Graph) -> dict[str, int]:
    return {row["type"]: row["count"] for row in graph.read(graph.named("stats_relationships"))}


def has_data(graph: Graph) -> bool:
    """True when the graph holds network data beyond the taxonomy."""
    return bool(graph.read(graph.named("has_data"))[0]["areas"])
