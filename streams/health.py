"""Liveness, readiness and the HTTP endpoint that exposes them with the metrics.

One small aiohttp server per process (producer or worker) serves:

    /metrics   the registry in Prometheus text format (what Prometheus scrapes)
    /livez     200 while the process can still do its job; 503 once it cannot
               (a crashed app: restart me)
    /readyz    200 only when every readiness condition holds; 503 lists the
               missing ones (do not route to me, do not count me as up yet)

Readiness means something here: the worker registers ``table_recovered`` and
``partitions_assigned`` and is ready only when both hold, i.e. its page-state
table has been rebuilt from the changelog and the consumer owns partitions.
A readiness failure never restarts a pod; a liveness failure does, so
liveness only turns false on a real, unrecoverable failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from streams.metrics import Metrics

__all__ = ["Endpoint", "Health", "HealthServer"]


class Health:
    """Named readiness conditions (all must hold) and a liveness flag."""

    def __init__(self, conditions: Iterable[str] = ()) -> None:
        self._conditions = dict.fromkeys(conditions, False)
        self._dead: str | None = None

    def set(self, condition: str, ok: bool = True) -> None:
        if condition not in self._conditions:
            raise KeyError(f"unknown readiness condition {condition!r}")
        self._conditions[condition] = ok

    def fail(self, reason: str) -> None:
        """The process cannot recover (e.g. the faust app crashed): liveness turns false."""
        self._dead = self._dead or reason

    @property
    def live(self) -> bool:
        return self._dead is None

    @property
    def dead_reason(self) -> str | None:
        return self._dead

    @property
    def missing(self) -> list[str]:
        """Readiness conditions that do not hold (empty when ready)."""
        return [name for name, ok in self._conditions.items() if not ok]

    @property
    def ready(self) -> bool:
        return self.live and not self.missing


class HealthServer:
    """``/metrics``, ``/livez`` and ``/readyz`` on ``host:port`` (port 0: any free port).

    Runs on the caller's event loop; the handlers only read in-memory state,
    so a scrape never blocks the pipeline for longer than rendering the text.
    """

    def __init__(
        self, registry: CollectorRegistry, health: Health, *, host: str, port: int
    ) -> None:
        self.registry = registry
        self.health = health
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/livez", self._livez)
        app.router.add_get("/readyz", self._readyz)
        return app

    async def start(self) -> None:
        runner = web.AppRunner(self._app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = int(runner.addresses[0][1])  # the real port when 0 was asked for

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> HealthServer:
        await self.start()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def _metrics(self, request: web.Request) -> web.Response:
        body = generate_latest(self.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _livez(self, request: web.Request) -> web.Response:
        if self.health.live:
            return web.Response(text="ok\n")
        return web.Response(status=503, text=f"dead: {self.health.dead_reason}\n")

    async def _readyz(self, request: web.Request) -> web.Response:
        if self.health.ready:
            return web.Response(text="ok\n")
        missing = self.health.missing if self.health.live else ["live"]
        return web.Response(status=503, text="not ready: " + ", ".join(missing) + "\n")


@dataclass(frozen=True, slots=True)
class Endpoint:
    """What a command needs for observability: its metrics, its health and their server."""

    metrics: Metrics
    health: Health
    server: HealthServer

    @classmethod
    def create(
        cls,
        component: str,
        *,
        host: str,
        port: int,
        conditions: Iterable[str] = (),
        registry: CollectorRegistry | None = None,
    ) -> Endpoint:
        """A fresh registry per process (never the global one: nothing else writes to it)."""
        registry = registry or CollectorRegistry()
        health = Health(conditions)
        metrics = Metrics(registry, component=component)
        return cls(metrics, health, HealthServer(registry, health, host=host, port=port))

    async def start(self) -> None:
        await self.server.start()

    async def stop(self) -> None:
        await self.server.stop()
