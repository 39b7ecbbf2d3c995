"""A small in-process cache of recent successful key verifications.

Checking an argon2id hash costs tens of milliseconds by design; a client sends the same key with every
request. A verified key is remembered for ``auth_cache_ttl_s`` seconds under the SHA-256 of the key
(never the key itself), per graph. Revoking or rotating an account through this process drops its
entries at once; **other processes** (another API worker, the CLI) see a revocation or rotation only
when their entry expires, i.e. after at most the TTL. Expiry (``expiresAt``) is checked on every hit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class VerificationCache(Generic[T]):
    """Least-recently-used entries of (namespace, digest) → value, each valid for ``ttl`` seconds."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._entries: OrderedDict[tuple[str, bytes], tuple[float, str, T]] = OrderedDict()
        self._lock = threading.Lock()  # resolvers verify in a thread pool

    def get(self, namespace: str, digest: bytes, ttl: float) -> T | None:
        key = (namespace, digest)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, _, value = entry
            if self._monotonic() - stored_at >= ttl:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, namespace: str, digest: bytes, owner: str, value: T, size: int) -> None:
        """Remember ``value`` for the account ``owner`` (so that it can be forgotten by account)."""
        if size <= 0:
            return
        with self._lock:
            self._entries[(namespace, digest)] = (self._monotonic(), owner, value)
            self._entries.move_to_end((namespace, digest))
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def forget(self, namespace: str, owner: str) -> None:
        """Drop every entry of the account ``owner`` (revoked or rotated)."""
        with self._lock:
            for key in [k for k, (_, who, _) in self._entries.items() if k[0] == namespace and who == owner]:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


#: The process-wide cache every :class:`~gongjian.graph.accounts.store.Accounts` uses by default, so that a
#: revocation through any of them invalidates what the API's authenticator remembered.
SHARED: VerificationCache = VerificationCache()
