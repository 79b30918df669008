"""Small ASGI middlewares, one job each: security headers, error boundary, body-size limit, rate limit,
access log.

None of them ever records a query string or a request body: what staff type about pupils stays out
of logs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("search_service.access")
error_log = logging.getLogger("search_service.errors")


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


async def send_json(
    send: Send, status: int, body: Mapping[str, object], headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class SecurityHeaders:
    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in self.headers if n not in names]
                if scope["path"].startswith("/api/"):
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuse bodies over the limit with 413: by Content-Length before reading, or, for a chunked body,
    as soon as the stream passes the limit. A client that stops sending its body gets 408."""

    def __init__(self, app: ASGIApp, max_bytes: int, body_timeout: float = 10.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = {"detail": f"The request body is too large: the limit is {self.max_bytes} bytes."}
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    await send_json(send, 400, {"detail": "The Content-Length header is not a number."})
                    return
                if too_big:
                    await send_json(send, 413, detail)
                    return
        received = 0
        response_started = False
        refused = False  # once we have answered, whatever the app sends is dropped

        async def refuse(status: int, body: Mapping[str, object]) -> Message:
            nonlocal refused, response_started
            if not response_started:
                refused = response_started = True
                await send_json(send, status, body)
            return {"type": "http.disconnect"}

        async def limited_receive() -> Message:
            nonlocal received
            if refused:
                return {"type": "http.disconnect"}
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except TimeoutError:
                return await refuse(408, {"detail": "The request body arrived too slowly. Please try again."})
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    return await refuse(413, detail)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)


class RateLimit:
    """A token bucket per client address for /api/ paths: `per_minute` requests, refilled steadily.

    Memory is bounded: at most `max_clients` buckets, the least recently seen forgotten first, and
    each request costs O(1). X-Forwarded-For is believed only when the peer is a trusted proxy, and then
    the client is the address the nearest untrusted hop gave. The table lives in one worker process:
    with N workers (or replicas) a client may get up to N times the limit; a shared limit belongs in
    the reverse proxy or load balancer in front of them.
    """

    def __init__(
        self, app: ASGIApp, per_minute: int, max_clients: int = 50_000, trusted_proxies: Iterable[str] = ()
    ) -> None:
        self.app = app
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self.trusted = frozenset(trusted_proxies)
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self.lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 if allowed, otherwise seconds to wait."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self.buckets[client] = (tokens - 1 if allowed else tokens, now)  # now the most recent
            if len(self.buckets) > self.max_clients:
                self.buckets.popitem(last=False)  # forget the client seen longest ago
            return 0.0 if allowed else (1 - tokens) / self.rate

    def client_of(self, scope: Scope) -> str:
        peer = str((scope.get("client") or ("unknown", 0))[0])
        if peer not in self.trusted:
            return peer
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                hops = [hop.strip() for hop in value.decode("latin-1").split(",") if hop.strip()]
                for hop in reversed(hops):  # the right-most address no trusted proxy vouches for
                    if hop not in self.trusted:
                        return hop
        return peer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.capacity <= 0 or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        wait = self.allow(self.client_of(scope))
        if wait:
            seconds = max(1, math.ceil(wait))
            await send_json(
                send,
                429,
                {"detail": f"Too many requests from this computer. Please wait {seconds} seconds and try again."},
                [(b"retry-after", str(seconds).encode())],
            )
            return
        await self.app(scope, receive, send)


class ErrorBoundary:
    """The one handler for unexpected errors. It sits inside SecurityHeaders, so a 500 carries the same
    headers as any answer, and it logs only the exception's type and a request id, never its message
    (which could hold what a teacher typed). The id is returned in X-Request-ID to match the log."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            request_id = uuid.uuid4().hex[:16]
            error_log.error(
                "Unexpected error %s in %s %s (request %s)",
                type(error).__name__,
                scope.get("method"),
                scope.get("path"),
                request_id,
            )
            if not started:
                await send_json(
                    send,
                    500,
                    {"detail": f"Something went wrong on the server. Please try again. (Request {request_id})"},
                    [(b"x-request-id", request_id.encode())],
                )


class AccessLog:
    """Method, path (never the query string), status and time taken."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, (time.perf_counter() - started) * 1000)
