"""``viewer``: who the API takes the caller to be (api/auth.py) — its account, roles and scope.

Only ever the caller itself, so the account's name is shown as it is (it is not a resident's data).
"""

from __future__ import annotations

import strawberry

from gongjian.graph.model import Role

from ..context import Info

RoleEnum = strawberry.enum(Role, description="Role of an API account / 账号角色")


@strawberry.type(description="The caller: an account, a single-sign-on subject, or anonymous / 当前调用者")
class Viewer:
    id: strawberry.ID = strawberry.field(description="Account id, oidc:<subject>, or anonymous / 调用者标识")
    name: str | None = strawberry.field(description="Account or token name / 名称")
    roles: list[RoleEnum] = strawberry.field(description="Roles / 角色")  # type: ignore[valid-type]
    scopes: list[strawberry.ID] = strawberry.field(description="Area ids in scope / 负责区域编号")
    unit_id: strawberry.ID | None = strawberry.field(description="A unit liaison's unit / 所联络单位")
    anonymous: bool = strawberry.field(description="No credentials were sent / 未认证")


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="Who is asking: account, roles and scope / 当前调用者及其角色与范围")
    def viewer(self, info: Info) -> Viewer:
        caller = info.context.caller
        return Viewer(
            id=strawberry.ID(caller.id),
            name=caller.name,
            roles=[role for role in Role if role.value in caller.roles],
            scopes=[strawberry.ID(s) for s in sorted(caller.scopes)],
            unit_id=strawberry.ID(caller.unit_id) if caller.unit_id else None,
            anonymous=caller.is_anonymous,
        )
