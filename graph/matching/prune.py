"""Which candidates can still reach the top K — the exact pruning behind ``Matcher.match`` (docs/matching.md).

The engine first scores every candidate whose owner is tied to the community (own, co-building, committee
seat, same street), found from the community's side. Every other candidate has the tie part 0, so its score
is at most its *bound*: the score with the tie counted as none and the schedule as fully covered, all other
parts exact. ``match_candidates_near`` computes that bound in the graph and returns only the candidates whose
bound reaches the K-th best score found so far (:func:`threshold`), minus :data:`EPSILON`. A candidate left
out has ``score ≤ bound < threshold − ε ≤`` the final K-th score, so it cannot enter the top K, nor tie with
it: the answer is the one the exhaustive search gives.

Since the bound never exceeds ``(w_d · (1 − d / radius) + w_c + w_s + w_r + w_l) / Σw``, the graph only
needs to look within :func:`reach` of the community.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from gongjian.settings import MatchSettings

from .score import Factor, weight_of

#: Margin below the threshold: scores are ranked rounded to 9 decimals, the graph's floats may differ from
#: Python's in the last bits.
EPSILON = 1e-6
#: Slack on the reach, in metres, against rounding of the distance.
REACH_SLACK_M = 1e-3
#: Share of the radius searched first when the tied candidates leave the threshold weak.
FIRST_RING = 0.25
#: No cap on the rows of a step.
UNLIMITED = 1_000_000

_UNTIED = (Factor.DISTANCE, Factor.CAPACITY, Factor.SCHEDULE, Factor.RECORD, Factor.LOAD)


def total_weight(weights: MatchSettings) -> float:
    """Σw over the six parts, as :func:`score.combine` normalises (1 when every weight is 0)."""
    return sum(weight_of(f, weights) for f in Factor) or 1.0


def threshold(scores: Iterable[float], limit: int) -> float:
    """The ``limit``-th best score, or −∞ while fewer candidates are known."""
    best = sorted(scores, reverse=True)
    return best[limit - 1] if len(best) >= limit else -math.inf


def floor(threshold_: float, weights: MatchSettings) -> float:
    """The bound (not normalised, as the graph computes it) a candidate must reach to stay."""
    if threshold_ == -math.inf:
        return -math.inf
    return (threshold_ - EPSILON) * total_weight(weights)


def reach(threshold_: float, radius: float, weights: MatchSettings) -> float:
    """The distance beyond which no untied candidate's bound reaches the threshold (0: none can)."""
    least = floor(threshold_, weights)
    if least == -math.inf:
        return radius
    rest = sum(weight_of(f, weights) for f in _UNTIED if f is not Factor.DISTANCE)
    w_distance = weight_of(Factor.DISTANCE, weights)
    if w_distance == 0:
        return radius if rest >= least else 0.0
    share = (least - rest) / w_distance  # the distance part's value needed: 1 − d / radius ≥ share
    if share <= 0:
        return radius
    if share > 1:
        return 0.0
    return min(radius, radius * (1 - share) + REACH_SLACK_M)


def bound_parameters(weights: MatchSettings) -> dict[str, float]:
    """The weights and constants ``match_candidates_near`` computes the bound with."""
    return {
        "wTie": weight_of(Factor.TIE, weights),
        "wDistance": weight_of(Factor.DISTANCE, weights),
        "wCapacity": weight_of(Factor.CAPACITY, weights),
        "wSchedule": weight_of(Factor.SCHEDULE, weights),
        "wRecord": weight_of(Factor.RECORD, weights),
        "wLoad": weight_of(Factor.LOAD, weights),
        "ratingPrior": float(weights.rating_prior),
        "experienceHalf": float(weights.experience_half),
        "loadHalf": float(weights.load_half),
    }
