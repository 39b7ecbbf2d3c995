"""The importable lists, by the name used on the command line (in dependency order)."""

from __future__ import annotations

from .agreements import KIND as AGREEMENTS
from .areas import KIND as AREAS
from .base import Kind
from .demands import KIND as DEMANDS
from .members import KIND as MEMBERS
from .orgs import KIND as ORGS
from .resources import KIND as RESOURCES
from .units import KIND as UNITS

KINDS: dict[str, Kind] = {
    kind.spec.kind: kind for kind in (AREAS, ORGS, UNITS, MEMBERS, RESOURCES, DEMANDS, AGREEMENTS)
}
