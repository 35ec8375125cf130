"""Liveness and readiness: what they mean, and that the HTTP endpoints say it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest

from streams.health import Endpoint, Health, HealthServer

CONDITIONS = ("table_recovered", "partitions_assigned")


async def get(port: int, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as s, s.get(f"http://127.0.0.1:{port}{path}") as resp:
        return resp.status, await resp.text()


@pytest.fixture
async def endpoint() -> AsyncIterator[Endpoint]:
    ep = Endpoint.create("worker", host="127.0.0.1", port=0, conditions=CONDITIONS)
    await ep.start()
    yield ep
    await ep.stop()


def test_ready_only_when_every_condition_holds() -> None:
    health = Health(CONDITIONS)
    assert (health.live, health.ready, health.missing) == (True, False, list(CONDITIONS))
    health.set("partitions_assigned")
    assert (health.ready, health.missing) == (False, ["table_recovered"])
    health.set("table_recovered")
    assert health.ready
    health.set("partitions_assigned", False)  # revoked everything: not ready again
    assert health.missing == ["partitions_assigned"]


def test_a_dead_process_is_never_ready() -> None:
    health = Health()
    assert health.ready
    health.fail("app crashed")
    health.fail("second reason is not kept")
    assert (health.live, health.ready, health.dead_reason) == (False, False, "app crashed")


def test_unknown_condition_is_a_bug() -> None:
    with pytest.raises(KeyError, match="recovred"):
        Health(CONDITIONS).set("recovred")


async def test_readyz_follows_the_conditions(endpoint: Endpoint) -> None:
    port = endpoint.server.port
    assert await get(port, "/readyz") == (503, "not ready: table_recovered, partitions_assigned\n")
    assert await get(port, "/livez") == (200, "ok\n")
    endpoint.health.set("table_recovered")
    endpoint.health.set("partitions_assigned")
    assert await get(port, "/readyz") == (200, "ok\n")
    endpoint.health.fail("faust app crashed")
    assert await get(port, "/livez") == (503, "dead: faust app crashed\n")
    assert await get(port, "/readyz") == (503, "not ready: live\n")


async def test_unknown_path_is_404_and_metrics_is_text(endpoint: Endpoint) -> None:
    assert (await get(endpoint.server.port, "/nope"))[0] == 404
    status, text = await get(endpoint.server.port, "/metrics")
    assert status == 200
    assert "# TYPE livediff_snapshots_consumed_total counter" in text


async def test_port_in_use_is_an_error_and_leaks_nothing() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ep = Endpoint.create("producer", host="127.0.0.1", port=port)
        with pytest.raises(OSError, match=r"(?i)address already in use"):
            await ep.start()
        await ep.stop()  # nothing started: a no-op


async def test_server_stops_listening() -> None:
    health = Health()
    ep = Endpoint.create("producer", host="127.0.0.1", port=0)
    server = HealthServer(ep.metrics.registry, health, host="127.0.0.1", port=0)
    async with server:
        assert (await get(server.port, "/livez"))[0] == 200
    with pytest.raises(aiohttp.ClientConnectionError):
        await get(server.port, "/livez")
