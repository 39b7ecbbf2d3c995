"""The pruned search gives the exhaustive search's answer (graph/matching/prune.py, docs/matching.md)."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from gongjian.graph.facade import Graph
from gongjian.graph.matching import Matcher, Tie, prune
from gongjian.settings import MatchSettings, Settings

from . import matchkit as k

TODAY = date(2025, 6, 1)
STATUSES = ["done", "closed", "accepted", "in_progress", "proposed", "rejected"]


def matcher(graph: Graph, settings: Settings | None = None) -> Matcher:
    return Matcher(graph, settings or Settings(_env_file=None), today=TODAY)  # type: ignore[call-arg]


def crowd(graph: Graph, units: int = 36, seed: int = 7) -> None:
    """Units all around the community, with every kind of tie, record, load and capacity."""
    rng = random.Random(seed)
    k.base(graph)
    for i in range(units):
        unit = f"u{i:02d}"
        located = rng.choice(["g1", None, None])
        k.unit(graph, unit, f"单位{i}", metres=rng.uniform(0, 1400), located_in=located)
        if i % 9 == 0:
            k.co_builds(graph, unit, "c1", "2020-01-01")
        elif i % 11 == 0:
            k.committee_seat(graph, unit, "c1")
        for j in range(rng.randint(1, 2)):
            resource = f"r{i:02d}{j}"
            own = rng.uniform(0, 1200) if rng.random() < 0.3 else None
            k.resource(
                graph,
                unit,
                resource,
                quantity=rng.randint(1, 12),
                metres=own,
                availability=rng.choice([[], ["mon-fri 18:00-08:00"], ["sat-sun 08:00-20:00"]]),
            )
            if rng.random() < 0.3:
                used = (resource, rng.randint(1, 6))
                k.project(graph, f"p{resource}", "accepted", deliverer=unit, uses=used)
        for n in range(rng.randint(0, 4)):
            status = rng.choice(STATUSES)
            rating = rng.randint(1, 5) if status in ("done", "closed") and rng.random() < 0.8 else None
            k.project(graph, f"j{unit}{n}", status, deliverer=unit, rating=rating)
    k.resource(graph, "c1", "r-own", owner_label="Area")


def listing(answer) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    return [(c.resource_id, round(c.score, 9)) for c in answer.candidates]


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"quantity": 5}, {"window": "mon-fri 19:00-07:00"}, {"quantity": 3, "window": "sat 10:00-12:00"}],
)
def test_top_k_is_the_exhaustive_top_k(graph: Graph, kwargs: dict[str, object]) -> None:
    crowd(graph)
    m = matcher(graph)
    everything = listing(m.match("c1", "parking", limit=100, **kwargs))  # type: ignore[arg-type]
    assert len(everything) > 20  # fewer than the limit: nothing is pruned
    beyonds: list[float] = []
    read = graph.read

    def spy(query: str, /, **params: object) -> list[dict[str, object]]:
        if "beyond" in params:
            beyonds.append(float(params["beyond"]))  # type: ignore[arg-type]
        return read(query, **params)

    graph.read = spy  # type: ignore[method-assign]
    for limit in (1, 3, 5, 10):
        assert listing(m.match("c1", "parking", limit=limit, **kwargs)) == everything[:limit]  # type: ignore[arg-type]
    assert max(beyonds) > 0  # some last steps read only beyond what earlier steps had covered


def test_top_k_is_exhaustive_with_other_weights(graph: Graph) -> None:
    crowd(graph, seed=11)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, match_weight_tie=0.05, match_weight_distance=0.0, match_weight_record=0.5
    )
    m = matcher(graph, settings)
    everything = listing(m.match("c1", "parking", limit=100))
    for limit in (1, 4, 10):
        assert listing(m.match("c1", "parking", limit=limit)) == everything[:limit]


def test_tied_owner_resource_without_any_location_uses_the_owners(graph: Graph) -> None:
    k.base(graph)
    k.unit(graph, "u1", "单位一", metres=400, located_in=None)
    k.co_builds(graph, "u1", "c1", "2021-05-01")
    k.resource(graph, "u1", "r1", inherit_location=False)
    answer = matcher(graph).match("c1", "parking")
    assert [(c.resource_id, c.tie) for c in answer.candidates] == [("r1", Tie.CO_BUILDS)]
    assert answer.candidates[0].distance_m == pytest.approx(400, abs=2)


# ------------------------------------------------------------------------------ the bound's arithmetic
W = MatchSettings()


def test_threshold_is_the_kth_best_score() -> None:
    assert prune.threshold([0.2, 0.9, 0.5], 2) == 0.5
    assert prune.threshold([0.2], 2) == -math.inf


def test_reach_is_where_the_best_untied_bound_meets_the_threshold() -> None:
    radius = 1000.0
    rest = W.capacity + W.schedule + W.record + W.load  # 0.5 of 1.0
    assert prune.reach(-math.inf, radius, W) == radius
    assert prune.reach(rest - 0.01, radius, W) == radius  # everything can still reach it
    assert prune.reach(rest + W.distance + 0.01, radius, W) == 0.0  # nothing can
    reach = prune.reach(rest + W.distance / 2, radius, W)
    assert reach == pytest.approx(500 + 1000 * prune.EPSILON / W.distance, abs=0.01)


def test_reach_without_a_distance_weight() -> None:
    weights = MatchSettings(distance=0.0)
    rest = weights.capacity + weights.schedule + weights.record + weights.load
    total = prune.total_weight(weights)
    assert prune.reach(rest / total - 0.01, 800.0, weights) == 800.0
    assert prune.reach(rest / total + 0.01, 800.0, weights) == 0.0
