"""The demo's closed loop, written by the loop engine itself (design.md §6): the demo's timelines are
what the loop writes.

1. Every demand's story is told first (:mod:`.stories`): path, times, notes, rating.
2. The stories' steps are replayed in global time order. Each dispatch chooses who delivers and from
   which resource with the capacity that resource has left *at that moment* — projects in a
   ``RESERVING`` status hold their quantity, and rejecting, cancelling, escalating or completing one
   gives it back (``MOVES``) — so this model and the engine agree and the engine never refuses a step.
3. Every demand is raised with :func:`raise_many` at its ``createdAt``; then every later step goes
   through :meth:`Loop.perform_many` with the story's time, actor and note and deterministic ids.

Batches need not follow the clock, only what each step depends on. Steps are placed on numbered
levels, one statement per level (even levels create projects, odd ones move them): a step goes on a
level after its demand's previous step; a reservation goes after the resource's previous reservation
and after every release of that resource that came before it in time (releases may run early: that
only leaves more room); no level holds a demand, resource or member twice, so two points credits to one
member never share a statement. The engine then computes exactly what running the steps one by one in
time order would, in a few hundred statements instead of one per step.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from gongjian.settings import Settings

from ..errors import GraphError
from ..identity import event_id, project_id
from ..loop.actions import MOVES, RESERVING, Action
from ..loop.engine import Loop, Outcome, Step
from ..loop.errors import LoopError
from ..loop.raising import Raise, raise_many
from ..model import DemandStatus, UnitType
from ..taxonomy import Taxonomy
from .common import _Community, _Res, _Unit
from .stories import _Stories, _Story
from .writer import _Writer

if TYPE_CHECKING:
    from .network import _Demo

_D = DemandStatus
_ACTION: dict[DemandStatus, Action] = {
    _D.DISPATCHED: Action.DISPATCH, _D.ACCEPTED: Action.ACCEPT, _D.REJECTED: Action.REJECT,
    _D.IN_PROGRESS: Action.START, _D.DONE: Action.COMPLETE, _D.CLOSED: Action.RATE,
    _D.CANCELLED: Action.CANCEL, _D.ESCALATED: Action.ESCALATE,
}  # fmt: skip
_CREATING = frozenset({Action.DISPATCH, Action.CLAIM})
#: Moves that take a project out of the statuses that hold capacity: the resource gets it back.
_RELEASING = frozenset(
    action
    for action, move in MOVES.items()
    if move.project_sources & RESERVING and move.project_target is not None
    and move.project_target not in RESERVING
)  # fmt: skip
_DELIVERER_NOTES = {Action.ACCEPT: "接单", Action.START: "开始实施", Action.COMPLETE: "已完成，待群众评价"}


@dataclass(frozen=True, slots=True)
class _Deliverer:
    kind: str  # unit, member
    id: str
    name: str
    resource: _Res | None = None

    @property
    def actor(self) -> str:
        """Who signs the deliverer's events: a unit by name, a member by id (no personal data)."""
        return self.id if self.kind == "member" else self.name


@dataclass(slots=True)
class _Case:
    """A demand while its story is replayed."""

    story: _Story
    status: DemandStatus = DemandStatus.OPEN
    deliverer: _Deliverer | None = None
    held: _Res | None = None  # what the live project reserves
    projects: int = 0
    escalated_to: _Unit | None = None


@dataclass(slots=True)
class _Planned:
    """A step, with what the batching must know about it."""

    step: Step
    demand: int
    reserves: str | None = None  # resource id
    releases: str | None = None  # resource id
    member: str | None = None
    credits: int = 0  # points events the engine will write

    @property
    def creating(self) -> bool:
        return self.step.action in _CREATING


