"""The demo's scales: the districts (区县) each one holds, with their streets, and the reference moment."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from ..model import AreaLevel

Scale = Literal["tiny", "district", "city"]
Box = tuple[float, float, float, float]  # lat_min, lat_max, lon_min, lon_max
#: Every timestamp of the demo counts back from this moment (China Standard Time).
REFERENCE = datetime(2026, 6, 30, 12, 0, tzinfo=timezone(timedelta(hours=8)))
#: Qilin district (麒麟区, 曲靖市, Yunnan): every coordinate of the tiny and district scales lies inside.
QILIN_BOX: Box = (25.40, 25.60, 103.70, 103.90)


def _apportion(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), each share ≥ ``minimum``."""
    if not weights:
        return []
    base = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest <= 0:
        return [total // len(weights) + (1 if i < total % len(weights) else 0) for i in range(len(weights))]
    scale = rest / (sum(weights) or 1)
    exact = [w * scale for w in weights]
    shares = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: rest - sum(shares)]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


@dataclass(frozen=True)
class StreetSpec:
    """A street (街道) or town (镇): centre, and weights for its share of the district's communities
    and villages (the named streets of a scale give exact counts)."""

    name: str
    level: AreaLevel
    lat: float
    lon: float
    communities: float
    villages: float


@dataclass(frozen=True)
class DistrictSpec:
    """One district or county: its box and totals. Named streets first, then generated ones."""

    name: str
    code: str
    box: Box
    communities: int
    villages: int
    grids: int
    members: int
    units: int
    demands: int
    streets: tuple[StreetSpec, ...] = ()
    extra_streets: int = 0
    extra_towns: int = 0


_S, _T = AreaLevel.STREET, AreaLevel.TOWN
_QILIN_STREETS = (
    StreetSpec("南宁街道", _S, 25.497, 103.797, 9, 0),
    StreetSpec("建宁街道", _S, 25.508, 103.812, 9, 0),
    StreetSpec("白石江街道", _S, 25.520, 103.790, 10, 0),
    StreetSpec("寥廓街道", _S, 25.488, 103.781, 9, 0),
    StreetSpec("西城街道", _S, 25.500, 103.765, 8, 0),
    StreetSpec("益宁街道", _S, 25.478, 103.812, 8, 0),
    StreetSpec("潇湘街道", _S, 25.535, 103.825, 9, 3),
    StreetSpec("太和街道", _S, 25.468, 103.792, 6, 2),
    StreetSpec("文华街道", _S, 25.462, 103.762, 6, 4),
    StreetSpec("沿江街道", _S, 25.440, 103.835, 4, 6),
    StreetSpec("珠街街道", _S, 25.556, 103.742, 3, 8),
    StreetSpec("越州镇", _T, 25.420, 103.860, 1, 11),
    StreetSpec("东山镇", _T, 25.445, 103.880, 1, 9),
    StreetSpec("茨营镇", _T, 25.580, 103.870, 1, 7),
)

_TINY = (
    DistrictSpec(
        "麒麟区",
        "530302",
        QILIN_BOX,
        communities=5,
        villages=2,
        grids=24,
        members=800,
        units=90,
        demands=180,
        streets=(
            StreetSpec("南宁街道", _S, 25.497, 103.797, 2, 0),
            StreetSpec("建宁街道", _S, 25.508, 103.812, 2, 0),
            StreetSpec("越州镇", _T, 25.420, 103.860, 1, 2),
        ),
    ),
)

# Seed 003: 3 towns and 11 streets, 84 communities and 50 villages, 686 grids, 32,885 members.
_DISTRICT = (
    DistrictSpec(
        "麒麟区",
        "530302",
        QILIN_BOX,
        communities=84,
        villages=50,
        grids=686,
        members=32_885,
        units=2_000,
        demands=3_000,
        streets=_QILIN_STREETS,
    ),
)

# The county-level divisions of Qujing: name, code, box, weight, share of villages, urban district?
_QUJING: tuple[tuple[str, str, Box, float, float, bool], ...] = (
    ("麒麟区", "530302", QILIN_BOX, 1.7, 0.30, True),
    ("沾益区", "530303", (25.62, 25.82, 103.72, 103.92), 1.0, 0.50, True),
    ("马龙区", "530304", (25.33, 25.50, 103.46, 103.66), 0.6, 0.55, True),
    ("陆良县", "530322", (24.95, 25.12, 103.58, 103.76), 1.0, 0.60, False),
    ("师宗县", "530323", (24.74, 24.90, 103.92, 104.08), 0.7, 0.62, False),
    ("罗平县", "530324", (24.80, 24.96, 104.22, 104.38), 0.9, 0.62, False),
    ("富源县", "530325", (25.58, 25.74, 104.18, 104.34), 0.9, 0.62, False),
    ("会泽县", "530326", (26.33, 26.49, 103.22, 103.38), 1.2, 0.66, False),
    ("宣威市", "530381", (26.14, 26.30, 104.02, 104.18), 1.4, 0.64, False),
)


def _city_specs() -> tuple[DistrictSpec, ...]:
    weights = [w for *_, w, _, _ in _QUJING]
    areas = _apportion(5_000, weights)
    grids = _apportion(25_000, weights)
    members = _apportion(1_000_000, weights)
    units = _apportion(100_000, weights)
    demands = _apportion(100_000, weights)
    specs = []
    for i, (name, code, box, _w, village_share, urban) in enumerate(_QUJING):
        villages = round(areas[i] * village_share)
        subdivisions = max(2, round(areas[i] / 12))
        named = _QILIN_STREETS if name == "麒麟区" else ()
        towns = max(1, round(subdivisions * (0.25 if urban else 0.7)))
        extra = max(0, subdivisions - len(named))
        extra_towns = 0 if named else min(towns, extra - 1)
        specs.append(
            DistrictSpec(
                name,
                code,
                box,
                communities=areas[i] - villages,
                villages=villages,
                grids=grids[i],
                members=members[i],
                units=units[i],
                demands=demands[i],
                streets=named,
                extra_streets=extra - extra_towns,
                extra_towns=extra_towns,
            )
        )
    return tuple(specs)


SCALES: dict[str, tuple[DistrictSpec, ...]] = {
    "tiny": _TINY,
    "district": _DISTRICT,
    "city": _city_specs(),
}
