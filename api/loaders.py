"""Per-request DataLoaders: every nested field of a GraphQL answer costs one graph query per level,
whatever the number of parents (no N+1).

Built by the context getter for each request (never at module level, so batches never mix callers).
Each loader runs one named statement (``graph/cypher/read_*.cypher``) for all keys of a batch, off the
event loop (the graph facade is synchronous).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from gongjian.graph.facade import Graph
from gongjian.graph.matching.engine import RESERVING
from gongjian.graph.model import Label

if TYPE_CHECKING:
    from .permissions import Guard

Row = dict[str, Any]

#: Relationship fields with a batch statement ``read_rel_<name>.cypher``.
RELATIONS = frozenset(
    {
        "area_parent",
        "area_children",
        "area_units",
        "area_orgs",
        "area_demands",
        "area_resources",
        "area_agreements",
        "area_reported_units",
        "area_reported_members",
        "org_parent",
        "org_children",
        "org_areas",
        "org_unit",
        "org_members",
        "org_seats",
        "unit_area",
        "unit_resources",
        "unit_agreements",
        "unit_seats",
        "unit_reported_to",
        "unit_org",
        "unit_projects",
        "unit_members",
        "member_orgs",
        "member_employer",
        "member_home",
        "member_reported_to",
        "member_resources",
        "member_projects",
        "member_point_events",
        "resource_owner",
        "resource_usages",
        "demand_area",
        "demand_projects",
        "demand_events",
        "project_demand",
        "project_usages",
        "project_deliverers",
        "project_events",
    }
)

NODE_LABELS = (
    Label.AREA,
    Label.ORG,
    Label.UNIT,
    Label.MEMBER,
    Label.RESOURCE,
    Label.DEMAND,
    Label.PROJECT,
    Label.EVENT,
)


class Loaders:
    """The DataLoaders of one request: nodes by id, relationship fields, remaining capacity.

    With a ``guard`` (api/permissions.py), nodes the caller may not see are left out: a lookup by id
    answers ``None``, a relationship field omits them.
    """

    def __init__(self, graph: Graph, guard: Guard | None = None) -> None:
        self.graph = graph
        self.guard = guard
        self._nodes: dict[Label, DataLoader[str, Row | None]] = {}
        self._relations: dict[str, DataLoader[str, list[Row]]] = {}
        self.remaining: DataLoader[str, int] = DataLoader(load_fn=self._load_remaining)

    async def read(self, name: str, **params: Any) -> list[Row]:
        """Run a named statement off the event loop."""
        graph = self.graph
        return await run_in_threadpool(lambda: graph.read(graph.named(name), **params))

    def node(self, label: Label) -> DataLoader[str, Row | None]:
        if label not in NODE_LABELS:
            raise KeyError(f"no node loader for {label}")
        if label not in self._nodes:

            async def load(keys: Sequence[str]) -> list[Row | None]:
                rows = await self.read(f"read_{label.value.lower()}_by_ids", ids=list(dict.fromkeys(keys)))
                found = {row["key"]: row["node"] for row in rows}
                if self.guard is not None:
                    allowed = await self.guard.visible_ids(label, found)
                    found = {key: node for key, node in found.items() if key in allowed}
                return [found.get(key) for key in keys]

            self._nodes[label] = DataLoader(load_fn=load)
        return self._nodes[label]

    def relation(self, name: str) -> DataLoader[str, list[Row]]:
        """Neighbours of many nodes at once: rows ``{key, label, node, rel}`` per source id."""
        if name not in RELATIONS:
            raise KeyError(f"no relationship loader {name!r}")
        if name not in self._relations:

            async def load(keys: Sequence[str]) -> list[list[Row]]:
                rows = await self.visible(await self.read(f"read_rel_{name}", ids=list(dict.fromkeys(keys))))
                grouped: dict[str, list[Row]] = defaultdict(list)
                for row in rows:
                    grouped[row["key"]].append(row)
                return [grouped.get(key, []) for key in keys]

            self._relations[name] = DataLoader(load_fn=load)
        return self._relations[name]

    async def visible(self, rows: list[Row]) -> list[Row]:
        """The rows whose ``node`` (of label ``label``) the caller may see."""
        if self.guard is None or self.guard.sees_everything:
            return rows
        by_label: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            if row.get("node") is not None:
                by_label[row["label"]].append(row["node"]["id"])
        allowed = {
            (label, id_)
            for label, ids in by_label.items()
            for id_ in await self.guard.visible_ids(Label(label), ids)
        }
        return [
            row for row in rows if row.get("node") is None or (row["label"], row["node"]["id"]) in allowed
        ]

    async def _load_remaining(self, keys: Sequence[str]) -> list[int]:
        rows = await self.read("read_resource_remaining", ids=list(dict.fromkeys(keys)), reserving=RESERVING)
        found = {row["key"]: int(row["remaining"] or 0) for row in rows}
        return [found.get(key, 0) for key in keys]
