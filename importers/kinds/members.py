"""党员 (members): membership (BELONGS_TO), employer, home community, 双报到 and skills.

A member is identified by name + mobile number. Names and phones are personal data: they are masked in
every report and never logged.
"""

from __future__ import annotations

from gongjian.graph.identity import member_id
from gongjian.graph.model import Label

from .. import values as v
from ..entity import Collector, Entity
from ..problems import Problem
from ..refs import AreaRef, RefError
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed, ref_problem
from .vocab import MEMBER_ROLES, MEMBER_STATUSES

SPEC = KindSpec(
    kind="members",
    zh="党员",
    label=Label.MEMBER,
    columns=(
        Column(
            "name",
            "姓名",
            "name",
            v.name,
            True,
            ("党员姓名",),
            personal="name",
            help="党员姓名",
            example="张三",
        ),
        Column(
            "phone",
            "手机号",
            "phone",
            v.mobile,
            True,
            ("手机", "手机号码", "联系电话"),
            personal="phone",
            help="11位手机号",
            example="13800000003",
        ),
        Column(
            "org",
            "所在党组织",
            "org",
            v.name,
            True,
            ("党组织", "所在支部", "党组织名称"),
            help="组织关系所在党组织；重名时写成 上级/名称",
            example="星城第一社区党委",
        ),
        Column(
            "status",
            "身份",
            "status",
            v.enum(MEMBER_STATUSES, "身份"),
            aliases=("党员类型", "类别"),
            help="在职、退休、流动、新就业群体",
            example="在职",
        ),
        Column(
            "employer",
            "工作单位",
            "employer",
            v.name,
            help="须在驻区单位名册中（可选）",
            example="星城第一小学",
        ),
        Column(
            "residence",
            "居住社区",
            "residence",
            v.name,
            aliases=("居住地",),
            help="社区名称，重名时写 街道/社区",
            example="星城第一社区",
        ),
        Column(
            "reportedTo",
            "报到社区",
            "reportedTo",
            v.name,
            aliases=("双报到社区",),
            help="“双报到”社区",
            example="星城第一社区",
        ),
        Column("reportedOn", "报到日期", "reportedOn", v.date, help="如 2024-03-01", example="2024-03-01"),
        Column(
            "skills",
            "专长",
            "skills",
            v.categories,
            aliases=("特长", "技能"),
            help="可填多个，按类别表识别，用；分隔",
            example="义诊；法律咨询",
        ),
        Column(
            "roles",
            "角色",
            "roles",
            v.enum_list(MEMBER_ROLES, "角色"),
            help="党员中心户、楼栋长、网格员、志愿者，可填多个",
            example="志愿者",
        ),
    ),
)


def _community(ctx: BuildContext, text: str) -> AreaRef:
    parts = [p for p in text.replace("／", "/").split("/") if p]
    if len(parts) >= 2:
        return ctx.areas.community(parts[-1], parts[-2])
    return ctx.areas.community(text)


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    orgs: dict[str, None] = {}
    for row in rows:
        problems: list[Problem] = []
        links: dict[str, list[str]] = {"org": [], "employer": [], "residence": [], "reportedTo": []}
        try:
            links["org"] = [ctx.orgs.resolve(row.get("org")).id]
        except RefError as exc:
            problems.append(ref_problem(exc, row.row, "所在党组织", row.get("org")))
        if row.get("employer"):
            try:
                links["employer"] = [ctx.units.resolve(row.get("employer")).id]
            except RefError as exc:
                problems.append(ref_problem(exc, row.row, "工作单位", row.get("employer")))
        for field_, column in (("residence", "居住社区"), ("reportedTo", "报到社区")):
            if row.get(field_):
                try:
                    links[field_] = [_community(ctx, row.get(field_)).id]
                except RefError as exc:
                    problems.append(ref_problem(exc, row.row, column, row.get(field_)))
        if problems:
            collector.problems.extend(problems)
            continue
        props = {
            "name": row.get("name"),
            "phone": row.get("phone"),
            "status": row.get("status"),
            "roles": row.get("roles") or [],
            "skills": row.get("skills") or [],
            "reportedOn": row.get("reportedOn"),
        }
        entity = Entity(member_id(props["name"], props["phone"]), props, links)
        if collector.add(entity, row.row, "党员（姓名和手机号相同）"):
            orgs[links["org"][0]] = None
    return Built(*collector.take(), list(orgs))


KIND = Kind(SPEC, build, what="党员", personal_label=True, streams=True, reads=("areas", "orgs", "units"))
