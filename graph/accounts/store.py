"""Create, list, revoke and rotate accounts, and verify the API keys they hold.

    accounts = Accounts(graph, settings)
    account, key = accounts.create("王芳", [Role.COMMUNITY_WORKER], scopes=["area-…"])  # key shown once
    accounts.verify(key)          # → Account, or KeyRefused(malformed | unknown | revoked | expired)
    accounts.rotate(account.id)   # → (account, new key); the old key stops matching at once
    accounts.revoke(account.id)

``lastUsedAt`` is written only when a key is checked against its argon2 hash, not on every request: the
verification cache (cache.py) answers the others, so the time is accurate to ``auth_cache_ttl_s`` and an
API request costs at most one extra write per key and TTL.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from gongjian.graph.facade import Graph
from gongjian.graph.loop.clock import Clock, iso, now
from gongjian.graph.model import AccountStatus, Role
from gongjian.settings import Settings, get_settings

from . import keys
from .account import Account
from .cache import SHARED, VerificationCache
from .errors import AccountError, AccountNotFound, AccountRevoked, KeyRefused, Refusal
from .validation import check_expiry, check_scope, clean_name, roles_of

ID_PREFIX = "acct"
_DRAWS = 3  # a new key prefix collides with an existing one with probability ~n / 36⁸


def new_account_id() -> str:
    return f"{ID_PREFIX}-{secrets.token_hex(8)}"


class Accounts:
    def __init__(
        self,
        graph: Graph,
        settings: Settings | None = None,
        clock: Clock = now,
        cache: VerificationCache[Account] = SHARED,
    ) -> None:
        self.graph = graph
        self.settings = settings or get_settings()
        self.clock = clock
        self.cache = cache

    @property
    def _namespace(self) -> str:
        return self.graph.description

    # -- management ---------------------------------------------------------------------------
    def create(
        self,
        name: str,
        roles: Iterable[Role | str],
        scopes: Sequence[str] = (),
        unit_id: str | None = None,
        expires_at: datetime | None = None,
    ) -> tuple[Account, str]:
        """A new active account and its key in plain text: the only time the key can be seen."""
        name = clean_name(name)
        held = roles_of(roles)
        areas = list(dict.fromkeys(s.strip() for s in scopes if s.strip()))
        unit = (unit_id or "").strip() or None
        check_expiry(expires_at, self.clock())
        check_scope(self.graph, held, areas, unit)
        for _ in range(_DRAWS):
            key = keys.new_key()
            rows = self.graph.write(
                self.graph.named("accounts_create"),
                id=new_account_id(),
                name=name,
                roles=[r.value for r in held],
                scopes=areas,
                unitId=unit,
                keyPrefix=key.prefix,
                keyHash=key.hash,
                status=AccountStatus.ACTIVE.value,
                createdAt=iso(self.clock()),
                expiresAt=iso(expires_at) if expires_at else None,
            )
            if rows:
                return Account.from_row(rows[0]), key.plaintext
        raise AccountError("未能生成可用的密钥前缀 / could not draw a free key prefix: try again")

    def list(self) -> list[Account]:
        return [Account.from_row(row) for row in self.graph.read(self.graph.named("accounts_list"))]

    def get(self, account_id: str) -> Account:
        rows = self.graph.read(self.graph.named("accounts_get"), id=account_id)
        if not rows:
            raise AccountNotFound(account_id)
        return Account.from_row(rows[0])

    def revoke(self, account_id: str) -> Account:
        """Revoke the account: its key stops working here at once, elsewhere within the cache TTL."""
        rows = self.graph.write(
            self.graph.named("accounts_revoke"),
            id=account_id,
            status=AccountStatus.REVOKED.value,
            at=iso(self.clock()),
        )
        if not rows:
            raise AccountNotFound(account_id)
        self.cache.forget(self._namespace, account_id)
        return Account.from_row(rows[0])

    def rotate(self, account_id: str) -> tuple[Account, str]:
        """A new key for an active account; the old one stops matching at once."""
        current = self.get(account_id)
        for _ in range(_DRAWS):
            if current.status is AccountStatus.REVOKED:
                raise AccountRevoked(account_id, current.revoked_at)
            key = keys.new_key()
            rows = self.graph.write(
                self.graph.named("accounts_rotate"),
                id=account_id,
                active=AccountStatus.ACTIVE.value,
                keyPrefix=key.prefix,
                keyHash=key.hash,
                at=iso(self.clock()),
            )
            self.cache.forget(self._namespace, account_id)
            if rows:
                return Account.from_row(rows[0]), key.plaintext
            current = self.get(account_id)  # revoked meanwhile, or the prefix was taken: look again
        raise AccountError("未能生成可用的密钥前缀 / could not draw a free key prefix: try again")

    # -- authentication -----------------------------------------------------------------------
    def verify(self, key: str) -> Account:
        """The account holding ``key``, or :class:`KeyRefused` saying why not. Never logs the key."""
        prefix = keys.key_prefix(key)
        if prefix is None:
            raise KeyRefused(Refusal.MALFORMED)
        moment = self.clock()
        digest = keys.digest(key)
        ttl = self.settings.auth_cache_ttl_s
        cached = self.cache.get(self._namespace, digest, ttl) if ttl > 0 else None
        if cached is not None:
            if cached.expired(moment):
                raise KeyRefused(Refusal.EXPIRED)
            return cached
        rows = self.graph.read(self.graph.named("accounts_by_prefix"), keyPrefix=prefix)
        found = next((row for row in rows if keys.matches(key, row["keyHash"])), None)
        if found is None:
            raise KeyRefused(Refusal.UNKNOWN)
        account = Account.from_row(found)
        if account.status is AccountStatus.REVOKED:
            raise KeyRefused(Refusal.REVOKED)
        if account.expired(moment):
            raise KeyRefused(Refusal.EXPIRED)
        at = iso(moment)
        self.graph.write(
            self.graph.named("accounts_touch"),
            id=account.id,
            keyPrefix=prefix,
            at=at,
            keyHash=keys.rehash(key) if keys.needs_rehash(found["keyHash"]) else None,
        )
        account = replace(account, last_used_at=at)
        if ttl > 0:
            self.cache.put(self._namespace, digest, account.id, account, self.settings.auth_cache_size)
        return account
