"""Turn what a driver returns into plain Python values, identical for every backend.

Points become ``{"latitude": …, "longitude": …}`` maps; nodes and relationships become their property
maps; ordered maps become dicts. Queries should return scalars and maps in the first place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    point = _point(value)
    if point is not None:
        return point
    properties = getattr(value, "properties", None)  # FalkorDB Node / Edge
    if isinstance(properties, Mapping):
        return plain(properties)
    if hasattr(value, "items"):  # neo4j Node / Relationship
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return value


def _point(value: Any) -> dict[str, float] | None:
    if hasattr(value, "longitude") and hasattr(value, "latitude"):
        return {"latitude": float(value.latitude), "longitude": float(value.longitude)}
    return None
