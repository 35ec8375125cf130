"""The worker's observer calls land in the right metrics (handler -> PrometheusObserver)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prometheus_client import CollectorRegistry

from streams.health import Endpoint
from streams.settings import Limits
from streams.worker.handler import SnapshotHandler
from streams.worker.monitoring import CONDITIONS, PrometheusObserver
from streams.worker.records import Source
from tests.livegen import T0
from tests.unit.worker.conftest import SETTINGS, URL, entry, envelope

SRC = Source("pages.snapshots", 0, 7, URL.encode())


def setup() -> tuple[Endpoint, SnapshotHandler, PrometheusObserver]:
    endpoint = Endpoint.create(
        "worker", host="127.0.0.1", port=0, conditions=CONDITIONS, registry=CollectorRegistry()
    )
    observer = PrometheusObserver(endpoint)
    return endpoint, SnapshotHandler(SETTINGS, Limits(), observer=observer), observer


def value(endpoint: Endpoint, name: str, **labels: str) -> float | None:
    return endpoint.metrics.registry.get_sample_value(name, labels)


def test_outcomes_stages_and_events_are_counted() -> None:
    endpoint, handler, observer = setup()
    first = handler.handle(envelope([entry(1)], 1), SRC, lambda _: None)
    again = handler.handle(envelope([entry(1)], 1), SRC, lambda _: first.state)
    observer.events_sent(first.events)
    bad = handler.handle(b"not json", SRC, lambda _: None)
    assert (first.status, again.status, bad.status) == ("changed", "duplicate", "dead_lettered")
    consumed = "livediff_snapshots_consumed_total"
    assert value(endpoint, consumed, outcome="changed") == 1
    assert value(endpoint, consumed, outcome="duplicate") == 1
    assert value(endpoint, consumed, outcome="dead_lettered") == 1
    dead = "livediff_snapshots_dead_lettered_total"
    assert value(endpoint, dead, reason="decode_error") == 1
    # Parsed and diffed once: the duplicate stopped at the gate.
    assert value(endpoint, "livediff_parse_duration_seconds_count") == 1
    assert value(endpoint, "livediff_diff_duration_seconds_count") == 1
    assert value(endpoint, "livediff_enrich_duration_seconds_count") == 0
    assert value(endpoint, "livediff_entry_events_total", type="new") == 1


def test_commit_latency_pages_and_assignment() -> None:
    endpoint, _, observer = setup()
    now = datetime.now(UTC)
    observer.committed([now - timedelta(seconds=1), now - timedelta(seconds=3)], now)
    assert value(endpoint, "livediff_end_to_end_latency_seconds_count") == 2
    assert value(endpoint, "livediff_end_to_end_latency_seconds_sum") == 4
    observer.pages_tracked(12)
    assert value(endpoint, "livediff_pages_tracked") == 12
    assert endpoint.health.missing == list(CONDITIONS)
    observer.partitions_assigned(3)
    assert endpoint.health.missing == ["table_recovered"]
    assert value(endpoint, "livediff_assigned_partitions") == 3
    observer.partitions_assigned(0)  # everything revoked: not ready
    assert endpoint.health.missing == list(CONDITIONS)
    assert value(endpoint, "livediff_rebalances_total") == 2


def test_latency_is_never_negative() -> None:
    """A producer clock ahead of the worker's must not make a negative observation."""
    endpoint, _, observer = setup()
    observer.committed([T0 + timedelta(days=10_000)], T0)
    assert value(endpoint, "livediff_end_to_end_latency_seconds_sum") == 0
