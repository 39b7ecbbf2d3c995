"""资源清单 (resources): what units offer, owned by a unit from the 驻区单位名册."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gongjian.graph.backends.base import PlainList
from gongjian.graph.identity import resource_id
from gongjian.graph.model import Label
from gongjian.graph.spatial import location_cell

from .. import values as v
from ..entity import Collector, Entity, location
from ..refs import RefError, UnitRef
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed, contact_phone_column, ref_problem
from .vocab import SERVICE_TYPES

SPEC = KindSpec(
    kind="resources",
    zh="资源清单",
    label=Label.RESOURCE,
    columns=(
        Column(
            "unitName",
            "单位名称",
            "unitName",
            v.name,
            True,
            ("单位", "共建单位", "提供单位", "资源提供方"),
            help="提供资源的驻区单位，须已在驻区单位名册中",
            example="星城第一小学",
        ),
        Column(
            "uscc",
            "统一社会信用代码",
            "uscc",
            v.uscc,
            aliases=("信用代码", "社会信用代码"),
            help="18位代码；填写后按代码识别单位",
            example="",
        ),
        Column(
            "street",
            "所属街道",
            "street",
            v.name,
            aliases=("街道",),
            help="同名单位在多个街道时必填",
            example="星城街道",
        ),
        Column(
            "community",
            "所属社区",
            "community",
            v.name,
            aliases=("社区",),
            help="单位所在社区（可选）",
            example="星城第一社区",
        ),
        Column(
            "category",
            "资源类别",
            "category",
            v.category,
            True,
            ("类别", "资源类型"),
            help="按类别表填写，如 停车、错时停车、活动室、义诊；同义词可识别",
            example="错时停车",
        ),
        Column(
            "name",
            "资源名称",
            "name",
            v.name,
            True,
            ("资源内容", "名称"),
            help="同一单位同一类别下唯一",
            example="教职工停车场",
        ),
        Column(
            "quantity",
            "数量",
            "quantity",
            v.quantity,
            True,
            ("可提供数量",),
            help="整数，可带单位，如 30 或 30个；不能写“若干”",
            example="30",
        ),
        Column(
            "unitOfMeasure",
            "计量单位",
            "unitOfMeasure",
            v.text,
            aliases=("单位（计量）",),
            help="个、间、次、人次…；留空时取数量后的单位",
            example="个",
        ),
        Column(
            "availability",
            "开放时间",
            "availability",
            v.schedule,
            aliases=("可用时间", "服务时间"),
            help="如 工作日18:00-次日7:30、周末全天、每天9:00-17:00；多段用；分隔",
            example="工作日18:00-次日7:30；周末全天",
        ),
        Column(
            "serviceType",
            "服务类型",
            "serviceType",
            v.enum(SERVICE_TYPES, "服务类型"),
            help="公共服务、社会服务、志愿服务",
            example="公共服务",
        ),
        Column("address", "地址", "address", v.text, help="资源所在地址", example="星城路1号"),
        Column(
            "longitude",
            "经度",
            "longitude",
            v.longitude,
            aliases=("lng", "lon"),
            help="WGS84 十进制度；留空时用单位的位置",
            example="112.9388",
        ),
        Column(
            "latitude",
            "纬度",
            "latitude",
            v.latitude,
            aliases=("lat",),
            help="WGS84 十进制度；留空时用单位的位置",
            example="28.2282",
        ),
        Column(
            "contactName",
            "联系人",
            "contactName",
            v.name,
            personal="name",
            help="资源联系人",
            example="李老师",
        ),
        contact_phone_column("13800000001"),
        Column(
            "conditions", "使用条件", "conditions", v.text, help="如 需提前一天预约", example="需提前一天预约"
        ),
        Column("note", "备注", "note", v.text, help="其他说明", example=""),
    ),
    notes=("单位名称须与驻区单位名册一致；同名单位请填写所属街道或统一社会信用代码。",),
)


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    owners: dict[str, None] = {}
    resolved = ctx.resolved
    for row in rows:
        cell = row.values.get
        key = ("owner", cell("street"), cell("community"), cell("unitName"), cell("uscc"))
        owner = resolved.get(key)
        if owner is None:
            owner = resolved[key] = _owner(row, ctx)
        if isinstance(owner, RefError):
            column = "统一社会信用代码" if row.get("uscc") else "单位名称"
            collector.problems.append(
                ref_problem(owner, row.row, column, row.get("uscc") or row.get("unitName"))
            )
            continue
        entity = _entity(row, owner)
        if collector.add(entity, row.row, "资源（单位+类别+名称相同）"):
            owners[owner.id] = None
    return Built(*collector.take(), list(owners))


def _owner(row: Parsed, ctx: BuildContext) -> UnitRef | RefError:
    """The unit that offers the row's resource, or why it cannot be found."""
    try:
        street_id = None
        if row.get("street"):
            street_id = ctx.areas.street(row.get("street")).id
        elif row.get("community"):
            community = ctx.areas.community(row.get("community"))
            street = ctx.areas.street_of(community.id)
            street_id = street.id if street else None
        return ctx.units.resolve(row.get("unitName"), uscc=row.get("uscc"), street_id=street_id)
    except RefError as exc:
        return exc


def _entity(row: Parsed, owner: UnitRef) -> Entity:
    values = row.values
    count, suffix = values["quantity"]
    own = location(values.get("latitude"), values.get("longitude"))
    props = {
        "name": values["name"],
        "category": values["category"],
        "quantity": count,
        "unitOfMeasure": values.get("unitOfMeasure") or suffix,
        "availability": values.get("availability") or [],
        "serviceType": values.get("serviceType"),
        "address": values.get("address"),
        "contactName": values.get("contactName"),
        "contactPhone": values.get("contactPhone"),
        "conditions": values.get("conditions"),
        "note": values.get("note"),
        "location": own or owner.location,
    }
    where, category = props["location"], props["category"]
    return Entity(
        id=resource_id(owner.id, category, props["name"]),
        props=props,
        links={"owner": [owner.id], "inCategory": [category]},
        extra={"cell": location_cell(category, where) if where else None},
    )


def create_params(entities: Sequence[Entity]) -> dict[str, Any]:
    """A batch of new resources as ``import_resources_create.cypher`` takes it: positional rows grouped
    by unit, each naming its category by its place in ``codes``."""
    codes = sorted({entity.props["category"] for entity in entities})
    place = {code: index for index, code in enumerate(codes)}
    units: dict[str, list[list[Any]]] = {}
    for entity in entities:
        props = entity.props
        location = props["location"]
        units.setdefault(entity.links["owner"][0], []).append(
            [
                entity.id,
                place[props["category"]],
                props["name"],
                props["quantity"],
                props["unitOfMeasure"],
                props["availability"],
                props["serviceType"],
                props["address"],
                props["contactName"],
                props["contactPhone"],
                props["conditions"],
                props["note"],
                location["latitude"] if location else None,
                location["longitude"] if location else None,
                entity.extra["cell"],
            ]
        )
    # every value is a parsed cell (coordinates range-checked) or the owner's stored point
    return {"codes": codes, "units": PlainList([unit, rows] for unit, rows in units.items())}


KIND = Kind(
    SPEC,
    build,
    what="资源",
    streams=True,
    create_params=create_params,
    scope_finds_all=True,
    reads=("areas", "units"),
)
