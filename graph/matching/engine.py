"""The matching engine: "which unit can provide parking for this community?" (design.md §5).

Hard rules run in Cypher (``graph/cypher/match_tied_ids``, ``match_candidate_facts`` and
``match_candidates_near``, one file per dialect): active, in the need's category or a narrower one,
remaining capacity above zero, within the radius. The graph returns the facts (distance, remaining,
agreements, seats, street, record, load) of the candidates that pass them and can still reach the top K
(:mod:`.prune`: exact, the answer is the exhaustive one); the score (:mod:`.score`, docs/matching.md) and
the Chinese reasons are computed here, so both backends rank alike.
The same engine answers :meth:`Matcher.match_demand`, :meth:`Matcher.demands_for_unit` and
:meth:`Matcher.members_with_skill`. API and CLI both call it.
"""

from __future__ import annotations

import math
import threading
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongjian.settings import MatchSettings, Settings, get_settings

from .. import schedule as schedules
from .. import spatial
from ..facade import Graph
from ..loop.statistics import STATISTICS as LOOP_STATISTICS
from ..model import AreaLevel, DemandStatus, Label, OrgKind, Rel, ResourceStatus
from ..taxonomy import Category, Taxonomy
from . import prune
from .errors import AmbiguousName, InvalidArgument, NotFound
from .score import (
    FACTOR_ZH,
    MEMBER_REPORTED,
    MEMBER_RESIDENT,
    TIE_VALUE,
    Factor,
    Part,
    Tie,
    capacity_part,
    combine,
    describe_schedule,
    distance_part,
    load_part,
    record_part,
    schedule_part,
)

#: Project statuses that hold capacity of the resources they use (remaining = quantity − these): the
#: loop's own definition, so matching never offers what a dispatch has already booked.
RESERVING = LOOP_STATISTICS["reserving"]
#: Project statuses that count as a completed project in the track record, and as an open commitment
#: (the load): the loop's, which keeps each deliverer's counts of both (``projectsCompleted``…).
COMPLETED = LOOP_STATISTICS["completed"]
OPEN_COMMITMENTS = LOOP_STATISTICS["open"]
OPEN_DEMANDS = [DemandStatus.OPEN.value]
STREET_LEVELS = [AreaLevel.STREET.value, AreaLevel.TOWN.value]
COMMUNITY_LEVELS = [AreaLevel.COMMUNITY.value, AreaLevel.VILLAGE.value]

MAX_LIMIT = 100
MAX_RADIUS_M = 50_000
MAX_QUANTITY = 1_000_000
RATING_MEAN_TTL_S = 60.0
DEFAULT_RATING_MEAN = 3.0

#: The noun of the capacity reason per top-level category ("可用车位40个").
_NOUN = {"parking": "车位"}


# ------------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class PathStep:
    """One hop of the path that justifies a candidate, walked from the community outward.

    ``relationship`` is stored from ``from`` to ``to`` when ``direction`` is ``out`` (→), from ``to`` to
    ``from`` when it is ``in`` (←)."""

    from_label: str
    from_id: str
    from_name: str
    relationship: str
    direction: str
    to_label: str
    to_id: str
    to_name: str

    def as_dict(self) -> dict[str, str]:
        return {
            "fromLabel": self.from_label,
            "fromId": self.from_id,
            "fromName": self.from_name,
            "relationship": self.relationship,
            "direction": self.direction,
            "toLabel": self.to_label,
            "toId": self.to_id,
            "toName": self.to_name,
        }


def path_text(path: Sequence[PathStep]) -> str:
    """``星城社区 ← CO_BUILDS ← 某单位 → OFFERS → 停车场 → IN_CATEGORY → 错时停车``."""
    if not path:
        return ""
    text = path[0].from_name
    for step in path:
        arrow = "→" if step.direction == "out" else "←"
        text += f" {arrow} {step.relationship} {arrow} {step.to_name}"
    return text


@dataclass(frozen=True)
class Node:
    label: str
    id: str
    name: str


def _walk(start: Node, hops: Sequence[tuple[str, str, Node]]) -> list[PathStep]:
    steps, here = [], start
    for rel, direction, there in hops:
        steps.append(
            PathStep(here.label, here.id, here.name, rel, direction, there.label, there.id, there.name)
        )
        here = there
    return steps


