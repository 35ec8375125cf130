"""When to fetch: each page on its own interval with jitter, politely per host.

Every page has its own loop (fetch, then sleep ``interval * (1 ± jitter)``),
so one slow site never delays another; a semaphore per host caps concurrent
requests to one site however many of its pages are listed. Validators
(ETag / Last-Modified) are remembered only after the snapshot was published:
if publishing fails, the next poll asks unconditionally and nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from yarl import URL

from streams.errors import LivediffError
from streams.models import Snapshot
from streams.producer.config import PageConfig
from streams.producer.errors import FetchError
from streams.producer.fetch import Fetcher, FetchResult, Validators
from streams.producer.redact import redact_url, strip_userinfo

__all__ = ["Emit", "Poller", "snapshot_of"]

log = logging.getLogger("streams.producer.schedule")

Emit = Callable[[Snapshot], Awaitable[None]]


def snapshot_of(result: FetchResult, fetched_at: datetime) -> Snapshot:
    """The envelope for a 200; the key is the configured URL minus credentials."""
    assert result.body is not None, "a 304 has no snapshot"
    return Snapshot(
        url=strip_userinfo(result.url),
        fetched_at=fetched_at,
        content_type=result.content_type,
        body=result.body,
        status=result.status,
        etag=result.validators.etag,
        last_modified=result.validators.last_modified,
        snapshot_id=str(uuid.uuid4()),
    )


class Poller:
    """Polls pages through a Fetcher and hands each new snapshot to ``emit``."""

    def __init__(
        self,
        fetcher: Fetcher,
        emit: Emit,
        *,
        per_host_concurrency: int = 2,
        rng: random.Random | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.fetcher = fetcher
        self.emit = emit
        self.per_host = per_host_concurrency
        self.stats: Counter[str] = Counter()
        self._validators: dict[str, Validators] = {}
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._rng = rng or random.Random()
        self._now = now

    def _host_gate(self, page: PageConfig) -> asyncio.Semaphore:
        host = (URL(page.url).host or "").lower()
        return self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))

    async def poll(self, page: PageConfig) -> str:
        """Fetch ``page`` once; returns ``emitted``, ``not_modified`` or an error reason."""
        async with self._host_gate(page):
            try:
                result = await self.fetcher.fetch(page, self._validators.get(page.url))
            except FetchError as exc:
                log.warning("fetch failed: %s", exc)
                return self._count(exc.reason)
        if result.not_modified:
            log.debug("not modified: %s", redact_url(page.url))
            self._validators[page.url] = result.validators
            return self._count("not_modified")
        snapshot = snapshot_of(result, self._now())
        try:
            await self.emit(snapshot)
        except LivediffError as exc:
            log.error("publish failed for %s: %s", redact_url(page.url), exc)
            return self._count("publish_error")
        self._validators[page.url] = result.validators
        log.info(
            "snapshot %s: %s (%d bytes)",
            snapshot.snapshot_id,
            redact_url(page.url),
            result.size_bytes,
        )
        return self._count("emitted")

    def _count(self, outcome: str) -> str:
        self.stats[outcome] += 1
        return outcome

    async def run_once(self, pages: Sequence[PageConfig]) -> Counter[str]:
        """Poll every page once, concurrently (within the per-host limits)."""
        await asyncio.gather(*(self.poll(page) for page in pages))
        return self.stats

    def next_delay(self, page: PageConfig) -> float:
        spread = page.interval_s * page.jitter
        return max(0.0, page.interval_s + self._rng.uniform(-spread, spread))

    async def run_forever(self, pages: Sequence[PageConfig], stop: asyncio.Event) -> None:
        """Poll each page on its interval until ``stop`` is set."""
        await asyncio.gather(*(self._loop(page, stop) for page in pages))

    async def _loop(self, page: PageConfig, stop: asyncio.Event) -> None:
        # A random first delay spreads a big URL list over the jitter window.
        delay = self._rng.uniform(0, page.interval_s * page.jitter)
        while not await _wait(stop, delay):
            await self.poll(page)
            delay = self.next_delay(page)


async def _wait(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep ``seconds`` unless ``stop`` is set first; True if stopping."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return stop.is_set()
    return True
