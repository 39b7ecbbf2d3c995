"""The demo's closed loop is written by the loop engine (graph/demo/replay.py): its timelines follow the
engine's moves, projects follow their timelines, capacity is never over-reserved, points are credited,
and the result does not depend on how the steps are batched."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from gongjian.graph.demo import load_demo
from gongjian.graph.demo.network import _Demo
from gongjian.graph.demo.scales import SCALES, _apportion
from gongjian.graph.demo.stories import _STATUS_SHARES
from gongjian.graph.facade import Graph
from gongjian.graph.loop.actions import MOVES, RESERVING, Action
from gongjian.graph.model import DemandStatus, ProjectStatus
from gongjian.graph.taxonomy import Taxonomy
from gongjian.settings import Settings

from .fixtures.graphs import fresh_graphs

_RESERVING = sorted(status.value for status in RESERVING)
_CREATING = {Action.DISPATCH.value, Action.CLAIM.value}
#: The demand's status while its latest project is in this one.
_DEMAND_FOR = {
    ProjectStatus.PROPOSED: "dispatched", ProjectStatus.ACCEPTED: "accepted",
    ProjectStatus.IN_PROGRESS: "in_progress", ProjectStatus.DONE: "done", ProjectStatus.CLOSED: "closed",
}  # fmt: skip


@pytest.fixture(scope="module")
def loop_settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def open_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with fresh_graphs(tmp_path_factory.mktemp("loop"), "loop") as opener:
        yield opener


@pytest.fixture(scope="module")
def tiny(open_graph: Any, loop_settings: Settings) -> tuple[Graph, dict[str, int]]:
    graph = open_graph()
    return graph, load_demo(graph, scale="tiny", seed=0, batch_size=89, settings=loop_settings)


def _timelines(graph: Graph, owner: str) -> dict[str, list[dict[str, Any]]]:
    rows = graph.read(
        f"MATCH (o:{owner})-[:HAS_EVENT]->(e:Event) RETURN o.id AS id, e.id AS event, e.at AS at, "
        "e.action AS action, e.fromStatus AS from, e.toStatus AS to, e.actor AS actor, e.note AS note, "
        "e.targetId AS target, e.quantity AS quantity, e.points AS points"
    )
    timelines: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        timelines[row.pop("id")].append(row)
    for events in timelines.values():
        events.sort(key=lambda e: (e["at"], e["action"] == "credit", e["event"]))
    return timelines


# ------------------------------------------------------------------------------ timelines
def test_every_timeline_is_a_chain_of_the_engines_moves(tiny: Any) -> None:
    graph, _ = tiny
    statuses = {r["id"]: r["s"] for r in graph.read("MATCH (d:Demand) RETURN d.id AS id, d.status AS s")}
    timelines = _timelines(graph, "Demand")
    assert set(timelines) == set(statuses)
    seen: Counter[str] = Counter()
    for demand, events in timelines.items():
        first, *moves = events
        assert (first["action"], first["from"], first["to"]) == ("raise", None, "open"), demand
        state = DemandStatus.OPEN
        for event in moves:
            move = MOVES[Action(event["action"])]
            assert DemandStatus(event["from"]) == state and state in move.sources, (demand, event)
            assert event["to"] == move.target.value, (demand, event)
            state = move.target
            seen[event["action"]] += 1
        assert state.value == statuses[demand], demand
    assert {"dispatch", "accept", "reject", "start", "complete", "rate", "cancel", "escalate"} <= set(seen)


def test_the_status_mix_is_the_planned_one(tiny: Any) -> None:
    graph, counts = tiny
    held = Counter(
        {r["s"]: r["n"] for r in graph.read("MATCH (d:Demand) RETURN d.status AS s, count(d) AS n")}
    )
    shares = _apportion(counts["Demand"], [w for _, w in _STATUS_SHARES], 1)
    assert held == Counter({status.value: n for (status, _), n in zip(_STATUS_SHARES, shares, strict=True)})


def test_each_project_follows_its_own_timeline_and_its_demand(tiny: Any) -> None:
    graph, _ = tiny
    timelines = _timelines(graph, "Project")
    rows = graph.read(
        "MATCH (p:Project)-[:FULFILS]->(d:Demand), (who)-[:DELIVERS]->(p) "
        "RETURN p.id AS id, p.status AS status, p.quantity AS quantity, d.id AS demand, d.status AS ds, "
        "who.id AS deliverer, [(p)-[u:USES]->(r:Resource) | u.quantity] AS uses"
    )
    assert rows and len(rows) == len(timelines)
    demands = _timelines(graph, "Demand")
    for row in rows:
        events = [e for e in timelines[row["id"]] if e["action"] != "credit"]
        created, *moves = events
        assert created["action"] in _CREATING, row
        assert (created["target"], created["quantity"]) == (row["deliverer"], row["quantity"]), row
        assert row["uses"] in ([], [row["quantity"]]), row
        status = ProjectStatus.ACCEPTED if created["action"] == "claim" else ProjectStatus.PROPOSED
        for event in moves:
            move = MOVES[Action(event["action"])]
            assert status in move.project_sources and move.project_target is not None, (row, event)
            status = move.project_target
        assert status.value == row["status"], row
        # the project's events are its demand's, from its creation while it was live
        own = [e["event"] for e in demands[row["demand"]]]
        start = own.index(created["event"])
        assert [e["event"] for e in events] == own[start : start + len(events)], row
        if status in RESERVING or status in (ProjectStatus.DONE, ProjectStatus.CLOSED):
            assert own[start + len(events) :] == [], row  # the demand's latest project
            assert _DEMAND_FOR[status] == row["ds"], row


def test_no_resource_is_over_reserved(tiny: Any) -> None:
    graph, _ = tiny
    rows = graph.read(
        "MATCH (p:Project)-[u:USES]->(r:Resource) WHERE p.status IN $reserving "
        "RETURN r.id AS id, r.quantity AS quantity, toInteger(sum(u.quantity)) AS held",
        reserving=_RESERVING,
    )
    assert rows
    assert all(row["held"] <= row["quantity"] for row in rows), [r for r in rows if r["held"] > r["quantity"]]
    used = graph.read(
        "MATCH (p:Project)-[:USES]->(r:Resource) RETURN count(DISTINCT r) AS resources, count(p) AS projects"
    )[0]
    assert used["projects"] > used["resources"]  # resources serve again once their projects end


def test_events_carry_what_the_engine_writes(tiny: Any) -> None:
    graph, _ = tiny
    rows = graph.read(
        "MATCH (e:Event) RETURN e.action AS action, count(e) AS n, count(e.id) AS ids, count(e.at) AS at, "
        "count(e.actor) AS actor, count(e.toStatus) AS to, count(e.targetId) AS target, "
        "count(e.quantity) AS quantity, count(e.points) AS points, count(e.note) AS note"
    )
    by_action = {row.pop("action"): row for row in rows}
    for action, row in by_action.items():
        assert row["ids"] == row["at"] == row["actor"] == row["note"] == row["n"], (action, row)
        if action == "credit":
            assert row["points"] == row["target"] == row["n"] and row["to"] == 0, row
            continue
        assert row["to"] == row["n"] and row["points"] == 0, (action, row)
        if action in _CREATING:
            assert row["target"] == row["quantity"] == row["n"], (action, row)
        elif action == "escalate":
            assert row["target"] == row["n"] and row["quantity"] == 0, row
        else:
            assert row["target"] == row["quantity"] == 0, (action, row)
    departments = graph.read(
        "MATCH (e:Event {action: 'escalate'}) MATCH (u:Unit {id: e.targetId}) RETURN DISTINCT u.type AS t"
    )
    assert departments == [{"t": "government"}]
    notes = graph.read(
        "MATCH (d:Demand)-[:HAS_EVENT]->(e:Event {action: 'raise'}) "
        "RETURN count(e) AS n, sum(CASE WHEN e.note = d.source + '：' + d.title THEN 1 ELSE 0 END) AS ok"
    )[0]
    assert notes["n"] == notes["ok"]
    rated = graph.read(
        "MATCH (d:Demand)-[:HAS_EVENT]->(e:Event {action: 'rate'}), "
        "(p:Project {status: 'closed'})-[:FULFILS]->(d) "
        "RETURN e.note AS note, p.rating AS rating"
    )
    assert rated and all(row["note"] == f"群众评价{row['rating']}星，办结" for row in rated)


# ------------------------------------------------------------------------------ points
class _Collector:
    """Takes the rows the network generator writes, without a graph (to read members' starting points)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(self, name: str, row: dict[str, Any]) -> None:
        self.rows[name].append(row)

    def add_all(self, name: str, rows: Iterable[dict[str, Any]]) -> None:
        self.rows[name].extend(rows)

    def flush(self, name: str | None = None) -> None:
        pass

    def expect(self, step: str, total: int) -> None:
        pass


def test_member_points_are_their_start_plus_their_credit_events(tiny: Any, loop_settings: Settings) -> None:
    graph, counts = tiny
    collector = _Collector()
    _Demo(SCALES["tiny"], 0, Taxonomy.load()).run(collector)  # type: ignore[arg-type]
    members = [rows for name, rows in collector.rows.items() if name.startswith("demo_members")]
    start = {row["id"]: row["points"] for rows in members for row in rows}
    rows = graph.read(
        "MATCH (m:Member) RETURN m.id AS id, m.points AS points, "
        "[(c:Event)-[:CREDITS]->(m) | c.points] AS credits"
    )
    assert len(rows) == len(start)
    credited = [row for row in rows if row["credits"]]
    assert credited and counts["CREDITS"] == sum(len(row["credits"]) for row in rows)
    for row in rows:
        assert row["points"] == start[row["id"]] + sum(row["credits"]), row
    # each credit is for a project the member delivers, completed or well rated
    rows = graph.read(
        "MATCH (p:Project)-[:HAS_EVENT]->(c:Event {action: 'credit'})-[:CREDITS]->(m:Member) "
        "RETURN c.points AS points, p.status AS status, p.rating AS rating, "
        "size([(m)-[:DELIVERS]->(p) | 1]) AS delivers"
    )
    settings = loop_settings
    good = settings.points_good_rating_min
    for row in rows:
        assert row["delivers"] == 1 and row["status"] in ("done", "closed"), row
        assert row["points"] in (settings.points_complete, settings.points_good_rating), row
    completes = sum(1 for row in rows if row["points"] == settings.points_complete)
    bonuses = [row for row in rows if row["points"] == settings.points_good_rating]
    assert completes >= len(bonuses) and all(row["rating"] >= good for row in bonuses)


# ------------------------------------------------------------------------------ determinism
def _history(graph: Graph) -> dict[str, Any]:
    return {
        "events": graph.read(
            "MATCH (e:Event) RETURN e.id AS id, e.at AS at, e.actor AS actor, e.action AS action, "
            "e.fromStatus AS f, e.toStatus AS t, e.note AS note, e.targetId AS target, e.quantity AS q, "
            "e.points AS points ORDER BY id"
        ),
        "projects": graph.read(
            "MATCH (p:Project)-[:FULFILS]->(d:Demand), (who)-[:DELIVERS]->(p) "
            "RETURN p.id AS id, p.title AS title, p.status AS status, p.quantity AS q, p.rating AS rating, "
            "p.feedback AS feedback, p.startedAt AS started, p.completedAt AS completed, d.id AS demand, "
            "who.id AS who, [(p)-[u:USES]->(r) | [r.id, u.quantity]] AS uses ORDER BY id"
        ),
        "demands": graph.read(
            "MATCH (a:Area)-[:RAISED]->(d:Demand) RETURN d.id AS id, d.status AS status, d.title AS title, "
            "d.quantity AS q, d.window AS window, d.urgency AS urgency, d.deadline AS deadline, "
            "d.source AS source, d.createdAt AS created, a.id AS area ORDER BY id"
        ),
        "points": graph.read(
            "MATCH (m:Member) WHERE m.points > 0 RETURN m.id AS id, m.points AS p ORDER BY id"
        ),
    }


def test_the_same_seed_gives_the_same_history_whatever_the_batch_size(
    tiny: Any, open_graph: Any, loop_settings: Settings
) -> None:
    graph, counts = tiny
    again = open_graph()
    assert load_demo(again, scale="tiny", seed=0, batch_size=7, settings=loop_settings) == counts
    assert _history(again) == _history(graph)


def test_the_batching_keeps_every_step_on_its_own_demand_resource_and_member() -> None:
    from gongjian.graph.demo.replay import _Planned, _schedule
    from gongjian.graph.loop.engine import Step

    def planned(demand: int, action: Action, resource: str | None = None, member: str | None = None,
                releases: str | None = None) -> _Planned:  # fmt: skip
        step = Step(action, f"d{demand}", actor="x", resource_id=resource, member_id=member)
        return _Planned(step, demand, reserves=resource if action == Action.DISPATCH else None,
                        releases=releases, member=member)  # fmt: skip

    steps = [
        planned(1, Action.DISPATCH, "r"),  # reserves r
        planned(2, Action.DISPATCH, "r"),  # must follow 1's reservation
        planned(1, Action.REJECT, releases="r"),
        planned(3, Action.DISPATCH, "r"),  # must follow the release before it
        planned(4, Action.DISPATCH, member="m"),
        planned(5, Action.DISPATCH, member="m"),  # never with 4
        planned(4, Action.ACCEPT),
        planned(2, Action.ACCEPT),
    ]
    batches = list(_schedule(steps, size=10))
    level = {id(item): i for i, batch in enumerate(batches) for item in batch}
    for batch in batches:
        assert len({item.creating for item in batch}) == 1
        touched = [x for item in batch for x in (item.step.demand_id, item.reserves, item.member) if x]
        assert len(touched) == len(set(touched)), batch
    assert level[id(steps[0])] < level[id(steps[1])] < level[id(steps[3])]
    assert level[id(steps[2])] < level[id(steps[3])]
    assert level[id(steps[0])] < level[id(steps[2])] and level[id(steps[4])] < level[id(steps[6])]
    assert level[id(steps[4])] != level[id(steps[5])]
    assert [len(b) for b in _schedule(steps, size=1)] == [1] * len(steps)


def test_the_counts_include_what_the_engine_writes_besides_the_steps(tiny: Any) -> None:
    graph, counts = tiny
    rows = graph.read("MATCH (c:Event)-[:CREDITS]->(:Member) RETURN count(c) AS n")
    assert rows[0]["n"] == counts["CREDITS"] > 0
    has_event = graph.read("MATCH ()-[r:HAS_EVENT]->() RETURN count(r) AS n")[0]["n"]
    assert has_event == counts["HAS_EVENT"] > counts["Event"]  # project timelines share the events


def test_every_deliverers_project_statistics_are_what_its_projects_say(tiny: Any) -> None:
    """The loop statements recount what they touch, also when one batch moves several projects of
    the same deliverer: the counts on each node equal a count of its projects."""
    from gongjian.graph.loop.actions import COMPLETED, OPEN_COMMITMENTS

    graph, _ = tiny
    rows = graph.read(
        "MATCH (who)-[:DELIVERS]->(p:Project) RETURN who.id AS id, p.status AS status, p.rating AS rating, "
        "[who.projectsCompleted, who.projectsOpen, who.projectsRated, who.ratingSum] AS stored"
    )
    counted: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
    stored = {}
    for row in rows:
        counts, status = counted[row["id"]], ProjectStatus(row["status"])
        counts[0] += status in COMPLETED
        counts[1] += status in OPEN_COMMITMENTS
        if status in COMPLETED and row["rating"] is not None:
            counts[2] += 1
            counts[3] += row["rating"]
        stored[row["id"]] = row["stored"]
    assert stored == counted
    assert all(any(counts[i] for counts in counted.values()) for i in range(4))  # every count is used


def test_every_resources_reserved_quantity_is_what_its_live_projects_use(tiny: Any) -> None:
    """The loop statements recount the resource a project uses as they move it: the reserved quantity
    on each resource equals the sum over its projects that hold capacity."""
    graph, _ = tiny
    rows = graph.read(
        "MATCH (p:Project)-[u:USES]->(r:Resource) RETURN r.id AS id, p.status AS status, "
        "u.quantity AS quantity, r.reserved AS stored"
    )
    counted: dict[str, int] = defaultdict(int)
    stored = {}
    for row in rows:
        counted[row["id"]] += row["quantity"] if row["status"] in _RESERVING else 0
        stored[row["id"]] = row["stored"]
    assert stored == counted
    assert any(counted.values()) and not all(counted.values())  # both held and released resources
