"""What the loop mutations answer: the change made (:class:`DemandChangePayload`) or why it was refused.

Every :class:`~gongjian.graph.loop.errors.LoopError` becomes one of the error types below — data, not a
GraphQL ``errors`` entry (design.md §8). :func:`refusal` is the one mapping; other mutations on demands
reuse it. Messages are the engine's (Chinese and English, naming the thing, the value and the fix);
personal data the caller sent is masked out of them (:func:`refusal`'s ``private``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import strawberry

from gongjian.graph.loop.engine import Outcome
from gongjian.graph.loop.errors import (
    IllegalTransition,
    InsufficientCapacity,
    InvalidValue,
    LoopError,
    NotFound,
    ResourceUnavailable,
)
from gongjian.graph.loop.raising import DuplicateDemand
from gongjian.graph.model import DemandStatus, Label
from gongjian.graph.taxonomy import UnknownCategory

from ..context import Info
from ..errors import InvalidArgumentError, NotFoundError, UserFacingError
from ..masking import mask_name, mask_phone
from .matching import UnknownNeedError
from .nodes import Category, Demand, DemandStatusEnum, Event, Project


# ------------------------------------------------------------------------------------ errors
@strawberry.type(description="The demand is in a state the action does not start from / 当前状态不允许此操作")
class IllegalTransitionError(UserFacingError):
    demand_id: strawberry.ID = strawberry.field(description="The demand / 需求编号")
    action: str = strawberry.field(description="The action refused, e.g. accept / 被拒绝的操作")
    current_status: DemandStatusEnum = strawberry.field(description="Its status now / 当前状态")  # type: ignore[valid-type]
    allowed_actions: list[str] = strawberry.field(
        description="Actions it may take next, in the loop's order / 当前可执行的操作"
    )

    @staticmethod
    def of(exc: IllegalTransition, message: str) -> IllegalTransitionError:
        return IllegalTransitionError(
            message=message,
            demand_id=strawberry.ID(exc.demand_id),
            action=exc.action.value,
            current_status=DemandStatus(exc.current),
            allowed_actions=[a.value for a in exc.allowed],
        )


@strawberry.type(description="The resource has less left than requested / 资源剩余不足")
class InsufficientCapacityError(UserFacingError):
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")
    # Nullable only so that a client may select `remaining` on this and on DemandChangePayload in one
    # selection set (GraphQL requires fields of one name to have one type there); it is always set.
    remaining: int | None = strawberry.field(description="What is left / 剩余数量")
    requested: int = strawberry.field(description="What was asked for / 请求数量")


@strawberry.type(
    description="The resource is paused or retired, or the deliverer does not offer it / 资源不可用"
)
class ResourceUnavailableError(UserFacingError):
    resource_id: strawberry.ID = strawberry.field(description="The resource / 资源编号")


@strawberry.type(description="The community raised the same demand today already / 重复需求")
class DuplicateDemandError(UserFacingError):
    existing_id: strawberry.ID = strawberry.field(description="The demand raised before / 已有需求编号")


@strawberry.type(description="Someone changed the demand meanwhile: reload it and retry / 需求已被他人更新")
class ConflictError(UserFacingError):
    pass


# ------------------------------------------------------------------------------------ success
@strawberry.type(description="What a loop mutation did / 闭环操作结果")
class DemandChangePayload:
    client_mutation_id: str | None = strawberry.field(description="Echoed from the input / 客户端请求号")
    replayed: bool = strawberry.field(
        description="True when this clientMutationId already ran: nothing was done again, the first "
        "answer is repeated / 重复提交（未重复执行）"
    )
    remaining: int | None = strawberry.field(
        description="Capacity left on the resource after a dispatch or claim (null otherwise and on a "
        "replay) / 派单或认领后资源剩余"
    )
    demand_id: strawberry.Private[str]
    project_id: strawberry.Private[str | None]
    event_id: strawberry.Private[str]

    @staticmethod
    def of(outcome: Outcome, client_mutation_id: str | None) -> DemandChangePayload:
        return DemandChangePayload(
            client_mutation_id=client_mutation_id,
            replayed=outcome.replayed,
            remaining=outcome.remaining,
            demand_id=outcome.demand_id,
            project_id=outcome.project_id,
            event_id=outcome.event_id,
        )

    @strawberry.field(description="The demand as it is now / 需求（最新）")
    async def demand(self, info: Info) -> Demand:
        row = await info.context.loaders.node(Label.DEMAND).load(self.demand_id)
        if row is None:  # only when someone deleted it in between: an unexpected, masked error
            raise LookupError(f"demand {self.demand_id} vanished after the mutation")
        return Demand.of(row)

    @strawberry.field(description="Its project, when it has one / 对应项目")
    async def project(self, info: Info) -> Project | None:
        if self.project_id is None:
            return None
        row = await info.context.loaders.node(Label.PROJECT).load(self.project_id)
        return Project.of(row) if row else None

    @strawberry.field(description="The event written / 写入的事件")
    async def event(self, info: Info) -> Event | None:
        row = await info.context.loaders.node(Label.EVENT).load(self.event_id)
        return Event.of(row) if row else None


# ------------------------------------------------------------------------------------ unions
RaiseDemandResult = Annotated[
    DemandChangePayload | NotFoundError | InvalidArgumentError | UnknownNeedError | DuplicateDemandError,
    strawberry.union("RaiseDemandResult", description="The demand raised, or why not / 点单结果"),
]
AssignDemandResult = Annotated[
    DemandChangePayload
    | NotFoundError
    | InvalidArgumentError
    | IllegalTransitionError
    | InsufficientCapacityError
    | ResourceUnavailableError
    | ConflictError,
    strawberry.union("AssignDemandResult", description="Dispatched or claimed, or why not / 派单或认领结果"),
]
MoveDemandResult = Annotated[
    DemandChangePayload | NotFoundError | InvalidArgumentError | IllegalTransitionError | ConflictError,
    strawberry.union("MoveDemandResult", description="The demand moved on, or why not / 状态变更结果"),
]

Refusal = (
    NotFoundError
    | InvalidArgumentError
    | UnknownNeedError
    | DuplicateDemandError
    | IllegalTransitionError
    | InsufficientCapacityError
    | ResourceUnavailableError
    | ConflictError
)

#: Engine argument names that the GraphQL inputs spell differently.
_ARGUMENT = {"category": "need"}


def refusal(exc: LoopError, private: Iterable[str | None] = ()) -> Refusal:
    """The GraphQL error type for a loop refusal; ``private`` values (contact name, phone …) are masked
    in the message should the engine ever quote them."""
    message = scrub(str(exc), private)
    if (unknown := unknown_need(exc, message)) is not None:
        return unknown
    if isinstance(exc, DuplicateDemand):
        return DuplicateDemandError(message=message, existing_id=strawberry.ID(exc.existing_id))
    if isinstance(exc, NotFound):
        return NotFoundError(message=message, kind=exc.kind, value=scrub(exc.value, private))
    if isinstance(exc, IllegalTransition):
        return IllegalTransitionError.of(exc, message)
    if isinstance(exc, InsufficientCapacity):
        return InsufficientCapacityError(
            message=message,
            resource_id=strawberry.ID(exc.resource_id),
            remaining=exc.remaining,
            requested=exc.requested,
        )
    if isinstance(exc, ResourceUnavailable):
        return ResourceUnavailableError(message=message, resource_id=strawberry.ID(exc.resource_id))
    if isinstance(exc, InvalidValue):
        return InvalidArgumentError(message=message, argument=_ARGUMENT.get(exc.argument, exc.argument))
    return ConflictError(message=message)


def unknown_need(exc: LoopError, message: str) -> UnknownNeedError | None:
    """The refusal of a category the taxonomy does not know, with the closest ones; else ``None``."""
    if isinstance(exc, InvalidValue) and isinstance(exc.__cause__, UnknownCategory):
        unknown = exc.__cause__
        return UnknownNeedError(
            message=message, text=unknown.text, suggestions=[Category.of(c) for c in unknown.suggestions]
        )
    return None


def scrub(text: str, private: Iterable[str | None]) -> str:
    """``text`` with each private value (a contact name or phone the caller sent) masked."""
    for value in private:
        value = (value or "").strip()
        if len(value) >= 2 and value in text:
            masked = mask_phone(value) if any(ch.isdigit() for ch in value) else mask_name(value)
            text = text.replace(value, masked)
    return text
