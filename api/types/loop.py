"""The closed loop through GraphQL (design.md §6): 群众点单 → 社区派单 → 单位接单 → 处理 → 反馈.

Each mutation takes one ``input`` (with an optional ``clientMutationId``: a retry with the same one
answers ``replayed: true`` and does nothing twice) and runs one guarded step of the loop engine
(:mod:`gongjian.graph.loop`) off the event loop. The answer is a result union
(:mod:`.loop_results`): the change made, or why it was refused.

``overdueDemands`` lists what waits beyond its deadline or service level, by the context's clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from gongjian.graph.loop import timing
from gongjian.graph.loop.actions import Action
from gongjian.graph.loop.engine import Loop, Outcome, Step
from gongjian.graph.loop.errors import LoopError
from gongjian.graph.loop.raising import Raise, raise_demand
from gongjian.graph.model import Label, Urgency

from ..context import Info
from ..pagination import check_first
from .entities import _area_ids
from .loop_results import (
    AssignDemandResult,
    DemandChangePayload,
    MoveDemandResult,
    RaiseDemandResult,
    Refusal,
    refusal,
)
from .nodes import Demand, UrgencyEnum

_CMID = "Any string of yours; a retry with the same one does nothing twice / 客户端请求号（用于防重复提交）"
_DEMAND = "The demand / 需求编号"
_NOTE = "Note for the timeline / 说明"
_REASON = "Why (required) / 原因（必填）"


def actor(info: Info) -> str:
    """Who acts, as recorded on the event. The caller's id: anonymous until access control arrives."""
    return info.context.caller.id


# ------------------------------------------------------------------------------------ inputs
@strawberry.input(description="Raise a demand (群众点单) / 提出需求")
class RaiseDemandInput:
    community_id: strawberry.ID = strawberry.field(description="The raising community or village / 社区编号")
    need: str = strawberry.field(description="Category code or Chinese text (停车位, 义诊) / 需求类别")
    title: str = strawberry.field(description="What is needed, e.g. 夜间停车难 / 需求内容")
    quantity: int = strawberry.field(default=1, description="How many / 数量")
    window: list[str] | None = strawberry.field(
        default=None, description="When: mon-fri 18:00-08:00 or 工作日18:00-次日8:00 / 需要时段"
    )
    urgency: UrgencyEnum = strawberry.field(default=Urgency.NORMAL, description="Urgency / 紧急程度")  # type: ignore[valid-type]
    deadline: str | None = strawberry.field(
        default=None, description="A date (2026-12-31, end of that day) or ISO time / 截止时间"
    )
    source: str | None = strawberry.field(default=None, description="Channel, e.g. 入户走访 / 来源")
    contact_name: str | None = strawberry.field(default=None, description="Contact person / 联系人")
    contact_phone: str | None = strawberry.field(default=None, description="Contact phone / 联系电话")
    note: str | None = strawberry.field(default=None, description="Note / 备注")
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


_UNIT = "The unit delivering (or memberId) / 承接单位编号（或填 memberId）"
_MEMBER = "The member delivering (or unitId) / 承接党员编号（或填 unitId）"
_RESOURCE = "The resource to reserve, when one is used / 使用的资源"
_QUANTITY = "How much to reserve; default the demand's quantity / 预留数量（默认需求数量）"


@strawberry.input(description="Dispatch a demand to a unit or member (社区派单) / 派单")
class DispatchDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    unit_id: strawberry.ID | None = strawberry.field(default=None, description=_UNIT)
    member_id: strawberry.ID | None = strawberry.field(default=None, description=_MEMBER)
    resource_id: strawberry.ID | None = strawberry.field(default=None, description=_RESOURCE)
    quantity: int | None = strawberry.field(default=None, description=_QUANTITY)
    note: str | None = strawberry.field(default=None, description=_NOTE)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="A unit or member takes a demand on itself (单位认领) / 认领")
class ClaimDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    unit_id: strawberry.ID | None = strawberry.field(default=None, description=_UNIT)
    member_id: strawberry.ID | None = strawberry.field(default=None, description=_MEMBER)
    resource_id: strawberry.ID | None = strawberry.field(default=None, description=_RESOURCE)
    quantity: int | None = strawberry.field(default=None, description=_QUANTITY)
    note: str | None = strawberry.field(default=None, description=_NOTE)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Accept a dispatched demand (单位接单) / 接单")
class AcceptDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    note: str | None = strawberry.field(default=None, description=_NOTE)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Turn a dispatched demand down (拒单) / 拒单")
class RejectDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    reason: str = strawberry.field(description=_REASON)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Start work on an accepted demand / 开始实施")
class StartDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    note: str | None = strawberry.field(default=None, description=_NOTE)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Report the work done; deliverers earn points / 完成（记积分）")
class CompleteDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    note: str | None = strawberry.field(default=None, description=_NOTE)
    participant_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Members who took part and earn points too / 参与党员（记积分）"
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Residents rate the work and the demand closes (群众评价) / 评价办结")
class RateDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    rating: int = strawberry.field(description="1 to 5 stars / 评分（1–5星）")
    feedback: str | None = strawberry.field(default=None, description="Residents' words / 评价内容")
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Call a government department in (街乡吹哨、部门报到) / 吹哨上报")
class EscalateDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    unit_id: strawberry.ID = strawberry.field(
        description="The government department (单位类型 机关) / 部门编号"
    )
    reason: str = strawberry.field(description=_REASON)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Open a finished, cancelled or rejected demand again / 重新打开")
class ReopenDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    reason: str = strawberry.field(description=_REASON)
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


@strawberry.input(description="Withdraw a demand; its reservation is released / 撤销")
class CancelDemandInput:
    demand_id: strawberry.ID = strawberry.field(description=_DEMAND)
    reason: str | None = strawberry.field(default=None, description="Why / 原因")
    client_mutation_id: str | None = strawberry.field(default=None, description=_CMID)


# ------------------------------------------------------------------------------------ running
async def _run(
    info: Info,
    client_mutation_id: str | None,
    act: Callable[[Loop, str | None], Outcome],
    private: Iterable[str | None] = (),
) -> DemandChangePayload | Refusal:
    """Run one engine call off the event loop; refusals come back as result types, not errors."""
    context = info.context
    loop, request_id = context.loop, context.request_id(client_mutation_id)

    def run() -> Outcome | Refusal:
        try:
            return act(loop, request_id)
        except LoopError as exc:
            return refusal(exc, private)

    result = await run_in_threadpool(run)
    if not isinstance(result, Outcome):
        return result
    context.forget_reads()  # the payload (and later mutations of the document) must see the change
    return DemandChangePayload.of(result, client_mutation_id)


async def _step(
    info: Info,
    action: Action,
    demand_id: strawberry.ID,
    client_mutation_id: str | None,
    **fields: object,
) -> DemandChangePayload | Refusal:
    def act(loop: Loop, request_id: str | None) -> Outcome:
        step = Step(action, str(demand_id), actor=actor(info), request_id=request_id, **fields)  # type: ignore[arg-type]
        return loop.perform(step)

    return await _run(info, client_mutation_id, act)


