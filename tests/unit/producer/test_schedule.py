"""Polling: envelopes from 200s, nothing from 304s, per-host limits, jittered intervals."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, datetime

import pytest

from streams.models import Snapshot
from streams.producer.publish import PublishError
from streams.producer.schedule import Poller
from tests.unit.producer.conftest import ETAG, LAST_MODIFIED, PAGE, MakeHarness, Server

NOW = datetime(2024, 11, 12, 10, 0, tzinfo=UTC)


class Collect:
    def __init__(self, fail: int = 0) -> None:
        self.snapshots: list[Snapshot] = []
        self.fail = fail

    async def __call__(self, snapshot: Snapshot) -> None:
        if self.fail:
            self.fail -= 1
            raise PublishError("broker down")
        self.snapshots.append(snapshot)


async def test_envelope_fields_and_304_produces_nothing(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    sink = Collect()
    poller = Poller(h.fetcher, sink, now=lambda: NOW)
    url = server.url("/page").replace("http://", "http://bob:pw@")
    page = h.page(url)
    assert await poller.poll(page) == "emitted"
    assert await poller.poll(page) == "not_modified"
    (snap,) = sink.snapshots
    assert snap.url == server.url("/page")  # credentials stripped from the key
    assert (snap.fetched_at, snap.status, snap.body) == (NOW, 200, PAGE)
    assert (snap.etag, snap.last_modified) == (ETAG, LAST_MODIFIED)
    assert snap.content_type.startswith("text/html")
    assert uuid.UUID(snap.snapshot_id or "").version == 4
    assert poller.stats == {"emitted": 1, "not_modified": 1}


async def test_failed_publish_is_retried_unconditionally(
    server: Server, make_harness: MakeHarness
) -> None:
    """Validators are kept only once published: a broker outage loses no change."""
    h = make_harness()
    sink = Collect(fail=1)
    poller = Poller(h.fetcher, sink)
    page = h.page(server.url("/page"))
    assert await poller.poll(page) == "publish_error"
    assert await poller.poll(page) == "emitted"
    assert len(sink.snapshots) == 1


async def test_fetch_errors_are_counted_not_raised(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    poller = Poller(h.fetcher, Collect())
    stats = await poller.run_once([h.page(server.url("/missing")), h.page(server.url("/page"))])
    assert stats == {"http_status": 1, "emitted": 1}


async def test_per_host_concurrency_limit(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    sink = Collect()
    poller = Poller(h.fetcher, sink, per_host_concurrency=2)
    pages = [h.page(server.url(f"/busy/{i}"), respect_robots=False) for i in range(8)]
    await poller.run_once(pages)
    assert len(sink.snapshots) == 8
    assert server.state.max_inflight == 2


async def test_run_forever_polls_on_interval_until_stopped(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    sink = Collect()
    poller = Poller(h.fetcher, sink)
    page = h.page(server.url("/echo"), interval_s=0.02, jitter=0.5)
    stop = asyncio.Event()
    task = asyncio.create_task(poller.run_forever([page], stop))
    while server.state.hits["/echo"] < 3:
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
    assert len(sink.snapshots) >= 3


@pytest.mark.parametrize("jitter", [0.0, 0.1, 0.5, 1.0])
def test_next_delay_stays_within_jitter(make_harness: MakeHarness, jitter: float) -> None:
    h = make_harness()
    poller = Poller(h.fetcher, Collect(), rng=random.Random(1))
    page = h.page("https://news.example/live", interval_s=100, jitter=jitter)
    delays = [poller.next_delay(page) for _ in range(500)]
    assert all(100 * (1 - jitter) <= d <= 100 * (1 + jitter) for d in delays)
    if jitter:
        assert len(set(delays)) > 1
