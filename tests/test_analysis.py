"""The analysts' catalogue (queries/, docs/analysis.md): every analysis on one small constructed graph
with its exact expected rows; the registry against the files; parameter checks; the read-only guard.

The scene (``build_scene``): two streets, three communities, grids, an estate with two buildings,
organisations, four units, five members, eight resources, six demands with their timelines and
projects. ``AS_OF`` is the day the time-based analyses judge on.
"""

from __future__ import annotations

from typing import Any

import pytest

from gongjian.graph.facade import Graph
from gongjian.graph.model import Label, Rel
from gongjian.queries import catalogue

AS_OF = "2026-06-30"


# ------------------------------------------------------------------------------------ fixture helper
def build(
    graph: Graph, nodes: list[tuple[Label, dict[str, Any]]], rels: list[tuple[str, Rel, str, dict]]
) -> None:
    """Create ``nodes`` (label, properties with ``id``) and ``rels`` (from id, type, to id, properties)
    with parameterised statements; labels and types come from the model's enums."""
    by_label: dict[Label, list[dict[str, Any]]] = {}
    for label, props in nodes:
        by_label.setdefault(Label(label), []).append(props)
    for label, rows in by_label.items():
        graph.write(f"UNWIND $rows AS row CREATE (n:{label.value}) SET n += row", rows=rows)
    by_type: dict[Rel, list[dict[str, Any]]] = {}
    for a, rel, b, props in rels:
        by_type.setdefault(Rel(rel), []).append({"a": a, "b": b, "props": props})
    for rel, rows in by_type.items():
        created = graph.write(
            f"UNWIND $rows AS row MATCH (a {{id: row.a}}) MATCH (b {{id: row.b}}) "
            f"CREATE (a)-[r:{rel.value}]->(b) SET r += row.props RETURN count(r) AS n",
            rows=rows,
        )
        assert created[0]["n"] == len(rows), f"{rel}: a node id is missing"


def ts(moment: str) -> str:
    """``2026-01-05 09:00`` as the ISO-8601 string the graph stores."""
    return moment.replace(" ", "T") + ":00+08:00"


