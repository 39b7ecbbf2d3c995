"""Keyset cursor pagination for GraphQL lists (design.md §7).

A cursor is opaque base64 of the JSON ``[sortKey, id]`` of the last row seen; the next page is every row
whose ``(sortKey, id)`` comes after it, so pages stay right while rows are added or removed (unlike
offset cursors). ``first`` defaults to 20 and is capped by ``GONGJIAN_API_MAX_FIRST`` (100).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from .errors import UserError

T = TypeVar("T")

DEFAULT_FIRST = 20


def encode_cursor(sort_key: str, id_: str) -> str:
    raw = json.dumps([sort_key, id_], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise UserError(
            f'after: "{cursor}" is not a cursor of this list; pass an edge\'s `cursor` or '
            "`pageInfo.endCursor` unchanged"
        )
    return value[0], value[1]


def check_first(first: int, maximum: int) -> int:
    if first < 0 or first > maximum:
        raise UserError(f"first: {first} is out of range; ask for 0 to {maximum} items per page")
    return first


@strawberry.type(description="Where a page sits in its list / 分页信息")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow / 还有下一页")
    has_previous_page: bool = strawberry.field(description="`after` was given / 之前还有数据")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge / 首条游标")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge: pass it as `after` / 末条游标"
    )


@strawberry.type(description="One row of a list and its cursor / 列表中的一项及其游标")
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type(description="A page of a list / 分页列表")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo = strawberry.field(description="Paging state / 分页信息")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Rows matching the filter, over all pages / 符合条件的总数")
    async def total_count(self) -> int:
        return await self.count()
