"""Personal data in API answers (design.md §8, PIPL): one helper masks it unless the caller may see it.

Personal fields are the model's ``PERSONAL_PROPERTIES``: ``Member.name`` / ``Member.phone``,
``Unit.contactName`` / ``Unit.contactPhone`` and ``Org.secretary``. Every resolver of such a field calls
:func:`personal` with the node and the field. Callers :func:`may_see_personal_data` does not allow get
masked values:

- names keep their first character: ``张三丰`` → ``张**``, ``李四`` → ``李*``;
- phones keep the first three and the last four digits: ``13800000003`` → ``138****0003``
  (shorter numbers keep only the last four).

A value shown unmasked is recorded in the request's audit log (``context.audit``, api/audit.py), which
writes it to the audit trail before the answer leaves; masked values are never recorded.
Who may see what is decided with the other access rules (api/permissions.py).
"""

from __future__ import annotations

import re
from enum import StrEnum

from gongjian.graph.model import Label

from . import permissions
from .context import Context
from .permissions import Guard


class Kind(StrEnum):
    NAME = "name"
    PHONE = "phone"


def mask_name(name: str) -> str:
    name = name.strip()
    if not name:
        return name
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def may_see_personal_data(guard: Guard, label: Label, node_id: str) -> bool:
    """Whether the caller may see the personal data of the ``label`` node ``node_id`` unmasked: the
    rule lives with the other access rules (api/permissions.py)."""
    return permissions.may_see_personal_data(guard, label, node_id)


def personal(
    value: str | None, kind: Kind, context: Context, *, label: Label, node_id: str, field: str
) -> str | None:
    """``field`` of the ``label`` node ``node_id``: the value itself for callers allowed to see it (and
    then recorded for the audit trail), masked for everyone else."""
    if not value:
        return value
    if may_see_personal_data(context.guard, label, node_id):
        context.audit.reveal(label, node_id, field)
        return value
    return mask_phone(value) if kind is Kind.PHONE else mask_name(str(value))
