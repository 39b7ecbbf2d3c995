"""The audit trail through the real ASGI app (docs/security.md, "Audit"): every mutation, refused ones
included, and every personal value shown unmasked becomes an audit ``Event`` with who, what, when and
from where; masked and plain reads write nothing; no audit event ever holds a name or a phone number;
an audit that cannot be written withholds personal data; ``gongjian audit`` lists and exports them.

Who may see personal data is the permission layer's decision (issue 7). These tests pin the rule to
"admins see it" by patching :func:`gongjian.api.masking.may_see_personal_data` — what is under test is
that whatever the rule lets through is audited, and that what it masks is not.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import GraphQLResolveInfo, OperationType
from rich.console import Console
from strawberry.extensions import SchemaExtension
from typer.testing import CliRunner

from gongjian import cli_query
from gongjian import settings as settings_module
from gongjian.api import masking
from gongjian.api.app import create_app
from gongjian.api.audit import AuditTrail
from gongjian.api.context import Caller, Context
from gongjian.api.internal_errors import Schema
from gongjian.api.schema import Mutation, Query
from gongjian.cli import app as cli
from gongjian.graph import audit
from gongjian.graph.accounts import Accounts
from gongjian.graph.accounts.cache import VerificationCache
from gongjian.graph.errors import GraphError
from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import Action
from gongjian.graph.loop.clock import iso
from gongjian.graph.loop.engine import Loop, Step
from gongjian.graph.model import Label, Role
from gongjian.settings import Settings

from . import matchkit as kit
from .conftest import TEST_GRAPH_URI
from .fixtures.clock import T0, Clock
from .test_api_subscription import PROTOCOL, Socket, client_for, collect

ORIGIN = "127.0.0.1"  # httpx's ASGI transport reports this client address
NAMES = ("张三", "李四", "王经理", "赵六")
PHONES = ("13800000001", "13800000002", "13900000009", "13700000007")


@pytest.fixture(autouse=True)
def admins_see_personal_data(monkeypatch: pytest.MonkeyPatch) -> None:
    def rule(who: Any, label: Label, node_id: str | None) -> bool:  # who: the Caller (or a guard)
        return Role.ADMIN in getattr(who, "roles", ())

    monkeypatch.setattr(masking, "may_see_personal_data", rule)


@pytest.fixture
def world(schema_graph: Graph) -> Graph:
    graph = schema_graph
    kit.base(graph)
    kit.unit(graph, "u-park", "星城停车公司", contact=("王经理", "13900000009"))
    kit.resource(graph, "u-park", "r-park", quantity=5)
    kit.member(graph, "m-1", "张三", "13800000001", skills=["volunteer"], reported_to="c1")
    kit.member(graph, "m-2", "李四", "13800000002", skills=["volunteer"], reported_to="c1")
    graph.write("MATCH (m:Member {id: 'm-1'}), (u:Unit {id: 'u-park'}) CREATE (m)-[:WORKS_AT]->(u)")
    kit.demand(graph, "d-1", "c1", quantity=2)
    return graph


@pytest.fixture
def keys(world: Graph, settings: Settings, clock: Clock) -> dict[str, tuple[str, str]]:
    """Role → (account id, API key)."""
    accounts = Accounts(world, settings, clock=clock, cache=VerificationCache())
    made = {}
    for role in (Role.ADMIN, Role.VIEWER):
        account, key = accounts.create(f"测试账号 {role.value}", [role])
        made[role.value] = (account.id, key)
    return made


@pytest.fixture
async def api(world: Graph, settings: Settings, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, graph=world, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def post(
    api: httpx.AsyncClient, query: str, key: str | None = None, **variables: Any
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = await api.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def data(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    return body["data"]


def audit_events(graph: Graph) -> list[dict[str, Any]]:
    rows = graph.read(
        "MATCH (e:Event) WHERE e.action IN $actions RETURN properties(e) AS event ORDER BY e.at, e.action",
        actions=list(audit.ACTIONS),
    )
    return [row["event"] for row in rows]


DISPATCH = """
mutation($input: DispatchDemandInput!) {
  dispatchDemand(input: $input) {
    __typename
    ... on DemandChangePayload { demand { id status } project { id } }
    ... on UserFacingError { message }
  }
}"""

PEOPLE = """
{
  a: member(id: "m-1") { id name phone }
  b: member(id: "m-2") { id name status }
  unit(id: "u-park") { id contactPhone }
}"""


# ------------------------------------------------------------------------------------ mutations
async def test_a_mutation_writes_one_audit_event(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]]
) -> None:
    admin, key = keys["admin"]
    body = data(
        await post(api, DISPATCH, key, input={"demandId": "d-1", "unitId": "u-park", "resourceId": "r-park"})
    )
    payload = body["dispatchDemand"]
    assert payload["__typename"] == "DemandChangePayload", payload
    project_id = payload["project"]["id"]

    [event] = audit_events(world)
    assert event["action"] == audit.MUTATION
    assert (event["actor"], event["callerRoles"], event["origin"]) == (admin, ["admin"], ORIGIN)
    assert (event["operation"], event["outcome"], event["at"]) == ("dispatchDemand", "ok", iso(T0))
    assert event["subjects"][:3] == ["d-1", "u-park", "r-park"]  # the input's ids, in its order
    assert project_id in event["subjects"]  # and what the mutation made
    assert event["fields"] == []  # the answer showed no personal data
    # an audit event hangs on nothing: the demand's timeline is the loop's alone
    timeline = world.read("MATCH (:Demand {id: 'd-1'})-[:HAS_EVENT]->(e:Event) RETURN e.action AS a")
    assert timeline == [{"a": "dispatch"}]


async def test_refused_mutations_are_audited_with_their_refusal(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]], clock: Clock
) -> None:
    admin, key = keys["admin"]
    start = 'mutation { startDemand(input: {demandId: "d-1"}) { __typename } }'
    assert data(await post(api, start, key))["startDemand"]["__typename"] == "IllegalTransitionError"
    clock.moment += timedelta(minutes=1)
    missing = {"demandId": "d-1", "unitId": "u-none"}
    assert data(await post(api, DISPATCH, key, input=missing))["dispatchDemand"]["__typename"] == (
        "NotFoundError"
    )

    illegal, not_found = audit_events(world)
    assert (illegal["operation"], illegal["outcome"]) == ("startDemand", "refused:IllegalTransitionError")
    assert illegal["subjects"] == ["d-1"] and illegal["actor"] == admin
    assert (not_found["operation"], not_found["outcome"]) == ("dispatchDemand", "refused:NotFoundError")
    assert not_found["subjects"] == ["d-1", "u-none"]


async def test_a_mutation_failing_unexpectedly_is_audited_as_an_error(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Loop, step: object) -> object:
        raise RuntimeError("the engine broke")

    monkeypatch.setattr(Loop, "perform", broken)
    accept = 'mutation { acceptDemand(input: {demandId: "d-1"}) { __typename } }'
    body = await post(api, accept, keys["admin"][1])
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    [event] = audit_events(world)
    assert (event["operation"], event["outcome"], event["subjects"]) == (
        "acceptDemand",
        "error:RuntimeError",
        ["d-1"],
    )


async def test_every_mutation_of_a_document_is_audited_in_one_write(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[int] = []
    record = audit.record

    def counted(graph: Graph, events: list[audit.AuditEvent]) -> int:
        writes.append(len(events))
        return record(graph, events)

    monkeypatch.setattr(audit, "record", counted)
    both = """mutation {
      first: dispatchDemand(input: {demandId: "d-1", unitId: "u-park", resourceId: "r-park"}) {
        ... on DemandChangePayload { project { deliverers { ... on Unit { id contactPhone } } } }
      }
      again: acceptDemand(input: {demandId: "d-1"}) { __typename }
    }"""
    body = data(await post(api, both, keys["admin"][1]))
    assert body["first"]["project"]["deliverers"] == [{"id": "u-park", "contactPhone": "13900000009"}]
    assert writes == [3]  # two mutations and the personal data their answers showed, in one statement
    events = {(e["action"], e["operation"]): e for e in audit_events(world)}
    assert events[(audit.MUTATION, "acceptDemand")]["outcome"] == "ok"
    shown = events[(audit.PERSONAL, "dispatchDemand,acceptDemand")]
    assert (shown["subjects"], shown["fields"]) == (["u-park"], ["Unit.contactPhone"])


class Gatekeeper(SchemaExtension):
    """A refusal further out than the audit's own middleware (listed after it)."""

    def resolve(self, _next: Any, root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any) -> Any:
        if info.path.prev is None and info.operation.operation is OperationType.MUTATION:
            raise PermissionError("refused before any resolver ran")
        return _next(root, info, *args, **kwargs)


