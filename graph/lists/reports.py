"""双报到: a unit's party organisation, or an in-service member, reports to a community —
``(:Unit|:Member)-[:REPORTED_TO {date}]->(:Area)``.

A report is made once: reporting again changes nothing and keeps the first date.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongjian.graph.facade import Graph
from gongjian.graph.loop import clock as clocks
from gongjian.graph.loop.errors import InvalidValue, LoopError, NotFound
from gongjian.graph.model import Label

from . import fields


@dataclass(frozen=True)
class Report:
    """Exactly one of ``unit_id`` and ``member_id``; ``date`` defaults to today."""

    community_id: str
    unit_id: str | None = None
    member_id: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class ReportChange:
    reporter_id: str
    reporter_label: Label
    community_id: str
    date: str | None
    changed: bool


def report_to_community(graph: Graph, report: Report, clock: clocks.Clock = clocks.now) -> ReportChange:
    """Record the report; raises NotFound or InvalidValue. Idempotent."""
    named = [x for x in (report.unit_id, report.member_id) if x]
    if len(named) != 1:
        raise InvalidValue("unitId/memberId", ", ".join(named) or None, "name exactly one unit or member")
    reporter, label = (report.unit_id, Label.UNIT) if report.unit_id else (report.member_id, Label.MEMBER)
    assert reporter is not None
    day = fields.iso_date("date", report.date, fields.today(clock))
    ids = {"unitId": report.unit_id, "memberId": report.member_id, "communityId": report.community_id}
    facts = graph.read(graph.named("lists_report_facts"), **ids)[0]
    if not facts["reporterFound"]:
        raise NotFound("unit" if label == Label.UNIT else "member", reporter)
    if facts["areaLevel"] is None:
        raise NotFound("community", report.community_id)
    fields.community(report.community_id, facts["areaLevel"])
    if facts["reported"]:
        return ReportChange(reporter, label, report.community_id, facts["reportedOn"], False)
    rows = graph.write(graph.named("lists_report"), date=day, **ids)
    if not rows:
        raise LoopError(
            f"报到记录已被他人更新，请重试 / the report of {reporter} to {report.community_id} changed "
            "concurrently; try again"
        )
    return ReportChange(reporter, label, report.community_id, rows[0]["rel"].get("date"), True)
