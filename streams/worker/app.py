"""Build the faust app of ``streams worker`` from :class:`~streams.settings.Settings`.

model -> app -> topics -> table -> agent, as in faust's examples; everything
that decides *what* to emit lives in the pure core (:mod:`streams.pipeline`),
everything that decides *when it is visible* in :mod:`.transactions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import faust
from faust.types.auth import SASLMechanism

from streams.parse.profiles import load_profiles
from streams.settings import KafkaSettings, Settings
from streams.worker import consumer
from streams.worker.agents import DiffWorker, register_agents
from streams.worker.enrichment import load_enricher
from streams.worker.handler import SnapshotHandler
from streams.worker.observer import WorkerObserver
from streams.worker.startup import bootstrap_hosts
from streams.worker.state import PageStore
from streams.worker.topics import WorkerTopics, build_topics, large_records
from streams.worker.transactions import Output

__all__ = ["WorkerApp", "broker_urls", "build_app", "faust_credentials"]

TABLE_NAME = "page-state"
# faust's own commit timer and count trigger are switched off: the worker commits.
_NEVER_S = 365 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class WorkerApp:
    app: Any  # faust.App
    topics: WorkerTopics
    worker: DiffWorker


def broker_urls(bootstrap_servers: str) -> list[str]:
    """``host1:9092,host2:9092`` -> faust's ``kafka://`` URL list (ConfigError if malformed)."""
    return [f"kafka://{host}" for host in bootstrap_hosts(bootstrap_servers)]


def faust_credentials(kafka: KafkaSettings) -> Any:
    """SASL / TLS settings as faust credentials (``None`` for PLAINTEXT)."""
    ctx = kafka.ssl_context()
    if kafka.security_protocol.startswith("SASL_"):
        assert kafka.sasl_password is not None  # checked by KafkaSettings
        assert kafka.sasl_mechanism is not None
        return faust.SASLCredentials(
            username=kafka.sasl_username,
            password=kafka.sasl_password.get_secret_value(),
            mechanism=SASLMechanism(kafka.sasl_mechanism),
            ssl_context=ctx,
        )
    if ctx is not None:
        return faust.SSLCredentials(ctx)
    return None


def build_app(settings: Settings, *, observer: WorkerObserver | None = None) -> WorkerApp:
    """The worker app; ``observer`` receives the metric call sites (see :mod:`.observer`)."""
    w = settings.worker
    observer = observer or WorkerObserver()
    app = faust.App(
        w.app_id,
        broker=broker_urls(settings.kafka.bootstrap_servers),
        broker_credentials=faust_credentials(settings.kafka),
        processing_guarantee=w.processing_guarantee,
        store="memory://",
        topic_partitions=w.partitions,
        topic_replication_factor=w.replication_factor,
        topic_disable_leader=True,
        table_standby_replicas=w.table_standby_replicas,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=w.session_timeout_s,
        broker_heartbeat_interval=min(3.0, w.session_timeout_s / 3),
        broker_commit_interval=_NEVER_S,
        broker_commit_every=2**31,
        producer_max_request_size=w.max_request_bytes,
        # Page states are tens of KB: with the default 16 KB batches every state write would
        # be a batch (and a request) of its own.
        producer_max_batch_size=1024 * 1024,
        # A little longer than aiokafka's usual few ms: fewer, larger batches (states are
        # big, compressed per batch) cost less CPU here and at the broker, and a commit
        # closes and sends lingering batches at once (aiokafka's flush_for_commit).
        producer_linger=0.02,
        producer_compression_type=None if w.compression_type == "none" else w.compression_type,
        web_enabled=w.web_enabled,
        web_bind=w.web_host,
        web_port=w.web_port,
        datadir=str(w.data_dir),
        autodiscover=False,
    )
    consumer.install(app)  # a short fetch long-poll (see consumer.py); before any topic
    topics = build_topics(app, w)
    table = app.Table(
        TABLE_NAME,
        partitions=w.partitions,
        key_type=bytes,  # faust picks the "raw" serializer for bytes (changelog and recovery)
        value_type=bytes,
        help="PageState (JSON) per page URL; its changelog is written by the diff agent.",
        # A long-running page keeps thousands of entries: its state outgrows the broker's
        # 1 MB default record size (the commit would fail, and again after each restart).
        extra_topic_configs=large_records(w),
    )
    store = PageStore(table, table.changelog_topic.get_topic_name())
    handler = SnapshotHandler(
        w,
        settings.limits,
        enrich=load_enricher(settings.enrich_engine),
        observer=observer,
        profiles=load_profiles(settings.profiles_path),  # LIVEDIFF_PROFILES_PATH
    )
    worker = DiffWorker(
        handler, store, Output(app), observer, generation=lambda: app.consumer_generation_id
    )
    register_agents(app, topics, worker, w.commit_interval_s)
    return WorkerApp(app, topics, worker)
