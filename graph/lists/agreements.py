"""Agreements between a resident unit and a community (design.md §4, glossary "Relationships"):

- ``CO_BUILDING`` — 共建协议: ``(:Unit)-[:CO_BUILDS {since, until, agreementNo}]->(:Area)``;
- ``COMMITTEE_SEAT`` — 大党委成员单位: ``(:Unit)-[:SEATED_ON {role, since}]->(:Org)``, the community
  committee (``community_committee``) that COVERS the community; refused when none (or several) does.

Signing again is idempotent: an agreement in force (or pending: its ``until`` is not past) signed with
the same values — values left out count as the same — changes nothing and says so. Signing it with a
different ``since``, ``until``, ``agreementNo`` or ``role`` is refused, naming the values in force: end
it first (``endAgreement``), then sign the new one; a past agreement is replaced by a new signing.
Ending a co-construction agreement sets its ``until`` (kept when it ended earlier already); ending a
seat removes it (``until`` does not apply to a seat). As the importer, one relationship per unit and
community (or committee) holds the agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.loop import clock as clocks
from gongjian.graph.loop.errors import InvalidValue, LoopError, NotFound
from gongjian.graph.model import OrgKind

from . import fields
from .errors import AgreementConflict, no_agreement, no_committee

_COMMITTEE = OrgKind.COMMUNITY_COMMITTEE.value


class AgreementKind(StrEnum):
    CO_BUILDING = "CO_BUILDING"
    COMMITTEE_SEAT = "COMMITTEE_SEAT"


@dataclass(frozen=True)
class Signing:
    """``since`` defaults to today; ``until`` and ``agreement_no`` belong to a co-construction
    agreement, ``role`` to a committee seat."""

    unit_id: str
    community_id: str
    kind: AgreementKind | str
    since: str | None = None
    until: str | None = None
    agreement_no: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class AgreementChange:
    """The agreement's properties afterwards (for a removed seat: as it was), where it points (the
    community, or the committee for a seat) and whether anything changed."""

    kind: AgreementKind
    unit_id: str
    community_id: str
    target_id: str
    props: dict[str, Any]
    changed: bool
    in_force: bool


def sign_agreement(graph: Graph, signing: Signing, clock: clocks.Clock = clocks.now) -> AgreementChange:
    """Sign ``signing``; raises NotFound, Missing (no committee), InvalidValue or AgreementConflict."""
    kind = AgreementKind(fields.choice("kind", AgreementKind, signing.kind))
    today = fields.today(clock)
    since = fields.iso_date("since", signing.since, today)
    until = fields.iso_date("until", signing.until, "") or None
    if until is not None and until < since:
        raise InvalidValue("until", until, f"an agreement ends on or after the day it begins ({since})")
    number, role = fields.text(signing.agreement_no), fields.text(signing.role)
    given_since = since if (signing.since or "").strip() else None  # left out: the same as in force
    _fit(kind, role=role, until=until, agreement_no=number)
    facts = _facts(graph, signing.unit_id, signing.community_id)
    if kind == AgreementKind.CO_BUILDING:
        existing = _latest(facts["coBuilds"])
        if existing is not None and _pending(existing, today):
            given = {"since": given_since, "until": until, "agreementNo": number}
            return _same_or_conflict(kind, signing, existing, given, signing.community_id, today)
        rows = graph.write(
            graph.named("lists_sign_co_building"),
            unitId=signing.unit_id,
            communityId=signing.community_id,
            since=since,
            until=until,
            agreementNo=number,
            today=today,
        )
        target = signing.community_id
    else:
        committees = list(facts["committees"])
        if len(committees) != 1:
            raise no_committee(signing.community_id, committees)
        target = committees[0]
        seat = next((s for s in facts["seats"] if s[0] == target), None)
        if seat is not None:
            existing = {"role": seat[1], "since": seat[2]}
            given = {"role": role, "since": given_since}
            return _same_or_conflict(kind, signing, existing, given, target, today)
        rows = graph.write(
            graph.named("lists_sign_seat"), unitId=signing.unit_id, orgId=target, role=role, since=since
        )
    if not rows:
        raise _concurrent(signing.unit_id, signing.community_id)
    props = rows[0]["rel"]
    return AgreementChange(
        kind, signing.unit_id, signing.community_id, target, props, True, _in_force(props, today)
    )


def end_agreement(
    graph: Graph,
    unit_id: str,
    community_id: str,
    kind: AgreementKind | str,
    until: str | None = None,
    clock: clocks.Clock = clocks.now,
) -> AgreementChange:
    """End the agreement on ``until`` (default today); ending one that ended by then changes nothing.
    Raises NotFound, Missing (no such agreement) or InvalidValue."""
    agreement = AgreementKind(fields.choice("kind", AgreementKind, kind))
    today = fields.today(clock)
    end = fields.iso_date("until", until, today)
    facts = _facts(graph, unit_id, community_id)
    if agreement == AgreementKind.COMMITTEE_SEAT:
        if not facts["seats"]:
            raise no_agreement("seat", unit_id, community_id)
        rows = graph.write(
            graph.named("lists_end_seat"), unitId=unit_id, communityId=community_id, committeeKind=_COMMITTEE
        )
        if not rows:
            raise no_agreement("seat", unit_id, community_id)
        return AgreementChange(
            agreement, unit_id, community_id, rows[0]["orgId"], rows[0]["rel"], True, False
        )
    existing = _latest(facts["coBuilds"])
    if existing is None:
        raise no_agreement("agreement", unit_id, community_id)
    if existing.get("until") is not None and existing["until"] <= end:
        return AgreementChange(
            agreement, unit_id, community_id, community_id, existing, False, _in_force(existing, today)
        )
    if existing.get("since") and end < existing["since"]:
        raise InvalidValue(
            "until", end, f"the agreement began on {existing['since']}; end it on or after that day"
        )
    rows = graph.write(
        graph.named("lists_end_co_building"), unitId=unit_id, communityId=community_id, until=end
    )
    if not rows:
        raise _concurrent(unit_id, community_id)
    props = rows[0]["rel"]
    return AgreementChange(
        agreement, unit_id, community_id, community_id, props, True, _in_force(props, today)
    )


def _fit(kind: AgreementKind, *, role: str | None, until: str | None, agreement_no: str | None) -> None:
    """Refuse values that belong to the other kind rather than drop them silently."""
    if kind == AgreementKind.CO_BUILDING and role is not None:
        raise InvalidValue("role", role, "a role belongs to a committee seat (kind COMMITTEE_SEAT)")
    if kind == AgreementKind.COMMITTEE_SEAT:
        for argument, value in (("until", until), ("agreementNo", agreement_no)):
            if value is not None:
                raise InvalidValue(
                    argument, value, "it belongs to a co-construction agreement (kind CO_BUILDING)"
                )


def _facts(graph: Graph, unit_id: str, community_id: str) -> dict[str, Any]:
    facts = graph.read(
        graph.named("lists_agreement_facts"),
        unitId=unit_id,
        communityId=community_id,
        committeeKind=_COMMITTEE,
    )[0]
    if not facts["unitFound"]:
        raise NotFound("unit", unit_id)
    if facts["areaLevel"] is None:
        raise NotFound("community", community_id)
    fields.community(community_id, facts["areaLevel"])
    return facts


def _latest(agreements: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The agreement that counts when several were stored: open-ended first, then the latest end."""
    if not agreements:
        return None
    return max(agreements, key=lambda a: (a.get("until") is None, a.get("until") or "", a.get("since") or ""))


def _pending(agreement: dict[str, Any], today: str) -> bool:
    """In force or yet to start: its end is not past."""
    until = agreement.get("until")
    return until is None or until >= today


def _in_force(agreement: dict[str, Any], today: str) -> bool:
    since = agreement.get("since")
    return (since is None or since <= today) and _pending(agreement, today)


def _same_or_conflict(
    kind: AgreementKind,
    signing: Signing,
    existing: dict[str, Any],
    given: dict[str, Any],
    target: str,
    today: str,
) -> AgreementChange:
    if any(value is not None and existing.get(key) != value for key, value in given.items()):
        raise AgreementConflict(kind.value, signing.unit_id, signing.community_id, existing)
    return AgreementChange(
        kind, signing.unit_id, signing.community_id, target, existing, False, _in_force(existing, today)
    )


def _concurrent(unit_id: str, community_id: str) -> LoopError:
    return LoopError(
        f"协议已被他人更新，请重试 / the agreement between {unit_id} and {community_id} changed "
        "concurrently; try again"
    )
