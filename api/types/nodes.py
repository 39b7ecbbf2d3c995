"""GraphQL types for every label of the model (design.md §4), relationships as fields.

Scalar fields come from the node's properties; every relationship field goes through a per-request
DataLoader (``info.context.loaders``), so a nested answer costs one graph query per level. Personal data
(``Member.name``/``phone``, ``Unit.contactName``/``contactPhone``, ``Org.secretary``) passes through
:func:`gongjian.api.masking.personal`. Descriptions are bilingual, taken from ``graph/model.py``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry

from gongjian.graph import schedule as schedules
from gongjian.graph.loop import timing
from gongjian.graph.loop.timeline import in_order
from gongjian.graph.model import (
    AreaLevel,
    DemandStatus,
    Label,
    MemberStatus,
    OrgKind,
    ProjectStatus,
    ResourceStatus,
    ServiceType,
    UnitType,
    Urgency,
    node_spec,
)
from gongjian.graph.taxonomy import Category as TaxonomyCategory

from ..context import Info
from ..masking import Kind, personal

E = TypeVar("E", bound=Enum)
Row = dict[str, Any]


def doc(label: Label, prop: str) -> str:
    spec = node_spec(label)
    found = next(p for p in spec.props if p.name == prop)
    return f"{found.en} / {found.zh}"


def label_doc(label: Label) -> str:
    spec = node_spec(label)
    return f"{spec.en} / {spec.zh}"


AreaLevelEnum = strawberry.enum(AreaLevel, description="Level in the territory / 区域层级")
OrgKindEnum = strawberry.enum(OrgKind, description="Kind of party organisation / 党组织类型")
UnitTypeEnum = strawberry.enum(UnitType, description="Type of resident unit / 单位类型")
MemberStatusEnum = strawberry.enum(MemberStatus, description="Member status / 党员身份")
ServiceTypeEnum = strawberry.enum(ServiceType, description="Public, social or volunteer service / 服务类型")
ResourceStatusEnum = strawberry.enum(ResourceStatus, description="Resource status / 资源状态")
UrgencyEnum = strawberry.enum(Urgency, description="Urgency of a demand / 紧急程度")
DemandStatusEnum = strawberry.enum(DemandStatus, description="Closed-loop status of a demand / 需求状态")
ProjectStatusEnum = strawberry.enum(ProjectStatus, description="Project status / 项目状态")


def _enum(kind: type[E], value: Any) -> E | None:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None  # a value outside the model (e.g. hand-edited data) reads as unknown


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _strs(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _contact(info: Info, label: Label, node_id: str, value: str | None, kind: Kind, field: str) -> str | None:
    """A contact person or phone of a resource or demand, masked unless the caller may see it."""
    return personal(value, kind, info.context, label=label, node_id=node_id, field=field)


def _sorted(rows: list[Row], *keys: str) -> list[Row]:
    return sorted(rows, key=lambda r: (*(str(r["node"].get(k) or "") for k in keys), r["node"].get("id", "")))


@strawberry.type(description="A WGS84 point / 经纬度坐标")
class GeoPoint:
    latitude: float
    longitude: float

    @staticmethod
    def of(value: Any) -> GeoPoint | None:
        if isinstance(value, dict) and "latitude" in value and "longitude" in value:
            return GeoPoint(latitude=float(value["latitude"]), longitude=float(value["longitude"]))
        return None


# ------------------------------------------------------------------------------------ Category
@strawberry.type(description=label_doc(Label.CATEGORY) + " (shipped taxonomy / 分类表)")
class Category:
    code: str = strawberry.field(description=doc(Label.CATEGORY, "code"))
    name: str = strawberry.field(description="Chinese name / 中文名")
    name_en: str = strawberry.field(description=doc(Label.CATEGORY, "nameEn"))
    synonyms: list[str] = strawberry.field(description=doc(Label.CATEGORY, "synonyms"))
    radius_m: int = strawberry.field(description=doc(Label.CATEGORY, "radiusM"))
    depth: int = strawberry.field(description="0 for a top-level category / 层级（顶层为0）")
    parent_code: strawberry.Private[str | None]

    @staticmethod
    def of(category: TaxonomyCategory) -> Category:
        return Category(
            code=category.code,
            name=category.name,
            name_en=category.name_en,
            synonyms=list(category.synonyms),
            radius_m=category.radius_m,
            depth=category.depth,
            parent_code=category.parent,
        )

    @staticmethod
    def by_code(info: Info, code: str | None) -> Category | None:
        if not code or code not in info.context.taxonomy:
            return None
        return Category.of(info.context.taxonomy.get(code))

    @strawberry.field(description="The broader category / 上级类别")
    def parent(self, info: Info) -> Category | None:
        return Category.by_code(info, self.parent_code)

    @strawberry.field(description="Narrower categories / 下级类别")
    def children(self, info: Info) -> list[Category]:
        return [Category.of(c) for c in info.context.taxonomy.children(self.code)]


# ------------------------------------------------------------------------------------ Event
@strawberry.type(description=label_doc(Label.EVENT))
class Event:
    id: strawberry.ID = strawberry.field(description=doc(Label.EVENT, "id"))
    at: str | None = strawberry.field(description=doc(Label.EVENT, "at"))
    actor: str | None = strawberry.field(description=doc(Label.EVENT, "actor"))
    action: str | None = strawberry.field(description=doc(Label.EVENT, "action"))
    from_status: str | None = strawberry.field(description=doc(Label.EVENT, "fromStatus"))
    to_status: str | None = strawberry.field(description=doc(Label.EVENT, "toStatus"))
    note: str | None = strawberry.field(description=doc(Label.EVENT, "note"))
    target_id: str | None = strawberry.field(description=doc(Label.EVENT, "targetId"))
    quantity: int | None = strawberry.field(description=doc(Label.EVENT, "quantity"))
    points: int | None = strawberry.field(description=doc(Label.EVENT, "points"))

    @staticmethod
    def of(row: Row) -> Event:
        return Event(
            id=strawberry.ID(str(row.get("id", ""))),
            at=_str(row.get("at")),
            actor=_str(row.get("actor")),
            action=_str(row.get("action")),
            from_status=_str(row.get("fromStatus")),
            to_status=_str(row.get("toStatus")),
            note=_str(row.get("note")),
            target_id=_str(row.get("targetId")),
            quantity=_int(row.get("quantity")),
            points=_int(row.get("points")),
        )


def _events(rows: list[Row]) -> list[Event]:
    """Oldest first, in the order the steps happened even within one second (graph/loop/timeline.py)."""
    return [Event.of(node) for node in in_order(r["node"] for r in rows)]


# ------------------------------------------------------------------------------------ Area
@strawberry.type(description=label_doc(Label.AREA))
class Area:
    id: strawberry.ID = strawberry.field(description=doc(Label.AREA, "id"))
    name: str | None = strawberry.field(description=doc(Label.AREA, "name"))
    level: AreaLevelEnum | None = strawberry.field(description=doc(Label.AREA, "level"))  # type: ignore[valid-type]
    code: str | None = strawberry.field(description=doc(Label.AREA, "code"))
    path: str | None = strawberry.field(description=doc(Label.AREA, "path"))
    location: GeoPoint | None = strawberry.field(description=doc(Label.AREA, "location"))
    households: int | None = strawberry.field(description=doc(Label.AREA, "households"))
    population: int | None = strawberry.field(description=doc(Label.AREA, "population"))

    @staticmethod
    def of(row: Row) -> Area:
        return Area(
            id=strawberry.ID(str(row.get("id", ""))),
            name=_str(row.get("name")),
            level=_enum(AreaLevel, row.get("level")),
            code=_str(row.get("code")),
            path=_str(row.get("path")),
            location=GeoPoint.of(row.get("location")),
            households=_int(row.get("households")),
            population=_int(row.get("population")),
        )

    @strawberry.field(description="The area it lies within (WITHIN) / 上级区域")
    async def parent(self, info: Info) -> Area | None:
        rows = await info.context.loaders.relation("area_parent").load(self.id)
        return Area.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Areas directly within it / 下级区域")
    async def children(self, info: Info) -> list[Area]:
        rows = await info.context.loaders.relation("area_children").load(self.id)
        return [Area.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Units located here (LOCATED_IN) / 驻区单位")
    async def units(self, info: Info) -> list[Unit]:
        rows = await info.context.loaders.relation("area_units").load(self.id)
        return [Unit.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Party organisations covering it (COVERS) / 负责本区域的党组织")
    async def orgs(self, info: Info) -> list[Org]:
        rows = await info.context.loaders.relation("area_orgs").load(self.id)
        return [Org.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(
        description="Demands it raised (RAISED); open ones only unless openOnly is false / 需求"
    )
    async def demands(self, info: Info, open_only: bool = True) -> list[Demand]:
        rows = await info.context.loaders.relation("area_demands").load(self.id)
        demands = [Demand.of(r["node"]) for r in _sorted(rows, "createdAt")]
        return [d for d in demands if not open_only or d.status == DemandStatus.OPEN]

    @strawberry.field(description="Resources the area itself offers (OFFERS) / 本区域提供的资源")
    async def resources(self, info: Info) -> list[Resource]:
        rows = await info.context.loaders.relation("area_resources").load(self.id)
        return [Resource.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Co-construction agreements with units (CO_BUILDS) / 共建协议")
    async def agreements(self, info: Info) -> list[Agreement]:
        rows = await info.context.loaders.relation("area_agreements").load(self.id)
        return [Agreement.of(r["rel"], unit=Unit.of(r["node"]), area=self) for r in _sorted(rows, "name")]

    @strawberry.field(description="Units reported here (双报到, REPORTED_TO) / 报到单位")
    async def reported_units(self, info: Info) -> list[Unit]:
        rows = await info.context.loaders.relation("area_reported_units").load(self.id)
        return [Unit.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Members reported here (双报到, REPORTED_TO) / 报到党员")
    async def reported_members(self, info: Info) -> list[Member]:
        rows = await info.context.loaders.relation("area_reported_members").load(self.id)
        return [Member.of(r["node"]) for r in _sorted(rows, "id")]


# ------------------------------------------------------------------------------------ Org
@strawberry.type(description=label_doc(Label.ORG))
class Org:
    id: strawberry.ID = strawberry.field(description=doc(Label.ORG, "id"))
    name: str | None = strawberry.field(description=doc(Label.ORG, "name"))
    kind: OrgKindEnum | None = strawberry.field(description=doc(Label.ORG, "kind"))  # type: ignore[valid-type]
    brand: str | None = strawberry.field(description=doc(Label.ORG, "brand"))
    raw_secretary: strawberry.Private[str | None]

    @staticmethod
    def of(row: Row) -> Org:
        return Org(
            id=strawberry.ID(str(row.get("id", ""))),
            name=_str(row.get("name")),
            kind=_enum(OrgKind, row.get("kind")),
            brand=_str(row.get("brand")),
            raw_secretary=_str(row.get("secretary")),
        )

    @strawberry.field(description=doc(Label.ORG, "secretary") + " — masked / 脱敏")
    def secretary(self, info: Info) -> str | None:
        return personal(
            self.raw_secretary, Kind.NAME, info.context, label=Label.ORG, node_id=self.id, field="secretary"
        )

    @strawberry.field(description="The organisation above (UNDER) / 上级党组织")
    async def parent(self, info: Info) -> Org | None:
        rows = await info.context.loaders.relation("org_parent").load(self.id)
        return Org.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Organisations directly under it / 下级党组织")
    async def children(self, info: Info) -> list[Org]:
        rows = await info.context.loaders.relation("org_children").load(self.id)
        return [Org.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Areas it is responsible for (COVERS) / 负责区域")
    async def areas(self, info: Info) -> list[Area]:
        rows = await info.context.loaders.relation("org_areas").load(self.id)
        return [Area.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="The unit whose own organisation it is (ORG_OF) / 所属单位")
    async def unit(self, info: Info) -> Unit | None:
        rows = await info.context.loaders.relation("org_unit").load(self.id)
        return Unit.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Members (BELONGS_TO) / 党员")
    async def members(self, info: Info) -> list[Member]:
        rows = await info.context.loaders.relation("org_members").load(self.id)
        return [Member.of(r["node"]) for r in _sorted(rows, "id")]

    @strawberry.field(description="Units seated on this committee (SEATED_ON) / 大党委成员单位")
    async def seats(self, info: Info) -> list[Seat]:
        rows = await info.context.loaders.relation("org_seats").load(self.id)
        return [Seat.of(r["rel"], unit=Unit.of(r["node"]), org=self) for r in _sorted(rows, "name")]


# ------------------------------------------------------------------------------------ Unit
@strawberry.type(description=label_doc(Label.UNIT))
class Unit:
    id: strawberry.ID = strawberry.field(description=doc(Label.UNIT, "id"))
    name: str | None = strawberry.field(description=doc(Label.UNIT, "name"))
    uscc: str | None = strawberry.field(description=doc(Label.UNIT, "uscc"))
    type: UnitTypeEnum | None = strawberry.field(description=doc(Label.UNIT, "type"))  # type: ignore[valid-type]
    address: str | None = strawberry.field(description=doc(Label.UNIT, "address"))
    location: GeoPoint | None = strawberry.field(description=doc(Label.UNIT, "location"))
    raw_contact_name: strawberry.Private[str | None]
    raw_contact_phone: strawberry.Private[str | None]

    @staticmethod
    def of(row: Row) -> Unit:
        return Unit(
            id=strawberry.ID(str(row.get("id", ""))),
            name=_str(row.get("name")),
            uscc=_str(row.get("uscc")),
            type=_enum(UnitType, row.get("type")),
            address=_str(row.get("address")),
            location=GeoPoint.of(row.get("location")),
            raw_contact_name=_str(row.get("contactName")),
            raw_contact_phone=_str(row.get("contactPhone")),
        )

    @strawberry.field(description=doc(Label.UNIT, "contactName") + " — masked / 脱敏")
    def contact_name(self, info: Info) -> str | None:
        return personal(
            self.raw_contact_name,
            Kind.NAME,
            info.context,
            label=Label.UNIT,
            node_id=self.id,
            field="contactName",
        )

    @strawberry.field(description=doc(Label.UNIT, "contactPhone") + " — masked / 脱敏")
    def contact_phone(self, info: Info) -> str | None:
        return personal(
            self.raw_contact_phone,
            Kind.PHONE,
            info.context,
            label=Label.UNIT,
            node_id=self.id,
            field="contactPhone",
        )

    @strawberry.field(description="Where it sits (LOCATED_IN) / 所在区域")
    async def area(self, info: Info) -> Area | None:
        rows = await info.context.loaders.relation("unit_area").load(self.id)
        return Area.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Resources it offers (OFFERS) / 资源清单")
    async def resources(self, info: Info) -> list[Resource]:
        rows = await info.context.loaders.relation("unit_resources").load(self.id)
        return [Resource.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Co-construction agreements (CO_BUILDS) / 共建协议")
    async def agreements(self, info: Info) -> list[Agreement]:
        rows = await info.context.loaders.relation("unit_agreements").load(self.id)
        return [Agreement.of(r["rel"], unit=self, area=Area.of(r["node"])) for r in _sorted(rows, "name")]

    @strawberry.field(description="Seats on enlarged committees (SEATED_ON) / 大党委席位")
    async def seats(self, info: Info) -> list[Seat]:
        rows = await info.context.loaders.relation("unit_seats").load(self.id)
        return [Seat.of(r["rel"], unit=self, org=Org.of(r["node"])) for r in _sorted(rows, "name")]

    @strawberry.field(description="Communities it reported to (双报到) / 报到社区")
    async def reported_to(self, info: Info) -> list[Report]:
        rows = await info.context.loaders.relation("unit_reported_to").load(self.id)
        return [
            Report(date=_str(r["rel"].get("date")), area=Area.of(r["node"])) for r in _sorted(rows, "name")
        ]

    @strawberry.field(description="Its own party organisation (ORG_OF) / 单位党组织")
    async def org(self, info: Info) -> Org | None:
        rows = await info.context.loaders.relation("unit_org").load(self.id)
        return Org.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Projects it delivers (DELIVERS) / 承接项目")
    async def projects(self, info: Info) -> list[Project]:
        rows = await info.context.loaders.relation("unit_projects").load(self.id)
        return [Project.of(r["node"]) for r in _sorted(rows, "title")]

    @strawberry.field(description="Members working here (WORKS_AT) / 在职党员")
    async def members(self, info: Info) -> list[Member]:
        rows = await info.context.loaders.relation("unit_members").load(self.id)
        return [Member.of(r["node"]) for r in _sorted(rows, "id")]


# ------------------------------------------------------------------------------------ Member
@strawberry.type(description=label_doc(Label.MEMBER))
class Member:
    id: strawberry.ID = strawberry.field(description=doc(Label.MEMBER, "id"))
    status: MemberStatusEnum | None = strawberry.field(description=doc(Label.MEMBER, "status"))  # type: ignore[valid-type]
    roles: list[str] = strawberry.field(description=doc(Label.MEMBER, "roles"))
    skills: list[str] = strawberry.field(description=doc(Label.MEMBER, "skills"))
    points: int | None = strawberry.field(description=doc(Label.MEMBER, "points"))
    raw_name: strawberry.Private[str | None]
    raw_phone: strawberry.Private[str | None]

    @staticmethod
    def of(row: Row) -> Member:
        return Member(
            id=strawberry.ID(str(row.get("id", ""))),
            status=_enum(MemberStatus, row.get("status")),
            roles=_strs(row.get("roles")),
            skills=_strs(row.get("skills")),
            points=_int(row.get("points")),
            raw_name=_str(row.get("name")),
            raw_phone=_str(row.get("phone")),
        )

    @strawberry.field(description=doc(Label.MEMBER, "name") + " — masked / 脱敏")
    def name(self, info: Info) -> str | None:
        return personal(
            self.raw_name, Kind.NAME, info.context, label=Label.MEMBER, node_id=self.id, field="name"
        )

    @strawberry.field(description=doc(Label.MEMBER, "phone") + " — masked / 脱敏")
    def phone(self, info: Info) -> str | None:
        return personal(
            self.raw_phone, Kind.PHONE, info.context, label=Label.MEMBER, node_id=self.id, field="phone"
        )

    @strawberry.field(description="Skills as categories / 专长类别")
    def skill_categories(self, info: Info) -> list[Category]:
        return [c for c in (Category.by_code(info, s) for s in self.skills) if c is not None]

    @strawberry.field(description="Organisations holding the membership (BELONGS_TO) / 组织关系")
    async def orgs(self, info: Info) -> list[Org]:
        rows = await info.context.loaders.relation("member_orgs").load(self.id)
        return [Org.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Employer (WORKS_AT) / 工作单位")
    async def employer(self, info: Info) -> Unit | None:
        rows = await info.context.loaders.relation("member_employer").load(self.id)
        return Unit.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Home (LIVES_IN) / 居住地")
    async def home(self, info: Info) -> Area | None:
        rows = await info.context.loaders.relation("member_home").load(self.id)
        return Area.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Communities reported to (双报到) / 报到社区")
    async def reported_to(self, info: Info) -> list[Report]:
        rows = await info.context.loaders.relation("member_reported_to").load(self.id)
        return [
            Report(date=_str(r["rel"].get("date")), area=Area.of(r["node"])) for r in _sorted(rows, "name")
        ]

    @strawberry.field(description="Resources offered (OFFERS) / 提供的资源")
    async def resources(self, info: Info) -> list[Resource]:
        rows = await info.context.loaders.relation("member_resources").load(self.id)
        return [Resource.of(r["node"]) for r in _sorted(rows, "name")]

    @strawberry.field(description="Projects delivered (DELIVERS) / 承接项目")
    async def projects(self, info: Info) -> list[Project]:
        rows = await info.context.loaders.relation("member_projects").load(self.id)
        return [Project.of(r["node"]) for r in _sorted(rows, "title")]

    @strawberry.field(description="Points credited (CREDITS), newest first / 积分记录（最新在前）")
    async def point_events(self, info: Info) -> list[Event]:
        rows = await info.context.loaders.relation("member_point_events").load(self.id)
        return [Event.of(r["node"]) for r in reversed(_sorted(rows, "at"))]


Owner = Annotated[
    Unit | Member | Area,
    strawberry.union("Owner", description="Who offers a resource: a unit, a member or an area / 资源提供方"),
]
Deliverer = Annotated[
    Unit | Member,
    strawberry.union("Deliverer", description="Who delivers a project / 项目承接方"),
]


def owner_of(label: str | None, row: Row) -> Unit | Member | Area | None:
    if label == Label.UNIT.value:
        return Unit.of(row)
    if label == Label.MEMBER.value:
        return Member.of(row)
    if label == Label.AREA.value:
        return Area.of(row)
    return None


# ------------------------------------------------------------------------------------ Resource
@strawberry.type(description=label_doc(Label.RESOURCE))
class Resource:
    id: strawberry.ID = strawberry.field(description=doc(Label.RESOURCE, "id"))
    name: str | None = strawberry.field(description=doc(Label.RESOURCE, "name"))
    category_code: str | None = strawberry.field(description=doc(Label.RESOURCE, "category"))
    quantity: int | None = strawberry.field(description=doc(Label.RESOURCE, "quantity"))
    unit_of_measure: str | None = strawberry.field(description=doc(Label.RESOURCE, "unitOfMeasure"))
    availability: list[str] = strawberry.field(description=doc(Label.RESOURCE, "availability"))
    conditions: str | None = strawberry.field(description=doc(Label.RESOURCE, "conditions"))
    service_type: ServiceTypeEnum | None = strawberry.field(description=doc(Label.RESOURCE, "serviceType"))  # type: ignore[valid-type]
    status: ResourceStatusEnum | None = strawberry.field(description=doc(Label.RESOURCE, "status"))  # type: ignore[valid-type]
    location: GeoPoint | None = strawberry.field(description=doc(Label.RESOURCE, "location"))
    address: str | None = strawberry.field(description=doc(Label.RESOURCE, "address"))
    note: str | None = strawberry.field(description=doc(Label.RESOURCE, "note"))
    raw_contact_name: strawberry.Private[str | None]
    raw_contact_phone: strawberry.Private[str | None]

    @staticmethod
    def of(row: Row) -> Resource:
        return Resource(
            id=strawberry.ID(str(row.get("id", ""))),
            name=_str(row.get("name")),
            category_code=_str(row.get("category")),
            quantity=_int(row.get("quantity")),
            unit_of_measure=_str(row.get("unitOfMeasure")),
            availability=_strs(row.get("availability")),
            conditions=_str(row.get("conditions")),
            service_type=_enum(ServiceType, row.get("serviceType")),
            status=_enum(ResourceStatus, row.get("status")),
            location=GeoPoint.of(row.get("location")),
            address=_str(row.get("address")),
            note=_str(row.get("note")),
            raw_contact_name=_str(row.get("contactName")),
            raw_contact_phone=_str(row.get("contactPhone")),
        )

    @strawberry.field(description=doc(Label.RESOURCE, "contactName") + " — masked / 脱敏")
    def contact_name(self, info: Info) -> str | None:
        return _contact(info, Label.RESOURCE, self.id, self.raw_contact_name, Kind.NAME, "contactName")

    @strawberry.field(description=doc(Label.RESOURCE, "contactPhone") + " — masked / 脱敏")
    def contact_phone(self, info: Info) -> str | None:
        return _contact(info, Label.RESOURCE, self.id, self.raw_contact_phone, Kind.PHONE, "contactPhone")

    @strawberry.field(description="Availability in Chinese, e.g. 工作日18:00-次日7:30 / 开放时间")
    def availability_text(self) -> str:
        return _describe(self.availability)

    @strawberry.field(description="Its category / 资源类别")
    def category(self, info: Info) -> Category | None:
        return Category.by_code(info, self.category_code)

    @strawberry.field(
        description="Quantity minus what accepted / in-progress projects use / "
        "剩余可用数量（扣除在办项目占用）"
    )
    async def remaining(self, info: Info) -> int:
        return await info.context.loaders.remaining.load(self.id)

    @strawberry.field(description="Who offers it (OFFERS) / 提供方")
    async def owner(self, info: Info) -> Owner | None:
        rows = await info.context.loaders.relation("resource_owner").load(self.id)
        return owner_of(rows[0]["label"], rows[0]["node"]) if rows else None

    @strawberry.field(description="Projects using it (USES) / 使用本资源的项目")
    async def usages(self, info: Info) -> list[Usage]:
        rows = await info.context.loaders.relation("resource_usages").load(self.id)
        return [
            Usage.of(r["rel"], project=Project.of(r["node"]), resource=self) for r in _sorted(rows, "title")
        ]


def _describe(windows: list[str]) -> str:
    if not windows:
        return ""
    try:
        return schedules.describe(windows)
    except schedules.ScheduleError:
        return "；".join(windows)


# ------------------------------------------------------------------------------------ Demand
@strawberry.type(description=label_doc(Label.DEMAND))
class Demand:
    id: strawberry.ID = strawberry.field(description=doc(Label.DEMAND, "id"))
    title: str | None = strawberry.field(description=doc(Label.DEMAND, "title"))
    category_code: str | None = strawberry.field(description=doc(Label.DEMAND, "category"))
    quantity: int | None = strawberry.field(description=doc(Label.DEMAND, "quantity"))
    window: list[str] = strawberry.field(description=doc(Label.DEMAND, "window"))
    urgency: UrgencyEnum | None = strawberry.field(description=doc(Label.DEMAND, "urgency"))  # type: ignore[valid-type]
    status: DemandStatusEnum | None = strawberry.field(description=doc(Label.DEMAND, "status"))  # type: ignore[valid-type]
    created_at: str | None = strawberry.field(description=doc(Label.DEMAND, "createdAt"))
    deadline: str | None = strawberry.field(description=doc(Label.DEMAND, "deadline"))
    source: str | None = strawberry.field(description=doc(Label.DEMAND, "source"))
    note: str | None = strawberry.field(description=doc(Label.DEMAND, "note"))
    raw_contact_name: strawberry.Private[str | None]
    raw_contact_phone: strawberry.Private[str | None]

    @staticmethod
    def of(row: Row) -> Demand:
        return Demand(
            id=strawberry.ID(str(row.get("id", ""))),
            title=_str(row.get("title")),
            category_code=_str(row.get("category")),
            quantity=_int(row.get("quantity")),
            window=_strs(row.get("window")),
            urgency=_enum(Urgency, row.get("urgency")),
            status=_enum(DemandStatus, row.get("status")),
            created_at=_str(row.get("createdAt")),
            deadline=_str(row.get("deadline")),
            source=_str(row.get("source")),
            note=_str(row.get("note")),
            raw_contact_name=_str(row.get("contactName")),
            raw_contact_phone=_str(row.get("contactPhone")),
        )

    @strawberry.field(description=doc(Label.DEMAND, "contactName") + " — masked / 脱敏")
    def contact_name(self, info: Info) -> str | None:
        return _contact(info, Label.DEMAND, self.id, self.raw_contact_name, Kind.NAME, "contactName")

    @strawberry.field(description=doc(Label.DEMAND, "contactPhone") + " — masked / 脱敏")
    def contact_phone(self, info: Info) -> str | None:
        return _contact(info, Label.DEMAND, self.id, self.raw_contact_phone, Kind.PHONE, "contactPhone")

    @strawberry.field(description="The window in Chinese / 需要时间（中文）")
    def window_text(self) -> str:
        return _describe(self.window)

    @strawberry.field(description="Its category / 需求类别")
    def category(self, info: Info) -> Category | None:
        return Category.by_code(info, self.category_code)

    @strawberry.field(description="The area that raised it (RAISED) / 提出需求的区域")
    async def area(self, info: Info) -> Area | None:
        rows = await info.context.loaders.relation("demand_area").load(self.id)
        return Area.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Projects meeting it (FULFILS) / 对应项目")
    async def projects(self, info: Info) -> list[Project]:
        rows = await info.context.loaders.relation("demand_projects").load(self.id)
        return [Project.of(r["node"]) for r in _sorted(rows, "title")]

    @strawberry.field(description="Timeline (HAS_EVENT), oldest first / 时间线")
    async def events(self, info: Info) -> list[Event]:
        return _events(await info.context.loaders.relation("demand_events").load(self.id))

    def _facts(self) -> Row:
        return {
            "status": self.status.value if self.status else None,
            "urgency": self.urgency.value if self.urgency else None,
            "createdAt": self.created_at,
            "deadline": self.deadline,
        }

    @strawberry.field(
        description="When it falls due: the deadline or the urgency's service level (GONGJIAN_SLA_HOURS_*), "
        "whichever is earlier / 办理时限"
    )
    def due_at(self, info: Info) -> str | None:
        if not self.created_at:
            return None
        urgency = self.urgency.value if self.urgency else None
        try:
            return timing.due_at(self.created_at, self.deadline, urgency, info.context.settings)
        except ValueError:  # a hand-edited time that is not ISO-8601
            return None

    @strawberry.field(description="Still waiting and past its due time / 是否超期")
    def overdue(self, info: Info) -> bool:
        try:
            return timing.is_overdue(self._facts(), info.context.clock(), info.context.settings)
        except ValueError:
            return False

    async def _times(self, info: Info) -> timing.LoopTimes:
        rows = await info.context.loaders.relation("demand_events").load(self.id)
        events = [r["node"] for r in rows if r["node"].get("at") and r["node"].get("action")]
        try:
            return timing.loop_times(self.created_at, events)
        except ValueError:
            return timing.LoopTimes(None, None, None)

    @strawberry.field(description="Hours from raising to the first dispatch or claim / 派单用时（小时）")
    async def hours_to_dispatch(self, info: Info) -> float | None:
        return (await self._times(info)).to_dispatch

    @strawberry.field(description="Hours from dispatch to acceptance (0 for a claim) / 接单用时（小时）")
    async def hours_to_accept(self, info: Info) -> float | None:
        return (await self._times(info)).to_accept

    @strawberry.field(description="Hours from raising to completion / 办结用时（小时）")
    async def hours_to_complete(self, info: Info) -> float | None:
        return (await self._times(info)).to_complete


# ------------------------------------------------------------------------------------ Project
@strawberry.type(description=label_doc(Label.PROJECT))
class Project:
    id: strawberry.ID = strawberry.field(description=doc(Label.PROJECT, "id"))
    title: str | None = strawberry.field(description=doc(Label.PROJECT, "title"))
    status: ProjectStatusEnum | None = strawberry.field(description=doc(Label.PROJECT, "status"))  # type: ignore[valid-type]
    quantity: int | None = strawberry.field(description=doc(Label.PROJECT, "quantity"))
    started_at: str | None = strawberry.field(description=doc(Label.PROJECT, "startedAt"))
    completed_at: str | None = strawberry.field(description=doc(Label.PROJECT, "completedAt"))
    rating: int | None = strawberry.field(description=doc(Label.PROJECT, "rating"))
    feedback: str | None = strawberry.field(description=doc(Label.PROJECT, "feedback"))

    @staticmethod
    def of(row: Row) -> Project:
        return Project(
            id=strawberry.ID(str(row.get("id", ""))),
            title=_str(row.get("title")),
            status=_enum(ProjectStatus, row.get("status")),
            quantity=_int(row.get("quantity")),
            started_at=_str(row.get("startedAt")),
            completed_at=_str(row.get("completedAt")),
            rating=_int(row.get("rating")),
            feedback=_str(row.get("feedback")),
        )

    @strawberry.field(description="The demand it meets (FULFILS) / 对应需求")
    async def demand(self, info: Info) -> Demand | None:
        rows = await info.context.loaders.relation("project_demand").load(self.id)
        return Demand.of(rows[0]["node"]) if rows else None

    @strawberry.field(description="Resources it uses and how much (USES) / 使用的资源")
    async def usages(self, info: Info) -> list[Usage]:
        rows = await info.context.loaders.relation("project_usages").load(self.id)
        return [
            Usage.of(r["rel"], project=self, resource=Resource.of(r["node"])) for r in _sorted(rows, "name")
        ]

    @strawberry.field(description="Units or members delivering it (DELIVERS) / 承接方")
    async def deliverers(self, info: Info) -> list[Deliverer]:
        rows = await info.context.loaders.relation("project_deliverers").load(self.id)
        found = [owner_of(r["label"], r["node"]) for r in _sorted(rows, "name")]
        return [d for d in found if isinstance(d, Unit | Member)]

    @strawberry.field(description="Timeline (HAS_EVENT), oldest first / 时间线")
    async def events(self, info: Info) -> list[Event]:
        return _events(await info.context.loaders.relation("project_events").load(self.id))


# ------------------------------------------------------------------------------------ links
@strawberry.type(description="A co-construction agreement (CO_BUILDS) / 共建协议")
class Agreement:
    since: str | None = strawberry.field(description="Since / 开始日期")
    until: str | None = strawberry.field(description="Until (null: open-ended) / 到期日期")
    agreement_no: str | None = strawberry.field(description="Agreement number / 协议编号")
    in_force: bool = strawberry.field(description="In force today / 今日有效")
    unit: Unit
    area: Area

    @staticmethod
    def of(rel: Row, *, unit: Unit, area: Area) -> Agreement:
        today = date.today().isoformat()
        since, until = _str(rel.get("since")), _str(rel.get("until"))
        in_force = (since is None or since <= today) and (until is None or until >= today)
        return Agreement(
            since=since,
            until=until,
            agreement_no=_str(rel.get("agreementNo")),
            in_force=in_force,
            unit=unit,
            area=area,
        )


@strawberry.type(description="A seat on an enlarged committee (SEATED_ON) / 大党委席位")
class Seat:
    role: str | None = strawberry.field(description="Role / 职务")
    since: str | None = strawberry.field(description="Since / 开始日期")
    unit: Unit
    org: Org

    @staticmethod
    def of(rel: Row, *, unit: Unit, org: Org) -> Seat:
        return Seat(role=_str(rel.get("role")), since=_str(rel.get("since")), unit=unit, org=org)


@strawberry.type(description="A report to a community (双报到, REPORTED_TO) / 报到")
class Report:
    date: str | None = strawberry.field(description="Date reported / 报到日期")
    area: Area


@strawberry.type(description="How much of a resource a project uses (USES) / 项目占用资源")
class Usage:
    quantity: int | None = strawberry.field(description="Quantity reserved / 占用数量")
    project: Project
    resource: Resource

    @staticmethod
    def of(rel: Row, *, project: Project, resource: Resource) -> Usage:
        return Usage(quantity=_int(rel.get("quantity")), project=project, resource=resource)