def build_scene(graph: Graph) -> None:
    A, OG, U, M, R, C, D, P, E = (
        Label.AREA, Label.ORG, Label.UNIT, Label.MEMBER, Label.RESOURCE, Label.CATEGORY, Label.DEMAND,
        Label.PROJECT, Label.EVENT,
    )  # fmt: skip
    nodes: list[tuple[Label, dict[str, Any]]] = [
        (A, {"id": "d", "name": "区", "level": "district"}),
        (A, {"id": "s1", "name": "甲街道", "level": "street"}),
        (A, {"id": "s2", "name": "乙街道", "level": "street"}),
        (A, {"id": "c1", "name": "一社区", "level": "community"}),
        (A, {"id": "c2", "name": "二社区", "level": "community"}),
        (A, {"id": "c3", "name": "三村", "level": "village"}),
        (A, {"id": "g1", "name": "一网格", "level": "grid"}),
        (A, {"id": "g2", "name": "二网格", "level": "grid"}),
        (A, {"id": "g3", "name": "三网格", "level": "grid"}),
        (A, {"id": "e1", "name": "花园", "level": "estate"}),
        (A, {"id": "b1", "name": "1栋", "level": "building"}),
        (A, {"id": "b2", "name": "2栋", "level": "building"}),
        (OG, {"id": "os1", "name": "甲街道党工委", "kind": "street_committee", "secretary": "陈一"}),
        (OG, {"id": "oc1", "name": "一社区党委", "kind": "community_committee", "secretary": "陈二"}),
        (OG, {"id": "oc2", "name": "二社区党委", "kind": "community_committee", "secretary": "陈三"}),
        (OG, {"id": "og1", "name": "一网格党支部", "kind": "branch", "secretary": "张三"}),
        (OG, {"id": "og3", "name": "三网格党总支", "kind": "general_branch"}),
        (OG, {"id": "ob1", "name": "1栋党小组", "kind": "group"}),
        (OG, {"id": "ou1", "name": "甲公司党支部", "kind": "unit_org", "secretary": "李四"}),
        (U, {"id": "u1", "name": "甲公司", "type": "enterprise"}),
        (U, {"id": "u2", "name": "乙医院", "type": "hospital"}),
        (U, {"id": "u3", "name": "丙局", "type": "government"}),
        (U, {"id": "u4", "name": "丁店", "type": "merchant"}),
        (M, {"id": "m1", "name": "王小明", "status": "in_service", "points": 120,
             "skills": ["medical.clinic", "legal.consult"]}),
        (M, {"id": "m2", "name": "赵敏", "status": "in_service", "points": 80, "skills": ["legal.consult"]}),
        (M, {"id": "m3", "name": "钱多多", "status": "retired", "points": 10, "skills": ["elderly"]}),
        (M, {"id": "m4", "name": "孙丽", "status": "in_service", "points": 200, "skills": []}),
        (M, {"id": "m5", "name": "周杰", "status": "in_service", "points": 5, "skills": []}),
    ]  # fmt: skip
    for code, name in [
        ("parking", "停车"), ("parking.offpeak", "错时停车"), ("medical", "医疗"), ("medical.clinic", "义诊"),
        ("legal", "法律"), ("legal.consult", "法律咨询"), ("elderly", "养老"), ("venue", "场地"),
    ]:  # fmt: skip
        nodes.append((C, {"id": code, "code": code, "name": name}))
    resources = [  # id, name, category, quantity, status, owner
        ("r1", "地下车位", "parking.offpeak", 20, "active", "u1"),
        ("r2", "义诊服务", "medical.clinic", 5, "active", "u2"),
        ("r3", "会议室", "venue", 1, "active", "u1"),
        ("r4", "停车场", "parking", 10, "active", "u3"),
        ("r5", "旧车位", "parking", 8, "paused", "u4"),
        ("r6", "法律咨询", "legal.consult", 2, "active", "m1"),
        ("r7", "活动场地", "venue", 2, "active", "c3"),
        ("r8", "社区停车位", "parking.offpeak", 6, "active", "c1"),
    ]
    for rid, name, cat, qty, status, _ in resources:
        nodes.append((R, {"id": rid, "name": name, "category": cat, "quantity": qty, "status": status}))
    demands = [  # id, community, title, category, quantity, status, createdAt, deadline
        ("d1", "c1", "停车需求一", "parking.offpeak", 5, "closed",
         ts("2026-01-05 09:00"), ts("2026-02-01 23:59")),
        ("d2", "c1", "停车需求二", "parking.offpeak", 30, "open",
         ts("2026-03-01 09:00"), ts("2026-04-01 23:59")),
        ("d3", "c3", "义诊需求", "medical.clinic", 1, "in_progress",
         ts("2026-05-01 08:00"), ts("2026-07-15 23:59")),
        ("d4", "c3", "法律咨询需求", "legal.consult", 1, "escalated",
         ts("2026-06-01 10:00"), ts("2026-06-20 23:59")),
        ("d5", "c2", "养老需求", "elderly", 3, "closed",
         ts("2025-11-01 09:00"), None),
        ("d6", "c2", "停车需求三", "parking", 4, "open",
         ts("2026-06-10 09:00"), None),
    ]  # fmt: skip
    for did, _, title, cat, qty, status, created, deadline in demands:
        props = {"id": did, "title": title, "category": cat, "quantity": qty, "status": status,
                 "createdAt": created, "urgency": "normal"}  # fmt: skip
        if deadline:
            props["deadline"] = deadline
        nodes.append((D, props))
    projects = [  # id, unit, demand, status, rating, startedAt, completedAt, uses (resource, quantity)
        ("p1", "u1", "d1", "closed", 5, ts("2026-01-08 10:00"), ts("2026-01-20 10:00"), ("r1", 5)),
        ("p2", "u2", "d3", "in_progress", None, ts("2026-05-03 08:00"), None, ("r2", 1)),
        ("p3", "u4", "d3", "rejected", None, None, None, None),
        ("p4", "u3", "d5", "closed", 2, ts("2025-11-04 09:00"), ts("2025-11-05 09:00"), None),
    ]
    for pid, _, _, status, rating, started, completed, _ in projects:
        props = {"id": pid, "title": pid, "status": status}
        props |= {
            k: v for k, v in (("rating", rating), ("startedAt", started), ("completedAt", completed)) if v
        }
        nodes.append((P, props))
    timelines = {  # demand: (action, at)
        "d1": [("raise", ts("2026-01-05 09:00")), ("dispatch", ts("2026-01-05 15:00")),
               ("accept", ts("2026-01-06 09:00")), ("start", ts("2026-01-08 10:00")),
               ("complete", ts("2026-01-20 10:00")), ("close", ts("2026-01-21 10:00"))],
        "d2": [("raise", ts("2026-03-01 09:00"))],
        "d3": [("raise", ts("2026-05-01 08:00")), ("dispatch", ts("2026-05-01 20:00")),
               ("reject", ts("2026-05-02 08:00")), ("redispatch", ts("2026-05-02 10:00")),
               ("accept", ts("2026-05-02 14:00")), ("start", ts("2026-05-03 08:00"))],
        "d4": [("raise", ts("2026-06-01 10:00")), ("escalate", ts("2026-06-03 10:00"))],
        "d5": [("raise", ts("2025-11-01 09:00")), ("escalate", ts("2025-11-02 09:00")),
               ("dispatch", ts("2025-11-02 15:00")), ("accept", ts("2025-11-03 15:00")),
               ("start", ts("2025-11-04 09:00")), ("complete", ts("2025-11-05 09:00")),
               ("close", ts("2025-11-06 09:00"))],
        "d6": [("raise", ts("2026-06-10 09:00"))],
    }  # fmt: skip
    rels: list[tuple[str, Rel, str, dict]] = []
    for did, events in timelines.items():
        for seq, (action, at) in enumerate(events):
            eid = f"{did}-e{seq}"
            nodes.append((E, {"id": eid, "at": at, "action": action, "actor": "someone"}))
            rels.append((did, Rel.HAS_EVENT, eid, {}))
    W = Rel.WITHIN
    rels += [
        ("s1", W, "d", {}), ("s2", W, "d", {}), ("c1", W, "s1", {}), ("c2", W, "s1", {}), ("c3", W, "s2", {}),
        ("g1", W, "c1", {}), ("g2", W, "c1", {}), ("g3", W, "c3", {}), ("e1", W, "g1", {}),
        ("b1", W, "e1", {}), ("b2", W, "e1", {}),
        ("os1", Rel.COVERS, "s1", {}), ("oc1", Rel.COVERS, "c1", {}), ("oc2", Rel.COVERS, "c2", {}),
        ("og1", Rel.COVERS, "g1", {}), ("og3", Rel.COVERS, "g3", {}), ("ob1", Rel.COVERS, "b1", {}),
        ("oc1", Rel.UNDER, "os1", {}), ("ou1", Rel.ORG_OF, "u1", {}),
        ("u1", Rel.LOCATED_IN, "c1", {}), ("u2", Rel.LOCATED_IN, "c2", {}),
        ("u3", Rel.LOCATED_IN, "c3", {}), ("u4", Rel.LOCATED_IN, "c3", {}),
        ("u1", Rel.CO_BUILDS, "c1", {"since": "2024-01-01"}),
        ("u1", Rel.CO_BUILDS, "c3", {"since": "2025-01-01", "until": "2027-01-01"}),
        ("u2", Rel.CO_BUILDS, "c2", {"since": "2020-01-01", "until": "2021-01-01"}),
        ("u3", Rel.CO_BUILDS, "c3", {"since": "2023-05-01"}),
        ("u1", Rel.SEATED_ON, "oc1", {"role": "兼职委员"}),
        ("m1", Rel.LIVES_IN, "e1", {}), ("m2", Rel.LIVES_IN, "g2", {}), ("m3", Rel.LIVES_IN, "c3", {}),
        ("m4", Rel.LIVES_IN, "c3", {}), ("m5", Rel.LIVES_IN, "g1", {}),
        ("m1", Rel.REPORTED_TO, "c1", {"date": "2024-03-01"}),
        ("m4", Rel.REPORTED_TO, "c3", {"date": "2024-03-01"}),
        ("m5", Rel.REPORTED_TO, "c2", {"date": "2024-03-01"}),
        ("m1", Rel.BELONGS_TO, "ou1", {}), ("m2", Rel.BELONGS_TO, "og1", {}),
        ("m3", Rel.BELONGS_TO, "og3", {}), ("m4", Rel.BELONGS_TO, "og1", {}),
        ("m5", Rel.BELONGS_TO, "og1", {}), ("m1", Rel.WORKS_AT, "u1", {}),
        ("parking.offpeak", Rel.BROADER, "parking", {}), ("medical.clinic", Rel.BROADER, "medical", {}),
        ("legal.consult", Rel.BROADER, "legal", {}),
    ]  # fmt: skip
    for rid, _, cat, _, _, owner in resources:
        rels += [(owner, Rel.OFFERS, rid, {}), (rid, Rel.IN_CATEGORY, cat, {})]
    for did, community, _, cat, *_ in demands:
        rels += [(community, Rel.RAISED, did, {}), (did, Rel.IN_CATEGORY, cat, {})]
    for pid, unit, did, _, _, _, _, uses in projects:
        rels += [(unit, Rel.DELIVERS, pid, {}), (pid, Rel.FULFILS, did, {})]
        if uses:
            rels.append((pid, Rel.USES, uses[0], {"quantity": uses[1]}))
    build(graph, nodes, rels)


