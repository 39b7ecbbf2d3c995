"""Masking of personal data (PIPL) in logs, the printed summary and the JSON report.

Names keep their first character (张三丰 → 张**), phones their first three and last four digits
(13800000003 → 138****0003). The length of a name is not revealed.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d")


def mask_name(value: str) -> str:
    value = value.strip()
    return f"{value[0]}**" if value else ""


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 4:
        return f"{'*' * (len(digits) - 2)}{digits[-2:]}"
    return "*" * len(value.strip())


def mask(value: str, how: str | None) -> str:
    """Mask ``value`` as a ``name`` or a ``phone``; ``None`` leaves it as it is."""
    if how == "phone":
        return mask_phone(value)
    if how == "name":
        return mask_name(value)
    return value


def mask_digits_in(text: str) -> str:
    """Hide every run of 7 or more digits in free text (a phone typed into a note)."""
    return re.sub(r"\d{7,}", lambda m: mask_phone(m.group()), text)
