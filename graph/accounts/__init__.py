"""Accounts: the API's principals, their roles and scopes, and their hashed API keys (issue 7)."""

from .account import Account
from .errors import AccountError, AccountNotFound, AccountRevoked, InvalidAccount, KeyRefused, Refusal
from .store import Accounts

__all__ = [
    "Account",
    "AccountError",
    "AccountNotFound",
    "AccountRevoked",
    "Accounts",
    "InvalidAccount",
    "KeyRefused",
    "Refusal",
]
