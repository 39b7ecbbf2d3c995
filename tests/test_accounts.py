"""Accounts (graph/accounts) and ``gongjian account``: keys made, hashed, verified, rotated and revoked;
scopes validated against the area tree; expiry on a controlled clock; no key or hash in any output."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from gongjian import settings as settings_module
from gongjian.cli import app
from gongjian.graph.accounts import (
    Account,
    AccountNotFound,
    AccountRevoked,
    Accounts,
    InvalidAccount,
    KeyRefused,
    Refusal,
)
from gongjian.graph.accounts.cache import VerificationCache
from gongjian.graph.errors import QueryError
from gongjian.graph.facade import Graph
from gongjian.graph.loop.clock import iso
from gongjian.graph.model import AccountStatus, Role
from gongjian.graph.schema import init_schema
from gongjian.settings import Settings

from . import matchkit as kit
from .conftest import TEST_GRAPH_URI
from .fixtures.clock import T0, Clock

KEY = re.compile(r"^gj_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$")


class Monotonic:
    """A controlled ``time.monotonic`` for the verification cache."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def world(graph: Graph) -> Graph:
    """Street s1 > community c1 > grid g1, street s2 > c2, c3 (tests/matchkit.py); unit u1; a town."""
    kit.base(graph)
    kit.unit(graph, "u1", "星城小学")
    kit.area(graph, "t1", "越州镇", "town", parent="d")
    kit.area(graph, "v1", "潇湘村", "village", parent="t1")
    return graph


@pytest.fixture
def accounts(world: Graph, settings: Settings, clock: Clock) -> Accounts:
    return Accounts(world, settings, clock=clock, cache=VerificationCache())


def stored(graph: Graph, account_id: str) -> dict:
    [row] = graph.read("MATCH (a:Account {id: $id}) RETURN properties(a) AS p", id=account_id)
    return row["p"]


# ----------------------------------------------------------------------------------------- keys and hashes
def test_create_gives_a_key_once_and_stores_only_its_argon2id_hash(accounts: Accounts, world: Graph) -> None:
    account, key = accounts.create("区委组织部", [Role.ADMIN])
    assert KEY.match(key)
    assert account.key_prefix == key[3:11] and account.status is AccountStatus.ACTIVE
    assert account.created_at == iso(T0) and account.roles == (Role.ADMIN,) and account.scopes == ()
    props = stored(world, account.id)
    assert props["keyHash"].startswith("$argon2id$")
    assert key not in json.dumps(props, ensure_ascii=False)  # neither the key nor its secret part
    assert key.split("_", 2)[2] not in json.dumps(props, ensure_ascii=False)
    assert PasswordHasher().verify(props["keyHash"], key)
    assert "keyHash" not in account.as_dict() and "hash" not in repr(account).lower()
    _, other = accounts.create("区委组织部", [Role.ADMIN])
    assert other != key and other[3:11] != key[3:11]


def test_verify_returns_the_account_and_records_when_it_was_used(accounts: Accounts, world: Graph) -> None:
    account, key = accounts.create("星城社区工作者", ["community_worker"], scopes=["c1", "c1"])
    assert account.scopes == ("c1",)  # repeats dropped
    verified = accounts.verify(key)
    assert verified.id == account.id and verified.roles == (Role.COMMUNITY_WORKER,)
    assert verified.last_used_at == iso(T0)
    assert stored(world, account.id)["lastUsedAt"] == iso(T0)


@pytest.mark.parametrize(
    "text",
    ["", "Bearer", "gj_", "gj_abcdefgh", "gj_ABCDEFGH_" + "a" * 43, "gj_abcdefgh_" + "a" * 42, "x" * 55],
)
def test_a_malformed_key_is_refused_as_malformed(accounts: Accounts, text: str) -> None:
    with pytest.raises(KeyRefused) as refused:
        accounts.verify(text)
    assert refused.value.reason is Refusal.MALFORMED


def test_unknown_prefix_or_wrong_secret_is_unknown(accounts: Accounts) -> None:
    _, key = accounts.create("分析员", [Role.ANALYST])
    wrong_secret = key[:12] + ("A" if key[12] != "A" else "B") + key[13:]
    for text in (wrong_secret, "gj_zzzzzzzz_" + "a" * 43):
        with pytest.raises(KeyRefused) as refused:
            accounts.verify(text)
        assert refused.value.reason is Refusal.UNKNOWN
        assert text not in str(refused.value)


