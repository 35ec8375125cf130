"""Finding a real Kafka broker for the integration tests, and stopping what we started.

Order: ``KAFKA_BOOTSTRAP_SERVERS`` if set; else the local launcher
(``deploy/local/kafka-local``, Kafka ``LIVEDIFF_TEST_KAFKA_VERSION``, default 4.3.0);
else testcontainers' Kafka, only when a Docker engine answers a ping. When none
works the caller fails in CI and skips elsewhere: CI must never pass without a broker.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import subprocess
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_VERSION", "LAUNCHER", "Broker", "BrokerUnavailable", "find_broker", "local"]

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "deploy" / "local" / "kafka-local"
DEFAULT_VERSION = "4.3.0"


class BrokerUnavailable(RuntimeError):
    """No way to get a broker; the message lists what was tried and why it failed."""


@dataclass(frozen=True)
class Broker:
    bootstrap_servers: str
    source: str  # "env", "local <version>" or "testcontainers"
    version: str | None = None
    info: dict[str, str] = field(default_factory=dict)  # launcher state (log, sasl address...)


@contextlib.contextmanager
def local(version: str, *extra: str) -> Iterator[Broker]:
    """Start a uniquely named local broker, yield it, always stop it."""
    if not (shutil.which("java") and shutil.which("mvn")):
        raise BrokerUnavailable("local launcher: needs java and mvn on PATH")
    name = f"pytest-{uuid.uuid4().hex[:8]}"
    names = ["--name", name, "--kafka-version", version]
    done = subprocess.run(
        [str(LAUNCHER), "start", *names, "--json", *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise BrokerUnavailable(f"local launcher failed ({done.returncode}):\n{done.stderr}")
    try:
        info = json.loads(done.stdout)
        yield Broker(info["bootstrap_servers"], f"local {version}", version, info)
    finally:
        subprocess.run([str(LAUNCHER), "stop", *names], check=False, timeout=120)


def _docker_answers() -> bool:
    """A Docker engine that answers, not merely a CLI or a socket path."""
    host = os.environ.get("DOCKER_HOST", "")
    if not host and not Path("/var/run/docker.sock").exists():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # docker-py leaks on failure
        try:
            import docker  # type: ignore[import-untyped]

            client = docker.from_env(timeout=3)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except Exception:
            return False
        finally:
            gc.collect()


@contextlib.contextmanager
def _testcontainers() -> Iterator[Broker]:
    from testcontainers.community.kafka import KafkaContainer  # type: ignore[import-untyped]

    with KafkaContainer().with_kraft() as container:
        yield Broker(container.get_bootstrap_server(), "testcontainers")


@contextlib.contextmanager
def find_broker() -> Iterator[Broker]:
    """The broker for this test session (see the module docstring for the order)."""
    if servers := os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield Broker(servers, "env")
        return
    version = os.environ.get("LIVEDIFF_TEST_KAFKA_VERSION", DEFAULT_VERSION)
    tried: list[str] = []
    try:
        with local(version) as broker:
            yield broker
            return
    except BrokerUnavailable as exc:
        tried.append(str(exc))
    if _docker_answers():
        with _testcontainers() as broker:
            yield broker
            return
    tried.append("testcontainers: no Docker engine answered a ping")
    raise BrokerUnavailable("no Kafka broker for the integration tests:\n" + "\n".join(tried))
