"""Expected refusals in the GraphQL API.

- Root lookups by id return ``null`` when nothing has that id.
- The matching queries return result unions (``MatchResult`` …): a success type or one of the error
  types below, each with a clear ``message`` — data, not GraphQL ``errors`` (design.md §8: fuzzers and
  clients treat ``errors`` as failures).
- Malformed list arguments (``first`` out of range, a foreign cursor, an unknown area) raise
  :class:`UserError`: a GraphQL error whose message names the argument, the value and the fix.
  ``MaskErrors`` lets these through and masks everything else.
"""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from gongjian.graph.errors import UnstorableValue


class UserError(Exception):
    """A refusal whose message is meant for the caller (passes MaskErrors)."""


def is_user_facing(error: GraphQLError) -> bool:
    """True for errors whose message the caller should see (MaskErrors' predicate inverted)."""
    original = error.original_error
    return original is None or isinstance(original, UserError | UnstorableValue)


def should_mask(error: GraphQLError) -> bool:
    return not is_user_facing(error)


@strawberry.interface(description="An expected refusal, as data / 预期内的拒绝（以数据返回）")
class UserFacingError:
    message: str = strawberry.field(description="What went wrong and how to fix it / 原因与改正方法")


@strawberry.type(description="Nothing has that id or name / 未找到")
class NotFoundError(UserFacingError):
    kind: str = strawberry.field(description="community, demand, unit … / 对象类型")
    value: str = strawberry.field(description="The id or name given / 给出的编号或名称")


@strawberry.type(description="An argument outside its allowed range or form / 参数不合法")
class InvalidArgumentError(UserFacingError):
    argument: str = strawberry.field(description="The argument's name / 参数名")
    options: list[str] = strawberry.field(
        default_factory=list, description="Candidates when a name is ambiguous / 名称有歧义时的候选"
    )
