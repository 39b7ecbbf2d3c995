"""The demo network (graph/demo/): determinism, model conformance, a consistent closed loop, scale.

Most checks run on one ``tiny`` load shared by the module; one test loads the ``district`` scale and
checks its counts against seed 003 (Qilin). Every graph has its own name on one embedded folder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from gongjian.graph import cypher_loader
from gongjian.graph.demo import _STATEMENTS, QILIN_BOX, REFERENCE, load_demo
from gongjian.graph.facade import Graph
from gongjian.graph.model import DEMAND_TRANSITIONS, NODES, RELATIONSHIPS, DemandStatus, Label
from gongjian.graph.schema import stats

from .fixtures.graphs import fresh_graphs

_NOT_DEMO = {"Category", "Account"}  # the taxonomy comes with the schema; API accounts are no demo data
_OPEN_PROJECTS = ("proposed", "accepted", "in_progress")
# The status of the one project a demand may still have besides rejected ones, by demand status.
_PROJECT_FOR_DEMAND: dict[str, set[str | None]] = {
    "open": {None},
    "dispatched": {"proposed"},
    "accepted": {"accepted"},
    "in_progress": {"in_progress"},
    "done": {"done"},
    "closed": {"closed"},
    "rejected": {None},
    "cancelled": {None, "cancelled"},
    "escalated": {None, "cancelled"},  # escalating cancels the live project
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("g")


@pytest.fixture(scope="module")
def open_graph(folder: Path) -> Iterator[Any]:
    with fresh_graphs(folder, "demo") as opener:
        yield opener


@pytest.fixture(scope="module")
def tiny(open_graph: Any) -> tuple[Graph, dict[str, int], list[tuple[str, int, int]]]:
    graph = open_graph()
    reports: list[tuple[str, int, int]] = []
    counts = load_demo(graph, scale="tiny", seed=0, batch_size=97, progress=lambda *r: reports.append(r))
    return graph, counts, reports


def _fingerprint(graph: Graph) -> dict[str, Any]:
    return {
        "ids": graph.read(
            "MATCH (n) WHERE n.id IS NOT NULL RETURN labels(n)[0] AS l, n.id AS id ORDER BY id"
        ),
        "members": graph.read(
            "MATCH (m:Member) RETURN m.id AS id, m.name AS name, m.phone AS phone, m.status AS status, "
            "m.roles AS roles, m.skills AS skills, m.points AS points ORDER BY id LIMIT 50"
        ),
        "demands": graph.read(
            "MATCH (d:Demand) RETURN d.id AS id, d.title AS title, d.status AS status, d.createdAt AS at, "
            "d.window AS window ORDER BY id LIMIT 50"
        ),
        "resources": graph.read(
            "MATCH (r:Resource) RETURN r.id AS id, r.name AS name, r.quantity AS q, r.availability AS a, "
            "r.location AS loc ORDER BY id LIMIT 50"
        ),
        "edges": graph.read("MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS n ORDER BY t"),
    }


# ------------------------------------------------------------------------------ determinism
def test_same_seed_gives_the_same_graph_and_another_seed_a_different_one(tiny: Any, open_graph: Any) -> None:
    graph, counts, _ = tiny
    again = open_graph()
    assert load_demo(again, scale="tiny", seed=0, batch_size=1000) == counts
    assert _fingerprint(again) == _fingerprint(graph)

    other = open_graph()
    other_counts = load_demo(other, scale="tiny", seed=1)
    assert other_counts["Member"] == counts["Member"]  # the scale fixes the member count
    ids = {row["id"] for row in _fingerprint(graph)["ids"]}
    other_ids = {row["id"] for row in _fingerprint(other)["ids"]}
    assert len(ids & other_ids) < len(ids) / 2
    assert _fingerprint(other)["members"] != _fingerprint(graph)["members"]


def test_counts_match_what_the_graph_holds(tiny: Any) -> None:
    graph, counts, _ = tiny
    held = stats(graph)
    expected = {**held["nodes"], **held["relationships"]}
    expected.pop("Category")
    expected.pop("BROADER")
    assert counts == expected


def test_progress_reports_every_step_up_to_its_total(tiny: Any) -> None:
    _, counts, reports = tiny
    last: dict[str, tuple[int, int]] = {}
    for step, done, total in reports:
        assert done <= total
        assert done > last.get(step, (0, 0))[0]
        last[step] = (done, total)
    assert all(done == total for done, total in last.values())
    assert last["members"][1] == counts["Member"]
    assert last["events"][1] == counts["Event"]
    assert {"areas", "orgs", "units", "members", "resources", "demands", "events", "projects"} <= set(last)


def test_refuses_a_graph_with_data_unless_replace(tiny: Any, open_graph: Any) -> None:
    graph, _, _ = tiny
    with pytest.raises(ValueError, match="replace=True"):
        load_demo(graph, scale="tiny")

    scratch = open_graph()
    load_demo(scratch, scale="tiny", seed=3)
    counts = load_demo(scratch, scale="tiny", seed=0, replace=True)
    assert counts == tiny[1]
    assert graph.read("MATCH (c:Category {code: 'parking.offpeak'}) RETURN count(c) AS n")[0]["n"] == 1
    assert scratch.read("MATCH (c:Category) RETURN count(c) AS n")[0]["n"] > 50


def test_unknown_scale_is_refused(open_graph: Any) -> None:
    with pytest.raises(ValueError, match="unknown demo scale"):
        load_demo(open_graph(), scale="province")  # type: ignore[arg-type]


def test_every_demo_statement_file_is_used() -> None:
    folder = Path(cypher_loader.__file__).parent / "cypher"
    files = {path.name.split(".")[0] for path in folder.glob("demo_*.cypher")}
    assert files == set(_STATEMENTS) | {"demo_guard", "demo_category_codes"}


# ------------------------------------------------------------------------------ the model
def test_every_node_has_a_unique_id_and_only_model_properties(tiny: Any) -> None:
    graph, _, _ = tiny
    rows = graph.read(
        "MATCH (n) WHERE NOT n:Category RETURN labels(n)[0] AS label, count(n) AS n, count(n.id) AS ids, "
        "count(DISTINCT n.id) AS distinct"
    )
    assert {row["label"] for row in rows} == {label.value for label in Label} - _NOT_DEMO
    for row in rows:
        assert row["n"] == row["ids"] == row["distinct"], row
    allowed = {spec.label.value: {p.name for p in spec.props} for spec in NODES}
    for row in graph.read("MATCH (n) UNWIND keys(n) AS key RETURN DISTINCT labels(n)[0] AS label, key"):
        assert row["key"] in allowed[row["label"]], row
    rel_props = {spec.type.value: {p.name for p in spec.props} for spec in RELATIONSHIPS}
    for row in graph.read("MATCH ()-[r]->() UNWIND keys(r) AS key RETURN DISTINCT type(r) AS type, key"):
        assert row["key"] in rel_props[row["type"]], row


def test_relationship_endpoints_follow_the_model(tiny: Any) -> None:
    graph, _, _ = tiny
    specs = {spec.type.value: spec for spec in RELATIONSHIPS}
    rows = graph.read(
        "MATCH (a)-[r]->(b) RETURN DISTINCT type(r) AS type, labels(a)[0] AS source, labels(b)[0] AS target"
    )
    for row in rows:
        spec = specs[row["type"]]
        assert row["source"] in {label.value for label in spec.sources}, row
        assert row["target"] == spec.target.value, row
    assert {row["type"] for row in rows} == set(specs)  # every relationship type occurs


def test_territory_and_organisations_hang_together(tiny: Any) -> None:
    graph, _, _ = tiny
    orphans = graph.read(
        "MATCH (a:Area) WHERE a.level <> 'district' AND NOT (a)-[:WITHIN]->(:Area) RETURN count(a) AS n"
    )
    assert orphans[0]["n"] == 0
    paths = graph.read(
        "MATCH (a:Area)-[:WITHIN]->(p:Area) RETURN a.path AS path, p.path AS parent, a.name AS n"
    )
    assert all(row["path"] == f"{row['parent']}/{row['n']}" for row in paths)
    assert graph.read("MATCH (a:Area {level: 'district'}) RETURN a.code AS code")[0]["code"] == "530302"
    uncovered = graph.read(
        "MATCH (g:Area {level: 'grid'}) WHERE NOT (g)<-[:COVERS]-(:Org {kind: 'branch'}) RETURN count(g) AS n"
    )
    assert uncovered[0]["n"] == 0  # 党支部建在网格上
    kinds = {
        row["kind"]: row["n"] for row in graph.read("MATCH (o:Org) RETURN o.kind AS kind, count(o) AS n")
    }
    assert {"street_committee", "community_committee", "branch", "group", "unit_org"} <= set(kinds)
    unattached = graph.read(
        "MATCH (o:Org) WHERE o.kind <> 'street_committee' AND NOT (o)-[:UNDER]->(:Org) RETURN count(o) AS n"
    )
    assert unattached[0]["n"] == 0


def test_members_work_report_and_belong_plausibly(tiny: Any) -> None:
    graph, _, _ = tiny
    rows = graph.read(
        "MATCH (m:Member) RETURN m.status AS status, count(m) AS n, "
        "sum(size([(m)-[:WORKS_AT]->(u:Unit) | u])) AS working, "
        "sum(size([(m)-[:REPORTED_TO]->(a:Area) | a])) AS reported"
    )
    by_status = {row["status"]: row for row in rows}
    service = by_status["in_service"]
    assert service["working"] == service["n"]
    assert 0.7 * service["n"] <= service["reported"] < service["n"]  # most, not all
    assert by_status["retired"]["working"] == by_status["retired"]["reported"] == 0
    phones = graph.read("MATCH (m:Member) RETURN m.phone AS phone")
    assert all(
        len(row["phone"]) == 11 and row["phone"][:2] in {"13", "15", "16", "17", "18", "19"} for row in phones
    )


def test_co_building_agreements_include_expired_and_current_ones(tiny: Any) -> None:
    graph, _, _ = tiny
    today = REFERENCE.date().isoformat()
    rows = graph.read(
        "MATCH (:Unit)-[c:CO_BUILDS]->(:Area) RETURN "
        "sum(CASE WHEN c.until IS NOT NULL AND c.until < $today THEN 1 ELSE 0 END) AS expired, "
        "sum(CASE WHEN c.until IS NULL OR c.until >= $today THEN 1 ELSE 0 END) AS current, "
        "count(DISTINCT c.agreementNo) AS numbers, count(c) AS n",
        today=today,
    )[0]
    assert rows["expired"] > 0 and rows["current"] > 0
    assert rows["numbers"] == rows["n"]


# ------------------------------------------------------------------------------ resources
def test_offpeak_parking_opens_overnight(tiny: Any) -> None:
    graph, _, _ = tiny
    rows = graph.read("MATCH (r:Resource {category: 'parking.offpeak'}) RETURN r.availability AS windows")
    assert rows
    for row in rows:
        assert any(_overnight(window) for window in row["windows"]), row


def _overnight(window: str) -> bool:
    start, end = window.split(" ")[-1].split("-")
    return end < start


def test_coordinates_lie_in_qilin(tiny: Any) -> None:
    graph, _, _ = tiny
    lat_min, lat_max, lon_min, lon_max = QILIN_BOX
    rows = graph.read("MATCH (n) WHERE n.location IS NOT NULL RETURN n.location AS loc")
    assert len(rows) > 100
    for row in rows:
        assert lat_min <= row["loc"]["latitude"] <= lat_max
        assert lon_min <= row["loc"]["longitude"] <= lon_max


def test_open_projects_never_overbook_a_resource(tiny: Any) -> None:
    graph, _, _ = tiny
    rows = graph.read(
        "MATCH (p:Project)-[u:USES]->(r:Resource) WHERE p.status IN $open "
        "RETURN r.id AS id, r.quantity AS quantity, r.status AS status, sum(u.quantity) AS used",
        open=list(_OPEN_PROJECTS),
    )
    assert rows
    for row in rows:
        assert row["used"] <= row["quantity"] and row["status"] == "active", row


# ------------------------------------------------------------------------------ the closed loop
def test_demands_cover_every_status(tiny: Any) -> None:
    graph, _, _ = tiny
    statuses = {row["s"] for row in graph.read("MATCH (d:Demand) RETURN DISTINCT d.status AS s")}
    assert statuses == {status.value for status in DemandStatus}


def test_each_demand_has_an_ordered_timeline_that_ends_in_its_status(tiny: Any) -> None:
    graph, _, _ = tiny
    rows = graph.read(
        "MATCH (d:Demand)-[:HAS_EVENT]->(e:Event) "
        "RETURN d.id AS id, d.status AS status, d.createdAt AS created, "
        "collect({at: e.at, action: e.action, from: e.fromStatus, to: e.toStatus, actor: e.actor}) AS events"
    )
    assert len(rows) == graph.read("MATCH (d:Demand) RETURN count(d) AS n")[0]["n"]
    reference = REFERENCE.isoformat()
    for row in rows:
        events = sorted(row["events"], key=lambda e: datetime.fromisoformat(e["at"]))
        assert len({e["at"] for e in events}) == len(events), row  # strictly ordered in time
        first, last = events[0], events[-1]
        assert (first["action"], first["from"], first["to"]) == ("raise", None, "open")
        assert first["at"] == row["created"]
        assert last["to"] == row["status"]
        assert last["at"] <= reference
        for before, after in pairwise(events):
            assert after["from"] == before["to"], row
            assert DemandStatus(after["to"]) in DEMAND_TRANSITIONS[DemandStatus(after["from"])], row
            assert after["actor"]


def test_projects_follow_their_demand(tiny: Any) -> None:
    graph, _, _ = tiny
    rows = graph.read(
        "MATCH (d:Demand) RETURN d.id AS id, d.status AS status, "
        "[(d)<-[:FULFILS]-(p:Project) | {status: p.status, rating: p.rating, feedback: p.feedback, "
        "started: p.startedAt, completed: p.completedAt}] AS projects, "
        "size([(d)-[:HAS_EVENT]->(e:Event) WHERE e.toStatus = 'dispatched' | e]) AS dispatches"
    )
    seen: set[str] = set()
    for row in rows:
        projects = row["projects"]
        assert len(projects) == row["dispatches"], row  # one project per dispatch
        live = [p["status"] for p in projects if p["status"] != "rejected"]
        assert len(live) <= 1, row
        assert (live[0] if live else None) in _PROJECT_FOR_DEMAND[row["status"]], row
        for project in projects:
            seen.add(project["status"])
            if project["status"] == "closed":
                assert 1 <= project["rating"] <= 5 and project["feedback"], row
            else:
                assert project["rating"] is None, row
            if project["status"] in ("in_progress", "done", "closed"):
                assert project["started"], row
            if project["status"] in ("done", "closed"):
                assert project["started"] < project["completed"], row
    assert {"proposed", "accepted", "in_progress", "done", "closed", "rejected", "cancelled"} <= seen
    deliverers = graph.read("MATCH (p:Project) RETURN DISTINCT size([(p)<-[:DELIVERS]-(x) | x]) AS n")
    assert deliverers == [{"n": 1}]


# ------------------------------------------------------------------------------ district scale
def test_district_scale_matches_qilin(open_graph: Any) -> None:
    graph = open_graph()
    counts = load_demo(graph, scale="district", seed=0)
    levels: dict[str, int] = defaultdict(int)
    for row in graph.read("MATCH (a:Area) RETURN a.level AS level, count(a) AS n"):
        levels[row["level"]] = row["n"]
    assert (levels["street"], levels["town"]) == (11, 3)  # seed 003: 11 streets, 3 towns
    assert (levels["community"], levels["village"]) == (84, 50)
    assert levels["grid"] == 686
    assert 1_900 <= counts["Org"] <= 2_300  # seed 003: 2,090 party organisations
    assert counts["Member"] == 32_885
    assert 1_900 <= counts["Unit"] <= 2_100
    assert 5_500 <= counts["Resource"] <= 6_800
    assert 2_900 <= counts["Demand"] <= 3_100
    assert counts["Project"] > 2_000 and counts["Event"] > 10_000
    lat_min, lat_max, lon_min, lon_max = QILIN_BOX
    box = graph.read(
        "MATCH (n) WHERE n.location IS NOT NULL RETURN min(n.location.latitude) AS s, "
        "max(n.location.latitude) AS n, min(n.location.longitude) AS w, max(n.location.longitude) AS e"
    )[0]
    assert lat_min <= box["s"] and box["n"] <= lat_max and lon_min <= box["w"] and box["e"] <= lon_max
