"""Who is asking: ``Authorization: Bearer <key>`` → :class:`~gongjian.api.context.Caller`.

- An API key of ``gongjian account create`` (``gj_<prefix>_<secret>``) is checked against its argon2id
  hash (graph/accounts; recent successes are cached for ``auth_cache_ttl_s``).
- A JWT, when OIDC is configured (``oidc_issuer``, ``oidc_audience``, ``oidc_jwks_url``), is checked
  against the issuer's signing keys (RS256 or ES256 only), issuer, audience, ``exp`` and ``nbf``; its
  claims give the roles, scopes and unit (``oidc_*_claim``, a plain claim name or a dotted path).
- No ``Authorization`` header: the anonymous caller, unless ``require_auth`` (default: production only).

Invalid, expired or revoked credentials are refused with HTTP 401, ``WWW-Authenticate: Bearer`` and a
GraphQL-shaped body ``{"errors": [{"message": …, "extensions": {"code": "UNAUTHENTICATED"}}]}``. No
message, log line or error ever contains the key or the token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import jwt
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.types.unset import UNSET, UnsetType

from gongjian.graph.accounts import Account, Accounts, KeyRefused
from gongjian.graph.accounts.cache import SHARED, VerificationCache
from gongjian.graph.facade import Graph
from gongjian.graph.loop.clock import Clock, now
from gongjian.graph.model import Role
from gongjian.settings import Settings

from .context import Caller, Context

REALM = "gongjian"
JWT_ALGORITHMS = ("RS256", "ES256")  # asymmetric only: never HS* (a shared secret) nor "none"
_JWT_SHAPE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
_ROLES = frozenset(r.value for r in Role)


class Unauthenticated(Exception):
    """Credentials missing (when required) or refused. The message never holds the credential."""

    def __init__(
        self, message: str, *, error: str | None = "invalid_token", status: int = 401, code: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error = error  # RFC 6750 error code for WWW-Authenticate; None when nothing was sent
        self.status = status
        self.code = code or ("UNAUTHENTICATED" if status == 401 else "AUTHENTICATION_UNAVAILABLE")


async def refuse(conn: HTTPConnection, exc: Exception) -> Response | None:
    """The app's handler for :class:`Unauthenticated`: 401 JSON, or a closed websocket handshake."""
    if not isinstance(exc, Unauthenticated):
        raise exc
    if isinstance(conn, WebSocket):
        await conn.close(code=1008, reason="unauthenticated")  # before accept: the handshake gets 403
        return None
    challenge = f'Bearer realm="{REALM}"' + (f', error="{exc.error}"' if exc.error else "")
    body = {"errors": [{"message": exc.message, "extensions": {"code": exc.code}}]}
    return JSONResponse(body, status_code=exc.status, headers={"WWW-Authenticate": challenge})


def _ide_page(connection: HTTPConnection) -> bool:
    """A browser loading GraphiQL (no query runs; its own requests then carry the header set in it)."""
    return (
        connection.scope.get("method") == "GET"
        and "query" not in connection.query_params
        and "text/html" in connection.headers.get("accept", "")
    )


def caller_of_account(account: Account) -> Caller:
    return Caller(
        id=account.id,
        roles=frozenset(r.value for r in account.roles),
        scopes=frozenset(account.scopes),
        unit_id=account.unit_id,
        name=account.name,
    )


def bearer_token(authorization: str) -> str:
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise Unauthenticated(
            "Authorization 头格式不对 / the Authorization header is malformed: "
            "send `Authorization: Bearer <API key>` (or a JWT when single sign-on is configured)",
            error="invalid_request",
        )
    return token


def looks_like_jwt(token: str) -> bool:
    if not _JWT_SHAPE.match(token):
        return False
    try:
        return "alg" in jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return False