async def test_a_mutation_refused_before_the_audit_saw_it_is_recorded_from_its_error(
    world: Graph, settings: Settings
) -> None:
    schema = Schema(query=Query, mutation=Mutation, extensions=[AuditTrail, Gatekeeper])
    caller = Caller(id="acct-0123456789abcdef", roles=frozenset({"viewer"}))
    context = Context.create(world, settings, caller, origin="10.0.0.9")
    result = await schema.execute(
        DISPATCH,
        variable_values={"input": {"demandId": "d-1", "unitId": "u-park"}},
        context_value=context,
    )
    assert result.errors and result.errors[0].path == ["dispatchDemand"]
    [event] = audit_events(world)
    assert (event["operation"], event["outcome"], event["subjects"]) == (
        "dispatchDemand",
        "refused:PermissionError",
        ["d-1", "u-park"],
    )
    assert (event["actor"], event["callerRoles"], event["origin"]) == (caller.id, ["viewer"], "10.0.0.9")


async def test_anonymous_mutations_are_audited_too(api: httpx.AsyncClient, world: Graph) -> None:
    await post(api, 'mutation { startDemand(input: {demandId: "d-1"}) { __typename } }')
    [event] = audit_events(world)
    assert (event["actor"], event["callerRoles"], event["operation"]) == ("anonymous", [], "startDemand")
    assert event["outcome"].startswith("refused:")  # the loop's refusal, or the permission layer's


