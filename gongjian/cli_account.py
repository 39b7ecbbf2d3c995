"""``gongjian account create|list|revoke|rotate``: the API's principals and their keys (docs/api.md)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongjian.graph.model import Role

console = Console()
err = Console(stderr=True)

account_app = typer.Typer(help="API accounts: roles, scopes and keys.", no_args_is_help=True)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STORE_IT = (
    "[bold yellow]warning:[/] 这是该密钥唯一一次显示，请立即妥善保存 / this key is shown only once: "
    "store it now (a password manager or secret store); it cannot be shown again, only rotated"
)
_SCOPE_HELP = (
    "Area id in scope: streets for street_coordinator, communities or villages for community_worker; "
    "repeat for several."
)
_COLUMNS = (
    "id", "name 名称", "roles 角色", "scope 范围", "key prefix", "status 状态", "expires 到期", "last used"
)  # fmt: skip


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def parse_expiry(text: str) -> datetime:
    """``2026-12-31`` (valid through that day, China Standard Time) or an ISO-8601 time."""
    from gongjian.graph.loop.clock import parse

    try:
        return parse(f"{text}T23:59:59" if _DATE.match(text) else text)
    except ValueError:
        raise _fail(
            f'--expires "{text}" is not a date: give YYYY-MM-DD (valid through that day) '
            "or an ISO-8601 time such as 2026-12-31T18:00:00+08:00"
        ) from None


def _show_key(key: str) -> None:
    err.print(_STORE_IT, highlight=False)
    typer.echo(key)


@account_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Who holds the account (a person or a system).")],
    role: Annotated[list[Role], typer.Option("--role", help="Role; repeat for several.")],
    scope: Annotated[list[str] | None, typer.Option(help=_SCOPE_HELP)] = None,
    unit: Annotated[str | None, typer.Option(help="The unit id of a unit_liaison.")] = None,
    expires: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD (valid through that day) or an ISO-8601 time.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"account": …, "key": …}.')] = False,
) -> None:
    """Create an account and print its API key, once."""
    from gongjian.cli import open_graph
    from gongjian.graph.accounts import AccountError, Accounts

    expires_at = parse_expiry(expires) if expires else None
    with open_graph() as graph:
        try:
            account, key = Accounts(graph).create(name, role, scope or [], unit, expires_at)
        except AccountError as exc:
            raise _fail(str(exc)) from None
    if as_json:
        err.print(_STORE_IT, highlight=False)
        typer.echo(json.dumps({"account": account.as_dict(), "key": key}, ensure_ascii=False, indent=2))
        return
    roles = ", ".join(r.value for r in account.roles)
    where = f" · scope {', '.join(account.scopes)}" if account.scopes else ""
    where += f" · unit {account.unit_id}" if account.unit_id else ""
    until = f" · expires {account.expires_at}" if account.expires_at else ""
    summary = f"account {account.id} ({escape(account.name)}) created: {roles}{where}{until}"
    err.print(summary, highlight=False)
    _show_key(key)


@account_app.command("list")
def list_accounts(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Every account with its roles, scope, key prefix and status (never a key or a hash)."""
    from gongjian.cli import open_graph
    from gongjian.graph.accounts import Accounts

    with open_graph() as graph:
        accounts = Accounts(graph).list()
    if as_json:
        typer.echo(json.dumps([a.as_dict() for a in accounts], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Accounts 账号 ({len(accounts)})")
    for column in _COLUMNS:
        table.add_column(column)
    for a in accounts:
        table.add_row(
            a.id,
            escape(a.name),
            ", ".join(r.value for r in a.roles),
            "\n".join([*a.scopes, *([f"unit {a.unit_id}"] if a.unit_id else [])]),
            f"gj_{a.key_prefix}_…",
            a.status.value + (f" {a.revoked_at}" if a.revoked_at else ""),
            a.expires_at or "",
            a.last_used_at or "",
        )
    console.print(table)


@account_app.command("revoke")
def revoke(account_id: Annotated[str, typer.Argument(metavar="ID", help="Account id (acct-…).")]) -> None:
    """Revoke an account: its key stops working (other server processes within GONGJIAN_AUTH_CACHE_TTL_S)."""
    from gongjian.cli import open_graph
    from gongjian.graph.accounts import AccountError, Accounts

    with open_graph() as graph:
        try:
            accounts = Accounts(graph)
            before = accounts.get(account_id)
            account = accounts.revoke(account_id)
        except AccountError as exc:
            raise _fail(str(exc)) from None
    already = " (already revoked)" if before.revoked_at else ""
    console.print(f"account {account.id} revoked at {account.revoked_at}{already}", highlight=False)


@account_app.command("rotate")
def rotate(account_id: Annotated[str, typer.Argument(metavar="ID", help="Account id (acct-…).")]) -> None:
    """Give an account a new API key and print it, once; the old key stops working."""
    from gongjian.cli import open_graph
    from gongjian.graph.accounts import AccountError, Accounts

    with open_graph() as graph:
        try:
            account, key = Accounts(graph).rotate(account_id)
        except AccountError as exc:
            raise _fail(str(exc)) from None
    err.print(f"account {account.id} has a new key (prefix gj_{account.key_prefix}_)", highlight=False)
    _show_key(key)


def register(app: typer.Typer) -> None:
    app.add_typer(account_app, name="account")
