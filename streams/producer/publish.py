"""Where snapshots go: Kafka (default) or stdout as JSON lines.

The Kafka sink uses ``acks=all`` with idempotence always on, and a
transactional producer when ``transactional_id`` is set (each batch in one
transaction, so a ``read_committed`` consumer sees all of it or none). Key =
page URL (so a page's snapshots stay ordered in one partition), value =
``codec.encode_snapshot``. ``replay_lines`` is ``--file``: it validates every
line with the same codec the worker uses and reports bad lines on stderr
without stopping.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from typing import Any, BinaryIO, Protocol

from streams.codec import decode_snapshot, encode_snapshot
from streams.errors import LivediffError, RejectedSnapshot
from streams.models import Snapshot
from streams.settings import KafkaSettings, ProducerSettings

__all__ = ["KafkaSink", "PublishError", "Sink", "StdoutSink", "replay_lines"]


REPLAY_BATCH = 100


class PublishError(LivediffError):
    """The broker did not take a snapshot (after aiokafka's own retries)."""


class Sink(Protocol):
    async def start(self) -> None: ...
    async def send(self, snapshot: Snapshot) -> None: ...
    async def send_batch(self, snapshots: Sequence[Snapshot]) -> None: ...
    async def stop(self) -> None: ...


class StdoutSink:
    """JSON lines on a binary stream (``streams produce --stdout | streams replay -``)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    async def start(self) -> None:
        return None

    async def send(self, snapshot: Snapshot) -> None:
        await self.send_batch((snapshot,))

    async def send_batch(self, snapshots: Sequence[Snapshot]) -> None:
        self.stream.write(b"".join(encode_snapshot(s) + b"\n" for s in snapshots))
        self.stream.flush()

    async def stop(self) -> None:
        self.stream.flush()


class KafkaSink:
    """An aiokafka producer: acks=all, idempotent, optionally transactional."""

    def __init__(self, kafka: KafkaSettings, settings: ProducerSettings) -> None:
        self.topic = settings.topic
        self.transactional = settings.transactional_id is not None
        self._config: dict[str, Any] = {
            **kafka.client_kwargs(),
            "client_id": "livediff-producer",
            "acks": "all",
            "enable_idempotence": True,
            "transactional_id": settings.transactional_id,
            "compression_type": None if settings.compression_type == "none" else "gzip",
            "max_request_size": settings.max_request_bytes,
            "linger_ms": settings.linger_ms,
        }
        self._producer: Any = None
        # aiokafka runs one transaction at a time per producer; concurrent polls queue here.
        self._txn_lock = asyncio.Lock()

    async def start(self) -> None:
        from aiokafka import AIOKafkaProducer
        from aiokafka.errors import KafkaError

        self._producer = AIOKafkaProducer(**self._config)
        try:
            await self._producer.start()
        except KafkaError as exc:
            await self._producer.stop()
            raise PublishError(f"cannot start Kafka producer: {exc}") from exc

    async def send(self, snapshot: Snapshot) -> None:
        await self.send_batch((snapshot,))

    async def send_batch(self, snapshots: Sequence[Snapshot]) -> None:
        from aiokafka.errors import KafkaError

        if self._producer is None:
            raise PublishError("Kafka sink used before start()")
        try:
            if self.transactional:
                async with self._txn_lock, self._producer.transaction():
                    await self._send_all(snapshots)
            else:
                await self._send_all(snapshots)
        except KafkaError as exc:
            raise PublishError(f"{type(exc).__name__} producing to {self.topic}: {exc}") from exc

    async def _send_all(self, snapshots: Sequence[Snapshot]) -> None:
        futures = [
            await self._producer.send(
                self.topic, value=encode_snapshot(s), key=s.url.encode("utf-8")
            )
            for s in snapshots
        ]
        for future in futures:
            await future

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None


async def replay_lines(
    lines: Iterable[tuple[str, bytes]],
    sink: Sink,
    report: Callable[[str], None],
    *,
    max_bytes: int,
) -> tuple[int, int]:
    """Send valid envelopes from (where, line) pairs; returns (sent, rejected).

    A bad line (not UTF-8, not JSON, wrong schema, over ``max_bytes``) is
    reported with its position and reason, and the replay goes on.
    """
    sent = rejected = 0
    batch: list[Snapshot] = []
    for where, line in lines:
        if not line.strip():
            continue
        try:
            batch.append(decode_snapshot(line.rstrip(b"\r\n"), max_bytes=max_bytes))
        except RejectedSnapshot as exc:
            rejected += 1
            report(f"{where}: {exc.reason}: {exc.message}")
            continue
        if len(batch) >= REPLAY_BATCH:
            await sink.send_batch(batch)
            sent, batch = sent + len(batch), []
    if batch:
        await sink.send_batch(batch)
        sent += len(batch)
    return sent, rejected
