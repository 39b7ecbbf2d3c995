"""The loop engine: each action on a demand is one guarded, atomic statement (design.md §6).

    loop = Loop(graph)
    step = Step(Action.DISPATCH, demand_id, actor="星城第一社区", unit_id=..., resource_id=...)
    outcome = loop.perform(step)

A step either happens whole — state change, project, reservation, event, points — or not at all, and
a refusal says why (:mod:`.errors`). The guard is checked inside the writing statement, so two
coordinators can never book the same last parking space: FalkorDB runs one writer per graph; on Neo4j
the demand and resource are locked first in the same transaction (``loop_lock.neo4j.cypher``).

A step with a ``request_id`` (the caller and its ``clientMutationId``) that already ran is not run
again: its first outcome is returned with ``replayed=True``.

:meth:`Loop.perform_many` runs many steps of one kind in one statement — the demo writes its history
that way — provided no two steps touch the same demand, resource or member.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.identity import stable_id
from gongjian.graph.model import DemandStatus, Label, ResourceStatus, UnitType
from gongjian.settings import Settings, get_settings

from . import clock as clocks
from .actions import MOVES, RESERVING, Action, allowed_actions
from .errors import (
    IllegalTransition,
    InsufficientCapacity,
    InvalidValue,
    LoopError,
    NotFound,
    ResourceUnavailable,
)
from .statistics import STATISTICS

_CREATING = frozenset({Action.DISPATCH, Action.CLAIM})
_RESERVING = sorted(status.value for status in RESERVING)


@dataclass(frozen=True)
class Step:
    """One action on one demand. ``at`` defaults to the loop's clock; ids default to fresh ones."""

    action: Action
    demand_id: str
    actor: str
    note: str | None = None
    at: datetime | None = None
    unit_id: str | None = None
    member_id: str | None = None
    resource_id: str | None = None
    quantity: int | None = None
    rating: int | None = None
    feedback: str | None = None
    participants: tuple[str, ...] = ()
    request_id: str | None = None
    event_id: str | None = None
    project_id: str | None = None
    project_title: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a step did (or, ``replayed``, what its first run did)."""

    action: Action
    demand_id: str
    from_status: DemandStatus | None
    to_status: DemandStatus
    event_id: str
    at: str
    actor: str
    note: str | None
    project_id: str | None = None
    area_id: str | None = None
    remaining: int | None = None
    credited: tuple[str, ...] = ()
    replayed: bool = False


Listener = Callable[[Outcome], None]


@dataclass
class Loop:
    graph: Graph
    settings: Settings = field(default_factory=get_settings)
    clock: clocks.Clock = clocks.now
    listeners: list[Listener] = field(default_factory=list)

    # -- one step ------------------------------------------------------------------------------
    def perform(self, step: Step) -> Outcome:
        """Run ``step``; raises a :class:`LoopError` naming the reason when it cannot happen."""
        if step.request_id:
            replayed = self._replay(step)
            if replayed is not None:
                return replayed
        step = self._complete(step)
        rows = self._execute(step.action, [self._item(step)])
        if not rows:
            replayed = self._replay(step) if step.request_id else None
            if replayed is not None:
                return replayed
            raise self._diagnose(step)
        outcome = self._outcome(step, rows[0])
        self._announce([outcome])
        return outcome

    # -- many steps ----------------------------------------------------------------------------
    def perform_many(self, steps: Sequence[Step]) -> list[Outcome]:
        """Run steps of one kind (creating a project, or moving one) in one statement.

        The steps must name complete data (ids, titles, quantities: no reads happen first) and no two
        may touch the same demand, resource or member — the engine applies one statement's rows
        against the state before it. Raises :class:`LoopError` for the first step that could not run;
        the others have then run (each row is its own guarded step).
        """
        if not steps:
            return []
        creating = {step.action in _CREATING for step in steps}
        if len(creating) > 1:
            raise ValueError("perform_many takes steps that all create a project or all move one")
        _check_disjoint(steps)
        rows = self._execute(steps[0].action, [self._item(step) for step in steps])
        done = {row["demandId"]: row for row in rows}
        outcomes = [self._outcome(step, done[step.demand_id]) for step in steps if step.demand_id in done]
        self._announce(outcomes)
        for step in steps:
            if step.demand_id not in done:
                raise self._diagnose(step)
        return outcomes

    # -- preparing a step ----------------------------------------------------------------------
    def _complete(self, step: Step) -> Step:
        """Check the arguments and fill in what the caller left out (quantity, title, ids)."""
        _check_arguments(step)
        if step.action not in _CREATING and step.action != Action.ESCALATE:
            return step
        facts = self.graph.read(
            self.graph.named("loop_prepare"),
            demandId=step.demand_id,
            unitId=step.unit_id,
            memberId=step.member_id,
        )[0]
        if facts["status"] is None:
            raise NotFound("demand", step.demand_id)
        if step.unit_id and facts["unitName"] is None:
            raise NotFound("unit", step.unit_id)
        if step.member_id and not facts["memberFound"]:
            raise NotFound("member", step.member_id)
        if step.action == Action.ESCALATE:
            if facts["unitType"] != UnitType.GOVERNMENT.value:
                raise InvalidValue(
                    "unitId",
                    step.unit_id,
                    "escalate to a government department (单位类型 机关), 街乡吹哨、部门报到",
                )
            return step
        deliverer = facts["unitName"] if step.unit_id else "党员志愿者"
        return replace(
            step,
            quantity=step.quantity or facts["quantity"] or 1,
            project_title=step.project_title
            or f"{deliverer}助力{facts['communityName'] or ''}{facts['categoryName'] or facts['title']}",
        )

    def _item(self, step: Step) -> dict[str, Any]:
        move = MOVES[step.action]
        at = clocks.iso(step.at or self.clock())
        item: dict[str, Any] = {
            "demandId": step.demand_id,
            "sources": sorted(status.value for status in move.sources),
            "target": move.target.value,
            "eventId": step.event_id or stable_id(Label.EVENT, step.demand_id, uuid.uuid4().hex),
            "at": at,
            "actor": step.actor,
            "action": step.action.value,
            "note": step.note,
            "requestId": step.request_id,
        }
        if step.action in _CREATING:
            deliverer = step.unit_id or step.member_id
            item |= {
                "unitId": step.unit_id,
                "memberId": step.member_id,
                "resourceId": step.resource_id,
                "quantity": step.quantity,
                "projectId": step.project_id
                or stable_id(Label.PROJECT, step.demand_id, deliverer, step.resource_id, uuid.uuid4().hex),
                "projectTitle": step.project_title,
                "projectStatus": "accepted" if step.action == Action.CLAIM else "proposed",
                "reserving": _RESERVING,
                "active": ResourceStatus.ACTIVE.value,
            }
            return item
        points, credit_note = self._points(step)
        item |= {
            "projectSources": sorted(status.value for status in move.project_sources),
            "projectTarget": move.project_target.value if move.project_target else None,
            "startedAt": at if step.action == Action.START else None,
            "completedAt": at if step.action == Action.COMPLETE else None,
            "rating": step.rating,
            "feedback": step.feedback,
            "participants": list(step.participants),
            "points": points,
            "creditNote": credit_note,
            "targetId": step.unit_id,
        }
        return item

    def _points(self, step: Step) -> tuple[int, str | None]:
        settings = self.settings
        if step.action == Action.COMPLETE and settings.points_complete:
            return settings.points_complete, f"完成共建项目 +{settings.points_complete} 积分"
        if (
            step.action == Action.RATE
            and step.rating is not None
            and step.rating >= settings.points_good_rating_min
            and settings.points_good_rating
        ):
            return settings.points_good_rating, f"群众评价{step.rating}星 +{settings.points_good_rating} 积分"
        return 0, None

    # -- running -------------------------------------------------------------------------------
    def _execute(self, action: Action, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        statement = self.graph.named("loop_create_project" if action in _CREATING else "loop_move")
        if self.graph.dialect == "neo4j":
            lock = self.graph.named("loop_lock")
            return self.graph.write_unit(
                [(lock, {"items": items}), (statement, {"items": items, **STATISTICS})]
            )
        return self.graph.write(statement, items=items, **STATISTICS)

    def _outcome(self, step: Step, row: dict[str, Any], *, replayed: bool = False) -> Outcome:
        remaining = row.get("remaining")
        return Outcome(
            action=step.action,
            demand_id=row["demandId"],
            from_status=DemandStatus(row["fromStatus"]) if row["fromStatus"] else None,
            to_status=DemandStatus(row["toStatus"]),
            event_id=row["eventId"],
            at=row.get("at") or "",
            actor=row.get("actor") or step.actor,
            note=row.get("note", step.note),
            project_id=row.get("projectId"),
            area_id=row.get("areaId"),
            remaining=None if remaining is None else int(remaining),
            credited=tuple(row.get("credited") or ()),
            replayed=replayed,
        )

    def announce(self, outcomes: Iterable[Outcome]) -> None:
        """Tell the listeners what happened (after it committed)."""
        self._announce(outcomes)

    def earlier_run(
        self, request_id: str, action: Action, demand_id: str | None = None
    ) -> dict[str, Any] | None:
        """What an earlier run of the request ``request_id`` wrote (``loop_replay``), or ``None``. The
        same request id used for another action, or another demand, is refused."""
        rows = self.graph.read(self.graph.named("loop_replay"), requestId=request_id)
        if not rows:
            return None
        row = rows[0]
        if row["action"] != action.value or (demand_id is not None and row["demandId"] != demand_id):
            raise InvalidValue(
                "clientMutationId",
                request_id.split(":", 1)[-1],
                f"it was already used for {row['action']} on demand {row['demandId']}; use a fresh one",
            )
        return row

    def _replay(self, step: Step) -> Outcome | None:
        row = self.earlier_run(step.request_id or "", step.action, step.demand_id)
        return None if row is None else self._outcome(step, row, replayed=True)

    def _diagnose(self, step: Step) -> LoopError:
        facts = self.graph.read(
            self.graph.named("loop_diagnose"),
            demandId=step.demand_id,
            requestId=step.request_id,
            unitId=step.unit_id,
            memberId=step.member_id,
            resourceId=step.resource_id,
            reserving=_RESERVING,
        )[0]
        if facts["status"] is None:
            return NotFound("demand", step.demand_id)
        current = DemandStatus(facts["status"])
        if current not in MOVES[step.action].sources:
            return IllegalTransition(step.demand_id, step.action, current, allowed_actions(current))
        if step.action in _CREATING:
            if step.unit_id and not facts["unitFound"]:
                return NotFound("unit", step.unit_id)
            if step.member_id and not facts["memberFound"]:
                return NotFound("member", step.member_id)
            if step.resource_id:
                return self._resource_refusal(step, facts)
        # The state changed between this statement and the diagnosis: a concurrent step won.
        return LoopError(
            f"需求状态已被他人更新，请刷新后重试 / demand {step.demand_id} changed concurrently "
            f"(now {current.value}); reload it and try again"
        )

    @staticmethod
    def _resource_refusal(step: Step, facts: dict[str, Any]) -> LoopError:
        resource = step.resource_id or ""
        if facts["resourceStatus"] is None:
            return NotFound("resource", resource)
        deliverer = step.unit_id or step.member_id
        if deliverer not in facts["ownerIds"]:
            return ResourceUnavailable(resource, f"{deliverer} does not offer it; name one of its resources")
        if facts["resourceStatus"] != ResourceStatus.ACTIVE.value:
            return ResourceUnavailable(resource, f"it is {facts['resourceStatus']}; only active ones serve")
        return InsufficientCapacity(resource, int(facts["remaining"] or 0), step.quantity or 1)

    def _announce(self, outcomes: Iterable[Outcome]) -> None:
        for outcome in outcomes:
            for listener in self.listeners:
                listener(outcome)


def _check_arguments(step: Step) -> None:
    if step.action in _CREATING or step.action == Action.ESCALATE:
        named = [x for x in (step.unit_id, step.member_id) if x]
        if step.action == Action.ESCALATE and not step.unit_id:
            raise InvalidValue("unitId", None, "name the government department the street calls (吹哨)")
        if len(named) != 1:
            raise InvalidValue("unitId/memberId", ", ".join(named) or None, "name exactly one unit or member")
    if step.quantity is not None and step.quantity < 1:
        raise InvalidValue("quantity", step.quantity, "reserve at least 1")
    if step.action == Action.RATE and (step.rating is None or not 1 <= step.rating <= 5):
        raise InvalidValue("rating", step.rating, "rate from 1 to 5 stars")
    if step.action in (Action.REJECT, Action.ESCALATE, Action.REOPEN) and not (step.note or "").strip():
        raise InvalidValue("reason", step.note, f"say why ({MOVES[step.action].zh}需说明原因)")


def _check_disjoint(steps: Sequence[Step]) -> None:
    seen: set[str] = set()
    for step in steps:
        touched = {step.demand_id, *(x for x in (step.resource_id, step.member_id) if x), *step.participants}
        if touched & seen:
            raise ValueError(f"steps of one batch touch the same node twice: {sorted(touched & seen)}")
        seen |= touched