@dataclass
class Candidate:
    """One resource that passes the hard rules, with its score, parts, reasons and path."""

    owner_label: str
    unit_id: str
    unit_name: str
    resource_id: str
    resource_name: str
    category: str
    quantity: int
    remaining: int
    unit_of_measure: str | None
    availability: list[str]
    distance_m: float
    tie: Tie
    score: float
    parts: list[Part]
    reasons: list[str]
    path: list[PathStep]

    def as_dict(self) -> dict[str, Any]:
        return {
            "unitId": self.unit_id,
            "unitName": self.unit_name,
            "ownerLabel": self.owner_label,
            "resourceId": self.resource_id,
            "resourceName": self.resource_name,
            "category": self.category,
            "quantity": self.quantity,
            "remaining": self.remaining,
            "unitOfMeasure": self.unit_of_measure,
            "availability": self.availability,
            "distanceMeters": round(self.distance_m, 1),
            "tie": self.tie.value,
            "score": round(self.score, 4),
            "parts": [p.as_dict() for p in self.parts],
            "reasons": self.reasons,
            "path": [s.as_dict() for s in self.path],
            "pathText": path_text(self.path),
        }


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    level: str | None
    path: str | None
    latitude: float | None
    longitude: float | None
    streets: tuple[tuple[str, str], ...]  # (id, name)

    @property
    def node(self) -> Node:
        return Node(Label.AREA.value, self.id, self.name)


@dataclass
class MatchAnswer:
    community: Community
    need: Category
    quantity: int
    window: list[str]
    radius_m: int
    candidates: list[Candidate]
    demand_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "communityId": self.community.id,
            "communityName": self.community.name,
            "need": self.need.code,
            "needName": self.need.name,
            "quantity": self.quantity,
            "window": self.window,
            "radiusMeters": self.radius_m,
            "demandId": self.demand_id,
            "candidates": [c.as_dict() for c in self.candidates],
        }


@dataclass
class DemandCandidate:
    """An open demand a unit can meet, with the unit's best resource for it."""

    demand_id: str
    title: str
    category: str
    quantity: int
    window: list[str]
    urgency: str | None
    created_at: str | None
    deadline: str | None
    area_id: str
    area_name: str
    community_id: str
    community_name: str
    candidate: Candidate

    def as_dict(self) -> dict[str, Any]:
        return {
            "demandId": self.demand_id,
            "title": self.title,
            "category": self.category,
            "quantity": self.quantity,
            "window": self.window,
            "urgency": self.urgency,
            "createdAt": self.created_at,
            "deadline": self.deadline,
            "areaId": self.area_id,
            "areaName": self.area_name,
            "communityId": self.community_id,
            "communityName": self.community_name,
            **{k: v for k, v in self.candidate.as_dict().items() if k not in ("category", "quantity")},
        }


@dataclass
class UnitDemands:
    unit_id: str
    unit_name: str
    demands: list[DemandCandidate]


@dataclass
class MemberCandidate:
    member_id: str
    name: str
    phone: str | None
    status: str | None
    roles: list[str]
    skills: list[str]
    reported: bool
    score: float
    parts: list[Part]
    reasons: list[str]
    path: list[PathStep]


@dataclass
class MemberMatches:
    community: Community
    skill: Category
    members: list[MemberCandidate] = field(default_factory=list)


# ------------------------------------------------------------------------------------ engine
_rating_means: weakref.WeakKeyDictionary[Graph, tuple[float, float]] = weakref.WeakKeyDictionary()
_rating_lock = threading.Lock()