@pytest.fixture
def scene(graph: Graph) -> Graph:
    build_scene(graph)
    return graph


# ------------------------------------------------------------------------------------ expected rows
N = None
CASES: list[tuple[str, dict[str, Any], list[list[Any]]]] = [
    ("coverage/grids_without_branch", {}, [["甲街道", "一社区", "二网格", "g2"]]),
    ("coverage/grids_without_branch", {"street": "s2"}, []),
    ("coverage/buildings_without_group", {}, [["甲街道", "一社区", "花园", "2栋", "b2"]]),
    (
        "coverage/communities_weak_committee",
        {},
        [
            ["乙街道", "三村", N, 0, "无社区党委 / no committee"],
            ["甲街道", "二社区", "二社区党委", 0, "无成员单位 / no member units"],
        ],
    ),
    (
        "coverage/communities_weak_committee",
        {"street": "甲街道"},
        [
            ["甲街道", "二社区", "二社区党委", 0, "无成员单位 / no member units"],
        ],
    ),
    (
        "coverage/small_orgs",
        {},
        [
            ["三网格党总支", "og3", "general_branch", "三网格", 1],
            ["甲公司党支部", "ou1", "unit_org", "甲公司", 1],
        ],
    ),
    (
        "coverage/small_orgs",
        {"minMembers": 4, "kinds": "branch"},
        [["一网格党支部", "og1", "branch", "一网格", 3]],
    ),
    ("coverage/reporting_rate", {}, [["甲街道", "一社区", 3, 1, 33.3], ["乙街道", "三村", 1, 1, 100.0]]),
    (
        "coverage/units_not_co_building",
        {"asOf": AS_OF},
        [
            ["乙街道", "三村", "丁店", "u4", "merchant", 0],
            ["甲街道", "二社区", "乙医院", "u2", "hospital", 1],
        ],
    ),
    ("coverage/units_not_co_building", {"asOf": "2020-06-30", "area": "二社区"}, []),
    ("coverage/weak_orgs", {}, [["三网格党总支", "og3", "general_branch", 1, False, 10.0, 3]]),
    (
        "resources/idle_resources",
        {"asOf": AS_OF},
        [
            ["乙街道", "三村", "活动场地", "r7", "venue", 2, N],
            ["乙街道", "丙局", "停车场", "r4", "parking", 10, N],
            ["甲街道", "一社区", "社区停车位", "r8", "parking.offpeak", 6, N],
            ["甲街道", "党员 m1", "法律咨询", "r6", "legal.consult", 2, N],
            ["甲街道", "甲公司", "会议室", "r3", "venue", 1, N],
        ],
    ),
    (
        "resources/idle_resources",
        {"asOf": AS_OF, "months": 5, "limit": 3},
        [
            ["乙街道", "三村", "活动场地", "r7", "venue", 2, N],
            ["乙街道", "丙局", "停车场", "r4", "parking", 10, N],
            ["甲街道", "一社区", "社区停车位", "r8", "parking.offpeak", 6, N],
        ],
    ),
    (
        "resources/utilisation",
        {"asOf": AS_OF},
        [
            ["乙街道", "parking", "停车", 1, 0, 0.0, 10, 0, 0.0],
            ["乙街道", "venue", "场地", 1, 0, 0.0, 2, 0, 0.0],
            ["甲街道", "legal", "法律", 1, 0, 0.0, 2, 0, 0.0],
            ["甲街道", "medical", "医疗", 1, 1, 100.0, 5, 1, 20.0],
            ["甲街道", "parking", "停车", 2, 1, 50.0, 26, 0, 0.0],
            ["甲街道", "venue", "场地", 1, 0, 0.0, 1, 0, 0.0],
        ],
    ),
    (
        "resources/supply_demand_gap",
        {},
        [
            ["甲街道", "parking", "停车", 2, 26, 2, 34, 8],
            ["乙街道", "legal", "法律", 0, 0, 1, 1, 1],
            ["甲街道", "venue", "场地", 1, 1, 0, 0, -1],
            ["乙街道", "venue", "场地", 1, 2, 0, 0, -2],
            ["甲街道", "legal", "法律", 1, 2, 0, 0, -2],
            ["甲街道", "medical", "医疗", 1, 5, 0, 0, -5],
            ["乙街道", "parking", "停车", 1, 10, 0, 0, -10],
        ],
    ),
    (
        "resources/parking_balance",
        {},
        [
            ["甲街道", "一社区", 2, 26, 26, 1, 30, -4],
            ["甲街道", "二社区", 0, 0, 0, 1, 4, -4],
            ["乙街道", "三村", 1, 10, 10, 0, 0, 10],
        ],
    ),
    (
        "resources/single_provider",
        {},
        [
            ["乙街道", "parking", "停车", "丙局", "Unit", 1, 10],
            ["乙街道", "venue", "场地", "三村", "Area", 1, 2],
            ["甲街道", "legal.consult", "法律咨询", "党员 m1", "Member", 1, 2],
            ["甲街道", "medical.clinic", "义诊", "乙医院", "Unit", 1, 5],
            ["甲街道", "venue", "场地", "甲公司", "Unit", 1, 1],
        ],
    ),
    (
        "loop/loop_times_by_street",
        {},
        [
            ["乙街道", 2, 1, 12.0, 1, 4.0, 0, N],
            ["甲街道", 4, 2, 18.0, 2, 21.0, 2, 228.5],
        ],
    ),
    (
        "loop/loop_times_by_street",
        {"since": "2026-01-01"},
        [
            ["乙街道", 2, 1, 12.0, 1, 4.0, 0, N],
            ["甲街道", 3, 1, 6.0, 1, 18.0, 1, 361.0],
        ],
    ),
    (
        "loop/loop_times_by_unit",
        {},
        [
            ["丙局", "u3", "government", 1, 24.0, 1, 42.0],
            ["乙医院", "u2", "hospital", 1, 4.0, 0, N],
            ["甲公司", "u1", "enterprise", 1, 18.0, 1, 337.0],
        ],
    ),
    (
        "loop/overdue_demands",
        {"asOf": AS_OF},
        [
            [
                "甲街道",
                "一社区",
                "停车需求二",
                "d2",
                "parking.offpeak",
                "normal",
                "open",
                "2026-04-01T23:59:00+08:00",
                90,
            ],
            [
                "乙街道",
                "三村",
                "法律咨询需求",
                "d4",
                "legal.consult",
                "normal",
                "escalated",
                "2026-06-20T23:59:00+08:00",
                10,
            ],
        ],
    ),
    ("loop/overdue_demands", {"asOf": "2026-03-01"}, []),
    (
        "loop/satisfaction",
        {},
        [
            ["丙局", "u3", "elderly", "养老", 1, 2.0, 0.0, 1],
            ["甲公司", "u1", "parking", "停车", 1, 5.0, 100.0, 0],
        ],
    ),
    ("loop/satisfaction", {"minRated": 2}, []),
    (
        "loop/repeat_demands",
        {},
        [
            [
                "甲街道",
                "一社区",
                "parking.offpeak",
                "停车需求二",
                "d2",
                "2026-03-01T09:00:00+08:00",
                1,
                "2026-01-05T09:00:00+08:00",
                55.0,
            ],
        ],
    ),
    ("loop/repeat_demands", {"days": 54}, []),
    (
        "loop/escalations_by_department",
        {},
        [
            ["(未派单 / not yet assigned)", N, 1, 0, 1, 1],
            ["丙局", "u3", 1, 1, 0, 1],
        ],
    ),
    (
        "network/units_by_reach",
        {"asOf": AS_OF},
        [
            ["甲公司", "u1", "enterprise", "甲街道", 2, 1, 1],
            ["丙局", "u3", "government", "乙街道", 1, 1, 1],
            ["乙医院", "u2", "hospital", "甲街道", 0, 1, 1],
        ],
    ),
    (
        "network/single_unit_communities",
        {"asOf": AS_OF},
        [
            ["甲街道", "一社区", "甲公司", "u1", "enterprise", "2024-01-01", 1],
        ],
    ),
    (
        "network/single_unit_communities",
        {"asOf": "2027-06-30"},
        [
            ["乙街道", "三村", "丙局", "u3", "government", "2023-05-01", 0],
            ["甲街道", "一社区", "甲公司", "u1", "enterprise", "2024-01-01", 1],
        ],
    ),
    (
        "network/street_bridges",
        {"asOf": AS_OF},
        [["甲公司", "u1", "enterprise", "甲街道", "乙街道", ["三村"]]],
    ),
    ("network/street_bridges", {"asOf": "2027-06-30"}, []),
    (
        "network/skills_inventory",
        {},
        [
            ["乙街道", "三村", "elderly", "养老", 1, 0],
            ["甲街道", "一社区", "legal.consult", "法律咨询", 2, 1],
            ["甲街道", "一社区", "medical.clinic", "义诊", 1, 1],
        ],
    ),
    (
        "network/skills_inventory",
        {"skill": "legal"},
        [["甲街道", "一社区", "legal.consult", "法律咨询", 2, 1]],
    ),
    (
        "network/points_leaderboard",
        {},
        [
            ["孙*", "m4", "in_service", "三村", "一网格党支部", 200],
            ["王**", "m1", "in_service", "一社区", "甲公司党支部", 120],
            ["赵*", "m2", "in_service", "一社区", "一网格党支部", 80],
            ["钱**", "m3", "retired", "三村", "三网格党总支", 10],
            ["周*", "m5", "in_service", "一社区", "一网格党支部", 5],
        ],
    ),
    (
        "network/points_leaderboard",
        {"street": "甲街道", "limit": 2},
        [
            ["王**", "m1", "in_service", "一社区", "甲公司党支部", 120],
            ["赵*", "m2", "in_service", "一社区", "一网格党支部", 80],
        ],
    ),
]


