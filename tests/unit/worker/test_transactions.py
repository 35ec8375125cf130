"""Output: a transaction commits only once every record sent into it is written.

aiokafka commits a transaction even when one of its batches failed (the error
only reaches the send's future); committing then would publish the offsets
without the records. The fake producer stands in for faust's, whose sends
return aiokafka's delivery futures.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka.structs import TopicPartition  # type: ignore[import-untyped]

from streams.worker.records import OutRecord
from streams.worker.transactions import CommitFailed, Output

TP = TopicPartition("pages.snapshots", 0)
TID = "app-0-0"


class FakeProducer:
    def __init__(self) -> None:
        self._transaction_producers: dict[str, object] = {TID: object()}
        self.deliveries: list[asyncio.Future[Any]] = []
        self.commits: list[dict[str, Any]] = []
        self.aborted: list[str] = []

    async def send(self, *args: Any, transactional_id: str | None = None) -> asyncio.Future[Any]:
        delivery: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.deliveries.append(delivery)
        return delivery

    async def commit_transactions(self, offsets: dict[str, Any], *_: Any, **__: Any) -> None:
        self.commits.append(offsets)

    async def abort_transaction(self, tid: str) -> None:
        self.aborted.append(tid)


def output() -> tuple[Output, FakeProducer]:
    producer = FakeProducer()
    app = SimpleNamespace(
        conf=SimpleNamespace(id="app", processing_guarantee=SimpleNamespace(value="exactly_once")),
        assignor=SimpleNamespace(group_for_topic=lambda topic: 0),
        producer=producer,
    )
    return Output(app), producer


RECORD = OutRecord("entries.new", b"k", b"v")


async def test_commits_after_every_record_is_written() -> None:
    out, producer = output()
    await out.send(RECORD, TP)
    await out.send(RECORD, TP)
    committing = asyncio.create_task(out.commit({TP: 5}))
    await asyncio.sleep(0.01)
    assert producer.commits == [], "committed before its records were written"
    for delivery in producer.deliveries:
        delivery.set_result(None)
    await committing
    assert producer.commits == [{TID: {TP: 5}}]


async def test_a_record_that_failed_stops_the_commit() -> None:
    out, producer = output()
    await out.send(RECORD, TP)
    await out.send(RECORD, TP)
    producer.deliveries[0].set_result(None)
    producer.deliveries[1].set_exception(RuntimeError("TRANSACTION_ABORTABLE"))
    with pytest.raises(CommitFailed, match="1 of 2 records"):
        await out.commit({TP: 5})
    assert producer.commits == []


async def test_records_of_an_earlier_producer_or_an_aborted_transaction_are_not_waited_for() -> (
    None
):
    out, producer = output()
    await out.send(RECORD, TP)  # never resolves: that producer is gone (revoked, reassigned)
    producer._transaction_producers[TID] = object()
    await out.send(RECORD, TP)
    producer.deliveries[1].set_result(None)
    await asyncio.wait_for(out.commit({TP: 7}), 1)
    assert producer.commits == [{TID: {TP: 7}}]
    await out.send(RECORD, TP)  # never resolves, but its transaction is aborted
    await out.abort([TP])
    await out.send(RECORD, TP)
    producer.deliveries[3].set_result(None)
    await asyncio.wait_for(out.commit({TP: 9}), 1)
    assert producer.aborted == [TID]