# ------------------------------------------------------------------------------------ personal data
async def test_personal_data_shown_unmasked_writes_one_audit_event(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]]
) -> None:
    admin, key = keys["admin"]
    body = data(await post(api, PEOPLE, key))
    assert (body["a"]["name"], body["a"]["phone"], body["b"]["name"]) == ("张三", "13800000001", "李四")
    assert body["unit"]["contactPhone"] == "13900000009"

    [event] = audit_events(world)
    assert event["action"] == audit.PERSONAL
    assert (event["actor"], event["callerRoles"], event["origin"], event["at"]) == (
        admin,
        ["admin"],
        ORIGIN,
        iso(T0),
    )
    assert event["operation"] == "member,unit"  # the query's root fields
    assert event["subjects"] == ["m-1", "m-2", "u-park"]
    assert event["fields"] == ["Member.name", "Member.phone", "Unit.contactPhone"]
    assert event["outcome"] == "ok"


async def test_nested_and_listed_personal_data_is_audited(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]]
) -> None:
    query = '{ unit(id: "u-park") { members { id name } } area(id: "c1") { reportedMembers { id phone } } }'
    body = data(await post(api, query, keys["admin"][1]))
    assert body["unit"]["members"] == [{"id": "m-1", "name": "张三"}]
    [event] = audit_events(world)
    assert (event["subjects"], event["fields"]) == (["m-1", "m-2"], ["Member.name", "Member.phone"])


@pytest.mark.parametrize("who", ["viewer", "anonymous"])
async def test_masked_reads_write_nothing(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]], who: str
) -> None:
    key = keys[who][1] if who in keys else None
    body = data(await post(api, PEOPLE, key))
    assert (body["a"]["name"], body["a"]["phone"]) == ("张*", "138****0001")
    assert audit_events(world) == []


async def test_reads_that_show_no_personal_data_write_nothing(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]]
) -> None:
    query = '{ member(id: "m-1") { id status } unit(id: "u-park") { name members { id } } }'
    data(await post(api, query, keys["admin"][1]))
    assert audit_events(world) == []


LIVE = """
subscription Live($area: ID!) {
  demandEvents(areaId: $area) { action demand { area { reportedMembers { id name } } } }
}"""


