"""What the loop keeps on nodes for matching: each deliverer's project statistics and each resource's
reserved quantity.

``projectsCompleted``, ``projectsOpen``, ``projectsRated`` and ``ratingSum`` count a unit's or member's
projects by status (:data:`STATISTICS`); ``reserved`` is the quantity of a resource that live projects
(``reserving``) use. Matching reads them for every candidate in reach, where counting the owner's
projects and the resource's uses per query grew with the loop's history. The loop statements
(``loop_create_project``, ``loop_move``) recount the deliverers and the resource of what they touched
in the same statement, so the counts change atomically with the projects.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongjian.graph.backends.base import Rows
from gongjian.graph.facade import Graph

from .actions import COMPLETED, OPEN_COMMITMENTS, RESERVING

#: The statuses each count takes, as the statements' parameters.
STATISTICS = {
    "completed": sorted(status.value for status in COMPLETED),
    "open": sorted(status.value for status in OPEN_COMMITMENTS),
    "reserving": sorted(status.value for status in RESERVING),
}


@dataclass(frozen=True)
class Refreshed:
    deliverers: int = 0
    resources: int = 0


def refresh(graph: Graph) -> Refreshed:
    """Recount every deliverer's statistics and every used resource's reserved quantity."""
    return Refreshed(_refresh_deliverers(graph), _refresh_resources(graph))


def ensure(graph: Graph) -> Refreshed:
    """Recount the deliverers if one has no statistics, the resources if a used one has no reserved
    quantity (a graph written before the loop kept them)."""
    missing = graph.read(graph.named("loop_statistics_missing"))
    deliverers = _refresh_deliverers(graph) if missing else 0
    missing = graph.read(graph.named("loop_reserved_missing"))
    return Refreshed(deliverers, _refresh_resources(graph) if missing else 0)


def _refresh_deliverers(graph: Graph) -> int:
    return _count(graph.write(graph.named("loop_statistics_refresh"), **STATISTICS))


def _refresh_resources(graph: Graph) -> int:
    return _count(graph.write(graph.named("loop_reserved_refresh"), reserving=STATISTICS["reserving"]))


def _count(rows: Rows) -> int:
    return int(rows[0]["refreshed"]) if rows else 0
