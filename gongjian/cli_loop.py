"""``gongjian demand …``: the closed loop from a coordinator's terminal (docs/loop.md).

Each acting command (raise, dispatch, claim, accept, reject, start, complete, rate, escalate, reopen,
cancel) is one step of the loop engine (``graph/loop/``): it prints a one-line confirmation in Chinese
and English, or with ``--json`` the step's outcome. An expected refusal — an unknown id, a move the
demand's state does not allow (with the allowed next steps), too little capacity — goes to stderr and
the command exits with code 2. ``--actor`` names who acts on the timeline; it defaults to the operating
system's user name. ``show`` and ``overdue`` read.

Personal data (member names and phones, contact people) is never printed: terminals and logs get shared.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongjian.graph.loop.actions import STATUS_ZH, Action
from gongjian.graph.model import DemandStatus, Urgency

if TYPE_CHECKING:
    from gongjian.graph.loop.engine import Outcome

console = Console()
err = Console(stderr=True)

demand_app = typer.Typer(
    help="The closed loop 闭环: raise, dispatch, accept, start, complete and rate demands (docs/loop.md).",
    no_args_is_help=True,
)

URGENCY_ZH: dict[str, str] = {
    Urgency.LOW.value: "不急",
    Urgency.NORMAL.value: "一般",
    Urgency.HIGH.value: "较急",
    Urgency.URGENT.value: "紧急",
}

DemandId = Annotated[str, typer.Argument(help="Demand id (dem-…).", show_default=False)]
Actor = Annotated[
    str | None,
    typer.Option(help="Who acts, as recorded on the timeline (default: the operating system's user name)."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")]
Note = Annotated[str | None, typer.Option(help="A note for the timeline (说明).")]
Reason = Annotated[str, typer.Option(help="Why (原因), recorded on the timeline.", show_default=False)]
UnitId = Annotated[str | None, typer.Option("--unit", help="Unit id (unit-…).")]
MemberId = Annotated[str | None, typer.Option("--member", help="Party member id (mem-…).")]
ResourceId = Annotated[
    str | None, typer.Option("--resource", help="Resource id (res-…) whose capacity is reserved.")
]
Quantity = Annotated[int | None, typer.Option(help="How much to reserve (default: the demand's quantity).")]


def default_actor() -> str:
    """The operating system's user name (the default ``--actor``)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no LOGNAME/USER and no password-database entry (some containers)
        return "gongjian-cli"


# -- acting --------------------------------------------------------------------------------------------
@demand_app.command("raise")
def raise_(
    community: Annotated[str, typer.Argument(help="Community id, unambiguous name, or path 街道/社区.")],
    need: Annotated[str, typer.Argument(help="Category code (parking) or Chinese text (停车位, 义诊).")],
    title: Annotated[str, typer.Argument(help="What is needed (需求内容), e.g. 夜间停车难.")],
    quantity: Annotated[int, typer.Option(help="Quantity needed.")] = 1,
    window: Annotated[
        list[str] | None,
        typer.Option(help='When, e.g. "mon-fri 18:00-08:00" or 工作日18:00-次日8:00; repeat for several.'),
    ] = None,
    urgency: Annotated[
        str, typer.Option(help="low, normal, high, urgent — or 不急, 一般, 较急, 紧急/特急.")
    ] = "normal",
    deadline: Annotated[str | None, typer.Option(help="Date (2026-12-31, end of day) or ISO time.")] = None,
    source: Annotated[
        str | None, typer.Option(help="Where it came from (群众点单, 走访, 网格上报…).")
    ] = None,
    actor: Actor = None,
    as_json: AsJson = False,
) -> None:
    """群众点单: raise a demand of COMMUNITY for NEED."""
    from gongjian.cli import open_graph
    from gongjian.graph.loop import clock
    from gongjian.graph.loop.engine import Loop
    from gongjian.graph.loop.errors import LoopError
    from gongjian.graph.loop.raising import Raise, raise_demand
    from gongjian.graph.matching import Matcher, MatchError
    from gongjian.settings import get_settings

    settings = get_settings()
    with open_graph() as graph:
        try:
            level = parse_urgency(urgency)
            matcher = Matcher(graph, settings)
            where = matcher.resolve_community(community)
            request = Raise(
                where.id,
                need,
                title,
                actor or default_actor(),
                quantity=quantity,
                window=tuple(window or ()),
                urgency=level,
                deadline=deadline,
                source=source,
            )
            outcome = raise_demand(Loop(graph, settings, clock=clock.now), request, matcher.taxonomy)
        except (LoopError, MatchError) as exc:
            refuse(exc)
    report(outcome, as_json, where=where.path or where.name)


