"""Each deliverer's project statistics, kept on its node for matching's record and load parts.

``projectsCompleted``, ``projectsOpen``, ``projectsRated`` and ``ratingSum`` count a unit's or member's
projects by status (:data:`STATISTICS`). Matching reads them for every candidate in reach, where
counting the owner's projects per query grew with the loop's history. The loop statements
(``loop_create_project``, ``loop_move``) recount the deliverers of what they touched in the same
statement, so the counts change atomically with the projects.
"""

from __future__ import annotations

from gongjian.graph.facade import Graph

from .actions import COMPLETED, OPEN_COMMITMENTS

#: The statuses each count takes, as the statements' parameters.
STATISTICS = {
    "completed": sorted(status.value for status in COMPLETED),
    "open": sorted(status.value for status in OPEN_COMMITMENTS),
}


def refresh(graph: Graph) -> int:
    """Recount every deliverer's statistics; how many deliverers were recounted."""
    rows = graph.write(graph.named("loop_statistics_refresh"), **STATISTICS)
    return int(rows[0]["refreshed"]) if rows else 0


def ensure(graph: Graph) -> int:
    """Recount them all if some deliverer has none (a graph written before the loop kept them)."""
    return refresh(graph) if graph.read(graph.named("loop_statistics_missing")) else 0
