"""Small constructed graphs for the matching and API tests.

A community at (30.0, 120.0) in a street; units placed by metres north of it. Every helper writes
through parameterised Cypher, so the graphs look like imported ones.
"""

from __future__ import annotations

import math

from gongjian.graph.facade import Graph
from gongjian.graph.loop import statistics

LAT, LON = 30.0, 120.0
EARTH_M = 6_378_140.0  # the radius both engines use for WGS84 distances
METRE_LAT = 180 / (math.pi * EARTH_M)  # degrees of latitude per metre on the engines' sphere


def north(metres: float) -> tuple[float, float]:
    return LAT + metres * METRE_LAT, LON


def toward(metres: float, bearing: float) -> tuple[float, float]:
    """The point ``metres`` from the community along ``bearing`` (degrees clockwise from north)."""
    return destination(LAT, LON, bearing, metres)


def destination(lat: float, lon: float, bearing: float, metres: float) -> tuple[float, float]:
    """The point ``metres`` from (lat, lon) along ``bearing`` on the engines' sphere."""
    angle, phi, theta = metres / EARTH_M, math.radians(lat), math.radians(bearing)
    phi2 = math.asin(math.sin(phi) * math.cos(angle) + math.cos(phi) * math.sin(angle) * math.cos(theta))
    lam = math.radians(lon) + math.atan2(
        math.sin(theta) * math.sin(angle) * math.cos(phi), math.cos(angle) - math.sin(phi) * math.sin(phi2)
    )
    return math.degrees(phi2), (math.degrees(lam) + 540.0) % 360.0 - 180.0


def area(
    graph: Graph,
    id_: str,
    name: str,
    level: str,
    *,
    parent: str | None = None,
    at: tuple[float, float] | None = None,
    path: str | None = None,
) -> None:
    graph.write(
        "CREATE (a:Area {id: $id, name: $name, level: $level, path: $path})",
        id=id_,
        name=name,
        level=level,
        path=path or name,
    )
    if at is not None:
        graph.write(
            "MATCH (a:Area {id: $id}) SET a.location = point({latitude: $lat, longitude: $lon})",
            id=id_,
            lat=at[0],
            lon=at[1],
        )
    if parent is not None:
        graph.write(
            "MATCH (a:Area {id: $id}), (p:Area {id: $parent}) CREATE (a)-[:WITHIN]->(p)",
            id=id_,
            parent=parent,
        )


def base(graph: Graph) -> None:
    """District > street > community (with location) > grid; a second street with a far community."""
    area(graph, "d", "麒麟区", "district")
    area(graph, "s1", "南宁街道", "street", parent="d", path="麒麟区/南宁街道")
    area(graph, "c1", "星城社区", "community", parent="s1", at=(LAT, LON), path="麒麟区/南宁街道/星城社区")
    area(graph, "g1", "星城一网格", "grid", parent="c1", path="麒麟区/南宁街道/星城社区/星城一网格")
    area(graph, "s2", "寥廓街道", "street", parent="d", path="麒麟区/寥廓街道")
    area(graph, "c2", "星城社区", "community", parent="s2", at=north(20_000), path="麒麟区/寥廓街道/星城社区")
    area(graph, "c3", "远方社区", "community", parent="s2", at=north(30_000), path="麒麟区/寥廓街道/远方社区")


def unit(
    graph: Graph,
    id_: str,
    name: str,
    *,
    metres: float = 300,
    located_in: str | None = "g1",
    type_: str = "enterprise",
    contact: tuple[str, str] | None = None,
) -> None:
    lat, lon = north(metres)
    graph.write(
        "CREATE (u:Unit {id: $id, name: $name, type: $type}) "
        "SET u.location = point({latitude: $lat, longitude: $lon})",
        id=id_,
        name=name,
        type=type_,
        lat=lat,
        lon=lon,
    )
    if contact:
        graph.write(
            "MATCH (u:Unit {id: $id}) SET u.contactName = $n, u.contactPhone = $p",
            id=id_,
            n=contact[0],
            p=contact[1],
        )
    if located_in:
        graph.write(
            "MATCH (u:Unit {id: $id}), (a:Area {id: $a}) CREATE (u)-[:LOCATED_IN]->(a)", id=id_, a=located_in
        )


