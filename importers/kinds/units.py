"""驻区单位名册 (units): resident units, where they sit, their party organisation and 共建社区.

An existing unit is found by 统一社会信用代码, then by name within its street, and keeps its id; a
new one gets the identity rule's id (design.md §4). 共建社区 adds CO_BUILDS links and never removes
one (agreements own their end: ``import agreements --prune``).
"""

from __future__ import annotations

from gongjian.graph.identity import org_id, unit_id
from gongjian.graph.model import Label, OrgKind

from .. import values as v
from ..entity import Collector, Entity, location
from ..problems import Problem
from ..refs import RefError
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed, contact_phone_column, ref_problem
from .vocab import UNIT_TYPES

SPEC = KindSpec(
    kind="units",
    zh="驻区单位名册",
    label=Label.UNIT,
    columns=(
        Column(
            "name",
            "单位名称",
            "name",
            v.name,
            True,
            ("单位", "共建单位"),
            help="单位全称",
            example="星城第一小学",
        ),
        Column(
            "uscc",
            "统一社会信用代码",
            "uscc",
            v.uscc,
            aliases=("信用代码", "社会信用代码"),
            help="18位代码（可选，填写后按代码识别单位）",
            example="",
        ),
        Column(
            "type",
            "单位类型",
            "type",
            v.enum(UNIT_TYPES, "单位类型"),
            True,
            ("类型",),
            help="学校、医院、机关、国企、企业、银行、物业、业委会、社会组织、商户、其他",
            example="学校",
        ),
        Column(
            "street",
            "所属街道",
            "street",
            v.name,
            True,
            ("街道",),
            help="单位所在街道或乡镇",
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
            "address", "地址", "address", v.text, aliases=("单位地址",), help="单位地址", example="星城路1号"
        ),
        Column(
            "longitude",
            "经度",
            "longitude",
            v.longitude,
            aliases=("lng", "lon"),
            help="WGS84 十进制度",
            example="112.9388",
        ),
        Column(
            "latitude",
            "纬度",
            "latitude",
            v.latitude,
            aliases=("lat",),
            help="WGS84 十进制度",
            example="28.2282",
        ),
        Column(
            "orgName",
            "党组织名称",
            "orgName",
            v.name,
            aliases=("单位党组织",),
            help="单位自己的党组织；名册中没有时按单位党组织新建",
            example="星城第一小学党支部",
        ),
        Column(
            "coBuild",
            "共建社区",
            "coBuild",
            v.name_list,
            aliases=("结对社区", "共建社区名称"),
            help="可填多个，用；、，或/分隔",
            example="星城第一社区",
        ),
        Column(
            "contactName",
            "联系人",
            "contactName",
            v.name,
            personal="name",
            help="单位联络员",
            example="李老师",
        ),
        contact_phone_column("13800000001"),
    ),
)


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    streets: dict[str, None] = {}
    for row in rows:
        name = row.get("name")
        try:
            street = ctx.areas.street(row.get("street"))
        except RefError as exc:
            collector.problems.append(ref_problem(exc, row.row, "所属街道", row.get("street")))
            continue
        area_id = street.id
        problems: list[Problem] = []
        if row.get("community"):
            try:
                area_id = ctx.areas.community(row.get("community"), street.name).id
            except RefError as exc:
                problems.append(ref_problem(exc, row.row, "所属社区", row.get("community")))
        co_builds: list[str] = []
        for community in row.get("coBuild") or []:
            try:
                co_builds.append(_co_build(ctx, community, street.name))
            except RefError as exc:
                problems.append(ref_problem(exc, row.row, "共建社区", community))
        existing = ctx.units.find(name, uscc=row.get("uscc"), street_id=street.id)
        node_id = existing.id if existing else unit_id(name, street.id, row.get("uscc"))
        org: list[str] = []
        if row.get("orgName"):
            try:
                org = [ctx.orgs.resolve(row.get("orgName")).id]
            except RefError as exc:
                if exc.type == "ambiguous-reference":
                    problems.append(ref_problem(exc, row.row, "党组织名称", row.get("orgName")))
                else:
                    org = [org_id(row.get("orgName"), node_id)]
        if problems:
            collector.problems.extend(problems)
            continue
        props = {
            "name": name,
            "uscc": row.get("uscc"),
            "type": row.get("type"),
            "address": row.get("address"),
            "location": location(row.get("latitude"), row.get("longitude")),
            "contactName": row.get("contactName"),
            "contactPhone": row.get("contactPhone"),
        }
        entity = Entity(
            node_id,
            props,
            {"area": [area_id], "coBuilds": sorted(set(co_builds)), "org": org},
            extra={"orgName": row.get("orgName"), "orgKind": OrgKind.UNIT_ORG.value},
        )
        if collector.add(entity, row.row, "单位"):
            streets[street.id] = None
    return Built(*collector.take(), list(streets))


def _co_build(ctx: BuildContext, community: str, street: str) -> str:
    """A 共建社区: first within the unit's street, else anywhere when the name is unique."""
    try:
        return ctx.areas.community(community, street).id
    except RefError:
        return ctx.areas.community(community).id


KIND = Kind(SPEC, build, what="单位", additive_links=frozenset({"coBuilds", "org"}))
