"""The spatial key of resources (graph/spatial.py): every writer stores the cell its location and category
give, ``db init`` fills in the missing ones, and the cells a search lists never miss a resource within
its reach."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongjian.graph import spatial
from gongjian.graph.facade import Graph
from gongjian.graph.lists import Offer, ResourceUpdate, offer_resource, update_resource
from gongjian.graph.matching import InvalidArgument, Matcher
from gongjian.graph.schema import init_schema
from gongjian.importers import ImportOptions, run_import
from gongjian.settings import Settings

from . import matchkit as kit


def float32(value: float) -> float:
    """What FalkorDB stores of a coordinate."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


def stored_cells(graph: Graph) -> dict[str, tuple[str | None, str | None]]:
    """Each resource's stored cell beside the cell its stored location and category give."""
    return {row["id"]: (row["cell"], row["due"]) for row in _resources(graph)}


def _resources(graph: Graph) -> list[dict]:
    rows = graph.read(
        "MATCH (r:Resource) RETURN r.id AS id, r.category AS category, r.location AS at, r.cell AS cell"
    )
    for row in rows:
        at = row["at"]
        row["due"] = (
            None if at is None else spatial.cell_key(row["category"], at["latitude"], at["longitude"])
        )
    return rows


def assert_cells_follow_locations(graph: Graph) -> None:
    """Every resource's cell is one a search around its stored point lists (the writers key the point
    they were given; FalkorDB stores it as float32, which may cross a cell's edge by micro-degrees)."""
    rows = _resources(graph)
    assert rows
    for row in rows:
        at = row["at"]
        if at is None:
            assert row["cell"] is None, row
        else:
            assert row["cell"] in spatial.cells_within(row["category"], at["latitude"], at["longitude"], 0), (
                row
            )


# ------------------------------------------------------------------------------------ the cover
@settings(max_examples=400, deadline=None)
@given(
    lat=st.floats(-75, 75),
    lon=st.floats(-180, 180),
    reach=st.floats(0, 50_000),
    bearing=st.floats(0, 360),
    share=st.floats(0, 1),
)
def test_the_cells_of_a_disc_hold_every_point_within_it(
    lat: float, lon: float, reach: float, bearing: float, share: float
) -> None:
    point = kit.destination(lat, lon, bearing, reach * share)
    stored = float32(point[0]), float32(point[1])
    assert spatial.cell_key("parking.offpeak", *stored) in spatial.cells_within("parking", lat, lon, reach)


def test_cells_cross_the_antimeridian_and_name_only_the_top_level_category() -> None:
    cells = spatial.cells_within("venue.hall", 10.0, 179.999, 300)
    assert "venue:1000:17999" in cells and "venue:1000:-18000" in cells and "venue:1000:18000" in cells
    assert spatial.cell_key("venue.hall", 10.0, -180.0) == "venue:1000:-18000"
    assert all(cell.startswith("venue:") for cell in cells)


def test_a_disc_reaching_a_pole_is_refused() -> None:
    with pytest.raises(spatial.CellsUnavailable, match="pole"):
        spatial.cells_within("parking", 89.9, 0.0, 20_000)


def test_matching_near_a_pole_asks_for_a_smaller_radius(graph: Graph) -> None:
    kit.area(graph, "arctic", "北极社区", "community", at=(89.95, 10.0))
    matcher = Matcher(graph, Settings(_env_file=None), today=date(2025, 6, 1))  # type: ignore[call-arg]
    with pytest.raises(InvalidArgument, match="smaller radius"):
        matcher.match("arctic", "volunteer")
    assert matcher.match("arctic", "parking", radius_m=500).candidates == []


# ------------------------------------------------------------------------------------ the writers
def test_the_importer_stores_each_resources_cell_when_it_creates_and_when_it_updates(
    schema_graph: Graph, tmp_path: Path
) -> None:
    areas = tmp_path / "areas.csv"
    areas.write_text("街道,社区,经度,纬度\n星城街道,星城社区,112.93885,28.22823\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text(
        "单位名称,单位类型,所属街道,所属社区,经度,纬度\n星城一小,学校,星城街道,星城社区,112.9437,28.2263\n",
        encoding="utf-8",
    )
    resources = tmp_path / "resources.csv"
    resources.write_text(
        "单位名称,资源类别,资源名称,数量,经度,纬度\n"
        "星城一小,错时停车,教职工停车场,30,,\n"
        "星城一小,活动室,多功能厅,1,112.9561,28.2418\n",
        encoding="utf-8",
    )
    for kind, path in (("areas", areas), ("units", units), ("resources", resources)):
        assert run_import(schema_graph, kind, [path], ImportOptions(errors_workbook=False)).ok
    assert_cells_follow_locations(schema_graph)
    cells = {cell for cell, _ in stored_cells(schema_graph).values()}  # coordinates far from cell edges
    assert cells == {"parking:2822:11294", "venue:2824:11295"}

    resources.write_text(  # the hall moves: the same node, a new cell (written by MERGE this time)
        "单位名称,资源类别,资源名称,数量,经度,纬度\n"
        "星城一小,错时停车,教职工停车场,30,,\n"
        "星城一小,活动室,多功能厅,1,113.05,28.31\n",
        encoding="utf-8",
    )
    report = run_import(schema_graph, "resources", [resources], ImportOptions(errors_workbook=False))
    assert report.total("updated") == 1
    assert_cells_follow_locations(schema_graph)


def test_offered_and_moved_resources_carry_their_cell(schema_graph: Graph) -> None:
    kit.base(schema_graph)
    kit.unit(schema_graph, "u1", "星城停车公司", metres=300)
    offered = offer_resource(schema_graph, Offer("u1", "parking", "地面车位", 3))
    assert offered.resource["cell"] == spatial.cell_key("parking", *kit.north(300))
    update_resource(schema_graph, ResourceUpdate(offered.resource["id"], latitude=30.5, longitude=120.5))
    assert_cells_follow_locations(schema_graph)
    assert stored_cells(schema_graph)[offered.resource["id"]] == ("parking:3050:12050", "parking:3050:12050")


def test_demo_resources_carry_their_cell(schema_graph: Graph) -> None:
    from gongjian.graph.demo import load_demo

    load_demo(schema_graph, scale="tiny", seed=0)
    assert_cells_follow_locations(schema_graph)


def test_db_init_fills_in_the_cells_a_graph_lacks(schema_graph: Graph) -> None:
    schema_graph.write(
        "CREATE (:Resource {id: 'r1', category: 'parking.shared', "
        "location: point({latitude: 28.2, longitude: 112.9})}), (:Resource {id: 'r2', category: 'venue'})"
    )
    assert init_schema(schema_graph).cells_filled == 1
    assert stored_cells(schema_graph) == {
        "r1": ("parking:2820:11290", "parking:2820:11290"),
        "r2": (None, None),
    }
    assert init_schema(schema_graph).cells_filled == 0  # nothing missing: nothing rewritten