@dataclass
class _Levels:
    """Steps placed on levels: one statement each, even ones creating projects, odd ones moving them."""

    size: int
    steps: list[list[_Planned]] = field(default_factory=list)
    members: list[set[str]] = field(default_factory=list)
    open: list[int] = field(default_factory=lambda: [0, 1])  # per parity: every lower level is full

    def place(self, planned: _Planned, lowest: int) -> int:
        parity = 0 if planned.creating else 1
        level = max(lowest, self.open[parity])
        level += (level - parity) % 2
        while True:
            while len(self.steps) <= level:
                self.steps.append([])
                self.members.append(set())
            if len(self.steps[level]) < self.size and planned.member not in self.members[level]:
                break
            level += 2
        self.steps[level].append(planned)
        if planned.member is not None:
            self.members[level].add(planned.member)
        first = self.open[parity]
        while first < len(self.steps) and len(self.steps[first]) >= self.size:
            first += 2
        self.open[parity] = first
        return level


def _schedule(planned: Iterable[_Planned], size: int) -> Iterator[list[_Planned]]:
    """Batches for ``planned`` (in time order) that give the same result as running it step by step.

    A level is yielded as soon as no later step can join it (it and every level below it are full),
    so writing starts while the rest is still being planned.
    """
    levels = _Levels(size)
    sent = 0
    after: dict[int, int] = {}  # demand -> level of its last step
    reserved: dict[str, int] = {}  # resource -> level of its last reservation
    released: dict[str, int] = defaultdict(lambda: -1)  # resource -> highest level releasing it so far
    for item in planned:
        lowest = after.get(item.demand, -1) + 1
        if item.reserves is not None:
            lowest = max(lowest, reserved.get(item.reserves, -1) + 1, released[item.reserves] + 1)
        level = levels.place(item, lowest)
        after[item.demand] = level
        if item.reserves is not None:
            reserved[item.reserves] = level
        if item.releases is not None:
            released[item.releases] = max(released[item.releases], level)
        while sent < min(levels.open):  # every level below is full: no later step can join it
            yield levels.steps[sent]
            sent += 1
    yield from (batch for batch in levels.steps[sent:] if batch)


