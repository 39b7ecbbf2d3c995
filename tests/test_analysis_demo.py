"""Every analysis of the catalogue on the demo graphs: without error on ``tiny``, and under 2 s each on
``district`` (the demo's reference day, :data:`gongjian.graph.demo.REFERENCE`, is ``asOf``)."""

from __future__ import annotations

import time

import pytest

from gongjian.graph.demo import REFERENCE, load_demo
from gongjian.graph.facade import Graph
from gongjian.graph.schema import init_schema
from gongjian.queries import catalogue

AS_OF = REFERENCE.date().isoformat()


def demo_params(analysis: catalogue.Analysis) -> dict[str, str]:
    return {"asOf": AS_OF} if analysis.param("asOf") else {}


def test_every_analysis_runs_on_the_tiny_demo(graph: Graph) -> None:
    init_schema(graph)
    load_demo(graph, scale="tiny", seed=0)
    empty = []
    for analysis in catalogue.analyses():
        result = catalogue.run(graph, analysis.name, demo_params(analysis))
        assert all(tuple(row) == analysis.columns for row in result.rows), analysis.name
        if not result.rows:
            empty.append(analysis.name)
    # The tiny demo has no grid without a branch and no unit co-building across streets.
    assert set(empty) <= {"coverage/grids_without_branch", "network/street_bridges"}, empty


@pytest.mark.slow
def test_every_analysis_runs_under_two_seconds_on_the_district_demo(graph: Graph) -> None:
    init_schema(graph)
    load_demo(graph, scale="district", seed=0)
    times: dict[str, float] = {}
    for analysis in catalogue.analyses():
        catalogue.run(graph, analysis.name, demo_params(analysis))  # warm the plan cache
        started = time.perf_counter()
        result = catalogue.run(graph, analysis.name, demo_params(analysis))
        times[analysis.name] = time.perf_counter() - started
        assert result.columns == analysis.columns
    slow = {name: round(seconds, 2) for name, seconds in times.items() if seconds >= 2.0}
    assert not slow, f"analyses over 2 s on the district demo: {slow}"
