"""Helpers for tests against the real broker: unique names, topics, a committed-only reader.

Every test uses its own uuid-named topics and groups, so tests never see each
other's messages and can run against a shared, long-lived broker.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Callable, Iterable, Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # type: ignore[import-untyped]
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # type: ignore[import-untyped]
from aiokafka.structs import ConsumerRecord  # type: ignore[import-untyped]

__all__ = ["Message", "Tail", "collect", "create_topics", "produce", "unique", "wait_for"]

Message = tuple[bytes | None, bytes, Sequence[tuple[str, bytes]]]  # key, value, headers


def unique(prefix: str) -> str:
    """A topic / group / app id no other test (or earlier run) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


async def create_topics(bootstrap: str, names: Iterable[str], partitions: int = 1) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(n, partitions, 1) for n in names])
    finally:
        await admin.close()


async def produce(bootstrap: str, topic: str, messages: Iterable[Message]) -> None:
    """Send in order with an idempotent producer; returns once all are acknowledged."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for key, value, headers in messages:
            await producer.send_and_wait(topic, value, key=key, headers=list(headers))
    finally:
        await producer.stop()


async def collect(
    bootstrap: str,
    topics: Sequence[str],
    *,
    until: Callable[[list[ConsumerRecord]], bool],
    timeout: float = 60.0,
    settle: float = 0.0,
) -> list[ConsumerRecord]:
    """Read ``topics`` from the start with ``read_committed`` until ``until(records)``.

    Returns what was read when ``until`` holds, then keeps reading ``settle`` more
    seconds so that duplicates arriving late are caught too; on timeout returns
    what it has (the caller's assertion then shows what is missing).
    """
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        group_id=unique("collector"),
        isolation_level="read_committed",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord] = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not until(records):
            batch = await consumer.getmany(timeout_ms=500)
            for part in batch.values():
                records.extend(part)
        end = time.monotonic() + settle
        while time.monotonic() < end:
            batch = await consumer.getmany(timeout_ms=200)
            for part in batch.values():
                records.extend(part)
    finally:
        await consumer.stop()
    return records


async def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.2)


class Tail:
    """A ``read_committed`` reader running in the background while a test acts.

    ``async with Tail(bootstrap, topics) as tail:`` then ``await tail.wait(n)``;
    ``tail.records`` is everything committed so far, in the order read.
    """

    def __init__(self, bootstrap: str, topics: Sequence[str]) -> None:
        self.records: list[ConsumerRecord] = []
        self._consumer = AIOKafkaConsumer(
            *topics,
            bootstrap_servers=bootstrap,
            group_id=unique("tail"),
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            batch = await self._consumer.getmany(timeout_ms=200)
            for part in batch.values():
                self.records.extend(part)

    async def __aenter__(self) -> Tail:
        await self._consumer.start()
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        await self._consumer.stop()

    async def wait(
        self, count: int, timeout: float, alive: Callable[[], bool] = lambda: True
    ) -> None:
        """Until ``count`` records are in; fails early if ``alive()`` turns false."""
        deadline = time.monotonic() + timeout
        while len(self.records) < count:
            if not alive():
                raise AssertionError(f"gave up at {len(self.records)}/{count}: process died")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out at {len(self.records)}/{count} records")
            await asyncio.sleep(0.1)

    async def settle(self, seconds: float) -> None:
        """Keep reading ``seconds`` longer: duplicates arriving late are caught too."""
        await asyncio.sleep(seconds)