class Matcher:
    """Answers matching questions on one graph. Cheap to create (one per request is fine)."""

    def __init__(
        self,
        graph: Graph,
        settings: Settings | MatchSettings | None = None,
        taxonomy: Taxonomy | None = None,
        today: date | None = None,
    ) -> None:
        self.graph = graph
        if settings is None:
            settings = get_settings()
        self.weights = settings.match if isinstance(settings, Settings) else settings
        self.taxonomy = taxonomy or default_taxonomy()
        self.today = today or date.today()

    # -- resolution ----------------------------------------------------------------------------
    def resolve_need(self, text: str) -> Category:
        """A category code or Chinese free text; raises UnknownCategory with the closest categories."""
        return self.taxonomy.resolve(text)

    def resolve_community(self, text: str) -> Community:
        """An area id, or the unambiguous name or path (街道/社区) of a community or village."""
        text = (text or "").strip()
        if not text:
            raise InvalidArgument("community", text, "give a community id, name or path (街道/社区)")
        found = self._community(text)
        if found is not None:
            return found
        rows = self.graph.read(
            self.graph.named("match_find_community"),
            text=text,
            suffix="/" + text,
            levels=COMMUNITY_LEVELS,
        )
        if not rows:
            raise NotFound("community", text, "give its id (area-…), its name, or its path such as 街道/社区")
        if len(rows) > 1:
            raise AmbiguousName(
                "community", text, [f"{r['path'] or r['name']} ({r['id']})" for r in rows[:10]]
            )
        found = self._community(rows[0]["id"])
        assert found is not None
        return found

    def _community(self, area_id: str) -> Community | None:
        rows = self.graph.read(self.graph.named("match_community"), id=area_id, streetLevels=STREET_LEVELS)
        if not rows:
            return None
        row = rows[0]
        location = row.get("location") or {}
        streets = tuple(dict.fromkeys((s["id"], s["name"] or "") for s in row.get("streets") or []))
        return Community(
            id=row["id"],
            name=row.get("name") or row["id"],
            level=row.get("level"),
            path=row.get("path"),
            latitude=location.get("latitude"),
            longitude=location.get("longitude"),
            streets=streets,
        )

    # -- the question --------------------------------------------------------------------------
    def match(
        self,
        community: str | Community,
        need: str | Category,
        quantity: int = 1,
        window: str | Sequence[str] | None = None,
        radius_m: int | None = None,
        limit: int | None = None,
    ) -> MatchAnswer:
        """Ranked candidates for ``need`` in ``community``; an empty list when nothing qualifies."""
        limit = self._limit(limit)
        if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
            raise InvalidArgument("quantity", quantity, f"a whole number from 1 to {MAX_QUANTITY}")
        if radius_m is not None and not 1 <= radius_m <= MAX_RADIUS_M:
            raise InvalidArgument("radius", radius_m, f"metres from 1 to {MAX_RADIUS_M}")
        window_list = self._window(window)
        category = need if isinstance(need, Category) else self.resolve_need(need)
        where = community if isinstance(community, Community) else self.resolve_community(community)
        radius = radius_m or category.radius_m
        answer = MatchAnswer(where, category, quantity, window_list, radius, [])
        if where.latitude is None or where.longitude is None:
            return answer  # no location: nothing can be within a radius of it
        try:
            spatial.check_reach(where.latitude, where.longitude, radius)
        except spatial.CellsUnavailable as exc:
            raise InvalidArgument("radius", radius, f"{exc}; ask with a smaller radius") from None
        search = _Search(self, where, category, quantity, window_list, radius)
        answer.candidates = search.top(limit)
        return answer

    def match_demand(self, demand_id: str, limit: int | None = None) -> MatchAnswer:
        """The need, quantity and window of a demand, asked for the community that raised it."""
        rows = self.graph.read(
            self.graph.named("match_demand"), id=demand_id, communityLevels=COMMUNITY_LEVELS
        )
        if not rows:
            raise NotFound("demand", demand_id)
        row = rows[0]
        area = row.get("communityId") or row.get("areaId")
        if not area:
            raise NotFound("community", demand_id, "the demand is not linked to the area that raised it")
        quantity = row.get("quantity") or 1
        answer = self.match(
            area,
            row.get("category") or row.get("title") or "",
            quantity=max(1, min(int(quantity), MAX_QUANTITY)),
            window=row.get("window") or [],
            limit=limit,
        )
        answer.demand_id = demand_id
        return answer

    def demands_for_unit(self, unit_id: str, limit: int | None = None) -> UnitDemands:
        """Open demands in reach that one of the unit's resources can meet, ranked like :meth:`match`."""
        limit = self._limit(limit)
        rows = self.graph.read(
            self.graph.named("match_unit_offers"),
            unitId=unit_id,
            active=ResourceStatus.ACTIVE.value,
            streetLevels=STREET_LEVELS,
        )
        if not rows:
            raise NotFound("unit", unit_id)
        unit = rows[0]
        resources = {}
        probes = []
        for row in rows:
            location = row.get("location")
            if not row.get("resourceId") or not location or (row.get("remaining") or 0) <= 0:
                continue
            code = row.get("category") or ""
            if code not in self.taxonomy:
                continue
            served = self._ancestors(code)
            resources[row["resourceId"]] = row
            probes.append(
                {
                    "resourceId": row["resourceId"],
                    "lat": location["latitude"],
                    "lon": location["longitude"],
                    "radius": float(max(c.radius_m for c in served)),
                    "categories": [c.code for c in served],
                }
            )
        result = UnitDemands(unit["unitId"], unit.get("unitName") or unit["unitId"], [])
        if not probes:
            return result
        unit_streets = {s["id"]: s.get("name") or "" for s in unit.get("streets") or []}
        hits = self.graph.read(
            self.graph.named("match_demands_in_reach"),
            unitId=unit_id,
            probes=probes,
            demandOpen=OPEN_DEMANDS,
            communityLevels=COMMUNITY_LEVELS,
            today=self.today.isoformat(),
            committeeKind=OrgKind.COMMUNITY_COMMITTEE.value,
            unitStreetIds=list(unit_streets),
        )
        mean = self.rating_mean()
        best: dict[str, DemandCandidate] = {}
        for hit in hits:
            code = hit.get("category") or ""
            if code not in self.taxonomy:
                continue
            radius = self.taxonomy.get(code).radius_m
            if hit["distance"] > radius:
                continue
            resource = resources[hit["resourceId"]]
            community = Community(
                hit["communityId"], hit.get("communityName") or "", None, None, None, None, ()
            )
            facts = {
                **resource,
                "ownerLabel": Label.UNIT.value,
                "ownerId": unit["unitId"],
                "ownerName": unit.get("unitName"),
                "distance": hit["distance"],
                "agreements": hit.get("agreements"),
                "seats": hit.get("seats"),
                "streetHits": hit.get("streetHits"),
            }
            window = list(hit.get("window") or [])
            quantity = max(1, int(hit.get("quantity") or 1))
            candidate = self._candidate(
                facts, community, quantity, window, radius, mean, with_window=bool(window)
            )
            entry = DemandCandidate(
                demand_id=hit["demandId"],
                title=hit.get("title") or "",
                category=code,
                quantity=quantity,
                window=window,
                urgency=hit.get("urgency"),
                created_at=hit.get("createdAt"),
                deadline=hit.get("deadline"),
                area_id=hit["areaId"],
                area_name=hit.get("areaName") or "",
                community_id=hit["communityId"],
                community_name=hit.get("communityName") or "",
                candidate=candidate,
            )
            known = best.get(entry.demand_id)
            if known is None or _key(candidate) < _key(known.candidate):
                best[entry.demand_id] = entry
        ranked = sorted(best.values(), key=lambda e: (*_key(e.candidate), e.demand_id))
        result.demands = ranked[:limit]
        return result

    def members_with_skill(
        self, community: str | Community, skill: str | Category, limit: int | None = None
    ) -> MemberMatches:
        """Members reported to (双报到) or living in the community whose skills include ``skill``."""
        limit = self._limit(limit)
        category = skill if isinstance(skill, Category) else self.resolve_need(skill)
        where = community if isinstance(community, Community) else self.resolve_community(community)
        codes = [c.code for c in self.taxonomy.descendants(category.code)]
        rows = self.graph.read(
            self.graph.named("match_members_with_skill"),
            communityId=where.id,
            skills=codes,
        )
        mean = self.rating_mean()
        found = []
        for row in rows:
            reported = [d for d in row.get("reported") or [] if d is not None]
            homes = [h for h in row.get("homes") or [] if h]
            is_reported = bool(row.get("reported"))
            tie = MEMBER_REPORTED if is_reported else (MEMBER_RESIDENT if homes else 0.0)
            rated, rating_sum = _ratings(row)
            completed = int(row.get("completed") or 0)
            open_ = int(row.get("openCommitments") or 0)
            values = {
                Factor.TIE: tie,
                Factor.RECORD: record_part(rated, rating_sum, completed, mean, self.weights),
                Factor.LOAD: load_part(open_, self.weights),
            }
            score, parts = combine(values, self.weights)
            member = Node(Label.MEMBER.value, row["memberId"], row.get("name") or "")
            reasons = []
            if is_reported:
                date_ = next((d for d in reported if d), "")
                reasons.append(f"已到本社区报到（{date_}）" if date_ else "已到本社区报到")
                path = _walk(where.node, [(Rel.REPORTED_TO.value, "in", member)])
            else:
                home = homes[0] if homes else where.name
                reasons.append(f"居住在本社区（{home}）" if home != where.name else "居住在本社区")
                path = _walk(where.node, [(Rel.LIVES_IN.value, "in", member)])
            skills = [s for s in row.get("skills") or [] if s in codes]
            names = "、".join(self.taxonomy.get(s).name for s in skills if s in self.taxonomy)
            reasons.append(f"专长：{names or category.name}")
            reasons.append(_record_reason(rated, rating_sum, completed))
            reasons.append(_load_reason(open_))
            found.append(
                MemberCandidate(
                    member_id=row["memberId"],
                    name=row.get("name") or "",
                    phone=row.get("phone"),
                    status=row.get("status"),
                    roles=list(row.get("roles") or []),
                    skills=list(row.get("skills") or []),
                    reported=is_reported,
                    score=score,
                    parts=parts,
                    reasons=reasons,
                    path=path,
                )
            )
        found.sort(key=lambda m: (-round(m.score, 9), m.member_id))
        return MemberMatches(where, category, found[:limit])

    # -- shared pieces -------------------------------------------------------------------------
    def rating_mean(self) -> float:
        """The global mean rating of completed projects, cached for a minute per graph."""
        now = time.monotonic()
        with _rating_lock:
            cached = _rating_means.get(self.graph)
        if cached is not None and now - cached[1] < RATING_MEAN_TTL_S:
            return cached[0]
        rows = self.graph.read(self.graph.named("match_rating_mean"), completed=COMPLETED)
        mean = rows[0].get("mean") if rows else None
        value = float(mean) if mean is not None else DEFAULT_RATING_MEAN
        with _rating_lock:
            _rating_means[self.graph] = (value, now)
        return value

    def _limit(self, limit: int | None) -> int:
        if limit is None:
            return self.weights.default_limit
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise InvalidArgument("limit", limit, f"a whole number from 1 to {MAX_LIMIT}")
        return limit

    def _window(self, window: str | Sequence[str] | None) -> list[str]:
        if not window:
            return []
        try:
            return schedules.normalise_schedule(window)
        except schedules.ScheduleError as exc:
            raise InvalidArgument(
                "window", window, f'{exc} — write e.g. "mon-fri 18:00-08:00" or "工作日18:00-次日8:00"'
            ) from None

    def _ancestors(self, code: str) -> list[Category]:
        """The category and every broader one (the demand categories a resource can serve)."""
        parts = code.split(".")
        return [self.taxonomy.get(".".join(parts[:i])) for i in range(len(parts), 0, -1)]

    def _candidate(
        self,
        row: dict[str, Any],
        community: Community,
        quantity: int,
        window: list[str],
        radius: float,
        mean: float,
        *,
        with_window: bool,
    ) -> Candidate:
        remaining = int(row.get("remaining") or 0)
        distance = float(row.get("distance") or 0.0)
        availability = list(row.get("availability") or [])
        tie, tie_reason, tie_hops = self._tie(row, community)
        rated, rating_sum = _ratings(row)
        completed = int(row.get("completed") or 0)
        open_ = int(row.get("openCommitments") or 0)
        values = {
            Factor.TIE: TIE_VALUE[tie],
            Factor.DISTANCE: distance_part(distance, radius),
            Factor.CAPACITY: capacity_part(remaining, quantity),
            Factor.SCHEDULE: schedule_part(tuple(availability), tuple(window), self.today),
            Factor.RECORD: record_part(rated, rating_sum, completed, mean, self.weights),
            Factor.LOAD: load_part(open_, self.weights),
        }
        score, parts = combine(values, self.weights)
        code = row.get("category") or ""
        category_name = self.taxonomy.get(code).name if code in self.taxonomy else code
        resource = Node(Label.RESOURCE.value, row["resourceId"], row.get("resourceName") or "")
        category_node = Node(Label.CATEGORY.value, code, category_name)
        start = community.node
        if tie is Tie.NONE:  # nothing links the owner to the community: the path starts at the owner
            start = Node(
                row.get("ownerLabel") or Label.UNIT.value,
                row.get("ownerId") or "",
                row.get("ownerName") or "",
            )
        path = _walk(
            start,
            [*tie_hops, (Rel.OFFERS.value, "out", resource), (Rel.IN_CATEGORY.value, "out", category_node)],
        )
        reasons = [
            tie_reason,
            _distance_reason(distance),
            _capacity_reason(code, remaining, quantity, row.get("unitOfMeasure"), availability),
        ]
        if with_window:
            reasons.append(_schedule_reason(values[Factor.SCHEDULE]))
        reasons.append(_record_reason(rated, rating_sum, completed))
        reasons.append(_load_reason(open_))
        return Candidate(
            owner_label=row.get("ownerLabel") or Label.UNIT.value,
            unit_id=row.get("ownerId") or "",
            unit_name=row.get("ownerName") or "",
            resource_id=row["resourceId"],
            resource_name=row.get("resourceName") or "",
            category=code,
            quantity=int(row.get("quantity") or 0),
            remaining=remaining,
            unit_of_measure=row.get("unitOfMeasure"),
            availability=availability,
            distance_m=distance,
            tie=tie,
            score=score,
            parts=parts,
            reasons=[r for r in reasons if r],
            path=path,
        )

    def _tie(self, row: dict[str, Any], community: Community) -> tuple[Tie, str, list[tuple[str, str, Node]]]:
        owner = Node(
            row.get("ownerLabel") or Label.UNIT.value, row.get("ownerId") or "", row.get("ownerName") or ""
        )
        if owner.label == Label.AREA.value and owner.id == community.id:
            return Tie.OWN, "本社区自有资源", []
        agreements = [a for a in row.get("agreements") or [] if a]
        if agreements:
            first = min(agreements, key=lambda a: str(a.get("since") or ""))
            since = str(first.get("since") or "")
            reason = f"共建单位（协议{since[:4]}年起）" if since[:4].isdigit() else "共建单位（协议有效）"
            return Tie.CO_BUILDS, reason, [(Rel.CO_BUILDS.value, "in", owner)]
        seats = [s for s in row.get("seats") or [] if s]
        if seats:
            seat = min(seats, key=lambda s: str(s.get("orgId")))
            org = Node(Label.ORG.value, seat.get("orgId") or "", seat.get("orgName") or "")
            role = f"，{seat['role']}" if seat.get("role") else ""
            reason = f"社区大党委成员单位（{org.name}{role}）"
            return Tie.COMMITTEE, reason, [(Rel.COVERS.value, "in", org), (Rel.SEATED_ON.value, "in", owner)]
        hits = [h for h in row.get("streetHits") or [] if h]
        if hits:
            hit = min(hits, key=lambda h: str(h.get("streetId")))
            street = Node(Label.AREA.value, hit.get("streetId") or "", hit.get("streetName") or "")
            hops: list[tuple[str, str, Node]] = []
            if street.id != community.id:
                hops.append((Rel.WITHIN.value, "out", street))
            area = Node(Label.AREA.value, hit.get("areaId") or "", hit.get("areaName") or "")
            if area.id != street.id:
                hops.append((Rel.WITHIN.value, "in", area))
            hops.append((Rel.LOCATED_IN.value, "in", owner))
            return Tie.SAME_STREET, f"同属{street.name}", hops
        return Tie.NONE, "与本社区暂无共建关系", []


