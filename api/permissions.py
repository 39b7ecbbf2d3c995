"""Access control: who may call what, and which nodes each caller sees — decided here and nowhere else.

- **Roles per root field** (:data:`QUERY_ROLES`, :data:`MUTATIONS`): checked by the
  :class:`Authorization` extension before any root resolver runs; a test fails when a root field of
  the schema has no rule, so a new field cannot slip through unguarded.
- **Scope of mutations**: a street coordinator or community worker acts only on targets within their
  areas (the area tree below their scope); a unit liaison only on their unit's resources, its claims
  and the work dispatched to it. Refusals are :class:`PermissionDenied` errors naming the rule.
- **Visibility of nodes** (:class:`Guard`): every node that reaches an answer passes the guard — by-id
  lookups, relationship fields, list pages, search hits. A node outside the caller's scope is simply
  absent (``null`` / left out), so a read never reveals that it exists.
- **Personal data** (:func:`may_see_personal_data`): shown unmasked only to an admin, to a coordinator
  or community worker for nodes the guard let through, and to a unit liaison for their own unit.

Roles (graph/model.py ``Role``): ``admin`` everything; ``street_coordinator`` / ``community_worker``
read and act within their scope; ``unit_liaison`` their unit; ``analyst`` reads everything masked and
runs the catalogue; ``viewer`` reads everything masked. An anonymous caller (no credentials, allowed
only while ``GONGJIAN_REQUIRE_AUTH`` is off — the development default) is a viewer.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from graphql import OperationType
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension

from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import RESERVING
from gongjian.graph.model import Label, Role
from gongjian.settings import Settings

from .errors import UserError

R = Role
#: Roles that see every node (analysts and viewers with personal data masked).
READ_ALL = frozenset({R.ADMIN, R.ANALYST, R.VIEWER})
#: Roles whose reach is the area tree below their scope.
SCOPED = frozenset({R.STREET_COORDINATOR, R.COMMUNITY_WORKER})
_LIVE = sorted(status.value for status in RESERVING)
_SCOPE_QUERIES = {
    Label.UNIT: "scope_unit",
    Label.MEMBER: "scope_member",
    Label.ORG: "scope_org",
    Label.RESOURCE: "scope_resource",
    Label.DEMAND: "scope_demand",
    Label.PROJECT: "scope_project",
    Label.EVENT: "scope_event",
}


class PermissionDenied(UserError):
    """The caller's role or scope does not allow the operation (GraphQL error, code FORBIDDEN)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"权限不足 / permission denied: {message}")
        self.extensions = {"code": "FORBIDDEN"}


def effective_roles(caller: Any, settings: Settings) -> frozenset[Role]:
    """The caller's roles; an anonymous caller is a viewer unless authentication is required."""
    if caller.is_anonymous:
        return frozenset() if settings.auth_required else frozenset({R.VIEWER})
    known = {role.value for role in Role}
    return frozenset(Role(role) for role in caller.roles if role in known)


