"""Small helpers of the demo generator and the records it plans with."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..model import UnitType
from .scales import REFERENCE, DistrictSpec
from .vocabulary import _GIVEN, _ORDINALS, _SURNAME_CUM, _SURNAMES

Progress = Callable[[str, int, int], None]
Row = dict[str, Any]


def _permute(i: int, key: int, half: int = 10_000) -> int:
    """A keyed bijection on ``[0, half²)`` (four Feistel rounds): unique, scattered numbers."""
    left, right = divmod(i, half)
    for rnd in range(4):
        mixed = (right * 0x9E3779B1 + key * 0x85EBCA6B + rnd * 0xC2B2AE35) & 0xFFFFFFFF
        left, right = right, (left + (mixed ^ (mixed >> 13))) % half
    return left * half + right


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _day(moment: datetime | date) -> str:
    return moment.strftime("%Y-%m-%d")


def _ago(rng: random.Random, min_days: float, max_days: float) -> datetime:
    """A whole minute between ``max_days`` and ``min_days`` before :data:`REFERENCE`."""
    return REFERENCE - timedelta(minutes=rng.randint(int(min_days * 1440), int(max_days * 1440)))


def _daytime(moment: datetime) -> datetime:
    """People work by day: a moment between 22:00 and 07:00 moves on to the next 08:xx."""
    if moment.hour >= 22:
        moment += timedelta(days=1)
    if moment.hour >= 22 or moment.hour < 7:
        moment = moment.replace(hour=8)
    return moment


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _cn_number(n: int) -> str:
    if n <= 10:
        return _ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _ORDINALS[tens - 1]}十{_ORDINALS[ones - 1] if ones else ''}"


def _person(rng: random.Random) -> str:
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.65 else "")
    return surname + given


def _org_code(body: str) -> str:
    """A nine-character organisation code: eight characters and the GB 11714 check character."""
    total = sum(int(ch, 36) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("0" if check == 11 else "X" if check == 10 else str(check))


def _top(code: str) -> str:
    return code.split(".", 1)[0]


def _by_code(table: dict[str, Any], code: str, default: Any = None) -> Any:
    """The entry for ``code``, else for its top-level category, else ``default``."""
    return table.get(code, table.get(_top(code), default))


@dataclass(slots=True)
class _Place:
    """An area as written: the node's properties and its parent."""

    id: str
    name: str
    level: str
    path: str
    lat: float
    lon: float
    code: str | None = None
    households: int = 0
    population: int = 0
    parent_id: str | None = None

    def row(self) -> Row:
        return {
            "id": self.id, "name": self.name, "level": self.level, "code": self.code, "path": self.path,
            "location": {"latitude": round(self.lat, 6), "longitude": round(self.lon, 6)},
            "households": self.households, "population": self.population, "parentId": self.parent_id,
        }  # fmt: skip

    @property
    def location(self) -> dict[str, float]:
        return {"latitude": round(self.lat, 6), "longitude": round(self.lon, 6)}


@dataclass(slots=True)
class _District:
    place: _Place
    spec: DistrictSpec
    short: str
    streets: list[int] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)  # communities, villages, district-wide units


@dataclass(slots=True)
class _Street:
    place: _Place
    district: int
    short: str
    communities: list[int] = field(default_factory=list)
    committee_id: str = ""
    committee_name: str = ""
    joint_id: str | None = None
    unit_names: set[str] = field(default_factory=set)
    agreements: Counter[int] = field(default_factory=Counter)


@dataclass(slots=True)
class _Community:
    place: _Place
    street: int
    short: str
    village: bool
    grids: list[int] = field(default_factory=list)
    estates: list[int] = field(default_factory=list)
    committee_id: str = ""
    committee_name: str = ""
    units: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)  # units co-building with it
    demands: int = 0


@dataclass(slots=True)
class _Grid:
    place: _Place
    community: int
    number: int
    estates: list[int] = field(default_factory=list)
    members: int = 0
    branch_id: str = ""


@dataclass(slots=True)
class _Estate:
    place: _Place
    grid: int
    community: int
    buildings: int


@dataclass(slots=True)
class _Unit:
    id: str
    name: str
    type: UnitType
    community: int
    lat: float
    lon: float
    uscc: str | None
    address: str
    contact: str
    phone: str
    offers: tuple[str, ...]
    org_id: str | None = None
    org_name: str | None = None


@dataclass(slots=True)
class _Res:
    """What matching needs to know about a resource."""

    id: str
    category: str
    owner_id: str
    owner_kind: str  # unit, member
    owner_name: str
    community: int
    remaining: int
    active: bool
