"""Expected refusals of account management and key verification, in Chinese and English.

No message ever contains an API key or its hash: a refused key is described by its reason only.
"""

from __future__ import annotations

from enum import StrEnum


class AccountError(ValueError):
    """Base of the expected refusals (the CLI exits with code 2)."""


class AccountNotFound(AccountError):
    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        super().__init__(
            f'未找到账号 "{account_id}" / no account has the id "{account_id}": '
            "see `gongjian account list` for the ids"
        )


class InvalidAccount(AccountError):
    """An argument of create/rotate outside its allowed form or range."""

    def __init__(self, argument: str, value: object, fix: str) -> None:
        self.argument = argument
        self.value = value
        super().__init__(f'参数 {argument} 的值 "{value}" 不合法 / {argument} "{value}" is not valid: {fix}')


class AccountRevoked(AccountError):
    """A revoked account cannot get a new key."""

    def __init__(self, account_id: str, revoked_at: str | None) -> None:
        self.account_id = account_id
        super().__init__(
            f"账号 {account_id} 已于 {revoked_at} 吊销 / account {account_id} was revoked at {revoked_at}: "
            "create a new account with `gongjian account create`"
        )


class Refusal(StrEnum):
    """Why a key was refused."""

    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"


_MESSAGES: dict[Refusal, str] = {
    Refusal.MALFORMED: "API 密钥格式不对 / the API key is malformed: a Gongjian key looks like "
    "gj_<8 characters>_<43 characters>, as printed once by `gongjian account create` or `rotate`",
    Refusal.UNKNOWN: "API 密钥无效 / the API key is not recognised (unknown, or replaced by a rotation): "
    "use the key printed by the last `gongjian account create` or `rotate`",
    Refusal.REVOKED: "API 密钥所属账号已吊销 / the account of this API key has been revoked: "
    "ask an administrator for a new account",
    Refusal.EXPIRED: "API 密钥已过期 / the API key has expired: ask an administrator to create a new account",
}


class KeyRefused(AccountError):
    """A key that does not authenticate. ``reason`` says why; the key itself is never kept."""

    def __init__(self, reason: Refusal, detail: str = "") -> None:
        self.reason = reason
        super().__init__(_MESSAGES[reason] + (f" ({detail})" if detail else ""))
