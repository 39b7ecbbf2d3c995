"""Argument checks shared by the list operations: each returns the value as stored, or raises
:class:`~gongjian.graph.loop.errors.InvalidValue` naming the argument, the value and the fix.

Optional text follows one rule everywhere: ``None`` leaves a property as it is, blank text clears it.
Personal values (contact name and phone) are never quoted in a refusal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from gongjian.graph.identity import normalise_name, normalise_phone
from gongjian.graph.loop import clock as clocks
from gongjian.graph.loop.errors import InvalidValue
from gongjian.graph.model import AreaLevel
from gongjian.graph.schedule import ScheduleError, normalise_schedule
from gongjian.graph.taxonomy import Taxonomy, UnknownCategory

E = TypeVar("E", bound=StrEnum)

HIDDEN = "（已隐藏）(hidden)"
#: Areas that sign agreements and receive reports: a community or a village (社区 / 村).
COMMUNITY_LEVELS = frozenset({AreaLevel.COMMUNITY.value, AreaLevel.VILLAGE.value})
#: Coordinates closer than this (degrees, about 1 cm) are the same: FalkorDB stores points as float32.
_SAME_PLACE = 1e-6


def name(argument: str, value: str, example: str) -> str:
    """A required name or title in display form (full-width → half-width, spaces trimmed)."""
    shown = normalise_name(value or "")
    if not shown:
        raise InvalidValue(argument, value, f"give a non-empty {argument}, e.g. {example}")
    return shown


def quantity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValue("quantity", value, "give a whole number of at least 1")
    return value


def text(value: str | None) -> str | None:
    """Free text stored verbatim; blank (or ``None``) is nothing."""
    return value if value is not None and value.strip() else None


def contact_name(value: str | None) -> str | None:
    if value is None:
        return None
    return normalise_name(value) or None


def contact_phone(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    digits = normalise_phone(value)
    if not 5 <= len(digits) <= 20:
        raise InvalidValue("contactPhone", HIDDEN, "give a phone number of 5 to 20 digits, e.g. 13800000000")
    return digits


def schedule(argument: str, windows: Sequence[str]) -> list[str]:
    """Canonical schedule strings from canonical or Chinese text (``[]`` for none)."""
    try:
        return normalise_schedule(list(windows))
    except ScheduleError as exc:
        raise InvalidValue(argument, "; ".join(windows), str(exc)) from exc


def category(taxonomy: Taxonomy, value: str) -> str:
    """The code of the category a code or Chinese term means; the refusal carries the closest ones."""
    try:
        return taxonomy.resolve(value or "").code
    except UnknownCategory as exc:
        raise InvalidValue("category", value, str(exc)) from exc


def choice(argument: str, kind: type[E], value: E | str | None) -> str | None:
    if value is None:
        return None
    try:
        return kind(value).value
    except ValueError:
        options = ", ".join(member.value for member in kind)
        raise InvalidValue(argument, value, f"use one of {options}") from None


def location(latitude: float | None, longitude: float | None) -> dict[str, float] | None:
    """A WGS84 point from both coordinates, ``None`` from neither."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        given, missing = ("latitude", "longitude") if longitude is None else ("longitude", "latitude")
        raise InvalidValue(missing, None, f"give {missing} together with {given} (WGS84 decimal degrees)")
    for argument, value, limit in (("latitude", latitude, 90.0), ("longitude", longitude, 180.0)):
        if not math.isfinite(value) or abs(value) > limit:
            raise InvalidValue(argument, value, f"decimal degrees from -{limit:g} to {limit:g} (WGS84)")
    return {"latitude": float(latitude), "longitude": float(longitude)}


def same(stored: Any, wanted: Any) -> bool:
    """A stored value equals a wanted one; nothing, blank and an empty list are all "none"."""
    empty = (None, "", [])
    return (stored in empty and wanted in empty) or stored == wanted


def same_place(a: Any, b: Any) -> bool:
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return a == b
    return all(abs(float(a[k]) - float(b[k])) < _SAME_PLACE for k in ("latitude", "longitude"))


def iso_date(argument: str, value: str | None, default: str) -> str:
    """An ISO date (``2026-03-01``); ``None`` or blank gives ``default``."""
    if value is None or not value.strip():
        return default
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidValue(argument, value, "give a date such as 2026-03-01") from None


def today(clock: clocks.Clock) -> str:
    """Today's date in China Standard Time."""
    return clocks.iso(clock())[:10]


def community(area_id: str, level: str | None) -> None:
    """Agreements and reports are made with a community or village."""
    if level is not None and level not in COMMUNITY_LEVELS:
        raise InvalidValue("communityId", area_id, f"it is a {level}; name a community or village (社区/村)")
