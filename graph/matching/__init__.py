"""Matching: which unit can meet a community's need (design.md §5, docs/matching.md)."""

from __future__ import annotations

from ..taxonomy import UnknownCategory
from .engine import (
    Candidate,
    Community,
    DemandCandidate,
    MatchAnswer,
    Matcher,
    MemberCandidate,
    MemberMatches,
    PathStep,
    UnitDemands,
    path_text,
)
from .errors import AmbiguousName, InvalidArgument, MatchError, NotFound
from .score import Factor, Part, Tie

__all__ = [
    "AmbiguousName",
    "Candidate",
    "Community",
    "DemandCandidate",
    "Factor",
    "InvalidArgument",
    "MatchAnswer",
    "MatchError",
    "Matcher",
    "MemberCandidate",
    "MemberMatches",
    "NotFound",
    "Part",
    "PathStep",
    "Tie",
    "UnitDemands",
    "UnknownCategory",
    "path_text",
]
