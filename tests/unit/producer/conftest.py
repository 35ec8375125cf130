"""A real HTTP server on 127.0.0.1 for producer tests, and fetchers pointed at it.

The SSRF guard refuses loopback by default, so these fixtures allow exactly
``127.0.0.1/32`` through the setting; nothing here talks to any other host.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from streams.producer.client import GuardedClient
from streams.producer.config import PageConfig, pages_from_urls
from streams.producer.fetch import Fetcher
from streams.producer.redact import secrets
from streams.settings import ProducerSettings

ETAG = '"v1"'
LAST_MODIFIED = "Tue, 12 Nov 2024 10:00:00 GMT"
ROBOTS = "User-agent: *\nDisallow: /private\n"
PAGE = "<html><body><article>First entry</article></body></html>"


@dataclass
class ServerState:
    """What the server saw and how it should behave; tests tweak it."""

    hits: Counter[str] = field(default_factory=Counter)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    robots: str | None = ROBOTS
    robots_status: int = 200
    fail_times: int = 2
    retry_after: str = "1"
    inflight: int = 0
    max_inflight: int = 0
    slow_s: float = 2.0


def make_app(state: ServerState) -> web.Application:
    routes = web.RouteTableDef()

    @web.middleware
    async def record(request: web.Request, handler: Any) -> web.StreamResponse:
        state.hits[request.path] += 1
        state.headers[request.path] = dict(request.headers)
        result: web.StreamResponse = await handler(request)
        return result

    @routes.get("/robots.txt")
    async def robots(_: web.Request) -> web.Response:
        if state.robots is None:
            return web.Response(status=404)
        return web.Response(status=state.robots_status, text=state.robots)

    @routes.get("/page")
    async def page(request: web.Request) -> web.Response:
        headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers=headers)
        return web.Response(text=PAGE, content_type="text/html", charset="utf-8", headers=headers)

    @routes.get("/lm")
    async def lm(request: web.Request) -> web.Response:
        headers = {"Last-Modified": LAST_MODIFIED}
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return web.Response(status=304, headers=headers)
        return web.Response(text=PAGE, content_type="text/html", headers=headers)

    @routes.get("/redirect/{n}")
    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        raise web.HTTPFound("/page" if n <= 1 else f"/redirect/{n - 1}")

    @routes.get("/to")
    async def redirect_to(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": request.query["loc"]})

    @routes.get("/slow")
    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(state.slow_s)
        return web.Response(text=PAGE, content_type="text/html")

    @routes.get("/huge")
    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        chunk = b"x" * 65536
        try:
            for _ in range(160):  # 10 MiB, never announced
                await resp.write(chunk)
        except (ConnectionResetError, RuntimeError):
            pass  # the client hung up at its cap, as it should
        return resp

    @routes.get("/declared")
    async def declared(_: web.Request) -> web.Response:
        return web.Response(body=b"y" * 300_000, content_type="text/html")

    @routes.get("/flaky")
    async def flaky(request: web.Request) -> web.Response:
        if state.hits[request.path] <= state.fail_times:
            return web.Response(status=503)
        return web.Response(text=PAGE, content_type="text/html")

    @routes.get("/limited")
    async def limited(request: web.Request) -> web.Response:
        if state.hits[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": state.retry_after})
        return web.Response(text=PAGE, content_type="text/html")

    @routes.get("/missing")
    async def missing(_: web.Request) -> web.Response:
        return web.Response(status=404)

    @routes.get("/latin1")
    async def latin1(_: web.Request) -> web.Response:
        body = "<p>Café – naïve</p>".encode("cp1252")
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})

    @routes.get("/private/page")
    async def private(_: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    @routes.get("/echo")
    async def echo(_: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    @routes.get("/busy/{n}")
    async def busy(_: web.Request) -> web.Response:
        state.inflight += 1
        state.max_inflight = max(state.max_inflight, state.inflight)
        try:
            await asyncio.sleep(0.05)
        finally:
            state.inflight -= 1
        return web.Response(text=PAGE, content_type="text/html")

    app = web.Application(middlewares=[record])
    app.add_routes(routes)
    return app


@dataclass
class Server:
    base: URL
    state: ServerState

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


@contextlib.asynccontextmanager
async def serve() -> AsyncIterator[Server]:
    """Run the test app on 127.0.0.1 (a free port) for the duration of the block."""
    state = ServerState()
    runner = web.AppRunner(make_app(state))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield Server(URL.build(scheme="http", host=host, port=port), state)
    finally:
        await runner.cleanup()


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    async with serve() as running:
        yield running


@pytest.fixture(autouse=True)
def _forget_secrets() -> Iterator[None]:
    """The secret registry is process-wide; no test leaks its secrets into the next."""
    yield
    secrets.clear()


LOOPBACK_ONLY = ProducerSettings(
    allow_networks=("127.0.0.1/32",),  # type: ignore[arg-type]
    timeout_s=0.5,
    connect_timeout_s=0.5,
    retries=2,
    backoff_base_s=0.01,
    backoff_max_s=0.05,
    max_retry_after_s=5.0,
    max_body_bytes=256 * 1024,
)


class MapResolver(AbstractResolver):
    """A DNS stand-in: fixed answers per name, and a log of what was asked."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        if host not in self.answers:
            raise OSError(f"no such host {host}")
        return [
            ResolveResult(
                hostname=host,
                host=ip,
                port=port,
                family=socket.AF_INET6 if ":" in ip else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for ip in self.answers[host]
        ]

    async def close(self) -> None:
        return None


@dataclass
class Harness:
    fetcher: Fetcher
    client: GuardedClient
    sleeps: list[float]
    settings: ProducerSettings

    def page(self, url: str, **options: Any) -> PageConfig:
        (page,) = pages_from_urls([url], self.settings)
        return page.model_copy(update=options)


MakeHarness = Callable[..., Harness]


@pytest.fixture
async def make_harness() -> AsyncIterator[MakeHarness]:
    """Fetchers whose sleeps are recorded (not slept) and whose DNS can be faked."""
    clients: list[GuardedClient] = []

    def make(
        settings: ProducerSettings = LOOPBACK_ONLY,
        resolver: AbstractResolver | None = None,
        observer: Any = None,
    ) -> Harness:
        sleeps: list[float] = []

        async def sleep(seconds: float) -> None:
            sleeps.append(seconds)

        client = GuardedClient(
            user_agent=settings.user_agent,
            allow_networks=settings.allow_networks,
            resolver=resolver,
        )
        clients.append(client)
        fetcher = Fetcher(
            client,
            user_agent=settings.user_agent,
            backoff_base_s=settings.backoff_base_s,
            backoff_max_s=settings.backoff_max_s,
            max_retry_after_s=settings.max_retry_after_s,
            observer=observer,
            sleep=sleep,
            rng=random.Random(7),
        )
        return Harness(fetcher, client, sleeps, settings)

    yield make
    for client in clients:
        await client.close()