def test_every_analysis_has_expected_rows() -> None:
    assert {name for name, _, _ in CASES} == set(catalogue.ANALYSES)


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=[f"{c[0]}{c[1] or ''}" for c in CASES])
def test_analysis_rows_on_the_constructed_graph(
    scene: Graph, name: str, params: dict[str, Any], expected: list[list[Any]]
) -> None:
    result = catalogue.run(scene, name, params)
    assert [[row[c] for c in result.columns] for row in result.rows] == expected


def test_queries_return_exactly_the_header_columns(scene: Graph) -> None:
    for analysis in catalogue.analyses():
        params = catalogue.bind(analysis, {"asOf": AS_OF} if analysis.param("asOf") else {})
        text = analysis.text(scene.dialect)
        rows = scene.read(text, **params)
        assert rows, f"{analysis.name} returned nothing on the scene"
        assert tuple(rows[0]) == analysis.columns, analysis.name


# ------------------------------------------------------------------------------------ registry
def test_registry_and_files_agree() -> None:
    found = catalogue.files()
    assert sorted(found) == sorted(catalogue.ANALYSES), "every file listed, every name with a file"
    for name in catalogue.ANALYSES:
        group = name.split("/")[0]
        assert group in catalogue.GROUPS
        assert f"{name.split('/')[1]}.cypher" in found[name], f"{name} needs a common file"


