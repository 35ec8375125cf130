"""Every Prometheus metric of livediff, built in one place from a registry passed in.

Callers never touch a metric object: they call :class:`Metrics` methods with
what happened (an outcome, events, a fetch) and this module decides names,
labels and buckets. Conventions (https://prometheus.io/docs/practices/naming/):
``livediff_`` prefix, base units in the name (``_seconds``, ``_messages``),
``_total`` on counters.

Every label value is drawn from a closed set defined here; anything else is
counted as ``other``. A URL, an entry id or free text never becomes a label:
one series per page would grow without bound and take Prometheus down with it.
Small label sets are pre-initialised to 0, so ``rate()`` and "no snapshots
for N minutes" alerts work before the first event.

Process metrics (``livediff_process_start_time_seconds``, CPU, memory) come
from prometheus_client's ProcessCollector; a restart shows as a change of the
start time (``changes(livediff_process_start_time_seconds[1h])``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Final, Protocol

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    ProcessCollector,
    disable_created_metrics,
)

from streams.models import EntryEvent

__all__ = [
    "DLQ_REASONS",
    "ENTITY_LABELS",
    "FETCH_ERROR_REASONS",
    "OUTCOMES",
    "STATUS_CLASSES",
    "TOP_LEVEL_TOPICS",
    "FetchRecordLike",
    "Metrics",
    "status_class",
]

OTHER: Final = "other"
OUTCOMES: Final = ("changed", "unchanged", "stale", "duplicate", "dead_lettered")
#: RejectedSnapshot reasons (streams/errors.py, streams/worker/dlq.py); a test keeps them in sync.
DLQ_REASONS: Final = (
    "decode_error",
    "bad_status",
    "too_large",
    "unsupported_content_type",
    "parse_error",
    "empty_snapshot",
    "key_mismatch",
    "internal_error",
)
EVENT_TYPES: Final = ("new", "edited", "removed")
STAGES: Final = ("parse", "diff", "enrich")
STATUS_CLASSES: Final = ("200", "304", "4xx", "5xx", "error")
#: FetchError reasons (streams/producer/errors.py); a test keeps them in sync.
FETCH_ERROR_REASONS: Final = (
    "blocked",
    "robots_disallowed",
    "too_large",
    "too_many_redirects",
    "bad_redirect",
    "http_status",
    "timeout",
    "connect_error",
)
#: spaCy's OntoNotes labels; the enrichment engines emit a subset.
ENTITY_LABELS: Final = frozenset(
    {
        "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
        "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
    }
)  # fmt: skip
#: The 17 top-level IPTC Media Topics (id -> name); deeper levels are not counted.
TOP_LEVEL_TOPICS: Final = {
    "medtop:01000000": "arts, culture, entertainment and media",
    "medtop:02000000": "crime, law and justice",
    "medtop:03000000": "disaster, accident and emergency incident",
    "medtop:04000000": "economy, business and finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle and leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science and technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict, war and peace",
    "medtop:17000000": "weather",
}

# Pure-CPU steps: sub-millisecond for a stale/duplicate snapshot, seconds for a huge page.
_STAGE_BUCKETS: Final = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
# fetched_at -> commit: sub-second when keeping up, minutes when catching up.
_LAG_BUCKETS: Final = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)
_FETCH_BUCKETS: Final = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60)


class FetchRecordLike(Protocol):
    """What :meth:`Metrics.observe_fetch_record` reads from a producer ``FetchRecord``."""

    @property
    def outcome(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def duration_s(self) -> float: ...


def _bounded(value: str, allowed: Iterable[str]) -> str:
    return value if value in allowed else OTHER


def status_class(outcome: str, status: int | None) -> str:
    """``200`` / ``304`` / ``4xx`` / ``5xx`` / ``error`` (no response, or an odd status)."""
    if outcome == "ok":
        return "200"
    if outcome == "not_modified":
        return "304"
    if status is not None and 400 <= status < 600:
        return f"{status // 100}xx"
    return "error"


class Metrics:
    """The typed API over every livediff metric, registered in ``registry``.

    ``component`` (``worker`` or ``producer``) goes into ``livediff_build_info``
    and chooses which label sets start at zero; Prometheus's ``job`` label tells
    the two processes apart.
    """

    def __init__(
        self, registry: CollectorRegistry, *, component: str, version: str = "0.1.0"
    ) -> None:
        # `_created` series double the sample count and no query here uses them.
        disable_created_metrics()  # type: ignore[no-untyped-call]
        self.registry = registry
        r = registry
        Info("livediff_build", "Version of the running livediff.", registry=r).info(
            {"version": version, "component": component}
        )
        ProcessCollector(namespace="livediff", registry=r)
        self._consumed = Counter(
            "livediff_snapshots_consumed_total",
            "Snapshots taken from the snapshot topic, by outcome.",
            ["outcome"],
            registry=r,
        )
        self._dead = Counter(
            "livediff_snapshots_dead_lettered_total",
            "Snapshots sent to the dead-letter topic, by rejection reason.",
            ["reason"],
            registry=r,
        )
        self._events = Counter(
            "livediff_entry_events_total", "Entry events published, by type.", ["type"], registry=r
        )
        self._entities = Counter(
            "livediff_entities_total",
            "Entities in published events, by entity label.",
            ["label"],
            registry=r,
        )
        self._topics = Counter(
            "livediff_topics_total",
            "Top-level IPTC Media Topics in published events.",
            ["topic", "name"],
            registry=r,
        )
        self._stages = {
            stage: Histogram(
                f"livediff_{stage}_duration_seconds",
                f"Time spent in the {stage} step for one snapshot.",
                buckets=_STAGE_BUCKETS,
                registry=r,
            )
            for stage in STAGES
        }
        self._latency = Histogram(
            "livediff_end_to_end_latency_seconds",
            "From a snapshot's fetched_at to the commit that published its events, per event.",
            buckets=_LAG_BUCKETS,
            registry=r,
        )
        self._pages = Gauge(
            "livediff_pages_tracked", "Pages with diff state on this worker.", registry=r
        )
        self._entries = Gauge(
            "livediff_entries_tracked",
            "Entries remembered in this worker's page states.",
            registry=r,
        )
        self._lag = Gauge(
            "livediff_consumer_lag_messages",
            "High watermark minus committed offset, per assigned partition.",
            ["topic", "partition"],
            registry=r,
        )
        self._assigned = Gauge(
            "livediff_assigned_partitions", "Snapshot partitions owned by this worker.", registry=r
        )
        self._rebalances = Counter(
            "livediff_rebalances_total", "Partition assignments received.", registry=r
        )
        self._recovered = Gauge(
            "livediff_state_recovered_pages",
            "Pages in the page-state table when its last recovery from the changelog ended.",
            registry=r,
        )
        self._recoveries = Counter(
            "livediff_state_recoveries_total",
            "Recoveries of the page-state table from its changelog (each start, each rebalance).",
            registry=r,
        )
        self._fetches = Counter(
            "livediff_producer_fetches_total",
            "Page fetches, by HTTP status class (error: no usable response).",
            ["status_class"],
            registry=r,
        )
        self._fetch_errors = Counter(
            "livediff_producer_fetch_errors_total",
            "Fetches that yielded no snapshot, by reason.",
            ["reason"],
            registry=r,
        )
        self._fetch_seconds = Histogram(
            "livediff_producer_fetch_duration_seconds",
            "Time to fetch one page, retries and redirects included.",
            ["status_class"],
            buckets=_FETCH_BUCKETS,
            registry=r,
        )
        self._initialise(component)

    def _initialise(self, component: str) -> None:
        """Zero series for the small label sets this component reports (not the other's)."""
        if component == "worker":
            for outcome in OUTCOMES:
                self._consumed.labels(outcome)
            for reason in DLQ_REASONS:
                self._dead.labels(reason)
            for kind in EVENT_TYPES:
                self._events.labels(kind)
        if component == "producer":
            for cls in STATUS_CLASSES:
                self._fetches.labels(cls)
                self._fetch_seconds.labels(cls)
            for reason in FETCH_ERROR_REASONS:
                self._fetch_errors.labels(reason)

    # -- worker -------------------------------------------------------------------------

    def observe_outcome(self, outcome: str, reason: str | None = None) -> None:
        """One consumed snapshot; ``reason`` (a RejectedSnapshot reason) for dead letters."""
        self._consumed.labels(_bounded(outcome, OUTCOMES)).inc()
        if outcome == "dead_lettered":
            self._dead.labels(_bounded(reason or "", DLQ_REASONS)).inc()

    def observe_stage(self, stage: str, seconds: float) -> None:
        """Duration of ``parse``, ``diff`` or ``enrich`` for one snapshot."""
        self._stages[stage].observe(seconds)

    def observe_events(self, events: Sequence[EntryEvent]) -> None:
        """Published events: by type, and the entities and top-level topics they carry."""
        for event in events:
            self._events.labels(event.type.removeprefix("entry.")).inc()
            for entity in event.entities:
                self._entities.labels(_bounded(entity.label, ENTITY_LABELS)).inc()
            for topic in event.topics:
                if topic.level == 1:
                    name = TOP_LEVEL_TOPICS.get(topic.id)
                    self._topics.labels(*((topic.id, name) if name else (OTHER, OTHER))).inc()

    def observe_published(self, fetched_at: Sequence[datetime], published_at: datetime) -> None:
        """A commit made events visible: one latency sample per event."""
        for when in fetched_at:
            self._latency.observe(max(0.0, (published_at - when).total_seconds()))

    def set_tracked(self, *, pages: int, entries: int | None = None) -> None:
        self._pages.set(pages)
        if entries is not None:
            self._entries.set(entries)

    def set_consumer_lag(self, topic: str, partition: int, messages: int) -> None:
        self._lag.labels(topic, str(partition)).set(max(0, messages))

    def forget_partition(self, topic: str, partition: int) -> None:
        """A revoked partition's lag is someone else's now: drop the series."""
        with contextlib.suppress(KeyError):
            self._lag.remove(topic, str(partition))

    def observe_assignment(self, partitions: int) -> None:
        self._assigned.set(partitions)
        self._rebalances.inc()

    def observe_recovery(self, pages: int) -> None:
        """The page-state table was rebuilt from its changelog and holds ``pages`` pages."""
        self._recovered.set(pages)
        self._recoveries.inc()

    # -- producer -----------------------------------------------------------------------

    def observe_fetch(self, outcome: str, status: int | None, seconds: float) -> None:
        """One page fetch: ``outcome`` is ``ok``, ``not_modified`` or a FetchError reason."""
        cls = status_class(outcome, status)
        self._fetches.labels(cls).inc()
        self._fetch_seconds.labels(cls).observe(seconds)
        if outcome not in ("ok", "not_modified"):
            self._fetch_errors.labels(_bounded(outcome, FETCH_ERROR_REASONS)).inc()

    def observe_fetch_record(self, record: FetchRecordLike) -> None:
        """The producer's ``FetchObserver`` (``build_poller(observer=...)``)."""
        self.observe_fetch(record.outcome, record.status, record.duration_s)
