"""Expected refusals of the loop. Each message names the thing, the value and the fix, in Chinese and English.

Refusals never leave anything written: every loop operation is one guarded statement that either
commits whole or changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongjian.graph.model import DemandStatus

from .actions import STATUS_ZH, Action


class LoopError(ValueError):
    """Base of the loop's expected refusals (the CLI exits with code 2, the API returns them as data)."""


class NotFound(LoopError):
    def __init__(self, kind: str, value: str) -> None:
        self.kind = kind
        self.value = value
        zh = {"demand": "需求", "unit": "单位", "member": "党员", "resource": "资源", "project": "项目",
              "community": "社区", "area": "区域"}.get(kind, kind)  # fmt: skip
        super().__init__(f'未找到{zh} "{value}" / no {kind} has the id "{value}"')


class IllegalTransition(LoopError):
    """The demand is in a state the action does not start from."""

    def __init__(
        self, demand_id: str, action: Action, current: DemandStatus, allowed: Sequence[Action]
    ) -> None:
        self.demand_id = demand_id
        self.action = action
        self.current = current
        self.allowed = tuple(allowed)
        nexts = ", ".join(a.value for a in self.allowed) or "none"
        super().__init__(
            f"需求当前为「{STATUS_ZH[current]}」，不能{action.value} / "
            f"demand {demand_id} is {current.value}; {action.value} is not allowed from there — "
            f"allowed next: {nexts}"
        )


class InsufficientCapacity(LoopError):
    """The resource has less left than the dispatch or claim would reserve."""

    def __init__(self, resource_id: str, remaining: int, requested: int) -> None:
        self.resource_id = resource_id
        self.remaining = remaining
        self.requested = requested
        fix = (
            f"reserve at most {remaining} (quantity: {remaining}) or choose another resource"
            if remaining > 0
            else "choose another resource (see match)"
        )
        super().__init__(
            f"资源剩余{remaining}，不足{requested} / resource {resource_id} has {remaining} left, "
            f"{requested} requested: {fix}"
        )


class ResourceUnavailable(LoopError):
    """The resource is paused or retired, or the deliverer does not offer it."""

    def __init__(self, resource_id: str, reason: str) -> None:
        self.resource_id = resource_id
        super().__init__(f"资源不可用 / resource {resource_id} cannot be used: {reason}")


class InvalidValue(LoopError):
    """An argument outside its allowed range or form."""

    def __init__(self, argument: str, value: object, fix: str) -> None:
        self.argument = argument
        self.value = value
        super().__init__(f'参数 {argument} 的值 "{value}" 不合法 / {argument} "{value}" is not valid: {fix}')
