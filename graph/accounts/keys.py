"""API keys: ``gj_<prefix>_<secret>``, stored as an argon2id hash and found by their prefix.

The prefix (8 characters of ``[a-z0-9]``) is not secret: it is shown by ``gongjian account list`` and is
how a key finds its account. The secret is ``secrets.token_urlsafe(32)`` (256 bits). Only the argon2id
hash of the whole key is stored; the key itself is printed once and never kept.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import string
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

KEY_SCHEME = "gj"
PREFIX_LENGTH = 8
SECRET_BYTES = 32
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
_SECRET_LENGTH = len(secrets.token_urlsafe(SECRET_BYTES))  # 43 characters of base64url
_KEY = re.compile(rf"^{KEY_SCHEME}_([a-z0-9]{{{PREFIX_LENGTH}}})_([A-Za-z0-9_-]{{{_SECRET_LENGTH}}})$")

# argon2id with OWASP's minimum parameters (m=19 MiB, t=2, p=1): tens of milliseconds per check. A key
# holds 256 random bits, so no dictionary can guess it; the hash keeps a stolen graph from yielding keys.
# (argon2-cffi's default, RFC 9106's low-memory profile, costs ~0.4 s per check on a 2-core machine.)
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True)
class NewKey:
    """A freshly made key: ``plaintext`` is shown once, ``hash`` is what the graph keeps."""

    prefix: str
    plaintext: str
    hash: str

    def __repr__(self) -> str:  # never print the key or its hash by accident
        return f"NewKey(prefix={self.prefix!r})"


def new_key() -> NewKey:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    plaintext = f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewKey(prefix=prefix, plaintext=plaintext, hash=_HASHER.hash(plaintext))


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, or None when the text is not a Gongjian key."""
    found = _KEY.match(key)
    return found.group(1) if found else None


def looks_like_key(text: str) -> bool:
    return text.startswith(f"{KEY_SCHEME}_")


def matches(key: str, stored_hash: str) -> bool:
    """Whether ``key`` is the key ``stored_hash`` was made from (argon2id, constant-time compare)."""
    try:
        return _HASHER.verify(stored_hash, key)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the stored hash used other argon2 parameters than today's (then it is re-hashed)."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return False


def rehash(key: str) -> str:
    return _HASHER.hash(key)


def digest(key: str) -> bytes:
    """SHA-256 of the key: the cache's lookup key (fast; the cache holds no key)."""
    return hashlib.sha256(key.encode()).digest()
