"""Root entity queries: one node by id (``null`` when nothing has it), filtered keyset-paginated lists,
``search`` over names and the ``categories`` tree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry

from gongjian.graph.model import Label
from gongjian.graph.taxonomy import UnknownCategory

from ..context import Info
from ..errors import UserError
from ..pagination import DEFAULT_FIRST, Connection, Edge, PageInfo, check_first, decode_cursor, encode_cursor
from .nodes import (
    Area,
    AreaLevelEnum,
    Category,
    Demand,
    DemandStatusEnum,
    Member,
    MemberStatusEnum,
    Org,
    OrgKindEnum,
    Project,
    ProjectStatusEnum,
    Resource,
    ResourceStatusEnum,
    ServiceTypeEnum,
    Unit,
    UnitTypeEnum,
    UrgencyEnum,
)

N = TypeVar("N")

_AREA = "Only rows in this area or anywhere below it (area id) / 限定区域（含下级）"
_TEXT = "Name contains / 名称包含"


# ------------------------------------------------------------------------------------ filters
@strawberry.input(description="Filter of `areas` / 区域筛选")
class AreaFilter:
    area: strawberry.ID | None = strawberry.field(default=None, description=_AREA)
    level: list[AreaLevelEnum] | None = strawberry.field(default=None, description="Levels / 层级")  # type: ignore[valid-type]
    name_contains: str | None = strawberry.field(default=None, description=_TEXT)


@strawberry.input(description="Filter of `orgs` / 党组织筛选")
class OrgFilter:
    area: strawberry.ID | None = strawberry.field(default=None, description=_AREA)
    kind: list[OrgKindEnum] | None = strawberry.field(default=None, description="Kinds / 类型")  # type: ignore[valid-type]
    name_contains: str | None = strawberry.field(default=None, description=_TEXT)


@strawberry.input(description="Filter of `units` / 单位筛选")
class UnitFilter:
    area: strawberry.ID | None = strawberry.field(default=None, description=_AREA)
    type: list[UnitTypeEnum] | None = strawberry.field(default=None, description="Unit types / 单位类型")  # type: ignore[valid-type]
    name_contains: str | None = strawberry.field(default=None, description=_TEXT)


@strawberry.input(description="Filter of `members` / 党员筛选")
class MemberFilter:
    area: strawberry.ID | None = strawberry.field(default=None, description=_AREA)
    status: list[MemberStatusEnum] | None = strawberry.field(default=None, description="Statuses / 身份")  # type: ignore[valid-type]
    skill: str | None = strawberry.field(
        default=None, description="Skill: a category code or Chinese name, narrower ones included / 专长"
    )
    name_contains: str | None = strawberry.field(default=None, description=_TEXT)


@strawberry.input(description="Filter of `resources` / 资源筛选")
class ResourceFilter:
    area: strawberry.ID | None = strawberry.field(default=None, description=_AREA)
    category: str | None = strawberry.field(
        default=None, description="A category code or Chinese name, narrower ones included / 类别（含下级）"
    )
    status: list[ResourceStatusEnum] | None = strawberry.field(default=None, description="Statuses / 状态")  # type: ignore[valid-type]
    service_type: list[ServiceTypeEnum] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Service types / 服务类型"
    )
    name_contains: str | None = strawberry.field(default=None, description=_TEXT)


@strawberry.input(description="Filter of `demands` / 需求筛选")
class DemandFilter:
    area: strawberry.ID | None = strawberry.field(default=None, description=_AREA)
    category: str | None = strawberry.field(
        default=None, description="A category code or Chinese name, narrower ones included / 类别（含下级）"
    )
    status: list[DemandStatusEnum] | None = strawberry.field(default=None, description="Statuses / 状态")  # type: ignore[valid-type]
    urgency: list[UrgencyEnum] | None = strawberry.field(default=None, description="Urgencies / 紧急程度")  # type: ignore[valid-type]
    title_contains: str | None = strawberry.field(default=None, description="Title contains / 标题包含")


@strawberry.input(description="Filter of `projects` / 项目筛选")
class ProjectFilter:
    area: strawberry.ID | None = strawberry.field(
        default=None, description="Projects meeting demands raised in this area or below / 限定区域（含下级）"
    )
    status: list[ProjectStatusEnum] | None = strawberry.field(default=None, description="Statuses / 状态")  # type: ignore[valid-type]
    title_contains: str | None = strawberry.field(default=None, description="Title contains / 标题包含")


# ------------------------------------------------------------------------------------ helpers
def _values(items: list[Any] | None) -> list[str] | None:
    return None if items is None else [item.value for item in items]


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


async def _area_ids(info: Info, area: str | None) -> list[str] | None:
    """The ids a list's ``area`` filter allows — that area and everything below it — cut down to the
    caller's scope (api/permissions.py); ``None`` means no restriction."""
    guard = info.context.guard
    if area is None:
        return await guard.list_areas(None)
    rows = await info.context.loaders.read("read_area_subtree", id=str(area))
    if not rows:
        if not guard.sees_everything:
            return []  # out of scope or absent: the same empty answer, so nothing is revealed
        raise UserError(
            f'area: no area has the id "{area}"; pass the `id` of an Area (see `areas` or `search`)'
        )
    return await guard.list_areas([rows[0]["id"], *rows[0]["below"]])


