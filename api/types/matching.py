"""Matching queries (docs/matching.md): ``match``, ``matchDemand``, ``demandsForUnit``, ``membersWithSkill``.

Each returns a result union: the answer, or an expected refusal as data (unknown need, nothing with
that id, a bad argument). The engine is :class:`gongjian.graph.matching.Matcher`, shared with the CLI;
it runs off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import strawberry
from starlette.concurrency import run_in_threadpool

from gongjian.graph.matching import (
    AmbiguousName,
    Candidate,
    InvalidArgument,
    Matcher,
    NotFound,
    PathStep,
    Tie,
    UnknownCategory,
    path_text,
)
from gongjian.graph.matching.engine import DemandCandidate, MemberCandidate
from gongjian.graph.matching.score import FACTOR_ZH, Part
from gongjian.graph.model import Label

from ..context import Info
from ..errors import InvalidArgumentError, NotFoundError, UserFacingError
from ..masking import Kind, personal
from .nodes import Area, Category, Demand, Member, Resource, Unit

TieKind = strawberry.enum(
    Tie,
    name="TieKind",
    description="How a candidate is tied to the community / 与社区的关系",
)


@strawberry.type(description="One weighted part of a score / 评分的一项")
class ScorePart:
    factor: str = strawberry.field(description="tie, distance, capacity, schedule, record or load / 因素")
    name_zh: str = strawberry.field(description="Chinese name of the factor / 中文名")
    value: float = strawberry.field(description="The part, 0…1 / 分项得分")
    weight: float = strawberry.field(description="Its weight (settings) / 权重")
    contribution: float = strawberry.field(description="What it adds to the score / 对总分的贡献")

    @staticmethod
    def of(part: Part) -> ScorePart:
        return ScorePart(
            factor=part.factor.value,
            name_zh=FACTOR_ZH[part.factor],
            value=round(part.value, 4),
            weight=part.weight,
            contribution=round(part.contribution, 4),
        )


@strawberry.type(description="One hop of the graph path that justifies a candidate / 关系路径的一步")
class PathHop:
    from_label: str
    from_id: str
    from_name: str
    relationship: str = strawberry.field(description="Relationship type / 关系类型")
    direction: str = strawberry.field(description="out: from → to as stored; in: from ← to / 方向")
    to_label: str
    to_id: str
    to_name: str

    @staticmethod
    def of(step: PathStep) -> PathHop:
        return PathHop(
            from_label=step.from_label,
            from_id=step.from_id,
            from_name=step.from_name,
            relationship=step.relationship,
            direction=step.direction,
            to_label=step.to_label,
            to_id=step.to_id,
            to_name=step.to_name,
        )


@strawberry.type(description="A resource that meets the need, ranked / 匹配候选")
class MatchCandidate:
    unit_id: str = strawberry.field(description="Id of the offering unit (or area, member) / 提供方编号")
    unit_name: str = strawberry.field(description="Its name / 提供方名称")
    owner_label: str = strawberry.field(description="Unit, Area or Member / 提供方类型")
    resource_id: str
    resource_name: str
    category_code: str
    quantity: int = strawberry.field(description="Quantity offered / 提供数量")
    remaining: int = strawberry.field(description="Remaining capacity / 剩余可用")
    unit_of_measure: str | None
    availability: list[str]
    distance_meters: float = strawberry.field(description="Distance to the community / 距离（米）")
    tie: TieKind  # type: ignore[valid-type]
    score: float = strawberry.field(description="Weighted score 0…1 / 综合评分")
    parts: list[ScorePart] = strawberry.field(description="The score's parts / 评分分项")
    reasons: list[str] = strawberry.field(description="Why, in Chinese / 推荐理由")
    path: list[PathHop] = strawberry.field(description="The graph path behind the tie / 关系路径")
    path_text: str = strawberry.field(description="The path as text / 关系路径（文字）")

    @staticmethod
    def of(c: Candidate) -> MatchCandidate:
        return MatchCandidate(
            unit_id=c.unit_id,
            unit_name=c.unit_name,
            owner_label=c.owner_label,
            resource_id=c.resource_id,
            resource_name=c.resource_name,
            category_code=c.category,
            quantity=c.quantity,
            remaining=c.remaining,
            unit_of_measure=c.unit_of_measure,
            availability=c.availability,
            distance_meters=round(c.distance_m, 1),
            tie=c.tie,
            score=round(c.score, 4),
            parts=[ScorePart.of(p) for p in c.parts],
            reasons=c.reasons,
            path=[PathHop.of(s) for s in c.path],
            path_text=path_text(c.path),
        )

    @strawberry.field(description="The offering unit (null when an area or member offers it) / 提供单位")
    async def unit(self, info: Info) -> Unit | None:
        if self.owner_label != Label.UNIT.value:
            return None
        row = await info.context.loaders.node(Label.UNIT).load(self.unit_id)
        return Unit.of(row) if row else None

    @strawberry.field(description="The resource / 资源")
    async def resource(self, info: Info) -> Resource | None:
        row = await info.context.loaders.node(Label.RESOURCE).load(self.resource_id)
        return Resource.of(row) if row else None


@strawberry.type(description="Ranked candidates for a need in a community / 匹配结果")
class MatchList:
    community_id: str
    community_name: str
    need: Category = strawberry.field(description="The resolved need / 解析后的需求类别")
    quantity: int
    window: list[str]
    radius_meters: int
    demand_id: str | None = strawberry.field(description="Set by matchDemand / 需求编号")
    candidates: list[MatchCandidate] = strawberry.field(description="Best first; empty when none / 候选")

    @strawberry.field(description="The community / 社区")
    async def community(self, info: Info) -> Area | None:
        row = await info.context.loaders.node(Label.AREA).load(self.community_id)
        return Area.of(row) if row else None


@strawberry.type(description="A need (or skill) the taxonomy does not know / 未知需求类别")
class UnknownNeedError(UserFacingError):
    text: str = strawberry.field(description="The text given / 输入的文字")
    suggestions: list[Category] = strawberry.field(description="The closest categories / 最接近的类别")


@strawberry.type(description="An open demand a unit can meet, with its best resource / 单位可承接的需求")
class DemandMatch:
    demand_id: str
    title: str
    category_code: str
    quantity: int
    community_id: str
    community_name: str
    candidate: MatchCandidate

    @strawberry.field(description="The demand / 需求")
    async def demand(self, info: Info) -> Demand | None:
        row = await info.context.loaders.node(Label.DEMAND).load(self.demand_id)
        return Demand.of(row) if row else None


@strawberry.type(description="Open demands in reach of a unit / 单位可承接的需求")
class DemandMatchList:
    unit_id: str
    unit_name: str
    demands: list[DemandMatch] = strawberry.field(description="Best first / 按评分排序")


@strawberry.type(description="A member with the skill / 具备专长的党员")
class MemberMatch:
    member_id: str
    reported: bool = strawberry.field(description="Reported to the community (双报到) / 已报到")
    skills: list[str]
    score: float
    parts: list[ScorePart]
    reasons: list[str]
    path: list[PathHop]
    raw_name: strawberry.Private[str]
    raw_phone: strawberry.Private[str | None]

    @strawberry.field(description="Name — masked / 姓名（脱敏）")
    def name(self, info: Info) -> str | None:
        return personal(
            self.raw_name, Kind.NAME, info.context, label=Label.MEMBER, node_id=self.member_id, field="name"
        )

    @strawberry.field(description="Phone — masked / 手机号（脱敏）")
    def phone(self, info: Info) -> str | None:
        return personal(
            self.raw_phone,
            Kind.PHONE,
            info.context,
            label=Label.MEMBER,
            node_id=self.member_id,
            field="phone",
        )

    @strawberry.field(description="The member / 党员")
    async def member(self, info: Info) -> Member | None:
        row = await info.context.loaders.node(Label.MEMBER).load(self.member_id)
        return Member.of(row) if row else None


@strawberry.type(description="Members with a skill in a community / 社区内具备专长的党员")
class MemberMatchList:
    community_id: str
    community_name: str
    skill: Category
    members: list[MemberMatch]


MatchResult = Annotated[
    MatchList | UnknownNeedError | NotFoundError | InvalidArgumentError,
    strawberry.union("MatchResult", description="Candidates, or why there are none / 匹配结果或拒绝原因"),
]
DemandsForUnitResult = Annotated[
    DemandMatchList | NotFoundError | InvalidArgumentError,
    strawberry.union("DemandsForUnitResult", description="Demands a unit can meet / 单位可承接的需求"),
]
MembersWithSkillResult = Annotated[
    MemberMatchList | UnknownNeedError | NotFoundError | InvalidArgumentError,
    strawberry.union("MembersWithSkillResult", description="Members with a skill / 具备专长的党员"),
]


T = TypeVar("T")
R = TypeVar("R")
Refusal = UnknownNeedError | NotFoundError | InvalidArgumentError


def _refusal(exc: Exception) -> Refusal:
    if isinstance(exc, UnknownCategory):
        return UnknownNeedError(
            message=str(exc), text=exc.text, suggestions=[Category.of(c) for c in exc.suggestions]
        )
    if isinstance(exc, NotFound):
        return NotFoundError(message=str(exc), kind=exc.kind, value=exc.value)
    if isinstance(exc, AmbiguousName):
        return InvalidArgumentError(message=str(exc), argument="communityId", options=list(exc.options))
    assert isinstance(exc, InvalidArgument)
    return InvalidArgumentError(message=str(exc), argument=exc.argument)


_EXPECTED = (UnknownCategory, NotFound, AmbiguousName, InvalidArgument)


async def _answer(info: Info, ask: Callable[[Matcher], T], present: Callable[[T], R]) -> R | Refusal:
    """Ask the matcher off the event loop; expected refusals come back as result types, not errors."""

    def run() -> R | Refusal:
        try:
            found = ask(_matcher(info))
        except _EXPECTED as exc:
            return _refusal(exc)
        return present(found)

    return await run_in_threadpool(run)


def _list(answer) -> MatchList:  # type: ignore[no-untyped-def]
    return MatchList(
        community_id=answer.community.id,
        community_name=answer.community.name,
        need=Category.of(answer.need),
        quantity=answer.quantity,
        window=answer.window,
        radius_meters=answer.radius_m,
        demand_id=answer.demand_id,
        candidates=[MatchCandidate.of(c) for c in answer.candidates],
    )


def _demand(entry: DemandCandidate) -> DemandMatch:
    return DemandMatch(
        demand_id=entry.demand_id,
        title=entry.title,
        category_code=entry.category,
        quantity=entry.quantity,
        community_id=entry.community_id,
        community_name=entry.community_name,
        candidate=MatchCandidate.of(entry.candidate),
    )


def _member(m: MemberCandidate) -> MemberMatch:
    return MemberMatch(
        member_id=m.member_id,
        reported=m.reported,
        skills=m.skills,
        score=round(m.score, 4),
        parts=[ScorePart.of(p) for p in m.parts],
        reasons=m.reasons,
        path=[PathHop.of(s) for s in m.path],
        raw_name=m.name,
        raw_phone=m.phone,
    )


def _matcher(info: Info) -> Matcher:
    return Matcher(info.context.graph, info.context.settings, info.context.taxonomy)


_LIMIT = "How many candidates, 1…100 (default GONGJIAN_MATCH_DEFAULT_LIMIT) / 返回条数"


@strawberry.type
class MatchQuery:
    @strawberry.field(description="Which units can meet a need in a community, ranked / 资源匹配")
    async def match(
        self,
        info: Info,
        community_id: Annotated[
            str, strawberry.argument(description="Area id, or a name or path such as 街道/社区 / 社区")
        ],
        need: Annotated[
            str, strawberry.argument(description="Category code or Chinese text (停车位, 义诊) / 需求")
        ],
        quantity: Annotated[int, strawberry.argument(description="Quantity needed / 数量")] = 1,
        window: Annotated[
            list[str] | None,
            strawberry.argument(description="When: mon-fri 18:00-08:00 or 工作日18:00-次日8:00 / 时段"),
        ] = None,
        radius: Annotated[
            int | None, strawberry.argument(description="Metres; default per category / 半径（米）")
        ] = None,
        limit: Annotated[int | None, strawberry.argument(description=_LIMIT)] = None,
    ) -> MatchResult:
        return await _answer(
            info, lambda m: m.match(community_id, need, quantity, window, radius, limit), _list
        )

    @strawberry.field(description="Candidates for a demand: its need, quantity and window / 按需求匹配")
    async def match_demand(
        self,
        info: Info,
        demand_id: strawberry.ID,
        limit: Annotated[int | None, strawberry.argument(description=_LIMIT)] = None,
    ) -> MatchResult:
        return await _answer(info, lambda m: m.match_demand(str(demand_id), limit), _list)

    @strawberry.field(description="Open demands in reach that a unit's resources can meet / 单位可承接的需求")
    async def demands_for_unit(
        self,
        info: Info,
        unit_id: strawberry.ID,
        limit: Annotated[int | None, strawberry.argument(description=_LIMIT)] = None,
    ) -> DemandsForUnitResult:
        result = await _answer(
            info,
            lambda m: m.demands_for_unit(str(unit_id), limit),
            lambda found: DemandMatchList(
                unit_id=found.unit_id, unit_name=found.unit_name, demands=[_demand(d) for d in found.demands]
            ),
        )
        assert not isinstance(result, UnknownNeedError)  # no need is named, so none can be unknown
        return result

    @strawberry.field(description="Members reported to or living in a community with a skill / 按专长找党员")
    async def members_with_skill(
        self,
        info: Info,
        community_id: Annotated[str, strawberry.argument(description="Area id, name or path / 社区")],
        skill: Annotated[str, strawberry.argument(description="Category code or Chinese text / 专长")],
        limit: Annotated[int | None, strawberry.argument(description=_LIMIT)] = None,
    ) -> MembersWithSkillResult:
        answer = await _answer(
            info,
            lambda m: m.members_with_skill(community_id, skill, limit),
            lambda found: MemberMatchList(
                community_id=found.community.id,
                community_name=found.community.name,
                skill=Category.of(found.skill),
                members=[_member(m) for m in found.members],
            ),
        )
        if isinstance(answer, MemberMatchList):  # only members the caller may see (api/permissions.py)
            shown = await info.context.guard.visible_ids(Label.MEMBER, [m.member_id for m in answer.members])
            answer.members = [m for m in answer.members if m.member_id in shown]
        return answer
