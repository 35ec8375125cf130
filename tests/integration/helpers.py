"""Helpers for tests against the real broker: unique names, topics, a committed-only reader.

Every test uses its own uuid-named topics and groups, so tests never see each
other's messages and can run against a shared, long-lived broker.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterable, Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # type: ignore[import-untyped]
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # type: ignore[import-untyped]
from aiokafka.structs import ConsumerRecord  # type: ignore[import-untyped]

__all__ = ["Message", "collect", "create_topics", "produce", "unique"]

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
