"""The metrics endpoint, read over real HTTP and parsed as Prometheus text format.

The expected list below is the contract the Grafana dashboard and the alert
rules are written against: a renamed metric or label must fail here first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

import streams.worker.dlq  # noqa: F401  (registers the worker's RejectedSnapshot subclasses)
from streams.errors import RejectedSnapshot
from streams.health import Endpoint
from streams.metrics import (
    DLQ_REASONS,
    FETCH_ERROR_REASONS,
    OUTCOMES,
    STATUS_CLASSES,
    Metrics,
    status_class,
)
from streams.models import Entity, EntryEvent, Topic
from streams.producer import errors as fetch_errors

T0 = datetime(2024, 11, 12, 9, 0, tzinfo=UTC)

# name -> (type, label names). Histograms: the labels of _bucket/_sum/_count without `le`.
EXPECTED: dict[str, tuple[str, frozenset[str]]] = {
    "livediff_build_info": ("gauge", frozenset({"version", "component"})),
    "livediff_snapshots_consumed": ("counter", frozenset({"outcome"})),
    "livediff_snapshots_dead_lettered": ("counter", frozenset({"reason"})),
    "livediff_entry_events": ("counter", frozenset({"type"})),
    "livediff_entities": ("counter", frozenset({"label"})),
    "livediff_topics": ("counter", frozenset({"topic", "name"})),
    "livediff_parse_duration_seconds": ("histogram", frozenset()),
    "livediff_diff_duration_seconds": ("histogram", frozenset()),
    "livediff_enrich_duration_seconds": ("histogram", frozenset()),
    "livediff_end_to_end_latency_seconds": ("histogram", frozenset()),
    "livediff_pages_tracked": ("gauge", frozenset()),
    "livediff_entries_tracked": ("gauge", frozenset()),
    "livediff_consumer_lag_messages": ("gauge", frozenset({"topic", "partition"})),
    "livediff_assigned_partitions": ("gauge", frozenset()),
    "livediff_rebalances": ("counter", frozenset()),
    "livediff_state_recovered_pages": ("gauge", frozenset()),
    "livediff_state_recoveries": ("counter", frozenset()),
    "livediff_producer_fetches": ("counter", frozenset({"status_class"})),
    "livediff_producer_fetch_errors": ("counter", frozenset({"reason"})),
    "livediff_producer_fetch_duration_seconds": ("histogram", frozenset({"status_class"})),
    "livediff_process_start_time_seconds": ("gauge", frozenset()),
    "livediff_process_cpu_seconds": ("counter", frozenset()),
    "livediff_process_resident_memory_bytes": ("gauge", frozenset()),
    "livediff_process_virtual_memory_bytes": ("gauge", frozenset()),
    "livediff_process_open_fds": ("gauge", frozenset()),
    "livediff_process_max_fds": ("gauge", frozenset()),
}


def event(
    kind: str, *, entities: tuple[Entity, ...] = (), topics: tuple[Topic, ...] = ()
) -> EntryEvent:
    return EntryEvent(
        type=kind,  # type: ignore[arg-type]
        event_id=f"ev-{kind}",
        page_url="https://news.example/live/quay?token=secret",
        entry_id="https://news.example/live/quay#post-1",
        revision=1,
        title="Ferry service resumes",
        body="The harbour reopened at dawn.",
        fetched_at=T0,
        content_hash="0" * 64,
        parser="jsonld",
        entities=entities,
        topics=topics,
    )


def observe_everything(metrics: Metrics) -> None:
    for outcome in OUTCOMES:
        metrics.observe_outcome(outcome, reason="parse_error")
    metrics.observe_outcome("dead_lettered", reason="something_new")
    for stage in ("parse", "diff", "enrich"):
        metrics.observe_stage(stage, 0.003)
    ent = Entity(text="Harbour Board", label="ORG", start=0, end=13)
    odd = Entity(text="x", label="SOMETHING_ELSE", start=0, end=1)
    politics = Topic(id="medtop:11000000", label="politics", score=0.9)
    child = Topic(id="medtop:20000621", label="election", score=0.8, level=2)
    unknown = Topic(id="medtop:99000000", label="nonsense", score=0.5)
    metrics.observe_events(
        [
            event("entry.new", entities=(ent, odd), topics=(politics, child, unknown)),
            event("entry.edited"),
            event("entry.removed"),
        ]
    )
    metrics.observe_published([T0, T0 - timedelta(seconds=2)], T0 + timedelta(seconds=1))
    metrics.set_tracked(pages=3, entries=41)
    metrics.observe_assignment(2)
    metrics.observe_recovery(7)
    metrics.set_consumer_lag("pages.snapshots", 0, 5)
    metrics.set_consumer_lag("pages.snapshots", 1, -1)
    metrics.observe_fetch("ok", 200, 0.2)
    metrics.observe_fetch("not_modified", 304, 0.1)
    metrics.observe_fetch("http_status", 503, 1.5)
    metrics.observe_fetch("timeout", None, 20.0)


async def scrape(endpoint: Endpoint, path: str = "/metrics") -> tuple[int, str, str]:
    url = f"http://127.0.0.1:{endpoint.server.port}{path}"
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        return resp.status, resp.headers["Content-Type"], await resp.text()


@pytest.fixture
async def endpoint() -> AsyncIterator[Endpoint]:
    ep = Endpoint.create(
        "worker",
        host="127.0.0.1",
        port=0,
        conditions=("table_recovered", "partitions_assigned"),
        registry=CollectorRegistry(),
    )
    await ep.start()
    yield ep
    await ep.stop()


def families(
    text: str,
) -> dict[str, tuple[str, frozenset[str], list[tuple[str, dict[str, str], float]]]]:
    out = {}
    for fam in text_string_to_metric_families(text):
        labels: set[str] = set()
        for sample in fam.samples:
            labels |= set(sample.labels) - {"le"}
        out[fam.name] = (
            fam.type,
            frozenset(labels),
            [(s.name, s.labels, s.value) for s in fam.samples],
        )
    return out


async def test_names_types_and_label_sets_match_the_contract(endpoint: Endpoint) -> None:
    observe_everything(endpoint.metrics)
    status, content_type, text = await scrape(endpoint)
    assert status == 200
    assert content_type.startswith("text/plain; version=")
    found = families(text)
    assert {n: (t, ls) for n, (t, ls, _) in found.items()} == EXPECTED
    for name, (_, _, samples) in found.items():
        assert samples, f"{name} has no samples"
        assert not any(s.endswith("_created") for s, _, _ in samples)


async def test_label_values_are_bounded_and_never_urls(endpoint: Endpoint) -> None:
    observe_everything(endpoint.metrics)
    _, _, text = await scrape(endpoint)
    found = families(text)
    for name, (_, _, samples) in found.items():
        for _, labels, _ in samples:
            assert not any("://" in v or "news.example" in v for v in labels.values()), name

    def values(name: str, label: str) -> dict[str, float]:
        return {
            s[1][label]: s[2]
            for s in found[name][2]
            if not s[0].endswith(("_bucket", "_sum", "_count")) or s[0].endswith("_count")
        }

    assert values("livediff_snapshots_consumed", "outcome") == {
        "changed": 1, "unchanged": 1, "stale": 1, "duplicate": 1, "dead_lettered": 2,
    }  # fmt: skip
    dead = values("livediff_snapshots_dead_lettered", "reason")
    assert dead["parse_error"] == 1
    assert dead["other"] == 1  # an unknown reason is not a new series
    assert set(dead) == {*DLQ_REASONS, "other"}
    assert values("livediff_entry_events", "type") == {"new": 1, "edited": 1, "removed": 1}
    assert values("livediff_entities", "label") == {"ORG": 1, "other": 1}
    assert values("livediff_topics", "topic") == {"medtop:11000000": 1, "other": 1}
    assert values("livediff_producer_fetches", "status_class") == {
        "200": 1, "304": 1, "5xx": 1, "error": 1,
    }  # fmt: skip
    lag = {s[1]["partition"]: s[2] for s in found["livediff_consumer_lag_messages"][2]}
    assert lag == {"0": 5, "1": 0}


async def test_fresh_registry_has_every_small_label_set_at_zero(endpoint: Endpoint) -> None:
    """Series exist before the first event: rate() and absence alerts work from the start."""
    _, _, text = await scrape(endpoint)
    found = families(text)
    consumed = {s[1]["outcome"]: s[2] for s in found["livediff_snapshots_consumed"][2]}
    assert consumed == dict.fromkeys(OUTCOMES, 0.0)
    assert found["livediff_producer_fetches"][2] == []  # a worker fetches nothing
    producer = Metrics(CollectorRegistry(), component="producer")
    fetches = {
        cls: producer.registry.get_sample_value(
            "livediff_producer_fetches_total", {"status_class": cls}
        )
        for cls in STATUS_CLASSES
    }
    assert fetches == dict.fromkeys(STATUS_CLASSES, 0.0)
    assert (
        producer.registry.get_sample_value(
            "livediff_snapshots_consumed_total", {"outcome": "changed"}
        )
        is None
    )


async def test_latency_is_measured_from_fetched_at_to_publish(endpoint: Endpoint) -> None:
    endpoint.metrics.observe_published([T0, T0 - timedelta(seconds=2)], T0 + timedelta(seconds=1))
    _, _, text = await scrape(endpoint)
    samples = {
        s[0]: s[2] for s in families(text)["livediff_end_to_end_latency_seconds"][2] if not s[1]
    }
    assert samples["livediff_end_to_end_latency_seconds_count"] == 2
    assert samples["livediff_end_to_end_latency_seconds_sum"] == pytest.approx(4.0)


async def test_forgotten_partition_loses_its_lag_series(endpoint: Endpoint) -> None:
    endpoint.metrics.set_consumer_lag("pages.snapshots", 3, 7)
    endpoint.metrics.forget_partition("pages.snapshots", 3)
    endpoint.metrics.forget_partition("pages.snapshots", 4)  # never set: no error
    _, _, text = await scrape(endpoint)
    assert families(text)["livediff_consumer_lag_messages"][2] == []


def test_two_registries_do_not_clash() -> None:
    """Built from the registry passed in: two instances in one process are independent."""
    a = Metrics(CollectorRegistry(), component="worker")
    b = Metrics(CollectorRegistry(), component="worker")
    a.observe_outcome("changed")
    sample = ("livediff_snapshots_consumed_total", {"outcome": "changed"})
    assert a.registry.get_sample_value(*sample) == 1
    assert b.registry.get_sample_value(*sample) == 0


def _reasons(cls: type) -> set[str]:
    out = set()
    for sub in cls.__subclasses__():
        out.add(sub.reason)
        out |= _reasons(sub)
    return out


def test_dlq_reasons_cover_every_rejection() -> None:
    assert _reasons(RejectedSnapshot) == set(DLQ_REASONS)


def test_fetch_error_reasons_cover_every_fetch_error() -> None:
    assert _reasons(fetch_errors.FetchError) == set(FETCH_ERROR_REASONS)


@pytest.mark.parametrize(
    ("outcome", "status", "expected"),
    [
        ("ok", 200, "200"),
        ("ok", 203, "200"),
        ("not_modified", 304, "304"),
        ("http_status", 404, "4xx"),
        ("http_status", 429, "4xx"),
        ("http_status", 503, "5xx"),
        ("http_status", 300, "error"),
        ("timeout", None, "error"),
        ("blocked", None, "error"),
    ],
)
def test_status_class(outcome: str, status: int | None, expected: str) -> None:
    assert status_class(outcome, status) == expected
