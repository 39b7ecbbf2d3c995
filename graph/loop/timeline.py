"""A timeline in the order things happened.

Events carry their time to the second, so two steps taken within one second (a claim and its start, a
completion and the points it credits) share ``at``. Within such a second the order is rebuilt from the
events themselves: each status event starts where the previous one left the demand (``fromStatus`` =
the last ``toStatus``; at the start, one that no other event of that second leads to), and a points
event follows the step that earned it (its id is that step's id plus ``:member``). Only when that
leaves a choice does the loop's own order of actions decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import Any

from .actions import Action

Event = Mapping[str, Any]

_RANK = {action.value: rank for rank, action in enumerate(Action)}


def in_order(events: Iterable[Event]) -> list[Event]:
    """``events`` oldest first; events without a time come last, by id."""
    timed = sorted((e for e in events if e.get("at")), key=lambda e: str(e["at"]))
    untimed = sorted((e for e in events if not e.get("at")), key=_id)
    ordered: list[Event] = []
    state: Any = None
    for _, group in groupby(timed, key=lambda e: str(e["at"])):
        chunk, state = _within_one_second(list(group), state)
        ordered.extend(chunk)
    return ordered + untimed


def _within_one_second(events: list[Event], state: Any) -> tuple[list[Event], Any]:
    credits = [e for e in events if e.get("action") == Action.CREDIT.value]
    pending = sorted((e for e in events if e.get("action") != Action.CREDIT.value), key=_fallback)
    ordered: list[Event] = []
    while pending:
        chosen = _next(pending, state)
        pending.remove(chosen)
        ordered.append(chosen)
        state = chosen.get("toStatus") or state
        earned = [c for c in credits if _id(c).startswith(f"{_id(chosen)}:")]
        ordered.extend(sorted(earned, key=_id))
        credits = [c for c in credits if c not in earned]
    return ordered + sorted(credits, key=_id), state


def _next(pending: list[Event], state: Any) -> Event:
    """The event that continues from ``state``; else one no other pending event leads to; else the
    first in the loop's order."""
    if state is not None:
        for event in pending:
            if event.get("fromStatus") == state:
                return event
    reached = {e.get("toStatus") for e in pending}
    return next((e for e in pending if e.get("fromStatus") not in reached), pending[0])


def _fallback(event: Event) -> tuple[int, str]:
    return _RANK.get(str(event.get("action")), len(_RANK)), _id(event)


def _id(event: Event) -> str:
    return str(event.get("id") or "")
