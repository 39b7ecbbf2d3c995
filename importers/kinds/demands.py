"""需求清单 (demands): what communities need, raised by a community (RAISED).

The id uses community + category + title + 提出日期 (design.md §4). A demand without 提出日期 gets an
id without a date and its ``createdAt`` is the day it was first imported. Status starts ``open`` and
is never changed by an import (the closed loop owns it).
"""

from __future__ import annotations

from gongjian.graph.identity import demand_id
from gongjian.graph.model import DemandStatus, Label, Urgency

from .. import values as v
from ..entity import Collector, Entity
from ..refs import RefError
from ..spec import Column, KindSpec
from .base import BuildContext, Built, Kind, Parsed, contact_phone_column, ref_problem
from .vocab import URGENCIES

SPEC = KindSpec(
    kind="demands",
    zh="需求清单",
    label=Label.DEMAND,
    columns=(
        Column(
            "community",
            "社区名称",
            "community",
            v.name,
            True,
            ("社区", "需求社区"),
            help="提出需求的社区或村",
            example="星城第一社区",
        ),
        Column(
            "street",
            "所属街道",
            "street",
            v.name,
            aliases=("街道",),
            help="同名社区在多个街道时必填",
            example="星城街道",
        ),
        Column(
            "category",
            "需求类别",
            "category",
            v.category,
            True,
            ("类别",),
            help="按类别表填写，如 停车、义诊",
            example="停车",
        ),
        Column(
            "title",
            "需求内容",
            "title",
            v.text,
            True,
            ("需求名称", "标题"),
            help="一句话说明需求",
            example="夜间停车位不足",
        ),
        Column("quantity", "数量", "quantity", v.quantity, help="整数，默认1", example="20"),
        Column(
            "window",
            "需要时间",
            "window",
            v.schedule,
            aliases=("时间段",),
            help="如 工作日18:00-次日7:30",
            example="工作日18:00-次日7:30",
        ),
        Column(
            "urgency",
            "紧急程度",
            "urgency",
            v.enum(URGENCIES, "紧急程度"),
            help="一般、较急、紧急、特急",
            example="一般",
        ),
        Column(
            "createdOn",
            "提出日期",
            "createdOn",
            v.date,
            aliases=("提出时间", "日期"),
            help="如 2025-03-01",
            example="2025-03-01",
        ),
        Column("deadline", "截止日期", "deadline", v.date, help="如 2025-06-30", example="2025-06-30"),
        Column(
            "contactName",
            "联系人",
            "contactName",
            v.name,
            personal="name",
            help="需求联系人",
            example="张书记",
        ),
        contact_phone_column("13800000002"),
        Column("note", "备注", "note", v.text, help="其他说明", example=""),
    ),
)


def build(rows: list[Parsed], ctx: BuildContext, collector: Collector) -> Built:
    communities: dict[str, None] = {}
    for row in rows:
        try:
            community = ctx.areas.community(row.get("community"), row.get("street"))
        except RefError as exc:
            collector.problems.append(ref_problem(exc, row.row, "社区名称", row.get("community")))
            continue
        quantity = row.get("quantity")
        created_on = row.get("createdOn")
        props = {
            "title": row.get("title"),
            "category": row.get("category"),
            "quantity": quantity[0] if quantity else 1,
            "window": row.get("window") or [],
            "urgency": row.get("urgency") or Urgency.NORMAL.value,
            "deadline": row.get("deadline"),
            "contactName": row.get("contactName"),
            "contactPhone": row.get("contactPhone"),
            "note": row.get("note"),
        }
        if created_on:
            props["createdAt"] = created_on
        entity = Entity(
            demand_id(community.id, props["category"], props["title"], created_on or ""),
            props,
            {"community": [community.id], "inCategory": [props["category"]]},
            extra={"createdAt": created_on, "today": ctx.today, "status": DemandStatus.OPEN.value},
        )
        if collector.add(entity, row.row, "需求（社区+类别+内容+日期相同）"):
            communities[community.id] = None
    return Built(*collector.take(), list(communities))


KIND = Kind(SPEC, build, what="需求", streams=True, reads=("areas",))