def test_headers_parse_with_titles_columns_and_typed_params() -> None:
    analyses = catalogue.analyses()
    assert len(analyses) >= 20
    assert {a.group for a in analyses} == set(catalogue.GROUPS)
    for a in analyses:
        assert a.title_zh and a.title_en and a.description and a.columns, a.name
        assert all(p.type in catalogue.PARAM_TYPES and p.description for p in a.params), a.name
    small = catalogue.get("coverage/small_orgs")
    assert small.title == "党员不足三人的党组织 / Organisations with fewer than three members"
    assert next(p.signature for p in small.params) == "minMembers: int = 3"
    assert small.param("kinds").default[0] == "branch"  # type: ignore[union-attr]
    assert catalogue.get("loop/loop_times_by_street").param("since").default == "2000-01-01"  # type: ignore[union-attr]


def test_the_installed_package_finds_the_files() -> None:
    from importlib import resources

    root = resources.files("gongjian.queries")
    assert (root / "coverage" / "grids_without_branch.cypher").is_file()


# ------------------------------------------------------------------------------------ parameters
@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("coverage/small_orgs", {"minMembrs": 3}, 'has no parameter "minMembrs"'),
        ("coverage/small_orgs", {"minMembers": "three"}, 'parameter "minMembers": "three" is not an integer'),
        ("coverage/small_orgs", {"minMembers": True}, 'parameter "minMembers": true is not an integer'),
        ("coverage/small_orgs", {"kinds": 3}, 'parameter "kinds": 3 is not a list of strings'),
        ("loop/overdue_demands", {"asOf": "2026-02-30"}, 'parameter "asOf": "2026-02-30" is not a date'),
        ("loop/overdue_demands", {"asOf": "30/06/2026"}, "is not a date (YYYY-MM-DD)"),
        ("coverage/weak_orgs", {"minAvgPoints": "x"}, 'parameter "minAvgPoints": "x" is not a number'),
    ],
)
def test_bad_parameters_are_refused_before_the_query_runs(name: str, params: dict, message: str) -> None:
    with pytest.raises(catalogue.ParameterError) as caught:
        catalogue.bind(catalogue.get(name), params)
    assert message in str(caught.value)