def _categories(info: Info, text: str | None, argument: str) -> list[str] | None:
    if text is None:
        return None
    try:
        category = info.context.taxonomy.resolve(text)
    except UnknownCategory as exc:
        raise UserError(f"{argument}: {exc}") from None
    return [c.code for c in info.context.taxonomy.descendants(category.code)]


async def _page(
    info: Info,
    label: Label,
    make: Callable[[dict[str, Any]], N],
    params: dict[str, Any],
    first: int,
    after: str | None,
) -> Connection[N]:
    first = check_first(first, info.context.settings.api_max_first)
    after_key, after_id = decode_cursor(after) if after else (None, None)
    loaders = info.context.loaders
    name = label.value.lower()
    rows = await loaders.read(
        f"read_list_{name}", **params, afterKey=after_key, afterId=after_id, limit=first + 1
    )
    page = rows[:first]
    if not info.context.guard.sees_everything:
        shown = {r["node"]["id"] for r in await loaders.visible([{"label": label.value, **r} for r in page])}
        page = [row for row in page if row["node"]["id"] in shown]
    edges = [Edge(node=make(row["node"]), cursor=encode_cursor(row["sortKey"], row["id"])) for row in page]

    async def count() -> int:
        found = await loaders.read(f"read_count_{name}", **params)
        return int(found[0]["total"]) if found else 0

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > first,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=count,
    )


async def _one(info: Info, label: Label, make: Callable[[dict[str, Any]], N], id_: str) -> N | None:
    row = await info.context.loaders.node(label).load(str(id_))
    return make(row) if row is not None else None


SearchHit = Annotated[
    Area | Unit | Org,
    strawberry.union("SearchHit", description="An area, unit or organisation found by name / 搜索结果"),
]

_FIRST = "Page size, 0 to GONGJIAN_API_MAX_FIRST (100) / 每页条数"
_AFTER = "Cursor of the last row seen (`pageInfo.endCursor`) / 上一页末条游标"


