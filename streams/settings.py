"""Configuration, from environment variables (the only module that reads them).

Kafka settings use the names ops teams already know (``KAFKA_BOOTSTRAP_SERVERS``);
everything else is ``LIVEDIFF_*``, nested with ``__`` (``LIVEDIFF_LIMITS__MAX_BODY_BYTES``).
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, IPvAnyNetwork, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "KafkaSettings",
    "Limits",
    "MetricsSettings",
    "ProducerSettings",
    "Settings",
    "WorkerSettings",
]


class Limits(BaseModel):
    """Input limits. Every rejection names the limit it hit."""

    model_config = ConfigDict(frozen=True)

    max_body_bytes: int = Field(default=16 * 1024 * 1024, gt=0, description="Page body size cap.")
    max_entries: int = Field(default=5_000, gt=0, description="Entries parsed per page, at most.")
    max_jsonld_bytes: int = Field(
        default=8 * 1024 * 1024, gt=0, description="Size cap of one JSON-LD script."
    )
    max_json_depth: int = Field(default=64, gt=0, description="JSON-LD nesting depth cap.")
    max_html_depth: int = Field(default=512, gt=0, description="HTML nesting depth cap.")
    max_html_attributes: int = Field(
        default=1_000, gt=0, description="Attributes on one HTML element, at most."
    )
    max_html_formatting: int = Field(
        default=64,
        gt=0,
        description="Formatting elements (b, i, font...) left open, which the parser re-opens "
        "after every block, at most.",
    )
    max_markup_rescan: int = Field(
        default=8,
        gt=0,
        description="Markup whose tags overlap ('<' inside attributes) may be re-read this "
        "many times its length by the attribute check, at most.",
    )
    retained_entries: int = Field(
        default=5_000, gt=0, description="Rolled-off/removed entries remembered per page."
    )


class KafkaSettings(BaseSettings):
    """Broker connection and security, from ``KAFKA_*`` (the names ops teams know).

    Shared by the producer and the worker; ``client_kwargs()`` is what aiokafka takes.
    """

    model_config = SettingsConfigDict(env_prefix="KAFKA_", frozen=True, extra="ignore")

    bootstrap_servers: str = Field(
        default="127.0.0.1:9092", description="Comma-separated host:port list."
    )
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = Field(default=None, description="CA bundle for SSL/SASL_SSL.")
    ssl_certfile: Path | None = Field(default=None, description="Client certificate (mTLS).")
    ssl_keyfile: Path | None = Field(default=None, description="Client key (mTLS).")

    @model_validator(mode="after")
    def _sasl_complete(self) -> KafkaSettings:
        if self.security_protocol.startswith("SASL_") and not (
            self.sasl_mechanism and self.sasl_username and self.sasl_password
        ):
            raise ValueError(
                f"security_protocol {self.security_protocol} needs sasl_mechanism, "
                "sasl_username and sasl_password"
            )
        return self

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.security_protocol.endswith("SSL"):
            return None
        ctx = ssl.create_default_context(cafile=self.ssl_cafile)
        if self.ssl_certfile:
            ctx.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return ctx

    def client_kwargs(self) -> dict[str, Any]:
        """Connection keyword arguments for aiokafka producers/consumers/admin."""
        kwargs: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers,
            "security_protocol": self.security_protocol,
        }
        if self.security_protocol.startswith("SASL_"):
            assert self.sasl_password is not None  # checked by the validator
            kwargs |= {
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": self.sasl_username,
                "sasl_plain_password": self.sasl_password.get_secret_value(),
            }
        ctx = self.ssl_context()
        if ctx is not None:
            kwargs["ssl_context"] = ctx
        return kwargs


class ProducerSettings(BaseModel):
    """``streams produce`` defaults; a URL list file may override most per page."""

    model_config = ConfigDict(frozen=True)

    topic: str = Field(default="pages.snapshots", min_length=1, description="Snapshot topic.")
    user_agent: str = Field(default="livediff-producer/0.1", min_length=1)
    interval_s: float = Field(default=60.0, gt=0, description="Polling interval per page.")
    jitter: float = Field(default=0.1, ge=0, le=1, description="Interval jitter, as a fraction.")
    timeout_s: float = Field(default=20.0, gt=0, description="Total time cap of one attempt.")
    connect_timeout_s: float = Field(default=5.0, gt=0)
    max_body_bytes: int = Field(default=16 * 1024 * 1024, gt=0, description="Response cap.")
    max_redirects: int = Field(default=5, ge=0)
    retries: int = Field(default=3, ge=0, description="Extra attempts on 5xx/429/network errors.")
    backoff_base_s: float = Field(default=0.5, gt=0)
    backoff_max_s: float = Field(default=30.0, gt=0)
    max_retry_after_s: float = Field(default=300.0, ge=0, description="Cap on Retry-After.")
    per_host_concurrency: int = Field(default=2, gt=0)
    max_concurrency: int = Field(default=32, gt=0)
    respect_robots: bool = Field(default=True, description="Obey robots.txt (per-URL opt-out).")
    robots_ttl_s: float = Field(default=3600.0, ge=0)
    allow_networks: tuple[IPvAnyNetwork, ...] = Field(
        default=(),
        description='CIDRs exempt from the SSRF guard, e.g. `["127.0.0.0/8"]` (JSON list).',
    )
    transactional_id: str | None = Field(
        default=None, description="Use a transactional producer (else idempotent)."
    )
    compression_type: Literal["gzip", "none"] = "gzip"
    max_request_bytes: int = Field(default=17 * 1024 * 1024, gt=0)
    linger_ms: int = Field(default=5, ge=0)


class WorkerSettings(BaseModel):
    """``streams worker``: topic names, partitions and the faust app (``LIVEDIFF_WORKER__*``)."""

    model_config = ConfigDict(frozen=True)

    app_id: str = Field(
        default="livediff-worker",
        min_length=1,
        description="faust app id: consumer group, changelog topic prefix, transactional ids.",
    )
    snapshots_topic: str = Field(default="pages.snapshots", min_length=1)
    dlq_topic: str = Field(default="pages.snapshots.dlq", min_length=1)
    new_topic: str = Field(default="entries.new", min_length=1)
    edited_topic: str = Field(default="entries.edited", min_length=1)
    removed_topic: str = Field(default="entries.removed", min_length=1)
    partitions: int = Field(
        default=6, gt=0, description="Partitions of the snapshot topic and the state changelog."
    )
    replication_factor: int = Field(default=1, gt=0, description="For topics the worker creates.")
    processing_guarantee: Literal["exactly_once", "at_least_once"] = "exactly_once"
    table_standby_replicas: int = Field(
        default=1, ge=0, description="Standby copies of the page-state table on other workers."
    )
    commit_interval_s: float = Field(
        default=0.1, gt=0, description="Longest wait before processed snapshots are committed."
    )
    session_timeout_s: float = Field(
        default=10.0,
        ge=6,
        description="A worker silent this long is dropped from the group (a killed one too).",
    )
    web_enabled: bool = Field(default=True, description="faust's HTTP server (metrics, health).")
    web_host: str = "0.0.0.0"
    web_port: int = Field(default=6066, ge=1, le=65535)
    data_dir: Path = Field(
        default=Path(".livediff-worker"), description="faust's working directory."
    )
    max_request_bytes: int = Field(
        default=33 * 1024 * 1024,
        gt=0,
        description="Largest record the worker produces (a dead letter is the whole snapshot).",
    )
    compression_type: Literal["lz4", "zstd", "gzip", "none"] = Field(
        default="zstd",
        description=(
            "Producer compression; page states are large and very compressible. zstd (level 3,"
            " aiokafka's default) packs them tighter than lz4, which aiokafka runs at level 9"
            " at a sixth of the speed."
        ),
    )


class MetricsSettings(BaseModel):
    """The HTTP endpoint of ``streams produce`` and ``streams worker`` (``LIVEDIFF_METRICS__*``).

    Serves ``/metrics`` (Prometheus text format), ``/livez`` and ``/readyz``.
    One port for both commands: in Compose and Kubernetes they run in separate
    containers; on one host give one of them ``--metrics-port``.
    """

    model_config = ConfigDict(frozen=True)

    enabled: bool = Field(default=True, description="Serve /metrics, /livez and /readyz.")
    host: str = Field(default="0.0.0.0", description="Address the endpoint binds to.")
    port: int = Field(default=9464, ge=0, le=65535, description="0 picks a free port.")
    sample_interval_s: float = Field(
        default=5.0,
        gt=0,
        description="How often the worker samples consumer lag, table recovery, entries tracked.",
    )


class Settings(BaseSettings):
    """Service settings. See README ("Configuration") for the full table."""

    model_config = SettingsConfigDict(
        env_prefix="LIVEDIFF_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    limits: Limits = Field(default_factory=Limits)
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    producer: ProducerSettings = Field(default_factory=ProducerSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    enrich_engine: Literal["statistical", "fast", "none"] = Field(
        default="statistical",
        description="Enrichment engine: `statistical` (spaCy en_core_web_sm NER + rules, the "
        "accurate default), `fast` (no model, ~10x+ faster) or `none`.",
    )
    profiles_path: Path | None = Field(
        default=None,
        description="Extra site profiles (TOML, same format as the bundled profiles.toml); "
        "they are tried before the bundled ones.",
    )
