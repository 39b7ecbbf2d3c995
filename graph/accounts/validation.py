"""What an account may be: its roles, the areas in its scope and its unit (issue 7).

- ``street_coordinator`` needs one or more streets (or towns, 乡镇: a street-level area);
- ``community_worker`` needs one or more communities or villages;
- ``unit_liaison`` needs exactly one existing unit;
- ``admin``, ``analyst`` and ``viewer`` take no scope.

An account holding several roles needs what each role needs, and every area in its scope must fit one
of its scoped roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from gongjian.graph.facade import Graph
from gongjian.graph.model import AreaLevel, Role

from .errors import InvalidAccount

#: The area levels each scoped role acts on.
SCOPE_LEVELS: dict[Role, frozenset[AreaLevel]] = {
    Role.STREET_COORDINATOR: frozenset({AreaLevel.STREET, AreaLevel.TOWN}),
    Role.COMMUNITY_WORKER: frozenset({AreaLevel.COMMUNITY, AreaLevel.VILLAGE}),
}
_LEVELS_ZH = {Role.STREET_COORDINATOR: "街道/乡镇", Role.COMMUNITY_WORKER: "社区/村"}
MAX_NAME = 100


def roles_of(values: Iterable[Role | str]) -> tuple[Role, ...]:
    """Known roles, in the given order without repeats; an unknown one is refused."""
    roles: list[Role] = []
    for value in values:
        try:
            role = Role(value)
        except ValueError:
            raise InvalidAccount("role", value, f"use one of {', '.join(r.value for r in Role)}") from None
        if role not in roles:
            roles.append(role)
    if not roles:
        raise InvalidAccount("role", "", f"give at least one role: {', '.join(r.value for r in Role)}")
    return tuple(roles)


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise InvalidAccount("name", name, f"give a name of 1 to {MAX_NAME} characters")
    return name


def check_expiry(expires_at: datetime | None, now: datetime) -> None:
    if expires_at is not None and expires_at <= now:
        raise InvalidAccount("expires", expires_at.isoformat(), "give a time in the future")


def check_scope(graph: Graph, roles: Sequence[Role], scopes: Sequence[str], unit_id: str | None) -> None:
    """Refuse scopes and units that do not exist or do not fit the roles (see the module doc)."""
    scoped = [role for role in roles if role in SCOPE_LEVELS]
    if scopes and not scoped:
        raise InvalidAccount(
            "scope", scopes[0], f"roles {', '.join(roles)} take no scope: drop --scope, or add a scoped role"
        )
    if scopes:
        rows = graph.read(graph.named("accounts_scope_areas"), ids=list(scopes))
        levels = {row["id"]: row["level"] for row in rows}
        for area_id in scopes:
            level = levels.get(area_id)
            if level is None:
                raise InvalidAccount("scope", area_id, "no area has this id: give an Area id (area-…)")
            if not any(level in SCOPE_LEVELS[role] for role in scoped):
                wanted = " or ".join(f"{_LEVELS_ZH[r]} for {r.value}" for r in scoped)
                raise InvalidAccount("scope", area_id, f"this area is a {level}; the scope must be {wanted}")
        found = [levels[area_id] for area_id in scopes]
    else:
        found = []
    for role in scoped:
        if not any(level in SCOPE_LEVELS[role] for level in found):
            raise InvalidAccount(
                "scope", ", ".join(scopes), f"{role.value} needs at least one {_LEVELS_ZH[role]} area id"
            )
    if Role.UNIT_LIAISON in roles:
        if not unit_id:
            raise InvalidAccount("unit", "", "unit_liaison needs the id of its unit (--unit unit-…)")
        if not graph.read(graph.named("accounts_unit"), id=unit_id):
            raise InvalidAccount("unit", unit_id, "no unit has this id: give a Unit id (unit-…)")
    elif unit_id:
        raise InvalidAccount("unit", unit_id, "only a unit_liaison has a unit: drop --unit or add that role")
