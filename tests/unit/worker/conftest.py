"""Fakes for the worker's faust-facing edges: events, the table, the output."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pytest

from streams.settings import Limits, WorkerSettings
from streams.worker.handler import SnapshotHandler
from streams.worker.records import OutRecord
from tests.livegen import GenEntry, render_jsonld_html, snapshot

SETTINGS = WorkerSettings()
URL = "https://news.example/live/quay"


class TP(NamedTuple):
    topic: str
    partition: int


@dataclass
class FakeMessage:
    tp: TP
    offset: int
    key: bytes | None
    generation_id: int = 1


@dataclass
class FakeEvent:
    message: FakeMessage
    value: bytes | None


@dataclass
class FakeTable:
    data: dict[bytes, bytes] = field(default_factory=dict)


@dataclass
class FakeOutput:
    """Records what would be sent and committed; can fail or stall on demand."""

    sent: list[tuple[OutRecord, Any]] = field(default_factory=list)
    commits: list[dict[Any, int]] = field(default_factory=list)
    aborted: list[set[Any]] = field(default_factory=list)
    fail_send_after: int | None = None
    send_delay: float = 0.0

    async def send(self, record: OutRecord, tp: Any) -> None:
        if self.fail_send_after is not None and len(self.sent) >= self.fail_send_after:
            raise RuntimeError("broker said no")
        await asyncio.sleep(self.send_delay)
        self.sent.append((record, tp))

    async def commit(self, offsets: dict[Any, int]) -> None:
        self.commits.append(dict(offsets))

    async def abort(self, tps: Any) -> None:
        self.aborted.append(set(tps))


def entry(n: int, body: str = "Crews cleared the road.") -> GenEntry:
    return GenEntry(f"https://p.example/p/q{n:03d}", f"Update {n}", body)


def envelope(entries: list[GenEntry], minute: int, url: str = URL) -> bytes:
    from datetime import timedelta

    from streams.codec import encode_snapshot
    from tests.livegen import T0

    return encode_snapshot(
        snapshot(
            render_jsonld_html(entries, url=url), url=url, fetched_at=T0 + timedelta(minutes=minute)
        )
    )


@pytest.fixture
def handler() -> SnapshotHandler:
    return SnapshotHandler(SETTINGS, Limits())