class _Search:
    """One ``match``, exact and pruned (:mod:`.prune`): the tied candidates, then the untied ones near the
    community, each read only when its bound can still reach the top K. The queries share one set of
    parameters, computed once."""

    def __init__(
        self,
        matcher: Matcher,
        community: Community,
        need: Category,
        quantity: int,
        window: list[str],
        radius: int,
    ) -> None:
        self.matcher = matcher
        self.graph = matcher.graph
        self.community = community
        self.need = need.code
        self.quantity = quantity
        self.window = window
        self.radius = float(radius)
        self.mean = matcher.rating_mean()
        self.params: dict[str, Any] = {
            "communityId": community.id,
            "lat": community.latitude,
            "lon": community.longitude,
            "radius": self.radius,
            "categories": [c.code for c in matcher.taxonomy.descendants(need.code)],
            "active": ResourceStatus.ACTIVE.value,
            "today": matcher.today.isoformat(),
            "committeeKind": OrgKind.COMMUNITY_COMMITTEE.value,
            "streetIds": [s[0] for s in community.streets],
            "quantity": quantity,
            "mean": self.mean,
            **prune.bound_parameters(matcher.weights),
        }
        self.pool: dict[str, Candidate] = {}
        self.tied: set[str] = set()  # ids of the tied candidates: read by match_candidate_facts only
        # (distance, bound): every untied candidate within the distance whose bound is above the
        # bound is in the pool, as an unfiltered step read them best bound first (−∞: all of them).
        self.covered: list[tuple[float, float]] = []

    def top(self, limit: int) -> list[Candidate]:
        """The exhaustive search's top ``limit``, reading only what can reach it."""
        ring = self.radius * prune.FIRST_RING
        # The nearest candidates, best bound first, are read while the tied ones are: the engine runs
        # both at once, and whatever they add only raises the threshold.
        nearest = _AHEAD.submit(self._read_near, ring, -math.inf, limit, -1.0, [])
        tied = self._tied_ids()
        self.tied = {t["id"] for t in tied}
        if tied:  # the best-bounded tied candidates first: they set a high threshold
            self._tied(tied, -math.inf, limit)
        self._take_near(nearest.result(), ring, -math.inf, limit, -1.0)
        if len(self.pool) < limit:  # too few near: the best-bounded ones of the whole radius
            self._near(self.radius, -math.inf, limit)
        least = self._threshold(limit)
        rest = [t for t in tied if t["id"] not in self.pool]
        if rest:
            self._tied(rest, least, prune.UNLIMITED)
        reach = self._reach(limit)
        beyond = self._read_within(self._floor(least))
        if reach > max(beyond, 0.0):
            self._near(reach, least, prune.UNLIMITED, beyond)
        return _rank(list(self.pool.values()))[:limit]

    def _read_within(self, floor: float) -> float:
        """The distance within which every untied candidate whose bound reaches ``floor`` is already in
        the pool (−1: none known), so the last step reads only beyond it."""
        return max((distance for distance, above in self.covered if floor > above), default=-1.0)

    def _threshold(self, limit: int) -> float:
        return prune.threshold((c.score for c in self.pool.values()), limit)

    def _reach(self, limit: int) -> float:
        return prune.reach(self._threshold(limit), self.radius, self.matcher.weights)

    def _floor(self, least: float) -> float:
        return max(prune.floor(least, self.matcher.weights), -1.0)  # the bound is never negative

    def _tied_ids(self) -> list[dict[str, Any]]:
        """Resources of owners tied to the community, each with the value of its strongest tie."""
        best: dict[str, float] = {}
        for row in self.graph.read(self.graph.named("match_tied_ids"), **self.params):
            value = TIE_VALUE[Tie(row["tie"])]
            best[row["id"]] = max(value, best.get(row["id"], 0.0))
        return [{"id": id_, "tie": value} for id_, value in best.items()]

    def _tied(self, tied: list[dict[str, Any]], least: float, top: int) -> None:
        rows = self.graph.read(
            self.graph.named("match_candidate_facts"),
            **self.params,
            tied=tied,
            floor=self._floor(least),
            top=top,
        )
        self._add(rows)

    def _near(self, reach: float, least: float, top: int, beyond: float = -1.0) -> None:
        """Untied candidates farther than ``beyond`` and within ``reach`` whose bound reaches ``least``,
        best bound first."""
        rows = self._read_near(reach, least, top, beyond, list(self.pool))
        self._take_near(rows, reach, least, top, beyond)

    def _read_near(
        self, reach: float, least: float, top: int, beyond: float, seen: list[str]
    ) -> list[dict[str, Any]]:
        cells = spatial.cells_within(self.need, self.params["lat"], self.params["lon"], reach)
        return self.graph.read(
            self.graph.named("match_candidates_near"),
            **self.params,
            cells=cells,
            reach=reach,
            beyond=beyond,
            seen=seen,
            floor=self._floor(least),
            top=top,
        )

    def _take_near(
        self, rows: list[dict[str, Any]], reach: float, least: float, top: int, beyond: float
    ) -> None:
        if least == -math.inf and beyond < 0:
            # Unfiltered and best bound first: what was left out has a bound of at most the last row's
            # (candidates excluded as already seen are in the pool).
            self.covered.append((reach, rows[-1]["bound"] if len(rows) >= top else -math.inf))
        # A tied candidate came back with its tie counted as none (the statement reads no ties): the
        # tied steps score it.
        self._add([row for row in rows if row["resourceId"] not in self.tied])

    def _add(self, rows: Sequence[dict[str, Any]]) -> None:
        for row in rows:
            if row["resourceId"] in self.pool:
                continue
            self.pool[row["resourceId"]] = self.matcher._candidate(
                row,
                self.community,
                self.quantity,
                self.window,
                self.radius,
                self.mean,
                with_window=bool(self.window),
            )