def _opt(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


# ------------------------------------------------------------------------------------ root
@strawberry.type
class LoopMutation:
    @strawberry.mutation(description="Raise a demand (群众点单) / 提出需求")
    async def raise_demand(self, info: Info, input: RaiseDemandInput) -> RaiseDemandResult:
        def act(loop: Loop, request_id: str | None) -> Outcome:
            request = Raise(
                area_id=str(input.community_id),
                category=input.need,
                title=input.title,
                actor=actor(info),
                quantity=input.quantity,
                window=tuple(input.window or ()),
                urgency=Urgency(input.urgency),
                deadline=input.deadline,
                source=input.source,
                contact_name=input.contact_name,
                contact_phone=input.contact_phone,
                note=input.note,
                request_id=request_id,
            )
            return raise_demand(loop, request, info.context.taxonomy)

        private = (input.contact_name, input.contact_phone)
        return await _run(info, input.client_mutation_id, act, private)  # type: ignore[return-value]

    @strawberry.mutation(description="Dispatch a demand to a unit or member (社区派单) / 派单")
    async def dispatch_demand(self, info: Info, input: DispatchDemandInput) -> AssignDemandResult:
        return await _step(  # type: ignore[return-value]
            info,
            Action.DISPATCH,
            input.demand_id,
            input.client_mutation_id,
            unit_id=_opt(input.unit_id),
            member_id=_opt(input.member_id),
            resource_id=_opt(input.resource_id),
            quantity=input.quantity,
            note=input.note,
        )

    @strawberry.mutation(description="A unit or member claims a demand (单位认领) / 认领")
    async def claim_demand(self, info: Info, input: ClaimDemandInput) -> AssignDemandResult:
        return await _step(  # type: ignore[return-value]
            info,
            Action.CLAIM,
            input.demand_id,
            input.client_mutation_id,
            unit_id=_opt(input.unit_id),
            member_id=_opt(input.member_id),
            resource_id=_opt(input.resource_id),
            quantity=input.quantity,
            note=input.note,
        )

    @strawberry.mutation(description="Accept a dispatched demand (单位接单) / 接单")
    async def accept_demand(self, info: Info, input: AcceptDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info, Action.ACCEPT, input.demand_id, input.client_mutation_id, note=input.note
        )

    @strawberry.mutation(description="Turn a dispatched demand down; it can be dispatched again / 拒单")
    async def reject_demand(self, info: Info, input: RejectDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info, Action.REJECT, input.demand_id, input.client_mutation_id, note=input.reason
        )

    @strawberry.mutation(description="Start work on an accepted demand / 开始实施")
    async def start_demand(self, info: Info, input: StartDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info, Action.START, input.demand_id, input.client_mutation_id, note=input.note
        )

    @strawberry.mutation(description="Report the work done; deliverers earn points / 完成")
    async def complete_demand(self, info: Info, input: CompleteDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info,
            Action.COMPLETE,
            input.demand_id,
            input.client_mutation_id,
            note=input.note,
            participants=tuple(str(p) for p in input.participant_ids or ()),
        )

    @strawberry.mutation(description="Residents rate the work; the demand closes / 评价办结")
    async def rate_demand(self, info: Info, input: RateDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info,
            Action.RATE,
            input.demand_id,
            input.client_mutation_id,
            rating=input.rating,
            feedback=input.feedback,
            note=input.feedback,
        )

    @strawberry.mutation(description="Call a government department in (吹哨上报) / 吹哨上报")
    async def escalate_demand(self, info: Info, input: EscalateDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info,
            Action.ESCALATE,
            input.demand_id,
            input.client_mutation_id,
            unit_id=str(input.unit_id),
            note=input.reason,
        )

    @strawberry.mutation(description="Open a demand again / 重新打开")
    async def reopen_demand(self, info: Info, input: ReopenDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info, Action.REOPEN, input.demand_id, input.client_mutation_id, note=input.reason
        )

    @strawberry.mutation(description="Withdraw a demand / 撤销")
    async def cancel_demand(self, info: Info, input: CancelDemandInput) -> MoveDemandResult:
        return await _step(  # type: ignore[return-value]
            info, Action.CANCEL, input.demand_id, input.client_mutation_id, note=input.reason
        )


@strawberry.type
class LoopQuery:
    @strawberry.field(
        description="Demands still waiting past their deadline or service level, the longest-waiting "
        "first / 超期需求"
    )
    async def overdue_demands(
        self,
        info: Info,
        area: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Raised in this area or below it / 限定区域（含下级）"),
        ] = None,
        first: Annotated[int, strawberry.argument(description="At most this many / 最多条数")] = 50,
    ) -> list[Demand]:
        context = info.context
        first = check_first(first, context.settings.api_max_first)
        area_ids = await _area_ids(info, area)
        if first == 0:
            return []
        ids = await run_in_threadpool(
            timing.overdue_demand_ids, context.graph, context.settings, context.clock(), area_ids, first
        )
        rows = await context.loaders.node(Label.DEMAND).load_many(ids)
        return [Demand.of(row) for row in rows if row is not None]
