"""Keeping the demand list (需求清单) up to date: correcting a demand while it still waits for someone.

    change = update_demand(loop, DemandUpdate(demand_id, actor="星城社区", quantity=30, window=["周末全天"]))

Only an unsettled demand can change (not done, closed or cancelled: reopen it first). The change and
its ``update`` Event — whose note names the changed fields, never their values — are one statement.
A quantity below what a live project already reserves for the demand is refused. The id stays: it
was derived when the demand was raised, so a new title does not make a new demand. Fields left
``None`` stay as they are; blank text (deadline, note, contact) clears one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gongjian.graph.identity import stable_id
from gongjian.graph.loop import clock as clocks
from gongjian.graph.loop.actions import RESERVING, Action, allowed_actions
from gongjian.graph.loop.engine import Loop, Outcome
from gongjian.graph.loop.errors import IllegalTransition, InvalidValue, LoopError, NotFound
from gongjian.graph.loop.timing import UNSETTLED
from gongjian.graph.model import DemandStatus, Label, Urgency

from . import fields
from .errors import QuantityBelowReserved
from .writing import guarded_write

#: The properties an update may change, in the order the event's note names them.
FIELDS = ("title", "quantity", "window", "urgency", "deadline", "note", "contactName", "contactPhone")

_RESERVING = sorted(status.value for status in RESERVING)
_UNSETTLED = sorted(status.value for status in UNSETTLED)


@dataclass(frozen=True)
class DemandUpdate:
    """What to change; ``None`` leaves a field as it is. ``window`` is canonical or Chinese."""

    demand_id: str
    actor: str
    title: str | None = None
    quantity: int | None = None
    window: Sequence[str] | None = None
    urgency: Urgency | str | None = None
    deadline: str | None = None
    note: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    at: datetime | None = None
    request_id: str | None = None
    event_id: str | None = None


@dataclass(frozen=True)
class DemandChange:
    """The demand afterwards, the fields that changed and the event written (``None`` when nothing
    changed). ``replayed``: the request ran before; nothing was done again."""

    demand: dict[str, Any]
    changed: tuple[str, ...]
    event: dict[str, Any] | None
    reserved: int
    replayed: bool = False


def update_demand(loop: Loop, request: DemandUpdate) -> DemandChange:
    """Apply ``request``; raises NotFound, IllegalTransition (settled), InvalidValue or
    QuantityBelowReserved — nothing is written then."""
    wanted = _wanted(request)
    facts = _facts(loop, request)
    if facts["priorAction"]:
        return _replayed(request, facts)
    node = _check(request, facts)
    if request.deadline is not None:
        wanted["deadline"] = _deadline(request.deadline, node.get("createdAt"))
    changed = [key for key in FIELDS if key in wanted and not fields.same(node.get(key), wanted[key])]
    reserved = int(facts["reserved"] or 0)
    if "quantity" in changed and wanted["quantity"] < reserved:
        raise QuantityBelowReserved("demand", request.demand_id, wanted["quantity"], reserved)
    if not changed:
        return DemandChange(node, (), None, reserved)
    at = clocks.iso(request.at or loop.clock())
    note = f"更新 / updated: {', '.join(changed)}"
    rows = guarded_write(
        loop.graph,
        "lists_update_demand",
        {
            "id": request.demand_id,
            "props": {key: wanted[key] for key in changed},
            "quantity": wanted["quantity"] if "quantity" in changed else None,
            "unsettled": _UNSETTLED,
            "reserving": _RESERVING,
            "eventId": request.event_id or stable_id(Label.EVENT, request.demand_id, uuid.uuid4().hex),
            "at": at,
            "actor": request.actor,
            "note": note,
            "requestId": request.request_id,
        },
        demand_id=request.demand_id,
    )
    if not rows:
        raise _diagnose(loop, request, wanted)
    row = rows[0]
    status = DemandStatus(row["node"]["status"])
    event = row["event"]
    loop.announce(
        [
            Outcome(
                action=Action.UPDATE,
                demand_id=request.demand_id,
                from_status=status,
                to_status=status,
                event_id=event["id"],
                at=event["at"],
                actor=event["actor"],
                note=note,
                area_id=row["areaId"],
            )
        ]
    )
    return DemandChange(row["node"], tuple(changed), event, int(row["reserved"] or 0))


def _wanted(request: DemandUpdate) -> dict[str, Any]:
    """The given fields, checked and in stored form (the deadline waits for the demand's createdAt)."""
    wanted: dict[str, Any] = {}
    if request.title is not None:
        wanted["title"] = fields.name("title", request.title, "夜间停车难")
    if request.quantity is not None:
        wanted["quantity"] = fields.quantity(request.quantity)
    if request.window is not None:
        wanted["window"] = fields.schedule("window", request.window)
    if request.urgency is not None:
        wanted["urgency"] = fields.choice("urgency", Urgency, request.urgency)
    if request.note is not None:
        wanted["note"] = fields.text(request.note)
    if request.contact_name is not None:
        wanted["contactName"] = fields.contact_name(request.contact_name)
    if request.contact_phone is not None:
        wanted["contactPhone"] = fields.contact_phone(request.contact_phone)
    return wanted


def _facts(loop: Loop, request: DemandUpdate) -> dict[str, Any]:
    graph = loop.graph
    return graph.read(
        graph.named("lists_demand_facts"),
        id=request.demand_id,
        reserving=_RESERVING,
        requestId=request.request_id,
    )[0]


def _check(request: DemandUpdate, facts: dict[str, Any]) -> dict[str, Any]:
    """The demand's properties when it exists and is unsettled."""
    node = facts["node"]
    if node is None:
        raise NotFound("demand", request.demand_id)
    status = DemandStatus(node["status"])
    if status not in UNSETTLED:
        raise IllegalTransition(request.demand_id, Action.UPDATE, status, allowed_actions(status))
    return node


def _replayed(request: DemandUpdate, facts: dict[str, Any]) -> DemandChange:
    if facts["priorDemandId"] != request.demand_id or facts["priorAction"] != Action.UPDATE.value:
        raise InvalidValue(
            "clientMutationId",
            (request.request_id or "").split(":", 1)[-1],
            f"it was already used for {facts['priorAction']} on demand {facts['priorDemandId']}; "
            "use a fresh one",
        )
    return DemandChange(facts["node"], (), facts["priorEvent"], int(facts["reserved"] or 0), replayed=True)


def _diagnose(loop: Loop, request: DemandUpdate, wanted: dict[str, Any]) -> LoopError:
    """Why the guarded write wrote nothing: the state changed since the checks."""
    facts = _facts(loop, request)
    if facts["priorAction"]:
        return InvalidValue("clientMutationId", "", "a request with this id ran meanwhile; use a fresh one")
    try:
        _check(request, facts)
    except LoopError as exc:
        return exc
    reserved = int(facts["reserved"] or 0)
    if "quantity" in wanted and wanted["quantity"] < reserved:
        return QuantityBelowReserved("demand", request.demand_id, wanted["quantity"], reserved)
    return LoopError(
        f"需求已被他人更新，请刷新后重试 / demand {request.demand_id} changed concurrently; "
        "reload it and try again"
    )


def _deadline(text: str, created_at: str | None) -> str | None:
    """An ISO date (the end of that day, China Standard Time) or time; blank clears the deadline."""
    if not text.strip():
        return None
    value = text.strip()
    try:
        moment = clocks.parse(value if "T" in value else f"{value}T23:59:00")
    except ValueError:
        raise InvalidValue("deadline", text, "give a date such as 2026-12-31 (or an ISO time)") from None
    if created_at and moment < clocks.parse(created_at):
        raise InvalidValue("deadline", text, f"the deadline lies before the demand was raised ({created_at})")
    return clocks.iso(moment)
