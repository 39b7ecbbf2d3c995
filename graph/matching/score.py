"""The matching score (docs/matching.md): six parts in [0, 1], weighted, normalised to [0, 1].

    score = Σ wᵢ·partᵢ / Σ wᵢ        over the parts that apply to the question

| part       | formula                                                                           |
|------------|-----------------------------------------------------------------------------------|
| tie        | 1.0 co-building agreement in force › 0.7 seat on the community's committee ›      |
|            | 0.4 same street › 0.0 none (the community's own resources count as 1.0)            |
| distance   | max(0, 1 − d / radius)                                                            |
| capacity   | min(1, remaining / requested)                                                     |
| schedule   | share of the requested window's minutes the availability covers (1 when either   |
|            | side is empty: "any time")                                                        |
| record     | ½·(R̄ − 1)/4 + ½·c/(c + C½), R̄ = (k·m + Σr)/(k + n) the Bayesian-average rating   |
| load       | L½ / (L½ + open commitments)                                                      |

Everything here is pure Python over plain values, so the score is the same on every backend.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongjian.settings import MatchSettings

from .. import schedule as schedules


class Tie(StrEnum):
    """How a candidate is tied to the community, strongest first."""

    OWN = "own"
    CO_BUILDS = "co_builds"
    COMMITTEE = "committee"
    SAME_STREET = "same_street"
    NONE = "none"


TIE_VALUE: dict[Tie, float] = {
    Tie.OWN: 1.0,
    Tie.CO_BUILDS: 1.0,
    Tie.COMMITTEE: 0.7,
    Tie.SAME_STREET: 0.4,
    Tie.NONE: 0.0,
}

#: Value of the tie part for members (membersWithSkill): 双报到 to the community › living in it.
MEMBER_REPORTED = 1.0
MEMBER_RESIDENT = 0.7


class Factor(StrEnum):
    TIE = "tie"
    DISTANCE = "distance"
    CAPACITY = "capacity"
    SCHEDULE = "schedule"
    RECORD = "record"
    LOAD = "load"


FACTOR_ZH: dict[Factor, str] = {
    Factor.TIE: "共建关系",
    Factor.DISTANCE: "距离",
    Factor.CAPACITY: "容量匹配",
    Factor.SCHEDULE: "时段重叠",
    Factor.RECORD: "履约记录",
    Factor.LOAD: "当前负荷",
}


@dataclass(frozen=True)
class Part:
    """One part of a score: its value in [0, 1], its weight and what it adds to the score."""

    factor: Factor
    value: float
    weight: float
    contribution: float

    def as_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor.value,
            "value": round(self.value, 4),
            "weight": self.weight,
            "contribution": round(self.contribution, 4),
        }


def weight_of(factor: Factor, weights: MatchSettings) -> float:
    return float(getattr(weights, factor.value))


def combine(values: dict[Factor, float], weights: MatchSettings) -> tuple[float, list[Part]]:
    """The weighted, normalised score and its parts (each part's contribution sums to the score)."""
    total = sum(weight_of(f, weights) for f in values) or 1.0
    parts = []
    for factor, value in values.items():
        weight = weight_of(factor, weights)
        parts.append(Part(factor, value, weight, weight * value / total))
    score = sum(p.contribution for p in parts)
    return score, parts


# -- the parts ----------------------------------------------------------------------------------
def distance_part(distance_m: float, radius_m: float) -> float:
    if radius_m <= 0:
        return 0.0
    return max(0.0, 1.0 - distance_m / radius_m)


def capacity_part(remaining: float, requested: float) -> float:
    if requested <= 0:
        return 1.0
    return max(0.0, min(1.0, remaining / requested))


def bayes_rating(ratings: Sequence[float], prior_mean: float, k: float) -> float:
    """(k·m + Σr) / (k + n): few ratings stay near the global mean m, many speak for themselves."""
    return bayes_mean(len(ratings), sum(ratings), prior_mean, k)


def bayes_mean(rated: int, rating_sum: float, prior_mean: float, k: float) -> float:
    """:func:`bayes_rating` from the count and the sum of the ratings (as the loop keeps them)."""
    if rated + k == 0:
        return prior_mean
    return (k * prior_mean + rating_sum) / (k + rated)


def record_part(
    rated: int, rating_sum: float, completed: int, prior_mean: float, weights: MatchSettings
) -> float:
    """From ``rated`` ratings summing to ``rating_sum`` and ``completed`` completed projects."""
    rating = bayes_mean(rated, rating_sum, prior_mean, weights.rating_prior)
    rating_term = max(0.0, min(1.0, (rating - 1.0) / 4.0))
    experience = completed / (completed + weights.experience_half)
    return 0.5 * rating_term + 0.5 * experience


def load_part(open_commitments: int, weights: MatchSettings) -> float:
    return weights.load_half / (weights.load_half + max(0, open_commitments))


@functools.lru_cache(maxsize=4096)
def schedule_part(availability: tuple[str, ...], window: tuple[str, ...], start: date) -> float:
    """Share of the window covered by the availability; unreadable schedules count as "any time"."""
    if not window or not availability:
        return 1.0
    try:
        return schedules.overlap_ratio(list(availability), list(window), start)
    except schedules.ScheduleError:
        return 1.0


@functools.lru_cache(maxsize=4096)
def describe_schedule(availability: tuple[str, ...]) -> str:
    if not availability:
        return ""
    try:
        return schedules.describe(list(availability))
    except schedules.ScheduleError:
        return "；".join(availability)