def resource(
    graph: Graph,
    owner: str,
    id_: str,
    *,
    name: str | None = None,
    category: str = "parking.offpeak",
    quantity: int = 10,
    status: str = "active",
    availability: list[str] | None = None,
    metres: float | None = None,
    bearing: float = 0.0,
    unit_of_measure: str = "个",
    owner_label: str = "Unit",
    inherit_location: bool = True,
) -> None:
    """A resource ``metres`` from the community toward ``bearing`` (north by default); without ``metres``
    it takes its owner's location, as the importers and the demo store it (``inherit_location=False``
    leaves it without one)."""
    query = {
        "Unit": "MATCH (o:Unit {id: $owner}) ",
        "Area": "MATCH (o:Area {id: $owner}) ",
        "Member": "MATCH (o:Member {id: $owner}) ",
    }[owner_label]
    graph.write(
        query + "CREATE (o)-[:OFFERS]->(r:Resource {id: $id, name: $name, category: $category, "
        "quantity: $quantity, status: $status, availability: $availability, unitOfMeasure: $uom, "
        "serviceType: 'social'})",
        owner=owner,
        id=id_,
        name=name or f"{id_}停车场",
        category=category,
        quantity=quantity,
        status=status,
        availability=availability or [],
        uom=unit_of_measure,
    )
    if metres is not None:
        lat, lon = toward(metres, bearing)
        graph.write(
            "MATCH (r:Resource {id: $id}) SET r.location = point({latitude: $lat, longitude: $lon})",
            id=id_,
            lat=lat,
            lon=lon,
        )
    elif inherit_location:
        graph.write(
            "MATCH (o)-[:OFFERS]->(r:Resource {id: $id}) WHERE o.location IS NOT NULL "
            "SET r.location = o.location",
            id=id_,
        )
    graph.write(graph.named("resource_cells_refresh"))  # the spatial key every writer sets


def project(
    graph: Graph,
    id_: str,
    status: str,
    *,
    deliverer: str | None = None,
    uses: tuple[str, int] | None = None,
    rating: int | None = None,
    demand: str | None = None,
) -> None:
    graph.write(
        "CREATE (p:Project {id: $id, title: $id, status: $status, rating: $rating})",
        id=id_,
        status=status,
        rating=rating,
    )
    if deliverer:
        graph.write(
            "MATCH (p:Project {id: $id}), (u {id: $u}) CREATE (u)-[:DELIVERS]->(p)", id=id_, u=deliverer
        )
    if uses:
        graph.write(
            "MATCH (p:Project {id: $id}), (r:Resource {id: $r}) CREATE (p)-[:USES {quantity: $q}]->(r)",
            id=id_,
            r=uses[0],
            q=uses[1],
        )
    if demand:
        graph.write(
            "MATCH (p:Project {id: $id}), (d:Demand {id: $d}) CREATE (p)-[:FULFILS]->(d)", id=id_, d=demand
        )
    # written here, not by the loop, which keeps them as it writes
    statistics.refresh(graph)


def co_builds(graph: Graph, unit_id: str, area_id: str, since: str, until: str | None = None) -> None:
    graph.write(
        "MATCH (u:Unit {id: $u}), (a:Area {id: $a}) "
        "CREATE (u)-[:CO_BUILDS {since: $since, until: $until, agreementNo: $no}]->(a)",
        u=unit_id,
        a=area_id,
        since=since,
        until=until,
        no=f"GJ-{unit_id}",
    )


def committee_seat(graph: Graph, unit_id: str, area_id: str, org_id: str = "o-c1") -> None:
    graph.write(
        "MERGE (o:Org {id: $o}) ON CREATE SET o.name = '星城社区大党委', o.kind = 'community_committee' "
        "WITH o MATCH (a:Area {id: $a}) MERGE (o)-[:COVERS]->(a) "
        "WITH o MATCH (u:Unit {id: $u}) CREATE (u)-[:SEATED_ON {role: '兼职委员'}]->(o)",
        o=org_id,
        a=area_id,
        u=unit_id,
    )


def demand(
    graph: Graph,
    id_: str,
    area_id: str,
    *,
    category: str = "parking",
    quantity: int = 5,
    window: list[str] | None = None,
    status: str = "open",
    title: str = "居民夜间停车难",
    created_at: str = "2025-03-01T09:00:00",
) -> None:
    graph.write(
        "MATCH (a:Area {id: $a}) CREATE (a)-[:RAISED]->(:Demand {id: $id, title: $title, "
        "category: $category, quantity: $quantity, window: $window, status: $status, urgency: 'normal', "
        "createdAt: $created})",
        a=area_id,
        id=id_,
        title=title,
        category=category,
        quantity=quantity,
        window=window or [],
        status=status,
        created=created_at,
    )


def member(
    graph: Graph,
    id_: str,
    name: str,
    phone: str,
    *,
    skills: list[str],
    reported_to: str | None = None,
    lives_in: str | None = None,
) -> None:
    graph.write(
        "CREATE (:Member {id: $id, name: $name, phone: $phone, status: 'in_service', roles: ['volunteer'], "
        "skills: $skills, points: 0})",
        id=id_,
        name=name,
        phone=phone,
        skills=skills,
    )
    if reported_to:
        graph.write(
            "MATCH (m:Member {id: $id}), (a:Area {id: $a}) "
            "CREATE (m)-[:REPORTED_TO {date: '2023-03-01'}]->(a)",
            id=id_,
            a=reported_to,
        )
    if lives_in:
        graph.write(
            "MATCH (m:Member {id: $id}), (a:Area {id: $a}) CREATE (m)-[:LIVES_IN]->(a)", id=id_, a=lives_in
        )
