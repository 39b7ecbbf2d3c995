"""What a list row becomes before it is written: an :class:`Entity` with an id, properties and links.

``props`` are node (or, for agreements, relationship) properties, compared with the graph and written;
a key that is absent is left alone in the graph. ``links`` are relationship targets by name (ids),
compared and written. ``extra`` is written but never compared (defaults set only on creation).
The :class:`Collector` keeps one entity per id and reports duplicates within a file; a file built
chunk by chunk shares one collector, and :meth:`Collector.take` hands over what each chunk added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import CONFLICTING_ROW, DUPLICATE_ROW, Problem

Location = dict[str, float]  # {"latitude": …, "longitude": …}


@dataclass(slots=True)
class Entity:
    id: str
    props: dict[str, Any]
    links: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)

    def params(self) -> dict[str, Any]:
        """The row handed to the kind's ``UNWIND $rows`` write statement."""
        # A key left out reads as null in Cypher on both engines, and ``SET n.p = null`` removes p:
        # dropping None values keeps the parameters (serialised per batch) small.
        # ``location`` is a {latitude, longitude} map: ``point(row.location)`` is null without it.
        row: dict[str, Any] = {"id": self.id}
        for key, value in self.props.items():
            if value is not None:
                row[key] = value
        row.update(self.links)
        row.update((k, v) for k, v in self.extra.items() if v is not None)
        return row

    def same_as(self, other: Entity) -> bool:
        return self.props == other.props and self.links == other.links


def location(lat: float | None, lon: float | None) -> Location | None:
    if lat is None or lon is None:
        return None
    return {"latitude": lat, "longitude": lon}


class Collector:
    """Entities of one file by id, with duplicate detection across rows."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.problems: list[Problem] = []
        self._fresh: list[Entity] = []

    def take(self) -> tuple[list[Entity], list[Problem]]:
        """The entities and problems added since the last call (or since the start)."""
        fresh, problems = self._fresh, self.problems
        self._fresh, self.problems = [], []
        return fresh, problems

    def add(self, entity: Entity, row: int, what: str) -> bool:
        """Add the entity of ``row``; False when the row is rejected as a conflicting duplicate."""
        first = self.entities.get(entity.id)
        if first is None:
            entity.rows = [row]
            self.entities[entity.id] = entity
            self._fresh.append(entity)
            return True
        if first.same_as(entity):
            first.rows.append(row)
            self.problems.append(
                Problem(
                    DUPLICATE_ROW,
                    f"与第{first.rows[0]}行重复（同一{what}），只写入一次",
                    "删除重复的行",
                    row,
                    severity="warning",
                )
            )
            return True
        self.problems.append(
            Problem(
                CONFLICTING_ROW,
                f"与第{first.rows[0]}行是同一{what}，但内容不同",
                f"保留一行：合并两行的内容，或删除其中一行（已写入第{first.rows[0]}行）",
                row,
            )
        )
        return False