# Reads a match starts ahead of needing them (a few at a time: each is one query on the engine).
_AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="gongjian-match")


def _key(candidate: Candidate) -> tuple[float, float, str]:
    return (-round(candidate.score, 9), candidate.distance_m, candidate.resource_id)


def _rank(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=_key)


def _distance_reason(distance: float) -> str:
    if distance < 1000:
        return f"距离{round(distance)}米"
    return f"距离{distance / 1000:.1f}公里"


def _capacity_reason(
    code: str, remaining: int, quantity: int, unit_of_measure: str | None, availability: list[str]
) -> str:
    noun = _NOUN.get(code.split(".")[0], "")
    measure = unit_of_measure or "个"
    text = f"可用{noun}{remaining}{measure}"
    hours = describe_schedule(tuple(availability))
    if hours:
        text += f"（{hours}）"
    if remaining < quantity:
        text += f"，少于所需{quantity}{measure}"
    return text


def _schedule_reason(ratio: float) -> str:
    if ratio >= 0.999:
        return "开放时间覆盖所需时段"
    if ratio <= 0.0:
        return "开放时间与所需时段不重叠"
    return f"开放时间覆盖所需时段的{round(ratio * 100)}%"


def _ratings(row: dict[str, Any]) -> tuple[int, float]:
    """How many ratings the deliverer's completed projects have, and their sum (the loop's statistics,
    ``rated`` and ``ratingSum``, as every matching statement returns them)."""
    return int(row.get("rated") or 0), float(row.get("ratingSum") or 0.0)


def _record_reason(rated: int, rating_sum: float, completed: int) -> str:
    if not completed:
        return "暂无已完成的共建项目"
    text = f"已完成共建项目{completed}个"
    if rated:
        text += f"，平均评分{rating_sum / rated:.1f}"
    return text


def _load_reason(open_commitments: int) -> str:
    return f"在办项目{open_commitments}个" if open_commitments else "当前无在办项目"


_taxonomy_lock = threading.Lock()
_taxonomy: Taxonomy | None = None


def default_taxonomy() -> Taxonomy:
    global _taxonomy
    with _taxonomy_lock:
        if _taxonomy is None:
            _taxonomy = Taxonomy.load()
        return _taxonomy


__all__ = [
    "FACTOR_ZH",
    "Candidate",
    "Community",
    "DemandCandidate",
    "MatchAnswer",
    "Matcher",
    "MemberCandidate",
    "MemberMatches",
    "PathStep",
    "UnitDemands",
    "path_text",
]
