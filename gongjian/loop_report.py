"""What the coordinators' commands show about the loop: one demand with its projects, timeline, loop times
and due time, and the overdue demands of an area — as plain dicts, with no personal data in them.

Only whitelisted properties are copied out of the graph: a demand's contact, a member's name and phone
never reach a terminal (design.md §8); a member who delivers a project is shown by id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import MOVES, Action, allowed_actions
from gongjian.graph.loop.errors import NotFound
from gongjian.graph.loop.timeline import in_order
from gongjian.graph.loop.timing import due_at, is_overdue, loop_times, overdue_demand_ids
from gongjian.graph.matching.errors import AmbiguousName
from gongjian.graph.matching.errors import NotFound as NameNotFound
from gongjian.graph.model import AreaLevel, DemandStatus, Label
from gongjian.settings import Settings

ACTION_ZH: dict[str, str] = {
    Action.RAISE.value: "提出需求",
    Action.UPDATE.value: "修改",
    Action.CREDIT.value: "积分",
    **{action.value: move.zh for action, move in MOVES.items()},
}

_STATUSES = frozenset(status.value for status in DemandStatus)
_DEMAND_FIELDS = (
    "id", "title", "category", "quantity", "window", "urgency", "status", "createdAt", "deadline", "source",
    "note",
)  # fmt: skip
_PROJECT_FIELDS = ("id", "title", "status", "quantity", "startedAt", "completedAt", "rating", "feedback")
_EVENT_FIELDS = (
    "id",
    "at",
    "action",
    "fromStatus",
    "toStatus",
    "actor",
    "note",
    "targetId",
    "quantity",
    "points",
)


def demand_view(graph: Graph, settings: Settings, demand_id: str, now: datetime) -> dict[str, Any]:
    """The demand, its community, projects (deliverers, resources), timeline in order, loop times, due
    time and whether it is overdue at ``now``; raises :class:`NotFound` for an unknown id."""
    ids = [demand_id]
    found = graph.read(graph.named("read_demand_by_ids"), ids=ids)
    if not found:
        raise NotFound("demand", demand_id)
    node = found[0]["node"]
    view: dict[str, Any] = _pick(node, _DEMAND_FIELDS)
    areas = graph.read(graph.named("read_rel_demand_area"), ids=ids)
    view["community"] = _pick(areas[0]["node"], ("id", "name", "path")) if areas else None

    projects = sorted(
        (row["node"] for row in graph.read(graph.named("read_rel_demand_projects"), ids=ids)),
        key=lambda p: p.get("id") or "",
    )
    project_ids = [p["id"] for p in projects]
    deliverers = _by_key(graph, "read_rel_project_deliverers", project_ids)
    usages = _by_key(graph, "read_rel_project_usages", project_ids)
    view["projects"] = [
        {
            **_pick(project, _PROJECT_FIELDS),
            "deliverers": sorted(
                (_deliverer(row) for row in deliverers.get(project["id"], [])),
                key=lambda d: (d["kind"] != "unit", d["id"] or ""),
            ),
            "resources": [
                {
                    "id": row["node"].get("id"),
                    "name": row["node"].get("name"),
                    "quantity": row["rel"].get("quantity"),
                }
                for row in usages.get(project["id"], [])
            ],
        }
        for project in projects
    ]

    demand_events = [row["node"] for row in graph.read(graph.named("read_rel_demand_events"), ids=ids)]
    project_events = [
        row["node"]
        for rows in _by_key(graph, "read_rel_project_events", project_ids).values()
        for row in rows
    ]
    unique = {event["id"]: event for event in [*demand_events, *project_events]}
    view["timeline"] = [_pick(event, _EVENT_FIELDS) for event in in_order(unique.values())]

    times = loop_times(node.get("createdAt"), demand_events)
    created = node.get("createdAt")
    view |= {
        "dueAt": due_at(created, node.get("deadline"), node.get("urgency"), settings) if created else None,
        "overdue": is_overdue(node, now, settings),
        "hoursToDispatch": times.to_dispatch,
        "hoursToAccept": times.to_accept,
        "hoursToComplete": times.to_complete,
        "allowedNext": [a.value for a in allowed_actions(DemandStatus(node["status"]))]
        if node.get("status") in _STATUSES
        else [],
    }
    return view


def overdue_rows(
    graph: Graph, settings: Settings, now: datetime, area: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Overdue demands raised in ``area`` (an id or unambiguous name or path, with everything below it;
    ``None`` = everywhere), the longest-waiting first: id, community, title, urgency, raised, due, status."""
    area_ids = resolve_area(graph, area) if area else None
    ids = overdue_demand_ids(graph, settings, now, area_ids, limit)
    if not ids:
        return []
    nodes = {row["key"]: row["node"] for row in graph.read(graph.named("read_demand_by_ids"), ids=ids)}
    communities = {
        row["key"]: row["node"] for row in graph.read(graph.named("read_rel_demand_area"), ids=ids)
    }
    rows = []
    for demand_id in ids:
        node = nodes[demand_id]
        community = communities.get(demand_id) or {}
        rows.append(
            {
                "id": demand_id,
                "community": community.get("path") or community.get("name"),
                "communityId": community.get("id"),
                "title": node.get("title"),
                "urgency": node.get("urgency"),
                "raised": node.get("createdAt"),
                "due": due_at(node["createdAt"], node.get("deadline"), node.get("urgency"), settings),
                "status": node.get("status"),
            }
        )
    return rows


def resolve_area(graph: Graph, text: str) -> list[str]:
    """The ids of an area — given by id, or by an unambiguous name or path at any level — and of every
    area below it. Raises the matching engine's ``NotFound`` / ``AmbiguousName``."""
    text = text.strip()
    subtree = graph.read(graph.named("read_area_subtree"), id=text)
    if not subtree:
        named = graph.read(
            graph.named("match_find_community"),
            text=text,
            suffix="/" + text,
            levels=[level.value for level in AreaLevel],
        )
        if not named:
            raise NameNotFound("area", text, "give its id (area-…), its name, or its path such as 区/街道")
        if len(named) > 1:
            raise AmbiguousName("area", text, [f"{r['path'] or r['name']} ({r['id']})" for r in named[:10]])
        subtree = graph.read(graph.named("read_area_subtree"), id=named[0]["id"])
    return [subtree[0]["id"], *subtree[0]["below"]]


def _pick(node: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: node.get(name) for name in fields}


def _by_key(graph: Graph, statement: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    if ids:
        for row in graph.read(graph.named(statement), ids=ids):
            grouped.setdefault(row["key"], []).append(row)
    return grouped


def _deliverer(row: dict[str, Any]) -> dict[str, Any]:
    """A unit by id and name; a party member by id only (a member's name is personal data)."""
    node = row["node"]
    if row["label"] == Label.MEMBER.value:
        return {"kind": "member", "id": node.get("id")}
    return {"kind": "unit", "id": node.get("id"), "name": node.get("name")}
