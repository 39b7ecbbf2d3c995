"""The audit trail (issue 7, PIPL): who changed what, or saw whose personal data, when and from where.

Audit records are ``Event`` nodes without relationships, told apart from timeline events by their
``action``: :data:`MUTATION` (a GraphQL mutation, refused ones included) and :data:`PERSONAL` (personal
data shown unmasked). They hold ids, field names and operation names only — never a personal value, never
a request's variables. The API collects and writes them (api/audit.py); ``gongjian audit`` reads them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .facade import Graph
from .identity import stable_id
from .model import Label

MUTATION = "audit.mutation"
PERSONAL = "audit.personal"
ACTIONS = (MUTATION, PERSONAL)
OK = "ok"

# What may be stored as a subject: an id, not free text. Ids are ASCII words (``mem-3f2a…``, ``c1``);
# a value given as an id may still be a phone number or a name typed into the wrong field, so values
# with another shape, or with a run of seven or more digits that is not a hash, are left out.
_ID_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$")
_HASHED_ID = re.compile(r"^[a-z]+-[0-9a-f]{16}$")
_DIGIT_RUN = re.compile(r"\d{7,}")


def as_subject(value: object) -> str | None:
    """``value`` when it has the shape of an id, else ``None`` (it might be personal data)."""
    if not isinstance(value, str):
        return None
    if _HASHED_ID.match(value):
        return value
    if not _ID_SHAPE.match(value) or _DIGIT_RUN.search(value):
        return None
    return value


def subjects_of(values: Iterable[object]) -> tuple[str, ...]:
    """The id-shaped values, in order, without repeats."""
    return tuple(dict.fromkeys(s for s in map(as_subject, values) if s is not None))


def new_event_id() -> str:
    return stable_id(Label.EVENT, "audit", uuid.uuid4().hex)


@dataclass(frozen=True)
class AuditEvent:
    action: str
    actor: str
    at: str
    operation: str
    outcome: str = OK
    subjects: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    caller_roles: tuple[str, ...] = ()
    origin: str | None = None
    id: str = field(default_factory=new_event_id)

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "actor": self.actor,
            "callerRoles": list(self.caller_roles),
            "action": self.action,
            "operation": self.operation,
            "origin": self.origin,
            "subjects": list(self.subjects),
            "fields": list(self.fields),
            "outcome": self.outcome,
        }


def record(graph: Graph, events: Sequence[AuditEvent]) -> int:
    """Write the events in one statement; the number written."""
    if not events:
        return 0
    rows = graph.write(graph.named("audit_record"), events=[e.row() for e in events])
    return int(rows[0]["written"]) if rows else 0


@dataclass(frozen=True)
class AuditFilter:
    """``since`` inclusive and ``until`` exclusive, as ISO times in China Standard Time."""

    since: str | None = None
    until: str | None = None
    actor: str | None = None
    actions: tuple[str, ...] = ACTIONS
    subject: str | None = None
    limit: int = 1000


COLUMNS = (
    "at", "actor", "callerRoles", "action", "operation", "outcome", "origin", "subjects", "fields", "id"
)  # fmt: skip


def search(graph: Graph, where: AuditFilter) -> list[dict[str, Any]]:
    """Audit events matching ``where``, newest first (at most ``where.limit``)."""
    return graph.read(
        graph.named("audit_search"),
        actions=list(where.actions),
        since=where.since,
        until=where.until,
        actor=where.actor,
        subject=where.subject,
        limit=where.limit,
    )