def test_rotation_replaces_the_key_at_once(accounts: Accounts, world: Graph, clock: Clock) -> None:
    account, old = accounts.create("寥廓街道协调员", [Role.STREET_COORDINATOR], scopes=["s2"])
    accounts.verify(old)  # now cached
    clock.moment = T0 + timedelta(hours=1)
    rotated, new = accounts.rotate(account.id)
    assert KEY.match(new) and new != old and rotated.key_prefix != account.key_prefix
    assert rotated.rotated_at == iso(clock.moment) and rotated.id == account.id
    with pytest.raises(KeyRefused) as refused:
        accounts.verify(old)
    assert refused.value.reason is Refusal.UNKNOWN
    assert accounts.verify(new).id == account.id
    assert PasswordHasher().verify(stored(world, account.id)["keyHash"], new)


def test_revocation_refuses_the_key_at_once_and_is_idempotent(accounts: Accounts, clock: Clock) -> None:
    account, key = accounts.create("只读", [Role.VIEWER])
    accounts.verify(key)  # now cached: revoking through the same process must still take effect
    revoked = accounts.revoke(account.id)
    assert revoked.status is AccountStatus.REVOKED and revoked.revoked_at == iso(T0)
    with pytest.raises(KeyRefused) as refused:
        accounts.verify(key)
    assert refused.value.reason is Refusal.REVOKED
    clock.moment = T0 + timedelta(days=1)
    assert accounts.revoke(account.id).revoked_at == iso(T0)  # the first revocation time stays
    with pytest.raises(AccountRevoked, match="gongjian account create"):
        accounts.rotate(account.id)
    with pytest.raises(AccountNotFound):
        accounts.revoke("acct-missing")
    with pytest.raises(AccountNotFound):
        accounts.rotate("acct-missing")


def test_expiry_follows_the_clock_even_for_a_cached_key(accounts: Accounts, clock: Clock) -> None:
    account, key = accounts.create("临时账号", [Role.VIEWER], expires_at=T0 + timedelta(days=1))
    assert account.expires_at == iso(T0 + timedelta(days=1))
    clock.moment = T0 + timedelta(hours=23, minutes=59, seconds=59)
    assert accounts.verify(key).id == account.id  # cached from here on
    clock.moment = T0 + timedelta(days=1)
    with pytest.raises(KeyRefused) as refused:
        accounts.verify(key)
    assert refused.value.reason is Refusal.EXPIRED
    uncached = Accounts(accounts.graph, accounts.settings, clock=clock, cache=VerificationCache())
    with pytest.raises(KeyRefused) as refused:
        uncached.verify(key)
    assert refused.value.reason is Refusal.EXPIRED
    with pytest.raises(InvalidAccount, match="expires"):
        accounts.create("过期的", [Role.VIEWER], expires_at=T0)


# --------------------------------------------------------------------------------------------- the cache
def test_another_process_sees_a_revocation_after_the_cache_ttl(world: Graph, clock: Clock) -> None:
    settings = Settings(_env_file=None, auth_cache_ttl_s=30)  # type: ignore[call-arg]
    monotonic = Monotonic()
    server_cache: VerificationCache[Account] = VerificationCache(monotonic)
    server = Accounts(world, settings, clock=clock, cache=server_cache)
    cli = Accounts(world, settings, clock=clock, cache=VerificationCache())  # another process
    account, key = cli.create("街道协调员", [Role.STREET_COORDINATOR], scopes=["s1", "t1"])
    assert server.verify(key).id == account.id
    assert all(len(digest) == 32 and digest != key.encode() for _, digest in server_cache._entries)

    cli.revoke(account.id)
    monotonic.seconds += 29
    assert server.verify(key).id == account.id  # still trusted within the TTL …
    monotonic.seconds += 1
    with pytest.raises(KeyRefused) as refused:  # … and refused after it
        server.verify(key)
    assert refused.value.reason is Refusal.REVOKED


def test_last_used_is_written_only_when_the_hash_is_checked(world: Graph, clock: Clock) -> None:
    settings = Settings(_env_file=None, auth_cache_ttl_s=30)  # type: ignore[call-arg]
    monotonic = Monotonic()
    accounts = Accounts(world, settings, clock=clock, cache=VerificationCache(monotonic))
    account, key = accounts.create("单位联络员", [Role.UNIT_LIAISON], unit_id="u1")
    accounts.verify(key)
    clock.moment = T0 + timedelta(seconds=10)
    monotonic.seconds += 10
    accounts.verify(key)
    assert stored(world, account.id)["lastUsedAt"] == iso(T0)
    clock.moment = T0 + timedelta(seconds=40)
    monotonic.seconds += 30
    accounts.verify(key)
    assert stored(world, account.id)["lastUsedAt"] == iso(clock.moment)


