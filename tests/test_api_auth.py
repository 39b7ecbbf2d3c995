"""Authentication through the real ASGI app: API keys and OIDC JWTs become the caller ``viewer`` shows;
bad credentials get 401 without the key in the answer or the log; websockets authenticate too."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import FastAPI
from starlette.websockets import WebSocketDisconnect

from gongjian.api.app import create_app
from gongjian.api.auth import claim, looks_like_jwt, strings
from gongjian.graph.accounts import Accounts
from gongjian.graph.accounts.cache import VerificationCache
from gongjian.graph.facade import Graph
from gongjian.graph.model import Role
from gongjian.settings import Settings

from . import matchkit as kit
from .fixtures.clock import T0, Clock

VIEWER = "{ viewer { id name roles scopes unitId anonymous } }"
ISSUER = "https://sso.example.test/realms/qilin"
AUDIENCE = "gongjian-api"


@pytest.fixture
def world(graph: Graph) -> Graph:
    kit.base(graph)
    kit.unit(graph, "u1", "星城小学")
    return graph


@pytest.fixture
def accounts(world: Graph, settings: Settings, clock: Clock) -> Accounts:
    """Account management as another process would do it (its own cache)."""
    return Accounts(world, settings, clock=clock, cache=VerificationCache())


@pytest.fixture
async def make_client(
    world: Graph, settings: Settings, clock: Clock
) -> AsyncIterator[Callable[..., httpx.AsyncClient]]:
    opened: list[httpx.AsyncClient] = []

    def make(**changes: Any) -> httpx.AsyncClient:
        app = create_app(settings.model_copy(update=changes), graph=world, clock=clock)
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
        opened.append(http)
        return http

    yield make
    for http in opened:
        await http.aclose()


@pytest.fixture
def api(make_client: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    return make_client()


async def ask(
    http: httpx.AsyncClient, token: str | None = None, *, header: str | None = None
) -> httpx.Response:
    headers = {"Authorization": header or f"Bearer {token}"} if (token or header) else {}
    return await http.post("/graphql", json={"query": VIEWER}, headers=headers)


def viewer(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["viewer"]


def assert_refused(response: httpx.Response, *secrets: str, fragment: str = "") -> str:
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"].startswith('Bearer realm="gongjian"')
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    for secret in secrets:
        assert secret not in response.text and secret not in str(response.headers)
    assert fragment in error["message"]
    return error["message"]


# -------------------------------------------------------------------------------------------- API keys
async def test_no_header_is_the_anonymous_caller(api: httpx.AsyncClient) -> None:
    assert viewer(await ask(api)) == {
        "id": "anonymous",
        "name": None,
        "roles": [],
        "scopes": [],
        "unitId": None,
        "anonymous": True,
    }


async def test_a_valid_key_is_the_account(api: httpx.AsyncClient, accounts: Accounts) -> None:
    account, key = accounts.create("星城社区工作者", [Role.COMMUNITY_WORKER], scopes=["c1", "c2"])
    assert viewer(await ask(api, key)) == {
        "id": account.id,
        "name": "星城社区工作者",
        "roles": ["COMMUNITY_WORKER"],
        "scopes": ["c1", "c2"],
        "unitId": None,
        "anonymous": False,
    }
    _, liaison = accounts.create("联络员", [Role.UNIT_LIAISON], unit_id="u1")
    seen = viewer(await ask(api, header=f"bearer   {liaison}  "))  # the scheme is case-insensitive
    assert seen["roles"] == ["UNIT_LIAISON"] and seen["unitId"] == "u1"


async def test_bad_keys_get_401_without_the_key(
    api: httpx.AsyncClient, accounts: Accounts, world: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    account, key = accounts.create("管理员", [Role.ADMIN])
    wrong = key[:-1] + ("A" if key[-1] != "A" else "B")
    assert_refused(await ask(api, wrong), wrong, wrong[12:], fragment="not recognised")
    assert_refused(await ask(api, "gj_nothing"), "gj_nothing", fragment="malformed")
    assert_refused(await ask(api, "not-a-key-at-all"), "not-a-key-at-all", fragment="malformed")
    message = assert_refused(await ask(api, header="Basic dXNlcjpwYXNz"), "dXNlcjpwYXNz")
    assert "Bearer <API key>" in message
    response = await ask(api, header=f"Token {key}")
    assert 'error="invalid_request"' in response.headers["www-authenticate"]
    assert_refused(response, key)
    stored_hash = world.read("MATCH (a:Account) RETURN a.keyHash AS h")[0]["h"]
    for secret in (key, wrong, key[12:], stored_hash):
        assert secret not in caplog.text
    assert viewer(await ask(api, key))["id"] == account.id


async def test_revoked_rotated_and_expired_keys_get_401(
    make_client: Callable[..., httpx.AsyncClient], accounts: Accounts, clock: Clock
) -> None:
    api = make_client(auth_cache_ttl_s=0)  # the server sees the other process's changes at once
    revoked, revoked_key = accounts.create("已吊销", [Role.VIEWER])
    assert viewer(await ask(api, revoked_key))["id"] == revoked.id
    accounts.revoke(revoked.id)
    assert_refused(await ask(api, revoked_key), revoked_key, fragment="revoked")

    rotated, old_key = accounts.create("换发", [Role.ANALYST])
    _, new_key = accounts.rotate(rotated.id)
    assert_refused(await ask(api, old_key), old_key, new_key, fragment="not recognised")
    assert viewer(await ask(api, new_key))["id"] == rotated.id

    expiring, expiring_key = accounts.create("临时", [Role.VIEWER], expires_at=T0 + timedelta(days=7))
    assert viewer(await ask(api, expiring_key))["id"] == expiring.id
    clock.moment = T0 + timedelta(days=7)
    assert_refused(await ask(api, expiring_key), expiring_key, fragment="expired")


async def test_the_server_cache_honours_revocation_through_its_own_process(
    world: Graph, settings: Settings, api: httpx.AsyncClient, clock: Clock
) -> None:
    same_process = Accounts(world, settings, clock=clock)  # the shared in-process cache, as the app's
    account, key = same_process.create("管理员", [Role.ADMIN])
    assert viewer(await ask(api, key))["id"] == account.id  # now cached by the app
    same_process.revoke(account.id)
    assert_refused(await ask(api, key), key, fragment="revoked")


async def test_require_auth_refuses_anonymous_requests(
    make_client: Callable[..., httpx.AsyncClient], accounts: Accounts
) -> None:
    api = make_client(require_auth=True)
    response = await ask(api)
    assert response.headers["www-authenticate"] == 'Bearer realm="gongjian"'  # no error: nothing was sent
    assert_refused(response, fragment="authentication is required")
    _, key = accounts.create("管理员", [Role.ADMIN])
    assert viewer(await ask(api, key))["anonymous"] is False
    page = await api.get("/graphql", headers={"Accept": "text/html"})  # GraphiQL itself still loads
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    sneaky = await api.get("/graphql", params={"query": VIEWER}, headers={"Accept": "text/html"})
    assert_refused(sneaky, fragment="authentication is required")


def test_auth_is_required_by_default_in_production_only() -> None:
    assert Settings(_env_file=None).auth_required is False  # type: ignore[call-arg]
    assert Settings(_env_file=None, environment="production").auth_required is True  # type: ignore[call-arg]
    assert Settings(_env_file=None, environment="production", require_auth=False).auth_required is False  # type: ignore[call-arg]


def test_oidc_settings_must_be_complete() -> None:
    with pytest.raises(ValueError, match="GONGJIAN_OIDC_AUDIENCE"):
        Settings(_env_file=None, oidc_issuer=ISSUER)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="not an http"):
        Settings(_env_file=None, oidc_issuer=ISSUER, oidc_audience=AUDIENCE, oidc_jwks_url="file:///k.json")  # type: ignore[call-arg]


# ------------------------------------------------------------------------------------------------- OIDC
class Issuer:
    """A local identity provider: an RSA and an EC signing key, their JWKS served on 127.0.0.1."""

    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        keys = []
        for kid, key, alg in (("rsa-1", self.rsa, "RS256"), ("ec-1", self.ec, "ES256")):
            algorithm = jwt.algorithms.RSAAlgorithm if alg == "RS256" else jwt.algorithms.ECAlgorithm
            jwk = json.loads(algorithm.to_jwk(key.public_key()))
            keys.append({**jwk, "kid": kid, "alg": alg, "use": "sig"})
        body = json.dumps({"keys": keys}).encode()
        self.fetches = 0

        class Handler(BaseHTTPRequestHandler):
            def do_GET(handler) -> None:
                self.fetches += 1
                handler.send_response(200)
                handler.send_header("Content-Type", "application/json")
                handler.send_header("Content-Length", str(len(body)))
                handler.end_headers()
                handler.wfile.write(body)

            def log_message(handler, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/realms/qilin/certs"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def settings(self) -> dict[str, Any]:
        return {"oidc_issuer": ISSUER, "oidc_audience": AUDIENCE, "oidc_jwks_url": self.url}

    def token(self, alg: str = "RS256", kid: str | None = None, key: Any = None, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-8842", "iat": now, "exp": now + 300, **claims}
        payload = {k: v for k, v in payload.items() if v is not None}
        signing = key if key is not None else (self.rsa if alg == "RS256" else self.ec)
        return jwt.encode(
            payload, signing, algorithm=alg, headers={"kid": kid or ("rsa-1" if alg == "RS256" else "ec-1")}
        )


@pytest.fixture
def issuer() -> Iterator[Issuer]:
    local = Issuer()
    yield local
    local.server.shutdown()
    local.server.server_close()


async def test_a_jwt_of_the_issuer_is_the_caller_its_claims_describe(
    make_client: Callable[..., httpx.AsyncClient], issuer: Issuer
) -> None:
    api = make_client(**issuer.settings)
    token = issuer.token(roles=["community_worker", "superuser"], scopes=["c1"], name="王芳")
    assert viewer(await ask(api, token)) == {
        "id": "oidc:u-8842",
        "name": "王芳",
        "roles": ["COMMUNITY_WORKER"],  # roles outside the model are dropped
        "scopes": ["c1"],
        "unitId": None,
        "anonymous": False,
    }
    es = issuer.token("ES256", roles="unit_liaison", unit_id="u1", preferred_username="liaison")
    seen = viewer(await ask(api, es))
    assert seen["roles"] == ["UNIT_LIAISON"] and seen["unitId"] == "u1" and seen["name"] == "liaison"


async def test_claim_names_are_configurable_with_dotted_paths(
    make_client: Callable[..., httpx.AsyncClient], issuer: Issuer
) -> None:
    api = make_client(**issuer.settings, oidc_roles_claim="realm_access.roles", oidc_scopes_claim="areas")
    token = issuer.token(realm_access={"roles": ["street_coordinator", "offline_access"]}, areas="s1 s2")
    seen = viewer(await ask(api, token))
    assert seen["roles"] == ["STREET_COORDINATOR"] and seen["scopes"] == ["s1", "s2"]


async def test_bad_jwts_get_401(make_client: Callable[..., httpx.AsyncClient], issuer: Issuer) -> None:
    api = make_client(**issuer.settings)
    now = int(time.time())
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = issuer.rsa.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    cases = {
        "expired": (issuer.token(exp=now - 120), "expired"),
        "not yet valid": (issuer.token(nbf=now + 600), "not valid yet"),
        "other audience": (issuer.token(aud="another-api"), "not valid"),
        "other issuer": (issuer.token(iss="https://evil.example.test"), "not valid"),
        "no subject": (issuer.token(sub=None), "not valid"),
        "forged signature": (issuer.token(key=stranger), "not valid"),
        "unknown key id": (issuer.token(kid="rsa-9"), "key set"),
    }
    for name, (token, fragment) in cases.items():
        message = assert_refused(await ask(api, token), token, fragment=fragment)
        assert token.split(".")[2] not in message, name
    # Algorithm confusion: HS256 "signed" with the RSA public key as the shared secret must not pass.
    header = {"alg": "HS256", "kid": "rsa-1", "typ": "JWT"}
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": now + 300}
    hs = jwt.api_jws.PyJWS()
    hs._algorithms["HS256"].prepare_key = lambda key: key  # type: ignore[method-assign]  # PyJWT refuses PEM keys
    forged = hs.encode(json.dumps(payload).encode(), public_pem, algorithm="HS256", headers=header)
    assert_refused(await ask(api, forged), forged)


async def test_unreachable_signing_keys_are_503_not_401(
    make_client: Callable[..., httpx.AsyncClient], issuer: Issuer
) -> None:
    with socket.socket() as probe:  # a port on this machine with nothing listening
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    api = make_client(**{**issuer.settings, "oidc_jwks_url": f"http://127.0.0.1:{closed_port}/certs"})
    token = issuer.token()
    response = await ask(api, token)
    assert response.status_code == 503 and token not in response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "AUTHENTICATION_UNAVAILABLE"


async def test_signing_keys_are_fetched_once_not_per_request(
    make_client: Callable[..., httpx.AsyncClient], issuer: Issuer
) -> None:
    api = make_client(**issuer.settings)
    for _ in range(3):
        assert viewer(await ask(api, issuer.token()))["id"] == "oidc:u-8842"
    assert issuer.fetches == 1


async def test_a_jwt_without_oidc_configured_is_refused_with_the_reason(
    api: httpx.AsyncClient, issuer: Issuer
) -> None:
    token = issuer.token(roles=["admin"])
    assert_refused(await ask(api, token), token, fragment="does not accept JWTs")


async def test_api_keys_still_work_when_oidc_is_configured(
    make_client: Callable[..., httpx.AsyncClient], issuer: Issuer, accounts: Accounts
) -> None:
    api = make_client(**issuer.settings)
    account, key = accounts.create("管理员", [Role.ADMIN])
    assert viewer(await ask(api, key))["id"] == account.id
    assert not looks_like_jwt(key) and looks_like_jwt(issuer.token())


def test_claim_helpers() -> None:
    claims = {"https://gongjian/roles": ["admin"], "realm_access": {"roles": ["viewer"]}, "n": 7}
    assert claim(claims, "https://gongjian/roles") == ["admin"]  # a claim name with dots is a name first
    assert claim(claims, "realm_access.roles") == ["viewer"] and claim(claims, "realm_access.x") is None
    assert strings("a, b  c") == ["a", "b", "c"] and strings(["a", 1, None, {}]) == ["a", "1"]
    assert strings(None) == [] and strings({"a": 1}) == []


# -------------------------------------------------------------------------------------------- websocket
PROTOCOL = "graphql-transport-ws"


def socket_client(app: FastAPI) -> Any:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    return TestClient(app)


def ws_viewer(ws: Any, payload: dict[str, Any] | None) -> dict[str, Any]:
    ws.send_json({"type": "connection_init", **({"payload": payload} if payload is not None else {})})
    assert ws.receive_json()["type"] == "connection_ack"
    ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": VIEWER}})
    message = ws.receive_json()
    assert message["type"] == "next", message
    return message["payload"]["data"]["viewer"]


def test_websocket_authenticates_in_connection_init_or_header(
    world: Graph, settings: Settings, clock: Clock, accounts: Accounts
) -> None:
    account, key = accounts.create("社区工作者", [Role.COMMUNITY_WORKER], scopes=["c1"])
    app = create_app(settings.model_copy(update={"require_auth": True}), graph=world, clock=clock)
    with socket_client(app) as http:
        with http.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as ws:
            assert ws_viewer(ws, {"Authorization": f"Bearer {key}"})["id"] == account.id
        headers = {"Authorization": f"Bearer {key}"}
        with http.websocket_connect("/graphql", subprotocols=[PROTOCOL], headers=headers) as ws:
            assert ws_viewer(ws, None)["scopes"] == ["c1"]

        for payload in ({"Authorization": "Bearer gj_abcdefgh_" + "a" * 43}, {"Authorization": 7}, {}):
            with http.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as ws:
                ws.send_json({"type": "connection_init", "payload": payload})
                with pytest.raises(WebSocketDisconnect) as closed:
                    ws.receive_json()
                assert closed.value.code == 4403
        bad = {"Authorization": "Bearer gj_abcdefgh_" + "a" * 43}
        with (  # a bad header: the handshake itself is refused
            pytest.raises(WebSocketDisconnect) as refused,
            http.websocket_connect("/graphql", subprotocols=[PROTOCOL], headers=bad),
        ):
            pass
        assert refused.value.code == 1008


def test_websocket_without_credentials_is_anonymous_when_allowed(
    world: Graph, settings: Settings, clock: Clock
) -> None:
    app = create_app(settings, graph=world, clock=clock)
    with socket_client(app) as http, http.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as ws:
        assert ws_viewer(ws, None)["anonymous"] is True
