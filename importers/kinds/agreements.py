"""共建协议 (agreements): relationships between a unit and a community, one per row.

类型 picks the relationship: 共建协议 → ``CO_BUILDS {since, until, agreementNo}`` to the community;
大党委成员单位 → ``SEATED_ON {since}`` to the community's committee (社区党委 covering it);
双报到 → ``REPORTED_TO {date}`` to the community. The entity id is ``TYPE|unit id|target id``.
"""

from __future__ import annotations

from gongjian.graph.model import Rel

from .. import values as v
from ..entity import Collector, Entity
from ..problems import UNKNOWN_REFERENCE, Problem
from ..refs import RefError
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed, ref_problem
from .vocab import AGREEMENT_TYPES

SPEC = KindSpec(
    kind="agreements",
    zh="共建协议",
    label=None,
    columns=(
        Column(
            "unitName",
            "单位名称",
            "unitName",
            v.name,
            True,
            ("单位", "共建单位"),
            help="须在驻区单位名册中",
            example="星城第一小学",
        ),
        Column(
            "community",
            "社区名称",
            "community",
            v.name,
            True,
            ("社区", "共建社区"),
            help="共建的社区或村",
            example="星城第一社区",
        ),
        Column(
            "street",
            "所属街道",
            "street",
            v.name,
            aliases=("街道",),
            help="同名社区或单位在多个街道时必填",
            example="星城街道",
        ),
        Column(
            "agreementNo",
            "协议编号",
            "agreementNo",
            v.text,
            aliases=("编号",),
            help="共建协议编号（可选）",
            example="XC-2025-001",
        ),
        Column(
            "since",
            "签订日期",
            "since",
            v.date,
            aliases=("开始日期", "报到日期"),
            help="如 2025-01-01",
            example="2025-01-01",
        ),
        Column(
            "until",
            "到期日期",
            "until",
            v.date,
            aliases=("结束日期",),
            help="共建协议的到期日期（可选）",
            example="2027-12-31",
        ),
        Column(
            "type",
            "类型",
            "type",
            v.enum(AGREEMENT_TYPES, "协议类型"),
            aliases=("协议类型",),
            help="共建协议（默认）、大党委成员单位、双报到",
            example="共建协议",
        ),
    ),
)


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    units: dict[str, None] = {}
    for row in rows:
        problems: list[Problem] = []
        kind = row.get("type") or Rel.CO_BUILDS.value
        street_id = None
        community = None
        try:
            community = ctx.areas.community(row.get("community"), row.get("street"))
        except RefError as exc:
            problems.append(ref_problem(exc, row.row, "社区名称", row.get("community")))
        if row.get("street"):
            try:
                street_id = ctx.areas.street(row.get("street")).id
            except RefError:
                street_id = None
        try:
            unit = ctx.units.resolve(row.get("unitName"), street_id=street_id)
        except RefError as exc:
            if street_id is None:
                problems.append(ref_problem(exc, row.row, "单位名称", row.get("unitName")))
                unit = None
            else:
                try:  # a unit elsewhere may co-build with a community of this street
                    unit = ctx.units.resolve(row.get("unitName"))
                except RefError as again:
                    problems.append(ref_problem(again, row.row, "单位名称", row.get("unitName")))
                    unit = None
        target = community.id if community else None
        if community is not None and kind == Rel.SEATED_ON.value:
            committee = ctx.orgs.committee_of(community.id)
            if committee is None:
                problems.append(
                    Problem(
                        UNKNOWN_REFERENCE,
                        f"{community.name}还没有唯一的社区党委（大党委）",
                        "先导入党组织（类型 社区党委，所在区域为该社区）",
                        row.row,
                        "社区名称",
                        row.get("community"),
                    )
                )
            else:
                target = committee.id
        if problems or unit is None or target is None or community is None:
            collector.problems.extend(problems)
            continue
        props = _props(kind, row)
        entity = Entity(
            f"{kind}|{unit.id}|{target}",
            props,
            extra={"type": kind, "unit": unit.id, "target": target},
        )
        if collector.add(entity, row.row, "协议（单位+社区+类型相同）"):
            units[unit.id] = None
    return Built(*collector.take(), list(units))


def _props(kind: str, row: Parsed) -> dict[str, object]:
    if kind == Rel.CO_BUILDS.value:
        return {"since": row.get("since"), "until": row.get("until"), "agreementNo": row.get("agreementNo")}
    if kind == Rel.SEATED_ON.value:
        return {"since": row.get("since")}
    return {"date": row.get("since")}


KIND = Kind(SPEC, build, what="协议", streams=True, reads=("areas", "units", "orgs"))