def test_personal_data_sent_to_a_subscription_is_audited_before_it_leaves(
    world: Graph, settings: Settings, keys: dict[str, tuple[str, str]], clock: Clock
) -> None:
    admin, key = keys["admin"]
    app = create_app(settings, graph=world, clock=clock)
    broker = app.state.broker
    with (
        client_for(app) as http,
        http.websocket_connect(
            "/graphql", subprotocols=[PROTOCOL], headers={"Authorization": f"Bearer {key}"}
        ) as ws,
    ):
        socket = Socket(ws)
        socket.subscribe("live", "c1", LIVE)
        assert broker.wait_for_subscribers(1)
        step = Step(Action.DISPATCH, "d-1", actor="星城社区", unit_id="u-park", resource_id="r-park")
        Loop(world, settings, clock=clock, listeners=[broker.publish]).perform(step)
        [event] = collect(socket, {"live": 1})["live"]
        # the audit event is written before the message is sent, so it is there when the message is
        shown = audit_events(world)
    members = event["demand"]["area"]["reportedMembers"]
    assert sorted(m["name"] for m in members) == ["张三", "李四"]
    [record] = shown
    assert (record["action"], record["actor"], record["operation"]) == (audit.PERSONAL, admin, "demandEvents")
    assert (record["subjects"], record["fields"]) == (["m-1", "m-2"], ["Member.name"])


# ------------------------------------------------------------------------------------ no personal values
async def test_audit_events_never_hold_a_name_or_a_phone_number(
    api: httpx.AsyncClient, world: Graph, keys: dict[str, tuple[str, str]]
) -> None:
    key = keys["admin"][1]
    raised = data(
        await post(
            api,
            """mutation($input: RaiseDemandInput!) {
              raiseDemand(input: $input) { ... on DemandChangePayload { demand { id } } }
            }""",
            key,
            input={
                "communityId": "c1",
                "need": "停车位",
                "title": "夜间停车难",
                "contactName": "赵六",
                "contactPhone": "13700000007",
                "clientMutationId": "13700000007",
            },
        )
    )
    raised_id = raised["raiseDemand"]["demand"]["id"]
    # a phone number and a name typed where an id belongs: refused, and not kept as a subject
    phone_as_id = {"demandId": "d-1", "memberId": "13800000001"}
    assert data(await post(api, DISPATCH, key, input=phone_as_id))["dispatchDemand"]["__typename"] == (
        "NotFoundError"
    )
    name_as_id = {"demandId": "d-1", "unitId": "王经理"}
    assert data(await post(api, DISPATCH, key, input=name_as_id))["dispatchDemand"]["__typename"] == (
        "NotFoundError"
    )
    update = """mutation {
      updateDemand(input: {demandId: "d-1", contactName: "李四", contactPhone: "13800000002"}) { __typename }
    }"""
    data(await post(api, update, key))
    data(await post(api, PEOPLE, key))
    data(await post(api, PEOPLE, keys["viewer"][1]))

    events = audit_events(world)
    assert [(e["action"], e["operation"]) for e in events] == [
        (audit.MUTATION, "raiseDemand"),
        (audit.MUTATION, "dispatchDemand"),
        (audit.MUTATION, "dispatchDemand"),
        (audit.MUTATION, "updateDemand"),
        (audit.PERSONAL, "member,unit"),
    ]
    assert events[0]["subjects"][0] == "c1" and raised_id in events[0]["subjects"]
    assert events[1]["subjects"] == ["d-1"] and events[2]["subjects"] == ["d-1"]
    text = json.dumps(events, ensure_ascii=False)
    for value in (*NAMES, *PHONES, "测试账号"):
        assert value not in text
    unhashed = re.sub(r"\b[a-z]+-[0-9a-f]{16}\b", "<id>", text)
    assert not re.search(r"\d{7,}", unhashed)  # no phone-like run of digits outside hashed ids


