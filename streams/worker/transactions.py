"""Producing and committing through faust's per-partition transactional producers.

faust-streaming 0.15 keeps one transactional producer per assigned source
partition (``transactional_id = "{app_id}-{group}-{partition}"``) and, when
``processing_guarantee="exactly_once"``, its consumer reads ``read_committed``.
Its own commit and send paths are where the known exactly-once bugs are
(faust #177 and #517: a record sent through ``topic.send`` is put in the
transaction of the *output* partition, or outside any, and faust commits the
open transaction on its own timer and at shutdown, whatever the agent is in
the middle of). So the worker does both itself, through this one adapter:

* every record caused by a snapshot from partition P (events, dead letter,
  changelog) goes into P's transaction;
* ``commit`` adds P's next offset to that same transaction and commits it, so
  outputs, state and progress become visible together or not at all;
* the source topic is declared with ``acks=False``: faust never sees an ack,
  so faust never commits anything by itself;
* a transaction is only committed once every record sent into it is known to
  be written: aiokafka commits even when one of its batches failed (a
  non-retriable produce error, e.g. around a broker restart, only reaches the
  send's future), which would commit the offsets without the records. The
  fault test (tests/integration/test_faults.py) lost events that way.

This module is the only one that touches faust's producer internals; the
integration tests exercise every path here against a real broker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from typing import Any

from streams.errors import LivediffError
from streams.worker.records import OutRecord

__all__ = ["CommitFailed", "Output"]


class CommitFailed(LivediffError):
    """Offsets could not be committed; the worker must stop (a restart resumes safely)."""


class Output:
    """Sends records for a source partition and commits that partition's progress."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self.exactly_once: bool = app.conf.processing_guarantee.value == "exactly_once"
        # transactional id -> (its aiokafka producer, delivery future) since its last commit
        self._deliveries: dict[str, list[tuple[Any, asyncio.Future[Any]]]] = {}

    def transactional_id(self, tp: Any) -> str:
        """faust's id for the producer of source partition ``tp`` (see module docstring)."""
        group = self._app.assignor.group_for_topic(tp.topic)
        return f"{self._app.conf.id}-{group}-{tp.partition}"

    async def send(self, record: OutRecord, tp: Any) -> None:
        """Hand ``record`` to the producer (inside ``tp``'s transaction under exactly-once)."""
        tid = self.transactional_id(tp) if self.exactly_once else None
        delivery = await self._app.producer.send(
            record.topic,
            record.key,
            record.value,
            record.partition,
            None,
            list(record.headers) or None,
            transactional_id=tid,
        )
        if tid is not None:
            owner = self._app.producer._transaction_producers.get(tid)
            self._deliveries.setdefault(tid, []).append((owner, delivery))

    async def commit(self, offsets: Mapping[Any, int]) -> None:
        """Make everything sent for these partitions visible, with their next offsets."""
        if not offsets:
            return
        if self.exactly_once:
            await asyncio.gather(*(self._commit_one(tp, off) for tp, off in offsets.items()))
            return
        await self._app.producer.flush()  # at-least-once: outputs first, then progress
        if not await self._app.consumer._commit(dict(offsets)):
            raise CommitFailed(f"consumer commit of {dict(offsets)} failed")

    async def _commit_one(self, tp: Any, offset: int) -> None:
        tid = self.transactional_id(tp)
        producer = self._app.producer
        if tid not in producer._transaction_producers:
            # faust drops a fenced producer and only logs it; committing would be a no-op.
            raise CommitFailed(f"no transactional producer {tid} for {tp} (fenced or revoked)")
        await self._delivered(tid, producer._transaction_producers[tid])
        await producer.commit_transactions(
            {tid: {tp: offset}}, self._app.conf.id, start_new_transaction=True
        )

    async def _delivered(self, tid: str, current: Any) -> None:
        """Wait until every record of ``tid``'s open transaction is written, or raise.

        Futures of an earlier producer with this id (the partition was revoked
        and assigned again) belong to a transaction that is over: ignored.
        """
        mine = [f for owner, f in self._deliveries.pop(tid, []) if owner is current]
        results = await asyncio.gather(*mine, return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:
            raise CommitFailed(
                f"{len(failed)} of {len(mine)} records of transaction {tid} were not written "
                f"({failed[0]!r}); it must not commit"
            )

    async def abort(self, tps: Iterable[Any]) -> None:
        """Abort the open transactions of ``tps`` (their records are never shown)."""
        if not self.exactly_once:
            return
        for tp in tps:
            tid = self.transactional_id(tp)
            self._deliveries.pop(tid, None)
            await self._app.producer.abort_transaction(tid)
