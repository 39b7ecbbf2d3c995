"""The spatial key of resources: a grid cell per top-level category, looked up by equality.

Matching asks for the resources of one category within a few kilometres. FalkorDB's point index reads
every resource in the disc, of every category, and its radius filter is approximate (it returned
resources up to 4 m beyond a 5 km radius). So each resource also carries ``cell``: its top-level
category and the 0.01° × 0.01° grid square it lies in (about 1.1 km × 1 km in China), e.g.
``parking:2822:11293``. A search lists the cells that cover its disc (:func:`cells_within`), reads
them through the index on ``Resource.cell`` and keeps what the exact distance accepts.

Every writer of a resource's location or category stores :func:`cell_key` of the coordinates it
writes, as a parameter (the engine computing it costs an import half its write time again).
``gongjian db init`` fills it in where it is missing, from the stored point
(``resource_cells_refresh.cypher``, the same computation in Cypher). FalkorDB stores the point as
float32, so near a cell's edge the stored point may lie a few micro-degrees into the neighbouring cell;
:func:`cells_within` adds slack for that, so a search never misses a resource: the condition a
resource's cell must meet is to be among ``cells_within(category, latitude, longitude, 0)`` of its
stored point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .facade import Graph

#: Cells per degree of latitude and of longitude.
CELLS_PER_DEGREE = 100
#: A radius of the Earth below every radius the engines use for WGS84 distances (both take 6,378,140 m),
#: so a disc converted to degrees with it is never too small.
_EARTH_RADIUS_M = 6_350_000.0
#: Slack in degrees around the disc: the stored float32 point may round across a cell edge.
_SLACK_DEGREES = 1e-4
#: More cells than this and the search is refused (a radius of tens of kilometres near a pole).
MAX_CELLS = 100_000


class CellsUnavailable(ValueError):
    """The disc cannot be covered by a reasonable list of cells (it reaches a pole, or is too wide)."""


def top_category(code: str) -> str:
    return code.partition(".")[0]


def cell_key(category: str, latitude: float, longitude: float) -> str:
    """The ``cell`` of a resource of ``category`` at the point: ``parking:2822:11293``."""
    row, column = math.floor(latitude * CELLS_PER_DEGREE), math.floor(longitude * CELLS_PER_DEGREE)
    return f"{top_category(category)}:{row}:{column}"


def location_cell(category: str, location: Mapping[str, float]) -> str:
    """:func:`cell_key` of a location as the graph layer passes it (``{latitude, longitude}``)."""
    return cell_key(category, location["latitude"], location["longitude"])


def cells_within(category: str, latitude: float, longitude: float, reach_m: float) -> list[str]:
    """Every cell of ``category``'s top-level category that holds a point within ``reach_m`` metres of
    the centre (and a few more at the edges): a superset, never missing one."""
    rows, columns = _cover(latitude, longitude, reach_m)
    top = top_category(category)
    return [f"{top}:{row}:{column}" for row in rows for column in columns]


def check_reach(latitude: float, longitude: float, reach_m: float) -> None:
    """Raise :class:`CellsUnavailable` when :func:`cells_within` would for this disc."""
    _cover(latitude, longitude, reach_m)


def _cover(latitude: float, longitude: float, reach_m: float) -> tuple[range, list[int]]:
    """The cell rows and columns that cover the disc, with slack."""
    angle = max(reach_m, 0.0) / _EARTH_RADIUS_M  # radians on the great circle
    d_lat = math.degrees(angle) + _SLACK_DEGREES
    south, north = latitude - d_lat, latitude + d_lat
    if angle >= math.pi / 2 - math.radians(abs(latitude)) or north >= 90.0 or south <= -90.0:
        raise CellsUnavailable(f"a disc of {reach_m:.0f} m around latitude {latitude:.4f} reaches a pole")
    # The widest longitude a spherical cap spans from its centre (the cap does not hold a pole).
    d_lon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(latitude)))))
    d_lon += _SLACK_DEGREES
    rows = range(math.floor(south * CELLS_PER_DEGREE), math.floor(north * CELLS_PER_DEGREE) + 1)
    columns = _columns(longitude - d_lon, longitude + d_lon)
    if len(rows) * len(columns) > MAX_CELLS:
        raise CellsUnavailable(f"a disc of {reach_m:.0f} m covers more than {MAX_CELLS:,} cells")
    return rows, columns


def _columns(west: float, east: float) -> list[int]:
    """The cell columns from ``west`` to ``east`` degrees, across the antimeridian when they pass it.
    Longitude 180 and −180 are one meridian but two columns (18000 and −18000): both are listed."""
    scale = CELLS_PER_DEGREE
    full = 360 * scale
    found: dict[int, None] = {}
    for column in range(math.floor(west * scale), math.floor(east * scale) + 1):
        wrapped = (column + full // 2) % full - full // 2  # into −18000 … 17999
        found[wrapped] = None
        if wrapped == -full // 2:
            found[full // 2] = None
    if len(found) >= full:
        raise CellsUnavailable("the disc spans every longitude")
    return list(found)


def ensure_cells(graph: Graph) -> int:
    """Compute every resource's cell if one with a location lacks it (a graph written before resources
    carried one); how many resources were given theirs."""
    if not graph.read(graph.named("resource_cells_missing")):
        return 0
    rows = graph.write(graph.named("resource_cells_refresh"))
    return int(rows[0]["refreshed"]) if rows else 0
