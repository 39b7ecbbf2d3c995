"""Live updates: ``demandEvents(areaId)`` streams each loop step on the demands raised in an area and
below it, as it commits (graphql-transport-ws over the websocket at ``/graphql``; docs/api.md).

An unknown ``areaId`` ends the subscription before it starts with a GraphQL error (the protocol's
``error`` message) whose message names the id and the fix: the agreed type is ``DemandEvent!``, so
there is no result union to carry the refusal as data.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from graphql import OperationType

from gongjian.graph.model import Label

from ..broker import Broker, Delivery
from ..context import Info
from ..errors import UserError
from ..loaders import Loaders
from ..permissions import authorize
from .nodes import Demand, DemandStatusEnum, doc


@strawberry.type(description="A step of the closed loop on a demand, as it happens / 需求闭环动态（实时）")
class DemandEvent:
    event_id: strawberry.ID = strawberry.field(description=doc(Label.EVENT, "id"))
    at: str = strawberry.field(description=doc(Label.EVENT, "at"))
    actor: str = strawberry.field(description=doc(Label.EVENT, "actor"))
    action: str = strawberry.field(
        description="raise, dispatch, claim, accept, reject, start, complete, rate, escalate, reopen, cancel "
        "/ 动作"
    )
    from_status: DemandStatusEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="Status before (none when raised) / 原状态（新提出的需求无）"
    )
    to_status: DemandStatusEnum = strawberry.field(description=doc(Label.EVENT, "toStatus"))  # type: ignore[valid-type]
    note: str | None = strawberry.field(description=doc(Label.EVENT, "note"))
    demand_id: strawberry.ID = strawberry.field(description="The demand's id / 需求编号")
    project_id: strawberry.ID | None = strawberry.field(
        description="The project meeting it, when there is one / 对应项目编号"
    )
    area_id: strawberry.ID = strawberry.field(
        description="The community that raised the demand / 提出需求的社区编号"
    )
    missed: int = strawberry.field(
        description="Events dropped just before this one because the subscriber read too slowly; refetch "
        "when above 0 / 因接收过慢在此之前丢弃的事件数（大于0时请重新查询）"
    )

    @staticmethod
    def of(delivery: Delivery) -> DemandEvent:
        outcome = delivery.outcome
        return DemandEvent(
            event_id=strawberry.ID(outcome.event_id),
            at=outcome.at,
            actor=outcome.actor,
            action=outcome.action.value,
            from_status=outcome.from_status,
            to_status=outcome.to_status,
            note=outcome.note,
            demand_id=strawberry.ID(outcome.demand_id),
            project_id=strawberry.ID(outcome.project_id) if outcome.project_id else None,
            area_id=strawberry.ID(outcome.area_id or ""),
            missed=delivery.missed,
        )

    @strawberry.field(description="The demand as it is now / 需求（当前状态）")
    async def demand(self, info: Info) -> Demand | None:
        row = await info.context.loaders.node(Label.DEMAND).load(str(self.demand_id))
        return Demand.of(row) if row else None


def broker_of(info: Info) -> Broker:
    """The app's broker (``app.state.broker``, set by :func:`gongjian.api.app.create_app`)."""
    request = info.context.request
    broker = getattr(request.app.state, "broker", None) if request is not None else None
    if not isinstance(broker, Broker):
        raise RuntimeError("this app has no live-update broker (app.state.broker)")
    return broker


async def _stream(info: Info, broker: Broker, area_id: str) -> AsyncGenerator[DemandEvent, None]:
    subscriber = broker.subscribe(area_id)  # here, so that closing the stream always unsubscribes
    try:
        async for delivery in subscriber:
            # The context lives as long as the websocket: fresh DataLoaders per event, or nested
            # fields (demand { status events }) would answer from the first event's cache.
            info.context.loaders = Loaders(info.context.graph)
            yield DemandEvent.of(delivery)
    finally:
        subscriber.close()


@strawberry.type
class Subscription:
    """Root subscription / 根订阅"""

    @strawberry.subscription(
        description="Loop steps on demands raised in this area or below it, as they commit (websocket, "
        "graphql-transport-ws) / 本区域及下级区域需求的闭环动态"
    )
    async def demand_events(self, info: Info, area_id: strawberry.ID) -> AsyncGenerator[DemandEvent, None]:
        # A plain coroutine returning the stream (not itself a generator), so that an unknown area
        # is refused before the stream starts: the client gets the protocol's `error` message.
        await authorize(info.context.guard, "demandEvents", {"areaId": area_id}, OperationType.SUBSCRIPTION)
        rows = await info.context.loaders.read("read_area_by_ids", ids=[str(area_id)])
        if not rows:
            raise UserError(
                f'未找到区域 "{area_id}" / areaId: no area has the id "{area_id}"; pass the `id` of an Area '
                "(see `areas` or `search`)"
            )
        return _stream(info, broker_of(info), str(area_id))