def test_parameters_from_text_are_typed() -> None:
    small = catalogue.get("coverage/small_orgs")
    assert catalogue.bind(small, {"minMembers": "5", "kinds": "branch, group"}) == {
        "minMembers": 5,
        "kinds": ["branch", "group"],
    }
    assert catalogue.bind(small, {"kinds": '["unit_org"]'})["kinds"] == ["unit_org"]
    bound = catalogue.bind(catalogue.get("loop/overdue_demands"), {})
    assert len(bound["asOf"]) == 10 and bound["limit"] == 1000  # today, in China
    flag = catalogue.Param("x", "bool")
    assert catalogue.coerce(flag, "yes") is True and catalogue.coerce(flag, "false") is False
    assert catalogue.coerce(catalogue.Param("f", "float"), "2") == 2.0


def test_unknown_analysis() -> None:
    with pytest.raises(catalogue.UnknownAnalysis, match='no analysis "coverage/nothing"'):
        catalogue.get("coverage/nothing")
    with pytest.raises(catalogue.UnknownAnalysis):
        catalogue.get("../graph/cypher/schema")


def test_header_errors_name_the_file() -> None:
    with pytest.raises(catalogue.HeaderError, match="title"):
        catalogue.parse_header("x/y", "// columns: a\nRETURN 1 AS a")
    with pytest.raises(catalogue.HeaderError, match="bad param line"):
        catalogue.parse_header(
            "x/y", "// title: 甲 / A\n// param: n integer = 1 — n\n// columns: a\nRETURN 1 AS a"
        )


