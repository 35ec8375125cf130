"""DiffWorker: what is committed, when, and what a failure or a rebalance throws away."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import orjson
import pytest

from streams.codec import decode_state
from streams.worker.agents import DiffWorker
from streams.worker.handler import SnapshotHandler
from streams.worker.records import OutRecord
from streams.worker.state import PageStore
from tests.unit.worker.conftest import (
    SETTINGS,
    TP,
    URL,
    FakeEvent,
    FakeMessage,
    FakeOutput,
    FakeTable,
    entry,
    envelope,
)

P0 = TP("pages.snapshots", 0)


def event(value: bytes, offset: int, generation: int = 1, tp: TP = P0) -> FakeEvent:
    return FakeEvent(FakeMessage(tp, offset, URL.encode(), generation), value)


def make(
    handler: SnapshotHandler, output: FakeOutput, generation: list[int] | None = None
) -> tuple[DiffWorker, FakeTable]:
    table = FakeTable()
    gen = generation or [1]
    worker = DiffWorker(handler, PageStore(table, "chg"), output, generation=lambda: gen[0])  # type: ignore[arg-type]
    return worker, table


async def test_commit_carries_next_offsets_and_settles_state(handler: SnapshotHandler) -> None:
    output = FakeOutput()
    worker, table = make(handler, output)
    await worker.process(event(envelope([entry(1)], 1), offset=7))
    await worker.process(event(b"garbage", offset=8))
    await worker.process(event(envelope([entry(2), entry(1)], 2), offset=9))
    topics = [r.topic for r, _ in output.sent]
    assert topics == [SETTINGS.new_topic, SETTINGS.dlq_topic, SETTINGS.new_topic]
    assert table.data == {}
    await worker.commit()
    # the page's newest state goes into the same transaction, once, before the commit
    assert [r.topic for r, _ in output.sent[3:]] == ["chg"]
    assert all(tp == P0 for _, tp in output.sent)
    assert output.commits == [{P0: 10}]
    assert set(table.data) == {URL.encode()}
    assert table.data[URL.encode()] == output.sent[3][0].value
    assert decode_state(output.sent[3][0].value) == worker.store.get(URL)
    assert worker.store.get(URL).snapshots_processed == 2  # type: ignore[union-attr]
    await worker.commit()  # nothing new: no empty commit
    assert len(output.commits) == 1


async def test_revoked_partitions_lose_uncommitted_work(handler: SnapshotHandler) -> None:
    output = FakeOutput()
    generation = [1]
    worker, _ = make(handler, output, generation)
    await worker.process(event(envelope([entry(1)], 1), offset=0))
    await worker.revoked({P0})
    await worker.commit()
    assert output.commits == []
    assert worker.store.get(URL) is None
    # a message fetched before the rebalance is skipped; the new generation's is processed
    await worker.process(event(envelope([entry(1)], 1), offset=0, generation=1))
    generation[0] = 2
    await worker.process(event(envelope([entry(1)], 1), offset=0, generation=2))
    await worker.commit()
    assert output.commits == [{P0: 1}]
    new_events = [r for r, _ in output.sent if r.topic == SETTINGS.new_topic]
    assert len(new_events) == 2  # once aborted with the revoked transaction, once for real


async def test_a_commit_waits_for_the_snapshot_being_sent(handler: SnapshotHandler) -> None:
    output = FakeOutput(send_delay=0.05)
    worker, _ = make(handler, output)
    processing = asyncio.create_task(worker.process(event(envelope([entry(2), entry(1)], 1), 0)))
    await asyncio.sleep(0.01)  # inside the sends now
    await worker.commit()
    await processing
    assert output.commits == [{P0: 1}], "the commit ran only after the whole snapshot was sent"


@dataclass
class SlowCommit(FakeOutput):
    """A commit that takes a while, as a real one does (several broker round trips)."""

    commit_delay: float = 0.05
    committing: set[Any] = field(default_factory=set)

    async def send(self, record: OutRecord, tp: Any) -> None:
        assert tp not in self.committing, "a send while its transaction commits: aiokafka refuses"
        await super().send(record, tp)

    async def commit(self, offsets: dict[Any, int]) -> None:
        self.committing = set(offsets)
        await asyncio.sleep(self.commit_delay)
        self.committing = set()
        await super().commit(offsets)


async def test_processing_goes_on_during_a_commit_and_its_records_follow_it(
    handler: SnapshotHandler,
) -> None:
    output = SlowCommit()
    worker, table = make(handler, output)
    await worker.process(event(envelope([entry(1)], 1), 0))
    committing = asyncio.create_task(worker.commit())
    await asyncio.sleep(0.01)  # the commit is in flight
    P1 = TP("pages.snapshots", 1)
    other = FakeEvent(FakeMessage(P1, 0, b"https://o.example/live"), b"not json")
    for offset, item in enumerate([entry(2), entry(3)], start=1):
        await asyncio.wait_for(worker.process(event(envelope([item], offset + 1), offset)), 0.02)
    await asyncio.wait_for(worker.process(other), 0.02)
    # the event, then the state sent by the commit; P0's new records wait for it to end
    assert [(r.topic, tp) for r, tp in output.sent] == [
        (SETTINGS.new_topic, P0),
        ("chg", P0),
        (SETTINGS.dlq_topic, P1),
    ]
    assert worker.store.get(URL).snapshots_processed == 3  # type: ignore[union-attr]
    await committing
    assert output.commits == [{P0: 1}]
    assert table.data[URL.encode()] == output.sent[1][0].value  # the first state only
    assert decode_state(output.sent[1][0].value).snapshots_processed == 1
    assert [tp for _, tp in output.sent] == [P0, P0, P1, P0, P0]
    new = [orjson.loads(r.value) for r, _ in output.sent if r.topic == SETTINGS.new_topic]
    assert [e["entry_id"] for e in new] == [entry(n).entry_id for n in (1, 2, 3)], "in order"
    await worker.commit()
    assert output.commits[1] == {P0: 3, P1: 1}
    assert [r.topic for r, _ in output.sent[5:]] == ["chg"], "one state for two snapshots"
    assert decode_state(table.data[URL.encode()]).snapshots_processed == 3


async def test_a_revoke_waits_for_the_commit_in_flight_and_voids_what_came_after(
    handler: SnapshotHandler,
) -> None:
    output = SlowCommit()
    worker, _table = make(handler, output)
    await worker.process(event(envelope([entry(1)], 1), 0))
    committing = asyncio.create_task(worker.commit())
    await asyncio.sleep(0.01)
    await worker.process(event(envelope([entry(2)], 2), 1))  # held
    await worker.revoked({P0})
    assert committing.done(), "the revoke waited for the commit"
    assert output.commits == [{P0: 1}]
    # the held snapshot went into the next transaction, which is never committed here
    assert worker.store.get(URL).snapshots_processed == 1  # type: ignore[union-attr]
    await worker.commit()
    assert len(output.commits) == 1


async def test_a_failed_send_breaks_the_worker_and_shutdown_aborts(
    handler: SnapshotHandler,
) -> None:
    output = FakeOutput(fail_send_after=1)
    worker, table = make(handler, output)
    with pytest.raises(RuntimeError):
        await worker.process(event(envelope([entry(2), entry(1)], 1), 0))
    assert worker.state == "broken"
    await worker.commit()
    await worker.process(event(envelope([entry(3)], 2), 1))
    await worker.shutdown()
    assert output.commits == []
    assert output.aborted == [{P0}]
    assert table.data == {}


async def test_graceful_shutdown_commits_then_ignores_the_rest(handler: SnapshotHandler) -> None:
    output = FakeOutput()
    worker, _ = make(handler, output)
    await worker.process(event(envelope([entry(1)], 1), 0))
    await worker.shutdown()
    await worker.process(event(envelope([entry(2), entry(1)], 2), 1))
    await worker.commit()
    assert output.commits == [{P0: 1}]
    assert output.aborted == []
    assert [orjson.loads(r.value)["type"] for r, _ in output.sent if r.topic != "chg"] == [
        "entry.new"
    ]
