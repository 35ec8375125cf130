"""build_app: settings reach faust as intended (no broker needed to build an app)."""

from __future__ import annotations

import ssl
from pathlib import Path

import faust
import pytest

from streams.cli import build_parser
from streams.errors import ConfigError
from streams.settings import KafkaSettings, Settings, WorkerSettings
from streams.worker import consumer
from streams.worker.app import broker_urls, build_app, faust_credentials
from streams.worker.enrichment import load_enricher


def settings(tmp_path: Path, **worker: object) -> Settings:
    return Settings(
        kafka=KafkaSettings(bootstrap_servers="k1:9092, k2:9093"),
        worker=WorkerSettings(app_id="unit-app", data_dir=tmp_path, **worker),  # type: ignore[arg-type]
    )


def test_app_is_exactly_once_with_raw_topics_and_a_raw_table(tmp_path: Path) -> None:
    bundle = build_app(settings(tmp_path, partitions=4))
    conf = bundle.app.conf
    assert conf.processing_guarantee.value == "exactly_once"
    assert [str(u) for u in conf.broker] == ["kafka://k1:9092", "kafka://k2:9093"]
    assert conf.table_standby_replicas == 1
    assert conf.broker_session_timeout == 10.0
    snapshots = bundle.topics.snapshots
    assert snapshots.get_topic_name() == "pages.snapshots"
    assert snapshots.acks is False, "faust must never commit on its own"
    assert snapshots.partitions == 4
    names = [t.get_topic_name() for t in bundle.topics.outputs]
    assert names == ["entries.new", "entries.edited", "entries.removed", "pages.snapshots.dlq"]
    table = bundle.app.tables["page-state"]
    assert (table.key_serializer, table.value_serializer) == ("raw", "raw")
    assert table.changelog_topic.get_topic_name() == "unit-app-page-state-changelog"
    assert bundle.worker.output.exactly_once is True


def test_at_least_once_is_available(tmp_path: Path) -> None:
    bundle = build_app(settings(tmp_path, processing_guarantee="at_least_once"))
    assert bundle.app.conf.processing_guarantee.value == "at_least_once"
    assert bundle.worker.output.exactly_once is False


def test_broker_urls() -> None:
    assert broker_urls("a:1,,b:2 ") == ["kafka://a:1", "kafka://b:2"]
    assert broker_urls("[::1]:9092,kafka-0.kafka.svc_x:19092") == [
        "kafka://[::1]:9092",
        "kafka://kafka-0.kafka.svc_x:19092",
    ]


@pytest.mark.parametrize("bad", ["", ",", "a", "a:", ":9092", "a:b", "a:0", "a:65536", "k://a:1"])
def test_malformed_bootstrap_servers_are_a_config_error(bad: str) -> None:
    with pytest.raises(ConfigError, match="KAFKA_BOOTSTRAP_SERVERS"):
        broker_urls(bad)


def test_credentials_follow_the_kafka_settings(tmp_path: Path) -> None:
    assert faust_credentials(KafkaSettings()) is None
    scram = faust_credentials(
        KafkaSettings(
            security_protocol="SASL_PLAINTEXT",
            sasl_mechanism="SCRAM-SHA-512",
            sasl_username="alice",
            sasl_password="s3cret",  # type: ignore[arg-type]
        )
    )
    assert isinstance(scram, faust.SASLCredentials)
    assert (scram.username, scram.password, scram.mechanism.value) == (
        "alice",
        "s3cret",
        "SCRAM-SHA-512",
    )
    assert scram.protocol.value == "SASL_PLAINTEXT"
    tls = faust_credentials(KafkaSettings(security_protocol="SSL"))
    assert isinstance(tls, faust.SSLCredentials)
    assert isinstance(tls.context, ssl.SSLContext)


def test_enrichment_engine_none_is_no_enricher() -> None:
    assert load_enricher("none") is None
    assert load_enricher("") is None


def test_an_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no-such-engine"):
        load_enricher("no-such-engine")


def test_worker_subcommand_is_registered() -> None:
    args = build_parser().parse_args(["worker", "--web-port", "7001"])
    assert args.web_port == 7001
    assert args.loglevel == "info"


async def test_the_consumer_long_polls_briefly(tmp_path: Path) -> None:
    """faust hard-codes fetch_max_wait_ms=1500; ours is short (see streams/worker/consumer.py)."""
    app = build_app(settings(tmp_path)).app
    assert isinstance(app.transport, consumer.Transport)
    kafka_consumer = app.consumer._thread._create_worker_consumer(app.transport)
    try:
        assert kafka_consumer._fetch_max_wait_ms == consumer.FETCH_MAX_WAIT_MS < 1500
    finally:
        await kafka_consumer.stop()