@demand_app.command("dispatch")
def dispatch(
    demand_id: DemandId,
    unit: UnitId = None,
    member: MemberId = None,
    resource: ResourceId = None,
    quantity: Quantity = None,
    note: Note = None,
    actor: Actor = None,
    as_json: AsJson = False,
) -> None:
    """社区派单: give DEMAND_ID to a unit (--unit) or a party member (--member), reserving --resource."""
    _deliver(Action.DISPATCH, demand_id, unit, member, resource, quantity, note, actor, as_json)


@demand_app.command("claim")
def claim(
    demand_id: DemandId,
    unit: UnitId = None,
    member: MemberId = None,
    resource: ResourceId = None,
    quantity: Quantity = None,
    note: Note = None,
    actor: Actor = None,
    as_json: AsJson = False,
) -> None:
    """单位认领: a unit (--unit) or party member (--member) takes DEMAND_ID on itself (accepted at once)."""
    _deliver(Action.CLAIM, demand_id, unit, member, resource, quantity, note, actor, as_json)


@demand_app.command("accept")
def accept(demand_id: DemandId, note: Note = None, actor: Actor = None, as_json: AsJson = False) -> None:
    """接单: the unit or member DEMAND_ID was dispatched to accepts it."""
    perform(Action.ACCEPT, demand_id, actor, as_json, note=note)


@demand_app.command("reject")
def reject(demand_id: DemandId, reason: Reason, actor: Actor = None, as_json: AsJson = False) -> None:
    """拒单: the unit or member declines DEMAND_ID; its reservation is released."""
    perform(Action.REJECT, demand_id, actor, as_json, note=reason)


@demand_app.command("start")
def start(demand_id: DemandId, note: Note = None, actor: Actor = None, as_json: AsJson = False) -> None:
    """开始实施: work on DEMAND_ID begins."""
    perform(Action.START, demand_id, actor, as_json, note=note)


@demand_app.command("complete")
def complete(
    demand_id: DemandId,
    note: Note = None,
    participant: Annotated[
        list[str] | None,
        typer.Option(help="Id of a party member who took part (earns points); repeat for several."),
    ] = None,
    actor: Actor = None,
    as_json: AsJson = False,
) -> None:
    """完成: DEMAND_ID is done; the members delivering it (and --participant ones) earn points."""
    perform(Action.COMPLETE, demand_id, actor, as_json, note=note, participants=tuple(participant or ()))


@demand_app.command("rate")
def rate(
    demand_id: DemandId,
    rating: Annotated[int, typer.Option(min=1, max=5, help="The resident's rating, 1-5 stars.")],
    feedback: Annotated[str | None, typer.Option(help="The resident's words (评价意见).")] = None,
    note: Note = None,
    actor: Actor = None,
    as_json: AsJson = False,
) -> None:
    """评价办结: the resident rates the result and DEMAND_ID is closed."""
    perform(Action.RATE, demand_id, actor, as_json, rating=rating, feedback=feedback, note=note)


@demand_app.command("escalate")
def escalate(
    demand_id: DemandId,
    unit: Annotated[str, typer.Option("--unit", help="Government department's unit id.", show_default=False)],
    reason: Reason,
    actor: Actor = None,
    as_json: AsJson = False,
) -> None:
    """吹哨上报: call a government department (街乡吹哨、部门报到) for DEMAND_ID."""
    perform(Action.ESCALATE, demand_id, actor, as_json, unit_id=unit, note=reason)


@demand_app.command("reopen")
def reopen(demand_id: DemandId, reason: Reason, actor: Actor = None, as_json: AsJson = False) -> None:
    """重新打开: DEMAND_ID needs handling again."""
    perform(Action.REOPEN, demand_id, actor, as_json, note=reason)


@demand_app.command("cancel")
def cancel(demand_id: DemandId, reason: Reason, actor: Actor = None, as_json: AsJson = False) -> None:
    """撤销: withdraw DEMAND_ID; any reservation is released."""
    perform(Action.CANCEL, demand_id, actor, as_json, note=reason)


def _deliver(
    action: Action,
    demand_id: str,
    unit: str | None,
    member: str | None,
    resource: str | None,
    quantity: int | None,
    note: str | None,
    actor: str | None,
    as_json: bool,
) -> None:
    if (unit is None) == (member is None):
        refuse("请指定 --unit 或 --member 之一 / give exactly one of --unit and --member")
    perform(
        action,
        demand_id,
        actor,
        as_json,
        unit_id=unit,
        member_id=member,
        resource_id=resource,
        quantity=quantity,
        note=note,
    )


