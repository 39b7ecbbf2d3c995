"""区域 (areas): one row per lowest area; the name path creates the hierarchy.

Coordinates belong to the row's lowest area; an area without its own coordinates takes the centroid of
its children in the same file. An existing area is found by code, then by name path, and keeps its id.
"""

from __future__ import annotations

from gongjian.graph.identity import area_id
from gongjian.graph.model import AreaLevel, Label

from .. import values as v
from ..entity import Collector, Entity, location
from ..refs import path_key
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed

LEVEL_COLUMNS: tuple[tuple[str, AreaLevel], ...] = (
    ("district", AreaLevel.DISTRICT),
    ("street", AreaLevel.STREET),
    ("community", AreaLevel.COMMUNITY),
    ("grid", AreaLevel.GRID),
    ("estate", AreaLevel.ESTATE),
    ("building", AreaLevel.BUILDING),
)

SPEC = KindSpec(
    kind="areas",
    zh="区域",
    label=Label.AREA,
    columns=(
        Column(
            "district",
            "区县",
            "district",
            v.name,
            aliases=("区", "县", "区（县）"),
            help="区或县（可选，填写后作为路径顶层）",
            example="麒麟区",
        ),
        Column(
            "street",
            "街道",
            "street",
            v.name,
            True,
            ("街道（乡镇）", "乡镇", "镇街"),
            help="街道或乡镇；以“镇”“乡”结尾记为乡镇",
            example="星城街道",
        ),
        Column(
            "community",
            "社区",
            "community",
            v.name,
            True,
            ("社区（村）", "村", "社区名称"),
            help="社区或村；以“村”结尾记为村",
            example="星城第一社区",
        ),
        Column(
            "grid", "网格", "grid", v.name, aliases=("网格名称",), help="网格（可选）", example="第一网格"
        ),
        Column("estate", "小区", "estate", v.name, aliases=("小区名称",), help="小区（可选）", example=""),
        Column(
            "building",
            "楼栋",
            "building",
            v.name,
            aliases=("楼栋号", "门栋"),
            help="楼栋（可选）",
            example="",
        ),
        Column(
            "code",
            "行政区划代码",
            "code",
            v.text,
            aliases=("区划代码", "代码"),
            help="本行最末级区域的代码（可选）",
            example="",
        ),
        Column(
            "longitude",
            "经度",
            "longitude",
            v.longitude,
            aliases=("lng", "lon"),
            help="本行最末级区域的经度（WGS84）",
            example="112.9388",
        ),
        Column(
            "latitude",
            "纬度",
            "latitude",
            v.latitude,
            aliases=("lat",),
            help="本行最末级区域的纬度（WGS84）",
            example="28.2282",
        ),
        Column("households", "户数", "households", v.count, help="本行最末级区域的户数", example="3200"),
        Column(
            "population",
            "人口",
            "population",
            v.count,
            aliases=("人口数", "常住人口"),
            help="本行最末级区域的人口",
            example="9800",
        ),
    ),
    notes=("每行写到最末一级区域；上级区域按路径自动建立，无坐标时取下级区域坐标的中心点。",),
)


def _level(column_level: AreaLevel, name: str) -> str:
    if column_level == AreaLevel.STREET and name.endswith(("镇", "乡")):
        return AreaLevel.TOWN
    if column_level == AreaLevel.COMMUNITY and name.endswith("村"):
        return AreaLevel.VILLAGE
    return column_level


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    ancestors: dict[str, Entity] = {}
    children: dict[str, list[str]] = {}
    roots: dict[str, None] = {}
    for row in rows:
        parts = [(row.get(f), level) for f, level in LEVEL_COLUMNS if row.get(f)]
        names = [name for name, _ in parts]
        parent: str | None = None
        for depth, (name, level) in enumerate(parts):
            path = names[: depth + 1]
            lowest = depth == len(parts) - 1
            code = row.get("code") if lowest else None
            node_id = _id(ctx, path, code)
            props: dict[str, object] = {"name": name, "level": _level(level, name), "path": "/".join(path)}
            if lowest:
                props.update(
                    code=code,
                    households=row.get("households"),
                    population=row.get("population"),
                )
                own = location(row.get("latitude"), row.get("longitude"))
                if own:
                    props["location"] = own
                links = {"parent": [parent] if parent else []}
                entity = Entity(node_id, props, links, extra={"own": True})
                collector.add(entity, row.row, "区域（名称路径相同）")
            elif node_id not in ancestors:
                links = {"parent": [parent] if parent else []}
                ancestors[node_id] = Entity(node_id, props, links, extra={"own": False})
            if parent is None:
                roots[node_id] = None
            else:
                children.setdefault(parent, [])
                if node_id not in children[parent]:
                    children[parent].append(node_id)
            parent = node_id
    entities = dict(collector.entities)
    for node_id, entity in ancestors.items():
        entities.setdefault(node_id, entity)  # an area with a row of its own keeps that row's values
    _centroids(entities, children, list(roots))
    ordered = sorted(entities.values(), key=lambda e: str(e.props["path"]).count("/"))
    return Built(ordered, collector.take()[1], list(roots))


def _id(ctx: BuildContext, path: list[str], code: str | None) -> str:
    """Keep an existing area's id (found by code, then path); a new one gets the identity rule's id."""
    if code and code in ctx.areas.by_code:
        return ctx.areas.by_code[code].id
    existing = ctx.areas.by_path.get(path_key(path))
    if existing is not None:
        return existing.id
    return area_id(path, code)


def _centroids(entities: dict[str, Entity], children: dict[str, list[str]], roots: list[str]) -> None:
    def visit(node_id: str) -> dict[str, float] | None:
        entity = entities[node_id]
        points = [p for child in children.get(node_id, []) if (p := visit(child)) is not None]
        if "location" not in entity.props and points:
            entity.props["location"] = {
                "latitude": round(sum(p["latitude"] for p in points) / len(points), 6),
                "longitude": round(sum(p["longitude"] for p in points) / len(points), 6),
            }
        return entity.props.get("location")  # type: ignore[return-value]

    for root in roots:
        visit(root)


KIND = Kind(SPEC, build, what="区域")
