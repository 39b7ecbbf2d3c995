"""Residents order (群众点单): raising a demand list entry, with its "raise" event.

    outcome = raise_demand(loop, Raise(area_id, "停车位", "夜间停车难", actor="星城社区", quantity=20))

The category is a code or Chinese free text resolved by the taxonomy; the time window is a schedule in
canonical or Chinese form (design.md §4). A demand's id derives from its community, category, title and
day, so raising the same one twice is refused with the existing id instead of doubling it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from gongjian.graph.identity import demand_id, normalise_name, normalise_phone, stable_id
from gongjian.graph.model import AreaLevel, DemandStatus, Label, Urgency
from gongjian.graph.schedule import ScheduleError, normalise_schedule
from gongjian.graph.taxonomy import Taxonomy, UnknownCategory

from . import clock as clocks
from .actions import Action
from .engine import Loop, Outcome
from .errors import InvalidValue, LoopError, NotFound

_RAISING_LEVELS = frozenset({AreaLevel.COMMUNITY.value, AreaLevel.VILLAGE.value})


@dataclass(frozen=True)
class Raise:
    """A demand to raise. ``category`` is a code or free text; ``window`` canonical or Chinese."""

    area_id: str
    category: str
    title: str
    actor: str
    quantity: int = 1
    window: Sequence[str] = ()
    urgency: Urgency = Urgency.NORMAL
    deadline: str | None = None
    source: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    note: str | None = None
    at: datetime | None = None
    request_id: str | None = None
    event_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class DuplicateDemand(LoopError):
    def __init__(self, existing_id: str, status: str) -> None:
        self.existing_id = existing_id
        super().__init__(
            f"该社区当天已提出同一需求 / the community already raised this demand today: {existing_id} "
            f"({status}); update that one, or give a different title"
        )


def raise_demand(loop: Loop, request: Raise, taxonomy: Taxonomy | None = None) -> Outcome:
    """Raise one demand; raises :class:`LoopError` (NotFound, InvalidValue, DuplicateDemand) otherwise."""
    from gongjian.graph.matching.engine import default_taxonomy

    item = _item(loop, request, taxonomy or default_taxonomy())
    graph = loop.graph
    facts = graph.read(
        graph.named("loop_raise_check"),
        areaId=request.area_id,
        category=item["category"],
        id=item["id"],
        requestId=request.request_id,
    )[0]
    if facts["priorDemandId"]:
        return _replayed(loop, request)
    if facts["areaLevel"] is None:
        raise NotFound("community", request.area_id)
    if facts["areaLevel"] not in _RAISING_LEVELS:
        raise InvalidValue(
            "communityId",
            request.area_id,
            f"demands are raised by a community or village, not a {facts['areaLevel']}",
        )
    if not facts["categoryFound"]:
        raise InvalidValue(
            "category", item["category"], "the graph lacks the taxonomy: run `gongjian db init`"
        )
    if facts["existingStatus"]:
        raise DuplicateDemand(item["id"], facts["existingStatus"])
    rows = graph.write(graph.named("loop_raise"), items=[item])
    if not rows:  # a concurrent request raised it between the check and the write
        if request.request_id and (replayed := _replayed(loop, request)):
            return replayed
        raise DuplicateDemand(item["id"], DemandStatus.OPEN.value)
    outcome = _outcome(rows[0])
    loop.announce([outcome])
    return outcome


def raise_many(loop: Loop, requests: Sequence[Raise], taxonomy: Taxonomy) -> list[Outcome]:
    """Raise many demands in one statement (the demo's history); duplicates are refused as a whole."""
    items = [_item(loop, request, taxonomy) for request in requests]
    ids = [item["id"] for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError("a batch raises the same demand twice")
    rows = loop.graph.write(loop.graph.named("loop_raise"), items=items)
    if len(rows) != len(items):
        written = {row["demandId"] for row in rows}
        missing = [i for i in ids if i not in written]
        raise LoopError(
            f"{len(missing)} demands were not raised (community or category unknown, or a duplicate): "
            f"{missing[:5]}"
        )
    outcomes = [_outcome(row) for row in rows]
    loop.announce(outcomes)
    return outcomes


def _item(loop: Loop, request: Raise, taxonomy: Taxonomy) -> dict[str, Any]:
    title = normalise_name(request.title or "")
    if not title:
        raise InvalidValue("title", request.title, "say what is needed (需求内容), e.g. 夜间停车难")
    if request.quantity < 1:
        raise InvalidValue("quantity", request.quantity, "ask for at least 1")
    try:
        category = taxonomy.resolve(request.category).code
    except UnknownCategory as exc:
        raise InvalidValue("category", request.category, str(exc)) from exc
    try:
        window = normalise_schedule(list(request.window))
    except ScheduleError as exc:
        raise InvalidValue("window", "; ".join(request.window), str(exc)) from exc
    created = clocks.iso(request.at or loop.clock())
    deadline = _deadline(request.deadline, created)
    return {
        "id": demand_id(request.area_id, category, title, created),
        "title": title,
        "category": category,
        "quantity": request.quantity,
        "window": window,
        "urgency": Urgency(request.urgency).value,
        "status": DemandStatus.OPEN.value,
        "createdAt": created,
        "deadline": deadline,
        "source": request.source,
        "contactName": request.contact_name,
        "contactPhone": normalise_phone(request.contact_phone) if request.contact_phone else None,
        "note": request.note,
        "areaId": request.area_id,
        "eventId": request.event_id or stable_id(Label.EVENT, request.area_id, uuid.uuid4().hex),
        "actor": request.actor,
        "eventNote": f"{request.source or '群众点单'}：{title}",
        "requestId": request.request_id,
    }


def _deadline(text: str | None, created: str) -> str | None:
    """An ISO date or time; a bare date means the end of that day (23:59, China Standard Time)."""
    if not text:
        return None
    try:
        moment = clocks.parse(text if "T" in text else f"{text}T23:59:00")
    except ValueError as exc:
        raise InvalidValue("deadline", text, "give a date such as 2026-12-31 (or an ISO time)") from exc
    iso = clocks.iso(moment)
    if iso < created:
        raise InvalidValue("deadline", text, "the deadline lies before the demand is raised")
    return iso


def _replayed(loop: Loop, request: Raise) -> Outcome | None:
    row = loop.earlier_run(request.request_id or "", Action.RAISE)
    return None if row is None else replace(_outcome(row), replayed=True)


def _outcome(row: dict[str, Any]) -> Outcome:
    return Outcome(
        action=Action.RAISE,
        demand_id=row["demandId"],
        from_status=None,
        to_status=DemandStatus(row["toStatus"]),
        event_id=row["eventId"],
        at=row["at"],
        actor=row["actor"],
        note=row["note"],
        area_id=row["areaId"],
    )
