"""Prometheus metrics and health for ``streams worker``.

Three parts, all outside the processing path:

* :class:`PrometheusObserver` turns the worker's observer calls (see
  :mod:`.observer`) into :class:`~streams.metrics.Metrics` calls, and marks
  the worker assigned (readiness) when it owns snapshot partitions;
* a callback on the page-state table's recovery: how many pages a (re)started
  or rebalanced worker rebuilt from the changelog, the figure that shows a
  restart resumed from its state instead of starting blank;
* a sampler, every ``LIVEDIFF_METRICS__SAMPLE_INTERVAL_S``, reads what no
  call site reports: whether faust has recovered the page-state table
  (readiness), consumer lag per assigned partition, entries tracked, and
  whether the app crashed or the worker turned broken (liveness);
* the HTTP endpoint (:class:`~streams.health.Endpoint`), started and stopped
  with the faust worker as a mode service.

Consumer lag is what ``kafka-consumer-groups`` shows: the partition's end
(the last stable offset under exactly-once) minus the group's committed
offset, read from the broker, so a stuck worker shows a growing lag even when
it commits nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from aiokafka.errors import KafkaError
from mode import Service

from streams.health import Endpoint
from streams.metrics import Metrics
from streams.models import EntryEvent
from streams.settings import Settings
from streams.worker.app import TABLE_NAME, WorkerApp
from streams.worker.observer import WorkerObserver

__all__ = ["CONDITIONS", "MonitorService", "PrometheusObserver", "WorkerMonitoring"]

log = logging.getLogger(__name__)

CONDITIONS = ("table_recovered", "partitions_assigned")


class PrometheusObserver(WorkerObserver):
    """Observer calls -> metrics (label values are already bounded by the callers)."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.metrics: Metrics = endpoint.metrics
        self.health = endpoint.health

    def snapshot_processed(self, status: str, seconds: float) -> None:
        self.metrics.observe_outcome(status)

    def stages_timed(self, parse_seconds: float, diff_seconds: float) -> None:
        self.metrics.observe_stage("parse", parse_seconds)
        self.metrics.observe_stage("diff", diff_seconds)

    def snapshot_rejected(self, reason: str) -> None:
        self.metrics.observe_outcome("dead_lettered", reason)

    def enriched(self, events: Sequence[EntryEvent], seconds: float) -> None:
        self.metrics.observe_stage("enrich", seconds)

    def events_sent(self, events: Sequence[EntryEvent]) -> None:
        self.metrics.observe_events(events)

    def committed(self, fetched_at: Sequence[datetime], committed_at: datetime) -> None:
        self.metrics.observe_published(fetched_at, committed_at)

    def pages_tracked(self, count: int) -> None:
        self.metrics.set_tracked(pages=count)

    def partitions_assigned(self, count: int) -> None:
        self.metrics.observe_assignment(count)
        self.health.set("partitions_assigned", count > 0)


class WorkerMonitoring:
    """The endpoint and observer of one worker process; ``service()`` runs them with faust."""

    def __init__(self, settings: Settings, endpoint: Endpoint | None = None) -> None:
        m = settings.metrics
        self.settings = settings
        self.endpoint = endpoint or Endpoint.create(
            "worker", host=m.host, port=m.port, conditions=CONDITIONS
        )
        self.observer = PrometheusObserver(self.endpoint)

    def service(self, bundle: WorkerApp) -> MonitorService:
        return MonitorService(self, bundle)


