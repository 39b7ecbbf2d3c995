"""Keeping the lists up to date through GraphQL: demands, resources, agreements and 双报到.

Each mutation takes one ``input`` (with an optional ``clientMutationId``, echoed back) and runs one
operation of :mod:`gongjian.graph.lists` off the event loop. The answer is a result union
(:mod:`.lists_results`): the change made, or why it was refused. Repeating an operation is safe: the
same values again change nothing (``changed`` says so); ``updateDemand`` also recognises a retried
``clientMutationId`` (``replayed``).

Optional fields left out (or null) stay as they are; blank text clears an optional text field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import strawberry
from starlette.concurrency import run_in_threadpool

from gongjian.graph import lists
from gongjian.graph.loop.errors import LoopError
from gongjian.graph.model import ServiceType, Urgency

from ..context import Info
from .lists_results import (
    AgreementKindEnum,
    AgreementPayload,
    EndAgreementResult,
    OfferResourceResult,
    Refusal,
    ReportPayload,
    ReportToCommunityResult,
    ResourcePayload,
    ResourceStatusResult,
    SignAgreementResult,
    UpdateDemandPayload,
    UpdateDemandResult,
    UpdateResourceResult,
    refusal,
)
from .nodes import Demand, Event, Resource, ServiceTypeEnum, UrgencyEnum

T = TypeVar("T")
R = TypeVar("R")

_CMID = "Any string of yours, echoed back / 客户端请求号"
_KEEP = "Left out: unchanged / 不填则不变"
_CLEAR = "Left out: unchanged; blank clears it / 不填则不变，空字符串清除"
_WINDOW = "Canonical (mon-fri 18:00-08:00) or Chinese (工作日18:00-次日8:00); [] clears / 时段"
_DATE = "ISO date, e.g. 2026-03-01; default today / 日期（默认今天）"


def _optional(description: str) -> Any:
    """An optional input field; left out, it is ``None``."""
    return strawberry.field(default=None, description=description)


# ------------------------------------------------------------------------------------ inputs
@strawberry.input(description="Correct a demand that still waits (not done, closed or cancelled) / 更新需求")
class UpdateDemandInput:
    demand_id: strawberry.ID = strawberry.field(description="The demand / 需求编号")
    title: str | None = _optional("What is needed / 需求内容. " + _KEEP)
    quantity: int | None = _optional("Not below what a live project reserves / 数量. " + _KEEP)
    window: list[str] | None = _optional(_WINDOW)
    urgency: UrgencyEnum | None = _optional("Urgency / 紧急程度")  # type: ignore[valid-type]
    deadline: str | None = _optional("A date (end of that day) or ISO time / 截止时间. " + _CLEAR)
    note: str | None = _optional("Note / 备注. " + _CLEAR)
    contact_name: str | None = _optional("Contact person / 联系人. " + _CLEAR)
    contact_phone: str | None = _optional("Contact phone / 联系电话. " + _CLEAR)
    client_mutation_id: str | None = _optional(
        "A retry with the same one does nothing twice / 客户端请求号（防重复提交）"
    )


@strawberry.input(description="Offer a resource (资源清单 entry) / 申报资源")
class OfferResourceInput:
    owner_id: strawberry.ID = strawberry.field(
        description="The unit, member or area offering it / 提供方编号"
    )
    category: str = strawberry.field(
        description="Category code or Chinese term (错时停车, 活动室) / 资源类别"
    )
    name: str = strawberry.field(description="Unique per owner and category: part of the id / 资源名称")
    quantity: int = strawberry.field(description="How many / 可提供数量")
    unit_of_measure: str | None = _optional("个, 间, 次… / 计量单位")
    availability: list[str] | None = _optional("Canonical or Chinese schedule strings / 开放时间")
    service_type: ServiceTypeEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Public, social or volunteer / 服务类型"
    )
    conditions: str | None = _optional("Conditions of use / 使用条件")
    address: str | None = _optional("Address / 地址")
    latitude: float | None = _optional("WGS84; left out: the owner's location / 纬度（默认提供方位置）")
    longitude: float | None = _optional("WGS84 / 经度")
    contact_name: str | None = _optional("Contact person / 联系人")
    contact_phone: str | None = _optional("Contact phone / 联系电话")
    note: str | None = _optional("Note / 备注")
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(description="Correct a resource list entry / 更新资源")
class UpdateResourceInput:
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")
    name: str | None = strawberry.field(
        default=None,
        description="Refused: the name is part of the id — retire it and offer the new name / 名称不可改",
    )
    quantity: int | None = _optional("Not below what live projects hold / 数量. " + _KEEP)
    unit_of_measure: str | None = _optional("Unit of measure / 计量单位. " + _CLEAR)
    availability: list[str] | None = _optional(_WINDOW)
    conditions: str | None = _optional("Conditions of use / 使用条件. " + _CLEAR)
    service_type: ServiceTypeEnum | None = _optional("Service type / 服务类型")  # type: ignore[valid-type]
    address: str | None = _optional("Address / 地址. " + _CLEAR)
    latitude: float | None = _optional("WGS84, with longitude / 纬度")
    longitude: float | None = _optional("WGS84, with latitude / 经度")
    contact_name: str | None = _optional("Contact person / 联系人. " + _CLEAR)
    contact_phone: str | None = _optional("Contact phone / 联系电话. " + _CLEAR)
    note: str | None = _optional("Note / 备注. " + _CLEAR)
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(description="Stop new dispatches to a resource for now; reservations stay / 暂停资源")
class PauseResourceInput:
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")
    reason: str | None = _optional("Why / 原因")
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(description="Serve again after a pause (not after retiring) / 恢复资源")
class ResumeResourceInput:
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")
    reason: str | None = _optional("Why / 原因")
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(description="Take a resource off the list for good; reservations stay / 退出资源")
class RetireResourceInput:
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")
    reason: str | None = _optional("Why / 原因")
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(
    description="Sign a co-construction agreement or seat a unit on the community committee; the same "
    "values again change nothing, different ones are refused while one is in force / 签订协议"
)
class SignAgreementInput:
    unit_id: strawberry.ID = strawberry.field(description="The resident unit / 单位编号")
    community_id: strawberry.ID = strawberry.field(description="The community or village / 社区编号")
    kind: AgreementKindEnum = strawberry.field(description="Which agreement / 协议类型")  # type: ignore[valid-type]
    since: str | None = _optional(_DATE)
    until: str | None = _optional("CO_BUILDING: ISO date it ends / 到期日期")
    agreement_no: str | None = _optional("CO_BUILDING: number / 协议编号")
    role: str | None = _optional("COMMITTEE_SEAT: e.g. 兼职委员 / 职务")
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(
    description="End an agreement: CO_BUILDING gets its until date, a COMMITTEE_SEAT is removed / 终止协议"
)
class EndAgreementInput:
    unit_id: strawberry.ID = strawberry.field(description="The resident unit / 单位编号")
    community_id: strawberry.ID = strawberry.field(description="The community or village / 社区编号")
    kind: AgreementKindEnum = strawberry.field(description="Which agreement / 协议类型")  # type: ignore[valid-type]
    until: str | None = _optional("CO_BUILDING: " + _DATE)
    client_mutation_id: str | None = _optional(_CMID)


@strawberry.input(description="A unit or in-service member reports to a community (双报到) / 报到")
class ReportToCommunityInput:
    community_id: strawberry.ID = strawberry.field(description="The community or village / 社区编号")
    unit_id: strawberry.ID | None = _optional("The unit (or memberId) / 单位")
    member_id: strawberry.ID | None = _optional("The member (or unitId) / 党员")
    date: str | None = _optional(_DATE)
    client_mutation_id: str | None = _optional(_CMID)


# ------------------------------------------------------------------------------------ running
async def _run(
    info: Info, act: Callable[[], T], present: Callable[[T], R], private: Iterable[str | None] = ()
) -> R | Refusal:
    """Run one list operation off the event loop; refusals come back as result types, not errors."""

    def run() -> tuple[T | None, Refusal | None]:
        try:
            return act(), None
        except LoopError as exc:
            return None, refusal(exc, private)

    done, refused = await run_in_threadpool(run)
    if refused is not None:
        return refused
    info.context.forget_reads()  # the payload (and later fields of the document) must see the change
    return present(done)  # type: ignore[arg-type]


def _opt(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


def _resource(change: lists.ResourceChange, client_mutation_id: str | None) -> ResourcePayload:
    return ResourcePayload(
        client_mutation_id=client_mutation_id,
        created=change.created,
        changed=list(change.changed),
        held=change.held,
        resource=Resource.of(change.resource),
    )


# ------------------------------------------------------------------------------------ root
@strawberry.type
class ListMutation:
    @strawberry.mutation(description="Correct a demand that still waits / 更新需求")
    async def update_demand(self, info: Info, input: UpdateDemandInput) -> UpdateDemandResult:
        context = info.context
        request = lists.DemandUpdate(
            demand_id=str(input.demand_id),
            actor=context.caller.id,
            title=input.title,
            quantity=input.quantity,
            window=input.window,
            urgency=Urgency(input.urgency) if input.urgency is not None else None,
            deadline=input.deadline,
            note=input.note,
            contact_name=input.contact_name,
            contact_phone=input.contact_phone,
            request_id=context.request_id(input.client_mutation_id),
        )
        loop = context.loop

        def present(change: lists.DemandChange) -> UpdateDemandPayload:
            return UpdateDemandPayload(
                client_mutation_id=input.client_mutation_id,
                replayed=change.replayed,
                changed=list(change.changed),
                demand=Demand.of(change.demand),
                event=Event.of(change.event) if change.event else None,
            )

        private = (input.contact_name, input.contact_phone)
        return await _run(info, lambda: lists.update_demand(loop, request), present, private)  # type: ignore[return-value]

    @strawberry.mutation(description="Offer a resource (资源清单) / 申报资源")
    async def offer_resource(self, info: Info, input: OfferResourceInput) -> OfferResourceResult:
        offer = lists.Offer(
            owner_id=str(input.owner_id),
            category=input.category,
            name=input.name,
            quantity=input.quantity,
            unit_of_measure=input.unit_of_measure,
            availability=tuple(input.availability or ()),
            service_type=ServiceType(input.service_type) if input.service_type is not None else None,
            conditions=input.conditions,
            address=input.address,
            latitude=input.latitude,
            longitude=input.longitude,
            contact_name=input.contact_name,
            contact_phone=input.contact_phone,
            note=input.note,
        )
        graph, taxonomy = info.context.graph, info.context.taxonomy
        return await _run(  # type: ignore[return-value]
            info,
            lambda: lists.offer_resource(graph, offer, taxonomy),
            lambda change: _resource(change, input.client_mutation_id),
            (input.contact_name, input.contact_phone),
        )

    @strawberry.mutation(description="Correct a resource list entry / 更新资源")
    async def update_resource(self, info: Info, input: UpdateResourceInput) -> UpdateResourceResult:
        request = lists.ResourceUpdate(
            resource_id=str(input.resource_id),
            name=input.name,
            quantity=input.quantity,
            unit_of_measure=input.unit_of_measure,
            availability=input.availability,
            conditions=input.conditions,
            service_type=ServiceType(input.service_type) if input.service_type is not None else None,
            address=input.address,
            latitude=input.latitude,
            longitude=input.longitude,
            contact_name=input.contact_name,
            contact_phone=input.contact_phone,
            note=input.note,
        )
        graph = info.context.graph
        return await _run(  # type: ignore[return-value]
            info,
            lambda: lists.update_resource(graph, request),
            lambda change: _resource(change, input.client_mutation_id),
            (input.contact_name, input.contact_phone),
        )

    @strawberry.mutation(description="Pause a resource; reservations stay / 暂停资源")
    async def pause_resource(self, info: Info, input: PauseResourceInput) -> ResourceStatusResult:
        return await _status(info, lists.pause_resource, input)

    @strawberry.mutation(description="Resume a paused resource / 恢复资源")
    async def resume_resource(self, info: Info, input: ResumeResourceInput) -> ResourceStatusResult:
        return await _status(info, lists.resume_resource, input)

    @strawberry.mutation(description="Retire a resource for good; reservations stay / 退出资源")
    async def retire_resource(self, info: Info, input: RetireResourceInput) -> ResourceStatusResult:
        return await _status(info, lists.retire_resource, input)

    @strawberry.mutation(description="Sign an agreement between a unit and a community / 签订协议")
    async def sign_agreement(self, info: Info, input: SignAgreementInput) -> SignAgreementResult:
        signing = lists.Signing(
            unit_id=str(input.unit_id),
            community_id=str(input.community_id),
            kind=lists.AgreementKind(input.kind),
            since=input.since,
            until=input.until,
            agreement_no=input.agreement_no,
            role=input.role,
        )
        graph, clock = info.context.graph, info.context.clock
        return await _run(  # type: ignore[return-value]
            info,
            lambda: lists.sign_agreement(graph, signing, clock),
            lambda change: AgreementPayload.of(change, input.client_mutation_id),
        )

    @strawberry.mutation(description="End an agreement between a unit and a community / 终止协议")
    async def end_agreement(self, info: Info, input: EndAgreementInput) -> EndAgreementResult:
        graph, clock = info.context.graph, info.context.clock
        return await _run(  # type: ignore[return-value]
            info,
            lambda: lists.end_agreement(
                graph,
                str(input.unit_id),
                str(input.community_id),
                lists.AgreementKind(input.kind),
                input.until,
                clock,
            ),
            lambda change: AgreementPayload.of(change, input.client_mutation_id),
        )

    @strawberry.mutation(description="A unit or member reports to a community (双报到) / 报到")
    async def report_to_community(self, info: Info, input: ReportToCommunityInput) -> ReportToCommunityResult:
        report = lists.Report(
            community_id=str(input.community_id),
            unit_id=_opt(input.unit_id),
            member_id=_opt(input.member_id),
            date=input.date,
        )
        graph, clock = info.context.graph, info.context.clock
        return await _run(  # type: ignore[return-value]
            info,
            lambda: lists.report_to_community(graph, report, clock),
            lambda change: ReportPayload.of(change, input.client_mutation_id),
        )


async def _status(
    info: Info,
    move: Callable[..., lists.ResourceChange],
    input: PauseResourceInput | ResumeResourceInput | RetireResourceInput,
) -> ResourcePayload | Refusal:
    graph, clock = info.context.graph, info.context.clock
    return await _run(
        info,
        lambda: move(graph, str(input.resource_id), input.reason, clock),
        lambda change: _resource(change, input.client_mutation_id),
    )
