"""Decode FalkorDB's compact replies straight into plain rows.

The client's ``QueryResult`` parses every cell through a table of functions into its own types, and
:func:`graph.values.plain` then walked the result a second time. Decoding the scalar types here, in one
pass, costs a third of that: it shows in every read, most in matching (a few hundred values a request)
and in the importers' reference reads (tens of thousands of rows). Nodes, relationships, paths,
vectors and temporal values, which need the graph's schema or the client's own types, still go
through the client's parser, so every value comes out exactly as :func:`plain` made it before.
"""

from __future__ import annotations

from typing import Any

from falkordb.query_result import parse_scalar
from redis.exceptions import ResponseError

from ..values import plain
from .base import Rows

_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY = 1, 2, 3, 4, 5, 6
_MAP, _POINT = 10, 11
_AS_IS = frozenset((_STRING, _INTEGER, _NULL))


def plain_reply(response: list[Any], graph: Any) -> Rows:
    """The rows of a ``GRAPH.QUERY … --compact`` reply as dicts of plain values; raises the error a
    failed query replied with. ``graph`` is the client's graph, for the types decoded by the client."""
    if isinstance(response[0], ResponseError):
        raise response[0]
    if isinstance(response[-1], ResponseError):
        raise response[-1]
    if len(response) < 3 or not response[0]:  # statistics only: a write without RETURN
        return []
    columns = [column[1] for column in response[0]]

    def value(cell: list[Any]) -> Any:
        kind, raw = cell
        if kind in _AS_IS:
            return raw  # text arrives decoded, integers as int, null as None
        if kind == _DOUBLE:
            return float(raw)
        if kind == _ARRAY:
            return [value(item) for item in raw]
        if kind == _MAP:
            return {raw[i]: value(raw[i + 1]) for i in range(0, len(raw), 2)}
        if kind == _POINT:
            return {"latitude": float(raw[0]), "longitude": float(raw[1])}
        if kind == _BOOLEAN:
            return raw == "true"
        return plain(parse_scalar(cell, graph))

    return [dict(zip(columns, map(value, row), strict=True)) for row in response[1]]