# ------------------------------------------------------------------------------------ failures
async def test_an_audit_that_cannot_be_written_withholds_personal_data_but_keeps_a_mutation(
    api: httpx.AsyncClient,
    world: Graph,
    keys: dict[str, tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def unavailable(graph: Graph, events: list[audit.AuditEvent]) -> int:
        raise GraphError(f"cannot write {PHONES[0]}")  # a message that must not reach the log

    monkeypatch.setattr(audit, "record", unavailable)
    key = keys["admin"][1]
    with caplog.at_level(logging.ERROR, logger="gongjian.api.audit"):
        shown = await post(api, PEOPLE, key)
        changed = await post(api, DISPATCH, key, input={"demandId": "d-1", "unitId": "u-park"})

    # no audit, no access: the personal data stays on the server
    assert shown["data"] is None
    [error] = shown["errors"]
    assert error["extensions"]["code"] == "AUDIT_UNAVAILABLE"
    assert not any(value in json.dumps(shown, ensure_ascii=False) for value in (*NAMES, *PHONES))
    # the mutation's change is committed: its answer is kept, its record is in the log
    assert data(changed)["dispatchDemand"]["__typename"] == "DemandChangePayload"
    first, second = (r for r in caplog.records if r.name == "gongjian.api.audit")
    assert error["extensions"]["errorId"] in first.getMessage()
    assert '"subjects": ["m-1", "m-2", "u-park"]' in first.getMessage()
    assert '"operation": "dispatchDemand"' in second.getMessage()
    for record in (first, second):
        assert not any(value in record.getMessage() for value in (*NAMES, *PHONES))
    assert audit_events(world) == []


# ------------------------------------------------------------------------------------ gongjian audit
@pytest.fixture
def trail(world: Graph, graph_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Graph]:
    uri = TEST_GRAPH_URI or f"embedded://{graph_home}?graph={world.backend.graph_name}"  # type: ignore[attr-defined]
    monkeypatch.setenv("GONGJIAN_GRAPH_URI", uri)
    monkeypatch.setattr(cli_query, "console", Console(width=400))
    settings_module.get_settings.cache_clear()
    yield world
    settings_module.get_settings.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> list[dict[str, Any]]:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err or out
    return json.loads(out)


async def test_gongjian_audit_lists_and_exports_with_filters(
    api: httpx.AsyncClient,
    trail: Graph,
    keys: dict[str, tuple[str, str]],
    clock: Clock,
    tmp_path: Path,
) -> None:
    admin, key = keys["admin"]
    dispatch = {"demandId": "d-1", "unitId": "u-park", "resourceId": "r-park"}
    data(await post(api, DISPATCH, key, input=dispatch))
    clock.moment = T0 + timedelta(days=1)
    data(await post(api, PEOPLE, key))
    clock.moment = T0 + timedelta(days=2)
    await post(api, 'mutation { startDemand(input: {demandId: "d-9"}) { __typename } }')

    every = run_json()
    assert [(e["at"], e["operation"]) for e in every] == [
        (iso(T0 + timedelta(days=2)), "startDemand"),  # newest first
        (iso(T0 + timedelta(days=1)), "member,unit"),
        (iso(T0), "dispatchDemand"),
    ]
    assert list(every[0]) == list(audit.COLUMNS)
    assert [e["operation"] for e in run_json("--action", "personal")] == ["member,unit"]
    assert [e["operation"] for e in run_json("--action", "mutation")] == ["startDemand", "dispatchDemand"]
    assert [e["actor"] for e in run_json("--actor", admin)] == [admin, admin]
    assert [e["operation"] for e in run_json("--subject", "m-2")] == ["member,unit"]
    assert [e["operation"] for e in run_json("--subject", "d-1")] == ["dispatchDemand"]
    day_two = run_json("--since", "2026-03-03", "--until", "2026-03-03")
    assert [e["operation"] for e in day_two] == ["member,unit"]
    assert [e["operation"] for e in run_json("--since", "2026-03-03T09:00:00+08:00")] == [
        "startDemand",
        "member,unit",
    ]
    assert [e["operation"] for e in run_json("--limit", "1")] == ["startDemand"]

    exported = tmp_path / "audit.csv"
    code, _, err = run("--action", "mutation", "--format", "csv", "-o", str(exported))
    assert code == 0, err
    rows = list(csv.DictReader(exported.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["operation"] for r in rows] == ["startDemand", "dispatchDemand"]
    assert json.loads(rows[1]["subjects"])[:3] == ["d-1", "u-park", "r-park"]
    assert rows[0]["actor"] == "anonymous" and rows[1]["origin"] == ORIGIN

    code, out, _ = run()  # the table
    assert code == 0 and "dispatchDemand" in out and "Member.phone" in out
    for value in (*NAMES, *PHONES):
        assert value not in out + exported.read_text(encoding="utf-8-sig")


def test_gongjian_audit_refuses_bad_dates(trail: Graph) -> None:
    code, _, err = run("--since", "yesterday")
    assert code == 2 and "--since" in err and "YYYY-MM-DD" in err
    code, _, err = run("--since", "2026-03-05", "--until", "2026-03-01")
    assert code == 2 and "not before" in err