# ------------------------------------------------------------------------------------ root
@strawberry.type
class EntityQuery:
    @strawberry.field(description="An area by id / 按编号查区域")
    async def area(self, info: Info, id: strawberry.ID) -> Area | None:
        return await _one(info, Label.AREA, Area.of, id)

    @strawberry.field(description="A party organisation by id / 按编号查党组织")
    async def org(self, info: Info, id: strawberry.ID) -> Org | None:
        return await _one(info, Label.ORG, Org.of, id)

    @strawberry.field(description="A resident unit by id / 按编号查单位")
    async def unit(self, info: Info, id: strawberry.ID) -> Unit | None:
        return await _one(info, Label.UNIT, Unit.of, id)

    @strawberry.field(description="A party member by id / 按编号查党员")
    async def member(self, info: Info, id: strawberry.ID) -> Member | None:
        return await _one(info, Label.MEMBER, Member.of, id)

    @strawberry.field(description="A resource by id / 按编号查资源")
    async def resource(self, info: Info, id: strawberry.ID) -> Resource | None:
        return await _one(info, Label.RESOURCE, Resource.of, id)

    @strawberry.field(description="A demand by id / 按编号查需求")
    async def demand(self, info: Info, id: strawberry.ID) -> Demand | None:
        return await _one(info, Label.DEMAND, Demand.of, id)

    @strawberry.field(description="A project by id / 按编号查项目")
    async def project(self, info: Info, id: strawberry.ID) -> Project | None:
        return await _one(info, Label.PROJECT, Project.of, id)

    @strawberry.field(description="A category by code / 按代码查类别")
    def category(self, info: Info, code: str) -> Category | None:
        return Category.by_code(info, code)

    @strawberry.field(description="The category tree: top-level categories, `children` below / 类别树")
    def categories(self, info: Info) -> list[Category]:
        return [Category.of(c) for c in info.context.taxonomy.children(None)]

    @strawberry.field(description="Areas, ordered by name / 区域列表")
    async def areas(
        self,
        info: Info,
        filter: AreaFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Area]:
        f = filter or AreaFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "levels": _values(f.level),
            "text": _text(f.name_contains),
        }
        return await _page(info, Label.AREA, Area.of, params, first, after)

    @strawberry.field(description="Party organisations, ordered by name / 党组织列表")
    async def orgs(
        self,
        info: Info,
        filter: OrgFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Org]:
        f = filter or OrgFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "kinds": _values(f.kind),
            "text": _text(f.name_contains),
        }
        return await _page(info, Label.ORG, Org.of, params, first, after)

    @strawberry.field(description="Resident units, ordered by name / 单位列表")
    async def units(
        self,
        info: Info,
        filter: UnitFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Unit]:
        f = filter or UnitFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "types": _values(f.type),
            "text": _text(f.name_contains),
        }
        return await _page(info, Label.UNIT, Unit.of, params, first, after)

    @strawberry.field(description="Party members, ordered by name / 党员列表")
    async def members(
        self,
        info: Info,
        filter: MemberFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Member]:
        f = filter or MemberFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "statuses": _values(f.status),
            "skills": _categories(info, _text(f.skill), "skill"),
            "text": _text(f.name_contains),
        }
        return await _page(info, Label.MEMBER, Member.of, params, first, after)

    @strawberry.field(description="Resources, ordered by name / 资源列表")
    async def resources(
        self,
        info: Info,
        filter: ResourceFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Resource]:
        f = filter or ResourceFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "categories": _categories(info, _text(f.category), "category"),
            "statuses": _values(f.status),
            "serviceTypes": _values(f.service_type),
            "text": _text(f.name_contains),
        }
        return await _page(info, Label.RESOURCE, Resource.of, params, first, after)

    @strawberry.field(description="Demands, ordered by title / 需求列表")
    async def demands(
        self,
        info: Info,
        filter: DemandFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Demand]:
        f = filter or DemandFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "categories": _categories(info, _text(f.category), "category"),
            "statuses": _values(f.status),
            "urgencies": _values(f.urgency),
            "text": _text(f.title_contains),
        }
        return await _page(info, Label.DEMAND, Demand.of, params, first, after)

    @strawberry.field(description="Projects, ordered by title / 项目列表")
    async def projects(
        self,
        info: Info,
        filter: ProjectFilter | None = None,
        first: Annotated[int, strawberry.argument(description=_FIRST)] = DEFAULT_FIRST,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Connection[Project]:
        f = filter or ProjectFilter()
        params = {
            "areaIds": await _area_ids(info, f.area),
            "statuses": _values(f.status),
            "text": _text(f.title_contains),
        }
        return await _page(info, Label.PROJECT, Project.of, params, first, after)

    @strawberry.field(description="Areas, units and organisations whose name contains the text / 按名称搜索")
    async def search(
        self,
        info: Info,
        text: str,
        first: Annotated[
            int, strawberry.argument(description="At most this many hits / 最多条数")
        ] = DEFAULT_FIRST,
    ) -> list[SearchHit]:
        needle = _text(text)
        if needle is None:
            raise UserError("text: give at least one character to search for")
        first = check_first(first, info.context.settings.api_max_first)
        from gongjian.graph.identity import normalise_name

        needle = normalise_name(needle)
        rows = await info.context.loaders.read("read_search", text=needle, limit=first)
        rows.sort(
            key=lambda r: (
                (r["name"] or "") != needle,
                not (r["name"] or "").startswith(needle),
                len(r["name"] or ""),
                r["name"] or "",
                r["id"],
            )
        )
        makers: dict[str, Callable[[dict[str, Any]], Area | Unit | Org]] = {
            "Area": Area.of,
            "Unit": Unit.of,
            "Org": Org.of,
        }
        rows = await info.context.loaders.visible(rows)
        return [makers[r["label"]](r["node"]) for r in rows[:first]]