def perform(action: Action, demand_id: str, actor: str | None, as_json: bool, **fields: Any) -> None:
    """Run one step of the loop engine and report it; a refusal exits with code 2."""
    from gongjian.cli import open_graph
    from gongjian.graph.loop import clock
    from gongjian.graph.loop.engine import Loop, Step
    from gongjian.graph.loop.errors import LoopError
    from gongjian.settings import get_settings

    with open_graph() as graph:
        loop = Loop(graph, get_settings(), clock=clock.now)
        try:
            outcome = loop.perform(Step(action, demand_id, actor=actor or default_actor(), **fields))
        except LoopError as exc:
            refuse(exc)
    report(outcome, as_json)


def parse_urgency(text: str) -> Urgency:
    """``low|normal|high|urgent`` or the Chinese terms of the demand lists (紧急 and 特急 are both urgent)."""
    from gongjian.graph.loop.errors import InvalidValue
    from gongjian.importers.kinds.vocab import URGENCIES

    key = text.strip()
    if key.lower() in {u.value for u in Urgency}:
        return Urgency(key.lower())
    if key in URGENCIES:
        return Urgency(URGENCIES[key])
    raise InvalidValue("urgency", text, "one of low, normal, high, urgent, or 不急、一般、较急、紧急、特急")


def refuse(reason: Exception | str) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(str(reason))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    """The outcome with camelCase keys, as the API names its fields."""
    return {_camel(key): value for key, value in asdict(outcome).items()}


def confirmation(outcome: Outcome, where: str | None = None) -> str:
    """``派单 dem-…：待派单 → 已派单 / dispatch dem-…: open → dispatched (project proj-…; 3 left; …)``."""
    from gongjian.loop_report import ACTION_ZH

    zh, en, demand = ACTION_ZH[outcome.action.value], outcome.action.value, outcome.demand_id
    after = outcome.to_status
    if outcome.from_status is None:
        line = f"{zh} {demand}：{STATUS_ZH[after]} / {en} {demand}: {after.value}"
    else:
        before = outcome.from_status
        line = (
            f"{zh} {demand}：{STATUS_ZH[before]} → {STATUS_ZH[after]} / "
            f"{en} {demand}: {before.value} → {after.value}"
        )
    details = [where] if where else []
    if outcome.project_id:
        details.append(f"project {outcome.project_id}")
    if outcome.remaining is not None:
        details.append(f"资源剩余 {outcome.remaining} left")
    if outcome.credited:
        details.append(f"积分记入 {len(outcome.credited)} 名党员 / points to {len(outcome.credited)} members")
    if outcome.replayed:
        details.append("重复请求，未再执行 / replayed")
    details.append(f"event {outcome.event_id}")
    return f"{line} ({'; '.join(details)})"


def report(outcome: Outcome, as_json: bool, where: str | None = None) -> None:
    if as_json:
        typer.echo(json.dumps(outcome_dict(outcome), ensure_ascii=False, indent=2))
    else:
        typer.echo(confirmation(outcome, where))


# -- reading -------------------------------------------------------------------------------------------
@demand_app.command("show")
def show(demand_id: DemandId, as_json: AsJson = False) -> None:
    """A demand, its projects, its timeline in order, its loop times and whether it is overdue."""
    from gongjian.cli import open_graph
    from gongjian.graph.loop import clock
    from gongjian.graph.loop.errors import LoopError
    from gongjian.loop_report import demand_view
    from gongjian.settings import get_settings

    with open_graph() as graph:
        try:
            view = demand_view(graph, get_settings(), demand_id, clock.now())
        except LoopError as exc:
            refuse(exc)
    if as_json:
        typer.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    _print_demand(view)


@demand_app.command("overdue")
def overdue(
    area: Annotated[
        str | None,
        typer.Option(help="Area id, unambiguous name or path (any level; everything below it counts)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many demands at most.")] = 50,
    as_json: AsJson = False,
) -> None:
    """Demands past their deadline or their urgency's service level, the longest-waiting first."""
    from gongjian.cli import open_graph
    from gongjian.graph.loop import clock
    from gongjian.graph.matching import MatchError
    from gongjian.loop_report import overdue_rows
    from gongjian.settings import get_settings

    with open_graph() as graph:
        try:
            rows = overdue_rows(graph, get_settings(), clock.now(), area, limit)
        except MatchError as exc:
            refuse(exc)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        console.print("没有逾期需求 / no overdue demand")
        return
    table = Table(title=f"逾期需求 / overdue demands ({len(rows)})")
    for column in (
        "id",
        "community 社区",
        "title 需求",
        "urgency 紧急程度",
        "raised 提出",
        "due 应办结",
        "status 状态",
    ):
        _column(table, column)
    for row in rows:
        table.add_row(
            row["id"],
            escape(row["community"] or ""),
            escape(row["title"] or ""),
            _urgency(row["urgency"]),
            row["raised"] or "",
            row["due"],
            _status(row["status"]),
        )
    console.print(table)