class MonitorService(Service):
    """Serves the endpoint for the worker's lifetime and samples what has no call site."""

    def __init__(self, monitoring: WorkerMonitoring, bundle: WorkerApp, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.monitoring = monitoring
        self.endpoint = monitoring.endpoint
        self.bundle = bundle
        self.interval_s = monitoring.settings.metrics.sample_interval_s
        self.topic = bundle.topics.snapshots.get_topic_name()
        self._admin: Any = None
        self._lagging: set[tuple[str, int]] = set()
        self._entries: dict[bytes, tuple[bytes, int]] = {}
        bundle.app.tables[TABLE_NAME].on_recover(self._recovered)

    async def _recovered(self) -> None:
        """faust rebuilt the table (start or rebalance), before the streams resume."""
        pages = len(self.bundle.worker.store)
        self.endpoint.metrics.observe_recovery(pages)
        log.info("page-state table recovered from its changelog: %d pages", pages)

    async def on_start(self) -> None:
        await self.endpoint.start()
        log.info(
            "metrics and health on http://%s:%d",
            self.endpoint.server.host,
            self.endpoint.server.port,
        )
        self.add_future(self._sample_forever())

    async def on_stop(self) -> None:
        await self.endpoint.stop()
        if self._admin is not None:
            await self._admin.close()

    async def _sample_forever(self) -> None:
        while not self.should_stop:
            try:
                await self.sample()
            except KafkaError as exc:  # the broker is away: the clients say so already
                log.warning("sampling worker metrics failed: %r", exc)
            except Exception:  # metrics must never take the worker down
                log.exception("sampling worker metrics failed")
            await self.sleep(self.interval_s)

    async def sample(self) -> None:
        app, health = self.bundle.app, self.endpoint.health
        recovery = app.tables.recovery
        health.set("table_recovered", recovery.completed.is_set() and not recovery.in_recovery)
        if app._crash_reason is not None:
            health.fail(f"faust app crashed: {app._crash_reason!r}")
        elif self.bundle.worker.state == "broken":
            health.fail("a send or commit failed; the worker must restart")
        self.endpoint.metrics.set_tracked(
            pages=len(self.bundle.worker.store), entries=self._count_entries()
        )
        await self._sample_lag(app)

    def _count_entries(self) -> int:
        """Entries in the table's states; each state is decoded once per change, by the store."""
        table = self.bundle.app.tables[TABLE_NAME]
        seen: dict[bytes, tuple[bytes, int]] = {}
        for key, raw in list(table.data.items()):
            cached = self._entries.get(key)
            if cached is None or cached[0] is not raw:
                state = self.bundle.worker.store.get(key.decode())
                cached = (raw, len(state.entries) if state is not None else 0)
            seen[key] = cached
        self._entries = seen
        return sum(count for _, count in seen.values())

    async def _sample_lag(self, app: Any) -> None:
        mine = []
        if "partitions_assigned" not in self.endpoint.health.missing:  # consumer started
            mine = [tp for tp in app.consumer.assignment() if tp.topic == self.topic]
        committed = await self._committed(mine) if mine else {}
        reported: set[tuple[str, int]] = set()
        for tp in mine:
            end = app.consumer.highwater(tp)
            if end is None or end < 0:
                continue  # not fetched yet: unknown, not zero
            offset = committed.get((tp.topic, tp.partition))
            self.endpoint.metrics.set_consumer_lag(tp.topic, tp.partition, end - (offset or 0))
            reported.add((tp.topic, tp.partition))
        self._forget(self._lagging - reported)
        self._lagging = reported

    def _forget(self, gone: Iterable[tuple[str, int]]) -> None:
        for topic, partition in gone:
            self.endpoint.metrics.forget_partition(topic, partition)

    async def _committed(self, tps: Sequence[Any]) -> dict[tuple[str, int], int]:
        """The group's committed offsets (OffsetFetch to the coordinator), by (topic, partition)."""
        from aiokafka.admin import AIOKafkaAdminClient
        from aiokafka.structs import TopicPartition

        if self._admin is None:
            admin = AIOKafkaAdminClient(**self.monitoring.settings.kafka.client_kwargs())
            await admin.start()
            self._admin = admin
        group = self.bundle.app.conf.id
        wanted = [TopicPartition(tp.topic, tp.partition) for tp in tps]
        offsets = await self._admin.list_consumer_group_offsets(group, partitions=wanted)
        return {
            (tp.topic, tp.partition): meta.offset
            for tp, meta in offsets.items()
            if meta.offset >= 0
        }
