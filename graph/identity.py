"""Name normalisation and the id rules of design.md §4.

Ids derive from natural keys, so importing the same list twice changes nothing: the same row always
yields the same id. Names are normalised (full-width → half-width, spaces trimmed) before keys are made.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from .model import Label

_SPACES = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")

ID_PREFIX: dict[Label, str] = {
    Label.AREA: "area",
    Label.ORG: "org",
    Label.UNIT: "unit",
    Label.MEMBER: "mem",
    Label.RESOURCE: "res",
    Label.DEMAND: "dem",
    Label.PROJECT: "proj",
    Label.CATEGORY: "cat",
    Label.EVENT: "evt",
}


def normalise_name(text: str) -> str:
    """Display form: NFKC (full-width → half-width), trimmed, inner spaces collapsed, none beside CJK."""
    text = unicodedata.normalize("NFKC", text).strip()
    if " " not in text and text.isprintable():
        return text  # no whitespace at all (every other whitespace character is unprintable)
    text = _SPACES.sub(" ", text)
    return _CJK_GAP.sub("", text)


def name_key(text: str) -> str:
    """Comparison form of a name: the display form without any spaces, ASCII case folded.

    The same as ``normalise_name(text)`` with every space removed, computed without the regular
    expressions: NFKC, then ``str.split()`` drops exactly the characters ``\\s`` matches.
    """
    if text.isascii() and text.isprintable() and " " not in text:
        return text.lower()  # ids, codes and plain ASCII names: nothing to normalise or remove
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def stable_id(label: Label, *parts: str | None) -> str:
    """``<prefix>-<16 hex>`` from the normalised natural-key parts (``None`` counts as empty)."""
    salt, prefix = _SALTS[label]
    material = "\x1f".join([name_key(part) if part else "" for part in parts])
    return prefix + hashlib.sha256((salt + material).encode()).hexdigest()[:16]


# What ``stable_id`` hashes before the parts, and what it writes before the digest, per label.
_SALTS = {label: (f"{label.value}\x1e", f"{prefix}-") for label, prefix in ID_PREFIX.items()}


def area_id(path: Iterable[str], code: str | None = None) -> str:
    """An area by its administrative code when it has one, else by its name path from the top."""
    if code and code.strip():
        return stable_id(Label.AREA, "code", code)
    return stable_id(Label.AREA, "path", *path)


def unit_id(name: str, street_id: str | None, uscc: str | None = None) -> str:
    """A unit by its unified social credit code, else by normalised name within its street."""
    if uscc and uscc.strip():
        return stable_id(Label.UNIT, "uscc", normalise_uscc(uscc))
    return stable_id(Label.UNIT, "name", street_id, name)


def org_id(name: str, parent_id: str | None) -> str:
    """An organisation by its normalised name under its parent organisation (or area)."""
    return stable_id(Label.ORG, parent_id, name)


def member_id(name: str, phone: str) -> str:
    """A member by name and mobile number (digits only)."""
    return stable_id(Label.MEMBER, name, normalise_phone(phone))


def resource_id(owner_id: str, category: str, name: str) -> str:
    """``stable_id(Label.RESOURCE, owner_id, category, name)``, hashing the owner's part once per owner:
    an import computes one for every row of the resource list, a few dozen per unit."""
    digest = _owner_digest(owner_id).copy()
    digest.update(f"{name_key(category) if category else ''}\x1f{name_key(name) if name else ''}".encode())
    return "res-" + digest.hexdigest()[:16]


@functools.lru_cache(maxsize=65_536)
def _owner_digest(owner_id: str) -> Any:
    salt = _SALTS[Label.RESOURCE][0]
    return hashlib.sha256(f"{salt}{name_key(owner_id) if owner_id else ''}\x1f".encode())


def demand_id(community_id: str, category: str, title: str, created_on: str) -> str:
    """A demand by community + category + title + creation date (``YYYY-MM-DD``)."""
    return stable_id(Label.DEMAND, community_id, category, title, created_on[:10])


def project_id(demand_id_: str, deliverer_id: str, resource_id_: str | None, seq: int = 0) -> str:
    return stable_id(Label.PROJECT, demand_id_, deliverer_id, resource_id_, str(seq))


def event_id(subject_id: str, seq: int, action: str) -> str:
    return stable_id(Label.EVENT, subject_id, str(seq), action)


def normalise_phone(phone: str) -> str:
    if phone.isascii() and phone.isdigit():
        digits = phone
    else:
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone))
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise_uscc(code: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", code)).upper()


def uscc_is_valid(code: str) -> bool:
    """Check an 18-character unified social credit code against its GB 32100-2015 check character."""
    code = normalise_uscc(code)
    if len(code) != 18 or any(ch not in _USCC_CHARS for ch in code):
        return False
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def uscc_with_check(first17: str) -> str:
    """Complete 17 characters with the check character (used by the demo generator and tests)."""
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_CHARS[(31 - total % 31) % 31]