class OidcVerifier:
    """JWTs of the configured OIDC issuer, verified with its published signing keys (JWKS)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.jwks = jwt.PyJWKClient(settings.oidc_jwks_url, cache_keys=True, lifespan=300, timeout=10)

    def caller(self, token: str) -> Caller:
        s = self.settings
        try:
            signing_key = self.jwks.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError:
            raise Unauthenticated(
                "无法获取身份提供方的签名密钥 / the identity provider's signing keys "
                "(GONGJIAN_OIDC_JWKS_URL) cannot be fetched right now: try again later",
                status=503,
            ) from None
        except (jwt.PyJWKClientError, jwt.InvalidTokenError):
            raise Unauthenticated(
                "令牌的签名密钥不在身份提供方的密钥集中 / the token's signing key is not in the identity "
                "provider's key set: get a new token from the configured issuer"
            ) from None
        try:
            claims = jwt.decode(
                token,
                signing_key,
                algorithms=list(JWT_ALGORITHMS),
                audience=s.oidc_audience,
                issuer=s.oidc_issuer,
                leeway=s.oidc_leeway_s,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("令牌已过期 / the token has expired: get a new one") from None
        except jwt.ImmatureSignatureError:
            raise Unauthenticated("令牌尚未生效 / the token is not valid yet (nbf): check clocks") from None
        except jwt.InvalidTokenError as exc:  # PyJWT's messages name the check, never the token
            raise Unauthenticated(f"令牌无效 / the token is not valid: {exc}") from None
        return self._caller_of(claims)

    def _caller_of(self, claims: dict[str, Any]) -> Caller:
        s = self.settings
        subject = str(claims["sub"])
        unit = claim(claims, s.oidc_unit_claim)
        return Caller(
            id=f"oidc:{subject}",
            roles=frozenset(v for v in strings(claim(claims, s.oidc_roles_claim)) if v in _ROLES),
            scopes=frozenset(strings(claim(claims, s.oidc_scopes_claim))),
            unit_id=str(unit) if isinstance(unit, str | int) and str(unit) else None,
            name=str(claims.get("name") or claims.get("preferred_username") or subject),
        )


def claim(claims: dict[str, Any], name: str) -> Any:
    """A claim by name; a name that is not a claim is read as a dotted path (``realm_access.roles``)."""
    if name in claims:
        return claims[name]
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def strings(value: Any) -> list[str]:
    """A claim holding a list of strings, or one string of space- or comma-separated values."""
    if isinstance(value, str):
        return [v for v in re.split(r"[\s,]+", value) if v]
    if isinstance(value, Iterable) and not isinstance(value, dict | bytes):
        return [str(v) for v in value if isinstance(v, str | int) and str(v)]
    return []


class Authenticator:
    """Turns a request's ``Authorization`` header into a :class:`Caller` (or :class:`Unauthenticated`)."""

    def __init__(
        self, settings: Settings, clock: Clock = now, cache: VerificationCache[Account] = SHARED
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.cache = cache
        self.oidc = OidcVerifier(settings) if settings.oidc_enabled else None

    async def for_connection(self, graph: Graph, connection: HTTPConnection) -> Caller:
        """The caller of a request or of a websocket handshake. A websocket without the header may
        still authenticate in its ``connection_init`` payload: :class:`AuthenticatingRouter` checks it."""
        authorization = connection.headers.get("authorization")
        if authorization is None and (connection.scope["type"] == "websocket" or _ide_page(connection)):
            return Caller()
        return await self(graph, authorization)

    async def __call__(self, graph: Graph, authorization: str | None) -> Caller:
        if authorization is None:
            return self.anonymous()
        # argon2 and fetching the issuer's keys block: keep them off the event loop.
        return await run_in_threadpool(self.authenticate, graph, authorization)

    def anonymous(self) -> Caller:
        if self.settings.auth_required:
            raise Unauthenticated(
                "需要身份认证 / authentication is required: send `Authorization: Bearer <API key>` "
                "(an administrator creates one with `gongjian account create`)",
                error=None,
            )
        return Caller()

    def authenticate(self, graph: Graph, authorization: str) -> Caller:
        token = bearer_token(authorization)
        if looks_like_jwt(token):
            if self.oidc is None:
                raise Unauthenticated(
                    "本服务未配置单点登录 / this server does not accept JWTs (no GONGJIAN_OIDC_ISSUER): "
                    "use an API key from `gongjian account create`"
                )
            return self.oidc.caller(token)
        try:
            account = Accounts(graph, self.settings, self.clock, self.cache).verify(token)
        except KeyRefused as exc:
            raise Unauthenticated(str(exc)) from None
        return caller_of_account(account)


class AuthenticatingRouter(GraphQLRouter[Context, None]):
    """strawberry's router, also authenticating a websocket's ``connection_init`` payload.

    Browsers cannot set headers on a websocket, so graphql-transport-ws clients send
    ``{"Authorization": "Bearer <key>"}`` as the payload instead; it replaces the handshake's caller.
    Refused credentials, or none when they are required, close the socket with 4403 before any
    subscription starts.
    """

    def __init__(self, *args: Any, authenticator: Authenticator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.authenticator = authenticator

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        authorization = params.get("Authorization", params.get("authorization"))
        try:
            if authorization is not None:
                if not isinstance(authorization, str):
                    raise Unauthenticated("connection_init 的 Authorization 必须是字符串 / must be a string")
                context.caller = await self.authenticator(context.graph, authorization)
            elif context.caller.is_anonymous:
                context.caller = self.authenticator.anonymous()  # refused when auth is required
        except Unauthenticated as exc:
            raise ConnectionRejectionError({"message": exc.message, "code": exc.code}) from None
        return UNSET