class _Replay:
    """Replays the stories in time order: who delivers, what is reserved, the engine's steps."""

    def __init__(self, demo: _Demo, rng: random.Random, settings: Settings) -> None:
        self.demo = demo
        self.rng = rng
        self.settings = settings
        self.by_community: dict[tuple[int, str], list[_Res]] = defaultdict(list)
        self.by_street: dict[tuple[int, str], list[_Res]] = defaultdict(list)
        self.by_district: dict[tuple[int, str], list[_Res]] = defaultdict(list)
        for res in demo.resources:
            street = demo.communities[res.community].street
            district = demo.streets[street].district
            self.by_community[(res.community, res.category)].append(res)
            self.by_street[(street, res.category)].append(res)
            self.by_district[(district, res.category)].append(res)
        self.narrower = {c.code: [d.code for d in demo.tax.descendants(c.code)] for c in demo.tax.categories}
        self.governments: dict[int, list[_Unit]] = defaultdict(list)  # by district
        self.local_governments: dict[int, list[_Unit]] = defaultdict(list)  # by street
        for unit in demo.units:
            if unit.type == UnitType.GOVERNMENT:
                street = demo.communities[unit.community].street
                self.governments[demo.streets[street].district].append(unit)
                self.local_governments[street].append(unit)

    def run(self, stories: Sequence[_Story]) -> Iterator[_Planned]:
        """Every step of every story, in time order (ties: the story's order, then the step's)."""
        cases = [_Case(story) for story in stories]
        order = sorted((at, story.index, k) for story in stories for k, at in enumerate(story.times))
        for _, index, k in order:
            yield self._step(cases[index], k)

    def _step(self, case: _Case, k: int) -> _Planned:
        story = case.story
        action = _ACTION[story.path[k]]
        planned = self._dispatch(case, k) if action == Action.DISPATCH else self._move(case, k, action)
        case.status = story.path[k]
        return planned

    def _dispatch(self, case: _Case, k: int) -> _Planned:
        story = case.story
        community = self.demo.communities[story.community]
        who = self._deliverer(case)
        res = who.resource
        if res is not None:
            res.remaining -= story.quantity
        case.held, case.deliverer = res, who
        member = who.id if who.kind == "member" else None
        category = self.demo.tax.get(story.category).name
        step = Step(
            Action.DISPATCH,
            story.demand_id,
            actor=community.committee_name,
            note=f"{'改派' if case.status == _D.REJECTED else '派单'}至{who.name}",
            at=story.times[k],
            unit_id=None if member else who.id,
            member_id=member,
            resource_id=res.id if res else None,
            quantity=story.quantity,
            event_id=event_id(story.demand_id, k + 1, Action.DISPATCH.value),
            project_id=project_id(story.demand_id, who.id, res.id if res else None, case.projects),
            project_title=f"{'党员志愿者' if member else who.name}助力{community.place.name}{category}",
        )
        case.projects += 1
        return _Planned(step, story.index, reserves=step.resource_id, member=member)

    def _move(self, case: _Case, k: int, action: Action) -> _Planned:
        story, who = case.story, case.deliverer
        community = self.demo.communities[story.community]
        actor, note = community.committee_name, story.notes[k]
        unit_id, rating, feedback, member = None, None, None, None
        if action in _DELIVERER_NOTES or action == Action.REJECT:
            actor = who.actor if who else actor
            note = _DELIVERER_NOTES.get(action, note)
        if action == Action.ESCALATE:
            actor = self.demo.streets[community.street].committee_name
            case.escalated_to = self._government(community)
            unit_id = case.escalated_to.id if case.escalated_to else None
            note = f"街乡吹哨，提请{case.escalated_to.name if case.escalated_to else '职能部门'}报到"
        elif action == Action.RATE:
            rating, feedback = story.rating, story.feedback
            note = f"群众评价{rating}星，办结"
        if action in (Action.COMPLETE, Action.RATE) and who is not None and who.kind == "member":
            member = who.id
        released = None
        if action in _RELEASING:
            if case.held is not None:
                case.held.remaining += story.quantity
                released, case.held = case.held.id, None
            if action != Action.COMPLETE:
                case.deliverer = None  # its project is rejected or cancelled: a new dispatch chooses anew
        step = Step(
            action,
            story.demand_id,
            actor=actor,
            note=note,
            at=story.times[k],
            unit_id=unit_id,
            member_id=member,
            rating=rating,
            feedback=feedback,
            event_id=event_id(story.demand_id, k + 1, action.value),
        )
        return _Planned(step, story.index, releases=released, member=member, credits=self._credits(step))

    def _credits(self, step: Step) -> int:
        """Points events the engine writes for ``step``: one per member delivering (here at most one)."""
        if step.member_id is None:
            return 0
        settings = self.settings
        if step.action == Action.COMPLETE:
            return 1 if settings.points_complete else 0
        good = step.rating is not None and step.rating >= settings.points_good_rating_min
        return 1 if step.action == Action.RATE and good and settings.points_good_rating else 0

    # -- who delivers ---------------------------------------------------------------------------
    def _deliverer(self, case: _Case) -> _Deliverer:
        if case.escalated_to is not None:
            return _Deliverer("unit", case.escalated_to.id, case.escalated_to.name)
        story = case.story
        community = self.demo.communities[story.community]
        res = self._resource(story.category, story.quantity, story.community)
        if res is not None:
            return _Deliverer(res.owner_kind, res.owner_id, res.owner_name, res)
        units = self.demo.units
        pool = community.partners or community.units
        if pool:
            unit = units[self.rng.choice(pool)]
        else:
            street = self.demo.streets[community.street]
            nearby = [u for other in street.communities for u in self.demo.communities[other].units]
            unit = units[self.rng.choice(nearby)] if nearby else units[self.rng.randrange(len(units))]
        return _Deliverer("unit", unit.id, unit.name)

    def _resource(self, code: str, quantity: int, c: int) -> _Res | None:
        """An active resource of the category (or a narrower one) with ``quantity`` left now, near first."""
        rng = self.rng
        street = self.demo.communities[c].street
        district = self.demo.streets[street].district
        codes = self.narrower.get(code, [code])
        for table, key in ((self.by_community, c), (self.by_street, street), (self.by_district, district)):
            pool = [r for k in codes for r in table.get((key, k), ())]
            if len(pool) > 24:
                pool = rng.sample(pool, 24)
            fits = [r for r in pool if r.active and r.remaining >= quantity]
            if fits:
                return rng.choice(fits)
        return None

    def _government(self, community: _Community) -> _Unit | None:
        """The agency a street's whistle calls (街乡吹哨、部门报到): one of its own, else the district's."""
        units = self.local_governments.get(community.street) or self.governments.get(
            self.demo.streets[community.street].district
        )
        return self.rng.choice(units) if units else None


