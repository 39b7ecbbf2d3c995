"""What the list mutations answer: the change made or why it was refused (:func:`refusal`).

Every refusal of :mod:`gongjian.graph.lists` (and the loop errors it reuses) becomes a type implementing
``UserFacingError`` — data, not a GraphQL ``errors`` entry (design.md §8). Personal values the caller
sent (contact name and phone) are masked out of messages should one ever quote them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import strawberry

from gongjian.graph.lists import (
    AgreementChange,
    AgreementConflict,
    AgreementKind,
    DuplicateResource,
    Missing,
    QuantityBelowReserved,
    ReportChange,
    ResourceStatusConflict,
)
from gongjian.graph.loop.errors import IllegalTransition, InvalidValue, LoopError, NotFound
from gongjian.graph.model import Label, ResourceStatus

from ..context import Info
from ..errors import InvalidArgumentError, NotFoundError, UserFacingError
from .loop_results import ConflictError, IllegalTransitionError, scrub, unknown_need
from .matching import UnknownNeedError
from .nodes import (
    Agreement,
    Area,
    Demand,
    Event,
    Member,
    Org,
    Resource,
    ResourceStatusEnum,
    Seat,
    Unit,
)

AgreementKindEnum = strawberry.enum(
    AgreementKind,
    name="AgreementKind",
    description="CO_BUILDING: 共建协议 (CO_BUILDS to the community); COMMITTEE_SEAT: 大党委成员单位 "
    "(SEATED_ON the community committee) / 协议类型",
)

_CMID = "Echoed from the input / 客户端请求号"
_CHANGED = "The properties that changed; empty when nothing did (the same values again) / 变更的字段"


# ------------------------------------------------------------------------------------ errors
@strawberry.type(description="A quantity below what live projects hold or reserve / 数量低于已占用量")
class QuantityBelowReservedError(UserFacingError):
    argument: str = strawberry.field(description="quantity / 参数名")
    held: int = strawberry.field(description="What live projects hold (the least allowed) / 已占用数量")


@strawberry.type(description="The owner already offers this resource / 资源已在清单中")
class DuplicateResourceError(UserFacingError):
    existing_id: strawberry.ID = strawberry.field(description="The resource offered before / 已有资源编号")


@strawberry.type(description="A retired resource cannot be resumed or paused / 资源已退出")
class ResourceStatusConflictError(UserFacingError):
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")
    resource_status: ResourceStatusEnum = strawberry.field(description="Its status now / 当前状态")  # type: ignore[valid-type]


@strawberry.type(description="A different agreement is in force: end it first / 已有不同的有效协议")
class AgreementConflictError(UserFacingError):
    since: str | None = strawberry.field(description="In force since / 现有协议开始日期")
    until: str | None = strawberry.field(description="Until / 现有协议到期日期")
    agreement_no: str | None = strawberry.field(description="Its number / 现有协议编号")
    role: str | None = strawberry.field(description="The seat's role / 现有席位职务")


Refusal = (
    NotFoundError
    | InvalidArgumentError
    | UnknownNeedError
    | IllegalTransitionError
    | QuantityBelowReservedError
    | DuplicateResourceError
    | ResourceStatusConflictError
    | AgreementConflictError
    | ConflictError
)


def refusal(exc: LoopError, private: Iterable[str | None] = ()) -> Refusal:
    """The GraphQL error type for a refusal of a list operation."""
    message = scrub(str(exc), private)
    if isinstance(exc, QuantityBelowReserved):
        return QuantityBelowReservedError(message=message, argument=exc.argument, held=exc.held)
    if (unknown := unknown_need(exc, message)) is not None:
        return unknown
    if isinstance(exc, InvalidValue):
        return InvalidArgumentError(message=message, argument=exc.argument)
    if isinstance(exc, NotFound | Missing):
        return NotFoundError(message=message, kind=exc.kind, value=scrub(exc.value, private))
    if isinstance(exc, IllegalTransition):
        return IllegalTransitionError.of(exc, message)
    if isinstance(exc, DuplicateResource):
        return DuplicateResourceError(message=message, existing_id=strawberry.ID(exc.existing_id))
    if isinstance(exc, ResourceStatusConflict):
        return ResourceStatusConflictError(
            message=message,
            resource_id=strawberry.ID(exc.resource_id),
            resource_status=ResourceStatus(exc.current),
        )
    if isinstance(exc, AgreementConflict):
        existing = exc.existing
        return AgreementConflictError(
            message=message,
            since=_text(existing.get("since")),
            until=_text(existing.get("until")),
            agreement_no=_text(existing.get("agreementNo")),
            role=_text(existing.get("role")),
        )
    return ConflictError(message=message)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# ------------------------------------------------------------------------------------ payloads
@strawberry.type(description="A demand updated / 需求已更新")
class UpdateDemandPayload:
    client_mutation_id: str | None = strawberry.field(description=_CMID)
    replayed: bool = strawberry.field(
        description="True when this clientMutationId already ran: nothing was done again / "
        "重复提交（未重复执行）"
    )
    changed: list[str] = strawberry.field(description=_CHANGED)
    demand: Demand = strawberry.field(description="The demand as it is now / 需求（最新）")
    event: Event | None = strawberry.field(
        description="The update event on its timeline (null when nothing changed) / 更新事件"
    )


@strawberry.type(description="A resource list entry offered or changed / 资源清单变更")
class ResourcePayload:
    client_mutation_id: str | None = strawberry.field(description=_CMID)
    created: bool = strawberry.field(description="True when offerResource added it / 新增")
    changed: list[str] = strawberry.field(description=_CHANGED)
    held: int = strawberry.field(description="What live projects hold of it / 在办项目占用数量")
    resource: Resource = strawberry.field(description="The resource as it is now / 资源（最新）")


@strawberry.type(description="An agreement signed or ended / 协议已签订或终止")
class AgreementPayload:
    client_mutation_id: str | None = strawberry.field(description=_CMID)
    agreement_kind: AgreementKindEnum = strawberry.field(description="Which agreement / 协议类型")  # type: ignore[valid-type]
    changed: bool = strawberry.field(
        description="False when it was already so (signed with the same values, or ended) / 是否有变更"
    )
    in_force: bool = strawberry.field(description="In force today / 今日有效")
    unit_id: strawberry.Private[str]
    community_id: strawberry.Private[str]
    target_id: strawberry.Private[str]
    props: strawberry.Private[dict[str, Any]]

    @staticmethod
    def of(change: AgreementChange, client_mutation_id: str | None) -> AgreementPayload:
        return AgreementPayload(
            client_mutation_id=client_mutation_id,
            agreement_kind=change.kind,
            changed=change.changed,
            in_force=change.in_force,
            unit_id=change.unit_id,
            community_id=change.community_id,
            target_id=change.target_id,
            props=change.props,
        )

    @strawberry.field(description="The unit / 单位")
    async def unit(self, info: Info) -> Unit:
        return Unit.of(await _node(info, Label.UNIT, self.unit_id))

    @strawberry.field(description="The community / 社区")
    async def community(self, info: Info) -> Area:
        return Area.of(await _node(info, Label.AREA, self.community_id))

    @strawberry.field(description="The co-construction agreement (CO_BUILDING) / 共建协议")
    async def agreement(self, info: Info) -> Agreement | None:
        if self.agreement_kind != AgreementKind.CO_BUILDING:
            return None
        return Agreement.of(self.props, unit=await self.unit(info), area=await self.community(info))

    @strawberry.field(
        description="The committee seat (COMMITTEE_SEAT; after endAgreement the seat as it was) / 大党委席位"
    )
    async def seat(self, info: Info) -> Seat | None:
        if self.agreement_kind != AgreementKind.COMMITTEE_SEAT:
            return None
        org = Org.of(await _node(info, Label.ORG, self.target_id))
        return Seat.of(self.props, unit=await self.unit(info), org=org)


@strawberry.type(description="A report to a community (双报到) / 报到")
class ReportPayload:
    client_mutation_id: str | None = strawberry.field(description=_CMID)
    changed: bool = strawberry.field(description="False when it had reported there before / 是否新报到")
    date: str | None = strawberry.field(
        description="The date of the report (the first one stands) / 报到日期"
    )
    reporter_id: strawberry.Private[str]
    reporter_label: strawberry.Private[Label]
    community_id: strawberry.Private[str]

    @staticmethod
    def of(change: ReportChange, client_mutation_id: str | None) -> ReportPayload:
        return ReportPayload(
            client_mutation_id=client_mutation_id,
            changed=change.changed,
            date=change.date,
            reporter_id=change.reporter_id,
            reporter_label=change.reporter_label,
            community_id=change.community_id,
        )

    @strawberry.field(description="The unit that reported / 报到单位")
    async def unit(self, info: Info) -> Unit | None:
        if self.reporter_label != Label.UNIT:
            return None
        return Unit.of(await _node(info, Label.UNIT, self.reporter_id))

    @strawberry.field(description="The member who reported / 报到党员")
    async def member(self, info: Info) -> Member | None:
        if self.reporter_label != Label.MEMBER:
            return None
        return Member.of(await _node(info, Label.MEMBER, self.reporter_id))

    @strawberry.field(description="The community / 社区")
    async def community(self, info: Info) -> Area:
        return Area.of(await _node(info, Label.AREA, self.community_id))


async def _node(info: Info, label: Label, id_: str) -> dict[str, Any]:
    row = await info.context.loaders.node(label).load(id_)
    if row is None:  # only when someone deleted it in between: an unexpected, masked error
        raise LookupError(f"{label.value} {id_} vanished after the mutation")
    return row


# ------------------------------------------------------------------------------------ unions
UpdateDemandResult = Annotated[
    UpdateDemandPayload
    | NotFoundError
    | InvalidArgumentError
    | IllegalTransitionError
    | QuantityBelowReservedError
    | ConflictError,
    strawberry.union("UpdateDemandResult", description="The demand updated, or why not / 需求更新结果"),
]
OfferResourceResult = Annotated[
    ResourcePayload
    | NotFoundError
    | InvalidArgumentError
    | UnknownNeedError
    | DuplicateResourceError
    | ConflictError,
    strawberry.union("OfferResourceResult", description="The resource offered, or why not / 资源申报结果"),
]
UpdateResourceResult = Annotated[
    ResourcePayload | NotFoundError | InvalidArgumentError | QuantityBelowReservedError | ConflictError,
    strawberry.union("UpdateResourceResult", description="The resource updated, or why not / 资源更新结果"),
]
ResourceStatusResult = Annotated[
    ResourcePayload | NotFoundError | InvalidArgumentError | ResourceStatusConflictError | ConflictError,
    strawberry.union(
        "ResourceStatusResult", description="Paused, resumed or retired, or why not / 资源状态变更结果"
    ),
]
SignAgreementResult = Annotated[
    AgreementPayload | NotFoundError | InvalidArgumentError | AgreementConflictError | ConflictError,
    strawberry.union("SignAgreementResult", description="The agreement signed, or why not / 协议签订结果"),
]
EndAgreementResult = Annotated[
    AgreementPayload | NotFoundError | InvalidArgumentError | ConflictError,
    strawberry.union("EndAgreementResult", description="The agreement ended, or why not / 协议终止结果"),
]
ReportToCommunityResult = Annotated[
    ReportPayload | NotFoundError | InvalidArgumentError | ConflictError,
    strawberry.union("ReportToCommunityResult", description="The report made, or why not / 双报到结果"),
]
