"""An account as the rest of Gongjian sees it: everything but the key hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gongjian.graph.loop.clock import parse
from gongjian.graph.model import AccountStatus, Role

_ROLES = frozenset(r.value for r in Role)


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    roles: tuple[Role, ...]
    scopes: tuple[str, ...]
    unit_id: str | None
    key_prefix: str
    status: AccountStatus
    created_at: str
    rotated_at: str | None = None
    revoked_at: str | None = None
    expires_at: str | None = None
    last_used_at: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Account:
        return cls(
            id=row["id"],
            name=row["name"],
            roles=tuple(Role(r) for r in row.get("roles") or [] if r in _ROLES),  # unknown: ignored
            scopes=tuple(row.get("scopes") or []),
            unit_id=row.get("unitId"),
            key_prefix=row["keyPrefix"],
            status=AccountStatus(row["status"]),
            created_at=row["createdAt"],
            rotated_at=row.get("rotatedAt"),
            revoked_at=row.get("revokedAt"),
            expires_at=row.get("expiresAt"),
            last_used_at=row.get("lastUsedAt"),
        )

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and parse(self.expires_at) <= now

    def as_dict(self) -> dict[str, Any]:
        """The account for JSON output; there is no key and no hash to leave out."""
        return {
            "id": self.id,
            "name": self.name,
            "roles": [r.value for r in self.roles],
            "scopes": list(self.scopes),
            "unitId": self.unit_id,
            "keyPrefix": self.key_prefix,
            "status": self.status.value,
            "createdAt": self.created_at,
            "rotatedAt": self.rotated_at,
            "revokedAt": self.revoked_at,
            "expiresAt": self.expires_at,
            "lastUsedAt": self.last_used_at,
        }