# ============================================================================ writing
def write_loop(demo: _Demo, writer: _Writer, loop: Loop, taxonomy: Taxonomy) -> None:
    """Raise every demand and replay every story through ``loop``, in ``writer``'s batches."""
    teller = _Stories(demo, demo.rng("demands"))
    paths = teller.paths()
    writer.expect("demands", len(paths))
    writer.expect("events", sum(1 + len(path) for path in paths))  # and the credits, as they are planned
    writer.expect("projects", sum(path.count(_D.DISPATCHED) for path in paths))
    stories: list[_Story] = []
    pending: list[Raise] = []
    for story in teller.tell(paths):  # raised while the next ones are told
        stories.append(story)
        pending.append(story.raised)
        if len(pending) == writer.batch_size or len(stories) == len(paths):
            writer.submit(partial(_raise, loop, pending, taxonomy), partial(_count_raised, writer))
            pending = []
    planned = _Replay(demo, demo.rng("deliverers"), loop.settings).run(stories)
    for batch in _schedule(planned, writer.batch_size):  # written while the rest is planned
        writer.expect("events", sum(item.credits for item in batch))
        writer.submit(partial(_perform, loop, batch), partial(_count_performed, writer, batch))


def _raise(loop: Loop, requests: list[Raise], taxonomy: Taxonomy) -> list[Outcome]:
    try:
        return raise_many(loop, requests, taxonomy)
    except LoopError as exc:
        raise GraphError(f"the loop refused a demo demand — a bug in the demo generator: {exc}") from exc


def _perform(loop: Loop, batch: list[_Planned]) -> list[Outcome]:
    try:
        return loop.perform_many([item.step for item in batch])
    except LoopError as exc:
        raise GraphError(f"the loop refused a demo step — a bug in the demo generator: {exc}") from exc


def _count_raised(writer: _Writer, outcomes: list[Outcome]) -> None:
    n = len(outcomes)
    writer.counts.update(Demand=n, RAISED=n, IN_CATEGORY=n, Event=n, HAS_EVENT=n)
    writer.report("demands", n)
    writer.report("events", n)


def _count_performed(writer: _Writer, batch: list[_Planned], outcomes: list[Outcome]) -> None:
    """Count what the engine wrote (as its statements create it) and report progress."""
    if len(outcomes) != len(batch):
        raise GraphError(f"the loop ran {len(outcomes)} of {len(batch)} demo steps")
    counts, events, projects = writer.counts, 0, 0
    for item, outcome in zip(batch, outcomes, strict=True):
        credited = len(outcome.credited)
        if credited != item.credits:
            raise GraphError(
                f"the loop credited {credited} members for {item.step.action.value} of "
                f"{item.step.demand_id}, the demo expected {item.credits}: its points rule differs"
            )
        if item.creating:
            projects += 1
            counts.update(Project=1, FULFILS=1, DELIVERS=1, Event=1, HAS_EVENT=2)
            if item.step.resource_id:
                counts["USES"] += 1
        else:
            counts.update(Event=1, HAS_EVENT=2 if outcome.project_id else 1)
            if credited:
                counts.update(Event=credited, HAS_EVENT=credited, CREDITS=credited)
        events += 1 + credited
    writer.report("events", events)
    if projects:
        writer.report("projects", projects)