def _print_demand(view: dict[str, Any]) -> None:
    community = view["community"] or {}
    where = community.get("path") or community.get("name") or "—"
    window = "; ".join(view["window"] or []) or "—"
    lines = [
        f"[bold]{escape(view['id'])}[/] {escape(view['title'] or '')}",
        f"社区 community: {escape(where)} ({escape(community.get('id') or '—')})",
        f"类别 category: {view['category']} × {view['quantity']} · 时段 window: {escape(window)}",
        f"紧急程度 urgency: {_urgency(view['urgency'])} · 状态 status: {_status(view['status'])}"
        + (f" · 来源 source: {escape(view['source'])}" if view["source"] else ""),
        f"提出 raised: {view['createdAt'] or '—'} · 截止 deadline: {view['deadline'] or '—'} · "
        f"应办结 due: {view['dueAt'] or '—'} · 逾期 overdue: {'是 yes' if view['overdue'] else '否 no'}",
        f"派单用时 to dispatch: {_hours(view['hoursToDispatch'])} · 接单用时 to accept: "
        f"{_hours(view['hoursToAccept'])} · 办结用时 to complete: {_hours(view['hoursToComplete'])}",
        f"可执行 next: {', '.join(view['allowedNext']) or '—'}",
    ]
    if view["note"]:
        lines.append(f"备注 note: {escape(view['note'])}")
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)

    if view["projects"]:
        projects = Table(title="项目 projects")
        for column in _PROJECT_COLUMNS:
            _column(projects, column)
        for project in view["projects"]:
            projects.add_row(
                project["id"],
                escape(project["title"] or ""),
                project["status"] or "",
                escape("\n".join(_deliverer(d) for d in project["deliverers"])),
                escape("\n".join(f"{r['name'] or r['id']} × {r['quantity']}" for r in project["resources"])),
                escape(f"{project['rating']}★ {project['feedback'] or ''}".strip())
                if project["rating"]
                else "",
            )
        console.print(projects)

    timeline = Table(title="时间线 timeline")
    for column in (
        "at 时间",
        "action 动作",
        "status 状态",
        "actor 操作人",
        "target 对象",
        "qty/points",
        "note 说明",
    ):
        _column(timeline, column)
    for event in view["timeline"]:
        moved = f"{event['fromStatus'] or ''} → {event['toStatus']}" if event["toStatus"] else ""
        amount = f"+{event['points']}" if event["points"] else str(event["quantity"] or "")
        timeline.add_row(
            event["at"],
            _action(event["action"]),
            moved,
            escape(event["actor"] or ""),
            escape(event["targetId"] or ""),
            amount,
            escape(event["note"] or ""),
        )
    console.print(timeline)


_PROJECT_COLUMNS = ("id", "title 项目", "status 状态", "by 承接", "uses 资源", "rating 评价")


def _column(table: Table, header: str) -> None:
    """Ids and times are copied from the terminal: never cut them short, fold other long text."""
    width = 22 if header == "id" else 25 if header.startswith(("at ", "raised ", "due ")) else None
    table.add_column(header, no_wrap=width is not None, min_width=width, overflow="fold")


def _action(action: str) -> str:
    from gongjian.loop_report import ACTION_ZH

    return f"{ACTION_ZH.get(action, '')} {action}".strip()


def _status(status: str | None) -> str:
    if status in {s.value for s in DemandStatus}:
        return f"{STATUS_ZH[DemandStatus(status)]} {status}"
    return status or ""


def _urgency(urgency: str | None) -> str:
    return f"{URGENCY_ZH[urgency]} {urgency}" if urgency in URGENCY_ZH else urgency or ""


def _hours(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:g} h"


def _deliverer(deliverer: dict[str, Any]) -> str:
    if deliverer["kind"] == "member":
        return f"党员 member {deliverer['id']}"
    return f"{deliverer['name'] or ''} ({deliverer['id']})"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def register(app: typer.Typer) -> None:
    app.add_typer(demand_app, name="demand")
