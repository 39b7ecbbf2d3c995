"""The loop's actions (群众点单 → 社区派单 → 单位接单 → 处理 → 反馈) and what each does to a demand and
its project.

Each action moves a demand from one of its allowed states to one state (``DEMAND_TRANSITIONS`` of
``graph/model.py`` lists every allowed move; a test keeps the two in step) and moves the demand's live
project along with it. ``dispatch`` and ``claim`` create the project and reserve capacity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongjian.graph.model import DEMAND_TRANSITIONS, DemandStatus, ProjectStatus

D = DemandStatus
P = ProjectStatus


class Action(StrEnum):
    RAISE = "raise"
    UPDATE = "update"
    DISPATCH = "dispatch"
    CLAIM = "claim"
    ACCEPT = "accept"
    REJECT = "reject"
    START = "start"
    COMPLETE = "complete"
    RATE = "rate"
    ESCALATE = "escalate"
    REOPEN = "reopen"
    CANCEL = "cancel"
    CREDIT = "credit"


@dataclass(frozen=True)
class Move:
    """What an action does: the demand states it starts from, where it leads, and the live project's move."""

    action: Action
    zh: str
    sources: frozenset[DemandStatus]
    target: DemandStatus
    project_sources: frozenset[ProjectStatus] = frozenset()
    project_target: ProjectStatus | None = None


#: Projects that hold (reserve) capacity of the resource they use: from dispatch until done, rejected
#: or cancelled. A dispatched booking holds the space too, or two coordinators could dispatch the same
#: last parking space to two units.
RESERVING: frozenset[ProjectStatus] = frozenset({P.PROPOSED, P.ACCEPTED, P.IN_PROGRESS})
_LIVE = RESERVING
#: Projects that count in a deliverer's track record (matching's record part), and as its open
#: commitments (the load part): the loop keeps each deliverer's counts of both on the node.
COMPLETED: frozenset[ProjectStatus] = frozenset({P.DONE, P.CLOSED})
OPEN_COMMITMENTS: frozenset[ProjectStatus] = frozenset({P.PROPOSED, P.ACCEPTED, P.IN_PROGRESS})

MOVES: dict[Action, Move] = {
    move.action: move
    for move in (
        Move(Action.DISPATCH, "派单", frozenset({D.OPEN, D.REJECTED, D.ESCALATED}), D.DISPATCHED),
        Move(Action.CLAIM, "认领", frozenset({D.OPEN, D.REJECTED, D.ESCALATED}), D.ACCEPTED),
        Move(
            Action.ACCEPT, "接单", frozenset({D.DISPATCHED}), D.ACCEPTED, frozenset({P.PROPOSED}), P.ACCEPTED
        ),
        Move(
            Action.REJECT, "拒单", frozenset({D.DISPATCHED}), D.REJECTED, frozenset({P.PROPOSED}), P.REJECTED
        ),
        Move(
            Action.START,
            "开始实施",
            frozenset({D.ACCEPTED}),
            D.IN_PROGRESS,
            frozenset({P.ACCEPTED}),
            P.IN_PROGRESS,
        ),
        Move(Action.COMPLETE, "完成", frozenset({D.IN_PROGRESS}), D.DONE, frozenset({P.IN_PROGRESS}), P.DONE),
        Move(Action.RATE, "评价办结", frozenset({D.DONE}), D.CLOSED, frozenset({P.DONE}), P.CLOSED),
        Move(
            Action.ESCALATE, "吹哨上报", frozenset({D.OPEN, D.IN_PROGRESS}), D.ESCALATED, _LIVE, P.CANCELLED
        ),
        Move(Action.REOPEN, "重新打开", frozenset({D.DONE, D.CLOSED, D.CANCELLED, D.REJECTED}), D.OPEN),
        Move(
            Action.CANCEL,
            "撤销",
            frozenset({D.OPEN, D.DISPATCHED, D.ACCEPTED, D.REJECTED, D.ESCALATED}),
            D.CANCELLED,
            _LIVE,
            P.CANCELLED,
        ),
    )
}

STATUS_ZH: dict[DemandStatus, str] = {
    D.OPEN: "待派单", D.DISPATCHED: "已派单", D.ACCEPTED: "已接单", D.IN_PROGRESS: "办理中",
    D.DONE: "已完成待评价", D.CLOSED: "已办结", D.REJECTED: "已拒单", D.CANCELLED: "已撤销",
    D.ESCALATED: "已吹哨上报",
}  # fmt: skip


def allowed_actions(status: DemandStatus) -> list[Action]:
    """The actions a demand in ``status`` may take next, in the loop's order."""
    return [move.action for move in MOVES.values() if status in move.sources]


def check_table() -> None:
    """Every move is an allowed transition, and every allowed transition has a move (tested)."""
    moves = {(source, move.target) for move in MOVES.values() for source in move.sources}
    allowed = {(source, target) for source, targets in DEMAND_TRANSITIONS.items() for target in targets}
    if moves != allowed:
        raise AssertionError(f"moves without a transition: {moves - allowed}; unused: {allowed - moves}")
