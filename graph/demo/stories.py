"""Demand stories: what residents ask for (群众点单) and how each request goes on — the path of states it
takes, when, with which notes and which rating. Who delivers it is decided later, in time order, by
:mod:`.replay`, because that depends on what the resources have left at that moment.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..identity import demand_id, event_id, normalise_name
from ..loop.raising import Raise
from ..model import DemandStatus, Urgency
from .common import _ago, _by_code, _Community, _day, _daytime, _iso, _Res, _top
from .scales import _apportion
from .vocabulary import (
    _ACTIVITIES,
    _CANCEL_NOTES,
    _DEMAND_TOPS,
    _FEEDBACK,
    _FESTIVALS,
    _GENERIC_TITLES,
    _NEED_QTY,
    _NEED_TITLES,
    _OFFICE,
    _OVERNIGHT,
    _REJECT_NOTES,
    _SERVICE,
    _SOURCES,
)

if TYPE_CHECKING:
    from .network import _Demo

# Demand states: shares, and the paths (transitions after the raise) that end in them.
_D = DemandStatus
_STATUS_SHARES: tuple[tuple[DemandStatus, float], ...] = (
    (_D.OPEN, 12), (_D.DISPATCHED, 7), (_D.ACCEPTED, 6), (_D.IN_PROGRESS, 9), (_D.DONE, 8),
    (_D.CLOSED, 43), (_D.REJECTED, 4), (_D.CANCELLED, 6), (_D.ESCALATED, 5),
)  # fmt: skip
_TO_DONE = (_D.DISPATCHED, _D.ACCEPTED, _D.IN_PROGRESS, _D.DONE)
_REDISPATCH = (_D.DISPATCHED, _D.REJECTED, _D.DISPATCHED)
_WHISTLE = (_D.ESCALATED, _D.DISPATCHED)
_PATHS: dict[DemandStatus, tuple[tuple[float, tuple[DemandStatus, ...]], ...]] = {
    _D.OPEN: ((1, ()),),
    _D.DISPATCHED: ((8, (_D.DISPATCHED,)), (1, _REDISPATCH), (1, _WHISTLE)),
    _D.ACCEPTED: ((8, _TO_DONE[:2]), (1, (*_REDISPATCH, _D.ACCEPTED))),
    _D.IN_PROGRESS: ((8, _TO_DONE[:3]), (1, (*_REDISPATCH, *_TO_DONE[1:3])),
                     (1, (*_WHISTLE, *_TO_DONE[1:3]))),
    _D.DONE: ((8, _TO_DONE), (1, (*_REDISPATCH, *_TO_DONE[1:]))),
    _D.CLOSED: ((16, (*_TO_DONE, _D.CLOSED)), (2, (*_REDISPATCH, *_TO_DONE[1:], _D.CLOSED)),
                (1, (*_WHISTLE, *_TO_DONE[1:], _D.CLOSED))),
    _D.REJECTED: ((1, (_D.DISPATCHED, _D.REJECTED)),),
    _D.CANCELLED: ((3, (_D.CANCELLED,)), (2, (_D.DISPATCHED, _D.CANCELLED)),
                   (1, (*_TO_DONE[:2], _D.CANCELLED))),
    _D.ESCALATED: ((3, (_D.ESCALATED,)), (1, (*_TO_DONE[:3], _D.ESCALATED))),
}  # fmt: skip
# Hours a transition takes (min, max).
_HOURS: dict[DemandStatus, tuple[float, float]] = {
    _D.DISPATCHED: (1, 72), _D.ACCEPTED: (1, 96), _D.REJECTED: (2, 72), _D.IN_PROGRESS: (12, 240),
    _D.DONE: (24, 720), _D.CLOSED: (24, 336), _D.CANCELLED: (1, 240), _D.ESCALATED: (24, 480),
}  # fmt: skip
_SETTLED = frozenset({_D.CLOSED, _D.CANCELLED, _D.REJECTED})


@dataclass(slots=True)
class _Story:
    """One demand: how it is raised, the states it goes through and when, and what is said on the way.

    ``times[k]`` is when the demand moves to ``path[k]``; ``notes[k]`` is the reason given for a
    rejection or a cancellation there (None elsewhere); ``rating`` and ``feedback`` belong to the
    closing rate, when the path has one.
    """

    index: int
    community: int
    demand_id: str
    category: str
    quantity: int
    raised: Raise
    path: tuple[DemandStatus, ...]
    times: tuple[datetime, ...]
    notes: tuple[str | None, ...]
    rating: int | None = None
    feedback: str | None = None


class _Stories:
    """Tells every demand's story, community by community, from one random stream."""

    def __init__(self, demo: _Demo, rng: random.Random) -> None:
        self.demo = demo
        self.rng = rng
        self.ids: set[str] = set()
        self.street_resources: dict[int, list[_Res]] = defaultdict(list)
        for res in demo.resources:
            self.street_resources[demo.communities[res.community].street].append(res)
        self.tops = [(t, w) for t, w in _DEMAND_TOPS if t in demo.codes]

    def paths(self) -> list[tuple[DemandStatus, ...]]:
        """How many demands each community raises, and the path of each (in the order they are told)."""
        demo, rng = self.demo, self.rng
        for district in demo.districts:
            communities = [demo.communities[c] for s in district.streets for c in demo.streets[s].communities]
            weights = [c.place.population or 1 for c in communities]
            for community, n in zip(communities, _apportion(district.spec.demands, weights), strict=True):
                community.demands = n
        total = sum(c.demands for c in demo.communities)
        shares = _apportion(total, [w for _, w in _STATUS_SHARES], 1)
        statuses = [s for (s, _), n in zip(_STATUS_SHARES, shares, strict=True) for _ in range(n)]
        rng.shuffle(statuses)
        return [self._path(status) for status in statuses]

    def tell(self, paths: Sequence[tuple[DemandStatus, ...]]) -> Iterator[_Story]:
        """Every demand's story, community by community, along ``paths`` (from :meth:`paths`)."""
        index = 0
        for c, community in enumerate(self.demo.communities):
            for _ in range(community.demands):
                yield self._story(index, c, paths[index])
                index += 1

    def _path(self, status: DemandStatus) -> tuple[DemandStatus, ...]:
        options = _PATHS[status]
        return self.rng.choices([p for _, p in options], [w for w, _ in options])[0]

    def _story(self, index: int, c: int, path: tuple[DemandStatus, ...]) -> _Story:
        rng, community = self.rng, self.demo.communities[c]
        code = self._category(community)
        low, high = _by_code(_NEED_QTY, code, (1, 5))
        quantity = rng.randint(low, high)
        if _top(code) == "funding":
            quantity = max(500, round(quantity, -3))
        hours = [rng.uniform(*_HOURS[s]) for s in path]
        settled = not path or path[-1] in _SETTLED
        span = sum(hours) / 24 + 0.4 * len(path)  # room for moving night-time steps to the morning
        created = _daytime(_ago(rng, span + 0.5, span + (540 if settled else 45 if not path else 75)))
        title = normalise_name(self._title(code, community, quantity, created))
        did = demand_id(community.place.id, code, title, _day(created))
        while did in self.ids:
            title = f"{title}(续)"
            did = demand_id(community.place.id, code, title, _day(created))
        self.ids.add(did)
        urgency = rng.choices(tuple(Urgency), (20, 52, 20, 8))[0]
        deadline_days = rng.randint(1, 7) if urgency == Urgency.URGENT else rng.randint(7, 90)
        window = self._window(code)
        deadline = (created + timedelta(days=deadline_days)).replace(hour=23, minute=59)
        raised = Raise(
            area_id=community.place.id, category=code, title=title, actor=community.place.name,
            quantity=quantity, window=window, urgency=urgency,
            deadline=_iso(deadline) if rng.random() < 0.85 else None, source=rng.choice(_SOURCES),
            at=created, event_id=event_id(did, 0, "raise"),
        )  # fmt: skip
        times, moment = [], created
        for h in hours:
            moment = _daytime(moment + timedelta(minutes=round(h * 60)))
            times.append(moment)
        notes = tuple(
            rng.choice(_REJECT_NOTES) if s == _D.REJECTED else rng.choice(_CANCEL_NOTES) if s == _D.CANCELLED
            else None
            for s in path
        )  # fmt: skip
        story = _Story(index, c, did, code, quantity, raised, path, tuple(times), notes)
        if _D.CLOSED in path:
            story.rating = rng.choices((5, 4, 3, 2, 1), (55, 30, 10, 3, 2))[0]
            story.feedback = rng.choice(_FEEDBACK[story.rating])
        return story

    def _category(self, community: _Community) -> str:
        rng = self.rng
        local = self.street_resources.get(community.street)
        if local and rng.random() < 0.65:
            return rng.choice(local).category
        top = rng.choices([t for t, _ in self.tops], [w for _, w in self.tops])[0]
        children = self.demo.children[top]
        return rng.choice(children) if children and rng.random() < 0.8 else top

    def _title(self, code: str, community: _Community, quantity: int, created: datetime) -> str:
        rng = self.rng
        estate = (
            self.demo.estates[rng.choice(community.estates)].place.name
            if community.estates
            else (
                f"{community.short}{rng.choice('一二三四五六')}组"
                if community.village
                else community.place.name
            )
        )
        template = rng.choice(_NEED_TITLES.get(code, _GENERIC_TITLES))
        return template.format(
            estate=estate, place=community.place.name, n=quantity, month=f"{created.month}月",
            activity=rng.choice(_ACTIVITIES), festival=rng.choice(_FESTIVALS),
            building=f"{rng.randint(1, 12)}栋", category=self.demo.tax.get(code).name,
        )  # fmt: skip

    def _window(self, code: str) -> list[str]:
        if code.startswith("parking.offpeak") or (code == "parking" and self.rng.random() < 0.5):
            return list(self.rng.choice(_OVERNIGHT[:3]))
        return list(self.rng.choice(_SERVICE if _top(code) != "venue" else _OFFICE))
