"""Expected refusals of the matching engine. Each message names the thing, the value and the fix.

``UnknownCategory`` (from :mod:`gongjian.graph.taxonomy`) is the fourth one: an unknown need or skill.
"""

from __future__ import annotations

from collections.abc import Sequence


class MatchError(ValueError):
    """Base of the matching engine's expected refusals (the CLI exits with code 2 on them)."""


class NotFound(MatchError):
    """No node of that kind has that id (or name)."""

    def __init__(self, kind: str, value: str, hint: str = "") -> None:
        self.kind = kind
        self.value = value
        zh = {"community": "社区", "demand": "需求", "unit": "单位", "area": "区域"}.get(kind, kind)
        message = f'未找到{zh} "{value}" / no {kind} "{value}"'
        if hint:
            message += f": {hint}"
        super().__init__(message)


class AmbiguousName(MatchError):
    """A name that several nodes carry; the message lists them so the caller can pick one."""

    def __init__(self, kind: str, value: str, options: Sequence[str]) -> None:
        self.kind = kind
        self.value = value
        self.options = tuple(options)
        listed = "; ".join(self.options)
        super().__init__(
            f'"{value}" 对应多个{kind}，请用编号或完整路径（街道/社区）/ "{value}" names several '
            f"{kind}s; give the id or the path (street/community): {listed}"
        )


class InvalidArgument(MatchError):
    """An argument outside its allowed range or form."""

    def __init__(self, argument: str, value: object, expected: str) -> None:
        self.argument = argument
        self.value = value
        super().__init__(f"{argument} = {value!r} is not allowed: {expected}")