def test_cache_off_checks_the_hash_every_time(world: Graph, clock: Clock) -> None:
    settings = Settings(_env_file=None, auth_cache_ttl_s=0)  # type: ignore[call-arg]
    cache: VerificationCache[Account] = VerificationCache()
    accounts = Accounts(world, settings, clock=clock, cache=cache)
    _, key = accounts.create("管理员", [Role.ADMIN])
    accounts.verify(key)
    assert len(cache) == 0


def test_cache_keeps_at_most_its_size() -> None:
    cache: VerificationCache[str] = VerificationCache()
    for n in range(5):
        cache.put("g", bytes([n]) * 32, f"acct-{n}", f"v{n}", size=3)
    assert len(cache) == 3
    assert cache.get("g", bytes([0]) * 32, ttl=30) is None and cache.get("g", bytes([4]) * 32, ttl=30) == "v4"
    cache.forget("g", "acct-4")
    assert cache.get("g", bytes([4]) * 32, ttl=30) is None


def test_a_hash_made_with_older_parameters_is_replaced_on_use(accounts: Accounts, world: Graph) -> None:
    account, key = accounts.create("管理员", [Role.ADMIN])
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(key)
    world.write("MATCH (a:Account {id: $id}) SET a.keyHash = $hash", id=account.id, hash=weak)
    assert accounts.verify(key).id == account.id
    rehashed = stored(world, account.id)["keyHash"]
    assert rehashed != weak and "m=19456,t=2,p=1" in rehashed
    assert PasswordHasher().verify(rehashed, key)


# ----------------------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("roles", "scopes", "unit"),
    [
        ([Role.STREET_COORDINATOR], ["s1"], None),
        ([Role.STREET_COORDINATOR], ["s1", "t1"], None),  # a town is a street-level area
        ([Role.COMMUNITY_WORKER], ["c1", "c2", "v1"], None),
        ([Role.STREET_COORDINATOR, Role.COMMUNITY_WORKER], ["s1", "c2"], None),
        ([Role.UNIT_LIAISON], [], "u1"),
        ([Role.ADMIN], [], None),
        ([Role.ANALYST, Role.VIEWER], [], None),
    ],
)
def test_valid_scopes_are_accepted(
    accounts: Accounts, roles: list[Role], scopes: list[str], unit: str | None
) -> None:
    account, _ = accounts.create("账号", roles, scopes=scopes, unit_id=unit)
    assert account.roles == tuple(roles) and account.scopes == tuple(scopes) and account.unit_id == unit


@pytest.mark.parametrize(
    ("roles", "scopes", "unit", "argument", "fix"),
    [
        (["street_coordinator"], ["c1"], None, "scope", "this area is a community"),
        (["street_coordinator"], [], None, "scope", "needs at least one"),
        (["street_coordinator"], ["nowhere"], None, "scope", "no area has this id"),
        (["community_worker"], ["s1"], None, "scope", "this area is a street"),
        (["community_worker"], ["g1"], None, "scope", "this area is a grid"),
        (["street_coordinator", "community_worker"], ["s1"], None, "scope", "community_worker needs"),
        (["admin"], ["s1"], None, "scope", "take no scope"),
        (["viewer"], [], "u1", "unit", "only a unit_liaison"),
        (["unit_liaison"], [], None, "unit", "needs the id of its unit"),
        (["unit_liaison"], [], "u-missing", "unit", "no unit has this id"),
        (["superuser"], [], None, "role", "use one of admin"),
        ([], [], None, "role", "at least one role"),
    ],
)
def test_invalid_scopes_are_refused_with_the_fix(
    accounts: Accounts,
    world: Graph,
    roles: list[str],
    scopes: list[str],
    unit: str | None,
    argument: str,
    fix: str,
) -> None:
    with pytest.raises(InvalidAccount) as refused:
        accounts.create("账号", roles, scopes=scopes, unit_id=unit)
    assert refused.value.argument == argument and fix in str(refused.value)
    assert world.read("MATCH (a:Account) RETURN count(a) AS n") == [{"n": 0}]


