"""``gongjian demand …`` on a small constructed graph: a whole loop, refusals (exit code 2, the message on
stderr, nothing written), ``show`` with its timeline and without personal data, and ``overdue`` under a
controlled clock (``gongjian.graph.loop.clock.now``, which every command reads when it runs)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from gongjian import cli_loop
from gongjian import settings as settings_module
from gongjian.cli import app
from gongjian.cli_loop import default_actor
from gongjian.graph.facade import Graph
from gongjian.graph.loop import clock as clock_module
from gongjian.graph.loop.clock import CST

from . import matchkit as kit
from .conftest import TEST_GRAPH_URI

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)


class Clock:
    """A controlled clock: each reading is one minute after the last; ``moment`` can be set."""

    def __init__(self, start: datetime = T0) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    controlled = Clock()
    monkeypatch.setattr(clock_module, "now", controlled)
    return controlled


@pytest.fixture
def world(
    schema_graph: Graph, graph_home: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> Iterator[Graph]:
    graph = schema_graph
    kit.base(graph)
    kit.unit(graph, "u-park", "星城停车公司", contact=("王经理", "13900000009"))
    kit.unit(graph, "u-gov", "麒麟区住建局", type_="government")
    kit.resource(graph, "u-park", "r-park", name="星城停车场", quantity=5)
    kit.member(graph, "m-1", "张三", "13800000001", skills=["volunteer"], reported_to="c1")
    kit.member(graph, "m-2", "李四", "13800000002", skills=["volunteer"], reported_to="c1")
    uri = TEST_GRAPH_URI or f"embedded://{graph_home}?graph={graph.backend.graph_name}"  # type: ignore[attr-defined]
    monkeypatch.setenv("GONGJIAN_GRAPH_URI", uri)
    monkeypatch.setattr(cli_loop, "console", Console(width=250))  # wide tables whatever the terminal
    settings_module.get_settings.cache_clear()
    yield graph
    settings_module.get_settings.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["demand", *args])
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err or out
    return json.loads(out)


def raise_demand(community: str = "南宁街道/星城社区", title: str = "夜间停车难", *options: str) -> str:
    outcome = run_json("raise", community, "停车位", title, "--actor", "星城社区", *options)
    return outcome["demandId"]


def status(graph: Graph, demand_id: str) -> str:
    return graph.read("MATCH (d:Demand {id: $id}) RETURN d.status AS s", id=demand_id)[0]["s"]


def test_a_whole_loop_through_the_cli(world: Graph) -> None:
    raised = run_json(
        "raise", "南宁街道/星城社区", "停车位", "夜间停车难", "--quantity", "2", "--urgency", "特急",
        "--window", "工作日18:00-次日8:00", "--source", "群众点单", "--actor", "星城社区",
    )  # fmt: skip
    assert (raised["action"], raised["fromStatus"], raised["toStatus"]) == ("raise", None, "open")
    assert raised["areaId"] == "c1" and raised["at"] == "2026-03-02T09:01:00+08:00"
    demand = raised["demandId"]
    stored = world.read(
        "MATCH (:Area {id: 'c1'})-[:RAISED]->(d:Demand {id: $id}) "
        "RETURN d.urgency AS urgency, d.window AS window, d.quantity AS quantity, d.category AS category",
        id=demand,
    )
    assert stored == [
        {"urgency": "urgent", "window": ["workday 18:00-08:00"], "quantity": 2, "category": "parking"}
    ]

    dispatched = run_json(
        "dispatch",
        demand,
        "--unit",
        "u-park",
        "--resource",
        "r-park",
        "--note",
        "就近派单",
        "--actor",
        "星城社区",
    )
    assert (dispatched["fromStatus"], dispatched["toStatus"], dispatched["remaining"]) == (
        "open",
        "dispatched",
        3,
    )
    project = dispatched["projectId"]
    assert project and dispatched["actor"] == "星城社区" and dispatched["note"] == "就近派单"

    code, out, _ = run("accept", demand, "--actor", "星城停车公司")
    assert code == 0
    assert out.startswith(f"接单 {demand}：已派单 → 已接单 / accept {demand}: dispatched → accepted (")
    assert f"project {project}" in out and out.count("\n") == 1

    code, out, _ = run("start", demand)  # the actor defaults to the OS user name
    assert code == 0 and f"start {demand}: accepted → in_progress" in out
    completed = run_json("complete", demand, "--note", "已完成", "--participant", "m-1")
    assert completed["toStatus"] == "done" and completed["credited"] == ["m-1"]
    rated = run_json("rate", demand, "--rating", "5", "--feedback", "很满意")
    assert (rated["toStatus"], rated["credited"]) == ("closed", ["m-1"])

    assert status(world, demand) == "closed"
    timeline = world.read(
        "MATCH (:Demand {id: $id})-[:HAS_EVENT]->(e:Event) RETURN e.action AS action, e.actor AS actor "
        "ORDER BY e.at",
        id=demand,
    )
    assert timeline == [
        {"action": "raise", "actor": "星城社区"},
        {"action": "dispatch", "actor": "星城社区"},
        {"action": "accept", "actor": "星城停车公司"},
        {"action": "start", "actor": default_actor()},
        {"action": "complete", "actor": default_actor()},
        {"action": "rate", "actor": default_actor()},
    ]
    assert world.read("MATCH (m:Member {id: 'm-1'}) RETURN m.points AS p")[0]["p"] == 15
    assert world.read("MATCH (p:Project {id: $id}) RETURN p.rating AS r", id=project)[0]["r"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("accept", "d-1"), "demand d-1 is open; accept is not allowed from there — allowed next: "
                            "dispatch, claim, escalate, cancel"),
        (("start", "d-1"), "需求当前为「待派单」，不能start"),
        (("dispatch", "d-1", "--unit", "u-park", "--resource", "r-park", "--quantity", "9"),
         "资源剩余5，不足9 / resource r-park has 5 left, 9 requested: reserve at most 5 (quantity: 5)"),
        (("dispatch", "d-1", "--unit", "u-park", "--member", "m-1"), "exactly one of --unit and --member"),
        (("claim", "d-1"), "give exactly one of --unit and --member"),
        (("dispatch", "d-1", "--unit", "u-none"), '未找到单位 "u-none"'),
        (("accept", "dem-none"), '未找到需求 "dem-none"'),
        (("escalate", "d-1", "--unit", "u-park", "--reason", "需要协调"), "government department"),
        (("raise", "不存在社区", "停车位", "停车难"), "未找到社区"),
        (("raise", "星城社区", "停车位", "停车难"), "names several"),
        (("raise", "c1", "宇宙飞船", "需求"), "category"),
        (("raise", "c1", "停车位", "停车难", "--urgency", "很急"), "一般、较急、紧急、特急"),
        (("raise", "c1", "停车位", "停车难", "--window", "某天"), "window"),
    ],
)  # fmt: skip
def test_refusals_exit_2_with_the_message_on_stderr_and_write_nothing(
    world: Graph, args: tuple[str, ...], message: str
) -> None:
    kit.demand(world, "d-1", "c1", quantity=2)
    code, out, err = run(*args)
    assert code == 2
    assert message in err and out == ""
    assert status(world, "d-1") == "open"
    assert world.read("MATCH (n) WHERE n:Event OR n:Project RETURN count(n) AS n")[0]["n"] == 0
    assert world.read("MATCH (d:Demand) RETURN count(d) AS n")[0]["n"] == 1


def test_reasons_are_required_for_reject_reopen_cancel_and_escalate(world: Graph) -> None:
    kit.demand(world, "d-1", "c1")
    for action in ("reject", "reopen", "cancel"):
        code, _, err = run(action, "d-1")
        assert code == 2 and "--reason" in err
    code, _, err = run("escalate", "d-1", "--unit", "u-gov")
    assert code == 2 and "--reason" in err
    escalated = run_json("escalate", "d-1", "--unit", "u-gov", "--reason", "涉及管线改造")
    assert escalated["toStatus"] == "escalated"
    claimed = run_json("claim", "d-1", "--unit", "u-gov", "--note", "部门报到")
    assert (claimed["fromStatus"], claimed["toStatus"]) == ("escalated", "accepted")


def test_show_gives_the_demand_its_project_and_timeline_without_personal_data(world: Graph) -> None:
    demand = raise_demand()
    world.write(
        "MATCH (d:Demand {id: $id}) SET d.contactName = '王五', d.contactPhone = '13700000007'", id=demand
    )
    run_json("dispatch", demand, "--member", "m-2", "--actor", "星城社区")
    run_json("accept", demand, "--actor", "m-2")
    run_json("start", demand, "--actor", "m-2")
    run_json("complete", demand, "--participant", "m-1", "--note", "帮居民找到车位", "--actor", "m-2")

    view = run_json("show", demand)
    assert (view["id"], view["status"], view["urgency"]) == (demand, "done", "normal")
    assert view["community"] == {"id": "c1", "name": "星城社区", "path": "麒麟区/南宁街道/星城社区"}
    assert [e["action"] for e in view["timeline"]] == [
        "raise", "dispatch", "accept", "start", "complete", "credit", "credit",
    ]  # fmt: skip
    minutes = [e["at"][11:16] for e in view["timeline"]]
    assert minutes == ["09:01", "09:02", "09:03", "09:04", "09:05", "09:05", "09:05"]
    credits = [e for e in view["timeline"] if e["action"] == "credit"]
    assert sorted(e["targetId"] for e in credits) == ["m-1", "m-2"] and {e["points"] for e in credits} == {10}
    (project,) = view["projects"]
    assert project["status"] == "done" and project["quantity"] == 1
    assert sorted(d["id"] for d in project["deliverers"]) == ["m-1", "m-2"]
    assert all(set(d) == {"kind", "id"} for d in project["deliverers"])
    # raised 09:01, dispatched 09:02, accepted 09:03, completed 09:05
    assert (view["hoursToDispatch"], view["hoursToAccept"], view["hoursToComplete"]) == (0.02, 0.02, 0.07)
    assert view["dueAt"] == "2026-03-09T09:01:00+08:00"  # a normal demand: 168 hours
    assert view["overdue"] is False and view["allowedNext"] == ["rate", "reopen"]

    code, out, _ = run("show", demand)
    assert code == 0
    for shown in ("时间线 timeline", "已完成待评价 done", "麒麟区/南宁街道/星城社区", "党员 member m-2",
                  "帮居民找到车位", "可执行 next: rate, reopen", "逾期 overdue: 否 no", "+10"):  # fmt: skip
        assert shown in out, shown
    steps = ("提出需求 raise", "派单 dispatch", "接单 accept", "开始实施 start", "完成 complete")
    order = [out.index(step) for step in steps]
    assert order == sorted(order)
    for personal in ("张三", "李四", "13800000001", "13800000002", "王五", "13700000007"):
        assert personal not in out and personal not in json.dumps(view, ensure_ascii=False)


def test_show_refuses_an_unknown_demand(world: Graph) -> None:
    code, out, err = run("show", "dem-none")
    assert code == 2 and out == "" and '未找到需求 "dem-none"' in err


def test_overdue_lists_what_is_past_its_service_level_or_deadline(world: Graph, clock: Clock) -> None:
    urgent = raise_demand("c1", "夜间停车难", "--urgency", "紧急")  # raised 09:01, due within 24 h
    normal = raise_demand("c1", "周末停车难", "--urgency", "一般")  # 168 h
    far = raise_demand("远方社区", "停车位不足", "--urgency", "urgent")
    dated = raise_demand("c1", "施工期间停车", "--urgency", "较急", "--deadline", "2026-03-02")  # 23:59 today

    clock.moment = T0 + timedelta(hours=12)
    code, out, _ = run("overdue")
    assert code == 0 and "没有逾期需求 / no overdue demand" in out

    clock.moment = T0 + timedelta(hours=25)
    rows = run_json("overdue")
    assert [r["id"] for r in rows] == [urgent, far, dated]
    assert normal not in {r["id"] for r in rows}
    first = rows[0]
    assert first == {
        "id": urgent,
        "community": "麒麟区/南宁街道/星城社区",
        "communityId": "c1",
        "title": "夜间停车难",
        "urgency": "urgent",
        "raised": "2026-03-02T09:01:00+08:00",
        "due": "2026-03-03T09:01:00+08:00",
        "status": "open",
    }
    assert rows[2]["due"] == "2026-03-02T23:59:00+08:00"
    assert [r["id"] for r in run_json("overdue", "--area", "南宁街道")] == [urgent, dated]
    assert [r["id"] for r in run_json("overdue", "--area", "s2")] == [far]
    assert [r["id"] for r in run_json("overdue", "--limit", "1")] == [urgent]

    run_json("cancel", dated, "--reason", "施工已结束")  # a settled demand is no longer overdue
    code, out, _ = run("overdue", "--area", "麒麟区")
    assert code == 0
    assert urgent in out and far in out and dated not in out and normal not in out
    assert "紧急 urgent" in out and "2026-03-03T09:01:00+08:00" in out and "待派单 open" in out


@pytest.mark.parametrize(
    ("area", "message"), [("不存在", '未找到区域 "不存在"'), ("星城社区", "names several")]
)
def test_overdue_refuses_an_unknown_or_ambiguous_area(world: Graph, area: str, message: str) -> None:
    code, out, err = run("overdue", "--area", area)
    assert code == 2 and out == "" and message in err
