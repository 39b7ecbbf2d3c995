"""Times that matter, derived from a demand's events: how long until dispatch, acceptance and completion,
when it falls due and whether it is overdue (past its deadline or beyond the service level of its
urgency, ``GONGJIAN_SLA_HOURS_*``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.model import DemandStatus, Urgency
from gongjian.settings import Settings

from . import clock as clocks
from .actions import Action

#: States in which a demand still waits for someone: it can fall overdue.
UNSETTLED: frozenset[DemandStatus] = frozenset(
    {
        DemandStatus.OPEN,
        DemandStatus.DISPATCHED,
        DemandStatus.ACCEPTED,
        DemandStatus.IN_PROGRESS,
        DemandStatus.REJECTED,
        DemandStatus.ESCALATED,
    }
)


def service_hours(settings: Settings, urgency: str | None) -> float:
    return {
        Urgency.URGENT.value: settings.sla_hours_urgent,
        Urgency.HIGH.value: settings.sla_hours_high,
        Urgency.LOW.value: settings.sla_hours_low,
    }.get(urgency or "", settings.sla_hours_normal)


def due_at(created_at: str, deadline: str | None, urgency: str | None, settings: Settings) -> str:
    """The earlier of the deadline and the raise time plus the urgency's service level."""
    by_service = clocks.iso(clocks.parse(created_at) + timedelta(hours=service_hours(settings, urgency)))
    return min(by_service, deadline) if deadline else by_service


def is_overdue(demand: Mapping[str, Any], now: datetime, settings: Settings) -> bool:
    if demand.get("status") not in {s.value for s in UNSETTLED} or not demand.get("createdAt"):
        return False
    return clocks.iso(now) > due_at(
        demand["createdAt"], demand.get("deadline"), demand.get("urgency"), settings
    )


@dataclass(frozen=True)
class LoopTimes:
    """Hours from raising to the first dispatch (or claim), from dispatch to acceptance, and from raising
    to completion; ``None`` until it happened."""

    to_dispatch: float | None
    to_accept: float | None
    to_complete: float | None


def loop_times(created_at: str | None, events: Iterable[Mapping[str, Any]]) -> LoopTimes:
    firsts: dict[str, datetime] = {}
    for event in sorted(events, key=lambda e: e["at"]):
        firsts.setdefault(event["action"], clocks.parse(event["at"]))
    raised = clocks.parse(created_at) if created_at else firsts.get(Action.RAISE.value)
    dispatched = _earliest(firsts, Action.DISPATCH, Action.CLAIM)
    accepted = _earliest(firsts, Action.ACCEPT, Action.CLAIM)
    completed = firsts.get(Action.COMPLETE.value)
    return LoopTimes(_hours(raised, dispatched), _hours(dispatched, accepted), _hours(raised, completed))


def _earliest(firsts: Mapping[str, datetime], *actions: Action) -> datetime | None:
    found = [firsts[a.value] for a in actions if a.value in firsts]
    return min(found) if found else None


def _hours(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 3600, 2)


def overdue_demand_ids(
    graph: Graph, settings: Settings, now: datetime, area_ids: list[str] | None = None, limit: int = 100
) -> list[str]:
    """Ids of overdue demands (raised in ``area_ids`` when given), the longest-waiting first."""

    def cut(hours: float) -> str:
        return clocks.iso(now - timedelta(hours=hours))

    rows = graph.read(
        graph.named("loop_overdue"),
        areaIds=area_ids,
        unsettled=sorted(s.value for s in UNSETTLED),
        now=clocks.iso(now),
        cutUrgent=cut(settings.sla_hours_urgent),
        cutHigh=cut(settings.sla_hours_high),
        cutNormal=cut(settings.sla_hours_normal),
        cutLow=cut(settings.sla_hours_low),
        limit=limit,
    )
    return [row["id"] for row in rows]
