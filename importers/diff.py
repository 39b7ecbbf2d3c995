"""Compare the entities of a list with what the graph holds: created, updated or unchanged.

The stored state is read in batches by id (``import_<kind>_existing.cypher``, one column per property
and per link), or comes with the list's scope where that names every entity a row can be. Only the
properties an entity carries are compared; points within :data:`LOCATION_TOLERANCE` degrees are equal
(FalkorDB keeps coordinates as 32-bit floats). Additive links (a unit's 共建社区) are unchanged when
every listed target is already linked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gongjian.graph.facade import Graph

from .entity import Entity
from .kinds.base import Kind

LOCATION_TOLERANCE = 1e-5  # degrees, about a metre
READ_BATCH = 5000


@dataclass
class Diff:
    created: list[Entity] = field(default_factory=list)
    updated: list[Entity] = field(default_factory=list)
    unchanged: list[Entity] = field(default_factory=list)

    @property
    def to_write(self) -> list[Entity]:
        return self.created + self.updated


def diff(
    graph: Graph, kind: Kind, entities: list[Entity], known: Mapping[str, dict[str, Any]] | None = None
) -> Diff:
    """Sort ``entities`` by what the graph holds. Given ``known`` (every stored entity they can be, as
    ``import_<kind>_existing`` reads it), nothing is read: the ids outside it are absent."""
    result = Diff()
    if not entities:
        return result
    existing = read_existing(graph, kind, (e.id for e in entities)) if known is None else known
    for entity in entities:
        stored = existing.get(entity.id)
        if stored is None:
            result.created.append(entity)
        elif is_same(entity, stored, kind.additive_links):
            result.unchanged.append(entity)
        else:
            result.updated.append(entity)
    return result


def read_existing(graph: Graph, kind: Kind, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    query = graph.named(kind.existing_query)
    all_ids = list(ids)
    stored: dict[str, dict[str, Any]] = {}
    for start in range(0, len(all_ids), READ_BATCH):
        for row in graph.read(query, ids=all_ids[start : start + READ_BATCH]):
            stored[row["id"]] = row
    return stored


def is_same(entity: Entity, stored: dict[str, Any], additive: frozenset[str] = frozenset()) -> bool:
    for key, value in entity.props.items():
        if not _equal(value, stored.get(key)):
            return False
    for key, targets in entity.links.items():
        have = set(stored.get(key) or [])
        if key in additive:
            if not set(targets) <= have:
                return False
        elif set(targets) != have:
            return False
    return True


def _equal(mine: Any, theirs: Any) -> bool:
    if mine in (None, [], "") and theirs in (None, [], ""):
        return True
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return all(abs(float(mine[k]) - float(theirs.get(k, 1e9))) <= LOCATION_TOLERANCE for k in mine)
    if isinstance(mine, list) and isinstance(theirs, list):
        return [str(x) for x in mine] == [str(x) for x in theirs]
    if isinstance(mine, int | float) and isinstance(theirs, int | float) and not isinstance(mine, bool):
        return float(mine) == float(theirs)
    return bool(mine == theirs)
