"""Keeping the resource list (资源清单) up to date: offering, correcting, pausing, resuming, retiring.

    offer = Offer("unit-…", "错时停车", "教职工停车场", 30, availability=["工作日18:00-次日7:30"])
    change = offer_resource(graph, offer)

A resource's id derives from its owner, category and name (``identity.resource_id``, as the importer
makes it), so offering the same one twice is refused with the existing id, and a new name is a new
entry. Without coordinates a resource takes its owner's location — the unit's, else the nearest area
with a location up from where the unit sits, the member lives or the area itself — because matching
finds untied resources by location; an owner with no location at all must give coordinates.

A quantity may not drop below what live projects hold (``RESERVING``). Pausing and retiring keep the
reservations already made; the loop refuses new dispatches to a resource that is not active. A retired
resource stays retired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.identity import resource_id
from gongjian.graph.loop import clock as clocks
from gongjian.graph.loop.actions import RESERVING
from gongjian.graph.loop.errors import InvalidValue, LoopError, NotFound
from gongjian.graph.model import ResourceStatus, ServiceType
from gongjian.graph.spatial import location_cell
from gongjian.graph.taxonomy import Taxonomy

from . import fields
from .errors import DuplicateResource, QuantityBelowReserved, ResourceStatusConflict
from .writing import guarded_write

_RESERVING = sorted(status.value for status in RESERVING)

#: The properties an update may change, in this order in ``ResourceChange.changed``.
FIELDS = (
    "quantity",
    "unitOfMeasure",
    "availability",
    "conditions",
    "serviceType",
    "address",
    "location",
    "contactName",
    "contactPhone",
    "note",
)


@dataclass(frozen=True)
class Offer:
    """A new resource list entry. ``category`` is a code or Chinese term; ``availability`` canonical or
    Chinese schedule strings; the owner is a unit, member or area id."""

    owner_id: str
    category: str
    name: str
    quantity: int
    unit_of_measure: str | None = None
    availability: Sequence[str] = ()
    service_type: ServiceType | str | None = None
    conditions: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ResourceUpdate:
    """What to change; ``None`` leaves a field as it is, blank text clears it. ``name`` is refused:
    names are part of the id."""

    resource_id: str
    name: str | None = None
    quantity: int | None = None
    unit_of_measure: str | None = None
    availability: Sequence[str] | None = None
    conditions: str | None = None
    service_type: ServiceType | str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ResourceChange:
    """The resource afterwards, what changed (empty: nothing did) and what live projects hold of it."""

    resource: dict[str, Any]
    changed: tuple[str, ...]
    held: int
    created: bool = False


# ------------------------------------------------------------------------------------ offer
def offer_resource(graph: Graph, offer: Offer, taxonomy: Taxonomy | None = None) -> ResourceChange:
    """Add ``offer`` to the list as an active resource; raises NotFound (owner), InvalidValue or
    DuplicateResource — nothing is written then."""
    from gongjian.graph.matching.engine import default_taxonomy

    props = _offer_props(offer, taxonomy or default_taxonomy())
    facts = graph.read(
        graph.named("lists_offer_facts"), ownerId=offer.owner_id, category=props["category"], id=props["id"]
    )[0]
    _check_offer(offer, props, facts)
    own = fields.location(offer.latitude, offer.longitude)
    where = own or facts["ownLocation"] or facts["nearLocation"]
    if where is None:
        raise InvalidValue(
            "latitude/longitude",
            None,
            f"the owner {offer.owner_id} has no location and neither has its area: give the resource's "
            "coordinates (matching finds resources by location)",
        )
    rows = graph.write(
        graph.named("lists_offer_resource"),
        ownerId=offer.owner_id,
        location=where,
        cell=location_cell(props["category"], where),
        status=ResourceStatus.ACTIVE.value,
        **props,
    )
    if not rows:  # the owner, the category or the id changed since the checks
        again = graph.read(
            graph.named("lists_offer_facts"),
            ownerId=offer.owner_id,
            category=props["category"],
            id=props["id"],
        )[0]
        _check_offer(offer, props, again)
        raise LoopError(
            f"资源清单已被他人更新，请重试 / the list changed concurrently; try {props['id']} again"
        )
    return ResourceChange(rows[0]["node"], (), 0, created=True)


def _offer_props(offer: Offer, taxonomy: Taxonomy) -> dict[str, Any]:
    name = fields.name("name", offer.name, "教职工停车场")
    category = fields.category(taxonomy, offer.category)
    return {
        "id": resource_id(offer.owner_id, category, name),
        "name": name,
        "category": category,
        "quantity": fields.quantity(offer.quantity),
        "unitOfMeasure": fields.text(offer.unit_of_measure),
        "availability": fields.schedule("availability", offer.availability),
        "serviceType": fields.choice("serviceType", ServiceType, offer.service_type),
        "conditions": fields.text(offer.conditions),
        "address": fields.text(offer.address),
        "contactName": fields.contact_name(offer.contact_name),
        "contactPhone": fields.contact_phone(offer.contact_phone),
        "note": fields.text(offer.note),
    }


def _check_offer(offer: Offer, props: dict[str, Any], facts: dict[str, Any]) -> None:
    if facts["ownerLabel"] is None:
        raise NotFound("owner", offer.owner_id)
    if not facts["categoryFound"]:
        raise InvalidValue(
            "category", props["category"], "the graph lacks the taxonomy: run `gongjian db init`"
        )
    if facts["existingStatus"] is not None:
        raise DuplicateResource(props["id"], facts["existingStatus"])


# ------------------------------------------------------------------------------------ update
def update_resource(graph: Graph, request: ResourceUpdate) -> ResourceChange:
    """Apply ``request``; raises NotFound, InvalidValue or QuantityBelowReserved — nothing is written
    then. Values equal to the stored ones change nothing."""
    if request.name is not None:
        raise InvalidValue(
            "name",
            request.name,
            "a resource's name is part of its id (owner + category + name): retire this one "
            "(retireResource) and offer the new name (offerResource)",
        )
    wanted = _wanted(request)
    node, held = _resource(graph, request.resource_id)
    changed = [
        key
        for key in FIELDS
        if key in wanted
        and not (fields.same_place if key == "location" else fields.same)(node.get(key), wanted[key])
    ]
    if "quantity" in changed and wanted["quantity"] < held:
        raise QuantityBelowReserved("resource", request.resource_id, wanted["quantity"], held)
    if not changed:
        return ResourceChange(node, (), held)
    rows = guarded_write(
        graph,
        "lists_update_resource",
        {
            "id": request.resource_id,
            "props": {key: wanted[key] for key in changed if key != "location"},
            "quantity": wanted["quantity"] if "quantity" in changed else None,
            "location": wanted["location"] if "location" in changed else None,
            "cell": location_cell(node["category"], wanted["location"]) if "location" in changed else None,
            "reserving": _RESERVING,
        },
        resource_id=request.resource_id,
    )
    if not rows:
        node, held = _resource(graph, request.resource_id)
        if "quantity" in changed and wanted["quantity"] < held:
            raise QuantityBelowReserved("resource", request.resource_id, wanted["quantity"], held)
        raise LoopError(
            f"资源已被他人更新，请重试 / resource {request.resource_id} changed concurrently; retry"
        )
    return ResourceChange(rows[0]["node"], tuple(changed), int(rows[0]["held"] or 0))


def _wanted(request: ResourceUpdate) -> dict[str, Any]:
    wanted: dict[str, Any] = {}
    if request.quantity is not None:
        wanted["quantity"] = fields.quantity(request.quantity)
    if request.availability is not None:
        wanted["availability"] = fields.schedule("availability", request.availability)
    if request.service_type is not None:
        wanted["serviceType"] = fields.choice("serviceType", ServiceType, request.service_type)
    place = fields.location(request.latitude, request.longitude)
    if place is not None:
        wanted["location"] = place
    for key, value in (
        ("unitOfMeasure", request.unit_of_measure),
        ("conditions", request.conditions),
        ("address", request.address),
        ("note", request.note),
    ):
        if value is not None:
            wanted[key] = fields.text(value)
    if request.contact_name is not None:
        wanted["contactName"] = fields.contact_name(request.contact_name)
    if request.contact_phone is not None:
        wanted["contactPhone"] = fields.contact_phone(request.contact_phone)
    return wanted


def _resource(graph: Graph, resource_id_: str) -> tuple[dict[str, Any], int]:
    rows = graph.read(graph.named("lists_resource_facts"), id=resource_id_, reserving=_RESERVING)
    if not rows:
        raise NotFound("resource", resource_id_)
    return rows[0]["node"], int(rows[0]["held"] or 0)


# ------------------------------------------------------------------------------------ status
_A, _P, _R = ResourceStatus.ACTIVE, ResourceStatus.PAUSED, ResourceStatus.RETIRED
#: Each status change: the action's name, the statuses it starts from, the status it leads to.
_MOVES: dict[str, tuple[frozenset[ResourceStatus], ResourceStatus]] = {
    "pause": (frozenset({_A}), _P),
    "resume": (frozenset({_P}), _A),
    "retire": (frozenset({_A, _P}), _R),
}


def pause_resource(
    graph: Graph, resource_id_: str, reason: str | None = None, clock: clocks.Clock = clocks.now
) -> ResourceChange:
    """Stop new dispatches to the resource for now (暂停); its reservations stay."""
    return _move(graph, resource_id_, "pause", reason, clock)


def resume_resource(
    graph: Graph, resource_id_: str, reason: str | None = None, clock: clocks.Clock = clocks.now
) -> ResourceChange:
    """Serve again after a pause (恢复); a retired resource cannot be resumed."""
    return _move(graph, resource_id_, "resume", reason, clock)


def retire_resource(
    graph: Graph, resource_id_: str, reason: str | None = None, clock: clocks.Clock = clocks.now
) -> ResourceChange:
    """Take the resource off the list for good (退出); its reservations stay."""
    return _move(graph, resource_id_, "retire", reason, clock)


def _move(
    graph: Graph, resource_id_: str, action: str, reason: str | None, clock: clocks.Clock
) -> ResourceChange:
    sources, target = _MOVES[action]
    node, held = _resource(graph, resource_id_)
    current = node.get("status")
    if current == target.value:
        return ResourceChange(node, (), held)
    if current not in {status.value for status in sources}:
        raise ResourceStatusConflict(resource_id_, str(current), action)
    rows = guarded_write(
        graph,
        "lists_resource_status",
        {
            "id": resource_id_,
            "sources": sorted(status.value for status in sources),
            "target": target.value,
            "reason": fields.text(reason),
            "at": clocks.iso(clock()),
        },
        resource_id=resource_id_,
    )
    if not rows:
        raise LoopError(
            f"资源状态已被他人更新，请刷新后重试 / resource {resource_id_} changed concurrently; retry"
        )
    return ResourceChange(rows[0]["node"], ("status",), held)
