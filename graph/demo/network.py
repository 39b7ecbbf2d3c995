"""The demo network: territory, party organisations, units, members and resources (design.md §4)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta

from ..identity import area_id, member_id, normalise_name, org_id, resource_id, unit_id, uscc_with_check
from ..model import AreaLevel, OrgKind, UnitType
from ..spatial import location_cell
from ..taxonomy import Taxonomy
from .common import (
    Row,
    _add_years,
    _ago,
    _by_code,
    _cn_number,
    _Community,
    _day,
    _District,
    _Estate,
    _Grid,
    _org_code,
    _permute,
    _person,
    _Place,
    _Res,
    _Street,
    _top,
    _Unit,
)
from .scales import Box, DistrictSpec, StreetSpec, _apportion
from .vocabulary import (
    _AGENCIES,
    _ALL_DAY,
    _BANKS,
    _BRAND_PREFIX,
    _BRAND_SUFFIX,
    _BRANDS,
    _CITY,
    _CONDITIONS,
    _DEFAULT_CONDITIONS,
    _ESTATE_1,
    _ESTATE_2,
    _FOODS,
    _INDUSTRIES,
    _MEMBER_STATUSES,
    _OFFER_PROFILES,
    _OFFER_QTY,
    _OFFICE,
    _OVERNIGHT,
    _PHONE_PREFIXES,
    _PLACE_1,
    _PLACE_2,
    _PUBLIC_TYPES,
    _QILIN_ROADS,
    _RESOURCE_NAMES,
    _ROAD_SUFFIX,
    _SERVICE,
    _SHOPS,
    _SKILL_TOPS,
    _SKILLS,
    _SOCIAL_DISTRICT,
    _STREET_OFFICES,
    _SURNAME_CUM,
    _SURNAMES,
    _TOWN_SHARES,
    _UNIT_TRAITS,
    _UNIT_TYPES,
    _UOM,
    _USCC_KIND,
    _VILLAGE_2,
    _VILLAGE_SHARES,
    _VOLUNTEER_HOURS,
)
from .writer import _Writer

_MARGIN = 0.002  # keep generated points this far (degrees) inside their district's box


class _Demo:
    """Plans and writes one demo network. Phases run in order; each has its own random stream."""

    def __init__(self, specs: Sequence[DistrictSpec], seed: int, taxonomy: Taxonomy) -> None:
        self.specs = specs
        self.seed = seed
        self.tax = taxonomy
        self.codes = {c.code for c in taxonomy.categories}
        self.children = {c.code: [child.code for child in taxonomy.children(c.code)] for c in taxonomy}
        self.key = (seed * 0x2545F491 + 0x1234567) & 0xFFFFFFFF
        self.districts: list[_District] = []
        self.streets: list[_Street] = []
        self.communities: list[_Community] = []
        self.grids: list[_Grid] = []
        self.estates: list[_Estate] = []
        self.groups: list[tuple[str, str, int]] = []  # (building id, group name, grid)
        self.units: list[_Unit] = []
        self.resources: list[_Res] = []
        self.member_offers: list[Row] = []
        self.phones = 0

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"gongjian-demo:{self.seed}:{phase}")

    def run(self, writer: _Writer) -> None:
        self.plan_territory(self.rng("territory"))
        self.write_areas(writer, self.rng("buildings"))
        self.write_orgs(writer, self.rng("orgs"))
        self.write_units(writer, self.rng("units"))
        self.write_members(writer, self.rng("members"))
        self.write_resources(writer, self.rng("resources"))

    # ------------------------------------------------------------------ territory
    def plan_territory(self, rng: random.Random) -> None:
        for spec in self.specs:
            self._plan_district(spec, rng)
        for district in self.districts:
            self._plan_grids(district, rng)
        self._sum_up()

    def _point(
        self, rng: random.Random, lat: float, lon: float, sigma: float, box: Box
    ) -> tuple[float, float]:
        lat = min(max(rng.gauss(lat, sigma), box[0] + _MARGIN), box[1] - _MARGIN)
        lon = min(max(rng.gauss(lon, sigma * 1.1), box[2] + _MARGIN), box[3] - _MARGIN)
        return lat, lon

    def _plan_district(self, spec: DistrictSpec, rng: random.Random) -> None:
        lat, lon = (spec.box[0] + spec.box[1]) / 2, (spec.box[2] + spec.box[3]) / 2
        place = _Place(
            area_id([spec.name], spec.code), spec.name, AreaLevel.DISTRICT, spec.name, lat, lon, spec.code
        )
        district = _District(place, spec, spec.name[:-1])
        self.districts.append(district)
        invented = self._invent_streets(spec, rng)
        streets = list(spec.streets) + invented
        weights = [s.communities for s in streets]
        village_weights = [s.villages for s in streets]
        if invented:  # named streets count as average ones; every weight jittered
            named_c = sum(s.communities for s in spec.streets) / max(len(spec.streets), 1) or 1
            named_v = sum(s.villages for s in spec.streets) / max(len(spec.streets), 1) or 1
            weights = [w / (named_c if i < len(spec.streets) else 1) * rng.uniform(0.7, 1.3)
                       for i, w in enumerate(weights)]  # fmt: skip
            village_weights = [w / (named_v if i < len(spec.streets) else 1) * rng.uniform(0.7, 1.3)
                               for i, w in enumerate(village_weights)]  # fmt: skip
        communities = _apportion(spec.communities, weights)
        villages = _apportion(spec.villages, village_weights)
        numbers = Counter[AreaLevel]()
        for street_spec, n_comm, n_vill in zip(streets, communities, villages, strict=True):
            numbers[street_spec.level] += 1
            number = numbers[street_spec.level] + (99 if street_spec.level == AreaLevel.TOWN else 0)
            self._plan_street(district, street_spec, f"{spec.code}{number:03d}", n_comm, n_vill, rng)

    def _invent_streets(self, spec: DistrictSpec, rng: random.Random) -> list[StreetSpec]:
        used = {s.name[:-2] if s.name.endswith("街道") else s.name[:-1] for s in spec.streets}
        invented = []
        for i in range(spec.extra_streets + spec.extra_towns):
            town = i >= spec.extra_streets
            short = self._fresh_name(rng, used, _PLACE_1, _PLACE_2)
            suffix = ("乡" if rng.random() < 0.2 else "镇") if town else "街道"
            lat, lon = self._point(rng, (spec.box[0] + spec.box[1]) / 2, (spec.box[2] + spec.box[3]) / 2,
                                   0.035 if town else 0.02, spec.box)  # fmt: skip
            level = AreaLevel.TOWN if town else AreaLevel.STREET
            weight_c, weight_v = (0.08, 1.0) if town else (1.0, 0.15)
            invented.append(StreetSpec(short + suffix, level, lat, lon, weight_c, weight_v))
        return invented

    @staticmethod
    def _fresh_name(rng: random.Random, used: set[str], first: str, second: str) -> str:
        for _ in range(200):
            name = rng.choice(first) + rng.choice(second)
            if name not in used:
                used.add(name)
                return name
        name = rng.choice(first) + rng.choice(first) + rng.choice(second)
        while name in used:
            name += rng.choice(second)
        used.add(name)
        return name

    def _plan_street(
        self, district: _District, spec: StreetSpec, code: str, n_comm: int, n_vill: int, rng: random.Random
    ) -> None:
        path = f"{district.place.path}/{spec.name}"
        place = _Place(area_id([path], code), spec.name, spec.level, path, spec.lat, spec.lon, code,
                       parent_id=district.place.id)  # fmt: skip
        short = spec.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")
        street = _Street(place, len(self.districts) - 1, short)
        district.streets.append(len(self.streets))
        self.streets.append(street)
        sigma = 0.006 if spec.level == AreaLevel.STREET else 0.015
        for i in range(n_comm + n_vill):
            village = i >= n_comm
            short_name = self._fresh_name(
                rng, district.used_names, _PLACE_1, _VILLAGE_2 if village else _PLACE_2
            )
            name = short_name + ("村" if village else "社区")
            number = (200 + i - n_comm + 1) if village else i + 1
            lat, lon = self._point(
                rng, spec.lat, spec.lon, sigma * (1.6 if village else 1), district.spec.box
            )
            c_path = f"{path}/{name}"
            c_place = _Place(area_id([c_path], f"{code}{number:03d}"), name,
                             AreaLevel.VILLAGE if village else AreaLevel.COMMUNITY, c_path, lat, lon,
                             f"{code}{number:03d}", parent_id=place.id)  # fmt: skip
            street.communities.append(len(self.communities))
            self.communities.append(_Community(c_place, len(self.streets) - 1, short_name, village))

    def _plan_grids(self, district: _District, rng: random.Random) -> None:
        indexes = [c for s in district.streets for c in self.streets[s].communities]
        weights = [
            rng.uniform(0.4, 0.7) if self.communities[c].village else rng.uniform(1.0, 1.6) for c in indexes
        ]
        first_grid = len(self.grids)
        for c, n_grids in zip(indexes, _apportion(district.spec.grids, weights, 1), strict=True):
            for number in range(1, n_grids + 1):
                self._plan_grid(district, c, number, rng)
        grids = self.grids[first_grid:]
        weights = [
            g.place.households * (0.8 if self.communities[g.community].village else 1.0) for g in grids
        ]
        for grid, n in zip(grids, _apportion(district.spec.members, weights), strict=True):
            grid.members = n

    def _plan_grid(self, district: _District, community_index: int, number: int, rng: random.Random) -> None:
        box = district.spec.box
        community = self.communities[community_index]
        c = community.place
        name = f"第{number}网格"
        path = f"{c.path}/{name}"
        lat, lon = self._point(rng, c.lat, c.lon, 0.003 if not community.village else 0.006, box)
        households = rng.randint(150, 450) if community.village else rng.randint(300, 500)
        factor = rng.uniform(2.3, 3.1)
        place = _Place(area_id([path]), name, AreaLevel.GRID, path, lat, lon, None, households,
                       round(households * factor), c.id)  # fmt: skip
        index = len(self.grids)
        grid = _Grid(place, community_index, number)
        community.grids.append(index)
        self.grids.append(grid)
        n_estates = rng.choices((0, 1), (80, 20))[0] if community.village else rng.choices(
            (0, 1, 2, 3, 4), (5, 30, 35, 20, 10))[0]  # fmt: skip
        if not n_estates:
            return
        housed = round(households * rng.uniform(0.5, 0.95))
        used = {self.estates[e].place.name for e in community.estates}
        for share in _apportion(housed, [rng.uniform(0.5, 1.5) for _ in range(n_estates)], 1):
            estate_name = self._estate_name(rng, used, community)
            e_path = f"{path}/{estate_name}"
            e_lat, e_lon = self._point(rng, lat, lon, 0.0015, box)
            e_place = _Place(area_id([e_path]), estate_name, AreaLevel.ESTATE, e_path, e_lat, e_lon, None,
                             share, round(share * factor), place.id)  # fmt: skip
            buildings = max(1, min(share, round(share / rng.uniform(24, 90))))
            community.estates.append(len(self.estates))
            grid.estates.append(len(self.estates))
            self.estates.append(_Estate(e_place, index, community_index, buildings))

    @staticmethod
    def _estate_name(rng: random.Random, used: set[str], community: _Community) -> str:
        for _ in range(50):
            if community.village:
                name = rng.choice(
                    (f"{community.short}安置小区", f"{community.short}新村", f"{community.short}佳园")
                )
            else:
                name = rng.choice(_ESTATE_1) + rng.choice(_ESTATE_2)
            if name not in used:
                used.add(name)
                return name
        name = f"{community.short}{len(used) + 1}号小区"
        used.add(name)
        return name

    def _sum_up(self) -> None:
        for grid in self.grids:
            community = self.communities[grid.community].place
            community.households += grid.place.households
            community.population += grid.place.population
        for community in self.communities:
            street = self.streets[community.street]
            street.place.households += community.place.households
            street.place.population += community.place.population
        for street in self.streets:
            district = self.districts[street.district].place
            district.households += street.place.households
            district.population += street.place.population

    # ------------------------------------------------------------------ areas
    def write_areas(self, writer: _Writer, rng: random.Random) -> None:
        buildings = sum(e.buildings for e in self.estates)
        fixed = (
            len(self.districts)
            + len(self.streets)
            + len(self.communities)
            + len(self.grids)
            + len(self.estates)
        )
        writer.expect("areas", fixed + buildings)
        writer.add_all("demo_districts", (d.place.row() for d in self.districts))
        writer.flush()
        for level in (self.streets, self.communities, self.grids, self.estates):  # parents first
            writer.add_all("demo_areas", (item.place.row() for item in level))
            writer.flush()
        groups_share = 0.15  # a party group in about one building in seven
        for estate in self.estates:
            writer.add_all("demo_areas", self._buildings(estate, rng, groups_share))
        writer.flush()

    def _buildings(self, estate: _Estate, rng: random.Random, groups_share: float) -> Iterator[Row]:
        e = estate.place
        households = _apportion(e.households, [rng.uniform(0.6, 1.4) for _ in range(estate.buildings)], 1)
        box = self.districts[self.streets[self.communities[estate.community].street].district].spec.box
        for number, hh in enumerate(households, 1):
            name = f"{number}栋"
            path = f"{e.path}/{name}"
            lat, lon = self._point(rng, e.lat, e.lon, 0.0004, box)
            population = round(hh * e.population / max(e.households, 1))
            place = _Place(
                area_id([path]), name, AreaLevel.BUILDING, path, lat, lon, None, hh, population, e.id
            )
            if rng.random() < groups_share:
                self.groups.append((place.id, f"{e.name}{name}党小组", estate.grid))
            yield place.row()

    # ------------------------------------------------------------------ organisations
    def write_orgs(self, writer: _Writer, rng: random.Random) -> None:
        streets = [self._street_org(street, rng) for street in self.streets]
        joint = [row for street in self.streets if (row := self._joint_branch(street, rng))]
        communities = [self._community_org(community, rng) for community in self.communities]
        branches = [self._branch(grid, rng) for grid in self.grids]
        groups = [
            self._org_row(name, self.grids[grid].branch_id, OrgKind.GROUP, building, None, None)
            for building, name, grid in self.groups
        ]
        levels = (streets, joint + communities, branches, groups)
        writer.expect("orgs", sum(len(level) for level in levels))
        for level in levels:  # parents first: a row cannot MATCH a node created in the same statement
            writer.add_all("demo_orgs", level)
            writer.flush()

    @staticmethod
    def _org_row(
        name: str,
        parent: str,
        kind: OrgKind,
        area: str,
        brand: str | None,
        secretary: str | None,
        *,
        root: bool = False,
    ) -> Row:
        return {"id": org_id(name, parent), "name": name, "kind": kind.value, "brand": brand,
                "secretary": secretary, "areaId": area, "parentId": None if root else parent}  # fmt: skip

    @staticmethod
    def _brand(rng: random.Random, short: str) -> str | None:
        if rng.random() >= 0.5:
            return None
        if rng.random() < 0.5:
            return f"{rng.choice(_BRAND_PREFIX)}{short}"
        return f"{short}{rng.choice(_BRAND_SUFFIX)}"

    def _street_org(self, street: _Street, rng: random.Random) -> Row:
        town = street.place.level == AreaLevel.TOWN
        name = f"{street.place.name}{'党委' if town else '党工委'}"
        row = self._org_row(name, street.place.id, OrgKind.STREET_COMMITTEE, street.place.id,
                            self._brand(rng, street.short), _person(rng), root=True)  # fmt: skip
        street.committee_id, street.committee_name = row["id"], name
        return row

    def _joint_branch(self, street: _Street, rng: random.Random) -> Row | None:
        """Couriers, riders and drivers (新就业群体) of the street in one joint branch, in most streets."""
        if rng.random() >= (0.3 if street.place.level == AreaLevel.TOWN else 0.8):
            return None
        name = f"{street.place.name}新就业群体联合党支部"
        row = self._org_row(
            name, street.committee_id, OrgKind.JOINT_BRANCH, street.place.id, None, _person(rng)
        )
        street.joint_id = row["id"]
        return row

    def _community_org(self, community: _Community, rng: random.Random) -> Row:
        street = self.streets[community.street]
        name = f"{community.place.name}党委"
        row = self._org_row(name, street.committee_id, OrgKind.COMMUNITY_COMMITTEE, community.place.id,
                            self._brand(rng, community.short), _person(rng))  # fmt: skip
        community.committee_id, community.committee_name = row["id"], name
        return row

    def _branch(self, grid: _Grid, rng: random.Random) -> Row:
        community = self.communities[grid.community]
        name = f"{community.place.name}{grid.place.name}党支部"
        row = self._org_row(name, community.committee_id, OrgKind.BRANCH, grid.place.id, None, _person(rng))
        grid.branch_id = row["id"]
        return row

    # ------------------------------------------------------------------ units
    def write_units(self, writer: _Writer, rng: random.Random) -> None:
        for district in self.districts:
            self._plan_units(district, rng)
        co_builds, seats, reports, orgs = self._unit_links(rng)
        writer.expect("units", len(self.units))
        writer.expect("unit orgs", len(orgs))
        writer.expect("co-building agreements", len(co_builds))
        writer.expect("committee seats", len(seats))
        writer.expect("unit reports", len(reports))
        writer.add_all("demo_units", (self._unit_row(u) for u in self.units))
        writer.add_all("demo_unit_orgs", orgs)
        writer.add_all("demo_co_builds", co_builds)
        writer.add_all("demo_seated_on", seats)
        writer.add_all("demo_unit_reports", reports)
        writer.flush()

    def _plan_units(self, district: _District, rng: random.Random) -> None:
        communities = [c for s in district.streets for c in self.streets[s].communities]
        weights = [
            0.35 if self.communities[c].village else 1 + 0.25 * len(self.communities[c].grids)
            for c in communities
        ]
        types = [t for t, _ in _UNIT_TYPES]
        shares = [w for _, w in _UNIT_TYPES]
        for c, n in zip(communities, _apportion(district.spec.units, weights), strict=True):
            for _ in range(n):
                self._plan_unit(district, c, rng.choices(types, shares)[0], rng)

    def _plan_unit(self, district: _District, c: int, kind: UnitType, rng: random.Random) -> None:
        community = self.communities[c]
        street = self.streets[community.street]
        if community.village and kind in (UnitType.PROPERTY, UnitType.OWNERS_COMMITTEE, UnitType.BANK):
            kind = rng.choice((UnitType.MERCHANT, UnitType.ENTERPRISE, UnitType.OTHER))
        name = self._unit_name(kind, district, street, community, rng)
        if name is None:
            kind = UnitType.MERCHANT
            name = self._unit_name(kind, district, street, community, rng)
        assert name is not None
        name = normalise_name(name)
        index = len(self.units)
        uscc = None
        if kind in _USCC_KIND and not (kind == UnitType.MERCHANT and rng.random() < 0.15):
            body = f"{_permute(index, self.key ^ 0x5A5A):08d}"
            uscc = uscc_with_check(f"{_USCC_KIND[kind]}{district.spec.code}{_org_code(body)}")
        lat, lon = self._point(rng, community.place.lat, community.place.lon, 0.004, district.spec.box)
        road = self._road(rng, district, community)
        address = f"{_CITY}{district.place.name}{road}{rng.randint(1, 300)}号"
        contact, phone = _person(rng), self._phone(rng, 60_000_000 + index)
        offers = self._offer_codes(kind, rng)
        uid = unit_id(name, street.place.id, uscc)
        self.units.append(_Unit(uid, name, kind, c, lat, lon, uscc, address, contact, phone, offers))
        community.units.append(index)

    @staticmethod
    def _road(rng: random.Random, district: _District, community: _Community) -> str:
        if district.place.name == "麒麟区" and not community.village and rng.random() < 0.5:
            return rng.choice(_QILIN_ROADS)
        if community.village:
            return f"{community.place.name}{rng.choice('一二三四五六')}组"
        return community.short + rng.choice(_ROAD_SUFFIX)

    def _phone(self, rng: random.Random, index: int) -> str:
        return f"{rng.choice(_PHONE_PREFIXES)}{_permute(index, self.key):08d}"

    def _offer_codes(self, kind: str, rng: random.Random, mean: float | None = None) -> tuple[str, ...]:
        profile = _OFFER_PROFILES[kind]
        mean = _UNIT_TRAITS[kind][3] if mean is None else mean  # type: ignore[index]
        wanted = max(1, min(len(profile), round(rng.gauss(mean, 0.9))))
        codes: list[str] = []
        for _ in range(wanted * 4):
            if len(codes) >= wanted:
                break
            code = self._resolve(rng.choices([p for p, _ in profile], [w for _, w in profile])[0], rng)
            if code is not None and code not in codes:
                codes.append(code)
        return tuple(codes)

    def _resolve(self, pattern: str, rng: random.Random) -> str | None:
        """A real category code for a profile entry (``top.*`` picks a child of ``top``)."""
        if pattern.endswith(".*"):
            top = pattern[:-2]
            if top not in self.codes:
                return None
            children = self.children[top]
            return rng.choice(children) if children else top
        if pattern in self.codes:
            return pattern
        return _top(pattern) if _top(pattern) in self.codes else None

    def _unit_name(
        self, kind: UnitType, district: _District, street: _Street, community: _Community, rng: random.Random
    ) -> str | None:
        for attempt in range(30):
            name = _UNIT_NAMERS[kind](self, district, street, community, rng)
            if name is None:
                return None
            scope = (
                district.used_names
                if name.startswith(_CITY) or district.place.name in name
                else street.unit_names
            )
            if attempt >= 25:
                name = f"{name}({community.short}{attempt - 24})"
            if name not in scope and name not in street.unit_names:
                scope.add(name)
                street.unit_names.add(name)
                return name
        return None

    def _unit_links(self, rng: random.Random) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
        co_builds: list[Row] = []
        seats: list[Row] = []
        reports: list[Row] = []
        orgs: list[Row] = []
        for index, unit in enumerate(self.units):
            has_org, co_build, seat, _, _ = _UNIT_TRAITS[unit.type]
            community = self.communities[unit.community]
            street = self.streets[community.street]
            if rng.random() < has_org:
                orgs.append(self._unit_org(unit, community, street, rng))
                if rng.random() < 0.85:
                    reports.append({"unitId": unit.id, "areaId": community.place.id,
                                    "date": _day(_ago(rng, 5, 2_550))})  # fmt: skip
            if rng.random() < co_build:
                since = _ago(rng, 30, 2_700).date()
                co_builds.append(self._agreement(unit, community, street, since, rng))
                community.partners.append(index)
                neighbour = self._neighbour(community, street, rng)
                if neighbour is not None and rng.random() < 0.15:
                    co_builds.append(
                        self._agreement(unit, neighbour, street, _ago(rng, 30, 2_000).date(), rng)
                    )
                    neighbour.partners.append(index)
                if unit.org_id and rng.random() < seat:
                    role = rng.choices(("兼职委员", "兼职副书记", "成员单位代表"), (80, 8, 12))[0]
                    seats.append({"unitId": unit.id, "orgId": community.committee_id, "role": role,
                                  "since": _day(since)})  # fmt: skip
            if (
                unit.org_id
                and unit.type in (UnitType.GOVERNMENT, UnitType.SOE, UnitType.HOSPITAL)
                and (rng.random() < 0.3)
            ):
                seats.append({"unitId": unit.id, "orgId": street.committee_id, "role": "兼职委员",
                              "since": _day(_ago(rng, 60, 2_000))})  # fmt: skip
        return co_builds, seats, reports, orgs

    def _unit_org(self, unit: _Unit, community: _Community, street: _Street, rng: random.Random) -> Row:
        if unit.type in (UnitType.HOSPITAL, UnitType.SOE, UnitType.SCHOOL, UnitType.GOVERNMENT):
            suffix = rng.choices(("党委", "党总支", "党支部"), (2, 3, 5))[0]
        else:
            suffix = "党支部"
        parent = street.committee_id if unit.type in _PUBLIC_TYPES else community.committee_id
        name = f"{unit.name}{suffix}"
        unit.org_id, unit.org_name = org_id(name, unit.id), name
        return {"id": unit.org_id, "name": name, "kind": OrgKind.UNIT_ORG.value, "secretary": _person(rng),
                "unitId": unit.id, "parentId": parent}  # fmt: skip

    def _agreement(
        self, unit: _Unit, community: _Community, street: _Street, since: date, rng: random.Random
    ) -> Row:
        years = rng.choices((0, 1, 2, 3), (1, 3, 4, 3))[0]
        until = None if years == 0 else _day(_add_years(since, years) - timedelta(days=1))
        street.agreements[since.year] += 1
        number = f"{street.short}共建〔{since.year}〕{street.agreements[since.year]:03d}号"
        return {"unitId": unit.id, "areaId": community.place.id, "since": _day(since), "until": until,
                "agreementNo": number}  # fmt: skip

    def _neighbour(self, community: _Community, street: _Street, rng: random.Random) -> _Community | None:
        others = [self.communities[c] for c in street.communities if self.communities[c] is not community]
        if not others:
            return None
        c = community.place
        return min(others, key=lambda o: (o.place.lat - c.lat) ** 2 + (o.place.lon - c.lon) ** 2)

    def _unit_row(self, unit: _Unit) -> Row:
        return {"id": unit.id, "name": unit.name, "uscc": unit.uscc, "type": unit.type.value,
                "address": unit.address, "location": {"latitude": round(unit.lat, 6),
                                                      "longitude": round(unit.lon, 6)},
                "contactName": unit.contact, "contactPhone": unit.phone,
                "areaId": self.communities[unit.community].place.id}  # fmt: skip

    # ------------------------------------------------------------------ members
    def write_members(self, writer: _Writer, rng: random.Random) -> None:
        employers = _Employers(self)
        skills = [code for top in _SKILL_TOPS if top in self.codes for code in self.children[top]]
        writer.expect("members", sum(g.members for g in self.grids))
        for grid in self.grids:
            for _ in range(grid.members):
                row = self._member(grid, employers, skills, rng)
                shape = "_reported" if "reportedToId" in row else "_working" if "unitId" in row else ""
                writer.add(f"demo_members{shape}", row)
        writer.flush()

    def _member(self, grid: _Grid, employers: _Employers, skills: list[str], rng: random.Random) -> Row:
        community = self.communities[grid.community]
        street = self.streets[community.street]
        status = rng.choices(
            _MEMBER_STATUSES, cum_weights=_VILLAGE_SHARES if community.village else _TOWN_SHARES
        )[0]
        name = _person(rng)
        phone = self._phone(rng, self.phones)
        self.phones += 1
        org, unit, reported = grid.branch_id, None, None
        if status == "in_service":
            employer = employers.pick(grid.community, rng)
            unit = employer.id if employer else None
            org = (employer.org_id if employer else None) or grid.branch_id
            reported = community.place.id if rng.random() < 0.85 else None
        elif status == "new_employment":
            if street.joint_id and rng.random() < 0.75:
                org = street.joint_id
            if rng.random() < 0.5:
                unit = employers.gig(community.street, rng)
        home = self._home(grid, community, rng)
        roles = self._roles(status, home.level, rng)
        member_skills = rng.sample(
            skills, k=min(len(skills), rng.choices((0, 1, 2, 3), cum_weights=_SKILLS)[0])
        )
        points = rng.randint(20, 400) if "volunteer" in roles else rng.randint(0, 120)
        row = {"id": member_id(name, phone), "name": name, "phone": phone, "status": status, "roles": roles,
               "skills": member_skills, "points": points, "orgId": org, "homeId": home.id}  # fmt: skip
        if unit is not None:
            row["unitId"] = unit
            if reported is not None:
                row["reportedToId"], row["reportedOn"] = reported, _day(_ago(rng, 3, 2_400))
        if "volunteer" in roles and member_skills and rng.random() < 0.05:
            self._member_offer(row, home, grid.community, rng)
        return row

    def _home(self, grid: _Grid, community: _Community, rng: random.Random) -> _Place:
        draw = rng.random()
        if grid.estates and draw < 0.55:
            return self.estates[rng.choice(grid.estates)].place
        if draw < 0.85:
            return grid.place
        return community.place

    @staticmethod
    def _roles(status: str, home_level: str, rng: random.Random) -> list[str]:
        roles = []
        if rng.random() < (0.08 if status == "retired" else 0.03):
            roles.append("central_household")
        if home_level == AreaLevel.ESTATE and rng.random() < 0.06:
            roles.append("building_head")
        if status in ("in_service", "new_employment") and rng.random() < 0.015:
            roles.append("grid_worker")
        if rng.random() < 0.4:
            roles.append("volunteer")
        if rng.random() < 0.03:
            roles.append("issue_spotter")
        return roles

    def _member_offer(self, member: Row, home: _Place, community: int, rng: random.Random) -> None:
        code = member["skills"][0]
        category = self.tax.get(code)
        name = f"{category.name}志愿服务"
        low, high = _by_code(_OFFER_QTY, code, (2, 20))
        quantity = max(1, round(rng.randint(low, high) * 0.3))
        active = rng.random() < 0.9
        rid = resource_id(member["id"], code, name)
        self.member_offers.append({
            "id": rid, "name": name, "category": code, "quantity": quantity,
            "unitOfMeasure": _by_code(_UOM, code, "次"), "availability": list(rng.choice(_VOLUNTEER_HOURS)),
            "conditions": "需提前一周预约", "serviceType": "volunteer",
            "status": "active" if active else "paused",
            "location": home.location, "ownerId": member["id"],
            "cell": location_cell(code, home.location),
        })  # fmt: skip
        self.resources.append(
            _Res(rid, code, member["id"], "member", "党员志愿者", community, quantity, active)
        )

    # ------------------------------------------------------------------ resources
    def write_resources(self, writer: _Writer, rng: random.Random) -> None:
        area_rows = [row for community in self.communities for row in self._area_offers(community, rng)]
        writer.expect(
            "resources", sum(len(u.offers) for u in self.units) + len(area_rows) + len(self.member_offers)
        )
        writer.add_all("demo_resources_member", self.member_offers)
        self.member_offers = []
        writer.add_all("demo_resources_area", area_rows)
        for unit in self.units:
            for code in unit.offers:
                writer.add("demo_resources_unit", self._unit_offer(unit, code, rng))
        writer.flush()

    def _offer_row(self, owner: str, code: str, rng: random.Random, location: dict[str, float]) -> Row:
        category = self.tax.get(code)
        name = rng.choice(_RESOURCE_NAMES.get(code, (category.name,)))
        low, high = _by_code(_OFFER_QTY, code, (2, 20))
        quantity = rng.randint(low, high)
        if _top(code) == "funding":
            quantity = max(500, round(quantity, -3))
        if code == "parking.offpeak":
            availability = rng.choice(_OVERNIGHT)
        elif _top(code) == "parking":
            availability = rng.choice(_ALL_DAY)
        elif _top(code) == "venue":
            availability = rng.choice(_OFFICE)
        else:
            availability = rng.choice(_SERVICE)
        status = rng.choices(("active", "paused", "retired"), (85, 10, 5))[0]
        return {"id": resource_id(owner, code, name), "name": name, "category": code, "quantity": quantity,
                "unitOfMeasure": _by_code(_UOM, code, "次"), "availability": list(availability),
                "conditions": rng.choice(_by_code(_CONDITIONS, code, _DEFAULT_CONDITIONS)),
                "serviceType": "public", "status": status, "location": location,
                "cell": location_cell(code, location),
                "ownerId": owner}  # fmt: skip

    def _unit_offer(self, unit: _Unit, code: str, rng: random.Random) -> Row:
        location = {"latitude": round(unit.lat, 6), "longitude": round(unit.lon, 6)}
        row = self._offer_row(unit.id, code, rng, location)
        if _top(code) == "volunteer" or unit.type in (UnitType.SOCIAL_ORG, UnitType.OWNERS_COMMITTEE):
            row["serviceType"] = "volunteer"
        elif unit.type not in _PUBLIC_TYPES:
            row["serviceType"] = "volunteer" if rng.random() < 0.25 else "social"
        self.resources.append(
            _Res(
                row["id"],
                code,
                unit.id,
                "unit",
                unit.name,
                unit.community,
                row["quantity"],
                row["status"] == "active",
            )
        )
        return row

    def _area_offers(self, community: _Community, rng: random.Random) -> list[Row]:
        codes = self._offer_codes("area", rng, mean=4.5)
        return [self._offer_row(community.place.id, code, rng, community.place.location) for code in codes]


# ============================================================================ unit names
def _singleton(district: _District, names: Sequence[str], rng: random.Random) -> str | None:
    free = [n for n in names if n not in district.used_names]
    return rng.choice(free) if free else None


def _name_government(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if rng.random() < 0.3:
        agency = _singleton(d, [f"{_CITY}{d.place.name}{a}" for a in _AGENCIES], rng)
        if agency:
            return agency
    if rng.random() < 0.15:
        return f"{_CITY}{d.place.name}{c.short}消防救援站"
    office = rng.choice(_STREET_OFFICES)
    if office == "派出所":
        return f"{_CITY}公安局{d.short}分局{s.short}派出所"
    return f"{d.place.name}{s.place.name}{office}"


def _name_school(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if c.village:
        return f"{d.place.name}{s.short}{c.short}{rng.choice(('小学', '幼儿园', '完小'))}"
    kind = rng.choices(("numbered", "primary", "middle", "kindergarten"), (2, 4, 2, 3))[0]
    if kind == "numbered":
        return f"{_CITY}第{_cn_number(rng.randint(1, 30))}中学"
    suffix = {"primary": "小学", "middle": "中学", "kindergarten": "幼儿园"}[kind]
    return f"{d.place.name}{c.short}{suffix}"


def _name_hospital(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if c.village:
        return f"{d.place.name}{s.short}{c.place.name}卫生室"
    big = _singleton(d, [f"{d.place.name}人民医院", f"{d.place.name}中医医院", f"{d.place.name}妇幼保健院",
                         *(f"{_CITY}第{_cn_number(i)}人民医院" for i in range(1, 4))], rng)  # fmt: skip
    if big and rng.random() < 0.25:
        return big
    return rng.choice((
        f"{d.place.name}{s.place.name}社区卫生服务中心", f"{c.place.name}卫生服务站",
        f"曲靖{rng.choice(_BRANDS)}口腔医院", f"曲靖{rng.choice(_BRANDS)}眼科医院",
    ))  # fmt: skip


def _name_bank(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    return f"{rng.choice(_BANKS)}曲靖{c.short}支行"


def _name_soe(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    big = _singleton(d, [f"云南电网有限责任公司曲靖{d.short}供电局", f"{_CITY}烟草公司{d.place.name}分公司",
                         f"中国移动通信集团云南有限公司曲靖{d.place.name}分公司"], rng)  # fmt: skip
    if big and rng.random() < 0.3:
        return big
    return rng.choice((
        f"云南电网曲靖{d.short}供电局{s.short}供电所", f"中国移动曲靖分公司{c.short}营业厅",
        f"中国电信曲靖分公司{c.short}营业厅", f"中国邮政曲靖{c.short}邮政支局", f"中国石化{c.short}加油站",
        f"{_CITY}自来水有限公司{s.short}营业所", f"{_CITY}烟草公司{d.place.name}分公司{s.short}营销部",
    ))  # fmt: skip


def _name_property(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    brand = rng.choice(_BRANDS)
    return rng.choice((f"曲靖{brand}物业服务有限公司", f"云南{brand}物业管理有限公司",
                       f"{brand}物业服务有限公司曲靖分公司"))  # fmt: skip


def _name_enterprise(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    brand, industry = rng.choice(_BRANDS), rng.choice(_INDUSTRIES)
    return rng.choice((f"曲靖{brand}{industry}有限公司", f"云南{brand}{industry}有限公司",
                       f"曲靖市{d.short}{brand}{industry}有限公司"))  # fmt: skip


def _name_social(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    association = _singleton(d, [f"{d.place.name}{a}" for a in _SOCIAL_DISTRICT], rng)
    if association and rng.random() < 0.3:
        return association
    return rng.choice((
        f"{_CITY}{rng.choice(_BRANDS)}社会工作服务中心", f"{c.place.name}居家养老服务中心",
        f"{c.place.name}老年协会", f"{d.place.name}{rng.choice(_BRANDS)}助残服务中心",
    ))  # fmt: skip


def _name_merchant(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    brand = rng.choice(_BRANDS)
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    return rng.choice((
        f"{brand}超市({c.short}店)", f"{surname}记{rng.choice(_FOODS)}", f"{c.short}{rng.choice(_SHOPS)}",
        f"{brand}餐馆", f"{brand}大药房({c.short}店)", f"{surname}氏{rng.choice(_SHOPS)}",
    ))  # fmt: skip


def _name_owners(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str | None:
    free = [demo.estates[e].place.name for e in c.estates]
    free = [f"{n}业主委员会" for n in free if f"{n}业主委员会" not in s.unit_names]
    return rng.choice(free) if free else None


def _name_other(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if c.village:
        return f"{d.place.name}{s.short}{c.place.name}股份经济合作社"
    return rng.choice((f"{c.short}农贸市场", f"{d.place.name}{c.short}客运站", f"{c.short}文化广场管理处"))


_UNIT_NAMERS: dict[UnitType, Callable[[_Demo, _District, _Street, _Community, random.Random], str | None]] = {
    UnitType.GOVERNMENT: _name_government, UnitType.SCHOOL: _name_school, UnitType.HOSPITAL: _name_hospital,
    UnitType.BANK: _name_bank, UnitType.SOE: _name_soe, UnitType.PROPERTY: _name_property,
    UnitType.ENTERPRISE: _name_enterprise, UnitType.SOCIAL_ORG: _name_social,
    UnitType.MERCHANT: _name_merchant,
    UnitType.OWNERS_COMMITTEE: _name_owners, UnitType.OTHER: _name_other,
}  # fmt: skip


# ============================================================================ employers
class _Employers:
    """Where in-service members work: units with a party organisation, weighted by size, nearby first."""

    def __init__(self, demo: _Demo) -> None:
        self.demo = demo
        self.by_community: dict[int, tuple[list[int], list[float]]] = {}
        self.by_street: dict[int, tuple[list[int], list[float]]] = {}
        self.by_district: dict[int, tuple[list[int], list[float]]] = {}
        self.gig_by_street: dict[int, list[int]] = defaultdict(list)
        staged: dict[str, dict[int, list[int]]] = {
            "c": defaultdict(list),
            "s": defaultdict(list),
            "d": defaultdict(list),
        }
        for index, unit in enumerate(demo.units):
            street = demo.communities[unit.community].street
            if unit.type in (UnitType.ENTERPRISE, UnitType.MERCHANT):
                self.gig_by_street[street].append(index)
            if unit.org_id is None:
                continue
            staged["c"][unit.community].append(index)
            staged["s"][street].append(index)
            staged["d"][demo.streets[street].district].append(index)
        for key, target in (("c", self.by_community), ("s", self.by_street), ("d", self.by_district)):
            for scope, members in staged[key].items():
                target[scope] = (members, self._cumulative(members))

    def _cumulative(self, units: list[int]) -> list[float]:
        total, cumulative = 0.0, []
        for index in units:
            total += _UNIT_TRAITS[self.demo.units[index].type][4]
            cumulative.append(total)
        return cumulative

    def pick(self, community: int, rng: random.Random) -> _Unit | None:
        demo = self.demo
        if not demo.units:
            return None
        if rng.random() < 0.08 or not self.by_district:
            return demo.units[rng.randrange(len(demo.units))]
        street = demo.communities[community].street
        draw = rng.random()
        scopes = [
            (self.by_community.get(community), draw < 0.35),
            (self.by_street.get(street), draw < 0.7),
            (self.by_district.get(demo.streets[street].district), True),
        ]
        for scope, chosen in scopes:
            if scope and chosen:
                units, cumulative = scope
                return demo.units[rng.choices(units, cum_weights=cumulative)[0]]
        units, cumulative = next(iter(self.by_district.values()))
        return demo.units[rng.choices(units, cum_weights=cumulative)[0]]

    def gig(self, street: int, rng: random.Random) -> str | None:
        units = self.gig_by_street.get(street)
        return self.demo.units[rng.choice(units)].id if units else None
