"""The broker the suite runs on really does what the worker relies on.

Transactions at replication factor 1 (the launcher's settings) and a
``read_committed`` reader that hides aborted writes: if these fail, every
exactly-once test above them would be meaningless.
"""

from __future__ import annotations

import pytest
from aiokafka import AIOKafkaProducer  # type: ignore[import-untyped]

from tests.integration.helpers import collect, create_topics, unique
from tests.integration.kafka import Broker

pytestmark = pytest.mark.integration


async def test_read_committed_sees_committed_transactions_only(kafka: Broker) -> None:
    topic = unique("txcheck")
    await create_topics(kafka.bootstrap_servers, [topic], partitions=2)
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka.bootstrap_servers, transactional_id=unique("tx")
    )
    await producer.start()
    try:
        async with producer.transaction():
            await producer.send(topic, b"first", key=b"a")
        await producer.begin_transaction()
        await producer.send(topic, b"aborted", key=b"a")
        await producer.abort_transaction()
        async with producer.transaction():
            await producer.send(topic, b"second", key=b"b")
    finally:
        await producer.stop()
    records = await collect(
        kafka.bootstrap_servers, [topic], until=lambda r: len(r) >= 2, settle=1.0
    )
    assert sorted(r.value for r in records) == [b"first", b"second"]
