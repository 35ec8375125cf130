"""The diff agent: decode, call, count, send; and the commit that makes it visible.

One agent instance reads every assigned partition of ``pages.snapshots`` in
order, in batches of what the consumer has fetched (``take_events``). For each
snapshot :class:`~streams.worker.handler.SnapshotHandler` (parse -> diff ->
enrich, or a dead letter; the events of a whole batch are enriched in one
call) says what to send; the page's new state is staged. A timer commits
every ``commit_interval_s``: the newest state of each page touched (its
changelog record), offsets and events, all in one transaction per source
partition.

``_lock`` makes "send one snapshot's records", "start or settle a commit",
"partitions revoked" and "shut down" mutually exclusive, so a commit never
holds half of a snapshot's records. The commit's round trips to the broker
(offsets, end of transaction: tens of ms) run *outside* that lock, so the
agent keeps parsing and diffing meanwhile; a snapshot of a partition whose
transaction is being committed is processed at once, its records held and
sent, in order, into the partition's next transaction as soon as the commit
returns (aiokafka refuses sends while a transaction commits). ``_commit_lock``
keeps one commit at a time and makes revocation and shutdown wait for it.

If sending fails half-way (or the task is cancelled there), the open
transactions hold a partial snapshot: the worker turns *broken*, never
commits again and aborts them when it stops; the restarted worker redoes the
snapshot from the last commit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

from streams.models import EntryEvent
from streams.worker.handler import SnapshotHandler
from streams.worker.observer import WorkerObserver
from streams.worker.records import OutRecord, Source
from streams.worker.state import PageStore
from streams.worker.topics import WorkerTopics
from streams.worker.transactions import Output

__all__ = ["DiffWorker", "register_agents"]

log = logging.getLogger(__name__)

# The agent takes what the consumer has fetched, up to BATCH_MAX snapshots, waiting at
# most BATCH_WITHIN_S for more: one enrichment call per batch (spaCy's nlp.pipe is far
# cheaper per text in batches), at the cost of that wait in latency at low rates.
BATCH_MAX = 32
BATCH_WITHIN_S = 0.02


@dataclass(slots=True)
class _Pending:
    """Processed since the last commit, per source partition."""

    next_offset: int
    fetched_at: list[datetime] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Done:
    """One processed snapshot: its records, the offset after it, its events."""

    records: tuple[OutRecord, ...]
    next_offset: int
    events: tuple[EntryEvent, ...]


class DiffWorker:
    """The agent's body and its commit; faust-facing glue lives in :func:`register_agents`.

    ``generation()`` is the consumer group generation (faust's
    ``app.consumer_generation_id``): a message fetched in a generation that
    has since been revoked is skipped, since its partition is re-read from the
    last commit by whoever owns it now.
    """

    def __init__(
        self,
        handler: SnapshotHandler,
        store: PageStore,
        output: Output,
        observer: WorkerObserver | None = None,
        *,
        generation: Callable[[], int] = lambda: 0,
    ) -> None:
        self.handler = handler
        self.store = store
        self.output = output
        self.observer = observer or WorkerObserver()
        self._generation = generation
        self._lock = asyncio.Lock()
        self._commit_lock = asyncio.Lock()
        self._pending: dict[Any, _Pending] = {}
        self._dirty: set[Any] = set()  # partitions with records sent since their last commit
        self._committing: set[Any] = set()  # partitions whose transaction is committing
        self._held: dict[Any, list[_Done]] = {}  # their snapshots since, sent after the commit
        self._revoked_generation = -1
        self.state = "open"  # open -> closed (stopping) | broken (must not commit)

    async def process(self, event: Any) -> None:
        """Handle one faust event (see :meth:`process_many`)."""
        await self.process_many([event])

    async def process_many(self, events: Sequence[Any]) -> None:
        """Handle faust events in order: each snapshot's records go into its partition's
        transaction. Their new entries are enriched in one call (a batch for spaCy)."""
        # A batch may span a rebalance: a partition given back re-reads snapshots this
        # batch already holds. Each generation is handled on its own, so a snapshot is
        # never diffed against a state left by one that will not be sent.
        for _, same in groupby(events, key=lambda e: e.message.generation_id):
            await self._process_generation(list(same))

    async def _process_generation(self, events: list[Any]) -> None:
        events = [e for e in events if self._current(e.message)]
        if not events:
            return
        # Parse, diff and enrich outside the lock: a commit in flight (network I/O)
        # overlaps with this CPU work. The state reads are still right: the previous
        # snapshot of each page was staged before this call (or is earlier in ``events``:
        # the handler chains those), and a revoke or stop meanwhile is caught below.
        results = self.handler.handle_many(
            [(e.value, _source(e.message)) for e in events], self.store.get
        )
        for event, result in zip(events, results, strict=True):
            async with self._lock:
                message = event.message
                if not self._current(message):
                    continue
                if result.state is not None:
                    self.store.stage(result.state, message.tp.partition)
                done = _Done(result.records, message.offset + 1, result.events)
                if message.tp in self._committing:
                    self._held.setdefault(message.tp, []).append(done)
                else:
                    await self._send(message.tp, done)

    async def _send(self, tp: Any, done: _Done) -> None:
        """Send one snapshot's records into ``tp``'s open transaction (lock held)."""
        self._dirty.add(tp)
        try:
            for record in done.records:
                await self.output.send(record, tp)
        except BaseException:
            self.state = "broken"
            raise
        pending = self._pending.setdefault(tp, _Pending(done.next_offset))
        pending.next_offset = done.next_offset
        pending.fetched_at.extend(e.fetched_at for e in done.events)
        self.observer.events_sent(done.events)

    def _current(self, message: Any) -> bool:
        """False when stopping, or when the message's generation was revoked since its fetch:
        its partition is then re-read from the last commit (by whoever owns it now)."""
        return self.state == "open" and message.generation_id > self._revoked_generation

    async def commit(self) -> None:
        """Commit everything sent so far (called by the timer); processing goes on meanwhile."""
        async with self._commit_lock:
            async with self._lock:
                if self.state != "open" or not self._pending:
                    return
                batch, self._pending = self._pending, {}
                self._committing.update(batch)
                states = self.store.seal(tp.partition for tp in batch)
            try:
                await self._send_states(batch, states)
                await self.output.commit({tp: p.next_offset for tp, p in batch.items()})
            except BaseException:
                self.state = "broken"
                raise
            async with self._lock:
                self._settle(batch)
                await self._release_held()

    async def _send_states(
        self, batch: dict[Any, _Pending], states: dict[int, list[OutRecord]]
    ) -> None:
        """The changelog records of ``batch``'s partitions, into their transactions.

        Runs while those partitions are marked committing: nothing else is sent
        into their transactions meanwhile.
        """
        for tp in batch:
            for record in states.get(tp.partition, ()):
                await self.output.send(record, tp)

    def _settle(self, batch: dict[Any, _Pending]) -> None:
        """``batch`` committed: its states are real, its partitions clean (lock held)."""
        self._committing.difference_update(batch)
        self._dirty.difference_update(batch)
        self.store.commit(tp.partition for tp in batch)
        now = datetime.now(UTC)
        self.observer.committed([t for p in batch.values() for t in p.fetched_at], now)
        self.observer.pages_tracked(len(self.store))

    async def _release_held(self) -> None:
        """Send what arrived during the commit, in order, into the new transactions."""
        held, self._held = self._held, {}
        for tp, snapshots in held.items():
            for done in snapshots:
                if self.state == "open":
                    await self._send(tp, done)

    async def revoked(self, tps: Iterable[Any]) -> None:
        """Partitions left this worker: their uncommitted work is void; the owner redoes it."""
        async with self._commit_lock, self._lock:
            self._revoked_generation = max(self._revoked_generation, self._generation())
            gone = set(tps)
            for tp in gone:
                self._pending.pop(tp, None)
                self._held.pop(tp, None)
            self._dirty.difference_update(gone)
            self.store.discard(tp.partition for tp in gone)

    async def shutdown(self) -> None:
        """Stop: commit what is complete, or abort what may be partial; then do nothing more.

        Under ``_commit_lock`` no commit is in flight, so nothing is held back.
        """
        async with self._commit_lock, self._lock:
            if self.state == "open":
                self.state = "closed"
                try:
                    await self._commit_now()
                except Exception:
                    log.exception("final commit failed; uncommitted snapshots will be redone")
            if self.state == "broken" and self._dirty:
                log.warning("aborting open transactions of %d partitions", len(self._dirty))
                await self.output.abort(self._dirty)
            self._dirty.clear()

    async def _commit_now(self) -> None:
        """The last commit, all under the lock (nothing is processed any more)."""
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        states = self.store.seal(tp.partition for tp in batch)
        try:
            await self._send_states(batch, states)
            await self.output.commit({tp: p.next_offset for tp, p in batch.items()})
        except BaseException:
            self.state = "broken"
            raise
        self._settle(batch)


def _source(message: Any) -> Source:
    return Source(message.tp.topic, message.tp.partition, message.offset, message.key)


def register_agents(
    app: Any, topics: WorkerTopics, worker: DiffWorker, commit_interval_s: float
) -> None:
    """Wire ``worker`` into ``app``: the agent, the commit timer and the rebalance hooks.

    Any failure to send or commit stops the whole app (faust would otherwise
    restart just the agent and carry on past the failed snapshot).
    """
    source_topic = topics.snapshots.get_topic_name()

    async def diff(stream: Any) -> None:
        await topics.declare_outputs()  # before the first send, with our partition count
        async for events in stream.take_events(BATCH_MAX, within=BATCH_WITHIN_S):
            try:
                await worker.process_many(events)
            except Exception as exc:
                log.exception("sending failed; stopping (a restart redoes the snapshot)")
                await app.crash(exc)
                raise

    async def commit() -> None:
        try:
            await worker.commit()
        except Exception as exc:
            log.exception("commit failed; stopping (a restart resumes from the last commit)")
            await app.crash(exc)

    async def on_revoked(sender: Any, revoked: set[Any], **_: Any) -> None:
        await worker.revoked(revoked)

    async def on_assigned(sender: Any, assigned: set[Any], **_: Any) -> None:
        worker.observer.partitions_assigned(sum(tp.topic == source_topic for tp in assigned))

    async def on_shutdown(sender: Any, **_: Any) -> None:
        await worker.shutdown()

    app.agent(topics.snapshots, name="diff", concurrency=1)(diff)
    app.timer(commit_interval_s)(commit)
    app.on_partitions_revoked.connect(on_revoked)
    app.on_partitions_assigned.connect(on_assigned)
    app.on_before_shutdown.connect(on_shutdown)