# ------------------------------------------------------------------------------------ read-only
@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (a:Area) SET a.name = 'x' RETURN a.id AS id",
        "CREATE (a:Area {id: 'x'}) RETURN a.id AS id",
        "MATCH (a:Area) DETACH DELETE a",
        "MERGE (a:Area {id: 'x'}) RETURN a.id AS id",
        "MATCH (a:Area) REMOVE a.name RETURN a.id AS id",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (a:Area) RETURN a.id AS id; MATCH (b:Area) RETURN b.id AS id",
    ],
)
def test_a_write_in_a_catalogue_file_is_refused(statement: str) -> None:
    with pytest.raises(catalogue.WriteRefused, match=r"read-only|one statement"):
        catalogue.check_read_only("x/y", f"// title: 甲 / A\n// columns: id\n{statement}")


def test_keywords_inside_strings_and_names_are_not_writes() -> None:
    catalogue.check_read_only(
        "x/y", "MATCH (a:Area) WHERE a.name = 'SET CREATE' RETURN a.createdAt AS created"
    )


def test_every_catalogue_file_is_read_only_and_a_write_refused_at_load(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in catalogue.ANALYSES:
        catalogue.check_read_only(name, catalogue.get(name).text("falkordb"))
    (tmp_path / "coverage").mkdir()
    (tmp_path / "coverage" / "grids_without_branch.cypher").write_text(
        "// title: 甲 / A\n// columns: id\nMATCH (a:Area) SET a.x = 1 RETURN a.id AS id\n", encoding="utf-8"
    )
    monkeypatch.setattr(catalogue, "_root", lambda: tmp_path)
    catalogue._analysis.cache_clear()
    catalogue._text.cache_clear()
    try:
        with pytest.raises(catalogue.WriteRefused, match="SET"):
            catalogue.get("coverage/grids_without_branch")
    finally:
        catalogue._analysis.cache_clear()
        catalogue._text.cache_clear()


def test_the_runner_reads_through_the_read_only_entry_point(
    scene: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(scene, "write", lambda *a, **k: calls.append("write"))
    result = catalogue.run(scene, "coverage/grids_without_branch")
    assert result.rows and calls == []


def test_every_analysis_answers_an_empty_graph_with_no_rows(graph: Graph) -> None:
    for analysis in catalogue.analyses():
        assert catalogue.run(graph, analysis.name, {}).rows == [], analysis.name
