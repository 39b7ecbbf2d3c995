"""党组织 (orgs): the five-level structure. 上级党组织 gives UNDER, 所在区域 gives COVERS.

An organisation's id is its name under its parent organisation, else under its area (identity rules).
A parent is looked up in the same file first, then in the graph; parents are written before children.
"""

from __future__ import annotations

from gongjian.graph.identity import name_key, org_id
from gongjian.graph.model import Label

from .. import values as v
from ..entity import Collector, Entity
from ..problems import UNKNOWN_REFERENCE, Problem
from ..refs import RefError
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed, ref_problem
from .vocab import ORG_KINDS

SPEC = KindSpec(
    kind="orgs",
    zh="党组织",
    label=Label.ORG,
    columns=(
        Column(
            "name",
            "党组织名称",
            "name",
            v.name,
            True,
            ("名称", "组织名称"),
            help="党组织全称",
            example="星城第一社区党委",
        ),
        Column(
            "kind",
            "类型",
            "kind",
            v.enum(ORG_KINDS, "党组织类型"),
            True,
            ("组织类型", "党组织类型"),
            help="街道党工委、社区党委、党总支、党支部、党小组、单位党组织、联合党支部、行业党委、兼合式党支部",
            example="社区党委",
        ),
        Column(
            "parent",
            "上级党组织",
            "parent",
            v.name,
            aliases=("上级组织", "上级"),
            help="上级党组织名称；重名时写成 上级/名称",
            example="",
        ),
        Column(
            "area",
            "所在区域",
            "area",
            v.name_path,
            aliases=("区域", "负责区域"),
            help="名称路径，如 星城街道/星城第一社区",
            example="星城街道/星城第一社区",
        ),
        Column(
            "secretary",
            "书记",
            "secretary",
            v.name,
            aliases=("党组织书记",),
            personal="name",
            help="书记姓名",
            example="张书记",
        ),
        Column(
            "brand", "党建品牌", "brand", v.text, aliases=("品牌",), help="如 “红心”服务", example="红心星城"
        ),
    ),
)


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    by_name: dict[str, list[Parsed]] = {}
    for row in rows:
        by_name.setdefault(name_key(row.get("name")), []).append(row)
    ids: dict[int, str | None] = {}  # row number → id, None when it failed
    depth: dict[str, int] = {}
    scope: dict[str, None] = {}

    def resolve(row: Parsed, trail: tuple[int, ...]) -> str | None:
        if row.row in ids:
            return ids[row.row]
        ids[row.row] = None
        parent_id: str | None = None
        level = 0
        problems: list[Problem] = []
        if row.get("parent"):
            parent_id, level = _parent(row, trail, problems)
        area_id: str | None = None
        if row.get("area"):
            try:
                area_id = ctx.areas.path(row.get("area")).id
            except RefError as exc:
                problems.append(ref_problem(exc, row.row, "所在区域", "/".join(row.get("area"))))
        if problems:
            collector.problems.extend(problems)
            return None
        node_id = org_id(row.get("name"), parent_id or area_id)
        entity = Entity(
            node_id,
            {
                "name": row.get("name"),
                "kind": row.get("kind"),
                "secretary": row.get("secretary"),
                "brand": row.get("brand"),
            },
            {"parent": [parent_id] if parent_id else [], "area": [area_id] if area_id else []},
        )
        if collector.add(entity, row.row, "党组织（名称和上级相同）"):
            ids[row.row] = node_id
            depth[node_id] = level
            if parent_id:
                scope[parent_id] = None
        return ids[row.row]

    def _parent(row: Parsed, trail: tuple[int, ...], problems: list[Problem]) -> tuple[str | None, int]:
        text = row.get("parent")
        in_file = by_name.get(name_key(text.split("/")[-1]), [])
        if len(in_file) == 1 and "/" not in text:
            parent = in_file[0]
            if parent.row in trail or parent.row == row.row:
                problems.append(
                    Problem(
                        UNKNOWN_REFERENCE,
                        f'上级党组织 "{text}" 形成循环',
                        "检查上级党组织",
                        row.row,
                        "上级党组织",
                        text,
                    )
                )
                return None, 0
            parent_id = resolve(parent, (*trail, row.row))
            if parent_id is None:
                problems.append(
                    Problem(
                        UNKNOWN_REFERENCE,
                        f'上级党组织 "{text}"（第{parent.row}行）有错误',
                        "先改正上级党组织所在行",
                        row.row,
                        "上级党组织",
                        text,
                    )
                )
                return None, 0
            return parent_id, depth.get(parent_id, 0) + 1
        try:
            return ctx.orgs.resolve(text).id, 0
        except RefError as exc:
            problems.append(ref_problem(exc, row.row, "上级党组织", text))
            return None, 0

    for row in rows:
        resolve(row, ())
    ordered = sorted(collector.entities.values(), key=lambda e: depth.get(e.id, 0))
    return Built(ordered, collector.take()[1], list(scope))


KIND = Kind(SPEC, build, what="党组织")
