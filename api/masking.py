"""Personal data in API answers (design.md §8, PIPL): one helper masks it unless the caller may see it.

Personal fields are the model's ``PERSONAL_PROPERTIES``: ``Member.name`` / ``Member.phone``,
``Unit.contactName`` / ``Unit.contactPhone`` and ``Org.secretary``. Every resolver of such a field calls
:func:`personal`. Anonymous callers, and callers without the ``personal_data`` role, get masked values:

- names keep their first character: ``张三丰`` → ``张**``, ``李四`` → ``李*``;
- phones keep the first three and the last four digits: ``13800000003`` → ``138****0003``
  (shorter numbers keep only the last four).

The access-control issue decides who holds the role; the resolvers do not change.
"""

from __future__ import annotations

import re
from enum import StrEnum

from .context import Caller

PERSONAL_DATA_ROLE = "personal_data"


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


def may_see_personal_data(caller: Caller) -> bool:
    return not caller.is_anonymous and PERSONAL_DATA_ROLE in caller.roles


def personal(value: str | None, kind: Kind, caller: Caller) -> str | None:
    """The value itself for callers allowed to see personal data, masked for everyone else."""
    if value is None or may_see_personal_data(caller):
        return value
    return mask_phone(value) if kind is Kind.PHONE else mask_name(str(value))
