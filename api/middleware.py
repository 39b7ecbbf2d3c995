"""HTTP protections around the app (docs/security.md): secure headers, CORS, a per-key rate limit and a
request body limit that also refuses batched operations unless they are allowed.

Refusals are JSON shaped like GraphQL answers (``{"errors": [{"message", "extensions": {"code"}}]}``),
so clients handle them where they handle every other error.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gongjian.settings import Settings

# GraphiQL (strawberry's page) loads React, GraphiQL and its explorer plugin from unpkg.com and runs an
# inline script; FastAPI's /docs loads Swagger UI from cdn.jsdelivr.net.
DEVELOPMENT_CSP = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline' https://unpkg.com https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://unpkg.com https://cdn.jsdelivr.net; "
    "img-src 'self' data: https:; font-src 'self' data: https://unpkg.com https://cdn.jsdelivr.net; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Production serves JSON only: nothing may load, frame or submit anything.
PRODUCTION_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HSTS = "max-age=31536000; includeSubDomains"

Clock = Callable[[], float]


async def _refuse(
    send: Send, status: int, message: str, code: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}, ensure_ascii=False)
    encoded = body.encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(encoded)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": encoded})


class SecureHeaders:
    """Adds the security headers to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp, *, production: bool, https: bool) -> None:
        self.app = app
        headers = {
            "x-content-type-options": "nosniff",
            "x-frame-options": "DENY",
            "referrer-policy": "no-referrer",
            "content-security-policy": PRODUCTION_CSP if production else DEVELOPMENT_CSP,
            # Answers carry personal data: no shared cache may keep them.
            "cache-control": "no-store",
        }
        if https:
            headers["strict-transport-security"] = HSTS
        self.headers = [(k.encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TokenBuckets:
    """One token bucket per key, in memory: ``burst`` tokens, refilled at ``per_minute`` a minute.

    At most ``max_keys`` buckets are kept; the least recently used go first (a bucket that went
    unused long enough to refill is the same as a new one).
    """

    def __init__(self, per_minute: float, burst: int, clock: Clock = time.monotonic, max_keys: int = 100_000):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.max_keys = max_keys
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0 when granted, else the seconds until one is available."""
        now = self.clock()
        tokens, at = self.buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self.buckets[key] = (tokens, now)
        while len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        return wait


def caller_key(scope: Scope) -> str:
    """The rate limit's key: a hash of the ``Authorization`` header, else the client's address.

    Behind a reverse proxy the address is the proxy's unless uvicorn trusts its forwarded headers
    (``FORWARDED_ALLOW_IPS``).
    """
    for name, value in scope.get("headers", []):
        if name.lower() == b"authorization" and value:
            return "key:" + hashlib.sha256(value).hexdigest()
    client = scope.get("client")
    return f"ip:{client[0]}" if client else "ip:unknown"


class RateLimit:
    """Refuses a key's request with 429 and ``Retry-After`` when its bucket is empty.

    ``/healthz`` is exempt (probes); a WebSocket handshake counts as one request.
    """

    def __init__(self, app: ASGIApp, *, per_minute: float, burst: int, clock: Clock = time.monotonic) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute, burst, clock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope.get("path") == "/healthz":
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(caller_key(scope))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "rate limited"})
            return
        await _refuse(
            send,
            429,
            f"Too many requests: this key or address may send {self.buckets.rate * 60:g} a minute; "
            f"retry in {seconds} s / 请求过于频繁，请 {seconds} 秒后重试",
            "RATE_LIMITED",
            {"Retry-After": str(seconds)},
        )


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with 413, and JSON arrays (batched operations) with
    400 unless ``max_batch`` allows them. The body is read before the app sees it (at most
    ``max_bytes``), then handed on unchanged."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_batch: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_batch = max_batch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._too_large(send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        refusal = self._batch_refusal(body)
        if refusal:
            await _refuse(send, 400, refusal, "BATCH_REFUSED")
            return
        await self.app(scope, _replay(body, receive), send)

    async def _too_large(self, send: Send) -> None:
        await _refuse(
            send,
            413,
            f"The request body is larger than {self.max_bytes} bytes: send a shorter query or fewer "
            "variables / 请求体过大",
            "PAYLOAD_TOO_LARGE",
        )

    def _batch_refusal(self, body: bytes) -> str | None:
        if not body.lstrip().startswith(b"["):
            return None
        if self.max_batch == 0:
            return "Batched operations are turned off: send one operation per request / 不支持批量查询"
        try:
            count = len(json.loads(body))
        except (ValueError, TypeError):
            return None  # not JSON: the GraphQL router answers that
        if count > self.max_batch:
            return (
                f"A batch of {count} operations is more than the {self.max_batch} allowed: split it / "
                "批量查询过多"
            )
        return None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: the disconnect

    return replayed


def install(app: FastAPI, settings: Settings) -> None:
    """Adds the protections; the last added runs first: headers → CORS → rate limit → body limit."""
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes, max_batch=settings.api_max_batch)
    if settings.api_rate_per_minute > 0:
        app.add_middleware(RateLimit, per_minute=settings.api_rate_per_minute, burst=settings.api_rate_burst)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    app.add_middleware(
        SecureHeaders, production=settings.environment == "production", https=settings.api_https
    )


__all__ = ["BodyLimit", "RateLimit", "SecureHeaders", "TokenBuckets", "install"]