# ======================================================================================== the guard
class Guard:
    """One request's view of the graph: which nodes the caller may see, cached for the request."""

    def __init__(self, graph: Graph, caller: Any, roles: frozenset[Role]) -> None:
        self.graph = graph
        self.caller = caller
        self.roles = roles
        self.sees_everything = bool(roles & READ_ALL)
        self.scoped = bool(roles & SCOPED)
        self.unit_id: str | None = caller.unit_id if R.UNIT_LIAISON in roles else None
        self._scope: frozenset[str] | None = None
        self._scope_lock = asyncio.Lock()
        self._seen: dict[tuple[Label, str], bool] = {}

    # -- the scope ---------------------------------------------------------------------------------
    async def scope(self) -> frozenset[str]:
        """Every area id within the caller's scope (empty unless a coordinator or community worker)."""
        if not self.scoped:
            return frozenset()
        async with self._scope_lock:
            if self._scope is None:
                roots = sorted(self.caller.scopes)
                rows = await self._read("scope_subtree", ids=roots) if roots else []
                self._scope = frozenset(row["id"] for row in rows)
            return self._scope

    async def in_scope(self, area_id: str | None) -> bool:
        return area_id is not None and area_id in await self.scope()

    # -- visibility --------------------------------------------------------------------------------
    async def visible_ids(self, label: Label, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        if self.sees_everything or label == Label.CATEGORY:
            return set(ids)
        unknown = [i for i in ids if (label, i) not in self._seen]
        if unknown:
            await self._decide(label, unknown)
        return {i for i in ids if self._seen[(label, i)]}

    async def visible(self, label: Label, id_: str | None) -> bool:
        return id_ is not None and bool(await self.visible_ids(label, [id_]))

    def known_visible(self, label: Label, id_: str | None) -> bool:
        """Whether a node already let through by this guard is visible (no graph read)."""
        return self.sees_everything or (id_ is not None and self._seen.get((label, id_), False))

    async def _decide(self, label: Label, ids: list[str]) -> None:
        scope = await self.scope()
        if label == Label.AREA:
            for id_ in ids:
                self._seen[(label, id_)] = id_ in scope
            return
        query = _SCOPE_QUERIES.get(label)
        rows = await self._read(query, ids=ids, live=_LIVE) if query and (scope or self.unit_id) else []
        owners = {row["key"]: row for row in rows}
        for id_ in ids:
            row = owners.get(id_)
            self._seen[(label, id_)] = row is not None and (
                bool(scope.intersection(row["areas"] or ())) or (self.unit_id in (row["units"] or ()))
            )

    def forget(self) -> None:
        """After a write: what the caller may see can have changed (a claim, a new resource)."""
        self._seen.clear()

    # -- lists ---------------------------------------------------------------------------------
    async def list_areas(self, requested: list[str] | None) -> list[str] | None:
        """The area filter of a list query for this caller (``None``: no restriction)."""
        if self.sees_everything:
            return requested
        if self.scoped:
            scope = await self.scope()
            return sorted(scope) if requested is None else [i for i in requested if i in scope]
        return []  # a unit liaison reaches its own data through `unit(id)` and its fields

    async def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        graph = self.graph
        return await run_in_threadpool(lambda: graph.read(graph.named(name), **params))


def may_see_personal_data(guard: Guard | None, label: Label, node_id: str | None) -> bool:
    """Unmasked names and phones: admins; coordinators and community workers for nodes within their
    scope (the guard let them through); a unit liaison for their own unit's contacts."""
    if guard is None or node_id is None:
        return False
    if R.ADMIN in guard.roles:
        return True
    if guard.scoped and guard.known_visible(label, node_id) and not (guard.roles & {R.ANALYST, R.VIEWER}):
        return True
    return label == Label.UNIT and guard.unit_id is not None and node_id == guard.unit_id


# ======================================================================================== root rules
ANY = frozenset(Role)
#: Root fields any caller may ask, even one holding no role: who am I, is it up, the category tree.
OPEN = frozenset({"health", "viewer", "category", "categories"})
#: Who may call each root query and subscription field (scoped roles are further limited below).
QUERY_ROLES: dict[str, frozenset[Role]] = {
    **dict.fromkeys(
        [
            "health", "viewer", "category", "categories", "area", "org", "unit", "member", "resource",
            "demand", "project", "areas", "orgs", "units", "members", "resources", "demands", "projects",
            "search", "overdueDemands", "demandsForUnit",
        ],
        ANY,
    ),
    **dict.fromkeys(["match", "matchDemand", "membersWithSkill", "demandEvents"], ANY - {R.UNIT_LIAISON}),
    **dict.fromkeys(["analyses", "analysis"], frozenset({R.ADMIN, R.ANALYST})),
}  # fmt: skip

Check = Callable[[Guard, Any], Awaitable[bool]]


@dataclass(frozen=True)
class MutationRule:
    """A mutation: scoped roles may act when ``in_scope`` holds; a unit liaison when ``liaison`` does."""

    in_scope: Check
    liaison: Check | None = None


def _arg(value: Any, name: str) -> str | None:
    """An input field by its Python name: ``value`` is the raw GraphQL input (camelCase keys) or an
    input object."""
    if isinstance(value, dict):
        head, *rest = name.split("_")
        found = value.get(head + "".join(part.title() for part in rest))
    else:
        found = getattr(value, name, None)
    return None if found is None else str(found)


def _demand(guard: Guard, data: Any) -> Awaitable[bool]:
    return guard.visible(Label.DEMAND, _arg(data, "demand_id"))


async def _community(guard: Guard, data: Any) -> bool:
    return await guard.in_scope(_arg(data, "community_id"))


def _resource(guard: Guard, data: Any) -> Awaitable[bool]:
    return guard.visible(Label.RESOURCE, _arg(data, "resource_id"))


async def _owner(guard: Guard, data: Any) -> bool:
    owner = _arg(data, "owner_id")
    return (
        await guard.in_scope(owner)
        or await guard.visible(Label.UNIT, owner)
        or await guard.visible(Label.MEMBER, owner)
    )


async def _own_unit(guard: Guard, data: Any) -> bool:
    return (
        guard.unit_id is not None and _arg(data, "unit_id") == guard.unit_id and not _arg(data, "member_id")
    )


async def _own_owner(guard: Guard, data: Any) -> bool:
    return guard.unit_id is not None and _arg(data, "owner_id") == guard.unit_id


# A liaison sees a resource only when its unit offers it, and a demand only while its unit delivers the
# live project (scope_resource / scope_demand), so the guard's visibility is exactly the liaison's right.
async def _own_resource(guard: Guard, data: Any) -> bool:
    return guard.unit_id is not None and await guard.visible(Label.RESOURCE, _arg(data, "resource_id"))


async def _dispatched_to_own_unit(guard: Guard, data: Any) -> bool:
    return guard.unit_id is not None and await guard.visible(Label.DEMAND, _arg(data, "demand_id"))


MUTATIONS: dict[str, MutationRule] = {
    "raiseDemand": MutationRule(_community),
    "updateDemand": MutationRule(_demand),
    "cancelDemand": MutationRule(_demand),
    "dispatchDemand": MutationRule(_demand),
    "escalateDemand": MutationRule(_demand),
    "reopenDemand": MutationRule(_demand),
    "rateDemand": MutationRule(_demand),
    "claimDemand": MutationRule(_demand, liaison=_own_unit),
    "acceptDemand": MutationRule(_demand, liaison=_dispatched_to_own_unit),
    "rejectDemand": MutationRule(_demand, liaison=_dispatched_to_own_unit),
    "startDemand": MutationRule(_demand, liaison=_dispatched_to_own_unit),
    "completeDemand": MutationRule(_demand, liaison=_dispatched_to_own_unit),
    "offerResource": MutationRule(_owner, liaison=_own_owner),
    "updateResource": MutationRule(_resource, liaison=_own_resource),
    "pauseResource": MutationRule(_resource, liaison=_own_resource),
    "resumeResource": MutationRule(_resource, liaison=_own_resource),
    "retireResource": MutationRule(_resource, liaison=_own_resource),
    "signAgreement": MutationRule(_community),
    "endAgreement": MutationRule(_community),
    "reportToCommunity": MutationRule(_community, liaison=_own_unit),
}

#: Root queries whose argument names a target that a scoped caller must have in scope.
_SCOPED_QUERY_TARGETS: dict[str, tuple[str, Label | None]] = {
    "match": ("communityId", None),
    "membersWithSkill": ("communityId", None),
    "matchDemand": ("demandId", Label.DEMAND),
    "demandsForUnit": ("unitId", Label.UNIT),
    "demandEvents": ("areaId", Label.AREA),
}


def _roles_text(roles: Iterable[Role]) -> str:
    return ", ".join(sorted(role.value for role in roles)) or "none"


async def authorize(guard: Guard, field: str, arguments: dict[str, Any], operation: OperationType) -> None:
    """Raise :class:`PermissionDenied` unless the caller may call root ``field`` with ``arguments``."""
    if field.startswith("__"):
        return
    if operation == OperationType.MUTATION:
        await _authorize_mutation(guard, field, arguments.get("input"))
        return
    allowed = QUERY_ROLES.get(field)
    if allowed is None:
        raise PermissionDenied(f"{field} has no access rule; nobody may call it")
    if field in OPEN:
        return
    if not guard.roles & allowed:
        raise PermissionDenied(
            f"{field} needs one of the roles {_roles_text(allowed)}; you have {_roles_text(guard.roles)}"
        )
    await _authorize_query_target(guard, field, arguments)


async def _authorize_mutation(guard: Guard, field: str, data: Any) -> None:
    rule = MUTATIONS.get(field)
    if rule is None:
        raise PermissionDenied(f"{field} has no access rule; nobody may call it")
    if R.ADMIN in guard.roles:
        return
    if guard.scoped and await rule.in_scope(guard, data):
        return
    if rule.liaison is not None and R.UNIT_LIAISON in guard.roles and await rule.liaison(guard, data):
        return
    if guard.scoped or R.UNIT_LIAISON in guard.roles:
        raise PermissionDenied(f"{field}: the target is outside your scope (your areas or your unit)")
    raise PermissionDenied(f"{field} changes data; your roles ({_roles_text(guard.roles)}) only read")


async def _authorize_query_target(guard: Guard, field: str, arguments: dict[str, Any]) -> None:
    target = _SCOPED_QUERY_TARGETS.get(field)
    if target is None or guard.sees_everything:
        return
    name, label = target
    value = arguments.get(name)
    value = None if value is None else str(value)
    if field == "demandsForUnit" and guard.unit_id is not None and value == guard.unit_id:
        return
    if not guard.scoped:
        raise PermissionDenied(f"{field}: your roles ({_roles_text(guard.roles)}) may not ask this")
    if label is None:  # a community given by id, name or path: resolve it first
        value = await _community_id(guard, value)
        ok = await guard.in_scope(value)
    elif label == Label.AREA:
        ok = await guard.in_scope(value)
    else:
        ok = await guard.visible(label, value)
    if not ok:
        raise PermissionDenied(f'{field}: no {name} "{arguments.get(name)}" within your scope')


async def _community_id(guard: Guard, text: str | None) -> str | None:
    from gongjian.graph.matching.engine import Matcher
    from gongjian.graph.matching.errors import MatchError

    def resolve() -> str | None:
        try:
            return Matcher(guard.graph).resolve_community(text or "").id
        except MatchError:
            return None

    return await run_in_threadpool(resolve)


class Authorization(SchemaExtension):
    """Runs :func:`authorize` before every root query and mutation field (subscriptions call it from
    their resolver, as their resolver returns a stream)."""

    def resolve(self, _next: Callable[..., Any], root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        if info.path.prev is not None or info.operation.operation == OperationType.SUBSCRIPTION:
            return _next(root, info, *args, **kwargs)
        return self._guarded(_next, root, info, *args, **kwargs)

    async def _guarded(
        self, _next: Callable[..., Any], root: Any, info: Any, *args: Any, **kwargs: Any
    ) -> Any:
        await authorize(info.context.guard, info.field_name, kwargs, info.operation.operation)
        result = _next(root, info, *args, **kwargs)
        return await result if inspect.isawaitable(result) else result
