"""Reference resolution against the graph: areas, units and organisations by name, path or code.

Each index is read once per import (one query each) and answers lookups in memory. A lookup returns an
id or raises :class:`RefError`, which says whether the name is unknown or ambiguous and how to fix it
(ambiguous communities ask for the street).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.identity import name_key, normalise_uscc

from .problems import AMBIGUOUS_REFERENCE, UNKNOWN_REFERENCE

STREET_LEVELS = frozenset({"street", "town"})
COMMUNITY_LEVELS = frozenset({"community", "village"})


class RefError(ValueError):
    def __init__(self, type_: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.type = type_
        self.message = message
        self.fix = fix


@dataclass
class AreaRef:
    id: str
    name: str
    level: str
    path: str
    code: str | None
    parent_id: str | None
    location: dict[str, float] | None


@dataclass
class AreaIndex:
    areas: dict[str, AreaRef] = field(default_factory=dict)
    by_name: dict[str, list[AreaRef]] = field(default_factory=lambda: defaultdict(list))
    by_path: dict[str, AreaRef] = field(default_factory=dict)
    by_code: dict[str, AreaRef] = field(default_factory=dict)

    @classmethod
    def load(cls, graph: Graph) -> AreaIndex:
        index = cls()
        for row in graph.read(graph.named("import_ref_areas")):
            index.add(
                AreaRef(
                    row["id"],
                    row["name"] or "",
                    row["level"] or "",
                    row["path"] or "",
                    row["code"],
                    row["parentId"],
                    row["location"],
                )
            )
        return index

    def add(self, area: AreaRef) -> None:
        self.areas[area.id] = area
        self.by_name[name_key(area.name)].append(area)
        if area.path:
            self.by_path[path_key(area.path.split("/"))] = area
        if area.code:
            self.by_code[area.code] = area

    def street_of(self, area_id: str | None) -> AreaRef | None:
        seen = 0
        while area_id is not None and seen < 10:
            area = self.areas.get(area_id)
            if area is None:
                return None
            if area.level in STREET_LEVELS:
                return area
            area_id, seen = area.parent_id, seen + 1
        return None

    def street(self, name: str) -> AreaRef:
        found = [a for a in self.by_name.get(name_key(name), []) if a.level in STREET_LEVELS]
        if not found:
            raise RefError(
                UNKNOWN_REFERENCE,
                f'没有名为 "{name}" 的街道/乡镇',
                "核对街道名称，或先导入区域（gongjian import areas）",
            )
        if len(found) > 1:
            raise RefError(
                AMBIGUOUS_REFERENCE,
                f'街道 "{name}" 不唯一：{"、".join(a.path for a in found)}',
                "写成名称路径，如 麒麟区/星城街道",
            )
        return found[0]

    def community(self, name: str, street: str | None = None) -> AreaRef:
        """A community or village by name, within ``street`` when given."""
        candidates = [a for a in self.by_name.get(name_key(name), []) if a.level in COMMUNITY_LEVELS]
        if street:
            street_key = name_key(street)
            within = [a for a in candidates if (s := self.street_of(a.id)) and name_key(s.name) == street_key]
            if not within:
                where = "、".join(_street_name(self, a) for a in candidates)
                fix = f"{name}属于{where}，请核对所属街道" if candidates else "核对社区名称，或先导入区域"
                raise RefError(UNKNOWN_REFERENCE, f'{street}没有名为 "{name}" 的社区/村', fix)
            candidates = within
        if not candidates:
            raise RefError(
                UNKNOWN_REFERENCE,
                f'没有名为 "{name}" 的社区/村',
                "核对社区名称，或先导入区域（gongjian import areas）",
            )
        if len(candidates) > 1:
            streets = "、".join(_street_name(self, a) for a in candidates)
            raise RefError(
                AMBIGUOUS_REFERENCE,
                f'有{len(candidates)}个名为 "{name}" 的社区（{streets}）',
                "填写所属街道以区分",
            )
        return candidates[0]

    def path(self, parts: list[str]) -> AreaRef:
        """An area by its name path (``星城街道/星城第一社区``), by a path suffix, or by its code."""
        if len(parts) == 1 and parts[0] in self.by_code:
            return self.by_code[parts[0]]
        exact = self.by_path.get(path_key(parts))
        if exact is not None:
            return exact
        keys = [name_key(p) for p in parts]
        found = [a for a in self.by_name.get(keys[-1], []) if self._ends_with(a, keys)]
        if not found:
            raise RefError(
                UNKNOWN_REFERENCE,
                f'没有区域 "{"/".join(parts)}"',
                "写成名称路径，如 星城街道/星城第一社区，或先导入区域",
            )
        if len(found) > 1:
            raise RefError(
                AMBIGUOUS_REFERENCE,
                f'区域 "{"/".join(parts)}" 不唯一：{"、".join(a.path for a in found)}',
                "写出更完整的名称路径，如 星城街道/幸福社区",
            )
        return found[0]

    def _ends_with(self, area: AreaRef, keys: list[str]) -> bool:
        node: AreaRef | None = area
        for key in reversed(keys):
            if node is None or name_key(node.name) != key:
                return False
            node = self.areas.get(node.parent_id) if node.parent_id else None
        return True


def _street_name(index: AreaIndex, area: AreaRef) -> str:
    street = index.street_of(area.id)
    return street.name if street else area.path


def path_key(parts: list[str]) -> str:
    return "/".join(name_key(p) for p in parts)


@dataclass
class UnitRef:
    id: str
    name: str
    uscc: str | None
    location: dict[str, float] | None
    street_ids: set[str]


@dataclass
class UnitIndex:
    by_id: dict[str, UnitRef] = field(default_factory=dict)
    by_name: dict[str, list[UnitRef]] = field(default_factory=lambda: defaultdict(list))
    by_uscc: dict[str, UnitRef] = field(default_factory=dict)

    @classmethod
    def load(cls, graph: Graph, areas: AreaIndex) -> UnitIndex:
        index = cls()
        for row in graph.read(graph.named("import_ref_units")):
            streets = {s.id for a in row["areaIds"] if (s := areas.street_of(a)) is not None}
            unit = UnitRef(row["id"], row["name"] or "", row["uscc"], row["location"], streets)
            index.by_id[unit.id] = unit
            index.by_name[name_key(unit.name)].append(unit)
            if unit.uscc:
                index.by_uscc[normalise_uscc(unit.uscc)] = unit
        return index

    def find(self, name: str, *, uscc: str | None = None, street_id: str | None = None) -> UnitRef | None:
        """The existing unit with this code, else with this name (in this street); None when new."""
        if uscc and uscc in self.by_uscc:
            return self.by_uscc[uscc]
        same = [
            u for u in self.by_name.get(name_key(name), []) if street_id is None or street_id in u.street_ids
        ]
        if street_id is not None and uscc:
            same = [u for u in same if not u.uscc or u.uscc == uscc]
        return same[0] if len(same) == 1 else None

    def resolve(self, name: str, *, uscc: str | None = None, street_id: str | None = None) -> UnitRef:
        """A unit that must exist: by code, else by name (within the street when given)."""
        if uscc:
            if uscc in self.by_uscc:
                return self.by_uscc[uscc]
            raise RefError(
                UNKNOWN_REFERENCE,
                f"没有统一社会信用代码为 {uscc} 的驻区单位",
                "核对代码，或先导入驻区单位名册（gongjian import units）",
            )
        candidates = self.by_name.get(name_key(name), [])
        if street_id is not None:
            candidates = [u for u in candidates if street_id in u.street_ids]
        if not candidates:
            raise RefError(
                UNKNOWN_REFERENCE,
                f'驻区单位名册中没有 "{name}"',
                "核对单位名称，或先导入驻区单位名册（gongjian import units）",
            )
        if len(candidates) > 1:
            raise RefError(
                AMBIGUOUS_REFERENCE,
                f'有{len(candidates)}个名为 "{name}" 的单位',
                "填写所属街道或统一社会信用代码以区分",
            )
        return candidates[0]


@dataclass
class OrgRef:
    id: str
    name: str
    kind: str
    parent_id: str | None
    area_ids: list[str]


@dataclass
class OrgIndex:
    by_id: dict[str, OrgRef] = field(default_factory=dict)
    by_name: dict[str, list[OrgRef]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, graph: Graph) -> OrgIndex:
        index = cls()
        for row in graph.read(graph.named("import_ref_orgs")):
            org = OrgRef(
                row["id"], row["name"] or "", row["kind"] or "", row["parentId"], list(row["areaIds"])
            )
            index.by_id[org.id] = org
            index.by_name[name_key(org.name)].append(org)
        return index

    def resolve(self, text: str) -> OrgRef:
        """An organisation by name, or by ``上级/名称`` when the name alone is not unique."""
        parts = [p for p in text.replace("／", "/").split("/") if p.strip()]
        candidates = self.by_name.get(name_key(parts[-1]), []) if parts else []
        if len(parts) > 1:
            parent_key = name_key(parts[-2])
            candidates = [
                o for o in candidates if o.parent_id and name_key(self.by_id[o.parent_id].name) == parent_key
            ]
        if not candidates:
            raise RefError(
                UNKNOWN_REFERENCE,
                f'没有名为 "{text}" 的党组织',
                "核对名称，或先导入党组织（gongjian import orgs）",
            )
        if len(candidates) > 1:
            raise RefError(
                AMBIGUOUS_REFERENCE,
                f'有{len(candidates)}个名为 "{text}" 的党组织',
                "写成 上级党组织/党组织名称 以区分",
            )
        return candidates[0]

    def committee_of(self, area_id: str) -> OrgRef | None:
        """The community committee (社区党委 / 大党委) that covers an area."""
        found = [o for o in self.by_id.values() if area_id in o.area_ids and o.kind == "community_committee"]
        return found[0] if len(found) == 1 else None


def as_location(value: Any) -> dict[str, float] | None:
    if isinstance(value, dict) and "latitude" in value:
        return {"latitude": float(value["latitude"]), "longitude": float(value["longitude"])}
    return None