def test_a_name_is_required(accounts: Accounts) -> None:
    with pytest.raises(InvalidAccount, match="name"):
        accounts.create("   ", [Role.ADMIN])


def test_account_ids_are_unique_after_db_init(schema_graph: Graph) -> None:
    init_schema(schema_graph)  # twice: still no error
    schema_graph.write("CREATE (:Account {id: 'acct-1'})")
    with pytest.raises(QueryError):
        schema_graph.write("CREATE (:Account {id: 'acct-1'})")


# ------------------------------------------------------------------------------------------------ the CLI
@pytest.fixture
def cli_graph(world: Graph, graph_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Graph]:
    uri = TEST_GRAPH_URI or f"embedded://{graph_home}?graph={world.backend.graph_name}"  # type: ignore[attr-defined]
    monkeypatch.setenv("GONGJIAN_GRAPH_URI", uri)
    settings_module.get_settings.cache_clear()
    yield world
    settings_module.get_settings.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **os.environ})
    return result.exit_code, result.stdout, result.stderr


def test_cli_create_list_rotate_revoke(cli_graph: Graph, settings: Settings) -> None:
    code, out, err = run("account", "create", "星城社区工作者", "--role", "community_worker", "--scope", "c1")
    assert code == 0, err
    key = out.strip()
    assert KEY.match(key) and "shown only once" in err and "唯一一次" in err
    # Another process than the CLI's: no cache, so that it sees rotations and revocations at once.
    accounts = Accounts(cli_graph, settings.model_copy(update={"auth_cache_ttl_s": 0}))
    account = accounts.verify(key)
    assert account.name == "星城社区工作者" and account.scopes == ("c1",)
    key_hash = stored(cli_graph, account.id)["keyHash"]

    code, out, err = run("account", "list", "--json")
    assert code == 0, err
    [listed] = json.loads(out)
    assert (
        listed["id"] == account.id
        and listed["roles"] == ["community_worker"]
        and listed["status"] == "active"
    )
    assert listed["keyPrefix"] == key[3:11]
    code, table, _ = run("account", "list")
    assert code == 0 and account.id in table and f"gj_{key[3:11]}_" in table
    for output in (out, table):
        assert key_hash not in output and "$argon2" not in output and "keyHash" not in output
        assert key not in output

    code, out, err = run("account", "rotate", account.id)
    assert code == 0, err
    new_key = out.strip()
    assert KEY.match(new_key) and new_key != key and "shown only once" in err
    assert accounts.verify(new_key).id == account.id
    with pytest.raises(KeyRefused):
        accounts.verify(key)

    code, out, err = run("account", "revoke", account.id)
    assert code == 0 and "revoked at" in out, err
    with pytest.raises(KeyRefused) as refused:
        accounts.verify(new_key)
    assert refused.value.reason is Refusal.REVOKED
    code, out, _ = run("account", "revoke", account.id)
    assert code == 0 and "already revoked" in out
    code, _, err = run("account", "rotate", account.id)
    assert code == 2 and "revoked" in err


def test_cli_create_json_and_expiry(cli_graph: Graph) -> None:
    code, out, err = run(
        "account",
        "create",
        "联络员",
        "--role",
        "unit_liaison",
        "--unit",
        "u1",
        "--expires",
        "2099-12-31",
        "--json",
    )
    assert code == 0, err
    created = json.loads(out)
    assert KEY.match(created["key"]) and created["account"]["unitId"] == "u1"
    assert created["account"]["expiresAt"] == "2099-12-31T23:59:59+08:00"
    assert "keyHash" not in created["account"] and "shown only once" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "street_coordinator", "--scope", "c1"], "this area is a community"),
        (["--role", "unit_liaison", "--unit", "u-missing"], "no unit has this id"),
        (["--role", "viewer", "--expires", "2020-01-01"], "give a time in the future"),
        (["--role", "viewer", "--expires", "next week"], "is not a date"),
    ],
)
def test_cli_create_refusals_exit_2(cli_graph: Graph, args: list[str], message: str) -> None:
    code, out, err = run("account", "create", "账号", *args)
    assert code == 2 and message in err and out == ""
    assert cli_graph.read("MATCH (a:Account) RETURN count(a) AS n") == [{"n": 0}]


def test_cli_unknown_account_exits_2(cli_graph: Graph) -> None:
    for command in ("revoke", "rotate"):
        code, _, err = run("account", command, "acct-missing")
        assert code == 2 and "acct-missing" in err and "gongjian account list" in err
