"""Refusals of the list operations that the loop's own (:mod:`gongjian.graph.loop.errors`) do not cover.

Each message names the thing, the value and the fix, in Chinese and English, and never quotes personal
data. A refusal leaves nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongjian.graph.loop.errors import InvalidValue, LoopError


class QuantityBelowReserved(InvalidValue):
    """A new quantity below what live projects already hold (of a resource) or reserve (for a demand)."""

    def __init__(self, kind: str, subject_id: str, quantity: int, held: int) -> None:
        self.kind = kind
        self.subject_id = subject_id
        self.held = held
        what = "占用该资源" if kind == "resource" else "为该需求预留"
        super().__init__(
            "quantity",
            quantity,
            f"在办项目已{what} {held} / live projects already hold {held} of {kind} {subject_id}: give at "
            f"least {held}, or cancel or complete those projects first",
        )


class DuplicateResource(LoopError):
    """The owner already offers a resource of that category and name (the id derives from them)."""

    def __init__(self, existing_id: str, status: str | None) -> None:
        self.existing_id = existing_id
        self.status = status
        super().__init__(
            f"该资源已在清单中 / the owner already offers this resource: {existing_id} ({status}); change it "
            "with updateResource (resumeResource when paused), or offer it under another name"
        )


class ResourceStatusConflict(LoopError):
    """A status change the resource's current status does not allow (a retired one stays retired)."""

    def __init__(self, resource_id: str, current: str, action: str) -> None:
        self.resource_id = resource_id
        self.current = current
        self.action = action
        zh = "恢复" if action == "resume" else "暂停"
        super().__init__(
            f"资源已退出，不能{zh} / resource {resource_id} is {current}: a retired resource cannot be "
            f"{action}d — offer a new entry (offerResource, another name) instead"
        )


class Missing(LoopError):
    """Something the operation needs is not in the graph: ``kind`` and ``value`` say what (the API reports
    it as not found)."""

    def __init__(self, kind: str, value: str, message: str) -> None:
        self.kind = kind
        self.value = value
        super().__init__(message)


def no_committee(community_id: str, committees: Sequence[str]) -> Missing:
    if committees:
        listed = ", ".join(committees)
        return Missing(
            "committee",
            community_id,
            f"社区 {community_id} 有多个社区党委（{listed}）/ several community committees cover "
            f"{community_id} ({listed}): keep one (党组织清单) so that the seat is unambiguous",
        )
    return Missing(
        "committee",
        community_id,
        f"社区 {community_id} 还没有社区党委（大党委）/ no community committee covers {community_id}: import "
        "its party organisation first (党组织清单, 类型 社区党委, 所在区域 该社区)",
    )


def no_agreement(kind: str, unit_id: str, community_id: str) -> Missing:
    zh = "共建协议" if kind == "agreement" else "大党委席位"
    return Missing(
        kind,
        f"{unit_id} → {community_id}",
        f"单位与社区之间没有{zh} / unit {unit_id} has no {kind} with community {community_id}: check both "
        "ids (signAgreement creates one)",
    )


class AgreementConflict(LoopError):
    """Signing again with values that differ from the agreement (or seat) in force."""

    def __init__(self, kind: str, unit_id: str, community_id: str, existing: dict[str, object]) -> None:
        self.kind = kind
        self.existing = existing
        shown = ", ".join(f"{key} {value}" for key, value in existing.items() if value is not None)
        zh = "共建协议" if kind == "CO_BUILDING" else "大党委席位"
        super().__init__(
            f"已有有效的{zh}，内容不同 / unit {unit_id} and community {community_id} already have a {kind} "
            f"in force ({shown or 'no details'}) that differs: "
            "sign with the same values (or leave them out) to keep it, or end it first (endAgreement) and "
            "then sign the new one"
        )
